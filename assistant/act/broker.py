"""The embedded MQTT broker (amqtt), for a home without one and for the demo.

amqtt speaks MQTT 3.1.1 only, so clients of the embedded broker must use that protocol.
It runs on its own asyncio loop in a daemon thread so the rest of the program stays synchronous.

amqtt 0.12.1 iterates its subscription table across awaits (when a client connects, and for every
message it routes) while other clients subscribe and disconnect: the connecting client is dropped with
"dictionary changed size during iteration", and a subscriber removed mid-broadcast makes the broadcast
skip the next one. Both happen in the demo, where the simulated home and the assistant connect at the
same moment. The broker here iterates snapshots instead (`_SubscriptionTable`).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from types import TracebackType

log = logging.getLogger(__name__)


class _Subscribers(list):  # type: ignore[type-arg]
    """One topic filter's (session, qos) pairs; iterating gives a snapshot, so removals mid-loop skip no one."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self[:])


class _SubscriptionTable(dict):  # type: ignore[type-arg]
    """amqtt's topic filter → subscribers table, iterated as snapshots so awaits inside loops are safe."""

    def __setitem__(self, topic_filter: str, subscribers: list) -> None:  # type: ignore[type-arg]
        super().__setitem__(topic_filter, _Subscribers(subscribers))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(list(super().keys()))

    def keys(self) -> list:  # type: ignore[override, type-arg]
        return list(super().keys())

    def values(self) -> list:  # type: ignore[override, type-arg]
        return list(super().values())

    def items(self) -> list:  # type: ignore[override, type-arg]
        return list(super().items())


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class EmbeddedBroker:
    """An in-process broker bound to loopback; use as a context manager."""

    def __init__(self, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.host = host
        self.port = port or free_port(host)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._broker: object | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> EmbeddedBroker:
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._start())
            except BaseException as exc:  # reported to the caller below
                failure.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.close()

        for name in ("amqtt", "transitions"):
            logging.getLogger(name).setLevel(logging.WARNING)
        self._thread = threading.Thread(target=run, name="embedded-broker", daemon=True)
        self._thread.start()
        ready.wait(15)
        if failure:
            raise RuntimeError(f"embedded MQTT broker failed to start on {self.host}:{self.port}: {failure[0]}")
        log.info("embedded MQTT broker listening on %s:%d (MQTT 3.1.1)", self.host, self.port)
        return self

    async def _start(self) -> None:
        from amqtt.broker import Broker

        config = {
            "listeners": {"default": {"type": "tcp", "bind": f"{self.host}:{self.port}"}},
            "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
        }
        self._broker = Broker(config)
        self._broker._subscriptions = _SubscriptionTable()  # type: ignore[attr-defined]
        await self._broker.start()  # type: ignore[attr-defined]

    def stop(self) -> None:
        loop, broker = self._loop, self._broker
        if loop is None or broker is None:
            return
        future = asyncio.run_coroutine_threadsafe(broker.shutdown(), loop)  # type: ignore[attr-defined]
        try:
            future.result(timeout=10)
        except Exception as exc:  # shutdown problems must not hide the caller's own exit
            log.warning("embedded broker did not shut down cleanly: %s", exc)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._broker = None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
