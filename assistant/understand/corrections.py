"""Corrections of the sentence just said: "no, the desk lamp", "I meant 60", "no, the other one", "I said turn
the tv up", "except the porch light"; said again with the correction in it, what it did put back.
"""

from __future__ import annotations

import time
from itertools import pairwise

from assistant.registry import Device
from assistant.tools import Understanding
from assistant.understand.answering import Answering
from assistant.understand.answers import REDOING, correcting, did_you_mean, named_one, one_said
from assistant.understand.clause import which
from assistant.understand.followups import FILLER_WORDS, TIME_SAID
from assistant.understand.mentions import STOPWORDS
from assistant.understand.normalize import CLAUSE_BREAK, normalize
from assistant.understand.rules import verb_of
from assistant.understand.timer_followups import TimerFollowUps
from assistant.understand.vocabulary import EXCLUSIONS, NAMING_NOUNS, NEGATIONS, PARTICLES, TIME_UNITS, as_number
from assistant.understand.when import find_times
from assistant.undo import ASKING

LEAVING = (("but", "leave"), ("but", "keep"))  # "turn off everything" … "but leave the porch light (alone)"


class Corrections(TimerFollowUps, Answering):
    """A sentence that corrects the one before, read as that sentence said again."""

    def _insisted(self, text: str, heard: list[str], recent: tuple[Device, ...],
                  started: float) -> Understanding | None:
        """A command of its own said as a correction right after a command ("no, turn on the living room lights", "I
        said turn on the living room lights" after the kitchen's): done, and what the command before did to those
        other devices put back, as "no, the living room lights" does. The same command said again ("I said turn the
        tv up") is asked first where it steps ("Once more?": a second step goes past what was asked); one that sets a
        state is done again (no harm, and what a device that did not answer needs). None for anything else."""
        tokens = [t for t in heard if t != CLAUSE_BREAK]
        at = correcting(tokens)
        last = self._changed if self._changed_turn == self._turn - 1 else ()
        if not at or not last or not any(verb_of(t) for t in tokens[at:]):
            return None
        rest = tokens[at + 1:] if tokens[at:at + 1] == ["to"] else tokens[at:]  # "I said to turn off the tv"
        result = self._match(self.rules, " ".join(rest), recent)
        if not result.calls or result.unsure or result.held or {c.tool for c in result.calls} != {
                c.tool for c in last}:
            return None
        steps = [c for c in result.calls if c.spec.default_step is not None]
        if set(result.calls) == set(last) and steps:
            said = did_you_mean(steps, self.registry).removeprefix("Did you mean: ")
            return Understanding(text, [], f"I just did that. Once more: {said}", "rules",
                                 (time.perf_counter() - started) * 1000, unsure=steps)
        if {c.device for c in result.calls} & {c.device for c in last}:  # "no, turn it down": the same device, told
            return None  # anew (read as said)
        understood = self._complete(text, result, started, said=" ".join(rest))
        understood.taken_back = list(last)
        return understood

    def _corrected(self, text: str) -> str | None:
        """ "no, the desk lamp", "I meant 60", "the desk lamp instead", said after a command: that command said again
        with the correction in it, as the rules read one ("turn off the sofa lamp I mean the desk lamp"). None when
        the sentence corrects nothing, or says more than what to put right (a verb with more: a command of its own;
        a negation: "no, don't"). What it leaves out ("except the porch light", "but not the kitchen") is said in it
        too: what it did to those is then put back."""
        tokens = [t for t in normalize(text) if t != CLAUSE_BREAK]
        if tokens[-1:] == ["actually"] and not correcting(tokens):  # "set the heating to 21" … "22 actually"
            tokens = tokens[-1:] + tokens[:-1]
        changed = any(c.tool not in ASKING for c in self._said_calls)  # not a question asked: nothing to put back
        left = tokens[correcting(tokens):]  # "no, not the speaker": left out, as "but not the speaker" is
        left = ["but", *left] if left[:1] == ["not"] else left
        if self._said and changed and self._leaves_out(left):  # "turn off all the lights" … "except the porch light"
            return f"{self._said} {' '.join(left)}"
        marker = correcting(tokens)
        rest = tokens[marker:]
        kept = self._not_what_it_did(rest)  # "no, not the sofa lamp, the reading lamp": "not" and what the command did
        rest, marker = (kept, marker or 1) if kept is not None else (rest, marker)
        redo = next((len(r) for r in REDOING if tuple(rest[:len(r)]) == r), 0)  # "(actually) make that the reading
        rest, marker = rest[redo:], marker or redo  # lamp", "change that to 21": what it was said again, otherwise
        if rest[-1:] == ["instead"]:
            rest, marker = rest[:-1], marker or 1
        if self._timers_just_set():  # "set a timer for 5 minutes" … "no, 10 minutes", "make it 10 minutes": the
            said = rest[2:] if rest[:2] == ["make", "it"] and not redo else rest  # timer set again for that long
            return self._timer_again(said) if marker or len(said) < len(rest) else None
        retimed = self._retimed(rest) if marker and self._said else None
        if retimed is not None:  # "turn off the tv in 10 minutes" … "no, 20 minutes": the time said again
            return retimed
        if marker and self._said and "other" in rest:  # "turn on the bedroom fan" … "no, the other fan": the one
            other = self._the_other(rest)  # other device of its name or kind, put in its place; several: not a guess
            return f"{self._said} i mean {self.rules.called(other)}" if other is not None else None
        there = self._same_there(rest) if marker and self._said else None
        if there is not None:  # "turn on the sofa lamp" … "no, the bedroom": the lamp there, as "the lamp in the
            return f"{self._said} i mean {self.rules.called(there)}"  # bedroom" is; none or several: read as said
        names = {self.registry[c.device].name for c in self._said_calls if c.device}
        if named_one(rest) and len(names) == 1:  # "turn on the kitchen ceiling light" … "oops, the living room one":
            rest = self._one_named(rest, names.pop())  # its ceiling light; "lock the front door" … "no, the back one"
        named = {i for m in self.rules.mentions.find(rest) if m.kind == "device" for i in range(m.start, m.end)}
        if not self._said or not marker or not set(rest) - (STOPWORDS - PARTICLES.keys()) - FILLER_WORDS or rest[0] in (
                "more", "longer") or NEGATIONS & set(rest) or (len(rest) > 1 and any(
                    verb_of(t) for i, t in enumerate(rest) if i not in named)) or one_said(rest):  # "no, open"
            return None  # corrects the verb; "actually, turn off the tv" is a command of its own; "no, the other one"
        # is no value of 1; "oops, the pump" names the water pump ("pump" a verb only outside a name: batch 77)
        return f"{self._said} i mean {' '.join(rest)}"

    def _not_what_it_did(self, rest: list[str]) -> list[str] | None:
        """ "not the sofa lamp, the reading lamp", "the reading lamp, not the sofa lamp" right after the sofa lamp was
        turned on: "not" before what the command did (by name, or by the kind it was said as: "no not the heater, the
        blanket") says the rest is meant in its place, as "no, the reading lamp" does; the rest without it. None where
        "not" names nothing the command did, or nothing else is named ("not the sofa lamp": left out, `_leaves_out`)."""
        done = {c.device for c in self._said_calls if c.device}
        if "not" not in rest or not done:
            return None
        at = rest.index("not")
        mentions = [m for m in self.rules.mentions.find(rest) if m.kind in ("device", "type")]
        denied = next((m for m in mentions if m.start == at + 1 + (rest[at + 1:at + 2] == ["the"]) and (
            {d.id for d in m.devices} & done if m.kind == "device" else all(
                self.registry[d].type == m.type for d in done))), None)
        if denied is None or not any(m is not denied for m in mentions):
            return None
        return rest[:at] + rest[denied.end:]

    def _same_there(self, rest: list[str]) -> Device | None:
        """The device a correction naming only a room means after a command on one device ("turn on the sofa lamp" …
        "no, the bedroom"): the one of its kind in that room that is called as it was (the same name: "the ceiling
        light"; the word of its name that says its kind: "lamp", "fan", "door"), or, of heating and cooling, the one
        there (the heat of that room: "set the study heater to 21" … "oops, the hallway" is the thermostat). None
        where the room has none or several, for a robot (told where to clean: `_correction`), a timer or several
        devices (the rules read "… I mean the kitchen" of the lights as said)."""
        mentions = self.rules.mentions.find(rest)
        placed = {i for m in mentions for i in range(m.start, m.end)}
        done = {c.device for c in self._said_calls if c.device}
        if len(mentions) != 1 or mentions[0].kind != "area" or len(done) != 1 or len(done) != len(self._said_calls) \
                or not all(i in placed or t in STOPWORDS | FILLER_WORDS for i, t in enumerate(rest)):
            return None
        last, area = self.registry[done.pop()], mentions[0].area
        there = [d for d in self.registry if d.area == area and d.type == last.type and d is not last]
        if last.type == "vacuum" or not there:
            return None
        for same in ((lambda d: d.name == last.name), (lambda d: last.name.split()[-1] in d.name_words)):
            chosen = [d for d in there if same(d)]
            if chosen:
                return chosen[0] if len(chosen) == 1 else None
        return there[0] if last.type == "climate" and len(there) == 1 else None

    def _one_named(self, rest: list[str], name: str) -> list[str]:
        """ "the living room one", "the back one" said for a device called `name`: "one" is that name after a room
        ("the living room ceiling light"), else its last word ("the back door", never "the back front door")."""
        rooms = {m.end for m in self.rules.mentions.find(rest) if m.kind == "area"}
        return [w for i, t in enumerate(rest) for w in (
            (name.split() if i in rooms else name.split()[-1:]) if t == "1" else [t])]

    def _the_other(self, rest: list[str]) -> Device | None:
        """The one device "the other one" / "the other fan" means after a command on one device; None when there is
        not one."""
        others = self._others(rest)
        return others[0] if len(others) == 1 else None

    def _others(self, rest: list[str]) -> list[Device]:
        """What "the other one" / "the other fan" can mean after a command on one device: the other devices of its
        name ("ceiling light"), else of its kind (the lamps, after a lamp); [] when it was said of several devices, or
        of another kind."""
        done = {c.device for c in self._said_calls if c.device}
        if len(done) != 1:
            return []
        last = self.registry[done.pop()]
        said = {m.type for m in self.rules.mentions.find(rest) if m.kind == "type"}
        if said - {last.type} or any(m.kind != "type" for m in self.rules.mentions.find(rest)):
            return []  # "no, the other light" after the fan; "the other one in the kitchen": not this
        noun = last.name.split()[-1]
        for same in ((lambda d: d.name == last.name), (lambda d: d.type == last.type)):
            others = [d for d in self.registry if d is not last and same(d)]
            if noun in NAMING_NOUNS:  # "the other one" after the sofa lamp: another lamp
                others = [d for d in others if noun in d.name_words] or others
            if others:
                return others
        return []

    def _other_asked(self, text: str, heard: list[str], started: float) -> Understanding | None:
        """ "no, the other one" right after the sofa lamp was turned on, where three other lamps could be meant: the
        sofa lamp put back, and which one asked (the answer gets the same action). None for anything else."""
        tokens = [t for t in heard if t != CLAUSE_BREAK]
        at = correcting(tokens)
        if not at or "other" not in tokens[at:] or not self._changed or self._changed_turn != self._turn - 1:
            return None
        others = self._others(tokens[at:])
        if len(others) < 2:
            return None
        asked, taken = which(others), list(self._changed)
        self._asked, self._asked_at, self._asked_in = ("", asked.options), time.monotonic(), self.rules
        self._changed = ()  # put back once: "undo" after it has nothing left to take back
        return Understanding(text, [], asked.text, "rules", (time.perf_counter() - started) * 1000, asks=True,
                             taken_back=taken)

    def _leaves_out(self, tokens: list[str]) -> bool:
        """ "except the porch light", "but not the kitchen ones", "but leave the tv": an exclusion and what it names,
        nothing else. Not "not that one" (names nothing), "not the tv, the speaker" (a correction: two things named
        with no "and" between them) nor "not now"."""
        marker = next((len(p) for p in (*EXCLUSIONS, *LEAVING) if p != ("but",) and tuple(tokens[:len(p)]) == p), 0)
        if not marker:
            return False
        rest = tokens[marker:]
        mentions = self.rules.mentions.find(rest)
        placed = {i for m in mentions for i in range(m.start, m.end)}
        joined = all("and" in rest[a.end:b.start] for a, b in pairwise(mentions))
        around = STOPWORDS | FILLER_WORDS | {"and", "1", "alone", "as", "is"}  # "… the porch light alone", "as it is"
        return bool(mentions and joined) and all(i in placed or t in around for i, t in enumerate(rest))

    def _retimed(self, rest: list[str]) -> str | None:
        """The last sentence with its one time replaced by the time a correction says ("no, in 20 minutes", "make
        that 20 minutes", "actually at 8 pm"); None when the correction says no time alone, or the sentence had none."""
        said = normalize(self._said)
        old, _ = find_times(said)
        if len(old) != 1 or not rest:
            return None
        if not find_times(rest)[0]:  # "no, 20 minutes", "I meant 7 pm": said as the time before was
            if not all(as_number(t) is not None or t in TIME_SAID or _clock_said(t) for t in rest):
                return None  # "no, the speaker": not a time ("no, 6:30 pm", "no, 6.30 pm" are one)
            if len(rest) == 1 and any(as_number(t) is not None for i, t in enumerate(said)
                                      if not old[0].start <= i < old[0].end):
                return None  # "set the heating to 20 in 10 minutes" … "no, 21": the level
            unit = said[old[0].end - 1]  # "turn off the tv in 10 minutes" … "no, 20": in its unit, as a timer's is
            rest = [said[old[0].start], *rest, *([unit] if unit in TIME_UNITS and len(rest) == 1 else [])]  # "turn
            # on the heating at 7 am" … "no, 8": the time, asked whole
        new, left = find_times(rest)
        if len(new) > 1 or set(left) - STOPWORDS - {rest[0]} - ({t for t in rest if as_number(t) is not None}
                                                                if not new else set()):
            return None  # more than a time: a correction of something else
        said_now = rest[new[0].start:new[0].end] if new else rest  # "at 8": not a time read whole; the rules ask
        return " ".join([*said[:old[0].start], *said[old[0].end:], *said_now])

    def _rechosen(self, text: str, started: float) -> Understanding | None:
        """ "no, the living room one", "no, the other one" just after answering "Which one?": the question answered
        again, what the first answer did taken back. None when the sentence is no such correction."""
        tokens = [t for t in normalize(text) if t != CLAUSE_BREAK]
        marker = correcting(tokens)
        if self._chosen is None or not marker or self._chosen[5] != self._calls_turn:
            return None  # only of the answer just acted on: never after another command ("turn off the tv")
        sentence, options, home, picked, done, _ = self._chosen
        rest = tokens[marker:]
        others = [d for d in options if d not in picked]
        taken = [c for c in self._said_calls if c.device in {d.id for d in picked}]
        if "other" in rest and not home.mentions.find(rest) and len(others) > 1:  # "no, the other one" of four: which
            self._asked, self._asked_at, self._asked_in = (sentence, tuple(others)), time.monotonic(), home  # of the
            self._done = (*done, *(c for c in self._said_calls if c not in taken))  # others; the first put back once
            self._retaken = tuple(taken)  # answered
            return Understanding(text, [], which(others).text, "rules", (time.perf_counter() - started) * 1000,
                                 asks=True)
        if "other" in rest and not home.mentions.find(rest):  # "the other one": of two, the one not picked
            if not others:
                return None
            rest = home.called(others[0]).split()
        if not set(home.picked(rest, options)) - set(picked):
            return None
        self._asked, self._asked_at, self._asked_in = (sentence, options), time.monotonic(), home
        self._done = (*done, *self._said_calls)  # what else the sentence did stays done, once
        answered = self._picked(text, rest, started)
        if answered is not None and (answered.calls or answered.unsure):
            answered.taken_back = [c for c in taken if c not in answered.calls]
        return answered

    def corrects(self, text: str) -> bool:
        """ "no, the back door" corrects the sentence just said ("unlock the front door"), asked yes or no or not; "no
        way" names nothing the sentence said again could do."""
        corrected = self._corrected(text) if self._fresh() else None
        found = self.rules.match(corrected, self._recent) if corrected is not None else None
        read = [*found.calls, *(c for _, calls in found.unsure for c in calls), *found.held] if found else []
        return found is not None and (bool(found.asked) or any(c not in self._said_calls for c in read))


def _clock_said(token: str) -> bool:
    """ "6:30" (and "6.30", read so): a clock's hour and minutes, said as the time of a correction ("no, 6.30 pm")."""
    hour, colon, minute = token.partition(":")
    return bool(colon) and hour.isdigit() and minute.isdigit() and len(minute) == 2
