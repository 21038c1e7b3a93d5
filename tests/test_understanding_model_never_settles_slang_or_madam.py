"""The model path's own wrong actions on fresh15 and fresh17 dev as classes (issue 10, CASES.md batch 68), probed in
the demo home: a device that "looks" a slang judgement in a colour is how the speaker finds it, and a device's name
with "on"/"off" said to "madam" may tell her what is so; neither is a command the model may confirm."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.understand.vocabulary import changes_meaning


@pytest.mark.parametrize("said", [
    "the sofa lamp looks sick in red", "the bedside lamp looks dope in blue", "the reading lamp looks rad in orange",
    "the sofa lamp looks mint in green", "the bedside lamp looks naff in yellow",
    "the counter lights look fire in purple"])  # "look" of more than one; "fire" was read as "fire up"'s verb
def test_a_device_that_looks_slang_in_a_colour_sets_no_colour(home_registry: Registry, said: str) -> None:
    done, _ = heard(home_registry, said)
    assert done == []


@pytest.mark.parametrize("said", ["bedroom fan on madam", "sofa lamp off ma'am", "hallway light off madam"])
def test_a_device_on_said_to_madam_is_asked_never_done(home_registry: Registry, said: str) -> None:
    done, reply = heard(home_registry, said)
    assert done == [] and reply is not None and "?" in reply


@pytest.mark.parametrize("word", ["madam", "ma'am", "maam"])
def test_madam_is_a_word_whose_guess_the_model_never_settles(word: str) -> None:
    assert changes_meaning(word)


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the sofa lamp red", ['set_color(device="sofa_lamp", color="red")']),
    ("make the sofa lamp red, it looks sick", ['set_color(device="sofa_lamp", color="red")']),
    ("bedroom fan on", ['turn_on(device="bedroom_fan")'])])
def test_commands_beside_them_are_still_done(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected
