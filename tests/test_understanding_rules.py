"""The deterministic fast path: what it does with plain, noisy, ambiguous and impossible requests."""

from __future__ import annotations

import pytest

from assistant.config import load_config
from assistant.tools import ToolCall
from assistant.understand.normalize import normalize
from assistant.understand.numbers import words_to_digits
from assistant.understand.rules import RuleMatcher


@pytest.fixture(scope="module")
def rules() -> RuleMatcher:
    return RuleMatcher(load_config(None).registry())


def calls(rules: RuleMatcher, text: str) -> set[str]:
    return {str(c) for c in rules.match(text).calls}


@pytest.mark.parametrize(("spoken", "digits"), [
    ("twenty one degrees", "21 degrees"),
    ("a hundred percent", "100 percent"),
    ("nineteen point five", "19.5"),
    ("twenty and a half", "20.5"),
    ("seventy five", "75"),
    ("zero", "0"),
])
def test_spoken_numbers_become_digits(spoken: str, digits: str) -> None:
    assert " ".join(words_to_digits(spoken.split())) == digits


def test_fillers_repeats_and_politeness_are_removed() -> None:
    assert normalize("uh can you like turn off the the porch light please") == ["turn", "off", "the", "porch", "light"]
    assert normalize("lock the lock the front door") == ["lock", "the", "front", "door"]


def test_misheard_turn_of_means_turn_off(rules: RuleMatcher) -> None:
    assert calls(rules, "turn of the tv") == {'turn_off(device="tv")'}


def test_plain_command_with_percent_sets_brightness(rules: RuleMatcher) -> None:
    assert calls(rules, "dim the sofa lamp to 30 percent") == {'set_brightness(device="sofa_lamp", brightness=30)'}


def test_words_as_numbers_set_the_thermostat(rules: RuleMatcher) -> None:
    assert calls(rules, "set the thermostat to twenty one degrees") == {
        'set_temperature(device="thermostat", temperature=21)'}


def test_alias_and_misspelling_find_the_device(rules: RuleMatcher) -> None:
    assert calls(rules, "switch off the telly") == {'turn_off(device="tv")'}
    assert calls(rules, "turn on the dehumidifer") == {'turn_on(device="dehumidifier")'}


def test_area_wording_means_every_light_in_the_area(rules: RuleMatcher) -> None:
    assert calls(rules, "turn on the kitchen lights") == {
        'turn_on(device="kitchen_ceiling")', 'turn_on(device="kitchen_counter_lights")'}


def test_several_commands_in_one_sentence_share_the_verb(rules: RuleMatcher) -> None:
    assert calls(rules, "turn off the tv and the sofa lamp, then lock the back door") == {
        'turn_off(device="tv")', 'turn_off(device="sofa_lamp")', 'lock(device="back_door")'}


def test_questions_become_get_state_not_actions(rules: RuleMatcher) -> None:
    assert calls(rules, "is the porch light still on?") == {'get_state(device="porch_light")'}
    assert calls(rules, "what's the temperature in the living room") == {
        'get_state(device="living_room_temperature")'}


def test_need_without_device_name_finds_the_device_that_serves_it(rules: RuleMatcher) -> None:
    assert calls(rules, "it's too dark in the study") == {'turn_on(device="desk_lamp")'}
    assert calls(rules, "boil some water") == {'turn_on(device="kettle")'}
    assert calls(rules, "the basement is too damp") == {'turn_on(device="dehumidifier")'}


def test_a_correction_replaces_the_device_said_before(rules: RuleMatcher) -> None:
    assert calls(rules, "turn on the coffee maker i mean the kettle") == {'turn_on(device="kettle")'}


def test_ambiguous_name_is_asked_about_not_guessed(rules: RuleMatcher) -> None:
    result = rules.match("turn on the ceiling light")
    assert result.calls == []
    assert result.replies == ["Which ceiling light: the living room one or the kitchen one?"]


def test_area_resolves_a_shared_name(rules: RuleMatcher) -> None:
    assert calls(rules, "turn on the ceiling light in the kitchen") == {'turn_on(device="kitchen_ceiling")'}


def test_unknown_device_is_named_back(rules: RuleMatcher) -> None:
    result = rules.match("turn on the dishwasher")
    assert result.calls == []
    assert result.replies == ["I don't know a device called dishwasher."]


def test_action_the_device_cannot_do_is_refused(rules: RuleMatcher) -> None:
    for text in ("make the desk lamp red", "open the front door", "lock the kettle"):
        result = rules.match(text)
        assert result.calls == [], text
        assert "can't do that" in result.replies[0], text


def test_value_out_of_range_is_refused_with_the_range(rules: RuleMatcher) -> None:
    result = rules.match("set the thermostat to 60 degrees")
    assert result.calls == []
    assert "5 to 35" in result.replies[0]


def test_chit_chat_gives_no_call(rules: RuleMatcher) -> None:
    for text in ("tell me a joke", "how are you", "what time is it", "thank you"):
        assert rules.match(text).calls == [], text


def test_device_without_action_is_left_for_the_llm_with_only_that_device(rules: RuleMatcher) -> None:
    result = rules.match("the telly")
    assert result.calls == []
    assert [(text, [d.id for d in devices]) for text, devices in result.undecided] == [("the telly", ["tv"])]


def test_every_rule_call_is_valid_for_the_registry(rules: RuleMatcher) -> None:
    registry = rules.registry
    sentences = ["set everything in the living room to 50", "turn the bedroom fan to 3", "all lights blue",
                 "open all the blinds halfway", "volume 100 on the speaker", "lock all the doors"]
    for text in sentences:
        for call in rules.match(text).calls:
            assert isinstance(call, ToolCall) and registry.accepts(call), (text, call)
