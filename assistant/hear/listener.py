"""Frames in, commands out: nothing is heard as a command until the wake word has been said.

While waiting, each frame goes to the wake-word model alone (no speech to text, no record of the room's
talk). The wake word, push-to-talk or a question back ("Which one?") opens the way for one utterance,
found by the endpointer; then the listener waits for the wake word again, unless that utterance stops
midway and is `reopen`ed: the rest of it, said after a pause, needs no wake word.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from assistant.hear.audio import FRAME_MS
from assistant.hear.endpoint import Endpointer, EndpointSettings, SpeechSink, Utterance
from assistant.hear.vad import SpeechDetector, rms
from assistant.hear.wakeword import WakeWord

log = logging.getLogger(__name__)
# The wake word is heard 100-330 ms after it ends (openWakeWord and microWakeWord, Piper at three speeds):
# a command said in the same breath has begun by then. The endpointer gets the audio from the quietest
# frame of this last stretch on: the gap between the wake word and the command, however short.
AFTER_WAKE_MS = 420


class Listener:
    """Wake word, then one utterance. `armed()` says the next utterance needs no wake word (push-to-talk, a
    question back); `on_wake()` is called when the wake word is heard, and should make `armed()` true."""

    def __init__(self, wake: WakeWord | None, armed: Callable[[], bool], on_wake: Callable[[], None],
                 endpoint: EndpointSettings, detector: SpeechDetector | None = None,
                 sink: SpeechSink | None = None) -> None:
        self.wake = wake
        self.armed = armed
        self.on_wake = on_wake
        self.endpointer = Endpointer(endpoint, detector, sink)

    def reopen(self) -> None:
        """The utterance just yielded stops midway: it goes on if speech resumes soon (Endpointer.reopen)."""
        self.endpointer.reopen()

    def utterances(self, frames: Iterable[np.ndarray]) -> Iterator[Utterance]:
        """The utterances that follow a wake word (all of them when there is no wake word)."""
        recent: deque[np.ndarray] = deque(maxlen=max(1, AFTER_WAKE_MS // FRAME_MS))
        for frame in frames:
            if self.wake is None or self.endpointer.in_speech or self.armed():
                if (found := self.endpointer.push(frame)) is not None:
                    yield found
                continue
            recent.append(frame)
            if self.wake.heard(frame):
                log.info("wake word heard (%s); listening for the command", self.wake.phrase)
                self.wake.reset()  # its averaging window would fire again as soon as it hears audio
                self.on_wake()
                self.endpointer.clear()
                frames_before = list(recent)
                quietest = min(range(len(frames_before)), key=lambda i: rms(frames_before[i]))
                for before in frames_before[quietest:]:
                    self.endpointer.push(before)
                recent.clear()
        if (found := self.endpointer.flush()) is not None:  # begun after a wake word, or without one
            yield found
