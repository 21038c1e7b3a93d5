"""The MQTT bridge: sends tool calls in each device's convention and waits for its state to confirm.

A call counts as done only when the device reports the new state on its state topic after the
command was sent; otherwise the result says why (no answer in time, device offline, no broker, a call
the device's convention cannot carry). Topics, payloads and what confirms a call come from the device's
convention (devices.conventions): Zigbee2MQTT, Tasmota, Home Assistant entities or generic.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from assistant.act.connection import connect, guarded, make_client
from assistant.config import BrokerSettings
from assistant.registry import Availability, Device, Registry
from assistant.tools import KELVIN_RANGE, ToolCall
from devices.climate import restoring
from devices.conventions import convention_of
from devices.state import DeviceState
from devices.wire import PayloadError, Unsupported, availability_of

log = logging.getLogger(__name__)

_AFTER_ACK_S = 1.0  # a device answers within this of the broker taking its command (or the timeout, if shorter)
_WHY = {"unconfirmed": "; the broker has not acknowledged it, it may still arrive", "not sent": "; it was never sent"}
_ACKS_KEPT = 1024  # acknowledgement times remembered (message ids); far more than are ever in flight


@dataclass(frozen=True)
class CallResult:
    """What became of one call: confirmed with the device's new state, or an error saying why not.

    Only "unconfirmed" may still happen: the command was written to the broker's socket but the broker
    has not acknowledged it (a stalled broker may yet read it). Every other error is final.
    """

    call: ToolCall
    ok: bool
    state: DeviceState | None = None
    error: str | None = None  # "unconfirmed", "no response", "offline", "not sent", "state unknown", "unsupported"
    ms: float = 0.0

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {**self.call.to_dict(), "ok": self.ok, "ms": round(self.ms, 3)}
        if self.error:
            out["error"] = self.error
        if self.state is not None:
            out["state"] = {k: v for k, v in vars(self.state).items() if v is not None}
        return out


class _Tracked:
    """The latest state of one device and a counter of state messages, so a waiter can tell new from old."""

    def __init__(self) -> None:
        self.state: DeviceState | None = None
        self.seq = 0
        self.online: bool | None = None
        self.last_mode: str | None = None  # climate: the last mode other than off, which turn_on restores


@dataclass
class _Sent:
    """One call whose command is on its way: the state count when it was sent tells a new report from old."""

    index: int
    call: ToolCall
    seq: int
    infos: list[mqtt.MQTTMessageInfo]
    stateless: bool
    reach: str | None = None  # once taken back at its deadline: how far the command got (see _withdraw)


class MqttBridge:
    """Keeps a live view of every device's state and executes calls against it."""

    def __init__(self, settings: BrokerSettings, registry: Registry, timeout_s: float = 3.0,
                 hold_s: float = 10.0, max_held: int = 256, persistent: bool = False) -> None:
        self.settings = settings
        self.registry = registry
        self.timeout_s = timeout_s
        self.hold_s = hold_s  # while the broker is away, commands wait this long for it to come back
        self._up = threading.Event()
        self._ever_connected = False
        # The long-running service keeps a persistent session under a stable id; one-shot commands use
        # an id of their own so they never kick the service off the broker.
        self.persistent = persistent
        client_id = f"{settings.client_id}-bridge" if persistent else f"{settings.client_id}-{os.getpid()}"
        self._held = threading.BoundedSemaphore(max_held)
        # several devices may share a topic (a gateway's availability, a multi-relay's RESULT)
        self._state_routes: dict[str, list[Device]] = {}
        self._availability_routes: dict[str, list[tuple[Device, Availability]]] = {}
        for device in registry:
            convention = convention_of(device)
            for topic in convention.state_topics(device):
                self._state_routes.setdefault(topic, []).append(device)
            for spec in convention.availability(device):
                self._availability_routes.setdefault(spec.topic, []).append((device, spec))
        self._tracked = {device.id: _Tracked() for device in registry}
        self._listeners: dict[str, Callable[[bytes], None]] = {}
        self._changed = threading.Condition()
        self._client = make_client(settings, client_id, persistent=persistent)
        self._client.on_connect = guarded(self._on_connect)
        self._client.on_disconnect = guarded(self._on_disconnect)
        self._client.on_message = guarded(self._on_message)
        self._client.on_publish = guarded(self._on_publish)
        self._acked_at: OrderedDict[int, float] = OrderedDict()  # message id -> when the broker acknowledged it
        self.on_late: Callable[[CallResult], None] | None = None  # a call confirmed after it was reported
        self.late_window_s = 60.0  # how long a call reported unconfirmed or unanswered is watched

    def connect(self, timeout: float = 10.0, settle_s: float = 1.0) -> MqttBridge:
        """Connect, then give retained states and availability a moment to arrive, so `state()` is current and
        a command is never sent to a device whose retained availability says offline."""
        connect(self._client, self.settings, timeout, persistent=self.persistent)
        deadline = time.monotonic() + settle_s
        announcing = {d.id for routes in self._availability_routes.values() for d, _spec in routes}
        with self._changed:
            while time.monotonic() < deadline and any(t.state is None or (t.online is None and i in announcing)
                                                      for i, t in self._tracked.items()):
                self._changed.wait(deadline - time.monotonic())
        return self

    def close(self) -> None:
        self._up.clear()  # a deliberate disconnect is not an outage
        self._client.disconnect()
        self._client.loop_stop()

    def __enter__(self) -> MqttBridge:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _on_connect(self, client: mqtt.Client, _u: object, _f: object, reason: object, _p: object) -> None:
        if getattr(reason, "is_failure", False):
            log.error("broker refused the connection: %s", reason)
            return
        if self._ever_connected:
            log.warning("reconnected to the MQTT broker")
        self._ever_connected = True
        self._up.set()
        # Always (re)subscribe: after a broker restart without persistence the subscriptions are gone.
        topics = [(topic, 1) for topic in dict.fromkeys([*self._state_routes, *self._availability_routes,
                                                         *self._listeners])]
        if topics:
            client.subscribe(topics)
        for device in self.registry:  # devices that do not retain their state are asked for it
            convention = convention_of(device)
            if convention.ask_at_connect:
                for message in convention.commands(device, ToolCall("get_state", device.id)):
                    client.publish(message.topic, message.payload, qos=1)

    def _on_disconnect(self, _c: mqtt.Client, _u: object, _f: object, reason: object, _p: object) -> None:
        if self._up.is_set():
            log.warning("lost the MQTT broker (%s); reconnecting with backoff, commands are held up to %.0f s",
                        reason, self.hold_s)
        self._up.clear()

    @property
    def connected(self) -> bool:
        return self._up.is_set()

    def on_message(self, topic: str, callback: Callable[[bytes], None]) -> None:
        """Call `callback(payload)` for messages on an extra topic (e.g. push-to-talk)."""
        self._listeners[topic] = callback
        self._client.subscribe(topic, qos=1)

    def _on_message(self, _c: mqtt.Client, _u: object, msg: mqtt.MQTTMessage) -> None:
        listener = self._listeners.get(msg.topic)
        if listener is not None:
            listener(msg.payload)
            return
        for device, spec in self._availability_routes.get(msg.topic, ()):
            online = availability_of(spec, msg.payload)
            if online is None:
                log.warning("skipped malformed availability payload for %s on %s: %r",
                            device.id, msg.topic, msg.payload[:80])
                continue
            with self._changed:
                self._tracked[device.id].online = online
                self._changed.notify_all()
        for device in self._state_routes.get(msg.topic, ()):
            try:
                state = convention_of(device).decode(device, msg.topic, msg.payload)
            except PayloadError as exc:
                log.warning("skipped malformed state payload for %s on %s: %s", device.id, msg.topic, exc)
                continue
            if state == _NO_NEWS:  # e.g. another relay's report on a shared Tasmota topic
                continue
            tracked = self._tracked[device.id]
            with self._changed:
                tracked.state = _merge(tracked.state, state)
                if state.hvac_mode not in (None, "off"):
                    tracked.last_mode = state.hvac_mode
                if not msg.retain:  # a retained replay (on (re)subscribe) is old news: it confirms nothing
                    tracked.seq += 1
                self._changed.notify_all()

    def publish(self, topic: str, payload: str) -> None:
        """Publish something that is not a command (interop events), QoS 1, not retained."""
        self._client.publish(topic, payload, qos=1)

    def state(self, device_id: str) -> DeviceState | None:
        with self._changed:
            return self._tracked[device_id].state

    def online(self, device_id: str) -> bool | None:
        with self._changed:
            return self._tracked[device_id].online

    def _on_publish(self, _c: mqtt.Client, _u: object, mid: int, _reason: object, _p: object) -> None:
        with self._changed:
            self._acked_at[mid] = time.monotonic()
            while len(self._acked_at) > _ACKS_KEPT:
                self._acked_at.popitem(last=False)
            self._changed.notify_all()

    def execute(self, calls: list[ToolCall]) -> list[CallResult]:
        """Send every call, then wait for all confirmations together (they run in parallel).

        While the broker is away the calls are held (bounded) until it returns; if it does not return
        within `hold_s`, nothing is published and every call is reported "not sent". A call not
        confirmed in time is taken back out of paho's queue, so paho never sends or resends it later;
        only a command already written to the broker's socket can still arrive, and that one is
        reported "unconfirmed", never as failed. A late confirmation is logged and passed to `on_late`.
        """
        if not self._up.is_set():
            if not self._held.acquire(blocking=False):
                return [CallResult(c, False, None, "not sent") for c in calls]
            try:
                back = self._up.wait(self.hold_s)
            finally:
                self._held.release()
            if not back:
                log.error("broker unreachable for %.0f s: %d command(s) not sent", self.hold_s, len(calls))
                return [CallResult(c, False, None, "not sent") for c in calls]
        started = time.perf_counter()
        sent: list[_Sent] = []
        results: dict[int, CallResult] = {}
        for index, call in enumerate(calls):
            device = self.registry[call.device]
            tracked = self._tracked[device.id]
            if tracked.online is False:
                results[index] = CallResult(call, False, tracked.state, "offline")
                continue
            if call.spec.default_step is not None:  # step_*: from the state the device last reported
                absolute = _absolute(call, tracked.state)
                if absolute is None:
                    results[index] = CallResult(call, False, tracked.state, "state unknown")
                    continue
                call = absolute
            call = restoring(device, call, convention_of(device).hvac_modes(device), tracked.last_mode)
            stateless = not convention_of(device).state_topics(device)  # e.g. a Home Assistant scene
            if call.tool == "get_state" and (tracked.state is not None or stateless):
                results[index] = CallResult(call, True, tracked.state, ms=_ms(started))
                continue
            with self._changed:
                seq = tracked.seq
            try:  # get_state with nothing cached: how to ask the device, if its convention has a way
                messages = convention_of(device).commands(device, call)
            except Unsupported as exc:
                log.warning("%s: %s", call, exc)
                results[index] = CallResult(call, False, tracked.state, "unsupported")
                continue
            infos = [self._client.publish(m.topic, m.payload, qos=1, properties=self._expiry()) for m in messages]
            if any(info.rc not in (mqtt.MQTT_ERR_SUCCESS, mqtt.MQTT_ERR_NO_CONN) for info in infos):
                [reach] = _withdraw(self._client, [infos])  # e.g. paho's queue is full
                results[index] = CallResult(call, False, tracked.state,
                                            "not sent" if reach == "not sent" else "unconfirmed")
                continue
            log.info("sent %s -> %s", call, "; ".join(f"{m.topic} {m.payload}" for m in messages))
            sent.append(_Sent(index, call, seq, infos, stateless))
        results.update(self._await(sent, time.monotonic() + self.timeout_s, started))
        return [results[i] for i in range(len(calls))]

    def _expiry(self) -> Properties | None:
        """MQTT 5: the broker drops a command it could not deliver by the time the call is reported.

        A guard for devices with a persistent session that are briefly away; Mosquitto counts whole seconds.
        """
        if self.settings.protocol != "5":
            return None
        properties = Properties(PacketTypes.PUBLISH)
        properties.MessageExpiryInterval = max(1, int(self.timeout_s))
        return properties

    def _confirmed(self, sent: _Sent) -> bool:
        """Stateless devices confirm by the broker's acknowledgement; the rest by reporting the new state."""
        if sent.stateless:
            return all(info.is_published() for info in sent.infos)
        tracked, device = self._tracked[sent.call.device], self.registry[sent.call.device]
        return bool(tracked.seq > sent.seq and tracked.state
                    and convention_of(device).confirms(device, sent.call, tracked.state))

    def _due(self, sent: _Sent, deadline: float) -> float:
        """When to stop waiting: a command the broker took late still gets its device's time to answer."""
        if sent.stateless:
            return deadline
        acked = [self._acked_at.get(info.mid, 0.0) for info in sent.infos if info.is_published()]
        return max([deadline, *(at + min(_AFTER_ACK_S, self.timeout_s) for at in acked)])

    def _await(self, sent: list[_Sent], deadline: float, started: float) -> dict[int, CallResult]:
        """Each call's result: confirmed, or at its deadline taken back and reported by how far it got."""
        results: dict[int, CallResult] = {}
        pending = sent
        late: list[_Sent] = []
        while pending:
            with self._changed:
                while True:
                    for item in pending:
                        if self._confirmed(item):
                            state = self._tracked[item.call.device].state
                            results[item.index] = CallResult(item.call, True, state, ms=_ms(started))
                    pending = [item for item in pending if item.index not in results]
                    now = time.monotonic()
                    due = [item for item in pending if self._due(item, deadline) <= now]
                    if not pending or due:
                        break
                    self._changed.wait(min(self._due(item, deadline) for item in pending) - now)
            fresh = [item for item in due if item.reach is None]  # outside our lock: paho holds its own in _on_publish
            for item, reach in zip(fresh, _withdraw(self._client, [item.infos for item in fresh]), strict=True):
                item.reach = reach
            for item in due:
                with self._changed:
                    if self._confirmed(item) or self._due(item, deadline) > time.monotonic():
                        continue  # confirmed meanwhile, or the broker took it just now: look again
                log.warning("%s: no confirmation within %.1f s%s", item.call, self.timeout_s, _WHY.get(item.reach, ""))
                results[item.index] = CallResult(item.call, False, None, item.reach)
                pending.remove(item)
                if item.reach != "not sent" and not item.stateless:
                    late.append(item)
        if late:
            threading.Thread(target=self._watch_late, args=(late, started), name="late-confirmations",
                             daemon=True).start()
        return results

    def _watch_late(self, late: list[_Sent], started: float) -> None:
        """A call reported unconfirmed or unanswered that the device confirms after all is announced."""
        reported = time.monotonic()
        end = reported + self.late_window_s
        while late and time.monotonic() < end:
            with self._changed:
                confirmed = [(item, self._tracked[item.call.device].state) for item in late if self._confirmed(item)]
                if not confirmed:
                    self._changed.wait(max(0.0, end - time.monotonic()))
                    continue
            for item, state in confirmed:
                log.warning("%s confirmed %.1f s after it was reported %s", item.call,
                            time.monotonic() - reported, item.reach)
                late.remove(item)
                if self.on_late is not None:
                    self.on_late(CallResult(item.call, True, state, ms=_ms(started)))


_STEPPED = {"step_brightness": ("set_brightness", "brightness", 0, 100),
            "step_volume": ("set_volume", "volume", 0, 100),
            "step_temperature": ("set_temperature", "target_temperature", 5, 35),
            "step_position": ("set_position", "position", 0, 100),
            "step_color_temperature": ("set_color_temperature", "color_temp", *KELVIN_RANGE)}


def _absolute(call: ToolCall, state: DeviceState | None) -> ToolCall | None:
    """ "a bit brighter" as a level: the reported level plus the delta, kept in range."""
    tool, field_name, low, high = _STEPPED[call.tool]
    current = getattr(state, field_name, None) if state is not None else None
    if current is None and call.tool == "step_brightness" and state is not None and state.on is False:
        current = 0
    if current is None or not isinstance(call.value, int | float):
        return None
    return ToolCall(tool, call.device, float(min(high, max(low, current + call.value))))


def _withdraw(client: mqtt.Client, calls: list[list[mqtt.MQTTMessageInfo]]) -> list[str]:
    """Take each call's unacknowledged publishes out of paho's queue, so it never sends or resends them, and
    say how far each call got: "unconfirmed" if one was already written to a socket (a stalled broker may
    still read it), "no response" if the broker acknowledged them, "not sent" if none left this process.

    paho 2 has no public way to cancel a message: this edits its queue under its own lock, freeing each
    in-flight slot as a PUBACK would, and only then lets paho fill the slots from its queue.
    """
    reach: list[str] = []
    with client._out_message_mutex:
        for infos in calls:
            written = acked = False
            for info in infos:
                message = client._out_messages.pop(info.mid, None)
                if message is None:  # acknowledged: paho removes it and marks it published under this lock
                    acked = acked or info.is_published()
                    continue
                if message.state == mqtt.mqtt_ms_wait_for_puback:
                    client._inflight_messages -= 1
                    written = True
                written = written or message.dup  # paho marks dup what it wrote before a reconnect
            reach.append("unconfirmed" if written else "no response" if acked else "not sent")
        if client._max_inflight_messages > 0:
            client._update_inflight()
    return reach


_NO_NEWS = DeviceState()


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _merge(old: DeviceState | None, new: DeviceState) -> DeviceState:
    """Devices may report only what changed; keep the fields they left out."""
    if old is None:
        return new
    merged = {k: (v if v is not None else getattr(old, k)) for k, v in vars(new).items()}
    if new.color is not None or new.color_temp is not None:  # a light shows a colour or a white, not both
        merged.update(color=new.color, color_temp=new.color_temp)
    return DeviceState(**merged)
