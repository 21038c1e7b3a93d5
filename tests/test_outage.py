"""The broker dies, is killed or freezes in the middle of a burst of commands: counted at the devices, no
confirmed command is lost or doubled, and none the user was told failed is carried out afterwards.

The default run is short; the issue's goal (10 rounds during a 200-command burst, the broker frozen 20 s
like the tester's) runs with OUTAGE_ROUNDS=10 OUTAGE_COMMANDS=200 OUTAGE_FREEZE_S=20.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import MOSQUITTO, isolated, unique, wait_until

from assistant.act.bridge import CallResult, MqttBridge
from assistant.act.broker import free_port
from assistant.answer.reply import compose
from assistant.config import BrokerSettings, load_config
from assistant.registry import Device, Registry
from assistant.tools import ToolCall, Understanding
from devices.conventions import convention_of
from devices.simulator import SimulatedHome

FAULTS = ("SIGTERM", "SIGKILL", "SIGSTOP")
ROUNDS = int(os.environ.get("OUTAGE_ROUNDS", "3"))
COMMANDS = int(os.environ.get("OUTAGE_COMMANDS", "60"))
FREEZE_S = float(os.environ.get("OUTAGE_FREEZE_S", "5"))
DOWN_S = 1.5  # how long a stopped or killed broker stays away


class RestartableMosquitto:
    """A Mosquitto of this test's own, on a fixed port, that can be stopped, killed, frozen and started again."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.conf = workdir / "mosquitto.conf"
        lines = [f"listener {self.port} 127.0.0.1", "allow_anonymous true", "set_tcp_nodelay true"]
        if os.geteuid() == 0:
            lines.append("user root")
        self.conf.write_text("\n".join(lines) + "\n")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen([MOSQUITTO, "-c", str(self.conf)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        assert wait_until(lambda: _accepts(self.port), timeout=10)

    def stop(self, how: signal.Signals = signal.SIGTERM) -> None:
        assert self.proc is not None
        self.proc.send_signal(how)
        self.proc.wait(10)

    def fault(self, name: str, freeze_s: float) -> None:
        """One round of trouble; returns once the broker runs again."""
        assert self.proc is not None
        if name == "SIGSTOP":  # the process stays, its sockets keep accepting bytes it does not read
            self.proc.send_signal(signal.SIGSTOP)
            time.sleep(freeze_s)
            self.proc.send_signal(signal.SIGCONT)
            return
        self.stop(signal.Signals[name])
        time.sleep(DOWN_S)
        self.start()

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.stop()


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class Told:
    """One command and what the user was told of it, and when."""

    result: CallResult
    at: float  # time.monotonic() when execute() returned
    wire: tuple[str, bytes]  # the command as the device receives it


def _command(i: int, lights: list[Device]) -> ToolCall:
    """A distinct level per light and command, so each arrival names the one command it came from."""
    return ToolCall("set_brightness", lights[i % len(lights)].id, float(1 + (i // len(lights)) % 100))


def _wire(registry: Registry, call: ToolCall) -> tuple[str, bytes]:
    device = registry[call.device]
    [message] = convention_of(device).commands(device, call)
    payload = message.payload
    return message.topic, payload.encode() if isinstance(payload, str) else payload


def _quiet(home: SimulatedHome, for_s: float, at_most_s: float) -> None:
    """Wait until nothing has arrived at the devices for `for_s`: late deliveries have landed."""
    deadline = time.monotonic() + at_most_s
    seen = -1
    while time.monotonic() < deadline and seen != len(home.received):
        seen = len(home.received)
        time.sleep(for_s)


@contextmanager
def _running(tmp_path: Path, keepalive: int = 30,
             **bridge_args: float) -> Iterator[tuple[RestartableMosquitto, SimulatedHome, MqttBridge]]:
    """A broker of our own, every device simulated on it, and the service's bridge (persistent session)."""
    broker = RestartableMosquitto(tmp_path)
    broker.start()
    settings = BrokerSettings(host="127.0.0.1", port=broker.port, protocol="5", client_id=unique("o"),
                              keepalive=keepalive)
    registry = isolated(load_config(None).registry())
    try:
        with SimulatedHome(dataclasses.replace(settings, client_id=unique("sim")), registry) as home, \
                MqttBridge(settings, registry, persistent=True, **bridge_args).connect() as bridge:
            yield broker, home, bridge
    finally:
        broker.close()


def _lights(registry: Registry) -> list[Device]:
    return [d for d in registry if "brightness" in d.features]


def _burst_through_faults(tmp_path: Path, faults: list[str], commands: int, freeze_s: float,
                          keepalive: int = 30) -> list[Told]:
    """Send `commands` one after another (default bridge timeouts) while the faults hit, spread over the burst."""
    told: list[Told] = []
    with _running(tmp_path, keepalive) as (broker, home, bridge):
        lights = _lights(bridge.registry)
        assert commands <= 100 * len(lights), "each command needs a level of its own"

        def burst() -> None:
            for i in range(commands):
                call = _command(i, lights)
                [result] = bridge.execute([call])
                told.append(Told(result, time.monotonic(), _wire(bridge.registry, call)))
                time.sleep(0.01)

        worker = threading.Thread(target=burst)
        worker.start()
        for n, fault in enumerate(faults, 1):
            assert wait_until(lambda n=n: len(told) >= n * commands // (len(faults) + 1), timeout=60)
            broker.fault(fault, freeze_s)
            assert wait_until(lambda: bridge.connected, timeout=40), f"no reconnect after {fault}"
        worker.join(120)
        assert not worker.is_alive()
        _quiet(home, 1.5, at_most_s=15)
        arrived = list(home.received)
    _check(told, arrived, commands)
    return told


def _check(told: list[Told], arrived: list[tuple[float, str, bytes]], commands: int) -> None:
    at_device: dict[tuple[str, bytes], list[float]] = defaultdict(list)
    for at, topic, payload in arrived:
        at_device[(topic, payload)].append(at)
    by_error: dict[str | None, int] = defaultdict(int)
    for t in told:
        by_error[t.result.error] += 1
    lost = [t for t in told if t.result.ok and not at_device[t.wire]]
    doubled = [t for t in told if len(at_device[t.wire]) > 1]
    final = [t for t in told if not t.result.ok and t.result.error != "unconfirmed"]  # told it failed
    ran_after_failed = [t for t in final if any(at > t.at for at in at_device[t.wire])]
    never_sent_arrived = [t for t in told if t.result.error == "not sent" and at_device[t.wire]]
    unconfirmed_ran = sum(1 for t in told if t.result.error == "unconfirmed" and at_device[t.wire])
    summary = (f"{len(told)} commands: {dict(by_error)} (None = confirmed); unconfirmed that ran later: "
               f"{unconfirmed_ran}; lost {len(lost)}, doubled {len(doubled)}, "
               f"run after reported failed {len(ran_after_failed)}")
    print(summary)
    assert len(told) == commands
    assert all(t.result.error in (None, "unconfirmed", "no response", "not sent") for t in told), summary
    assert not lost, f"confirmed but never arrived: {[t.result.call for t in lost]}; {summary}"
    assert not doubled, f"arrived twice: {[t.result.call for t in doubled]}; {summary}"
    assert not ran_after_failed, f"carried out after being reported failed: " \
                                 f"{[(t.result.call, t.result.error) for t in ran_after_failed]}; {summary}"
    assert not never_sent_arrived, f"reported not sent, yet arrived: {never_sent_arrived}; {summary}"


def test_a_burst_through_broker_restarts_kills_and_freezes_loses_doubles_and_belates_nothing(
        tmp_path: Path) -> None:
    faults = [FAULTS[i % len(FAULTS)] for i in range(ROUNDS)]
    told = _burst_through_faults(tmp_path, faults, COMMANDS, FREEZE_S)
    confirmed = sum(t.result.ok for t in told)
    # each fault costs the commands sent while it lasts, not the burst: the rest are held and go through
    assert confirmed >= COMMANDS - 4 * len(faults) - sum(FREEZE_S / 3 + 1 for f in faults if f == "SIGSTOP"), \
        f"only {confirmed} of {COMMANDS} confirmed"


def test_a_freeze_longer_than_the_keepalive_reconnects_without_resending_what_was_reported(tmp_path: Path) -> None:
    # paho gives up on the frozen broker after 1.5 keepalives and reconnects once it thaws; it must not
    # resend what was already reported, nor send afterwards what was reported not sent
    told = _burst_through_faults(tmp_path, ["SIGSTOP"], 30, freeze_s=9, keepalive=5)
    assert any(t.result.error == "unconfirmed" for t in told), "the freeze should catch a command in flight"


def test_a_command_to_a_frozen_broker_is_reported_sent_not_confirmed_and_its_late_confirmation_announced(
        tmp_path: Path) -> None:
    with _running(tmp_path, timeout_s=0.5) as (broker, home, bridge):
        late: list[CallResult] = []
        bridge.on_late = late.append
        call = ToolCall("set_brightness", "reading_lamp", 40.0)
        assert broker.proc is not None
        broker.proc.send_signal(signal.SIGSTOP)  # the tester's freeze: the command sits unread in its socket
        try:
            [result] = bridge.execute([call])
        finally:
            broker.proc.send_signal(signal.SIGCONT)
        answer = compose(Understanding("reading lamp to 40", [call], None, "rules"), [result], bridge.registry)
        assert wait_until(lambda: late, timeout=5)
        _quiet(home, 0.5, at_most_s=5)
        arrived = [(topic, payload) for _, topic, payload in home.received]
    assert (result.ok, result.error) == (False, "unconfirmed")
    assert answer == "I sent it to the reading lamp but it hasn't confirmed yet."
    assert late[0].ok and late[0].call == call and late[0].state and late[0].state.brightness == 40
    assert arrived.count(_wire(bridge.registry, call)) == 1


def test_commands_paho_still_held_at_their_deadline_are_not_sent_and_never_arrive(tmp_path: Path) -> None:
    # paho writes 20 QoS 1 messages, then waits for acknowledgements; the rest wait in its own queue
    with _running(tmp_path, timeout_s=0.5) as (broker, home, bridge):
        calls = [_command(i, _lights(bridge.registry)) for i in range(25)]
        assert broker.proc is not None
        broker.proc.send_signal(signal.SIGSTOP)
        try:
            results = bridge.execute(calls)
        finally:
            broker.proc.send_signal(signal.SIGCONT)
        _quiet(home, 0.5, at_most_s=5)
        arrived = [(topic, payload) for _, topic, payload in home.received]
        [after] = bridge.execute([_command(25, _lights(bridge.registry))])  # paho's 20 slots are free again
    assert [r.error for r in results] == ["unconfirmed"] * 20 + ["not sent"] * 5
    assert [arrived.count(_wire(bridge.registry, c)) for c in calls] == [1] * 20 + [0] * 5
    assert after.ok


def test_commands_fail_clearly_when_the_broker_stays_away(tmp_path: Path) -> None:
    broker = RestartableMosquitto(tmp_path)
    broker.start()
    settings = BrokerSettings(host="127.0.0.1", port=broker.port, protocol="5", client_id=unique("o"))
    registry = isolated(load_config(None).registry())
    bridge = MqttBridge(settings, registry, timeout_s=1, hold_s=0.5).connect(settle_s=0)
    try:
        broker.stop()
        assert wait_until(lambda: not bridge.connected, timeout=5)
        started = time.monotonic()
        [result] = bridge.execute([ToolCall("turn_on", "kettle")])
        assert result.ok is False and result.error == "not sent"
        assert time.monotonic() - started < 2
    finally:
        bridge.close()
