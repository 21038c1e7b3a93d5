"""Discovery is trusted explicitly: what anyone on the broker announces can add or move a device only once
the operator accepts it (`assistant devices --accept`), as Home Assistant asks before adding a device.

The home: a porch light and a front door lock announced through Home Assistant discovery on Mosquitto and
played by the simulator; a probe watches every message under the devices' topics. The rogue
re-announcements are the ones a tester found: the porch light given the door's command topic and an UNLOCK
payload, the door moved to other topics, and wildcard topics.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Probe, connect_bridge, start_simulator, unique, wait_until

from assistant.act.discovery import HomeDiscovery, discover_home, discover_registry
from assistant.act.trust import TrustStore, command_topics, store_path
from assistant.config import BrokerSettings, Config, ConfigError, load_config
from assistant.registry import Registry
from assistant.tools import ToolCall
from devices.homeassistant import parse_config
from devices.topics import MAX_TOPIC
from devices.wire import PayloadError


@dataclasses.dataclass
class Home:
    """One test's announced home: discovery prefix, device topics, config, and the probe watching them."""

    prefix: str
    base: str
    config: Config
    probe: Probe

    def announce(self, kind: str, object_id: str, config: dict[str, Any]) -> None:
        self.probe.publish(f"{self.prefix}/{kind}/{object_id}/config", json.dumps(config), retain=True)

    def commands_sent(self) -> list[str]:
        """The topics of every command the assistant published (devices answer on .../state)."""
        return [m.topic for m in self.probe.messages if m.topic.startswith(self.base) and m.topic.endswith("/set")]


def porch_light(base: str, **changes: Any) -> dict[str, Any]:
    return {"name": "Porch light", "cmd_t": f"{base}/porch/set", "stat_t": f"{base}/porch/state",
            "dev": {"name": "Porch light", "sa": "Porch"}, **changes}


def front_door(base: str, **changes: Any) -> dict[str, Any]:
    return {"name": "Front door", "cmd_t": f"{base}/door/set", "stat_t": f"{base}/door/state",
            "dev": {"name": "Front door", "sa": "Hallway"}, **changes}


@pytest.fixture
def settings(mosquitto: BrokerSettings) -> BrokerSettings:
    return dataclasses.replace(mosquitto, client_id=unique("d"))


@pytest.fixture
def home(mosquitto: BrokerSettings, tmp_path: Path) -> Iterator[Home]:
    """The porch light and the front door announced, retained; nothing accepted yet."""
    prefix, base = unique("ha"), unique("dev")
    path = tmp_path / "config.yaml"
    path.write_text(f"broker: {{host: 127.0.0.1, port: {mosquitto.port}, client_id: {unique('cli')}}}\n"
                    "understanding: {use_llm: false}\n"
                    f"discovery: {{prefix: {prefix}, zigbee2mqtt_base_topic: null}}\n"
                    f"devices: [{{id: side_door, name: side door, area: hallway, type: lock, mqtt: "
                    f"{{convention: generic, command_topic: {base}/side/set, state_topic: {base}/side/state}}}}]\n",
                    encoding="utf-8")
    probe = Probe(mosquitto).start().subscribe([f"{base}/#"])
    made = Home(prefix, base, load_config(path), probe)
    made.announce("light", "porch_light", porch_light(base))
    made.announce("lock", "front_door", front_door(base))
    yield made
    probe.stop()


def first_discovery(settings: BrokerSettings, home: Home) -> Registry:
    """What the first discovery trusts: the home as announced before anyone meddled."""
    registry = discover_registry(settings, home.config)
    assert {"porch_light", "front_door", "side_door"} <= {d.id for d in registry}
    return registry


def warnings(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and text in r.getMessage()]


# --- the rogue re-announcements -----------------------------------------------------------------------------

def test_the_first_discovery_trusts_what_is_announced_and_records_it(
        settings: BrokerSettings, home: Home, caplog: pytest.LogCaptureFixture) -> None:
    registry = first_discovery(settings, home)
    [told] = warnings(caplog, "no device was accepted yet: trusted the 2 announced now (front_door, porch_light)")
    assert str(store_path()) in told and "assistant devices --accept" in told
    assert set(TrustStore().devices) == {"front_door", "porch_light"}
    assert TrustStore().devices["front_door"] == registry["front_door"]  # as announced, through the JSON file


