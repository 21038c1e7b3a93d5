"""The Zigbee2MQTT convention: JSON state on `<base>/<id>`, commands on `<base>/<id>/set`.

Payload shapes follow Zigbee2MQTT's exposes: `state` ON/OFF, `brightness` 0–254, `color.hex`,
thermostat `occupied_heating_setpoint`/`system_mode`/`local_temperature`, fan `fan_mode`,
lock `state` LOCK/UNLOCK with `lock_state`, cover `state` OPEN/CLOSE with `position` 0–100.
Media players have no Zigbee2MQTT expose; they use the same style (`state`, `volume`, `playback`).
"""

from __future__ import annotations

import json
from typing import Any

from assistant.registry import Device
from assistant.tools import COLORS, ToolCall
from devices.state import DeviceState

_HEX_TO_NAME = {hex_: name for name, hex_ in COLORS.items()}


class PayloadError(ValueError):
    """A state payload that is not what this convention sends."""


def percent_to_254(percent: float) -> int:
    return round(percent * 254 / 100)


def from_254(value: float) -> int:
    return round(value * 100 / 254)


def command_payload(device: Device, call: ToolCall) -> dict[str, Any] | None:
    """What to publish on the device's command topic; None for `get_state` (nothing to send)."""
    tool, value = call.tool, call.value
    if tool == "get_state":
        return None
    if device.type == "vacuum":
        return {"command": "start" if tool == "start_cleaning" else "return_to_base"}
    if device.type == "scene":
        return {"state": "ON"}
    if tool in ("mute", "unmute"):
        return {"mute": tool == "mute"}
    if device.type == "climate":
        if tool == "set_temperature":
            return {"occupied_heating_setpoint": value}
        return {"system_mode": "heat" if tool == "turn_on" else "off"}
    if device.type == "fan":
        if tool == "set_fan_speed":
            return {"fan_mode": value}
        return {"fan_state": "ON" if tool == "turn_on" else "OFF"}
    simple = {
        "turn_on": {"state": "ON"}, "turn_off": {"state": "OFF"},
        "open_cover": {"state": "OPEN"}, "close_cover": {"state": "CLOSE"},
        "lock": {"state": "LOCK"}, "unlock": {"state": "UNLOCK"},
        "media_play": {"playback": "PLAY"}, "media_pause": {"playback": "PAUSE"},
    }
    if tool in simple:
        return simple[tool]
    if tool == "set_brightness":
        assert isinstance(value, int | float)
        return {"state": "ON" if value > 0 else "OFF", "brightness": percent_to_254(value)}
    if tool == "set_color":
        return {"state": "ON", "color": {"hex": COLORS[str(value)]}}
    if tool == "set_position":
        return {"position": round(value)}  # type: ignore[arg-type]
    if tool == "set_volume":
        return {"volume": round(value)}  # type: ignore[arg-type]
    raise ValueError(f"{tool} has no Zigbee2MQTT form for a {device.type}")


def confirms(call: ToolCall, state: DeviceState) -> bool:
    """True when a reported state shows that the call took effect."""
    tool, value = call.tool, call.value
    checks = {
        "turn_on": lambda: state.on is True,
        "turn_off": lambda: state.on is False,
        "set_brightness": lambda: state.brightness == round(value) and state.on is (value > 0),  # type: ignore[arg-type, operator]
        "set_color": lambda: state.color == value,
        "set_temperature": lambda: state.target_temperature == value,
        "open_cover": lambda: state.position == 100 or (state.position is None and state.on is True),
        "close_cover": lambda: state.position == 0 or (state.position is None and state.on is False),
        "set_position": lambda: state.position == round(value),  # type: ignore[arg-type]
        "lock": lambda: state.locked is True,
        "unlock": lambda: state.locked is False,
        "set_fan_speed": lambda: state.speed == value and state.on is True,
        "set_volume": lambda: state.volume == round(value),  # type: ignore[arg-type]
        "mute": lambda: state.muted is True,
        "unmute": lambda: state.muted is False,
        "start_cleaning": lambda: state.cleaning is True,
        "return_to_base": lambda: state.cleaning is False,
        "activate": lambda: state.on is True,
        "media_play": lambda: state.playing is True,
        "media_pause": lambda: state.playing is False,
        "get_state": lambda: True,
    }
    return checks[tool]()


def decode_state(device: Device, payload: bytes) -> DeviceState:
    """Parse a state message; raises PayloadError on anything a Zigbee2MQTT device would not send."""
    if len(payload) > 65536:
        raise PayloadError(f"{len(payload)} bytes is too large for a state message")
    try:
        data = json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PayloadError(f"not JSON: {str(exc)[:80]}") from exc
    if not isinstance(data, dict):
        raise PayloadError(f"expected a JSON object, got {type(data).__name__}")
    try:
        return _decode(device, data)
    except (TypeError, ValueError, KeyError) as exc:
        raise PayloadError(f"unexpected value in {sorted(data)}: {exc}") from exc


def _number(data: dict[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} should be a number, got {value!r}")
    return float(value)


def _on_off(value: Any) -> bool | None:
    if value is None:
        return None
    text = str(value).upper()
    if text in ("ON", "OPEN", "PLAYING", "PLAY"):
        return True
    if text in ("OFF", "CLOSE", "CLOSED", "PAUSED", "PAUSE", "STOPPED", "STOP", "IDLE"):
        return False
    raise ValueError(f"unknown state {value!r}")


def _decode(device: Device, data: dict[str, Any]) -> DeviceState:
    kind = device.type
    if kind == "vacuum":
        activity = data.get("state")
        return DeviceState(cleaning=None if activity is None else str(activity).lower() == "cleaning")
    if kind == "scene":
        return DeviceState(on=_on_off(data.get("state")))
    if kind == "climate":
        setpoint = _number(data, "occupied_heating_setpoint")
        mode = data.get("system_mode")
        return DeviceState(
            on=None if mode is None else str(mode).lower() != "off",
            target_temperature=setpoint,
            temperature=_number(data, "local_temperature"),
        )
    if kind == "fan":
        mode = data.get("fan_mode")
        return DeviceState(on=_on_off(data.get("fan_state")), speed=None if mode is None else str(mode).lower())
    if kind == "lock":
        lock_state = data.get("lock_state")
        if lock_state is not None:
            locked = str(lock_state).lower() == "locked"
        elif data.get("state") is not None:
            locked = str(data["state"]).upper() == "LOCK"
        else:
            locked = None
        return DeviceState(locked=locked)
    if kind == "sensor":
        return DeviceState(temperature=_number(data, "temperature"), humidity=_number(data, "humidity"))
    if kind == "cover":
        position = _number(data, "position")
        return DeviceState(on=_on_off(data.get("state")), position=None if position is None else round(position))
    brightness = _number(data, "brightness")
    color = data.get("color")
    color_name = None
    if isinstance(color, dict) and isinstance(color.get("hex"), str):
        color_name = _HEX_TO_NAME.get(color["hex"].lower(), color["hex"].lower())
    volume = _number(data, "volume")
    playback = data.get("playback")
    return DeviceState(
        on=_on_off(data.get("state")),
        brightness=None if brightness is None else from_254(brightness),
        color=color_name,
        volume=None if volume is None else round(volume),
        muted=None if data.get("mute") is None else bool(data["mute"]),
        playing=None if playback is None else _on_off(playback),
    )
