"""Runs due jobs: the service's thread that turns the tv off in 20 minutes and says when the pasta timer ends.

It looks for due jobs every POLL_S (jobs added by another process, `assistant say`, are seen that soon),
and sooner when one is due, so a timer ends within a fraction of a second of its time. A job found more
than `grace_s` past its time (the service was stopped, the machine asleep) is not run late without a
word: it is marked missed, logged and announced. See store.py for what happens to a job a crash interrupted.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from assistant.act.bridge import MqttBridge
from assistant.answer.reply import compose
from assistant.schedule.store import HEARTBEAT_S, Job, JobStore, new_runner_id
from assistant.schedule.times import clock_said
from assistant.tools import Understanding

log = logging.getLogger(__name__)

POLL_S = 0.2
GRACE_S = 120.0  # a job this late still runs; later than that it is announced as missed instead


@dataclass(frozen=True)
class Announcement:
    """Something to say when a job ends (or news comes late), and the room whose speaker says it (None: here)."""

    text: str
    room: str | None
    job: Job | None = None  # None: not from a job (a command that confirmed after its answer was given)


Execute = Callable[[Job], str | None]  # does a call job; returns a sentence to announce (a failure) or None
Announce = Callable[[Announcement], None]


def on_devices(bridge_of: Callable[[], MqttBridge | None]) -> Execute:
    """Do a call job through the bridge `bridge_of` gives now (the service's changes on a reload); a failure
    is said, success only logged."""

    def execute(job: Job) -> str | None:
        bridge = bridge_of()
        if bridge is None or job.call is None:
            return f"I couldn't {job.said}: not connected to the devices."
        if not bridge.registry.accepts(job.call):  # removed or changed since: the home is not as it was
            return f"I couldn't {job.said}: that device is gone or can't do it any more."
        results = bridge.execute([job.call])
        if all(r.ok for r in results):
            return None
        return f"I couldn't {job.said} as planned. " + compose(Understanding(job.said, [job.call]), results,
                                                                 bridge.registry)

    return execute


class Runner:
    """Runs the store's due jobs on a thread of its own (`start` / `stop`), or one `tick` at a time in tests.

    `clock` gives seconds since the epoch (injectable: tests move time by hand); `announce` is the hook that
    speaks: the service queues it for its speaker, a satellite server can send it to the job's room."""

    def __init__(self, store: JobStore, execute: Execute, announce: Announce,
                 clock: Callable[[], float] = time.time, grace_s: float = GRACE_S) -> None:
        self.store = store
        self.execute = execute
        self.announce = announce
        self.clock = clock
        self.grace_s = grace_s
        self.id = new_runner_id()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._beat = -float("inf")

    def recover(self) -> list[Job]:
        """At start: announce what a crash interrupted (never run again) and say we are running."""
        now = self.clock()
        skipped = self.store.recover(now)
        for job in skipped:
            log.warning("job %d (%s, due %s) was interrupted by a stop or crash while running: not run again",
                        job.id, job.said, clock_said(job.due))
            self._say(f"I was stopped while doing this, so it may not have happened: {job.said} "
                      f"at {clock_said(job.due)}. Please check.", job)
        self.store.heartbeat(self.id, now)
        return skipped

    def tick(self) -> list[Job]:
        """Run every job due now; the jobs run (or found missed)."""
        ran: list[Job] = []
        while not self._stop.is_set():
            now = self.clock()
            if now - self._beat >= HEARTBEAT_S:
                self.store.heartbeat(self.id, now)
                self._beat = now
            job = self.store.claim(self.id, now)
            if job is None:
                return ran
            self._run(job, now)
            ran.append(job)
        return ran

    def _run(self, job: Job, now: float) -> None:
        late = now - job.due
        if late > self.grace_s:
            log.warning("job %d (%s) was due at %s, %.0f s ago, while nothing ran the schedule: not run late",
                        job.id, job.said, clock_said(job.due), late)
            self.store.finish(job, "missed", f"{late:.0f} s late", self.clock())
            what = f"{job.label} ended" if job.kind == "timer" else f"I did not {job.said}"
            self._say(f"While I was not running, {what} at {clock_said(job.due)}.", job)
            return
        if job.kind == "timer":
            self.store.finish(job, "done", "announced", self.clock())  # before speaking: never said twice
            log.info("%s is done (%.2f s after its time)", job.label, max(0.0, late))
            self._say(f"{job.label[0].upper()}{job.label[1:]} is done.", job)
            return
        try:
            failure = self.execute(job)
        except Exception as exc:  # a broken job must not stop the others
            log.exception("job %d (%s) failed", job.id, job.said)
            failure = f"I couldn't {job.said}: {exc}."
        self.store.finish(job, "done", failure or "ok", self.clock())
        log.info("scheduled: %s (%s)", job.said, failure or "done")
        if failure:
            self._say(failure, job)

    def _say(self, text: str, job: Job) -> None:
        try:
            self.announce(Announcement(text, job.room, job))
        except Exception:
            log.exception("could not announce %r", text)

    # -- the thread ----------------------------------------------------------------------------------------
    def start(self) -> Runner:
        self.recover()
        self._thread = threading.Thread(target=self._loop, name="schedule", daemon=True)
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
                due = self.store.next_due()
            except Exception:  # the disk, a locked file: log, keep going
                log.exception("the schedule could not be read; trying again")
                due = None
            wait = POLL_S if due is None else min(POLL_S, max(0.0, due - self.clock()))
            self._stop.wait(wait)

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the job in hand (a device call is bounded by its confirmation timeout), then stop."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        try:
            self.store.retire(self.id)
        except Exception:
            log.exception("could not retire the schedule runner")
