"""Dev batch 21 (issue 10): counts and quantifiers, learners' and hesitant wording, and news that names a device;
what is asked back rather than guessed."""

from __future__ import annotations

import pytest
from conftest import calls

from assistant.understand.rules import RuleMatcher


def test_a_count_before_devices_is_how_many_not_a_level(rules: RuleMatcher) -> None:
    assert calls(rules, "the two lamps in the lounge, brighter") == {
        'step_brightness(device="sofa_lamp", delta=20)', 'step_brightness(device="reading_lamp", delta=20)'}
    assert calls(rules, "turn on the two kitchen lights") == {
        'turn_on(device="kitchen_ceiling")', 'turn_on(device="kitchen_counter_lights")'}


def test_a_count_that_does_not_match_the_devices_is_asked(rules: RuleMatcher) -> None:
    result = rules.match("turn on a couple of lights in the living room")
    assert not result.calls and result.replies == ["Which ones do you mean?"]


def test_all_but_a_count_is_asked(rules: RuleMatcher) -> None:
    assert calls(rules, "all but one light in the living room off") == set()
    assert calls(rules, "turn off all the lights but the porch light")  # a device left out still acts


def test_lamps_said_of_a_room_are_its_lamps_not_every_light(rules: RuleMatcher) -> None:
    assert calls(rules, "both lamps in the living room off") == {
        'turn_off(device="sofa_lamp")', 'turn_off(device="reading_lamp")'}
    assert calls(rules, "turn off the lamps in the kitchen") == {  # none there is called a lamp
        'turn_off(device="kitchen_ceiling")', 'turn_off(device="kitchen_counter_lights")'}


def test_a_floor_after_the_lights_is_where_not_news(rules: RuleMatcher) -> None:
    assert calls(rules, "all the lights upstairs off") == {
        'turn_off(device="bedside_lamp")', 'turn_off(device="desk_lamp")'}
    assert calls(rules, "the kettle takes ages to boil") == set()


@pytest.mark.parametrize("said", [
    "that was a good movie night", "I don't want to hear about the heating",
    "did you know the thermostat is ten years old"])
def test_news_that_names_a_device_asks_nothing(rules: RuleMatcher, said: str) -> None:
    assert calls(rules, said) == set()


def test_not_wanting_a_device_still_switches_it_off(rules: RuleMatcher) -> None:
    assert calls(rules, "I don't need the heater anymore") == {'turn_off(device="study_heater")'}


@pytest.mark.parametrize(("said", "call"), [
    ("turn the heating up to twenty... twenty one", 'set_temperature(device="thermostat", temperature=21)'),
    ("open the blinds, erm, halfway", 'set_position(device="living_room_blinds", position=50)'),
    ("it is possible to close the blinds?", 'close_cover(device="living_room_blinds")'),
])
def test_hesitant_and_learners_wording_keeps_its_value_and_request(rules: RuleMatcher, said: str, call: str) -> None:
    assert calls(rules, said) == {call}


def test_closing_the_music_is_the_players_never_the_curtains(rules: RuleMatcher) -> None:
    assert calls(rules.heard_in("bedroom"), "close the music") == {'media_pause(device="bedroom_speaker")'}


def test_making_a_light_lower_dims_it_never_lowers_the_blinds(rules: RuleMatcher) -> None:
    dimmed = {f'step_brightness(device="{d}", delta=-20)' for d in ("sofa_lamp", "reading_lamp", "living_room_ceiling")}
    assert calls(rules, "make the light lower in the living room") == dimmed
    assert calls(rules, "you can make the light more low in living room") == dimmed
    assert calls(rules, "put the kettle on lower the blinds") == {  # a command of its own still starts there
        'turn_on(device="kettle")', 'close_cover(device="living_room_blinds")'}


def test_a_direction_after_an_amount_makes_it_a_step(rules: RuleMatcher) -> None:
    assert calls(rules, "heating, two degrees up") == {'step_temperature(device="thermostat", delta=2)'}
    assert calls(rules, "set the heating to 20 degrees up in the hall") == {
        'set_temperature(device="thermostat", temperature=20)'}


