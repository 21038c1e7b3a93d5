"""A simulated Tasmota device: obeys `cmnd/<topic>/<Command>` and answers on `stat/<topic>/RESULT`, as the
firmware does with its default options (state not retained, colours as hex, last will on `tele/<topic>/LWT`).

Commands: POWER or POWER<n> for relay n (ON, OFF, TOGGLE, 1, 0), Dimmer 0–100 (0 switches off), Color
(hex, with or without #), CT 153–500 (white: the RGB part of Color goes to zero; a white-only light's Color is
its two white channels), FanSpeed 0–3, ShutterOpen, ShutterClose, ShutterPosition 0–100, STATE, and
STATUS 10 for sensors. Each relay of a multi-relay device is played as its own device on the shared topic,
so STATE is answered by each relay with its own POWER<n>.
"""

from __future__ import annotations

import json
from typing import Any

from assistant.registry import Device
from devices.tasmota import command_topic, power_key, status_topic, telemetry_topic
from devices.wire import Message

_COMMANDS = {"light": ("POWER", "Dimmer", "Color", "CT", "STATE"), "switch": ("POWER", "STATE"),
             "fan": ("FanSpeed", "STATE"),
             "cover": ("ShutterOpen", "ShutterClose", "ShutterPosition", "STATE"), "sensor": ("STATUS",)}
_ANSWERS = {"POWER": ("POWER",), "DIMMER": ("POWER", "Dimmer"), "COLOR": ("POWER", "Dimmer", "Color"),
            "CT": ("POWER", "Dimmer", "Color", "CT"),
            "FANSPEED": ("FanSpeed",), "SHUTTEROPEN": ("Shutter1",), "SHUTTERCLOSE": ("Shutter1",),
            "SHUTTERPOSITION": ("Shutter1",)}


class TasmotaPlayer:
    def initial(self, device: Device) -> dict[str, Any]:
        if device.type == "cover":
            return {"Shutter1": {"Position": 0, "Direction": 0, "Target": 0}}
        if device.type == "sensor":
            return {"AM2301": {"Temperature": 21.5, "Humidity": 48.0}, "TempUnit": "C"}
        if device.type == "fan":
            return {"FanSpeed": 0}
        state: dict[str, Any] = {power_key(device): "OFF"}
        if "brightness" in device.features:
            state["Dimmer"] = 100
        if "color" in device.features:
            state["Color"] = "FFFFFF" + ("0000" if "color_temp" in device.features else "")
        if "color_temp" in device.features:
            state["CT"] = 250
            state.setdefault("Color", "FFFF")
        return state

    def command_topics(self, device: Device) -> tuple[str, ...]:
        commands = [power_key(device) if c == "POWER" else c for c in _COMMANDS[device.type]]
        return tuple(command_topic(device, command) for command in commands)

    def hello(self, device: Device, state: dict[str, Any]) -> list[Message]:
        kind = "SENSOR" if device.type == "sensor" else "STATE"
        return [Message(telemetry_topic(device, kind), json.dumps({"Time": "2024-01-01T00:00:00", **state}))]

    def handle(self, device: Device, state: dict[str, Any], topic: str,
               payload: bytes) -> tuple[dict[str, Any], list[Message]]:
        command, argument = topic.rsplit("/", 1)[1].upper(), payload.decode("utf-8").strip()
        if command == "STATUS":
            if argument != "10":
                raise ValueError(f"this sensor only answers STATUS 10, got {argument!r}")
            return state, [Message(status_topic(device, "STATUS10"), json.dumps({"StatusSNS": state}))]
        if command == "STATE":
            return state, [Message(status_topic(device, "RESULT"), json.dumps(state))]
        power = power_key(device)
        command = "POWER" if command == power.upper() else command  # POWER2 is relay 2's POWER
        new = _apply(state, command, argument, power)
        touched = [power if k == "POWER" else k for k in _ANSWERS[command]]
        answer = {k: new[k] for k in touched if k in new}  # what the command touched, as Tasmota does
        return new, [Message(status_topic(device, "RESULT"), json.dumps(answer))]

    def availability(self, device: Device, online: bool) -> list[Message]:
        return [Message(telemetry_topic(device, "LWT"), "Online" if online else "Offline", retain=True)]


def _apply(state: dict[str, Any], command: str, argument: str, power: str) -> dict[str, Any]:
    new = dict(state)
    if command == "POWER":
        toggled = "OFF" if state[power] == "ON" else "ON"
        words = {"ON": "ON", "1": "ON", "OFF": "OFF", "0": "OFF", "TOGGLE": toggled, "2": toggled}
        if argument.upper() not in words:
            raise ValueError(f"POWER takes ON, OFF or TOGGLE, got {argument!r}")
        new[power] = words[argument.upper()]
    elif command == "FANSPEED":
        if argument not in ("0", "1", "2", "3"):
            raise ValueError(f"FanSpeed takes 0 to 3, got {argument!r}")
        new["FanSpeed"] = int(argument)
    elif command == "DIMMER":
        level = _level(argument)
        new["Dimmer"], new[power] = level, "ON" if level > 0 else "OFF"
    elif command == "COLOR":
        hex_ = argument.lstrip("#").upper()
        if len(hex_) != 6 or any(c not in "0123456789ABCDEF" for c in hex_):
            raise ValueError(f"Color takes a hex colour like FF0000, got {argument!r}")
        new["Color"], new[power] = hex_ + ("0000" if "CT" in state else ""), "ON"
    elif command == "CT":
        if not argument.isdigit() or not 153 <= int(argument) <= 500:
            raise ValueError(f"CT takes 153 to 500, got {argument!r}")
        new["CT"], new[power] = int(argument), "ON"
        new["Color"] = ("000000" if len(state["Color"]) > 4 else "") + "FFFF"
    elif command in ("SHUTTEROPEN", "SHUTTERCLOSE", "SHUTTERPOSITION"):
        position = {"SHUTTEROPEN": 100, "SHUTTERCLOSE": 0}.get(command)
        position = _level(argument) if position is None else position
        new["Shutter1"] = {"Position": position, "Direction": 0, "Target": position}
    else:
        raise ValueError(f"unknown command {command}")
    return new


def _level(argument: str) -> int:
    if not argument.isdigit() or not 0 <= int(argument) <= 100:
        raise ValueError(f"expected a level from 0 to 100, got {argument!r}")
    return int(argument)
