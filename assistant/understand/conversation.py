"""What the understanding keeps between sentences, and the rules' reading of one sentence made whole with it.

The last command's devices and calls (for "it", "undo", a correction), the question asked back and what
answers it; a clause the rules left undecided or unsure goes to the model, and is asked about, never guessed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from assistant.registry import Device, Registry
from assistant.tools import ToolCall, Understanding
from assistant.understand.answers import NOT_CAUGHT, did_you_mean
from assistant.understand.candidates import Candidates
from assistant.understand.clause import RuleResult
from assistant.understand.custom import CommandMatcher, CustomCommand
from assistant.understand.cycle import CYCLE_ALONE, CYCLE_AT, back_on, power_cycled, with_more
from assistant.understand.grounding import ground, named_by_own_words, names_a_part
from assistant.understand.llm import LlmChooser, ModelError
from assistant.understand.mentions import STOPWORDS
from assistant.understand.mood import tells_of
from assistant.understand.normalize import normalize
from assistant.understand.risk import risk_sign, told_both_ways
from assistant.understand.rules import RuleMatcher
from assistant.understand.talk import addressee, not_to_the_house
from assistant.understand.vocabulary import IMPLIED_TYPES
from assistant.understand.when import ASK_HOW_LONG, half_of_day_asked
from assistant.undo import ASKING

log = logging.getLogger(__name__)
_Chosen = tuple[str, tuple[Device, ...], RuleMatcher, tuple[Device, ...], tuple[ToolCall, ...], int]


FOLLOW_UP_S = 30.0  # "make it blue" refers to the last command's devices for this long


class Conversation:
    """The conversation an `Understander` holds, and the reading of a sentence in it (rules, then the model)."""

    def __init__(self, registry: Registry, llm: LlmChooser | None = None, area: str | None = None,
                 commands: tuple[CustomCommand, ...] = ()) -> None:
        self.registry = registry
        self.commands = CommandMatcher(commands, registry)  # the config's own sentences, read before the rules
        self.rules = RuleMatcher(registry, area=area)
        self.llm = llm
        self.candidates = Candidates(registry)
        self._recent: tuple[Device, ...] = ()
        self._before: tuple[Device, ...] = ()  # the devices of the command before the last: "lock them (both)"
        self._turn = 0  # sentences read so far, and the one the last calls came from: a follow-up that leaves out
        self._calls_turn = -1  # its device ("50 percent") is said right after them, never after another question
        self._changed_turn = -1  # the sentence "undo" would take back: "cancel", "don't" only right after it
        self._unread_turn = -1  # the last sentence that did nothing and asked nothing to be answered ("I don't know a
        # device called zorb"), and when: a bare "40 percent" right after it is still about it, never the room's lights
        self._unread_at = 0.0
        # the sentence last asked "For how long?" or "At 7 in the morning or in the evening?" about, the time it
        # asked about ("" for a timer's length), the sentence's turn and, for a correction, the calls it replaces:
        # the answer completes it
        self._unfinished: tuple[str, str, int, tuple[ToolCall, ...]] | None = None
        self._last_calls: tuple[ToolCall, ...] = ()
        self._recent_at = 0.0
        self._asked: tuple[str, tuple[Device, ...]] | None = None  # (the sentence asked about, its options)
        self._asked_in = self.rules  # the home the question was asked in: less what earlier answers ruled out
        self._asked_at = 0.0
        self._done: tuple[ToolCall, ...] = ()  # what the sentence asked about did already: not done twice
        self._said = ""  # the sentence the last calls were read from, for a correction of it ("no, 60")
        self._said_calls: tuple[ToolCall, ...] = ()  # the calls read from it: done, or asked yes or no
        self._said_done: tuple[ToolCall, ...] = ()  # those and its follow-ups' ("and the speaker"): never done again
        self._changed: tuple[ToolCall, ...] = ()  # the last calls that changed something, for "undo"
        # the last question answered (sentence, options, where asked, what was picked, what the sentence did before
        # it asked, the turn it was answered in): "no, the other one" right after
        self._chosen: _Chosen | None = None
        self._retaken: tuple[ToolCall, ...] = ()  # what the answer to "Which one?" asked again puts back

    def _fresh(self) -> bool:
        """Whether the last command may still be followed up ("and the kitchen", "undo", "cancel it")."""
        return time.monotonic() - self._recent_at < FOLLOW_UP_S

    def _unread_just_said(self) -> bool:
        """Whether the sentence just before did nothing and asked nothing answerable, a moment ago ("zorb on" … "40
        percent": still the zorb's)."""
        return self._unread_turn == self._turn - 1 and time.monotonic() - self._unread_at < FOLLOW_UP_S

    @property
    def area(self) -> str | None:
        """The room this instance listens in; "turn off the lights" means that room's lights."""
        return self.rules.area

    @area.setter
    def area(self, area: str | None) -> None:
        self.rules.area = area

    def forget(self) -> None:
        """Drop the follow-up context and any question asked back (a new conversation)."""
        self._recent, self._before = (), ()
        self._asked, self._unfinished = None, None
        self._calls_turn = -1  # nothing said before is "it" of a follow-up that leaves out its device,
        self._unread_turn = -1  # nor a sentence not understood what it is about,
        self._said, self._said_calls, self._said_done, self._changed = "", (), (), ()  # nor what a correction, "cancel
        # it" or "undo" takes
        self._retaken, self._chosen = (), None

    def _remember(self, calls: list[ToolCall]) -> None:
        if calls:
            self._before = self._recent if self._fresh() else ()
            self._recent = tuple(dict.fromkeys(self.registry[c.device] for c in calls if c.device))
            self._calls_turn = self._turn
            self._last_calls = tuple(calls)
            self._recent_at = time.monotonic()

    def _did(self, calls: list[ToolCall]) -> None:
        """Calls a follow-up made of the last command's ("and the desk lamp", "the bathroom one"): what "undo", "no" or
        a correction then takes back; the sentence a correction reads again stays the command's."""
        self._remember(calls)
        self._said_calls, self._said_done = tuple(calls), (*self._said_done, *calls)
        if any(c.tool not in ASKING for c in calls):
            self._changed, self._changed_turn = tuple(calls), self._turn

    def _match(self, home: RuleMatcher, text: str, recent: tuple[Device, ...]) -> RuleResult:
        """The rules' reading; "it" said of sensors just asked about that can do nothing ("what's the temperature in
        the lounge" … "set it to 22") is read again as what sets what they measure there."""
        cycled = self._cycled(home, text, recent)
        if cycled is not None:
            return cycled
        result = home.match(text, recent)
        setting = self._set_instead(recent) if recent and not result.calls else ()
        if setting:
            again = home.match(text, setting)
            result = again if again.calls or again.asked else result  # or asked: "cooler or warmer?"
        return result

    def _cycled(self, home: RuleMatcher, text: str, recent: tuple[Device, ...]) -> RuleResult | None:
        """ "turn the light off and on again", "restart the tv": its "off" half read, and each device it turns off
        turned on after; a question it asks ("Which room?") keeps the whole sentence, so the answer cycles too.
        None when it is no cycle, or one of something that is not switched off (a timer restarted)."""
        off_half = power_cycled(normalize(text))
        if off_half is None or not_to_the_house(text) or addressee(text, home.mentions.find) is not None:
            return None  # "maybe I want you to restart the tv", "Sam, restart the tv": read whole, by the rules
        if with_more(off_half):
            return RuleResult(replies=[CYCLE_ALONE])
        result = home.match(" ".join(off_half), recent)
        if any(c.at is not None for c in result.calls):  # "restart the router at 7 am": its pause is not a clock time
            return RuleResult(replies=[CYCLE_AT])
        if any(c.tool != "turn_off" for c in result.calls) or any(
                not self.registry.accepts(replace(c, tool="turn_on")) for c in result.calls):
            return None
        result.calls += [back_on(c) for c in result.calls]
        result.asked = [(text, options) for _, options in result.asked]
        result.unsure = [(text, [*calls, *(back_on(c) for c in calls if c.tool == "turn_off")])
                         for _, calls in result.unsure]
        return result

    def _set_instead(self, recent: tuple[Device, ...]) -> tuple[Device, ...]:
        """For sensors just asked about, the devices of their room that set what they measure (a temperature: the
        heating or cooling there, by the lexicon's `implied_types`); () when they are not all sensors."""
        if any(d.type != "sensor" for d in recent):
            return ()
        kinds = {IMPLIED_TYPES[w] for d in recent for w in (d.device_class, *d.name_words) if w in IMPLIED_TYPES}
        rooms = {d.area for d in recent}
        return tuple(d for d in self.registry if d.type in kinds and d.area in rooms)

    def _says_more_than_names(self, clause: str) -> bool:
        """A clause that only names devices ("the kettle") asks for nothing: ask back, don't let a model guess."""
        tokens = clause.split()
        named = {i for m in self.rules.mentions.find(tokens) for i in range(m.start, m.end)}
        return any(t not in STOPWORDS for i, t in enumerate(tokens) if i not in named)

    def _ask_model(self, clause: str, found: list[Device],
                   guessed: list[ToolCall] | None = None) -> tuple[list[ToolCall], list[ToolCall]] | None:
        """The model's calls for a clause, split into (grounded: do them, not grounded: ask about them);
        None without a model, or when it fails (logged): the clause is then handled as without one."""
        if self.llm is None:
            return None
        candidates = self.candidates.near(clause, found)
        try:
            chosen = self.llm.choose(clause, candidates, guessed or ())  # the guess only makes it faster
        except ModelError as exc:
            log.warning("%s; carrying on without the model", exc)
            return None
        grounded = ground(chosen, clause, candidates)
        if grounded.why:
            log.info("model calls for %r not done without a yes: %s", clause, "; ".join(grounded.why))
        words = set(normalize(clause))
        excused = [d for d in found if d not in candidates or named_by_own_words(d, words)]
        return _widened(grounded.act, found, excused), _widened(grounded.ask, found, excused)

    def _undecided(self, result: RuleResult, replies: list[str]) -> tuple[list[ToolCall], list[Device], bool]:
        """The clauses the rules found devices in but no action: the model's reading of each is asked about, never
        done; with none, "What should I do with …?" is added to `replies`. Returns the calls to ask about, the devices
        asked about (what "turn it on" then means), and whether the model read any."""
        unsure: list[ToolCall] = []
        untold: list[Device] = []  # asked "What should I do with …?": "turn it on" then means them
        read = False
        for clause, devices in result.undecided:
            answer = self._ask_model(clause, devices) if self._says_more_than_names(clause) else None
            if answer is None:
                names = " and the ".join(d.said_name for d in devices) if len(devices) <= 3 else \
                    f"{len(devices)} devices"
                replies.append(f"What should I do with the {names}?")
                untold.extend(devices)
                continue
            read = True
            act, ask = answer  # the rules found no action in it: the model's reading is asked, never done (on fresh
            # batches 19 and 20 it was right once and turned on "the bulb in the hall has gone"; dev: 0 right)
            unsure.extend(c for c in act + ask if c not in unsure)
            if not act and not ask:
                replies.append(f"Sorry, I didn't understand what to do with the {devices[0].said_name}.")
        return unsure, untold, read

    def _guesses_read(self, result: RuleResult, calls: list[ToolCall], unsure: list[ToolCall], cut: bool,
                      said: str) -> bool:
        """The rules' unsure guesses, each read again by the model: a guess is added to `calls` where the model reads
        it the same, else to `unsure` (asked yes or no). `said`: the sentence read. Whether the model read any."""
        read = False
        for clause, guessed in result.unsure:
            devices = list(dict.fromkeys(self.registry[c.device] for c in guessed))
            # the model would read the clause without its time ("in 10 minutes"), or without the part of a device it
            # names ("the tv's subtitles"), or only the command in a clause that tells of someone ("I'm fixing to lock
            # the back door": it confirmed the guess, dev batch 33 with the model, 4 wrong actions): that guess is asked
            answer = None if cut or any(c.later for c in guessed) or tells_of(normalize(clause)) or names_a_part(
                said, devices, self.registry) else self._ask_model(clause, devices, guessed)
            if answer is not None:
                read = True
            act, ask = answer if answer is not None and any(answer) else ([], guessed)  # "none": ask the guess
            if act and set(act) != set(guessed):  # two readings that differ: ask, with the model's reading
                act, ask = [], act + ask
            others = [*calls, *result.held, *(o for _, g in result.unsure for o in g if o not in guessed)]
            if any(told_both_ways(c, others) for c in act):  # "sort the porch light out, switch it on": the rest of
                act, ask = [], act + ask  # the sentence says the other way; the model's reading does not say which
            act = [next((g for g in guessed if g == c), c) for c in act]  # with the words the guess was built from
            calls.extend(c for c in act if c not in calls)
            unsure.extend(c for c in ask if c not in unsure)
        return read

    def _complete(self, text: str, result: RuleResult, started: float, cut: bool = False,
                  home: RuleMatcher | None = None, done: tuple[ToolCall, ...] = (), said: str = "") -> Understanding:
        """The rules' result made whole: a clause they left undecided is asked about with the model's reading; one
        they were unsure of is done when the model reads it as their guess; what is still unsure is asked yes or
        no. `cut`: the sentence was cut; ask, never act.
        `home`: the matcher that read it, where the answer to a question it asks is read; `done`: what the
        sentence did before, when it is read again; `said`: the sentence read, where it is not `text`."""
        self._asked, self._asked_at = (result.asked[0], time.monotonic()) if result.asked else (None, 0.0)
        self._asked_in = home or self.rules
        calls = list(result.calls)
        replies = list(result.replies)
        unsure, untold, read = self._undecided(result, replies)
        path = "llm" if self._guesses_read(result, calls, unsure, cut, said or text) or read else "rules"
        unsure.extend(c for c in result.held if c not in unsure)  # asked as they are: the model would read them alone
        sign = risk_sign(said or text, calls, self.registry)
        if sign is not None:  # "set the heating to 21 from 6": a sign the reading left something out; its changes asked
            held = [c for c in calls if c.device and c.tool not in ASKING]
            calls = [c for c in calls if c not in held]
            unsure.extend(c for c in held if c not in unsure)
            replies.append(f"I'm not sure what '{sign}' means here.")
        if unsure:
            replies.append(did_you_mean(unsure, self.registry))
        safe = [c for c in calls if self.registry.accepts(c)]
        for call in calls:
            if call not in safe:  # cannot happen by construction; kept as the last line of defence
                log.error("refused a call outside the registry: %s", call)
        self._remember(safe)
        asked = [c for c in unsure if self.registry.accepts(c)]
        if safe or asked:  # "Did you mean: …?" … "no, the hall light": the sentence asked about, corrected
            self._said, self._said_calls = (said or text).rstrip(" .!"), (*safe, *asked)  # "… to 40." … "no, 60"
            self._said_done = self._said_calls  # and what its follow-ups ("and the speaker") do
        if any(c.tool not in ASKING for c in safe):  # what "undo" takes back: not a question asked in between
            self._changed, self._changed_turn = tuple(safe), self._turn
        if untold and not safe and not unsure:  # the answer says what to do with them, not the last command again
            self._recent, self._last_calls, self._recent_at = tuple(untold), (), time.monotonic()
        self._done = (*done, *safe) if self._asked is not None else ()
        if not safe and not unsure and self._asked is None and not untold:
            self._unread_turn, self._unread_at = self._turn, time.monotonic()
        if not safe and not replies and not unsure:
            replies.append(NOT_CAUGHT)
        reply = " ".join(dict.fromkeys(replies)) if replies else None  # two clauses not understood: said once
        asked_time = next((t for r in replies if (t := half_of_day_asked(r)) is not None), None)
        self._unfinished = None if safe or unsure else (said or text, "", self._turn, ()) if ASK_HOW_LONG in replies \
            else (said or text, asked_time, self._turn, ()) if asked_time is not None else None
        return Understanding(text, safe, reply, path, (time.perf_counter() - started) * 1000,
                             asks=self._asked is not None and not safe,
                             unsure=asked)


def _widened(calls: list[ToolCall], found: list[Device], excused: list[Device]) -> list[ToolCall]:
    """One action the model chose for each device the rules found that can do it, but those it is `excused`, is meant
    for all of them: the rules read which devices, the model what to do. Excused: a device it was not shown ("all
    the lights" in a big home: it sees a few), and one the clause names by its own words (a small model often stops
    after the first of a list: "the xmas tree n the festoon lights"). Any other it left out, it left out: widened,
    its reading became the rules' guess and was done ("turn on light on ceiling": three living-room lights found,
    the model chose the ceiling light, and the two lamps went on too, in fresh corpus 6's first run; "brighten up
    the kitchen counter", in fresh corpus 2's)."""
    actions = {(c.tool, c.value) for c in calls}
    if len(actions) != 1:
        return calls
    (tool, value), = actions
    able = [call for d in found if d.accepts(call := ToolCall(tool, d.id, value))]
    chosen, spared = {c.device for c in calls}, {d.id for d in excused}
    if not chosen <= {c.device for c in able} or any(c.device not in chosen | spared for c in able):
        return calls
    return able
