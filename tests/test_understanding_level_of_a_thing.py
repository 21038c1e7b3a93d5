"""A level or a temperature said of a thing that is no device and no room (CASES.md batch 67, helper W, issue 10): a
drink, a food, a body part, clothes, a voice. How that thing is, never a complaint about the room or a device."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "area"), [
    ("my coffee is cold", None), ("my tea is too hot", None), ("my coffee's gone cold", None),
    ("the soup is too hot", "kitchen"), ("my drink is so cold", "living room"), ("my eyes are so bright today", None),
    ("your jacket is so bright", None), ("the rain is so loud tonight", None), ("the floor is freezing", None)])
def test_a_level_said_of_a_thing_is_how_it_is_never_a_complaint(home_registry: Registry, said: str,
                                                                 area: str | None) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("it's so bright in here", "study", ['step_brightness(device="desk_lamp", delta=-20)']),
    ("the music is too loud", "bedroom", ['step_volume(device="bedroom_speaker", delta=-10)']),
    ("my room is cold", "study", ['turn_on(device="study_heater")']),
    ("the sofa lamp is too bright", None, ['step_brightness(device="sofa_lamp", delta=-20)']),
    ("my coffee is cold, turn the coffee machine on", None, ['turn_on(device="coffee_machine")']),
    ("the kettle is cold, boil it", None, ['turn_on(device="kettle")'])])
def test_the_rooms_or_a_devices_level_still_complains(home_registry: Registry, said: str, area: str | None,
                                                      expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected


@pytest.mark.parametrize("said", ["my tea is cold and my feet hurt", "my coffee is cold and I'm tired"])
def test_a_drink_said_cold_beside_how_the_speaker_is_is_how_it_is(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []  # helper G, batch 70: "and" no longer made it a complaint
