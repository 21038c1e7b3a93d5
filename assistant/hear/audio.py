"""Audio in: every source becomes 16 kHz mono 16-bit samples, the format all recognisers want."""

from __future__ import annotations

import contextlib
import queue
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

RATE = 16000
FRAME_MS = 30
FRAME_SAMPLES = RATE * FRAME_MS // 1000
MAX_WAV_SECONDS = 600
MIC_QUEUE_S = 30  # frames kept while the assistant is busy (a held command's rest, a slow Pi)
MIC_STALL_S = 2.0  # no frame for this long: ask PortAudio whether the stream still runs


class AudioError(ValueError):
    """Audio that cannot be used; the message says which file or device and why."""


def to_16k_mono(samples: np.ndarray, rate: int, channels: int) -> np.ndarray:
    """Downmix and resample to 16 kHz mono int16."""
    data = samples.astype(np.float32)
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    if rate != RATE:
        from math import gcd

        from scipy.signal import resample_poly

        g = gcd(RATE, rate)
        data = resample_poly(data, RATE // g, rate // g)
    return np.clip(np.round(data), -32768, 32767).astype(np.int16)


def float_to_int16(audio: np.ndarray, rate: int, gain: float = 0.9) -> np.ndarray:
    """Float audio in [-1, 1] (Piper's output) to 16 kHz int16, a little below full scale."""
    return to_16k_mono(np.asarray(audio, dtype=np.float32) * 32767 * gain, rate, 1)


def read_wav(path: Path) -> np.ndarray:
    """A WAV file of any common rate, channel count and 8/16/32-bit PCM, as 16 kHz mono int16."""
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width, rate, frames = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate(),
                                             wav.getnframes())
            if not 4000 <= rate <= 384000 or channels < 1:
                raise AudioError(f"{path}: invalid WAV header ({rate} Hz, {channels} channels)")
            if frames > rate * MAX_WAV_SECONDS:
                raise AudioError(f"{path}: {frames / rate:.0f} s is longer than the {MAX_WAV_SECONDS} s limit")
            raw = wav.readframes(frames)
    except FileNotFoundError as exc:
        raise AudioError(f"{path}: no such file") from exc
    except OSError as exc:
        raise AudioError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (wave.Error, EOFError, RuntimeError) as exc:  # RuntimeError: a chunk longer than the file
        raise AudioError(f"{path}: not a PCM WAV file ({exc})") from exc
    raw = raw[:len(raw) - len(raw) % (width * channels)]  # a recording cut off mid-sample
    if not raw:
        raise AudioError(f"{path}: the file holds no audio")
    if width == 1:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.int16) - 128) * 256
    elif width == 2:
        samples = np.frombuffer(raw, dtype="<i2")
    elif width == 4:
        samples = (np.frombuffer(raw, dtype="<i4") >> 16).astype(np.int16)
    else:
        raise AudioError(f"{path}: {8 * width}-bit samples are not supported (use 8, 16 or 32-bit PCM)")
    usable = len(samples) - len(samples) % channels
    return to_16k_mono(samples[:usable], rate, channels)


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(np.asarray(samples, dtype=np.int16).tobytes())


def frames_of(samples: np.ndarray) -> Iterator[np.ndarray]:
    """Split a clip into the 30 ms frames the endpointer reads."""
    for start in range(0, len(samples), FRAME_SAMPLES):
        frame = samples[start:start + FRAME_SAMPLES]
        if len(frame) == FRAME_SAMPLES:
            yield frame


def pcm_frames(stream: BinaryIO) -> Iterator[np.ndarray]:
    """Raw 16 kHz mono s16le PCM (e.g. `arecord -f S16_LE -r 16000 -c 1 -t raw`) in 30 ms frames."""
    size = FRAME_SAMPLES * 2
    while True:
        chunk = stream.read(size)
        if len(chunk) < size:
            return
        yield np.frombuffer(chunk, dtype="<i2")


def mic_frames(device: str | int | None = None) -> Microphone:
    """30 ms frames from a microphone through PortAudio.

    The microphone is opened now, not at the first frame, so a missing one is reported before any
    model is loaded; a clear AudioError when there is none or it goes away (an unplugged USB mic).
    """
    try:
        import sounddevice as sd
    except OSError as exc:  # libportaudio2 missing
        raise AudioError(f"no audio support: {exc} (install the Debian package libportaudio2)") from exc
    microphone = Microphone()
    try:
        inputs = [d for d in sd.query_devices() if d["max_input_channels"] > 0]
        if not inputs:
            raise AudioError("no microphone found (no PortAudio input device); use --wav or --stdin instead")
        stream = sd.RawInputStream(samplerate=RATE, channels=1, dtype="int16", blocksize=FRAME_SAMPLES,
                                   device=device, callback=microphone.heard)
    except sd.PortAudioError as exc:
        raise AudioError(f"cannot open the microphone {device or '(default)'}: {exc}") from exc
    microphone.stream = stream
    return microphone


class Microphone:
    """The microphone's frames, queued by PortAudio's callback so none is lost while the assistant is busy.

    A blocking read drops what PortAudio's small buffer cannot hold while Whisper transcribes: the rest of a
    command held at a pause ("set the sofa lamp to ... forty percent") would be lost. Here every frame waits
    in order (up to `MIC_QUEUE_S`); `discard()` drops what was heard while the assistant was busy answering
    (its own voice included), as the blocking read used to by accident.
    """

    def __init__(self) -> None:
        self.stream: object | None = None
        self._frames: queue.Queue[bytes] = queue.Queue(maxsize=MIC_QUEUE_S * 1000 // FRAME_MS)
        self.dropped = 0  # frames dropped because the queue was full (the oldest go first)

    def heard(self, data: object, _frames: int, _time: object, _status: object) -> None:
        """PortAudio's callback, on its own thread."""
        chunk = bytes(data)  # type: ignore[call-overload]
        while True:
            try:
                self._frames.put_nowait(chunk)
                return
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self._frames.get_nowait()
                    self.dropped += 1

    def discard(self) -> int:
        """Drop the frames heard so far and not yet read; how many."""
        count = 0
        with contextlib.suppress(queue.Empty):
            while True:
                self._frames.get_nowait()
                count += 1
        return count

    def __iter__(self) -> Iterator[np.ndarray]:
        with self.stream:  # type: ignore[attr-defined]
            while True:
                try:
                    chunk = self._frames.get(timeout=MIC_STALL_S)
                except queue.Empty:
                    if not self.stream.active:  # type: ignore[attr-defined]
                        raise AudioError("the microphone stopped delivering audio") from None
                    continue
                yield np.frombuffer(chunk, dtype=np.int16)
