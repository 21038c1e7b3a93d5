"""Tasmota's own discovery (`tasmota/discovery/<MAC>/config` and `.../sensors`) becomes devices in the tasmota
convention: relays as switches or lights by `rl`, `lt_st` and SetOption30, the device's topic, FullTopic and
prefixes kept, a shutter, an iFan and a sensor; announced devices are used only once accepted, and a
discovered bulb confirms through the bridge on its own topics.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Probe, simulated_home, unique, wait_until

from assistant.act.discovery import HomeDiscovery
from assistant.act.trust import TrustStore
from assistant.config import BrokerSettings, DiscoverySettings
from assistant.registry import Registry
from assistant.tools import ToolCall
from devices.tasmota import command_topic, status_topic, telemetry_topic
from devices.tasmota_discovery import TasmotaAnnouncements, is_announcement, parse
from devices.wire import PayloadError


def announcement(mac: str, topic: str, **changes: Any) -> dict[str, Any]:
    """A Sonoff Basic's config as Tasmota 13 publishes it (abridged: what the assistant reads, and a few more)."""
    config = {"ip": "192.168.1.50", "dn": "Porch Light", "fn": ["Porch Light", None, None, None, None, None, None,
                                                                None],
              "hn": f"tasmota-{mac[-6:]}-1234", "mac": mac, "md": "Sonoff Basic", "ty": 0, "if": 0,
              "ofln": "Offline", "onln": "Online", "state": ["OFF", "ON", "TOGGLE", "HOLD"], "sw": "13.1.0",
              "t": topic, "ft": "%prefix%/%topic%/", "tp": ["cmnd", "stat", "tele"], "rl": [1, 0, 0, 0, 0, 0, 0, 0],
              "swc": [-1] * 8, "swn": [None] * 8, "btn": [0] * 8, "so": {"4": 0, "11": 0, "13": 0, "17": 0, "20": 0,
                                                                         "30": 0, "68": 0, "73": 0, "82": 0},
              "lk": 0, "lt_st": 0, "sho": [], "sht": [], "ver": 1}
    return {**config, **changes}


