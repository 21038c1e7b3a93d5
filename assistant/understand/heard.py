"""What a voice leaves open that typing does not: no question mark of the speaker's own, and words misheard.

Typed, "front door locked?" is a question and "front door locked" a command; said, Whisper writes "Front door
locked." either way, and "garage door up" heard "Garage door out." reads as a command to close it. So a way in (a
lock, a garage door, a gate, a door) told a state with no verb, in a transcript, is asked "Did you mean: lock the
front door?" instead of done; a yes does it, as every "Did you mean" (the pipeline's confirmation). Only locking and
closing one: opening or unlocking it waits for a spoken yes anyway (`Device.needs_confirmation`).

A call that changes something and was read from a word Whisper wrote with a probability under 5% is asked the same
way ("Close setting on the bedroom fan." for "slowest setting …", "Close" at 0.02). Most mishearings are written
surely ("up" at 0.93 for "of"), so a higher bar asks many right commands for few wrong ones (README, "Through the
ears"). Typed text never comes here: its figures do not move.

A transcript that starts with "you" and a verb of the house ("You turn the TV off."), with no comma after "you" and
no "please", is asked the same way: said, it may have been "you turned the tv off?", a question of what was done, whose
"d" before "the" and "?" the voice did not carry (bench-trust set 9: Whisper wrote that take "You turn the TV off.", and
the tv turned off). Typed, "you turn the tv off" is still done.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.registry import Registry
from assistant.tools import ToolCall, Understanding
from assistant.understand.answers import did_you_mean
from assistant.understand.normalize import CLAUSE_BREAK, normalize
from assistant.understand.vocabulary import PARTICLES, STATES, participle, verb_of
from assistant.undo import ASKING

if TYPE_CHECKING:
    from assistant.hear.stt import HeardWord  # the recogniser's modules are not loaded for typed text

SECURING = frozenset(("lock", "close_cover"))  # opening or unlocking a way in waits for a spoken yes anyway
SPLIT_OFF = frozenset(("lock", "close", "shut"))
AROUND_NAME = frozenset(("the", "my", "our", "and"))
UNSURE_BELOW = 0.05  # on the dev split's spoken runs such a word was about as often wrong as right (README)


def verbless_state(tokens: list[str], names: frozenset[str]) -> bool:
    """ "front door locked", "garage door, shut", "garage door out": a device's name (`names`: its words and its
    room's) and a state or a particle after it, nothing else said; or a lock's verb split off by "and" ("back door and
    lock": Whisper's "unlock"). Not "the front door should not be unlocked": that says what it wants."""
    *name, last = [t for t in tokens if t not in (CLAUSE_BREAK, "please")] or [""]
    if not name or not set(name) <= names | AROUND_NAME or any(verb_of(t) or participle(t) for t in name):
        return False  # "lock up": a verb, though a lock's name may hold it ("the front door lock")
    return last in STATES or last in PARTICLES or (last in SPLIT_OFF and name[-1] == "and")


def said_for(call: ToolCall, tokens: list[str]) -> list[str]:
    """The words `call` was read from, with the name it carried from before a comma ("back door, locked": the call
    was read from "locked"): back to the sentence's start or the last verb, state or particle before them."""
    words, n = list(call.words), len(call.words)
    start = next((i for i in range(len(tokens) - n, -1, -1) if tokens[i:i + n] == words), None) if n else None
    if start is None:
        return words
    end = start + n
    while start > 0 and not (verb_of(t := tokens[start - 1]) or participle(t) or t in STATES or t in PARTICLES):
        start -= 1
    return tokens[start:end]


def unsaid_question(call: ToolCall, tokens: list[str], registry: Registry) -> bool:
    """Whether `call`, read from a transcript's `tokens`, may have been a question the voice carried no "?" for."""
    device = registry.get(call.device) if call.device else None
    if call.tool not in SECURING or device is None or not device.guards_a_way_in:
        return False
    names = frozenset(w.lower() for w in (*device.name_words, *device.area.replace("_", " ").split()))
    return verbless_state(said_for(call, tokens), names)


def of_you(tokens: list[str], text: str) -> bool:
    """ "You turn the TV off.", "You set the thermostat to 20.": the person spoken to and a verb of the house said
    first, no comma between them and no "please" said: heard, it may be "you turned …?" as well as a request."""
    return tokens[:1] == ["you"] and tokens[1:2] != [] and verb_of(tokens[1]) is not None and \
        "please" not in re.findall(r"[a-z]+", text.lower())


def unsure_tokens(words: Sequence[HeardWord], below: float = UNSURE_BELOW) -> frozenset[str]:
    """The understanding's tokens of the words the recogniser wrote with a probability under `below`."""
    return frozenset(t for w in words if w.probability < below for t in normalize(w.text) if t != CLAUSE_BREAK)


def misheard(call: ToolCall, tokens: list[str], unsure: frozenset[str]) -> bool:
    """Whether `call` changes something and hinges on a word heard unsurely: one it was read from, its name too."""
    return call.tool not in ASKING and bool(unsure & {*call.words, *said_for(call, tokens)})


def waits_anyway(call: ToolCall, registry: Registry) -> bool:
    """Opening or unlocking a way in waits for a spoken yes whatever was heard (`Device.needs_confirmation`)."""
    device = registry.get(call.device) if call.device else None
    return device is not None and device.needs_confirmation(call)


def heard_as_said(understanding: Understanding, registry: Registry, words: Sequence[HeardWord] = ()) -> Understanding:
    """The understanding of a transcript (`words`: its words with their probabilities, where the recogniser gives
    them), with the calls a spoken question may have been, or that hinge on a word heard unsurely, asked yes or no
    instead of done (one question with whatever else it asks)."""
    tokens, doubtful = normalize(understanding.text), unsure_tokens(words)
    told = of_you(tokens, understanding.text)
    asked = [c for c in understanding.calls if not waits_anyway(c, registry) and (
        unsaid_question(c, tokens, registry) or misheard(c, tokens, doubtful) or (told and c.tool not in ASKING))]
    if not asked:
        return understanding
    unsure = [*understanding.unsure, *asked]
    before = did_you_mean(understanding.unsure, registry) if understanding.unsure else ""
    rest = (understanding.reply or "").replace(before, "").strip() if before else understanding.reply or ""
    reply = " ".join(r for r in (rest, did_you_mean(unsure, registry)) if r)
    return replace(understanding, calls=[c for c in understanding.calls if c not in asked], unsure=unsure, reply=reply)
