"""The Tasmota convention: commands on `cmnd/<topic>/<Command>`, JSON answers on `stat/<topic>/RESULT`.

A device's `<topic>` is `mqtt.topic` (default: the device id). Supported, as Tasmota sends them:
relays and lights (`POWER` ON/OFF, `Dimmer` 0–100, `Color` as hex "FF0000"), shutters (`ShutterOpen`,
`ShutterClose`, `ShutterPosition` 0–100, reported as `{"Shutter1": {"Position": 40}}`) and sensors
(`tele/<topic>/SENSOR`, e.g. `{"AM2301": {"Temperature": 21.5, "Humidity": 48}}`). State also comes
periodically on `tele/<topic>/STATE`; availability is the last will on `tele/<topic>/LWT`
(`Online`/`Offline`). Tasmota does not retain its state, so the bridge asks for it once connected.
"""

from __future__ import annotations

from typing import Any

from assistant.registry import Availability, Device
from assistant.tools import COLORS, ToolCall
from devices.state import DeviceState, confirms
from devices.wire import Message, PayloadError, Unsupported, color_name, json_object, number

_POWER = {"ON": True, "1": True, "OFF": False, "0": False}


def topic_of(device: Device) -> str:
    return device.mqtt.topic or device.id


class Tasmota:
    """The convention object the bridge dispatches to (see devices.conventions)."""

    types = ("light", "switch", "cover", "sensor")
    ask_at_connect = True

    def commands(self, device: Device, call: ToolCall) -> tuple[Message, ...]:
        cmnd = f"cmnd/{topic_of(device)}"
        tool, value = call.tool, call.value
        if tool == "get_state":  # sensors answer STATUS 10 (StatusSNS), the rest STATE
            return (Message(f"{cmnd}/STATUS", "10") if device.type == "sensor" else Message(f"{cmnd}/STATE", ""),)
        simple = {"turn_on": ("POWER", "ON"), "turn_off": ("POWER", "OFF"),
                  "open_cover": ("ShutterOpen", ""), "close_cover": ("ShutterClose", "")}
        if tool in simple:
            command, payload = simple[tool]
            return (Message(f"{cmnd}/{command}", payload),)
        if tool == "set_brightness":
            return (Message(f"{cmnd}/Dimmer", str(round(value))),)  # type: ignore[arg-type]
        if tool == "set_color":
            return (Message(f"{cmnd}/Color", COLORS[str(value)].lstrip("#").upper()),)
        if tool == "set_position":
            return (Message(f"{cmnd}/ShutterPosition", str(round(value))),)  # type: ignore[arg-type]
        raise Unsupported(f"{tool} has no Tasmota command for a {device.type}")

    def state_topics(self, device: Device) -> tuple[str, ...]:
        topic = topic_of(device)
        if device.type == "sensor":
            return (f"tele/{topic}/SENSOR", f"stat/{topic}/STATUS10")
        return (f"stat/{topic}/RESULT", f"tele/{topic}/STATE")

    def decode(self, device: Device, _topic: str, payload: bytes) -> DeviceState:
        data = json_object(payload)
        try:
            return _decode(device, data)
        except (TypeError, ValueError, RecursionError) as exc:
            raise PayloadError(f"unexpected value in {sorted(data)}: {exc}") from exc

    def availability(self, device: Device) -> tuple[Availability, ...]:
        return (Availability(f"tele/{topic_of(device)}/LWT", "Online", "Offline"),)

    def confirms(self, _device: Device, call: ToolCall, state: DeviceState) -> bool:
        return confirms(call, state)


def _decode(device: Device, data: dict[str, Any]) -> DeviceState:
    if device.type == "sensor":
        return DeviceState(temperature=_reading(data, "Temperature"), humidity=_reading(data, "Humidity"))
    if device.type == "cover":
        shutter = data.get("Shutter1")
        if shutter is None:
            return DeviceState()
        if not isinstance(shutter, dict):
            raise ValueError(f"Shutter1 should be an object, got {shutter!r}")
        raw = shutter.get("Position")
        position = None if raw is None else round(number(raw, "Position"))
        return DeviceState(on=None if position is None else position > 0, position=position)
    power = data.get("POWER", data.get("POWER1"))
    if power is not None and str(power).upper() not in _POWER:
        raise ValueError(f"POWER should be ON or OFF, got {power!r}")
    dimmer = data.get("Dimmer")
    color = data.get("Color")
    if color is not None and not _is_hex(color):
        raise ValueError(f"Color should be hex like FF0000, got {color!r}")
    return DeviceState(
        on=None if power is None else _POWER[str(power).upper()],
        brightness=None if dimmer is None else round(number(dimmer, "Dimmer")),
        color=None if color is None or device.type != "light" else color_name(f"#{color[:6]}"),
    )


def _is_hex(value: Any) -> bool:
    """Tasmota reports RGB, RGBW or RGBCW as 6, 8 or 10 hex digits (SetOption17 0, the default)."""
    return isinstance(value, str) and len(value) in (6, 8, 10) and all(c in "0123456789abcdefABCDEF" for c in value)


def _reading(data: dict[str, Any], key: str) -> float | None:
    """A sensor value wherever the sensor's name puts it: {"AM2301": {"Temperature": 21.5}}."""
    for value in data.values():
        if isinstance(value, dict):
            if key in value:
                return number(value[key], key)
            found = _reading(value, key)  # StatusSNS wraps the sensors once more
            if found is not None:
                return found
    return None
