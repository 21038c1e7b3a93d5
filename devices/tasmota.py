"""The Tasmota convention: commands on `cmnd/<topic>/<Command>`, JSON answers on `stat/<topic>/RESULT`.

A device's `<topic>` is `mqtt.topic` (default: the device id); a device found by Tasmota's own discovery
keeps the FullTopic and prefixes it announced (`mqtt.full_topic`, `mqtt.prefixes`). Supported, as Tasmota
sends them: relays and lights (`POWER` ON/OFF, `Dimmer` 0–100, `Color` as hex "FF0000", `CT` 153–500
mireds for white, within `mqtt.mireds`; a light showing white reports a `Color` whose RGB part is zero, or
only white channels); one relay of a multi-relay
device (Sonoff Dual, 4CH) when `mqtt.relay` is n (`POWER<n>`); ceiling fans such as the Sonoff iFan
(`FanSpeed` 0–3: off, low, medium, high; on means medium, as Home Assistant's Tasmota integration does);
shutters (`ShutterOpen`,
`ShutterClose`, `ShutterPosition` 0–100, reported as `{"Shutter1": {"Position": 40}}`) and sensors
(`tele/<topic>/SENSOR`, e.g. `{"AM2301": {"Temperature": 21.5, "Humidity": 48}}`). State also comes
periodically on `tele/<topic>/STATE`; availability is the last will on `tele/<topic>/LWT`
(`Online`/`Offline`). Tasmota does not retain its state, so the bridge asks for it once connected.
"""

from __future__ import annotations

import string
from typing import Any

from assistant.registry import Availability, Device
from assistant.tools import COLORS, FAN_SPEEDS, ToolCall
from devices.state import DeviceState, confirms
from devices.white import MIRED_RANGE, shows, to_kelvin, to_mireds
from devices.wire import Message, PayloadError, Unsupported, dimmed_color_name, json_object, number

_POWER = {"ON": True, "1": True, "OFF": False, "0": False}
_FAN_LEVELS = ("off", *FAN_SPEEDS)  # FanSpeed 0-3


def topic_of(device: Device) -> str:
    return device.mqtt.topic or device.id


def command_topic(device: Device, command: str) -> str:
    """`cmnd/<topic>/<command>`, or wherever the device's FullTopic and prefixes put it."""
    return _full_topic(device, 0) + command


def status_topic(device: Device, kind: str) -> str:
    """`stat/<topic>/<kind>` (RESULT, STATUS10)."""
    return _full_topic(device, 1) + kind


def telemetry_topic(device: Device, kind: str) -> str:
    """`tele/<topic>/<kind>` (STATE, SENSOR, LWT)."""
    return _full_topic(device, 2) + kind


def _full_topic(device: Device, prefix: int) -> str:
    mqtt = device.mqtt
    full = mqtt.full_topic.replace("%prefix%", mqtt.prefixes[prefix]).replace("%topic%", topic_of(device))
    return full if full.endswith("/") else full + "/"


def mired_range(device: Device) -> tuple[int, int]:
    return device.mqtt.mireds or MIRED_RANGE


def power_key(device: Device) -> str:
    """The relay's command and state key: POWER for a single relay, POWER<n> for relay n of several."""
    return f"POWER{device.mqtt.relay}" if device.mqtt.relay else "POWER"


