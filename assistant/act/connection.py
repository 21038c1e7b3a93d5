"""One way to open a paho-mqtt client, shared by the bridge, discovery and the simulated devices, and one
way to guard its callbacks.

TCP_NODELAY is set on every socket: without it a command -> state round trip waits on Nagle's
algorithm and delayed ACKs (~88 ms on loopback instead of ~0.25 ms).

Every callback is `guarded`: an exception in a paho callback ends paho's network thread, and with it
every confirmation, reconnect and keepalive of that client, for good. One bad message must cost only
itself.
"""

from __future__ import annotations

import functools
import logging
import socket
import ssl
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from assistant.config import BrokerSettings

log = logging.getLogger(__name__)


class BrokerUnavailable(ConnectionError):
    """The broker could not be reached or refused us; the message says which and where."""


class _OncePerTopic:
    """Logs the first problem of a kind per topic at the level asked and later ones at debug level, and no more
    than LOUD_PER_MINUTE above debug: whoever may publish on the broker must not be able to flood the journal."""

    KEPT = 1024  # topics remembered; a flood of new topics only starts over at the oldest
    LOUD_PER_MINUTE = 10

    def __init__(self, logger: logging.Logger) -> None:
        self._log = logger
        self._seen: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._loud: deque[float] = deque(maxlen=self.LOUD_PER_MINUTE)  # when the latest loud ones were logged
        self._lock = threading.Lock()

    def log(self, level: int, kind: str, topic: str, message: str, *args: object, exc_info: bool = False) -> None:
        with self._lock:
            now, first = time.monotonic(), (kind, topic) not in self._seen
            self._seen[kind, topic] = None
            self._seen.move_to_end((kind, topic))
            while len(self._seen) > self.KEPT:
                self._seen.popitem(last=False)
            loud = first and (len(self._loud) < self.LOUD_PER_MINUTE or now - self._loud[0] >= 60)
            if loud:
                self._loud.append(now)
        self._log.log(level if loud else logging.DEBUG, message, *args, exc_info=exc_info)


_failed = _OncePerTopic(log)


def guarded(callback: Callable[..., None]) -> Callable[..., None]:
    """`callback` as a paho callback that never raises: what it raises is logged (with its traceback the first
    time per callback and topic, see _OncePerTopic) and the message or event skipped, and paho's network
    thread lives on."""
    name = getattr(callback, "__qualname__", repr(callback))

    @functools.wraps(callback)
    def guard(*args: object) -> None:
        try:
            callback(*args)
        except Exception as exc:  # whatever it is, it must not end the network thread
            topic = next((_topic(a) for a in args if isinstance(a, mqtt.MQTTMessage)), "")
            _failed.log(logging.ERROR, name, topic, "%s failed%s and was skipped: %s: %s", name,
                        f" on {topic}" if topic else "", type(exc).__name__, str(exc)[:200], exc_info=True)

    return guard


def _topic(message: mqtt.MQTTMessage) -> str:
    try:
        return message.topic
    except UnicodeDecodeError:  # paho decodes the topic on access; MQTT requires UTF-8, a broker may not check
        return repr(message._topic)


def _nodelay(_client: mqtt.Client, _userdata: object, sock: socket.socket) -> None:
    if isinstance(sock, socket.socket) and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


SESSION_EXPIRY_S = 3600


def make_client(settings: BrokerSettings, client_id: str, persistent: bool = False) -> mqtt.Client:
    """A configured, not yet connected client: protocol, auth, TLS, backoff, TCP_NODELAY.

    `persistent`: the broker keeps our subscriptions and queued QoS 1 messages across a reconnect.
    """
    v5 = settings.protocol == "5"
    client = mqtt.Client(
        CallbackAPIVersion.VERSION2,
        client_id=client_id,
        protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311,
        clean_session=None if v5 else not persistent,
    )
    client.on_socket_open = _nodelay
    client.reconnect_delay_set(min_delay=1, max_delay=30)
    client.max_queued_messages_set(1000)
    if settings.username:
        client.username_pw_set(settings.username, settings.password)
    if settings.tls is not None:
        try:
            client.tls_set(
                ca_certs=settings.tls.ca_certs,
                certfile=settings.tls.certfile,
                keyfile=settings.tls.keyfile,
                cert_reqs=ssl.CERT_REQUIRED,
            )
        except (OSError, ssl.SSLError) as exc:
            raise BrokerUnavailable(f"cannot use the TLS files in broker.tls: {exc}") from exc
        client.tls_insecure_set(settings.tls.insecure)
    return client


def connect(client: mqtt.Client, settings: BrokerSettings, timeout: float = 10.0, persistent: bool = False) -> None:
    """Connect and start the network thread; raise BrokerUnavailable if not connected in time."""
    connected = threading.Event()
    refused: list[str] = []
    previous = client.on_connect

    def on_connect(c: mqtt.Client, userdata: object, flags: object, reason: object, props: object) -> None:
        try:
            if getattr(reason, "is_failure", False):
                refused.append(str(reason))
            if previous is not None:  # subscribe first: a caller may publish as soon as connect() returns
                previous(c, userdata, flags, reason, props)
        finally:
            connected.set()

    client.on_connect = guarded(on_connect)
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.protocol == "5":
            properties = Properties(PacketTypes.CONNECT)
            if persistent:
                properties.SessionExpiryInterval = SESSION_EXPIRY_S
            client.connect(settings.host or "127.0.0.1", settings.port, keepalive=settings.keepalive,
                           clean_start=not persistent, properties=properties)
        else:
            client.connect(settings.host or "127.0.0.1", settings.port, keepalive=settings.keepalive)
    except (OSError, ssl.SSLError) as exc:
        raise BrokerUnavailable(f"cannot reach the MQTT broker at {where}: {exc}") from exc
    client.loop_start()
    if not connected.wait(timeout):
        client.loop_stop()
        raise BrokerUnavailable(f"the MQTT broker at {where} did not answer within {timeout:.0f} s")
    if refused:
        client.loop_stop()
        raise BrokerUnavailable(f"the MQTT broker at {where} refused the connection: {refused[0]}")
    log.info("connected to MQTT broker %s (MQTT %s)", where, settings.protocol)
