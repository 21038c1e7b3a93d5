"""A time of the speaker's own plan, said beside a command ("turn off the tv, I'll be back in 10 minutes"), was taken
as the command's: the tv went off in 10 minutes, the heating in 2 hours, though the speaker was leaving. Now or then
the words do not say, so the assistant asks (CASES.md batch 31); "now" or "then" said with it decides. Read by the
understander over the demo home."""

from __future__ import annotations

import pytest

from assistant.registry import Registry
from assistant.tools import Understanding
from assistant.understand.understander import Understander
from assistant.understand.when import PLAN_TIME


def understood(registry: Registry, text: str) -> Understanding:
    return Understander(registry).understand(text)


@pytest.mark.parametrize("said", ["turn off the tv, I'll be back in 10 minutes",
                                  "we're leaving in 5 minutes, lock the front door",
                                  "turn on the porch light, I'll be home at 9 pm",
                                  "lock the back door, we're off in 10 minutes",
                                  "turn the bedroom fan off I will be asleep in 10 minutes"])
def test_a_time_of_the_speakers_plan_beside_a_command_is_asked_not_taken(registry: Registry, said: str) -> None:
    result = understood(registry, said)
    assert result.calls == [] and result.reply == PLAN_TIME, result


def test_now_said_with_it_does_the_command_now(registry: Registry) -> None:
    assert [str(c) for c in understood(registry, "turn off the tv now, I'll be back in 10 minutes").calls] == [
        'turn_off(device="tv")']


def test_then_said_with_it_makes_the_plans_time_the_commands(registry: Registry) -> None:
    assert [str(c) for c in understood(registry, "I'll be home at 6 pm, turn the heating on then").calls] == [
        'turn_on(device="thermostat", at="18:00")']


def test_a_commands_own_time_said_beside_a_plan_with_none_is_kept(registry: Registry) -> None:
    assert [str(c) for c in understood(registry, "turn off the kitchen ceiling light in 10 minutes, I'm going to bed"
                                       ).calls] == ['turn_off(device="kitchen_ceiling", delay_s=600)']


@pytest.mark.parametrize("said", ["put the kettle on, I'll have tea later",
                                  "turn on the heating, we'll be home tonight",
                                  "lock the back door, I'll be out later"])
def test_a_plan_for_later_beside_a_command_that_starts_something_or_says_where_the_speaker_will_be_is_asked(
        registry: Registry, said: str) -> None:
    result = understood(registry, said)
    assert result.calls == [] and result.reply, result


def test_a_plan_said_without_its_subject_is_asked_too(registry: Registry) -> None:
    result = understood(registry, "back in 10 minutes, turn off the tv")
    assert result.calls == [] and result.reply == PLAN_TIME, result


@pytest.mark.parametrize(("said", "call"), [("I'm off, turn off the tv", 'turn_off(device="tv")'),
                                            ("right, I'm off, lock the front door", 'lock(device="front_door")')])
def test_the_speaker_leaving_beside_a_command_is_no_device_called_i_am(registry: Registry, said: str,
                                                                        call: str) -> None:
    result = understood(registry, said)
    assert [str(c) for c in result.calls] == [call] and "device called" not in (result.reply or ""), result
