"""Devices described like Home Assistant MQTT entities: conventions `homeassistant` and `generic`.

The description (registry.Entity) says, per value, on which topic it is commanded and reported and in
which form: a plain payload, a command template with "{value}", a key path into a JSON state. Home
Assistant's discovery fills it in (devices.homeassistant); `generic` devices write it in the config.

Supported: lights (on/off; brightness and colour temperature on their own topics, or everything as one JSON
object with `schema: json`, RGB colour and colour temperature there; colour temperature in mireds, or in
kelvin with `color_temp_kelvin`), switches, locks, covers (open/close, position), climate (target
temperature, modes as `modes` lists them, payload_on/off for on/off without modes, current temperature),
fans (on/off; speeds as preset modes low/medium/high or as a percentage 33/66/100), sensors (temperature,
humidity, binary), vacuums (start / return to base; `{"state": "cleaning"}` reported) and scenes (activated
with payload_on; they report nothing, so they have no state topics).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from assistant.registry import Availability, Channel, Device, Entity
from assistant.tools import COLORS, ToolCall
from devices.climate import on_mode
from devices.state import DeviceState, confirms
from devices.white import clamp_kelvin, shows, to_kelvin, to_mireds
from devices.wire import (
    Message,
    PayloadError,
    Unsupported,
    dimmed_color_name,
    number,
    parse_json,
    render,
    text,
    value_at,
)

SPEED_PERCENT = {"low": 33, "medium": 66, "high": 100}  # Home Assistant's split of 3 ordered speeds
NUMERIC_SENSORS = ("temperature", "humidity")
_VACUUM_STATES = ("cleaning", "docked", "returning", "idle", "paused", "error")
_TRANSIENT = {"lock": ("locking", "unlocking", "jammed", "open", "opening"), "cover": ("opening", "closing", "stopped")}


@dataclass(frozen=True)
class _Reading:
    """One value reported on one topic."""

    topic: str
    path: tuple[str, ...] | None
    kind: str  # main, brightness, color_temp, position, target_temperature, temperature, mode, percentage, preset


class EntityConvention:
    """The convention object the bridge dispatches to (see devices.conventions)."""

    ask_at_connect = False  # entities retain their state, and have no way to be asked for it

    def __init__(self, types: tuple[str, ...]) -> None:
        self.types = types

    def commands(self, device: Device, call: ToolCall) -> tuple[Message, ...]:
        entity = entity_of(device)
        tool, value = call.tool, call.value
        if tool == "get_state":
            return ()
        main = main_channel(device)
        if device.type == "light" and entity.schema == "json":
            return (Message(_topic(main), json.dumps(_json_light_command(entity, tool, value))),)
        if tool == "set_color_temperature" and isinstance(value, int | float):
            white, on = _send(entity.color_temp, str(white_raw(entity, value))), _send(main, entity.payload_on)
            return (on, white) if entity.on_command_type == "first" else (white, on)
        if tool == "set_brightness" and isinstance(value, int | float) and value > 0:
            brightness = _send(entity.brightness, str(to_raw(value, 0, entity.brightness_scale)))
            on = _send(main, entity.payload_on)
            return {"brightness": (brightness,), "first": (on, brightness)}.get(entity.on_command_type,
                                                                               (brightness, on))
        if device.type == "climate" and tool in ("turn_on", "turn_off", "set_hvac_mode") and entity.mode is not None:
            mode = {"turn_off": "off", "turn_on": on_mode(device, entity.modes, None)}.get(tool, value)
            if mode not in entity.modes:
                raise Unsupported(f"the {device.id} has no mode {mode!r} among {', '.join(entity.modes)}")
            return (_send(entity.mode, str(mode)),)
        if tool == "set_temperature" and isinstance(value, int | float):
            return (_send(entity.target_temperature, f"{value:g}"),)
        if tool == "set_position" and isinstance(value, int | float):
            return (_send(entity.position, str(to_raw(value, entity.position_closed, entity.position_open))),)
        if tool == "set_fan_speed":
            if entity.preset_mode is not None and value in entity.preset_modes:
                return (_send(entity.preset_mode, str(value)),)
            if entity.percentage is not None:
                return (_send(entity.percentage, str(SPEED_PERCENT[str(value)])),)
            raise Unsupported(f"the {device.id} fan has neither speed presets nor a percentage topic")
        payloads = {"turn_on": entity.payload_on, "turn_off": entity.payload_off,
                    "set_brightness": entity.payload_off,  # to 0: off, as Home Assistant does
                    "lock": entity.payload_lock, "unlock": entity.payload_unlock,
                    "open_cover": entity.payload_open, "close_cover": entity.payload_close,
                    "activate": entity.payload_on, "start_cleaning": entity.payload_start,
                    "return_to_base": entity.payload_return_to_base}
        if tool not in payloads:
            raise Unsupported(f"{tool} has no form for the {device.type} {device.id}")
        return (_send(main, payloads[tool]),)

    def state_topics(self, device: Device) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.topic for r in _readings(device)))

    def decode(self, device: Device, topic: str, payload: bytes) -> DeviceState:
        entity = entity_of(device)
        readings = [r for r in _readings(device) if r.topic == topic]
        data = parse_json(payload) if any(r.path is not None for r in readings) else None
        fields: dict[str, Any] = {}
        try:
            for reading in readings:
                raw = text(payload) if reading.path is None else value_at(data, reading.path)
                if raw is None:
                    continue
                if reading.kind == "main" and device.type == "light" and entity.schema == "json":
                    fields.update(_json_light_state(entity, raw))
                else:
                    fields.update(_field(device, entity, reading.kind, raw))
        except PayloadError:
            raise
        except (TypeError, ValueError, RecursionError) as exc:
            raise PayloadError(f"unexpected value on {topic}: {exc}") from exc
        return DeviceState(**fields)

    def availability(self, device: Device) -> tuple[Availability, ...]:
        return entity_of(device).availability

    def hvac_modes(self, device: Device) -> tuple[str, ...]:
        entity = entity_of(device)
        return entity.modes if device.type == "climate" and entity.mode is not None else ()

    def confirms(self, device: Device, call: ToolCall, state: DeviceState) -> bool:
        """As everywhere, except that levels are compared as they come back through the device's scale."""
        entity, value = entity_of(device), call.value
        if call.tool == "set_brightness" and isinstance(value, int | float):
            if value == 0:
                return state.on is False  # sent as "off": the device may keep its last level
            raw = to_raw(value, 0, entity.brightness_scale)
            return state.on is True and state.brightness == to_percent(raw, 0, entity.brightness_scale)
        if call.tool == "set_color_temperature" and isinstance(value, int | float):
            return shows(state.color_temp, 1_000_000 / white_kelvin(entity, white_raw(entity, value)))
        if call.tool == "set_position" and isinstance(value, int | float):
            raw = to_raw(value, entity.position_closed, entity.position_open)
            return state.position == to_percent(raw, entity.position_closed, entity.position_open)
        return confirms(call, state)


def entity_of(device: Device) -> Entity:
    return device.mqtt.entity or Entity()


def main_channel(device: Device) -> Channel:
    entity = entity_of(device)
    return Channel(device.mqtt.command_topic, device.mqtt.state_topic, entity.command_template, entity.value_path)


def to_raw(percent: float, low: int, high: int) -> int:
    return round(low + percent * (high - low) / 100)


def to_percent(raw: float, low: int, high: int) -> int:
    return round((raw - low) * 100 / (high - low))


def _topic(channel: Channel | None) -> str:
    if channel is None or channel.command_topic is None:
        raise Unsupported("no command topic for this value")
    return channel.command_topic


def _send(channel: Channel | None, value: str) -> Message:
    return Message(_topic(channel), render(channel.command_template if channel else None, value))


def white_raw(entity: Entity, kelvin: float) -> int:
    """A colour temperature as the light takes it: kelvin or mireds, within its range."""
    low, high = entity.color_temp_range
    return clamp_kelvin(kelvin, low, high) if entity.color_temp_kelvin else to_mireds(kelvin, low, high)


def white_kelvin(entity: Entity, raw: float) -> int:
    """A reported colour temperature (kelvin or mireds, as the light speaks) in kelvin."""
    return round(raw) if entity.color_temp_kelvin else to_kelvin(raw)


