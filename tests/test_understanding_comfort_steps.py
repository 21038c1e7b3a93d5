"""A little of a comfort change asked with its verb ("warm it up in here a bit") is a step of the room's target, never
the heater switched on or a mode started; the complaint ("it's a bit cold in here") still turns the heater on (issue
10, helper B: the one wrong action left in the fresh dev half)."""

from __future__ import annotations

import pytest
from conftest import heard_calls as calls

from assistant.registry import Registry


@pytest.mark.parametrize(("text", "area", "expected"), [
    ("warm it up in here a bit", "study", ['step_temperature(device="study_heater", delta=1)']),
    ("heat the study up a little", None, ['step_temperature(device="study_heater", delta=1)']),
    ("cool it down in here a touch", "living room", ['step_temperature(device="living_room_ac", delta=-1)']),
    ("warm the living room up a smidge", None, ['step_temperature(device="living_room_ac", delta=1)']),
])
def test_a_little_warmer_or_cooler_asked_with_its_verb_is_a_step(registry: Registry, text: str, area: str | None,
                                                                 expected: list[str]) -> None:
    assert calls(registry, text, area) == expected


@pytest.mark.parametrize(("text", "area", "expected"), [
    ("warm it up in here", "study", ['turn_on(device="study_heater")']),
    ("it's a bit cold in here", "study", ['turn_on(device="study_heater")']),
    ("cool the living room down", None, ['set_hvac_mode(device="living_room_ac", mode="cool")']),
])
def test_without_an_amount_the_room_is_heated_or_cooled_as_before(registry: Registry, text: str, area: str | None,
                                                                  expected: list[str]) -> None:
    assert calls(registry, text, area) == expected
