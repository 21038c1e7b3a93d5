"""The wake word, heard in the audio itself, frame by frame, before any speech to text.

Nothing said without the wake word is ever transcribed. The built-in names are the trained models two
registry packages ship. openWakeWord (`pyopen-wakeword`: okay_nabu, hey_jarvis, hey_mycroft, alexa,
hey_rhasspy) is the default: ~8% of one x86 core, and it still hears Piper's "okay nabu" in noise.
An openWakeWord engine can also be a cascade (`second_opinion`): a first stage on every frame, and a second
(`SecondOpinion`) only on a candidate the first stage half heard. It is off: on bench-wake's reported set it
heard no more at 5 dB SNR (71.1% both) and woke on 2 more of 300 near misses.
microWakeWord (`pymicro-wakeword`: the same names with `micro_` before them) takes ~0.3% of a core, for
a Pi, but on the same clips it heard 20% at 5 dB SNR against openWakeWord's 73-84% (README, bench-wake).
A custom model is a path: an openWakeWord `.tflite`, or a microWakeWord `.json` with its `.tflite`
beside it (as Home Assistant's and ESPHome's collections publish them). Both packages load
libtensorflowlite_c with ctypes; it loads in one process with llama.cpp and onnxruntime in either order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from assistant.hear.audio import RATE

if TYPE_CHECKING:
    from pyopen_wakeword import OpenWakeWord, OpenWakeWordFeatures

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
    With `second_opinion` a first-stage probability between SecondOpinion.CHECK_FROM and the threshold is a
    candidate, and the same model on the audio without speex decides (off: see SecondOpinion).
    """

    THRESHOLD = 0.5

    def __init__(self, spec: str, second_opinion: bool = False) -> None:
        self._model, self._features = open_wake_word(spec)
        self._quiet = Denoiser()
        self._second = SecondOpinion(spec, self.THRESHOLD) if second_opinion else None
        self.phrase = Path(spec).stem.replace("_", " ").title()
        self.probability = 0.0

    def heard(self, frame: np.ndarray) -> bool:
        audio = self._quiet.clean(frame)  # empty while less than 10 ms has come
        probabilities = [p for embedding in (self._features.process_streaming(audio) if audio else ())
                         for p in self._model.process_streaming(embedding)]
        self.probability = max(probabilities, default=0.0)
        checked = self._second is not None and self._second.heard(frame, self.probability if probabilities else None)
        return self.probability > self.THRESHOLD or checked

    def reset(self) -> None:
        self._model.reset()
        self._features.reset()
        self._quiet = Denoiser()
        if self._second is not None:
            self._second.reset()
        self.probability = 0.0


def open_wake_word(spec: str) -> tuple[OpenWakeWord, OpenWakeWordFeatures]:
    """An openWakeWord model (a built-in name or a .tflite path) and the shared features it reads."""
    try:
        from pyopen_wakeword import Model, OpenWakeWord, OpenWakeWordFeatures
    except ImportError as exc:
        raise WakeWordMissing(f"the wake word needs pyopen-wakeword: pip install pyopen-wakeword ({exc})") from exc
    model = OpenWakeWord.from_model(spec) if is_model_path(spec) else OpenWakeWord.from_builtin(Model(spec))
    return model, OpenWakeWordFeatures.from_builtin()


class SecondOpinion:
    """The cascade's second stage: the same openWakeWord model on the audio as it came, without speex, asked only
    about a candidate: a first-stage probability (with speex) over CHECK_FROM but not over the threshold.

    Speex flattens a wake word said into babble with the babble: on `bench-wake --tuning` the first stage gave
    0.04-0.10 to 5 dB babble takes the raw audio gives 0.54, and 0.44-0.49 at 10 dB where the raw audio gives
    0.67-0.72, while near misses the first stage gives 0.02-0.11 stay at or under 0.46 raw. The raw model alone
    is not the answer: before speex it woke on "okay, no problem" and on more near misses. So the raw audio only
    confirms what the first stage half heard: HOLD_S after a candidate, the last BUFFER_S are read afresh.
    openWakeWord reads audio in 80 ms steps, and in babble its output swings with where those steps fall
    (0.54 streamed from the clip's start, 0.01 for the same audio read from the start of a 2 s buffer), so the
    buffer is read at each of PHASES: ~0.45 s of a core per candidate, and there were none in 0.1 h of talk.
    On the tuning set (the cascade for okay_nabu): 5 dB SNR 29 -> 31 of 36 heard, 10 dB 34 -> 36, 0 dB 20 -> 21,
    near misses 1 -> 1 of 240. On the reported set (`bench-wake --hours 0.05`, same seeds): 5 dB 71.1% both (babble
    20% both), 0 dB 60.0 -> 62.2%, clean 93.3 -> 100%, near misses 16 -> 18 of 300, no false wakes either way:
    the gain did not carry over, so it is not used by default.
    """

    CHECK_FROM = 0.05
    BUFFER_S = 2.5  # openWakeWord's whole context (~2 s) and the 0.5 s of outputs before the hold's end
    HOLD_S = 0.3
    STEP = 1280  # samples: openWakeWord's 80 ms step
    PHASES = (0, 320, 640, 960)

    def __init__(self, spec: str, threshold: float) -> None:
        self._models = [open_wake_word(spec) for _ in self.PHASES]
        self._threshold = threshold
        self.reset()

    def heard(self, frame: np.ndarray, first: float | None) -> bool:
        """Keep `frame`; True if the raw audio confirms a candidate. `first`: the first stage's new probability,
        None where this frame gave none (openWakeWord gives one every 80 ms)."""
        frame = np.asarray(frame, dtype="<i2")
        self._recent = np.concatenate([self._recent, frame])[-int(self.BUFFER_S * RATE):]
        self._heard += len(frame)
        if first is not None and first <= self.CHECK_FROM:
            self._armed = True
        if self._due > 0:
            self._due -= len(frame)
            return self._due <= 0 and self._confirms()
        if first is not None and self.CHECK_FROM < first <= self._threshold and self._armed:
            self._armed = False
            self._due = int(self.HOLD_S * RATE)
        return False

    def _confirms(self) -> bool:
        """Whether the raw audio of the buffer, read from each phase of the 80 ms step, passes the threshold."""
        first_sample = self._heard - len(self._recent)  # the buffer's start, in samples since the reset
        for (model, features), phase in zip(self._models, self.PHASES, strict=True):
            audio = self._recent[(phase - first_sample) % self.STEP:]
            model.reset()
            features.reset()
            features.new_audio_samples = 0  # not the package's 8 s of zeros first: a fifth of the work
            if max((p for embedding in features.process_streaming(audio.tobytes())
                    for p in model.process_streaming(embedding)), default=0.0) > self._threshold:
                return True
        return False

    def reset(self) -> None:
        self._recent = np.zeros(0, dtype=np.int16)  # the last BUFFER_S of audio as it came
        self._heard = 0  # samples since the reset
        self._due = 0  # samples until a candidate is checked; 0: none waiting
        self._armed = True  # a new candidate needs the first stage to have fallen to CHECK_FROM or under since


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
