"""Dev batch 33 (issue 10): a clause's mood read from its form (understand/mood.py). Someone else's duty, a plan said
without its subject and someone else's act wished for are asked back, never done, with whatever is joined to them;
what someone else did or usually does, and the past wished otherwise, are news: beside a command they are why, and the
command is done."""

from __future__ import annotations

import pytest
from conftest import calls

from assistant.understand.mood import DONE, DUTY, HABIT, PLAN, REGRET, WISH, mood, then_said, told_done
from assistant.understand.normalize import normalize
from assistant.understand.rules import RuleMatcher


@pytest.mark.parametrize(("text", "said"), [
    ("someone should lock the back door", DUTY),
    ("somebody needs to turn the tv off", DUTY),
    ("the kids were supposed to turn the tv off", DUTY),
    ("dad has to unlock the garage door", DUTY),
    ("about to turn the tv off", PLAN),
    ("I wish someone would turn the porch light off", WISH),
    ("the kids turned the heating up", DONE),
    ("my dad always leaves the garage light on", HABIT),
    ("my husband turns the heating up every time he comes in", HABIT),
    ("we usually put the heating on at six", HABIT),
    ("I wish I'd closed the curtains", REGRET),
])
def test_a_clause_that_asks_nothing_now_is_read_by_its_form(rules: RuleMatcher, text: str, said: str) -> None:
    tokens = normalize(text)
    assert mood(tokens, rules.mentions.find(tokens)) == said


@pytest.mark.parametrize("text", ["lock the back door", "we should lock the back door", "you should lock the back door",
                                  "gonna need the heating on", "the thermostat needs to be at 22", "I wish the kitchen "
                                  "was brighter", "could someone lock the front door", "sam turn off the tv"])
def test_a_request_is_read_as_said(rules: RuleMatcher, text: str) -> None:
    tokens = normalize(text)
    assert mood(tokens, rules.mentions.find(tokens)) is None


@pytest.mark.parametrize("text", ["someone should lock the back door", "somebody needs to turn the tv off",
                                  "about to turn the tv off", "I wish someone would turn the porch light off",
                                  "someone should lock the back door and turn off the tv"])
def test_a_duty_a_plan_or_a_wish_for_another_is_asked_never_done(rules: RuleMatcher, text: str) -> None:
    assert not rules.match(text).calls


@pytest.mark.parametrize(("text", "call"), [
    ("the kids turned the heating up again, turn it back down", 'step_temperature(device="thermostat", delta=-1)'),
    ("my dad always leaves the garage light on, turn it off", 'turn_off(device="garage_light")'),
    ("I switched the kettle on a minute ago, switch it off", 'turn_off(device="kettle")'),
    ("I wish I'd closed the curtains earlier, close the bedroom curtains", 'close_cover(device="bedroom_curtains")'),
])
def test_news_beside_a_command_is_why_and_the_command_is_done(rules: RuleMatcher, text: str, call: str) -> None:
    assert calls(rules, text) == {call}


@pytest.mark.parametrize("text", ["I have left the porch light on", "I've shut the door", "I've set it",
                                  "the kids have turned the heating up"])
def test_what_was_done_is_read_after_have_whatever_its_past_form(rules: RuleMatcher, text: str) -> None:
    tokens = normalize(text)
    assert told_done(tokens) or mood(tokens, rules.mentions.find(tokens)) == DONE


def test_a_report_said_with_have_beside_a_command_is_why_and_the_command_is_done(rules: RuleMatcher) -> None:
    assert calls(rules, "the kids have turned the heating up, turn it back down") == {
        'step_temperature(device="thermostat", delta=-1)'}  # (both asked before: "have" read only before "-ed")


@pytest.mark.parametrize("text", ["I've just got in and it's freezing in the study", "I've had a long week"])
def test_have_got_and_have_had_tell_what_happened_to_the_speaker_not_what_was_done(text: str) -> None:
    assert not told_done(normalize(text))


@pytest.mark.parametrize("text", ["I have turn off the tv", "we have close the blinds"])
def test_a_change_verb_said_bare_after_have_is_what_was_done(text: str) -> None:
    assert told_done(normalize(text))  # speech-to-text's "I have turned off the tv", the "-ed" dropped


@pytest.mark.parametrize("text", ["I've got the tv on", "I've had the heating on all day",
                                  "we've got a light on in the kitchen"])
def test_have_got_a_thing_in_a_state_is_how_the_speaker_has_it(rules: RuleMatcher, text: str) -> None:
    assert told_done(normalize(text)) and not rules.match(text).calls  # news, never "turn it on"


@pytest.mark.parametrize(("text", "call"), [
    ("I've got the porch light on, turn it off", 'turn_off(device="porch_light")'),
    ("I've had the heating on all day, turn it off", 'turn_off(device="thermostat")'),
])
def test_how_the_speaker_has_it_beside_a_command_is_why_and_the_command_is_done(rules: RuleMatcher, text: str,
                                                                                call: str) -> None:
    result = rules.match(text)
    assert {str(c) for c in result.calls} == {call} and not result.replies  # (was done, then "not sure" too)


@pytest.mark.parametrize("text", ["I've got to lock the front door", "I've really got to turn the heating down"])
def test_have_got_to_is_the_speakers_own_duty_as_have_to_is(rules: RuleMatcher, text: str) -> None:
    assert not rules.match(text).calls


@pytest.mark.parametrize("text", ["i will switch the kettle on myself", "sir I'll turn off the tv",
                                  "we are going to turn the heating down", "about to turn the tv off"])
def test_a_plan_said_with_or_without_its_subject_is_one_mood(rules: RuleMatcher, text: str) -> None:
    tokens = normalize(text)
    assert mood(tokens, rules.mentions.find(tokens)) == PLAN


@pytest.mark.parametrize("text", ["i'm going to bed", "i would love the lamp on", "you will turn off the tv"])
def test_no_plan_where_the_speaker_goes_somewhere_wants_it_or_asks_the_house(rules: RuleMatcher, text: str) -> None:
    tokens = normalize(text)
    assert mood(tokens, rules.mentions.find(tokens)) != PLAN


@pytest.mark.parametrize(("text", "then"), [("we left the garage door open all night", ["all", "night"]),
                                            ("I switched the kettle on a minute ago", ["a", "minute", "ago"]),
                                            ("we watched it yesterday", ["yesterday"]),
                                            ("nobody used the tv last week", ["last", "week"])])
def test_the_time_a_part_was_said_of_is_found(text: str, then: list[str]) -> None:
    part = normalize(text)
    assert [part[i] for i in then_said(part)] == then


def test_news_naming_its_device_with_its_time_then_leaves_the_command_beside_it_now(rules: RuleMatcher) -> None:
    assert calls(rules, "we left the garage door open all night, close it now") == {'close_cover(device="garage_door")'}
    assert calls(rules, "I turned the heating off yesterday, turn it on") == {'turn_on(device="thermostat")'}
