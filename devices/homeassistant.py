"""Home Assistant MQTT discovery: config payloads become devices in the `homeassistant` convention.

Topics are `<prefix>/<component>/[<node_id>/]<object_id>/config` (one entity) and `<prefix>/device/<id>/config`
(device-based: `cmps` maps object ids to entities that share `dev` and any other option given beside it).
Keys may be abbreviated (`cmd_t`, `stat_t`, `dev` → `sa` ...) and topics may use the `~` base topic.

Lights take colour temperature on `color_temp_command_topic` (default schema) or as `color_temp` (json schema
with the color_temp colour mode), in mireds within min/max_mireds, or in kelvin within min/max_kelvin with
`color_temp_kelvin: true`. Climate entities keep their `modes`, sent on `mode_command_topic`.

What becomes of an entity: light, switch, lock, cover, climate, fan, vacuum and scene keep their type; a
sensor is kept for device classes temperature and humidity, a binary_sensor becomes an on/off sensor (its
device class kept); anything else is skipped (Home Assistant has no MQTT media player). A scene has no
state: activating it is confirmed by the broker's acknowledgement. A vacuum reports a JSON object whose
`state` is cleaning, docked, returning, idle, paused or error.

The id is the object id (`<node_id>_<object_id>` with a node id), made topic-safe; the name is the
entity's name, the device's name, or both ("kitchen plug power") as Home Assistant shows them; the area
is the device's suggested area, else `default_area`. Templates are understood when they only read a
value (`{{ value_json.key }}`, `{{ value_json['a'].b }}`, `{{ value }}`) or only place it
(`{"state": "{{ value }}"}`); an entity that needs more is skipped, and so is one naming a topic that is
not one plain topic (a wildcard, empty, overlong: devices/topics.py).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from assistant.registry import Availability, Channel, Device, Entity, MqttSettings
from assistant.tools import FAN_SPEEDS
from devices.entity import NUMERIC_SENSORS
from devices.topics import check_topics
from devices.wire import PayloadError, json_object

log = logging.getLogger(__name__)

COMPONENTS = {"light": "light", "switch": "switch", "lock": "lock", "cover": "cover", "climate": "climate",
              "fan": "fan", "sensor": "sensor", "binary_sensor": "sensor", "vacuum": "vacuum", "scene": "scene"}
ABBREVIATIONS = {
    "avty": "availability", "avty_t": "availability_topic", "avty_tpl": "availability_template",
    "bri": "brightness", "bri_cmd_t": "brightness_command_topic", "bri_cmd_tpl": "brightness_command_template",
    "bri_scl": "brightness_scale", "bri_stat_t": "brightness_state_topic", "bri_val_tpl": "brightness_value_template",
    "clr_temp_cmd_t": "color_temp_command_topic", "clr_temp_cmd_tpl": "color_temp_command_template",
    "clr_temp_stat_t": "color_temp_state_topic", "clr_temp_val_tpl": "color_temp_value_template",
    "cmd_t": "command_topic", "cmd_tpl": "command_template", "cmps": "components",
    "curr_temp_t": "current_temperature_topic", "curr_temp_tpl": "current_temperature_template",
    "dev": "device", "dev_cla": "device_class", "mode_cmd_t": "mode_command_topic",
    "mode_cmd_tpl": "mode_command_template", "mode_stat_t": "mode_state_topic", "mode_stat_tpl": "mode_state_template",
    "max_mirs": "max_mireds", "min_mirs": "min_mireds",
    "o": "origin", "obj_id": "object_id", "on_cmd_type": "on_command_type", "p": "platform",
    "pct_cmd_t": "percentage_command_topic", "pct_cmd_tpl": "percentage_command_template",
    "pct_stat_t": "percentage_state_topic", "pct_val_tpl": "percentage_value_template",
    "pl_avail": "payload_available", "pl_not_avail": "payload_not_available", "pl_on": "payload_on",
    "pl_off": "payload_off", "pl_lock": "payload_lock", "pl_unlk": "payload_unlock", "pl_open": "payload_open",
    "pl_cls": "payload_close", "pos_t": "position_topic", "pos_tpl": "position_template", "pos_open": "position_open",
    "pos_clsd": "position_closed", "pow_cmd_t": "power_command_topic", "pr_mode_cmd_t": "preset_mode_command_topic",
    "pr_mode_cmd_tpl": "preset_mode_command_template", "pr_mode_stat_t": "preset_mode_state_topic",
    "pr_mode_val_tpl": "preset_mode_value_template", "pr_modes": "preset_modes",
    "set_pos_t": "set_position_topic", "set_pos_tpl": "set_position_template", "stat_clsd": "state_closed",
    "stat_locked": "state_locked", "stat_off": "state_off", "stat_on": "state_on", "stat_open": "state_open",
    "stat_t": "state_topic", "stat_unlocked": "state_unlocked", "stat_val_tpl": "state_value_template",
    "sup_clrm": "supported_color_modes", "t": "topic", "temp_cmd_t": "temperature_command_topic",
    "temp_cmd_tpl": "temperature_command_template", "temp_stat_t": "temperature_state_topic",
    "temp_stat_tpl": "temperature_state_template", "uniq_id": "unique_id", "val_tpl": "value_template",
    "pl_strt": "payload_start", "pl_ret": "payload_return_to_base",
}
DEVICE_ABBREVIATIONS = {"ids": "identifiers", "sa": "suggested_area", "mf": "manufacturer", "mdl": "model"}

_FILTERS = r"(?:\s*\|\s*(?:int|float|string|lower|upper|trim|round(?:\(\d*\))?))*"
_KEY = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*'([^']*)'\s*\]|\[\s*\"([^\"]*)\"\s*\]")
_READ_JSON = re.compile(r"\{\{\s*value_json((?:" + _KEY.pattern + ")+)" + _FILTERS + r"\s*\}\}")
_VALUE = re.compile(r"\{\{\s*value" + _FILTERS + r"\s*\}\}")
# set_position_template names the value `position` (Zigbee2MQTT's covers: '{ "position": {{ position }} }')
_POSITION = re.compile(r"\{\{\s*position" + _FILTERS + r"\s*\}\}")


def parse_config(prefix: str, topic: str, payload: bytes, default_area: str) -> tuple[Device, ...]:
    """The devices one discovery message announces (none: nothing usable); PayloadError if it is malformed."""
    parts = topic[len(prefix) + 1:].split("/")
    if not topic.startswith(prefix + "/") or parts[-1] != "config" or len(parts) not in (3, 4):
        raise PayloadError(f"{topic} is not a discovery topic under {prefix}/")
    config = _expanded(json_object(payload))
    if parts[0] == "device" and len(parts) == 3:
        return _device_based(parts[1], config, default_area)
    node_id = parts[1] if len(parts) == 4 else None
    object_id = parts[-2]
    device = entity_device(parts[0], f"{node_id}_{object_id}" if node_id else object_id, config, default_area)
    return () if device is None else (device,)


def _device_based(device_id: str, config: dict[str, Any], default_area: str) -> tuple[Device, ...]:
    components = config.pop("components", None)
    if not isinstance(components, dict):
        raise PayloadError("a device-based config needs `cmps`, an object of components")
    config.pop("origin", None)
    found = []
    for object_id, component in components.items():
        if not isinstance(component, dict):
            log.warning("skipped component %s of discovered device %s: not an object", object_id, device_id)
            continue
        merged = {**config, **_expanded(component)}
        platform = merged.pop("platform", None)
        try:
            device = entity_device(str(platform), f"{device_id}_{object_id}", merged, default_area)
        except PayloadError as exc:
            log.warning("skipped component %s of discovered device %s: %s", object_id, device_id, exc)
            continue
        if device is not None:
            found.append(device)
    return tuple(found)


def entity_device(component: str, object_id: str, config: dict[str, Any], default_area: str) -> Device | None:
    """One entity's expanded config as a device; None for what the assistant does not drive."""
    kind = COMPONENTS.get(component)
    device_class = _optional_text(config, "device_class")
    if kind is None or (component == "sensor" and device_class not in NUMERIC_SENSORS):
        log.debug("not importing the %s %s (device class %s)", component, object_id, device_class)
        return None
    if kind == "sensor" and "state_topic" not in config:
        raise PayloadError(f"a {component} needs state_topic")
    if kind != "sensor" and not any(k.endswith("command_topic") or k == "set_position_topic" for k in config):
        raise PayloadError(f"a {component} needs a command topic")
    schema = str(config.get("schema", "default"))
    if kind == "light" and schema not in ("default", "json"):
        raise PayloadError(f"light schema {schema!r} is not supported (default and json are)")
    device_info = config.get("device") or {}
    if not isinstance(device_info, dict):
        raise PayloadError("`device` should be an object")
    device_info = {DEVICE_ABBREVIATIONS.get(k, k): v for k, v in device_info.items()}
    entity = _entity(kind, config)
    return check_topics(Device(
        id=re.sub(r"[^A-Za-z0-9_-]", "_", _optional_text(config, "object_id") or object_id),
        name=_name(config, device_info, object_id),
        area=(_optional_text(device_info, "suggested_area") or default_area).lower(),
        type=kind,
        features=_features(kind, config, entity),
        mqtt=MqttSettings(
            convention="homeassistant",
            command_topic=_optional_text(config, "power_command_topic" if kind == "climate" else "command_topic"),
            state_topic=_optional_text(config, "state_topic"),
            entity=entity,
        ),
        device_class=device_class,
        binary=component == "binary_sensor" if kind == "sensor" else None,
    ))


