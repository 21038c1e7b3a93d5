"""Running as a systemd service: readiness and watchdog notifications, journald-friendly logs, signals.

`Service` is the always-on loop behind `assistant run`. It reads 30 ms frames from any source (the
microphone; raw PCM or a WAV file when testing), stops cleanly on SIGTERM once the command in flight is
done, and on SIGHUP reloads its config between commands without restarting. Everything systemd-specific
is a no-op outside systemd, so the same code runs in a terminal.
"""

from __future__ import annotations

import io
import itertools
import logging
import os
import queue
import re
import signal
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np

from assistant.act.bridge import CallResult, MqttBridge
from assistant.act.connection import BrokerUnavailable
from assistant.act.discovery import HomeDiscovery, merge
from assistant.answer.reply import describe_state, spoken_name
from assistant.answer.speech import Speaker, VoiceMissing
from assistant.config import Config, ConfigError
from assistant.hear.audio import Microphone
from assistant.hear.endpoint import EndpointSettings, Utterance
from assistant.hear.listener import Listener
from assistant.hear.stt import SpeechModelMissing, SpeechToText, end_judge, engine_from_config
from assistant.hear.wakeword import WakeWord, WakeWordMissing, wake_word
from assistant.pipeline import Assistant
from assistant.registry import Registry
from assistant.schedule.runner import Announcement, Runner, on_devices
from assistant.schedule.store import JobStore
from assistant.understand.llm import ModelMissing
from assistant.understand.understander import Understander
from assistant.voice import VoicePipeline, VoiceTurn, answered

log = logging.getLogger(__name__)


# --- sd_notify -------------------------------------------------------------------------------------------

def notify(*lines: str) -> bool:
    """Tell systemd about our state (READY=1, STATUS=..., ...); False when not started by systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address or not lines:
        return False
    if address.startswith("@"):  # abstract namespace
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall("\n".join(lines).encode())
    except OSError as exc:
        log.debug("sd_notify to %s failed: %s", address, exc)
        return False
    return True


ECHO_EVERY_S = 5.0  # how often the watchdog's one small message goes round the broker


def echo_topic(client_id: str) -> str:
    """Where the watchdog's echo goes through the broker (an ACL must let the service read and write it)."""
    return "assistant/watchdog/" + re.sub(r"[+#/]", "_", client_id)


class Watchdog:
    """Pings systemd's watchdog (WatchdogSec=) at half its interval while the service can hear its devices;
    does nothing when none is set.

    It is pinged from the main loop, not from a thread of its own, so a hung loop stops the pings. Once it
    `listen`s to a bridge it also sends itself a message through the broker every ECHO_EVERY_S, on a topic
    the bridge subscribes to, and pings only while no echo has been missing for longer than the bridge's
    outage hold: if paho's network thread died, or the broker stayed away, systemd restarts the service.
    """

    def __init__(self, interval_s: float | None) -> None:
        self.interval_s = interval_s
        self._last = -float("inf")
        self._bridge: MqttBridge | None = None
        self._topic = ""
        self._token = uuid.uuid4().hex  # this process's echoes; a persistent session may replay older ones
        self._asked = -float("inf")
        self._unanswered_since: float | None = None  # set on the paho thread's echo, read by the main loop
        self._deaf = False

    @classmethod
    def from_env(cls) -> Watchdog:
        usec, pid = os.environ.get("WATCHDOG_USEC", ""), os.environ.get("WATCHDOG_PID")
        if not usec.isdigit() or int(usec) == 0 or (pid and pid != str(os.getpid())):
            return cls(None)
        return cls(int(usec) / 2_000_000)

    def listen(self, bridge: MqttBridge) -> None:
        """From now on ping only while `bridge` hears its own echo (again for each new connection)."""
        if self.interval_s is None:
            return
        self._bridge, self._asked, self._unanswered_since = bridge, -float("inf"), None
        self._topic = echo_topic(bridge.settings.client_id)
        bridge.on_message(self._topic, self._echo)

    def _echo(self, payload: bytes) -> None:
        if payload == self._token.encode():
            self._unanswered_since = None

    def ping(self) -> None:
        if self.interval_s is None:
            return
        now = time.monotonic()
        if self._bridge is not None and not self._hears(now):
            return
        if now - self._last >= self.interval_s:
            notify("WATCHDOG=1")
            self._last = now

    def _hears(self, now: float) -> bool:
        assert self._bridge is not None
        if now - self._asked >= ECHO_EVERY_S:
            self._asked = now
            if self._unanswered_since is None:
                self._unanswered_since = now  # before publishing: the echo may be back before publish() returns
            self._bridge.publish(self._topic, self._token)
        since = self._unanswered_since
        deaf = since is not None and now - since > self._bridge.hold_s
        if deaf != self._deaf:
            if deaf:
                log.error("no echo through the MQTT broker for %.0f s: not pinging the watchdog, so systemd "
                          "restarts the service", now - since)
            else:
                log.warning("the echo through the MQTT broker is back: pinging the watchdog again")
        self._deaf = deaf
        return not deaf


