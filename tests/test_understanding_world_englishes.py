"""The sixth fresh corpus (issue 10, tests/data/cases_fresh6_dev.yaml) is said by speakers of many Englishes in a home
nobody tuned on: the words its dev split showed the rules did not know -- particles, Scots, South African "now now" --
are read as those speakers mean them, in any home."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import heard_set

from assistant.config import load_config, load_home_file
from assistant.evaluate import load_cases
from assistant.registry import Registry
from assistant.understand.understander import Understander

FLAT = Path(__file__).parent / "data" / "cases_fresh6_dev.yaml"


@pytest.fixture(scope="module")
def demo() -> Registry:
    return load_config(None).registry()


@pytest.fixture(scope="module")
def flat() -> Registry:
    return Registry(load_cases(FLAT)[1], dict(load_home_file(FLAT)[1]))


@pytest.mark.parametrize(("text", "area", "call"), [
    ("close the fan po", "bedroom", 'turn_off(device="bedroom_fan")'),  # Philippine English: respect
    ("kettle on pannu", None, 'turn_on(device="kettle")'),  # Tamil: do it
    ("fan off karo yaar", "bedroom", 'turn_off(device="bedroom_fan")'),  # Hindi: do it, mate
    ("tolong switch off the tv", None, 'turn_off(device="tv")'),  # Malay: please
    ("paki on the kettle", None, 'turn_on(device="kettle")'),  # Tagalog: please
    ("off the heater lah", "study", 'turn_off(device="study_heater")'),  # Singapore, Malaysia
    ("eish, it's dark in here, light on please", "hallway", 'turn_on(device="hallway_light")'),  # South Africa
])
def test_a_particle_of_another_english_changes_nothing(demo: Registry, text: str, area: str | None, call: str) -> None:
    assert heard_set(demo, text, area) == {call}


def test_scots_words_are_read_as_meant(demo: Registry) -> None:
    assert heard_set(demo, "switch aff the telly") == {'turn_off(device="tv")'}
    assert heard_set(demo, "telly volume tae 15") == {'set_volume(device="tv", volume=15)'}
    assert heard_set(demo, "whit's the temperature in the living room") == {
        'get_state(device="living_room_temperature")'}
    assert heard_set(demo, "it's pure Baltic in the study") == {'turn_on(device="study_heater")'}
    assert heard_set(demo, "is the front door snibbed?") == {'get_state(device="front_door")'}
    assert heard_set(demo, "dinnae turn the telly off") == set()  # a negation: never done


def test_south_african_now_now_is_in_a_while_and_asked_when(demo: Registry) -> None:
    understood = Understander(demo, area="living room").understand("switch off the lights now now")
    assert understood.calls == [] and "When" in (understood.reply or "")


@pytest.mark.parametrize("text", ["the bedroom fan is too fast", "the fan is too fast", "the fan is way too fast"])
def test_a_fan_too_fast_is_never_set_fast(demo: Registry, text: str) -> None:
    assert not any("high" in call or "turn_on" in call for call in heard_set(demo, text, "bedroom"))


def test_of_after_a_way_already_said_is_a_learners_of_never_off(flat: Registry, demo: Registry) -> None:
    assert heard_set(flat, "turn on the light of laundry") == {'turn_on(device="laundry_light")'}
    assert heard_set(demo, "turn the fan of in the bathroom") == {'turn_off(device="bathroom_fan")'}  # misheard "off"
    assert heard_set(demo, "turn of the tv") == {'turn_off(device="tv")'}


@pytest.mark.parametrize(("text", "area", "call"), [
    ("on the heater can?", "study", 'turn_on(device="study_heater")'),
    ("the blinds close can?", "living room", 'close_cover(device="living_room_blinds")'),
    ("can off the fan?", "bedroom", 'turn_off(device="bedroom_fan")'),
    ("can make the study warmer?", None, 'step_temperature(device="study_heater", delta=1)'),
])
def test_can_said_for_can_you_asks_for_it_never_its_state(demo: Registry, text: str, area: str | None,
                                                           call: str) -> None:
    """Singapore, Malaysian and Indian English: "…, can?" and "can <verb> …?" with nobody said are requests."""
    assert heard_set(demo, text, area) == {call}


@pytest.mark.parametrize("text", ["can the kettle boil less water", "can the tv go on the wall", "can"])
def test_can_before_a_device_or_alone_keeps_its_meaning(demo: Registry, text: str) -> None:
    assert heard_set(demo, text) == set()


def test_regional_politeness_and_sizes_ask_for_it(demo: Registry) -> None:
    assert heard_set(demo, "reckon you could turn the tv down some") == {'step_volume(device="tv", delta=-10)'}
    assert heard_set(demo, "turn the tv down a hair") == {'step_volume(device="tv", delta=-10)'}  # US: a little
    assert heard_set(demo, "mute the tv, I have a call") == {'mute(device="tv")'}  # why, never a call to make


@pytest.mark.parametrize("text", ["where is the switch for the porch light", "where are the batteries for the roomba"])
def test_where_a_thing_is_is_no_state_question(demo: Registry, text: str) -> None:
    assert heard_set(demo, text) == set()


def test_a_time_said_after_then_is_the_later_parts_and_asked(demo: Registry) -> None:
    """ "on the kettle first, then the coffee machine in 10 minutes" put the kettle off ten minutes too."""
    understood = Understander(demo).understand("on the kettle first, then the coffee machine in 10 minutes")
    assert understood.calls == [] and "later" in (understood.reply or "")
    assert heard_set(demo, "in 10 minutes turn on the kettle then the coffee machine") == {
        'turn_on(device="kettle", delay_s=600)', 'turn_on(device="coffee_machine", delay_s=600)'}


def test_the_immersion_is_the_water_heater(flat: Registry, demo: Registry) -> None:
    """Irish and British English: "the immersion (heater)" is the electric water heater, where the home has one."""
    assert heard_set(flat, "is the immersion on?") == {'get_state(device="geyser")'}
    assert heard_set(flat, "switch off the immersion heater") == {'turn_off(device="geyser")'}
    assert heard_set(demo, "switch on the immersion") == set()  # none here: never another device


def test_check_once_is_indian_englishs_just_check(demo: Registry) -> None:
    assert heard_set(demo, "check once if the back door is locked") == {'get_state(device="back_door")'}
    assert heard_set(demo, "turn on the porch light once I get home") == set()  # "once" a condition still holds it
