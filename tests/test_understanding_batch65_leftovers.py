"""Two rulings of the fourteenth session and fresh16's and fresh15's dev leftovers as classes (issue 10, CASES.md batch
65), probed in the demo home: what the rules did with each, and what they do now; the controls beside each say what
must stay as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import case_file_home, heard
from conftest import heard_calls as calls

from assistant.registry import Registry

OHIO = Path(__file__).parent / "data" / "cases_fresh16_dev.yaml"


@pytest.mark.parametrize(("said", "area"), [
    ("dim my light to 20", "kitchen"), ("turn off my light", "living room"),
    ("make my light a bit brighter", "kitchen")])
def test_my_light_in_a_room_of_several_lights_is_asked_which(home_registry: Registry, said: str, area: str) -> None:
    """ "dim my light to 20" in the kitchen dimmed both of its lights: "my" names one, the speaker's own."""
    done, reply = heard(home_registry, said, area)
    assert done == [] and reply is not None and reply.startswith("Which one:")


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("dim my light to 20", "study", ['set_brightness(device="desk_lamp", brightness=20)']),
    ("turn off my light", "bedroom", ['turn_off(device="bedside_lamp")']),
    ("turn off my lights", "kitchen", ['turn_off(device="kitchen_ceiling")',
                                       'turn_off(device="kitchen_counter_lights")']),
    ("dim the light to 20", "kitchen", ['set_brightness(device="kitchen_ceiling", brightness=20)',
                                        'set_brightness(device="kitchen_counter_lights", brightness=20)']),
    ("turn off my kitchen light", "living room", ['turn_off(device="kitchen_ceiling")',
                                                  'turn_off(device="kitchen_counter_lights")'])])
def test_my_light_of_one_and_the_rooms_lights_stay_as_they_were(home_registry: Registry, said: str, area: str,
                                                                 expected: list[str]) -> None:
    assert calls(home_registry, said, area) == expected


def test_fresh16s_my_light_in_a_room_of_two_lights_is_asked() -> None:
    """Tyler's room has Tyler's Light and the Gaming Lights: both were dimmed."""
    done, reply = heard(case_file_home(OHIO), "dim my light to 20", "tyler's room")
    assert done == [] and reply is not None and "gaming lights" in reply.lower()
