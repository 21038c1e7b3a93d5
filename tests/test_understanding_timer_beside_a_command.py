"""A kitchen timer and a device's command or question in one sentence, joined by "and" in either order, is each part
done as said alone (issue 10, CASES.md batch 70 later 2): "set a timer for 5 minutes and turn off the tv" dropped the
tv without a word, "turn off the tv and set a timer for 20 minutes" asked all of it. Where the device's part is not done
as said, neither is, and the answer says the timer was not started."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.config import load_config
from assistant.pipeline import Assistant
from assistant.registry import Registry
from assistant.understand.understander import Understander


@pytest.mark.parametrize(("said", "expected"), [
    ("set a timer for 5 minutes and turn off the tv", ["start_timer(seconds=300)", 'turn_off(device="tv")']),
    ("turn off the tv and set a timer for 20 minutes", ['turn_off(device="tv")', "start_timer(seconds=1200)"]),
    ("set a timer for 5 minutes and is the front door locked",
     ["start_timer(seconds=300)", 'get_state(device="front_door")'])])
def test_a_timer_and_a_devices_command_are_both_done(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


def test_a_question_whether_a_device_can_is_answered_beside_the_timer(home_registry: Registry) -> None:
    done, reply = heard(home_registry, "set a timer for 5 minutes and can the sofa lamp do purple")
    assert done == ["start_timer(seconds=300)"] and reply is not None and "can do that" in reply


@pytest.mark.parametrize("said", ["set a timer for 5 minutes and don't turn off the tv",
                                  "set a timer for 5 minutes and turn off the dishwasher",
                                  "set a timer for 5 minutes and turn off the tv when it goes off"])
def test_beside_a_part_not_done_as_said_no_timer_is_started(home_registry: Registry, said: str) -> None:
    done, reply = heard(home_registry, said)
    assert done == [] and reply is not None


def test_a_timer_held_beside_another_service_is_asked_never_a_crash(home_registry: Registry) -> None:
    done, reply = heard(home_registry, "set a timer for 10 minutes and call it pasta")
    assert done == [] and reply is not None and "start a pasta timer for 10 minutes" in reply  # KeyError '' before
    # (no device to name); the name and how long were not said back (batch 77)


def test_a_timer_named_by_name_it_is_started_with_that_name(home_registry: Registry) -> None:
    """ "… and name it rice" started a timer with no name (batch 77)."""
    assert heard(home_registry, "set a timer for 8 minutes and name it rice")[0] == [
        'start_timer(seconds=480, name="rice")']


@pytest.mark.parametrize(("answer", "expected"), [("yes", ['start_timer(seconds=600, name="pasta")']), ("no", [])])
def test_a_yes_after_call_it_starts_the_timer_with_its_name(answer: str, expected: list[str]) -> None:
    """The yes started a timer with no name: the name said after "call it" was dropped (batch 77)."""
    registry = load_config(None).registry()
    assistant = Assistant(registry, Understander(registry), None)
    assistant.handle("set a timer for 10 minutes and call it pasta", dry_run=True)
    assert [str(c) for c in assistant.handle(answer, dry_run=True).understanding.calls] == expected


@pytest.mark.parametrize("said", ["set a timer for 10 minutes and then turn off the tv",
                                  "set a timer for 10 minutes and after that turn off the tv",
                                  "set a timer for 5 minutes and afterwards lock the back door"])
def test_what_is_said_for_after_the_timer_is_never_done_now(home_registry: Registry, said: str) -> None:
    """ "… and then turn off the tv" turned the tv off at once: the part is for when the timer ends, which no timer
    does (found by the review of the fifteenth session's diff); asked, and the timer not started."""
    done, reply = heard(home_registry, said)
    assert done == [] and reply is not None and "haven't started the timer" in reply


@pytest.mark.parametrize("said", ["set a timer for 5 minutes and", "and set a timer for 5 minutes",
                                  "turn off the tv and set a timer for 10 minutes and"])
def test_a_trailing_or_leading_and_beside_a_timer_is_no_crash(home_registry: Registry, said: str) -> None:
    """These raised IndexError: the part beside the timer was empty."""
    assert "start_timer(seconds=" in " ".join(heard(home_registry, said)[0])