def _expanded(config: dict[str, Any]) -> dict[str, Any]:
    """Full key names, and `~` replaced by the base topic in every topic (availability entries included)."""
    out = {ABBREVIATIONS.get(k, k): v for k, v in config.items()}
    base = out.pop("~", None)
    if isinstance(out.get("availability"), list):
        out["availability"] = [{ABBREVIATIONS.get(k, k): v for k, v in a.items()} if isinstance(a, dict) else a
                               for a in out["availability"]]
    if isinstance(base, str):
        for key, value in out.items():
            if key.endswith("topic") and isinstance(value, str):
                out[key] = _with_base(value, base)
        for entry in out.get("availability") or []:
            if isinstance(entry, dict) and isinstance(entry.get("topic"), str):
                entry["topic"] = _with_base(entry["topic"], base)
    return out


def _with_base(topic: str, base: str) -> str:
    if topic.startswith("~"):
        topic = base + topic[1:]
    if topic.endswith("~"):
        topic = topic[:-1] + base
    return topic


def _name(config: dict[str, Any], device_info: dict[str, Any], object_id: str) -> str:
    """As Home Assistant shows it: the entity's own name, the device's, or "<device> <entity>"."""
    own, device = _optional_text(config, "name"), _optional_text(device_info, "name")
    if own and device and not own.lower().startswith(device.lower()):
        name = f"{device} {own}"
    else:
        name = own or device or object_id.replace("_", " ")
    return " ".join(name.lower().split())


