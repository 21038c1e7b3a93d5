"""The schedule: timers end on time and are announced, jobs survive a crash and a restart (none lost, none
run twice), a job too late is announced, not run, and sunset is where the home is."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import wait_until

from assistant.config import ConfigError, Location, load_config
from assistant.registry import Registry
from assistant.schedule.planner import NOT_RUNNING, Planner
from assistant.schedule.runner import Announcement, Runner
from assistant.schedule.store import Job, JobStore
from assistant.schedule.times import NotSchedulable, due_at
from assistant.tools import ToolCall

ROOT = Path(__file__).resolve().parent.parent
HOME = load_config(None).registry()


class Clock:
    """Time moved by hand."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _runner(store: JobStore, clock: Clock, said: list[Announcement], done: list[Job] | None = None) -> Runner:
    def execute(job: Job) -> str | None:
        (done if done is not None else []).append(job)
        return None

    return Runner(store, execute, said.append, clock)


def test_a_timer_ends_within_a_second_of_its_time_and_is_announced_in_its_room(tmp_path: Path) -> None:
    clock, said = Clock(), []
    store = JobStore(tmp_path / "s.db")
    planner = Planner(store=store, clock=clock)
    planner.plan([ToolCall("start_timer", "", 600.0, name="pasta")], HOME, room="kitchen")
    runner = _runner(store, clock, said)
    clock.now += 599.5
    assert runner.tick() == [] and said == []
    clock.now += 0.5
    assert [j.name for j in runner.tick()] == ["pasta"]
    assert [(a.text, a.room) for a in said] == [("The pasta timer is done.", "kitchen")]
    clock.now += 10
    assert runner.tick() == [] and len(said) == 1  # said once


def test_a_timer_on_the_real_clock_ends_within_a_second(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "s.db")
    ended: list[float] = []
    runner = Runner(store, lambda job: None, lambda a: ended.append(time.time())).start()
    try:
        Planner(store=store).plan([ToolCall("start_timer", "", 1.0)], HOME)
        due = store.pending("timer")[0].due
        assert wait_until(lambda: ended, timeout=5)
        assert 0 <= ended[0] - due < 1.0
    finally:
        runner.stop()


def test_how_long_is_left_and_cancel_the_timer(tmp_path: Path) -> None:
    clock = Clock()
    planner = Planner(store=JobStore(tmp_path / "s.db"), clock=clock)
    assert planner.plan([ToolCall("get_timers", "")], HOME) == ["There is no timer running."]
    planner.plan([ToolCall("start_timer", "", 480.0, name="pasta")], HOME)
    planner.plan([ToolCall("start_timer", "", 600.0)], HOME)
    clock.now += 72
    assert planner.plan([ToolCall("get_timers", "")], HOME) == [
        "The pasta timer has 6 minutes and 48 seconds left; the 10 minute timer has 8 minutes and 48 seconds left."]
    assert planner.plan([ToolCall("cancel_timer", "", name="eggs")], HOME) == ["There is no eggs timer."]
    assert planner.plan([ToolCall("cancel_timer", "", name="pasta")], HOME) == ["Okay, I cancelled the pasta timer."]
    assert planner.plan([ToolCall("cancel_timer", "")], HOME) == ["Okay, I cancelled the 10 minute timer."]
    assert planner.plan([ToolCall("get_timers", "")], HOME) == ["There is no timer running."]


def test_a_call_for_later_is_stored_with_its_time_and_said_back(tmp_path: Path) -> None:
    clock = Clock()
    store = JobStore(tmp_path / "s.db")
    planner = Planner(store=store, clock=clock)
    assert planner.plan([ToolCall("turn_off", "tv", delay_s=1200.0)], HOME, room="living room") == [
        "Okay, in 20 minutes I'll turn off the tv.", NOT_RUNNING]
    job, = store.pending()
    assert (job.call, job.due, job.room) == (ToolCall("turn_off", "tv"), clock.now + 1200, "living room")
    runner = _runner(store, clock, [])
    runner.recover()  # a runner is alive now: no need to say the service must run
    assert planner.plan([ToolCall("turn_on", "porch_light", delay_s=60.0)], HOME) == [
        "Okay, in 1 minute I'll turn on the porch light."]