def test_a_device_called_then_told_in_a_word(rules: RuleMatcher) -> None:
    assert calls(rules, "garage door: up") == {'open_cover(device="garage_door")'}
    assert calls(rules, "sofa lamp. red.") == {'set_color(device="sofa_lamp", color="red")'}


@pytest.mark.parametrize(("said", "call"), [
    ("speaker vol 20", 'set_volume(device="bedroom_speaker", volume=20)'),
    ("shush the telly", 'mute(device="tv")'),
    ("the television, make it more silent", 'step_volume(device="tv", delta=-10)'),
    ("please make light in the study", 'turn_on(device="desk_lamp")'),
    ("it's a sauna in the living room", 'set_hvac_mode(device="living_room_ac", mode="cool")'),
])
def test_short_learners_and_figurative_words_from_the_lexicon(rules: RuleMatcher, said: str, call: str) -> None:
    assert calls(rules, said) == {call}


@pytest.mark.parametrize("said", ["warm the house up", "cool the house down", "heat the whole house"])
def test_warming_or_cooling_the_whole_home_is_asked_which_room(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)
    assert not result.calls and result.replies == ["Which room?"]  # never every heater and the AC at once
    assert {c.device for c in rules.heard_in("study").match(said).calls} == {"study_heater"}  # the speaker's room


@pytest.mark.parametrize("said", ["the kitchen has more lights than the hall", "I wish the kitchen had more lights"])
def test_what_a_room_has_is_news_not_more_light(rules: RuleMatcher, said: str) -> None:
    assert calls(rules, said) == set()


def test_a_room_that_has_to_be_brighter_is_asked_for(rules: RuleMatcher) -> None:
    assert {c.tool for c in rules.match("the kitchen lights have to be brighter").calls} == {"step_brightness"}


def test_a_guess_about_a_lock_is_news_never_unlocks(rules: RuleMatcher) -> None:
    assert calls(rules, "I think the back door might be unlocked") == set()
    assert calls(rules, "the back door should be locked") == {'lock(device="back_door")'}  # a wish


def test_closing_by_a_part_is_asked_how_far_open(rules: RuleMatcher) -> None:
    result = rules.match("close the blinds three quarters of the way")
    assert not result.calls and result.replies == ["How far open should it be, in percent?"]
    assert calls(rules, "close the blinds halfway") == {'set_position(device="living_room_blinds", position=50)'}
    assert calls(rules, "close the curtains to 30 percent") == {'set_position(device="bedroom_curtains", position=30)'}


@pytest.mark.parametrize(("said", "off"), [
    ("every light but the porch one, off", "porch_light"), ("all the lamps but the desk one on", "desk_lamp")])
def test_a_way_said_after_an_exclusion_is_the_commands(rules: RuleMatcher, said: str, off: str) -> None:
    got = rules.match(said).calls
    assert len(got) > 2 and off not in {c.device for c in got}
    assert calls(rules, "the sofa lamp, not the reading lamp, should be on") == set()


def test_lighter_is_brighter(rules: RuleMatcher) -> None:
    assert {c.tool for c in rules.match("make the lounge lighter").calls} == {"step_brightness"}


def test_the_one_in_a_room_names_a_device_never_a_level_of_1(rules: RuleMatcher) -> None:
    assert calls(rules, "turn on the light in the hall and the one in the garage") == {
        'turn_on(device="hallway_light")', 'turn_on(device="garage_light")'}
    kitchen = rules.match("turn on the light in the hall and the one in the kitchen").calls
    assert kitchen and all(c.tool == "turn_on" for c in kitchen)
    assert calls(rules.heard_in("study"), "set the lamp to 1") == {'set_brightness(device="desk_lamp", brightness=1)'}


@pytest.mark.parametrize(("said", "device"), [
    ("I left the garage light on, didn't I", "garage_light"), ("we locked the back door, didn't we", "back_door")])
def test_news_with_a_did_tag_asks_the_state(rules: RuleMatcher, said: str, device: str) -> None:
    assert calls(rules, said) == {f'get_state(device="{device}")'}


def test_a_wish_in_the_past_tense_is_the_request(rules: RuleMatcher) -> None:
    assert calls(rules, "I'd appreciate it if the porch light went off") == {'turn_off(device="porch_light")'}
    assert calls(rules, "the porch light went off") == set()  # news


