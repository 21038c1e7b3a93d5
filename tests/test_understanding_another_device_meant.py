"""A device, a kind or a room denied first, then a command for another, is that command (issue 10, CASES.md batch 70):
"not the tv, turn off the speaker", "never mind the kettle, switch on the coffee machine", "forget about the blinds,
close the curtains"; where the command says "it" ("not the tv, turn it off") which one is asked, and one that touches
what was denied stays asked as before."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "expected"), [
    ("not the tv, turn off the speaker", ['turn_off(device="bedroom_speaker")']),
    ("not the sofa lamp, turn on the reading lamp", ['turn_on(device="reading_lamp")']),
    ("not the kettle, turn on the coffee machine", ['turn_on(device="coffee_machine")']),
    ("never mind the tv, switch off the sofa lamp", ['turn_off(device="sofa_lamp")']),
    ("forget the tv, turn the speaker down", ['step_volume(device="bedroom_speaker", delta=-10)']),
    ("forget about the blinds, close the curtains", ['close_cover(device="bedroom_curtains")']),
    ("not the kitchen lights, turn on the hallway light", ['turn_on(device="hallway_light")'])])
def test_a_device_denied_then_a_command_for_another_is_done(
        home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["not the tv, turn it off", "not the tv, turn off the tv", "not the tv",
                                  "never mind the kettle", "not in the kitchen, turn on the lights",
                                  "never mind the kettle, don't switch on the coffee machine either"])
def test_it_the_denied_device_or_no_command_is_not_done(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []
