"""`assistant wyoming`: the Wyoming protocol server, and the connections to satellites that wait for one.

One connection at a time is one peer: a satellite (after `run-pipeline` its audio goes through the whole
pipeline and the reply audio comes back), or Home Assistant asking for one service (`transcribe`,
`synthesize`, or a `transcript` to carry out as a conversation agent). Each satellite's audio is heard on
a thread of its own, fed from the event loop, so the loop keeps reading every satellite while speech to
text, understanding, the devices and Piper work; what goes back is queued to the loop in order, without the
thread waiting for it to be written. Speech to text and Piper each run on one worker thread, first come first
served (rooms.Worker), every answer's first piece before the rest of any; with pocketsphinx a room speaking
decodes on its own thread as the audio arrives, with a decoder of its own made when its satellite connected. A
command's speech to text starts at its first pause, while the endpointer still waits for the end of the
sentence (early.py), and its answer is sent piece by piece as Piper says it.

A command whose speech ended is carried out even if its satellite disconnects before the answer; audio cut
off mid-sentence by a disconnect is dropped, never half-understood.

The end of a command is this server's to call (its endpointer, on the audio streamed), and a command cut short at
a pause, its words stopping midway ("set the sofa lamp to"), is held as by `assistant run` (voice.answered):
nothing is sent for it but `voice-stopped`, so the satellite streams on (wyoming-satellite stops streaming when
it gets the `transcript`), and the rest, said within the endpointer's hesitation window, is heard with it
(`voice-started` again when it begins). A satellite that ends the audio itself (`audio-stop`) while a command is
held gets the command answered as it was.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import queue
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event
from wyoming.handle import Handled
from wyoming.info import Describe, Info
from wyoming.ping import Ping, Pong
from wyoming.pipeline import PipelineStage, RunPipeline
from wyoming.satellite import RunSatellite
from wyoming.server import AsyncEventHandler, AsyncServer
from wyoming.tts import Synthesize
from wyoming.vad import VoiceStarted, VoiceStopped
from wyoming.wake import Detection

from assistant.act.bridge import MqttBridge
from assistant.answer.speech import Speaker, bundled_voice_path
from assistant.config import Config, SatelliteSettings
from assistant.hear.endpoint import EndpointSettings, Utterance
from assistant.hear.listener import Listener
from assistant.hear.stt import Transcript as Heard
from assistant.hear.stt import engine_from_config
from assistant.hear.vad import speech_detector
from assistant.hear.wakeword import wake_word
from assistant.satellite.protocol import Frames, MalformedEvent, describe, read_event
from assistant.satellite.rooms import HOME_ASSISTANT, Room, Rooms, SharedStt, SharedVoice, satellites_to_reach
from assistant.schedule.planner import Planner
from assistant.schedule.runner import Announcement, Runner, on_devices
from assistant.schedule.store import store_for
from assistant.understand.understander import Understander
from assistant.voice import VoiceTurn, answered

log = logging.getLogger(__name__)
SEND_TIMEOUT_S = 10.0  # a peer that reads nothing for this long is treated as gone
FINISH_S = 10.0  # when the server stops: how long a command already heard may take to be carried out
RECONNECT_S = 5.0
REPLY_CHUNK_SAMPLES = 2048  # ~90 ms of Piper's 22.05 kHz audio per audio-chunk event
_END, _GONE = object(), object()  # audio-stop: what was said is the command; disconnect: drop a half command


@dataclass
class Served:
    """Everything a connection needs, loaded once for the whole server."""

    rooms: Rooms
    voice: SharedVoice
    info: Info
    connections: set[Connection] = field(default_factory=set)  # the peers connected now
    lock: threading.Lock = field(default_factory=threading.Lock)

    def announce(self, said: Announcement) -> None:
        """A timer's end or a scheduled command that failed: said by the satellites in the room that set it,
        or by every satellite when none is connected there (from the schedule's thread)."""
        with self.lock:
            satellites = [c for c in self.connections if c.name is not None]
        here = [c for c in satellites if said.room is not None and c.room.area == said.room] or satellites
        log.info("announcement for the %s, said by %s: %s", said.room or "home",
                 ", ".join(repr(c.name) for c in here) or "no satellite (none connected)", said.text)
        for connection in here:
            connection._speak(said.text)


class Connection(AsyncEventHandler):
    """One peer. `name`: the satellite's name when known before it speaks (one this assistant connected to)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, served: Served,
                 name: str | None = None) -> None:
        super().__init__(reader, writer)
        self.served = served
        self.name = name
        self.satellite = name is not None  # a satellite (not Home Assistant asking for one service)
        self.announced_area: str | None = None
        self.loop = asyncio.get_running_loop()
        self.gone = threading.Event()
        self._frames = Frames()
        self._hearing: queue.Queue[object] | None = None  # frames for the pipeline run in progress
        self._transcribing: list[bytes] | None = None  # audio of a `transcribe` request
        self._tasks: set[asyncio.Task[None]] = set()
        self._outbox: asyncio.Queue[tuple[Event, Callable[[], None] | None]] = asyncio.Queue()  # see `send`
        self._threads: list[threading.Thread] = []  # hearing threads, the one of the run in progress last
        self._closed = asyncio.Event()

    @property
    def room(self) -> Room:
        return self.served.rooms.get(self.name or HOME_ASSISTANT, self.announced_area)

    # --- reading -----------------------------------------------------------------------------------

    async def run(self) -> None:
        """Like wyoming's loop, but a malformed event is answered with an `error` event, not a hang-up."""
        with self.served.lock:
            self.served.connections.add(self)
        if self.satellite:
            self._is_satellite()
        writing = asyncio.create_task(self._write_sent())
        try:
            while True:
                try:
                    event = await read_event(self.reader)
                except MalformedEvent as exc:
                    log.warning("%s: malformed event: %s", self._who(), exc)
                    await self.write_event(Error(text=f"malformed event: {exc}", code="malformed-event").event())
                    continue
                if event is None:
                    break
                try:
                    await self.handle_event(event)
                except (KeyError, ValueError, TypeError, AttributeError) as exc:
                    log.warning("%s: malformed %s event: %r", self._who(), event.type, exc)
                    await self.write_event(Error(text=f"malformed {event.type} event: {exc!r}",
                                                 code="malformed-event").event())
        except (ConnectionError, OSError) as exc:
            log.info("%s: connection lost: %s", self._who(), exc)
        finally:
            writing.cancel()
            with self.served.lock:
                self.served.connections.discard(self)
            await self.disconnect()
            self.writer.close()
            self._closed.set()

    async def ended(self) -> None:
        """Wait until this connection is closed and its hearing threads are done (a command heard before the
        end is still carried out), so that nothing of it runs, or logs, once its server has stopped."""
        await self._closed.wait()
        for thread in self._threads:
            await asyncio.to_thread(thread.join, FINISH_S)

    async def disconnect(self) -> None:
        self.gone.set()
        self._stop_hearing(_GONE)
        log.info("%s disconnected", self._who())

    async def handle_event(self, event: Event) -> bool:
        if AudioChunk.is_type(event.type):
            self._audio(AudioChunk.from_event(event))
        elif Describe.is_type(event.type):
            await self.write_event(self.served.info.event())
        elif Info.is_type(event.type):  # a satellite saying who it is
            satellite = Info.from_event(event).satellite
            if satellite is not None:
                self.name = self.name or satellite.name
                self.announced_area = satellite.area
                self._is_satellite()
        elif RunPipeline.is_type(event.type):
            self._is_satellite()
            self._run_pipeline(RunPipeline.from_event(event))
        elif AudioStart.is_type(event.type):
            self._frames = Frames()
            if self._transcribing is not None:
                self._transcribing = []
        elif AudioStop.is_type(event.type):
            if self._transcribing is not None:
                self._spawn(self._transcribe(b"".join(self._transcribing)))
                self._transcribing = None
            self._stop_hearing(_END)
        elif Transcribe.is_type(event.type):
            self._transcribing = []
        elif Transcript.is_type(event.type):  # Home Assistant's conversation agent: a sentence to carry out
            self._spawn(asyncio.to_thread(self._carry_out, Transcript.from_event(event).text))
        elif Synthesize.is_type(event.type):
            self._spawn(asyncio.to_thread(self._speak, Synthesize.from_event(event).text))
        elif Ping.is_type(event.type):
            await self.write_event(Pong(text=Ping.from_event(event).text).event())
        else:
            log.debug("%s: ignored a %s event", self._who(), event.type)  # the protocol: drop what is unknown
        return True

    def _audio(self, chunk: AudioChunk) -> None:
        if self._transcribing is not None:
            self._transcribing.append(chunk.audio)
            return
        if self._hearing is not None:
            for frame in self._frames.add(chunk):
                self._hearing.put(frame)

    def _is_satellite(self) -> None:
        """Every satellite connected has a decoder of its own ready before it speaks (SharedStt.reserve)."""
        self.satellite = True
        with self.served.lock:
            satellites = sum(c.satellite for c in self.served.connections)
        self.served.rooms.stt.reserve(satellites)

    def _spawn(self, work: object) -> None:
        task = asyncio.ensure_future(work)  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _who(self) -> str:
        return f"satellite {self.name!r}" if self.name else "client"

    # --- sending (from the hearing thread too) -----------------------------------------------------

    def send(self, event: Event, written: Callable[[], None] | None = None) -> bool:
        """Send `event` from any thread but the loop's, after every event sent before it, without waiting for it
        to be written (`written` is called once it is); False once the peer is gone. A thread that waited on the
        loop for each event waited 10-90 ms per event when eight rooms' commands ended together."""
        if self.gone.is_set():
            return False
        try:
            self.loop.call_soon_threadsafe(self._outbox.put_nowait, (event, written))
        except RuntimeError:  # the loop has stopped: the server is gone
            self.gone.set()
            return False
        return True

    async def _write_sent(self) -> None:
        """What `send` queued, in order. A peer that reads nothing for SEND_TIMEOUT_S, or resets, is gone: the
        rest goes nowhere."""
        while True:
            event, written = await self._outbox.get()
            try:
                await asyncio.wait_for(self.write_event(event), SEND_TIMEOUT_S)
            except Exception as exc:  # reset, closed, or not reading
                log.info("%s: reply not delivered: %r", self._who(), exc)
                self.gone.set()
                return
            if written is not None:
                written()

    def _speak(self, text: str, ended_at: float | None = None, timings: dict[str, float] | None = None) -> None:
        """Piper's audio for `text`, streamed as it is synthesised; logs end of speech -> first audio, and
        where that time went (`timings`: the command's stages, ms)."""
        voice = self.served.voice
        speaking = time.perf_counter()
        if not self.send(AudioStart(rate=voice.rate, width=2, channels=1).event()):
            return
        first = True
        for piece in voice.pieces(text):
            if first and timings is not None:
                timings = {**timings, "piper": (time.perf_counter() - speaking) * 1000}  # its turn and first piece
            for start in range(0, len(piece), REPLY_CHUNK_SAMPLES):
                audio = piece[start:start + REPLY_CHUNK_SAMPLES].astype("<i2").tobytes()
                logged = functools.partial(self._log_first_audio, ended_at, timings) if first and ended_at else None
                if not self.send(AudioChunk(rate=voice.rate, width=2, channels=1, audio=audio).event(), logged):
                    return
                first = False
        self.send(AudioStop().event())

    def _log_first_audio(self, ended_at: float, timings: dict[str, float] | None) -> None:
        stages = ", ".join(f"{stage} {ms:.0f}" for stage, ms in (timings or {}).items())
        log.info("%s: end of speech -> first reply audio %.0f ms (ms: %s)", self._who(),
                 (time.perf_counter() - ended_at) * 1000, stages)

    # --- services for Home Assistant ---------------------------------------------------------------

    async def _transcribe(self, audio: bytes) -> None:
        samples = np.frombuffer(audio[:len(audio) - len(audio) % 2], dtype="<i2")
        transcript = await asyncio.to_thread(self.served.rooms.stt.transcribe, samples)
        await self.write_event(Transcript(text=transcript.text, language="en").event())

    def _carry_out(self, text: str) -> None:
        room = self.room
        with room.busy:
            outcome = room.voice.assistant.handle(text)
        log.info("%s in %s: %r -> %s", self._who(), room.area, text, outcome.answer)
        self.send(Handled(text=outcome.answer).event())

    # --- the satellite pipeline --------------------------------------------------------------------

    def _run_pipeline(self, run: RunPipeline) -> None:
        self._stop_hearing(_GONE)  # a new run replaces one in progress
        if run.start_stage == PipelineStage.TTS:
            self._spawn(asyncio.to_thread(self._speak, run.announce_text or ""))
            return
        if run.start_stage not in (PipelineStage.WAKE, PipelineStage.ASR):
            return  # intent or handle first: the text comes as a `transcript` event
        self._frames = Frames()
        self._hearing = queue.Queue()
        thread = threading.Thread(target=self._hear, args=(run, self._hearing, self.room), daemon=True,
                                  name=f"hear-{self.name or 'client'}")
        self._threads = [*(t for t in self._threads if t.is_alive()), thread]
        thread.start()

    def _stop_hearing(self, how: object) -> None:
        if self._hearing is not None:
            self._hearing.put(how)
            self._hearing = None

    def _hear(self, run: RunPipeline, frames: queue.Queue[object], room: Room) -> None:
        """The hearing thread of one pipeline run: wake (if asked), then commands until the run ends."""
        config = self.served.rooms.config
        waking = run.start_stage == PipelineStage.WAKE
        try:
            wake = wake_word(config.listen.wake_word) if waking and config.listen.wake_word else None
        except (OSError, ValueError, ImportError) as exc:
            log.error("%s: no wake word: %s", self._who(), exc)
            self.send(Error(text=f"the wake word cannot be heard here: {exc}", code="wake-word").event())
            return

        def woke() -> None:
            room.voice.arm()
            self.send(Detection(name=config.listen.wake_word).event())

        endpoint = EndpointSettings(silence_ms=config.listen.silence_ms, max_seconds=config.listen.max_seconds)
        detector = room.hearing.watch(speech_detector(endpoint.vad, endpoint.ratio, endpoint.floor))
        listener = Listener(wake, lambda: room.voice.armed, woke, endpoint, detector, room.hearing)
        require_wake = waking and bool(config.listen.wake_phrase)
        for _turn in answered(listener, self._heard(frames, listener, room),
                              lambda utterance: self._command(run, room, utterance, require_wake)):
            if not (waking or run.restart_on_end):
                frames.put(_GONE)  # one command per run: the satellite starts the next one
                break

    def _command(self, run: RunPipeline, room: Room, utterance: Utterance, require_wake: bool) -> VoiceTurn:
        """One utterance heard, carried out and answered (in speech when the run ends with text to speech); one
        whose words stop midway is held, nothing sent (the satellite streams on). A command that fails is answered
        with an `error` event: this thread's end would leave the satellite unheard from now on, unsaid."""
        if room.voice.held is not utterance:  # else held, and nothing followed: its end was said
            self.send(VoiceStopped().event())
        try:
            with room.busy:
                turn = room.voice.handle(utterance, require_wake=require_wake, hold=True)
            if not turn.held:
                self._answer(run, room, utterance, turn)
            return turn
        except Exception as exc:
            log.exception("%s: the command failed", self._who())
            self.send(Error(text=f"the command failed: {exc!r}", code="command-failed").event())
            return VoiceTurn(Heard("", None, 0.0, "none"), None, None)

    def _answer(self, run: RunPipeline, room: Room, utterance: Utterance, turn: VoiceTurn) -> None:
        self.send(Transcript(text=turn.transcript.text, language="en").event())
        if turn.outcome is not None:
            log.info("%s in %s: %r -> %s", self._who(), room.area, turn.transcript.text, turn.outcome.answer)
            self.send(Handled(text=turn.outcome.answer).event())
            if run.end_stage == PipelineStage.TTS:
                self.send(Synthesize(text=turn.outcome.answer).event())
                self._speak(turn.outcome.answer, utterance.ended_at, turn.timings_ms)

    def _heard(self, frames: queue.Queue[object], listener: Listener, room: Room) -> Iterator[np.ndarray]:
        endpointer = listener.endpointer
        in_speech = speaking = False
        while True:
            frame = frames.get()
            if frame is _GONE:
                endpointer.clear()
                room.hearing.clear()
                return
            if frame is _END:
                return
            if in_speech and not endpointer.in_speech:  # ended: its transcript was taken, or it was dropped (a
                room.hearing.clear()  # cough), and its decoder is not kept from the other rooms until it speaks again
            in_speech = endpointer.in_speech
            if speaking != (in_speech and not endpointer.reopened):  # a held command's pause is not speech
                speaking = not speaking
                if speaking:
                    self.send(VoiceStarted().event())
            yield frame  # type: ignore[misc]


class WyomingServer:
    """Serves `uri` and keeps a connection to every satellite the config gives a `uri`."""

    def __init__(self, served: Served, uri: str, reach: list[SatelliteSettings]) -> None:
        self.served = served
        self.server = AsyncServer.from_uri(uri)
        self.reach = reach
        self.started = threading.Event()  # set once the port accepts connections
        self.peers: weakref.WeakSet[Connection] = weakref.WeakSet()  # the connections not yet ended

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        tasks = [asyncio.create_task(self._reach(s)) for s in self.reach]
        loop.call_soon(self.started.set)
        try:
            await self.server.run(lambda reader, writer: self._peer(Connection(reader, writer, self.served)))
        finally:
            for task in tasks:
                task.cancel()
            await self._hang_up()

    def _peer(self, connection: Connection) -> Connection:
        self.peers.add(connection)
        return connection

    async def _hang_up(self) -> None:
        """Every peer's connection closed and its hearing threads done."""
        peers = list(self.peers)
        for peer in peers:
            await peer.stop()
        await asyncio.gather(*(peer.ended() for peer in peers))

    async def _reach(self, satellite: SatelliteSettings) -> None:
        """Connect to a wyoming-satellite, ask it to run, serve it; again after it goes away."""
        assert satellite.uri is not None
        where = urlparse(satellite.uri)
        while True:
            try:
                reader, writer = await asyncio.open_connection(where.hostname, where.port)
            except OSError as exc:
                log.warning("satellite %r at %s not reachable: %s", satellite.name, satellite.uri, exc)
            else:
                log.info("connected to satellite %r at %s", satellite.name, satellite.uri)
                connection = self._peer(Connection(reader, writer, self.served, satellite.name))
                await connection.write_event(RunSatellite().event())
                await connection.run()
            await asyncio.sleep(RECONNECT_S)


def load(config: Config, bridge: MqttBridge, planner: Planner | None = None) -> Served:
    """The shared engines, loaded once, and the rooms over them."""
    understander = Understander.from_config(config, bridge.registry)
    if understander.llm is not None:
        understander.llm.preload()  # in the background: the rules answer meanwhile
    stt = SharedStt(engine_from_config(config.speech, understander.registry), understander.registry)
    path = Path(config.voice.path) if config.voice.path else bundled_voice_path()
    voice = SharedVoice(Speaker(path, threads=1), path.stem if path else "piper")
    return Served(Rooms(config, understander, bridge, stt, planner), voice, describe(stt.name, voice.name))


def serve(config: Config, uri: str) -> None:
    """Connect to the broker, load the models and serve until SIGTERM (what `assistant wyoming` runs)."""
    from assistant.session import connected_home

    with connected_home(config, persistent=True) as bridge, store_for(config.broker.embedded) as store:
        served = load(config, bridge, Planner(config.location, store))
        server = WyomingServer(served, uri, satellites_to_reach(config))
        runner = Runner(store, on_devices(lambda: bridge), served.announce).start()  # timers, calls for later
        log.info("serving the Wyoming protocol on %s; %d satellites named in the config", uri, len(config.satellites))
        try:
            asyncio.run(server.run())
        finally:
            runner.stop()