class Tasmota:
    """The convention object the bridge dispatches to (see devices.conventions)."""

    types = ("light", "switch", "cover", "sensor", "fan")
    ask_at_connect = True

    def commands(self, device: Device, call: ToolCall) -> tuple[Message, ...]:
        def cmnd(command: str, payload: str) -> tuple[Message, ...]:
            return (Message(command_topic(device, command), payload),)

        tool, value = call.tool, call.value
        if tool == "get_state":  # sensors answer STATUS 10 (StatusSNS), the rest STATE
            return cmnd("STATUS", "10") if device.type == "sensor" else cmnd("STATE", "")
        if device.type == "fan" and tool in ("turn_on", "turn_off", "set_fan_speed"):
            speed = {"turn_on": "medium", "turn_off": "off"}.get(tool, str(value))
            return cmnd("FanSpeed", str(_FAN_LEVELS.index(speed)))
        simple = {"turn_on": (power_key(device), "ON"), "turn_off": (power_key(device), "OFF"),
                  "open_cover": ("ShutterOpen", ""), "close_cover": ("ShutterClose", "")}
        if tool in simple:
            return cmnd(*simple[tool])
        if tool == "set_brightness":
            return cmnd("Dimmer", str(round(value)))  # type: ignore[arg-type]
        if tool == "set_color":
            return cmnd("Color", COLORS[str(value)].lstrip("#").upper())
        if tool == "set_color_temperature":
            return cmnd("CT", str(to_mireds(value, *mired_range(device))))  # type: ignore[arg-type]
        if tool == "set_position":
            return cmnd("ShutterPosition", str(round(value)))  # type: ignore[arg-type]
        raise Unsupported(f"{tool} has no Tasmota command for a {device.type}")

    def state_topics(self, device: Device) -> tuple[str, ...]:
        if device.type == "sensor":
            return (telemetry_topic(device, "SENSOR"), status_topic(device, "STATUS10"))
        return (status_topic(device, "RESULT"), telemetry_topic(device, "STATE"))

    def decode(self, device: Device, _topic: str, payload: bytes) -> DeviceState:
        data = json_object(payload)
        try:
            return _decode(device, data)
        except (TypeError, ValueError, RecursionError) as exc:
            raise PayloadError(f"unexpected value in {sorted(data)}: {exc}") from exc

    def availability(self, device: Device) -> tuple[Availability, ...]:
        return (Availability(telemetry_topic(device, "LWT"), "Online", "Offline"),)

    def hvac_modes(self, _device: Device) -> tuple[str, ...]:
        return ()  # Tasmota carries no climate devices

    def confirms(self, device: Device, call: ToolCall, state: DeviceState) -> bool:
        if call.tool == "set_color_temperature":
            return shows(state.color_temp, to_mireds(call.value, *mired_range(device)))  # type: ignore[arg-type]
        return confirms(call, state)


def _decode(device: Device, data: dict[str, Any]) -> DeviceState:
    if device.type == "sensor":
        return DeviceState(temperature=reading(data, "Temperature"), humidity=reading(data, "Humidity"))
    if device.type == "cover":
        shutter = data.get("Shutter1")
        if shutter is None:
            return DeviceState()
        if not isinstance(shutter, dict):
            raise ValueError(f"Shutter1 should be an object, got {shutter!r}")
        raw = shutter.get("Position")
        position = None if raw is None else round(number(raw, "Position"))
        return DeviceState(on=None if position is None else position > 0, position=position)
    if device.type == "fan":
        speed = data.get("FanSpeed")
        if speed is None:
            return DeviceState()
        level = round(number(speed, "FanSpeed"))
        if not 0 <= level < len(_FAN_LEVELS):
            raise ValueError(f"FanSpeed should be 0 to 3, got {speed!r}")
        return DeviceState(on=level > 0, speed=_FAN_LEVELS[level] if level else None)
    relay = device.mqtt.relay  # a single relay may report as POWER or POWER1
    keys = {None: ("POWER", "POWER1"), 1: ("POWER1", "POWER")}.get(relay, (f"POWER{relay}",))
    power = next((data[k] for k in keys if k in data), None)
    if power is not None and str(power).upper() not in _POWER:
        raise ValueError(f"POWER should be ON or OFF, got {power!r}")
    dimmer, color, ct = data.get("Dimmer"), data.get("Color"), data.get("CT")
    if color is not None and not _is_hex(color):
        raise ValueError(f"Color should be hex like FF0000, got {color!r}")
    white = color is None or len(color) < 6 or int(color[:6], 16) == 0  # no RGB channels lit: white
    return DeviceState(
        on=None if power is None else _POWER[str(power).upper()],
        brightness=None if dimmer is None else round(number(dimmer, "Dimmer")),
        color=None if white or device.type != "light" else dimmed_color_name(f"#{color[:6]}"),
        color_temp=to_kelvin(number(ct, "CT")) if ct is not None and white and device.type == "light" else None,
    )


def _is_hex(value: Any) -> bool:
    """Tasmota reports a dimmer, CW, RGB, RGBW or RGBCW light as 2, 4, 6, 8 or 10 hex digits (SetOption17 0,
    the default)."""
    return isinstance(value, str) and len(value) in (2, 4, 6, 8, 10) and all(c in string.hexdigits for c in value)


def reading(data: dict[str, Any], key: str) -> float | None:
    """A sensor value wherever the sensor's name puts it: {"AM2301": {"Temperature": 21.5}}."""
    for value in data.values():
        if isinstance(value, dict):
            if key in value:
                return number(value[key], key)
            found = reading(value, key)  # StatusSNS wraps the sensors once more
            if found is not None:
                return found
    return None
