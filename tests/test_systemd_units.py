"""The shipped systemd units: they verify cleanly and their hardening keeps the exposure at 2.0 or below.

`systemd-analyze verify` checks that ExecStart's program exists; /opt/assistant/venv is not there on a
development machine, so each unit is verified from a copy whose ExecStart runs this checkout's `assistant`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNITS = sorted((ROOT / "systemd").glob("*.service"))
INSTALLED = "/opt/assistant/venv/bin/assistant"
MAX_EXPOSURE = 2.0

pytestmark = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                                reason="systemd-analyze is not installed (Debian package: systemd)")


def analyze(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["systemd-analyze", *args], capture_output=True, text=True, timeout=60)


def test_every_unit_is_shipped() -> None:
    assert [u.name for u in UNITS] == ["assistant-simulate.service", "assistant-wyoming.service", "assistant.service"]


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_unit_verifies_cleanly(unit: Path, tmp_path: Path) -> None:
    text = unit.read_text()
    assert f"ExecStart={INSTALLED} " in text
    assistant = Path(sys.executable).parent / "assistant"
    assert assistant.is_file(), f"{assistant}: the console script of this venv"
    copy = tmp_path / unit.name
    copy.write_text(text.replace(INSTALLED, str(assistant)))
    result = analyze("verify", str(copy))
    assert result.returncode == 0 and not result.stderr.strip() and not result.stdout.strip(), (
        result.stdout + result.stderr)


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_unit_exposure_is_at_most_2(unit: Path) -> None:
    result = analyze("security", "--offline=true", str(unit))
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    assert match, result.stdout + result.stderr
    assert float(match.group(1)) <= MAX_EXPOSURE, result.stdout


def test_service_unit_is_a_notify_service_with_a_watchdog_and_reload() -> None:
    settings = dict(line.split("=", 1) for line in (ROOT / "systemd/assistant.service").read_text().splitlines()
                    if "=" in line and not line.startswith("#"))
    assert settings["Type"] == "notify" and settings["NotifyAccess"] == "main"
    assert settings["ExecStart"] == f"{INSTALLED} run --config /etc/assistant/config.yaml"
    assert settings["ExecReload"] == "/bin/kill -HUP $MAINPID"
    assert settings["WatchdogSec"] == "30" and settings["Restart"] == "on-failure"
    assert (settings["User"], settings["Group"], settings["SupplementaryGroups"]) == ("assistant", "assistant", "audio")
    assert settings["DeviceAllow"] == "char-alsa rw"  # the microphone and the speaker, no other device
