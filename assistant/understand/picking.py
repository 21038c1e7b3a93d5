"""The answer to a question back ("which one?", "in which room?", "cooler or warmer?"): the options or the room it
picks; RuleMatcher inherits `AnswerPicking`."""

from __future__ import annotations

from collections.abc import Callable

from assistant.registry import Device, Registry
from assistant.understand.clause import _class_name
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import STOPWORDS, MentionFinder
from assistant.understand.normalize import CLAUSE_BREAK
from assistant.understand.vocabulary import COMPARATIVE_TYPES, EXCLUSIONS, NEGATIONS, PARTICLES, RELATIVE_WORDS

ALL_OF_THEM = LEXICON.words("all_of_them")  # an answer to "which one?" that picks every option
ANSWER_WORDS = LEXICON.words("answer_words")  # "just the kitchen one"
ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}  # "the second one": as the question listed


class AnswerPicking:
    """What an answer to a question back picks (RuleMatcher inherits it and sets these attributes)."""

    registry: Registry
    mentions: MentionFinder
    _areas: Callable[[str], tuple[str, ...]]

    def picked(self, tokens: list[str], options: tuple[Device, ...]) -> tuple[Device, ...]:
        """The options an answer to "which one?" (normalized tokens) picks: by room ("the kitchen one"), by
        name ("the front one", "the reading lamp"), by place in the question ("the second one"), all of them
        ("both"), or all but some ("not the kitchen one", "every one except the kitchen one"). () when it picks
        none of them, or says more than which (a word no option explains: a sentence of its own)."""
        tokens = [t for t in tokens if t != CLAUSE_BREAK]
        if tokens[:1] == ["no"]:
            tokens = tokens[1:]  # "no, the kitchen one": the choice, said again
        cut = next(((i, len(p)) for i in range(len(tokens)) for p in (*EXCLUSIONS, *((n,) for n in NEGATIONS))
                    if tuple(tokens[i:i + len(p)]) == p), None)
        if cut is None:
            return self._picks(tokens, options)
        at, size = cut  # "not the kitchen one", "the one that is not in the kitchen": the other one
        left_out = self._picks(tokens[at + size:], options)
        said = set(tokens[:at]) - (STOPWORDS - ALL_OF_THEM) - ANSWER_WORDS  # "every one except …", "all except …",
        # "the lamps but not …"
        rest = tuple(d for d in (self._picks(tokens[:at], options) if said else options) if d not in left_out)
        return rest if left_out and (said or len(rest) == 1) else ()  # "not the kitchen" of six rooms: no choice

    def _picks(self, tokens: list[str], options: tuple[Device, ...]) -> tuple[Device, ...]:
        if set(tokens) & ALL_OF_THEM:
            return options
        mentions = self.mentions.find(tokens)
        rooms = {a for m in mentions if m.kind == "area" for a in self._areas(m.area or "")}
        named = {d for m in mentions if m.kind == "device" for d in m.devices}
        kinds = {m.type for m in mentions if m.kind == "type"}  # "the fan" of "the fan or the ac"
        placed = {i for m in mentions for i in range(m.start, m.end)}
        said = {t for i, t in enumerate(tokens) if i not in placed} - (STOPWORDS - set(PARTICLES)) - ANSWER_WORDS
        ordinal = [ORDINALS[t] for t in said if t in ORDINALS]
        described = {w for d in options for w in (*d.name_words, *_class_name(d).split())}
        if said - described - set(ORDINALS) or len(ordinal) > 1:
            return ()  # "the kitchen one in an hour", "the big one": more than a choice, or none the options meet
        if rooms or named or kinds:
            chosen = tuple(d for d in options if (not rooms or d.area in rooms) and (not named or d in named)
                           and (not kinds or d.type in kinds))
            word = {w for m in mentions if m.kind == "type" and not m.plural for w in m.text.split()}
            return tuple(d for d in chosen if word & d.name_words) or chosen  # "the lamp": the lamps, of the lights
        if ordinal:  # "the second one": as the question listed them
            return (options[ordinal[0]],) if -len(options) <= ordinal[0] < len(options) and len(said) == 1 else ()
        by_name = tuple(d for d in options if said & d.name_words)
        return by_name or tuple(d for d in options if said & set(_class_name(d).split()))  # "the charging one"

    def room_answered(self, tokens: list[str]) -> str | None:
        """The one room an answer to "in which room?" names ("the kitchen", "in the bedroom"); None when it says
        anything more ("the kitchen light on") or names no room or two."""
        mentions = self.mentions.find(tokens)
        placed = {i for m in mentions for i in range(m.start, m.end)}
        rooms = {m.area for m in mentions if m.kind == "area"}
        said = {t for i, t in enumerate(tokens) if i not in placed} - STOPWORDS - {"in", "the", "room", "please"}
        if len(rooms) != 1 or said or any(m.kind != "area" for m in mentions):
            return None
        return rooms.pop()

    @staticmethod
    def comparative_answered(tokens: list[str]) -> bool:
        """An answer of only a comparative ("cooler", "warmer please", "a bit warmer"): said after the sentence asked
        about, it says the direction that sentence left open."""
        said = set(tokens) - STOPWORDS - RELATIVE_WORDS - {"much", "lot"}
        return bool(said) and said <= set(COMPARATIVE_TYPES)
