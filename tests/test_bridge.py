"""The MQTT bridge on real brokers: what counts as a confirmation, and how each failure is reported.

Device answers are played by a plain paho client (the `probe`) so each test controls exactly what the
bridge sees and when. Every test runs against Mosquitto (MQTT 5) and the embedded amqtt (MQTT 3.1.1).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from conftest import Probe, connect_bridge, simulated_home, start_simulator, wait_until

from assistant.act.bridge import CallResult, MqttBridge
from assistant.config import BrokerSettings
from assistant.registry import Registry
from assistant.tools import ToolCall
from devices.state import DeviceState


@pytest.fixture
def bridges(broker: BrokerSettings) -> Iterator[Callable[..., MqttBridge]]:
    """Connects bridges (own client ids) on `broker`; all are closed when the test ends."""
    made: list[MqttBridge] = []

    def make(registry: Registry, timeout_s: float = 2.0, settle_s: float = 2.0) -> MqttBridge:
        made.append(connect_bridge(broker, registry, timeout_s=timeout_s, settle_s=settle_s))
        return made[-1]

    yield make
    for bridge in made:
        bridge.close()


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as executor:
        yield executor


def only(home: Registry, *ids: str) -> Registry:
    return Registry(home[i] for i in ids)


def execute_in_background(pool: ThreadPoolExecutor, bridge: MqttBridge,
                          calls: list[ToolCall]) -> Future[list[CallResult]]:
    return pool.submit(bridge.execute, calls)


def wait_for_command(probe: Probe, topic: str) -> dict:
    assert wait_until(lambda: probe.on(topic)), f"nothing was published on {topic}"
    return probe.json_on(topic)[-1]


def test_bridge_confirms_only_after_a_new_state_not_the_stale_retained_one(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge],
        pool: ThreadPoolExecutor) -> None:
    kettle = home["kettle"]
    probe.subscribe([kettle.command_topic])
    probe.publish(kettle.state_topic, json.dumps({"state": "ON"}), retain=True)  # stale: from before
    bridge = bridges(only(home, "kettle"), timeout_s=0.3)
    assert bridge.state("kettle") == DeviceState(on=True)

    # the kettle already *looks* on, but nobody answers the command: that is not a confirmation
    started = time.monotonic()
    [result] = bridge.execute([ToolCall("turn_on", "kettle")])
    assert (result.ok, result.error, result.state) == (False, "no response", None)
    assert time.monotonic() - started >= 0.3
    assert probe.json_on(kettle.command_topic) == [{"state": "ON"}]  # it was sent, though

    # the same command, answered by a state message that arrives after it: confirmed
    bridge.timeout_s = 3.0
    future = execute_in_background(pool, bridge, [ToolCall("turn_on", "kettle")])
    assert wait_until(lambda: len(probe.on(kettle.command_topic)) == 2)
    assert not future.done()  # still waiting for the device
    probe.publish(kettle.state_topic, json.dumps({"state": "ON"}), retain=True)
    [result] = future.result(timeout=5)
    assert result.ok and result.error is None
    assert result.state == DeviceState(on=True)


def test_bridge_does_not_confirm_with_a_new_state_that_shows_something_else(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge],
        pool: ThreadPoolExecutor) -> None:
    lamp = home["sofa_lamp"]
    probe.subscribe([lamp.command_topic])
    probe.publish(lamp.state_topic, json.dumps({"state": "OFF", "brightness": 254}), retain=True)
    bridge = bridges(only(home, "sofa_lamp"), timeout_s=0.3)
    future = execute_in_background(pool, bridge, [ToolCall("set_brightness", "sofa_lamp", 40.0)])
    assert wait_for_command(probe, lamp.command_topic) == {"state": "ON", "brightness": 102}
    probe.publish(lamp.state_topic, json.dumps({"state": "ON", "brightness": 254}))  # on, but not dimmed
    [result] = future.result(timeout=5)
    assert (result.ok, result.error) == (False, "no response")
    assert bridge.state("sofa_lamp") == DeviceState(on=True, brightness=100)  # the news was still taken in


def test_bridge_does_not_confirm_with_a_retained_state_that_arrives_after_the_command(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge]) -> None:
    probe.publish(home["kettle"].state_topic, json.dumps({"state": "ON"}), retain=True)
    for _ in range(3):
        # settle_s=0: the command goes out before the retained state is delivered
        bridge = bridges(only(home, "kettle"), timeout_s=0.3, settle_s=0)
        [result] = bridge.execute([ToolCall("turn_on", "kettle")])
        assert (result.ok, result.error) == (False, "no response"), "confirmed by the stale retained state"


def test_bridge_reports_no_response_when_the_device_stays_silent(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge],
        caplog: pytest.LogCaptureFixture) -> None:
    lamp = home["porch_light"]
    probe.subscribe([lamp.command_topic])
    bridge = bridges(only(home, "porch_light"), timeout_s=0.3, settle_s=0.05)
    assert bridge.state("porch_light") is None and bridge.online("porch_light") is None

    started = time.monotonic()
    [result] = bridge.execute([ToolCall("turn_on", "porch_light")])
    elapsed = time.monotonic() - started

    assert (result.ok, result.error, result.state) == (False, "no response", None)
    assert 0.3 <= elapsed < 1.5
    assert wait_for_command(probe, lamp.command_topic) == {"state": "ON"}
    assert any("no confirmation within 0.3 s" in r.getMessage() for r in caplog.records)
    assert result.to_dict() == {"tool": "turn_on", "device": "porch_light", "ok": False, "ms": 0.0,
                                "error": "no response"}


def test_get_state_of_a_silent_device_asks_it_and_reports_no_response(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge]) -> None:
    sensor = home["living_room_temperature"]
    probe.subscribe([f"{sensor.state_topic}/get", sensor.command_topic])
    bridge = bridges(only(home, sensor.id), timeout_s=0.3, settle_s=0.05)
    [result] = bridge.execute([ToolCall("get_state", sensor.id)])
    assert (result.ok, result.error) == (False, "no response")
    assert wait_for_command(probe, f"{sensor.state_topic}/get") == {"state": ""}
    assert probe.on(sensor.command_topic) == []


@pytest.mark.parametrize("garbage", [b"\x00\xffnot json", b"[1, 2, 3]", b'{"state": "SIDEWAYS"}',
                                     b'{"brightness": "dim"}'])
def test_malformed_state_is_logged_and_skipped_and_the_next_valid_state_confirms(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge],
        pool: ThreadPoolExecutor, caplog: pytest.LogCaptureFixture, garbage: bytes) -> None:
    lamp = home["reading_lamp"]
    probe.subscribe([lamp.command_topic])
    probe.publish(lamp.state_topic, json.dumps({"state": "OFF", "brightness": 254}), retain=True)
    bridge = bridges(only(home, "reading_lamp"), timeout_s=3.0)
    caplog.set_level(logging.WARNING, logger="assistant.act.bridge")

    future = execute_in_background(pool, bridge, [ToolCall("turn_on", "reading_lamp")])
    wait_for_command(probe, lamp.command_topic)
    probe.publish(lamp.state_topic, garbage)
    assert wait_until(lambda: any("skipped malformed state payload for reading_lamp" in r.getMessage()
                                  for r in caplog.records))
    assert not future.done()
    assert bridge.state("reading_lamp") == DeviceState(on=False, brightness=100)  # unchanged

    probe.publish(lamp.state_topic, json.dumps({"state": "ON", "brightness": 254}))
    [result] = future.result(timeout=5)
    assert result.ok, result
    assert result.state == DeviceState(on=True, brightness=100)


def test_several_malformed_states_in_a_row_are_each_skipped(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge],
        caplog: pytest.LogCaptureFixture) -> None:
    kettle = home["kettle"]
    bridge = bridges(only(home, "kettle"), settle_s=0.05)
    caplog.set_level(logging.WARNING, logger="assistant.act.bridge")
    for payload in (b"garbage", b"[]", b'"ON"', b"null", b"{" * 3, json.dumps({"padding": "x" * 70000}).encode()):
        probe.publish(kettle.state_topic, payload)
    probe.publish(kettle.state_topic, json.dumps({"state": "ON"}))
    assert wait_until(lambda: bridge.state("kettle") == DeviceState(on=True))
    skipped = [r for r in caplog.records if "skipped malformed state payload for kettle" in r.getMessage()]
    assert len(skipped) == 6
    assert all(r.levelno == logging.WARNING for r in skipped)


def test_bridge_keeps_tracking_state_after_a_deeply_nested_payload(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge]) -> None:
    kettle = home["kettle"]
    bridge = bridges(only(home, "kettle"), settle_s=0.05)
    probe.publish(kettle.state_topic, b"[" * 5000)
    probe.publish(kettle.state_topic, json.dumps({"state": "ON"}))
    assert wait_until(lambda: bridge.state("kettle") == DeviceState(on=True), timeout=0.3)


@pytest.mark.parametrize("offline", [json.dumps({"state": "offline"}), "offline", "OFFLINE"])
def test_device_whose_availability_says_offline_fails_at_once_and_nothing_is_sent(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge],
        offline: str) -> None:
    door = home["front_door"]
    probe.subscribe([door.command_topic])
    probe.publish(door.state_topic, json.dumps({"state": "LOCK", "lock_state": "locked"}), retain=True)
    probe.publish(door.availability_topic, offline, retain=True)
    bridge = bridges(only(home, "front_door"), timeout_s=3.0)
    assert wait_until(lambda: bridge.online("front_door") is False)

    started = time.monotonic()
    [result] = bridge.execute([ToolCall("unlock", "front_door")])
    assert time.monotonic() - started < 0.2  # not the 3 s timeout
    assert (result.ok, result.error) == (False, "offline")
    assert result.state == DeviceState(locked=True)  # the last known state comes with it
    # a cached state is not served for an offline device either
    [asked] = bridge.execute([ToolCall("get_state", "front_door")])
    assert (asked.ok, asked.error) == (False, "offline")
    time.sleep(0.05)
    assert probe.on(door.command_topic) == []


def test_device_coming_back_online_is_commanded_again(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge]) -> None:
    door = home["front_door"]
    probe.subscribe([door.command_topic])
    probe.publish(door.availability_topic, json.dumps({"state": "offline"}), retain=True)
    bridge = bridges(only(home, "front_door"), timeout_s=0.2, settle_s=0.1)
    assert wait_until(lambda: bridge.online("front_door") is False)
    probe.publish(door.availability_topic, json.dumps({"state": "online"}), retain=True)
    assert wait_until(lambda: bridge.online("front_door") is True)
    [result] = bridge.execute([ToolCall("unlock", "front_door")])
    assert result.error == "no response"  # sent this time; nobody plays the door here
    assert wait_for_command(probe, door.command_topic) == {"state": "UNLOCK"}


@pytest.mark.parametrize("payload", [b"maybe", b'{"state": "sleeping"}', b"[1]", b""])
def test_malformed_availability_is_logged_and_ignored(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge],
        caplog: pytest.LogCaptureFixture, payload: bytes) -> None:
    door = home["back_door"]
    probe.publish(door.availability_topic, json.dumps({"state": "offline"}), retain=True)
    bridge = bridges(only(home, "back_door"), settle_s=0.05)
    assert wait_until(lambda: bridge.online("back_door") is False)
    probe.publish(door.availability_topic, payload)
    assert wait_until(lambda: any("skipped malformed availability payload for back_door" in r.getMessage()
                                  for r in caplog.records))
    assert bridge.online("back_door") is False  # the last valid word stands


def test_one_batch_reports_confirmed_offline_and_silent_devices_in_order_within_one_timeout(
        broker: BrokerSettings, home: Registry, probe: Probe) -> None:
    probe.publish(home["front_door"].availability_topic, json.dumps({"state": "offline"}), retain=True)
    answering = only(home, "kettle", "tv")
    calls = [ToolCall("turn_on", "kettle"), ToolCall("unlock", "front_door"), ToolCall("turn_on", "porch_light"),
             ToolCall("set_volume", "tv", 12.0), ToolCall("turn_off", "porch_light")]
    sim = start_simulator(broker, answering)  # plays the kettle and the tv only
    try:
        with connect_bridge(broker, only(home, "kettle", "front_door", "porch_light", "tv"), timeout_s=0.3,
                            settle_s=0.2) as bridge:
            assert wait_until(lambda: bridge.online("front_door") is False and bridge.online("kettle"))
            started = time.monotonic()
            results = bridge.execute(calls)
            elapsed = time.monotonic() - started
    finally:
        sim.stop()
    assert [r.call for r in results] == calls
    assert [(r.ok, r.error) for r in results] == [(True, None), (False, "offline"), (False, "no response"),
                                                  (True, None), (False, "no response")]
    assert results[3].state is not None and results[3].state.volume == 12
    assert 0.3 <= elapsed < 0.9  # the silent calls waited together, not one after the other
    assert results[0].ms < 300 and results[3].ms < 300


def test_the_same_call_object_twice_in_a_batch_is_confirmed_twice(broker: BrokerSettings, home: Registry) -> None:
    call = ToolCall("turn_on", "kettle")
    with simulated_home(broker, only(home, "kettle"), timeout_s=0.3) as (_sim, bridge):
        results = bridge.execute([call, call])
    assert [r.ok for r in results] == [True, True]


def test_bridge_tracks_state_reported_without_a_command(
        broker: BrokerSettings, home: Registry, probe: Probe, bridges: Callable[..., MqttBridge]) -> None:
    fan = home["bedroom_fan"]
    bridge = bridges(only(home, "bedroom_fan"), settle_s=0.05)
    probe.publish(fan.state_topic, json.dumps({"fan_state": "ON", "fan_mode": "low"}))
    assert wait_until(lambda: bridge.state("bedroom_fan") == DeviceState(on=True, speed="low"))
    # devices may report only what changed: the rest is kept
    probe.publish(fan.state_topic, json.dumps({"fan_mode": "high"}))
    assert wait_until(lambda: bridge.state("bedroom_fan") == DeviceState(on=True, speed="high"))
    # messages for devices the bridge does not know are ignored
    probe.publish(f"{fan.state_topic}_2", json.dumps({"fan_state": "OFF"}))
    probe.publish(fan.state_topic, json.dumps({"fan_state": "OFF"}))
    assert wait_until(lambda: bridge.state("bedroom_fan") == DeviceState(on=False, speed="high"))


def test_closing_the_bridge_is_not_reported_as_losing_the_broker(
        broker: BrokerSettings, home: Registry, caplog: pytest.LogCaptureFixture) -> None:
    bridge = connect_bridge(broker, only(home, "kettle"), settle_s=0.05)
    bridge.close()
    time.sleep(0.05)
    assert [r.getMessage() for r in caplog.records
            if r.name == "assistant.act.bridge" and r.levelno >= logging.WARNING] == []
