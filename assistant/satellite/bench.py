"""`assistant wyoming --bench`: the server measured over loopback with the real `wyoming` client.

Simulated satellites stream Piper-spoken commands in real time (as a microphone would), one satellite
alone and then N at once, each in a room of its own where the home has enough rooms. They connect first and
speak once every one has said who it is and the server has made what it makes for a satellite that connects
(its pocketsphinx decoder), as in a home whose satellites stay connected. Reported: end of
speech -> first reply audio at the satellite (it includes the endpointer's wait for the end of the sentence,
`listen.silence_ms` or more), commands lost or misheard (no "Done, ..." answer with the
state asked for), the ratio of the N-satellite median to the one-satellite median, and the server's
resident memory. The server's log says where each command's time went (speech to text, understanding,
devices, the first piece of Piper's answer).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.handle import Handled
from wyoming.info import Attribution, Describe, Info, Satellite
from wyoming.pipeline import PipelineStage, RunPipeline

from assistant.act.broker import free_port
from assistant.bench import bench_home, current_rss_mb, spoken_commands
from assistant.config import Config
from assistant.hear.audio import RATE
from assistant.percentile import nearest_rank
from assistant.satellite.server import Served, WyomingServer, load

CHUNK = 1024  # samples per audio-chunk event: 64 ms, as wyoming-satellite sends them
TAIL = RATE  # spoken_commands ends every command with a second of silence
REPLY_S = 60  # a command not answered within this is lost (and so are the rest of its satellite's)
READY_S = 30  # longest wait for the server to have made the connected satellites' decoders
# the rules path, in the satellite's own room, and how its answer ends when it was understood and done
COMMANDS = {"turn off the lights": "off.", "turn on the lights": "on."}


@contextmanager
def running(served: Served) -> Iterator[int]:
    """The server on a free loopback port, in a thread of its own; yields the port."""
    port = free_port()
    server = WyomingServer(served, f"tcp://127.0.0.1:{port}", [])
    loop = asyncio.new_event_loop()

    def run() -> None:
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(server.run())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"the Wyoming server did not listen on 127.0.0.1:{port} within 10 s")
        time.sleep(0.05)
    try:
        yield port
    finally:
        asyncio.run_coroutine_threadsafe(server.server.stop(), loop).result(5)
        thread.join()  # until every connection has ended (WyomingServer.run), commands heard carried out


async def _satellite(port: int, name: str, area: str, commands: list[tuple[np.ndarray, str]],
                     connected: asyncio.Barrier, speak: asyncio.Event) -> list[float | None]:
    """Connect and say who it is, then (once every satellite has, and the server is ready for them) speak each
    command in real time; ms from the end of its speech to the first reply audio (None: lost, not answered
    within REPLY_S, or answered with anything but "Done, ..." and the state it asked for). After one goes
    unanswered the satellite stops: a late reply would be taken for the next command's."""
    out: list[float | None] = [None] * len(commands)
    async with AsyncTcpClient("127.0.0.1", port) as client:
        await client.write_event(Info(satellite=Satellite(name=name, area=area, installed=True, description=None,
                                                          version=None, attribution=Attribution("bench", "-"))).event())
        await client.write_event(Describe().event())  # its answer: the server has read who this satellite is
        await client.read_event()
        await connected.wait()
        await speak.wait()
        for n, (audio, ending) in enumerate(commands):
            await client.write_event(RunPipeline(start_stage=PipelineStage.ASR, end_stage=PipelineStage.TTS).event())
            await client.write_event(AudioStart(rate=RATE, width=2, channels=1).event())
            reading = asyncio.create_task(_reply(client))
            start, spoken_end = time.perf_counter(), len(audio) - TAIL
            ended_at = None
            for i in range(0, len(audio), CHUNK):
                await asyncio.sleep(max(0.0, start + i / RATE - time.perf_counter()))  # the microphone's pace
                if reading.done():
                    break
                await client.write_event(AudioChunk(rate=RATE, width=2, channels=1,
                                                    audio=audio[i:i + CHUNK].tobytes()).event())
                if ended_at is None and i + CHUNK >= spoken_end:
                    ended_at = time.perf_counter()
            try:
                first, answer = await asyncio.wait_for(reading, REPLY_S)
            except asyncio.TimeoutError:
                break
            ok = first is not None and ended_at is not None and (answer or "").startswith("Done") \
                and (answer or "").endswith(ending)
            out[n] = (first - ended_at) * 1000 if ok else None  # type: ignore[operator]
    return out


async def _reply(client: AsyncTcpClient) -> tuple[float | None, str | None]:
    first, answer = None, None
    while (event := await client.read_event()) is not None:
        if Handled.is_type(event.type):
            answer = Handled.from_event(event).text
        elif AudioChunk.is_type(event.type) and first is None:
            first = time.perf_counter()
        elif AudioStop.is_type(event.type):
            break
    return first, answer


def _rooms(served: Served) -> list[str]:
    """Areas with at least one light, most lights first."""
    counts: dict[str, int] = {}
    for device in served.rooms.understander.registry:
        if device.type == "light":
            counts[device.area] = counts.get(device.area, 0) + 1
    return sorted(counts, key=lambda a: -counts[a])


def _phase(port: int, served: Served, satellites: int, clips: list[tuple[np.ndarray, str]],
           rounds: int) -> list[float | None]:
    rooms = _rooms(served)

    async def together() -> list[list[float | None]]:
        connected, speak = asyncio.Barrier(satellites + 1), asyncio.Event()
        talking = asyncio.gather(*(
            _satellite(port, f"bench-{satellites}-{i}", rooms[i % len(rooms)],
                       [clips[(i + r) % len(clips)] for r in range(rounds)], connected, speak)
            for i in range(satellites)))
        await connected.wait()
        await asyncio.to_thread(served.rooms.stt.ready, READY_S)  # as in a home whose satellites stay connected
        speak.set()
        return await talking

    return [ms for one in asyncio.run(together()) for ms in one]


def _line(label: str, times: list[float | None]) -> tuple[str, float]:
    done = sorted(t for t in times if t is not None)
    median = statistics.median(done) if done else float("nan")
    p90 = nearest_rank(done, 0.9)
    return (f"{label}: commands={len(times)} lost_or_wrong={len(times) - len(done)} end_of_speech_to_first_audio "
            f"median_ms={median:.0f} p90_ms={p90:.0f}"), median


def run_bench(config: Config, satellites: int = 8, rounds: int = 3) -> list[str]:
    lines = []
    with bench_home(config) as bridge:
        served = load(config, bridge)
        clips = [(audio, COMMANDS[text]) for text, audio in spoken_commands(served.voice.speaker, tuple(COMMANDS))]
        with running(served) as port:
            _phase(port, served, 1, clips, 1)  # warm-up: first decodes pay one-off costs
            one = _phase(port, served, 1, clips, rounds)
            many = _phase(port, served, satellites, clips, rounds)
            rss = current_rss_mb()
    first, alone = _line("1 satellite", one)
    second, together = _line(f"{satellites} satellites at once", many)
    lines += [first, second, f"latency ratio {satellites} vs 1 (median): {together / alone:.2f}",
              f"server rss_mb={rss:.0f} (models, broker and simulated devices in this one process)"]
    return lines
