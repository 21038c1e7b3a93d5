"""The home as the broker announces it: Home Assistant MQTT discovery, Zigbee2MQTT's device list and Tasmota's
own discovery (`tasmota/discovery/<MAC>/config` and `.../sensors`), merged with the config's `devices:` entries
(which rename and extend discovered devices by id).

`discover_registry` is the one-shot form for commands: connect, take in the retained announcements
until they stop coming (or `discovery.timeout_s`), and return the registry. `HomeDiscovery` stays
connected and keeps up: an empty retained config removes its entities, a new one adds or replaces them,
and when Home Assistant comes back (`<prefix>/status` = online) the configs are read again.

When an entity of Home Assistant discovery reports on the state topic of a device from Zigbee2MQTT's own
list, the Zigbee2MQTT device is kept and the entity dropped: it is the same device, and Zigbee2MQTT's
native payloads carry more (brightness scale, colour, lock state) than its Home Assistant description.

What is announced is used only as the operator accepted it (assistant/act/trust.py): a new device, or a
re-announcement that changes a device's type, topics or payloads, is pending until `assistant devices
--accept`, and is logged once; the accepted version stays in use. A device whose command topic is
another's is never used.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import paho.mqtt.client as mqtt

from assistant.act.connection import connect, guarded, make_client
from assistant.act.trust import Pending, TrustStore, changes, claimed, command_topics, same_wire
from assistant.config import BrokerSettings, Config, DeviceOverride, DiscoverySettings
from assistant.registry import Device, Registry
from devices import homeassistant, tasmota_discovery, zigbee2mqtt_devices
from devices.wire import PayloadError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Review:
    """The announced home sorted out: the devices to use, and those waiting for the operator's word."""

    usable: list[Device]
    pending: list[Pending]


class HomeDiscovery:
    """A connection that listens to the announcements and keeps the devices they describe."""

    def __init__(self, settings: BrokerSettings, discovery: DiscoverySettings,
                 on_change: Callable[[], None] | None = None, trust: TrustStore | None = None) -> None:
        self.settings = settings
        self.discovery = discovery
        self.on_change = on_change  # called (on the MQTT thread) after each change
        self.trust = trust or TrustStore()
        self._reported: set[tuple[str, str]] = set()  # (id, reason) already logged
        self._announced: dict[str, tuple[Device, ...]] = {}  # discovery topic -> its devices
        self._tasmota = tasmota_discovery.TasmotaAnnouncements()  # a Tasmota's config and sensors, read together
        self._lock = threading.Lock()
        self._last_heard = time.monotonic()
        self._subscribed = threading.Event()
        self._client = make_client(settings, f"{settings.client_id}-d{os.getpid()}")  # adds <= 10: CLIENT_ID_MAX
        self._client.on_connect = guarded(self._on_connect)
        self._client.on_subscribe = lambda *_: self._subscribed.set()
        self._client.on_message = guarded(self._on_message)

    @property
    def topics(self) -> list[str]:
        """`<prefix>/+/+/config` also matches device-based `<prefix>/device/<id>/config`."""
        prefix = self.discovery.prefix
        topics = [f"{prefix}/+/+/config", f"{prefix}/+/+/+/config", f"{prefix}/status", *tasmota_discovery.TOPICS]
        if self.discovery.zigbee2mqtt_base_topic:
            topics.append(f"{self.discovery.zigbee2mqtt_base_topic}/bridge/devices")
        return topics

    def start(self, timeout: float = 10.0) -> HomeDiscovery:
        connect(self._client, self.settings, timeout)
        if not self._subscribed.wait(timeout):
            raise TimeoutError(f"the broker did not acknowledge the discovery subscriptions within {timeout:.0f} s")
        with self._lock:
            self._last_heard = time.monotonic()
        return self

    def close(self) -> None:
        self._client.disconnect()
        self._client.loop_stop()

    def __enter__(self) -> HomeDiscovery:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def wait_quiet(self, quiet_s: float = 0.2, timeout_s: float | None = None) -> None:
        """Return once no announcement came for `quiet_s` (retained ones arrive in one burst), or at the timeout."""
        deadline = time.monotonic() + (self.discovery.timeout_s if timeout_s is None else timeout_s)
        while True:
            with self._lock:
                quiet_until = self._last_heard + quiet_s
            now = time.monotonic()
            if now >= quiet_until or now >= deadline:
                return
            time.sleep(min(quiet_until, deadline) - now)

    def devices(self) -> list[Device]:
        """The discovered devices to use: those accepted, as accepted (see `review`)."""
        return self.review().usable

    def announced(self) -> dict[str, tuple[Device, str]]:
        """Every announced device and the topic it came on, by id: Zigbee2MQTT's list first, then in topic
        order; ids made unique."""
        with self._lock:
            announced = dict(self._announced)
        z2m_topics = [t for t in announced if t.endswith("/bridge/devices")]
        found = {d.id: (d, t) for t in sorted(z2m_topics) for d in announced[t]}
        covered = {d.state_topic for d, _t in found.values()}
        for topic in sorted(set(announced) - set(z2m_topics)):
            for device in announced[topic]:
                if device.mqtt.state_topic in covered:
                    continue
                unique = device.id if device.id not in found else f"{device.id}_{device.type}"
                if unique in found:
                    log.warning("skipped the %s announced on %s: the id %s is taken", device.type, topic, unique)
                    continue
                found[unique] = (dataclasses.replace(device, id=unique), topic)
        return found

    def review(self, fixed: Iterable[Device] = ()) -> Review:
        """What is announced, sorted out against what the operator accepted; `fixed`: the config's own
        devices, whose command topics no discovered device may take. While nothing was ever accepted, what
        is announced is trusted on first use and recorded. Each pending device is logged once."""
        self.trust.refresh()
        announced = self.announced()
        if not self.trust.devices and announced:
            first, _refused = claimed((d for d, _t in announced.values()), fixed)  # those stay pending
            if first:
                self._trust_on_first_use(first)
        accepted = self.trust.devices
        candidates, pending = [], []
        for device, topic in announced.values():
            known = accepted.get(device.id)
            if known is None:
                pending.append(Pending(device, topic, "new"))
            elif same_wire(known, device):
                candidates.append(device)  # as announced now: a new name or area needs no word
            else:
                pending.append(Pending(device, topic, f"changed: {changes(known, device)}"))
                candidates.append(known)
        usable, refused = claimed(candidates, fixed)
        pending += [Pending(d, announced[d.id][1], refused[d.id]) for d in candidates if d.id in refused]
        for waiting in pending:
            self._report(waiting)
        return Review(usable, pending)

    def accept(self, ids: Collection[str] | None = None, fixed: Iterable[Device] = ()) -> list[str]:
        """Accept what is announced now, every pending device or those in `ids`, except one whose command
        topic is another device's. Returns a line per device for the operator."""
        fixed = list(fixed)
        pending = {p.device.id: p for p in self.review(fixed).pending}
        lines, chosen = [], []
        for device_id in sorted(pending) if ids is None else ids:
            waiting = pending.get(device_id)
            if waiting is None:
                known = device_id in self.trust.devices
                lines.append(f"{device_id}: nothing to accept ({'accepted already' if known else 'not announced'})")
            elif not waiting.reason.startswith(("new", "changed")):
                lines.append(f"{device_id}: not accepted: {waiting.reason}; change one of them first")
            else:
                chosen.append(waiting.device)
        others = [d for d in self.devices() if d.id not in {c.id for c in chosen}]
        kept, refused = claimed(chosen, [*fixed, *others])
        self.trust.accept(kept)
        lines += [f"{d.id}: accepted ({d.type}, commands on {', '.join(sorted(command_topics(d))) or 'nothing'})"
                  for d in kept]
        lines += [f"{i}: not accepted: {why}; change one of them first" for i, why in refused.items()]
        self._reported.clear()
        return lines

    def _trust_on_first_use(self, devices: list[Device]) -> None:
        try:
            self.trust.accept(devices)
        except OSError as exc:
            log.error("cannot record the trusted devices in %s: %s", self.trust.path, exc)
            return
        log.warning("no device was accepted yet: trusted the %d announced now (%s) and recorded them in %s; "
                    "from now on a new device, or a change to a device's type, topics or payloads, waits for "
                    "`assistant devices --accept`", len(devices), ", ".join(sorted(d.id for d in devices)),
                    self.trust.path)

    def _report(self, waiting: Pending) -> None:
        device = waiting.device
        if (device.id, waiting.reason) in self._reported:
            return
        self._reported.add((device.id, waiting.reason))
        if waiting.reason == "new":
            log.warning("%s: a new %s announced on %s; not used until accepted: assistant devices --accept %s",
                        device.id, device.type, waiting.topic, device.id)
        elif waiting.reason.startswith("changed"):
            log.warning("%s: ignored the announcement on %s that %s; still using the accepted one. If the "
                        "change is yours: assistant devices --accept %s", device.id, waiting.topic,
                        waiting.reason.replace("changed: ", "changes "), device.id)
        else:
            log.warning("%s: not used: %s (announced on %s)", device.id, waiting.reason, waiting.topic)

    def _on_connect(self, client: mqtt.Client, _u: object, _f: object, reason: object, _p: object) -> None:
        if not getattr(reason, "is_failure", False):
            client.subscribe([(topic, 1) for topic in self.topics])

    def _on_message(self, client: mqtt.Client, _u: object, msg: mqtt.MQTTMessage) -> None:
        with self._lock:
            self._last_heard = time.monotonic()
        if msg.topic == f"{self.discovery.prefix}/status":
            if msg.payload.strip().lower() == b"online":
                log.info("Home Assistant is online: reading the discovery configs again")
                client.subscribe([(topic, 1) for topic in self.topics if not topic.endswith("/status")])
            return
        if tasmota_discovery.is_announcement(msg.topic):
            self._take_tasmota(msg.topic, msg.payload)
            return
        if not msg.payload:  # an empty retained config removes what it announced
            with self._lock:
                removed = self._announced.pop(msg.topic, None)
            if removed:
                log.info("removed %s (announced on %s)", ", ".join(d.id for d in removed), msg.topic)
                self._changed()
            return
        try:
            devices = self._parse(msg.topic, msg.payload)
        except PayloadError as exc:
            log.warning("skipped malformed discovery payload on %s: %s", msg.topic, exc)
            return
        with self._lock:
            self._announced[msg.topic] = devices
        self._changed()

    def _take_tasmota(self, topic: str, payload: bytes) -> None:
        try:
            config_topic, devices = self._tasmota.take(topic, payload, self.discovery.default_area)
        except PayloadError as exc:
            log.warning("skipped malformed Tasmota discovery payload on %s: %s", topic, exc)
            return
        with self._lock:
            if devices:
                self._announced[config_topic] = devices
            else:
                self._announced.pop(config_topic, None)
        self._changed()

    def _parse(self, topic: str, payload: bytes) -> tuple[Device, ...]:
        area = self.discovery.default_area
        base = self.discovery.zigbee2mqtt_base_topic
        if base and topic == f"{base}/bridge/devices":
            return zigbee2mqtt_devices.parse_devices(base, payload, area)
        return homeassistant.parse_config(self.discovery.prefix, topic, payload, area)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


