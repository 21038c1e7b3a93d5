"""Scheduled commands and timers, kept in SQLite so they survive a restart, a crash or a power cut.

Each job runs at most once. A runner claims a job in a transaction before running it (so two runners never
both run it) and records it done afterwards. A job found claimed but not done, by a runner that is gone (the
process was killed mid-job), may or may not have reached its device: it is never run again, it is marked
`skipped` and announced, because running a device action twice ("unlock", "volume up") can be worse than
not at all. The window is the few milliseconds to a few seconds a device takes to confirm.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.state import state_dir
from assistant.tools import ToolCall

STORE_NAME = "schedule.sqlite3"
HEARTBEAT_S = 2.0  # how often a runner says it is alive; `say` tells the user when none is
_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,                 -- 'timer' or 'call'
    due REAL NOT NULL,                  -- seconds since the epoch
    call TEXT,                          -- the ToolCall's JSON form, for a call
    name TEXT,                          -- a timer's name
    seconds REAL,                       -- a timer's length
    said TEXT NOT NULL,                 -- the job in words: "turn off the tv", "pasta timer"
    room TEXT,                          -- where it was asked: the announcement goes there
    created REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',  -- pending, claimed, done, cancelled, skipped, missed
    claimed_at REAL,
    runner TEXT,
    finished_at REAL,
    outcome TEXT
);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, due);
CREATE TABLE IF NOT EXISTS runners (id TEXT PRIMARY KEY, pid INTEGER NOT NULL, host TEXT NOT NULL, seen REAL NOT NULL);
"""


def default_path() -> Path:
    return state_dir() / STORE_NAME


@dataclass(frozen=True)
class Job:
    id: int
    kind: str  # "timer" or "call"
    due: float
    said: str
    room: str | None = None
    call: ToolCall | None = None
    name: str | None = None
    seconds: float | None = None
    state: str = "pending"
    outcome: str | None = None

    @property
    def label(self) -> str:
        """ "the pasta timer", "the 10 minute timer"."""
        if self.name:
            return f"the {self.name} timer"
        minutes = (self.seconds or 0) / 60
        length = f"{minutes:g} minute" if minutes >= 1 and minutes == int(minutes) else f"{self.seconds or 0:g} second"
        return f"the {length} timer"


