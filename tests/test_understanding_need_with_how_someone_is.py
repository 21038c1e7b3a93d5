"""A device's need said with how someone is ("the tv is too loud and my head hurts", "the tv is too loud, the baby is
asleep", "the sofa lamp is too bright and I'm trying to sleep") is met (issue 10, CASES.md batch 70): the words beside
it name nothing of the home and ask nothing; they had taken the need's device, and nothing was done."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "expected"), [
    ("the tv is too loud and my head hurts", ['step_volume(device="tv", delta=-10)']),
    ("the tv is too loud, my head hurts", ['step_volume(device="tv", delta=-10)']),
    ("the tv is way too loud and the baby is asleep", ['step_volume(device="tv", delta=-10)']),
    ("the tv is too loud, the baby is asleep", ['step_volume(device="tv", delta=-10)']),
    ("the sofa lamp is too bright and I'm trying to sleep", ['step_brightness(device="sofa_lamp", delta=-20)']),
    ("the tv is too loud and my tea is cold", ['step_volume(device="tv", delta=-10)'])])
def test_a_need_beside_how_someone_is_is_met(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize(("said", "expected"), [
    ("the kettle, switch it on", ['turn_on(device="kettle")']),
    ("the heater smells of burning, turn it off", ['turn_off(device="study_heater")'])])
def test_a_command_after_a_device_said_still_reads_the_device(
        home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


def test_a_need_against_the_command_after_it_is_still_asked(home_registry: Registry) -> None:
    done, reply = heard(home_registry, "the tv is too loud, turn it up")
    assert done == [] and reply is not None and "?" in reply


def test_said_from_another_room_it_is_asked_as_before(home_registry: Registry) -> None:
    assert heard(home_registry, "the tv is too loud, the baby is asleep", "kitchen")[0] == []  # fresh11's "wei's
    # speaker is too loud, I am trying to study" said in priya's room: a complaint of whoever is there
