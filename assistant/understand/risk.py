"""The risk gate (issue 10): a change the sentence gives a sign of having been misread is asked, never done.

Three sessions of fixing dev sentences never moved a held-out wrong action: each new phrasing misfires in a way of
its own, so a phrase rule written for one never meets the next. The gate reads no phrases; it looks for signs, in
the sentence and the calls read from it, that the reading left something out, and holds every change of such a
sentence for a yes ("Did you mean: …?"):
- a number the calls do not carry as a value, a time, a count, a step or a name ("set the heating to 21 from 6",
  "turn off the desk lamp 10ish", "the other one too");
- a choice offered with "or" ("make the bedside lamp blue, or maybe green", "bump the heating to 21 or 22",
  "turn off the tv, or leave it"), not a correction ("or rather") nor an amount left loose ("20 or so");
- a command typed as a question and answered ("turn the heating on? no way", "the coffee machine on? hardly");
- a level or speed read from the number of a name ("lamp 2 little dim" as brightness 2, "bedroom one fan on" as
  speed low);
- a change against the way its own clause says ("turn on the light off laundry" read as off, "volume down … full"
  as 100, "lamp two aff, lamp one on" turned lamp one off);
- a change read from a report of what someone did ("i have just put the crockpot on").
Chosen on the wrong actions that code met the first time it read a batch (helper G; docs/understanding.md, "A risk
gate learned from first-run wrong actions"): each sign was kept only where it caught a clearly larger share of those
than of the correct changes of the dev splits, leaving each batch out in turn. The last three (helper W) from the
first runs of fresh corpora 1-6: 9 of their 38 wrong changes, 0 correct changes of the dev splits asked (a sign read
from the whole sentence, or one for every clause with a word the lexicon lacks, cost hundreds).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from assistant.registry import Registry
from assistant.tools import ToolCall
from assistant.understand.comfort import KELVIN_UNITS, MIRED_UNITS, complaint
from assistant.understand.mood import tells_of, told_done
from assistant.understand.normalize import CLAUSE_BREAK, DETERMINERS, after_question, normalize
from assistant.understand.reasons import DESCRIBING, DESCRIBING_COPULAS, PERFECT, left_so
from assistant.understand.vocabulary import (
    CLOCK_WORDS,
    COPULAS,
    CORRECTIONS,
    FRACTIONS,
    FULL_WORDS,
    LEXICON,
    LOWEST_WORDS,
    NEGATIONS,
    PARTICLES,
    SPEEDS,
    STEP_WORDS,
    TIME_UNITS,
    TYPE_NOUNS,
    VERBS,
    as_number,
    verb_of,
)
from assistant.undo import ASKING

# "5 minutes", "two lamps", "370 mireds" (a value the reading converts)
NUMBER_FOLLOWERS = LEXICON.derived(lambda: TIME_UNITS | CLOCK_WORDS | set(FRACTIONS) | TYPE_NOUNS | STEP_WORDS
                                   | KELVIN_UNITS | MIRED_UNITS)
LOOSE = {"so"}  # "20 or so": an amount left loose, the calls' own value


def risk_sign(text: str, calls: list[ToolCall], registry: Registry) -> str | None:
    """The words of `text` that make its changes unsafe to do unasked, or None. `calls`: what would be done now."""
    changes = [c for c in calls if c.device and c.tool not in ASKING]
    if not changes:
        return None
    tokens = normalize(text)
    words = [t for t in tokens if t != CLAUSE_BREAK]
    names = _name_words(registry)
    return (_unplaced_number(words, calls, names) or _choice(words) or _answered_question(text, names)
            or _name_number_as_value(changes, _name_phrases(registry)) or _way_against(changes) or _reported(changes)
            or _way_only_a_place(changes))


def _name_words(registry: Registry) -> set[str]:
    """Every word of a device's name, alias or room: a number in one ("tv 2") is a name, not a value. Read once per
    home (normalizing every name costs ~50 ms on the demo home)."""
    if registry not in _NAMES:
        _NAMES[registry] = {w for d in registry for said in (d.name, d.area or "", *d.aliases) for w in normalize(said)}
    return _NAMES[registry]


_NAMES: WeakKeyDictionary[Registry, set[str]] = WeakKeyDictionary()


def _name_phrases(registry: Registry) -> set[tuple[str, ...]]:
    """Every name, alias and room of two words or more, as normalized words ("lamp 2", "bedroom 1")."""
    if registry not in _PHRASES:
        _PHRASES[registry] = {tuple(w) for d in registry for said in (d.name, d.area or "", *d.aliases)
                              if len(w := [t for t in normalize(said) if t != CLAUSE_BREAK]) > 1}
    return _PHRASES[registry]


_PHRASES: WeakKeyDictionary[Registry, set[tuple[str, ...]]] = WeakKeyDictionary()


def _unplaced_number(words: list[str], calls: list[ToolCall], names: set[str]) -> str | None:
    """A number no call carries: a time, a level or a count the reading dropped ("dim the desk lamp to 30 by 10").
    A call for later, a timer or a fan speed placed its numbers itself; "one" is as often a pronoun ("the kitchen
    one")."""
    if any(c.delay_s is not None or c.at is not None or not c.device or c.tool == "set_fan_speed" for c in calls):
        return None  # a fan's speed is read from its number too ("the bedroom fan to 3" is high)
    values = {abs(float(c.value)) for c in calls if isinstance(c.value, int | float)}
    numbers = [(i, as_number(t)) for i, t in enumerate(words)]
    placed = [i for i, n in numbers if n is not None and abs(n) in values]
    for i, n in numbers:
        if n is None or abs(n) in values or n == 1 or words[i] in names:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        if after in NUMBER_FOLLOWERS or after in names or any(p > i for p in placed):  # "20 I mean 21": corrected
            continue
        return " ".join(words[max(0, i - 1):i + 1])
    return None


def _choice(words: list[str]) -> str | None:
    """ "or" offering another reading: the one done may not be the one meant."""
    for i, word in enumerate(words):
        if word != "or":
            continue
        rest = tuple(words[i:])
        if any(rest[:len(c)] == c for c in CORRECTIONS) or (rest[1:2] and rest[1] in LOOSE):
            continue
        return " ".join(words[i:i + 3])
    return None


def _answered_question(text: str, names: set[str]) -> str | None:
    """A "?" with words after it that name no device and give no command: the question answered, often no."""
    after = [t for t in after_question(text) if t != CLAUSE_BREAK]
    if not after or any(t in names or t in VERBS or t in PARTICLES for t in after):
        return None
    return " ".join(after)


def _name_number_as_value(changes: list[ToolCall], phrases: set[tuple[str, ...]]) -> str | None:
    """A level or speed read from a number that is part of a name the clause says, no other number said: "lamp 2
    little dim" is not brightness 2, "bedroom one fan on" not speed low."""
    for call in changes:
        words = list(call.words)
        numbers = [i for i, t in enumerate(words) if as_number(t) is not None]
        named = [i for i in numbers if _in_phrase(words, i, phrases)]
        if not named or len(named) < len(numbers):
            continue
        values = {as_number(words[i]) for i in named}
        if (call.tool == "set_fan_speed" and not SPEEDS.keys() & set(words)) or (  # "bedroom 1 fan to high": said
                call.tool.startswith("set_") and isinstance(call.value, int | float) and float(call.value) in values):
            return " ".join(words[max(0, named[0] - 1):named[0] + 1])
    return None


def _in_phrase(words: list[str], at: int, phrases: set[tuple[str, ...]]) -> bool:
    """words[at] is inside one of `phrases` said there."""
    return any(tuple(words[start:start + len(p)]) == p for p in phrases for start in range(at - len(p) + 1, at + 1)
               if start >= 0)


def _way_against(changes: list[ToolCall]) -> str | None:
    """A change whose own clause says the other way: both ways ("turn on the light off laundry" read as off; "volume
    down … full" read as 100), one of them misread and which one not known; or only the other way, with no verb of
    either, the change's own way taken from elsewhere ("lamp two aff, lamp one on" turned lamp one off). Not a clause
    that says both on purpose ("not on but off", "off and on again", "all off but leave the porch on"), takes one
    back ("on, I mean off"), starts again ("turn on the uh turn off the fan") or gives its reason ("… so it cools
    off")."""
    for call in changes:
        way = _way(call)
        words = list(call.words)
        words = words[:next((i for i, t in enumerate(words) if t in WHY or _state_told(words, i)), len(words))]
        if way is None or BACKING & set(words) or _corrected(words) or told_both_ways(call, changes) or \
                _felt_way(call) == way:
            continue
        said = {_way_of(words, i) for i in range(len(words))}
        verbs = [verb_of(t) for t in words if verb_of(t)]
        both = way in said and len(verbs) == len(set(verbs))
        alone = way not in said and not any(VERBS[v] in (way, OPPOSITE[way]) for v in verbs)
        if OPPOSITE[way] in said and (both or alone):
            return " ".join(t for i, t in enumerate(words) if _way_of(words, i) in (way, OPPOSITE[way]))
    return None


def told_both_ways(call: ToolCall, others: list[ToolCall]) -> bool:
    """Another reading of the same sentence turns `call`'s device the other way ("could you possibly sort the porch
    light out, switch it on": off by "out", on by "switch it on"): one of the two misread, and which is not known."""
    way = _way(call)
    return way is not None and any(o.device == call.device and _way(o) == OPPOSITE[way] for o in others)


def _state_told(words: list[str], at: int) -> bool:
    """At `at`, after a command, the words tell how a thing is or has been ("turn off the tv it's been on all day",
    "…, it's on", "… kayla left it on"): its reason, whose way is the state it is in, never the way asked."""
    after = words[at + 1:at + 3]
    return at > 1 and ((words[at] in DESCRIBING and after != [] and (after[0] in DESCRIBING_COPULAS or (
        after[0] in PERFECT and after[1:] == ["been"]))) or left_so(words[at:]) is not None)


def _felt_way(call: ToolCall) -> str | None:
    """The way how the room feels, said in a temperature step's words, moves its target: "it's freezing, turn the ac
    down" is warmer (less cooling), whatever way the verb says (`context._feeling_says_the_way`)."""
    felt = complaint(list(call.words)) if call.tool == "step_temperature" else None
    return None if felt is None else "up" if felt == "cold" else "down"


def _corrected(words: list[str]) -> bool:
    """ "on, I mean off", "off, sorry, on": the clause takes back what it said first."""
    return any(words[i:i + len(c)] == list(c) for c in CORRECTIONS for i in range(len(words)))


OPPOSITE = {"on": "off", "off": "on", "up": "down", "down": "up"}
WAYS = {"turn_on": "on", "turn_off": "off"}
PERCENT_SETS = {"set_brightness", "set_volume", "set_position"}  # 100 is the top, 0 the bottom
# both ways said on purpose
BACKING = LEXICON.derived(lambda: NEGATIONS | {"again", "back", "but", "except", "keep", "leave"})
# what follows is why ("… so the room cools off"), not which way
WHY = LEXICON.derived(lambda: LEXICON.words("reasons") | {"so"})


def _way(call: ToolCall) -> str | None:
    """Which way a change goes: on or off; a step up or down; a level set to its top or bottom."""
    if call.tool in WAYS:
        return WAYS[call.tool]
    if call.tool.startswith("step_") and isinstance(call.value, int | float) and call.value:
        return "up" if call.value > 0 else "down"
    if call.tool in PERCENT_SETS and isinstance(call.value, int | float):
        return "up" if call.value >= 100 else "down" if call.value <= 0 else None
    return None


def _way_of(words: list[str], at: int) -> str | None:
    """The way words[at] says, if it says one: a particle's ("on", "down"), not where the particle is a place ("the
    lamp on the desk"); a level's top or bottom ("full": up)."""
    word = words[at]
    if word in FULL_WORDS or word in LOWEST_WORDS:
        return "up" if word in FULL_WORDS else "down"
    if PARTICLES.get(word) != word or word not in OPPOSITE:  # "out" is as often a place ("the lights out front")
        return None
    after = words[at + 1] if at + 1 < len(words) else ""
    return word if (at and verb_of(words[at - 1])) or after not in DETERMINERS else None


def _reported(changes: list[ToolCall]) -> str | None:
    """A change read from a clause that says what someone did ("i have just put the crockpot on", "we left the
    porch light on"): news, not a request. Read as the rules read news (`mood.told_done`), of the words each call was
    built from: a model's call, or a rules' call whose clause was read otherwise ("you …" is said to the house)."""
    for call in changes:
        words = list(call.words)
        if tells_of(words) and told_done(words):
            return " ".join(call.words)
    return None


def _way_only_a_place(changes: list[ToolCall]) -> str | None:
    """An on or off read from a particle that is only a place in its clause, after "is" and before "the" ("the glare
    is on the telly" turned the telly on), with no verb and no way said: a statement about where, not a command."""
    for call in changes:
        words = list(call.words)
        places = [i for i, t in enumerate(words) if t == WAYS.get(call.tool) and i and words[i - 1] in COPULAS
                  and _way_of(words, i) is None]
        if places and not any(_way_of(words, i) or verb_of(t) for i, t in enumerate(words)):
            return " ".join(words[places[0]:places[0] + 3])
    return None
