"""One command through the stages: understand -> (safety) -> act -> answer, with per-stage timings.

Safety sits between understanding and acting: devices outside the allow-list are refused, and what
opens, unlocks or raises a door, gate, garage or lock (or changes a device marked confirm: true) waits
for a "yes" to a spoken question (Device.needs_confirmation decides, by the call's effect). Timers and
calls for later are not sent now: they go to the schedule (assistant/schedule), which the service runs.
"""

from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.act.bridge import CallResult, MqttBridge
from assistant.act.events import hermes_intent, intent_event
from assistant.answer.agreement import be, it, they
from assistant.answer.reply import compose, spoken_name
from assistant.config import Config, EventSettings, SafetySettings
from assistant.registry import Registry, opens
from assistant.schedule.planner import Planner
from assistant.schedule.store import Job
from assistant.tools import ToolCall, Understanding, spoken_duration
from assistant.understand.answers import NOTHING_TO_UNDO, REFUSED, adds, did_you_mean, holds, refuses
from assistant.understand.heard import heard_as_said
from assistant.understand.normalize import CLAUSE_BREAK, normalize
from assistant.understand.picking import ALL_OF_THEM, ORDINALS
from assistant.understand.rules import verb_of
from assistant.understand.understander import FOLLOW_UP_S, Understander
from assistant.understand.vocabulary import (
    CONDITION_WORDS,
    CORRECTIONS,
    EXCLUSIONS,
    LATER_WORDS,
    NEGATIONS,
    TIME_UNITS,
    as_number,
)
from assistant.understand.when import TIMER_STOPS, TIMER_WORDS, every_timer
from assistant.undo import ASKING, undo
from devices.state import DeviceState

if TYPE_CHECKING:
    from assistant.hear.stt import HeardWord

YES = {"yes", "yeah", "yep", "yup", "sure", "confirm", "confirmed", "correct", "affirmative", "absolutely", "yea", "ya",
       "yeh", "yah", "yess"}  # typed or heard short: "yea", "ya" (never a lone letter: "k" may be noise)
AGREEING = YES | {"ok", "okay", "alright", "fine", "course", "do", "go", "definitely", "certainly"}  # "go on"
COURTESY = {"please", "thanks", "thank", "you", "it", "ahead", "on", "of", "then", "thing", "i", "am", "that", "s",
            "right"}  # "yes that's right", "go ahead"
NOT_NOW = {"not", "now", "yet", "really", "today", "thanks", "thank", "you"}  # "not now", "not yet": a no
# "yes, and lock the back door": what was asked is done, and the rest is a sentence of its own
YES_AND = re.compile(r"\s*(?:yes|yeah|yep|yup|sure|ok|okay|go ahead|do it)\b[\s,]*(?:and|then|also|plus)\b(.+)",
                     re.IGNORECASE)
NO = {"no", "noo", "nope", "nah", "naw", "nay", "cancel", "stop", "abort", "negative", "never"}
NO_THEN = re.compile(r"\s*(?:no|nope|nah)\b[\s,.!]*(.+)", re.IGNORECASE)  # "no, lock it": a no, then a command
# words that put a condition on a yes: a negation, an exclusion, a correction, a time
QUALIFIERS = (NEGATIONS | {w for p in (*EXCLUSIONS, *CORRECTIONS) for w in p} | CONDITION_WORDS | LATER_WORDS
              | TIME_UNITS | {"but", "only", "just", "instead", "except"})


@dataclass
class Outcome:
    """Everything one command produced; `to_dict` is the `--json` form."""

    text: str
    understanding: Understanding
    results: list[CallResult] | None
    answer: str
    timings_ms: dict[str, float] = field(default_factory=dict)
    awaiting: list[ToolCall] = field(default_factory=list)  # held until the user says yes

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "text": self.text,
            "calls": [c.to_dict() for c in self.understanding.calls],
            "words": [" ".join(c.words) for c in self.understanding.calls],  # per call: the words it was built from
            "results": [r.to_dict() for r in self.results] if self.results is not None else [],
            "answer": self.answer,
            "path": self.understanding.path,
            "timings_ms": {k: round(v, 3) for k, v in self.timings_ms.items()},
        }
        if self.awaiting:
            out["awaiting_confirmation"] = [c.to_dict() for c in self.awaiting]
        return out


