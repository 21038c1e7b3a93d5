"""Importing the home from what the broker announces: Home Assistant MQTT discovery (full, abbreviated and
device-based configs) and Zigbee2MQTT's retained device list, merged with the config's `devices:` entries,
then driven through the bridge to simulated devices of each convention.

Every test publishes under a discovery prefix and topics of its own on Mosquitto, as retained messages,
exactly as Home Assistant integrations, Tasmota and Zigbee2MQTT leave them on a real broker.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Probe, connect_bridge, start_simulator, unique, wait_until

from assistant.act.discovery import HomeDiscovery, discover_registry
from assistant.answer.reply import describe_state
from assistant.config import BrokerSettings, Config, ConfigError, load_config
from assistant.registry import Device, MqttSettings, Registry
from assistant.tools import ToolCall
from devices.conventions import convention_of
from devices.homeassistant import parse_config
from devices.state import DeviceState
from devices.wire import Message, PayloadError


@dataclasses.dataclass
class Announced:
    """One test's corner of the broker: its discovery prefix, Zigbee2MQTT base topic and device topics."""

    prefix: str
    z2m: str
    base: str
    tasmota: str
    config: Config


@pytest.fixture
def probe(mosquitto: BrokerSettings) -> Iterator[Probe]:
    made = Probe(mosquitto).start()
    yield made
    made.stop()


@pytest.fixture
def settings(mosquitto: BrokerSettings) -> BrokerSettings:
    return dataclasses.replace(mosquitto, client_id=unique("d"))


def write_config(tmp_path: Path, prefix: str, z2m: str, devices: str = "") -> Config:
    path = tmp_path / "config.yaml"
    path.write_text(f"discovery: {{prefix: {prefix}, zigbee2mqtt_base_topic: {z2m}}}\n" + devices, encoding="utf-8")
    return load_config(path)


def z2m_device(name: str, *exposes: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"ieee_address": "0x" + name.encode().hex()[:16], "type": "Router", "friendly_name": name,
            "supported": True, "disabled": False, "interview_completed": True,
            "definition": {"model": "X", "vendor": "Y", "description": name, "exposes": list(exposes)}, **extra}


def binary(prop: str, on: str = "ON", off: str = "OFF") -> dict[str, Any]:
    return {"type": "binary", "name": prop, "property": prop, "value_on": on, "value_off": off, "access": 7}


def numeric(prop: str) -> dict[str, Any]:
    return {"type": "numeric", "name": prop, "property": prop, "access": 7}


def bridge_devices() -> list[dict[str, Any]]:
    """A Zigbee2MQTT 1.x/2.x `bridge/devices` list: coordinator, lights, lock, cover, climate, fan, plug ..."""
    color = {"type": "composite", "name": "color_xy", "property": "color",
             "features": [numeric("x"), numeric("y")]}
    return [
        {"ieee_address": "0x00124b0000000000", "type": "Coordinator", "friendly_name": "Coordinator",
         "definition": None},
        z2m_device("living_room/floor_lamp", {"type": "light", "features": [binary("state"), numeric("brightness"),
                                                                             color]}, numeric("linkquality")),
        z2m_device("garage_lock", {"type": "lock", "features": [binary("state", "LOCK", "UNLOCK"),
                                                                 {"type": "enum", "name": "lock_state",
                                                                  "property": "lock_state"}]}),
        z2m_device("bedroom/blind", {"type": "cover", "features": [binary("state", "OPEN", "CLOSE"),
                                                                    numeric("position")]}),
        z2m_device("hall_thermostat", {"type": "climate", "features": [numeric("occupied_heating_setpoint"),
                                                                        numeric("local_temperature"),
                                                                        {"type": "enum", "name": "system_mode",
                                                                         "property": "system_mode"}]}),
        z2m_device("ceiling_fan", {"type": "fan", "features": [binary("fan_state"),
                                                                {"type": "enum", "name": "mode",
                                                                 "property": "fan_mode"}]}),
        z2m_device("kitchen plug", {"type": "switch", "features": [binary("state")]}, numeric("power")),
        z2m_device("bathroom/climate_sensor", numeric("temperature"), numeric("humidity"), numeric("battery")),
        z2m_device("wall_switch", {"type": "switch", "endpoint": "l1", "features": [binary("state_l1")]},
                   {"type": "switch", "endpoint": "l2", "features": [binary("state_l2")]}),
        z2m_device("remote", {"type": "enum", "name": "action", "property": "action"}),
        z2m_device("old_bulb", {"type": "light", "features": [binary("state")]}, disabled=True),
    ]


