"""`assistant doctor`: real checks (real files, real Mosquitto brokers), one line per check, a fix per problem.

There is no sound card on the test machines, so the CLI runs use `--skip audio`; the audio check itself is
run in-process and must either pass or name the fix.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MOSQUITTO, wait_until

from assistant.act.broker import free_port
from assistant.config import BrokerSettings, Config, ModelSettings, load_config
from assistant.doctor import check_audio, check_broker, check_model, check_service, check_wake_word, run_checks

ROOT = Path(__file__).resolve().parent.parent
DEVICES = "devices:\n  - {id: porch_light, name: porch light, area: porch, type: light}\n"


def doctor(config: Path, *skip: str) -> subprocess.CompletedProcess[str]:
    args = [arg for name in skip for arg in ("--skip", name)]
    return subprocess.run([sys.executable, "-m", "assistant", "doctor", "--config", str(config), *args],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


def write_config(path: Path, broker: str, extra: str = "", mode: int = 0o600) -> Path:
    path.write_text(f"broker: {broker}\n{extra}{DEVICES}")
    path.chmod(mode)
    return path


def test_doctor_passes_on_a_good_config(mosquitto: BrokerSettings, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.yaml", f"{{host: 127.0.0.1, port: {mosquitto.port}, "
                          "username: assistant, password: s3cret}")
    result = doctor(config, "audio", "service")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "ok  config", "ok  permissions", "ok  model", "ok  speech", "ok  wake_word", "ok  voice", "ok  broker"]
    assert "ok  wake_word: 'Okay Nabu' (okay_nabu)" in lines
    assert f"ok  config: {config}: 1 devices, broker 127.0.0.1:{mosquitto.port}" in lines
    assert f"ok  broker: connected to 127.0.0.1:{mosquitto.port} as 'assistant' (MQTT 5, no TLS)" in lines
    assert "GGUF v3" in result.stdout
    assert "s3cret" not in result.stdout + result.stderr


def test_doctor_names_every_problem_with_its_fix(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    config = write_config(tmp_path / "config.yaml",
                          f"{{host: 127.0.0.1, port: {port}, username: assistant, password: s3cret}}",
                          "model: {path: models/missing.gguf}\n", mode=0o644)
    result = doctor(config, "audio", "service")
    assert result.returncode == 1
    out = result.stdout
    assert (f"FAIL permissions: {config} holds the broker password and is readable by every user (mode 0644) "
            f"-> fix: sudo chown assistant:assistant {config} && sudo chmod 600 {config}") in out
    assert f"FAIL model: {tmp_path}/models/missing.gguf does not exist -> fix: put the GGUF file there, or " \
           f"correct model.path in {config}" in out
    assert f"FAIL broker: cannot reach the MQTT broker at 127.0.0.1:{port}" in out
    assert f"-> fix: start the broker (sudo systemctl start mosquitto) or correct broker.host / broker.port in " \
           f"{config}" in out
    assert "ok  speech" in out and "ok  voice" in out  # one problem does not hide the other checks


def test_doctor_points_at_the_line_of_a_broken_config(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("devices:\n  - {id: lamp, name: lamp, area: hall, type: lamp}\n")
    checks = run_checks(str(config), skip={"audio", "service"})
    assert [c.name for c in checks] == ["config"]  # the others need a config that loads
    assert checks[0].line().startswith(f"FAIL config: {config}:2: devices[0].type: expected one of light")
    assert checks[0].fix == f"correct that line in {config} (config.example.yaml shows every key)"


def test_doctor_names_a_wake_word_model_that_would_not_load(tmp_path: Path) -> None:
    model = tmp_path / "hey_house.tflite"
    model.write_bytes(b"not a model at all")
    config = write_config(tmp_path / "config.yaml", "{host: 127.0.0.1}", f"listen: {{wake_word: {model}}}\n")
    check = check_wake_word(load_config(config))
    assert not check.ok
    assert check.detail == f"{model} is not a TensorFlow Lite model (no TFL3 header)"
    assert f"correct listen.wake_word in {config}" in (check.fix or "")


def test_a_file_that_is_not_gguf_is_not_a_model(tmp_path: Path) -> None:
    model = tmp_path / "model.gguf"
    model.write_bytes(b"<html>404 Not Found</html>")
    config = write_config(tmp_path / "config.yaml", "{host: 127.0.0.1}", f"model: {{path: {model}}}\n")
    checks = run_checks(str(config), skip={"audio", "service"})
    assert checks[0].line().startswith(f"FAIL config: {config}:2: model.path: {model} is not a GGUF model "
                                       "(it starts with b'<htm', not b'GGUF')")  # before llama.cpp sees it
    check = check_model(Config(model=ModelSettings(path=str(model))))  # as the bundled model is checked
    assert not check.ok
    assert check.detail == f"{model} is not a GGUF file (it starts with b'<htm', not b'GGUF')"


@pytest.fixture(scope="module")
def locked_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A Mosquitto that wants a user name and password (assistant / right-pw), on plain MQTT."""
    work = tmp_path_factory.mktemp("auth")
    subprocess.run(["mosquitto_passwd", "-c", "-b", str(work / "passwd"), "assistant", "right-pw"], check=True)
    port = free_port()
    lines = [f"listener {port} 127.0.0.1", "allow_anonymous false", f"password_file {work / 'passwd'}"]
    if os.geteuid() == 0:
        lines.append("user root")
    (work / "mosquitto.conf").write_text("\n".join(lines) + "\n")
    proc = subprocess.Popen([MOSQUITTO, "-c", str(work / "mosquitto.conf")], stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: check_broker(Config(broker=BrokerSettings(
            host="127.0.0.1", port=port, username="assistant", password="right-pw"))).ok, timeout=10)
        yield port
    finally:
        proc.terminate()
        proc.wait(5)