# --- logging ---------------------------------------------------------------------------------------------

def syslog_priority(levelno: int) -> int:
    """The sd-daemon `<N>` priority for a logging level (journald stores it as the entry's level)."""
    for level, priority in ((logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4), (logging.INFO, 6)):
        if levelno >= level:
            return priority
    return 7


class JournalFormatter(logging.Formatter):
    """`<N>` on every line, tracebacks included: journald assigns the level line by line."""

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"<{syslog_priority(record.levelno)}>"
        return "\n".join(prefix + line for line in super().format(record).splitlines())


class SecretFilter(logging.Filter):
    """Removes the configured broker password, and anything shaped like `password=...`, from every record."""

    PATTERN = re.compile(r"""(password["']?\s*[=:]\s*)(["']?)[^\s"',)}\]]+""", re.IGNORECASE)

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return self.PATTERN.sub(r"\1\2***", text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let logging report it as usual
            return True
        record.msg, record.args = self.redact(message), None
        if record.exc_info:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_secrets = SecretFilter()


def hide_secret(secret: str | None) -> None:
    """Never log this value (the broker password), whatever logger it would reach."""
    if secret:
        _secrets.secrets.add(secret)


def under_journald(stream: TextIO) -> bool:
    """True when `stream` is the journal stream systemd connected ($JOURNAL_STREAM names its device:inode)."""
    try:
        device, inode = (int(part) for part in os.environ.get("JOURNAL_STREAM", "").split(":"))
        stat = os.fstat(stream.fileno())
    except (ValueError, OSError, io.UnsupportedOperation, AttributeError):
        return False
    return (stat.st_dev, stat.st_ino) == (device, inode)


def setup_logging(level: int, stream: TextIO | None = None) -> logging.Handler:
    """Log to stderr: `<N>` levels for journald (which adds its own timestamps), timestamps when the output
    goes to a file, a short form on a terminal. Secrets are redacted on every path."""
    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)
    if under_journald(stream):
        handler.setFormatter(JournalFormatter("%(name)s: %(message)s"))
    elif stream.isatty():
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_secrets)
    if level > logging.DEBUG:  # faster-whisper logs every utterance's duration at INFO
        logging.getLogger("faster_whisper").setLevel(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return handler


# --- the always-on loop ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Parts:
    """Everything loaded from one config; a reload builds a new set and swaps it in whole."""

    config: Config
    stt: SpeechToText
    understander: Understander
    speaker: Speaker | None  # None: no speaker, answers are only logged
    wake: WakeWord | None = None  # None: no wake word (every utterance is heard, or the wake phrase decides)


def _llm_key(config: Config) -> tuple[object, ...]:
    return config.understanding.use_llm, config.understanding.max_calls, config.model


def _stt_key(config: Config) -> tuple[object, ...]:
    """Whisper is primed with, and Vosk narrowed to, the home's words: new devices or areas mean a new engine."""
    return config.speech, config.devices, config.area_groups


def _home_key(config: Config) -> tuple[object, ...]:
    """What the broker connection is built from: the bridge subscribes to each device's topics."""
    return config.broker, config.devices, config.understanding.confirm_timeout_s, config.listen.push_to_talk_topic


def build_parts(config: Config, previous: Parts | None, play: bool, registry: Registry | None = None) -> Parts:
    """Load what `config` needs, reusing the previous models where their settings did not change.

    `registry`: the home as discovered on the broker, when discovery is on; else the config's devices.
    """
    registry = registry or config.registry()
    if previous is not None and _llm_key(previous.config) == _llm_key(config):
        understander = Understander.from_config(config, registry, previous.understander.llm)
    else:
        understander = Understander.from_config(config, registry)
        if understander.llm is not None:
            understander.llm.preload()  # in the background: the rules answer meanwhile
    same_home = previous is not None and set(previous.understander.registry) == set(registry)
    if previous is not None and same_home and _stt_key(previous.config) == _stt_key(config):
        stt = previous.stt
    else:
        stt = engine_from_config(config.speech, registry)
    speaker = None
    if play and previous is not None and previous.speaker is not None and previous.config.voice == config.voice:
        speaker = previous.speaker
    elif play:
        speaker = Speaker(Path(config.voice.path) if config.voice.path else None, config.voice.output_device)
    spec = config.listen.wake_word
    if previous is not None and previous.config.listen.wake_word == spec:
        wake = previous.wake
    else:
        wake = wake_word(spec) if spec else None
    return Parts(config, stt, understander, speaker, wake)


LOAD_ERRORS = (ConfigError, ModelMissing, SpeechModelMissing, VoiceMissing, WakeWordMissing)
HOME_QUIET_S = 1.0  # announcements come in bursts (a device pairs, Home Assistant restarts): apply after them


class Service:
    """Hear, act and answer until SIGTERM or the end of the audio; SIGHUP reloads the config in between.
    Use it as a context manager: leaving it tells systemd we are stopping and closes the broker connection.

    A reload re-reads the file and applies devices and areas, understanding (the model is reloaded only if its
    settings changed), speech, voice, safety and listen settings (wake phrase, push-to-talk topic,
    endpointing); the broker connection restarts when the broker settings, the devices or the
    push-to-talk topic changed. The audio source stays open: `listen.input_device` needs a restart.
    A config that does not load is logged and the running one kept.

    With discovery on, the service keeps listening to the announcements: when the home on the broker
    changes (a device paired, renamed or removed) and then stays quiet for `HOME_QUIET_S`, it is applied
    like a reload, between commands.
    """

    def __init__(self, load: Callable[[], Config], play: bool = True) -> None:
        self._load = load
        self._play = play
        self.stop = threading.Event()
        self.reload = threading.Event()
        self._watchdog = Watchdog.from_env()
        self._home = ExitStack()
        self._bridge: MqttBridge | None = None
        self._parts: Parts | None = None
        self._voice: VoicePipeline | None = None
        self._exhausted = False
        self._discovery: HomeDiscovery | None = None
        self._home_heard_at: float | None = None  # when the announcements last changed; None: applied
        self._home_moved = False
        self._runner: Runner | None = None  # runs timers and calls for later (assistant/schedule)
        self._to_say: queue.SimpleQueue[Announcement] = queue.SimpleQueue()  # spoken by the main loop

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *_exc: object) -> None:
        notify("STOPPING=1", "STATUS=stopping")
        if self._runner is not None:
            self._runner.stop()  # after the job in hand: none is left claimed but not done
        self._home.close()

    @property
    def config(self) -> Config:
        assert self._parts is not None, "start() first"
        return self._parts.config

    def handle_signals(self) -> None:
        """SIGTERM: stop after the command in flight; SIGHUP: reload the config before the next one."""
        signal.signal(signal.SIGTERM, lambda *_: self.stop.set())
        signal.signal(signal.SIGHUP, lambda *_: self.reload.set())

    def arm(self) -> None:
        """Push-to-talk (and the wake word): the next utterance is a command."""
        if self._voice is not None:
            self._voice.arm()

    def start(self) -> None:
        """Load the models and connect to the broker (raises the usual errors: the config, a model, the broker)."""
        notify("STATUS=loading models")
        config = self._read_config()
        notify("STATUS=connecting to broker")
        self._connect(config)
        assert self._bridge is not None
        parts = build_parts(config, None, self._play, self._bridge.registry)
        self._use(parts)
        self._runner = Runner(JobStore(), on_devices(lambda: self._bridge), self._to_say.put).start()

    def _say_announcements(self) -> None:
        """A timer's end, a scheduled command that failed: spoken through the answer's speaker, between frames."""
        while not self._to_say.empty():
            announcement = self._to_say.get_nowait()
            log.info("announcement%s: %s", f" for the {announcement.room}" if announcement.room else "",
                     announcement.text)
            speaker = self._parts.speaker if self._parts is not None else None
            if speaker is not None and self._play:
                try:
                    speaker.speak(announcement.text, play=True)
                except Exception:
                    log.exception("could not speak the announcement")

    def serve(self, frames: Iterable[np.ndarray]) -> None:
        """Handle utterances from `frames` until SIGTERM or the frames end; READY=1 once the source is open.

        The source must keep delivering frames (a microphone does, every 30 ms): SIGTERM and SIGHUP are
        acted on between frames, and a source that stalls stops the watchdog pings.
        """
        if self.stop.is_set():
            return
        source = iter(frames)
        first = next(source, None)  # opens the microphone: READY=1 means listening
        source = itertools.chain([first] if first is not None else [], source)
        notify("READY=1", "STATUS=listening")
        while True:
            assert self._parts is not None
            wake, wake_phrase = self._parts.wake, self.config.listen.wake_phrase
            # pocketsphinx hears the command while the person speaks (beside Whisper, only to judge when it is whole)
            sink = end_judge(self._parts.stt, self._parts.understander.rules)
            log.info("listening%s", f' for "{wake.phrase}"' if wake else f' for "{wake_phrase}"' if wake_phrase else "")
            endpoint = EndpointSettings(silence_ms=self.config.listen.silence_ms,
                                        max_seconds=self.config.listen.max_seconds)
            listener = Listener(wake, lambda: self._voice is not None and self._voice.armed, self.arm, endpoint,
                                sink=sink)
            for _turn in answered(listener, self._until_interrupted(source), self._handle, self._interrupted):
                if isinstance(frames, Microphone):
                    frames.discard()  # heard while answering: its own voice, not a command
            if self.stop.is_set() or self._exhausted:
                return
            self._reload()

    def _interrupted(self) -> bool:
        return self.stop.is_set() or self.reload.is_set() or self._home_changed()

    def _announced(self) -> None:
        """Called on the MQTT thread for every discovery message; the main loop looks once they stop."""
        self._home_heard_at = time.monotonic()

    def _home_changed(self) -> bool:
        heard_at = self._home_heard_at
        if heard_at is None or time.monotonic() - heard_at < HOME_QUIET_S or self._discovery is None:
            return False
        self._home_heard_at = None
        assert self._bridge is not None and self._parts is not None
        now, before = set(merge(self._discovery.devices(), self.config)), set(self._bridge.registry)
        if now == before:
            return False
        gone = {d.id for d in before} - {d.id for d in now}
        log.info("the home on the broker changed: new or changed %s; gone %s",
                 ", ".join(sorted(d.id for d in now - before)) or "none", ", ".join(sorted(gone)) or "none")
        self._home_moved = True
        self.reload.set()
        return True

    def _until_interrupted(self, source: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
        """Frames until a signal asks the loop to stop or reload; pings the watchdog as they arrive."""
        while not self._interrupted():
            frame = next(source, None)
            if frame is None:
                self._exhausted = True
                return
            self._watchdog.ping()
            self._say_announcements()
            yield frame

    def _handle(self, utterance: Utterance) -> VoiceTurn:
        assert self._voice is not None
        turn = self._voice.handle(utterance, require_wake=bool(self.config.listen.wake_phrase), play=self._play,
                                  hold=True)
        if turn.outcome is not None:
            log.info("heard %r -> %s", turn.transcript.text, turn.outcome.answer)
        return turn

    def _read_config(self) -> Config:
        config = self._load()
        hide_secret(config.broker.password)
        log.debug("config %s: broker %s; %d devices", config.source, config.broker, len(config.devices))
        return config

    def _connect(self, config: Config) -> None:
        from assistant.session import connected_home

        home = ExitStack()
        bridge = home.enter_context(connected_home(config, persistent=True))
        if config.listen.push_to_talk_topic:
            bridge.on_message(config.listen.push_to_talk_topic, lambda _payload: self.arm())
        self._discovery = None
        if config.discovery.enabled:
            self._discovery = home.enter_context(HomeDiscovery(bridge.settings, config.discovery,
                                                               on_change=self._announced))
        bridge.on_late = self._late_confirmation
        self._home, self._bridge = home, bridge
        self._watchdog.listen(bridge)

    def _late_confirmation(self, result: CallResult) -> None:
        """A command answered "sent, not yet confirmed" that the device then carried out: say so, so the
        user is not left believing it did not happen."""
        registry = self._bridge.registry if self._bridge is not None else None
        if registry is None or result.call.device not in registry:
            return
        device = registry[result.call.device]
        news = describe_state(spoken_name(device, registry), device.type, result.state)
        self._to_say.put(Announcement(f"Update: {news}", None))

    def _use(self, parts: Parts) -> None:
        assistant = Assistant.from_config(parts.config, parts.understander, self._bridge)
        self._parts = parts
        self._voice = VoicePipeline(parts.stt, assistant, parts.speaker, parts.config.listen.wake_phrase)

    def _reload(self) -> None:
        """Apply the config file as it is now; if any of it fails, keep running on the previous one."""
        self.reload.clear()
        notify("RELOADING=1", f"MONOTONIC_USEC={time.monotonic_ns() // 1000}", "STATUS=reloading the config")
        previous = self._parts
        assert previous is not None
        try:
            config = self._read_config()
            discovered = self._bridge.registry if config.discovery.enabled and self._bridge else None
            parts = build_parts(config, previous, self._play, discovered)
        except LOAD_ERRORS as exc:
            log.error("reload failed, still running with the previous config: %s", exc)
            notify("READY=1", "STATUS=listening")
            return
        self._watchdog.ping()
        reconnect = self._home_moved or _home_key(config) != _home_key(previous.config)
        self._home_moved = False
        if reconnect:
            notify("STATUS=connecting to broker")
            self._home.close()  # first: the bridge keeps one client id, two connections would take it in turns
            try:
                self._connect(config)
            except BrokerUnavailable as exc:
                log.error("reload failed, still running with the previous config: %s", exc)
                self._connect(previous.config)  # if the old broker is gone too this raises: exit 2, systemd restarts
                parts = previous
            if parts is not previous and config.discovery.enabled:  # the home as the broker announces it now
                parts = build_parts(config, parts, self._play, self._bridge.registry)
        self._use(parts)
        if parts is not previous:
            log.info("reloaded %s: %d devices%s", config.source, len(parts.understander.registry),
                     "; reconnected to the broker" if reconnect else "")
        notify("READY=1", "STATUS=listening")
