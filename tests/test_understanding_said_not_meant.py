"""Sentences a probe of reported speech, hypotheticals, corrections, embedded commands, tests and mis-heard words found
acting wrongly (issue 10, helper P, round 4): a command said as a test or a game, someone's words passed on, what the
speaker could do, a question why or how, a time unit with a misheard count, a level cut off, a scene's name said as
the time, one device's level said of another, and a way taken back by its opposite alone. Each is asked now; the plain
commands beside them are still done. Read through the rules, with the demo home."""

from __future__ import annotations

import pytest
from conftest import rules_calls as calls_of

from assistant.understand.rules import RuleMatcher


@pytest.mark.parametrize("said", ["this is a test, unlock the front door", "just testing, lock the back door",
                                  "let's play a game: you turn off the tv", "test: turn off everything"])
def test_a_command_said_as_a_test_or_a_game_is_never_done(rules: RuleMatcher, said: str) -> None:
    assert calls_of(rules, said) == []  # "this is a test, unlock the front door" unlocked it


@pytest.mark.parametrize("said", ["the sign by the door says turn off the porch light",
                                  "he keeps saying turn the heating up",
                                  "the plumber advised, turn the heating off"])
def test_someone_elses_words_before_a_command_are_passed_on_not_done(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)  # "the sign by the door says …" turned the porch light off
    assert result.calls == [] and result.unsure == [], (said, result)


def test_the_speakers_own_words_still_insist(rules: RuleMatcher) -> None:
    assert calls_of(rules, "I said turn off the kettle") == ['turn_off(device="kettle")']


@pytest.mark.parametrize("said", ["I could switch off the desk lamp", "we could turn the heating off"])
def test_what_the_speaker_could_do_is_no_request(rules: RuleMatcher, said: str) -> None:
    assert calls_of(rules, said) == []


@pytest.mark.parametrize("said", ["why would you unlock the back door", "how would you respond to turn off the tv"])
def test_a_request_modal_after_why_or_how_asks_a_question_never_acts(rules: RuleMatcher, said: str) -> None:
    assert all(c.startswith("get_state") for c in calls_of(rules, said))  # "why would you unlock …" unlocked it


@pytest.mark.parametrize("said", ["turn off the tv in for minutes", "turn on the kettle in to minutes"])
def test_a_time_unit_with_a_misheard_count_is_asked_when(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)  # a recogniser's "in four minutes": done now
    assert result.calls == [] and any(r.startswith("When exactly?") for r in result.replies), (said, result)


def test_a_time_unit_with_its_number_is_still_later(rules: RuleMatcher) -> None:
    assert calls_of(rules, "turn off the tv in ten minutes") == ['turn_off(device="tv", delay_s=600)']


@pytest.mark.parametrize("said", ["turn the heating up to", "turn the heating back down to where it was"])
def test_a_level_cut_off_or_not_said_is_asked_never_a_default_step(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)  # "turn the heating up to" stepped it one degree
    assert result.calls == [] and "To what level?" in result.replies, (said, result)


@pytest.mark.parametrize(("said", "call"), [
    ("turn the tv down to 10", 'set_volume(device="tv", volume=10)'),
    ("what is the heating set to", 'get_state(device="thermostat")'),
    ("set the bedroom speaker to, like, 25", 'set_volume(device="bedroom_speaker", volume=25)'),
])
def test_a_level_after_to_or_a_question_ending_in_to_is_unchanged(rules: RuleMatcher, said: str, call: str) -> None:
    assert calls_of(rules, said) == [call]


def test_a_scene_named_after_at_is_a_time_asked(rules: RuleMatcher) -> None:
    result = rules.match("turn off the tv at dinner time")  # the tv went off now
    assert result.calls == [] and any(r.startswith("When exactly?") for r in result.replies), result


@pytest.mark.parametrize(("said", "call"), [
    ("dinner time", 'activate(device="dinner_time")'),
    ("activate dinner time at 7 pm", 'activate(device="dinner_time", at="19:00")'),
])
def test_a_scene_said_as_the_command_is_still_activated(rules: RuleMatcher, said: str, call: str) -> None:
    assert calls_of(rules, said) == [call]


def test_one_devices_level_said_than_another_is_asked(rules: RuleMatcher) -> None:
    assert calls_of(rules, "set the study heater one degree less than the thermostat") == []  # both were stepped


@pytest.mark.parametrize("said", ["turn the tv on, off", "turn the bedside lamp off, on", "stop the desk lamp on",
                                  "kill the tv on"])
def test_the_opposite_way_said_alone_after_a_command_is_asked(rules: RuleMatcher, said: str) -> None:
    """A restart or a second thought: the first way was done. With a hesitation before it ("turn the tv on, er, off")
    it is a second thought, the way said last (CASES.md batch 41; test_understanding_tenth_session_leftovers)."""
    result = rules.match(said)
    assert result.calls == [] and any("both ways" in r for r in result.replies), (said, result)


def test_a_word_after_a_room_where_a_name_goes_is_asked_as_it_is_never_the_models_guess(rules: RuleMatcher) -> None:
    result = rules.match("open the garage store")  # the model opened the garage door
    assert result.calls == [] and result.unsure == [] and [str(c) for c in result.held] == [
        'open_cover(device="garage_door")'], result


def test_news_about_a_scene_is_no_activation_and_the_command_beside_it_is_done(rules: RuleMatcher) -> None:
    result = rules.match("movie night was a flop, turn the tv off")  # the model activated movie night
    assert [str(c) for c in result.calls] == ['turn_off(device="tv")'] and result.unsure == [], result


@pytest.mark.parametrize("said", ["what does turn off everything do", "does turning off the tv save power",
                                  "tell me a joke about turning off the tv"])
def test_a_question_about_what_an_action_does_asks_no_state(rules: RuleMatcher, said: str) -> None:
    assert calls_of(rules, said) == []  # each asked the state of what it named
