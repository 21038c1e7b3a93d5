"""Simulated devices that behave on MQTT like the real thing, each in its own convention.

A Zigbee2MQTT device keeps its state in Zigbee2MQTT's payload shape, obeys `<id>/set` and `<id>/get`,
publishes its state retained after every change, announces itself `online` on its availability
topic and publishes a Home Assistant discovery config under `homeassistant/…`. A colour light takes
`color.hex` but, like a real one, never reports hex: it reports what Zigbee2MQTT reports of a Hue (gamut C)
bulb, `color_mode` "xy" and `color` x/y as the bulb shows the colour (converted, clipped to its gamut,
4 decimals) with hue/saturation. Tasmota devices and Home Assistant / generic entities are played by
devices.sim_tasmota and devices.sim_entity. Every player interprets commands itself (none reuses the
bridge's encoder), so tests through it check the wire format.
"""

from __future__ import annotations

import colorsys
import contextlib
import json
import logging
import time
from collections import deque
from typing import Any, Protocol

import paho.mqtt.client as mqtt

from assistant.act.connection import connect, guarded, make_client
from assistant.config import BrokerSettings
from assistant.registry import Device, Registry
from devices.climate import resting_mode
from devices.sim_entity import EntityPlayer
from devices.sim_tasmota import TasmotaPlayer
from devices.wire import MAX_PAYLOAD, Message, gamut_clipped, hex_rgb, rgb_to_xy
from devices.zigbee2mqtt import mired_range, system_modes

log = logging.getLogger(__name__)

DISCOVERY_PREFIX = "homeassistant"
_HA_COMPONENT = {"light": "light", "switch": "switch", "climate": "climate", "fan": "fan",
                 "lock": "lock", "cover": "cover", "sensor": "sensor", "vacuum": "vacuum", "scene": "scene"}


def initial_state(device: Device) -> dict[str, Any]:
    kind = device.type
    if kind == "light":
        state: dict[str, Any] = {"state": "OFF"}
        if "brightness" in device.features:
            state["brightness"] = 254
        if "color_temp" in device.features:
            state.update(color_mode="color_temp", color_temp=250)
        if "color" in device.features:
            state.update(color_report("#ffffff"))
        return state
    if kind == "switch":
        return {"state": "OFF"}
    if kind == "climate":
        return {"system_mode": resting_mode(device, system_modes(device)), "occupied_heating_setpoint": 20,
                "local_temperature": 19.5}
    if kind == "fan":
        return {"fan_state": "OFF", "fan_mode": "low"}
    if kind == "lock":
        return {"state": "LOCK", "lock_state": "locked"}
    if kind == "cover":
        return {"state": "CLOSE", "position": 0}
    if kind == "media_player":
        return {"state": "OFF", "volume": 30, "playback": "paused", "mute": False}
    if kind == "vacuum":
        return {"state": "docked", "battery": 100}
    if kind == "scene":
        return {"state": "OFF"}
    return {"temperature": 21.5, "humidity": 48.0}


def color_report(hex_: str) -> dict[str, Any]:
    """What Zigbee2MQTT reports of a bulb set to a hex colour (ValueError for a malformed one)."""
    rgb = hex_rgb(hex_)
    x, y = gamut_clipped(rgb_to_xy(rgb))
    hue, saturation, _ = colorsys.rgb_to_hsv(*rgb)
    return {"color_mode": "xy",
            "color": {"x": x, "y": y, "hue": round(hue * 360), "saturation": round(saturation * 100)}}


def _pct(value: Any, low: float = 0, high: float = 100) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    return max(low, min(high, value))


def _on_off(value: Any, current: str) -> str:
    text = str(value).upper()
    if text == "TOGGLE":
        return "OFF" if current == "ON" else "ON"
    if text not in ("ON", "OFF"):
        raise ValueError(f"state must be ON, OFF or TOGGLE, got {value!r}")
    return text