def ha_configs(a: Announced) -> dict[str, dict[str, Any]]:
    """Home Assistant discovery configs as integrations publish them: full keys, abbreviations, `~`, cmps."""
    b, t = a.base, a.tasmota
    return {
        f"{a.prefix}/light/hall_spots/config": {  # full key names, default schema
            "name": "Hall spots", "unique_id": "hs-01", "command_topic": f"{b}/spots/switch",
            "state_topic": f"{b}/spots/status", "brightness_command_topic": f"{b}/spots/brightness/set",
            "brightness_state_topic": f"{b}/spots/brightness", "brightness_scale": 100,
            "payload_on": "on", "payload_off": "off", "availability_topic": f"{b}/spots/online",
            "device": {"identifiers": ["hs01"], "name": "Hall spots", "suggested_area": "Hallway"}},
        f"{a.prefix}/light/esp_kitchen/strip/config": {  # abbreviated, ~ base topic, JSON schema, node id
            "~": f"{b}/kitchen-strip", "name": "Strip", "uniq_id": "ks-1", "schema": "json", "cmd_t": "~/set",
            "stat_t": "~/state", "sup_clrm": ["rgb"], "avty_t": "~/status",
            "dev": {"ids": ["esp1"], "name": "Kitchen", "sa": "Kitchen", "mf": "Espressif"}},
        f"{a.prefix}/lock/shed/config": {
            "name": None, "cmd_t": f"{b}/shed/set", "stat_t": f"{b}/shed/state", "pl_lock": "LOCK",
            "pl_unlk": "UNLOCK", "stat_locked": "LOCKED", "stat_unlocked": "UNLOCKED",
            "avty": [{"t": f"{b}/shed/avail", "pl_avail": "up", "pl_not_avail": "down"}],
            "dev": {"name": "Shed door", "sa": "Garden"}},
        f"{a.prefix}/cover/awning/config": {
            "~": f"{b}/awning", "cmd_t": "~/cmd", "stat_t": "~/state", "set_pos_t": "~/position/set",
            "pos_t": "~/position", "dev_cla": "awning", "avty_t": "~/online", "dev": {"name": "Awning"}},
        f"{a.prefix}/climate/office/config": {
            "~": f"{b}/office", "name": "Office heating", "mode_cmd_t": "~/mode/set", "mode_stat_t": "~/state",
            "mode_stat_tpl": "{{ value_json.mode }}", "temp_cmd_t": "~/target/set", "temp_stat_t": "~/state",
            "temp_stat_tpl": "{{ value_json.target }}", "curr_temp_t": "~/state",
            "curr_temp_tpl": "{{ value_json.current }}", "modes": ["off", "heat"], "avty_t": "~/online",
            "dev": {"name": "Office heating", "sa": "Office"}},
        f"{a.prefix}/fan/desk_fan/config": {
            "~": f"{b}/desk_fan", "name": "Desk fan", "cmd_t": "~/set", "stat_t": "~/state",
            "pr_mode_cmd_t": "~/preset/set", "pr_mode_stat_t": "~/preset", "pr_modes": ["low", "medium", "high"],
            "avty_t": "~/online", "dev": {"name": "Desk fan", "sa": "Office"}},
        f"{a.prefix}/binary_sensor/front_door_contact/config": {
            "name": "Front door", "stat_t": f"{b}/contact", "dev_cla": "door", "pl_on": "open", "pl_off": "closed",
            "dev": {"name": "Front door", "sa": "Hallway"}},
        f"{a.prefix}/device/porch01/config": {  # device-based discovery: components share dev and availability
            "dev": {"ids": "porch01", "name": "Porch", "sa": "Porch"}, "o": {"name": "esphome"},
            "avty_t": f"{b}/porch01/status",
            "cmps": {"light": {"p": "light", "name": "Light", "cmd_t": f"{b}/porch01/light/set",
                               "stat_t": f"{b}/porch01/light"},
                     "temp": {"p": "sensor", "name": "Temperature", "dev_cla": "temperature",
                              "stat_t": f"{b}/porch01/sensors", "val_tpl": "{{ value_json.temperature }}"},
                     "power": {"p": "sensor", "name": "Power", "dev_cla": "power",
                               "stat_t": f"{b}/porch01/sensors", "val_tpl": "{{ value_json.power }}"}}},
        f"{a.prefix}/switch/A1B2C3_RL_1/config": {  # Tasmota with SetOption19: HA discovery of a relay
            "name": "Desk plug", "cmd_t": f"cmnd/{t}/POWER", "stat_t": f"stat/{t}/RESULT",
            "val_tpl": "{{value_json.POWER}}", "pl_off": "OFF", "pl_on": "ON", "avty_t": f"tele/{t}/LWT",
            "pl_avail": "Online", "pl_not_avail": "Offline", "uniq_id": "A1B2C3_RL_1",
            "dev": {"ids": ["A1B2C3"], "name": "Desk plug", "sa": "Study", "mdl": "Sonoff Basic"}},
        f"{a.prefix}/vacuum/valetudo_robot/config": {  # as Valetudo announces a robot: state schema, own words
            "name": None, "schema": "state", "cmd_t": f"{b}/robot/operation/set", "stat_t": f"{b}/robot/state",
            "pl_strt": "START", "pl_ret": "HOME", "pl_stop": "STOP", "sup_feat": ["start", "return_home", "status"],
            "dev": {"ids": ["robot1"], "name": "Robot vacuum", "sa": "Hallway", "mf": "Dreame"}},
        f"{a.prefix}/scene/movie_night/config": {  # a scene: a command and nothing reported back
            "name": "Movie night", "cmd_t": f"{b}/scenes/movie", "pl_on": "MOVIE", "uniq_id": "scene-movie"},
        f"{a.prefix}/light/0x0017880104aaaaaa/light/config": {  # Zigbee2MQTT's own HA config for a listed lamp
            "name": None, "schema": "json", "cmd_t": f"{a.z2m}/living_room/floor_lamp/set",
            "stat_t": f"{a.z2m}/living_room/floor_lamp", "brightness": True, "sup_clrm": ["xy"],
            "dev": {"name": "living_room/floor_lamp"}},
    }