def merge(discovered: Iterable[Device], config: Config) -> Registry:
    """Discovered devices with the config's entries applied by id, plus the config's own whole devices.
    A discovered device whose command topic is a config device's is left out."""
    discovered, refused = claimed(discovered, config.devices)
    for device_id, why in refused.items():
        log.warning("%s: not used: %s", device_id, why)
    overrides = {entry.id: entry for entry in config.overrides}
    devices = {d.id: _overridden(d, overrides[d.id]) if d.id in overrides else d for d in discovered}
    for device in config.devices:
        devices.setdefault(device.id, device)
    for entry in config.overrides:
        if entry.id not in devices:
            log.warning("%s:%d: devices: %s was not discovered and is not a whole device (id, name, area, type); "
                        "left out", config.source, entry.line, entry.id)
    return Registry(devices.values(), dict(config.area_groups))


def _overridden(device: Device, entry: DeviceOverride) -> Device:
    return dataclasses.replace(
        device,
        name=entry.name or device.name,
        area=entry.area or device.area,
        type=entry.type or device.type,
        features=device.features if entry.features is None else entry.features,
        aliases=tuple(dict.fromkeys((*device.aliases, *entry.aliases))),
        mqtt=entry.mqtt or device.mqtt,
        confirm=device.confirm if entry.confirm is None else entry.confirm,
        device_class=entry.device_class or device.device_class,
        binary=device.binary if entry.binary is None else entry.binary,
    )


@dataclass(frozen=True)
class Home:
    """The home for a command, and what the broker announces that is not used until accepted."""

    registry: Registry
    pending: list[Pending]
    accepted: list[str]  # with `accept`: a line for each device the operator asked to accept


def discover_home(settings: BrokerSettings, config: Config, accept: Collection[str] | None = None,
                  timeout_s: float | None = None) -> Home:
    """What the broker announces, sorted out against the accepted devices and merged with the config.
    `accept`: first accept what is announced now (empty: everything pending; else these ids)."""
    with HomeDiscovery(settings, config.discovery) as discovery:
        discovery.wait_quiet(timeout_s=timeout_s)
        lines = [] if accept is None else discovery.accept(accept or None, config.devices)
        review = discovery.review(config.devices)
    log.info("discovered %d devices (%d pending)", len(review.usable), len(review.pending))
    return Home(merge(review.usable, config), review.pending, lines)


def discover_registry(settings: BrokerSettings, config: Config, timeout_s: float | None = None) -> Registry:
    """The home for a command: what the broker announces and the operator accepted, merged with the config
    (the config alone when discovery is off). `settings` is the broker to ask, e.g. the one
    `session.broker_for(config)` gives."""
    if not config.discovery.enabled:
        return config.registry()
    return discover_home(settings, config, timeout_s=timeout_s).registry