def devices_of(config: dict[str, Any], sensors: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    found = parse(json.dumps(config).encode(), None if sensors is None else json.dumps(sensors).encode(), "unassigned")
    return [(d.id, d.name, d.type, d.features, d.mqtt.relay) for d in found]


# --- what each announcement becomes ---------------------------------------------------------------------------------

def test_a_single_relay_is_a_switch_on_power() -> None:
    assert devices_of(announcement("A4CF12000001", "porch")) == [("porch", "porch light", "switch", (), None)]


def test_setoption30_makes_a_relay_a_light() -> None:
    assert devices_of(announcement("A4CF12000001", "porch", so={"30": 1}))[0][2] == "light"


def test_each_relay_of_a_4ch_is_a_device_of_its_own_named_as_tasmota_names_it() -> None:
    config = announcement("A4CF12000002", "fourch", dn="Kitchen 4CH", rl=[1, 1, 1, 1, 0, 0, 0, 0],
                          fn=["Kettle", "Toaster", None, "Radio", None, None, None, None])
    assert devices_of(config) == [
        ("fourch_1", "kettle", "switch", (), 1), ("fourch_2", "toaster", "switch", (), 2),
        ("fourch_3", "kitchen 4ch 3", "switch", (), 3), ("fourch_4", "radio", "switch", (), 4)]


@pytest.mark.parametrize(("light_type", "features"), [
    (1, ("brightness",)), (2, ("brightness", "color_temp")), (3, ("brightness", "color")),
    (5, ("brightness", "color", "color_temp")),
])
def test_a_light_has_the_features_of_its_light_type(light_type: int, features: tuple[str, ...]) -> None:
    config = announcement("A4CF12000003", "bulb", dn="Desk Bulb", fn=["Desk Bulb"], rl=[2, 0, 0, 0, 0, 0, 0, 0],
                          lt_st=light_type)
    assert devices_of(config) == [("bulb", "desk bulb", "light", features, None)]


def test_a_shutter_an_ifan_and_a_sensor() -> None:
    shutter = announcement("A4CF12000004", "blind", dn="Blind", rl=[3, 3, 0, 0, 0, 0, 0, 0])
    assert devices_of(shutter) == [("blind_shutter", "blind shutter", "cover", ("position",), None)]
    ifan = announcement("A4CF12000005", "ifan", dn="Ceiling", rl=[2, 0, 0, 0, 0, 0, 0, 0], fn=[None] * 8,
                        **{"if": 1})
    assert [d[:3] for d in devices_of(ifan)] == [("ifan", "ceiling", "light"), ("ifan_fan", "ceiling fan", "fan")]
    sensors = {"sn": {"Time": "2024-01-01T00:00:00", "AM2301": {"Temperature": 21.5, "Humidity": 48}}, "ver": 1}
    assert devices_of(announcement("A4CF12000006", "th", dn="Hall"), sensors)[1][:3] == ("th_sensor", "hall sensor",
                                                                                          "sensor")


def test_full_topic_and_prefixes_are_kept() -> None:
    config = announcement("A4CF12ABCDEF", "porch", ft="home/%prefix%/%topic%-%id%/", tp=["c", "s", "t"])
    [device] = parse(json.dumps(config).encode(), None, "unassigned")
    assert command_topic(device, "POWER") == "home/c/porch-ABCDEF/POWER"
    assert status_topic(device, "RESULT") == "home/s/porch-ABCDEF/RESULT"
    assert telemetry_topic(device, "LWT") == "home/t/porch-ABCDEF/LWT"


@pytest.mark.parametrize("broken", [{"t": None}, {"rl": "1"}, {"tp": ["cmnd"]}, {"t": "a/+"}])
def test_a_malformed_announcement_is_a_payload_error(broken: dict[str, Any]) -> None:
    with pytest.raises(PayloadError):
        parse(json.dumps(announcement("A4CF12000007", "x", **broken)).encode(), None, "unassigned")


def test_a_sensors_message_is_read_with_its_config_whichever_comes_first() -> None:
    mac, sensors = "A4CF12000008", json.dumps({"sn": {"BME280": {"Temperature": 20}}}).encode()
    announcements = TasmotaAnnouncements()
    assert announcements.take(f"tasmota/discovery/{mac}/sensors", sensors, "unassigned") == (
        f"tasmota/discovery/{mac}/config", ())
    topic, devices = announcements.take(f"tasmota/discovery/{mac}/config",
                                        json.dumps(announcement(mac, "th")).encode(), "unassigned")
    assert [d.type for d in devices] == ["switch", "sensor"]
    assert announcements.take(topic, b"", "unassigned") == (topic, ())  # an empty config removes the device
    assert is_announcement(topic) and not is_announcement("tasmota/discovery/x/config/more")


# --- on the broker ---------------------------------------------------------------------------------------------------

@pytest.fixture
def announce(probe: Probe) -> Iterator[Any]:
    """Publishes retained Tasmota announcements, and clears them afterwards: their prefix is fixed by Tasmota."""
    published: list[str] = []

    def publish(mac: str, config: dict[str, Any]) -> None:
        topic = f"tasmota/discovery/{mac}/config"
        published.append(topic)
        probe.publish(topic, json.dumps(config), retain=True)

    yield publish
    for topic in published:
        probe.publish(topic, b"", retain=True)


def test_announced_tasmota_devices_wait_for_acceptance_and_a_bulb_confirms_on_its_own_topics(
        broker: BrokerSettings, announce: Any) -> None:
    porch_mac, bulb_mac = unique("").upper()[:12], unique("").upper()[:12]
    prefixes = [unique("c"), unique("s"), unique("t")]
    settings = DiscoverySettings(enabled=True, prefix=unique("ha"), zigbee2mqtt_base_topic=None)
    announce(porch_mac, announcement(porch_mac, unique("porch")))
    with HomeDiscovery(dataclasses.replace(broker, client_id=unique("d")), settings, trust=TrustStore()) as live:
        assert wait_until(lambda: live.announced())
        assert [d.type for d in live.review().usable] == ["switch"]  # the first ever: trusted on first use
        bulb_topic = unique("bulb")
        announce(bulb_mac, announcement(bulb_mac, bulb_topic, dn="Desk Bulb", fn=["Desk Bulb"],
                                        rl=[2, 0, 0, 0, 0, 0, 0, 0], lt_st=5, tp=prefixes))
        assert wait_until(lambda: len(live.announced()) == 2)
        review = live.review()
        assert [(p.device.id, p.reason) for p in review.pending] == [(bulb_topic, "new")]
        commands = ", ".join(f"{prefixes[0]}/{bulb_topic}/{c}" for c in ("CT", "Color", "Dimmer", "POWER", "STATE"))
        assert live.accept([bulb_topic]) == [f"{bulb_topic}: accepted (light, commands on {commands})"]
        home = Registry(live.devices())
    bulb = home[bulb_topic]
    assert bulb.features == ("brightness", "color", "color_temp")
    with simulated_home(broker, Registry([bulb])) as (sim, bridge):
        [result] = bridge.execute([ToolCall("set_color_temperature", bulb.id, 2700.0)])
        assert result.ok and result.state is not None and result.state.color_temp == 2703
        assert sim.states[bulb.id]["CT"] == 370
        assert any(t == f"{prefixes[0]}/{bulb_topic}/CT" for _at, t, _p in sim.received)
