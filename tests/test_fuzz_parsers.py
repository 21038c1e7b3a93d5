"""Property-based fuzzing of everything that parses outside input: MQTT payloads, config files, WAVs.

Not part of the default run (`make fuzz` runs it): each property gets FUZZ_EXAMPLES examples
(10,000 by default). The only acceptable failures are the parsers' own, documented error types. Payloads
include hostile ones: megabytes, numbers of 100,000 digits, nesting deeper than Python's recursion limit.
The last test sends FUZZ_EXAMPLES such messages through a real Mosquitto to a live bridge, discovery and
simulated devices: no network thread may die and no callback raise.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import logging
import os
import random
import tempfile
import threading
import time
import wave
from pathlib import Path

import pytest
from conftest import Probe, isolated, simulated_home, unique, wait_until
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile_payloads import listened_topics

from assistant.act.discovery import HomeDiscovery
from assistant.config import BrokerSettings, ConfigError, DiscoverySettings, load_config
from assistant.hear.audio import AudioError, read_wav
from assistant.registry import Availability, Device, MqttSettings, Registry
from assistant.tools import ToolCall
from devices.conventions import convention_of
from devices.homeassistant import ABBREVIATIONS, COMPONENTS, parse_config
from devices.simulator import apply_command, initial_state
from devices.wire import availability_of
from devices.zigbee2mqtt import PayloadError, decode_state
from devices.zigbee2mqtt_devices import parse_devices

pytestmark = pytest.mark.fuzz
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
DEVICES = [Device(f"d_{t}", t, "room", t, ("brightness", "color", "position")) for t in
           ("light", "switch", "climate", "fan", "lock", "cover", "media_player", "sensor")]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
state_keys = st.sampled_from(["state", "brightness", "color", "occupied_heating_setpoint", "system_mode",
                              "local_temperature", "fan_state", "fan_mode", "lock_state", "position", "volume",
                              "playback", "temperature", "humidity"])
colors = st.fixed_dictionaries({}, optional={k: st.floats(allow_nan=True) | st.integers() | st.text(max_size=4)
                                             for k in ("x", "y", "hue", "saturation", "hex")})
z2m_like = st.dictionaries(state_keys, json_values, max_size=6) | st.fixed_dictionaries(
    {"color": colors}, optional={"color_mode": st.sampled_from(["xy", "hs", "color_temp", "rgb", 3])})


def hostile_payload(shape: str, size: int, rng: random.Random) -> bytes:
    """A payload made to break a parser; `size` is about its length: a number's digits, a nesting's depth."""
    digits = str(rng.randint(1, 9)).encode() * max(size, 1)
    return {
        "number": digits,
        "number in a state": b'{"state": "ON", "brightness": ' + digits + b"}",
        "number at the value path": b'{"state": ' + digits + b"}",
        "long float": b'{"state": "ON", "brightness": 1' + b"0" * size + b".5}",
        "lists": b"[" * (size // 2) + b"]" * rng.choice([0, size // 2]),
        "objects": b'{"state":' * (size // 9) + b'"ON"' + b"}" * (size // 9),
        "string": b'{"state": "' + b"x" * size + b'"}',
        "bytes": rng.randbytes(size),
        "announcement": json.dumps({"name": "x" * (size // 2), "cmd_t": "c", "stat_t": "s",
                                    "bri_scl": int(digits[:4000]), "dev": {"ids": ["x" * (size // 2)]}}).encode(),
        "device list": b'[{"friendly_name": "a", "definition": {"exposes": ' + b"[" * size + b"}}]",
    }[shape]


HOSTILE_SHAPES = ("number", "number in a state", "number at the value path", "long float", "lists", "objects",
                  "string", "bytes", "announcement", "device list")
# around the sizes that matter: Python's 4,300 digits, its recursion limit, MAX_PAYLOAD, a megabyte
hostile_sizes = st.sampled_from([4300, 4301, 10**5, 2**20]) | st.integers(0, 70_000) | st.integers(0, 2**20)
hostile = st.builds(hostile_payload, st.sampled_from(HOSTILE_SHAPES), hostile_sizes, st.randoms(use_true_random=False))


@FUZZ
@given(st.sampled_from(DEVICES), st.binary(max_size=300) | z2m_like.map(lambda d: json.dumps(d).encode()) | hostile)
def test_state_payloads_decode_or_raise_payload_error(device: Device, payload: bytes) -> None:
    with contextlib.suppress(PayloadError):
        decode_state(device, payload)


# Tasmota relays/fans/sensors and discovered Home Assistant entities, decoded by their own conventions
DISCOVERED = [d for component, config in [
    ("light", {"cmd_t": "c", "stat_t": "s", "bri_cmd_t": "b", "bri_stat_t": "bs"}),
    ("light", {"cmd_t": "c", "stat_t": "s", "schema": "json", "sup_clrm": ["rgb"]}),
    ("cover", {"cmd_t": "c", "stat_t": "s", "set_pos_t": "p", "pos_t": "ps"}),
    ("climate", {"mode_cmd_t": "m", "mode_stat_t": "s", "mode_stat_tpl": "{{ value_json.mode }}",
                 "temp_cmd_t": "t", "temp_stat_t": "s", "temp_stat_tpl": "{{ value_json.target }}"}),
    ("fan", {"cmd_t": "c", "stat_t": "s", "pct_cmd_t": "p", "pct_stat_t": "ps"}),
    ("lock", {"cmd_t": "c", "stat_t": "s"}), ("vacuum", {"cmd_t": "c", "stat_t": "s"}),
    ("sensor", {"stat_t": "s", "dev_cla": "temperature", "val_tpl": "{{ value_json.t }}"}),
] for d in parse_config("ha", f"ha/{component}/x/config", json.dumps(config).encode(), "room")]
TASMOTA = [Device(f"t_{t}", t, "room", t, ("brightness", "color", "position"),
                  mqtt=MqttSettings(convention="tasmota", topic="t", relay=relay))
           for t, relay in [("light", None), ("switch", 2), ("cover", None), ("sensor", None), ("fan", None)]]
tasmota_keys = st.sampled_from(["POWER", "POWER1", "POWER2", "Dimmer", "Color", "FanSpeed", "Shutter1", "AM2301",
                                "StatusSNS", "Temperature", "Humidity", "state", "mode", "target", "t"])
payloads = st.binary(max_size=300) | st.dictionaries(tasmota_keys, json_values, max_size=5).map(
    lambda d: json.dumps(d).encode()) | json_values.map(lambda v: json.dumps(v).encode()) | hostile


@FUZZ
@given(st.sampled_from(DISCOVERED + TASMOTA), payloads)
def test_other_conventions_decode_or_raise_payload_error(device: Device, payload: bytes) -> None:
    convention = convention_of(device)
    for topic in convention.state_topics(device):
        with contextlib.suppress(PayloadError):
            convention.decode(device, topic, payload)


discovery_keys = st.sampled_from(sorted({*ABBREVIATIONS, *ABBREVIATIONS.values(), "~", "schema", "name", "dev",
                                          "device", "cmps", "platform", "p", "availability", "modes"}))
discovery_configs = st.dictionaries(discovery_keys, json_values, max_size=8).map(
    lambda d: json.dumps(d).encode()) | st.binary(max_size=200) | hostile


@FUZZ
@given(st.sampled_from(sorted({*COMPONENTS, "device", "button"})), discovery_configs)
def test_discovery_configs_parse_or_raise_payload_error(component: str, payload: bytes) -> None:
    topic = "ha/device/x/config" if component == "device" else f"ha/{component}/x/config"
    try:
        devices = parse_config("ha", topic, payload, "room")
    except PayloadError:
        return
    for device in devices:  # whatever was imported can be spoken to and heard from
        convention = convention_of(device)
        convention.state_topics(device)
        convention.availability(device)


device_lists = st.lists(st.fixed_dictionaries({"friendly_name": st.text(max_size=12)}, optional={
    "definition": st.fixed_dictionaries({"exposes": st.lists(json_values, max_size=3)})}), max_size=3).map(
    lambda d: json.dumps(d).encode()) | hostile


@FUZZ
@given(device_lists)
def test_zigbee2mqtt_device_lists_parse_or_raise_payload_error(payload: bytes) -> None:
    with contextlib.suppress(PayloadError):
        parse_devices("z2m", payload, "room")


@FUZZ
@given(st.binary(max_size=200) | hostile)
def test_availability_payloads_never_crash(payload: bytes) -> None:
    assert availability_of(Availability("t", value_path=("state",)), payload) in (True, False, None)


@FUZZ
@given(st.sampled_from(DEVICES), z2m_like)
def test_simulated_devices_accept_or_reject_any_command(device: Device, command: dict[str, object]) -> None:
    try:
        state = apply_command(device, initial_state(device), command)
    except ValueError:
        return
    json.dumps(state)  # whatever it accepted, it can still publish


yaml_scalars = st.sampled_from(["", "1", "-3", "99999", "true", "null", "light", "lamp", "[a, b]", "{x: 1}",
                                "'quoted'", "1.5", "~", "&a x", "*a", "!!binary aGk=", "\"\\u0000\""])
yaml_keys = st.sampled_from(["broker", "host", "port", "devices", "id", "name", "area", "type", "features",
                             "aliases", "model", "path", "understanding", "use_llm", "mqtt", "tls", "safety",
                             "allow", "speech", "engine", "listen", "voice", "confirm", "bogus"])


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        indent = "  " * draw(st.integers(0, 3))
        dash = draw(st.sampled_from(["", "- "]))
        lines.append(f"{indent}{dash}{draw(yaml_keys)}: {draw(yaml_scalars)}")
    if draw(st.booleans()):
        lines.append(draw(st.text(max_size=40)))
    return "\n".join(lines)


@FUZZ
@given(yaml_documents())
def test_config_files_load_or_raise_config_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "config.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_config(path)
        except ConfigError as exc:
            assert str(path) in str(exc)


def _wav_bytes(rate: int, channels: int, width: int, frames: bytes) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(frames)
    return buffer.getvalue()


@FUZZ
@given(st.one_of(st.binary(max_size=400),
                 st.builds(_wav_bytes, st.sampled_from([8000, 11025, 16000, 22050, 44100, 48000]),
                           st.integers(1, 3), st.integers(1, 4), st.binary(max_size=600))))
def test_wav_files_read_or_raise_audio_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.wav"
        path.write_bytes(data)
        try:
            samples = read_wav(path)
        except AudioError as exc:
            assert str(path) in str(exc)
            return
        assert samples.dtype.name == "int16"


# --- hostile messages through a real broker ----------------------------------------------------------------

def hostile_messages(rng: random.Random, topics: list[str], count: int) -> list[tuple[str, bytes, bool]]:
    """(topic, payload, retain): most small, one in twenty up to a megabyte; one in ten retained."""
    messages = []
    for _ in range(count):
        size = rng.choice([4300, 4301, 10**5, 2**20]) if rng.random() < 0.05 else int(2 ** rng.uniform(0, 12))
        messages.append((rng.choice(topics), hostile_payload(rng.choice(HOSTILE_SHAPES), size, rng),
                         rng.random() < 0.1))
    return messages


def test_hostile_mqtt_messages_kill_no_network_thread(mosquitto: BrokerSettings, home_registry: Registry,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    """FUZZ_EXAMPLES messages on every state, availability, command and discovery topic, then a command still
    confirms and discovery still hears: 0 threads died, 0 callbacks raised."""
    died: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", died.append)
    caplog.set_level(logging.DEBUG, logger="assistant.act.connection")
    broker = dataclasses.replace(mosquitto, client_id=unique("f"))
    base = unique("ent")
    [lamp] = parse_config("ha", "ha/light/lamp/config", json.dumps(
        {"cmd_t": f"{base}/c", "stat_t": f"{base}/s", "bri_cmd_t": f"{base}/b", "bri_stat_t": f"{base}/bs",
         "avty_t": f"{base}/avail"}).encode(), "room")
    plug = Device("plug", "plug", "hall", "switch", mqtt=MqttSettings(convention="tasmota", topic=unique("plug")))
    home = Registry([*isolated(home_registry), plug, lamp])
    discovery = DiscoverySettings(enabled=True, prefix=unique("ha"), zigbee2mqtt_base_topic=unique("z2m"))
    topics = [*listened_topics(home),
              *(f"{discovery.prefix}/{c}/x{n}/config" for c in ("light", "switch", "device") for n in range(3)),
              f"{discovery.prefix}/status", f"{discovery.zigbee2mqtt_base_topic}/bridge/devices"]
    messages = hostile_messages(random.Random(15), topics, EXAMPLES)
    probe = Probe(broker).start()
    try:
        with simulated_home(broker, home, timeout_s=3.0) as (_sim, bridge), \
                HomeDiscovery(broker, discovery) as live:
            started = time.monotonic()
            for topic, payload, retain in messages:
                probe.publish(topic, payload, retain=retain)
            probe.publish(f"{discovery.prefix}/switch/last/config", json.dumps({"cmd_t": "c", "stat_t": "s"}))
            assert wait_until(lambda: "last" in live.announced(), timeout=60), "discovery no longer hears"
            [result] = bridge.execute([ToolCall("turn_on", "kettle")])
            elapsed = time.monotonic() - started
            assert result.ok, result
    finally:
        for topic in topics:
            probe.publish(topic, b"", retain=True)
        probe.stop()
    raised = [r for r in caplog.records if r.name == "assistant.act.connection" and "skipped" in r.getMessage()]
    print(f"\n{len(messages)} hostile messages, {sum(len(m[1]) for m in messages) / 1e6:.0f} MB, largest "
          f"{max(len(m[1]) for m in messages) / 1e6:.1f} MB, in {elapsed:.1f} s: {len(died)} threads died, "
          f"{len(raised)} callbacks raised; a command then confirmed in {result.ms:.0f} ms")
    assert died == []
    assert raised == []
