"""`assistant run` as systemd runs it: sd_notify on a real AF_UNIX datagram socket, the watchdog, journald
log levels, SIGTERM and SIGHUP, a redacted password. The assistant runs in its own process against a
private Mosquitto, hears commands Piper speaks into its stdin (`--stdin`, the testing stand-in for the
microphone), and the devices are simulated in this process. Nothing is mocked.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import Probe, connect_bridge, unique, wait_until

from assistant.act.bridge import CallResult, MqttBridge
from assistant.act.broker import free_port
from assistant.config import BrokerSettings, load_config
from assistant.hear.audio import FRAME_SAMPLES, RATE, to_16k_mono, write_wav
from assistant.registry import Registry
from assistant.service import SecretFilter, Service, Watchdog, notify, setup_logging
from assistant.tools import ToolCall
from devices.simulator import SimulatedHome
from devices.state import DeviceState

ROOT = Path(__file__).resolve().parent.parent
SECRET = "hunter2-Zq9"
SILENCE = np.zeros(FRAME_SAMPLES, dtype=np.int16)


# --- sd_notify and the watchdog, in this process -----------------------------------------------------------

class NotifySocket:
    """What systemd listens on: an AF_UNIX datagram socket in the abstract namespace; records every message."""

    def __init__(self) -> None:
        self.address = f"@assistant-test-{uuid.uuid4().hex}"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind("\0" + self.address[1:])
        self.messages: list[str] = []
        threading.Thread(target=self._receive, daemon=True).start()

    def _receive(self) -> None:
        while True:
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except OSError:  # closed
                return

    def lines(self) -> list[str]:
        return [line for message in list(self.messages) for line in message.splitlines()]

    def wait_for(self, line: str, count: int = 1, timeout: float = 60) -> None:
        assert wait_until(lambda: self.lines().count(line) >= count, timeout=timeout), (
            f"{line!r} x{count} not notified within {timeout} s; got {self.messages}")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def notify_socket(monkeypatch: pytest.MonkeyPatch) -> Iterator[NotifySocket]:
    sock = NotifySocket()
    monkeypatch.setenv("NOTIFY_SOCKET", sock.address)
    yield sock
    sock.close()


def test_notify_sends_the_lines_as_one_datagram(notify_socket: NotifySocket) -> None:
    assert notify("READY=1", "STATUS=listening")
    notify_socket.wait_for("STATUS=listening", timeout=2)
    assert notify_socket.messages == ["READY=1\nSTATUS=listening"]


def test_notify_reaches_a_socket_file_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        assert notify("STOPPING=1")
        assert sock.recv(100) == b"STOPPING=1"


def test_notify_is_a_no_op_outside_systemd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert not notify("READY=1")
    monkeypatch.setenv("NOTIFY_SOCKET", "@nobody-listens-here")
    assert not notify("READY=1")


def test_watchdog_pings_at_half_the_interval(notify_socket: NotifySocket, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "400000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    watchdog = Watchdog.from_env()
    assert watchdog.interval_s == pytest.approx(0.2)
    for _ in range(50):
        watchdog.ping()
    notify_socket.wait_for("WATCHDOG=1", timeout=2)
    time.sleep(0.25)
    watchdog.ping()
    notify_socket.wait_for("WATCHDOG=1", count=2, timeout=2)
    assert notify_socket.lines() == ["WATCHDOG=1", "WATCHDOG=1"]


def test_watchdog_is_inert_without_systemd_or_for_another_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    assert Watchdog.from_env().interval_s is None
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid() + 1))
    assert Watchdog.from_env().interval_s is None


def test_watchdog_stops_pinging_once_the_bridge_no_longer_hears_its_echo_through_the_broker(
        notify_socket: NotifySocket, monkeypatch: pytest.MonkeyPatch, mosquitto: BrokerSettings,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "200000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    monkeypatch.setattr("assistant.service.ECHO_EVERY_S", 0.05)
    bridge = connect_bridge(mosquitto, Registry([]), settle_s=0)
    bridge.hold_s = 1.0
    watchdog = Watchdog.from_env()
    watchdog.listen(bridge)

    def ping_for(seconds: float) -> int:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            watchdog.ping()
            time.sleep(0.01)
        time.sleep(0.1)  # the last datagram is read
        return notify_socket.lines().count("WATCHDOG=1")

    try:
        assert ping_for(1.0) >= 5  # one every 0.1 s while the echo comes back
        bridge._client.loop_stop()  # paho's network thread ends, as an exception in a callback used to end it
        pinged = ping_for(1.5)  # up to the outage hold, 1 s, it still pings
        assert ping_for(1.0) == pinged
    finally:
        bridge.close()
    assert any("no echo through the MQTT broker" in r.getMessage() for r in caplog.records)


# --- logging, in this process ------------------------------------------------------------------------------

def _record(msg: str, *args: object, exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise ValueError(f"cannot log in with password={SECRET}")
        except ValueError:
            exc_info = sys.exc_info()
    return logging.LogRecord("t", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_secret_filter_redacts_the_configured_password_and_password_patterns() -> None:
    redactor = SecretFilter()
    redactor.secrets.add(SECRET)
    record = _record("settings %s and %s", BrokerSettings(host="h", password="other-pw"), f"raw {SECRET}", exc=True)
    assert redactor.filter(record)
    text = logging.Formatter().format(record)
    assert SECRET not in text and "other-pw" not in text
    assert "password='***'" in text and "raw ***" in text and "password=***" in text
    for shape in ('{"password": "x1y2"}', "password: x1y2", "PASSWORD=x1y2"):
        assert "x1y2" not in redactor.redact(shape)


@pytest.mark.parametrize("journal", [True, False], ids=["journald", "file"])
def test_log_format_follows_where_stderr_goes(journal: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with (tmp_path / "stderr").open("w") as stream:
        stat = os.fstat(stream.fileno())
        monkeypatch.setenv("JOURNAL_STREAM", f"{stat.st_dev}:{stat.st_ino}" if journal else "1:1")
        handler = setup_logging(logging.INFO, stream)
        handler.addFilter(lambda record: record.name == "assistant.test")  # a stray task of an earlier test's
        # broker may log to the root logger meanwhile (amqtt's PUBACK timeout under load)
        try:
            logger = logging.getLogger("assistant.test")
            logger.info("one")
            logger.warning("two")
            logger.error("three\nsecond line")
        finally:
            logging.getLogger().removeHandler(handler)
    lines = (tmp_path / "stderr").read_text().splitlines()
    if journal:
        assert lines == ["<6>assistant.test: one", "<4>assistant.test: two", "<3>assistant.test: three",
                         "<3>second line"]
    else:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO assistant.test: one", lines[0])


# --- `assistant run` in its own process --------------------------------------------------------------------

@pytest.fixture(scope="module")
def spoken() -> dict[str, np.ndarray]:
    """The commands the tests say, spoken once by Piper, as 16 kHz int16."""
    from assistant.answer.speech import Speaker

    speaker = Speaker()
    phrases = ["turn on the porch light", "turn on the kettle", "turn on the desk lamp"]
    return {p: to_16k_mono(np.concatenate(list(speaker.chunks(p + "."))), speaker.rate, 1) for p in phrases}


class Microphone:
    """Feeds raw PCM into the assistant's stdin like `arecord` would: silence, and speech when asked.

    Three times faster than real time: the endpointer counts frames, not seconds.
    """

    def __init__(self, stdin: object) -> None:
        self._stdin = stdin
        self._queued: deque[np.ndarray] = deque()
        threading.Thread(target=self._run, daemon=True).start()

    def say(self, samples: np.ndarray) -> None:
        padded = np.concatenate([samples, np.zeros(RATE, dtype=np.int16)])  # 1 s of silence ends the command
        self._queued.extend(padded[i:i + FRAME_SAMPLES] for i in range(0, len(padded) - FRAME_SAMPLES, FRAME_SAMPLES))

    def _run(self) -> None:
        try:
            while True:
                frame = self._queued.popleft() if self._queued else SILENCE
                self._stdin.write(frame.tobytes())  # type: ignore[attr-defined]
                self._stdin.flush()  # type: ignore[attr-defined]
                time.sleep(0.01)
        except (BrokenPipeError, ValueError, OSError):  # the assistant exited
            return


@dataclasses.dataclass
class Home:
    config: Path
    broker: BrokerSettings
    base: str
    sim: SimulatedHome

    def write(self, devices: list[str], broken: bool = False, port: int | None = None,
              discovery_prefix: str | None = None) -> None:
        """The config file: the broker with a password, rules only, the given devices (a typo if `broken`),
        discovery under `discovery_prefix` if given."""
        lines = [
            f"broker: {{host: 127.0.0.1, port: {port or self.broker.port}, client_id: {self.base}, "
            f"username: assistant, password: {SECRET}}}",
            "understanding: {use_llm: false, confirm_timeout_s: 3}",
            "devices:",
        ]
        lines += [f"  - {{{d}, mqtt: {{base_topic: {self.base}}}}}" for d in devices]
        if broken:
            lines[3] = lines[3].replace("type: light", "type: lamp")
        if discovery_prefix:
            lines.append(f"discovery: {{enabled: true, prefix: {discovery_prefix}, "
                         f"zigbee2mqtt_base_topic: {discovery_prefix}z2m}}")
        lines.append("listen: {wake_word: false}")  # the commands are said alone (tests/test_wake_word.py: with it)
        # Whisper alone: its "Processing audio" marks a command in flight (SIGTERM test); the default engine's run
        # is tests/test_voice_e2e.py's
        lines.append("speech: {engine: whisper}")
        self.config.write_text("\n".join(lines) + "\n")


PORCH = "id: porch_light, name: porch light, area: porch, type: light"
KETTLE = "id: kettle, name: kettle, area: kitchen, type: switch"
DESK = "id: desk_lamp, name: desk lamp, area: study, type: light"


@pytest.fixture
def home(mosquitto: BrokerSettings, tmp_path: Path) -> Iterator[Home]:
    """A config on the private Mosquitto, and every device the tests may add to it, simulated."""
    base = unique("svc-")
    config = tmp_path / "config.yaml"
    probe = Home(config, mosquitto, base, None)  # type: ignore[arg-type]
    probe.write([PORCH, KETTLE, DESK])
    registry = load_config(config).registry()
    with SimulatedHome(dataclasses.replace(mosquitto, client_id=unique("sim")), registry) as sim:
        home = dataclasses.replace(probe, sim=sim)
        home.write([PORCH, KETTLE])
        yield home


class Running:
    """`assistant -vv run --stdin` under a simulated systemd: NOTIFY_SOCKET, WATCHDOG_USEC, JOURNAL_STREAM."""

    def __init__(self, config: Path, log_path: Path) -> None:
        self.notes = NotifySocket()
        self.log_path = log_path
        self._log = log_path.open("wb")
        stat = os.fstat(self._log.fileno())
        env = {k: v for k, v in os.environ.items() if k != "WATCHDOG_PID"}  # in case pytest runs under systemd
        env.update(NOTIFY_SOCKET=self.notes.address, WATCHDOG_USEC="1000000",
                   JOURNAL_STREAM=f"{stat.st_dev}:{stat.st_ino}")
        self.proc = subprocess.Popen([sys.executable, "-m", "assistant", "-vv", "run", "--config", str(config),
                                      "--stdin"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=self._log, env=env, cwd=ROOT)
        self.mic = Microphone(self.proc.stdin)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_log(self, text: str, after: int = 0, timeout: float = 30) -> None:
        found = wait_until(lambda: text in self.log()[after:] or self.proc.poll() is not None, timeout=timeout)
        assert found and text in self.log()[after:], f"{text!r} not logged within {timeout} s:\n{self.log()[after:]}"

    def command(self, samples: np.ndarray, answer: str) -> None:
        """Say a command and wait until the assistant logs that it heard it and gave `answer`."""
        mark = len(self.log())
        self.mic.say(samples)
        self.wait_log(f"-> {answer}", after=mark)

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=30)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._log.close()
        self.notes.close()


@pytest.fixture
def running(home: Home, tmp_path: Path) -> Iterator[Running]:
    run = Running(home.config, tmp_path / "stderr.log")
    try:
        run.notes.wait_for("READY=1", timeout=60)
        yield run
    finally:
        run.close()


def test_run_reports_ready_pings_the_watchdog_and_stops_cleanly_on_sigterm(
        running: Running, home: Home, spoken: dict[str, np.ndarray]) -> None:
    lines = running.notes.lines()
    assert lines.index("STATUS=loading models") < lines.index("STATUS=connecting to broker") < lines.index("READY=1")
    assert "READY=1\nSTATUS=listening" in running.notes.messages
    running.notes.wait_for("WATCHDOG=1", count=2, timeout=10)  # WATCHDOG_USEC=1 s: a ping every 0.5 s

    running.command(spoken["turn on the porch light"], "Done, the porch light is on.")
    assert home.sim.states["porch_light"]["state"] == "ON"

    # SIGTERM while a command is being recognised: it is still carried out, then the process exits 0
    mark = len(running.log())
    running.mic.say(spoken["turn on the kettle"])
    running.wait_log("Processing audio", after=mark)  # faster-whisper (at -vv): the command is in flight
    assert running.stop() == 0
    assert "-> Done, the kettle is on." in running.log()[mark:]
    running.notes.wait_for("STOPPING=1", timeout=5)

    log = running.log()
    assert "<6>assistant.service: heard 'Turn on the porch light.' -> Done, the porch light is on." in log
    assert "<7>assistant.service: config " in log  # -vv: the broker settings are logged, password redacted
    assert SECRET not in log and "password='***'" in log
    assert not re.search(r"^\d{4}-\d\d-\d\d ", log, re.MULTILINE), "timestamps: journald adds its own"
    assert "Traceback" not in log


def test_sighup_reloads_the_config_and_keeps_the_running_one_if_the_new_one_fails(
        running: Running, home: Home, spoken: dict[str, np.ndarray]) -> None:
    running.command(spoken["turn on the desk lamp"], "I don't know a device called desk lamp.")

    home.write([PORCH, KETTLE], broken=True)
    mark = len(running.log())
    running.proc.send_signal(signal.SIGHUP)
    running.wait_log(f"<3>assistant.service: reload failed, still running with the previous config: {home.config}:4: "
                     "devices[0].type: expected one of", after=mark)
    running.notes.wait_for("READY=1", count=2)

    closed = free_port()  # a broker that is not there: the reload is abandoned, the old connection restored
    home.write([PORCH, KETTLE], port=closed)
    mark = len(running.log())
    running.proc.send_signal(signal.SIGHUP)
    running.wait_log("<3>assistant.service: reload failed, still running with the previous config: cannot reach "
                     f"the MQTT broker at 127.0.0.1:{closed}", after=mark)
    running.notes.wait_for("READY=1", count=3)
    running.command(spoken["turn on the porch light"], "Done, the porch light is on.")

    home.write([PORCH, KETTLE, DESK])
    mark = len(running.log())
    running.proc.send_signal(signal.SIGHUP)
    running.wait_log(f"reloaded {home.config}: 3 devices; reconnected to the broker", after=mark)
    running.notes.wait_for("READY=1", count=4)
    assert running.notes.lines().count("RELOADING=1") == 3
    running.command(spoken["turn on the desk lamp"], "Done, the desk lamp is on.")
    assert home.sim.states["desk_lamp"]["state"] == "ON"

    assert running.stop() == 0
    assert SECRET not in running.log()


def test_a_device_announced_while_running_is_understood_without_a_restart(
        home: Home, tmp_path: Path, spoken: dict[str, np.ndarray]) -> None:
    prefix = unique("ha")
    home.write([PORCH, KETTLE], discovery_prefix=prefix)
    running = Running(home.config, tmp_path / "stderr.log")
    announcer = Probe(home.broker).start()
    try:
        running.notes.wait_for("READY=1", timeout=60)
        running.command(spoken["turn on the desk lamp"], "I don't know a device called desk lamp.")

        mark = len(running.log())  # the lamp is paired: Home Assistant (here: the test) announces it, retained
        announcer.publish(f"{prefix}/light/desk_lamp/config", json.dumps({
            "name": "Desk lamp", "schema": "json", "cmd_t": f"{home.base}/desk_lamp/set",
            "stat_t": f"{home.base}/desk_lamp", "dev": {"name": "Desk lamp", "sa": "Study"}}), retain=True)
        running.wait_log("the home on the broker changed: new or changed desk_lamp; gone none", after=mark)
        running.wait_log(f"reloaded {home.config}: 3 devices; reconnected to the broker", after=mark)
        running.notes.wait_for("READY=1", count=2)
        running.command(spoken["turn on the desk lamp"], "Done, the desk lamp is on.")
        assert home.sim.states["desk_lamp"]["state"] == "ON"

        mark = len(running.log())  # and removed again: an empty retained config
        announcer.publish(f"{prefix}/light/desk_lamp/config", "", retain=True)
        running.wait_log("the home on the broker changed: new or changed none; gone desk_lamp", after=mark)
        assert running.stop() == 0
    finally:
        announcer.stop()
        running.close()


def test_run_wav_handles_the_file_then_exits(tmp_path: Path, home: Home, spoken: dict[str, np.ndarray]) -> None:
    wav = tmp_path / "command.wav"
    pause = np.zeros(RATE, dtype=np.int16)
    write_wav(wav, np.concatenate([pause, spoken["turn on the kettle"], pause]))
    result = subprocess.run([sys.executable, "-m", "assistant", "run", "--config", str(home.config), "--wav", str(wav)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT,
                            env={k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "JOURNAL_STREAM")})
    assert result.returncode == 0, result.stderr
    assert "heard 'Turn on the kettle.' -> Done, the kettle is on." in result.stderr
    timestamped = r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO assistant.service: heard"  # no TTY, no journald
    assert re.search(timestamped, result.stderr, re.MULTILINE)


def test_a_command_confirmed_after_its_answer_is_announced(mosquitto: BrokerSettings, home_registry: Registry) -> None:
    """'Sent, not yet confirmed' must not leave the user believing it did not happen."""
    service = Service(lambda: load_config(None), play=False)
    service._bridge = MqttBridge(mosquitto, home_registry)
    service._late_confirmation(CallResult(ToolCall("turn_on", "porch_light"), True, DeviceState(on=True)))
    announcement = service._to_say.get_nowait()
    assert announcement.text.startswith("Update: The porch light is on")
    assert announcement.room is None
