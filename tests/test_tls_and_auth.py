"""Security against a real Mosquitto: TLS with a CA made at test time, passwords, an ACL."""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MOSQUITTO, unique, wait_until

from assistant.act.bridge import MqttBridge
from assistant.act.broker import free_port
from assistant.act.connection import BrokerUnavailable
from assistant.config import BrokerSettings, TlsSettings, load_config
from assistant.registry import MqttSettings, Registry
from assistant.tools import ToolCall
from devices.simulator import SimulatedHome


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BrokerSettings, Path]]:
    """Mosquitto with a TLS listener, a password file and an ACL that lets `assistant` touch only `home/#`."""
    work = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(work / "server.key"),
                    "-out", str(work / "server.crt"), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    passwd = work / "passwd"
    subprocess.run(["mosquitto_passwd", "-c", "-b", str(passwd), "assistant", "s3cret-pw"], check=True)
    (work / "acl").write_text("user assistant\ntopic readwrite home/#\n")
    port = free_port()
    lines = [f"listener {port} 127.0.0.1", "allow_anonymous false", f"password_file {passwd}",
             f"acl_file {work / 'acl'}", f"certfile {work / 'server.crt'}", f"keyfile {work / 'server.key'}",
             "set_tcp_nodelay true"]
    if os.geteuid() == 0:
        lines.append("user root")
    (work / "mosquitto.conf").write_text("\n".join(lines) + "\n")
    proc = subprocess.Popen([MOSQUITTO, "-c", str(work / "mosquitto.conf")], stderr=subprocess.PIPE)
    settings = BrokerSettings(host="127.0.0.1", port=port, username="assistant", password="s3cret-pw",
                              tls=TlsSettings(ca_certs=str(work / "server.crt")), client_id=unique("tls"))
    try:
        import socket

        def up() -> bool:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                return True
            except OSError:
                return False

        assert wait_until(up, timeout=10), "the TLS Mosquitto did not start"
        yield settings, work
    finally:
        proc.terminate()
        proc.wait(5)


def _home(base: str = "home") -> Registry:
    registry = load_config(None).registry()
    return Registry(dataclasses.replace(d, mqtt=MqttSettings(base_topic=f"{base}/{unique('h')}")) for d in registry)


def test_commands_are_confirmed_over_tls_with_a_password(secured: tuple[BrokerSettings, Path]) -> None:
    settings, _ = secured
    registry = _home()
    with SimulatedHome(dataclasses.replace(settings, client_id=unique("sim")), registry):
        bridge = MqttBridge(settings, registry, timeout_s=3).connect()
        try:
            [result] = bridge.execute([ToolCall("set_brightness", "sofa_lamp", 35.0)])
        finally:
            bridge.close()
    assert result.ok and result.state is not None and result.state.brightness == 35


def test_a_wrong_password_is_refused_with_a_clear_error(secured: tuple[BrokerSettings, Path]) -> None:
    settings, _ = secured
    bad = dataclasses.replace(settings, password="wrong", client_id=unique("bad"))
    with pytest.raises(BrokerUnavailable, match="refused the connection"):
        MqttBridge(bad, _home()).connect(timeout=5)


def test_an_untrusted_certificate_is_refused(secured: tuple[BrokerSettings, Path], tmp_path: Path) -> None:
    settings, _ = secured
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "k"),
                    "-out", str(tmp_path / "other.crt"), "-days", "1", "-subj", "/CN=other"],
                   check=True, capture_output=True)
    other = dataclasses.replace(settings, tls=TlsSettings(ca_certs=str(tmp_path / "other.crt")),
                                client_id=unique("ca"))
    with pytest.raises(BrokerUnavailable, match=r"cannot reach|did not answer"):
        MqttBridge(other, _home()).connect(timeout=5)


def test_topics_outside_the_acl_get_no_confirmation(secured: tuple[BrokerSettings, Path]) -> None:
    settings, _ = secured
    registry = _home(base="elsewhere")  # the ACL allows only home/#
    bridge = MqttBridge(settings, registry, timeout_s=0.5).connect(settle_s=0)
    try:
        [result] = bridge.execute([ToolCall("turn_on", "kettle")])
    finally:
        bridge.close()
    assert result.ok is False and result.error == "no response"


def test_world_readable_config_with_a_password_is_warned_about(tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("broker: {host: 127.0.0.1, username: u, password: hunter2}\n"
                      "devices: [{id: lamp, name: lamp, area: hall, type: light}]\n")
    config.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        load_config(config)
    assert "readable by every user; run: chmod 600" in caplog.text
    assert "hunter2" not in caplog.text
    caplog.clear()
    config.chmod(0o600)
    load_config(config)
    assert "readable" not in caplog.text


def test_doctor_says_when_the_acl_keeps_the_watchdog_echo_from_coming_back(
        secured: tuple[BrokerSettings, Path]) -> None:
    """Without the echo systemd's watchdog would restart the service every ~40 s, for no reason it names."""
    from assistant.config import Config
    from assistant.doctor import check_broker

    settings, _work = secured
    check = check_broker(Config(broker=settings))
    assert not check.ok and "did not come back" in check.detail
    assert "topic readwrite assistant/watchdog/#" in (check.fix or "")
