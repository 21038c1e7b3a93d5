"""The dev split's last wrong actions, each as its class (issue 10, helper P, fifth session): words after a command that
name what its way brings (irony with no tag), a person said before a colon, an action questioned with "why would
you", a number heard with a stray word for its tens, and which song is playing. Each is asked or answered as talk now;
the plain commands beside them are still done. Read through the rules, with the demo home."""

from __future__ import annotations

import pytest

from assistant.understand.rules import RuleMatcher
from tests.conftest import calls


@pytest.mark.parametrize("said", ["go ahead, unlock the front door, burglars deserve a break too",
                                  "ah yes, turn off the hall light, walking into walls is such fun",
                                  "go on, open the garage door, thieves need a hobby too",
                                  "turn off the porch light, I love stumbling around in the dark"])
def test_words_after_a_command_that_name_what_it_brings_are_irony_never_done(rules: RuleMatcher, said: str) -> None:
    assert calls(rules, said) == set()  # "… burglars deserve a break too" unlocked the front door


@pytest.mark.parametrize(("said", "done"), [
    ("lock the back door, there are burglars about", 'lock(device="back_door")'),
    ("turn on the hallway light, I keep tripping over the shoes", 'turn_on(device="hallway_light")'),
    ("make the counter lights green for st patrick's", 'set_color(device="kitchen_counter_lights", color="green")'),
    ("put the air conditioner on heat", 'set_hvac_mode(device="living_room_ac", mode="heat")')])
def test_a_need_that_agrees_or_a_value_after_a_command_is_still_done(rules: RuleMatcher, said: str,
                                                                     done: str) -> None:
    assert calls(rules, said) == {done}


@pytest.mark.parametrize("said", ["my wife: turn off the tv", "my husband: lock the back door",
                                  "the kids: turn the tv up", "my flatmate, open the blinds"])
def test_a_person_said_first_before_a_colon_or_comma_is_not_the_house(rules: RuleMatcher, said: str) -> None:
    assert calls(rules, said) == set()  # "my wife: turn off the tv" turned it off


@pytest.mark.parametrize(("said", "done"), [("kitchen: lights off", {'turn_off(device="kitchen_ceiling")',
                                                                      'turn_off(device="kitchen_counter_lights")'}),
                                            ("alexa: turn on the sofa lamp", {'turn_on(device="sofa_lamp")'}),
                                            ("tv: off", {'turn_off(device="tv")'})])
def test_a_room_device_or_wake_word_before_a_colon_still_commands(rules: RuleMatcher, said: str,
                                                                  done: set[str]) -> None:
    assert calls(rules, said) == done


@pytest.mark.parametrize("said", ["why would you unlock the back door", "why did you switch on the porch light",
                                  "how could you unlock the front door", "why would anyone open the garage door",
                                  "why would we leave the back door unlocked"])
def test_an_action_questioned_is_neither_done_nor_its_state_asked(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)  # "why would you unlock the back door" asked the back door's state
    assert result.calls == [] and result.held == [] and result.unsure == [], (said, result)


@pytest.mark.parametrize(("said", "done"), [("why is the back door unlocked", 'get_state(device="back_door")'),
                                            ("why don't you turn the tv down", 'step_volume(device="tv", delta=-10)'),
                                            ("why did the lights go off", None)])
def test_a_why_question_about_a_device_or_a_suggestion_still_reads(rules: RuleMatcher, said: str,
                                                                   done: str | None) -> None:
    got = calls(rules, said)
    assert (done in got) if done else all(c.startswith("get_state") for c in got) and got, got


@pytest.mark.parametrize("said", ["turn the sofa lamp to 4 tea", "set the desk lamp to 6 tea",
                                  "set the bedside lamp to 5 tee", "dim the sofa lamp to 8 tea percent"])
def test_a_number_heard_with_a_stray_word_for_its_tens_is_asked(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)  # "to 4 tea" (forty?) set the sofa lamp to 4
    assert result.calls == [] and any(r.startswith("How much exactly?") for r in result.replies), (said, result)


def test_tea_said_as_tea_is_no_number(rules: RuleMatcher) -> None:
    assert calls(rules, "set the heating to 20 and put the kettle on for tea") == {
        'set_temperature(device="thermostat", temperature=20)', 'turn_on(device="kettle")'}


@pytest.mark.parametrize("said", ["what's this song", "what song is this", "who sings this"])
def test_which_song_is_playing_is_no_state_query(rules: RuleMatcher, said: str) -> None:
    assert calls(rules, said) == set()  # "what's this song" asked the player's state, which names no song


@pytest.mark.parametrize("said", ["turn on the desk lamp and the study heater and turn it up",
                                  "turn on the sofa lamp and the reading lamp and dim it",
                                  "turn on the tv and the bedroom speaker and turn it down"])
def test_it_after_one_verb_for_two_devices_that_both_can_is_asked_which(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)  # the study heater (the last named) was stepped up
    assert result.calls == [] and 'Which one do you mean by "it"?' in result.replies, (said, result)


@pytest.mark.parametrize(("said", "step"), [
    ("turn on the tv and the kettle and turn it up", 'step_volume(device="tv", delta=10)'),
    ("turn on the desk lamp and the kettle and dim it", 'step_brightness(device="desk_lamp", delta=-20)')])
def test_it_after_one_verb_for_two_devices_is_the_one_that_can(rules: RuleMatcher, said: str, step: str) -> None:
    assert step in calls(rules, said)  # the kettle (the last named) could not, and nothing was stepped
