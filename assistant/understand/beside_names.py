"""What is said beside a device's name that leaves the device meant in doubt: an unknown word against the name
("the front blinds"), or a place word before an unknown thing or another device ("the light over the sink")."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.registry import Device
from assistant.understand.clause import Clause
from assistant.understand.mentions import BESIDE_WORDS
from assistant.understand.vocabulary import AUXILIARIES, HINTS, accounted


def _unknown_beside(clause: Clause) -> str | None:
    """A word the parse does not know said right against a device's name makes another name: "the front
    blinds", "the front door camera", "is the water heater on" (and in a question after the name: "is the roomba
    done yet")."""
    for m in clause.devices:
        if not clause.said_here(m):
            continue
        before = clause.tokens[m.start - 1] if m.start > 0 and clause.tokens[m.start - 2:m.start - 1] != ["how"] \
            else ""  # "is the patio heater on" is not the study heater; "how many gas sensors …" asks a count
        after = clause.tokens[m.end] if m.end < len(clause.tokens) and clause.question and not (
            AUXILIARIES & set(clause.tokens[:m.start])) else ""
        if before.isalpha() and (not accounted(before) or _other_need(before, m.devices)) and not any(
                n.start <= m.start - 1 < n.end for n in clause.mentions):  # "the water heater" is not the heater
            return f"{before} {m.text}"
        if after.isalpha() and not accounted(after):
            return f"{m.text} {after}"
    return None


def _other_need(word: str, devices: tuple[Device, ...]) -> bool:
    """A need's word that no need of these devices holds ("water" of the heater): said against the device's name,
    it names another thing ("the water heater"); one of its own ("the cold heater") is how it is."""
    serving = [(triggers, keywords, types) for triggers, _intent, keywords, types, _of in HINTS if word in triggers]
    return bool(serving) and not any(d.type in types or any(k in d.name for k in keywords)
                                     for _t, keywords, types in serving for d in devices)


def _placed_by_unknown(tokens: list[str], unknown: list[str]) -> bool:
    """ "turn the kitchen light over the sink off": a device placed by a thing the home does not know ("next to",
    "over", "under" …; not "on" or "by", which say a state or an amount)."""
    for _, after in _place_words(tokens):
        rest = tokens[after:]
        rest = rest[1:] if rest[:1] in (["the"], ["my"], ["our"]) else rest
        if rest[:1] and rest[0] in unknown:
            return True
    return False


def _placed_by_device(clause: Clause) -> bool:
    """ "lower the reading lamp under the sofa lamp", "raise the blinds above where the curtains are": a device said,
    then a place word ("under", "above", "next to" …; not "on" or "by") and another device of the home. Where it is,
    or a level against the other's: asked as it is, never both devices moved (the model moved both)."""
    tokens = clause.tokens
    named = [m for m in clause.mentions if m.kind in ("device", "type") and clause.said_here(m)]
    for i, after in _place_words(tokens):
        if any(m.end <= i for m in named) and any(after <= m.start <= after + 3 for m in named):
            return True
    return False


def _place_words(tokens: list[str]) -> Iterator[tuple[int, int]]:
    """Where each place word is said ("over", "next to", "under" …; not "on" or "by", which say a state or an amount):
    its start and the end of its words, in the order said; the one reading of both `_placed_by_…`."""
    for i in range(len(tokens)):
        for phrase in BESIDE_WORDS:
            if phrase not in (("on",), ("by",)) and tuple(tokens[i:i + len(phrase)]) == phrase:
                yield i, i + len(phrase)