def _json_light_command(entity: Entity, tool: str, value: float | str | None) -> dict[str, Any]:
    if tool == "turn_on" or (tool == "set_brightness" and isinstance(value, int | float) and value > 0):
        command: dict[str, Any] = {"state": "ON"}
        if tool == "set_brightness":
            command["brightness"] = to_raw(value, 0, entity.brightness_scale)  # type: ignore[arg-type]
        return command
    if tool in ("turn_off", "set_brightness"):
        return {"state": "OFF"}
    if tool == "set_color_temperature" and entity.white:
        return {"state": "ON", "color_temp": white_raw(entity, value)}  # type: ignore[arg-type]
    if tool == "set_color" and entity.rgb:
        hex_ = COLORS[str(value)]
        return {"state": "ON", "color": {"r": int(hex_[1:3], 16), "g": int(hex_[3:5], 16), "b": int(hex_[5:7], 16)}}
    raise Unsupported(f"{tool} has no form for this JSON light")


def _json_light_state(entity: Entity, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise PayloadError(f"expected a JSON object, got {type(data).__name__}")
    fields: dict[str, Any] = {}
    if data.get("state") is not None:
        fields["on"] = _word(data["state"], "ON", "OFF")
    if data.get("brightness") is not None:
        fields["brightness"] = to_percent(number(data["brightness"], "brightness"), 0, entity.brightness_scale)
    color, mode = data.get("color"), data.get("color_mode")
    if data.get("color_temp") is not None and mode in (None, "color_temp"):
        fields["color_temp"] = white_kelvin(entity, number(data["color_temp"], "color_temp"))
    if mode != "color_temp" and isinstance(color, dict) and all(isinstance(color.get(c), int) for c in "rgb"):
        fields["color"] = dimmed_color_name("#" + "".join(f"{max(0, min(255, color[c])):02x}" for c in "rgb"))
    return fields


def _field(device: Device, entity: Entity, kind: str, raw: Any) -> dict[str, Any]:
    if kind == "main":
        return _main_field(device, entity, raw)
    if kind == "brightness":
        return {"brightness": to_percent(number(raw, kind), 0, entity.brightness_scale)}
    if kind == "position":
        return {"position": to_percent(number(raw, kind), entity.position_closed, entity.position_open)}
    if kind in ("target_temperature", "temperature"):
        return {kind: number(raw, kind)}
    if kind == "color_temp":
        return {"color_temp": white_kelvin(entity, number(raw, kind))}
    if kind == "mode":
        return {"on": str(raw).lower() != "off", "hvac_mode": str(raw).lower()}
    if kind == "percentage":
        percent = number(raw, kind)
        if percent <= 0:
            return {"on": False}
        return {"speed": next(s for s, top in SPEED_PERCENT.items() if percent <= top or s == "high")}
    return {"speed": str(raw).lower()}  # preset


def _main_field(device: Device, entity: Entity, raw: Any) -> dict[str, Any]:
    if device.type == "sensor" and device.device_class in NUMERIC_SENSORS:
        return {device.device_class: number(raw, device.device_class)}
    if device.type == "vacuum":
        said = str(raw).strip().lower()
        if said not in _VACUUM_STATES:
            raise PayloadError(f"expected a vacuum state ({', '.join(_VACUUM_STATES)}), got {raw!r}")
        return {} if said == "error" else {"cleaning": said == "cleaning"}
    field, true_word, false_word = {
        "lock": ("locked", entity.state_locked, entity.state_unlocked),
        "cover": ("on", entity.state_open, entity.state_closed),
    }.get(device.type, ("on", entity.state_on or entity.payload_on, entity.state_off or entity.payload_off))
    try:
        return {field: _word(raw, true_word, false_word)}
    except ValueError:
        if str(raw).strip().lower() in ("", "none", "unknown", *_TRANSIENT.get(device.type, ())):
            return {}  # on its way, or not known: no news
        raise


def _word(raw: Any, true_word: str, false_word: str) -> bool:
    said = str(raw).strip().lower()
    if said == true_word.lower():
        return True
    if said == false_word.lower():
        return False
    raise ValueError(f"expected {true_word!r} or {false_word!r}, got {raw!r}")


@functools.lru_cache(maxsize=4096)
def _readings(device: Device) -> tuple[_Reading, ...]:
    entity = entity_of(device)
    channels = [("main", main_channel(device)), ("brightness", entity.brightness), ("color_temp", entity.color_temp),
                ("position", entity.position),
                ("target_temperature", entity.target_temperature), ("temperature", entity.current_temperature),
                ("mode", entity.mode), ("percentage", entity.percentage), ("preset", entity.preset_mode)]
    json_light = device.type == "light" and entity.schema == "json"
    return tuple(_Reading(c.state_topic, () if json_light and kind == "main" else c.value_path, kind)
                 for kind, c in channels if c is not None and c.state_topic is not None)
