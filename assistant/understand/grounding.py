"""Check before acting: a model's calls are done only when the sentence supports every part of them.

A small model invents numbers and colours, and it cannot be trusted with the structure of a sentence
("don't", "except", "when"). The grammar already keeps it to the candidate devices and valid actions;
here each call is checked against the words themselves. A call that fails is not dropped silently but
asked back ("Did you mean …?"), so the user can still have it with a yes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from assistant.registry import Device
from assistant.tools import TOOLS, ToolCall
from assistant.understand.asides import COURTESIES
from assistant.understand.comfort import WHITE_STEPS
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import STOPWORDS, TYPE_WORDS
from assistant.understand.normalize import FILLERS, normalize
from assistant.understand.reasons import OWNERS
from assistant.understand.rules import SPEEDS, VERBS, accounted
from assistant.understand.talk import ADDRESSED
from assistant.understand.vocabulary import (
    CAUSATIVES,
    CONDITION_WORDS,
    EXCLUSIONS,
    LATER_WORDS,
    NEGATIONS,
    PARTICLES,
    WANTING,
    as_number,
    inverted_condition,
    verb_of,
)


@dataclass
class Grounded:
    """A model answer split into what may be done now and what must be asked about first."""

    act: list[ToolCall] = field(default_factory=list)
    ask: list[ToolCall] = field(default_factory=list)
    why: list[str] = field(default_factory=list)  # for the log: why each asked call was not done


def ground(calls: list[ToolCall], clause: str, candidates: list[Device]) -> Grounded:
    """Split `calls` for `clause`: a call is done only when its device is a candidate, every value it carries
    is said in the clause, and the clause has no negation, condition, or exclusion naming that device."""
    tokens = normalize(clause)
    words = set(tokens)
    by_id = {d.id: d for d in candidates}
    excluded = _excluded_words(tokens)
    result = Grounded()
    for call in calls:
        device = by_id.get(call.device)
        if device is None:
            result.why.append(f"{call}: not a candidate")  # the grammar forbids it; never asked about either
            continue
        why = None
        if words & NEGATIONS or tokens[:2] == ["do", "not"]:
            why = "the clause is negated"
        elif words & (CONDITION_WORDS | LATER_WORDS) or inverted_condition(tokens):
            why = "the clause has a condition or a time"
        elif excluded and _named_in(device, excluded):
            why = "the clause excludes that device"
        elif not _value_said(call, tokens):
            why = "its value is not in the clause"
        elif not _colour_whole(call, tokens, candidates):
            why = "its colour is part of a longer one"
        elif not _number_whole(call, tokens, candidates):
            why = "its number is said with a word not understood"
        elif _other_named(device, words - excluded, candidates):  # a device left out names nothing wanted
            why = "the clause names another device, not this one"
        elif not _direction_said(call, words):
            why = "the clause does not say which way"
        elif not _verb_said(call, words):
            why = "the clause has no verb for that action"
        elif _purpose_unread(tokens, candidates):
            why = "its purpose has a word not understood"
        elif _amount_unread(call, tokens, candidates):
            why = "its amount has a word not understood"
        elif _verb_of_unread(tokens, candidates):
            why = "its verb is said of a word not understood"
        elif _verb_under_unread(tokens, candidates):
            why = "its verb is what a word not understood does"
        elif _placed_on_unread(tokens, candidates):
            why = "its device is placed on a thing not understood"
        if why is None:
            result.act.append(call)
        else:
            result.ask.append(call)
            result.why.append(f"{call}: {why}")
    return result


def names_a_part(text: str, devices: list[Device], home: Iterable[Device]) -> bool:
    """ "turn off the tv's subtitles", "close the lid of the coffee machine", "lock the front door of the car": a word
    not understood joined to a device's name by "'s" or "of" is a part of it or what owns it, not the device; so is
    one said straight after the name to end the sentence ("turn on the tv remote", "open the garage door app", "turn up
    the tv bass"): the name says whose, the word what (batch 56: the model did each to the device); noise or a person
    called after it is none ("lock the back door thx", "good night everyone"). Read from the sentence as typed (the
    rules drop the "'s"); a name word of the `home` explains a word ("the sofa lamp bulb" is the lamp)."""
    known = _name_words(list(home))
    words = [w for t in _WORD.findall(text.lower()) for w in ((t[:-2], "'s") if t.endswith("'s") else (t,))]

    def unread(at: int) -> bool:
        return 0 <= at < len(words) and words[at] not in known and words[at] not in STOPWORDS \
            and not accounted(words[at])

    def ending(at: int) -> bool:  # the sentence's last word but noise, no person called ("good night everyone")
        return words[at] not in NOISE and all(w in NOISE for w in words[at + 1:])

    def owner_skipped(at: int, step: int) -> int:  # "of the car", "the lid of": past "the", "my" …
        return at + step if 0 <= at < len(words) and words[at] in OWNERS else at

    for phrase in (p for d in devices for p in _phrases(d)[:-1]):
        for start in (i for i in range(len(words)) if words[i:i + len(phrase)] == phrase):
            end = start + len(phrase)
            after = words[end:end + 1]
            joined = end + 1 if after == ["'s"] else owner_skipped(end + 1, 1) if after == ["of"] else None
            if (joined is not None and unread(joined)) or (unread(end) and ending(end)):  # "the tv remote": ends it
                return True
            before = owner_skipped(start - 1, -1)
            if words[before:before + 1] == ["of"] and unread(before - 1):
                return True
    return False


_WORD = re.compile(r"[a-z0-9']+")
NOISE = LEXICON.derived(lambda: FILLERS | COURTESIES | ADDRESSED)  # said around a command, never a thing named


def _purpose_unread(tokens: list[str], candidates: list[Device]) -> bool:
    """ "turn on the bathroom fan to keep the steam in", "… to trap the smell": a purpose with a word not understood
    may want the opposite of the command, and a small model reads the bare command. A purpose is "to" before a verb
    of the home, or before a word not understood that no wish leads to ("I want to watch cartoons" is a reason)."""
    names = _name_words(candidates)
    for at, token in enumerate(tokens[:-1]):
        said = tokens[at + 1]
        if token != "to":
            continue
        if verb_of(said) is not None or said in CAUSATIVES:
            return any(_unread(t, names) for t in tokens[at + 2:])
        if _unread(said, names) and at > 0 and tokens[at - 1] not in WANTING:
            return True
    return False


def _amount_unread(call: ToolCall, tokens: list[str], candidates: list[Device]) -> bool:
    """ "open the blinds by a bunch", "open the blinds a titch": a word not understood said where an amount goes is
    how much, and a small model reads the bare command (batch 24 opened the blinds all the way for both). The slot is
    after "by" ("by loads", "by a bunch"), or "a <word>" ending the clause straight after a device's name or a
    direction ("the tv down a hair"), which a step of its default size may stand for; anything else is asked."""
    names = _name_words(candidates)
    for at, token in enumerate(tokens):
        if not _unread(token, names):
            continue
        before = tokens[at - 2 if tokens[at - 1:at] in (["a"], ["an"]) else at - 1] if at else ""
        if before == "by":
            return True
        if tokens[at - 1:at] in (["a"], ["an"]) and at == len(tokens) - 1 and (before in names or before in PARTICLES):
            return not (call.tool.startswith("step_") and isinstance(call.value, float)
                        and abs(call.value) == TOOLS[call.tool].default_step)
    return False


def _verb_of_unread(tokens: list[str], candidates: list[Device]) -> bool:
    """ "stop fiddling with the thermostat", "stop prodding the kettle": a verb of the home said straight before a
    word not understood that ends in "-ing" is said of that doing (what stops is the fiddling), not of the device, and
    a small model reads the bare command (fresh corpus 4's first run turned the thermostat off). A word of a
    candidate's name is no verb there ("the robot vacuum cleaning")."""
    names = _name_words(candidates)
    return any(verb_of(token) is not None and token not in names and said.endswith("ing") and _unread(said, names)
               for token, said in pairwise(tokens))


def _verb_under_unread(tokens: list[str], candidates: list[Device]) -> bool:
    """ "postpone turning on the sprinklers", "decline to unlock the front door", "regret turning on the heating": a
    verb of the home said as a doing ("-ing") or after "to", straight after a word not understood, is what that word
    does with the command (puts it off, refuses it, regrets it), and a small model reads the bare command (batch 56
    did each). Known words before it ("try turning", "stop turning", "want to") are read by the rules."""
    names = _name_words(candidates)
    for at, token in enumerate(tokens):
        before = at - 1 if token.endswith("ing") else at - 2 if tokens[at - 1:at] == ["to"] else -1
        if before >= 0 and verb_of(token) is not None and _unread(tokens[before], names):
            return True
    return False


def _placed_on_unread(tokens: list[str], candidates: list[Device]) -> bool:
    """ "turn up the heating on the bus", "turn off the tv on the train", "the porch light on the caravan": "on" said
    after a device's name, before whose and a word not understood, is where (another place's device, not the home's),
    and a small model reads the bare command (batch 56 did each). "on" before a name ("turn on the tv") is the way."""
    names = _name_words(candidates)
    for at, token in enumerate(tokens[1:-2], 1):
        if token == "on" and tokens[at - 1] in names and tokens[at + 1] in OWNERS and _unread(tokens[at + 2], names):
            return True
    return False


def _unread(token: str, names: set[str]) -> bool:
    """A word neither a candidate's name, a stopword nor anything the lexicon explains: the parse left it over."""
    return token not in names and token not in STOPWORDS and not accounted(token)


def _excluded_words(tokens: list[str]) -> set[str]:
    """The words after "except", "but not", "apart from" …; empty when nothing is left out."""
    for at in range(len(tokens)):
        for marker in EXCLUSIONS:
            if tuple(tokens[at:at + len(marker)]) == marker:
                return set(tokens[at + len(marker):])
    return set()


def _named_in(device: Device, words: set[str]) -> bool:
    """The device's name (less its type word), an alias or its room is among `words`."""
    for phrase in _phrases(device):
        significant = set(phrase) - STOPWORDS - set(TYPE_WORDS)
        if significant and significant <= words:
            return True
    return False


def _phrases(device: Device) -> list[list[str]]:
    """The words of each way a device is called: its name, its aliases, its room."""
    return [phrase.lower().replace("_", " ").split() for phrase in (device.name, *device.aliases, device.area)]


def _name_words(candidates: list[Device]) -> set[str]:
    """Every word of every way the candidates are called: a word said beside a value that names one explains it."""
    return {w for d in candidates for phrase in _phrases(d) for w in phrase}


def _own_words(device: Device) -> set[str]:
    """The words that tell a device from the others in its room: its name and aliases less its room and kind."""
    area = set(device.area.lower().replace("_", " ").split())
    return {w for phrase in _phrases(device)[:-1] for w in phrase} - area - STOPWORDS - set(TYPE_WORDS)


def named_by_own_words(device: Device, words: set[str]) -> bool:
    """Whether `words` say a word that tells `device` from the others in its room ("counter" of the kitchen counter
    lights), not only its room or kind."""
    return bool(_own_words(device) & words)


def _other_named(device: Device, words: set[str], candidates: list[Device]) -> bool:
    """"brighten up the kitchen counter" names the counter lights, not the kitchen's ceiling light: a device none
    of whose own words is said, where another candidate's own word is, was not asked for (the model took the room
    for the name)."""
    if named_by_own_words(device, words):
        return False
    return any(named_by_own_words(other, words) for other in candidates if other.id != device.id)


def _value_said(call: ToolCall, tokens: list[str]) -> bool:
    """A number must be said as a number (either sign, for a step), or be a step's default size ("louder");
    a word value must be said as that word or a synonym."""
    if call.value is None:
        return True
    if isinstance(call.value, float):
        default = TOOLS[call.tool].default_step
        return abs(call.value) == default or any(as_number(t) in (call.value, -call.value) for t in tokens)
    value = str(call.value)
    return f" {value} " in f" {' '.join(tokens)} " or any(SPEEDS.get(t) == value for t in tokens)


def _colour_whole(call: ToolCall, tokens: list[str], candidates: list[Device]) -> bool:
    """"sky blue" is not blue: a colour said right after a word the home does not know is another colour."""
    if call.tool != "set_color":
        return True
    value = str(call.value).split()
    names = _name_words(candidates)
    starts = [i for i in range(len(tokens)) if tokens[i:i + len(value)] == value]
    return any(i == 0 or accounted(tokens[i - 1]) or tokens[i - 1] in names for i in starts)


def _number_whole(call: ToolCall, tokens: list[str], candidates: list[Device]) -> bool:
    """"30 fahrenheit" is not 30 degrees: a number said just before a word the home does not know may be in
    another unit or mean something else, and a small model reads the number alone (the fresh batch 20 set the
    AC to 30 for "30 fahrenheit"). Done only when some saying of it ends the clause or is followed by a word
    the lexicon or a candidate's name explains."""
    if not isinstance(call.value, float) or abs(call.value) == TOOLS[call.tool].default_step:
        return True
    names = _name_words(candidates)
    ends = [i + 1 for i, t in enumerate(tokens) if as_number(t) in (call.value, -call.value)]
    return any(i == len(tokens) or accounted(tokens[i]) or tokens[i] in names for i in ends)


# Which way a step goes, by the words that say so ("louder", "turn it down", "a bit higher"); a colour
# temperature goes up when it is made cooler and down when warmer.
_UP = LEXICON.derived(lambda: {w for w, intent in VERBS.items() if intent == "up"} | {"up", "higher", "more", "raise",
                                                                                     "lift"})
_DOWN = LEXICON.derived(lambda: {w for w, intent in VERBS.items() if intent == "down"} | {"down", "lower", "less"})
_WHITE_UP = LEXICON.derived(lambda: {w for w, way in WHITE_STEPS.items() if way == "cooler"})
_WHITE_DOWN = LEXICON.derived(lambda: {w for w, way in WHITE_STEPS.items() if way == "warmer"})


def _direction_said(call: ToolCall, words: set[str]) -> bool:
    """A step ("a bit brighter") must be said in its own direction: a small model given "the sofa lamp
    cosier" guesses one, and the opposite of what was meant is the worst answer."""
    if not call.tool.startswith("step_") or not isinstance(call.value, int | float):
        return True
    up, down = (_WHITE_UP, _WHITE_DOWN) if call.tool == "step_color_temperature" else (_UP, _DOWN)
    return bool(words & (up if call.value > 0 else down)) and not words & (down if call.value > 0 else up)


# Actions that only a verb asks for: "rewind the tv" is not "play the tv", whatever the model guesses.
# Switching and setting are left out: "I need some light in here" asks for one without its verb.
_VERBS_OF = {"media_play": {"play"}, "media_pause": {"pause"}, "mute": {"mute"}, "unmute": {"unmute"},
             "lock": {"lock"}, "unlock": {"unlock"}, "open_cover": {"open", "up"}, "close_cover": {"close", "down"},
             "start_cleaning": {"clean", "on"}, "return_to_base": {"dock", "off"}}


def _verb_said(call: ToolCall, words: set[str]) -> bool:
    intents = _VERBS_OF.get(call.tool)
    return intents is None or any(VERBS.get(w) in intents or w in intents for w in words)