def _features(kind: str, config: dict[str, Any], entity: Entity) -> tuple[str, ...]:
    if kind == "cover" and entity.position is not None and entity.position.command_topic:
        return ("position",)
    if kind != "light":
        return ()
    modes = _texts(config, "supported_color_modes", ())
    dims = entity.brightness is not None if entity.schema == "default" else (
        config.get("brightness") is True or any(m != "onoff" for m in modes))
    white = entity.white or (entity.color_temp is not None and entity.color_temp.command_topic is not None)
    return (("brightness",) if dims else ()) + (("color",) if entity.rgb else ()) + (("color_temp",) if white else ())


def _entity(kind: str, config: dict[str, Any]) -> Entity:
    def text(key: str, default: str) -> str:
        value = config.get(key, default)
        if isinstance(value, dict | list) or value is None:
            raise PayloadError(f"{key} should be text, got {value!r}")
        return str(value)

    def channel(command: str | None, state: str, value_template: str, command_template: str | None = None
                ) -> Channel | None:
        command_topic = _optional_text(config, command) if command else None
        state_topic = _optional_text(config, state)
        if command_topic is None and state_topic is None:
            return None
        return Channel(command_topic, state_topic, _placing(config.get(command_template) if command_template else None),
                       _reading(config.get(value_template)))

    position_open, position_closed = _integer(config, "position_open", 100), _integer(config, "position_closed", 0)
    if position_open == position_closed:
        raise PayloadError("position_open and position_closed should differ")
    return Entity(
        schema=str(config.get("schema", "default")),
        command_template=_placing(config.get("command_template")),
        value_path=("state",) if kind == "vacuum" else _reading(
            config.get("state_value_template" if kind in ("light", "fan") else "value_template")),
        on_command_type=text("on_command_type", "last"),
        payload_on=text("payload_on", "ON"), payload_off=text("payload_off", "OFF"),
        state_on=_optional_text(config, "state_on"), state_off=_optional_text(config, "state_off"),
        payload_lock=text("payload_lock", "LOCK"), payload_unlock=text("payload_unlock", "UNLOCK"),
        state_locked=text("state_locked", "LOCKED"), state_unlocked=text("state_unlocked", "UNLOCKED"),
        payload_open=text("payload_open", "OPEN"), payload_close=text("payload_close", "CLOSE"),
        state_open=text("state_open", "open"), state_closed=text("state_closed", "closed"),
        payload_start=text("payload_start", "start"),
        payload_return_to_base=text("payload_return_to_base", "return_to_base"),
        brightness=channel("brightness_command_topic", "brightness_state_topic", "brightness_value_template",
                           "brightness_command_template"),
        brightness_scale=_integer(config, "brightness_scale", 255, minimum=1),
        rgb="rgb" in _texts(config, "supported_color_modes", ()),
        white="color_temp" in _texts(config, "supported_color_modes", ()),
        color_temp=channel("color_temp_command_topic", "color_temp_state_topic", "color_temp_value_template",
                           "color_temp_command_template"),
        color_temp_kelvin=config.get("color_temp_kelvin") is True,
        color_temp_range=_color_temp_range(config),
        position=channel("set_position_topic", "position_topic", "position_template", "set_position_template"),
        position_open=position_open,
        position_closed=position_closed,
        target_temperature=channel("temperature_command_topic", "temperature_state_topic",
                                   "temperature_state_template", "temperature_command_template"),
        current_temperature=channel(None, "current_temperature_topic", "current_temperature_template"),
        mode=channel("mode_command_topic", "mode_state_topic", "mode_state_template", "mode_command_template"),
        modes=_texts(config, "modes", Entity().modes),
        percentage=channel("percentage_command_topic", "percentage_state_topic", "percentage_value_template",
                           "percentage_command_template"),
        preset_mode=channel("preset_mode_command_topic", "preset_mode_state_topic", "preset_mode_value_template",
                            "preset_mode_command_template"),
        preset_modes=tuple(p.lower() for p in _texts(config, "preset_modes", ()) if p.lower() in FAN_SPEEDS),
        availability=_availability(config),
    )


