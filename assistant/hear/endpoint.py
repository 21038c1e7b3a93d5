"""End of speech: an energy voice-activity detector with an adaptive noise floor.

A command starts when a few frames rise clearly above the background and ends after a stretch of
silence (default 600 ms), or at the max-length guard. Cheap enough for a Pi: one RMS per 30 ms frame.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from assistant.hear.audio import FRAME_MS


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech, with a little audio before it, and when its end was detected."""

    samples: np.ndarray
    ended_at: float  # time.perf_counter() when the end of speech was detected
    truncated: bool = False  # stopped by the max-length guard

    @property
    def seconds(self) -> float:
        return len(self.samples) / 16000


@dataclass(frozen=True)
class EndpointSettings:
    silence_ms: int = 600
    max_seconds: float = 8.0
    min_speech_ms: int = 150
    ratio: float = 3.0  # speech is this many times louder (RMS) than the noise floor
    floor: float = 150.0  # absolute minimum RMS counted as speech (int16 units)
    preroll_ms: int = 300


def rms(frame: np.ndarray) -> float:
    return float(np.sqrt(np.mean(frame.astype(np.float32) ** 2)))


def utterances(frames: Iterable[np.ndarray], settings: EndpointSettings = EndpointSettings()) -> Iterator[Utterance]:
    """Split a stream of 30 ms frames into utterances; a trailing utterance is flushed at the end."""
    noise = settings.floor / settings.ratio
    preroll: deque[np.ndarray] = deque(maxlen=max(1, settings.preroll_ms // FRAME_MS))
    speech: list[np.ndarray] = []
    levels: list[float] = []
    voiced_ms = silent_ms = 0
    for frame in frames:
        level = rms(frame)
        loud = level > max(settings.floor, noise * settings.ratio)
        if not speech:
            if not loud:
                noise = 0.95 * noise + 0.05 * level  # track the background only outside speech
                preroll.append(frame)
                continue
            speech, levels = [*preroll, frame], [level]
            voiced_ms, silent_ms = FRAME_MS, 0
            continue
        speech.append(frame)
        levels.append(level)
        if loud:
            voiced_ms += FRAME_MS
            silent_ms = 0
        else:
            silent_ms += FRAME_MS
        too_long = len(speech) * FRAME_MS >= settings.max_seconds * 1000
        if silent_ms >= settings.silence_ms or too_long:
            truncated = too_long and silent_ms < settings.silence_ms
            if truncated:
                # Nobody talks for max_seconds without a pause: this is steady noise (a fan, a tap).
                # Learn it as the background so it stops counting as speech.
                noise = max(noise, float(np.median(levels)))
            if voiced_ms >= settings.min_speech_ms:
                yield Utterance(np.concatenate(speech), time.perf_counter(), truncated=truncated)
            speech, levels, voiced_ms, silent_ms = [], [], 0, 0
            preroll.clear()
    if speech and voiced_ms >= settings.min_speech_ms:
        yield Utterance(np.concatenate(speech), time.perf_counter())