def test_a_clock_time_is_the_next_one_and_sunset_is_where_the_home_is() -> None:
    now = time.time()
    at = due_at(ToolCall("turn_on", "thermostat", at="07:30"), now, None)
    assert 0 < at - now <= 86400 and time.strftime("%H:%M", time.localtime(at)) == "07:30"
    with pytest.raises(NotSchedulable, match="add location:"):
        due_at(ToolCall("turn_on", "porch_light", at="sunset"), now, None)
    sunset = due_at(ToolCall("turn_on", "porch_light", at="sunset"), now, Location(51.48, 0.0))  # Greenwich
    sunrise = due_at(ToolCall("turn_on", "porch_light", at="sunrise"), now, Location(51.48, 0.0))
    assert 0 < sunset - now < 86400 + 600 and 0 < sunrise - now < 86400 + 600 and abs(sunset - sunrise) > 3600


def test_the_homes_location_is_read_from_the_config_with_file_line_key_errors(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    devices = "devices:\n  - {id: lamp, name: lamp, area: hall, type: light}\n"
    path.write_text(devices + "location: {latitude: 52.37, longitude: 4.89}\n")
    assert load_config(path).location == Location(52.37, 4.89)
    path.write_text(devices + "location:\n  latitude: 95\n  longitude: 4.89\n")
    with pytest.raises(ConfigError, match=r"config.yaml:4: location.latitude: expected a number from -90 to 90"):
        load_config(path)
    path.write_text(devices + "location: {latitude: 52.37}\n")
    with pytest.raises(ConfigError, match=r"config.yaml:3: location: longitude: missing"):
        load_config(path)


def test_a_job_later_than_the_grace_is_announced_not_run(tmp_path: Path) -> None:
    clock, said, done = Clock(), [], []
    store = JobStore(tmp_path / "s.db")
    Planner(store=store, clock=clock).plan([ToolCall("turn_off", "tv", delay_s=60.0)], HOME)
    clock.now += 60 + 600  # the service was stopped for ten minutes
    runner = _runner(store, clock, said, done)
    runner.tick()
    assert done == [] and store.jobs()[0].state == "missed"
    assert said[0].text.startswith("While I was not running, I did not turn off the tv at ")


def test_a_job_a_crash_interrupted_is_announced_and_never_run_again(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "s.db")
    Planner(store=store).plan([ToolCall("unlock", "front_door", delay_s=1.0)], HOME)
    time.sleep(1.0)
    claim = textwrap.dedent(f"""
        import os, time
        from pathlib import Path
        from assistant.schedule.store import JobStore
        store = JobStore(Path({str(tmp_path / 's.db')!r}))
        store.heartbeat("gone", time.time())
        assert store.claim("gone", time.time()) is not None
        os.kill(os.getpid(), 9)  # killed between claiming and finishing
    """)
    subprocess.run([sys.executable, "-c", claim], cwd=ROOT, check=False)
    said, done = [], []
    runner = _runner(store, Clock(time.time()), said, done)
    skipped = runner.recover()
    runner.tick()
    assert [j.said for j in skipped] == ["unlock the front door"] and done == []
    assert store.jobs()[0].state == "skipped"
    assert said[0].text.startswith("I was stopped while doing this, so it may not have happened: unlock the front door")


RUNNER = textwrap.dedent("""
    import os, signal, sys, time, threading
    from pathlib import Path
    from assistant.schedule.runner import Runner
    from assistant.schedule.store import JobStore

    log = open(sys.argv[2], "a")

    def execute(job):
        log.write(f"{job.id}\\n")  # the device action: written and on disk before the job is recorded done
        log.flush()
        os.fsync(log.fileno())
        time.sleep(0.01)
        return None

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    runner = Runner(JobStore(Path(sys.argv[1])), execute, lambda a: print(a.text, flush=True)).start()
    print("running", flush=True)
    stop.wait()
    runner.stop()
""")


def _start_runner(tmp_path: Path) -> subprocess.Popen[str]:
    """A runner process; it prints what it announces (a job a crash interrupted) before "running"."""
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(tmp_path / "s.db"), str(tmp_path / "ran.log")],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "running":
            return proc
        assert line.startswith("I was stopped while doing this"), line
    raise AssertionError("the runner exited before running")


