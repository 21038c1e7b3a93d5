"""One clause to calls or a reply: its devices chosen (TargetChoosing), what it leaves out taken away (Excluding),
and each device's call made, held for a yes, or refused; RuleMatcher inherits `ClauseResolving`."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from assistant.registry import Device
from assistant.tools import COLORS, ToolCall
from assistant.understand.asides import thing_told
from assistant.understand.beside_names import _placed_by_device, _placed_by_unknown, _unknown_beside
from assistant.understand.calls import _call
from assistant.understand.clause import OUT_OF_HOME, PART_OF_NOW, WHICH_ROOM, Ask, Clause, OutOfRange, RuleResult, which
from assistant.understand.elsewhere import named_elsewhere
from assistant.understand.exclusions import Excluding, _only_which
from assistant.understand.frames import _needs
from assistant.understand.mentions import STOPWORDS, Mention
from assistant.understand.normalize import as_said
from assistant.understand.targets import TargetChoosing, nameable
from assistant.understand.vocabulary import (
    CAUSATIVES,
    CHOOSING_WORDS,
    CLEAN,
    EVERYTHING_WORDS,
    FUNCTION_WORDS,
    HERE_WORDS,
    HINTS,
    HOME_WORDS,
    MEDIA_WORDS,
    MUTE,
    ON,
    OPEN,
    OPENING_NOUNS,
    PARTICLES,
    PAUSE,
    PLAY,
    PRONOUNS,
    QUERY,
    ROBOT_MESSES,
    SET,
    SPEAKER_WORDS,
    STATUS_WORDS,
    UNLOCK,
    UNMUTE,
    VERBS,
    changes_meaning,
    verb_of,
)

NOT_SURE = "Sorry, I'm not sure what you want done; please say it as a command."
CHOICE = "<choice>"  # where the choice asked for goes in the sentence asked about: "turn on <choice>"
DIRECTION = "<direction>"  # where "cooler or warmer?" is answered: "turn up the ac <direction> it is hot"


class ClauseResolving(Excluding, TargetChoosing):
    """The calls or the reply for one clause (RuleMatcher inherits it and sets these attributes)."""

    _not_done: Callable[[list[str]], str]

    def _resolve(self, clause: Clause, result: RuleResult) -> None:
        """One clause's calls, or its reply, added to `result`: what makes it unanswerable is said first, then its
        devices are chosen, what it leaves out is taken away, and each device's call is made (held for a yes where
        which device is meant is in doubt)."""
        if self._answered_first(clause, result):
            return
        clause = self._by_use(clause) or clause
        started = clause.intent == ON and clause.type_mention is None and clause.implied_type is None
        unknown = [*self.unaccounted(clause), *clause.carried] if not clause.question else []
        nearly = _nearly(clause, unknown)
        cannot = self._cannot_do(clause, unknown)
        if cannot is not None:
            result.replies.append(cannot)
            return
        needed = self._need_read(clause, started, result)
        if needed is None:
            return
        widened = self._but_a_room(needed)
        clause = widened or needed
        targets = self._devices_or_reply(clause, result)
        if targets is None or _undecided(clause, targets, result):
            return
        if clause.excluded:
            targets = self._left_out(clause, targets, result)
        if targets is None or self._count_unmet(clause, targets, result):
            return
        elsewhere = named_elsewhere(clause, targets, self._areas(self.area) if self.area and not (
            clause.speakers_room_said) else ())  # "the extractor" said in the bedroom: the ensuite's, asked
        _add_calls(clause, targets, unknown, bool(nearly or widened or elsewhere), result)

    def _answered_first(self, clause: Clause, result: RuleResult) -> bool:
        """A clause answered before any device is chosen: its devices cannot do it, it is refused, or it is unclear."""
        if clause.unable:
            names = " and the ".join(d.said_name for d in clause.unable)
            result.replies.append(f"The {names} can't do that. Which device do you mean?")
            if PRONOUNS & set(clause.tokens):  # "make it brighter": the answer is said in place of "it"
                result.asked.append((CHOICE, tuple(self.registry)))
            return True
        if clause.negated:
            result.replies.append(self._not_done(list(clause.tokens)))
            return True
        if clause.unclear:
            result.replies.append(clause.ask or NOT_SURE)
            if clause.ask == PART_OF_NOW:  # the level answered is said in place of "by half"
                result.asked.append((CHOICE, ()))
            return True
        return False

    def _cannot_do(self, clause: Clause, unknown: list[str]) -> str | None:
        """The reply to what the rules cannot do or read here: choosing what plays, "them" with nothing before, cleaning
        anything but floors, a name with a word against it, or only words that name no device. None otherwise."""
        choosing = (bool(CHOOSING_WORDS & set(clause.tokens)) and (clause.intent == PLAY or bool(
            MEDIA_WORDS & set(clause.tokens)))) or (clause.intent == PLAY and any(  # "next song on the speaker", "play
                a in SPEAKER_WORDS and b in MEDIA_WORDS for a, b in pairwise(clause.tokens)))  # something else", "play
        # my song": one piece, not whatever was playing
        if clause.content or (clause.intent == PLAY and unknown) or choosing:  # "the tv to channel 5", "play the match"
            return "Sorry, I can only play, pause and set the volume; I can't choose what plays."
        if {"them", "those", "these"} & set(clause.tokens) and not any(
                m.kind in ("device", "type") for m in clause.mentions):
            return "Which devices do you mean?"  # "dim them a bit" with nothing said before
        if clause.intent == CLEAN and not self._floors(clause):
            return "The robot vacuum only cleans floors."  # "clean the windows", "clean the oven"
        beside = _unknown_beside(clause)
        if beside:  # "open the front blinds", "show me the front door camera": another thing than the one named
            return f"I don't know a device called {beside}."
        named = any(clause.said_here(m) for m in clause.mentions)
        if unknown and not named:  # "send a laugh my way": nothing names a device; a guess is not worth asking
            commanded = any(verb_of(t) for t in clause.tokens) or thing_told(clause)  # "turn off the tv and the
            # dishwasher": the verb lent to a thing the home lacks
            return OUT_OF_HOME if not commanded else NOT_SURE if not nameable(
                unknown, clause.tokens) else f"I don't know a device called {as_said(unknown)}."
        return None

    def _need_read(self, clause: Clause, started: bool, result: RuleResult) -> Clause | None:
        """A clause with no value read as a reading asked ("temperature living room") or a need met ("it's too dark in
        the study"); None when that is answered with a question."""
        read = bool(clause.devices and STATUS_WORDS & set(clause.tokens)) or self._reading(clause)  # "front door
        # status", "study heater temperature" (what it measures, said after it: how it is)
        if clause.intent is None and clause.value is None and read:
            clause.question, clause.intent = True, QUERY  # "temperature living room": its reading, not the AC; "front
            # door status"
        if clause.value is None and (clause.intent in (None, SET) or started):  # "start the coffee"
            hinted = self._hint(clause)
            if hinted is not None and hinted.unclear:
                result.replies.append(hinted.ask or WHICH_ROOM)
                return None
            if hinted is not None:
                hinted.count, clause = clause.count, hinted  # "the 2 lamps in the living room are too bright"
            elif clause.intent is None and clause.devices and _needs(clause.unnamed):  # "the porch light is too loud":
                # a need the device named cannot meet; no reading of it is safe, the model's neither
                names = " and the ".join(d.name for m in clause.devices for d in m.devices)
                result.replies.append(f"What should I do with the {names}?")
                return None
        return clause

    def _devices_or_reply(self, clause: Clause, result: RuleResult) -> list[Device] | None:
        """The devices the clause means, or None when the reply (which one, which room, no such device) is given."""
        if _it_unsaid(clause):  # "open it", "unlock it" with nothing said before: never the room's cover or lock
            result.replies.append(self._unknown(clause))
            result.asked.append((CHOICE, tuple(self.registry)))
            return None
        targets, problem = self._targets(clause)
        if isinstance(problem, Ask):
            result.asked.append((" ".join(clause.tokens), problem.options))
            problem = problem.text
        if problem is not None:
            result.replies.append(problem)
            return None
        if not targets and self._one_in_room(clause, result):
            return None
        if not targets:
            if clause.intent is not None or clause.value is not None:
                result.replies.append(self._unknown(clause))
                if clause.intent != QUERY and PRONOUNS & set(clause.tokens):  # "Which device do you mean by "it"?"
                    result.asked.append((CHOICE, tuple(self.registry)))
            else:
                result.replies.append(OUT_OF_HOME)
            return None
        return targets

    def _left_out(self, clause: Clause, targets: list[Device], result: RuleResult) -> list[Device] | None:
        """The targets but those the clause leaves out ("all the lights except the porch light"), and a call of the
        clause before taken back when it is what is left out; None when the reply (which to leave, nothing left) is
        given."""
        left_out, problem = self._excluded(clause)
        if problem is not None:
            result.replies.append(problem)
            return None
        ids = {d.id for d in left_out}
        earlier = [c for c in result.calls if c.device in ids]  # "turn off all the lights, and the tv, but not
        # the porch light": left out of the clause before, which has it
        if earlier and not {d.type for d in left_out} & {d.type for d in targets}:
            result.calls[:] = [c for c in result.calls if c.device not in ids]
        elif not {d.type for d in left_out} & {d.type for d in targets} and not _only_which(clause):
            # "all the lights except the ceiling" (the ceiling fan): not the kind being switched, so not what
            # was meant; "the blinds but not the curtains" only says which
            result.replies.append(f"Which of them should I leave out: {' '.join(clause.excluded)}?")
            return None
        targets = [d for d in targets if d not in left_out]
        if not targets:
            result.replies.append("That leaves nothing to do.")
            return None
        return targets

    def _count_unmet(self, clause: Clause, targets: list[Device], result: RuleResult) -> bool:
        """ "a couple of lights in the living room" of three, "one light" of two: which is not said, asked (never all
        of them); False when the count said is the devices' or none is."""
        if clause.count is not None and clause.count != len(targets):  # "a couple of lights in the living room" of
            # three, "one light" of two: which is not said; never all of them
            room = next((m for m in clause.mentions if m.kind == "area" and clause.said_here(m)), None)
            if clause.count == 1 and room is not None and _room_one(clause) and len(targets) <= 4:
                self._ask_in_room(clause, room, targets, result)  # "(the sofa lamp on,) now the kitchen one"
                return True
            result.replies.append("Which one do you mean?" if clause.count == 1 else "Which ones do you mean?")
            return True
        return False

    def _one_in_room(self, clause: Clause, result: RuleResult) -> bool:
        """ "turn off the study one", "switch off the kitchen" with no kind said and nothing before it: a room is no
        device, so which of its devices is asked ("Which one in the study: the desk lamp or the study heater?"), the
        answer put in its place; one that can do it alone is asked yes or no. False when the clause is not that."""
        room = next((m for m in clause.mentions if m.kind == "area" and clause.said_here(m)), None)
        if room is None:
            return False
        rest = [t for i, t in enumerate(clause.tokens) if not room.start <= i < room.end]
        kind = clause.implied_type if _room_one(clause) else None  # "dim the kitchen one": which of its lights
        if clause.intent in (None, QUERY) or clause.type_mention is not None or clause.devices or (
                clause.implied_type != kind or PRONOUNS & set(rest)) or not all(  # "the kitchen radio": a name
                t in STOPWORDS or t in VERBS or t in PARTICLES or t == "1" for t in rest):  # not known, said back
            return False
        there = [d for d in self.registry if d.area in self._areas(room.area or "") and d.type != "scene" and (
            kind is None or d.type == kind)]
        calls = [c for d in there for c in [_call(d, clause)[0]] if c is not None]
        if len(calls) == 1:
            result.held.append(calls[0])  # "Did you mean: turn off the desk lamp?"
            return True
        if not calls:
            return False
        self._ask_in_room(clause, room, [self.registry[c.device] for c in calls if c.device], result)
        return True

    @staticmethod
    def _ask_in_room(clause: Clause, room: Mention, options: list[Device], result: RuleResult) -> None:
        """ "Which one in the kitchen: the ceiling light or the counter lights?": the answer put in place of the room
        and its "one"."""
        one = clause.tokens[room.end:room.end + 1] == ["1"]
        said = [*clause.tokens[:room.start], CHOICE, *clause.tokens[room.end + one:]]
        result.asked.append((" ".join(said), tuple(options)))
        result.replies.append(which(options).text.replace("Which one:", f"Which one in the {room.area}:", 1))

    @staticmethod
    def _floors(clause: Clause) -> bool:
        """What a clause tells the robot vacuum to clean is a room, the floors, or the robot itself, or what a robot
        named cleans up ("roomba clean up this mess": lexicon `robot_messes`): every other word is grammar or a verb."""
        said = {i for m in clause.mentions if m.kind == "area" or any(d.type == "vacuum" for d in m.devices)
                or m.type == "vacuum" for i in range(m.start, m.end)}
        robot = any(any(d.type == "vacuum" for d in m.devices) or m.type == "vacuum" for m in clause.mentions)
        floors = _floor_words() | (ROBOT_MESSES if robot else frozenset())
        return all(i in said or t in STOPWORDS | FUNCTION_WORDS | EVERYTHING_WORDS | HOME_WORDS | HERE_WORDS
                   | floors | set(PARTICLES) or verb_of(t) for i, t in enumerate(clause.tokens))


def _room_one(clause: Clause) -> bool:
    """ "the kitchen one", "the study ones": a room said before "one", which stands for a kind not said."""
    return any(m.kind == "area" and clause.said_here(m) and clause.tokens[m.end:m.end + 1] in (["1"], ["ones"])
               for m in clause.mentions)


def _it_unsaid(clause: Clause) -> bool:
    """ "open it", "unlock it", "set it to 20 percent", "clean it" said with nothing before: "it" is the object of the
    verb and names no device, as "them" names none ("Which devices do you mean?"); never the one device of the room
    the verb can move (the balcony's awning for what may be its door). A media verb's "it" is the room's player
    ("pause it", CASES.md); "it" of how a room is made ("make it brighter", "get it warmer"), of how it feels ("warm it
    up", "cool it down"), with "all" ("open it all") or with the room said ("light it up in here") is the room."""
    tokens = clause.tokens
    return any(t == "it" and _object_of(tokens, i) for i, t in enumerate(tokens)) and not any(
        m.kind in ("device", "type", "area") for m in clause.mentions) and not HERE_WORDS & set(tokens) and \
        clause.intent not in (PLAY, PAUSE, MUTE, UNMUTE) and clause.implied_type != "climate"


def _object_of(tokens: list[str], at: int) -> bool:
    """The word at `at` is said as what the verb before it acts on ("open it", "set it to 20"), not a room made or
    kept some way ("make it brighter") nor the start of "it all"."""
    if at == 0 or verb_of(tokens[at - 1]) is None:
        return False
    after = tokens[at + 1:at + 2]
    made = tokens[at - 1] in CAUSATIVES and after != [] and after[0] not in PARTICLES and after != ["to"] and not (
        _colour_said_at(tokens, at + 1))  # "make it red", "turn it purple": a device's colour, never how a room is made
    return not made and not EVERYTHING_WORDS & set(after)


def _colour_said_at(tokens: list[str], at: int) -> bool:
    """A colour's words said at `at` ("red", "warm white"), all of them."""
    return any(tokens[at:at + len(words)] == words for words in (c.split() for c in COLORS))


def _dropped(word: str, devices: tuple[Device, ...]) -> bool:
    """The word is a word of the devices' names with letters left out ("frnt" for "front"), not another word."""
    return any(_letters_in(word, name) for d in devices for name in d.name_words)


def _letters_in(word: str, name: str) -> bool:
    rest = iter(name)
    return all(letter in rest for letter in word)


def _floor_words() -> frozenset[str]:
    """The words that ask the robot vacuum to clean ("floor", "carpet"): said to open something, another thing."""
    return next((triggers for triggers, intent, *_ in HINTS if intent == CLEAN), frozenset())


def _nearly(clause: Clause, unknown: list[str]) -> list[str]:
    """What a way in or a scene was named by, heard nearly (`_not_guessed`), "floor" said to open something ("open the
    garage floor"), and a word after a room where the rest of a name is said ("open the garage store"): asked as it
    is, never the model's guess."""
    nearly = [m.text for m in clause.devices if m.fuzzy and clause.said_here(m) and _not_guessed(clause, m) and not all(
        _dropped(w, m.devices) for w in m.text.split())]  # "the frnt door" is typed short, and no other word
    nearly += [t for t in clause.tokens if clause.intent == OPEN and t in _floor_words()]  # "open the garage
    # floor": not the garage door; a way in is opened only when said
    nearly += [t for i, t in enumerate(clause.tokens) if t in unknown and any(  # "open the garage store": a
        m.end == i and m.kind == "area" for m in clause.mentions)]  # word after a room, where the rest of a
    # name is said, may be that name misheard; asked as it is
    return nearly


def _not_guessed(clause: Clause, named: Mention) -> bool:
    """What a name heard nearly is never guessed to be: a way in unlocked or opened ("unlock the black door": a name
    heard nearly never lets anyone in), and a scene, which changes many things at once, none of them the safe way
    ("on the good knight": a brand of mosquito repellent, not the Good Night scene)."""
    devices = named.devices
    return all(d.type == "scene" for d in devices) or clause.intent == UNLOCK or (
        clause.intent == OPEN and any(OPENING_NOUNS & d.name_words for d in devices))


def _undecided(clause: Clause, targets: list[Device], result: RuleResult) -> bool:
    """A clause of only names: a scene's is activated, a sensor's read, any other device's left undecided (True)."""
    if clause.intent is None and clause.value is None:
        if all(d.type == "scene" for d in targets):
            clause.intent = ON  # a scene's name alone ("movie night") means: activate it
        elif all(d.type == "sensor" for d in targets):
            clause.question, clause.intent = True, QUERY  # "living room temperature": a sensor is only read
        else:
            result.undecided.append((" ".join(clause.tokens), targets))
            return True
    return False


def _add_calls(clause: Clause, targets: list[Device], unknown: list[str], doubted: bool, result: RuleResult) -> None:
    """Each device's call, done, held for a yes (`doubted`: a name heard nearly, a room widened; a place said by
    what the home does not know or another device), guessed, or the device's refusal said."""
    calls: list[ToolCall] = []
    refusals: list[str | Ask | OutOfRange] = []
    for device in targets:
        call, refusal = _call(device, clause)
        if call is not None:
            calls.append(call)
        elif refusal:
            refusals.append(refusal)
    if calls and (doubted or _placed_by_unknown(clause.tokens, unknown) or _placed_by_device(clause) or any(
            changes_meaning(w) for w in unknown) or clause.name_ended_by_verb is not None):
        result.held.extend(calls)  # "Did you mean: unlock the back door?"; "the kitchen light over the sink": which
        # one is meant is not known, asked as it is, never the model's guess ("turn off the tv pump": it turned the tv
        # off)
    elif calls and unknown:
        result.unsure.append((" ".join(clause.words), calls))  # "Did you mean: …?"
    elif calls:
        result.calls.extend(calls)
    elif isinstance(refusals[:1] and refusals[0], Ask):  # "cooler or warmer?": the answer completes it, said
        said = [*clause.tokens, DIRECTION, *clause.marker, *clause.excluded, *clause.reason]  # right after the
        result.asked.append((" ".join(said), refusals[0].options))  # command, before its reason
        result.replies.append(refusals[0].text)
    elif isinstance(refusals[:1] and refusals[0], OutOfRange):  # "68 is outside what …": the value meant, said
        result.replies.append(refusals[0].message)  # next, corrects it
        result.out_of_range.append(refusals[0])
    elif refusals and isinstance(refusals[0], str):
        result.replies.append(refusals[0])
