"""A room the home lacks is named back wherever it is said (issue 10, helper N): "all the lights of the cellar" in a
home without one never becomes every light in the home, nor the speaker's room's."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import case_file_home

from assistant.config import load_config
from assistant.registry import Registry
from assistant.understand.understander import Understander

HOME = Path(__file__).parent / "data" / "cases_fresh5_dev.yaml"  # no cellar, attic, study or office


@pytest.fixture(scope="module")
def registry() -> Registry:
    return case_file_home(HOME)


def heard(registry: Registry, text: str, area: str | None = "den") -> tuple[list[str], list[str], str | None]:
    understood = Understander(registry, area=area).understand(text)
    return [str(c) for c in understood.calls], [str(c) for c in understood.unsure], understood.reply


@pytest.mark.parametrize(("text", "room"), [
    ("turn off all the lights of the cellar", "cellar"), ("turn off the lights of the cellar", "cellar"),
    ("turn off the lights from the cellar", "cellar"), ("turn off the lights down in the cellar", "cellar"),
    ("turn off the lights in the cellar's", "cellar"), ("turn on the lamp of the attic", "attic"),
    ("close the blinds of the study", "study"), ("turn every light of the office off", "office")])
def test_a_room_the_home_lacks_is_named_back_and_nothing_is_done_or_offered(registry: Registry, text: str,
                                                                             room: str) -> None:
    calls, unsure, reply = heard(registry, text)
    assert calls == [] and unsure == [] and reply == f"I don't know a room called {room}."


def test_a_room_the_home_has_said_after_of_is_that_room(registry: Registry) -> None:
    assert heard(registry, "turn off the lights of the kitchen")[0] == [
        'turn_off(device="kitchen_spots")', 'turn_off(device="island_lights")']


def test_a_device_said_as_its_kind_of_a_thing_is_that_device() -> None:
    demo = load_config(None).registry()
    assert heard(demo, "please put off the lamp of the desk", "kitchen")[0] == ['turn_off(device="desk_lamp")']
    assert heard(demo, "open the light of the porch", "kitchen")[0] == ['turn_on(device="porch_light")']


@pytest.mark.parametrize(("text", "room"), [
    ("turn on the light in the red bedroom", "red bedroom"), ("dim the lights in the yellow kitchen", "yellow kitchen"),
    ("turn on the lamp in the green room", "green room"), ("is the light on in the pink bedroom", "pink bedroom")])
def test_a_colour_before_a_room_names_a_room_the_home_lacks_never_a_colour_to_set(
        home_registry: Registry, text: str, room: str) -> None:
    calls, unsure, reply = heard(home_registry, text, area=None)
    assert calls == [] and unsure == [] and reply == f"I don't know a room called {room}."


def test_a_colour_after_the_room_is_still_the_colour(home_registry: Registry) -> None:
    assert heard(home_registry, "turn the light in the bedroom red", area=None)[0] == [
        'set_color(device="bedside_lamp", color="red")']