def test_100_scheduled_commands_survive_a_sigkill_a_sigterm_and_restarts_none_lost_none_run_twice(
        tmp_path: Path) -> None:
    store = JobStore(tmp_path / "s.db")
    planner = Planner(store=store)
    start = time.time()
    for i in range(100):  # due over the next 4 s, while the runner is killed, stopped and restarted
        planner.plan([ToolCall("turn_on" if i % 2 else "turn_off", "tv", delay_s=0.5 + i * 0.035)], HOME)
    first = _start_runner(tmp_path)
    assert wait_until(lambda: len(store.pending()) < 80, timeout=10)
    first.send_signal(signal.SIGKILL)  # a crash, mid-run
    first.wait()
    second = _start_runner(tmp_path)
    assert wait_until(lambda: len(store.pending()) < 40, timeout=10)
    second.send_signal(signal.SIGTERM)  # systemctl stop: the job in hand is finished first
    assert second.wait(timeout=15) == 0
    third = _start_runner(tmp_path)
    try:
        assert wait_until(lambda: not store.pending(), timeout=15)
    finally:
        third.send_signal(signal.SIGTERM)
        third.wait(timeout=15)
    ran = [int(line) for line in (tmp_path / "ran.log").read_text().split()]
    jobs = store.jobs()
    states = {j.id: j.state for j in jobs}
    assert len(jobs) == 100 and time.time() - start < 60
    assert len(ran) == len(set(ran)), "a job ran twice"
    assert set(states.values()) <= {"done", "skipped"}, states
    skipped = [i for i, s in states.items() if s == "skipped"]
    assert len(skipped) <= 1, "only a job in hand at the SIGKILL may be left unfinished"
    assert {i for i, s in states.items() if s == "done"} <= set(ran), "a job recorded done never ran"
    assert set(ran) <= set(states), "a job ran that was never scheduled"


def test_say_is_told_whether_a_service_runs_the_schedule(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "s.db")
    assert not store.runner_alive(time.time())
    runner = Runner(store, lambda job: None, lambda a: None).start()
    try:
        assert store.runner_alive(time.time())
    finally:
        runner.stop()
    assert not store.runner_alive(time.time())


def test_jobs_added_by_another_process_are_seen_by_the_running_service(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "s.db")
    said: list[Announcement] = []
    ready = threading.Event()
    runner = Runner(store, lambda job: None, lambda a: (said.append(a), ready.set())).start()
    try:
        add = (f"from pathlib import Path; from assistant.schedule.planner import Planner; "
               f"from assistant.schedule.store import JobStore; from assistant.tools import ToolCall; "
               f"from assistant.config import load_config; Planner(store=JobStore(Path({str(tmp_path / 's.db')!r})))"
               f".plan([ToolCall('start_timer', '', 1.0, name='tea')], load_config(None).registry())")
        subprocess.run([sys.executable, "-c", add], cwd=ROOT, check=True)
        assert ready.wait(5)
        assert said[0].text == "The tea timer is done."
    finally:
        runner.stop()


def test_the_registry_accepts_timer_calls_without_a_device() -> None:
    registry = Registry(HOME)
    assert registry.accepts(ToolCall("start_timer", "", 600.0))
    assert not registry.accepts(ToolCall("start_timer", "", 0.0))
    assert registry.accepts(ToolCall("cancel_timer", "", name="pasta"))
    assert not registry.accepts(ToolCall("get_timers", "tv"))