def test_a_wrong_password_gets_the_credentials_fix(locked_broker: int) -> None:
    config = Config(broker=BrokerSettings(host="127.0.0.1", port=locked_broker, username="assistant",
                                          password="wrong-pw"), source="/etc/assistant/config.yaml")
    check = check_broker(config)
    assert not check.ok and "refused the connection" in check.detail
    assert check.fix == ("check broker.username and broker.password in /etc/assistant/config.yaml against the "
                         "broker's password file")


def test_tls_against_a_plain_port_gets_the_tls_fix(locked_broker: int, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.yaml", f"{{host: 127.0.0.1, port: {locked_broker}, tls: true}}")
    check = check_broker(load_config(config))
    assert not check.ok and check.detail.startswith(f"cannot reach the MQTT broker at 127.0.0.1:{locked_broker}")
    assert check.fix == (f"the broker hung up on the TLS handshake: is port {locked_broker} a TLS listener (usually "
                         f"8883)? check broker.port and broker.tls in {config}")


def test_a_missing_ca_file_is_named(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.yaml", f"{{host: 127.0.0.1, tls: {{ca: {tmp_path}/ca.crt}}}}")
    check = check_broker(load_config(config))
    assert not check.ok and check.detail.startswith("cannot load the TLS files:")
    assert check.fix == f"check the paths in broker.tls in {config}; the files must be readable by the service user"


def test_the_audio_check_finds_the_devices_or_says_how_to_get_them() -> None:
    check = check_audio(Config())
    assert check.ok or "arecord -l" in (check.fix or "") or "libportaudio2" in (check.fix or ""), check.line()


def test_the_service_check_wants_the_unit_installed_enabled_and_its_program_present(tmp_path: Path) -> None:
    check = check_service(tmp_path)
    assert check.line().startswith("FAIL service: assistant.service is not installed")
    assert check.fix is not None and "sudo cp systemd/assistant.service /etc/systemd/system/" in check.fix

    units = tmp_path / "etc/systemd/system"
    units.mkdir(parents=True)
    (units / "assistant.service").write_text((ROOT / "systemd/assistant.service").read_text())
    check = check_service(tmp_path)
    assert check.detail.endswith("runs /opt/assistant/venv/bin/assistant, which does not exist")

    program = tmp_path / "opt/assistant/venv/bin/assistant"
    program.parent.mkdir(parents=True)
    program.touch()
    assert check_service(tmp_path).fix == "sudo systemctl enable --now assistant"

    (units / "multi-user.target.wants").mkdir()
    (units / "multi-user.target.wants/assistant.service").symlink_to("/etc/systemd/system/assistant.service")
    assert check_service(tmp_path).line() == f"ok  service: {units / 'assistant.service'} installed and enabled"
