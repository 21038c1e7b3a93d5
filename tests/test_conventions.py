"""Every MQTT convention end to end: bridge -> broker -> simulated device -> confirmed state.

Zigbee2MQTT, Tasmota, Home Assistant entities and generic devices, each simulated by a player that reads
commands its own way (devices/sim_*.py), on Mosquitto (MQTT 5) and the embedded amqtt (MQTT 3.1.1).
Every test puts its devices under topics of its own, so retained messages never leak between tests.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import Probe, simulated_home, unique, wait_until

from assistant.act.bridge import CallResult, MqttBridge
from assistant.config import BrokerSettings, ConfigError, load_config
from assistant.registry import Device, MqttSettings, Registry
from assistant.tools import ToolCall
from devices.conventions import CONVENTIONS
from devices.homeassistant import entity_device
from devices.state import DeviceState
from devices.wire import Message


def run(bridge: MqttBridge, tool: str, device: str, value: float | str | None = None) -> CallResult:
    """Execute one call and insist it was confirmed."""
    [result] = bridge.execute([ToolCall(tool, device, float(value) if isinstance(value, int) else value)])
    assert result.ok, f"{tool}({device}, {value}) not confirmed: {result}"
    assert result.state == bridge.state(device)
    return result


def tasmota(device_id: str, kind: str, features: tuple[str, ...] = ()) -> Device:
    return Device(device_id, device_id.replace("_", " "), "study", kind, features,
                  mqtt=MqttSettings(convention="tasmota", topic=unique("tasmota_")))


def ha(component: str, object_id: str, base: str, **config: Any) -> Device:
    """A Home Assistant entity as discovery would describe it (full key names), topics under `base`."""
    config.setdefault("availability_topic", f"{base}/{object_id}/available")
    config.setdefault("device", {"name": object_id.replace("_", " "), "suggested_area": "Hall"})
    device = entity_device(component, object_id, config, "unassigned")
    assert device is not None
    return device


def homeassistant_home(base: str) -> Registry:
    def t(path: str) -> str:
        return f"{base}/{path}"

    return Registry([
        ha("light", "spots", base, command_topic=t("spots/switch"), state_topic=t("spots/status"),
           brightness_command_topic=t("spots/brightness/set"), brightness_state_topic=t("spots/brightness"),
           brightness_scale=100, payload_on="on", payload_off="off"),
        ha("light", "strip", base, schema="json", command_topic=t("strip/set"), state_topic=t("strip"),
           supported_color_modes=["rgb"]),
        ha("switch", "heater", base, command_topic=t("heater/set"), state_topic=t("heater"),
           value_template="{{ value_json.power }}", command_template='{"power": "{{ value }}"}'),
        ha("lock", "shed", base, command_topic=t("shed/set"), state_topic=t("shed")),
        ha("cover", "awning", base, command_topic=t("awning/set"), state_topic=t("awning/state"),
           set_position_topic=t("awning/position/set"), position_topic=t("awning/position")),
        ha("climate", "radiator", base, mode_command_topic=t("radiator/mode/set"), mode_state_topic=t("radiator"),
           mode_state_template="{{ value_json.mode }}", modes=["off", "heat"],
           temperature_command_topic=t("radiator/target/set"), temperature_state_topic=t("radiator"),
           temperature_state_template="{{ value_json.target }}", current_temperature_topic=t("radiator"),
           current_temperature_template="{{ value_json.current }}"),
        ha("fan", "ceiling_fan", base, command_topic=t("fan/set"), state_topic=t("fan"),
           percentage_command_topic=t("fan/pct/set"), percentage_state_topic=t("fan/pct")),
        ha("fan", "desk_fan", base, command_topic=t("desk/set"), state_topic=t("desk"),
           preset_mode_command_topic=t("desk/preset/set"), preset_mode_state_topic=t("desk/preset"),
           preset_modes=["low", "medium", "high", "breeze"]),
        ha("sensor", "hall_temperature", base, state_topic=t("climate"), device_class="temperature",
           value_template="{{ value_json['bme280'].temperature }}"),
        ha("binary_sensor", "hall_door", base, state_topic=t("door"), device_class="door", payload_on="open",
           payload_off="closed"),
    ])


GENERIC_HOME = """
    devices:
      - id: desk_lamp
        name: desk lamp
        area: study
        type: light
        features: [brightness]
        mqtt:
          convention: generic
          command_topic: {base}/desk_lamp/cmd
          state_topic: {base}/desk_lamp
          availability_topic: {base}/desk_lamp/alive
          payload_available: "yes"
          payload_not_available: "no"
          payload_on: '{{"on": true}}'
          payload_off: '{{"on": false}}'
          state_on: "on"
          state_off: "off"
          state_value_path: status.power
          brightness_template: '{{"level": {{value}}}}'
          brightness_value_path: status.level
      - id: gate
        name: gate
        area: garden
        type: cover
        features: [position]
        mqtt: {{convention: generic, command_topic: {base}/gate/do, state_topic: {base}/gate, payload_open: go_up,
                payload_close: go_down, state_value_path: state, position_template: "move {{value}}",
                position_value_path: pos, availability_topic: {base}/gate/alive}}
      - id: boiler
        name: boiler
        area: cellar
        type: climate
        mqtt: {{convention: generic, command_topic: {base}/boiler/cmd, state_topic: {base}/boiler,
                state_value_path: power, temperature_template: "setpoint={{value}}", temperature_value_path: setpoint,
                availability_topic: {base}/boiler/alive}}
      - id: attic_fan
        name: attic fan
        area: attic
        type: fan
        mqtt: {{convention: generic, command_topic: {base}/attic_fan/cmd, state_topic: {base}/attic_fan,
                state_value_path: power, speed_template: "speed:{{value}}", speed_value_path: speed,
                availability_topic: {base}/attic_fan/alive}}
      - id: safe
        name: safe
        area: cellar
        type: lock
        mqtt: {{convention: generic, command_topic: {base}/safe/cmd, state_topic: {base}/safe, payload_lock: shut,
                payload_unlock: release, availability_topic: {base}/safe/alive}}
