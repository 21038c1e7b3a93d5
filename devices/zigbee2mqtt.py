"""The Zigbee2MQTT convention: JSON state on `<base>/<id>`, commands on `<base>/<id>/set`.

Payload shapes follow Zigbee2MQTT's exposes: `state` ON/OFF, `brightness` 0–254, colour sent as
`color.hex`, white as `color_temp` in mireds (within the light's range), thermostat
`occupied_heating_setpoint`/`system_mode` (the modes its exposes list)/`local_temperature`, fan `fan_mode`,
lock `state` LOCK/UNLOCK with `lock_state`, cover `state` OPEN/CLOSE with `position` 0–100.
Media players have no Zigbee2MQTT expose; they use the same style (`state`, `volume`, `playback`).

Zigbee2MQTT never reports a colour as hex: it reports what the bulb holds, `color_mode` "xy" with
`color.x`/`color.y` (often `hue`/`saturation` too) or "hs" with `color.hue` (degrees) and
`color.saturation` (0–100). That is read as the nearest colour name (devices.wire.xy_color_name): a bulb
shows and reports a colour clipped to its gamut and rounded, never the exact xy it was sent, and it
reports no brightness with it, so purple is reported as magenta and teal as cyan (confirmed as such). In
`color_mode` "color_temp" a light shows white: it reports its `color_temp` (read as kelvin) and no colour.
`color.hex` is still read, for anything that echoes the hex it was sent.
"""

from __future__ import annotations

import json
from typing import Any

from assistant.registry import Availability, Device
from assistant.tools import COLORS, DEVICE_TYPES, HVAC_MODES, ToolCall
from devices.climate import on_mode
from devices.state import DeviceState, confirms
from devices.white import MIRED_RANGE, shows, to_kelvin, to_mireds
from devices.wire import (
    Message,
    PayloadError,
    Unsupported,
    color_name,
    hex_rgb,
    hs_to_xy,
    json_object,
    number,
    rgb_to_xy,
    xy_color_name,
)


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
        mode = {"turn_off": "off", "turn_on": on_mode(device, system_modes(device), None)}.get(tool, value)
        if mode not in system_modes(device):
            raise Unsupported(f"the {device.id} thermostat has no system_mode {mode!r}")
        return {"system_mode": mode}
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
    if tool == "set_color_temperature":
        return {"state": "ON", "color_temp": to_mireds(value, *mired_range(device))}  # type: ignore[arg-type]
    if tool == "set_position":
        return {"position": round(value)}  # type: ignore[arg-type]
    if tool == "set_volume":
        return {"volume": round(value)}  # type: ignore[arg-type]
    raise Unsupported(f"{tool} has no Zigbee2MQTT form for a {device.type}")


def decode_state(device: Device, payload: bytes) -> DeviceState:
    """Parse a state message; raises PayloadError on anything a Zigbee2MQTT device would not send."""
    data = json_object(payload)
    try:
        return _decode(device, data)
    except (TypeError, ValueError, KeyError) as exc:
        raise PayloadError(f"unexpected value in {sorted(data)}: {exc}") from exc


def _number(data: dict[str, Any], key: str) -> float | None:
    value = data.get(key)
    return None if value is None else number(value, key)


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
            hvac_mode=None if mode is None else str(mode).lower(),
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
    volume = _number(data, "volume")
    playback = data.get("playback")
    return DeviceState(
        on=_on_off(data.get("state")),
        brightness=None if brightness is None else from_254(brightness),
        color=_color(data),
        color_temp=_color_temp(data),
        volume=None if volume is None else round(volume),
        muted=None if data.get("mute") is None else bool(data["mute"]),
        playing=None if playback is None else _on_off(playback),
    )


def _color(data: dict[str, Any]) -> str | None:
    """The colour name a light reports, read the way its `color_mode` says it holds the colour."""
    color, mode = data.get("color"), data.get("color_mode")
    if not isinstance(color, dict) or mode == "color_temp":  # `color` may then hold a stale or derived xy
        return None
    has_xy = color.get("x") is not None and color.get("y") is not None
    has_hs = color.get("hue") is not None and color.get("saturation") is not None
    if has_hs and (mode == "hs" or not has_xy):
        return xy_color_name(*hs_to_xy(number(color["hue"], "hue"), number(color["saturation"], "saturation")))
    if has_xy:
        return xy_color_name(number(color["x"], "x"), number(color["y"], "y"))
    return color_name(color["hex"]) if isinstance(color.get("hex"), str) else None


def _color_temp(data: dict[str, Any]) -> int | None:
    """Kelvin, while the light shows white (`color_mode` color_temp, or a white-only light naming no mode)."""
    mireds, mode = data.get("color_temp"), data.get("color_mode")
    if mireds is None or mode not in (None, "color_temp"):
        return None
    return to_kelvin(number(mireds, "color_temp"))


def system_modes(device: Device) -> tuple[str, ...]:
    """The thermostat's system_mode values, as its exposes list them (every mode when not known)."""
    return device.mqtt.modes or HVAC_MODES


def mired_range(device: Device) -> tuple[int, int]:
    return device.mqtt.mireds or MIRED_RANGE


def reported_color(name: str) -> str | None:
    """The name a light reports back for a colour it was set to: one differing only in brightness reads as
    its brighter twin (purple as magenta), as an xy report carries no brightness."""
    return xy_color_name(*rgb_to_xy(hex_rgb(COLORS[name])))


class Zigbee2Mqtt:
    """The convention object the bridge dispatches to (see devices.conventions)."""

    types = DEVICE_TYPES
    ask_at_connect = False  # Zigbee2MQTT devices are asked one by one (`get`) only when a state is needed

    def commands(self, device: Device, call: ToolCall) -> tuple[Message, ...]:
        payload = command_payload(device, call)
        if payload is None:  # get_state: ask the device
            return (Message(f"{device.state_topic}/get", json.dumps({"state": ""})),)
        return (Message(device.command_topic, json.dumps(payload)),)

    def state_topics(self, device: Device) -> tuple[str, ...]:
        return (device.state_topic,)

    def decode(self, device: Device, _topic: str, payload: bytes) -> DeviceState:
        return decode_state(device, payload)

    def availability(self, device: Device) -> tuple[Availability, ...]:
        return (Availability(device.availability_topic, value_path=("state",)),)

    def hvac_modes(self, device: Device) -> tuple[str, ...]:
        return system_modes(device)

    def confirms(self, device: Device, call: ToolCall, state: DeviceState) -> bool:
        if call.tool == "set_color_temperature":
            return shows(state.color_temp, to_mireds(call.value, *mired_range(device)))  # type: ignore[arg-type]
        if call.tool == "set_color" and state.color is not None:
            return state.color in (call.value, reported_color(str(call.value)))
        return confirms(call, state)