@pytest.fixture
def announced(mosquitto: BrokerSettings, probe: Probe, tmp_path: Path) -> Announced:
    """A home announced on Mosquitto, retained, and a config that imports it (with renames and aliases)."""
    prefix, z2m = unique("ha"), unique("z2m")
    a = Announced(prefix, z2m, unique("dev"), unique("tasmota_"), write_config(tmp_path, prefix, z2m, f"""
devices:
  - {{id: hall_spots, name: hallway spotlights, aliases: [spots]}}
  - {{id: living_room_floor_lamp, area: lounge}}
  - {{id: kettle, name: kettle, area: kitchen, type: switch, mqtt: {{base_topic: {z2m}}}}}
  - {{id: ghost, name: ghost light}}
"""))
    probe.publish(f"{z2m}/bridge/devices", json.dumps(bridge_devices()), retain=True)
    for topic, config in ha_configs(a).items():
        probe.publish(topic, json.dumps(config), retain=True)
    return a


def by_id(registry: Registry) -> dict[str, Device]:
    return {d.id: d for d in registry}


# --- importing ---------------------------------------------------------------------------------------------

def test_announced_home_is_imported_with_names_areas_types_and_features(
        settings: BrokerSettings, announced: Announced, caplog: pytest.LogCaptureFixture) -> None:
    registry = discover_registry(settings, announced.config)
    devices = by_id(registry)
    summary = {d.id: (d.name, d.area, d.type, d.features, d.mqtt.convention) for d in registry}
    assert summary == {
        # Zigbee2MQTT's list: "<area>/<name>" friendly names give the area; the config moved the lamp
        "living_room_floor_lamp": ("floor lamp", "lounge", "light", ("brightness", "color"), "zigbee2mqtt"),
        "garage_lock": ("garage lock", "unassigned", "lock", (), "zigbee2mqtt"),
        "bedroom_blind": ("blind", "bedroom", "cover", ("position",), "zigbee2mqtt"),
        "hall_thermostat": ("hall thermostat", "unassigned", "climate", (), "zigbee2mqtt"),
        "ceiling_fan": ("ceiling fan", "unassigned", "fan", (), "zigbee2mqtt"),
        "kitchen_plug": ("kitchen plug", "unassigned", "switch", (), "zigbee2mqtt"),
        "bathroom_climate_sensor": ("climate sensor", "bathroom", "sensor", (), "zigbee2mqtt"),
        # Home Assistant discovery; the config renamed the spots
        "hall_spots": ("hallway spotlights", "hallway", "light", ("brightness",), "homeassistant"),
        "esp_kitchen_strip": ("kitchen strip", "kitchen", "light", ("brightness", "color"), "homeassistant"),
        "shed": ("shed door", "garden", "lock", (), "homeassistant"),
        "awning": ("awning", "unassigned", "cover", ("position",), "homeassistant"),
        "office": ("office heating", "office", "climate", (), "homeassistant"),
        "desk_fan": ("desk fan", "office", "fan", (), "homeassistant"),
        "front_door_contact": ("front door", "hallway", "sensor", (), "homeassistant"),
        "porch01_light": ("porch light", "porch", "light", (), "homeassistant"),
        "porch01_temp": ("porch temperature", "porch", "sensor", (), "homeassistant"),
        "A1B2C3_RL_1": ("desk plug", "study", "switch", (), "homeassistant"),
        "valetudo_robot": ("robot vacuum", "hallway", "vacuum", (), "homeassistant"),
        "movie_night": ("movie night", "unassigned", "scene", (), "homeassistant"),
        # a whole device of the config's own
        "kettle": ("kettle", "kitchen", "switch", (), "zigbee2mqtt"),
    }
    assert devices["hall_spots"].aliases == ("spots",)
    assert devices["front_door_contact"].device_class == "door"
    assert devices["porch01_temp"].device_class == "temperature"
    assert devices["front_door_contact"].binary is True  # a binary_sensor: on/off
    assert devices["porch01_temp"].binary is False and devices["bathroom_climate_sensor"].binary is False  # numbers
    assert devices["awning"].device_class == "awning"
    # topics as announced, `~` expanded, abbreviations read
    strip = devices["esp_kitchen_strip"]
    assert (strip.mqtt.command_topic, strip.mqtt.state_topic) == (f"{announced.base}/kitchen-strip/set",
                                                                  f"{announced.base}/kitchen-strip/state")
    assert [a.topic for a in strip.mqtt.entity.availability] == [f"{announced.base}/kitchen-strip/status"]
    assert devices["kitchen_plug"].state_topic == f"{announced.z2m}/kitchen plug"
    assert devices["living_room_floor_lamp"].command_topic == f"{announced.z2m}/living_room/floor_lamp/set"
    assert devices["porch01_light"].mqtt.entity.availability[0].topic == f"{announced.base}/porch01/status"
    # the partial entry for a device nobody announced is reported, with its line
    assert any("config.yaml:7: devices: ghost was not discovered" in r.getMessage() for r in caplog.records)


