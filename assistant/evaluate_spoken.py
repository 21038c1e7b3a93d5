"""`assistant eval --spoken`: the case files through the ears, since users speak and Whisper mishears.

Each sentence of a case is said by the bundled Piper voice (a pitch, speed and delivery drawn from its first
sentence, as bench-wake varies them), optionally mixed with the bench's noise, transcribed by the configured
speech to text, and THAT transcript is understood. `Hearing` satisfies `evaluate.Understands`, so
`run_cases` scores it unchanged; the same cases typed are scored beside it, so a miss or a wrong action
that hearing caused is told apart from one the understanding makes anyway. What is heard is read as the voice
loop reads it (`heard_as_said`: a verbless "front door locked." may have been a question).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

import numpy as np

from assistant.evaluate import Case, CaseResult, Report, Understands, run_cases
from assistant.hear.audio import RATE
from assistant.hear.benchmark import (
    DELIVERIES,
    NOISES,
    PARAGRAPHS,
    PITCHES,
    SPEEDS,
    Synth,
    Voice,
    mix,
    noise_for,
    word_errors,
)
from assistant.hear.stt import HeardWord, SpeechToText
from assistant.registry import Registry
from assistant.tools import Understanding
from assistant.understand.heard import heard_as_said

T = TypeVar("T")
ROOM_S = 0.3  # of the room before and after each sentence, as the endpointer leaves it around a command


def spread(items: list[T], n: int) -> list[T]:
    """`n` items spread evenly over the list (all of it when it has no more): a short run that samples every
    part of a case file, the same on every run."""
    if n >= len(items):
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def voice_for(sentence: str) -> Voice:
    """The voice a case is said in, drawn from its first sentence: the same case sounds the same on every run,
    whichever cases are sampled around it."""
    h = zlib.crc32(sentence.encode())
    return Voice(PITCHES[h % len(PITCHES)], SPEEDS[h // len(PITCHES) % len(SPEEDS)],
                 DELIVERIES[h // (len(PITCHES) * len(SPEEDS)) % len(DELIVERIES)])


class UnderstandsHome(Understands, Protocol):
    """An understander of a home (its registry): what it hears is asked about as the voice loop asks."""

    registry: Registry


@dataclass(frozen=True)
class Heard:
    said: str
    heard: str
    words: tuple[HeardWord, ...] = ()


class Hearing:
    """An `Understands` that speaks each sentence, hears it, and hands the transcript to `understander`."""

    def __init__(self, understander: UnderstandsHome, stt: SpeechToText, snr_db: float | None = None) -> None:
        self.understander = understander
        self.stt = stt
        self.snr_db = snr_db
        self.synth = Synth()
        # babble is talk: the bench's paragraphs, said once (only needed in noise)
        self._talk = [] if snr_db is None else [self.synth.say(p) for p in PARAGRAPHS[:4]]
        self.cases: list[list[Heard]] = [[]]  # per case (`forget` starts the next), what was said and heard
        self.stt_ms: list[float] = []
        self._voice: Voice | None = None
        self._rng = np.random.default_rng(0)

    @property
    def area(self) -> str | None:
        return self.understander.area

    @area.setter
    def area(self, area: str | None) -> None:
        self.understander.area = area

    def forget(self) -> None:
        self.understander.forget()
        if self.cases[-1]:
            self.cases.append([])
        self._voice = None

    def understand(self, text: str) -> Understanding:
        if self._voice is None:  # a case's first sentence: its voice and its room's noise
            self._voice = voice_for(text)
            self._rng = np.random.default_rng(zlib.crc32(text.encode()))
        transcript = self.stt.transcribe(self.audio(text))
        self.stt_ms.append(transcript.ms)
        self.cases[-1].append(Heard(text, transcript.text, transcript.words))
        return heard_as_said(self.understander.understand(transcript.text), self.understander.registry,
                             transcript.words)

    def audio(self, text: str) -> np.ndarray:
        """`text` said in this case's voice with the room around it, in a kind of noise drawn from the case's own
        generator, at `snr_db` below the speech's active level (P.56), as `bench-wake` mixes it."""
        assert self._voice is not None
        room = np.zeros(round(ROOM_S * RATE), dtype=np.int16)
        clip = np.concatenate([room, self.synth.say(text, self._voice), room])
        if self.snr_db is None:
            return clip
        kind = int(self._rng.integers(len(NOISES)))
        return mix(clip, noise_for(len(clip), kind, self._talk, self._rng), self.snr_db)


@dataclass
class SpokenReport:
    """The cases spoken and typed, side by side, with what was heard of each."""

    spoken: Report
    typed: Report
    heard: list[list[Heard]]
    stt: str
    snr_db: float | None
    stt_ms: list[float] = field(default_factory=list)

    @property
    def word_errors(self) -> tuple[int, int]:
        """(edits, words said) over every sentence, as the understanding reads them ("forty" == "40")."""
        pairs = [word_errors(h.said, h.heard) for case in self.heard for h in case]
        return sum(e for e, _ in pairs), sum(w for _, w in pairs)

    @property
    def wer(self) -> float:
        errors, words = self.word_errors
        return 100 * errors / max(1, words)

    def worse_spoken(self) -> list[tuple[CaseResult, CaseResult, list[Heard]]]:
        """(typed, spoken, heard) of the cases right when typed and wrong when spoken."""
        return [(t, s, h) for t, s, h in self._sides() if t.passed and not s.passed]

    def wrong_by_hearing(self) -> list[tuple[CaseResult, CaseResult, list[Heard]]]:
        """(typed, spoken, heard) of the cases whose spoken form did something nobody asked for that the typed
        form did not: the house acted on a mishearing."""
        return [(t, s, h) for t, s, h in self._sides() if _extra(s.wrong_actions, t.wrong_actions)]

    def _sides(self) -> list[tuple[CaseResult, CaseResult, list[Heard]]]:
        return list(zip(self.typed.results, self.spoken.results, self.heard, strict=True))

    def lines(self, show: bool = False) -> list[str]:
        """The text report's spoken part; `show`: every case right typed and wrong spoken, too."""
        errors, words = self.word_errors
        noise = "clean" if self.snr_db is None else \
            f"noise at {self.snr_db:g} dB SNR ({' or '.join(NOISES)}, drawn per case)"
        median = sorted(self.stt_ms)[len(self.stt_ms) // 2] if self.stt_ms else 0.0
        worse, wrong = self.worse_spoken(), self.wrong_by_hearing()
        out = [f"spoken: Piper (joe), a pitch and speed per case, {noise}; heard by {self.stt} "
               f"(median {median:.0f} ms a sentence): WER {self.wer:.1f}% ({errors} errors in {words} words)",
               f"typed, the same cases: {self.typed.summary()}",
               f"right typed, wrong spoken: {len(worse)}",
               *(_said(t, s, h) for t, s, h in worse if show),
               f"wrong actions caused by hearing: {len(wrong)} ({_changing(wrong)} change a device, the rest only ask "
               "its state)",
               *(_said(t, s, h) for t, s, h in wrong)]
        return out

    def to_json(self) -> dict[str, object]:
        """`eval --json`'s `spoken` key."""
        errors, words = self.word_errors

        def case(t: CaseResult, s: CaseResult, h: list[Heard]) -> dict[str, object]:
            return {"say": t.case.say, "line": t.case.line, "heard": " / ".join(x.heard for x in h),
                    "expected": [c.to_dict() for c in t.case.calls], "typed": [c.to_dict() for c in t.got],
                    "got": [c.to_dict() for c in s.got]}

        wrong = self.wrong_by_hearing()
        return {"stt": self.stt, "snr_db": self.snr_db, "wer": round(self.wer, 2), "word_errors": errors,
                "words": words, "typed": self.typed.scores(),
                "heard": [{"line": r.case.line, "said": [x.said for x in h], "heard": [x.heard for x in h]}
                          for r, h in zip(self.spoken.results, self.heard, strict=True)],
                "right_typed_wrong_spoken": [case(*x) for x in self.worse_spoken()],
                "wrong_actions_by_hearing": [case(*x) for x in wrong],
                "wrong_changes_by_hearing": _changing(wrong)}


def _extra(got: list[object], before: list[object]) -> bool:
    return any(c not in before for c in got)


def _changing(wrong: list[tuple[CaseResult, CaseResult, list[Heard]]]) -> int:
    """How many of hearing's wrong actions change a device (not only a state question nobody asked)."""
    return sum(any(c.tool != "get_state" and c not in typed.wrong_actions for c in spoken.wrong_actions)
               for typed, spoken, _ in wrong)


def _said(typed: CaseResult, spoken: CaseResult, heard: list[Heard]) -> str:
    calls = ", ".join(str(c) for c in spoken.got) or "no calls"
    expected = ", ".join(str(c) for c in typed.case.calls) or "no calls"
    return (f"  line {typed.case.line}: {typed.case.say!r} heard {' / '.join(h.heard for h in heard)!r}: "
            f"{calls} (expected {expected})")


def run_spoken(cases: list[Case], understander: UnderstandsHome, stt: SpeechToText, snr_db: float | None = None,
               progress: Callable[[int, int], None] | None = None) -> SpokenReport:
    """The cases typed (fast), then each spoken and heard; both scored by `run_cases`."""
    typed = run_cases(cases, understander)
    hearing = Hearing(understander, stt, snr_db)
    spoken = run_cases(cases, hearing, progress)
    return SpokenReport(spoken, typed, hearing.cases, stt.name, snr_db, hearing.stt_ms)
