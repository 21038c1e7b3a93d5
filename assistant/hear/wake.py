"""The wake phrase, found in the transcript itself ("hey house, turn on the kettle").

Matching is on words and forgiving (recognisers write "hey, House" or "hay house"), and whatever
follows the phrase in the same utterance is the command.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def after_wake_phrase(transcript: str, phrase: str, threshold: float = 0.84) -> str | None:
    """The command after the wake phrase, "" if the phrase was said alone, None if it was not said."""
    wanted = _words(phrase)
    words = _words(transcript)
    size = len(wanted)
    for start in range(0, max(1, len(words) - size + 1)):
        span = words[start:start + size]
        ratio = SequenceMatcher(None, " ".join(span), " ".join(wanted)).ratio() if span else 0.0
        # "a house" for "hey house": the name itself heard exactly lets the greeting be looser
        if ratio >= threshold or (len(span) == size and span[-1] == wanted[-1] and ratio >= 0.7):
            return " ".join(words[start + size:])
    return None