def test_discovered_devices_of_each_convention_confirm_commands_through_the_bridge(
        settings: BrokerSettings, announced: Announced) -> None:
    registry = discover_registry(settings, announced.config)
    # the simulator plays every discovered device in its convention; the Tasmota relay announced through Home
    # Assistant discovery is played by a Tasmota device, so the entity description meets the real firmware
    plug = registry["A1B2C3_RL_1"]
    tasmota_plug = dataclasses.replace(plug, mqtt=MqttSettings(convention="tasmota", topic=announced.tasmota))
    played = Registry([*(d for d in registry if d.id not in ("A1B2C3_RL_1", "kettle")), tasmota_plug])
    sim = start_simulator(dataclasses.replace(settings, client_id=unique("sim")), played)
    try:
        with connect_bridge(settings, Registry(d for d in registry if d.id != "kettle"), settle_s=0.5) as bridge:
            assert wait_until(lambda: bridge.state("porch01_temp") and bridge.state("front_door_contact"))
            calls = [ToolCall(tool, device, value) for tool, device, value in [
                ("set_brightness", "living_room_floor_lamp", 30.0), ("unlock", "garage_lock", None),
                ("set_position", "bedroom_blind", 40.0), ("set_temperature", "hall_thermostat", 21.0),
                ("set_fan_speed", "ceiling_fan", "high"), ("turn_on", "kitchen_plug", None),
                ("set_brightness", "hall_spots", 55.0), ("set_color", "esp_kitchen_strip", "green"),
                ("unlock", "shed", None), ("set_position", "awning", 80.0), ("set_temperature", "office", 19.5),
                ("set_fan_speed", "desk_fan", "medium"), ("turn_on", "porch01_light", None),
                ("turn_on", "A1B2C3_RL_1", None), ("get_state", "porch01_temp", None),
                ("get_state", "front_door_contact", None), ("start_cleaning", "valetudo_robot", None),
                ("activate", "movie_night", None)]]
            assert all(registry.accepts(c) for c in calls)
            results = bridge.execute(calls)
            assert [(r.call.device, r.ok, r.error) for r in results] == [(c.device, True, None) for c in calls]
            assert bridge.state("porch01_temp") == DeviceState(temperature=21.5)
            assert bridge.state("front_door_contact") == DeviceState(on=False)
        assert sim.states["A1B2C3_RL_1"] == {"POWER": "ON"}
        assert sim.states["living_room_floor_lamp"]["brightness"] == 76  # Zigbee2MQTT's native 0-254
        assert sim.states["hall_spots"]["brightness"] == 55  # brightness_scale 100, as announced
        assert sim.states["valetudo_robot"]["cleaning"] is True  # it was sent START, its own word
        assert wait_until(lambda: sim.states.get("movie_night", {}).get("on") is True)  # a scene confirms nothing:
        # the bridge may close before the simulator has read its ON
    finally:
        sim.stop()


