"""Shared fixtures: two real MQTT brokers (Mosquitto speaking MQTT 5, the embedded amqtt speaking
3.1.1), the demo home, per-test client ids and per-test topics so tests never see each other's
retained messages or kick each other off the broker."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from assistant.act.bridge import MqttBridge
from assistant.act.broker import EmbeddedBroker, free_port
from assistant.config import BrokerSettings, load_config
from assistant.registry import MqttSettings, Registry
from devices.simulator import SimulatedHome

MOSQUITTO = os.environ.get("MOSQUITTO", shutil.which("mosquitto") or "/usr/sbin/mosquitto")


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mosquitto exited with {proc.returncode} before accepting connections")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.01)
    raise RuntimeError(f"mosquitto did not accept connections on 127.0.0.1:{port} within {timeout} s")


@pytest.fixture(scope="session")
def mosquitto(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrokerSettings]:
    """A private Mosquitto on a free loopback port (MQTT 5), stopped after the session."""
    if not (os.path.isfile(MOSQUITTO) and os.access(MOSQUITTO, os.X_OK)):
        pytest.fail(
            f"the mosquitto broker binary was not found ({MOSQUITTO}); the MQTT tests need a real "
            "broker: run `.ci/run`, or install it with `apt-get install mosquitto`",
            pytrace=False,
        )
    port = free_port()
    workdir = tmp_path_factory.mktemp("mosquitto")
    conf = workdir / "mosquitto.conf"
    lines = [f"listener {port} 127.0.0.1", "allow_anonymous true", "set_tcp_nodelay true", "persistence false"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        lines.append("user root")  # otherwise it drops to the `mosquitto` user
    conf.write_text("\n".join(lines) + "\n")
    log = (workdir / "mosquitto.log").open("wb")
    proc = subprocess.Popen([MOSQUITTO, "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT)
    try:
        try:
            _wait_for_port(port, proc)
        except RuntimeError as exc:
            log.flush()
            pytest.fail(f"{exc}\n{(workdir / 'mosquitto.log').read_text(errors='replace')}", pytrace=False)
        yield BrokerSettings(host="127.0.0.1", port=port, protocol="5")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def embedded_broker() -> Iterator[BrokerSettings]:
    """The in-process amqtt broker (MQTT 3.1.1 only), stopped after the session."""
    broker = EmbeddedBroker().start()
    try:
        yield BrokerSettings(host=broker.host, port=broker.port, protocol="3.1.1")
    finally:
        broker.stop()


@pytest.fixture(params=["mosquitto", "embedded"])
def broker(request: pytest.FixtureRequest) -> BrokerSettings:
    """Each MQTT test runs once against Mosquitto (MQTT 5) and once against amqtt (MQTT 3.1.1),
    with a client id of its own."""
    settings: BrokerSettings = request.getfixturevalue("mosquitto" if request.param == "mosquitto"
                                                       else "embedded_broker")
    return dataclasses.replace(settings, client_id=unique("t"))


@pytest.fixture
def home_registry() -> Registry:
    """The demo home, exactly as `load_config(None)` gives it."""
    return load_config(None).registry()


@pytest.fixture
def home(home_registry: Registry) -> Registry:
    """The demo home under a base topic of its own, so retained messages of other tests are invisible."""
    return isolated(home_registry)


def unique(prefix: str) -> str:
    # short: MQTT 3.1.1 servers only have to accept client ids of up to 23 characters
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def isolated(registry: Registry) -> Registry:
    base = unique("test-")
    return Registry(dataclasses.replace(d, mqtt=MqttSettings(base_topic=base)) for d in registry)


def wait_until(predicate: Callable[[], object], timeout: float = 3.0, interval: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


class Recorder:
    """A plain paho client that records what arrives on some topics (retained flag included)."""

    def __init__(self, settings: BrokerSettings, topics: list[str]) -> None:
        self.settings = settings
        self.messages: list[mqtt.MQTTMessage] = []
        self._lock = threading.Lock()
        self._subscribed = threading.Event()
        v5 = settings.protocol == "5"
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=unique("rec"),
                                  protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311,
                                  clean_session=None if v5 else True)
        self.client.on_connect = lambda c, *_: c.subscribe([(t, 1) for t in topics])
        self.client.on_subscribe = lambda *_: self._subscribed.set()
        self.client.on_message = self._on_message

    def _on_message(self, _c: mqtt.Client, _u: object, msg: mqtt.MQTTMessage) -> None:
        with self._lock:
            self.messages.append(msg)

    def start(self) -> Recorder:
        self.client.connect(self.settings.host or "127.0.0.1", self.settings.port)
        self.client.loop_start()
        assert self._subscribed.wait(5), "the recording client was not subscribed within 5 s"
        return self

    def stop(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()

    def on(self, topic: str) -> list[mqtt.MQTTMessage]:
        with self._lock:
            return [m for m in self.messages if m.topic == topic]

    def json_on(self, topic: str) -> list[object]:
        return [json.loads(m.payload) for m in self.on(topic)]

    def __enter__(self) -> Recorder:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def publish(settings: BrokerSettings, messages: list[tuple[str, bytes | str, bool]]) -> None:
    """Publish (topic, payload, retain) messages with QoS 1 from a throwaway client and wait for the acks."""
    v5 = settings.protocol == "5"
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=unique("pub"),
                         protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311, clean_session=None if v5 else True)
    client.connect(settings.host or "127.0.0.1", settings.port)
    client.loop_start()
    try:
        infos = [client.publish(topic, payload, qos=1, retain=retain) for topic, payload, retain in messages]
        for info in infos:
            info.wait_for_publish(5)
            assert info.is_published(), f"publish to {info} was not acknowledged"
    finally:
        client.disconnect()
        client.loop_stop()


@pytest.fixture
def recorder_factory() -> Iterator[Callable[[BrokerSettings, list[str]], Recorder]]:
    started: list[Recorder] = []

    def make(settings: BrokerSettings, topics: list[str]) -> Recorder:
        rec = Recorder(settings, topics).start()
        started.append(rec)
        return rec

    yield make
    for rec in started:
        rec.stop()




@contextlib.contextmanager
def simulated_home(settings: BrokerSettings, registry: Registry,
                   timeout_s: float = 2.0) -> Iterator[tuple[SimulatedHome, MqttBridge]]:
    """A running SimulatedHome and a connected MqttBridge that has seen every device online with a state.

    The bridge is connected after the simulator and waits for its retained states: those are published
    after the simulator subscribed, so once the bridge has them the simulator is listening.
    """
    sim = SimulatedHome(settings, registry).start()
    try:
        bridge = MqttBridge(settings, registry, timeout_s=timeout_s).connect(settle_s=2.0)
        try:
            ready = wait_until(lambda: all(bridge.state(d.id) is not None and bridge.online(d.id)
                                           for d in registry))
            assert ready, "the bridge did not see every simulated device online with a state"
            yield sim, bridge
        finally:
            bridge.close()
    finally:
        sim.stop()
