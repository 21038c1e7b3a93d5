"""A satellite's command cut short at a pause is held, as by `assistant run`: the server calls the end itself, so
holding is sending nothing back but `voice-stopped` (wyoming-satellite streams until it gets the `transcript`), and
the rest, streamed after the pause, is heard with the first part as one command. The real server and the real
`wyoming` client over loopback (test_wyoming's), Piper's speech in music at 5 dB SNR, Whisper, the rules."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import numpy as np
import pytest
from test_endpoint_reopen import Scripted, in_music
from test_wyoming import Server, chunks, hello, run, served, served_by_sphinx  # noqa: F401  # fixtures
from wyoming.asr import Transcript
from wyoming.audio import AudioStart, AudioStop
from wyoming.handle import Handled
from wyoming.pipeline import PipelineStage, RunPipeline
from wyoming.vad import VoiceStarted, VoiceStopped

from assistant.config import load_config
from assistant.hear.audio import FRAME_SAMPLES, RATE, frames_of
from assistant.hear.benchmark import voiced
from assistant.hear.stt import SphinxEngine, WhisperEngine
from assistant.hear.vocabulary import prompt
from assistant.satellite.early import EarlyStt
from assistant.satellite.rooms import SharedStt
from assistant.understand.rules import RuleMatcher


async def stream(server: Server, audio: np.ndarray, stop: bool = False) -> list[tuple[str, str | None]]:
    """A satellite with its own wake word streams `audio` (and `audio-stop` after it when `stop`): the events that
    came back, with the transcript's and the answer's text, until the answer (no spoken reply is asked for)."""
    async with server.client() as satellite:
        await satellite.write_event(hello("pi-2"))
        await satellite.write_event(RunPipeline(start_stage=PipelineStage.ASR, end_stage=PipelineStage.HANDLE).event())
        await satellite.write_event(AudioStart(rate=16000, width=2, channels=1).event())
        for event in chunks(audio):
            await satellite.write_event(event)
        if stop:
            await satellite.write_event(AudioStop().event())
        got: list[tuple[str, str | None]] = []
        while (event := await asyncio.wait_for(satellite.read_event(), 60)) is not None:
            text = Transcript.from_event(event).text if Transcript.is_type(event.type) else \
                Handled.from_event(event).text if Handled.is_type(event.type) else None
            got.append((event.type, text))
            if Handled.is_type(event.type):
                return got
        raise AssertionError(f"the server hung up; got {got}")


@pytest.mark.parametrize("engine", ["whisper", "pocketsphinx"])
def test_a_command_cut_short_at_a_pause_is_held_and_heard_whole_with_the_rest(
        engine: str, request: pytest.FixtureRequest, say: Callable[[str], np.ndarray]) -> None:
    server: Server = request.getfixturevalue("served" if engine == "whisper" else "served_by_sphinx")
    server.set("turn_off", "sofa_lamp")
    got = run(stream(server, in_music(say, "set the sofa lamp to", "forty percent", wake=None)))
    types = [kind for kind, _ in got]
    assert types.count(VoiceStopped().event().type) == 2, got  # cut at the pause, then the end
    assert types.count(VoiceStarted().event().type) == 2, got  # the rest is voice again
    assert sum(Transcript.is_type(kind) for kind, _ in got) == 1, got  # one transcript: the whole command
    assert got[-1][1] == "Done, the sofa lamp is at 40 percent.", got
    assert server.on("sofa_lamp") is True
    assert server.bridge.state("sofa_lamp").brightness == 40  # type: ignore[union-attr]


def test_a_held_command_the_satellite_ends_itself_is_answered_as_it_was(
        served: Server, say: Callable[[str], np.ndarray]) -> None:  # noqa: F811
    served.set("turn_off", "sofa_lamp")
    got = run(stream(served, in_music(say, "set the sofa lamp to", wake=None)[:-16000 * 3 // 2], stop=True))
    assert [text for kind, text in got if Transcript.is_type(kind)] == ["Set the sofa lamp to."], got
    assert got[-1][1] == "To what level?", got  # nothing more came: answered as heard (a level cut off is asked)
    assert served.on("sofa_lamp") is False


def test_with_pocketsphinx_a_held_commands_rest_is_heard_by_the_grammar_with_its_first_part(
        say: Callable[[str], np.ndarray]) -> None:
    """A room's hearing (EarlyStt) fed as the endpointer feeds it a command it cuts at the pause, holds and
    reopens: the decoder went back with the first part's transcript, and one is lent again when the rest begins,
    hearing the utterance from its start; before, the rest went to Whisper and the end was by sound alone."""
    registry = load_config(None).registry()
    stt = SharedStt(SphinxEngine(registry, WhisperEngine(prompt=prompt(registry))), registry)
    hearing = EarlyStt(stt, RuleMatcher(registry))
    lead, pause = np.zeros(RATE * 3 // 10, np.int16), np.zeros(RATE * 6 // 10, np.int16)
    first, rest = voiced(say("set the sofa lamp to")), voiced(say("forty percent"))
    frames = list(frames_of(np.concatenate([lead, first, pause, rest, lead])))
    start, cut = len(lead) // FRAME_SAMPLES, (len(lead) + len(first)) // FRAME_SAMPLES + 9  # 270 ms into the pause
    resumed = (len(lead) + len(first) + len(pause)) // FRAME_SAMPLES
    detector = hearing.watch(Scripted([start <= n <= cut - 9 or resumed <= n < len(frames) - 10
                                       for n in range(len(frames))]))
    judged = []
    for n, frame in enumerate(frames):
        detector.is_speech(frame, inside=n > start)
        if n == start:
            hearing.begin(frames[:n + 1])
        elif n > start:
            hearing.feed(frame)
            judged.append(hearing.whole())
        if n == cut:  # the end called at the pause: its words stop midway, so the command is held and reopened
            assert hearing.transcribe(np.concatenate(frames[:n + 1])).text.lower().startswith("set the sofa lamp to")
    whole = hearing.transcribe(np.concatenate(frames))
    assert (whole.text, whole.engine) == ("set the sofa lamp to forty percent", "pocketsphinx"), whole
    assert judged[-1] is True  # the grammar judged the rest's end: a whole command
    hearing.clear()
    assert stt.lent == 0
