"""What the pipeline does with timers and calls for later: it writes them to the store and says so.

`assistant say` and the service both plan; only a running service (`assistant run`) does the jobs when they
are due, so the answer says so when no service is running.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant.answer.reply import spoken_name
from assistant.config import Location
from assistant.registry import Registry
from assistant.schedule.store import Job, JobStore
from assistant.schedule.times import NotSchedulable, clock_said, due_at
from assistant.tools import SUN_TIMES, ToolCall, spoken_duration

NOT_RUNNING = "The assistant service is not running now; it must be (assistant run) for this to happen."


class Planner:
    """Timers and calls for later into the store; the store is opened when first needed."""

    def __init__(self, location: Location | None = None, store: JobStore | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.location = location
        self.clock = clock
        self._store = store

    @property
    def store(self) -> JobStore:
        if self._store is None:
            self._store = JobStore()
        return self._store

    def plan(self, calls: list[ToolCall], registry: Registry, room: str | None = None) -> list[str]:
        """Store these timer calls and calls for later; the sentences that answer them."""
        now = self.clock()
        sentences: list[str] = []
        later: list[tuple[float, str, str]] = []  # (due, when, what), said together per moment
        for call in calls:
            if call.tool == "start_timer":
                seconds = float(call.value or 0)
                job = self.store.add_timer(seconds, call.name, now + seconds, room, now)
                sentences.append(f"Okay, the {job.name} timer for {spoken_duration(seconds)}, starting now." if job.name
                                 else f"Okay, a {job.label.removeprefix('the ')}, starting now.")
            elif call.tool == "cancel_timer":
                sentences.append(self._cancel(call.name, now))
            elif call.tool == "get_timers":
                sentences.append(self._left(now))
            else:
                try:
                    due = due_at(call, now, self.location)
                except NotSchedulable as exc:
                    sentences.append(str(exc))
                    continue
                said = ToolCall(call.tool, call.device, call.value).imperative(_name(call, registry))
                self.store.add_call(call, due, said, room, now)
                later.append((due, _when(call, due), said))
        for when in dict.fromkeys(w for _, w, _ in later):
            what = " and ".join(s for _, w, s in later if w == when)
            sentences.append(f"Okay, {when} I'll {what}.")
        if (later or any(c.tool == "start_timer" for c in calls)) and not self.store.runner_alive(now):
            sentences.append(NOT_RUNNING)
        return sentences

    def _timers(self, name: str | None) -> list[Job]:
        timers = self.store.pending("timer")
        return [t for t in timers if name is None or (t.name or "") == name] if timers else []

    def _cancel(self, name: str | None, now: float) -> str:
        timers = self._timers(name)
        if not timers:
            return f"There is no {name} timer." if name else "There is no timer running."
        self.store.cancel([t.id for t in timers], now)
        names = [t.label for t in timers]
        return "Okay, I cancelled " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]) \
            + "."

    def _left(self, now: float) -> str:
        timers = self._timers(None)
        if not timers:
            return "There is no timer running."
        parts = [f"{t.label} has {spoken_duration(max(0.0, t.due - now))} left" for t in timers]
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."


def _when(call: ToolCall, due: float) -> str:
    """ "in 20 minutes", "at 7:30 pm", "at sunset, 8:42 pm"."""
    if call.delay_s is not None:
        return f"in {spoken_duration(call.delay_s)}"
    return f"at {call.at}, {clock_said(due)}" if call.at in SUN_TIMES else f"at {clock_said(due)}"


def _name(call: ToolCall, registry: Registry) -> str:
    device = registry.get(call.device)
    return spoken_name(device, registry) if device is not None else call.device
