"""Timers and commands for later, as said: the calls they become, what is refused or asked, and a command for
later that is not sent now and reaches the device at its time."""

from __future__ import annotations

import dataclasses
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import unique, wait_until

from assistant.act.bridge import MqttBridge
from assistant.config import BrokerSettings, load_config
from assistant.pipeline import Assistant
from assistant.registry import Registry
from assistant.schedule.planner import Planner
from assistant.schedule.runner import Runner, on_devices
from assistant.schedule.store import JobStore
from assistant.understand.rules import RuleMatcher
from assistant.understand.understander import Understander
from assistant.understand.when import ASK_HOW_LONG, ASK_WHEN, CONDITION, DAYS, DURATION, ONE_TIME, PART_LATER
from devices.simulator import SimulatedHome

ROOT = Path(__file__).resolve().parent.parent


def said(rules: RuleMatcher, text: str) -> list[dict[str, object]]:
    return [c.to_dict() for c in rules.match(text).calls]


def test_timers_are_started_named_asked_about_and_cancelled(rules: RuleMatcher) -> None:
    assert said(rules, "set a timer for ten minutes") == [{"tool": "start_timer", "seconds": 600}]
    assert said(rules, "set a pasta timer for 8 minutes") == [{"tool": "start_timer", "seconds": 480, "name": "pasta"}]
    assert said(rules, "start a timer for an hour and a half") == [{"tool": "start_timer", "seconds": 5400}]
    assert said(rules, "set a timer for 10 minutes for the eggs") == [
        {"tool": "start_timer", "seconds": 600, "name": "eggs"}]
    for question in ("how long is left", "how long is left on the pasta timer", "how much time is left",
                     "what's left on the timer"):
        assert said(rules, question) == [{"tool": "get_timers"}], question
    assert said(rules, "cancel the timer") == [{"tool": "cancel_timer"}]
    assert said(rules, "stop the pasta timer") == [{"tool": "cancel_timer", "name": "pasta"}]
    asked = rules.match("set a timer")
    assert asked.calls == [] and asked.replies == [ASK_HOW_LONG]


@pytest.mark.parametrize("sentence", ["stop asking me to timer 5 mins", "you shouldn't timer 5 minutes",
                                      "my wife likes to timer 10 minutes", "can my son timer 5 minutes",
                                      "I'd rather you didn't timer 5 minutes", "never timer 20 minutes again"])
def test_a_timer_said_as_the_verb_inside_a_frame_is_neither_started_nor_cancelled(rules: RuleMatcher,
                                                                                  sentence: str) -> None:
    assert said(rules, sentence) == []


@pytest.mark.parametrize(("sentence", "seconds"), [("timer 5 minutes", 300), ("can you timer 5 minutes", 300),
                                                   ("i want you to timer 10 minutes", 600),
                                                   ("let us timer 10 minutes", 600)])
def test_a_timer_said_as_the_verb_of_a_request_starts(rules: RuleMatcher, sentence: str, seconds: int) -> None:
    assert said(rules, sentence) == [{"tool": "start_timer", "seconds": seconds}]


@pytest.mark.parametrize(("timer", "command", "reply"), [
    ("set a timer for 10 minutes, just kidding", "turn off the tv, just kidding", "Okay, I won't."),
    ("cancel the pasta timer, no wait, never mind", "lock the front door, no wait, never mind", "Okay, I won't."),
    ("start a 5 minute timer, or don't, whatever", "open the blinds, or don't, whatever", "Should I do it, or not?"),
])
def test_a_timer_taken_back_is_answered_as_a_device_command_taken_back(rules: RuleMatcher, timer: str, command: str,
                                                                       reply: str) -> None:
    for sentence in (timer, command):
        result = rules.match(sentence)
        assert (result.calls, result.held, result.replies) == ([], [], [reply]), sentence


