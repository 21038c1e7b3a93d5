"""`assistant wyoming` driven by the real `wyoming` client over loopback: satellites in different rooms,
Home Assistant's services, disconnects and malformed events. The server runs in-process on the real
Mosquitto with simulated devices; speech is the bundled Piper voice, heard by the bundled Whisper."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import socket
import threading
from collections.abc import Callable, Iterator

import numpy as np
import pytest
from conftest import isolated, simulated_home, wait_until
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.error import Error
from wyoming.event import Event
from wyoming.handle import Handled
from wyoming.info import Attribution, Describe, Info, Satellite
from wyoming.pipeline import PipelineStage, RunPipeline
from wyoming.tts import Synthesize
from wyoming.vad import VoiceStarted, VoiceStopped

from assistant.act.bridge import MqttBridge
from assistant.config import BrokerSettings, SatelliteSettings, load_config
from assistant.satellite.bench import running
from assistant.satellite.early import GUESS_AFTER_MS
from assistant.satellite.server import Served, load
from assistant.schedule.runner import Announcement
from assistant.tools import ToolCall

RATE = 16000
SILENCE = np.zeros(RATE, dtype=np.int16)  # a second of it after a command: the endpointer ends the command
KITCHEN_LIGHTS = ("kitchen_ceiling", "kitchen_counter_lights")


@dataclasses.dataclass
class Server:
    port: int
    bridge: MqttBridge
    served: Served

    def client(self) -> AsyncTcpClient:
        return AsyncTcpClient("127.0.0.1", self.port)

    def on(self, device: str) -> bool | None:
        state = self.bridge.state(device)
        return None if state is None else state.on

    def set(self, tool: str, *devices: str) -> None:
        results = self.bridge.execute([ToolCall(tool, d) for d in devices])
        assert all(r.ok for r in results), results


@pytest.fixture(scope="module")
def served(mosquitto: BrokerSettings) -> Iterator[Server]:
    registry = isolated(load_config(None).registry())
    config = dataclasses.replace(  # Whisper alone (`served_by_sphinx`: the default engine)
        load_config(None), devices=tuple(registry),
        speech=dataclasses.replace(load_config(None).speech, engine="whisper"),
        understanding=dataclasses.replace(load_config(None).understanding, use_llm=False),
        satellites=(SatelliteSettings("pi-2", "bedroom"),))  # "kitchen" names its room itself
    settings = dataclasses.replace(mosquitto, client_id="wyoming-test")
    with simulated_home(settings, registry) as (_sim, bridge):
        served = load(config, bridge)
        with running(served) as port:
            yield Server(port, bridge, served)


@pytest.fixture(scope="module")
def served_by_sphinx(mosquitto: BrokerSettings) -> Iterator[Server]:
    """As `served`, with `speech.engine: pocketsphinx` (the default: Whisper behind its grammar)."""
    registry = isolated(load_config(None).registry())
    config = dataclasses.replace(
        load_config(None), devices=tuple(registry), speech=dataclasses.replace(load_config(None).speech,
                                                                               engine="pocketsphinx"),
        understanding=dataclasses.replace(load_config(None).understanding, use_llm=False),
        satellites=(SatelliteSettings("pi-2", "bedroom"),))
    settings = dataclasses.replace(mosquitto, client_id="wyoming-sphinx-test")
    with simulated_home(settings, registry) as (_sim, bridge):
        served = load(config, bridge)
        with running(served) as port:
            yield Server(port, bridge, served)


def hello(name: str) -> Event:
    """What a satellite says about itself: the `satellite` part of an `info` event."""
    satellite = Satellite(name=name, attribution=Attribution(name="test", url="-"), installed=True,
                          description=None, version=None)
    return Info(satellite=satellite).event()


def chunks(samples: np.ndarray, size: int = 1024) -> Iterator[Event]:
    for start in range(0, len(samples), size):
        yield AudioChunk(rate=RATE, width=2, channels=1, audio=samples[start:start + size].tobytes()).event()


async def stream_live(client: AsyncTcpClient, samples: np.ndarray) -> float:
    """Stream at the pace a microphone gives audio; returns when the last chunk went out (loop time)."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    for i, event in enumerate(chunks(samples)):
        await asyncio.sleep(max(0.0, started + i * 1024 / RATE - loop.time()))
        await client.write_event(event)
    return loop.time()


