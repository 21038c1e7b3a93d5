"""The wrong actions left in fresh corpora 9 and 10's dev halves (issue 10, CASES.md batch 38), as classes: read by the
understander as a sentence is heard, in the demo home and in the homes those corpora were said in."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import case_file_home, heard

from assistant.registry import Registry

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("said", "area"), [("desk lamp on, low", "study"), ("lamp on, medium", "bedroom"),
                                            ("porch light on, blue", None), ("the hallway light on, dim", None),
                                            ("kettle on, low", None), ("the reading lamp on, low please", None)])
def test_a_level_said_apart_that_the_device_cannot_take_holds_the_command(home_registry: Registry, said: str,
                                                                          area: str | None) -> None:
    """ "low" is a fan's speed, not a light's level: turning the light on at full and dropping "low" does what nobody
    asked (a night carer's "light on, low" at 2 am). The command is asked, and a yes does it."""
    calls, reply = heard(home_registry, said, area)
    assert calls == []
    assert reply is not None and "Did you mean: turn on the" in reply


def test_a_level_said_apart_that_the_device_takes_is_still_done(home_registry: Registry) -> None:
    assert heard(home_registry, "fan on, low", "bedroom")[0] == ['turn_on(device="bedroom_fan")',
                                                                 'set_fan_speed(device="bedroom_fan", speed="low")']
    assert heard(home_registry, "turn on the porch light, thanks")[0] == ['turn_on(device="porch_light")']


@pytest.mark.parametrize("said", ["no more tv today", "no more telly for today", "leave the porch light off today",
                                  "keep the heating off today", "I want the tv off today"])
def test_today_said_of_a_command_is_how_long_it_lasts_and_is_asked(home_registry: Registry, said: str) -> None:
    """Off for the rest of the day, and then back: the house cannot undo it later, so nothing is done for good."""
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("it's so hot today, turn on the bedroom fan", 'turn_on(device="bedroom_fan")'),
    ("turn on the bedroom fan, it's hot today", 'turn_on(device="bedroom_fan")'),
    ("I'm shattered today, switch the tv off", 'turn_off(device="tv")'),
    ("turn the tv off, I've watched enough today", 'turn_off(device="tv")')])
def test_today_in_a_reason_beside_a_command_is_no_time_of_it(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize(("said", "area"), [("sir I will turn off the tv", "living room"),
                                            ("buddy I'll lock the back door", None),
                                            ("ma'am I will close the curtains", "bedroom"),
                                            ("Sam I'll switch off the coffee machine", "kitchen"),
                                            ("okay boss I will turn the heating up", None)])
def test_the_speakers_plan_after_whom_it_is_said_to_is_no_request(home_registry: Registry, said: str,
                                                                   area: str | None) -> None:
    """ "ma'am I will open the curtains": a carer telling the resident what she will do; the model confirmed it."""
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "expected"), [("sir, turn off the tv", 'turn_off(device="tv")'),
                                                ("buddy turn on the porch light", 'turn_on(device="porch_light")')])
def test_a_term_of_address_before_a_command_changes_nothing(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said, "living room")[0] == [expected]


def test_the_corpora_sentences_are_asked() -> None:
    """The dev sentences that found the classes, in their own homes."""
    assert heard(case_file_home(DATA / "cases_fresh9_dev.yaml"), "light on, low", "wet room")[0] == []
    assert heard(case_file_home(DATA / "cases_fresh9_dev.yaml"), "ma'am I will open the curtains ha",
                 "back bedroom")[0] == []
    assert heard(case_file_home(DATA / "cases_fresh10_dev.yaml"), "no more radio today", "kitchen")[0] == []


@pytest.fixture(scope="module")
def flat() -> Registry:
    """Fresh corpus 9's flat: a Plug 8 Washer, a Water Feature, a robot called Dusty."""
    return case_file_home(DATA / "cases_fresh9_dev.yaml")


@pytest.fixture(scope="module")
def farm() -> Registry:
    """Fresh corpus 10's farm: a Washing Machine, a Water Pump, an Irrigation Valve."""
    return case_file_home(DATA / "cases_fresh10_dev.yaml")


def test_a_washing_machine_and_a_washer_are_one_thing_either_way_round(flat: Registry, farm: Registry) -> None:
    assert heard(flat, "turn the washing machine off", "utility")[0] == ['turn_off(device="washer")']
    assert heard(farm, "is the washer on", "kitchen")[0] == ['get_state(device="washing_machine")']


def test_a_fountain_is_the_water_feature(flat: Registry) -> None:
    assert heard(flat, "the fountain on")[0] == ['turn_on(device="water_feature")']


@pytest.mark.parametrize("said", ["send Dusty round", "send Dusty around"])
def test_a_robot_sent_round_goes_to_clean(flat: Registry, said: str) -> None:
    assert heard(flat, said, "through lounge")[0] == ['start_cleaning(device="dusty")']


def test_the_robot_sent_with_nowhere_said_is_still_asked(home_registry: Registry) -> None:
    assert heard(home_registry, "send the hoover")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("knock the pump off, tank's full", ['turn_off(device="water_pump")']),
    ("pump off and irrigation off", ['turn_off(device="water_pump")', 'turn_off(device="irrigation_valve")']),
    ("pump on", ['turn_on(device="water_pump")']),
    ("is the pump on", ['get_state(device="water_pump")'])])
def test_a_names_last_word_that_is_a_verb_too_names_it_as_a_noun(farm: Registry, said: str,
                                                                  expected: list[str]) -> None:
    """ "pump" is a verb ("pump up the volume") and the last word of the farm's Water Pump."""
    assert heard(farm, said)[0] == expected


def test_the_same_word_said_as_a_verb_is_the_verb(farm: Registry, home_registry: Registry) -> None:
    assert heard(farm, "turn the compressor on, I need to pump a tyre up", "workshop")[0] == [
        'turn_on(device="compressor")']
    assert heard(home_registry, "pump up the tv")[0] == ['step_volume(device="tv", delta=10)']
