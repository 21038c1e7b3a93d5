"""The config file: what a valid one becomes, and that every complaint names file, line and key."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import unique

from assistant.act.bridge import MqttBridge
from assistant.config import (
    CLIENT_ID_MAX,
    DEMO_HOME,
    BrokerSettings,
    ConfigError,
    ModelSettings,
    TlsSettings,
    UnderstandingSettings,
    client_id_for,
    default_client_id,
    load_config,
)
from assistant.registry import MqttSettings, Registry
from assistant.tools import DEVICE_TYPES

ONE_DEVICE = "devices:\n  - {id: lamp, name: Lamp, area: Study, type: light}\n"


def write(tmp_path: Path, text: str, name: str = "config.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


def test_full_config_loads_into_typed_settings(tmp_path: Path) -> None:
    path = write(tmp_path, """
        broker:
          host: mqtt.local
          port: 8883
          username: assistant
          password: s3cret
          client_id: kitchen-pi
          protocol: "3.1.1"
          keepalive: 60
          tls:
            ca: /etc/ssl/ca.pem
            cert: /etc/ssl/client.pem
            key: /etc/ssl/client.key
            insecure: true
        model:
          path: models/small.gguf
          threads: 4
          context: 4096
        understanding:
          use_llm: false
          max_calls: 2
          confirm_timeout_s: 1.5
        devices:
          - id: sofa_lamp
            name: Sofa Lamp
            area: Living Room
            type: light
            features: [brightness, color]
            aliases: [Couch Lamp, lamp]
          - id: front_door
            name: front door
            area: hallway
            type: lock
            mqtt:
              base_topic: z2m
          - id: boiler
            name: boiler
            area: basement
            type: switch
            aliases: heater
            mqtt:
              convention: zigbee2mqtt
              state_topic: custom/boiler/status
              command_topic: custom/boiler/cmd
    """)
    config = load_config(path)

    assert config.source == str(path)
    assert config.broker == BrokerSettings(
        host="mqtt.local", port=8883, username="assistant", password="s3cret", client_id="kitchen-pi",
        protocol="3.1.1", keepalive=60,
        tls=TlsSettings(ca_certs="/etc/ssl/ca.pem", certfile="/etc/ssl/client.pem",
                        keyfile="/etc/ssl/client.key", insecure=True),
    )
    assert not config.broker.embedded
    # a relative model path is taken relative to the config file, not to the working directory
    assert config.model == ModelSettings(path=str(tmp_path / "models" / "small.gguf"), threads=4, context=4096)
    assert config.understanding == UnderstandingSettings(use_llm=False, max_calls=2, confirm_timeout_s=1.5)

    registry = config.registry()
    assert [d.id for d in registry] == ["sofa_lamp", "front_door", "boiler"]
    lamp = registry["sofa_lamp"]
    assert (lamp.name, lamp.area, lamp.type) == ("sofa lamp", "living room", "light")  # lower-cased
    assert lamp.features == ("brightness", "color")
    assert lamp.aliases == ("couch lamp", "lamp")
    assert lamp.mqtt == MqttSettings()
    assert (lamp.state_topic, lamp.command_topic) == ("zigbee2mqtt/sofa_lamp", "zigbee2mqtt/sofa_lamp/set")

    door = registry["front_door"]
    assert (door.state_topic, door.command_topic, door.availability_topic) == (
        "z2m/front_door", "z2m/front_door/set", "z2m/front_door/availability")

    boiler = registry["boiler"]
    assert boiler.aliases == ("heater",)  # a single alias may be written without a list
    assert boiler.state_topic == "custom/boiler/status"
    assert boiler.command_topic == "custom/boiler/cmd"


def test_minimal_config_uses_defaults_and_the_embedded_broker(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ONE_DEVICE))

    assert config.broker == BrokerSettings()
    assert config.broker.embedded
    assert config.model == ModelSettings()
    assert config.understanding == UnderstandingSettings()
    assert [(d.id, d.name, d.area) for d in config.devices] == [("lamp", "lamp", "study")]


def test_tls_true_enables_tls_with_system_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "broker: {host: h, tls: true}\n" + ONE_DEVICE))
    assert config.broker.tls == TlsSettings()


def test_unknown_key_is_named_with_file_line_and_allowed_keys(tmp_path: Path) -> None:
    path = write(tmp_path, """
        broker:
          host: mqtt.local
          colour: red
        devices:
          - {id: lamp, name: lamp, area: study, type: light}
    """)
    message = error_for(path)
    assert message.startswith(f"{path}:3: broker.colour: unknown key")
    assert "host, port, username, password, client_id, protocol, tls, keepalive" in message


def test_unknown_device_key_points_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, """
        devices:
          - id: lamp
            name: lamp
            area: study
            type: light
            colour: red
    """)
    assert error_for(path).startswith(f"{path}:6: devices[0].colour: unknown key")


@pytest.mark.parametrize("port", ["abc", "70000", "0", "1883.5", "true", "[1883]"])
def test_wrong_port_names_file_line_key_and_valid_range(tmp_path: Path, port: str) -> None:
    path = write(tmp_path, f"broker:\n  host: h\n  port: {port}\n" + ONE_DEVICE)
    message = error_for(path)
    assert message.startswith(f"{path}:3: broker.port: expected ")
    assert "1 to 65535" in message or "a single value" in message


@pytest.mark.parametrize("missing", ["id", "name", "area", "type"])
def test_missing_device_field_is_named_with_the_device_line(tmp_path: Path, missing: str) -> None:
    fields = {"id": "lamp", "name": "lamp", "area": "study", "type": "light"}
    del fields[missing]
    body = "\n".join(f"    {k}: {v}" for k, v in fields.items()).replace("    ", "  - ", 1)
    path = write(tmp_path, "devices:\n  - {id: ok, name: ok, area: hall, type: switch}\n" + body + "\n")
    message = error_for(path)
    assert message.startswith(f"{path}:3: devices[1].{missing}: missing")
    assert "id, name, area and type" in message


def test_bad_device_type_lists_every_valid_type(tmp_path: Path) -> None:
    path = write(tmp_path, """
        devices:
          - {id: lamp, name: lamp, area: study, type: light}
          - {id: toaster, name: toaster, area: kitchen, type: toaster}
    """)
    message = error_for(path)
    assert message.startswith(f"{path}:3: devices[1].type: expected one of ")
    assert ", ".join(DEVICE_TYPES) in message
    assert "'toaster'" in message


def test_unknown_feature_is_rejected_with_its_position(tmp_path: Path) -> None:
    path = write(tmp_path, "devices:\n  - {id: lamp, name: lamp, area: study, type: light, features: [sparkle]}\n")
    message = error_for(path)
    assert message.startswith(f"{path}:2: devices[0].features[0]: "
                              "expected one of brightness, color, color_temp, position")


def test_device_id_that_would_break_mqtt_topics_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "devices:\n  - {id: 'lamp/#', name: lamp, area: study, type: light}\n")
    assert error_for(path).startswith(f"{path}:2: devices[0].id: expected an id of letters, digits")


def test_duplicate_device_id_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, """
        devices:
          - {id: lamp, name: lamp, area: study, type: light}
          - {id: fan, name: fan, area: study, type: fan}
          - {id: lamp, name: other lamp, area: hall, type: light}
    """)
    message = error_for(path)
    assert message.startswith(f"{path}:4: devices[2].id: duplicate id 'lamp'")
    assert "first defined on line 2" in message


@pytest.mark.parametrize(("text", "line"), [
    ("devices:\n  - {id: lamp, name: lamp\n  - x: [\n", 3),
    ("broker:\n  host: h\n   port: 1883\ndevices: []\n", 3),
    ("devices:\n\t- {id: lamp}\n", 2),
    ("broker: {host: 'h}\n" + ONE_DEVICE, 4),  # an unclosed quote runs to the end; it says where it began
    ("broker: {host: *nowhere}\n" + ONE_DEVICE, 1),  # an alias without its anchor
    (ONE_DEVICE + "---\n" + ONE_DEVICE, 3),  # two documents
    ("broker:\n  port: 1883\n" + "areas: " + "[" * 3000 + "\n" + ONE_DEVICE, 3),  # nested beyond reason
], ids=["unclosed-flow", "bad-indent", "tab-indent", "unclosed-quote", "unknown-alias", "two-documents",
        "deep-nesting"])
def test_invalid_yaml_names_the_line(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    message = error_for(path)
    assert message.startswith(f"{path}:{line}: not valid YAML: ")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_says_it_is_empty(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text)
    message = error_for(path)
    assert message == f"{path}: the file is empty; expected at least a 'devices' list"


def test_file_without_devices_says_devices_are_missing(tmp_path: Path) -> None:
    path = write(tmp_path, "broker: {host: h}\n")
    assert error_for(path) == f"{path}:1: devices: missing; expected a list of devices"


def test_empty_device_list_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "broker: {host: h}\ndevices: []\n")
    assert error_for(path).startswith(f"{path}:2: devices: expected at least one device")


def test_top_level_list_is_rejected_as_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "- devices\n")
    message = error_for(path)
    assert message.startswith(f"{path}:1: ")
    assert "expected a mapping" in message


def test_missing_file_is_reported_as_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "config.yaml"
    assert error_for(path) == f"{path}: cannot read: No such file or directory"


def test_directory_instead_of_file_is_reported_as_unreadable(tmp_path: Path) -> None:
    assert error_for(tmp_path) == f"{tmp_path}: cannot read: Is a directory"


def test_non_utf8_file_is_reported_as_not_text(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"devices:\n  - {id: l\xe4mp}\n")
    assert re.fullmatch(re.escape(f"{path}: not UTF-8 text (") + r".+ at byte 19\)", error_for(path))


def test_config_error_is_a_value_error() -> None:
    assert issubclass(ConfigError, ValueError)


def test_no_path_gives_embedded_defaults_and_the_demo_home() -> None:
    config = load_config(None)

    assert config.source == "<defaults>"
    assert config.broker.embedded
    assert config.broker == BrokerSettings()
    registry = config.registry()
    assert len(registry) >= 27
    assert {d.type for d in registry} >= {"light", "switch", "climate", "fan", "lock", "cover", "media_player",
                                          "sensor"}
    assert {d.type for d in registry} <= set(DEVICE_TYPES)
    assert {"living room", "kitchen", "bedroom", "study", "hallway", "bathroom"} <= set(registry.areas())
    sofa = registry["sofa_lamp"]
    assert (sofa.type, sofa.area, sofa.features, sofa.aliases) == (
        "light", "living room", ("brightness", "color"), ("couch lamp",))
    assert sofa.state_topic == "zigbee2mqtt/sofa_lamp"
    # the demo home also loads as a plain config file, with the same devices
    assert load_config(DEMO_HOME).devices == config.devices


def test_the_example_config_in_the_repository_loads() -> None:
    from pathlib import Path

    config = load_config(Path(__file__).parent.parent / "config.example.yaml")
    assert [d.id for d in config.devices] == ["sofa_lamp", "front_door", "kitchen_plug"]


# Every broken config gives one line: file:line: key: what was expected. The text is the config's start;
# where it has no `devices:`, one valid device follows it. Files it names (notes.txt, empty.gguf,
# future.gguf, models/) lie beside the config.
LONG = "x" * 70_000
BROKEN = [
    # the broker
    ("host-url", "broker: {host: 'mqtt://hub.local'}\n", 1, "broker.host", "no mqtt://"),
    ("host-with-port", "broker: {host: 'hub.local:1883'}\n", 1, "broker.host", "the port goes in broker.port"),
    ("host-with-space", "broker: {host: hub local}\n", 1, "broker.host", "a host name or IP address alone"),
    ("host-label-too-long", f"broker: {{host: {'h' * 64}.local}}\n", 1, "broker.host", "at most 63"),
    ("host-empty", "broker: {host: ''}\n", 1, "broker.host", "expected text, got ''"),
    ("port-text", "broker:\n  host: h\n  port: abc\n", 3, "broker.port", "1 to 65535"),
    ("port-out-of-range", "broker: {host: h, port: 70000}\n", 1, "broker.port", "1 to 65535"),
    ("port-5000-digits", f"broker: {{host: h, port: {'1' * 5000}}}\n", 1, "broker.port", "its YAML tag can read"),
    ("port-tag-mismatch", "broker: {host: h, port: !!int abc}\n", 1, "broker.port", "its YAML tag can read"),
    ("port-float", "broker: {host: h, port: 1883.0}\n", 1, "broker.port", "a whole number"),
    ("keepalive-too-short", "broker: {host: h, keepalive: 1}\n", 1, "broker.keepalive", "5 to 3600"),
    ("protocol-unknown", "broker: {host: h, protocol: 4}\n", 1, "broker.protocol", "one of 5, 3.1.1"),
    ("client-id-70000", f"broker: {{host: h, client_id: {LONG}}}\n", 1, "broker.client_id", "at most 48 bytes"),
    ("client-id-49", f"broker:\n  client_id: {'c' * 49}\n", 2, "broker.client_id", "at most 48 bytes"),
    ("client-id-nul", 'broker: {host: h, client_id: "kitchen\\0"}\n', 1, "broker.client_id", "control characters"),
    ("username-list", "broker: {host: h, username: [a, b]}\n", 1, "broker.username", "a single value"),
    ("password-null", "broker:\n  host: h\n  username: u\n  password:\n", 4, "broker.password", "expected text"),
    ("password-70000", f"broker: {{host: h, password: {LONG}}}\n", 1, "broker.password", "at most 65535 bytes"),
    ("tls-maybe", "broker: {host: h, tls: maybe}\n", 1, "broker.tls", "true or false"),
    ("tls-unknown-key", "broker:\n  host: h\n  tls:\n    pem: a.pem\n", 4, "broker.tls.pem", "unknown key"),
    ("tls-insecure-text", "broker: {host: h, tls: {insecure: sure}}\n", 1, "broker.tls.insecure", "true or false"),
    ("broker-list", "broker: [h]\n", 1, "broker", "expected a mapping"),
    ("broker-unknown-key", "broker:\n  server: h\n", 2, "broker.server", "unknown key"),
    # the model, checked before llama.cpp sees it
    ("model-not-gguf", "model: {path: notes.txt}\n", 1, "model.path", "is not a GGUF model (it starts with b'ligh'"),
    ("model-empty-file", "model:\n  path: empty.gguf\n", 2, "model.path", "it starts with b''"),
    ("model-future-gguf", "model: {path: future.gguf}\n", 1, "model.path", "GGUF version 9; llama.cpp reads"),
    ("model-folder", "model: {path: models}\n", 1, "model.path", "is not a file"),
    ("model-device", "model: {path: /dev/zero}\n", 1, "model.path", "is not a file"),
    ("model-path-nul", 'model: {path: "a\\0.gguf"}\n', 1, "model.path", "control characters"),
    ("model-threads-zero", "model: {threads: 0}\n", 1, "model.threads", "1 to 64"),
    ("model-context-small", "model: {context: 100}\n", 1, "model.context", "256 to 32768"),
    ("understanding-flag", "understanding: {use_llm: maybe}\n", 1, "understanding.use_llm", "true or false"),
    ("understanding-calls", "understanding: {max_calls: 17}\n", 1, "understanding.max_calls", "1 to 16"),
    ("understanding-timeout", "understanding: {confirm_timeout_s: -1}\n", 1, "understanding.confirm_timeout_s",
     "0.05 to 60"),
    # topics: a wildcard would follow or command other devices
    ("base-topic-plus", "devices:\n  - {id: lamp, name: lamp, area: study, type: light, mqtt: {base_topic: 'z/+'}}\n",
     2, "devices[0].mqtt.base_topic", "without the wildcards + and #"),
    ("base-topic-slash", "devices:\n  - {id: lamp, name: lamp, area: study, type: light, mqtt: {base_topic: z2m/}}\n",
     2, "devices[0].mqtt.base_topic", "without a trailing '/'"),
    ("state-topic-hash", "devices:\n  - {id: lamp, name: lamp, area: study, type: light, mqtt: {state_topic: 'a/#'}}\n",
     2, "devices[0].mqtt.state_topic", "without the wildcards"),
    ("command-topic-plus", "devices:\n  - id: lamp\n    name: lamp\n    area: study\n    type: light\n    mqtt:\n"
     "      command_topic: a/+/set\n", 7, "devices[0].mqtt.command_topic", "without the wildcards"),
    ("command-topic-nul", "devices:\n  - {id: lamp, name: lamp, area: study, type: light, mqtt: "
     '{command_topic: "a\\0"}}\n', 2, "devices[0].mqtt.command_topic", "control characters"),
    ("command-topic-long", f"devices:\n  - {{id: lamp, name: lamp, area: study, type: light, mqtt: "
     f"{{command_topic: {'t' * 2000}}}}}\n", 2, "devices[0].mqtt.command_topic", "at most 1024 bytes"),
    ("tasmota-topic-hash", "devices:\n  - {id: plug, name: plug, area: study, type: switch,\n"
     "     mqtt: {convention: tasmota, topic: '#'}}\n", 3, "devices[0].mqtt.topic", "without the wildcards"),
    ("generic-availability-plus", "devices:\n  - id: fan\n    name: fan\n    area: study\n    type: fan\n    mqtt:\n"
     "      convention: generic\n      command_topic: fan/set\n      state_topic: fan/state\n"
     "      availability_topic: +/lwt\n", 10, "devices[0].mqtt.availability_topic", "without the wildcards"),
    ("generic-command-empty", "devices:\n  - id: fan\n    name: fan\n    area: study\n    type: fan\n    mqtt:\n"
     "      convention: generic\n      command_topic: ''\n      state_topic: fan/state\n", 8,
     "devices[0].mqtt.command_topic", "expected text"),
    ("events-topic-hash", "events: {topic: 'assistant/#'}\n", 1, "events.topic", "without the wildcards"),
    ("discovery-prefix-hash", "discovery: {prefix: '#'}\n", 1, "discovery.prefix", "without the wildcards"),
    ("discovery-z2m-plus", "discovery:\n  zigbee2mqtt_base_topic: z/+\n", 2, "discovery.zigbee2mqtt_base_topic",
     "without the wildcards"),
    ("push-to-talk-plus", "listen: {push_to_talk_topic: 'talk/+'}\n", 1, "listen.push_to_talk_topic",
     "without the wildcards"),
    # devices
    ("id-with-slash", "devices:\n  - {id: 'lamp/x', name: lamp, area: study, type: light}\n", 2, "devices[0].id",
     "letters, digits"),
    ("id-too-long", f"devices:\n  - {{id: {'i' * 2000}, name: lamp, area: study, type: light}}\n", 2, "devices[0].id",
     "at most 1024 bytes"),
    ("type-unknown", "devices:\n  - {id: lamp, name: lamp, area: study, type: lamp}\n", 2, "devices[0].type",
     "one of light"),
    ("feature-unknown", "devices:\n  - {id: lamp, name: lamp, area: study, type: light, features: [sparkle]}\n", 2,
     "devices[0].features[0]", "one of brightness"),
    ("name-missing", "devices:\n  - {id: lamp, area: study, type: light}\n", 2, "devices[0].name", "missing"),
    ("id-duplicate", "devices:\n  - {id: lamp, name: a, area: study, type: light}\n"
     "  - {id: lamp, name: b, area: study, type: light}\n", 3, "devices[1].id", "duplicate id 'lamp'"),
    ("devices-mapping", "devices: {lamp: light}\n", 1, "devices", "expected a list"),
    ("device-scalar", "devices:\n  - lamp\n", 2, "devices[0]", "expected a mapping"),
    ("devices-empty", "devices: []\n", 1, "devices", "at least one device"),
    ("name-two-lines", "devices:\n  - id: lamp\n    name: |\n      lamp\n    area: study\n    type: light\n", 3,
     "devices[0].name", "text on one line"),
    ("name-blank", "devices:\n  - {id: lamp, name: '  ', area: study, type: light}\n", 2, "devices[0].name",
     "expected text"),
    ("name-tab-escape", 'devices:\n  - {id: lamp, name: "la\\tmp", area: study, type: light}\n', 2, "devices[0].name",
     "control characters"),
    ("convention-unknown", "devices:\n  - {id: lamp, name: lamp, area: study, type: light, mqtt: {convention: hue}}\n",
     2, "devices[0].mqtt.convention", "one of zigbee2mqtt, tasmota, generic"),
    ("generic-missing-topic", "devices:\n  - id: fan\n    name: fan\n    area: study\n    type: fan\n"
     "    mqtt: {convention: generic, state_topic: fan/state}\n", 6, "devices[0].mqtt.command_topic", "missing"),
    ("template-without-value", "devices:\n  - id: lamp\n    name: lamp\n    area: study\n    type: light\n"
     "    features: [brightness]\n    mqtt:\n      convention: generic\n      command_topic: l/set\n"
     "      state_topic: l\n      brightness_template: 'DIM'\n      brightness_value_path: dim\n"
     "      state_value_path: state\n", 11, "devices[0].mqtt.brightness_template", "{value}"),
    ("key-of-other-convention", "devices:\n  - {id: plug, name: plug, area: study, type: switch,\n"
     "     mqtt: {convention: tasmota, base_topic: t}}\n", 3, "devices[0].mqtt.base_topic",
     "not a setting of the tasmota convention"),
    ("aliases-mapping", "devices:\n  - {id: lamp, name: lamp, area: study, type: light, aliases: {a: b}}\n", 2,
     "devices[0].aliases", "expected a list"),
    ("confirm-text", "devices:\n  - {id: lamp, name: lamp, area: study, type: light, confirm: perhaps}\n", 2,
     "devices[0].confirm", "true or false"),
    # safety, the instance's area, area groups, discovery, listening, speech, voice
    ("allow-unknown-id", "safety:\n  allow: [lamp, kettle]\n", 2, "safety.allow[1]", "the id of a device"),
    ("allow-one-unknown-id", "safety: {allow: kettle}\n", 1, "safety.allow", "the id of a device"),
    ("confirmation-window-zero", "safety: {confirmation_window_s: 0}\n", 1, "safety.confirmation_window_s", "1 to 300"),
    ("area-unknown", "area: attic\n", 1, "area", "one of the devices' areas (study)"),
    ("area-group-unknown-member", "areas:\n  upstairs: [study, attic]\n", 2, "areas.upstairs[1]",
     "one of the devices' areas"),
    ("areas-list", "areas: [study]\n", 1, "areas", "a mapping of names to lists"),
    ("area-group-scalar", "areas: {upstairs: study}\n", 1, "areas.upstairs", "expected a list"),
    ("discovery-enabled-text", "discovery: {enabled: sometimes}\n", 1, "discovery.enabled", "true or false"),
    ("discovery-timeout", "discovery: {timeout_s: 60}\n", 1, "discovery.timeout_s", "0.1 to 30"),
    ("events-hermes-text", "events: {hermes: please}\n", 1, "events.hermes", "true or false"),
    ("listen-silence", "listen: {silence_ms: 10}\n", 1, "listen.silence_ms", "90 to 5000"),
    ("listen-max-seconds-nan", "listen: {max_seconds: .nan}\n", 1, "listen.max_seconds", "1 to 60"),
    ("speech-engine", "speech: {engine: siri}\n", 1, "speech.engine", "one of whisper, pocketsphinx, vosk"),
    ("voice-unknown-key", "voice: {speaker: 2}\n", 1, "voice.speaker", "unknown key"),
    # keys: once each, plain names, known
    ("duplicate-top-level", "broker: {host: a}\nbroker: {host: b}\n", 2, "broker", "duplicate key (first on line 1)"),
    ("duplicate-in-broker", "broker:\n  host: a\n  port: 1883\n  host: b\n", 4, "broker.host", "first on line 2"),
    ("duplicate-in-device", "devices:\n  - {id: lamp, name: a, name: b, area: study, type: light}\n", 2,
     "devices[0].name", "duplicate key"),
    ("duplicate-in-mqtt", "devices:\n  - id: lamp\n    name: lamp\n    area: study\n    type: light\n    mqtt:\n"
     "      base_topic: a\n      base_topic: b\n", 8, "devices[0].mqtt.base_topic", "first on line 7"),
    ("duplicate-area-group", "areas:\n  up: [study]\n  up: [study]\n", 3, "areas.up", "duplicate key"),
    ("list-as-key", "broker:\n  [host, port]: h\n", 2, "broker", "a key must be a plain name"),
    ("unknown-top-level", "colour: red\n", 1, "colour", "unknown key; expected one of broker"),
    ("merge-key", "devices:\n  - <<: {id: lamp, name: lamp}\n    area: study\n    type: light\n", 2, "devices[0].<<",
     "unknown key"),
    # characters YAML refuses, named with their line and the key before them
    ("bell-in-value", "broker:\n  host: hub\x07\n", 2, "broker.host", "a control character (U+0007)"),
    ("escape-in-name", "devices:\n  - id: lamp\n    name: \x1b[1mlamp\x1b[0m\n    area: study\n    type: light\n", 3,
     "devices[0].name", "(U+001B)"),  # pasted from a coloured terminal
    ("escape-in-flow", "devices:\n  - {id: lamp, name: \x1b[1mlamp, area: study, type: light}\n", 2, "devices",
     "(U+001B)"),
    ("control-in-comment", "broker:\n  host: hub\n  port: 1883  # \x01\n", 3, "broker.port", "(U+0001)"),
]


@pytest.fixture
def beside(tmp_path: Path) -> Path:
    """The files the broken configs name, next to where they are written."""
    (tmp_path / "notes.txt").write_text("lights: study\n")
    (tmp_path / "empty.gguf").write_bytes(b"")
    (tmp_path / "future.gguf").write_bytes(b"GGUF" + (9).to_bytes(4, "little") + bytes(16))
    (tmp_path / "models").mkdir()
    return tmp_path


@pytest.mark.parametrize(("text", "line", "key", "says"), [case[1:] for case in BROKEN], ids=[c[0] for c in BROKEN])
def test_every_broken_config_gives_one_line_with_file_line_and_key(
        beside: Path, text: str, line: int, key: str, says: str) -> None:
    path = beside / "config.yaml"
    path.write_text(text if "devices:" in text else text + ONE_DEVICE, encoding="utf-8")
    message = error_for(path)
    assert message.startswith(f"{path}:{line}: {key}: ")
    assert says in message
    assert "\n" not in message and len(message) < 400  # a 70,000-character value is not echoed back


def test_the_broken_config_suite_covers_sixty_kinds() -> None:
    assert len({name for name, *_ in BROKEN}) == len(BROKEN) >= 60


@pytest.mark.parametrize("name", ["client-id-70000", "model-not-gguf", "duplicate-in-broker", "bell-in-value",
                                  "state-topic-hash"])
def test_the_cli_prints_the_line_and_exits_2(beside: Path, name: str) -> None:
    text, line, key, _says = next(case[1:] for case in BROKEN if case[0] == name)
    path = beside / "config.yaml"
    path.write_text(text if "devices:" in text else text + ONE_DEVICE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "assistant", "say", "--config", str(path), "--dry-run",
                             "turn on the lamp"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"assistant: {path}:{line}: {key}: ")
    assert result.stderr.count("\n") == 1  # no traceback, no warning
    assert result.stdout == ""


@pytest.mark.parametrize(("written", "loaded"), [
    ("0123", "0123"),  # YAML 1.1 would read an octal 83
    ("1e3", "1e3"),
    ("1.5e3", "1.5e3"),  # and 1500.0
    ("yes", "yes"),  # and True
    ("on", "on"),
    ("0x1F", "0x1F"),  # and 31
    ("1_000", "1_000"),  # and 1000
    ("'007'", "007"),
])
def test_text_settings_are_loaded_as_written(tmp_path: Path, written: str, loaded: str) -> None:
    path = write(tmp_path, f"""
        broker: {{host: h, username: {written}, password: {written}, client_id: {written}}}
        listen: {{wake_phrase: {written}}}
        devices:
          - {{id: plug, name: {written}, area: study, type: switch, aliases: [{written}]}}
    """)
    path.chmod(0o600)
    config = load_config(path)
    assert (config.broker.username, config.broker.password, config.broker.client_id) == (loaded,) * 3
    assert config.listen.wake_phrase == loaded
    device = config.devices[0]
    assert (device.name, device.aliases) == (loaded.lower(), (loaded.lower(),))


def test_null_or_false_switches_a_topic_off(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "events: {topic: false}\ndiscovery: {enabled: false, "
                                         "zigbee2mqtt_base_topic: null}\n" + ONE_DEVICE))
    assert (config.events.topic, config.discovery.zigbee2mqtt_base_topic) == (None, None)


def test_an_alias_of_a_mapping_is_read_like_the_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, """
        devices:
          - &lamp {id: lamp, name: lamp, area: study, type: light, mqtt: {base_topic: z2m}}
          - {id: lamp2, name: lamp two, area: study, type: light, mqtt: *lamp}
    """)
    message = error_for(path)  # an anchor is reused as written: here, device keys where mqtt keys belong
    assert message.startswith(f"{path}:2: devices[1].mqtt.id: unknown key")


def test_a_gguf_model_path_loads(tmp_path: Path) -> None:
    (tmp_path / "small.gguf").write_bytes(b"GGUF" + (3).to_bytes(4, "little") + bytes(16))
    config = load_config(write(tmp_path, "model: {path: small.gguf}\n" + ONE_DEVICE))
    assert config.model.path == str(tmp_path / "small.gguf")


def test_the_default_client_id_names_this_machine_and_fits_every_suffix() -> None:
    client_id = default_client_id()
    assert client_id == BrokerSettings().client_id == load_config(None).broker.client_id
    assert client_id.startswith("assistant-") and client_id != "assistant"
    assert len(client_id.encode()) <= CLIENT_ID_MAX - 15  # room to spare under the cap
    assert client_id == default_client_id()  # stable: the service's persistent session survives a restart


@pytest.mark.parametrize(("host", "expected_start"), [
    ("raspberrypi", "assistant-raspberrypi-"),
    ("Kitchen-Pi.local", "assistant-kitchen-pi-"),
    ("a-very-long-host-name-that-goes-on", "assistant-a-very-long-host-"),
    ("ünïcode höst", "assistant-ncodehst-"),
    ("---", "assistant-"),
])
def test_client_ids_differ_between_machines_even_with_the_same_host_name(host: str, expected_start: str) -> None:
    first, second = client_id_for(host, "machine-one"), client_id_for(host, "machine-two")
    assert first != second
    assert first.startswith(expected_start) and second.startswith(expected_start)
    assert re.fullmatch(r"assistant(-[a-z0-9-]+)?-[0-9a-f]{6}", first)
    assert len(first) <= 33


def test_the_longest_client_id_connects_as_the_service_and_as_a_one_shot_command(mosquitto: BrokerSettings) -> None:
    # the bridge adds "-bridge" or "-<pid>", discovery "-d<pid>": each stays within what brokers take
    for protocol in ("5", "3.1.1"):
        settings = dataclasses.replace(mosquitto, client_id=unique("c").ljust(CLIENT_ID_MAX, "x"), protocol=protocol)
        for persistent in (True, False):
            with MqttBridge(settings, Registry(()), persistent=persistent).connect(settle_s=0) as bridge:
                assert bridge.connected


def test_confirm_false_on_a_lock_is_said_to_be_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "devices:\n  - {id: door, name: front door, area: hall, type: lock, confirm: false}\n")
    load_config(path)
    assert f"{path}:2: devices[0].confirm: false is ignored on a lock" in caplog.text