async def say_as_satellite(client: AsyncTcpClient, name: str, speech: np.ndarray) -> dict[str, object]:
    """What a satellite with its own wake word does: name itself, run the pipeline from speech to text to
    spoken reply, stream the microphone; returns what came back until the reply audio ended."""
    await client.write_event(hello(name))
    await client.write_event(RunPipeline(start_stage=PipelineStage.ASR, end_stage=PipelineStage.TTS).event())
    await client.write_event(AudioStart(rate=RATE, width=2, channels=1).event())
    for event in chunks(np.concatenate([SILENCE[:4000], speech, SILENCE])):
        await client.write_event(event)
    got: dict[str, object] = {"audio": b"", "types": []}
    while True:
        event = await asyncio.wait_for(client.read_event(), 60)
        assert event is not None, f"the server hung up on {name}; got {got['types']}"
        got["types"].append(event.type)  # type: ignore[union-attr]
        if Transcript.is_type(event.type):
            got["transcript"] = Transcript.from_event(event).text
        elif Handled.is_type(event.type):
            got["answer"] = Handled.from_event(event).text
        elif AudioChunk.is_type(event.type):
            got["audio"] += AudioChunk.from_event(event).audio  # type: ignore[operator]
        elif AudioStop.is_type(event.type):
            return got


async def handle(client: AsyncTcpClient, name: str, text: str) -> str:
    """A sentence carried out in the conversation of satellite `name`, as Home Assistant's agent sends it."""
    await client.write_event(hello(name))
    await client.write_event(Transcript(text=text).event())
    while True:
        event = await asyncio.wait_for(client.read_event(), 30)
        assert event is not None
        if Handled.is_type(event.type):
            return str(Handled.from_event(event).text)


def run(coroutine: object) -> object:
    return asyncio.run(coroutine)  # type: ignore[arg-type]


def test_describe_lists_speech_to_text_piper_and_whole_commands(served: Server) -> None:
    async def ask() -> Info:
        async with served.client() as client:
            await client.write_event(Describe().event())
            event = await asyncio.wait_for(client.read_event(), 10)
            assert event is not None and Info.is_type(event.type), event
            return Info.from_event(event)

    info = run(ask())
    assert [m.name for p in info.asr for m in p.models] == ["whisper"]
    assert [v.name for p in info.tts for v in p.voices] == ["en_US-joe-medium"]
    assert info.handle and info.handle[0].supports_home_control


def test_two_satellites_in_two_rooms_saying_turn_off_the_lights_each_darken_their_own(
        served: Server, say: Callable[[str], np.ndarray]) -> None:
    served.set("turn_on", *KITCHEN_LIGHTS, "bedside_lamp", "sofa_lamp")
    speech = say("turn off the lights")

    async def both() -> list[dict[str, object]]:
        async with served.client() as kitchen, served.client() as bedroom:
            return await asyncio.gather(say_as_satellite(kitchen, "kitchen", speech),
                                        say_as_satellite(bedroom, "pi-2", speech))

    kitchen, bedroom = run(both())
    for got in (kitchen, bedroom):
        assert str(got["transcript"]).lower().strip(" .") == "turn off the lights"
        assert len(got["audio"]) > 0.5 * 22050 * 2, "no spoken reply came back"  # type: ignore[arg-type]
        assert got["types"].index("transcript") < got["types"].index("audio-start")  # type: ignore[union-attr]
    assert kitchen["answer"] == "Done, the kitchen ceiling light and the counter lights are off."
    assert bedroom["answer"] == "Done, the bedside lamp is off."
    assert [served.on(d) for d in (*KITCHEN_LIGHTS, "bedside_lamp")] == [False, False, False]
    assert served.on("sofa_lamp") is True  # the living room has no satellite that spoke


def test_with_pocketsphinx_rooms_speaking_at_once_each_hear_with_a_decoder_of_their_own(
        served_by_sphinx: Server, say: Callable[[str], np.ndarray]) -> None:
    served = served_by_sphinx
    served.set("turn_on", *KITCHEN_LIGHTS, "bedside_lamp", "hallway_light")
    speech = say("switch off the lights")

    async def both() -> list[dict[str, object]]:
        async with served.client() as kitchen, served.client() as bedroom:
            return await asyncio.gather(say_as_satellite(kitchen, "kitchen", speech),
                                        say_as_satellite(bedroom, "pi-2", speech))

    async def hallway() -> dict[str, object]:
        async with served.client() as client:
            return await say_as_satellite(client, "hallway", speech)

    kitchen, bedroom = run(both())
    assert kitchen["transcript"] == bedroom["transcript"] == "switch off the lights"  # the grammar's, not Whisper's
    assert kitchen["answer"] == "Done, the kitchen ceiling light and the counter lights are off."
    assert bedroom["answer"] == "Done, the bedside lamp is off."
    assert run(hallway())["answer"] == "Done, the hallway light is off."
    assert [served.on(d) for d in (*KITCHEN_LIGHTS, "bedside_lamp", "hallway_light")] == [False] * 4
    assert served.served.rooms.stt.decoders == 2, "as many decoders as satellites were connected at once"