def yes_or_no(text: str) -> bool | None:
    """True for a yes, False for a no, None for anything else (which is then a new command). A yes said with a
    condition on it ("yes but not the heater", "yes in ten minutes", "sure, only the lamp") or with more than
    politeness ("yes the back door", asked about the front door) is no plain yes: what was asked is not what it
    agrees to, so it is not done."""
    text = text.lower().replace("why not", "yes").replace("go for it", "yes")  # "sure, why not"
    said = normalize(text)
    words = set(said)
    heard = re.findall(r"[a-z]+", text)
    if words & NO or {"do", "not"} <= words or (heard[:1] == ["not"] and set(heard) <= NOT_NOW) or (
            heard[-1:] == ["not"] and set(heard) <= AGREEING | COURTESY | {"not"}):  # "not yet", "absolutely not"
        return False
    if any(t in QUALIFIERS or as_number(t) is not None for t in said):
        return None
    if set(heard) & AGREEING and set(heard) <= AGREEING | COURTESY:
        return True
    return None


@dataclass
class _Pending:
    calls: list[ToolCall]
    expires: float
    asked: str = ""  # the question, said again to "what?" or "hang on"


@dataclass
class _Reply:
    """What is said while a question waits for its yes or no (`Assistant._reply`)."""

    settled: Understanding | None = None  # a plain yes or no: what was asked done, or not
    granted: list[ToolCall] = field(default_factory=list)  # agreed to with more said ("yes, and …")
    unanswered: list[ToolCall] = field(default_factory=list)  # neither agreed to nor refused: "and the back door"
    # adds to it
    said: str = ""  # what is understood anew: the whole, "…" of "yes, and …", the command of "no, lock it"
    declined: str | None = None  # "Okay, I won't unlock the front door.", said before the command of "no, lock it"


@dataclass
class _Done:
    """What the last command did: its calls, each device's state just before (what a correction puts back), and the
    jobs its calls for later became (what a correction cancels)."""

    calls: list[ToolCall]
    before: dict[str, DeviceState | None]
    jobs: dict[ToolCall, int]  # by the call without its time, as the store keeps it


class Assistant:
    """The text pipeline; the bridge is optional so a dry run needs no broker."""

    def __init__(self, registry: Registry, understander: Understander, bridge: MqttBridge | None,
                 safety: SafetySettings | None = None, events: EventSettings | None = None,
                 planner: Planner | None = None) -> None:
        self.registry = registry
        self.understander = understander
        self.bridge = bridge
        self.safety = safety or SafetySettings()
        self.events = events or EventSettings()
        self.planner = planner or Planner()  # its store (in the state directory) opens on the first timer
        self._pending: _Pending | None = None
        self._done: _Done | None = None
        # a correction's own calls, before its undo was merged in, and the states from before what it corrects
        self._carry: tuple[list[ToolCall], dict[str, DeviceState | None]] | None = None
        self._timers_asked: tuple[list[Job], float] | None = None  # "Which timer: …?" and until when it is answered

    @classmethod
    def from_config(cls, config: Config, understander: Understander, bridge: MqttBridge | None,
                    planner: Planner | None = None) -> Assistant:
        return cls(understander.registry, understander, bridge, config.safety, config.events,
                   planner or Planner(config.location))

    def handle(self, text: str, dry_run: bool = False, confirmed: bool = False,
               heard: tuple[HeardWord, ...] | None = None) -> Outcome:
        """`heard`: `text` is a transcript, these its words (with their probabilities, where the recogniser gives
        them): its questions lost their "?", and its words may be misheard (`heard_as_said`)."""
        self._carry = None
        timers, self._timers_asked = self._timers_asked, None
        if timers is not None and time.monotonic() < timers[1]:  # "Which timer: …?" … "the pasta one"
            picked = _timers_picked(normalize(text), timers[0])
            if picked is not None:
                return self._cancel_timers(text, picked, dry_run)
        pending, self._pending = self._pending, None
        if pending is not None and time.monotonic() < pending.expires and holds(text):  # "what?", "hang on": the
            self._pending = dataclasses.replace(  # question stands, said again (and its answer awaited)
                pending, expires=time.monotonic() + self.safety.confirmation_window_s)
            return self._act(text, Understanding(text, [], pending.asked, "confirmation"), dry_run,
                             {"understand": 0.0}, pending.calls)
        reply = _Reply(said=text)  # no question pending: all of it is said anew
        if pending is not None and time.monotonic() < pending.expires:
            reply = self._reply(text, pending)
            if reply.settled is not None:
                return self._act(text, reply.settled, dry_run, {"understand": 0.0}, [])
        granted, unanswered, said, declined = reply.granted, reply.unanswered, reply.said, reply.declined
        understanding = self.understander.understand(said, self._playing())
        if heard is not None:
            understanding = heard_as_said(understanding, self.registry, heard)
        understanding.calls = [*granted, *(c for c in understanding.calls if c not in granted)]
        timings = {"understand": understanding.ms}
        put_back = self._put_back(understanding, dry_run)
        refused = [c for c in understanding.calls
                   if self.safety.allow is not None and c.device and c.device not in self.safety.allow]
        held = [c for c in understanding.calls if c not in refused and c not in granted and not confirmed
                and c.device and self._risky(c)]
        if held and unanswered and adds(normalize(said)) and {c.tool for c in held} <= {c.tool for c in unanswered}:
            held = [*unanswered, *(c for c in held if c not in unanswered)]  # "Unlock the front door?" … "and the
            # back door": both asked, in one question
        replies = [understanding.reply] if understanding.reply else []
        which = self._which_timer(understanding.calls, dry_run)
        if which:  # "cancel the timer" with two running: which one, never both (the answer needs no wake word)
            understanding.calls = [c for c in understanding.calls if c.tool != "cancel_timer"]
            replies.append(which)
            understanding.asks = True
        replies += put_back
        replies += [f"I'm not allowed to control the {spoken_name(self.registry[c.device], self.registry)}."
                    for c in refused]
        asked = self._asked(held) if held else ""
        if held:
            replies.append(asked)
        # what the understanding was unsure of ("Did you mean: …?", asked in its reply) waits for the same yes
        unsure = [c for c in understanding.unsure if self.safety.allow is None or c.device in self.safety.allow]
        held += unsure
        if held:
            asked = asked or did_you_mean(unsure, self.registry)
            self._pending = _Pending(held, time.monotonic() + self.safety.confirmation_window_s, asked)
        understanding.calls = [c for c in understanding.calls if c not in refused and c not in held]
        understanding.reply = " ".join(replies) if replies else None
        outcome = self._act(text, understanding, dry_run, timings, held)
        outcome.answer = f"{declined} {outcome.answer}".strip() if declined else outcome.answer  # said first
        return outcome

    def _asked(self, held: list[ToolCall]) -> str:
        """The question that holds these calls for a yes ("Unlock the back door and unlock the front door? Please say
        yes or no.")."""
        actions = " and ".join(_question(c, spoken_name(self.registry[c.device], self.registry),
                                         opens(c, self._position(c))) for c in held)
        return f"{actions[0].upper()}{actions[1:]}? Please say yes or no."

    def _reply(self, text: str, pending: _Pending) -> _Reply:
        """What `text`, said while `pending` awaits its yes or no, says of it."""
        also = YES_AND.match(text)
        if also and QUALIFIERS & set(normalize(also.group(1))):
            also = None  # "yes and not the heater", "yes and in ten minutes": about what was asked, not plain
        answer = None if also else yes_or_no(text)
        if answer is False and self.understander.corrects(text):  # "no, the back door": the question corrected
            answer = None
        then = NO_THEN.match(text) if answer is False else None
        rest = normalize(then.group(1)) if then else []
        said, declined = text, None
        if len(rest) > 1 and any(verb_of(t) for t in rest):  # "no, lock it": refused, then a command ("no, stop"
            # is a no)
            answer, said = None, then.group(1)
            declined = "Okay, I won't " + " and ".join(  # "Okay, I won't unlock the front door."
                _question(c, spoken_name(self.registry[c.device], self.registry), opens(c, self._position(c)))
                for c in pending.calls) + "."
        if answer is not None:
            return _Reply(settled=Understanding(text, pending.calls if answer else [],
                                                None if answer else "Okay, I won't.", "confirmation"))
        return _Reply(granted=pending.calls if also else [], unanswered=[] if also or declined else pending.calls,
                      said=also.group(1) if also else said, declined=declined)

    def _which_timer(self, calls: list[ToolCall], dry_run: bool) -> str | None:
        """ "cancel the timer", "stop it" with more than one timer running: the question which (remembered, for
        its answer); None when the sentence names one, says every one ("all the timers", "both") or none runs."""
        if dry_run or self.bridge is None or not any(
                c.tool == "cancel_timer" and c.name is None and not every_timer(c.words) for c in calls):
            return None
        timers = self.planner.store.pending("timer")
        if len(timers) < 2:
            return None
        self._timers_asked = (timers, time.monotonic() + FOLLOW_UP_S)
        return f"Which timer: {' or '.join(t.label for t in timers)}?"

    def _cancel_timers(self, text: str, timers: list[Job], dry_run: bool) -> Outcome:
        """The answer to "Which timer: …?": those timers cancelled (none: "neither")."""
        if timers and not dry_run:
            self.planner.store.cancel([t.id for t in timers], time.time())
        labels = [t.label for t in timers]
        reply = f"Okay, I cancelled {' and '.join(labels)}." if timers else REFUSED
        return self._act(text, Understanding(text, [], reply, "rules"), dry_run, {"understand": 0.0}, [])

    def _playing(self) -> frozenset[str]:
        """The media players making sound, as they last reported (playing, else switched on): what "pause the
        music" means where there are several. None known without a bridge."""
        if self.bridge is None:
            return frozenset()
        states = {d.id: self.bridge.state(d.id) for d in self.registry if d.type == "media_player"}
        playing = {i for i, s in states.items() if s is not None and s.playing and s.on is not False}
        return frozenset(playing or {i for i, s in states.items() if s is not None and s.on})

    def _put_back(self, understanding: Understanding, dry_run: bool) -> list[str]:
        """A correction ("no, the reading lamp") undoes what the command it corrects did, with the corrected calls
        (or, asked yes or no, with them after the yes); what cannot be put back is said. The sentences to answer."""
        done = self._done
        taken = [c for c in understanding.taken_back if done is not None and c in done.calls]
        undoing = bool(understanding.taken_back) and not understanding.calls and not understanding.unsure  # "undo"
        if done is None or not taken:
            return [NOTHING_TO_UNDO] if undoing else []
        asked = not understanding.calls and not undoing
        if not asked:  # a correction of this one takes back what was said, from how things were before the first
            self._carry = (list(understanding.calls), {c.device: done.before.get(c.device) for c in taken})
        fixed = undo(taken, understanding.unsure if asked else understanding.calls, done.before, self.registry)
        heard = tuple(t for t in normalize(understanding.text) if t != CLAUSE_BREAK)  # what put back was built from:
        # the correction ("--json")
        fixed.calls = [c if c.words else dataclasses.replace(c, words=heard) for c in fixed.calls]
        if asked:
            understanding.unsure = fixed.calls
        else:
            understanding.calls = fixed.calls
        said: list[str] = []
        if fixed.unknown:
            names = list(dict.fromkeys(f"the {spoken_name(self.registry[c.device], self.registry)}"
                                       for c in fixed.unknown))
            who = " and ".join(names)  # "the tv and the kettle", "the counter lights": plural
            said.append(f"I don't know how {who} {be(who, past=True)} before, so I left {it(who)} as {they(who)} "
                        f"{be(who)}.")
        cancelled = [c for c in fixed.later if dry_run or _plain(c) in done.jobs]
        if cancelled and not dry_run and not asked:
            self.planner.store.cancel([done.jobs[_plain(c)] for c in cancelled], time.time())
        said += [self._cancelled(c) for c in cancelled]
        if undoing and not fixed.calls and not said:
            said.append("It was already like that before.")
        return said

    def _cancelled(self, call: ToolCall) -> str:
        """What a correction or "undo" cancelled, said: "I won't turn off the tv in 10 minutes."."""
        if call.tool == "start_timer":
            return f"I cancelled the {call.name} timer." if call.name else \
                f"I cancelled the timer for {spoken_duration(float(call.value or 0))}."
        return f"I won't {call.imperative(spoken_name(self.registry[call.device], self.registry))}."

    def _risky(self, call: ToolCall) -> bool:
        return self.registry[call.device].needs_confirmation(call, self._position(call))

    def _position(self, call: ToolCall) -> float | None:
        """The cover's reported position now; None without a bridge or a report."""
        state = self.bridge.state(call.device) if self.bridge is not None else None
        return state.position if state is not None else None

    def _act(self, text: str, understanding: Understanding, dry_run: bool, timings: dict[str, float],
             held: list[ToolCall]) -> Outcome:
        results: list[CallResult] | None = None
        now = [c for c in understanding.calls if c.device and not c.later]
        planned: list[str] = []
        before: dict[str, DeviceState | None] = {}
        jobs: dict[ToolCall, int] = {}
        if not dry_run and self.bridge is not None:
            started = time.perf_counter()
            before = {c.device: self.bridge.state(c.device) for c in now}
            results = self.bridge.execute(now) if now else []
            for topic, payload in understanding.publishes:  # a custom command's messages ("feed the cat")
                self.bridge.publish(topic, payload)
            later = [c for c in understanding.calls if c not in now]
            planned_before = {j.id for j in self.planner.store.pending()} if later else set()
            planned = self.planner.plan(later, self.registry, self.understander.area)  # the room: where a timer's
            jobs = {j.call or ToolCall("start_timer", "", j.seconds, name=j.name): j.id  # end is announced
                    for j in self.planner.store.pending() if j.id not in planned_before} if later else {}
            timings["act"] = (time.perf_counter() - started) * 1000
        if any(c.tool not in ASKING for c in understanding.calls):  # what a correction of it puts back: what was
            # done (a dry run: what would be)
            failed = {r.call.device for r in results or [] if not r.ok}
            said, earlier = self._carry or (understanding.calls, {})
            self._done = _Done([c for c in said if c.device not in failed], {**before, **earlier}, jobs)
        self._carry = None
        started = time.perf_counter()
        answer = " ".join(s for s in (compose(understanding, results, self.registry), *planned) if s)
        timings["answer"] = (time.perf_counter() - started) * 1000
        outcome = Outcome(text, understanding, results, answer, timings, held)
        if results is not None and self.bridge is not None and understanding.calls:
            self._publish_events(outcome)
        return outcome

    def _publish_events(self, outcome: Outcome) -> None:
        assert self.bridge is not None
        area = self.understander.area
        if self.events.topic:
            self.bridge.publish(self.events.topic, intent_event(outcome.to_dict(), area))
        if self.events.hermes:
            for call in outcome.understanding.calls:
                self.bridge.publish(*hermes_intent(outcome.text, call, area))