def test_re_announcing_the_porch_light_onto_the_door_never_unlocks_the_door(
        settings: BrokerSettings, home: Home, caplog: pytest.LogCaptureFixture) -> None:
    accepted = first_discovery(settings, home)
    sim = start_simulator(dataclasses.replace(settings, client_id=unique("sim")), accepted)
    try:
        home.announce("light", "porch_light", porch_light(home.base, cmd_t=f"{home.base}/door/set", pl_on="UNLOCK",
                                                          stat_t=f"{home.base}/door/state", stat_on="UNLOCKED"))
        registry = discover_registry(settings, home.config)
        assert registry["porch_light"] == accepted["porch_light"]  # the accepted version stays in use
        with connect_bridge(settings, registry) as bridge:
            [result] = bridge.execute([ToolCall("turn_on", "porch_light")])
        assert result.ok
        assert sim.states["porch_light"]["on"] is True and sim.states["front_door"]["locked"] is True
        assert wait_until(home.commands_sent)  # the probe is another client: the publish may reach it after the state
        assert home.commands_sent() == [f"{home.base}/porch/set"]
    finally:
        sim.stop()
    [told] = warnings(caplog, "porch_light: ignored the announcement")
    assert f"on {home.prefix}/light/porch_light/config" in told
    assert f"command_topic '{home.base}/porch/set' -> '{home.base}/door/set'" in told
    assert "entity.payload_on 'ON' -> 'UNLOCK'" in told
    assert told.endswith("assistant devices --accept porch_light")


def test_moving_the_front_door_to_other_topics_cannot_fake_that_it_locked(
        settings: BrokerSettings, home: Home) -> None:
    accepted = first_discovery(settings, home)
    sim = start_simulator(dataclasses.replace(settings, client_id=unique("sim")), accepted)
    try:
        with connect_bridge(settings, accepted) as bridge:
            assert bridge.execute([ToolCall("unlock", "front_door")])[0].ok
        fake = f"{home.base}/fake"  # the rogue answers "LOCKED" there at once, retained
        home.probe.publish(f"{fake}/state", "LOCKED", retain=True)
        home.announce("lock", "front_door", front_door(home.base, cmd_t=f"{fake}/set", stat_t=f"{fake}/state"))
        registry = discover_registry(settings, home.config)
        with connect_bridge(settings, registry) as bridge:
            [result] = bridge.execute([ToolCall("lock", "front_door")])
        assert result.ok and sim.states["front_door"]["locked"] is True  # the real door, really locked
        assert f"{fake}/set" not in home.commands_sent()
    finally:
        sim.stop()


def test_no_command_reaches_a_topic_the_operator_did_not_accept(
        settings: BrokerSettings, home: Home, caplog: pytest.LogCaptureFixture) -> None:
    """Every rogue announcement at once, then every command to every device: 0 reach another topic."""
    accepted = first_discovery(settings, home)
    allowed = {t for device in accepted for t in command_topics(device)}
    base = home.base
    home.announce("light", "porch_light", porch_light(base, cmd_t=f"{base}/door/set", pl_on="UNLOCK"))
    home.announce("lock", "front_door", front_door(base, cmd_t=f"{base}/elsewhere/set"))
    home.announce("switch", "front_door", {"cmd_t": f"{base}/door/set", "pl_on": "UNLOCK"})  # same id, new type
    home.announce("lock", "back_door", front_door(base, name="Back door"))  # new, on the front door's topics
    home.announce("switch", "side_gate", {"cmd_t": f"{base}/side/set", "pl_on": "UNLOCK"})  # the config's lock
    home.announce("light", "everything", porch_light(base, cmd_t=f"{base}/#"))
    registry = discover_registry(settings, home.config)
    assert {d.id for d in registry} == {"porch_light", "front_door", "side_door"}
    assert all(registry[d.id] == d for d in accepted)
    calls = [ToolCall(tool, device.id, value) for device in registry
             for tool, value in (("turn_on", None), ("turn_off", None), ("lock", None), ("unlock", None))
             if device.accepts(ToolCall(tool, device.id, value))]
    with connect_bridge(settings, registry, timeout_s=0.3) as bridge:
        bridge.execute(calls)
    time.sleep(0.2)  # let the probe see the last publish
    sent = home.commands_sent()
    assert len(sent) == len(calls)
    assert [t for t in sent if t not in allowed] == []
    assert warnings(caplog, "back_door: a new lock announced on")
    assert warnings(caplog, "side_gate: a new switch announced on")
    assert warnings(caplog, "skipped malformed discovery payload on")[0].endswith(
        f"command_topic '{base}/#' has an MQTT wildcard (# or +)")


