"""A device named with "in here" or "in this room", said first before a comma, then a command on "it" ("the sofa lamp in
here, turn it off"): the speaker's room is said with the name, so a device of another room is a device named with a
room it is not in, asked as "turn off the sofa lamp in here" is, never done (issue 10, CASES.md batch 72; fresh corpus
18's "the big light in here, turn it off" said in a bedroom turned off the front room's Big Light). In its own room it
is done, and a kind said so is that room's."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "area"), [
    ("the sofa lamp in here, turn it off", "kitchen"),
    ("the tv in here, turn it down", "bedroom"),
    ("the bedside lamp in this room, switch it on", "study"),
    ("the hallway light in here, can you turn it off", "kitchen"),
    ("the desk lamp in here, dim it", "living room"),
    ("the big light in here, turn it off", "bedroom")])
def test_a_name_said_in_here_of_another_room_is_asked(home_registry: Registry, said: str, area: str) -> None:
    done, reply = heard(home_registry, said, area)
    assert done == [] and reply is not None and reply.startswith("There is no")


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("the sofa lamp in here, turn it off", "living room", ['turn_off(device="sofa_lamp")']),
    ("the bedside lamp in here, switch it on", "bedroom", ['turn_on(device="bedside_lamp")']),
    ("the ceiling light in here, turn it off", "kitchen", ['turn_off(device="kitchen_ceiling")']),
    ("the big light in here, turn it off", "kitchen", ['turn_off(device="kitchen_ceiling")']),
    ("the lights in here, turn them off", "kitchen",
     ['turn_off(device="kitchen_ceiling")', 'turn_off(device="kitchen_counter_lights")']),
    ("the sofa lamp in the living room, turn it off", "kitchen", ['turn_off(device="sofa_lamp")']),
    ("the kettle, switch it on", "bedroom", ['turn_on(device="kettle")'])])
def test_in_its_own_room_or_with_its_room_said_it_is_done(
        home_registry: Registry, said: str, area: str, expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected
