"""The words a command in this home can contain, to narrow speech recognition to them."""

from __future__ import annotations

from assistant.registry import Registry
from assistant.tools import COLORS, FAN_SPEEDS
from assistant.understand.numbers import TENS, UNITS

COMMAND_WORDS = (
    "turn", "switch", "set", "make", "dim", "brighten", "open", "close", "shut", "lock", "unlock", "play",
    "pause", "resume", "stop", "start", "on", "off", "up", "down", "to", "the", "a", "in", "of", "and",
    "then", "all", "lights", "light", "lamp", "percent", "degrees", "volume", "brightness", "temperature",
    "is", "are", "what", "it", "please", "hundred", "half", "halfway", "fan", "speed", "blinds", "curtains",
    "door", "heating", "music",
)


def phrases(registry: Registry) -> list[str]:
    """Device names, aliases, areas and command words, as a Vosk grammar's phrase list."""
    out: list[str] = []
    for device in registry:
        out.extend([device.name, *device.aliases])
    out.extend(registry.areas())
    out.extend(COMMAND_WORDS)
    out.extend(COLORS)
    out.extend(FAN_SPEEDS)
    out.extend(UNITS)
    out.extend(TENS)
    seen: set[str] = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def prompt(registry: Registry, limit: int = 60) -> str:
    """A short text of example commands that primes Whisper toward this home's names."""
    names = [d.name for d in registry][:limit]
    return ("Turn on the " + ", the ".join(names) + ". Lock the back door. Unlock the front door. "
            "Open the garage door. Set the thermostat to 21 degrees.")