def test_a_command_for_later_carries_its_delay_or_its_clock_time(rules: RuleMatcher) -> None:
    assert said(rules, "turn off the tv in 20 minutes") == [{"tool": "turn_off", "device": "tv", "delay_s": 1200}]
    assert said(rules, "in half an hour turn off the kettle") == [
        {"tool": "turn_off", "device": "kettle", "delay_s": 1800}]
    assert said(rules, "switch the kettle on 10 minutes from now") == [
        {"tool": "turn_on", "device": "kettle", "delay_s": 600}]
    assert said(rules, "turn on the heating at 7 am") == [{"tool": "turn_on", "device": "thermostat", "at": "07:00"}]
    assert said(rules, "turn on the heating at 7:30 pm") == [
        {"tool": "turn_on", "device": "thermostat", "at": "19:30"}]
    assert said(rules, "set the thermostat to 19 at half past ten in the evening") == [
        {"tool": "set_temperature", "device": "thermostat", "temperature": 19, "at": "22:30"}]
    assert said(rules, "turn on the porch light at sunset") == [
        {"tool": "turn_on", "device": "porch_light", "at": "sunset"}]
    assert said(rules, "open the bedroom curtains at dawn") == [
        {"tool": "open_cover", "device": "bedroom_curtains", "at": "sunrise"}]
    assert said(rules, "mute the tv for a sec") == [{"tool": "mute", "device": "tv"}]  # an idiom, not a time


@pytest.mark.parametrize(("text", "reply"), [
    ("switch off the tv when the film ends", CONDITION),
    ("once I'm home turn on the porch light", CONDITION),
    ("turn off the kitchen lights after dinner", CONDITION),
    ("set a timer when the kettle boils", None),  # about a timer, but no length: asked, never started
    ("turn on the sprinkler for 15 minutes", DURATION),
    ("mute the speaker for the next hour", DURATION),
    ("turn off the tv tomorrow at 8 am", DAYS),
    ("turn on the porch light every evening at sunset", DAYS),
    ("turn off the tv later", ASK_WHEN),
    ("turn the porch light off in a few minutes", ASK_WHEN),
    ("turn off the tv in 20 minutes and turn on the sofa lamp at 8 pm", ONE_TIME),
    ("turn on the porch light and turn it off in ten minutes", PART_LATER),  # never both in ten minutes
    ("turn off the tv and lock the back door at 10 pm", PART_LATER),
    ("turn on the sofa lamp at 7:30", "At 7:30 in the morning or in the evening? Say 7:30 am or 7:30 pm."),
    ("turn the heating on at 7", "At 7 in the morning or in the evening? Say 7 am or 7 pm."),
])
def test_a_condition_duration_or_unclear_time_is_refused_or_asked_never_guessed(
        rules: RuleMatcher, text: str, reply: str | None) -> None:
    result = rules.match(text)
    assert result.calls == [] and result.unsure == [] and result.undecided == [], text
    assert result.replies == [reply or ASK_HOW_LONG], text


def test_a_guess_for_later_is_asked_about_with_its_time_never_done_now(rules: RuleMatcher) -> None:
    result = rules.match("turn on the porch light with gusto in 10 minutes")
    assert result.calls == [] and [c.to_dict() for _, guessed in result.unsure for c in guessed] == [
        {"tool": "turn_on", "device": "porch_light", "delay_s": 600}]
    understood = Understander(load_config(None).registry()).understand("turn on the porch light with gusto in 10 "
                                                                        "minutes")
    assert understood.reply == "Did you mean: turn on the porch light in 10 minutes? Please say yes or no."


def test_a_follow_up_can_be_for_later() -> None:
    understander = Understander(load_config(None).registry())
    understander.understand("turn on the sofa lamp")
    assert [c.to_dict() for c in understander.understand("turn it off in 10 minutes").calls] == [
        {"tool": "turn_off", "device": "sofa_lamp", "delay_s": 600}]


def test_a_command_for_later_is_not_sent_now_and_reaches_the_device_at_its_time(
        live_demo: tuple[MqttBridge, Registry], tmp_path: Path) -> None:
    bridge, registry = live_demo
    store = JobStore(tmp_path / "s.db")
    assistant = Assistant(registry, Understander(registry), bridge, planner=Planner(store=store))
    assert bridge.state("tv").on is not True
    outcome = assistant.handle("turn on the tv in 2 seconds")
    assert outcome.results == [] and outcome.to_dict()["calls"] == [
        {"tool": "turn_on", "device": "tv", "delay_s": 2}]
    assert outcome.answer == ("Okay, in 2 seconds I'll turn on the tv. The assistant service is not running now; "
                              "it must be (assistant run) for this to happen.")
    time.sleep(0.5)
    assert bridge.state("tv").on is not True  # nothing was sent now
    due = store.pending()[0].due
    runner = Runner(store, on_devices(lambda: bridge), lambda a: None).start()
    try:
        assert wait_until(lambda: bridge.state("tv").on is True, timeout=5)
        assert time.time() - due < 2.0  # the command's time, plus the device's confirmation
        assert wait_until(lambda: [j.state for j in store.jobs()] == ["done"])
        timer = assistant.handle("set a tea timer for 3 minutes")
        assert timer.answer == "Okay, the tea timer for 3 minutes, starting now."  # a service runs: no warning
        assert re.fullmatch(r"The tea timer has (3 minutes|2 minutes and 5\d seconds) left\.",
                            assistant.handle("how long is left").answer)
        assert assistant.handle("cancel the timer").answer == "Okay, I cancelled the tea timer."
    finally:
        runner.stop()


