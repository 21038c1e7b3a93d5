"""Speech to text during the endpointer's wait: a satellite's command is transcribed while the server
still listens for the end of the sentence.

The endpointer ends a command after `listen.silence_ms` without speech. Speech to text used to start only
then, so a command waited for both in turn (measured over loopback: ~580 ms of silence, then ~1,000 ms of
Whisper). Here, once the sentence has been quiet for GUESS_AFTER_MS, the audio so far is handed to speech
to text as a guess; when the endpointer then ends the command with nothing voiced since, that transcript is
the command's (what follows the guess is frames the detector called silence). When speech resumes, the
guess is dropped (cancelled if it has not started) and a new one is made at the next pause. A guess runs
only while no command waits for speech to text (rooms.Worker), so a room that talks on and on never holds
up another room's command with guesses.

With pocketsphinx an utterance borrows a grammar decoder of its own (SharedStt.lend), fed each frame as it
arrives on the room's own thread: at the end of a command only its last frames are left to decode, and the
decoder goes back for another room's next utterance. Whisper guesses only when that decoder is unsure of
what it heard up to the pause, and hears the command only when the grammar's words are not to be trusted
at the end (unsure, or nothing the room's rules can do as they are).

A command held at a pause (its words stop midway, voice.answered) was transcribed, so its decoder went back;
in the pause the utterance borrows one again, which hears it from its start as it was fed (the same first
frames, so denoised or not alike): the grammar judges the rest's end and hears the whole command, where before
the rest always went to Whisper. Hearing 2.2 s again takes ~200 ms of CPU (x86 VM), done in the pause, not
after it. Nothing is guessed in that pause: the first part's transcript is the one just made.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from concurrent.futures import Future
from typing import TYPE_CHECKING

import numpy as np

from assistant.hear.audio import FRAME_MS
from assistant.hear.stt import SphinxEngine, Transcript
from assistant.hear.vad import SpeechDetector

if TYPE_CHECKING:
    from assistant.satellite.rooms import SharedStt
    from assistant.understand.rules import RuleMatcher

log = logging.getLogger(__name__)
# A pause inside a spoken command ("turn off the ... kitchen lights") is rarely longer than this; a guess made
# at a pause the speaker goes on after costs one wasted decode.
GUESS_AFTER_MS = 150


class EarlyStt:
    """A room's speech to text, fed the utterance as the endpointer finds it (a `SpeechSink`) and asked
    for its transcript when it ends (a `SpeechToText`). `watch` wraps the endpointer's detector, so
    the pauses it hears are the ones the endpointer acts on."""

    def __init__(self, stt: SharedStt, rules: RuleMatcher | None = None) -> None:
        self.stt = stt
        self.name = stt.name
        self.rules = rules  # the room's: what its grammar decoder judges the words by
        self._recogniser: SphinxEngine | None = None  # lent for the utterance in progress
        self._hearer: int | None = None  # the hearing thread that began it
        self._lock = threading.Lock()  # a replaced run's thread may still clear() while the new one begins
        self._detector: _Watched | None = None
        self._frames: list[np.ndarray] = []
        self._begun = 0  # of `_frames`, those `begin` was given (the room before the utterance, its first frame)
        self._silent_ms = 0
        self._taken = False  # the utterance so far was transcribed and no voice since: a held command's pause
        self._guess: Future[Transcript] | None = None  # the transcript of the frames up to the pause

    def watch(self, detector: SpeechDetector) -> SpeechDetector:
        self._detector = _Watched(detector)
        return self._detector

    def begin(self, frames: list[np.ndarray]) -> None:
        self._drop_guess()
        self._frames, self._begun, self._silent_ms, self._taken = list(frames), len(frames), 0, False
        with self._lock:
            self._hearer = threading.get_ident()
            if self._recogniser is None:  # else lent for one that ended unnoticed: it goes on with this one
                self._recogniser = self.stt.lend(self.rules)
            if self._recogniser is not None:
                self._recogniser.begin(frames)

    def feed(self, frame: np.ndarray) -> None:
        self._frames.append(frame)
        with self._lock:
            if self._taken and self._recogniser is None:  # a held command's pause: heard again as one from its start
                self._hear_again()
            if self._recogniser is not None:
                self._recogniser.feed(frame)
        if self._detector is None or self._detector.voiced:
            self._silent_ms, self._taken = 0, False
            self._drop_guess()
            return
        self._silent_ms += FRAME_MS
        if self._silent_ms >= GUESS_AFTER_MS and self._guess is None and not self._taken and not self._sure():
            self._guess = self.stt.submit(np.concatenate(self._frames), guess=True)

    def _hear_again(self) -> None:
        """A decoder lent again (the last went back when the first part was transcribed) hears the utterance
        from its start, fed as before, up to the frame now arriving; none with Whisper alone."""
        self._recogniser = self.stt.lend(self.rules)
        if self._recogniser is not None:
            self._recogniser.hear_again(self._frames[:-1], self._begun)

    def _sure(self) -> bool:
        """The room's own recogniser is sure of the words so far: Whisper will not be needed."""
        return self.whole() is not None

    def whole(self) -> bool | None:
        """The room's recogniser's call on the words so far (the endpointer's `CommandJudge`): a whole command,
        one that stops midway, or None (unsure, or no recogniser: the sound alone decides)."""
        with self._lock:
            return self._recogniser.whole() if self._recogniser is not None else None

    def transcribe(self, samples: np.ndarray) -> Transcript:
        """The guess when `samples` is the utterance fed (nothing was voiced after it), else a decode now. Its
        `ms` is how long the command waited for it after its end: what speech to text adds to the reply."""
        started = time.perf_counter()
        with self._lock:
            recogniser, self._recogniser = self._recogniser, None
            grammar = recogniser.heard(samples) if recogniser is not None else None
        self._taken = True
        if recogniser is not None:
            self.stt.give_back(recogniser)
            if grammar is not None:
                self._drop_guess()
                return dataclasses.replace(grammar, ms=(time.perf_counter() - started) * 1000)
            log.info("the grammar's words are not to be trusted; asking %s", self.stt.behind)
        first = self._frames[0] if self._frames else None
        guess, self._guess = self._guess, None  # the frames stay: a held command reopened goes on from them
        if guess is not None and guess.cancel():
            guess = None  # not begun (other requests came first): the whole utterance is asked for instead
        if guess is not None and first is not None and np.array_equal(samples[:len(first)], first):
            heard = guess.result()
        else:
            heard = self.stt.submit(samples).result()
        return dataclasses.replace(heard, ms=(time.perf_counter() - started) * 1000)

    def clear(self) -> None:
        """The utterance was dropped (its satellite went away mid-sentence): no transcript is wanted. Nothing
        when a newer run's hearing thread has begun one since: the utterance in progress is that one."""
        with self._lock:
            if self._hearer not in (None, threading.get_ident()):
                return
            recogniser, self._recogniser, self._hearer = self._recogniser, None, None
        self._drop_guess()
        self._frames = []
        if recogniser is not None:
            self.stt.give_back(recogniser)

    def _drop_guess(self) -> None:
        if self._guess is not None and not self._guess.cancel():
            log.debug("speech went on after a pause: the transcript guessed there is thrown away")
        self._guess = None


class _Watched:
    """The endpointer's detector, remembering its call on the last frame (the frame `feed` gets next)."""

    def __init__(self, detector: SpeechDetector) -> None:
        self.detector = detector
        self.name = detector.name
        self.voiced = False

    def is_speech(self, frame: np.ndarray, inside: bool) -> bool:
        self.voiced = self.detector.is_speech(frame, inside)
        return self.voiced

    def steady(self, frames: list[np.ndarray]) -> None:
        self.detector.steady(frames)
