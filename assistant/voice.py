"""The spoken loop around the text pipeline: utterance -> transcript -> outcome -> spoken answer.

An utterance whose words stop midway ("set the sofa lamp to", cut short at a pause in a noisy room) is held,
not acted on: the listening loop reopens it, and the rest, if it follows within the endpointer's hesitation
window, is heard and understood with it as one command. A whole command acts at once. Every listening loop
(`assistant run`, `assistant listen`, a Wyoming satellite's run) goes through `answered`, which does this.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.answer.speech import Speaker, Speech
from assistant.hear.endpoint import Utterance
from assistant.hear.listener import Listener
from assistant.hear.stt import SpeechToText, Transcript
from assistant.hear.wake import after_wake_phrase
from assistant.pipeline import Assistant, Outcome
from assistant.understand.normalize import CLAUSE_BREAK, normalize
from assistant.understand.rules import RuleMatcher
from assistant.understand.vocabulary import COMMAND_STARTS, COPULAS, PRONOUNS

log = logging.getLogger(__name__)


def stops_midway(rules: RuleMatcher, text: str) -> bool:
    """Whether the rules find nothing in `text` to do or to ask yes or no about: it stops midway ("set the sofa
    lamp to", "turn on") or is no command; or it is a question that stops at its device (asks_of_a_name_alone).
    A command they act on is whole even with a reply beside it: Whisper hears a pause after the verb as a comma
    ("Switch off, the kettle.": the kettle, and "Sorry, I can only help ..." for "switch off"). Whisper's words
    of the tuning set's 293 commands not cut short (`bench-wake --tuning`, clean and in noise): 12 had nothing to
    do, each misheard ("Make the sofa lamp, read."), so held for nothing (630 ms). Held also when the rules add a
    reply (the endpoint judge's "whole"), 81 would have been."""
    return finds_nothing(rules, text) or asks_of_a_name_alone(rules, text)


def finds_nothing(rules: RuleMatcher, text: str) -> bool:
    """Whether the rules find nothing in `text` to do or to ask yes or no about."""
    result = rules.match(text)
    return not (result.calls or result.unsure or result.held)


def asks_of_a_name_alone(rules: RuleMatcher, text: str) -> bool:
    """Whether `text` is a yes or no question that names a device or a kind and stops there ("Is the back door?",
    "Are the lights?"): the rules answer it with the state, but said so it was cut at a pause before what is asked
    ("locked", "on"). "Is the back door locked?", "Is there a light on in the kitchen?" (a room last) are whole."""
    clauses = rules.clauses(text)
    last = clauses[-1] if clauses else None
    if last is None or not last.question or last.value is not None or not last.tokens or last.tokens[0] not in COPULAS:
        return False
    said = sorted((m for m in last.mentions if last.said_here(m)), key=lambda m: m.end)
    return bool(said) and said[-1].kind != "area" and said[-1].end == len(last.tokens)


def opens_a_command(rules: RuleMatcher, text: str) -> bool:
    """Whether `text` is a command's verb with nothing it acts on ("dim", "lock", "Open."): right after a command
    the understanding reads it as a follow-up ("dim" the sofa lamp again), but the device may follow a pause, as in
    the benchmark's "lock | the back door". A pronoun ("turn it off") or a device or room said is something."""
    words = [word for word in normalize(text) if word != CLAUSE_BREAK]
    return bool(words) and words[0] in COMMAND_STARTS and not PRONOUNS.intersection(words) and \
        not rules.mentions.find(words)


@dataclass
class VoiceTurn:
    """One spoken command and everything it produced; `to_dict` is the `--json` form."""

    transcript: Transcript
    outcome: Outcome | None  # None: no command (wake phrase missing, nothing recognised)
    speech: Speech | None
    timings_ms: dict[str, float] = field(default_factory=dict)
    held: bool = False  # its words stop midway: nothing done yet, the rest may follow (VoicePipeline.handle)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"transcript": self.transcript.text, "stt_engine": self.transcript.engine}
        if self.outcome is not None:
            out.update(self.outcome.to_dict())
        out["timings_ms"] = {k: round(v, 3) for k, v in self.timings_ms.items()}
        return out


class VoicePipeline:
    """Hear, understand, act, answer; the wake phrase gates commands when `require_wake` is set.

    With a wake word the gate is before speech to text (assistant/hear/listener.py): only utterances after
    it reach `handle`, and `armed` tells the listener that an answer to a question needs no wake word.
    """

    def __init__(self, stt: SpeechToText, assistant: Assistant, speaker: Speaker | None,
                 wake_phrase: str | None = None) -> None:
        self.stt = stt
        self.assistant = assistant
        self.speaker = speaker
        self.wake_phrase = wake_phrase
        self.armed_until = 0.0  # after a bare wake phrase or push-to-talk, the next utterance is a command
        self._held: tuple[Utterance, Transcript] | None = None  # the last utterance, held: its words stop midway
        self._asked_until = 0.0  # the last answer asked a question: until then a short answer to it is whole

    @property
    def held(self) -> Utterance | None:
        """The utterance held now: its words stop midway, and the rest may follow."""
        return self._held[0] if self._held is not None else None

    def arm(self, seconds: float = 8.0) -> None:
        self.armed_until = time.monotonic() + seconds

    @property
    def armed(self) -> bool:
        """The next utterance is a command without the wake word or phrase (it was just said, push-to-talk,
        or the assistant asked a question)."""
        return time.monotonic() <= self.armed_until

    def handle(self, utterance: Utterance, require_wake: bool = False, dry_run: bool = False,
               out: Path | None = None, play: bool = False, hold: bool = False) -> VoiceTurn:
        """`hold`: an utterance whose words stop midway is returned `held`, nothing done, for the caller to reopen;
        the same utterance handled again (nothing followed) is answered as it is."""
        held, self._held = self._held, None
        again = held is not None and held[0] is utterance
        transcript = held[1] if held is not None and again else self.stt.transcribe(utterance.samples)
        timings = {"stt": transcript.ms}
        text: str | None = transcript.text
        heard = after_wake_phrase(transcript.text, self.wake_phrase) if self.wake_phrase else None
        if heard == "" and require_wake:
            log.info("wake phrase heard; listening for the command")
            self.arm()
            return self._say(transcript, None, "Yes?", timings, utterance, out, play)
        if heard is not None:
            text = heard  # the wake phrase is never part of the command, required or not
        elif require_wake and self.wake_phrase and not self.armed:
            text = None
        if hold and text and not again and not utterance.truncated and self._stops_midway(text):
            log.info("held %r: it stops midway; the rest may follow", text)
            self._held = (utterance, transcript)
            return VoiceTurn(transcript, None, None, timings, held=True)
        self.armed_until = 0.0
        if not text:
            log.info("ignored %r (no wake phrase or nothing recognised)", transcript.text)
            return VoiceTurn(transcript, None, None, timings)
        outcome = self.assistant.handle(text, dry_run=dry_run, heard=transcript.words)
        if outcome.awaiting or outcome.understanding.asks:  # "Unlock the back door?", "Which one?": the
            self.arm(self.assistant.safety.confirmation_window_s)  # answer needs no wake phrase
            self._asked_until = self.armed_until
        timings.update(outcome.timings_ms)
        return self._say(transcript, outcome, outcome.answer, timings, utterance, out, play)

    def _stops_midway(self, text: str) -> bool:
        """The words are no whole command ("set the sofa lamp to"), no answer to a question just asked (those are
        short by nature: "the back door", "yes"), and no follow-up of the last command that does or takes back
        something read with it ("dim the sofa lamp" … "50 percent", "make it blue", "no, 60", "undo"), unless they
        are a command's verb alone ("dim": the device may follow the pause) or a question that stops at the device
        ("Is the back door?": read with the conversation it is answered, as it is alone)."""
        understander = self.assistant.understander
        if time.monotonic() <= self._asked_until:
            return False
        if asks_of_a_name_alone(understander.rules, text):
            return True
        return finds_nothing(understander.rules, text) and (
            not understander.follows_up(text) or opens_a_command(understander.rules, text))

    def _say(self, transcript: Transcript, outcome: Outcome | None, answer: str, timings: dict[str, float],
             utterance: Utterance, out: Path | None, play: bool) -> VoiceTurn:
        speech = None
        if self.speaker is not None and (out is not None or play):
            speech = self.speaker.speak(answer, out=out, play=play)
            timings["tts_first_audio"] = speech.first_audio_ms
            timings["tts_total"] = speech.total_ms
            timings["tts_gap"] = speech.gap_ms  # playback waiting for a later piece of the answer
            # end of speech -> first reply audio: everything after the endpointer said "done"
            timings["end_of_speech_to_first_audio"] = (time.perf_counter() - utterance.ended_at) * 1000 - (
                speech.total_ms - speech.first_audio_ms)
        return VoiceTurn(transcript, outcome, speech, timings)


def answered(listener: Listener, frames: Iterable[np.ndarray], handle: Callable[[Utterance], VoiceTurn],
             stop: Callable[[], bool] = lambda: False) -> Iterator[VoiceTurn]:
    """The turns of a listening loop, each utterance the listener finds `handle`d (VoicePipeline.handle with
    `hold=True`). A held one is not yielded: the listener reopens it, and its next utterance is the same one with
    the rest said after the pause, or, nothing followed, the same one again, answered as it was. `stop` is asked
    before each utterance is handled: when it says yes, the audio was cut short (a signal), and what was heard is
    no command."""
    for utterance in listener.utterances(frames):
        if stop():
            return
        turn = handle(utterance)
        if turn.held:
            listener.reopen()  # its words stop midway: the rest may follow a pause
        else:
            yield turn