def test_each_satellite_that_connects_has_a_decoder_made_before_it_speaks(served_by_sphinx: Server) -> None:
    """Making one holds Python's lock ~150 ms: done when a satellite connects, not when rooms start talking."""
    stt = served_by_sphinx.served.rooms.stt

    async def connect_three() -> int:
        async with served_by_sphinx.client() as a, served_by_sphinx.client() as b, served_by_sphinx.client() as c:
            for client, name in ((a, "kitchen"), (b, "pi-2"), (c, "study")):
                await client.write_event(hello(name))
                await client.write_event(Describe().event())  # its answer: the server has read the hello
                assert await asyncio.wait_for(client.read_event(), 10) is not None
            await asyncio.to_thread(stt.ready, 30)
            return stt.decoders

    assert run(connect_three()) >= 3
    assert stt.lent == 0, "made and kept for the satellites, not lent to anyone yet"


def test_a_sound_too_short_to_be_a_command_gives_its_rooms_decoder_back(
        served_by_sphinx: Server, say: Callable[[str], np.ndarray]) -> None:
    """A cough begins an utterance (a decoder is lent) that the endpointer then drops: the decoder goes back to
    the other rooms at once, not when this satellite next speaks."""
    stt = served_by_sphinx.served.rooms.stt
    blip = say("Hi.")[: RATE // 5]  # 200 ms: less voiced time than a command's minimum

    async def cough() -> None:
        async with served_by_sphinx.client() as client:
            await client.write_event(hello("kitchen"))
            await client.write_event(RunPipeline(start_stage=PipelineStage.ASR, end_stage=PipelineStage.TTS).event())
            for event in chunks(np.concatenate([SILENCE[:4000], blip, SILENCE])):
                await client.write_event(event)
            while not VoiceStarted.is_type((await asyncio.wait_for(client.read_event(), 30)).type):  # type: ignore[union-attr]
                pass
            assert await asyncio.to_thread(wait_until, lambda: stt.lent == 0, 30), "the decoder stayed lent"

    run(cough())


def test_a_yes_in_the_bedroom_never_confirms_an_unlock_asked_in_the_hall(served: Server) -> None:
    served.set("lock", "front_door")

    async def talk() -> list[str]:
        async with served.client() as hall, served.client() as bedroom:
            asked = await handle(hall, "hallway", "unlock the front door")
            other = await handle(bedroom, "pi-2", "yes")
            locked_meanwhile = served.bridge.state("front_door").locked  # type: ignore[union-attr]
            done = await handle(hall, "hallway", "yes")
            return [asked, other, str(locked_meanwhile), done]

    asked, other, locked_meanwhile, done = run(talk())
    assert asked == "Unlock the front door? Please say yes or no."
    assert "unlock" not in other.lower() and locked_meanwhile == "True"
    assert done == "Done, the front door is unlocked."
    assert served.bridge.state("front_door").locked is False  # type: ignore[union-attr]


def test_a_command_whose_satellite_hangs_up_before_the_answer_is_still_carried_out(
        served: Server, say: Callable[[str], np.ndarray]) -> None:
    served.set("turn_on", *KITCHEN_LIGHTS)

    async def say_and_leave() -> None:
        async with served.client() as client:
            await client.write_event(hello("kitchen"))
            await client.write_event(RunPipeline(start_stage=PipelineStage.ASR, end_stage=PipelineStage.TTS).event())
            await stream_live(client, np.concatenate([say("turn off the lights"), SILENCE]))

    run(say_and_leave())
    assert wait_until(lambda: served.on("kitchen_ceiling") is False and served.on("kitchen_counter_lights") is False,
                      timeout=30), "the command was lost when its satellite hung up"


def test_a_server_that_stops_carries_out_the_command_it_heard_and_leaves_no_thread_behind(
        served: Server, say: Callable[[str], np.ndarray]) -> None:
    """Nothing a stopped server started still runs, or logs, after it (a thread logging once pytest has
    closed its capture wrote "I/O operation on closed file")."""
    served.set("turn_on", "desk_lamp")

    async def say_until_heard(port: int) -> None:
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(hello("study"))
            await client.write_event(RunPipeline(start_stage=PipelineStage.ASR, end_stage=PipelineStage.TTS).event())
            for event in chunks(np.concatenate([SILENCE[:4000], say("turn off the desk lamp"), SILENCE])):
                await client.write_event(event)
            while not VoiceStopped.is_type((await asyncio.wait_for(client.read_event(), 30)).type):  # type: ignore[union-attr]
                pass

    with running(served.served) as port:
        run(say_until_heard(port))
    assert not [t for t in threading.enumerate() if t.name == "hear-study"], "a satellite's thread outlived its server"
    assert served.on("desk_lamp") is False, "a command heard before the server stopped was dropped"


def test_a_satellite_that_hangs_up_mid_sentence_changes_nothing_and_breaks_nothing(
        served: Server, say: Callable[[str], np.ndarray]) -> None:
    served.set("turn_on", "bedside_lamp")
    speech = say("turn off the bedside lamp")

    async def cut_off() -> None:
        async with served.client() as client:
            await client.write_event(hello("pi-2"))
            await client.write_event(RunPipeline(start_stage=PipelineStage.ASR, end_stage=PipelineStage.TTS).event())
            for event in chunks(speech[:len(speech) // 2]):
                await client.write_event(event)

    run(cut_off())
    served.set("turn_on", "kitchen_ceiling")

    async def next_satellite() -> dict[str, object]:
        async with served.client() as client:
            return await say_as_satellite(client, "kitchen", say("turn off the ceiling light"))

    assert run(next_satellite())["answer"] == "Done, the kitchen ceiling light is off."
    assert served.on("bedside_lamp") is True  # half a sentence is never a command


def test_malformed_events_are_answered_with_an_error_event_and_the_connection_goes_on(served: Server) -> None:
    bad = [
        b"this is not json\n",
        b'{"type": 5}\n',
        b'{"type": "audio-chunk", "data_length": -3}\n',
        json.dumps({"type": "run-pipeline", "data": {"start_stage": "sing", "end_stage": "tts"}}).encode() + b"\n",
        json.dumps({"type": "audio-chunk", "data": {"rate": 16000}, "payload_length": 2}).encode() + b"\n\0\0",
    ]
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        stream = sock.makefile("rwb")
        for line in bad:
            stream.write(line)
            stream.flush()
            reply = json.loads(stream.readline())
            assert reply["type"] == "error", (line, reply)
            data = json.loads(stream.read(reply["data_length"]))
            assert data["code"] == "malformed-event" and data["text"], data
        stream.write(b'{"type": "describe"}\n')
        stream.flush()
        assert json.loads(stream.readline())["type"] == "info"  # still connected, still answering


def test_home_assistant_can_use_its_speech_to_text_and_its_voice(served: Server,
                                                                 say: Callable[[str], np.ndarray]) -> None:
    served.set("close_cover", "bedroom_curtains")

    async def stt_then_tts() -> tuple[str, bytes, list[str]]:
        async with served.client() as client:
            await client.write_event(Transcribe(language="en").event())
            await client.write_event(AudioStart(rate=RATE, width=2, channels=1).event())
            for event in chunks(say("open the bedroom curtains")):
                await client.write_event(event)
            await client.write_event(AudioStop().event())
            event = await asyncio.wait_for(client.read_event(), 30)
            assert event is not None and Transcript.is_type(event.type), event
            text = Transcript.from_event(event).text
        async with served.client() as client:
            await client.write_event(Synthesize(text="The curtains are open.").event())
            audio, types = b"", []
            while not types or types[-1] != "audio-stop":
                event = await asyncio.wait_for(client.read_event(), 30)
                assert event is not None and not Error.is_type(event.type), event
                types.append(event.type)
                if AudioChunk.is_type(event.type):
                    audio += AudioChunk.from_event(event).audio
        return text, audio, types

    text, audio, types = run(stt_then_tts())
    assert text.lower().strip(" .") == "open the bedroom curtains"
    assert types[0] == "audio-start" and len(audio) > 0.5 * 22050 * 2
    assert served.bridge.state("bedroom_curtains").position == 0  # type: ignore[union-attr]  # only transcribed


def test_a_satellite_still_streaming_does_not_hold_up_another_rooms_command(
        served: Server, say: Callable[[str], np.ndarray]) -> None:
    """The kitchen talks, then sends nothing more, mid-sentence, until the bedroom has been answered: a server
    that made the bedroom wait for the kitchen's sentence to end would never answer it, however busy the machine
    (the 120 s limit only guards against that hang)."""
    served.set("turn_on", "bedside_lamp")
    talking = say("and then we went to the seaside and walked along the beach")  # no pause

    async def both() -> dict[str, object]:
        async with served.client() as kitchen, served.client() as bedroom:
            await kitchen.write_event(hello("kitchen"))
            await kitchen.write_event(RunPipeline(start_stage=PipelineStage.ASR, end_stage=PipelineStage.TTS).event())
            streaming = asyncio.create_task(stream_live(kitchen, talking))
            await asyncio.sleep(0.5)
            got = await asyncio.wait_for(say_as_satellite(bedroom, "pi-2", say("turn off the bedside lamp")), 120)
            await streaming
            return got  # the kitchen hangs up mid-sentence: dropped, never a command

    assert run(both())["answer"] == "Done, the bedside lamp is off."
    assert served.on("bedside_lamp") is False


def test_a_pause_inside_a_command_never_cuts_it_short(served: Server, say: Callable[[str], np.ndarray]) -> None:
    """Speech to text starts at a pause (GUESS_AFTER_MS), before the end of the sentence; when the speaker goes
    on, that early transcript ("turn off the", the bedroom's lights) must never be the command."""
    served.set("turn_on", *KITCHEN_LIGHTS, "bedside_lamp")
    pause = np.zeros(RATE * (load_config(None).listen.silence_ms - GUESS_AFTER_MS) // 2000, dtype=np.int16)

    async def pause_and_go_on() -> dict[str, object]:
        async with served.client() as bedroom:
            return await say_as_satellite(bedroom, "pi-2", np.concatenate([say("turn off the"), pause,
                                                                           say("kitchen lights")]))

    got = run(pause_and_go_on())
    assert got["answer"] == "Done, the kitchen ceiling light and the counter lights are off.", got
    assert served.on("bedside_lamp") is True


def test_a_command_that_fails_is_answered_with_an_error_and_the_satellite_is_still_heard(
        served: Server, say: Callable[[str], np.ndarray], monkeypatch: pytest.MonkeyPatch) -> None:
    served.set("turn_on", *KITCHEN_LIGHTS)
    voice = served.served.rooms.get("kitchen").voice
    handle_once = voice.handle

    def broken(*args: object, **kwargs: object) -> object:
        monkeypatch.setattr(voice, "handle", handle_once)  # only the first command fails
        raise RuntimeError("a broken model")

    monkeypatch.setattr(voice, "handle", broken)

    async def fail_then_go_on() -> tuple[str, dict[str, object]]:
        async with served.client() as kitchen:
            await kitchen.write_event(hello("kitchen"))
            await kitchen.write_event(RunPipeline(start_stage=PipelineStage.ASR, end_stage=PipelineStage.TTS).event())
            await kitchen.write_event(AudioStart(rate=RATE, width=2, channels=1).event())
            for event in chunks(np.concatenate([say("turn off the lights"), SILENCE])):
                await kitchen.write_event(event)
            while (event := await asyncio.wait_for(kitchen.read_event(), 30)) is not None:
                if Error.is_type(event.type):
                    break
            assert event is not None, "the server hung up"
            code = Error.from_event(event).code or ""
            return code, await say_as_satellite(kitchen, "kitchen", say("turn off the lights"))

    code, then = run(fail_then_go_on())
    assert code == "command-failed"
    assert then["answer"] == "Done, the kitchen ceiling light and the counter lights are off."


def test_a_timer_set_in_a_room_is_announced_by_that_rooms_satellite_only(served: Server) -> None:
    async def connect_and_announce() -> tuple[list[str], list[str]]:
        async with served.client() as kitchen, served.client() as bedroom:
            for client, name in ((kitchen, "kitchen"), (bedroom, "pi-2")):
                await client.write_event(hello(name))
                await client.write_event(Describe().event())  # its answer: the server has read the hello
                assert await asyncio.wait_for(client.read_event(), 10) is not None
            await asyncio.to_thread(served.served.announce, Announcement("The pasta timer is done.", "kitchen"))
            heard = await asyncio.wait_for(kitchen.read_event(), 10)
            try:
                elsewhere = await asyncio.wait_for(bedroom.read_event(), 1)
            except TimeoutError:
                elsewhere = None
            return [heard.type if heard else "nothing"], [elsewhere.type] if elsewhere else []

    heard, heard_elsewhere = run(connect_and_announce())
    assert heard == ["audio-start"]
    assert heard_elsewhere == []