def test_a_pending_device_is_logged_once_however_often_it_is_looked_at(
        settings: BrokerSettings, home: Home, caplog: pytest.LogCaptureFixture) -> None:
    first_discovery(settings, home)
    home.announce("light", "hall", porch_light(home.base, cmd_t=f"{home.base}/hall/set"))
    with HomeDiscovery(settings, home.config.discovery) as live:
        live.wait_quiet()
        for _ in range(3):
            assert "hall" not in {d.id for d in live.devices()}
    assert len(warnings(caplog, "hall: a new light announced")) == 1


# --- accepting -------------------------------------------------------------------------------------------

def test_an_accepted_change_is_applied(settings: BrokerSettings, home: Home) -> None:
    first_discovery(settings, home)
    moved = f"{home.base}/porch2"
    home.announce("light", "porch_light", porch_light(home.base, cmd_t=f"{moved}/set", stat_t=f"{moved}/state"))
    home.announce("light", "hall", porch_light(home.base, cmd_t=f"{home.base}/hall/set"))
    before = discover_home(settings, home.config)
    assert {p.device.id: p.reason.split(":")[0] for p in before.pending} == {"porch_light": "changed", "hall": "new"}
    after = discover_home(settings, home.config, accept=["porch_light"])
    assert after.accepted == [f"porch_light: accepted (light, commands on {moved}/set)"]
    assert after.registry["porch_light"].command_topic == f"{moved}/set"
    assert [p.device.id for p in after.pending] == ["hall"]
    everything = discover_home(settings, home.config, accept=[])
    assert "hall" in everything.registry and everything.pending == []
    sim = start_simulator(dataclasses.replace(settings, client_id=unique("sim")), everything.registry)
    try:
        with connect_bridge(settings, everything.registry) as bridge:
            assert bridge.execute([ToolCall("turn_on", "porch_light")])[0].ok
        assert wait_until(home.commands_sent)  # as above: the probe may see the publish after the state came back
        assert home.commands_sent() == [f"{moved}/set"]
    finally:
        sim.stop()


def test_a_device_on_another_devices_command_topic_cannot_be_accepted(settings: BrokerSettings, home: Home) -> None:
    first_discovery(settings, home)
    home.announce("light", "porch_light", porch_light(home.base, cmd_t=f"{home.base}/door/set"))
    home.announce("switch", "side_gate", {"cmd_t": f"{home.base}/side/set"})
    result = discover_home(settings, home.config, accept=[])
    assert result.accepted == [f"porch_light: not accepted: its command topic {home.base}/door/set is "
                               "front_door's; change one of them first",
                               f"side_gate: not accepted: its command topic {home.base}/side/set is side_door's; "
                               "change one of them first"]
    assert result.registry["porch_light"].command_topic == f"{home.base}/porch/set"
    assert "side_gate" not in result.registry


