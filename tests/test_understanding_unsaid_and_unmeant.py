"""The classes of the dev split's last wrong actions (issue 10, helper D), each checked on sentences of its kind that
were written before the assistant was run on them: nothing is done where the sentence does not say what to do, and
the plain command beside each stays done. Read through the rules, with the demo home."""

from __future__ import annotations

import pytest
from conftest import rules_calls as calls_of

from assistant.understand.rules import RuleMatcher


@pytest.mark.parametrize("said", [
    "turn off the tv, or leave it, dunno",
    "lock the back door, or leave it open, whatever",
    "turn off the study heater, or keep it on, not bothered",
    "set the reading lamp to 30 percent or whatever you think",
    "make the heating 21, or whatever's comfy",
    "turn the bathroom fan off, or on, either way",
    "turn the kitchen lights on, or off, whichever",
    "I half want the tv off",
])
def test_a_command_offered_with_leaving_it_or_the_other_way_is_asked(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)
    assert result.calls == [] and result.replies


@pytest.mark.parametrize(("said", "done"), [
    ("is the porch light on or off", 'get_state(device="porch_light")'),
    ("turn the bathroom fan off", 'turn_off(device="bathroom_fan")'),
    ("set the heating to 20, whatever the forecast says", 'set_temperature(device="thermostat", temperature=20)'),
])
def test_a_command_or_question_with_no_alternative_offered_is_read_as_before(rules: RuleMatcher, said: str,
                                                                              done: str) -> None:
    assert calls_of(rules, said) == [done]


@pytest.mark.parametrize("said", [
    "turn the tv up by loads",
    "dim the sofa lamp by heaps",
    "lower the blinds by a good amount",
    "set the heating to twenty-something",
    "set the tv volume to thirty-something",
    "put the heating on twenty-odd",
])
def test_a_size_or_level_said_without_its_number_is_asked(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)
    assert result.calls == [] and result.replies


@pytest.mark.parametrize(("said", "done"), [
    ("turn the tv up by twenty", 'step_volume(device="tv", delta=20)'),
    ("raise the heating by a couple of degrees", 'step_temperature(device="thermostat", delta=2)'),
    ("set the heating to twenty or so", 'set_temperature(device="thermostat", temperature=20)'),
    ("crank the tv up a lot", 'step_volume(device="tv", delta=10)'),
])
def test_a_number_said_or_a_step_without_by_keeps_its_value(rules: RuleMatcher, said: str, done: str) -> None:
    assert calls_of(rules, said) == [done]


@pytest.mark.parametrize("said", [
    "set the blinds lower than the curtains",
    "make the bedroom curtains more open than the blinds",
    "get the blinds higher than the curtains",
    "put the tv a bit quieter than the speaker",
    "turn the bedroom speaker down below the tv",
])
def test_a_level_said_against_another_devices_is_asked(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)
    assert result.calls == [] and not result.unsure


@pytest.mark.parametrize(("said", "done"), [
    ("turn off all the lights other than the porch light", 'turn_off(device="sofa_lamp")'),
    ("set the thermostat a little lower than now", 'step_temperature(device="thermostat", delta=-1)'),
])
def test_than_after_other_or_of_one_device_is_no_comparison(rules: RuleMatcher, said: str, done: str) -> None:
    assert done in calls_of(rules, said)


@pytest.mark.parametrize(("said", "done"), [
    ("did you want the tv on? fine, tv on", ['turn_on(device="tv")']),
    ("are the blinds open? whatever, open them", ['open_cover(device="living_room_blinds")']),
    ("was the porch light on? oh well, switch it on", ['turn_on(device="porch_light")']),
    ("did I leave the garage light on? just turn it off", ['turn_off(device="garage_light")']),
])
def test_a_command_typed_after_a_question_mark_is_done_and_answers_it(rules: RuleMatcher, said: str,
                                                                      done: list[str]) -> None:
    assert calls_of(rules, said) == done


def test_a_question_with_and_still_asks_each_device(rules: RuleMatcher) -> None:
    assert calls_of(rules, "did you turn off the tv and lock the front door") == [
        'get_state(device="tv")', 'get_state(device="front_door")']


@pytest.mark.parametrize(("said", "done"), [
    ("turn the bedroom speaker on, some music would be nice", ['turn_on(device="bedroom_speaker")']),
    ("turn on the bedroom speaker, I fancy some music", ['turn_on(device="bedroom_speaker")']),
    ("turn the tv down to 15 and press play", ['set_volume(device="tv", volume=15)', 'media_play(device="tv")']),
])
def test_a_need_said_after_the_command_that_meets_it_adds_no_action(rules: RuleMatcher, said: str,
                                                                    done: list[str]) -> None:
    assert calls_of(rules, said) == done


@pytest.mark.parametrize("said", [
    "go on then, make the living room even hotter",
    "oh yes, please, make the tv even louder, I love a headache",
    "lovely, switch the bedroom fan on full, I enjoy being frozen",
    "dim the reading lamp some more, squinting is my favourite hobby",
    "please do make the study even colder, my fingers are only slightly numb",
])
def test_irony_without_a_tag_is_asked_never_done(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)
    assert result.calls == [] and result.replies


@pytest.mark.parametrize(("said", "done"), [
    ("turn the tv up, I love this song", 'step_volume(device="tv", delta=10)'),
    ("I'm even colder now, turn the heating up", 'step_temperature(device="thermostat", delta=1)'),
    ("go on then, turn the porch light on", 'turn_on(device="porch_light")'),
])
def test_pleasure_at_no_harm_or_even_in_a_complaint_is_meant(rules: RuleMatcher, said: str, done: str) -> None:
    assert calls_of(rules, said) == [done]


@pytest.mark.parametrize("said", [
    "what year was the robot vacuum invented",
    "how heavy is the tv",
    "what's the warranty on the robot vacuum",
    "what year did the roomba come out",
    "where was the kettle made",
])
def test_a_question_about_a_devices_make_or_history_asks_no_state(rules: RuleMatcher, said: str) -> None:
    assert calls_of(rules, said) == []


def test_a_question_about_how_a_device_is_still_asks_its_state(rules: RuleMatcher) -> None:
    assert calls_of(rules, "is the robot vacuum docked") == ['get_state(device="robot_vacuum")']


@pytest.mark.parametrize("said", [
    "lower the reading lamp under the sofa lamp",
    "raise the blinds above where the curtains are",
])
def test_a_device_placed_by_another_device_is_held_never_left_to_the_model(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)
    assert result.calls == [] and result.unsure == [] and result.held


def test_a_kind_placed_by_the_thing_its_name_says_is_still_that_device(rules: RuleMatcher) -> None:
    assert calls_of(rules, "turn on the lamp next to the sofa") == ['turn_on(device="sofa_lamp")']