def _job(row: sqlite3.Row) -> Job:
    call = ToolCall.from_dict(json.loads(row["call"])) if row["call"] else None
    return Job(row["id"], row["kind"], row["due"], row["said"], row["room"], call, row["name"], row["seconds"],
               row["state"], row["outcome"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


@contextlib.contextmanager
def store_for(simulated: bool) -> Iterator[JobStore]:
    """The home's store; for simulated devices a private one that ends with the process, since a service
    running on the real home would carry out whatever is in the real store."""
    if not simulated:
        yield JobStore()
        return
    with tempfile.TemporaryDirectory(prefix="assistant-simulated-") as folder:
        yield JobStore(Path(folder) / STORE_NAME)


class JobStore:
    """The jobs in one SQLite file (WAL: readers never wait for the runner); safe across threads and
    processes, each operation on a connection of its own."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")  # a job recorded is on disk, power cut included
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._db() as db:
            db.execute("BEGIN IMMEDIATE")  # the write lock first: nobody claims between our read and write
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- adding and asking --------------------------------------------------------------------------------
    def add_call(self, call: ToolCall, due: float, said: str, room: str | None = None,
                 now: float | None = None) -> Job:
        """`call` is done at `due` (its own delay or time is dropped: the job's `due` says when)."""
        plain = ToolCall(call.tool, call.device, call.value)
        return self._add("call", due, said, room, now, call=json.dumps(plain.to_dict()))

    def add_timer(self, seconds: float, name: str | None, due: float, room: str | None = None,
                  now: float | None = None) -> Job:
        return self._add("timer", due, f"{name} timer" if name else "timer", room, now, name=name, seconds=seconds)

    def _add(self, kind: str, due: float, said: str, room: str | None, now: float | None, **more: object) -> Job:
        columns = {"kind": kind, "due": due, "said": said, "room": room, "created": time.time() if now is None else now,
                   **more}
        with self._transaction() as db:
            cursor = db.execute(f"INSERT INTO jobs ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                                tuple(columns.values()))
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return _job(row)

    def pending(self, kind: str | None = None) -> list[Job]:
        """Jobs still to run, soonest first."""
        with self._db() as db:
            rows = db.execute("SELECT * FROM jobs WHERE state = 'pending' AND (? IS NULL OR kind = ?) "
                              "ORDER BY due, id", (kind, kind)).fetchall()
        return [_job(r) for r in rows]

    def jobs(self) -> list[Job]:
        """Every job, in the order added (for tests and inspection)."""
        with self._db() as db:
            return [_job(r) for r in db.execute("SELECT * FROM jobs ORDER BY id").fetchall()]

    def next_due(self) -> float | None:
        with self._db() as db:
            row = db.execute("SELECT MIN(due) FROM jobs WHERE state = 'pending'").fetchone()
        return row[0]

    def cancel(self, ids: list[int], now: float) -> int:
        """Cancel these jobs if not yet claimed; how many were."""
        with self._transaction() as db:
            return sum(db.execute("UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE id = ? AND "
                                  "state = 'pending'", (now, i)).rowcount for i in ids)

    # -- running ------------------------------------------------------------------------------------------
    def claim(self, runner: str, now: float) -> Job | None:
        """The next due job, now claimed by `runner`; None when nothing is due."""
        with self._transaction() as db:
            row = db.execute("SELECT * FROM jobs WHERE state = 'pending' AND due <= ? ORDER BY due, id LIMIT 1",
                             (now,)).fetchone()
            if row is None:
                return None
            db.execute("UPDATE jobs SET state = 'claimed', claimed_at = ?, runner = ? WHERE id = ?",
                       (now, runner, row["id"]))
        return _job(row)

    def finish(self, job: Job, state: str, outcome: str, now: float) -> None:
        """Record how a claimed job ended: done, missed (too late to run) or skipped."""
        with self._transaction() as db:
            db.execute("UPDATE jobs SET state = ?, outcome = ?, finished_at = ? WHERE id = ?",
                       (state, outcome, now, job.id))

    def heartbeat(self, runner: str, now: float) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO runners (id, pid, host, seen) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                       "SET seen = excluded.seen", (runner, os.getpid(), os.uname().nodename, now))

    def retire(self, runner: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM runners WHERE id = ?", (runner,))

    def runner_alive(self, now: float) -> bool:
        """Whether some process is running the jobs (a runner seen lately whose process still exists)."""
        with self._db() as db:
            rows = db.execute("SELECT pid, host FROM runners WHERE seen >= ?", (now - 3 * HEARTBEAT_S,)).fetchall()
        return any(host != os.uname().nodename or _alive(pid) for pid, host in rows)

    def recover(self, now: float) -> list[Job]:
        """Jobs claimed by a runner that is gone and never finished: marked skipped (never run again), returned
        so they can be announced. Claims of a live runner (another process) are left alone."""
        with self._transaction() as db:
            live = {r["id"] for r in db.execute("SELECT id, pid, host FROM runners").fetchall()
                    if r["host"] != os.uname().nodename or _alive(r["pid"])}
            rows = [r for r in db.execute("SELECT * FROM jobs WHERE state = 'claimed'").fetchall()
                    if r["runner"] not in live]
            for row in rows:
                db.execute("UPDATE jobs SET state = 'skipped', finished_at = ?, outcome = ? WHERE id = ?",
                           (now, "interrupted while running: not run again", row["id"]))
            for gone in {r["id"] for r in db.execute("SELECT id FROM runners").fetchall()} - live:
                db.execute("DELETE FROM runners WHERE id = ?", (gone,))
        return [_job(r) for r in rows]


def new_runner_id() -> str:
    return f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
