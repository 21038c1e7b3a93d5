"""The risk gate (issue 10): a change the sentence gives a sign of having been misread is asked, never done.

Three sessions of fixing dev sentences never moved a held-out wrong action: each new phrasing misfires in a way of
its own, so a phrase rule written for one never meets the next. The gate reads no phrases; it looks for signs, in
the sentence and the calls read from it, that the reading left something out, and holds every change of such a
sentence for a yes ("Did you mean: …?"):
- a number the calls do not carry as a value, a time, a count, a step or a name ("set the heating to 21 from 6",
  "turn off the desk lamp 10ish", "the other one too");
- a choice offered with "or" ("make the bedside lamp blue, or maybe green", "bump the heating to 21 or 22",
  "turn off the tv, or leave it"), not a correction ("or rather") nor an amount left loose ("20 or so");
- a command typed as a question and answered ("turn the heating on? no way", "the coffee machine on? hardly").
Chosen on the wrong actions that code met the first time it read a batch (helper G; docs/understanding.md, "A risk
gate learned from first-run wrong actions"): each sign was kept only where it caught a clearly larger share of those
than of the correct changes of the dev splits, leaving each batch out in turn.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from assistant.registry import Registry
from assistant.tools import ToolCall
from assistant.understand.comfort import KELVIN_UNITS, MIRED_UNITS
from assistant.understand.normalize import CLAUSE_BREAK, after_question, normalize
from assistant.understand.vocabulary import (
    CLOCK_WORDS,
    CORRECTIONS,
    FRACTIONS,
    PARTICLES,
    STEP_WORDS,
    TIME_UNITS,
    TYPE_NOUNS,
    VERBS,
    as_number,
)
from assistant.undo import ASKING

# "5 minutes", "two lamps", "370 mireds" (a value the reading converts)
NUMBER_FOLLOWERS = TIME_UNITS | CLOCK_WORDS | set(FRACTIONS) | TYPE_NOUNS | STEP_WORDS | KELVIN_UNITS | MIRED_UNITS
LOOSE = {"so"}  # "20 or so": an amount left loose, the calls' own value


def risk_sign(text: str, calls: list[ToolCall], registry: Registry) -> str | None:
    """The words of `text` that make its changes unsafe to do unasked, or None. `calls`: what would be done now."""
    changes = [c for c in calls if c.device and c.tool not in ASKING]
    if not changes:
        return None
    tokens = normalize(text)
    words = [t for t in tokens if t != CLAUSE_BREAK]
    names = _name_words(registry)
    return _unplaced_number(words, calls, names) or _choice(words) or _answered_question(text, names)


def _name_words(registry: Registry) -> set[str]:
    """Every word of a device's name, alias or room: a number in one ("tv 2") is a name, not a value. Read once per
    home (normalizing every name costs ~50 ms on the demo home)."""
    if registry not in _NAMES:
        _NAMES[registry] = {w for d in registry for said in (d.name, d.area or "", *d.aliases) for w in normalize(said)}
    return _NAMES[registry]


_NAMES: WeakKeyDictionary[Registry, set[str]] = WeakKeyDictionary()


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