def apply_command(device: Device, state: dict[str, Any], command: dict[str, Any]) -> dict[str, Any]:
    """The device's new state after a `/set` payload; raises ValueError on a payload it would reject."""
    new = dict(state)
    kind = device.type
    for key, value in command.items():
        if kind == "vacuum" and key == "command":
            if value not in ("start", "return_to_base", "stop"):
                raise ValueError(f"command must be start, return_to_base or stop, got {value!r}")
            new["state"] = "cleaning" if value == "start" else "returning"
            continue
        if kind == "scene" and key == "state":
            new["state"] = _on_off(value, "OFF")  # a scene reports ON each time it is recalled
            continue
        if kind == "media_player" and key == "mute":
            if not isinstance(value, bool):
                raise ValueError(f"mute must be true or false, got {value!r}")
            new["mute"] = value
            continue
        if kind in ("light", "switch", "media_player") and key == "state":
            new["state"] = _on_off(value, new["state"])
        elif kind == "light" and key == "brightness" and "brightness" in device.features:
            new["brightness"] = round(_pct(value, 0, 254))
            new["state"] = "ON" if new["brightness"] > 0 else "OFF"
        elif kind == "light" and key == "color" and "color" in device.features:
            if not isinstance(value, dict) or not isinstance(value.get("hex"), str):
                raise ValueError(f"color must be {{'hex': '#rrggbb'}}, got {value!r}")
            new.update(color_report(value["hex"]))
        elif kind == "climate" and key == "occupied_heating_setpoint":
            new[key] = _pct(value, 5, 35)
        elif kind == "light" and key == "color_temp" and "color_temp" in device.features:
            low, high = mired_range(device)
            new.update(color_mode="color_temp", color_temp=round(_pct(value, low, high)))
        elif kind == "climate" and key == "system_mode":
            if value not in system_modes(device):
                raise ValueError(f"system_mode must be one of {', '.join(system_modes(device))}, got {value!r}")
            new[key] = value
        elif kind == "fan" and key == "fan_state":
            new["fan_state"] = _on_off(value, new["fan_state"])
        elif kind == "fan" and key == "fan_mode":
            if value not in ("low", "medium", "high", "off", "on"):
                raise ValueError(f"fan_mode must be low, medium, high, on or off, got {value!r}")
            if value in ("on", "off"):
                new["fan_state"] = value.upper()
            else:
                new["fan_mode"], new["fan_state"] = value, "ON"
        elif kind == "lock" and key == "state":
            if value not in ("LOCK", "UNLOCK"):
                raise ValueError(f"state must be LOCK or UNLOCK, got {value!r}")
            new["state"], new["lock_state"] = value, "locked" if value == "LOCK" else "unlocked"
        elif kind == "cover" and key == "state":
            if value not in ("OPEN", "CLOSE", "STOP"):
                raise ValueError(f"state must be OPEN, CLOSE or STOP, got {value!r}")
            if value != "STOP":
                new["state"], new["position"] = value, 100 if value == "OPEN" else 0
        elif kind == "cover" and key == "position" and "position" in device.features:
            new["position"] = round(_pct(value))
            new["state"] = "OPEN" if new["position"] > 0 else "CLOSE"
        elif kind == "media_player" and key == "volume":
            new["volume"] = round(_pct(value))
        elif kind == "media_player" and key == "playback":
            if value not in ("PLAY", "PAUSE"):
                raise ValueError(f"playback must be PLAY or PAUSE, got {value!r}")
            new["playback"] = "playing" if value == "PLAY" else "paused"
            if value == "PLAY":
                new["state"] = "ON"
        else:
            raise ValueError(f"a {kind} does not accept {key!r}")
    return new


def discovery_config(device: Device) -> tuple[str, dict[str, Any]] | None:
    """Home Assistant MQTT discovery topic and payload, as Zigbee2MQTT publishes them (Zigbee2MQTT devices only)."""
    component = _HA_COMPONENT.get(device.type)
    if component is None or device.mqtt.convention != "zigbee2mqtt":
        return None
    payload: dict[str, Any] = {
        "name": None,
        "unique_id": f"{device.id}_{component}",
        "state_topic": device.state_topic,
        "availability": [{"topic": device.availability_topic, "value_template": "{{ value_json.state }}"}],
        "device": {"identifiers": [f"sim_{device.id}"], "name": device.name, "suggested_area": device.area,
                   "manufacturer": "assistant simulator"},
    }
    if device.type != "sensor":
        payload["command_topic"] = device.command_topic
    payload.update(_component_config(device))
    if device.type == "scene":  # a scene is recalled, it has no state of its own
        del payload["state_topic"]
    payload = {key: value for key, value in payload.items() if value is not None}
    return f"{DISCOVERY_PREFIX}/{component}/{device.id}/config", payload