def test_devices_lists_pending_ones_and_accept_takes_them_in(home: Home) -> None:
    def assistant(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "assistant", *args, "--config", str(home.config.source)],
                              capture_output=True, text=True, timeout=60)

    assert assistant("devices").returncode == 0  # the first discovery trusts the porch light and the door
    home.announce("light", "hall", porch_light(home.base, name="Hall light", cmd_t=f"{home.base}/hall/set",
                                               dev={"name": "Hall light", "sa": "Hallway"}))
    listing = assistant("devices")
    assert listing.returncode == 0, listing.stderr
    assert "pending, not used until accepted (assistant devices --accept [ID ...]):" in listing.stdout
    assert re.search(rf"^  hall +hallway +light: new \(announced on {home.prefix}/light/hall/config\)$",
                     listing.stdout, re.MULTILINE), listing.stdout
    said = assistant("say", "--json", "turn on the hall light")
    assert "hall" not in {call["device"] for call in json.loads(said.stdout)["calls"]}
    accepted = assistant("devices", "--accept", "hall", "--json")
    assert accepted.returncode == 0, accepted.stderr
    assert "hall: accepted (light" in accepted.stderr
    assert "pending" not in {d["id"]: d for d in json.loads(accepted.stdout)}["hall"]


# --- topics in discovery configs -------------------------------------------------------------------------

@pytest.mark.parametrize(("topic", "complaint"), [
    ("home/#", "has an MQTT wildcard"), ("home/+/set", "has an MQTT wildcard"), ("a/#/b", "has an MQTT wildcard"),
    ("a+b", "has an MQTT wildcard"), ("/", "is empty"), ("$SYS/broker", "is a broker topic"),
    ("x" * (MAX_TOPIC + 1), f"is longer than {MAX_TOPIC} characters"), ("a/\u0000/b", "has control characters"),
    ("a/\ud800", "is not valid UTF-8"),
])
def test_a_topic_that_is_not_one_plain_topic_makes_the_config_be_skipped(topic: str, complaint: str) -> None:
    for config in ({"cmd_t": topic}, {"cmd_t": "ok/set", "stat_t": topic}, {"cmd_t": "ok/set", "avty_t": topic},
                   {"cmd_t": "ok/set", "bri_cmd_t": topic}, {"~": topic, "cmd_t": "~"}):
        with pytest.raises(PayloadError, match=complaint):
            parse_config("ha", "ha/light/x/config", json.dumps(config).encode(), "unassigned")


def test_a_wildcard_state_topic_fails_nothing_and_costs_no_time(
        settings: BrokerSettings, home: Home, caplog: pytest.LogCaptureFixture) -> None:
    """It used to reach paho's subscribe inside the bridge's on_connect: a traceback in the network thread,
    then every command failed once the 10 s connect timeout ran out."""
    home.announce("light", "everything", porch_light(home.base, stat_t=f"{home.base}/#/x"))
    started = time.monotonic()
    registry = first_discovery(settings, home)
    sim = start_simulator(dataclasses.replace(settings, client_id=unique("sim")), registry)
    try:
        with connect_bridge(settings, registry, settle_s=0.5) as bridge:
            assert bridge.execute([ToolCall("turn_on", "porch_light")])[0].ok
    finally:
        sim.stop()
    assert time.monotonic() - started < 5
    assert warnings(caplog, f"state_topic '{home.base}/#/x' has an MQTT wildcard")


def test_a_zigbee2mqtt_friendly_name_with_a_wildcard_is_skipped() -> None:
    from devices.zigbee2mqtt_devices import parse_devices

    entry = {"friendly_name": "hall/#", "definition": {"exposes": [{"type": "switch", "features": []}]}}
    assert parse_devices("z2m", json.dumps([entry]).encode(), "unassigned") == ()


# --- the store ---------------------------------------------------------------------------------------------

def test_the_store_lives_in_the_state_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ASSISTANT_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert store_path() == tmp_path / "assistant" / "trusted_devices.json"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", "/var/lib/assistant")  # the service's, and the assistant user's
    assert store_path() == Path("/var/lib/assistant/.local/state/assistant/trusted_devices.json")


def test_a_damaged_store_is_one_clear_error_not_a_fresh_start(tmp_path: Path) -> None:
    path = tmp_path / "trusted_devices.json"
    path.write_text('{"devices": {"lamp": {"id": "lamp", "name": 3}}}')
    with pytest.raises(ConfigError, match=f"{path}: not a device trust store .*expected str, got 3.*delete it"):
        TrustStore(path)
