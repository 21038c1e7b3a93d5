"""Zigbee2MQTT's retained device list (`<base>/bridge/devices`) as devices in the zigbee2mqtt convention.

Each device's `definition.exposes` decides its type, in this order: light (features brightness, color for
color_xy/color_hs, and color_temp with its range in mireds), cover (position), lock, climate (with
occupied_heating_setpoint; its system_mode values kept), fan (with fan_mode), switch; a device exposing only
a temperature or humidity reading is a sensor. Exposes bound to an endpoint (multi-gang switches: state_l1,
state_l2) are not imported: their commands name the endpoint. The friendly name gives the id (made
topic-safe), the name and, when it reads "<area>/<name>", the area; a friendly name that makes no plain
topic (a wildcard in it: devices/topics.py) is skipped.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from assistant.registry import Device, MqttSettings
from devices.topics import check_topics
from devices.wire import MAX_DEVICE_LIST, PayloadError, parse_json

log = logging.getLogger(__name__)

ACTUATORS = ("light", "cover", "lock", "climate", "fan", "switch")
_REQUIRED = {"climate": "occupied_heating_setpoint", "fan": "fan_mode"}  # what our payloads set


def parse_devices(base_topic: str, payload: bytes, default_area: str) -> tuple[Device, ...]:
    """The devices of one bridge/devices message; PayloadError if it is not a list of devices."""
    entries = parse_json(payload, MAX_DEVICE_LIST)
    if not isinstance(entries, list):
        raise PayloadError(f"expected a JSON list of devices, got {type(entries).__name__}")
    found = []
    for entry in entries:
        try:
            device = _device(base_topic, entry, default_area)
        except PayloadError as exc:
            log.warning("skipped a device in %s/bridge/devices: %s", base_topic, exc)
            continue
        if device is not None:
            found.append(device)
    return tuple(found)


def _device(base_topic: str, entry: Any, default_area: str) -> Device | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("friendly_name"), str):
        raise PayloadError(f"expected an object with a friendly_name, got {str(entry)[:80]!r}")
    friendly = entry["friendly_name"]
    definition = entry.get("definition")
    if entry.get("type") == "Coordinator" or entry.get("disabled") or not isinstance(definition, dict):
        return None
    exposes = definition.get("exposes")
    if not isinstance(exposes, list):
        raise PayloadError(f"{friendly}: definition.exposes should be a list")
    kind, features = _kind(friendly, [e for e in exposes if isinstance(e, dict) and "endpoint" not in e])
    if kind is None:
        return None
    device_id = re.sub(r"[^A-Za-z0-9_-]", "_", friendly)
    area, _, name = friendly.rpartition("/")
    return check_topics(Device(
        id=device_id,
        name=_words(name),
        area=_words(area) if area else default_area,
        type=kind,
        features=features,
        mqtt=MqttSettings(base_topic=base_topic,
                          state_topic=None if device_id == friendly else f"{base_topic}/{friendly}",
                          **_values(kind, next((e for e in exposes if e.get("type") == kind), {}))),
        binary=False if kind == "sensor" else None,  # a sensor here is a numeric reading
    ))


def _kind(friendly: str, exposes: list[dict[str, Any]]) -> tuple[str | None, tuple[str, ...]]:
    by_type = {e.get("type"): e for e in exposes}
    for kind in ACTUATORS:
        if kind in by_type:
            names = {str(f.get("property") or f.get("name")) for f in by_type[kind].get("features") or []
                     if isinstance(f, dict)}
            if kind in _REQUIRED and _REQUIRED[kind] not in names:
                log.info("not importing %s: its %s has no %s", friendly, kind, _REQUIRED[kind])
                return None, ()
            features = {"light": [f for f, has in (("brightness", "brightness" in names),
                                                  ("color", bool(names & {"color", "color_xy", "color_hs"})),
                                                  ("color_temp", "color_temp" in names))
                                  if has],
                        "cover": ["position"] if "position" in names else []}.get(kind, [])
            return kind, tuple(features)
    readings = {e.get("property") for e in exposes if e.get("type") == "numeric"}
    if readings & {"temperature", "humidity"}:
        return "sensor", ()
    log.info("not importing %s: nothing it exposes is a device type the assistant drives", friendly)
    return None, ()


def _values(kind: str, expose: dict[str, Any]) -> dict[str, Any]:
    """What the exposes say a device takes: a thermostat's system_mode values, a light's color_temp range."""
    features = {str(f.get("property") or f.get("name")): f for f in expose.get("features") or [] if isinstance(f, dict)}
    modes = features.get("system_mode", {}).get("values")
    if kind == "climate" and isinstance(modes, list) and modes:
        return {"modes": tuple(str(m).lower() for m in modes)}
    low, high = (features.get("color_temp", {}).get(k) for k in ("value_min", "value_max"))
    if kind == "light" and isinstance(low, int) and isinstance(high, int) and 0 < low < high:
        return {"mireds": (low, high)}
    return {}


def _words(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())
