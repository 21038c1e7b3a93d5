"""How long someone is out or a device was on, said as a part of its own after a command that stops, closes or locks
("turn the tv off, I'm out all evening", "turn off the tv, it was on all night"; fresh corpus 18's "turn the loft
heating off, we're out all day") is why, never how long the command lasts (issue 10, CASES.md batch 72, as batch 70's
news said before a command). Said in the command's own part it is how long: asked ("keep the porch light on all night",
"make sure the porch light is on all night", "leave the tv on all evening, we're out")."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the heating off, we're out all day", ['turn_off(device="thermostat")']),
    ("turn the tv off, I'm out all evening", ['turn_off(device="tv")']),
    ("turn off the tv, it was on all night", ['turn_off(device="tv")']),
    ("close the blinds, the sun is on them all afternoon", ['close_cover(device="living_room_blinds")']),
    ("lock the back door, we're away all weekend", ['lock(device="back_door")'])])
def test_how_long_said_in_a_part_of_its_own_is_why(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["keep the porch light on all night", "turn the heating off all day",
                                  "leave the tv on all evening, we're out",
                                  "make sure the porch light is on all night"])
def test_how_long_said_in_the_commands_part_is_asked(home_registry: Registry, said: str) -> None:
    done, reply = heard(home_registry, said)
    assert done == [] and reply is not None
