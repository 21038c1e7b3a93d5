"""Wrong actions found by probing round seven (CASES.md batch 63, helper V, issue 10): a verb or a word of the house
said in another sense, news, and thanks for what was done, each class as read by the understander as a sentence is
heard."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize("said", ["the movie's starting", "the film's starting", "the kid's turning the tv on"])
def test_s_before_a_verbs_ing_form_is_is_what_goes_on_never_a_command(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


def test_a_command_after_what_goes_on_on_a_screen_is_done_alone(home_registry: Registry) -> None:
    assert heard(home_registry, "the film's starting, turn off the lights", "living room")[0] == [
        'turn_off(device="sofa_lamp")', 'turn_off(device="reading_lamp")', 'turn_off(device="living_room_ceiling")']


def test_a_possessive_before_a_name_ending_in_ing_is_still_the_possessive(home_registry: Registry) -> None:
    assert heard(home_registry, "dim the kitchen's ceiling light")[0] == [
        'step_brightness(device="kitchen_ceiling", delta=-20)']


@pytest.mark.parametrize(("said", "area"), [("the match is heating up", "living room"),
                                            ("it's heating up in here", None),
                                            ("it's heating up in here", "living room"),
                                            ("things are heating up", None), ("the study is heating up", None)])
def test_heating_up_said_after_is_is_what_goes_on_never_the_heating(home_registry: Registry, said: str,
                                                                     area: str | None) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the heating up", 'step_temperature(device="thermostat", delta=1)'),
    ("is heating on", 'get_state(device="thermostat")')])
def test_the_heating_said_as_a_device_is_still_the_heating(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


def test_a_command_before_news_of_what_goes_on_is_done(home_registry: Registry) -> None:
    assert heard(home_registry, "turn the tv on, the match is heating up", "living room")[0] == ['turn_on(device="tv")']


@pytest.mark.parametrize("said", ["I'd never leave the kettle on", "I never leave the kettle on",
                                  "we never leave the back door unlocked", "I don't leave the tv on",
                                  "you never leave the porch light on"])
def test_someone_who_never_leaves_a_device_so_is_news_never_the_state_kept(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize("said", ["don't leave the kettle on", "please don't leave the kettle on",
                                  "I'd never leave the kettle on, turn it off"])
def test_dont_leave_said_to_the_house_still_turns_it_off(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == ['turn_off(device="kettle")']


@pytest.mark.parametrize("said", ["every light in the house is on", "every light in the flat is off",
                                  "the tv at home is on"])
def test_a_state_said_of_every_device_in_the_house_is_news(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_every_light_in_the_house_on_is_still_a_command(home_registry: Registry) -> None:
    assert len(heard(home_registry, "every light in the house on")[0]) == 9


@pytest.mark.parametrize("said", ["cheers for switching the heating on", "nice one for turning the tv down",
                                  "well done for locking the back door", "ta for locking up",
                                  "good on you for turning the heating off", "thanks for turning the tv down"])
def test_thanks_or_praise_for_what_was_done_is_no_command(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize("said", ["cheers for that, now turn off the tv", "thanks, now turn off the tv",
                                  "turn off the tv, thanks for that"])
def test_a_command_beside_thanks_is_done(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == ['turn_off(device="tv")']


@pytest.mark.parametrize("said", ["sure, unlock the front door, what's the worst that could happen",
                                  "open the garage door, what's the worst that can happen"])
def test_a_command_with_whats_the_worst_that_could_happen_is_irony_asked(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "area"), [("whoever goes to bed last, turn off the lights", "living room"),
                                            ("whoever is up first, open the blinds", "living room"),
                                            ("whoever gets home first, unlock the front door", None),
                                            ("ok whoever's last out turn off the tv", None),
                                            ("whichever of you is in the kitchen, switch the kettle on", None)])
def test_a_command_for_whoever_does_something_is_passed_to_a_person(home_registry: Registry, said: str,
                                                                   area: str | None) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "expected"), [("someone turn off the tv", 'turn_off(device="tv")'),
                                                ("could someone lock the back door", 'lock(device="back_door")')])
def test_someone_and_anyone_still_ask_the_house(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize("said", ["turn the sofa lamp up to match the reading lamp",
                                  "turn up the sofa lamp so it matches the reading lamp",
                                  "dim the sofa lamp so it's as bright as the desk lamp",
                                  "turn up the heating so it matches the study"])
def test_a_level_asked_to_match_another_device_is_asked_never_a_step(home_registry: Registry, said: str) -> None:
    calls, reply = heard(home_registry, said)
    assert calls == [] and reply is not None and "Did you mean" in reply


@pytest.mark.parametrize("said", ["turn up the tv so I can hear the match",
                                  "turn the tv up to watch the match on the tv"])
def test_the_match_watched_is_no_comparison(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == ['step_volume(device="tv", delta=10)']


@pytest.mark.parametrize("said", ["make the sofa lamp brighter like the reading lamp",
                                  "make the tv louder like the speaker"])
def test_a_comparative_said_like_another_device_is_asked_never_both_stepped(home_registry: Registry,
                                                                            said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_a_comparative_alone_still_steps(home_registry: Registry) -> None:
    assert heard(home_registry, "make the sofa lamp brighter")[0] == ['step_brightness(device="sofa_lamp", delta=20)']


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("none of the lights need to be on", "living room",
     ['turn_off(device="sofa_lamp")', 'turn_off(device="reading_lamp")', 'turn_off(device="living_room_ceiling")']),
    ("none of the kitchen lights need to be on", None,
     ['turn_off(device="kitchen_ceiling")', 'turn_off(device="kitchen_counter_lights")']),
    ("none of the doors should be unlocked", None, ['lock(device="back_door")', 'lock(device="front_door")'])])
def test_none_of_a_kind_said_first_is_the_negation_of_each(home_registry: Registry, said: str, area: str | None,
                                                          expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected


@pytest.mark.parametrize("said", ["none of the lights are on", "none of the doors are locked"])
def test_none_of_a_kind_said_to_be_so_is_news(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("make it very bright in here", "living room",
     ['turn_on(device="sofa_lamp")', 'turn_on(device="reading_lamp")', 'turn_on(device="living_room_ceiling")']),
    ("I want the sofa lamp very bright", None, ['turn_on(device="sofa_lamp")']),
    ("make the sofa lamp very dim", None, ['step_brightness(device="sofa_lamp", delta=-20)']),
    ("make it a bit dim in here", "bedroom", ['step_brightness(device="bedside_lamp", delta=-20)'])])
def test_a_level_said_very_or_so_as_the_goal_is_the_goal_never_a_complaint(home_registry: Registry, said: str,
                                                                           area: str | None,
                                                                           expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected


@pytest.mark.parametrize("said", ["it's very bright in here", "it's so bright in here, make it darker"])
def test_a_level_said_very_or_so_after_is_is_still_the_complaint(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "study")[0] == ['step_brightness(device="desk_lamp", delta=-20)']


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("it's so dim in here", "study", ['step_brightness(device="desk_lamp", delta=20)']),
    ("so dim in here", "study", ['step_brightness(device="desk_lamp", delta=20)']),
    ("it's a bit dim in the study", None, ['step_brightness(device="desk_lamp", delta=20)']),
    ("the kitchen is very dim", None,
     ['step_brightness(device="kitchen_ceiling", delta=20)', 'step_brightness(device="kitchen_counter_lights", '
                                                             'delta=20)'])])
def test_so_dim_complains_as_too_dim_does_brighter_never_dimmer(home_registry: Registry, said: str, area: str | None,
                                                                 expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected


@pytest.mark.parametrize("said", ["she's so bright", "he's so dim", "he's too loud", "they're so loud",
                                  "my son is very bright"])
def test_a_level_complained_of_in_a_person_is_said_of_them(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


def test_a_command_after_how_someone_feels_is_done(home_registry: Registry) -> None:
    assert heard(home_registry, "she's cold, turn the heating up")[0] == [
        'step_temperature(device="thermostat", delta=1)']


@pytest.mark.parametrize(("said", "area"), [("the tv is a blast", "living room"),
                                            ("this new speaker is a blast", "bedroom"),
                                            ("movie night was a blast", None)])
def test_a_blast_said_of_a_device_or_a_time_is_fun_never_full_volume(home_registry: Registry, said: str,
                                                                     area: str | None) -> None:
    assert heard(home_registry, said, area)[0] == []


def test_full_blast_is_still_full_volume(home_registry: Registry) -> None:
    assert heard(home_registry, "turn the tv up full blast")[0] == ['set_volume(device="tv", volume=100)']


@pytest.mark.parametrize(("said", "area"), [("the lamp lights up the whole room", "living room"),
                                            ("the porch light lights up the whole driveway", None),
                                            ("the sofa lamp lights up the corner nicely", None)])
def test_a_kinds_word_said_as_what_a_device_does_to_a_place_is_news(home_registry: Registry, said: str,
                                                                    area: str | None) -> None:
    assert heard(home_registry, said, area)[0] == []


def test_a_kind_stepped_up_a_bit_is_still_a_command(home_registry: Registry) -> None:
    calls = heard(home_registry, "kitchen lights up a bit")[0]
    assert calls == ['step_brightness(device="kitchen_ceiling", delta=20)',
                     'step_brightness(device="kitchen_counter_lights", delta=20)']


@pytest.mark.parametrize("said", ["the film was so dark", "the show is too dark", "that episode was dark",
                                  "the film was so bright and colourful", "the new episode is so bright and cheerful"])
def test_how_dark_or_bright_what_a_screen_shows_is_is_news_never_the_rooms_light(home_registry: Registry,
                                                                                 said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("the room is so dark",
     ['turn_on(device="sofa_lamp")', 'turn_on(device="reading_lamp")', 'turn_on(device="living_room_ceiling")']),
    ("the film is too loud", ['step_volume(device="tv", delta=-10)'])])
def test_the_rooms_darkness_and_the_films_sound_are_still_met(home_registry: Registry, said: str,
                                                               expected: list[str]) -> None:
    assert heard(home_registry, said, "living room")[0] == expected
