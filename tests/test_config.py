"""The config file: what a valid one becomes, and that every complaint names file, line and key."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from assistant.config import (
    DEMO_HOME,
    BrokerSettings,
    ConfigError,
    ModelSettings,
    TlsSettings,
    UnderstandingSettings,
    load_config,
)
from assistant.registry import MqttSettings
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
    assert message.startswith(f"{path}:2: devices[0].features[0]: expected one of brightness, color, position")


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
