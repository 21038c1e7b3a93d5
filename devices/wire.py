"""What every convention shares on the wire: messages, the one payload error, JSON reading, availability,
and colour names for what lights report (hex, or CIE xy and hue/saturation as Zigbee bulbs do).
"""

from __future__ import annotations

import colorsys
import contextlib
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from assistant.registry import Availability
from assistant.tools import COLORS

MAX_PAYLOAD = 65536
# Zigbee2MQTT's bridge/devices list describes every device with its exposes: ~2-5 kB each, so a home of a
# few hundred devices sends a megabyte or more in one message.
MAX_DEVICE_LIST = 8 * 1024 * 1024
_HEX_TO_NAME = {hex_: name for name, hex_ in COLORS.items()}
# sRGB -> CIE XYZ through Philips' "Wide RGB D65" matrix: how Zigbee2MQTT turns a hex, rgb or hsv colour
# into the xy it sends a bulb (#ff0000 -> 0.7006, 0.2993), so the xy it reports back for our colours.
_WIDE_RGB_D65 = ((0.664511, 0.154324, 0.162028), (0.283881, 0.668433, 0.047685), (0.000088, 0.07231, 0.986039))
# Philips Hue gamut C, the corners of what current Hue bulbs show: a colour outside it is shown, and then
# reported, at the nearest point inside (pure green comes back about 0.047 off, nearer lime than green).
_GAMUT_C = ((0.6915, 0.3083), (0.17, 0.7), (0.1532, 0.0475))
_GAMUT_C_EDGES = tuple(zip(_GAMUT_C, _GAMUT_C[1:] + _GAMUT_C[:1], strict=True))
# How far (in xy) a reported colour may be from a named colour's point, sent or gamut-clipped, and still be
# that colour: room for rounding and other bulbs' gamuts and calibration, yet about the spacing of the
# closest distinct names (red/crimson 0.048, amber/gold 0.042), so a colour farther than that from every
# name is one we have no word for. Which name wins is decided by nearness, not by this.
COLOR_TOLERANCE = 0.05


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


def parse_json(payload: bytes, limit: int = MAX_PAYLOAD) -> Any:
    """Any JSON value; PayloadError for something too large, not UTF-8 or not JSON, nested too deep, or with
    a number of more digits than Python turns into an int (4300: its guard against quadratic time)."""
    _check_size(payload, limit)
    try:
        return json.loads(payload)
    except (ValueError, RecursionError) as exc:  # ValueError: UnicodeDecodeError, JSONDecodeError, int digits
        raise PayloadError(f"not JSON: {str(exc)[:80]}") from exc


def _check_size(payload: bytes, limit: int = MAX_PAYLOAD) -> None:
    """Checked before anything reads the payload: no device sends more, and a large one costs time to parse."""
    if len(payload) > limit:
        raise PayloadError(f"{len(payload)} bytes is more than the {limit} bytes this topic may carry")


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
    _check_size(payload)
    try:
        return payload.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise PayloadError(f"not UTF-8 text: {exc.reason}") from exc


def availability_of(spec: Availability, payload: bytes) -> bool | None:
    """True/False for the available/not-available word (any case), None for anything else.

    With a value path a JSON object is looked into ({"state": "online"}); a plain word is still accepted.
    """
    if len(payload) > MAX_PAYLOAD:
        return None
    word = payload.decode("utf-8", "replace").strip()
    if spec.value_path is not None:
        with contextlib.suppress(PayloadError):
            data = parse_json(payload)
            if isinstance(data, dict):
                found = value_at(data, spec.value_path)
                word = "" if isinstance(found, dict | list) else str(found)
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
        with contextlib.suppress(OverflowError):  # an int of more than 308 digits
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


def dimmed_color_name(hex_: str) -> str:
    """A colour as a dimmed RGB light reports it ("7f0000" from a Tasmota bulb at Dimmer 50): its own name
    if it has one (purple is "800080"), else the name of the same colour at full brightness ("red")."""
    if hex_.lower() in _HEX_TO_NAME:
        return _HEX_TO_NAME[hex_.lower()]
    r, g, b = hex_rgb(hex_)
    top = max(r, g, b)
    return color_name(hex_) if top == 0 else color_name("#" + "".join(f"{round(c / top * 255):02x}" for c in (r, g, b)))


def hex_rgb(hex_: str) -> tuple[float, float, float]:
    """"#ff8000" -> (1.0, 0.502, 0.0); ValueError for anything but #rrggbb."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", hex_):
        raise ValueError(f"expected a colour as #rrggbb, got {hex_!r}")
    return int(hex_[1:3], 16) / 255, int(hex_[3:5], 16) / 255, int(hex_[5:7], 16) / 255


def rgb_to_xy(rgb: tuple[float, float, float]) -> tuple[float, float]:
    """sRGB (0-1 each) -> CIE xy, rounded to 4 decimals, the way Zigbee2MQTT converts and reports it."""
    linear = [((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb]
    x, y, z = (sum(k * c for k, c in zip(row, linear, strict=True)) for row in _WIDE_RGB_D65)
    total = x + y + z
    return (0.0, 0.0) if total == 0 else (round(x / total, 4), round(y / total, 4))  # black: as Zigbee2MQTT


def hs_to_xy(hue: float, saturation: float) -> tuple[float, float]:
    """Hue in degrees and saturation 0-100 (Zigbee2MQTT's `hs` report) at full brightness -> CIE xy."""
    if not 0 <= saturation <= 100:
        raise ValueError(f"saturation should be 0-100, got {saturation}")
    return rgb_to_xy(colorsys.hsv_to_rgb(hue % 360 / 360, saturation / 100, 1.0))


def _inside_gamut(p: tuple[float, float]) -> bool:
    sides = [(b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) for a, b in _GAMUT_C_EDGES]
    return all(side >= 0 for side in sides) or all(side <= 0 for side in sides)


def _nearest_on_edge(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return round(a[0] + t * dx, 4), round(a[1] + t * dy, 4)


def gamut_clipped(p: tuple[float, float]) -> tuple[float, float]:
    """Where a gamut C bulb shows the colour p: p itself, or the nearest point on the gamut's edge."""
    if _inside_gamut(p):
        return p
    return min((_nearest_on_edge(p, a, b) for a, b in _GAMUT_C_EDGES), key=lambda q: math.dist(p, q))


def _named_points() -> dict[tuple[float, float], str]:
    """Each named colour's xy as sent and as a gamut C bulb reports it.

    Names differing only in brightness (purple/magenta, teal/cyan) share a point; the brighter keeps it,
    because an xy report says nothing of brightness and a bulb at full brightness is assumed.
    """
    points: dict[tuple[float, float], str] = {}
    for name, hex_ in sorted(COLORS.items(), key=lambda item: max(hex_rgb(item[1]))):
        xy = rgb_to_xy(hex_rgb(hex_))
        points[xy] = points[gamut_clipped(xy)] = name
    return points


_NAMED_POINTS = _named_points()


def xy_color_name(x: float, y: float) -> str | None:
    """The named colour nearest a reported CIE xy; None when none is within COLOR_TOLERANCE (a colour we
    have no name for must not pass for one)."""
    point, name = min(_NAMED_POINTS.items(), key=lambda item: math.dist(item[0], (x, y)))
    return name if math.dist(point, (x, y)) <= COLOR_TOLERANCE else None
