"""Wrong actions found by probing classes no batch had probed (CASES.md batch 35, helper V, issue 10): each class as
read by the understander as a sentence is heard."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize("said", ["young man, turn the tv off", "young man turn the tv off",
                                  "excuse me young lady, could you close the curtains", "oi you, lights off",
                                  "hey you lot, turn off the tv", "you two, turn the tv down",
                                  "little man, switch off the night light"])
def test_a_person_named_in_two_words_first_is_someone_spoken_to(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("said", "expected"), [("hey buddy, turn on the porch light", 'turn_on(device="porch_light")'),
                                                ("right mate, lock the back door", 'lock(device="back_door")')])
def test_buddy_and_mate_are_still_said_to_the_house(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize("said", ["oh great, unlock the front door for the burglars why don't you",
                                  "sure, turn the heating up, we're made of money"])
def test_a_command_with_an_ironic_tag_is_asked(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize("said", ["sure, unlock the front door, let's invite everyone in",
                                  "yeah, turn the heating up, because it's not hot enough already",
                                  "sure, turn the heating up, I love paying the gas bill"])
def test_a_command_with_irony_after_it_is_asked_never_done(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the heating up, it's not warm enough yet", 'step_temperature(device="thermostat", delta=1)'),
    ("unlock the front door, let the plumber in", 'unlock(device="front_door")')])
def test_a_command_with_its_plain_reason_is_still_done(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


def test_why_dont_you_said_first_is_still_a_request(home_registry: Registry) -> None:
    assert heard(home_registry, "why don't you turn the porch light on")[0] == ['turn_on(device="porch_light")']


@pytest.mark.parametrize("said", ["mum said so turn off the tv", "my wife said so lock the back door"])
def test_someones_say_so_before_a_command_may_be_their_words_and_is_asked(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize("said", ["turn off the tv, mum said so", "I said so turn off the tv"])
def test_a_say_so_after_the_command_or_the_speakers_own_is_no_quote(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == ['turn_off(device="tv")']


@pytest.mark.parametrize("said", ["the front door and the back door are unlocked", "the tv and the speaker are on",
                                  "the tv and speaker are both on", "the blinds and the curtains are open"])
def test_news_of_two_names_joined_by_and_is_news_of_both(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_them_after_news_of_two_names_is_both(home_registry: Registry) -> None:
    assert heard(home_registry, "the front door and the back door are unlocked, lock them")[0] == [
        'lock(device="front_door")', 'lock(device="back_door")']


@pytest.mark.parametrize("said", ["the sofa lamp and the reading lamp are on, turn it off",
                                  "the reading lamp is brighter than the sofa lamp, turn it down"])
def test_it_after_two_names_said_as_news_is_asked_which(home_registry: Registry, said: str) -> None:
    calls, reply = heard(home_registry, said)
    assert calls == [] and 'Which one do you mean by "it"?' in (reply or "")


def test_two_names_before_one_way_said_after_them_are_both_told(home_registry: Registry) -> None:
    assert heard(home_registry, "tv and speaker off")[0] == [
        'turn_off(device="tv")', 'turn_off(device="bedroom_speaker")']


@pytest.mark.parametrize(("said", "expected"), [
    ("someone should lock the back door, can you do it", 'lock(device="back_door")'),
    ("somebody needs to turn the tv off, could you do that", 'turn_off(device="tv")'),
    ("lock the back door, can you do it", 'lock(device="back_door")')])
def test_do_it_after_an_action_said_asks_the_house_to_do_it(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


def test_someones_duty_with_another_person_to_do_it_is_still_not_done(home_registry: Registry) -> None:
    assert heard(home_registry, "someone should lock the back door, I'll ask dad")[0] == []


@pytest.mark.parametrize("said", ["is the back door locked? lock it anyway", "lock the back door regardless"])
def test_anyway_ending_a_command_changes_nothing(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == ['lock(device="back_door")']


@pytest.mark.parametrize("said", ["close both", "lock both"])
def test_both_with_nothing_named_is_asked_which(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said) == ([], "Both of which do you mean?")


def test_both_after_two_names_is_both_of_them(home_registry: Registry) -> None:
    assert heard(home_registry, "the porch light and the hall light, both on")[0] == [
        'turn_on(device="hallway_light")', 'turn_on(device="porch_light")']


@pytest.mark.parametrize(("said", "area"), [("can you hear me", "bedroom"), ("can you hear me ok", "living room"),
                                            ("hello, can you hear me", "bedroom"), ("can you see us", "study")])
def test_asking_whether_the_assistant_hears_the_speaker_changes_no_volume(home_registry: Registry, said: str,
                                                                          area: str) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "area"), [("can you hear the tv", "living room"),
                                            ("can you see the porch light", None),
                                            ("can you hear the speaker from there", "bedroom")])
def test_asking_whether_the_assistant_senses_a_device_changes_nothing(home_registry: Registry, said: str,
                                                                      area: str | None) -> None:
    assert heard(home_registry, said, area)[0] == []


def test_a_speaker_who_cannot_hear_the_tv_still_gets_it_louder(home_registry: Registry) -> None:
    assert heard(home_registry, "i can't hear the tv", "living room")[0] == ['step_volume(device="tv", delta=10)']


@pytest.mark.parametrize("said", ["open the blinds, because I just love the sun in my eyes",
                                  "switch off the hall light, I simply love falling over the shoes in the dark"])
def test_irony_whose_harm_is_said_in_words_away_from_the_pleasure_is_asked(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


def test_a_pleasure_the_command_brings_is_its_reason(home_registry: Registry) -> None:
    assert heard(home_registry, "open the blinds, because I love the morning sun", "living room")[0] == [
        'open_cover(device="living_room_blinds")']


@pytest.mark.parametrize(("said", "expected"), [
    ("dim both lamps", ['step_brightness(device="sofa_lamp", delta=-20)', 'step_brightness(device="reading_lamp", '
                                                                          'delta=-20)']),
    ("both lamps off please", ['turn_off(device="sofa_lamp")', 'turn_off(device="reading_lamp")'])])
def test_both_lamps_in_a_room_of_two_are_those_two(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said, "living room")[0] == expected


def test_both_lamps_with_no_room_known_is_asked_which(home_registry: Registry) -> None:
    assert heard(home_registry, "turn off both lamps")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("I don't want the tv and the speaker on", ['turn_off(device="tv")', 'turn_off(device="bedroom_speaker")']),
    ("we don't want the blinds and the curtains open", ['close_cover(device="living_room_blinds")',
                                                        'close_cover(device="bedroom_curtains")']),
    ("don't leave the front door and the back door unlocked", ['lock(device="front_door")',
                                                               'lock(device="back_door")'])])
def test_a_negated_wish_before_two_names_is_said_of_both(home_registry: Registry, said: str,
                                                           expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


def test_a_command_of_its_own_after_a_negated_wish_is_done_as_said(home_registry: Registry) -> None:
    assert heard(home_registry, "I don't want the tv on, and turn the speaker on")[0] == [
        'turn_off(device="tv")', 'turn_on(device="bedroom_speaker")']


@pytest.mark.parametrize("said", ["no need to close the blinds but keep the curtains open",
                                  "there's no need to turn off the tv, keep the sofa lamp on",
                                  "no need to turn on the porch light and keep the hallway light off"])
def test_a_device_kept_as_it_is_after_a_refusal_is_never_turned_the_refused_way(home_registry: Registry,
                                                                               said: str) -> None:
    # batch 57: the refusal was read as a negated wish said of both, so the curtains closed and the sofa lamp went off
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize("said", ["have the kids turn the tv off", "have Sam lock the back door"])
def test_someone_made_to_do_it_is_not_asked_of_the_house(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [("have you turned off the tv", 'get_state(device="tv")'),
                                                ("haven't we locked the front door", 'get_state(device="front_door")')])
def test_have_with_a_participle_still_asks_the_state(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("you locked the front door, didn't you", None, ['get_state(device="front_door")']),
    ("you haven't left the tv on, have you", None, ['get_state(device="tv")']),
    ("the lights are off, aren't they", "living room", ['get_state(device="sofa_lamp")',
                                                        'get_state(device="reading_lamp")',
                                                        'get_state(device="living_room_ceiling")'])])
def test_a_tag_question_asks_the_state(home_registry: Registry, said: str, area: str | None,
                                       expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected


def test_agreeing_before_a_command_has_no_reply_of_its_own(home_registry: Registry) -> None:
    assert heard(home_registry, "good idea, turn on the porch light") == (['turn_on(device="porch_light")'], None)


@pytest.mark.parametrize(("said", "expected"), [
    ("neither the kettle nor the coffee machine should be on", ['turn_off(device="kettle")',
                                                                'turn_off(device="coffee_machine")']),
    ("I want neither the sofa lamp nor the reading lamp on", ['turn_off(device="sofa_lamp")',
                                                              'turn_off(device="reading_lamp")'])])
def test_neither_nor_is_the_negation_said_of_both(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


def test_neither_nor_said_as_news_is_no_command(home_registry: Registry) -> None:
    assert heard(home_registry, "neither the tv nor the speaker is on")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("the speaker is quieter than the tv, turn the tv down", 'step_volume(device="tv", delta=-10)'),
    ("the tv is louder than the speaker, turn the speaker up", 'step_volume(device="bedroom_speaker", delta=10)')])
def test_a_command_on_the_device_compared_with_is_done(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


def test_a_command_against_what_its_own_comparison_says_is_asked(home_registry: Registry) -> None:
    assert heard(home_registry, "the tv is louder than the speaker, turn the tv up")[0] == []


@pytest.mark.parametrize("said", ["she goes, turn the music down", "and he was like, lock the front door",
                                  "my son goes, turn the tv up", "turn off the lights, she shouted",
                                  "lock the front door, my husband yelled at me"])
def test_someones_words_told_as_a_story_are_passed_on(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize("said", ["turn off the kettle, I said", "turn off the tv, mum said so"])
def test_the_speakers_own_words_or_a_say_so_after_the_command_are_no_story(home_registry: Registry, said: str) -> None:
    assert len(heard(home_registry, said)[0]) == 1


@pytest.mark.parametrize("said", ["that's how you turn off the lights", "this is how you lock the front door",
                                  "here's how to switch on the kettle"])
def test_a_way_shown_to_someone_is_no_request(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


def test_how_the_speaker_likes_it_before_a_command_is_no_way_shown(home_registry: Registry) -> None:
    assert heard(home_registry, "that is how i like it, turn the tv up")[0] == ['step_volume(device="tv", delta=10)']


@pytest.mark.parametrize("said", ["turn your tv off and go outside and play",
                                  "turn your heating down by one degree and save money", "turn your tv off",
                                  "you're on mute", "you're still on mute", "close your eyes", "open your eyes"])
def test_a_device_of_the_listeners_or_how_the_listener_is_is_said_to_people(home_registry: Registry, said: str
                                                                            ) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("roomba, go back to your dock", 'return_to_base(device="robot_vacuum")'),
    ("bless your heart, turn the tv down", 'step_volume(device="tv", delta=-10)')])
def test_your_said_of_no_device_is_still_said_to_the_house(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said, "living room")[0] == [expected]


@pytest.mark.parametrize("said", ["he was like turn the lights off", "my wife was all, turn the heating up",
                                  "turn off the tv, said mum", "open the garage door, he whispered"])
def test_someones_words_with_no_pause_or_their_name_after_are_passed_on(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize("said", ["the other light off", "turn off the other light", "switch on the other lights",
                                  "the remaining lights off"])
def test_the_other_light_with_nothing_said_before_is_asked_which(home_registry: Registry, said: str) -> None:
    calls, reply = heard(home_registry, said, "kitchen")
    assert calls == [] and "Which one" in reply


@pytest.mark.parametrize("said", ["what would you do if I said open the garage",
                                  "if I said lock the front door would you"])
def test_a_command_after_if_i_said_is_part_of_the_condition(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_i_said_before_a_command_still_insists(home_registry: Registry) -> None:
    assert heard(home_registry, "I said turn off the kettle")[0] == ['turn_off(device="kettle")']


@pytest.mark.parametrize("said", ["set the sofa lamp to 20 degrees", "set the blinds to 40 degrees",
                                  "set the tv volume to 25 degrees", "set the heating to 20 percent"])
def test_a_value_in_a_unit_its_setting_does_not_take_is_not_set(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_a_value_in_its_settings_unit_is_still_set(home_registry: Registry) -> None:
    assert heard(home_registry, "set the heating to 20 degrees")[0] == [
        'set_temperature(device="thermostat", temperature=20)']


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the tv on, correction, off", 'turn_off(device="tv")'),
    ("set the timer for for minutes", "start_timer(seconds=240)")])
def test_a_correction_word_and_a_number_heard_as_its_homophone_are_read(home_registry: Registry, said: str,
                                                                        expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize("said", ["get siri to lock the front door", "have alexa lock the front door",
                                  "let alexa turn off the tv", "get bob to lock the front door"])
def test_another_assistant_or_a_person_made_to_act_is_asked_nothing(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [("siri, lock the front door", 'lock(device="front_door")'),
                                                ("ok google turn off the tv", 'turn_off(device="tv")')])
def test_another_assistants_wake_word_said_first_still_asks_the_house(home_registry: Registry, said: str,
                                                                      expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize("said", ["no don't unlock the front door", "no no no don't unlock the front door",
                                  "oh no don't unlock the front door", "no never open the garage door"])
def test_a_no_said_before_a_dont_keeps_the_dont(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_a_no_said_before_a_command_still_answers_then_asks(home_registry: Registry) -> None:
    assert heard(home_registry, "no no turn on the porch light")[0] == ['turn_on(device="porch_light")']


@pytest.mark.parametrize("said", ["Amber is in the bedroom", "red was in the kitchen", "the bedroom is amber",
                                  "Amber, switch the light off", "Rose, turn the tv down"])
def test_a_colour_said_as_who_or_what_is_is_no_colour_asked(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("amber, sofa lamp", None, 'set_color(device="sofa_lamp", color="amber")'),
    ("the bedside lamp, make it amber", "bedroom", 'set_color(device="bedside_lamp", color="amber")')])
def test_a_colour_asked_of_a_light_is_still_set(home_registry: Registry, said: str, area: str | None,
                                                expected: str) -> None:
    assert heard(home_registry, said, area)[0] == [expected]


@pytest.mark.parametrize("said", ["heather is cold", "is Heather in the study", "Heather turn off the tv",
                                  "tell Heather the heating is on"])
def test_a_given_name_a_letter_from_a_device_word_is_a_person(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_a_misspelt_device_name_is_still_read(home_registry: Registry) -> None:
    assert heard(home_registry, "turn on the heatr")[0] == ['turn_on(device="study_heater")']


@pytest.mark.parametrize("said", ["kettle turn off the tv", "the tv turn off the speaker"])
def test_a_device_said_before_a_command_on_another_is_asked_which(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [("sofa lamp turn on", 'turn_on(device="sofa_lamp")'),
                                                ("hoover, go home", 'return_to_base(device="robot_vacuum")')])
def test_a_device_said_before_its_own_command_is_as_before(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize("said", ["the cleaner will turn on the robot vacuum", "someone will lock the front door",
                                  "the kids are going to switch the tv off", "the heating will come on at 6 pm",
                                  "the tv will turn off"])
def test_what_someone_or_a_device_will_do_is_news(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [("you will turn off the tv", 'turn_off(device="tv")'), (
    "turn the tv on, the kids will love it", 'turn_on(device="tv")')])
def test_you_will_and_what_people_will_think_are_as_before(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize("said", ["should the kettle be on, turn it off", "should the back door be unlocked, lock it",
                                  "should it rain, turn off the sprinkler"])
def test_should_said_first_before_a_command_is_if(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_should_the_tv_be_on_alone_still_asks_it(home_registry: Registry) -> None:
    assert heard(home_registry, "should the tv be on")[0] == ['get_state(device="tv")']


@pytest.mark.parametrize(("said", "area"), [("the cat is scratching the sofa, make it stop", "living room"),
                                            ("the dog is on the sofa, get it off", "living room"),
                                            ("the cat's on the counter, get it down", "kitchen")])
def test_a_names_first_word_said_as_a_thing_someone_acts_on_names_no_device(home_registry: Registry, said: str,
                                                                            area: str) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("the sofa, turn it off", "living room", 'turn_off(device="sofa_lamp")'),
    ("turn the counter on", None, 'turn_on(device="kitchen_counter_lights")'),
    ("turn the lamp that's on the desk off", None, 'turn_off(device="desk_lamp")')])
def test_a_names_first_word_said_alone_is_still_the_device(home_registry: Registry, said: str, area: str | None,
                                                           expected: str) -> None:
    assert heard(home_registry, said, area)[0] == [expected]


@pytest.mark.parametrize(("said", "expected"), [
    ("did you remember to lock the back door", 'get_state(device="back_door")'),
    ("have you remembered to turn off the tv", 'get_state(device="tv")')])
def test_did_you_remember_to_asks_whether_it_is_done(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize(("said", "asked"), [
    ("turn off the tv and the dishwasher", "I don't know a device called dishwasher. Did you mean: turn off the tv?"),
    ("lock the front door and the shed", "I don't know a device called shed. Did you mean: lock the front door?"),
    ("turn off the oven and the kettle", "I don't know a device called oven. Did you mean: turn off the kettle?"),
    ("open the blinds and the windows", "There is no window. Did you mean: open the living room blinds?")])
def test_a_thing_the_home_lacks_listed_beside_a_device_holds_the_command(home_registry: Registry, said: str,
                                                                         asked: str) -> None:
    calls, reply = heard(home_registry, said)
    assert calls == [] and reply is not None and reply.startswith(asked)


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the tv down, the neighbours", 'step_volume(device="tv", delta=-10)'),
    ("turn off the tv and thanks", 'turn_off(device="tv")'),
    ("unlock the front door, the plumber's here", 'unlock(device="front_door")')])
def test_words_beside_a_command_that_name_nothing_still_hold_nothing(home_registry: Registry, said: str,
                                                                     expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize(("said", "area"), [("I can hear the tv", "living room"), ("I can see fine in here", "study")])
def test_what_the_speaker_can_sense_is_no_need(home_registry: Registry, said: str, area: str) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize("said", ["I can't hear the tv", "I can barely hear the tv"])
def test_what_the_speaker_can_hardly_sense_is_still_the_need(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == ['step_volume(device="tv", delta=10)']


@pytest.mark.parametrize(("said", "area"), [("I can't sleep with the fan on", "bedroom"),
                                            ("I can sleep with the fan on", "bedroom"),
                                            ("we fell asleep with the tv on", "living room")])
def test_how_a_device_is_while_someone_does_something_is_news(home_registry: Registry, said: str, area: str) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("I could do with the heating on", 'turn_on(device="thermostat")'),
    ("I want to sleep with the fan on", 'turn_on(device="bedroom_fan")'),
    ("I can't sleep with the fan on, turn it off", 'turn_off(device="bedroom_fan")')])
def test_a_state_wished_with_someones_doing_is_still_asked_for(home_registry: Registry, said: str,
                                                               expected: str) -> None:
    assert heard(home_registry, said, "bedroom")[0] == [expected]


@pytest.mark.parametrize(("said", "area"), [("I love amber", "bedroom"), ("I like blue", "living room"),
                                            ("I like the lights off", "living room"),
                                            ("we like the bedside lamp purple", "bedroom")])
def test_a_colour_or_a_device_liked_is_no_goal(home_registry: Registry, said: str, area: str) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("I'd like blue", 'set_color(device="bedside_lamp", color="blue")'),
    ("I want blue", 'set_color(device="bedside_lamp", color="blue")'),
    ("I'd like the curtains open", 'open_cover(device="bedroom_curtains")'),
    ("i prefer the curtains open", 'open_cover(device="bedroom_curtains")')])
def test_a_colour_or_a_device_wished_is_still_asked_for(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said, "bedroom")[0] == [expected]


def test_a_colour_said_as_who_is_where_sets_no_colour(home_registry: Registry) -> None:
    assert heard(home_registry, "Amber's in the bedroom", "bedroom")[0] == []


def test_someone_said_to_be_somewhere_is_news_beside_a_command(home_registry: Registry) -> None:
    assert heard(home_registry, "dad's upstairs, turn off the tv")[0] == ['turn_off(device="tv")']
    assert heard(home_registry, "nobody's in the kitchen so the lights can go off")[0] == [
        'turn_off(device="kitchen_ceiling")', 'turn_off(device="kitchen_counter_lights")']


@pytest.mark.parametrize("said", ["had the heating been on, turn it off", "had the back door been unlocked, lock it",
                                  "were the tv on, I'd turn it off"])
def test_had_and_were_said_first_before_a_break_are_if(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize("said", ["set a timer for minus 5 minutes", "start a timer for negative ten seconds"])
def test_a_timer_below_zero_is_asked_how_long(home_registry: Registry, said: str) -> None:
    calls, reply = heard(home_registry, said)
    assert calls == [] and reply is not None and reply.startswith("For how long?")


@pytest.mark.parametrize("said", ["switch off some of the lights", "turn off most of the lamps",
                                  "turn on a few of the lights"])
def test_some_or_most_of_a_kind_is_asked_which(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room") == ([], "Which ones do you mean?")


@pytest.mark.parametrize("said", ["brilliant, turn the tv up louder, I didn't need my ears anyway",
                                  "go ahead, open the garage door and let the whole street in"])
def test_a_command_with_the_harm_it_brings_said_after_it_is_asked(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_news_told_to_a_device_reads_no_state(home_registry: Registry) -> None:
    assert heard(home_registry, "tell the heater the heating is on")[0] == []


def test_an_order_told_to_a_device_is_still_done(home_registry: Registry) -> None:
    assert heard(home_registry, "tell the roomba to go home")[0] == ['return_to_base(device="robot_vacuum")']


@pytest.mark.parametrize("said", ["the film is called turn off the tv", "there's a song called lock the door",
                                  "play a song titled turn off the light"])
def test_a_command_said_as_a_title_is_quoted(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_a_timer_called_by_a_name_is_still_started(home_registry: Registry) -> None:
    assert heard(home_registry, "set a timer called pasta for 5 minutes")[0] == [
        'start_timer(seconds=300, name="pasta")']


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the tv of and the lights on", ['turn_off(device="tv")', 'turn_on(device="sofa_lamp")',
                                          'turn_on(device="reading_lamp")', 'turn_on(device="living_room_ceiling")']),
    ("switch the kettle of and the coffee machine on", ['turn_off(device="kettle")',
                                                        'turn_on(device="coffee_machine")'])])
def test_of_before_and_is_a_misheard_off(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said, "living room")[0] == expected


@pytest.mark.parametrize("said", ["yeah, leave the front door unlocked, that's smart",
                                  "great, leave the back door unlocked, genius",
                                  "oh sure, turn the heating up to 30, that's a brilliant idea"])
def test_a_verdict_said_last_on_a_command_is_asked_as_irony(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_a_verdict_said_first_is_still_agreement(home_registry: Registry) -> None:
    assert heard(home_registry, "great idea, turn on the porch light")[0] == ['turn_on(device="porch_light")']


@pytest.mark.parametrize("said", ["close the shutters", "close the blinds and the shutters", "close the awning",
                                  "close the garage door and the awning"])
def test_shutters_or_an_awning_the_home_lacks_are_never_its_blinds(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("room", "expected"), [
    ("bedroom", []), ("living room", ['turn_on(device="sofa_lamp")', 'turn_on(device="reading_lamp")'])])
def test_both_of_the_lamps_are_two_of_them(home_registry: Registry, room: str, expected: list[str]) -> None:
    assert heard(home_registry, "turn both of the lamps on", room)[0] == expected  # never the home's four


@pytest.mark.parametrize(("said", "expected"), [
    ("did you forget to turn off the tv", ['get_state(device="tv")']),
    ("who's left the tv on, turn it off", ['turn_off(device="tv")']),
    ("no one is in the study so the desk lamp can go off", ['turn_off(device="desk_lamp")']),
    ("the tv's miles too loud", ['step_volume(device="tv", delta=-10)'])])
def test_other_words_for_a_question_news_or_a_complaint(home_registry: Registry, said: str,
                                                        expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected
