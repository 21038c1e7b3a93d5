"""What pocketsphinx trusts: dev-split commands and off-topic talk said by Piper, heard by pocketsphinx narrowed to
the home and by Whisper alone, and the calls each transcript makes compared with the calls of the words said.

A grammar decoder forces any speech onto its nearest sentence, so the count that matters is the results it is sure
of (its transcript, with `speech.engine: pocketsphinx`) whose calls differ from the typed sentence's, against the
calls Whisper alone changes on the same takes. Run it as

    nice -n 10 assistant bench-trust [--every 25] [--offset 0] [--config FILE]

(~4 min on a busy 2-core VM). The commands are the dev split's one-sentence cases that expect calls, about one in
`--every` chosen by a hash of the sentence (`--offset` picks another set, sharing none); the talk is the 38
sentences of `bench-wake`'s paragraphs. Each is said in the voice `eval --spoken` gives it, so a rerun
on the same file hears the same takes. The last line is
`trusted=N trusted_wrong=N whisper_wrong=N engine_wrong=N talk_acting=N whisper_talk_acting=N`.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.config import Config
from assistant.evaluate import Case, CaseResult, load_cases
from assistant.evaluate_spoken import ROOM_S, voice_for
from assistant.hear.audio import RATE
from assistant.hear.benchmark import PARAGRAPHS, Synth
from assistant.hear.stt import HeardWord, SphinxEngine, WhisperEngine
from assistant.tools import ToolCall

DEV_CASES = Path(__file__).resolve().parents[2] / "tests" / "data" / "cases_dev.yaml"


@dataclass(frozen=True)
class Heard:
    """One take: the words said, what each recogniser made of them, and the calls each makes."""

    said: str
    typed: list[ToolCall]
    sphinx: str | None  # the grammar's words when pocketsphinx trusted them, else None (Whisper's to hear)
    sphinx_calls: list[ToolCall]
    whisper: str
    whisper_calls: list[ToolCall]

    def changes(self, calls: list[ToolCall]) -> bool:
        """Whether `calls` hold one the typed sentence does not make: the house would do what nobody asked."""
        return bool(CaseResult(Case((self.said,), tuple(self.typed), 0), calls, 0.0, "rules").wrong_actions)

    @property
    def sphinx_wrong(self) -> bool:
        return self.sphinx is not None and self.changes(self.sphinx_calls)

    @property
    def engine_calls(self) -> list[ToolCall]:
        """The calls of `speech.engine: pocketsphinx`: its own words when trusted, Whisper's otherwise."""
        return self.sphinx_calls if self.sphinx is not None else self.whisper_calls


def commands(cases: list[Case], every: int = 25, offset: int = 0) -> list[str]:
    """The one-sentence cases that expect calls whose sentence hashes to `offset` modulo `every` (~1 in `every`):
    the same sentences on every run while the file grows (a spread over the file moves when cases are added), and
    each offset another set. The hash is not the one `voice_for` draws a voice from (the sentence's CRC-32): chosen
    by that, every sentence picked was said in the same deep voice, and pocketsphinx trusted 2 of 136."""
    pool = [c.says[0] for c in cases if len(c.says) == 1 and c.calls and c.area is None]
    return [s for s in dict.fromkeys(pool) if zlib.adler32(s.encode()) % every == offset]


def talk() -> list[str]:
    """`bench-wake`'s paragraphs, a sentence each: talk in a home that asks the house nothing."""
    return [s for p in PARAGRAPHS for s in re.split(r"(?<=[.?!])\s+", p) if s]


def hear_all(texts: list[str], calls_of: Callable[[str, tuple[HeardWord, ...] | None], list[ToolCall]],
             sphinx: SphinxEngine, whisper: WhisperEngine, synth: Synth) -> list[Heard]:
    """Each text said (with the room around it, as `eval --spoken` says it) and heard by both recognisers."""
    room = np.zeros(round(ROOM_S * RATE), dtype=np.int16)
    out = []
    for text in texts:
        audio = np.concatenate([room, synth.say(text, voice_for(text)), room])
        trusted = sphinx.heard(audio)
        heard = whisper.transcribe(audio)
        out.append(Heard(text, calls_of(text, None), trusted.text if trusted else None,
                         calls_of(trusted.text, ()) if trusted else [], heard.text,
                         calls_of(heard.text, heard.words) if heard.text else []))
    return out


def report(said: list[Heard], spoken_talk: list[Heard]) -> list[str]:
    """The figures, each call-changing result listed, and a last line to compare runs by."""
    trusted = [h for h in said if h.sphinx is not None]
    right = sum(not h.changes(h.sphinx_calls) and len(h.sphinx_calls) == len(h.typed) for h in trusted)
    wrong = [h for h in trusted if h.sphinx_wrong]
    whisper_wrong = [h for h in said if h.changes(h.whisper_calls)]
    engine_wrong = sum(h.changes(h.engine_calls) for h in said)
    acting = [h for h in spoken_talk if h.sphinx is not None and h.sphinx_calls]
    whisper_acting = [h for h in spoken_talk if h.whisper_calls]
    lines = [f"commands {len(said)}: pocketsphinx trusted {len(trusted)} ({100 * len(trusted) / len(said):.0f}%; "
             f"{right} with the typed calls), {len(wrong)} of them changing the calls; Whisper alone changes the calls "
             f"of {len(whisper_wrong)}; pocketsphinx with Whisper behind it {engine_wrong}",
             *(f"  pocketsphinx: {h.said!r} heard {h.sphinx!r}" for h in wrong),
             *(f"  whisper: {h.said!r} heard {h.whisper!r}" for h in whisper_wrong),
             f"off-topic {len(spoken_talk)}: pocketsphinx trusted and acting {len(acting)}, Whisper alone acting "
             f"{len(whisper_acting)}",
             *(f"  pocketsphinx: {h.said!r} heard {h.sphinx!r}" for h in acting),
             *(f"  whisper: {h.said!r} heard {h.whisper!r}" for h in whisper_acting),
             f"trusted={len(trusted)} trusted_wrong={len(wrong)} whisper_wrong={len(whisper_wrong)} "
             f"engine_wrong={engine_wrong} talk_acting={len(acting)} whisper_talk_acting={len(whisper_acting)}"]
    return lines


def measure(config: Config, cases: Path, every: int, offset: int) -> list[str]:
    """The report's lines for one hash-chosen set of `cases`, rules only, pocketsphinx against Whisper alone."""
    from assistant.hear.stt import engine_from_config
    from assistant.understand.heard import heard_as_said
    from assistant.understand.understander import Understander

    config = dataclasses.replace(config, understanding=dataclasses.replace(config.understanding, use_llm=False),
                                 speech=dataclasses.replace(config.speech, engine="whisper"))
    registry = config.registry()
    understander = Understander.from_config(config, registry)
    whisper = engine_from_config(config.speech, registry)
    assert isinstance(whisper, WhisperEngine)

    def calls_of(text: str, words: tuple[HeardWord, ...] | None) -> list[ToolCall]:
        """The rules' calls for a sentence typed (`words` None) or heard (read as the voice loop reads it)."""
        understander.forget()
        understanding = understander.understand(text)
        return (understanding if words is None else heard_as_said(understanding, registry, words)).calls

    synth, sphinx = Synth(), SphinxEngine(registry, None)
    texts = commands(load_cases(cases)[0], every, offset)
    return report(hear_all(texts, calls_of, sphinx, whisper, synth), hear_all(talk(), calls_of, sphinx, whisper, synth))
