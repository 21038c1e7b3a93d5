"""Answers to a question asked back: "Which one?" … "the kitchen one", "cooler or warmer?" … "cooler",
"For how long?" … "10 minutes"; the sentence asked about read again with the answer in it.
"""

from __future__ import annotations

import time
from dataclasses import replace

from assistant.registry import Device
from assistant.tools import Understanding
from assistant.understand.answers import (
    HEDGES,
    NOT_CAUGHT,
    REFUSED,
    correcting,
    did_you_mean,
    holds,
    leaves_it,
    one_said,
    refuses,
    unhedged,
)
from assistant.understand.clause import WHICH_ROOM, which
from assistant.understand.conversation import FOLLOW_UP_S, Conversation
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import STOPWORDS
from assistant.understand.normalize import CLAUSE_BREAK, normalize
from assistant.understand.picking import ALL_OF_THEM
from assistant.understand.rules import (
    CHOICE,
    DIRECTION,
    QUESTION_STARTS,
    RuleMatcher,
    verb_of,
)
from assistant.understand.vocabulary import (
    FRACTIONS,
    FULL_WORDS,
    LOWEST_WORDS,
    PRONOUNS,
    RELATIVE_WORDS,
    ROOM_NOUNS,
    SPEEDS,
    STEP_WORDS,
    as_number,
)
from assistant.understand.when import find_times, half_of_day_asked, read_duration

LEVEL_WORDS = LEXICON.derived(lambda: FRACTIONS.keys() | FULL_WORDS | LOWEST_WORDS | RELATIVE_WORDS | STEP_WORDS
                              | SPEEDS.keys() | LEXICON.words("half_words") | {"way"})
HALF_DAY_ANSWERS = {"am", "pm", "morning", "evening", "afternoon", "night", "in", "the", "at", "oclock"}  # "pm"


