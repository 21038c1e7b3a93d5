"""Benchmarks and the soak never touch a real home; `simulate` leaves no phantom devices for Home Assistant.

The "real home" is a simulated one on the real Mosquitto, with its front door unlocked; the commands
run as a user runs them (separate processes) with a config naming that broker, that home's devices and
even that simulator's client id.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Probe, connect_bridge, isolated, start_simulator, unique, wait_until

from assistant.config import BrokerSettings, load_config
from assistant.registry import Registry
from assistant.tools import ToolCall
from devices.simulator import DISCOVERY_PREFIX, SimulatedHome


@dataclass
class RealHome:
    sim: SimulatedHome
    registry: Registry
    config: Path  # names the broker, these devices on their topics and the simulator's own client id


@pytest.fixture
def real_home(mosquitto: BrokerSettings, tmp_path: Path) -> Iterator[RealHome]:
    client_id = unique("h")
    registry = isolated(load_config(None).registry())
    base = registry["front_door"].mqtt.base_topic
    sim = start_simulator(dataclasses.replace(mosquitto, client_id=client_id), registry)
    try:
        with connect_bridge(mosquitto, registry) as bridge:
            assert bridge.execute([ToolCall("unlock", "front_door")])[0].ok
        config = tmp_path / "config.yaml"
        config.write_text(
            f"broker: {{host: 127.0.0.1, port: {mosquitto.port}, client_id: {client_id}}}\n"
            "understanding: {use_llm: false}\n"
            "devices:\n"
            f"  - {{id: front_door, name: front door, area: hallway, type: lock, mqtt: {{base_topic: {base}}}}}\n"
            f"  - {{id: porch_light, name: porch light, area: outside, type: light, mqtt: {{base_topic: {base}}}}}\n"
            f"  - {{id: sofa_lamp, name: sofa lamp, area: living room, type: light, features: [brightness],\n"
            f"     mqtt: {{base_topic: {base}}}}}\n")
        yield RealHome(sim, registry, config)
    finally:
        sim.stop()


def listening(settings: BrokerSettings) -> Probe:
    """A probe on every topic that returns once the broker's retained messages have all arrived."""
    probe = Probe(settings).start().subscribe(["#"])
    count = -1
    while count != len(probe.messages):  # the retained burst is over when nothing came for 0.3 s
        count = len(probe.messages)
        time.sleep(0.3)
    return probe


def retained(settings: BrokerSettings) -> dict[str, bytes]:
    probe = listening(settings)
    probe.stop()
    return {m.topic: m.payload for m in probe.messages if m.retain}


@contextmanager
def nothing_published(settings: BrokerSettings) -> Iterator[None]:
    """Fails when anything was published on the broker while the block ran."""
    probe = listening(settings)
    seen = len(probe.messages)
    try:
        yield
        time.sleep(0.3)
        assert [m.topic for m in probe.messages[seen:]] == []
    finally:
        probe.stop()


def assistant(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True, timeout=180)


def still_unlocked_and_answering(settings: BrokerSettings, home: RealHome) -> bool:
    """The real home's simulator kept its session (it answers a question) and its front door is unlocked."""
    with connect_bridge(settings, home.registry) as bridge:
        [result] = bridge.execute([ToolCall("get_state", "front_door")])
    return result.ok and result.state is not None and result.state.locked is False


BENCHMARKS = [("soak", "--count", "20"), ("bench-mqtt", "--count", "20")]


@pytest.mark.parametrize("benchmark", BENCHMARKS, ids=lambda b: b[0])
def test_a_benchmark_with_a_config_sends_nothing_to_its_broker(mosquitto: BrokerSettings, real_home: RealHome,
                                                               benchmark: tuple[str, ...]) -> None:
    before = retained(mosquitto)
    with nothing_published(mosquitto):
        result = assistant(*benchmark, "--config", str(real_home.config))
        assert result.returncode == 0, result.stderr
        assert "commands: 20" in result.stdout
    assert retained(mosquitto) == before
    assert still_unlocked_and_answering(mosquitto, real_home)


@pytest.mark.parametrize("benchmark", BENCHMARKS, ids=lambda b: b[0])
def test_a_benchmark_told_to_use_the_real_broker_warns_and_leaves_nothing_behind(
        mosquitto: BrokerSettings, real_home: RealHome, benchmark: tuple[str, ...]) -> None:
    before = retained(mosquitto)
    heard = len(real_home.sim.received)
    probe = listening(mosquitto)
    seen = len(probe.messages)
    try:
        result = assistant(*benchmark, "--config", str(real_home.config), "--broker-from-config")
        assert result.returncode == 0, result.stderr
        assert f"warning: publishing to the real broker 127.0.0.1:{mosquitto.port}" in result.stderr
        assert "commands: 20" in result.stdout
        assert wait_until(lambda: any(m.topic.startswith("assistant-bench/") for m in probe.messages[seen:]))
        published = {m.topic for m in probe.messages[seen:]}
        assert [t for t in published if not t.startswith("assistant-bench/")] == []
    finally:
        probe.stop()
    assert retained(mosquitto) == before  # its states and availability were cleared, nothing was announced
    assert len(real_home.sim.received) == heard  # no command reached the real home's devices
    assert still_unlocked_and_answering(mosquitto, real_home)


def test_the_demo_with_a_config_simulates_on_a_broker_of_its_own(mosquitto: BrokerSettings,
                                                                  real_home: RealHome) -> None:
    """The demo's simulated devices would take over the real ones' topics and retained states."""
    before = retained(mosquitto)
    with nothing_published(mosquitto):
        result = subprocess.run([sys.executable, "-m", "assistant", "demo", "--config", str(real_home.config)],
                                input="lock the front door\n", capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stderr
        assert f"127.0.0.1:{mosquitto.port} is not used" in result.stderr
        assert "the front door is locked" in result.stdout
    assert retained(mosquitto) == before
    assert still_unlocked_and_answering(mosquitto, real_home)


def test_simulate_withdraws_its_discovery_configs_on_exit(mosquitto: BrokerSettings, tmp_path: Path) -> None:
    lamp = unique("lamp")
    config = tmp_path / "config.yaml"
    config.write_text(f"broker: {{host: 127.0.0.1, port: {mosquitto.port}, client_id: {unique('sim')}}}\n"
                      f"devices:\n  - {{id: {lamp}, name: attic lamp, area: attic, type: light,"
                      f" mqtt: {{base_topic: {unique('attic')}}}}}\n")
    topic = f"{DISCOVERY_PREFIX}/light/{lamp}/config"
    probe = Probe(mosquitto).start().subscribe([topic])
    try:
        result = assistant("simulate", "--config", str(config), "--seconds", "1")
        assert result.returncode == 0, result.stderr
        assert wait_until(lambda: [m.payload != b"" for m in probe.on(topic)] == [True, False])
    finally:
        probe.stop()
    assert topic not in retained(mosquitto)