"""


def generic_home(tmp_path: Path, base: str) -> Registry:
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(GENERIC_HOME.format(base=base)), encoding="utf-8")
    return load_config(path).registry()


# --- each convention through the bridge, on both brokers ------------------------------------------------

def test_tasmota_light_relay_shutter_and_sensor_confirm_through_the_bridge(broker: BrokerSettings) -> None:
    home = Registry([tasmota("bulb", "light", ("brightness", "color")), tasmota("relay", "switch"),
                     tasmota("shutter", "cover", ("position",)), tasmota("climate", "sensor")])
    # Tasmota keeps no retained state: the bridge asked each device for it once connected
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("bulb") == DeviceState(on=False, brightness=100, color="white")
        assert bridge.state("climate") == DeviceState(temperature=21.5, humidity=48.0)

        assert run(bridge, "set_brightness", "bulb", 40).state == DeviceState(on=True, brightness=40, color="white")
        assert sim.states["bulb"] == {"POWER": "ON", "Dimmer": 40, "Color": "FFFFFF"}
        assert run(bridge, "set_color", "bulb", "blue").state.color == "blue"
        assert sim.states["bulb"]["Color"] == "0000FF"
        assert run(bridge, "set_brightness", "bulb", 0).state.on is False
        assert run(bridge, "turn_on", "relay").state == DeviceState(on=True)
        assert run(bridge, "turn_off", "relay").state == DeviceState(on=False)
        assert run(bridge, "open_cover", "shutter").state == DeviceState(on=True, position=100)
        assert run(bridge, "set_position", "shutter", 35).state.position == 35
        assert sim.states["shutter"]["Shutter1"]["Position"] == 35
        assert run(bridge, "close_cover", "shutter").state.position == 0


def test_each_relay_of_a_sonoff_dual_and_an_ifan_confirm_through_the_bridge(broker: BrokerSettings) -> None:
    shared = unique("dual_")  # one Tasmota device, two relays: two devices on the same topic
    home = Registry([dataclasses.replace(tasmota(f"relay{n}", "switch"), mqtt=MqttSettings(
        convention="tasmota", topic=shared, relay=n)) for n in (1, 2)] + [tasmota("ceiling_fan", "fan")])
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("ceiling_fan") == DeviceState(on=False)
        assert run(bridge, "turn_on", "relay2").state == DeviceState(on=True)
        assert sim.states["relay2"] == {"POWER2": "ON"}
        assert bridge.state("relay1") == DeviceState(on=False)  # the other relay's report is not this one's
        assert run(bridge, "turn_on", "relay1").state == DeviceState(on=True)
        assert run(bridge, "turn_off", "relay2").state == DeviceState(on=False)
        assert bridge.state("relay1") == DeviceState(on=True)
        assert run(bridge, "set_fan_speed", "ceiling_fan", "high").state == DeviceState(on=True, speed="high")
        assert sim.states["ceiling_fan"] == {"FanSpeed": 3}
        assert run(bridge, "turn_off", "ceiling_fan").state.on is False
        assert run(bridge, "turn_on", "ceiling_fan").state == DeviceState(on=True, speed="medium")


def test_homeassistant_entities_confirm_through_the_bridge(broker: BrokerSettings) -> None:
    home = homeassistant_home(unique("ha"))
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("spots") == DeviceState(on=False, brightness=100)
        assert run(bridge, "set_brightness", "spots", 30).state == DeviceState(on=True, brightness=30)
        assert sim.states["spots"]["brightness"] == 30  # scale 100 on the wire
        assert run(bridge, "turn_off", "spots").state.on is False

        assert run(bridge, "set_color", "strip", "red").state.color == "red"
        assert sim.states["strip"]["rgb"] == [255, 0, 0]
        assert run(bridge, "set_brightness", "strip", 50).state == DeviceState(on=True, brightness=50, color="red")
        assert sim.states["strip"]["brightness"] == 128  # json schema: 0-255 by default

        assert run(bridge, "turn_on", "heater").state == DeviceState(on=True)
        assert run(bridge, "unlock", "shed").state == DeviceState(locked=False)
        assert run(bridge, "set_position", "awning", 70).state.position == 70
        assert run(bridge, "close_cover", "awning").state.position == 0
        assert wait_until(lambda: bridge.state("awning") == DeviceState(on=False, position=0))  # "closed" too

        assert run(bridge, "set_temperature", "radiator", 22.5).state.target_temperature == 22.5
        state = run(bridge, "turn_off", "radiator").state
        assert (state.on, state.temperature) == (False, 19.5)
        assert sim.states["radiator"]["mode"] == "off"

        assert run(bridge, "set_fan_speed", "ceiling_fan", "medium").state == DeviceState(on=True, speed="medium")
        assert sim.states["ceiling_fan"]["percentage"] == 66
        assert run(bridge, "set_fan_speed", "desk_fan", "high").state.speed == "high"
        assert sim.states["desk_fan"]["preset"] == "high"

        assert run(bridge, "get_state", "hall_temperature").state == DeviceState(temperature=21.5)
        assert run(bridge, "get_state", "hall_door").state == DeviceState(on=False)


def test_generic_devices_described_in_the_config_confirm_through_the_bridge(broker: BrokerSettings,
                                                                            tmp_path: Path) -> None:
    home = generic_home(tmp_path, unique("gen"))
    with simulated_home(broker, home) as (sim, bridge):
        assert run(bridge, "set_brightness", "desk_lamp", 65).state == DeviceState(on=True, brightness=65)
        assert sim.states["desk_lamp"]["brightness"] == 65  # brightness_scale defaults to 100 for generic devices
        assert run(bridge, "turn_off", "desk_lamp").state.on is False
        assert run(bridge, "set_position", "gate", 25).state.position == 25
        assert run(bridge, "open_cover", "gate").state.position == 100
        assert run(bridge, "set_temperature", "boiler", 55).state.target_temperature == 55
        assert run(bridge, "turn_off", "boiler").state.on is False
        assert run(bridge, "set_fan_speed", "attic_fan", "low").state == DeviceState(on=True, speed="low")
        assert run(bridge, "unlock", "safe").state.locked is False


def test_a_home_mixing_all_four_conventions_confirms_one_parallel_batch(broker: BrokerSettings,
                                                                         tmp_path: Path) -> None:
    base = unique("mix")
    home = Registry([
        Device("z_lamp", "zigbee lamp", "hall", "light", ("brightness",), mqtt=MqttSettings(base_topic=base)),
        tasmota("t_plug", "switch"),
        homeassistant_home(base)["shed"],
        generic_home(tmp_path, base)["safe"],
    ])
    assert {d.mqtt.convention for d in home} == set(CONVENTIONS)
    calls = [ToolCall("set_brightness", "z_lamp", 20.0), ToolCall("turn_on", "t_plug"),
             ToolCall("unlock", "shed"), ToolCall("unlock", "safe")]
    with simulated_home(broker, home) as (_sim, bridge):
        results = bridge.execute(calls)
    assert [(r.call, r.ok) for r in results] == [(c, True) for c in calls]


def test_an_offline_device_fails_at_once_in_every_convention(broker: BrokerSettings, tmp_path: Path) -> None:
    base = unique("off")
    home = Registry([
        Device("z_plug", "zigbee plug", "hall", "switch", mqtt=MqttSettings(base_topic=base)),
        tasmota("t_plug", "switch"),
        homeassistant_home(base)["heater"],
        generic_home(tmp_path, base)["safe"],
    ])
    calls = [ToolCall("turn_on", "z_plug"), ToolCall("turn_on", "t_plug"), ToolCall("turn_on", "heater"),
             ToolCall("lock", "safe")]
    with simulated_home(broker, home, timeout_s=3.0) as (sim, bridge):
        for device in home:
            sim.set_online(device.id, False)
        assert wait_until(lambda: all(bridge.online(d.id) is False for d in home))
        started = time.monotonic()
        results = bridge.execute(calls)
        assert time.monotonic() - started < 0.2  # not the 3 s timeout
        assert [(r.ok, r.error) for r in results] == [(False, "offline")] * 4

        for device in home:
            sim.set_online(device.id, True)
        assert wait_until(lambda: all(bridge.online(d.id) for d in home))
        assert all(r.ok for r in bridge.execute(calls))


@pytest.mark.parametrize(("device_id", "topic", "garbage"), [
    ("bulb", 0, b"not json"),  # stat/<topic>/RESULT
    ("bulb", 1, b'{"POWER": "MAYBE"}'),  # tele/<topic>/STATE
    ("bulb", 0, b'{"Dimmer": "bright"}'),
    ("spots", 0, b"dim"),  # the on/off state topic
    ("spots", 1, b"lots"),  # the brightness state topic
    ("heater", 0, b'["power"]'),
    ("radiator", 0, b'{"target": "warm"}'),
])
def test_malformed_state_is_logged_and_skipped_in_every_convention(
        broker: BrokerSettings, probe: Probe, caplog: pytest.LogCaptureFixture, device_id: str, topic: int,
        garbage: bytes) -> None:
    candidates = Registry([tasmota("bulb", "light", ("brightness",)), *homeassistant_home(unique("bad"))])
    device = candidates[device_id]
    caplog.set_level(logging.WARNING, logger="assistant.act.bridge")
    with simulated_home(broker, Registry([device])) as (_sim, bridge):
        before = bridge.state(device_id)
        probe.publish(CONVENTIONS[device.mqtt.convention].state_topics(device)[topic], garbage)
        assert wait_until(lambda: any(f"skipped malformed state payload for {device_id}" in r.getMessage()
                                      for r in caplog.records))
        assert bridge.state(device_id) == before
        tool = "set_temperature" if device_id == "radiator" else "turn_on"
        run(bridge, tool, device_id, 21 if device_id == "radiator" else None)  # and it still works


def test_a_call_its_description_cannot_carry_is_reported_unsupported_without_waiting(
        broker: BrokerSettings) -> None:
    base = unique("uns")
    fan = ha("fan", "plain_fan", base, command_topic=f"{base}/fan/set", state_topic=f"{base}/fan")
    with simulated_home(broker, Registry([fan]), timeout_s=3.0) as (_sim, bridge):
        started = time.monotonic()
        [result] = bridge.execute([ToolCall("set_fan_speed", "plain_fan", "high")])
        assert (result.ok, result.error) == (False, "unsupported")
        assert time.monotonic() - started < 0.2
        assert run(bridge, "turn_on", "plain_fan").state.on is True


# --- what goes on the wire (no broker) -------------------------------------------------------------------

def test_homeassistant_light_sends_the_brightness_then_payload_on_as_home_assistant_does() -> None:
    home = homeassistant_home("h")
    messages = CONVENTIONS["homeassistant"].commands(home["spots"], ToolCall("set_brightness", "spots", 40.0))
    assert [(m.topic, m.payload) for m in messages] == [("h/spots/brightness/set", "40"), ("h/spots/switch", "on")]
    heater = CONVENTIONS["homeassistant"].commands(home["heater"], ToolCall("turn_on", "heater"))
    assert [(m.topic, m.payload) for m in heater] == [("h/heater/set", '{"power": "ON"}')]
    [strip] = CONVENTIONS["homeassistant"].commands(home["strip"], ToolCall("set_color", "strip", "orange"))
    assert json.loads(strip.payload) == {"state": "ON", "color": {"r": 255, "g": 165, "b": 0}}


def test_tasmota_commands_and_state_follow_the_firmware() -> None:
    bulb = tasmota("bulb", "light", ("brightness", "color"))
    t = bulb.mqtt.topic
    convention = CONVENTIONS["tasmota"]
    assert [(m.topic, m.payload) for m in convention.commands(bulb, ToolCall("set_color", "bulb", "red"))] == [
        (f"cmnd/{t}/Color", "FF0000")]
    assert convention.commands(bulb, ToolCall("get_state", "bulb"))[0].topic == f"cmnd/{t}/STATE"
    assert convention.decode(bulb, f"stat/{t}/RESULT", b'{"POWER":"ON","Dimmer":40,"Color":"FF000000"}') == \
        DeviceState(on=True, brightness=40, color="red")  # RGBW: the white channel is left out
    assert convention.decode(bulb, f"stat/{t}/RESULT", b'{"POWER":"ON","Dimmer":50,"Color":"7F0000"}') == \
        DeviceState(on=True, brightness=50, color="red")  # reported at the dimmer's level: still red
    sensor = tasmota("probe", "sensor")
    status = b'{"StatusSNS":{"Time":"x","DS18B20":{"Id":"01","Temperature":7.5},"TempUnit":"C"}}'
    assert convention.decode(sensor, f"stat/{sensor.mqtt.topic}/STATUS10", status) == DeviceState(temperature=7.5)
    assert [a.topic for a in convention.availability(bulb)] == [f"tele/{t}/LWT"]


# --- the config for tasmota and generic devices -----------------------------------------------------------

def config_error(tmp_path: Path, device: str) -> str:
    path = tmp_path / "config.yaml"
    path.write_text("devices:\n  - {id: ok, name: ok, area: hall, type: switch}\n" + device)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value).replace(str(path), "config.yaml")


def test_tasmota_device_takes_its_topic_from_the_config_or_its_id(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("devices:\n"
                    "  - {id: plug, name: plug, area: hall, type: switch, mqtt: {convention: tasmota}}\n"
                    "  - {id: bulb, name: bulb, area: hall, type: light, mqtt: {convention: tasmota, topic: t_bulb}}\n")
    registry = load_config(path).registry()
    assert registry["plug"].mqtt == MqttSettings(convention="tasmota")
    assert CONVENTIONS["tasmota"].commands(registry["plug"], ToolCall("turn_on", "plug"))[0].topic == "cmnd/plug/POWER"
    assert registry["bulb"].mqtt.topic == "t_bulb"


def test_a_relay_of_a_multi_relay_tasmota_is_commanded_and_read_by_its_number(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("devices:\n  - {id: pump, name: pump, area: garden, type: switch,\n"
                    "     mqtt: {convention: tasmota, topic: sonoff_4ch, relay: 3}}\n")
    pump = load_config(path).registry()["pump"]
    tasmota_ = CONVENTIONS["tasmota"]
    assert tasmota_.commands(pump, ToolCall("turn_on", "pump")) == (Message("cmnd/sonoff_4ch/POWER3", "ON"),)
    assert tasmota_.decode(pump, "stat/sonoff_4ch/RESULT", b'{"POWER1":"ON","POWER3":"OFF"}') == DeviceState(on=False)
    assert tasmota_.decode(pump, "stat/sonoff_4ch/RESULT", b'{"POWER1":"ON"}') == DeviceState()


@pytest.mark.parametrize(("device", "message"), [
    ("  - {id: f, name: f, area: a, type: lock, mqtt: {convention: tasmota}}\n",
     "config.yaml:3: devices[1].mqtt.convention: expected zigbee2mqtt or generic for a lock, got 'tasmota'"),
    ("  - {id: r, name: r, area: a, type: switch, mqtt: {convention: tasmota, relay: 9}}\n",
     "config.yaml:3: devices[1].mqtt.relay: expected"),
    ("  - {id: l, name: l, area: a, type: light, mqtt: {convention: tasmota, base_topic: x}}\n",
     "config.yaml:3: devices[1].mqtt.base_topic: not a setting of the tasmota convention; expected one of "
     "convention, topic, relay"),
    ("  - {id: l, name: l, area: a, type: light, mqtt: {convention: homeassistant}}\n",
     "devices[1].mqtt.convention: expected one of zigbee2mqtt, tasmota, generic, got 'homeassistant'"),
    ("  - {id: l, name: l, area: a, type: light, features: [brightness],\n"
     "     mqtt: {convention: generic, command_topic: c, state_topic: s}}\n",
     "config.yaml:4: devices[1].mqtt.brightness_template: missing; a generic light needs command_topic, "
     "state_topic, brightness_template, brightness_value_path"),
    ("  - {id: s, name: s, area: a, type: switch, mqtt: {convention: generic, command_topic: c, state_topic: s,\n"
     "     brightness_template: x}}\n",
     "config.yaml:4: devices[1].mqtt.brightness_template: expected a template with {value} where the value goes"),
    ("  - {id: s, name: s, area: a, type: switch, mqtt: {convention: generic, command_topic: c, state_topic: s,\n"
     "     speed_value_path: speed}}\n",
     "config.yaml:4: devices[1].mqtt.speed_value_path: expected a path only together with state_value_path"),
], ids=["tasmota-lock", "relay-out-of-range", "key-of-another-convention", "homeassistant-by-hand",
        "generic-missing-keys",
        "template-without-value", "path-without-state-path"])
def test_convention_settings_that_cannot_work_are_named_with_file_line_and_key(tmp_path: Path, device: str,
                                                                              message: str) -> None:
    assert message in config_error(tmp_path, device)
