"""What every convention shares on the wire: messages, the one payload error, JSON reading, availability."""

from __future__ import annotations

import contextlib
import json
import math
from dataclasses import dataclass
from typing import Any

from assistant.registry import Availability
from assistant.tools import COLORS

MAX_PAYLOAD = 65536
_HEX_TO_NAME = {hex_: name for name, hex_ in COLORS.items()}


@dataclass(frozen=True)
class Message:
    """One MQTT publish: a command from the bridge, or a report from a simulated device."""

    topic: str
    payload: str
    retain: bool = False


class PayloadError(ValueError):
    """A state payload that is not what the device's convention sends."""


class Unsupported(ValueError):
    """A call that the device's convention, or its description, gives no way to send."""


def parse_json(payload: bytes) -> Any:
    """Any JSON value; PayloadError for something too large, not UTF-8 or not JSON (nesting included)."""
    if len(payload) > MAX_PAYLOAD:
        raise PayloadError(f"{len(payload)} bytes is too large for a state message")
    try:
        return json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PayloadError(f"not JSON: {str(exc)[:80]}") from exc


def json_object(payload: bytes) -> dict[str, Any]:
    data = parse_json(payload)
    if not isinstance(data, dict):
        raise PayloadError(f"expected a JSON object, got {type(data).__name__}")
    return data


def value_at(data: Any, path: tuple[str, ...]) -> Any:
    """The value under `path` in parsed JSON; None when a key is missing (the device left it out)."""
    for key in path:
        if not isinstance(data, dict):
            raise PayloadError(f"expected a JSON object at {key!r}, got {type(data).__name__}")
        data = data.get(key)
        if data is None:
            return None
    return data


def text(payload: bytes) -> str:
    if len(payload) > MAX_PAYLOAD:
        raise PayloadError(f"{len(payload)} bytes is too large for a state message")
    try:
        return payload.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise PayloadError(f"not UTF-8 text: {exc.reason}") from exc


def availability_of(spec: Availability, payload: bytes) -> bool | None:
    """True/False for the available/not-available word (any case), None for anything else.

    With a value path a JSON object is looked into ({"state": "online"}); a plain word is still accepted.
    """
    word = payload.decode("utf-8", "replace").strip()
    if spec.value_path is not None:
        try:
            data = json.loads(word)
            if isinstance(data, dict):
                word = str(value_at(data, spec.value_path))
        except (json.JSONDecodeError, RecursionError, PayloadError):
            pass
    if word.lower() == spec.payload_available.lower():
        return True
    if word.lower() == spec.payload_not_available.lower():
        return False
    return None


def render(template: str | None, value: str) -> str:
    """A command payload: the value put into the template's "{value}", or the value alone."""
    return value if template is None else template.replace("{value}", value)


def number(value: Any, what: str) -> float:
    """A plausible JSON number or numeric text (plain-topic devices send "21.5"); ValueError otherwise."""
    found: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        found = float(value)
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            found = float(value)
    if found is None or not math.isfinite(found) or abs(found) > 1e9:  # 1e9: no device reports more
        raise ValueError(f"{what} should be a number, got {value!r}")
    return found


def color_name(hex_: str) -> str:
    """"#FF0000" -> "red"; a colour without a name stays lower-case hex."""
    return _HEX_TO_NAME.get(hex_.lower(), hex_.lower())