def _availability(config: dict[str, Any]) -> tuple[Availability, ...]:
    """Every availability topic; the device counts as offline when the latest word heard says so."""
    entries = config.get("availability")
    if entries is None and "availability_topic" in config:
        entries = [{"topic": config["availability_topic"], "value_template": config.get("availability_template")}]
    if entries is None:
        return ()
    if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("topic"), str)
                                                for e in entries):
        raise PayloadError("availability should be a list of objects with a topic")
    return tuple(
        Availability(e["topic"], str(e.get("payload_available", config.get("payload_available", "online"))),
                     str(e.get("payload_not_available", config.get("payload_not_available", "offline"))),
                     _reading(e.get("value_template")))
        for e in entries
    )


def _color_temp_range(config: dict[str, Any]) -> tuple[int, int]:
    """The light's colour temperatures: min/max_mireds, or min/max_kelvin with color_temp_kelvin."""
    if config.get("color_temp_kelvin") is True:
        low, high = _integer(config, "min_kelvin", 2000, minimum=1), _integer(config, "max_kelvin", 6535, minimum=1)
    else:
        low, high = _integer(config, "min_mireds", 153, minimum=50), _integer(config, "max_mireds", 500, minimum=50)
    if low >= high:
        raise PayloadError(f"the colour temperature range {low}-{high} is empty")
    return low, high


def _reading(template: Any) -> tuple[str, ...] | None:
    """`{{ value_json.a['b'] }}` -> ("a", "b"); `{{ value }}` or none -> None (the payload itself)."""
    if template is None or _VALUE.fullmatch(str(template).strip()):
        return None
    found = _READ_JSON.fullmatch(str(template).strip())
    if found is None:
        raise PayloadError(f"template {template!r} does more than read value_json.<key>")
    return tuple(next(g for g in m.groups() if g is not None) for m in _KEY.finditer(found.group(1)))


def _placing(template: Any) -> str | None:
    """`{"state": "{{ value }}"}` -> `{"state": "{value}"}`; None: the value is sent as it is."""
    if template is None:
        return None
    placed = _POSITION.sub("{value}", _VALUE.sub("{value}", str(template)))
    if "{{" in placed or "{%" in placed:
        raise PayloadError(f"template {template!r} does more than place the value")
    return placed


def _optional_text(config: dict[str, Any], key: str) -> str | None:
    value = config.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PayloadError(f"{key} should be text, got {value!r}")
    return value


def _texts(config: dict[str, Any], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = config.get(key)
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PayloadError(f"{key} should be a list of text, got {value!r}")
    return tuple(value)


def _integer(config: dict[str, Any], key: str, default: int, minimum: int | None = None) -> int:
    value = config.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or (minimum is not None and value < minimum):
        raise PayloadError(f"{key} should be a whole number{f' from {minimum}' if minimum else ''}, got {value!r}")
    return value
