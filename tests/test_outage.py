"""A broker outage in the middle of a burst: every command is confirmed or reported failed, none vanish."""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

from conftest import MOSQUITTO, isolated, unique, wait_until

from assistant.act.bridge import CallResult, MqttBridge
from assistant.act.broker import free_port
from assistant.config import BrokerSettings, load_config
from assistant.tools import ToolCall
from devices.simulator import SimulatedHome


class RestartableMosquitto:
    """A Mosquitto of this test's own, on a fixed port, that can be stopped and started again."""

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

    def stop(self) -> None:
        assert self.proc is not None
        self.proc.terminate()
        self.proc.wait(10)


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def test_burst_of_200_commands_survives_a_broker_restart(tmp_path: Path) -> None:
    broker = RestartableMosquitto(tmp_path)
    broker.start()
    settings = BrokerSettings(host="127.0.0.1", port=broker.port, protocol="5", client_id=unique("o"))
    registry = isolated(load_config(None).registry())
    switches = [d for d in registry if d.type in ("light", "switch")]
    results: list[CallResult] = []
    try:
        with SimulatedHome(dataclasses.replace(settings, client_id=unique("sim")), registry):
            bridge = MqttBridge(settings, registry, timeout_s=5, hold_s=15, persistent=True).connect()

            def burst() -> None:
                for i in range(200):
                    device = switches[i % len(switches)]
                    results.extend(bridge.execute([ToolCall("turn_on" if (i // len(switches)) % 2 else "turn_off",
                                                            device.id)]))
                    time.sleep(0.01)

            worker = threading.Thread(target=burst)
            worker.start()
            assert wait_until(lambda: len(results) >= 50, timeout=10)
            broker.stop()
            outage_started = len(results)
            time.sleep(1.5)
            broker.start()
            worker.join(60)
            bridge.close()
    finally:
        if broker.proc and broker.proc.poll() is None:
            broker.stop()
    assert not worker.is_alive()
    confirmed = [r for r in results if r.ok]
    failed = [r for r in results if not r.ok]
    assert len(confirmed) + len(failed) == 200  # nothing vanished: each command has an outcome
    assert all(r.error in ("no response", "not sent") for r in failed)
    assert outage_started < 200, "the outage should hit the middle of the burst"
    assert len(confirmed) >= 195, f"held commands should go through after the restart: {len(failed)} failed"


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
