"""Tasmota's own discovery (the default since firmware 9.1): each device publishes, retained,
`tasmota/discovery/<MAC>/config` (what it is) and `tasmota/discovery/<MAC>/sensors` (its sensor readings).

From the config: `t` is its topic, `ft` its FullTopic (`%prefix%/%topic%/` by default) and `tp` its command,
status and telemetry prefixes; `rl` says what each relay drives (1 a relay, 2 a light, 3 a shutter), `lt_st`
which light it is (1 dimmer, 2 white with colour temperature, 3 RGB, 4 RGBW, 5 RGBCW), SetOption30 (`so`
"30") makes relays lights, `if` marks a fan controller (Sonoff iFan); `fn` names each relay, `dn` the
device. Each relay becomes a switch or a light (relay n of several: `POWER<n>`), a shutter a cover with a
position, an iFan a fan, and a sensors message with a temperature or humidity a sensor. Devices get
`default_area`: Tasmota announces none.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.registry import Device, MqttSettings
from devices.tasmota import reading
from devices.topics import check_topics
from devices.wire import PayloadError, json_object

PREFIX = "tasmota/discovery"
TOPICS = (f"{PREFIX}/+/config", f"{PREFIX}/+/sensors")
_LIGHT_FEATURES = {1: ("brightness",), 2: ("brightness", "color_temp"), 3: ("brightness", "color"),
                   4: ("brightness", "color"), 5: ("brightness", "color", "color_temp")}


class TasmotaAnnouncements:
    """The raw config and sensors message of each device (by MAC): a sensors message is read with its config."""

    def __init__(self) -> None:
        self._raw: dict[str, bytes] = {}

    def take(self, topic: str, payload: bytes, default_area: str) -> tuple[str, tuple[Device, ...]]:
        """The device's config topic and the devices it announces now (none: removed or not yet configured);
        PayloadError for a malformed message, which is not kept."""
        mac, kind = topic[len(PREFIX) + 1:].split("/")
        config_topic = f"{PREFIX}/{mac}/config"
        config = self._raw.get(config_topic) if kind == "sensors" else payload
        sensors = payload if kind == "sensors" else self._raw.get(f"{PREFIX}/{mac}/sensors")
        devices = parse(config, sensors, default_area) if config else ()
        if payload:
            self._raw[topic] = payload
        else:
            self._raw.pop(topic, None)
        return config_topic, devices


def is_announcement(topic: str) -> bool:
    parts = topic.split("/")
    return len(parts) == 4 and "/".join(parts[:2]) == PREFIX and parts[2] != "" and parts[3] in ("config", "sensors")


def parse(config_payload: bytes, sensors_payload: bytes | None, default_area: str) -> tuple[Device, ...]:
    """The devices one Tasmota announces; PayloadError if its config is malformed."""
    config = json_object(config_payload)
    topic, name = _text(config, "t"), _text(config, "dn", "tasmota")
    relays = config.get("rl", [])
    if not isinstance(relays, list) or not all(isinstance(r, int) for r in relays):
        raise PayloadError(f"rl should be a list of numbers, got {relays!r}")
    names = config.get("fn") if isinstance(config.get("fn"), list) else []
    options = config.get("so") if isinstance(config.get("so"), dict) else {}
    light_type = config.get("lt_st", 0)
    several = sum(1 for r in relays if r) > 1
    settings = MqttSettings(convention="tasmota", topic=topic, full_topic=_full_topic(config),
                            prefixes=_prefixes(config))
    found: list[Device] = []

    def add(suffix: str, label: str, kind: str, features: tuple[str, ...] = (), relay: int | None = None) -> None:
        device_id = re.sub(r"[^A-Za-z0-9_-]", "_", topic + suffix)
        found.append(check_topics(Device(device_id, _words(label), default_area, kind, features,
                                         mqtt=MqttSettings(**{**vars(settings), "relay": relay}))))

    for index, role in enumerate(relays):
        if role not in (1, 2):
            continue
        number = index + 1
        own = names[index] if index < len(names) and isinstance(names[index], str) and names[index] else None
        label = own or (f"{name} {number}" if several else name)
        light = role == 2 or str(options.get("30", 0)) == "1"
        features = _LIGHT_FEATURES.get(light_type, ()) if role == 2 else ()
        add(f"_{number}" if several else "", label, "light" if light else "switch", features,
            number if several else None)
    if 3 in relays:
        add("_shutter", f"{name} shutter", "cover", ("position",))
    if config.get("if"):
        add("_fan", f"{name} fan", "fan")
    if sensors_payload:
        readings = json_object(sensors_payload).get("sn")
        if isinstance(readings, dict) and any(reading(readings, k) is not None for k in ("Temperature", "Humidity")):
            add("_sensor", f"{name} sensor", "sensor")
    return tuple(found)


def _text(config: dict[str, Any], key: str, default: str | None = None) -> str:
    value = config.get(key, default)
    if not isinstance(value, str) or not value:
        raise PayloadError(f"{key} should be text, got {value!r}")
    return value


def _full_topic(config: dict[str, Any]) -> str:
    """The FullTopic with what we know filled in: %hostname% and %id% (the MAC's last six digits)."""
    full = _text(config, "ft", "%prefix%/%topic%/")
    mac = str(config.get("mac", ""))
    return full.replace("%hostname%", str(config.get("hn", ""))).replace("%id%", mac[-6:])


def _prefixes(config: dict[str, Any]) -> tuple[str, str, str]:
    prefixes = config.get("tp", ["cmnd", "stat", "tele"])
    if not isinstance(prefixes, list) or len(prefixes) != 3 or not all(isinstance(p, str) and p for p in prefixes):
        raise PayloadError(f"tp should be three prefixes (command, status, telemetry), got {prefixes!r}")
    return prefixes[0], prefixes[1], prefixes[2]


def _words(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())
