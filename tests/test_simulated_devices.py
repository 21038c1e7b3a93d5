"""Every kind of device in the demo home, simulated on a real broker and driven through the MQTT bridge.

Each test runs against Mosquitto (MQTT 5) and the embedded amqtt broker (MQTT 3.1.1). The demo home is
moved to a base topic of its own per test (the `home` fixture) so retained messages never leak between
tests.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import pytest
from conftest import Probe, connect_bridge, simulated_home, start_simulator, wait_until

from assistant.act.bridge import CallResult, MqttBridge
from assistant.answer.reply import compose, describe_state
from assistant.config import BrokerSettings, load_config
from assistant.registry import Registry
from assistant.tools import DEVICE_TYPES, ToolCall, Understanding
from devices.simulator import DISCOVERY_PREFIX, apply_command, discovery_config, initial_state
from devices.state import DeviceState


def run(bridge: MqttBridge, tool: str, device: str, value: float | str | None = None) -> CallResult:
    """Execute one call and insist it was confirmed."""
    if isinstance(value, int):
        value = float(value)
    [result] = bridge.execute([ToolCall(tool, device, value)])
    assert result.ok, f"{tool}({device}, {value}) not confirmed: {result}"
    assert result.error is None
    assert result.state is not None and result.state == bridge.state(device)
    assert result.ms > 0
    return result


SIMULATED_HERE = {"light", "switch", "climate", "fan", "lock", "cover", "media_player", "sensor", "vacuum", "scene"}


def test_every_device_type_of_the_demo_home_is_simulated_here(home_registry: Registry) -> None:
    """A device type added to the demo home needs its own test in this file."""
    assert {d.type for d in home_registry} <= SIMULATED_HERE
    assert set(DEVICE_TYPES) >= SIMULATED_HERE


def test_vacuum_cleans_and_returns_and_scenes_activate(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home, timeout_s=0.3) as (sim, bridge):
        assert run(bridge, "start_cleaning", "robot_vacuum").state.cleaning is True
        assert run(bridge, "return_to_base", "robot_vacuum").state.cleaning is False
        assert sim.states["robot_vacuum"]["state"] == "returning"
        assert run(bridge, "activate", "movie_night").state.on is True


def test_relative_changes_are_applied_from_the_reported_level(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (_sim, bridge):
        run(bridge, "set_brightness", "sofa_lamp", 50)
        [dimmed] = bridge.execute([ToolCall("step_brightness", "sofa_lamp", -20.0)])
        assert dimmed.ok and dimmed.call == ToolCall("set_brightness", "sofa_lamp", 30.0)
        assert dimmed.state.brightness == 30
        [louder] = bridge.execute([ToolCall("step_volume", "tv", 90.0)])
        assert louder.ok and louder.state.volume == 100  # kept in range
        [warmer] = bridge.execute([ToolCall("step_temperature", "thermostat", 1.0)])
        assert warmer.ok and warmer.state.target_temperature == 21
        [muted] = bridge.execute([ToolCall("mute", "tv")])
        assert muted.ok and muted.state.muted is True


def test_light_turns_on_dims_changes_colour_and_turns_off(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("sofa_lamp") == DeviceState(on=False, brightness=100, color="white")

        assert run(bridge, "turn_on", "sofa_lamp").state.on is True
        assert sim.states["sofa_lamp"]["state"] == "ON"

        state = run(bridge, "set_brightness", "sofa_lamp", 40).state
        assert (state.on, state.brightness) == (True, 40)
        assert sim.states["sofa_lamp"]["brightness"] == 102  # 40 % of 254, on the wire

        state = run(bridge, "set_color", "sofa_lamp", "blue").state
        assert (state.on, state.color, state.brightness) == (True, "blue", 40)
        assert sim.states["sofa_lamp"]["color"] == {"x": 0.1532, "y": 0.0475, "hue": 240, "saturation": 100}

        state = run(bridge, "set_brightness", "sofa_lamp", 0).state
        assert (state.on, state.brightness) == (False, 0)

        run(bridge, "set_brightness", "sofa_lamp", 100)
        state = run(bridge, "turn_off", "sofa_lamp").state
        assert state.on is False
        assert sim.states["sofa_lamp"] == {"state": "OFF", "brightness": 254, "color_mode": "xy",
                                           "color": {"x": 0.1532, "y": 0.0475, "hue": 240, "saturation": 100}}


def test_plain_light_without_features_turns_on_and_off(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (sim, bridge):
        assert run(bridge, "turn_on", "hallway_light").state == DeviceState(on=True)
        assert sim.states["hallway_light"] == {"state": "ON"}
        assert run(bridge, "turn_off", "hallway_light").state == DeviceState(on=False)
        assert sim.states["hallway_light"] == {"state": "OFF"}


def test_switch_turns_on_and_off(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (sim, bridge):
        assert run(bridge, "turn_on", "kettle").state.on is True
        assert sim.states["kettle"] == {"state": "ON"}
        assert sim.states["coffee_machine"] == {"state": "OFF"}  # only the named switch moved
        assert run(bridge, "turn_off", "kettle").state.on is False
        assert sim.states["kettle"] == {"state": "OFF"}


def test_climate_takes_a_setpoint_and_turns_off_and_on(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("thermostat") == DeviceState(on=True, hvac_mode="heat", target_temperature=20,
                                                         temperature=19.5)

        state = run(bridge, "set_temperature", "thermostat", 22.5).state
        assert (state.target_temperature, state.temperature) == (22.5, 19.5)
        assert sim.states["thermostat"]["occupied_heating_setpoint"] == 22.5

        assert run(bridge, "turn_off", "study_heater").state.on is False
        assert sim.states["study_heater"]["system_mode"] == "off"
        state = run(bridge, "turn_on", "study_heater").state
        assert state.on is True and state.target_temperature == 20
        assert sim.states["study_heater"]["system_mode"] == "heat"


def test_air_conditioner_starts_off_and_turning_it_on_cools(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("living_room_ac").on is False  # a December home: heaters heat, the air conditioner rests
        assert sim.states["living_room_ac"]["system_mode"] == "off"
        assert run(bridge, "turn_on", "living_room_ac").state.hvac_mode == "cool"


def test_fan_changes_speed_and_turns_off(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("bedroom_fan") == DeviceState(on=False, speed="low")

        state = run(bridge, "set_fan_speed", "bedroom_fan", "high").state
        assert (state.on, state.speed) == (True, "high")
        assert sim.states["bedroom_fan"] == {"fan_state": "ON", "fan_mode": "high"}

        state = run(bridge, "turn_off", "bedroom_fan").state
        assert (state.on, state.speed) == (False, "high")
        state = run(bridge, "turn_on", "bathroom_fan").state
        assert (state.on, state.speed) == (True, "low")


def test_lock_unlocks_and_locks(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("front_door") == DeviceState(locked=True)
        assert run(bridge, "unlock", "front_door").state.locked is False
        assert sim.states["front_door"] == {"state": "UNLOCK", "lock_state": "unlocked"}
        assert bridge.state("back_door").locked is True  # the other lock stays locked
        assert run(bridge, "lock", "front_door").state.locked is True
        assert sim.states["front_door"] == {"state": "LOCK", "lock_state": "locked"}


def test_cover_opens_moves_to_a_position_and_closes(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("living_room_blinds") == DeviceState(on=False, position=0)

        assert run(bridge, "open_cover", "living_room_blinds").state == DeviceState(on=True, position=100)
        assert run(bridge, "set_position", "living_room_blinds", 30).state == DeviceState(on=True, position=30)
        assert sim.states["living_room_blinds"] == {"state": "OPEN", "position": 30}
        assert run(bridge, "close_cover", "living_room_blinds").state == DeviceState(on=False, position=0)

        # a cover without the position feature still opens and closes
        assert run(bridge, "open_cover", "garage_door").state.on is True
        assert sim.states["garage_door"]["state"] == "OPEN"
        assert run(bridge, "close_cover", "garage_door").state.on is False


def test_media_player_turns_on_sets_volume_plays_and_pauses(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (sim, bridge):
        assert bridge.state("tv") == DeviceState(on=False, volume=30, playing=False, muted=False)

        assert run(bridge, "turn_on", "tv").state.on is True
        assert run(bridge, "set_volume", "tv", 15).state.volume == 15
        assert sim.states["tv"]["volume"] == 15
        state = run(bridge, "media_play", "tv").state
        assert (state.on, state.playing, state.volume) == (True, True, 15)
        assert sim.states["tv"]["playback"] == "playing"
        assert run(bridge, "media_pause", "tv").state.playing is False
        assert sim.states["tv"] == {"state": "ON", "volume": 15, "playback": "paused", "mute": False}
        assert run(bridge, "turn_off", "tv").state.on is False

        # play also switches a speaker that is off on
        state = run(bridge, "media_play", "bedroom_speaker").state
        assert (state.on, state.playing) == (True, True)


def test_sensor_state_is_answered_from_the_cache(broker: BrokerSettings, home: Registry) -> None:
    with simulated_home(broker, home) as (_sim, bridge):
        for sensor in ("living_room_temperature", "bathroom_humidity"):
            state = run(bridge, "get_state", sensor).state
            assert state == DeviceState(temperature=21.5, humidity=48.0)


def test_get_state_asks_the_device_when_nothing_is_cached(broker: BrokerSettings, home: Registry,
                                                         probe: Probe) -> None:
    sensor = home["bathroom_humidity"]
    probe.subscribe([sensor.state_topic, f"{sensor.state_topic}/get"])
    sim = start_simulator(broker, home)
    try:
        # wait for the simulator's retained state, then delete it from the broker
        assert wait_until(lambda: probe.on(sensor.state_topic))
        probe.publish(sensor.state_topic, b"", retain=True)
        sim.states[sensor.id]["humidity"] = 61.0
        with connect_bridge(broker, home, settle_s=0.2) as bridge:
            assert bridge.state(sensor.id) is None
            [result] = bridge.execute([ToolCall("get_state", sensor.id)])
            assert result.ok, result
            assert result.state == DeviceState(temperature=21.5, humidity=61.0)
            assert wait_until(lambda: probe.json_on(f"{sensor.state_topic}/get") == [{"state": ""}])
    finally:
        sim.stop()


def test_every_demo_device_confirms_a_state_change_in_one_parallel_batch(broker: BrokerSettings,
                                                                          home: Registry) -> None:
    change = {"light": ("turn_on", None), "switch": ("turn_on", None), "climate": ("set_temperature", 23.0),
              "fan": ("set_fan_speed", "medium"), "lock": ("unlock", None), "cover": ("open_cover", None),
              "media_player": ("set_volume", 55.0), "sensor": ("get_state", None),
              "vacuum": ("start_cleaning", None), "scene": ("activate", None)}
    calls = [ToolCall(change[d.type][0], d.id, change[d.type][1]) for d in home if d.type in SIMULATED_HERE]
    assert len(calls) >= 31 and all(home.accepts(c) for c in calls)
    with simulated_home(broker, home) as (sim, bridge):
        results = bridge.execute(calls)
        assert [r.call for r in results] == calls  # in the order asked
        failed = [r for r in results if not r.ok]
        assert not failed, failed
        for device in (d for d in home if d.type in SIMULATED_HERE):
            state = bridge.state(device.id)
            assert state is not None
            expected = {"light": state.on is True, "switch": state.on is True,
                        "climate": state.target_temperature == 23.0,
                        "fan": state.speed == "medium" and state.on is True, "lock": state.locked is False,
                        "cover": state.position == 100, "media_player": state.volume == 55,
                        "sensor": state.temperature == 21.5, "vacuum": state.cleaning is True,
                        "scene": state.on is True}[device.type]
            assert expected, (device.id, state, sim.states[device.id])


def test_simulator_publishes_retained_state_availability_and_discovery(broker: BrokerSettings, home: Registry,
                                                                       probes: Callable[[], Probe]) -> None:
    discoverable = [d for d in home if discovery_config(d) is not None]
    topics = ([d.state_topic for d in home] + [d.availability_topic for d in home]
              + [discovery_config(d)[0] for d in discoverable])
    first = probes().subscribe(topics)
    sim = start_simulator(broker, home)
    try:
        assert wait_until(lambda: all(first.on(t) for t in topics)), "not everything was published"
        # a client that subscribes afterwards still gets all of it: it was published retained
        # (amqtt may hand a new client the same retained message twice: check every copy)
        late = probes().subscribe(topics)
        assert wait_until(lambda: all(late.on(t) for t in topics))
        for device in home:
            assert all(m.retain for m in late.on(device.state_topic))
            assert late.json_on(device.state_topic)[-1] == initial_state(device)
            assert all(m.retain for m in late.on(device.availability_topic))
            assert late.json_on(device.availability_topic)[-1] == {"state": "online"}
        for device in discoverable:
            topic, _payload = discovery_config(device)
            assert all(m.retain for m in late.on(topic))
            check_discovery(device.id, home, topic, late.json_on(topic)[-1])
    finally:
        sim.stop()


def check_discovery(device_id: str, home: Registry, topic: str, config: dict) -> None:
    device = home[device_id]
    component = "sensor" if device.type == "sensor" else device.type
    assert topic == f"{DISCOVERY_PREFIX}/{component}/{device.id}/config"
    assert config["unique_id"] == f"{device.id}_{component}"
    # climates read and set each attribute on a topic of its own; a scene has no state
    assert config.get("state_topic") == (None if device.type in ("climate", "scene") else device.state_topic)
    assert config["availability"] == [{"topic": device.availability_topic,
                                       "value_template": "{{ value_json.state }}"}]
    assert config["device"]["name"] == device.name
    assert config["device"]["suggested_area"] == device.area
    if device.type == "sensor":
        assert "command_topic" not in config
        assert config["value_template"] == "{{ value_json.temperature }}"
    elif device.type == "climate":
        assert config["mode_command_topic"] == f"{device.command_topic}/system_mode"
    else:
        assert config["command_topic"] == device.command_topic + ("/fan_state" if device.type == "fan" else "")
    if device.type == "light":
        assert config["schema"] == "json"
        assert config["brightness"] is ("brightness" in device.features)
        modes = [m for f, m in (("color", "xy"), ("color_temp", "color_temp")) if f in device.features]
        assert config["supported_color_modes"] == (modes or (["brightness"] if "brightness" in device.features
                                                            else ["onoff"]))


def test_media_players_have_no_discovery_config(home: Registry) -> None:
    assert discovery_config(home["tv"]) is None
    assert all(discovery_config(d) is not None for d in home if d.type in SIMULATED_HERE - {"media_player"})


def test_simulator_announces_every_device_offline_when_stopped(broker: BrokerSettings, home: Registry,
                                                               probe: Probe) -> None:
    topics = [d.availability_topic for d in home]
    probe.subscribe(topics)
    sim = start_simulator(broker, home)
    assert wait_until(lambda: all(probe.json_on(t) == [{"state": "online"}] for t in topics))
    sim.stop()
    assert wait_until(lambda: all(probe.json_on(t)[-1] == {"state": "offline"} for t in topics), timeout=0.3), \
        [t for t in topics if probe.json_on(t)[-1] != {"state": "offline"}]


@pytest.mark.parametrize("payload", [b"garbage", b"\xff\xfe", b"[1, 2]", b'"ON"', b'{"state": "MAYBE"}',
                                     b'{"brightness": 100}', b'{"state": "ON", "colour": "red"}'])
def test_malformed_command_is_ignored_and_the_simulator_keeps_working(broker: BrokerSettings, home: Registry,
                                                                      probe: Probe,
                                                                      caplog: pytest.LogCaptureFixture,
                                                                      payload: bytes) -> None:
    light = home["hallway_light"]  # no brightness feature: {"brightness": 100} is not for it
    caplog.set_level(logging.WARNING, logger="devices.simulator")
    with simulated_home(broker, home) as (sim, bridge):
        probe.subscribe([light.state_topic])
        assert wait_until(lambda: probe.on(light.state_topic))  # the retained state
        probe.publish(light.command_topic, payload)
        assert wait_until(lambda: any("hallway_light ignored command" in r.getMessage() for r in caplog.records))
        assert sim.states["hallway_light"] == {"state": "OFF"}  # unchanged, not even partly applied
        assert [m for m in probe.on(light.state_topic) if not m.retain] == []  # and no new state published

        assert run(bridge, "turn_on", "hallway_light").state.on is True
        assert sim.states["hallway_light"] == {"state": "ON"}


def test_simulator_survives_a_deeply_nested_command(broker: BrokerSettings, home: Registry, probe: Probe,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    with simulated_home(broker, home, timeout_s=0.3) as (_sim, bridge):
        probe.publish(home["kettle"].command_topic, b"[" * 5000)
        # amqtt may deliver the next command first: give the simulator the chance to handle this one
        wait_until(lambda: any("kettle ignored command" in r.getMessage() for r in caplog.records), timeout=0.2)
        [result] = bridge.execute([ToolCall("turn_on", "kettle")])
        assert result.ok, result


def test_simulated_device_rejects_what_its_type_does_not_accept(home_registry: Registry) -> None:
    lamp = home_registry["hallway_light"]  # no brightness feature
    with pytest.raises(ValueError, match="does not accept 'brightness'"):
        apply_command(lamp, initial_state(lamp), {"brightness": 100})
    door = home_registry["front_door"]
    with pytest.raises(ValueError, match="state must be LOCK or UNLOCK"):
        apply_command(door, initial_state(door), {"state": "OPEN"})
    sensor = home_registry["bathroom_humidity"]
    with pytest.raises(ValueError, match="a sensor does not accept 'temperature'"):
        apply_command(sensor, initial_state(sensor), {"temperature": 30})


def test_retained_offline_is_known_before_the_first_command_so_nothing_is_ever_sent(broker: BrokerSettings,
                                                                                    home: Registry) -> None:
    """The race of issue 14: connect() used to return once states were in, before the retained availability,
    so a command right after connecting went out to an offline device about 4 times in 5."""
    lamp = home["sofa_lamp"]
    sim = start_simulator(broker, home)
    try:
        sim.set_online("sofa_lamp", False)
        for _ in range(10):
            bridge = connect_bridge(broker, home)
            try:
                assert bridge.online("sofa_lamp") is False  # known when connect() returns, not some time later
                [result] = bridge.execute([ToolCall("turn_on", "sofa_lamp")])
                [asked] = bridge.execute([ToolCall("get_state", "sofa_lamp")])
            finally:
                bridge.close()
            assert (result.ok, result.error, asked.error) == (False, "offline", "offline")
        assert not [t for _at, t, _p in sim.received if t == lamp.command_topic]
        answer = compose(Understanding("is the sofa lamp on", [asked.call]), [asked], home)
        assert answer == "The sofa lamp is offline; when last heard it was off."
        assert describe_state("floor lamp", "light", None, online=False) == "The floor lamp is offline."
    finally:
        sim.stop()


def test_what_the_simulator_announces_drives_and_reads_every_device_through_home_assistant_discovery() -> None:
    """Its discovery configs are complete: each entity they describe sends every call the device accepts in a
    form the simulated device takes, and reads the state it reports as confirming the call."""
    from test_zigbee2mqtt import every_valid_call

    from devices import homeassistant
    from devices.conventions import convention_of
    from devices.simulator import DISCOVERY_PREFIX, _z2m_command, apply_command, discovery_config, initial_state

    failures, checked = [], 0
    for device in load_config(None).registry():
        announced = discovery_config(device)
        if announced is None:
            continue
        (entity,) = homeassistant.parse_config(DISCOVERY_PREFIX, announced[0], json.dumps(announced[1]).encode(), "x")
        convention = convention_of(entity)
        for call in every_valid_call(Registry([entity])):
            state = initial_state(device)
            for message in convention.commands(entity, call):
                state = apply_command(device, state, _z2m_command(device, message.topic, message.payload.encode()))
            if call.tool == "get_state" or not convention.state_topics(entity):
                continue
            checked += 1
            reported = convention.decode(entity, device.state_topic, json.dumps(state).encode())
            if not convention.confirms(entity, call, reported):
                failures.append(f"{call}: {state} does not confirm it")
    assert checked > 100
    assert not failures, "\n".join(failures)
