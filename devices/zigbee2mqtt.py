"""The Zigbee2MQTT convention: JSON state on `<base>/<id>`, commands on `<base>/<id>/set`.

Payload shapes follow Zigbee2MQTT's exposes: `state` ON/OFF, `brightness` 0–254, `color.hex`,
thermostat `occupied_heating_setpoint`/`system_mode`/`local_temperature`, fan `fan_mode`,
lock `state` LOCK/UNLOCK with `lock_state`, cover `state` OPEN/CLOSE with `position` 0–100.
Media players have no Zigbee2MQTT expose; they use the same style (`state`, `volume`, `playback`).
"""

from __future__ import annotations

import json
from typing import Any

from assistant.registry import Availability, Device
from assistant.tools import COLORS, DEVICE_TYPES, ToolCall
from devices.state import DeviceState, confirms
from devices.wire import Message, PayloadError, Unsupported, color_name, json_object, number


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
    named = None
    if isinstance(color, dict) and isinstance(color.get("hex"), str):
        named = color_name(color["hex"])
    volume = _number(data, "volume")
    playback = data.get("playback")
    return DeviceState(
        on=_on_off(data.get("state")),
        brightness=None if brightness is None else from_254(brightness),
        color=named,
        volume=None if volume is None else round(volume),
        muted=None if data.get("mute") is None else bool(data["mute"]),
        playing=None if playback is None else _on_off(playback),
    )


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

    def confirms(self, _device: Device, call: ToolCall, state: DeviceState) -> bool:
        return confirms(call, state)