def _component_config(device: Device) -> dict[str, Any]:
    """What each kind of entity needs beyond the topics to be read and driven from Zigbee2MQTT's JSON state,
    so that Home Assistant (and the assistant's own discovery) can use what the simulator announces."""
    cmd, state = device.command_topic, device.state_topic
    if device.type == "light":
        modes = ["xy"] if "color" in device.features else []
        modes += ["color_temp"] if "color_temp" in device.features else []
        return dict(schema="json", brightness="brightness" in device.features,
                    supported_color_modes=modes or (["brightness"] if "brightness" in device.features else ["onoff"]))
    if device.type in ("switch", "scene"):
        return dict(value_template="{{ value_json.state }}", payload_on="ON", payload_off="OFF")
    if device.type == "lock":
        return dict(value_template="{{ value_json.state }}", payload_lock="LOCK", payload_unlock="UNLOCK",
                    state_locked="LOCK", state_unlocked="UNLOCK")
    if device.type == "cover":
        config = dict(value_template="{{ value_json.state | lower }}", state_open="open", state_closed="close",
                      payload_open="OPEN", payload_close="CLOSE", payload_stop="STOP")
        if "position" in device.features:
            config.update(position_topic=state, position_template="{{ value_json.position }}",
                          set_position_topic=cmd, set_position_template='{"position": {{ position }}}')
        return config
    if device.type == "climate":  # no state or command topic of its own: a topic per attribute
        return dict(state_topic=None, command_topic=None,
                    mode_state_topic=state, mode_state_template="{{ value_json.system_mode }}",
                    mode_command_topic=f"{cmd}/system_mode", modes=list(system_modes(device)),
                    temperature_state_topic=state,
                    temperature_state_template="{{ value_json.occupied_heating_setpoint }}",
                    temperature_command_topic=f"{cmd}/occupied_heating_setpoint",
                    current_temperature_topic=state,
                    current_temperature_template="{{ value_json.local_temperature }}")
    if device.type == "fan":
        return dict(command_topic=f"{cmd}/fan_state", state_value_template="{{ value_json.fan_state }}",
                    payload_on="ON", payload_off="OFF", preset_mode_state_topic=state,
                    preset_mode_value_template="{{ value_json.fan_mode }}",
                    preset_mode_command_topic=f"{cmd}/fan_mode", preset_modes=["low", "medium", "high"])
    if device.type == "vacuum":
        return dict(payload_start='{"command": "start"}', payload_return_to_base='{"command": "return_to_base"}')
    if device.type == "sensor":
        return dict(device_class="temperature", unit_of_measurement="°C", value_template="{{ value_json.temperature }}")
    return {}


class Player(Protocol):
    """How a simulated device plays its convention; its state is a dict in its own wire shape."""

    def initial(self, device: Device) -> dict[str, Any]: ...

    def command_topics(self, device: Device) -> tuple[str, ...]: ...

    def hello(self, device: Device, state: dict[str, Any]) -> list[Message]:
        """What the device says about its state when it connects."""
        ...

    def handle(self, device: Device, state: dict[str, Any], topic: str,
               payload: bytes) -> tuple[dict[str, Any], list[Message]]:
        """The new state and the answer to a command; ValueError when the device would reject it."""
        ...

    def availability(self, device: Device, online: bool) -> list[Message]: ...


def _z2m_command(device: Device, topic: str, payload: bytes) -> dict[str, Any]:
    """A command as Zigbee2MQTT reads it: a JSON object on `<device>/set`, a plain word there is the state
    ("ON", "LOCK"), and `<device>/set/<attribute>` sets that attribute alone (what its Home Assistant
    discovery configs use for fans and thermostats)."""
    try:
        value = json.loads(payload)
    except ValueError:
        word = payload.decode("utf-8", "replace").strip()
        return {topic[len(device.command_topic) + 1:] if topic != device.command_topic else "state": word}
    if topic != device.command_topic:
        return {topic[len(device.command_topic) + 1:]: value}
    if not isinstance(value, dict):
        raise ValueError("expected a JSON object or a state word")
    return value


class Zigbee2MqttPlayer:
    def initial(self, device: Device) -> dict[str, Any]:
        return initial_state(device)

    def command_topics(self, device: Device) -> tuple[str, ...]:
        return (device.command_topic, f"{device.state_topic}/get")

    def hello(self, device: Device, state: dict[str, Any]) -> list[Message]:
        return [Message(device.state_topic, json.dumps(state), retain=True)]

    def handle(self, device: Device, state: dict[str, Any], topic: str,
               payload: bytes) -> tuple[dict[str, Any], list[Message]]:
        if topic == device.command_topic or topic.startswith(f"{device.command_topic}/"):
            state = apply_command(device, state, _z2m_command(device, topic, payload))
        return state, self.hello(device, state)

    def availability(self, device: Device, online: bool) -> list[Message]:
        return [Message(device.availability_topic, json.dumps({"state": "online" if online else "offline"}),
                        retain=True)]