def test_an_empty_retained_config_removes_the_entity_and_a_new_one_adds_it(
        settings: BrokerSettings, announced: Announced, probe: Probe) -> None:
    topic = f"{announced.prefix}/cover/awning/config"
    with HomeDiscovery(settings, announced.config.discovery) as live:
        live.wait_quiet()
        assert "awning" in {d.id for d in live.devices()}
        probe.publish(topic, b"", retain=True)
        assert wait_until(lambda: "awning" not in {d.id for d in live.devices()})
        probe.publish(f"{announced.prefix}/device/porch01/config", b"", retain=True)  # a whole device at once
        assert wait_until(lambda: not {"porch01_light", "porch01_temp"} & {d.id for d in live.devices()})
        probe.publish(topic, json.dumps(ha_configs(announced)[topic]), retain=True)
        assert wait_until(lambda: "awning" in {d.id for d in live.devices()})
    probe.publish(topic, b"", retain=True)
    assert "awning" not in discover_registry(settings, announced.config)  # gone from the broker for good


def test_home_assistant_coming_online_makes_the_configs_be_read_again(
        settings: BrokerSettings, announced: Announced, probe: Probe, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="assistant.act.discovery")
    changes: list[int] = []
    discovery = HomeDiscovery(settings, announced.config.discovery, on_change=lambda: changes.append(1))
    with discovery as live:
        live.wait_quiet()
        read_once = len(changes)
        probe.publish(f"{announced.prefix}/status", "online")
        assert wait_until(lambda: len(changes) >= 2 * read_once)  # every retained config came again
        assert any("reading the discovery configs again" in r.getMessage() for r in caplog.records)
        assert len(live.devices()) == 19


@pytest.mark.parametrize(("topic", "payload", "complaint"), [
    ("light/bad_json/config", b"{not json", "not JSON"),
    ("light/a_list/config", b"[1, 2]", "expected a JSON object, got list"),
    ("light/no_command/config", b'{"stat_t": "x"}', "a light needs a command topic"),
    ("light/jinja/config", b'{"cmd_t": "x", "stat_t": "y", "stat_val_tpl": "{% if value %}ON{% endif %}"}',
     "does more than read value_json"),
    ("light/template_schema/config", b'{"schema": "template", "cmd_t": "x"}', "light schema 'template'"),
    ("sensor/temp/config", b'{"dev_cla": "temperature"}', "a sensor needs state_topic"),
    ("device/cmpsless/config", b'{"dev": {"name": "x"}}', "needs `cmps`"),
    ("light/bad_scale/config", b'{"cmd_t": "x", "bri_cmd_t": "y", "bri_scl": 0}', "brightness_scale should be"),
])
def test_malformed_discovery_configs_are_logged_and_skipped(
        settings: BrokerSettings, announced: Announced, probe: Probe, caplog: pytest.LogCaptureFixture,
        topic: str, payload: bytes, complaint: str) -> None:
    probe.publish(f"{announced.prefix}/{topic}", payload, retain=True)
    caplog.set_level(logging.WARNING)
    registry = discover_registry(settings, announced.config)
    assert len(registry) == 20  # everything else still imported
    warnings = [r.getMessage() for r in caplog.records if "skipped malformed discovery payload" in r.getMessage()]
    assert len(warnings) == 1 and complaint in warnings[0], warnings


