"""Follow-ups of the last command: "a bit more", "and the bedroom", "the kitchen one", "50 percent", "off",
"too much", "lock them both"; each read as the last command's calls again, or said in full.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.registry import Device
from assistant.tools import ToolCall
from assistant.understand.answers import further, named_one, one_said
from assistant.understand.clause import Ask, which
from assistant.understand.conversation import Conversation
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import STOPWORDS, Mention
from assistant.understand.normalize import CLAUSE_BREAK, normalize
from assistant.understand.picking import ALL_OF_THEM
from assistant.understand.rules import verb_of
from assistant.understand.talk import HALTING
from assistant.understand.vocabulary import (
    CLOCK_WORDS,
    CONDITION_WORDS,
    DAY_PARTS,
    FRACTIONS,
    FULL_WORDS,
    HOME_WORDS,
    LATER_WORDS,
    LOWEST_WORDS,
    NAMING_NOUNS,
    NEGATIONS,
    NUMBER_UNITS,
    PARTICLES,
    QUESTION_STARTS,
    RELATIVE_WORDS,
    SPEEDS,
    TIME_UNITS,
    as_number,
)
from assistant.understand.when import DAY_WORDS, find_times

ADDING_WORDS = LEXICON.words("adding_words")  # "and the back one", "the lamp too": more, never one of them
POINTING_WORDS = LEXICON.words("pointing_words")  # "and that one": a device pointed at, which the house cannot see
REDOING_VERBS = LEXICON.words("redoing_verbs")  # "now do the living room": "now the living room"
REPEAT_WORDS = LEXICON.words("repeat_words")  # "a bit more", "again"
FILLER_WORDS = LEXICON.words("follow_up_fillers")  # "just a touch": nothing of their own
STEP_WAYS = LEXICON.words("step_ways")  # said alone after a command, of its devices ("higher", "up a bit")
AFFIRMATIONS = LEXICON.words("affirmations")  # "yes turn it off", with no question pending
LEVELS = LEXICON.derived(lambda: FRACTIONS.keys() | FULL_WORDS | LOWEST_WORDS | SPEEDS.keys() | NUMBER_UNITS
                         | LEXICON.words("half_words"))  # said alone ("turn on the sofa lamp" … "half": it, at 50)
_DIAL_WORDS = LEXICON.words("dial_words")  # "number three" after "on the fan": its speed (a player's: a channel)
TIME_SAID = LEXICON.derived(lambda: TIME_UNITS | LATER_WORDS | CONDITION_WORDS - {"once"} | DAY_PARTS | CLOCK_WORDS
                            | DAY_WORDS - {"every"})


class FollowUps(Conversation):
    """A sentence that says only part of a command, read with the last command."""

    def _repeat(self, text: str) -> list[ToolCall] | Ask | None:
        """ "a bit more", "again": the last calls once more; "do the same with the bedside lamp": the last
        actions on other devices; "the kitchen one" where the kitchen has two: which of them. None when the
        sentence is not such a follow-up. A time said with it is theirs ("and the speaker in ten minutes"); one
        not read whole ("… tomorrow") is left to the rules, which ask about it."""
        times, tokens = find_times(normalize(text))
        if len(times) > 1 or any(t.problem for t in times) or set(tokens) & TIME_SAID:
            return None
        same = self._same(tokens)
        if times and isinstance(same, list):
            return [times[0].on(c) for c in same]
        return None if times else same

    def _same(self, tokens: list[str]) -> list[ToolCall] | Ask | None:
        """The follow-up's calls or question, its time taken out."""
        words = set(tokens)
        if words & NEGATIONS:
            return None  # "and not the desk lamp", "not that one", "no more": never the same again
        one = one_said(tokens)
        if self._more_of_the_same(tokens, words, one) or "same" in words:
            targets = self._same_on(tokens, words, one)
            if not isinstance(targets, list):
                return targets
            # the same action, and the same time: "… in 10 minutes", "do the same in the bedroom"
            asked = all(c.tool == "get_state" for c in self._last_calls)  # "is the front door locked" ... "and
            calls = [replace(c, device=d.id, words=tuple(tokens)) for d in targets for c in self._last_calls
                     if (c.tool != "get_state" or asked) and c.device]  # the back door?": the same question
            return [c for c in dict.fromkeys(calls) if self.registry.accepts(c)] or None
        if words & REPEAT_WORDS and words <= REPEAT_WORDS | FILLER_WORDS:  # "open the blinds" … "a bit more":
            more = [further(c) for c in self._last_calls]  # a step further, not opened again
            return [c for c in more if self.registry.accepts(c)] or None
        return None

    def _more_of_the_same(self, tokens: list[str], words: set[str], one: bool) -> bool:
        """The follow-up adds to the last command with no verb of its own ("and the counter lights too", "now the
        bathroom one", "the rest"), or names only a room with no question pending ("(now) the bedroom", "now do the
        living room"): the same there, as "do the same in …". "and off the tv" says its own direction: never the last
        one's."""
        too = tokens[-1:] == ["to"] or tokens[-2:] == ["as", "well"]  # "the desk lamp too" ("too" is read "to")
        named_at = {i for m in self.rules.mentions.find(tokens) if m.kind in ("device", "area") for i in range(
            m.start, m.end)}  # "and the boot room one": a name's or a room's word is no verb
        also = bool(tokens) and (tokens[0] == "and" or bool(words & {"also", "rest", "others"}) or too or one) and \
            not any((verb_of(t) or t in PARTICLES) and i not in named_at for i, t in enumerate(tokens))
        room_only = self._asked is None and self.rules.room_answered([t for i, t in enumerate(tokens) if not (
            t in REDOING_VERBS and tokens[i + 1:i + 2] == ["the"])]) is not None
        return also or room_only

    def _same_on(self, tokens: list[str], words: set[str], one: bool) -> list[Device] | Ask | None:
        """The devices the last command is done again on: those named, the same kind in the room said, the others of
        it, the one a word picks ("and the back one"), or the last ones again; a question where several may be meant;
        None where the follow-up says something the last command did not (it is then no follow-up)."""
        mentions = self.rules.mentions.find(tokens)
        if not mentions and words <= STOPWORDS | FILLER_WORDS | {"and", "also", "now"}:
            return None  # "and the", "also the": the start of a sentence cut short, never the last one again
        named = [d for m in mentions if m.kind == "device" for d in m.devices]
        # "do the same in the bedroom": the same kind of device there, not the last ones again
        rooms = {a for m in mentions if m.kind == "area" for a in self.registry.area_groups.get(m.area or "",
                                                                                             (m.area,))}
        kinds = {d.type for d in self._recent}
        pointed = any(t == "1" and tokens[i - 1] in POINTING_WORDS for i, t in enumerate(tokens) if i)
        if one and pointed and not named and not rooms:  # "and that one", "that one too": pointed at, which
            return None  # the house cannot see; never the last device again
        guarded = any(d.guards_a_way_in for d in self._recent)  # "close the blinds" … "and the garage": never the
        there = [d for d in self.registry if d.area in rooms and d.type in kinds  # garage door, a way in unnamed
                 and (guarded or not d.guards_a_way_in)]
        if len(self._recent) == 1:  # "turn on the kitchen ceiling light" … "and the living room": its ceiling
            there = [d for d in there if d.name == self._recent[0].name] or there  # light, not every light there
        if one and not named and len(there) > 1:
            return which(there)  # "the kitchen one" where there are two: not both, nor a guess
        if words & {"other", "others", "rest"} and not named:  # "the other one too": the same kind, not the one
            others = self._the_others(words, mentions, kinds, rooms, guarded)  # just done; "and the other lamps"
            if not isinstance(others, list):
                return others
            there = others
        placed = {i for m in mentions for i in range(m.start, m.end)}
        unread = [t for i, t in enumerate(tokens) if i not in placed and t not in STOPWORDS | FILLER_WORDS | {
            "and", "also", "to", "as", "well", "1", "other", "others", "rest", "same", "now", "too"} | HOME_WORDS]
        by = named_one(tokens) or (unread[0] if len(unread) == 1 and not named and not rooms else None)
        if unread and not by:  # "and the back" of the front door's kind; any other word said means something the
            return None  # last command did not ("and the reading lamp to 50"): never that command again
        if by and not named and not rooms and "other" not in words:  # "lock the front door" ... "and the back
            if self._narrowed(tokens):  # "turn on the kitchen lights" … "the ceiling one": one of them
                return None
            there = [d for d in self.registry if d.type in kinds and by in d.name_words and d not in self._recent]
            if len(there) != 1:  # one": the back door; never the front door again, nor a guess
                return which(there) if there else None
        kinds_said = any(m.kind == "type" for m in mentions)  # "and the lights" after the tv: not the tv again
        if kinds_said and not named and not there:  # "and the fan", "and the lights in the kitchen": the kind said,
            found = self._kind_said(tokens, mentions)  # where the rules find it, gets the same action
            if isinstance(found, Ask):
                return found
            there = found
        return named or there or ([] if rooms or kinds_said else list(self._recent))

    def _the_others(self, words: set[str], mentions: list[Mention], kinds: set[str], rooms: set[str | None],
                    guarded: bool) -> list[Device] | Ask | None:
        """ "the other one too", "and the other lamps", "and the rest", "the others": devices of the kinds just done
        (`kinds`), not those just done, in the rooms said (`rooms`) or else the room of the last ones; a way in only
        where one was just done (`guarded`). One said as one, of several, is asked which; none, None."""
        every_other = bool(words & {"others", "rest"})  # "and the rest", "the others": every other one of them
        said = next((m for m in mentions if m.kind == "type"), None)  # "and the other lamps": all of them
        if said is not None and said.type not in kinds:
            return None
        there = [d for d in self.registry if d.type in kinds and d not in self._recent  # "and the other
                 and (not rooms or d.area in rooms) and (guarded or not d.guards_a_way_in)]  # ones": the same
        noun = said.text.rstrip("s") if said else ""
        if noun in NAMING_NOUNS:  # "lamps" of the lights: the lamps
            there = [d for d in there if noun in d.name_words] or there
        last_room = {d.area for d in self._recent}  # "the other one(s)" after the sofa lamp: the lounge's
        if not rooms and len(last_room) == 1 and not words & HOME_WORDS:  # first, as "the lights" are the
            there = [d for d in there if d.area in last_room] or there  # speaker's room's ("the rest of the
        plugs = kinds == {"switch"} and said is None  # "turn off the sprinkler" … "and the rest": a plug
        # switches anything, so "the rest" of them is no kind: which ("the rest of the house": the home's)
        if len(there) > 1 and (plugs or (not (said and said.plural) and not every_other)):
            return which(there)
        return there or None

    def _narrowed(self, tokens: list[str]) -> str | None:
        """ "turn on the kitchen lights" … "(just/only) the ceiling one", "just the counter lights": one of the devices
        just done, said as the one meant; the correction "no, just the kitchen ceiling light" (what it did to the others
        put back), never another room's ceiling light. None for anything else ("and the back one", "the lamp too")."""
        said = [t for t in tokens if t != CLAUSE_BREAK]
        narrowing = said[:1] in (["just"], ["only"])
        said = said[1:] if narrowing else said
        if len(self._recent) < 2 or ADDING_WORDS & set(said):
            return None
        by = named_one(said)
        if by is not None and said[:1] == ["the"] and len(said) == 3:
            meant = [d for d in self._recent if by in d.name_words]
        elif narrowing:
            mentions = self.rules.mentions.find(said)
            meant = [d for m in mentions if m.kind == "device" for d in m.devices]
            if not meant or any(m.kind != "device" for m in mentions) or any(d not in self._recent for d in meant):
                return None
        else:
            return None
        if not meant or len(meant) >= len(self._recent):
            return None
        return "no, just " + " and ".join(f"the {self.rules.called(d)}" for d in meant)

    def _kind_said(self, tokens: list[str], mentions: list[Mention]) -> list[Device] | Ask:
        """The devices a kind said after a command means ("the fan", "the lights in the kitchen"), as the rules read it
        alone, or their question ("Which one: the bedroom fan or the bathroom fan?", "Which room's lights: …?"), whose
        answer then gets the last actions. [] when none of them can do any of those actions."""
        said = " ".join(tokens[min(m.start for m in mentions):max(m.end for m in mentions)])
        found = self.rules.match(said)
        if len(found.asked) == 1 and found.asked[0][1] and len(found.replies) == 1 and not found.undecided:
            devices, ask = list(found.asked[0][1]), Ask(found.replies[0], found.asked[0][1])
        elif len(found.undecided) == 1 and not (found.asked or found.replies):
            devices, ask = found.undecided[0][1], None
        else:
            return []
        able = [d for d in devices if any(self.registry.accepts(replace(c, device=d.id)) for c in self._last_calls
                                          if c.device and c.tool != "get_state")]
        return (ask or able) if able else []

    def _elliptic(self, heard: list[str], recent: tuple[Device, ...], asking: bool) -> str | None:
        """A follow-up that leaves out what the last command said, said in full: "on" answering "What should I do with
        the kettle?"; "50 percent", "halfway", "higher", "up a bit" after a command (of its devices: "it");
        "both off" after two ("them both"); "no, close them", "yes turn it off" (a command after no or yes). None when
        the sentence is none of these."""
        said = [t for t in heard if t != CLAUSE_BREAK]
        if not recent or not said:
            return None
        if not self._last_calls:  # "What should I do with the kettle?" … "on", "off please": turn it on, off; "50
            if _level_alone(said):  # percent", "halfway": set it so
                return f"set it to {' '.join(_level_words(said))}"
            return f"turn it {said[0]}" if len(said) == 1 and said[0] in PARTICLES else None
        if asking or self._calls_turn != self._turn - 1:  # an answer to the question, first (a level is no answer to
            return None  # "Which one?"); after another sentence ("set a timer" … "For how long?") never the last calls
        if _level_alone(said) and not any(c.later for c in self._last_calls):  # "turn on the desk lamp" … "50
            level = _level_words(said)  # percent": it, set so; never a time's hour; "number three" of a fan its
            level = _undialled(level) if all(d.type == "fan" for d in recent) else level  # speed ("it" names no fan
            return f"set it to {' '.join(level)}"  # the rules read a dial of; a player's "number three": a channel)
        words = set(said) - FILLER_WORDS - {"please", "now"}
        if words and words <= STEP_WAYS | RELATIVE_WORDS and words & STEP_WAYS:  # "higher", "up a bit": "it"
            if not any(d.type == "cover" for d in recent):  # "lower" a lamp or the heating: down (a cover lowered
                said = [{"lower": "down", "higher": "up"}.get(t, t) for t in said]  # closes, as the rules read it)
            return f"turn it {' '.join(said)}"  # ("on", "off" alone are not: "turn on the tv" … "off" is asked)
        one = self._one_of_kind(said, recent)
        if one is not None:  # "turn off the kitchen lights" … "now turn off the study one": the study's light
            return one
        start = 2 if heard[1:2] == [CLAUSE_BREAK] else 1
        if ((heard[0] == "no" and start == 2) or heard[0] in AFFIRMATIONS) and any(verb_of(t) for t in heard[start:]):
            return " ".join(heard[start:])  # "open the blinds" … "no, close them": a command, "them" the blinds
        if "both" in said and not any(m.kind in ("device", "type", "area") for m in self.rules.mentions.find(said)):
            return " ".join("them both" if t == "both" else t for t in said)  # "turn on the kettle" … "and the coffee
        return None  # machine" … "both off"

    def _one_of_kind(self, said: list[str], recent: tuple[Device, ...]) -> str | None:
        """ "turn off the kitchen lights" … "now turn off the study one", "lock the front door" … "now unlock the back
        one": a command with a verb of its own, its device said as "the <room> one" or "the <name> one" with no kind:
        the one device there of the kind just done, the sentence said with its name ("turn off the desk lamp"). None
        when no such device is or several are (the rules ask which), or the sentence says a device or kind itself."""
        if not one_said(said):
            return None
        at = max(i for i, t in enumerate(said) if t == "1")
        if not any(verb_of(t) for t in said[:at]) and said[0] not in QUESTION_STARTS:  # "is the front one locked?"
            return None
        mentions = self.rules.mentions.find(said)
        if any(m.kind in ("device", "type") for m in mentions):
            return None
        kinds = {d.type for d in recent}
        room = next((m for m in mentions if m.kind == "area" and m.end == at), None)
        if room is not None:
            rooms = set(self.registry.area_groups.get(room.area or "", (room.area,)))
            there, start = [d for d in self.registry if d.area in rooms and d.type in kinds], room.start
        else:
            by = named_one(said)
            there = [d for d in self.registry if by and by in d.name_words and d.type in kinds and d not in recent]
            start = at - 1
        if len(there) != 1:
            return None
        start -= said[start - 1:start] == ["the"]
        return " ".join([*said[:start], "the", self.rules.called(there[0]), *said[at + 1:]])

    def _switched(self, heard: list[str], recent: tuple[Device, ...], asking: bool) -> str:
        """ "off", "on please", "stop" said alone right after a command: its devices switched so or stopped, asked yes
        or no first (a change of mind, the end of another sentence heard alone, or "stop" said to the voice that
        answers); "" when it is not that."""
        said = [t for t in heard if t not in (CLAUSE_BREAK, "please", "now", "that")]
        if not recent or asking or self._calls_turn != self._turn - 1 or len(said) != 1:
            return ""
        return f"turn it {said[0]}" if said[0] in PARTICLES else f"{said[0]} it" if said[0] in HALTING else ""

    def _overdone(self, heard: list[str], recent: tuple[Device, ...], asking: bool) -> list[ToolCall]:
        """ "too much", "that's too far", "a bit too much" right after a step ("turn the heating up", "more"): one step
        back the other way (a light a step brighter from off stays on, a step dimmer); [] when the sentence is not
        that, or the last command was no step."""
        said = set(heard) - {CLAUSE_BREAK, "that", "is", "way", "a", "bit", "now", "just", "it"}
        steps = [c for c in self._last_calls if c.tool.startswith("step_") and isinstance(c.value, int | float)]
        if not recent or asking or self._calls_turn != self._turn - 1 or said not in ({"to", "much"}, {"to", "far"}):
            return []
        return [replace(c, value=-float(c.value or 0), words=tuple(heard)) for c in steps]

    def _one_of_many(self, said: list[str], recent: tuple[Device, ...]) -> Ask | None:
        """ "turn it off" after a question over several devices ("is anything on", "which lights are on"): "it" is one
        of them, asked which ("them", "all of them" are every one); None when the sentence is not that."""
        words = set(said)
        if len(recent) < 2 or not self._last_calls or any(c.tool != "get_state" for c in self._last_calls) or not (
                words & {"it", "that", "this"}) or words & (ALL_OF_THEM | {"them", "those", "these"}) or (
                not any(verb_of(t) for t in said)) or self.rules.mentions.find(said):
            return None
        pronoun = next(t for t in said if t in ("it", "that", "this"))
        return which(list(recent)) if len(recent) <= 4 else Ask(f'Which one do you mean by "{pronoun}"?', recent)

    def _both(self, tokens: list[str], recent: tuple[Device, ...]) -> tuple[Device, ...]:
        """ "is the front door locked" … "and the back" … "lock them (both)": a plural said of nothing named, after a
        command on one device whose name is not plural, reaches back to the devices of the one before, where they are
        of its kind. Otherwise the last command's devices, as "it" is (the blinds: "open them")."""
        if len(recent) != 1 or not {"them", "both", "those", "these"} & set(tokens) or not self._before:
            return recent
        one = recent[0]
        plural_name = one.name.endswith("s") and not one.name.endswith("ss")
        if plural_name or any(d.type != one.type for d in self._before) or any(
                m.kind in ("device", "type", "area") for m in self.rules.mentions.find(tokens)):
            return recent
        return tuple(dict.fromkeys((*self._before, one)))


def _level_words(tokens: list[str]) -> list[str]:
    """The level said, without the "to" or "on" before it ("to 21 degrees", "on high": a fan's speed, as a French or
    Spanish speaker says it, "à fond", "en alto")."""
    return tokens[1:] if tokens[:1] in (["to"], ["on"]) else tokens


def _undialled(words: list[str]) -> list[str]:
    """A level said as a place on a dial ("number three"), without the dial's word: the number."""
    return words[1:] if words[:1] and words[0] in _DIAL_WORDS and words[1:] else words


def _level_alone(tokens: list[str]) -> bool:
    """Only a level: "50 percent", "to 21 degrees", "halfway", "high", "on high", "max", "three quarters", "number
    three" (a place on a fan's dial: the rules read it so of a fan only); not a step ("a bit more"), a colour, a time or
    "on" alone (asked)."""
    words = _undialled(_level_words(tokens))
    return bool(words) and all(as_number(t) is not None or t in LEVELS for t in words)
