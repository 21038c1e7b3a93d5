"""A word said before "one" after a device was named names, with the last word of that device's name, another device
(issue 10, CASES.md batch 70): "switch off the sofa lamp and then the reading one" is the reading lamp too; where the
two words name nothing ("the big one", "the other one") it stays asked."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "expected"), [
    ("switch off the sofa lamp and then the reading one",
     ['turn_off(device="sofa_lamp")', 'turn_off(device="reading_lamp")']),
    ("turn on the sofa lamp and the reading one", ['turn_on(device="sofa_lamp")', 'turn_on(device="reading_lamp")']),
    ("turn off the sofa lamp and the bedside one", ['turn_off(device="sofa_lamp")', 'turn_off(device="bedside_lamp")']),
    ("switch off the desk lamp and then the hallway one",
     ['turn_off(device="desk_lamp")', 'turn_off(device="hallway_light")'])])
def test_a_word_before_one_names_a_device_of_the_same_kind(home_registry: Registry, said: str,
                                                          expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["turn on the sofa lamp and the big one", "turn on the sofa lamp and the other one"])
def test_a_word_that_names_nothing_so_is_still_asked(home_registry: Registry, said: str) -> None:
    done, reply = heard(home_registry, said)
    assert done == [] and reply is not None and "?" in reply