class Answering(Conversation):
    """The answer to the question pending, or to the one a sentence was left unfinished at."""

    def _finished(self, heard: list[str]) -> str | None:
        """The sentence just asked "For how long?" ("set a timer" … "10 minutes") or "At 7 in the morning or in the
        evening?" ("turn on the heating at 7" … "pm", "in the evening", "7 pm") about, said again with the answer in
        it; None when the sentence is no such answer, or came later."""
        said = [t for t in heard if t != CLAUSE_BREAK and t not in ("please", "thanks")]
        if self._unfinished is None or self._unfinished[2] != self._turn - 1 or not said:
            return None
        sentence, hour, *_ = self._unfinished
        if not hour:  # a timer's length: a duration and nothing else
            length = said[said[0] == "for":]  # "10 minutes", "for 10 minutes"
            return f"{sentence} for {' '.join(length)}" if read_duration(length, 0)[1] == len(length) else None
        if not all(t in HALF_DAY_ANSWERS or as_number(t) is not None or ":" in t for t in said) or not (
                set(said) & HALF_DAY_ANSWERS - {"in", "the", "at"}):  # "pm", "7 pm", "in the evening"; not "8"
            return None
        tokens = normalize(sentence)
        at = next((k for k in range(len(tokens) - 1, 0, -1) if tokens[k] == hour and tokens[k - 1] == "at"), None)
        start, end = (at, at + 1) if at is not None else next(  # or said otherwise: "at half ten" asked as 10:30
            ((t.start + 1, t.end) for t in find_times(tokens)[0] if t.problem and half_of_day_asked(t.problem) == hour),
            (None, None))
        if start is None:
            return None
        numbered = any(as_number(t) is not None or ":" in t for t in said)  # "7 pm": the time said again
        told = [t for t in said if t != "at"] if numbered else [hour, *said]
        return " ".join([*tokens[:start - 1], "at", *told, *tokens[end:]])

    def _answer(self, text: str, started: float) -> Understanding | None:
        """The sentence asked about, read again with only the options the user picked; None when `text`
        answers no pending question. An answer that hedges ("maybe the kitchen one") is asked yes or no before
        anything is done; one that picks none ("neither", "none of them") drops the question, and says so."""
        if self._asked is None or time.monotonic() - self._asked_at > FOLLOW_UP_S:
            return None
        said = normalize(text)
        tokens = unhedged(said)
        plain = [t for t in tokens if t != CLAUSE_BREAK]
        if 0 < correcting(plain) < len(plain):  # "I said the kitchen one", "no, I meant the kitchen one": the answer
            tokens = plain[correcting(plain):]  # said again
        if refuses(tokens):
            self._asked = None
            return Understanding(text, [], REFUSED, "rules", (time.perf_counter() - started) * 1000)
        options = self._asked[1]
        asked = which(list(options)) if options else None
        if asked is not None and holds(text):  # "Which one: …?" … "what?", "hang on": asked again, as it was
            self._asked_at = time.monotonic()
            return Understanding(text, [], asked.text, "rules", (time.perf_counter() - started) * 1000, asks=True)
        by_room = asked is not None and asked.text == WHICH_ROOM  # "Which room?": the rooms are what is counted
        count = len({d.area for d in options}) if by_room else len(options)
        both = "both" in tokens and count > 2  # two of more than two: which two is still to say
        if asked is not None and (both or leaves_it(tokens)):
            self._asked_at = time.monotonic()  # "either", "yes", "whichever": not mine to choose; asked again
            again = f"There are {count}{' rooms' if by_room else ''}." if both else "Please say which."
            return Understanding(text, [], f"{again} {asked.text}", "rules",
                                 (time.perf_counter() - started) * 1000, asks=True)
        answered = self._picked(text, tokens, started)
        if answered is None or not set(said) & HEDGES or not answered.calls:
            return answered
        answered.unsure, answered.calls = [*answered.calls, *answered.unsure], []  # hedged: not done before a yes
        answered.reply = did_you_mean(answered.unsure, self.registry)
        return answered

    def _picked(self, text: str, tokens: list[str], started: float) -> Understanding | None:
        """The answer to the question pending, its hedges taken out; None when it is no answer."""
        if not tokens or tokens[0] in QUESTION_STARTS or (any(verb_of(t) for t in tokens)
                                                          and not self.rules.comparative_answered(tokens)):
            return None  # a command or question of its own ("turn on the kitchen radio"), not an answer
        sentence, options = self._asked
        home = self._asked_in
        heard = tokens
        times, tokens = find_times(heard)  # "the kitchen one in ten minutes": the time is the sentence's
        if times and not sentence:
            return None
        sentence = " ".join([sentence, *(w for t in times for w in heard[t.start:t.end])])
        if not options and CHOICE in sentence:  # "By how much?" ... "to 40 percent": said in place of "by half"
            if not _level(tokens) or home.mentions.find(tokens):
                return None
            self._asked = None
            return self._reread(text, home, sentence.replace(CHOICE, " ".join(tokens)), started)
        if not options:  # "Everything in which room?" ... "the kitchen": the sentence read as if said there
            room = home.room_answered(tokens)
            if room is None:
                return None
            self._asked = None
            return self._reread(text, home.heard_in(room), sentence, started)
        picked = home.picked(tokens, options) or self._described(tokens, options, sentence, home)
        if not picked and home.comparative_answered(tokens):  # "cooler or warmer?" ... "cooler"
            self._asked = None
            way = " ".join(tokens)
            return self._reread(text, home, sentence.replace(DIRECTION, way) if DIRECTION in sentence
                                else f"{sentence} {way}", started)
        if not picked:
            return None
        self._chosen = (sentence, options, home, picked, self._done, self._turn)
        narrowed = home.without(tuple(d for d in options if d not in picked))
        one = one_said(tokens) or any(m.kind in ("device", "type") and not m.plural for m in home.mentions.find(tokens))
        every = bool(ALL_OF_THEM & set(tokens))
        if CHOICE in sentence and (len(picked) == 1 or not (one or every)):  # "the fan or the ac?" ... "the ac",
            # "which device do you mean by it?" ... "the kitchen lights": said in the sentence in its place
            choice = home.called(picked[0]) if len(picked) == 1 else " ".join(tokens)
            self._asked = None
            return self._reread(text, home, sentence.replace(CHOICE, choice), started)
        if len(picked) > 1 and (CHOICE in sentence or (one and not every and "and" not in tokens)):
            # "the kitchen one" where the kitchen has two of the options, "the lamp" of four: one was said; which
            again = which(list(picked))
            self._asked, self._asked_at, self._asked_in = (sentence, again.options), time.monotonic(), narrowed
            return Understanding(text, [], again.text, "rules", (time.perf_counter() - started) * 1000, asks=True)
        self._asked = None
        if not sentence:  # asked after "the kitchen one": the last actions on the ones picked
            calls = list(dict.fromkeys(c for d in picked for last in self._last_calls if last.tool != "get_state"
                                       and self.registry.accepts(c := replace(last, device=d.id, words=tuple(tokens)))))
            self._did(calls)  # once each: the kitchen's two lights turned off, then "the bathroom one" (fan)
            reply = None if calls else NOT_CAUGHT
            return Understanding(text, calls, reply, "rules", (time.perf_counter() - started) * 1000)
        several = " both" if len(picked) > 1 else ""  # "both": every option picked, no need to ask again
        kinds = {d.type for d in options}  # nothing else of their kind is read into the sentence again: "turn on the
        others = tuple(d for d in home.registry if d.type in kinds and d not in picked and (  # lamp" … "the desk lamp
            d in options or not any(c.device == d.id for c in self._done)))  # and the sofa lamp" lit every light
        return self._reread(text, home.without(others), sentence + several, started)

    @staticmethod
    def _described(tokens: list[str], options: tuple[Device, ...], sentence: str,
                   home: RuleMatcher) -> tuple[Device, ...]:
        """ "the one by the sofa", "the one next to my bed", "the one in the room where I sleep" answering "Which one?":
        the answer read with the kind asked about in place of "one" ("the lamp by the sofa"), the options it names;
        () when a word of it names nothing ("the one I read with")."""
        at = next((i for i, t in enumerate(tokens) if t == "1"), None)
        if at is None or at > 1 or at == len(tokens) - 1:
            return ()
        kind = next((m.text.split()[-1] for m in home.mentions.find(sentence.split()) if m.kind == "type"),
                    options[0].name.split()[-1])  # "lamp" of "turn on the lamp", "light" of "the ceiling light"
        noun = kind.rstrip("s")
        described = [*tokens[:at], noun, *tokens[at + 1:]]
        found = home.mentions.find(described)
        placed = {i for m in found for i in range(m.start, m.end)}
        if any(i not in placed and t not in STOPWORDS | ROOM_NOUNS | {noun} for i, t in enumerate(described)):
            return ()
        named = {d for m in found if m.kind == "device" for d in m.devices}
        rooms = {a for m in found if m.kind == "area" for a in home.registry.area_groups.get(m.area or "", (m.area,))}
        return tuple(d for d in options if d in named or d.area in rooms)

    def _reread(self, text: str, home: RuleMatcher, sentence: str, started: float) -> Understanding:
        """The sentence asked about, read again in `home` once answered: all of it, as if the answer had been said
        in it (a reason against the command is still asked about, a time still holds it); what the sentence did
        before it asked is not done again."""
        said = sentence.replace(DIRECTION, "")  # "cooler or warmer?" answered with a name instead
        fresh = self._fresh()  # "turn it up" … "warmer": "it" is still the AC
        recent = tuple(d for d in self._recent if d.id in home.registry) if fresh and PRONOUNS & set(
            said.split()) else ()
        result = self._match(home, said, recent)
        done = self._done
        result.calls = [c for c in result.calls if c not in done]
        return self._complete(text, result, started, home=home, done=done, said=sentence)


def _level(tokens: list[str]) -> bool:
    """A level or an amount said: "to 40 percent", "20", "a quarter", "a bit", "all the way"."""
    return any(as_number(t) is not None or t in LEVEL_WORDS for t in tokens)
