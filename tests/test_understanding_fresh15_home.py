"""The fifteenth fresh corpus (issue 10, tests/data/cases_fresh15_dev.yaml) is said in a Bengaluru joint-family flat on
Home Assistant, Tasmota and ESPHome, by three generations who code-switch with Hindi and Kannada, a domestic helper, a
plumber and an electrician talking about the devices, and the TV: what its dev split showed the rules misread, as
classes, and that they now read them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import case_file_home, heard
from conftest import heard_calls as calls

from assistant.registry import Registry

HOME = Path(__file__).parent / "data" / "cases_fresh15_dev.yaml"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return case_file_home(HOME)


@pytest.mark.parametrize("said", ["this fan is very slow", "the fan is really fast"])
def test_how_fast_a_fan_is_is_no_speed_asked(registry: Registry, said: str) -> None:
    """ "very slow" set the fan to low."""
    assert calls(registry, said, "middle bedroom") == []


@pytest.mark.parametrize("said", ["Diya switch off the lights and sleep", "switch off the lights and come for dinner",
                                  "turn off the tv and do your homework"])
def test_a_command_joined_to_what_a_person_does_is_said_to_them(registry: Registry, said: str) -> None:
    """The kids' lights (and the pooja room's Diya Lights, by the girl's name) were switched off."""
    assert calls(registry, said, "kids room") == []


def test_music_put_on_in_a_room_with_two_players_asks_which(registry: Registry) -> None:
    """Both the tv and the music system were played."""
    assert calls(registry, "put some music in the hall", "hall") == []


def test_what_a_device_is_doing_said_after_is_is_news(registry: Registry) -> None:
    """The plumber's "dry running" turned the motor on."""
    assert calls(registry, "the motor is dry running", "utility") == []


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("haan, switch on the fan", "middle bedroom", ['turn_on(device="middle_fan")']),
    ("AC on kar do", "master bedroom", ['turn_on(device="master_ac")']),
    ("AC 24 pe kar do", "master bedroom", ['set_temperature(device="master_ac", temperature=24)']),
    ("switch on the a c", "master bedroom", ['turn_on(device="master_ac")']),
    ("put the AC in fan mode", "master bedroom", ['set_hvac_mode(device="master_ac", mode="fan_only")']),
    ("TV sound is too much", "hall", ['step_volume(device="tv", delta=-10)']),
    ("switch of the geezer in the common bathroom", None, ['turn_off(device="common_geyser")']),
    ("mosquitoes are biting, I can't sleep", "middle bedroom", ['turn_on(device="middle_mosquito")'])])
def test_the_speakers_words(registry: Registry, said: str, area: str | None, expected: list[str]) -> None:
    assert calls(registry, said, area) == expected


def test_a_rooms_own_word_said_without_room_names_its_device(registry: Registry) -> None:
    """ "kids light" of the Kids Room Light: "I don't know a device called kids light"."""
    assert calls(registry, "kids light 30 percent", "kids room") == [
        'set_brightness(device="kids_light", brightness=30)']


def test_a_room_said_after_two_names_is_where_the_first_is_too(registry: Registry) -> None:
    """Which geyser was asked; the exhaust was switched off alone."""
    assert calls(registry, "switch off the geyser and the exhaust in the master bathroom") == [
        'turn_off(device="master_geyser")', 'turn_off(device="master_exhaust")']


def test_a_scene_named_by_other_words_is_asked(registry: Registry) -> None:
    """ "on the good knight" (a brand of mosquito repellent) ran the Good Night scene; its name said is still run."""
    assert heard(registry, "on the good knight", "middle bedroom") == (
        [], "Did you mean: start good night? Please say yes or no.")
    assert calls(registry, "good night", "middle bedroom") == ['activate(device="good_night")']


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("light the diyas", "pooja room", 'turn_on(device="diya_lights")'),
    ("mop the bedrooms", "hall", 'start_cleaning(device="robot_mop")'),
    ("homework done, can i on the tv now", "hall", 'turn_on(device="tv")')])
def test_the_verbs_of_the_house_as_the_family_says_them(registry: Registry, said: str, area: str,
                                                        expected: str) -> None:
    """ "light" said as a verb, the Robot Mop's own verb, and leave asked of the house ("can i on the tv") were not
    read ("What should I do with the diya lights?"; no call; the tv's abilities said)."""
    assert calls(registry, said, area) == [expected]
