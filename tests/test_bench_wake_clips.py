"""`assistant bench-wake --save-clips DIR` / `--clips DIR`: two trees' endpointers compared on the same audio.

Speech is the bundled Piper voice (noise scales 0); the noise is the benchmark's own hiss and music. The clips
are ended as the benchmark ends them, saved on the way, then replayed by the command a user runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.config import load_config
from assistant.hear.audio import RATE, AudioError
from assistant.hear.endpoint import EndpointSettings

ROOT = Path(__file__).resolve().parent.parent


def test_clips_saved_by_a_run_replay_to_the_figures_that_run_measured(say, tmp_path: Path) -> None:
    from assistant.hear.benchmark import bench_whisper, end_of_speech, in_rooms, judged_ends, vad_lines, voiced
    from assistant.hear.vad_clips import JUDGED, SOUND_ALONE, ClipWriter

    first, rest = (voiced(say(part)) for part in ("set the sofa lamp to", "forty percent"))
    said = {None: [say("set the sofa lamp to forty percent"), say("turn on the kettle")],
            500: [np.concatenate([first, np.zeros(RATE // 2, np.int16), rest])]}
    registry = load_config(None).registry()
    writer = ClipWriter(tmp_path / "clips", tuning=False)
    rng = np.random.default_rng(3)
    vad = end_of_speech(writer.kept(in_rooms(said, [], rng), SOUND_ALONE), EndpointSettings())
    vad.update(judged_ends(writer.kept(in_rooms(said, [], rng), JUDGED), EndpointSettings(), registry,
                           bench_whisper(registry)))
    assert len(list((tmp_path / "clips").glob("*.wav"))) == 2 * 9  # 3 commands, clean and 2 SNRs, 2 sets
    assert vad["5db, 500 ms pause"].said == 1 and vad["clean, pocketsphinx judging"].said == 2

    replayed = subprocess.run([sys.executable, "-m", "assistant", "bench-wake", "--clips", str(tmp_path / "clips")],
                              capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert replayed.returncode == 0, replayed.stderr
    assert replayed.stdout.splitlines() == vad_lines(vad)
    assert "replaying 18 clips of the reported set" in replayed.stderr


def test_saving_clips_over_saved_ones_or_replaying_a_folder_without_them_says_why(tmp_path: Path) -> None:
    from assistant.hear.vad_clips import SOUND_ALONE, ClipWriter, read_clips

    with pytest.raises(AudioError, match="no saved clips there"):
        read_clips(tmp_path)
    list(ClipWriter(tmp_path, tuning=True).kept([], SOUND_ALONE))
    assert read_clips(tmp_path) == (True, {SOUND_ALONE: []})
    with pytest.raises(AudioError, match="clips are saved there already"):
        ClipWriter(tmp_path, tuning=False)


def test_bench_wake_help_says_how_to_compare_two_trees_on_the_same_clips() -> None:
    result = subprocess.run([sys.executable, "-m", "assistant", "bench-wake", "--help"], capture_output=True,
                            text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0
    assert "--save-clips DIR" in result.stdout and "--clips DIR" in result.stdout
    assert "replay" in result.stdout


def test_a_seeded_voice_says_the_same_texts_in_the_same_takes_on_every_run() -> None:
    from assistant.hear.benchmark import Synth, Voice

    texts = ["okay nabu", "lock the back door"]
    first, again, other = Synth(seed=3), Synth(seed=3), Synth(seed=4)
    takes, same, different = ([synth.say(t, Voice(speed=1.1)) for t in texts] for synth in (first, again, other))
    assert all(np.array_equal(a, b) for a, b in zip(takes, same, strict=True))
    assert not any(np.array_equal(a, b) for a, b in zip(takes, different, strict=True))