def _question(call: ToolCall, name: str, opening: bool) -> str:
    """The held call said back as a question: "open the garage door by 50 percent"."""
    if call.tool in ("set_position", "step_position") and isinstance(call.value, int | float):
        verb = "open" if opening else "close"
        return (f"{verb} the {name} to {call.value:g} percent" if call.tool == "set_position" else
                f"{verb} the {name} by {abs(call.value):g} percent")
    return call.imperative(name)


def _timers_picked(tokens: list[str], timers: list[Job]) -> list[Job] | None:
    """The timers an answer to "Which timer: …?" picks: by its name or length ("the pasta one", "the 10 minute
    timer"), its place in the question ("the first one"), both, or none ("neither"); None when it is no answer."""
    said = [t for t in tokens if t != CLAUSE_BREAK]
    if refuses(said):
        return []
    words = set(said) - TIMER_STOPS - TIMER_WORDS - {"the", "1", "ones", "please", "of", "them", "one", "just"}
    places = [ORDINALS[w] for w in words if w in ORDINALS]
    if words and words <= ALL_OF_THEM:
        return timers
    if len(places) == 1 and words == {w for w in words if w in ORDINALS} and -len(timers) <= places[0] < len(timers):
        return [timers[places[0]]]
    named = [t for t in timers if words and words == set(normalize(t.label)) - {"the"} - TIMER_WORDS]
    return named if len(named) == 1 else None


def _plain(call: ToolCall) -> ToolCall:
    """The call without its time: how the schedule's store keeps a call for later (a timer: with its name)."""
    return ToolCall(call.tool, call.device, call.value, name=call.name)
