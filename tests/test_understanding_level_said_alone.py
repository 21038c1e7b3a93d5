"""A level said alone, with no device, room or verb and no command before it ("half", "fifty percent", "30 percent"
said in a room) does not say what it levels: asked, never the speaker's room's lights (its blinds or its player's
volume may be meant; issue 10, CASES.md batch 72; fresh corpus 18's "half" said in the loft set both its lights).
Right after a command it is that command's level ("turn on the sofa lamp" … "half": the sofa lamp at 50, not every
light of the room), and a room said with it still sets that room's lights ("study 70 percent")."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.understand.understander import Understander


@pytest.mark.parametrize(("said", "area"), [
    ("half", "bedroom"), ("fifty percent", "living room"), ("30 percent", "kitchen"), ("three quarters", "study"),
    ("to 40", "bedroom"), ("max", "living room")])
def test_a_level_said_alone_is_asked(home_registry: Registry, said: str, area: str) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("first", "then", "expected"), [
    ("turn on the sofa lamp", "half", ['set_brightness(device="sofa_lamp", brightness=50)']),
    ("turn on the sofa lamp", "50 percent", ['set_brightness(device="sofa_lamp", brightness=50)']),
    ("open the living room blinds", "half", ['set_position(device="living_room_blinds", position=50)']),
    ("open the living room blinds", "fifty percent", ['set_position(device="living_room_blinds", position=50)'])])
def test_right_after_a_command_it_is_that_commands_level(
        home_registry: Registry, first: str, then: str, expected: list[str]) -> None:
    understander = Understander(home_registry, area="living room")
    understander.understand(first)
    assert [str(c) for c in understander.understand(then).calls] == expected


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("study 70 percent", None, ['set_brightness(device="desk_lamp", brightness=70)']),
    ("50 percent in here", "study", ['set_brightness(device="desk_lamp", brightness=50)']),
    ("kitchen lights to half", None,
     ['set_brightness(device="kitchen_ceiling", brightness=50)',
      'set_brightness(device="kitchen_counter_lights", brightness=50)'])])
def test_a_level_with_its_room_said_sets_the_rooms_lights(
        home_registry: Registry, said: str, area: str | None, expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected
