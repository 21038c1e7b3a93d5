"""Classes found in fresh corpus 10's dev half (a farm: CASES.md batch 36, helper G, issue 10), each read in the
farm's home as a sentence is heard. Sentences written for this file, not the corpus's."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import case_file_home, heard

from assistant.registry import Registry

FARM = Path(__file__).parent / "data" / "cases_fresh10_dev.yaml"


@pytest.fixture(scope="module")
def farm() -> Registry:
    return case_file_home(FARM)


@pytest.mark.parametrize("said", ["put the light right down", "turn the lights all the way down",
                                  "dim the light all the way"])
def test_a_scale_end_said_of_the_light_is_the_rooms_light_never_every_light(farm: Registry, said: str) -> None:
    assert heard(farm, said, "workshop")[0] == ['set_brightness(device="workshop_light", brightness=1)']


def test_every_light_all_the_way_up_is_still_every_light(farm: Registry) -> None:
    assert len(heard(farm, "turn all the lights all the way up")[0]) > 10


@pytest.mark.parametrize("room", ["kitchen", "attic"])
def test_curtains_said_where_there_are_none_are_asked_never_another_cover(farm: Registry, room: str) -> None:
    calls, reply = heard(farm, "close the curtains", room)  # the kitchen has a blind, the attic no cover
    assert calls == [] and reply is not None and "parlour curtains" in reply


def test_curtains_said_in_their_own_room_close(farm: Registry) -> None:
    assert heard(farm, "close the curtains", "parlour")[0] == ['close_cover(device="parlour_curtains")']


@pytest.mark.parametrize("said", ["set a timer for 10 minutes, I'll check the ewes then",
                                  "set a timer for 10 minutes and then we'll check on her"])
def test_a_timer_with_the_speakers_plan_after_it_starts(farm: Registry, said: str) -> None:
    assert heard(farm, said, "lambing shed")[0] == ["start_timer(seconds=600)"]


@pytest.mark.parametrize("room", ["granary", "kitchen", None])
def test_the_temperature_outside_is_the_outdoor_reading_never_the_rooms(farm: Registry, room: str | None) -> None:
    assert heard(farm, "how cold is it outside", room)[0] == ['get_state(device="outside_temperature")']


@pytest.mark.parametrize("said", ["get the vet out", "the mare's bad, get the vet out now"])
def test_out_beside_a_name_said_only_nearly_is_asked(farm: Registry, said: str) -> None:
    assert heard(farm, said, "kitchen")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("switch t' landing light off", 'turn_off(device="landing_light")'),
    ("knock the compressor off", 'turn_off(device="compressor")'),
    ("the workshop radio's on, knock 'em off", 'turn_off(device="workshop_radio")'),
    ("put the jug on eh", 'turn_on(device="kettle")'),
    ("err turn on the um the hall light", 'turn_on(device="hall_light")'),
])
def test_yorkshire_and_kiwi_words(farm: Registry, said: str, expected: str) -> None:
    assert heard(farm, said, "kitchen")[0] == [expected]


@pytest.mark.parametrize(("said", "expected"), [
    ("lights in the top barn off", 'turn_off(device="top_barn_light")'),
    ("turn the light on in the top barn", 'turn_on(device="top_barn_light")'),
    ("light in stable off", 'turn_off(device="stable_light")'),
])
def test_a_rooms_words_are_never_a_level_and_a_room_may_be_said_as_one(farm: Registry, said: str,
                                                                       expected: str) -> None:
    assert heard(farm, said)[0] == [expected]


def test_stifling_is_too_hot(farm: Registry) -> None:
    cooled = ['set_hvac_mode(device="office_aircon", mode="cool")']
    assert heard(farm, "it's stifling in here", "farm office")[0] == cooled


def test_a_colour_temperature_typed_with_its_k(farm: Registry) -> None:
    assert heard(farm, "granary lights to 3000K")[0] == ['set_color_temperature(device="granary_lights", kelvin=3000)']
