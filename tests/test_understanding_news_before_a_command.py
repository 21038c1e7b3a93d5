"""News said before a command is its reason, and the command is done (issue 10, CASES.md batch 70): "nobody's watching
the tv, turn it off" ("nobody's" before what they are doing is "nobody is", never whose it is), "the porch light was
on all night, switch it off" (how long it was on, never how long to do it), "the neighbours are so loud, turn the tv
up" (the noise is theirs, against nothing the house is asked)."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.understand.normalize import normalize


@pytest.mark.parametrize(("said", "expected"), [
    ("nobody's watching the tv, turn it off", ['turn_off(device="tv")']),
    ("no one's watching the telly, switch it off", ['turn_off(device="tv")']),
    ("nobody's using the desk lamp, turn it off", ['turn_off(device="desk_lamp")'])])
def test_nobody_doing_something_then_a_command_is_done(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


def test_nobodys_before_an_ing_word_is_nobody_is_but_someones_stays_whose() -> None:
    assert normalize("nobody's watching the tv")[:3] == ["nobody", "is", "watching"]
    assert "is" not in normalize("someone's reading lamp")


@pytest.mark.parametrize(("said", "expected"), [
    ("the porch light was on all night, switch it off", ['turn_off(device="porch_light")']),
    ("the tv was on all evening, switch it off", ['turn_off(device="tv")']),
    ("the sprinkler was on all afternoon, turn it off", ['turn_off(device="garden_sprinkler")']),
    ("the hallway light has been on all day, turn it off", ['turn_off(device="hallway_light")'])])
def test_how_long_a_device_was_on_is_news_before_the_command(
        home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", [
    "the porch light was on all night", "leave the porch light on all night", "turn the porch light on all night",
    "was the garage light on all night?", "nobody's watching the tv", "nobody's watching the tv, don't turn it off"])
def test_the_news_alone_a_duration_or_a_question_of_the_past_is_not_done(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("the neighbours are so loud, turn the tv up", ['step_volume(device="tv", delta=10)']),
    ("the kids are so loud, turn the tv up", ['step_volume(device="tv", delta=10)']),
    ("the dog is so loud, turn the speaker up", ['step_volume(device="bedroom_speaker", delta=10)']),
    ("the kids are being really noisy, turn up the tv", ['step_volume(device="tv", delta=10)']),  # batch 77: asked
    ("the neighbours are being really noisy, turn up the speaker", ['step_volume(device="bedroom_speaker", delta=10)']),
    ("the kids are noisy, turn the tv down", ['step_volume(device="tv", delta=-10)'])])
def test_a_level_complained_of_in_people_or_a_pet_goes_against_no_command(
        home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["the tv is so loud, turn it up", "that's far too loud, turn the tv up",
                                  "the tv is really loud, turn it up",
                                  "she's freezing, turn the heater off"])
def test_a_complaint_of_the_device_or_the_room_still_goes_against_it(home_registry: Registry, said: str) -> None:
    done, reply = heard(home_registry, said)
    assert done == [] and reply is not None and "?" in reply


def test_a_state_denied_before_the_news_is_the_other_way(home_registry: Registry) -> None:
    assert heard(home_registry, "the tv shouldn't be on, nobody's watching")[0] == ['turn_off(device="tv")']
