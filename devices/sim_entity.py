"""A simulated device that follows its Home Assistant style description (conventions homeassistant, generic).

It reads commands the way the description says they are written (payloads, "{value}" templates, a JSON
object for `schema: json` lights), keeps its state as plain values, and reports every value retained on
its state topic, as a plain payload or at its key path in a JSON object.
"""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.registry import Channel, Device, Entity
from devices.climate import resting_mode
from devices.wire import Message

_SENSOR_START = {"temperature": 21.5, "humidity": 48.0}


class EntityPlayer:
    def initial(self, device: Device) -> dict[str, Any]:
        entity = _entity(device)
        mode = resting_mode(device, entity.modes)
        state: dict[str, Any] = {"on": device.type == "climate" and mode != "off", "locked": True, "cleaning": False}
        state["brightness"] = entity.brightness_scale
        state["rgb"] = [255, 255, 255]
        state["color_temp"] = entity.color_temp_range[0] + 100
        state["color_mode"] = "rgb" if entity.rgb else "color_temp"
        state["position"] = entity.position_closed
        state.update(target_temperature=20.0, temperature=19.5, mode=mode, percentage=33, preset="low")
        if device.type == "sensor" and device.device_class in _SENSOR_START:
            state["value"] = _SENSOR_START[device.device_class]  # other sensors are binary: "on" is their value
        return state

    def command_topics(self, device: Device) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.command_topic for _kind, c in _channels(device) if c.command_topic))

    def hello(self, device: Device, state: dict[str, Any]) -> list[Message]:
        entity = _entity(device)
        by_topic: dict[str, list[tuple[tuple[str, ...] | None, Any]]] = {}
        for kind, channel in _channels(device):
            if channel.state_topic is not None:
                by_topic.setdefault(channel.state_topic, []).append((channel.value_path, _reported(device, entity,
                                                                                                  kind, state)))
        messages = []
        for topic, values in by_topic.items():
            if len(values) == 1 and values[0][0] is None:
                value = values[0][1]
                payload = json.dumps(value) if isinstance(value, dict) else f"{value:g}" if isinstance(
                    value, float) else str(value)
            else:
                document: dict[str, Any] = {}
                for path, value in values:
                    _put(document, path or (), value)
                payload = json.dumps(document)
            messages.append(Message(topic, payload, retain=True))
        return messages

    def handle(self, device: Device, state: dict[str, Any], topic: str,
               payload: bytes) -> tuple[dict[str, Any], list[Message]]:
        entity, said = _entity(device), payload.decode("utf-8").strip()
        new = dict(state)
        if device.type == "light" and entity.schema == "json":
            _json_light(entity, new, json.loads(said))
            return new, self.hello(device, new)
        for kind, channel in _channels(device):
            value = _unrendered(channel, said) if channel.command_topic == topic else None
            if value is not None and _apply(device, entity, new, kind, value):
                return new, self.hello(device, new)
        raise ValueError(f"not a command this {device.type} understands on {topic}")

    def availability(self, device: Device, online: bool) -> list[Message]:
        messages = []
        for spec in _entity(device).availability:
            word = spec.payload_available if online else spec.payload_not_available
            payload = word if spec.value_path is None else json.dumps(_put({}, spec.value_path, word))
            messages.append(Message(spec.topic, payload, retain=True))
        return messages


def _entity(device: Device) -> Entity:
    return device.mqtt.entity or Entity()


def _channels(device: Device) -> list[tuple[str, Channel]]:
    """Every value the device has, the main one last (generic devices take all commands on one topic)."""
    entity = _entity(device)
    main = Channel(device.mqtt.command_topic, device.mqtt.state_topic, entity.command_template,
                   () if device.type == "light" and entity.schema == "json" else entity.value_path)
    named = [("brightness", entity.brightness), ("color_temp", entity.color_temp), ("position", entity.position),
             ("target_temperature", entity.target_temperature), ("temperature", entity.current_temperature),
             ("mode", entity.mode), ("percentage", entity.percentage), ("preset", entity.preset_mode), ("main", main)]
    return [(kind, channel) for kind, channel in named if channel is not None]


def _unrendered(channel: Channel, said: str) -> str | None:
    """The value inside a command payload written from the channel's template; None if it does not fit."""
    if channel.command_template is None:
        return said
    pattern = re.escape(channel.command_template).replace(re.escape("{value}"), "(.+?)")
    found = re.fullmatch(pattern, said, flags=re.DOTALL)
    return None if found is None else found.group(1)


def _apply(device: Device, entity: Entity, state: dict[str, Any], kind: str, value: str) -> bool:
    """Take in one commanded value; False when it is not a value of that kind."""
    if kind == "main":
        words = {entity.payload_on: ("on", True), entity.payload_off: ("on", False),
                 entity.payload_lock: ("locked", True), entity.payload_unlock: ("locked", False),
                 entity.payload_open: ("position", entity.position_open),
                 entity.payload_close: ("position", entity.position_closed)}
        if device.type == "vacuum":
            words = {entity.payload_start: ("cleaning", True), entity.payload_return_to_base: ("cleaning", False)}
        if value not in words:
            return False
        key, setting = words[value]
        state[key] = setting
        if key == "position":
            state["on"] = setting != entity.position_closed
        return True
    if kind in ("mode", "preset"):
        allowed = entity.modes if kind == "mode" else entity.preset_modes
        if value not in allowed:
            return False
        state[kind], state["on"] = value, value != "off"
        return True
    try:
        number = float(value)
    except ValueError:
        return False
    if kind == "color_temp":
        low, high = entity.color_temp_range
        if not low <= number <= high:
            return False
        state["color_temp"] = round(number)
    elif kind == "brightness":
        state["brightness"], state["on"] = round(number), number > 0
    elif kind == "position":
        state["position"], state["on"] = round(number), round(number) != entity.position_closed
    elif kind == "percentage":
        state["percentage"], state["on"] = round(number), number > 0
    else:
        state[kind] = number
    return True


def _json_light(entity: Entity, state: dict[str, Any], command: Any) -> None:
    if not isinstance(command, dict) or command.get("state", "ON") not in ("ON", "OFF"):
        raise ValueError(f"expected a JSON light command with state ON or OFF, got {command!r}")
    if "brightness" in command:
        if not isinstance(command["brightness"], int) or not 0 <= command["brightness"] <= entity.brightness_scale:
            raise ValueError(f"brightness should be 0 to {entity.brightness_scale}, got {command['brightness']!r}")
        state["brightness"] = command["brightness"]
    if "color" in command:
        color = command["color"]
        if not entity.rgb or not isinstance(color, dict) or not all(isinstance(color.get(c), int) for c in "rgb"):
            raise ValueError(f"color should be {{r, g, b}} on an RGB light, got {color!r}")
        state["rgb"], state["color_mode"] = [color[c] for c in "rgb"], "rgb"
    if "color_temp" in command:
        low, high = entity.color_temp_range
        if not entity.white or not isinstance(command["color_temp"], int) or not low <= command["color_temp"] <= high:
            raise ValueError(f"color_temp should be {low} to {high} on a white light, got {command['color_temp']!r}")
        state["color_temp"], state["color_mode"] = command["color_temp"], "color_temp"
    state["on"] = command.get("state", "ON") == "ON"


def _reported(device: Device, entity: Entity, kind: str, state: dict[str, Any]) -> Any:
    if kind != "main":
        return state[kind]
    if device.type == "light" and entity.schema == "json":
        report: dict[str, Any] = {"state": "ON" if state["on"] else "OFF", "brightness": state["brightness"]}
        if entity.rgb:
            report.update(color=dict(zip("rgb", state["rgb"], strict=True)))
        if entity.white:
            report.update(color_temp=state["color_temp"])
        if entity.rgb or entity.white:
            report.update(color_mode=state["color_mode"])
        return report
    if device.type == "sensor" and device.device_class in _SENSOR_START:
        return state["value"]
    if device.type == "vacuum":
        return "cleaning" if state["cleaning"] else "docked"
    if device.type == "lock":
        return entity.state_locked if state["locked"] else entity.state_unlocked
    if device.type == "cover":
        return entity.state_open if state["on"] else entity.state_closed
    on_word, off_word = entity.state_on or entity.payload_on, entity.state_off or entity.payload_off
    return on_word if state["on"] else off_word


def _put(document: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """Set `value` at `path` in a JSON object (an empty path merges an object in)."""
    if not path:
        document.update(value)
        return document
    inner = document
    for key in path[:-1]:
        inner = inner.setdefault(key, {})
    inner[path[-1]] = value
    return document
