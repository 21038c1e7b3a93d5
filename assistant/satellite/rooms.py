"""One conversation per satellite over shared engines.

Each satellite gets its own Assistant and Understander, built for its room: "turn off the lights" means
that room's lights, and a follow-up ("make it blue"), an answer to "which one?" or the "yes" to "unlock the
front door?" stays with the satellite that was asked. The heavy parts are loaded once and shared: speech
to text and Piper each have one worker thread that takes requests in the order they come (Vosk's
recognisers, pocketsphinx's decoder and espeak-ng inside Piper keep state between calls; on two cores two
Whisper decodes at once would only take turns), the language model has its own lock, and the MQTT bridge
serves concurrent commands. With pocketsphinx a room speaking borrows a grammar decoder of its own, fed as its
audio arrives, and only what that decoder is unsure of waits for the shared Whisper.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from assistant.act.bridge import MqttBridge
from assistant.answer.speech import Speaker, sentences
from assistant.config import Config, SatelliteSettings
from assistant.hear.stt import SpeechToText, SphinxEngine, Transcript
from assistant.pipeline import Assistant
from assistant.registry import Registry
from assistant.satellite.early import EarlyStt
from assistant.schedule.planner import Planner
from assistant.understand.rules import RuleMatcher
from assistant.understand.understander import Understander
from assistant.voice import VoicePipeline

log = logging.getLogger(__name__)
T = TypeVar("T")
HOME_ASSISTANT = "home-assistant"  # the conversation of clients that do not say which satellite they are


class Worker:
    """One thread for one kind of heavy work. Requests are taken first come, first served, and one asked for
    `later` (a guess nobody waits for yet, the rest of an answer already begun) only when no other request is
    waiting: a satellite never waits behind a request made after its own (a lock's waiters are woken in no
    set order), nor behind another room's guesses or the rest of its answer. A caller blocks on its own
    request only, never the event loop."""

    def __init__(self, name: str) -> None:
        self._queue: queue.PriorityQueue[tuple[bool, int, Future[Any], Callable[..., Any], tuple[object, ...]]] = (
            queue.PriorityQueue())
        self._order = itertools.count()
        threading.Thread(target=self._serve, name=name, daemon=True).start()

    def submit(self, work: Callable[..., T], *args: object, later: bool = False) -> Future[T]:
        future: Future[T] = Future()
        self._queue.put((later, next(self._order), future, work, args))
        return future

    def run(self, work: Callable[..., T], *args: object, later: bool = False) -> T:
        return self.submit(work, *args, later=later).result()

    def _serve(self) -> None:
        while True:
            _later, _order, future, work, args = self._queue.get()
            if not future.set_running_or_notify_cancel():
                continue  # cancelled while it waited
            try:
                future.set_result(work(*args))
            except BaseException as exc:  # the caller's to handle, as from a direct call
                future.set_exception(exc)


class SharedStt:
    """A speech-to-text engine that many satellites use, one transcription at a time, in the order asked.

    pocketsphinx keeps an utterance's state in its decoder, so a satellite's utterance borrows one of its own
    (`lend`), fed as the audio arrives; only what it is not sure of waits here for the engine behind the
    grammar (Whisper). A decoder (~45 MB) is made in the background for each satellite that connects beyond
    those made so far (`reserve`), or when every one is lent, and kept: there are as many as satellites were
    ever connected (or rooms spoke) at once."""

    def __init__(self, stt: SpeechToText, registry: Registry) -> None:
        self.name = stt.name
        self._registry = registry
        self._worker = Worker("stt")
        self._sphinx = stt if isinstance(stt, SphinxEngine) else None
        self._behind = (self._sphinx.fallback if self._sphinx else None) or stt
        self.behind = self._behind.name
        self._free = [self._sphinx] if self._sphinx else []  # the engine's own decoders are lent first
        self.decoders = len(self._free)  # made so far
        self._home_rules = self._sphinx.rules if self._sphinx else None  # for audio from no room (Home Assistant)
        self._lock = threading.Lock()
        self._made = threading.Condition(self._lock)  # a decoder made in the background, or its maker done
        self._wanted = 0  # decoders to have ready: the most satellites connected at once
        self._maker: threading.Thread | None = None  # making them

    def lend(self, rules: RuleMatcher | None) -> SphinxEngine | None:
        """A grammar decoder for one utterance, judging what it hears by `rules` (its room's); None unless the
        engine is pocketsphinx. Its `heard` is the grammar's alone (no Whisper behind it)."""
        if self._sphinx is None:
            return None
        with self._made:  # one being made for a satellite that connected is as quick to wait for as a new one
            self._made.wait_for(lambda: self._free or not self._making())
            recogniser = self._free.pop() if self._free else None
        if recogniser is None:
            recogniser = self._new()
            with self._lock:
                self.decoders += 1
            log.info("pocketsphinx decoder %d: more rooms are speaking at once than before", self.decoders)
        recogniser.rules = rules or self._home_rules
        return recogniser

    def reserve(self, satellites: int) -> None:
        """A decoder ready for each of `satellites` (those connected now), made in the background: making one holds
        Python's lock for ~150 ms, which neither a room that starts speaking nor the rooms already speaking
        should wait for (seven made as eight rooms began to speak held every room's hearing up ~1 s)."""
        if self._sphinx is None:
            return
        with self._lock:
            self._wanted = max(self._wanted, satellites)
            if self.decoders >= self._wanted or self._making():
                return
            self._maker = threading.Thread(target=self._make, name="decoders", daemon=True)
            self._maker.start()

    def ready(self, timeout: float) -> None:
        """Wait until the decoders `reserve` asked for are made (at most `timeout` s)."""
        maker = self._maker
        if maker is not None:
            maker.join(timeout)

    def _making(self) -> bool:
        return self._maker is not None

    def _make(self) -> None:
        try:
            while True:
                with self._lock:
                    if self.decoders >= self._wanted:
                        return
                recogniser = self._new()
                with self._made:
                    self.decoders += 1
                    self._free.append(recogniser)
                    self._made.notify_all()
        finally:
            with self._made:
                self._maker = None
                self._made.notify_all()

    def _new(self) -> SphinxEngine:
        assert self._sphinx is not None
        return SphinxEngine(self._registry, None, self._sphinx.min_score)

    @property
    def lent(self) -> int:
        """Decoders lent to rooms now."""
        with self._lock:
            return self.decoders - len(self._free)

    def give_back(self, recogniser: SphinxEngine) -> None:
        with self._made:
            self._free.append(recogniser)
            self._made.notify_all()

    def submit(self, samples: np.ndarray, guess: bool = False) -> Future[Transcript]:
        """A room's command (or a guess at it) heard by the engine behind the grammar."""
        return self._worker.submit(self._behind.transcribe, samples, later=guess)

    def transcribe(self, samples: np.ndarray) -> Transcript:
        """Audio heard whole (Home Assistant's `transcribe`): the grammar's words when it is sure of them,
        else the engine's behind it."""
        recogniser = self.lend(None)
        if recogniser is not None:
            try:
                heard = recogniser.heard(samples)
            finally:
                self.give_back(recogniser)
            if heard is not None:
                return heard
        return self.submit(samples).result()


class SharedVoice:
    """Piper for every satellite: one piece of an answer at a time, every answer's first piece before any
    answer's later ones, and a piece said before straight from the cache, so a long answer never holds up
    another room's first words (with eight rooms answered at once, a cached "Done," waited up to 5 s
    behind the others' later pieces when every piece took its turn)."""

    def __init__(self, speaker: Speaker, name: str) -> None:
        self.speaker = speaker
        self.rate = speaker.rate
        self.name = name
        self._worker = Worker("tts")

    def pieces(self, text: str) -> Iterator[np.ndarray]:
        """int16 audio at `rate`, piece by piece as the speaker splits the answer (its first words first)."""
        for n, sentence in enumerate(sentences(text)):
            piece = self.speaker.cache.get(sentence)  # said before: no wait for Piper's turn
            if piece is None:
                piece = self._worker.run(self.speaker.piece, sentence, later=n > 0)
            if piece is not None:
                yield piece


@dataclass
class Room:
    """A satellite's conversation: its room and its own pipeline state."""

    name: str
    area: str | None
    voice: VoicePipeline  # its speech to text is `hearing`
    hearing: EarlyStt
    busy: threading.Lock = field(default_factory=threading.Lock)  # one command at a time per satellite


class Rooms:
    """Conversations by satellite name, made on first use and kept across reconnects.

    A satellite's room is, in order: the `satellites:` entry with its name, the area it announces (when the
    home has that area), its name when that is an area ("kitchen"), else the config's own `area`.
    """

    def __init__(self, config: Config, understander: Understander, bridge: MqttBridge | None,
                 stt: SharedStt, planner: Planner | None = None) -> None:
        self.config = config
        self.planner = planner  # timers and calls for later, every room's in one store (None: the home's)
        self.understander = understander  # the registry and the language model every room shares
        self.bridge = bridge
        self.stt = stt
        self.known = {s.name: s for s in config.satellites}
        self._rooms: dict[str, Room] = {}
        self._lock = threading.Lock()

    def area_of(self, name: str, announced: str | None = None) -> str | None:
        areas = {d.area for d in self.understander.registry}
        if name in self.known:
            return self.known[name].area
        for candidate in (announced, name):
            if candidate and candidate.lower() in areas:
                return candidate.lower()
        return self.config.area

    def get(self, name: str, announced_area: str | None = None) -> Room:
        with self._lock:
            room = self._rooms.get(name)
            if room is None:
                area = self.area_of(name, announced_area)
                shared = self.understander
                understander = Understander(shared.registry, shared.llm, area)
                assistant = Assistant.from_config(self.config, understander, self.bridge, self.planner)
                hearing = EarlyStt(self.stt, understander.rules)
                voice = VoicePipeline(hearing, assistant, None, self.config.listen.wake_phrase)  # type: ignore[arg-type]
                room = self._rooms[name] = Room(name, area, voice, hearing)
                log.info("satellite %r: room %s", name, area or "none (the whole home)")
            return room


def satellites_to_reach(config: Config) -> list[SatelliteSettings]:
    """The satellites this assistant connects out to (wyoming-satellite listens; the controller connects)."""
    return [s for s in config.satellites if s.uri]
