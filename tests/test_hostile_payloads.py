"""A hostile home network: whoever can publish on the broker sends huge numbers, deep nesting and megabyte
payloads on every topic the assistant listens to, retained too. Each message costs only itself: paho's
network threads live on, no callback raises, and a normal command still confirms, in this process and in
the next one, which is sent the retained messages as it subscribes.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections.abc import Iterator

import pytest
from conftest import Probe, connect_bridge, simulated_home, unique, wait_until

from assistant.act.discovery import HomeDiscovery
from assistant.config import BrokerSettings, DiscoverySettings
from assistant.registry import Device, MqttSettings, Registry
from assistant.tools import ToolCall
from devices.conventions import convention_of
from devices.simulator import PLAYERS

MEGABYTE = b'{"state": "' + b"x" * 2**20 + b'"}'
HOSTILE = [
    b"1" * 100_000,  # a 100,000-digit number
    b'{"state": "ON", "brightness": ' + b"9" * 4301 + b"}",  # one digit more than Python turns into an int
    b'{"state": "ON", "brightness": ' + b"9" * 400 + b"}",  # an int, too large for a float
    b'{"state": {"state": ' + b"7" * 5000 + b"}}",  # at the availability's value path
    b"[" * 60_000,  # nested deeper than the parser's recursion limit, yet under the size limit
    b'{"a":' * 12_000,
    b'{"state": "ON", "brightness": 1e999}',
    b"\xff\xfe{\x00",
    b"",
]


@pytest.fixture
def settings(mosquitto: BrokerSettings) -> BrokerSettings:
    return dataclasses.replace(mosquitto, client_id=unique("t"))


@pytest.fixture
def probe(settings: BrokerSettings) -> Iterator[Probe]:
    probe = Probe(settings).start()
    yield probe
    probe.stop()


@pytest.fixture
def thread_deaths(monkeypatch: pytest.MonkeyPatch) -> list[threading.ExceptHookArgs]:
    """Every exception that ended a thread (paho's network thread among them)."""
    died: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", died.append)
    return died


def callback_failures(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "assistant.act.connection" and "skipped" in r.getMessage()]


def listened_topics(registry: Registry) -> list[str]:
    """Every topic the bridge or the simulated devices subscribe to."""
    topics: list[str] = []
    for device in registry:
        convention = convention_of(device)
        topics += [*convention.state_topics(device), *(spec.topic for spec in convention.availability(device)),
                   *PLAYERS[device.mqtt.convention].command_topics(device)]
    return list(dict.fromkeys(topics))


def test_hostile_messages_on_every_topic_leave_commands_confirming_now_and_after_a_restart(
        settings: BrokerSettings, home: Registry, probe: Probe, caplog: pytest.LogCaptureFixture,
        thread_deaths: list[threading.ExceptHookArgs]) -> None:
    plug = Device("plug", "plug", "hall", "switch", mqtt=MqttSettings(convention="tasmota", topic=unique("plug")))
    home = Registry([*home, plug])
    topics = listened_topics(home)
    caplog.set_level(logging.DEBUG, logger="assistant.act.connection")
    try:
        with simulated_home(settings, home) as (_sim, bridge):
            for topic in topics:
                for payload in HOSTILE:
                    probe.publish(topic, payload)
                probe.publish(topic, HOSTILE[len(topic) % len(HOSTILE)], retain=True)
            for topic in listened_topics(Registry([home["kettle"], plug])):
                probe.publish(topic, MEGABYTE, retain=True)
            results = bridge.execute([ToolCall("turn_on", "kettle"), ToolCall("turn_on", "plug")])
            assert all(r.ok for r in results), results
            restarted = connect_bridge(settings, home, settle_s=0.5)  # it is sent every retained one
            try:
                results = restarted.execute([ToolCall("turn_off", "kettle"), ToolCall("turn_off", "plug")])
                assert all(r.ok for r in results), results
            finally:
                restarted.close()
    finally:
        for topic in topics:  # the broker lives for the whole session
            probe.publish(topic, b"", retain=True)
    assert thread_deaths == []
    assert callback_failures(caplog) == []


def test_hostile_announcements_leave_discovery_listening(
        settings: BrokerSettings, probe: Probe, caplog: pytest.LogCaptureFixture,
        thread_deaths: list[threading.ExceptHookArgs]) -> None:
    discovery = DiscoverySettings(enabled=True, prefix=unique("ha"), zigbee2mqtt_base_topic=unique("z2m"))
    topics = [f"{discovery.prefix}/light/hostile/config", f"{discovery.prefix}/device/hostile/config",
              f"{discovery.prefix}/status", f"{discovery.zigbee2mqtt_base_topic}/bridge/devices"]
    caplog.set_level(logging.DEBUG, logger="assistant.act.connection")
    good = f"{discovery.prefix}/switch/heater/config"
    try:
        for topic in topics:
            probe.publish(topic, MEGABYTE, retain=True)
        with HomeDiscovery(settings, discovery) as live:
            for topic in topics:
                for payload in HOSTILE:
                    probe.publish(topic, payload)
                probe.publish(topic, HOSTILE[0], retain=True)
            probe.publish(good, json.dumps({"name": "Heater", "cmd_t": "heater/set", "stat_t": "heater/state"}),
                          retain=True)
            assert wait_until(lambda: "heater" in live.announced())
        with HomeDiscovery(settings, discovery) as restarted:  # it is sent every retained one
            assert wait_until(lambda: "heater" in restarted.announced())
    finally:
        for topic in [*topics, good]:
            probe.publish(topic, b"", retain=True)
    assert thread_deaths == []
    assert callback_failures(caplog) == []


def test_a_callback_that_raises_is_logged_once_per_topic_and_the_connection_lives_on(
        settings: BrokerSettings, home: Registry, probe: Probe, caplog: pytest.LogCaptureFixture,
        thread_deaths: list[threading.ExceptHookArgs]) -> None:
    caplog.set_level(logging.DEBUG, logger="assistant.act.connection")
    first, second = unique("bad/"), unique("bad/")
    with simulated_home(settings, Registry([home["kettle"]])) as (_sim, bridge):
        for topic in (second, first):
            bridge.on_message(topic, lambda payload: int(payload))  # stands for any bug in our code
        assert wait_until(lambda: probe.publish(first, "not a number") or callback_failures(caplog), interval=0.05)
        for topic in (first, second, second):  # both subscribed by now: in order, on one connection
            probe.publish(topic, "not a number")
        assert wait_until(lambda: [second in r.getMessage() for r in callback_failures(caplog)].count(True) == 2)
        [result] = bridge.execute([ToolCall("turn_on", "kettle")])
        assert result.ok, result
    loud = [r for r in callback_failures(caplog) if r.levelno == logging.ERROR]
    assert [(first in r.getMessage(), second in r.getMessage()) for r in loud] == [(True, False), (False, True)]
    assert all(r.exc_info for r in loud)  # with the traceback: a callback that raises is our bug
    assert thread_deaths == []
