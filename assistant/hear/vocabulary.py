"""The words a command in this home can contain, to narrow speech recognition to them."""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from assistant.registry import Registry
from assistant.tools import COLORS, FAN_SPEEDS
from assistant.understand.numbers import TENS, UNITS

# The words a command or an answer to a question starts with.
OPENERS = (
    "turn", "switch", "set", "make", "dim", "brighten", "open", "close", "shut", "lock", "unlock", "play",
    "pause", "resume", "stop", "start", "is", "are", "what", "please", "yes", "no", "the", "cancel",
)
COMMAND_WORDS = (
    *OPENERS, "on", "off", "up", "down", "to", "a", "in", "of", "and", "then", "all", "lights", "light", "lamp",
    "percent", "degrees", "volume", "brightness", "temperature", "it", "hundred", "half", "halfway", "fan",
    "speed", "blinds", "curtains", "door", "heating", "music", "locked", "unlocked", "closed", "one",
)
PROMPT_WORDS = ("turn on", "turn off", "switch", "dim", "brighten", "lock", "unlock", "open", "close", "set", "degrees",
                "percent")


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


def jsgf(registry: Registry, known: Callable[[str], bool]) -> str:
    """A JSGF grammar of the home's commands: an opening word ("turn", "is", "the", "yes"), then any of the
    home's phrases. Anything else said is forced into it, with a low score: the engine then asks Whisper.

    Phrases with a word the recogniser cannot say (`known` is False: not in its dictionary) are left out.
    """
    usable = sorted({p.lower() for p in phrases(registry) if all(known(w) for w in p.lower().split())})
    openers = [w for w in OPENERS if known(w)]
    return (f"#JSGF V1.0;\ngrammar home;\npublic <command> = <opener> <phrase>*;\n"
            f"<opener> = {' | '.join(openers)};\n<phrase> = {' | '.join(usable)};\n")


def prompt(registry: Registry, limit: int = 60) -> str:
    """The home's device names and rooms, then the command words, as a bare list that primes Whisper.

    A list, never a whole command: Whisper given noise tends to write its prompt back, and the old
    prompt's last sentence, "Set the thermostat to 21 degrees.", was heard in white noise and carried
    out. On 28 Piper commands: this list 0.0% WER, the names alone 2.6%, no prompt at all 6.9%.
    """
    names = list(dict.fromkeys([*(d.name for d in registry), *registry.areas()]))[:limit]
    return ", ".join(names) + ". " + ", ".join(PROMPT_WORDS).capitalize() + "."


def echoes_prompt(text: str, primer: str) -> bool:
    """Whether a transcript is (nearly) the prompt read back: at least 80% of its words are one run of
    the prompt's words spanning two or more of its items ("bedroom fan, bedroom curtains").

    A single item ("living room blinds", "lock") may be a real answer to "Which one?", and alone it
    never acts, so it is let through.
    """
    said = _words(text)
    items = [(_words(item), n) for n, item in enumerate(re.split(r"[,.]", primer))]
    heard = [word for words, _ in items for word in words]
    item_of = [n for words, n in items for _ in words]
    match = SequenceMatcher(None, said, heard, autojunk=False).find_longest_match(0, len(said), 0, len(heard))
    spanned = set(item_of[match.b:match.b + match.size])
    return bool(said) and match.size >= 0.8 * len(said) and len(spanned) >= 2


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())
