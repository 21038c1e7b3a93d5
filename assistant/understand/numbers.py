"""Spoken numbers to digits: "twenty one" -> 21, "a hundred" -> 100, "nineteen point five" -> 19.5."""

from __future__ import annotations

import math

from assistant.understand.lexicon import LEXICON

UNITS: dict[str, int] = LEXICON.table("units")
TENS: dict[str, int] = LEXICON.table("tens")


def as_number(token: str) -> float | None:
    """A token written as a number ("21", "19.5"), never a word float() reads too: "nan" ("Nan's room", a grandmother's
    room, was read as a value: "When exactly?"), "inf", "infinity"."""
    try:
        number = float(token)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _is_number(token: str) -> bool:
    return as_number(token) is not None


def _read(tokens: list[str], i: int) -> tuple[float | None, int]:
    """Read one spoken number starting at tokens[i]; return (value, tokens consumed)."""
    start = i
    value = 0.0
    seen = False
    if i + 1 < len(tokens) and tokens[i + 1] == "thousand" and (tokens[i] in ("a", "one") or tokens[i] in UNITS):
        value, i, seen = 1000.0 * UNITS.get(tokens[i], 1), i + 2, True  # "two thousand seven hundred kelvin"
    if i < len(tokens) and tokens[i] in ("a", "one") and i + 1 < len(tokens) and tokens[i + 1] == "hundred":
        value, i, seen = value + 100.0, i + 2, True
    elif i < len(tokens) and tokens[i] in UNITS and i + 1 < len(tokens) and tokens[i + 1] == "hundred":
        value, i, seen = value + UNITS[tokens[i]] * 100.0, i + 2, True
    if seen and i < len(tokens) and tokens[i] == "and":
        i += 1
    if i < len(tokens) and tokens[i] in TENS:
        value += TENS[tokens[i]]
        i, seen = i + 1, True
        if i < len(tokens) and tokens[i] in UNITS and 0 < UNITS[tokens[i]] < 10:
            value += UNITS[tokens[i]]
            i += 1
    elif i < len(tokens) and tokens[i] in UNITS and tokens[i] != "oh":
        value += UNITS[tokens[i]]
        i, seen = i + 1, True
    if not seen:
        return None, 0
    if i + 1 < len(tokens) and tokens[i] == "point" and (tokens[i + 1] in UNITS or _is_number(tokens[i + 1])):
        digit = UNITS.get(tokens[i + 1])
        value += (digit if digit is not None else float(tokens[i + 1])) / 10
        i += 2
    elif i + 2 < len(tokens) and tokens[i:i + 3] == ["and", "a", "half"]:
        value += 0.5
        i += 3
    return value, i - start


def words_to_digits(tokens: list[str]) -> list[str]:
    """Replace each spoken number in a token list by its digits; other tokens pass through."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value, used = _read(tokens, i)
        if value is None:
            token = tokens[i]
            if _is_number(token) and i + 2 < len(tokens) and tokens[i + 1] == "point" and _is_number(tokens[i + 2]):
                out.append(f"{token}.{tokens[i + 2]}")
                i += 3
                continue
            out.append(token)
            i += 1
            continue
        out.append(str(int(value)) if value.is_integer() else str(value))
        i += used
    return out