def test_a_scheduled_command_to_a_device_that_cannot_do_it_any_more_is_announced(
        live_demo: tuple[MqttBridge, Registry], tmp_path: Path) -> None:
    bridge, registry = live_demo
    store = JobStore(tmp_path / "s.db")
    Assistant(registry, Understander(registry), bridge, planner=Planner(store=store)).handle(
        "turn on the tv in 1 second")
    gone = MqttBridge(bridge.settings, Registry(d for d in registry if d.id != "tv"))  # the tv was removed
    announced: list[str] = []
    runner = Runner(store, on_devices(lambda: gone), lambda a: announced.append(a.text)).start()
    try:
        assert wait_until(lambda: announced, timeout=5)
    finally:
        runner.stop()
    assert announced == ["I couldn't turn on the tv: that device is gone or can't do it any more."]


def test_the_service_runs_what_say_scheduled_and_announces_the_timer(mosquitto: BrokerSettings, tmp_path: Path) -> None:
    base = unique("tmr-")
    config = tmp_path / "config.yaml"
    config.write_text(f"broker: {{host: 127.0.0.1, port: {mosquitto.port}, client_id: {base}}}\n"
                      "understanding: {use_llm: false}\nlisten: {wake_word: false}\ndevices:\n"
                      f"  - {{id: kettle, name: kettle, area: kitchen, type: switch, mqtt: {{base_topic: {base}}}}}\n")
    registry = load_config(config).registry()
    env = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "JOURNAL_STREAM", "WATCHDOG_USEC")}
    log_path = tmp_path / "service.log"
    with SimulatedHome(dataclasses.replace(mosquitto, client_id=unique("sim")), registry) as sim, \
            log_path.open("wb") as log:
        service = subprocess.Popen([sys.executable, "-m", "assistant", "-v", "run", "--config", str(config), "--stdin"],
                                   stdin=subprocess.PIPE, stderr=log, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
        silence = threading.Thread(target=_silence, args=(service,), daemon=True)
        silence.start()
        try:
            assert wait_until(lambda: "listening" in log_path.read_text(errors="replace"), timeout=60)

            def say(text: str) -> str:
                return subprocess.run([sys.executable, "-m", "assistant", "say", "--config", str(config), text],
                                      capture_output=True, text=True, env=env, cwd=ROOT, timeout=60).stdout

            assert say("set a tea timer for 2 seconds").strip().endswith(
                "Okay, the tea timer for 2 seconds, starting now.")  # the service runs: no warning
            assert "Okay, in 1 second I'll turn on the kettle." in say("turn on the kettle in 1 second")
            assert wait_until(lambda: "announcement: The tea timer is done." in log_path.read_text(errors="replace"),
                              timeout=10)
            assert wait_until(lambda: sim.states["kettle"]["state"] == "ON", timeout=5)
        finally:
            service.send_signal(signal.SIGTERM)
            assert service.wait(timeout=30) == 0
    assert "Traceback" not in log_path.read_text(errors="replace")


def _silence(proc: subprocess.Popen[bytes]) -> None:
    """A quiet microphone on the service's stdin: 30 ms frames of 16 kHz s16le."""
    frame = bytes(960)
    try:
        while proc.poll() is None:
            assert proc.stdin is not None
            proc.stdin.write(frame)
            proc.stdin.flush()
            time.sleep(0.03)
    except (BrokenPipeError, ValueError, OSError):
        return


def test_a_time_said_first_is_for_every_command_after_it(rules: RuleMatcher) -> None:
    result = rules.match("in ten minutes turn off the tv and lock the back door")
    assert {(c.tool, c.device, c.delay_s) for c in result.calls} == {
        ("turn_off", "tv", 600), ("lock", "back_door", 600)}
