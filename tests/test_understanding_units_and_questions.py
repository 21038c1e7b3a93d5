"""Dev batch 20 (issue 10): temperatures in every unit people say, questions about what a device can do or why it
is as it is, rules for from now on, rooms named by a person, and office wording. What the tools cannot take as said
(Fahrenheit) is asked, never converted or read as Celsius."""

from __future__ import annotations

import pytest
from conftest import calls

from assistant.config import load_config
from assistant.understand.rules import IN_CELSIUS, RuleMatcher


@pytest.mark.parametrize("text", ["set the ac to 30 fahrenheit", "put the heating on 65°F",
                                  "Set the thermostat to 20 °F.", "turn the heating up 2 degrees fahrenheit",
                                  "set the thermostat to 68 F"])
def test_fahrenheit_is_asked_in_celsius_never_set(rules: RuleMatcher, text: str) -> None:
    result = rules.match(text)
    assert not result.calls and not result.unsure and not result.held and result.replies == [IN_CELSIUS]


@pytest.mark.parametrize(("text", "degrees"), [("Heating 18 ºC", 18), ("put the thermostat on 19 centigrade", 19),
                                               ("set the heating to 22 degrees C", 22),
                                               ("set the heating to 20 deg", 20)])
def test_celsius_written_every_way_is_the_value(rules: RuleMatcher, text: str, degrees: int) -> None:
    assert calls(rules, text) == {f'set_temperature(device="thermostat", temperature={degrees})'}


@pytest.mark.parametrize("text", ["is the desk lamp dimmable", "which lights can change colour",
                                  "does the thermostat go up to 30", "what can the air conditioner do",
                                  "how bright can the desk lamp go", "can I lock the back door from here"])
def test_a_question_about_what_a_device_can_do_asks_nothing_of_it(rules: RuleMatcher, text: str) -> None:
    result = rules.match(text)
    assert not result.calls and not result.unsure and not result.held


def test_a_capability_said_with_its_value_is_a_request(rules: RuleMatcher) -> None:
    assert calls(rules, "can the sofa lamp change colour to red") == {'set_color(device="sofa_lamp", color="red")'}


@pytest.mark.parametrize("text", ["going forward, keep the hall light off", "per the schedule, the blinds go down at "
                                  "sunset", "from now on turn the porch light off"])
def test_a_rule_for_from_now_on_is_not_done_now(rules: RuleMatcher, text: str) -> None:
    assert calls(rules, text) == set()


def test_a_room_named_by_a_person_is_not_guessed(rules: RuleMatcher) -> None:
    result = rules.match("is the baby's room warm enough")
    assert not result.calls and "baby room" in result.replies[0]


def test_a_state_denied_in_a_question_is_no_exclusion(rules: RuleMatcher) -> None:
    assert calls(rules, "are the lights not on in the kitchen") == {'get_state(device="kitchen_ceiling")',
                                                                    'get_state(device="kitchen_counter_lights")'}
    assert calls(rules, "is the porch light not on?") == {'get_state(device="porch_light")'}


def test_a_why_question_about_a_feeling_is_the_complaint(rules: RuleMatcher) -> None:
    assert calls(rules, "why is it so dark in the study") == {'turn_on(device="desk_lamp")'}


def test_office_wording_and_terms_of_address_change_nothing(rules: RuleMatcher) -> None:
    assert calls(rules, "kindly turn off the kitchen lights at your earliest convenience") == {
        'turn_off(device="kitchen_ceiling")', 'turn_off(device="kitchen_counter_lights")'}
    assert calls(rules, "circling back to the heating, set it to 20") == {
        'set_temperature(device="thermostat", temperature=20)'}
    assert calls(rules, "I can't hear the telly, pet") == {'step_volume(device="tv", delta=10)'}
    assert calls(rules, "would you be so kind as to lock the back door for an old man") == {'lock(device="back_door")'}