def test_a_count_said_in_a_complaint_is_checked_too(rules: RuleMatcher) -> None:
    assert calls(rules, "the 2 lights in the living room are too bright") == set()  # three lights answer it: asked
    assert calls(rules, "the 3 lamps in the living room are too bright") == set()  # its two lamps answer it: asked


def test_an_exclusion_is_never_read_as_a_reason(rules: RuleMatcher) -> None:
    assert calls(rules, "lights off everywhere except the room I'm in") == set()  # never every light


def test_let_me_know_if_asks_the_state(rules: RuleMatcher) -> None:
    assert calls(rules, "let me know if the garage door's open") == {'get_state(device="garage_door")'}


def test_a_misspelling_of_a_name_said_with_lamp_for_light_must_be_near(rules: RuleMatcher) -> None:
    assert 'turn_on(device="porch_light")' not in calls(rules, "turn on the sprinklers for the front lawn")
    assert calls(rules, "switch on the bedside ligt") == {'turn_on(device="bedside_lamp")'}
    assert calls(rules, "turn on the front lite") == {'turn_on(device="porch_light")'}


@pytest.mark.parametrize("said", ["I've just turned the heating down", "we've locked the back door"])
def test_what_the_speaker_has_done_is_news(rules: RuleMatcher, said: str) -> None:
    assert calls(rules, said) == set()


def test_a_kind_asked_after_two_rooms_is_asked_in_each(rules: RuleMatcher) -> None:
    assert calls(rules, "are the bedroom and study lamps off") == {
        'get_state(device="bedside_lamp")', 'get_state(device="desk_lamp")'}  # never switched off


@pytest.mark.parametrize(("said", "tool"), [
    ("send the robot in", "start_cleaning"), ("send the robot back", "return_to_base"), ("send the robot", None)])
def test_sending_the_robot_in_sets_it_to_work(rules: RuleMatcher, said: str, tool: str | None) -> None:
    assert {c.tool for c in rules.match(said).calls} == ({tool} if tool else set())


def test_every_single_thing_in_a_room_is_everything_there(rules: RuleMatcher) -> None:
    assert {c.device for c in rules.match("switch off every single thing in the kitchen").calls} == {
        "kitchen_ceiling", "kitchen_counter_lights", "kettle", "coffee_machine"}


def test_on_the_porch_before_a_way_said_last_is_where(rules: RuleMatcher) -> None:
    got = rules.match("the lights in the hall and on the porch, off").calls
    assert got and all(c.tool == "turn_off" for c in got)  # never on
    both = rules.match("lights on in the kitchen, off in the bedroom").calls
    assert {c.tool for c in both} == {"turn_on", "turn_off"}


def test_each_told_its_own_way_with_a_time_is_asked_which_part_waits(rules: RuleMatcher) -> None:
    assert calls(rules, "sprinkler on now and off in ten minutes") == set()
    assert calls(rules.heard_in("kitchen"), "tv off and lights off in 10 minutes") == {
        'turn_off(device="tv", delay_s=600)', 'turn_off(device="kitchen_ceiling", delay_s=600)',
        'turn_off(device="kitchen_counter_lights", delay_s=600)'}


def test_standby_is_off(rules: RuleMatcher) -> None:
    assert calls(rules, "switch the telly to standby") == {'turn_off(device="tv")'}


def test_both_after_devices_named_one_by_one_reaches_each(rules: RuleMatcher) -> None:
    assert calls(rules, "the sofa lamp and the reading lamp, both to 30") == {
        'set_brightness(device="sofa_lamp", brightness=30)', 'set_brightness(device="reading_lamp", brightness=30)'}
    assert calls(rules, "bang the heating on") == {'turn_on(device="thermostat")'}


def test_a_drawn_out_shiver_is_no_unknown_word(rules: RuleMatcher) -> None:
    assert calls(rules, "brrr it's cold in the study") == {'turn_on(device="study_heater")'}


def test_a_particle_inside_a_room_name_is_no_direction(rules: RuleMatcher) -> None:
    assert calls(rules, "switch on the lights out front") == {'turn_on(device="porch_light")'}  # never off
    assert calls(rules, "turn the lights off out front") == {'turn_off(device="porch_light")'}
