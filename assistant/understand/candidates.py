"""Which devices the model may choose from for one clause: those its words are near, never the whole home.

Fewer candidates keep the prompt short (each costs ~50 tokens of a 2,048-token context) and leave the
model less to confuse. The devices the rules already found come first; then others whose name, alias,
room or kind is among the clause's words, or a close misspelling of one.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches

from assistant.registry import Device, Registry
from assistant.understand.mentions import STOPWORDS, TYPE_WORDS
from assistant.understand.normalize import normalize

MAX_CANDIDATES = 8
NAME, ROOM, KIND = 3, 2, 1  # what a word is worth: naming the device, its room, or its kind


class Candidates:
    """An index of the home's words, built once per registry; `near` ranks devices for a clause."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._words: dict[str, dict[Device, int]] = {}
        for device in registry:
            for phrase in (device.name, *device.aliases):
                self._add(phrase, device, NAME)
            self._add(device.area, device, ROOM)
            for word, kind in TYPE_WORDS.items():
                if kind == device.type:
                    self._add(word, device, KIND)

    def _add(self, phrase: str, device: Device, worth: int) -> None:
        for word in phrase.lower().replace("_", " ").split():
            if word not in STOPWORDS:
                weights = self._words.setdefault(word, {})
                weights[device] = max(weights.get(device, 0), worth)

    def near(self, clause: str, found: Sequence[Device] = (), cap: int = MAX_CANDIDATES) -> list[Device]:
        """At most `cap` devices, nearest first: the rules' `found` devices, then others the clause names (or,
        when the rules found none, any it is near by room or kind)."""
        score: dict[Device, int] = {}
        for token in dict.fromkeys(normalize(clause)):
            if token in STOPWORDS:
                continue
            close = [token] if token in self._words else get_close_matches(token, self._words, n=2, cutoff=0.85)
            for word in close:
                for device, worth in self._words[word].items():
                    score[device] = score.get(device, 0) + worth
        ranked = sorted(found, key=lambda d: -score.get(d, 0))
        least = NAME if found else KIND
        others = sorted((d for d, s in score.items() if d not in found and s >= least), key=lambda d: -score[d])
        return list(dict.fromkeys(ranked + others))[:cap]