PLAYERS: dict[str, Player] = {"zigbee2mqtt": Zigbee2MqttPlayer(), "tasmota": TasmotaPlayer(),
                              "homeassistant": EntityPlayer(), "generic": EntityPlayer()}


RECEIVED_KEPT = 10_000  # messages: ~1 MB of Zigbee2MQTT commands, more than any test or benchmark sends


class SimulatedHome:
    """Every device of a registry, simulated over one MQTT connection, each in its own convention."""

    def __init__(self, settings: BrokerSettings, registry: Registry, announce: bool = True) -> None:
        self.settings = settings
        self.registry = registry
        self.announce = announce  # publish Home Assistant discovery configs
        self._retained: set[str] = set()  # every topic it published a retained message on
        self.states = {device.id: PLAYERS[device.mqtt.convention].initial(device) for device in registry}
        self._routes: dict[str, list[Device]] = {}  # relays of one Tasmota device share their topics
        # (time.monotonic(), topic, payload) of the last RECEIVED_KEPT messages that arrived: tests read it, and a
        # simulated home serving `assistant wyoming` or the demo for days must not grow without bound
        self.received: deque[tuple[float, str, bytes]] = deque(maxlen=RECEIVED_KEPT)
        for device in registry:
            for topic in PLAYERS[device.mqtt.convention].command_topics(device):
                self._routes.setdefault(topic, []).append(device)
        self._client = make_client(settings, f"{settings.client_id}-simulator")
        self._client.on_connect = guarded(self._on_connect)
        self._client.on_message = guarded(self._on_message)

    def start(self, timeout: float = 10.0) -> SimulatedHome:
        connect(self._client, self.settings, timeout)
        log.info("simulating %d devices", len(self.registry))
        return self

    def stop(self, leave_nothing: bool = False) -> None:
        """Say offline and withdraw the discovery configs (empty and retained), so Home Assistant keeps no
        phantom devices; `leave_nothing` clears every retained message it published instead."""
        cleared = [Message(t, "", retain=True) for t in sorted(self._retained)
                   if leave_nothing or t.startswith(f"{DISCOVERY_PREFIX}/")]
        offline = [m for d in self.registry for m in PLAYERS[d.mqtt.convention].availability(d, False)]
        self._publish(cleared if leave_nothing else offline + cleared, wait=True)
        self._client.disconnect()
        self._client.loop_stop()

    def set_online(self, device_id: str, online: bool) -> None:
        """Announce one device (un)reachable, as its gateway or its last will would."""
        device = self.registry[device_id]
        self._publish(PLAYERS[device.mqtt.convention].availability(device, online), wait=True)

    def __enter__(self) -> SimulatedHome:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _publish(self, messages: list[Message], wait: bool = False) -> None:
        self._retained.update(m.topic for m in messages if m.retain)
        sent = [self._client.publish(m.topic, m.payload, qos=1, retain=m.retain) for m in messages]
        for info in sent if wait else []:  # paho keeps only 20 in flight: wait, or most of them are lost
            with contextlib.suppress(RuntimeError, ValueError):
                info.wait_for_publish(2)

    def _on_connect(self, client: mqtt.Client, _u: object, _f: object, reason: object, _p: object) -> None:
        if getattr(reason, "is_failure", False):
            return
        client.subscribe([(topic, 1) for topic in self._routes])
        for device in self.registry:
            player = PLAYERS[device.mqtt.convention]
            discovery = discovery_config(device) if self.announce else None
            announced = [Message(discovery[0], json.dumps(discovery[1]), retain=True)] if discovery else []
            self._publish([*announced, *player.availability(device, True),
                           *player.hello(device, self.states[device.id])])

    def _on_message(self, _c: mqtt.Client, _u: object, msg: mqtt.MQTTMessage) -> None:
        self.received.append((time.monotonic(), msg.topic, msg.payload))
        for device in self._routes.get(msg.topic, ()):
            self._handle(device, msg)

    def _handle(self, device: Device, msg: mqtt.MQTTMessage) -> None:
        if len(msg.payload) > MAX_PAYLOAD:
            log.warning("%s ignored a command of %d bytes", device.id, len(msg.payload))
            return
        try:
            state, answer = PLAYERS[device.mqtt.convention].handle(device, self.states[device.id], msg.topic,
                                                                   msg.payload)
        except (ValueError, ArithmeticError, RecursionError) as exc:  # ArithmeticError: float("inf") as a level
            log.warning("%s ignored command %r: %s", device.id, msg.payload[:120], str(exc)[:120])
            return
        if state != self.states[device.id]:
            log.info("%s -> %s", device.id, state)
        self.states[device.id] = state
        self._publish(answer)
