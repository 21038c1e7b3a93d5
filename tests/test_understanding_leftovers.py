"""Wrong actions and safety misses that earlier helpers found and left (issue 10, helper F): each is read right now,
or asked back, never done wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import heard

from assistant.evaluate import load_cases
from assistant.registry import Registry

HA_HOME = Path(__file__).parent / "data" / "corpora" / "ha_intents_dev.yaml"


@pytest.fixture(scope="module")
def ha_registry() -> Registry:
    return Registry(load_cases(HA_HOME)[1])


@pytest.mark.parametrize("text", ["turn one light on", "turn on one light", "set one light to 50 percent"])
def test_one_before_a_singular_device_counts_it_never_sets_a_level(ha_registry: Registry, text: str) -> None:
    calls, reply = heard(ha_registry, text, area="living room")
    assert calls == [] and reply == "Which one do you mean?"


def test_one_light_where_the_room_has_one_is_that_light(registry: Registry) -> None:
    assert heard(registry, "turn one light on in the study")[0] == ['turn_on(device="desk_lamp")']


@pytest.mark.parametrize("text", ["the kids keep leaving the tv on", "someone keeps leaving the back door unlocked"])
def test_a_state_someone_keeps_leaving_is_news_never_done_or_offered(registry: Registry, text: str) -> None:
    calls, reply = heard(registry, text)
    assert calls == [] and "Did you mean" not in (reply or "")


def test_leaving_a_device_on_said_as_a_command_is_still_done(registry: Registry) -> None:
    assert heard(registry, "leave the tv on")[0] == ['turn_on(device="tv")']


def test_the_rooms_one_is_one_device_asked_which_where_the_room_has_more(registry: Registry) -> None:
    calls, reply = heard(registry, "dim the living room one")
    assert calls == [] and reply == (
        "Which one in the living room: the sofa lamp or the reading lamp or the ceiling light?")


@pytest.mark.parametrize("text", ["the lamps in the living room are too bright",
                                  "the living room lamps are too bright"])
def test_a_rooms_lamps_complained_of_are_its_lamps_as_in_a_command(registry: Registry, text: str) -> None:
    lamps = ['step_brightness(device="sofa_lamp", delta=-20)', 'step_brightness(device="reading_lamp", delta=-20)']
    assert heard(registry, text)[0] == lamps
    assert len(heard(registry, "the lights in the living room are too bright")[0]) == 3


@pytest.mark.parametrize(("text", "expected"), [
    ("the heater smells of burning, turn it off", ['turn_off(device="study_heater")']),
    ("the kettle smells of plastic, switch it off", ['turn_off(device="kettle")']),
])
def test_news_of_a_smell_then_it_turns_off_the_device_the_news_named(
        registry: Registry, text: str, expected: list[str]) -> None:
    assert heard(registry, text)[0] == expected


def test_the_smell_alone_is_asked_about_never_acted_on(registry: Registry) -> None:
    assert heard(registry, "the heater smells of burning") == ([], "What should I do with the study heater?")


@pytest.mark.parametrize("text", ["turn the bed down its too high", "turn the shelf down it is too high"])
def test_too_high_of_no_device_is_named_back_in_the_users_words(registry: Registry, text: str) -> None:
    calls, reply = heard(registry, text)
    assert calls == [] and "overmuch" not in (reply or "") and "called too high" not in (reply or "")


@pytest.mark.parametrize("text", ["dad, switch the tv off", "kids, turn the fan on in the bathroom"])
def test_a_sentence_said_first_to_someone_in_the_room_is_not_done(registry: Registry, text: str) -> None:
    assert heard(registry, text)[0] == []


def test_a_term_of_address_for_the_assistant_still_acts(registry: Registry) -> None:
    assert heard(registry, "love, turn on the desk lamp")[0] == ['turn_on(device="desk_lamp")']


@pytest.mark.parametrize("text", ["thank you for switching the garage light on last night",
                                  "thanks for turning the heating up at 4am"])
def test_thanks_for_what_was_done_does_nothing(registry: Registry, text: str) -> None:
    assert heard(registry, text)[0] == []


def test_thanks_after_a_command_leaves_it_a_command(registry: Registry) -> None:
    assert heard(registry, "turn on the desk lamp, thanks")[0] == ['turn_on(device="desk_lamp")']


@pytest.mark.parametrize("text", ["go ahead, turn the heating up, it's not like I pay the bills",
                                  "oh sure, put the tv on full blast, nobody is trying to work"])
def test_a_command_said_with_irony_is_never_done(registry: Registry, text: str) -> None:
    assert heard(registry, text)[0] == []


def test_what_the_speaker_did_after_so_is_news(registry: Registry) -> None:
    assert heard(registry, "it was getting dark so I switched the desk lamp on")[0] == []


def test_halfway_up_the_stairs_is_where_the_speaker_is_never_a_level(registry: Registry) -> None:
    calls = heard(registry, "I'm halfway up the stairs, turn on the hall light")[0]
    assert calls == ['turn_on(device="hallway_light")']


@pytest.mark.parametrize(("text", "expected"), [
    ("why is the bedroom fan on, switch it off", ['turn_off(device="bedroom_fan")']),
    ("why are the bedroom curtains shut, open them", ['open_cover(device="bedroom_curtains")']),
])
def test_a_why_question_answered_by_a_command_on_its_device_is_only_the_command(
        registry: Registry, text: str, expected: list[str]) -> None:
    assert heard(registry, text)[0] == expected


def test_a_why_question_alone_still_asks_the_state(registry: Registry) -> None:
    assert heard(registry, "why is the bedroom fan on")[0] == ['get_state(device="bedroom_fan")']


def test_not_waking_someone_is_no_alarm_asked_for(registry: Registry) -> None:
    assert heard(registry, "I don't want to wake the baby, so turn the tv down")[0] == [
        'step_volume(device="tv", delta=-10)']


@pytest.mark.parametrize("text", ["wake the kids and turn on the bedside lamp", "wake me up at 7 and turn on the lamp"])
def test_waking_someone_asked_for_holds_the_commands_beside_it(registry: Registry, text: str) -> None:
    assert heard(registry, text)[0] == []
