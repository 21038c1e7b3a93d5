"""The `assistant` command as a user runs it: separate processes, real brokers, real model."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.config import BrokerSettings

SUBCOMMANDS = ["say", "demo", "devices", "simulate", "eval", "listen", "run", "bench", "soak", "bench-mqtt",
               "bench-wake", "bench-trust", "doctor"]


def run(*args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_explains_itself(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "usage: assistant " + command in result.stdout
    assert "--config" in result.stdout


def test_say_json_changes_a_simulated_device_on_the_embedded_broker() -> None:
    result = run("say", "--json", "dim the sofa lamp to thirty percent and lock the back door")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["calls"] == [{"tool": "set_brightness", "device": "sofa_lamp", "brightness": 30},
                            {"tool": "lock", "device": "back_door"}]
    assert [r["ok"] for r in out["results"]] == [True, True]
    assert out["results"][0]["state"]["brightness"] == 30
    assert out["answer"] == "Done, the sofa lamp is at 30 percent; the back door is locked."
    assert set(out["timings_ms"]) >= {"understand", "act", "answer"}


def test_say_dry_run_sends_nothing_and_says_what_it_would_do() -> None:
    result = run("say", "--dry-run", "--no-llm", "--json", "turn on the kettle")
    out = json.loads(result.stdout)
    assert out["results"] == [] and "act" not in out["timings_ms"]
    assert out["answer"] == 'I would turn_on(device="kettle").'


def test_say_names_an_unknown_device_and_sends_nothing() -> None:
    out = json.loads(run("say", "--json", "--no-llm", "turn on the dishwasher").stdout)
    assert out["calls"] == [] and out["results"] == []
    assert out["answer"] == "I don't know a device called dishwasher."


def test_demo_controls_the_simulated_home_from_typed_sentences() -> None:
    result = run("demo", "--no-llm", stdin="turn on the porch light\nis the porch light on?\n\n")
    assert result.returncode == 0, result.stderr
    assert "Done, the porch light is on." in result.stdout
    assert "state: porch_light: The porch light is on." in result.stdout
    assert "The porch light is on." in result.stdout.split("is the porch light on?")[1]


def test_broken_config_exits_2_naming_file_line_and_key(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("devices:\n  - id: lamp\n    name: lamp\n    area: hall\n    type: lamp\n")
    result = run("say", "--config", str(config), "--dry-run", "turn on the lamp")
    assert result.returncode == 2
    assert f"{config}:5: devices[0].type: expected one of light, switch" in result.stderr
    assert "Traceback" not in result.stderr


def test_say_reaches_devices_simulated_by_another_process_over_mosquitto(mosquitto: BrokerSettings,
                                                                          tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"broker: {{host: 127.0.0.1, port: {mosquitto.port}, client_id: cli-test}}\n"
        "understanding: {use_llm: false}\n"
        "devices:\n"
        "  - {id: cli_lamp, name: hall lamp, area: hallway, type: light, features: [brightness],\n"
        "     mqtt: {base_topic: cli-test}}\n"
        "  - {id: cli_door, name: side door, area: hallway, type: lock, mqtt: {base_topic: cli-test}}\n")
    simulator = subprocess.Popen([sys.executable, "-m", "assistant", "simulate", "--config", str(config)],
                                 stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        assert simulator.stderr is not None
        while time.monotonic() < deadline and "Simulating" not in simulator.stderr.readline():
            pass
        result = run("say", "--config", str(config), "--json", "--yes",
                     "set the hall lamp to 40% and unlock the side door")
        assert result.returncode == 0, result.stderr
        out = json.loads(result.stdout)
        assert [r["ok"] for r in out["results"]] == [True, True]
        assert out["results"][1]["state"] == {"locked": False}
        listing = json.loads(run("devices", "--config", str(config), "--json").stdout)
        assert {d["id"]: d["state"] for d in listing}["cli_lamp"] == {"on": True, "brightness": 40}
    finally:
        simulator.terminate()
        simulator.wait(10)
    assert simulator.returncode == 0


def test_say_without_a_reachable_broker_says_so(tmp_path: Path) -> None:
    from assistant.act.broker import free_port

    config = tmp_path / "config.yaml"
    config.write_text(f"broker: {{host: 127.0.0.1, port: {free_port()}}}\n"
                      "devices: [{id: lamp, name: lamp, area: hall, type: light}]\n")
    result = run("say", "--config", str(config), "--no-llm", "turn on the lamp")
    assert result.returncode == 2
    assert "cannot reach the MQTT broker at 127.0.0.1" in result.stderr


def test_soak_reports_failures_and_memory_for_many_commands() -> None:
    result = run("soak", "--no-llm", "--count", "60")
    assert result.returncode == 0, result.stderr
    assert "commands: 60; failures: 0" in result.stdout
    assert "rss_growth=" in result.stdout


def test_demo_answers_its_own_question_and_names_the_room_of_a_shared_name() -> None:
    result = run("demo", "--no-llm", stdin="turn on the ceiling light\nthe kitchen one\nquit\nturn on the tv\n")
    assert result.returncode == 0, result.stderr
    assert "Which ceiling light: the living room one or the kitchen one?" in result.stdout
    assert "Done, the kitchen ceiling light is on." in result.stdout
    assert "turn on the tv" not in result.stdout  # "quit" ended the demo


def _read_until(process: subprocess.Popen[str], text: str, seconds: float) -> str:
    """What the process printed until `text` (or the time ran out), read past Python's buffer so nothing is held."""
    assert process.stdout is not None
    fd, got, deadline = process.stdout.fileno(), b"", time.monotonic() + seconds
    while text.encode() not in got and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.5)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            got += chunk
    return got.decode()


def test_demo_timers_and_calls_for_later_run_in_the_demo_and_never_reach_the_real_schedule() -> None:
    """A running service would carry out what is in the real store on the real home."""
    demo = subprocess.Popen([sys.executable, "-m", "assistant", "demo", "--no-llm"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert demo.stdin is not None
    demo.stdin.write("set a timer for 1 second\nturn off the tv in 5 minutes\n")
    demo.stdin.flush()
    seen = _read_until(demo, "The 1 second timer is done.", seconds=60)  # a loaded machine starts the demo slowly
    out, _err = demo.communicate("quit\n", timeout=60)
    out = seen + out
    assert "The 1 second timer is done." in out
    assert "in 5 minutes I'll turn off the tv" in out
    assert not list(Path(os.environ["ASSISTANT_STATE_DIR"]).glob("schedule*"))
