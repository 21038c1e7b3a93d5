"""The third fresh corpus phrased by other people (issue 10, tests/data/cases_fresh3_dev.yaml): what its dev split
showed the rules misread, and that they now read it or ask rather than act."""

from __future__ import annotations

from conftest import calls

from assistant.understand.rules import RuleMatcher


def test_get_off_the_furniture_is_said_to_someone_never_a_switch_off(rules: RuleMatcher) -> None:
    assert calls(rules, "get off the counter, Biscuit") == set()
    assert calls(rules, "get off the sofa") == set()
    assert calls(rules, "get the tv off") == {'turn_off(device="tv")'}


def test_which_switch_is_a_device_asks_which_is_which_not_its_state(rules: RuleMatcher) -> None:
    assert calls(rules, "which switch is the porch light") == set()
    assert calls(rules, "is the porch light on") == {'get_state(device="porch_light")'}


def test_the_weather_out_of_doors_is_never_a_rooms_thermometer(rules: RuleMatcher) -> None:
    assert calls(rules, "is it cold out") == set()
    assert calls(rules, "how cold is it out") == set()
    assert calls(rules, "is it cold in the living room") == {'get_state(device="living_room_temperature")'}


def test_a_need_said_of_a_device_and_its_room_picks_the_device_there(rules: RuleMatcher) -> None:
    assert calls(rules, "the ceiling light in the kitchen is way too bright") == {
        'step_brightness(device="kitchen_ceiling", delta=-20)'}
    assert calls(rules, "the kitchen ceiling light is too bright") == {
        'step_brightness(device="kitchen_ceiling", delta=-20)'}
    assert calls(rules, "the ceiling light is too bright") == set()  # which one: asked


def test_words_around_a_command_that_ask_nothing_more_leave_it_done(rules: RuleMatcher) -> None:
    assert calls(rules, "lock the front door behind me") == {'lock(device="front_door")'}
    assert calls(rules, "set the thermostat to exactly twenty point five degrees") == {
        'set_temperature(device="thermostat", temperature=20.5)'}
    assert calls(rules, "bedside lamp as dim as it goes") == {'set_brightness(device="bedside_lamp", brightness=1)'}
    assert calls(rules, "switch the kettle on and get the coffee machine going too") == {
        'turn_on(device="kettle")', 'turn_on(device="coffee_machine")'}
    assert calls(rules, "the desk lamp's too harsh, knock it down a bit") == {
        'step_brightness(device="desk_lamp", delta=-20)'}


def test_a_drink_is_the_gardens_only_when_the_garden_is_said(rules: RuleMatcher) -> None:
    assert calls(rules, "the garden could do with a drink") == {'turn_on(device="garden_sprinkler")'}
    assert calls(rules, "I could do with a drink") == set()


def test_give_us_some_light_is_a_request_for_light(rules: RuleMatcher) -> None:
    assert calls(rules, "gie us some light in the kitchen") == {
        'turn_on(device="kitchen_ceiling")', 'turn_on(device="kitchen_counter_lights")'}


def test_what_the_speaker_wants_to_do_after_a_command_is_its_reason(rules: RuleMatcher) -> None:
    assert calls(rules, "turn the telly on i want to watch cartoons") == {'turn_on(device="tv")'}
    assert calls(rules, "turn on the porch light we need to see the path") == {'turn_on(device="porch_light")'}
    assert calls(rules, "turn off the tv i want to turn off the lights") == set()  # a command of its own: asked
    assert calls(rules, "turn off the tv i want the lights off") == set()


def test_what_the_speaker_cannot_do_before_a_request_is_its_reason(rules: RuleMatcher) -> None:
    assert calls(rules, "I can't work this television, would you switch it off") == {'turn_off(device="tv")'}
    assert calls(rules, "I can't reach the tv, would you switch it off") == {'turn_off(device="tv")'}
    assert calls(rules, "I can't turn off the tv") == set()  # a command taken back, never done


def test_not_remembering_beside_a_question_is_why_it_is_asked(rules: RuleMatcher) -> None:
    assert calls(rules, "is the back door locked, I can never remember") == {'get_state(device="back_door")'}
    assert calls(rules, "did I lock the back door, I can't remember") == {'get_state(device="back_door")'}
    assert calls(rules, "I can never remember to lock the back door") == set()


def test_what_someone_else_is_doing_before_a_command_is_its_reason(rules: RuleMatcher) -> None:
    assert calls(rules, "the dog's barking at the sprinkler, turn it off") == {'turn_off(device="garden_sprinkler")'}
    assert calls(rules, "the baby is crying at the tv, turn it off") == {'turn_off(device="tv")'}
    assert calls(rules, "the dog is barking at the sprinkler") == set()  # news alone asks nothing


def test_a_vacuum_sent_over_goes_to_work(rules: RuleMatcher) -> None:
    assert calls(rules, "someone spilled wine, send the roomba over") == {'start_cleaning(device="robot_vacuum")'}
    assert calls(rules, "send the robot") == set()  # neither where nor home: asked
