"""Wrong actions found by probing classes no batch had probed (CASES.md batch 35, helper V, issue 10): each class as
read by the understander as a sentence is heard."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize("said", ["young man, turn the tv off", "young man turn the tv off",
                                  "excuse me young lady, could you close the curtains", "oi you, lights off",
                                  "hey you lot, turn off the tv", "you two, turn the tv down",
                                  "little man, switch off the night light"])
def test_a_person_named_in_two_words_first_is_someone_spoken_to(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("said", "expected"), [("hey buddy, turn on the porch light", 'turn_on(device="porch_light")'),
                                                ("right mate, lock the back door", 'lock(device="back_door")')])
def test_buddy_and_mate_are_still_said_to_the_house(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]
