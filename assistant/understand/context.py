"""What a clause borrows from the one before it or from the last command: its verb, its devices, its room ("turn
off the tv and the lamp", "the kettle, switch it on", "make it blue"); RuleMatcher inherits `ContextSharing`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from assistant.registry import Device, Registry
from assistant.understand import comfort
from assistant.understand.calls import _tool_for
from assistant.understand.clause import INTENT_TYPES, WHICH_IT, Clause
from assistant.understand.frames import _LIKINGS, _likened, _needs, _unable, reported
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import ROOM_NOUNS, STOPWORDS, TYPE_WORDS, Mention, MentionFinder
from assistant.understand.normalize import CLAUSE_BREAK, DETERMINERS, as_said
from assistant.understand.picking import ALL_OF_THEM
from assistant.understand.reading import _docked, _intent_of, _read_value
from assistant.understand.reasons import outdoors
from assistant.understand.resolving import NOT_SURE, _object_of, _room_one
from assistant.understand.splitting import _unknown_words
from assistant.understand.talk import SAID_ALONE
from assistant.understand.targets import SWITCHABLE
from assistant.understand.vocabulary import (
    CLOSE,
    DOCK,
    DOWN,
    HOME_WORDS,
    NOT_ABOUT_DEVICES,
    OFF,
    ON,
    OPEN,
    PARTICLE_VERBS,
    PARTICLES,
    PRONOUNS,
    QUERY,
    QUESTION_STARTS,
    RAISE_LOWER,
    REPORT_COPULAS,
    SET,
    STATES,
    TYPE_NOUNS,
    UP,
    accounted,
    verb_of,
)

DOING_IT = LEXICON.phrases("doing_it")  # "…, can you do it": the action just said, asked of the house
MEETING = {ON: {ON, UP}, UP: {UP, ON}, OFF: {OFF, DOWN}, DOWN: {DOWN, OFF}}  # a need's way, and the verbs that meet it


class ContextSharing:
    """The clauses of a sentence completed by each other and by the last command (RuleMatcher inherits it
    and sets these attributes)."""

    registry: Registry
    area: str | None
    mentions: MentionFinder
    unaccounted: Callable[[Clause], list[str]]
    _clause: Callable[[list[str], bool], Clause]
    _areas: Callable[[str], tuple[str, ...]]
    _hint: Callable[[Clause], Clause | None]
    _not_there: Callable[[Mention, str], str]

    def _share_context(self, clauses: list[Clause], recent: tuple[Device, ...] = ()) -> list[Clause]:
        """A clause without a verb borrows the previous one's ("turn off the tv and the lamp"); a first
        clause saying "it" means the devices of the last command ("make it blue")."""
        kept: list[Clause] = []
        for clause in clauses:
            previous = kept[-1] if kept else None
            if previous is not None and len(kept) > 1 and previous.tokens and not previous.mentions and all(
                    t in SAID_ALONE for t in previous.tokens):  # "are the blinds open? whatever, open them": an
                kept.pop()  # exclamation between two clauses is no clause; "them" is what was named before it
                previous = kept[-1]
            verb = next((k for k, t in enumerate(previous.tokens) if verb_of(t)), None) if previous else None
            if verb is not None and tuple(clause.tokens) in DOING_IT and previous.intent not in (None, QUERY) and not \
                    previous.question:  # "someone should lock the back door, can you do it": the command asked of
                kept[-1] = self._clause(previous.tokens[verb:], False)  # the house, said once
                continue
            named = [m for m in clause.mentions if m.kind in ("device", "type")]
            _unsaid_asked(kept, clause)
            if previous is not None and not named and len(previous.tokens) == 1 and not previous.mentions:
                called = [m for m in self.mentions.find([*previous.tokens, CLAUSE_BREAK]) if m.kind == "device"]
                if called:  # "hoover, go home": the device called
                    previous.mentions, previous.intent = called, None
            if previous is not None and not named and self._need_named_it(previous, clause):  # "it's too loud,
                kept.pop()  # turn it down": "it" is what the need is of, the room's player; the need is the reason
                previous = kept[-1] if kept else None
                named = clause.devices
            if previous is not None and _feeling_says_the_way(previous, clause):  # "it's freezing, turn the ac up"
                kept.pop()  # the feeling is the reason, which says the way
                previous = kept[-1] if kept else None
            if previous is not None and _what_it_was(previous, clause, named):  # "it is too loud, the radio": the
                at = len(previous.tokens)  # device read where "it" was said, as "the radio is too loud"
                previous.mentions.extend(replace(m, start=m.start + at, end=m.end + at) for m in clause.mentions)
                previous.tokens = [*previous.tokens, *clause.tokens]
                continue
            if clause.correction and previous is not None:  # "… I mean 21", "… no, down": what was corrected
                named = _corrected(clause, previous, named)
            if previous is not None and _room_said_first(clause, previous, named):
                kept.pop()
                previous = kept[-1] if kept else None
            if previous is None and recent and not named:
                self._from_recent(clause, recent)
            elif previous is not None and not named and (previous.devices or previous.type_mention):
                if _beside_a_need(previous, clause) and (self.area is None or any(  # "the tv is too loud, the baby
                        d.area in self._areas(self.area) for m in previous.devices for d in m.devices) or (
                        previous.type_mention is not None and previous.area is None)):  # is asleep": why, said beside
                    continue  # it ("the lamp too bright, my eyes pain": a kind said, of the speaker's room); of a
                    # device in another room than the speaker's, asked as before
                if not self._from_previous(clause, previous, kept):
                    continue
                previous = kept[-1] if kept else None
            if previous is not None:
                self._verb_borrowed(clause, previous, named)
                self._room_of_the_one_before(clause, previous)
                self._room_said_after(clause, previous)
                _completed_by(previous, clause)
            if clause.correction and previous is not None:
                kept.pop()
            kept.append(clause)
        return kept

    def _need_named_it(self, need: Clause, clause: Clause) -> bool:
        """ "it's too loud, turn it down", "it's freezing, turn it up": a need said with no device, then a verb that
        meets it acting on "it": "it" is the device the need is of in the speaker's room (read into `clause`, its
        reason the need), as "the tv is too loud, turn it down" names it. A verb that goes against the need ("it's
        too loud, turn it up") names nothing: asked."""
        if need.mentions or need.intent is not None or need.value is not None or need.question or need.report or \
                need.negated or need.unclear or not _needs(need.tokens) or not any(
                t == "it" and _object_of(clause.tokens, i) for i, t in enumerate(clause.tokens)):
            return False
        met = self._hint(need)
        if met is None or not met.devices or clause.intent not in MEETING.get(met.intent or "", set()):
            return False
        clause.mentions.extend(met.devices)
        clause.reason = [*need.tokens, *clause.reason]
        return True

    def _from_recent(self, clause: Clause, recent: tuple[Device, ...]) -> None:
        """A first clause that names no device reads the last command's: "it" is its devices ("make it blue"), "the
        kitchen one" its kind; none that can do it is said (`unable`)."""
        if clause.implied_type is None and _room_one(clause):
            kinds = {d.type for d in recent}  # "(turn on the sofa lamp,) now the kitchen one": the kind just
            clause.implied_type = kinds.pop() if len(kinds) == 1 else None  # told, in that room
        if clause.area is None and not NOT_ABOUT_DEVICES & set(clause.tokens):  # "what time is it": not the lamp
            implied = INTENT_TYPES.get(clause.intent or "") or clause.implied_type
            kinds = {implied} | ({"light"} if comfort.white_step(clause.tokens) else set())  # "warmer": a lamp too
            if clause.intent in (OPEN, CLOSE) and PRONOUNS & set(clause.tokens) and not any(
                    d.type in kinds for d in recent):  # "is the tv on?" … "close it": off, as "close the tv" is
                kinds |= SWITCHABLE  # (CASES.md batch 10; calls._tool_for turns open and close into on and off for
                # them); a cover said with it is still the one closed
            others = {w for d in self.registry if d.type in kinds and d not in recent for w in d.name_words}
            if PRONOUNS & set(clause.tokens) or (implied and any(d.type in kinds for d in recent) and not (
                    others - set(TYPE_WORDS) - TYPE_NOUNS) & set(clause.tokens)):  # "unlock the back" after the
                # front door: another one named by part of its name, never the front door again
                # "it" reaches only what can do the action: not a scene told "off", not the tv told "brighter"
                devices = tuple(d for d in recent if (implied is None or d.type in kinds) and (
                    (clause.intent is None and clause.value is None) or _tool_for(d, clause)[0] is not None))
                # "it's too loud": a need, read about "it" below (_hint)
                if devices:
                    clause.mentions.append(Mention(0, 0, "device", devices, plural=True, text="it"))
                else:
                    clause.unable = recent

    def _from_previous(self, clause: Clause, previous: Clause, kept: list[Clause]) -> bool:
        """A clause that names no device reads the one before's ("the kettle, switch it on", "the fan in the bathroom,
        on"), which is then dropped from `kept` when it said only which; False when the clause is no command of
        its own (a need the command before meets, said after it)."""
        implied = INTENT_TYPES.get(clause.intent or "") or clause.implied_type
        elsewhere = clause.area is not None and bool(previous.devices) and not any(  # "leave the porch
            d.area in self._areas(clause.area) for m in previous.devices for d in m.devices)  # light, turn
        # off the hallway": a room where the device just named is not; never that device
        if not elsewhere and (PRONOUNS & set(clause.tokens) or (
                previous.intent is None and previous.value is None)):
            # "the kettle, switch it on": the pronoun points at the device just named; "the fan in the
            # bathroom, on": at the kind said there
            clause.mentions.extend(_it_among(kept, clause) or _news_among(kept, clause) or (
                m for m in previous.mentions if m.kind in ("device", "type")))
            kind = previous.type_mention.type if previous.type_mention else None
            if "it" in clause.tokens and (
                    (kind and any(d.type != kind for m in previous.devices for d in m.devices))  # "the light in the
                    # room with the tv, turn it off"
                    or (len({d.id for m in previous.devices for d in m.devices}) > 1 and len(previous.devices) > 1)):
                clause.unclear, clause.ask = True, WHICH_IT  # "the reading lamp is brighter than the sofa lamp, turn it
                # down": either, never both
            if clause.area is None:  # "the kitchen ceiling light ... turn it down": same room
                clause.mentions.extend(m for m in previous.mentions if m.kind == "area")
            if clause.area is None and self.area is not None and previous.speakers_room_said:  # "the sofa lamp in here,
                # turn it off": the speaker's room said with the name before the command
                away = next((m for m in previous.devices if not any(
                    d.area in self._areas(self.area) or d.type == "vacuum" for d in m.devices)), None)
                if away is not None:  # said in the kitchen: a name with a room it is not in, asked as "turn off the
                    clause.unclear, clause.ask = True, self._not_there(away, self.area)  # sofa lamp in here" is
                else:  # "the lights in here, turn them off": that room's
                    clause.mentions.append(Mention(0, 0, "area", area=self.area, text=self.area))
            if previous.intent is None and previous.value is None:
                clause.carried = [] if previous.report or _likened(previous) or _unable(previous) or \
                    reported(previous.tokens, previous) else _unknown_words(previous)  # "the kids want the
                # blinds, open them"; news says how the device is ("the heater smells of burning, turn it
                # off"), what another is doing ("the dog's barking at the sprinkler, turn it off") and the
                # speaker what they cannot do ("I can't reach the tv, would you switch it off"): why, never
                # words of the command
                if clause.intent is None and _docked(clause.tokens, clause.mentions):
                    clause.intent = DOCK  # "roomba, home"
                if clause.intent is None and clause.value is None:
                    self._told(clause)  # "garage door: up", "hoover. go.", "ac: cool"
                kept.pop()
                previous = kept[-1] if kept else None
                while ALL_OF_THEM & set(clause.tokens) and previous is not None and previous.devices and (
                        previous.intent is None and previous.value is None and not _unknown_words(previous)):
                    clause.mentions.extend(previous.devices)  # "the sofa lamp and the reading lamp, both to
                    kept.pop()  # 30": every device named before it
                    previous = kept[-1] if kept else None
        elif implied and clause.area is None:
            # "turn the tv down to 15 and press play": same device, next action
            same = [m for m in previous.devices if any(d.type == implied for d in m.devices)]
            if same and previous.intent is not None and _needs(clause.tokens) and not any(
                    verb_of(t) or t in PARTICLES for t in clause.tokens):
                return False  # "turn on the bedroom speaker, I fancy some music": the need the command meets,
                # said after it, is why; never one more action ("play") of the same device
            clause.mentions.extend(same)
        elif clause.area is not None and previous.type_mention is not None and not any(
                verb_of(t) for t in clause.tokens):  # "the lights on in the kitchen and off in the bedroom"
            clause.mentions.append(previous.type_mention)
        return True

    def _room_of_the_one_before(self, clause: Clause, previous: Clause) -> None:
        """ "stable light and fan on", "bedroom light and fan on": one kind said bare straight after a device or a
        room's device is the one of that kind in that room, where the room has just one (the fan was asked which of
        the home's); a room with none or several, "the lights" (every one), or a speaker in a room with one of the
        kind ("… and the fan" said in the bathroom) is read as before."""
        kind = clause.type_mention
        named = [m for m in clause.devices if not m.plural and len({d.area for d in m.devices}) > 1]  # "lounge fan on
        # and the fan light off": a name said in part that devices of several rooms share (Lounge Fan Light, Master
        # Fan Light), read as a kind is where the room was said ("turn on the tv and the ceiling light" is asked)
        if clause.area is not None or not ((kind is not None and not kind.plural and not clause.devices) or (
                kind is None and len(clause.devices) == 1 and named)):
            return
        rooms = {previous.area} if previous.area else {d.area for m in previous.devices for d in m.devices}
        room = rooms.pop() if len(rooms) == 1 else None
        if named and room is not None and not (set(room.split()) - ROOM_NOUNS) & set(previous.tokens):
            return  # the room said with the device before ("lounge fan", "master fan" of the master bedroom)
        among = named[0].devices if named else [d for d in self.registry if kind is not None and d.type == kind.type]
        here = self.area is not None and any(d.area == self.area for d in among)
        if room is not None and not here and sum(d.area == room for d in among) == 1:
            clause.mentions.append(Mention(0, 0, "area", area=room, text=room))

    def _room_said_after(self, clause: Clause, previous: Clause) -> None:
        """ "switch off the geyser and the exhaust in the master bathroom": a room said after the second of two names
        joined with no verb of its own is where the first is too, where the first names devices of several rooms, one
        of them there and none in the speaker's room (which geyser was asked; the speaker's own is theirs)."""
        if clause.area is None or previous.area is not None or any(verb_of(t) for t in clause.tokens):
            return
        rooms = self._areas(clause.area)
        if any(len({d.area for d in m.devices}) > 1 and sum(d.area in rooms for d in m.devices) == 1 and not any(
                d.area == self.area for d in m.devices) for m in previous.devices):
            previous.mentions.append(Mention(0, 0, "area", area=clause.area, text=clause.area))

    def _verb_borrowed(self, clause: Clause, previous: Clause, named: list[Mention]) -> None:
        """A clause without a verb borrows the one before's ("turn off the tv and the lamp"), and its value or kind."""
        said = [d for m in named for d in m.devices]  # a kind ("the lights") names no scene
        scenes = bool(said) and all(d.type == "scene" for d in said)
        if clause.intent is None and clause.tokens[:1] and clause.tokens[0] in PARTICLES \
                and (named or clause.area is not None):  # "the kitchen lights down and up in the study": its own
            clause.intent = PARTICLES[clause.tokens[0]]
        asked_of_me = previous.question and previous.tokens[1:2] == ["you"] and not previous.mentions  # "are you
        # deaf, the blinds": a question about the assistant, nothing of the blinds asked
        if clause.intent is None and not scenes and not _said_of(clause) and not _own_task(clause) and not \
                asked_of_me:  # "…, good night": the scene, said
            clause.intent = ON if previous.intent == OFF and clause.value is not None else previous.intent  # "turn
            # the speaker off and the aircon to 20": a level of its own is set, as after "turn on", never switched off
            if clause.intent in (OPEN, CLOSE):  # "make the light lower and bedroom": the borrowed "lower" steps a
                clause.way_lent = [t for t in previous.tokens if t in RAISE_LOWER] or previous.way_lent  # light down
            clause.question = previous.question
            clause.unclear = clause.unclear or (previous.unclear and not (previous.report and clause.tokens[
                1:2] == ["is"])) or (  # "it's not too hot in here, it's too cold": news, then how it is said of its own
                not previous.mentions and not clause.mentions and bool(self.unaccounted(previous)))  # "which is
            # better, a kettle or …": talk, too; "clean up my inbox, go at him": a verb borrowed from words read
            # about nothing here reaches nothing either
            lent = clause.value is None and (previous.value_kind in ("color", "speed") or (
                previous.value_kind == "number" and not clause.mentions))  # "fan 3, very hot": the need said after
            if lent:  # a speed said as a number is why, as after "fan high", never a command of its own (the heater
                clause.value, clause.value_kind = previous.value, previous.value_kind  # down); a device named after a
                # number does not take it ("the tv to 20, the sofa lamp": its brightness?)
            if not clause.devices and clause.type_mention is None and previous.type_mention is not None:
                clause.mentions.append(previous.type_mention)
            elif (lent or clause.value_kind in ("color", "speed")) and not clause.mentions and previous.devices:
                clause.mentions.extend(previous.devices)  # "bedroom fan on, low": the named device's, as "fan on, low"
                # is the fan's (a number after a name stays asked: "turn on the tv, 20", its volume or a channel?)
            clause.implied_type = clause.implied_type or previous.implied_type

    def _told(self, clause: Clause) -> None:
        """Read a clause's value and verb again now that it has the device called just before it ("garage door: up"):
        alone, "up" or "cool" said nothing; the borrowed names are words of the clause before, so none of its own."""
        said = clause.mentions
        clause.mentions = [m if clause.said_here(m) else replace(m, start=0, end=0) for m in said]
        _read_value(clause)
        clause.intent = _intent_of(clause.tokens, clause, False)
        clause.mentions = said


def _beside_a_need(need: Clause, clause: Clause) -> bool:
    """ "the tv is too loud, the baby is asleep", "the tv is too loud and my head hurts", "the sofa lamp is too bright
    and I'm trying to sleep": words after a device's need that name nothing of the home and ask nothing (no verb of the
    house, way, state, value, "it" or question) say how someone is, the need's reason; never words of the device,
    which took its need away (none of it was done). A need of the device's name alone ("Dusty, go home") is none."""
    return need.intent is None and need.value is None and _needs(need.unnamed) and not clause.mentions and (
        clause.intent is None and clause.value is None and not clause.question) and not any(
            verb_of(t) or t in PRONOUNS or t in PARTICLES or t in STATES for t in clause.tokens)


def _feeling_says_the_way(need: Clause, clause: Clause) -> bool:
    """ "it's freezing, turn the ac up", "I'm roasting, turn the aircon down": how the room feels, said just before a
    step of an air conditioner's whose way its words leave open (`comfort.direction_unclear`), is the reason that says
    which way (read into `clause`; the step follows it, see `calls._call`)."""
    if need.mentions or need.intent is not None or need.value is not None or need.question or need.report or \
            need.negated or comfort.complaint(need.tokens) is None or clause.intent not in (UP, DOWN):
        return False
    devices = [d for m in clause.devices for d in m.devices]
    if not devices or not all(comfort.direction_unclear(d, clause.tokens) for d in devices):
        return False
    clause.reason = [*need.tokens, *clause.reason]
    return True


def _own_task(clause: Clause) -> bool:
    """ "(whack the heating up to 25,) need to bleed the radiators", "…, have to descale the kettle": "to" and a verb
    the lexicon does not know, before the device, say what the speaker will do to it; never the command before said
    again for it (the heating was asked to go up a step as well)."""
    first = min((m.start for m in clause.mentions if clause.said_here(m)), default=len(clause.tokens))
    return any(a == "to" and b.isalpha() and not accounted(b) for a, b in pairwise(clause.tokens[:first]))


def _said_of(clause: Clause) -> bool:
    """ "…, the ceiling light is too harsh": a device then "is" is a statement about it, not the command before
    said again for it (which would turn on the light complained of); so is "you are …" ("turn your volume up, you're
    very quiet": said of someone on a call, never the room's speaker turned up; "I'm in the kitchen" says where), and
    so is how the speaker likes the home ("I love a warm house")."""
    if clause.tokens[:2] == ["you", "are"]:
        return True
    if clause.tokens[:1] in (["i"], ["we"]) and clause.tokens[1:2] != [] and clause.tokens[1] in _LIKINGS and \
            HOME_WORDS & set(clause.tokens):
        return True  # "(turn the heating up,) I love a warm house": how the speaker likes the home, never the command
        # said again for the whole home (every heater had been stepped up; helper V, batch 76)
    said = [m for m in clause.mentions if clause.said_here(m)]
    end = max((m.end for m in said), default=len(clause.tokens))
    return any(m.devices for m in said) and clause.tokens[end:end + 1] != [] and clause.tokens[end] in REPORT_COPULAS


def _unsaid_asked(kept: list[Clause], clause: Clause) -> None:
    """What the command before leaves unsaid, said after it: "close the curtains but leave a gap" (how far), "the fan on
    high, well, medium" (which value); all of it asked."""
    told = kept[max((k for k, c in enumerate(kept) if c.mentions), default=0):]  # back to the last named
    if told and clause.tokens[:1] in (["leave"], ["keep"]) and len(clause.tokens) > 1 and not (
            clause.mentions or clause.correction or PRONOUNS & set(clause.tokens)):
        for c in (*told, clause):  # "close the curtains but leave a gap": how far is not said; asked
            c.unclear = True
    if any(c.value is not None for c in told) and not clause.mentions and not clause.correction and \
            clause.value is not None and not any(verb_of(t) for t in clause.tokens):
        for c in (*told, clause):  # "the fan on high, well, medium", "blue, or maybe green": a second value
            c.unclear = True  # for the same command; which one is meant is asked


def _corrected(clause: Clause, previous: Clause, named: list[Mention]) -> list[Mention]:
    """A correction takes what it does not say again from what it corrects ("… I mean 21", "… no, down"); the
    devices it names (those corrected, when it names none)."""
    clause.negated = clause.negated or previous.negated  # "don't turn on the coffee maker, I mean the …"
    clause.carried = _unknown_words(previous)
    said = [t for t in clause.tokens if t not in STOPWORDS and t != "1"]
    if not named and said and clause.value is None and clause.area is None and not any(
            verb_of(t) or t in PARTICLES or t in STATES for t in said):  # "turn on the sofa lamp, no,
        clause.unclear = True  # the other one", "…, no, the radio": not that device, and no other named
        clause.ask = "Which one do you mean?" if {"other", "another"} & set(said) else NOT_SURE if \
            clause.tokens[0] in QUESTION_STARTS else f"I don't know a device called {as_said(said)}."
        # ("close the garage door, hold on, is the car inside?": not sure, never closed)
    if not named:
        clause.mentions.extend(m for m in previous.mentions if m.kind in ("device", "type", "area"))
        named = [m for m in clause.mentions if m.kind in ("device", "type")]
    if clause.value is None and clause.intent in (None, previous.intent):
        clause.value, clause.value_kind = previous.value, previous.value_kind
    return named


def _room_said_first(clause: Clause, previous: Clause, named: list[Mention]) -> bool:
    """ "the study, lights off", "bedroom brightness, 50%": a clause of only a room said before this one is its room
    (taken into it; the caller drops the room's clause)."""
    if named and clause.area is None and previous.area is not None and not (
            previous.devices or previous.type_mention or previous.intent or previous.value is not None
            or _unknown_words(previous) or outdoors(previous.tokens)):  # "the study, lights off": the room said
        # first is theirs; "it's dark outside, close the blinds": the daylight, the blinds the speaker's room's
        clause.mentions.extend(m for m in previous.mentions if m.kind == "area")
        return True
    if not named and clause.area is None and clause.value is not None and \
            previous.area is not None and not (previous.devices or previous.type_mention or previous.intent or
                                               previous.value is not None or _unknown_words(previous)):
        clause.mentions.extend(m for m in previous.mentions if m.kind == "area")  # "bedroom brightness, 50%"
        clause.implied_type = clause.implied_type or previous.implied_type  # (Whisper's comma): the room's,
        return True  # never the speaker's room
    return False


def _what_it_was(previous: Clause, clause: Clause, named: list[Mention]) -> bool:
    """A device alone said after a clause about "it" that names none and asks nothing of it ("it is too loud, the
    radio", "es ist zu laut, das Radio" said in English): what "it" was, never a clause of its own."""
    said = {i for m in clause.mentions for i in range(m.start, m.end)}
    return bool(named) and "it" in previous.tokens and not previous.mentions and previous.intent is None and \
        clause.intent is None and clause.value is None and all(
            i in said or t in DETERMINERS for i, t in enumerate(clause.tokens))


def _it_among(kept: list[Clause], clause: Clause) -> list[Mention]:
    """ "it" after one verb said for several devices ("turn on the desk lamp and the study heater and turn it up"):
    the one of them that can do what is asked ("turn on the tv and the kettle and turn it up": the tv); where more
    than one can, which is asked (the whole sentence held), never the last one named. Empty where one device was told
    (then "it" is it)."""
    together = kept[-1:]
    while len(together) < len(kept) and together[0].intent == kept[-len(together) - 1].intent and not any(
            verb_of(t) or t in PARTICLES for t in together[0].tokens):
        together = kept[-len(together) - 1:]
    if "it" not in clause.tokens or len(together) < 2:
        return []
    able = [m for c in together for m in c.devices if any(_tool_for(d, clause)[0] is not None for d in m.devices)]
    if len({d.id for m in able for d in m.devices}) > 1:
        for c in (*together, clause):  # nothing of the sentence is done before the answer
            c.unclear, c.ask = True, WHICH_IT
    return able


def _news_among(kept: list[Clause], clause: Clause) -> list[Mention]:
    """ "the sofa lamp and the reading lamp are on, turn them off": news said of names joined by "and", then a
    command on "them": every one of them; on "it", which is asked (never the last one named). Empty where the clause
    before is no news of several."""
    together = kept[-1:] if kept and kept[-1].report else []
    while together and len(together) < len(kept) and (before := kept[-len(together) - 1]).intent is None and \
            before.value is None and before.devices and not any(verb_of(t) for t in before.tokens):
        together.insert(0, before)
    if len(together) < 2:
        return []
    if "it" in clause.tokens:
        clause.unclear, clause.ask = True, WHICH_IT
    return [m for c in together for m in c.devices]


def _completed_by(previous: Clause, clause: Clause) -> None:
    """The clause before, left without its way or value, takes it from this one ("put the kettle and the coffee on",
    "set the heating, to 21")."""
    if previous.intent == SET and previous.value is None and clause.intent in (
            ON, OFF) and previous.tokens and previous.tokens[0] in PARTICLE_VERBS and not any(
            verb_of(t) for t in clause.tokens):  # "put the kettle and the coffee on": on, both
        previous.intent = clause.intent
    if previous.value is None and previous.intent in (SET, UP, DOWN) and clause.value is not None:
        previous.value, previous.value_kind = clause.value, clause.value_kind
