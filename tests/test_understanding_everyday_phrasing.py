"""Everyday phrasing other people use (dev batch 17): wishes, news said with "'s", what to leave as it is, a verb
said over another, complaints about a climate device, typed parts and a bare colour temperature."""

from __future__ import annotations

import pytest
from conftest import calls

from assistant.understand.normalize import normalize
from assistant.understand.rules import RuleMatcher


@pytest.mark.parametrize(("said", "done"), [
    ("I'd love it if the hall light was on", 'turn_on(device="hallway_light")'),
    ("it'd be nice if the tv was a bit quieter", 'step_volume(device="tv", delta=-10)'),
    ("all I want is the bedside lamp dimmed", 'step_brightness(device="bedside_lamp", delta=-20)'),
    ("how about some light in the study", 'turn_on(device="desk_lamp")'),
    ("wouldn't mind the reading lamp a touch brighter", 'step_brightness(device="reading_lamp", delta=20)'),
    ("could do without the tv on", 'turn_off(device="tv")'),
    ("nobody wants the tv on", 'turn_off(device="tv")'),
])
def test_a_wish_said_for_a_request_is_that_request(rules: RuleMatcher, said: str, done: str) -> None:
    assert calls(rules, said) == {done}


@pytest.mark.parametrize(("said", "done"), [
    ("ease up on the heating", 'step_temperature(device="thermostat", delta=-1)'),
    ("cut back on the heating", 'step_temperature(device="thermostat", delta=-1)'),  # never on
    ("let up on the tv", 'step_volume(device="tv", delta=-10)'),  # never up
])
def test_less_of_a_device_asked_with_up_back_or_off_on_it_is_a_step_down(rules: RuleMatcher, said: str,
                                                                          done: str) -> None:
    assert calls(rules, said) == {done}  # batch 56 (helper G)


@pytest.mark.parametrize("said", ["it would be nice if the heating was off when we are out",
                                  "it would be great if the porch light came on at sunset",
                                  "I'd rather you didn't turn the heating on"])
def test_a_wish_with_a_condition_or_a_negation_is_not_done_now(rules: RuleMatcher, said: str) -> None:
    assert rules.match(said).calls == []


@pytest.mark.parametrize("said", ["the back door's unlocked", "the tv's on", "the garage door's open",
                                  "the lamp's still on", "I heard the back door was unlocked",
                                  "I read that turning the heating down saves money"])
def test_news_about_a_device_is_never_a_command(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)
    assert result.calls == [] and result.unsure == [] and result.undecided == []


def test_news_before_a_command_is_why_it_is_asked(rules: RuleMatcher) -> None:
    assert calls(rules, "the front door's unlocked, lock it") == {'lock(device="front_door")'}
    assert calls(rules, "the tv's on, turn it off") == {'turn_off(device="tv")'}


@pytest.mark.parametrize("said", ["lock the front door but leave the back door open",
                                  "lock the front door but leave the back door"])
def test_a_device_left_as_it_is_is_not_done_with_the_command_before(rules: RuleMatcher, said: str) -> None:
    assert calls(rules, said) == {'lock(device="front_door")'}


def test_a_verb_said_straight_over_another_is_the_one_meant(rules: RuleMatcher) -> None:
    assert calls(rules, "play uh pause the speaker") == {'media_pause(device="bedroom_speaker")'}
    assert calls(rules, "turn on the uh the kitchen no the hall light") == {'turn_on(device="hallway_light")'}


def test_a_complaint_about_a_climate_device_moves_its_target(rules: RuleMatcher) -> None:
    assert calls(rules, "the aircon is too cold") == {'step_temperature(device="living_room_ac", delta=1)'}
    assert calls(rules, "the heater is too hot") == {'step_temperature(device="study_heater", delta=-1)'}


def test_a_need_beside_a_command_is_its_reason_not_a_question(rules: RuleMatcher) -> None:
    result = rules.match("it's boiling, make the ac colder")
    assert [str(c) for c in result.calls] == ['step_temperature(device="living_room_ac", delta=-1)']
    assert result.replies == [] and result.asked == []
    assert rules.match("it's freezing, turn off the study heater").calls == []  # against the command: asked


@pytest.mark.parametrize(("typed", "read"), [("set the blinds to 1/2", "set the blinds to half"),
                                             ("curtains 3/4 open", "curtains 3 quarters open"),
                                             ("heating at 21 and a half", "heating at 21.5")])
def test_typed_parts_are_read_as_said(typed: str, read: str) -> None:
    assert normalize(typed) == read.split()


def test_a_bare_colour_temperature_sets_a_lamp_that_has_one(rules: RuleMatcher) -> None:
    assert calls(rules, "set the reading lamp to 2700") == {'set_color_temperature(device="reading_lamp", kelvin=2700)'}
    assert rules.match("set the desk lamp to 2700").calls == []  # brightness only: out of range, said so
