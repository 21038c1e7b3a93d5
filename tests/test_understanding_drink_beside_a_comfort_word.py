"""A drink's or food's temperature said beside a comfort word (CASES.md batch 75, helper X, issue 10): "my tea is cold
and I'm freezing" turned the kettle on. The drink is no device whatever the other clause says (batch 67); the comfort
clause keeps its own reading (no room: asked which heater; a room said: its heater)."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.understand.understander import Understander

WHICH_HEATER = "Which one: the air conditioner or the study heater or the thermostat?"


@pytest.mark.parametrize("said", [
    "my tea is cold and I'm freezing", "my tea is too hot and it's freezing in here",
    "my coffee is cold and it's freezing in here", "it's freezing in here and my tea is cold"])
def test_a_drink_beside_a_comfort_word_is_no_device_and_the_heater_is_asked(home_registry: Registry,
                                                                             said: str) -> None:
    calls, reply = heard(home_registry, said)
    assert calls == []
    assert WHICH_HEATER in (reply or "")


@pytest.mark.parametrize("said", [
    "my tea's gone cold but I'm freezing", "my soup is cold, I'm freezing", "I'm boiling and my coffee is too hot"])
def test_a_drink_beside_a_comfort_word_turns_nothing_on(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("my tea is cold and it's freezing in the study", ['turn_on(device="study_heater")']),
    ("it's freezing in the study and my coffee's cold", ['turn_on(device="study_heater")']),
    ("I'm freezing, put the kettle on", ['turn_on(device="kettle")']),
    ("my tea is cold, put the kettle on", ['turn_on(device="kettle")'])])
def test_the_comfort_clause_and_a_command_beside_the_drink_keep_their_reading(home_registry: Registry, said: str,
                                                                              expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["my tea is cold and I'm freezing", "my tea is cold, I'm freezing"])
def test_the_heater_is_asked_with_no_apology_before_it(home_registry: Registry, said: str) -> None:
    """ "Sorry, I can only help with the devices in your home." came before "Which one: …?" (helper X's leftover, batch
    77): the drink's clause asks nothing of the home, so its reply is no answer beside the question."""
    assert heard(home_registry, said) == ([], "Which one: the air conditioner or the study heater or the thermostat?")


def test_the_answer_to_the_heater_question_turns_it_on(home_registry: Registry) -> None:
    understander = Understander(home_registry)
    understander.understand("my tea is cold and I'm freezing")
    assert [str(c) for c in understander.understand("the study").calls] == ['turn_on(device="study_heater")']