@pytest.mark.parametrize("text", ["the bulb in the hall has gone", "the bedroom fan is broken",
                                  "the hall light has blown"])
def test_a_fault_said_as_news_asks_nothing(rules: RuleMatcher, text: str) -> None:
    result = rules.match(text)
    assert not result.calls and not result.undecided  # never left to the model, which turned the hall light on


@pytest.mark.parametrize("text", ["match the counter lights to the sofa lamp",
                                  "make the reading lamp brighter than the ceiling light"])
def test_one_device_compared_with_another_is_not_guessed(rules: RuleMatcher, text: str) -> None:
    result = rules.match(text)
    assert not result.calls and not result.undecided and not result.unsure


def test_a_level_at_its_extreme_is_no_comparison(rules: RuleMatcher) -> None:
    assert calls(rules, "make the sofa lamp as bright as possible") == {
        'set_brightness(device="sofa_lamp", brightness=100)'}


def test_a_device_placed_by_a_thing_the_home_lacks_is_asked_as_it_is(rules: RuleMatcher) -> None:
    result = rules.match("turn the kitchen light over the sink off")
    assert not result.calls and not result.unsure and {str(c) for c in result.held} == {
        'turn_off(device="kitchen_ceiling")', 'turn_off(device="kitchen_counter_lights")'}


def test_a_clock_time_and_its_part_of_the_day_are_one_time(rules: RuleMatcher) -> None:
    assert calls(rules, "Close the garage door at 9 p.m. tonight.") == {
        'close_cover(device="garage_door", at="21:00")'}
    assert calls(rules, "turn on the porch light at 7 am this morning") == {'turn_on(device="porch_light", at="07:00")'}


def test_able_asks_what_a_device_can_do_even_with_a_value(rules: RuleMatcher) -> None:
    assert calls(rules, "is the bedside lamp able to go blue") == set()
    assert calls(rules, "what colours can the counter lights do") == set()


def test_the_speakers_inability_before_a_request_is_its_reason() -> None:
    bedroom = RuleMatcher(load_config(None).registry(), "bedroom")
    assert {str(c) for c in bedroom.match("I can't reach the switch, could you put the lamp on, love").calls} == {
        'turn_on(device="bedside_lamp")'}
    said = "I'm in my chair and can't get up, would you close the curtains"
    assert {str(c) for c in bedroom.match(said).calls} == {'close_cover(device="bedroom_curtains")'}  # "in my chair"
    # is no room the home lacks
    assert bedroom.match("I can't turn off the lights").calls == []  # a device's own verb: not asked for


def test_can_a_device_with_only_a_verb_asks_whether_it_can(rules: RuleMatcher) -> None:
    assert calls(rules, "can the desk lamp dim?") == set()
    assert calls(rules, "can the tv go louder") == {'step_volume(device="tv", delta=10)'}


def test_a_negative_question_with_has_asks_the_state(rules: RuleMatcher) -> None:
    assert calls(rules, "hasn't the dehumidifier been switched off yet") == {'get_state(device="dehumidifier")'}


def test_a_tag_asking_agreement_after_a_typed_command_is_politeness(rules: RuleMatcher) -> None:
    assert calls(rules, "close the blinds alright?") == {'close_cover(device="living_room_blinds")'}
    assert calls(rules, "set the heating to 20?") == set()  # checked first: asked yes or no


def test_a_question_about_energy_use_asks_nothing(rules: RuleMatcher) -> None:
    assert calls(rules, "did you know kettles use a lot of power") == set()


@pytest.mark.parametrize("text", ["do the blinds go all the way down", "how warm does the study heater get"])
def test_what_a_device_does_asked_with_do_or_how_asks_nothing(rules: RuleMatcher, text: str) -> None:
    assert calls(rules, text) == set()


def test_a_fault_of_a_part_of_a_device_is_news(rules: RuleMatcher) -> None:
    result = rules.match("the speaker's battery is dead")
    assert not result.calls and not result.undecided  # the model turned the speaker on


