"""Heating and cooling modes and white light, in every convention: bridge -> broker -> simulated device.

"Turn on" a climate device restores the mode it last ran in and never assumes heating; colour temperature is
sent the way each convention takes it (Zigbee2MQTT and Tasmota mireds within the light's range, Home
Assistant mireds or kelvin) and confirmed from what the device reports; "warmer" steps from the reported white.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from conftest import Probe, connect_bridge, simulated_home, unique, wait_until

from assistant.act.bridge import CallResult, MqttBridge
from assistant.answer.reply import compose, describe_state
from assistant.config import BrokerSettings
from assistant.registry import Device, MqttSettings, Registry
from assistant.tools import TOOLS, WHITES, ToolCall, Understanding
from devices.climate import on_mode
from devices.homeassistant import entity_device
from devices.state import DeviceState
from devices.zigbee2mqtt import command_payload, decode_state
from devices.zigbee2mqtt_devices import parse_devices


def run(bridge: MqttBridge, tool: str, device: str, value: float | str | None = None) -> CallResult:
    [result] = bridge.execute([ToolCall(tool, device, float(value) if isinstance(value, int) else value)])
    assert result.ok, f"{tool}({device}, {value}) not confirmed: {result}"
    return result


def z2m(device_id: str, kind: str, base: str, features: tuple[str, ...] = (), **mqtt: Any) -> Device:
    return Device(device_id, device_id.replace("_", " "), "lounge", kind, features,
                  mqtt=MqttSettings(base_topic=base, **mqtt))


def ha(component: str, object_id: str, base: str, **config: Any) -> Device:
    config.setdefault("availability_topic", f"{base}/{object_id}/available")
    config.setdefault("device", {"name": object_id.replace("_", " "), "suggested_area": "Lounge"})
    device = entity_device(component, object_id, config, "unassigned")
    assert device is not None
    return device


def ha_air_conditioner(base: str, name: str = "living room ac") -> Device:
    return ha("climate", "ac", base, device={"name": name}, mode_command_topic=f"{base}/ac/mode/set",
              mode_state_topic=f"{base}/ac/mode", modes=["off", "cool", "heat", "fan_only", "dry"],
              temperature_command_topic=f"{base}/ac/target/set", temperature_state_topic=f"{base}/ac/target")


def tasmota(device_id: str, features: tuple[str, ...]) -> Device:
    return Device(device_id, device_id.replace("_", " "), "study", "light", features,
                  mqtt=MqttSettings(convention="tasmota", topic=unique("tasmota_")))


# --- the vocabulary ---------------------------------------------------------------------------------------

def test_the_contract_tools_take_their_arguments_by_name() -> None:
    assert ToolCall.from_dict({"tool": "set_hvac_mode", "device": "ac", "mode": "cool"}) == \
        ToolCall("set_hvac_mode", "ac", "cool")
    assert ToolCall("set_color_temperature", "lamp", 2700.0).to_dict() == \
        {"tool": "set_color_temperature", "device": "lamp", "kelvin": 2700}
    assert TOOLS["step_color_temperature"].default_step == 500
    assert TOOLS["set_hvac_mode"].choices == ("heat", "cool", "auto", "off", "fan_only", "dry")
    assert (WHITES["warm white"], WHITES["neutral"], WHITES["cool white"]) == (2700, 4000, 6500)


def test_only_lights_with_colour_temperature_take_white_by_kelvin() -> None:
    white_only = Device("lamp", "lamp", "hall", "light", ("brightness", "color_temp"))
    colour_only = Device("strip", "strip", "hall", "light", ("brightness", "color"))
    assert white_only.accepts(ToolCall("set_color_temperature", "lamp", 2700.0))
    assert not white_only.accepts(ToolCall("set_color", "lamp", "warm white"))  # never a hex colour
    assert not colour_only.accepts(ToolCall("set_color_temperature", "strip", 2700.0))
    assert white_only.accepts(ToolCall("step_color_temperature", "lamp", -500.0))


# --- which mode "turn on" starts ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "modes", "last", "expected"), [
    ("thermostat", ("off", "heat", "cool"), "cool", "cool"),  # the mode it last ran in
    ("thermostat", ("off", "cool"), None, "cool"),  # its only mode
    ("air conditioner", ("off", "heat", "cool", "auto"), None, "cool"),
    ("living room ac", ("off", "heat", "cool"), None, "cool"),
    ("thermostat", ("off", "heat", "cool", "auto"), None, "auto"),
    ("radiator", ("off", "heat"), None, "heat"),
    ("boiler", (), None, None),  # no modes: its payload_on is sent
])
def test_turn_on_restores_a_mode_and_never_assumes_heating(name: str, modes: tuple[str, ...], last: str | None,
                                                           expected: str | None) -> None:
    assert on_mode(Device("x", name, "hall", "climate"), modes, last) == expected


# --- Zigbee2MQTT ----------------------------------------------------------------------------------------------

def test_zigbee2mqtt_sends_white_in_mireds_within_the_light_range() -> None:
    lamp = z2m("lamp", "light", "z2m", ("brightness", "color_temp"), mireds=(153, 454))
    assert command_payload(lamp, ToolCall("set_color_temperature", "lamp", 2700.0)) == \
        {"state": "ON", "color_temp": 370}
    assert command_payload(lamp, ToolCall("set_color_temperature", "lamp", 2000.0))["color_temp"] == 454  # type: ignore[index]
    assert decode_state(lamp, b'{"state": "ON", "color_mode": "color_temp", "color_temp": 370}') == \
        DeviceState(on=True, color_temp=2703)


def test_zigbee2mqtt_modes_and_white_confirm_through_the_bridge(broker: BrokerSettings) -> None:
    base = unique("z2m")
    home = Registry([z2m("aircon", "climate", base, modes=("off", "cool", "heat", "dry")),
                     z2m("lamp", "light", base, ("brightness", "color_temp"), mireds=(153, 454)),
                     z2m("bulb", "light", base, ("brightness", "color", "color_temp"))])
    with simulated_home(broker, home) as (sim, bridge):
        assert run(bridge, "set_hvac_mode", "aircon", "cool").state.hvac_mode == "cool"
        assert sim.states["aircon"]["system_mode"] == "cool"
        assert run(bridge, "turn_off", "aircon").state == DeviceState(on=False, hvac_mode="off", target_temperature=20,
                                                                      temperature=19.5)
        on = run(bridge, "turn_on", "aircon")  # back to cooling, as it last ran, not heating
        assert (on.call.tool, on.call.value, sim.states["aircon"]["system_mode"]) == ("set_hvac_mode", "cool", "cool")
        [refused] = bridge.execute([ToolCall("set_hvac_mode", "aircon", "auto")])
        assert refused.error == "unsupported"  # not among the modes it exposes: nothing sent

        assert run(bridge, "set_color_temperature", "lamp", 2700).state.color_temp == 2703
        assert sim.states["lamp"]["color_temp"] == 370
        assert run(bridge, "set_color_temperature", "lamp", 2000).state.color_temp == 2203  # its warmest: 454
        warmer = run(bridge, "step_color_temperature", "lamp", 500)  # cooler, from the reported 2203 K
        assert warmer.call == ToolCall("set_color_temperature", "lamp", 2703.0)

        assert run(bridge, "set_color", "bulb", "red").state == DeviceState(on=True, brightness=100, color="red")
        white = run(bridge, "set_color_temperature", "bulb", 4000).state
        assert (white.color, white.color_temp) == (None, 4000)  # white now: the red is gone from its state


# --- Home Assistant ---------------------------------------------------------------------------------------------

def test_homeassistant_ac_in_cool_mode_turns_on_cooling_not_heating(broker: BrokerSettings, probe: Probe) -> None:
    base = unique("ha")
    home = Registry([ha_air_conditioner(base)])
    probe.subscribe([f"{base}/ac/mode/set"])
    with simulated_home(broker, home) as (sim, bridge):
        run(bridge, "set_hvac_mode", "ac", "cool")
        run(bridge, "turn_off", "ac")
        done = run(bridge, "turn_on", "ac")
        assert done.state.hvac_mode == "cool" and sim.states["ac"]["mode"] == "cool"
        assert wait_until(lambda: len(probe.on(f"{base}/ac/mode/set")) == 3)
        assert [m.payload for m in probe.on(f"{base}/ac/mode/set")] == [b"cool", b"off", b"cool"]
        assert compose(Understanding("turn on the ac", [done.call]), [done], home) == \
            "Done, the living room ac is cooling."
        [state] = bridge.execute([ToolCall("get_state", "ac")])
        assert describe_state("living room ac", "climate", state.state) == \
            "The living room ac is cooling to 20 degrees."


def test_a_new_bridge_turns_an_ac_found_cooling_back_on_cooling(broker: BrokerSettings, probe: Probe) -> None:
    base = unique("ha")
    home = Registry([ha_air_conditioner(base)])
    with simulated_home(broker, home) as (sim, bridge):
        run(bridge, "set_hvac_mode", "ac", "cool")
        probe.subscribe([f"{base}/ac/mode/set"])
        fresh = connect_bridge(broker, home)  # it only knows the retained report: cooling
        try:
            assert fresh.state("ac").hvac_mode == "cool"
            run(fresh, "turn_off", "ac")
            assert run(fresh, "turn_on", "ac").state.hvac_mode == "cool"
        finally:
            fresh.close()
        assert wait_until(lambda: len(probe.on(f"{base}/ac/mode/set")) == 2)
        assert [m.payload for m in probe.on(f"{base}/ac/mode/set")] == [b"off", b"cool"]
        assert sim.states["ac"]["mode"] == "cool"


@pytest.mark.parametrize("kelvin_mode", [False, True])
def test_homeassistant_lights_take_white_in_mireds_or_kelvin(broker: BrokerSettings, probe: Probe,
                                                             kelvin_mode: bool) -> None:
    base = unique("ha")
    extra = {"color_temp_kelvin": True, "min_kelvin": 2200, "max_kelvin": 6500} if kelvin_mode else {
        "min_mireds": 153, "max_mireds": 454}
    home = Registry([
        ha("light", "spots", base, command_topic=f"{base}/spots/set", state_topic=f"{base}/spots",
           color_temp_command_topic=f"{base}/spots/ct/set", color_temp_state_topic=f"{base}/spots/ct", **extra),
        ha("light", "strip", base, schema="json", command_topic=f"{base}/strip/set", state_topic=f"{base}/strip",
           supported_color_modes=["color_temp", "rgb"], **extra),
    ])
    assert all("color_temp" in d.features for d in home)
    probe.subscribe([f"{base}/spots/ct/set", f"{base}/strip/set"])
    with simulated_home(broker, home) as (_sim, bridge):
        assert run(bridge, "set_color_temperature", "spots", 2700).state.color_temp in (2700, 2703)
        assert run(bridge, "set_color", "strip", "blue").state.color == "blue"
        assert run(bridge, "set_color_temperature", "strip", 6500).state == DeviceState(
            on=True, brightness=100, color_temp=6500 if kelvin_mode else 6494)
        assert run(bridge, "set_color_temperature", "strip", 2000).state.color_temp in (2200, 2203)  # its warmest
        assert wait_until(lambda: len(probe.on(f"{base}/strip/set")) == 3)
    sent_spots = probe.on(f"{base}/spots/ct/set")[0].payload
    sent_strip = [json.loads(m.payload) for m in probe.on(f"{base}/strip/set")][1:]
    if kelvin_mode:
        assert sent_spots == b"2700"
        assert sent_strip == [{"state": "ON", "color_temp": 6500}, {"state": "ON", "color_temp": 2200}]
    else:
        assert sent_spots == b"370"
        assert sent_strip == [{"state": "ON", "color_temp": 154}, {"state": "ON", "color_temp": 454}]


# --- Tasmota --------------------------------------------------------------------------------------------------

def test_tasmota_white_is_ct_in_mireds(broker: BrokerSettings) -> None:
    home = Registry([tasmota("white_bulb", ("brightness", "color_temp")),
                     tasmota("rgbcw_bulb", ("brightness", "color", "color_temp"))])
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("white_bulb") == DeviceState(on=False, brightness=100, color_temp=4000)
        assert run(bridge, "set_color_temperature", "white_bulb", 2700).state.color_temp == 2703
        assert sim.states["white_bulb"]["CT"] == 370
        assert run(bridge, "set_color", "rgbcw_bulb", "red").state.color == "red"
        white = run(bridge, "set_color_temperature", "rgbcw_bulb", 6500).state
        assert (white.color, white.color_temp, sim.states["rgbcw_bulb"]["CT"]) == (None, 6494, 154)


# --- answers --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("state", "said"), [
    (DeviceState(on=True, hvac_mode="cool", target_temperature=22), "The ac is cooling to 22 degrees."),
    (DeviceState(on=True, hvac_mode="heat", target_temperature=21, temperature=19),
     "The ac is heating to 21 degrees; it is 19 degrees now."),
    (DeviceState(on=True, hvac_mode="auto", target_temperature=21), "The ac is on auto at 21 degrees."),
    (DeviceState(on=True, hvac_mode="fan_only"), "The ac is on fan only."),
    (DeviceState(on=False, hvac_mode="off", target_temperature=21), "The ac is off."),
    (DeviceState(on=True, target_temperature=21), "The ac is set to 21 degrees and on."),  # no mode: none guessed
])
def test_climate_state_answers_name_the_mode(state: DeviceState, said: str) -> None:
    assert describe_state("ac", "climate", state) == said


def test_white_is_answered_by_name() -> None:
    lamp = Device("lamp", "lamp", "hall", "light", ("brightness", "color_temp"))
    home = Registry([lamp])
    calls = [ToolCall("set_color_temperature", "lamp", 2700.0)]
    result = CallResult(calls[0], True, DeviceState(on=True, color_temp=2703))
    assert compose(Understanding("make the lamp warm white", calls), [result], home) == "Done, the lamp is warm white."
    other = dataclasses.replace(result, call=ToolCall("set_color_temperature", "lamp", 3200.0))
    assert compose(Understanding("warmer", [other.call]), [other], home) == "Done, the lamp is white at 3200 kelvin."
    assert describe_state("lamp", "light", DeviceState(on=True, brightness=40, color_temp=2703)) == \
        "The lamp is on at 40 percent and warm white."


def test_zigbee2mqtt_device_list_gives_white_range_and_system_modes() -> None:
    def device(name: str, expose: dict[str, Any]) -> dict[str, Any]:
        return {"friendly_name": name, "type": "Router", "definition": {"exposes": [expose]}}

    listed = [
        device("hall/bulb", {"type": "light", "features": [
            {"type": "binary", "property": "state"}, {"type": "numeric", "property": "brightness"},
            {"type": "numeric", "property": "color_temp", "value_min": 153, "value_max": 454}]}),
        device("lounge/aircon", {"type": "climate", "features": [
            {"type": "numeric", "property": "occupied_heating_setpoint"},
            {"type": "enum", "property": "system_mode", "values": ["off", "cool", "heat", "fan_only"]}]}),
    ]
    bulb, aircon = parse_devices("zigbee2mqtt", json.dumps(listed).encode(), "unassigned")
    assert (bulb.features, bulb.mqtt.mireds) == (("brightness", "color_temp"), (153, 454))
    assert aircon.mqtt.modes == ("off", "cool", "heat", "fan_only")
    assert on_mode(aircon, aircon.mqtt.modes, None) == "cool"  # "aircon": it cools