def test_a_broken_zigbee2mqtt_device_list_is_skipped_and_home_assistant_discovery_still_imported(
        settings: BrokerSettings, announced: Announced, probe: Probe, caplog: pytest.LogCaptureFixture) -> None:
    probe.publish(f"{announced.z2m}/bridge/devices", b'{"not": "a list"}', retain=True)
    registry = discover_registry(settings, announced.config)
    assert "garage_lock" not in registry and "hall_spots" in registry
    # without Zigbee2MQTT's list, its own Home Assistant config for the lamp is taken instead
    assert registry["0x0017880104aaaaaa_light"].mqtt.convention == "homeassistant"
    assert any("expected a JSON list of devices" in r.getMessage() for r in caplog.records)


def test_with_discovery_off_the_config_alone_is_the_home(settings: BrokerSettings, tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("discovery: {enabled: false}\ndevices: [{id: lamp, name: lamp, area: hall, type: light}]\n")
    assert [d.id for d in discover_registry(settings, load_config(path))] == ["lamp"]


# --- parsing details (no broker) ------------------------------------------------------------------------------

@pytest.mark.parametrize(("template", "path"), [
    ("{{ value_json.state }}", ("state",)), ("{{value_json.POWER}}", ("POWER",)),
    ("{{ value_json['DS18B20'].Temperature }}", ("DS18B20", "Temperature")),
    ('{{ value_json["a b"] | float }}', ("a b",)), ("{{ value }}", None), ("{{ value | int }}", None),
])
def test_value_templates_that_only_read_a_value_are_understood(template: str, path: tuple[str, ...] | None) -> None:
    config = {"stat_t": "s", "cmd_t": "c", "val_tpl": template, "cmd_tpl": '{"state": "{{ value }}"}'}
    [device] = parse_config("ha", "ha/switch/x/config", json.dumps(config).encode(), "unassigned")
    assert device.mqtt.entity.value_path == path
    assert device.mqtt.entity.command_template == '{"state": "{value}"}'


def test_entity_name_follows_home_assistant_naming() -> None:
    def name(entity: object, device: object) -> str:
        config = {"cmd_t": "c", "name": entity, "dev": {"name": device}}
        return parse_config("ha", "ha/switch/x_y/config", json.dumps(config).encode(), "unassigned")[0].name

    assert name("Power", "Kitchen Plug") == "kitchen plug power"
    assert name(None, "Kitchen Plug") == "kitchen plug"
    assert name("Kitchen plug relay", "Kitchen Plug") == "kitchen plug relay"
    assert name(None, None) == "x y"


def test_a_discovered_vacuum_is_sent_its_own_words_and_an_error_state_is_no_news() -> None:
    config = {"cmd_t": "robot/set", "stat_t": "robot/state", "pl_strt": "START", "pl_ret": "HOME"}
    (robot,) = parse_config("ha", "ha/vacuum/robot/config", json.dumps(config).encode(), "unassigned")
    speaks = convention_of(robot)
    assert speaks.commands(robot, ToolCall("start_cleaning", "robot")) == (Message("robot/set", "START"),)
    assert speaks.commands(robot, ToolCall("return_to_base", "robot")) == (Message("robot/set", "HOME"),)
    assert speaks.decode(robot, "robot/state", b'{"state": "returning", "battery_level": 80}') == DeviceState(
        cleaning=False)
    assert speaks.decode(robot, "robot/state", b'{"state": "error"}') == DeviceState()
    with pytest.raises(PayloadError, match="expected a vacuum state"):
        speaks.decode(robot, "robot/state", b'{"state": "flying"}')


def test_a_discovered_scene_reports_nothing_and_is_described_as_ready() -> None:
    config = {"name": "Movie night", "cmd_t": "scenes/movie", "pl_on": "MOVIE"}
    (scene,) = parse_config("ha", "ha/scene/movie/config", json.dumps(config).encode(), "unassigned")
    assert convention_of(scene).commands(scene, ToolCall("activate", "movie")) == (Message("scenes/movie", "MOVIE"),)
    assert convention_of(scene).state_topics(scene) == ()
    assert describe_state(scene.name, scene.type, None) == "The movie night scene is ready to activate."


def test_unsupported_components_and_sensor_classes_are_left_out_quietly() -> None:
    for topic, config in [("ha/button/restart/config", {"cmd_t": "c"}),
                          ("ha/sensor/power/config", {"stat_t": "s", "dev_cla": "power"})]:
        assert parse_config("ha", topic, json.dumps(config).encode(), "unassigned") == ()
    with pytest.raises(PayloadError, match="not a discovery topic"):
        parse_config("ha", "ha/light/config", b"{}", "unassigned")


@pytest.mark.parametrize(("section", "message"), [
    ("discovery: {prefix: 'home/#'}\n", "discovery.prefix: expected an MQTT topic without"),
    ("discovery: {enabled: maybe}\n", "discovery.enabled: expected true or false"),
    ("discovery: {timeout_s: 0}\n", "discovery.timeout_s: expected a number from 0.1 to 30"),
    ("discovery: {colour: red}\n", "discovery.colour: unknown key"),
])
def test_discovery_settings_are_checked_with_file_line_and_key(tmp_path: Path, section: str, message: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(section)
    with pytest.raises(ConfigError, match=re.escape(f"config.yaml:1: {message}")):
        load_config(path)


def test_with_discovery_devices_may_be_left_out_and_entries_may_be_partial(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("discovery: {}\ndevices: [{id: lamp, aliases: [light]}]\n")
    config = load_config(path)
    assert config.discovery.enabled and config.discovery.prefix == "homeassistant"
    assert config.devices == () and [o.id for o in config.overrides] == ["lamp"]
    path.write_text("discovery: {default_area: Somewhere}\n")
    assert load_config(path).discovery.default_area == "somewhere"



def test_say_understands_and_controls_a_home_it_only_knows_from_discovery(
        mosquitto: BrokerSettings, announced: Announced) -> None:
    import subprocess
    import sys

    config_path = Path(announced.config.source)
    config_path.write_text(config_path.read_text(encoding="utf-8").replace(
        "discovery: {", f"broker: {{host: 127.0.0.1, port: {mosquitto.port}, client_id: {unique('cli')}}}\n"
        "understanding: {use_llm: false}\ndiscovery: {"), encoding="utf-8")
    registry = discover_registry(dataclasses.replace(mosquitto, client_id=unique("d")), load_config(config_path))
    sim = start_simulator(dataclasses.replace(mosquitto, client_id=unique("sim")),
                          Registry(d for d in registry if d.id not in ("A1B2C3_RL_1", "kettle")))
    try:
        result = subprocess.run([sys.executable, "-m", "assistant", "say", "--config", str(config_path), "--json",
                                 "set the hallway spotlights to 40 percent"],
                                capture_output=True, text=True, timeout=60)
    finally:
        sim.stop()
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["calls"] == [{"tool": "set_brightness", "device": "hall_spots", "brightness": 40}]
    assert out["results"][0]["ok"] is True


def test_a_zigbee2mqtt_device_list_larger_than_a_state_message_is_read() -> None:
    """A few hundred devices with their exposes make a bridge/devices message of a megabyte or more."""
    from devices.wire import MAX_PAYLOAD
    from devices.zigbee2mqtt_devices import parse_devices

    exposes = [{"type": "light", "features": [{"name": "state", "property": "state", "access": 7,
                                                "description": "On/off state of this light " * 20}]}]
    entries = [{"friendly_name": f"lamp_{i}", "ieee_address": f"0x{i:016x}", "type": "Router",
                "definition": {"model": "LED1623G12", "vendor": "IKEA", "exposes": exposes}}
               for i in range(400)]
    payload = json.dumps(entries).encode()
    assert len(payload) > MAX_PAYLOAD
    assert len(parse_devices("zigbee2mqtt", payload, "unassigned")) == 400