def test_a_deadline_not_read_whole_is_asked(rules: RuleMatcher) -> None:
    result = rules.match("please ensure the porch light is off by end of day")
    assert not result.calls and not result.unsure and not result.held  # the model turned it off now


def test_any_with_a_comparative_asks_whether_it_can(rules: RuleMatcher) -> None:
    assert calls(rules, "can the curtains open any wider") == set()
    assert calls(rules, "is the ceiling fan adjustable") == set()


@pytest.mark.parametrize("text", ["the blinds got tangled", "the sprinkler soaked the postman",
                                  "the sofa lamp has a loose wire", "the garage door remote needs new batteries"])
def test_what_happened_to_a_device_said_as_news_is_not_left_to_the_model(rules: RuleMatcher, text: str) -> None:
    result = rules.match(text)
    assert not result.calls and not result.undecided  # the model turned the sprinkler and the garage light on


def test_a_need_said_as_an_action_still_asks_for_it(rules: RuleMatcher) -> None:
    assert calls(rules, "the lawn needs watering") == {'turn_on(device="garden_sprinkler")'}
    assert calls(rules, "the front door needs locking") == {'lock(device="front_door")'}


@pytest.mark.parametrize("text", ["the sofa lamp fell over", "the bedroom fan woke the baby",
                                  "the thermostat lost its settings", "the sprinkler needs moving"])
def test_what_befell_a_device_is_news_never_a_guess(rules: RuleMatcher, text: str) -> None:
    result = rules.match(text)
    assert not result.calls and not result.undecided  # the model turned the lamp, the fan and the sprinkler on


def test_office_and_grateful_wording_asks_for_the_command(rules: RuleMatcher) -> None:
    assert calls(rules, "per my earlier message, please unlock the front door") == {'unlock(device="front_door")'}
    assert calls(rules, "would it be too much trouble to pop the porch light on") == {'turn_on(device="porch_light")'}


@pytest.mark.parametrize("text", ["the hoover ate a sock", "the porch light flickering"])
def test_an_unknown_word_straight_after_a_device_that_starts_the_sentence_is_news(rules: RuleMatcher,
                                                                                  text: str) -> None:
    result = rules.match(text)
    assert not result.calls and not result.undecided  # not handed to the model to guess a command


def test_a_scene_said_with_a_word_after_it_is_still_the_scene_for_the_model(rules: RuleMatcher) -> None:
    guessed = [str(c) for _, calls in rules.match("good night everyone").unsure for c in calls]
    assert guessed == ['activate(device="good_night")']  # the model (or a yes) confirms it


def test_how_a_device_feels_or_looks_is_news(rules: RuleMatcher) -> None:
    result = rules.match("the front door lock feels stiff")
    assert not result.calls and not result.undecided and not result.unsure  # the model locked it


def test_can_a_device_be_set_to_a_value_is_a_request(rules: RuleMatcher) -> None:
    assert calls(rules, "can the heating be set to 21") == {'set_temperature(device="thermostat", temperature=21)'}
    assert calls(rules, "can the heating be set to 85") == set()  # out of range: refused, never its state
    assert calls(rules, "what temperatures can the thermostat do") == set()


def test_how_the_speakers_thing_has_become_is_news(rules: RuleMatcher) -> None:
    assert calls(rules, "my tea has gone cold") == set()
    assert calls(rules, "I fancy a cup of tea") == {'turn_on(device="kettle")'}


def test_what_the_speaker_is_doing_is_news(rules: RuleMatcher) -> None:
    result = rules.match("FYI I'm turning the heating down")
    assert not result.calls and not result.unsure  # the model turned it down


def test_one_fan_as_fast_as_another_is_not_guessed(rules: RuleMatcher) -> None:
    assert calls(rules, "make the bathroom fan as fast as the bedroom fan") == set()  # both were set to high
