"""Wyoming events in and out: a reader that tells a malformed event from the end of the stream, the
`info` this server answers `describe` with, and satellite audio as the 30 ms frames hearing works on."""

from __future__ import annotations

import asyncio
import json

import numpy as np
from wyoming.audio import AudioChunkConverter
from wyoming.event import Event
from wyoming.info import (
    AsrModel,
    AsrProgram,
    Attribution,
    HandleModel,
    HandleProgram,
    Info,
    TtsProgram,
    TtsVoice,
)

from assistant import __version__
from assistant.hear.audio import FRAME_SAMPLES, RATE

MAX_DATA_BYTES = 1 << 20  # an event's JSON data
MAX_PAYLOAD_BYTES = 16 << 20  # an event's payload: a few minutes of 16 kHz audio
PROJECT = Attribution(name="assistant", url="https://github.com/")
LANGUAGES = ["en"]


class MalformedEvent(ValueError):
    """Bytes that are not a Wyoming event; the connection can go on with the next line."""


async def read_event(reader: asyncio.StreamReader) -> Event | None:
    """The next event, None at the end of the stream.

    wyoming's own reader returns None for a line that is not JSON too, which ends the connection without a
    word; here that raises MalformedEvent so the sender gets an `error` event and the connection stays up.
    """
    try:
        line = await reader.readline()
    except ValueError as exc:  # longer than the stream's limit: the reader has dropped it
        raise MalformedEvent(f"header line too long ({exc})") from exc
    if not line:
        return None
    try:
        header = json.loads(line)
    except ValueError as exc:
        raise MalformedEvent(f"header is not JSON: {exc}") from exc
    if not isinstance(header, dict) or not isinstance(header.get("type"), str):
        raise MalformedEvent("header is not a JSON object with a 'type'")
    data = header.get("data") or {}
    data_length, payload_length = header.get("data_length") or 0, header.get("payload_length") or 0
    if not isinstance(data, dict):
        raise MalformedEvent(f"{header['type']}: 'data' is not a JSON object")
    for name, length, limit in (("data_length", data_length, MAX_DATA_BYTES),
                                ("payload_length", payload_length, MAX_PAYLOAD_BYTES)):
        if isinstance(length, bool) or not isinstance(length, int) or not 0 <= length <= limit:
            raise MalformedEvent(f"{header['type']}: {name} {length!r} is not a byte count up to {limit}")
    try:
        if data_length:
            extra = json.loads(await reader.readexactly(data_length))
            if not isinstance(extra, dict):
                raise MalformedEvent(f"{header['type']}: its data is not a JSON object")
            data.update(extra)
        payload = await reader.readexactly(payload_length) if payload_length else None
    except asyncio.IncompleteReadError:
        return None  # the peer went away mid-event
    except ValueError as exc:
        raise MalformedEvent(f"{header['type']}: its data is not JSON: {exc}") from exc
    return Event(type=header["type"], data=data, payload=payload)


def describe(stt_engine: str, voice: str) -> Info:
    """What this server does: speech to text, Piper's voice, and whole commands (a transcript carried out)."""
    def artifact(name: str, description: str) -> dict[str, object]:
        return {"name": name, "attribution": PROJECT, "installed": True, "description": description,
                "version": __version__}

    return Info(
        asr=[AsrProgram(**artifact("assistant-stt", f"{stt_engine} speech to text, primed with the home's words"),
                        models=[AsrModel(**artifact(stt_engine, f"{stt_engine} model"), languages=LANGUAGES)])],
        tts=[TtsProgram(**artifact("assistant-tts", "Piper"),
                        voices=[TtsVoice(**artifact(voice, "Piper voice"), languages=LANGUAGES)])],
        handle=[HandleProgram(**artifact("assistant", "understands a command, carries it out on the home's "
                                         "devices over MQTT and answers"),
                              models=[HandleModel(**artifact("assistant", "rules, then a small local model"),
                                                  languages=LANGUAGES)],
                              supports_home_control=True)],
    )


class Frames:
    """A satellite's audio chunks (any rate, width, channels) as 16 kHz mono int16 frames of 30 ms."""

    def __init__(self) -> None:
        self._convert = AudioChunkConverter(rate=RATE, width=2, channels=1)
        self._left = np.zeros(0, dtype=np.int16)

    def add(self, chunk: object) -> list[np.ndarray]:
        audio = self._convert.convert(chunk).audio  # type: ignore[arg-type]
        samples = np.concatenate([self._left, np.frombuffer(audio[:len(audio) - len(audio) % 2], dtype="<i2")])
        whole = len(samples) - len(samples) % FRAME_SAMPLES
        self._left = samples[whole:]
        return [samples[i:i + FRAME_SAMPLES] for i in range(0, whole, FRAME_SAMPLES)]
