"""A term of address said first before a comma ("madam, switch off the porch light", "ma'am, open the curtains",
"miss, turn the lamp off") is whom the sentence is said to, harmless before a command, as "sir," and "love," are
(issue 10, CASES.md batch 70). Elsewhere those words keep their other sense: "… on madam" stays asked (batch 68),
"miss the kitchen" skips it; a name or a family word said first is a person ("Sam, …", "mum, …": not done). After the
address, an offer, a suggestion or a question to that person ("ma'am, shall I open the curtains", "ma'am, let's put the
lamp on") is talk to her, never done (batch 78: a carer to the resident; fresh9's held-out line fell at 1709828)."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "expected"), [
    ("madam, turn on the bedroom fan", ['turn_on(device="bedroom_fan")']),
    ("madam, switch off the porch light", ['turn_off(device="porch_light")']),
    ("ma'am, open the bedroom curtains", ['open_cover(device="bedroom_curtains")']),
    ("miss, turn the bedside lamp off", ['turn_off(device="bedside_lamp")']),
    ("oh madam, lock the front door", ['lock(device="front_door")']),
    ("sir, turn off the tv", ['turn_off(device="tv")'])])
def test_a_term_of_address_said_first_is_harmless_before_a_command(
        home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["bedroom fan on madam", "bedroom fan off madam", "madam turn on the bedroom fan"])
def test_madam_said_elsewhere_is_still_asked(home_registry: Registry, said: str) -> None:
    done, reply = heard(home_registry, said)
    assert done == [] and reply is not None and "?" in reply


@pytest.mark.parametrize("said", ["Sam, turn the kettle on", "mum, switch the porch light off", "madam, the tv is on",
                                  "sir, don't unlock the front door"])
def test_a_person_news_or_a_refusal_after_it_is_not_done(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "area"), [
    ("ma'am, let's put the lamp on", "bedroom"), ("ma'am, let us open the curtains", "bedroom"),
    ("ma'am, shall I open the curtains for you?", "bedroom"), ("ma'am, let me put the lamp on for you", "bedroom"),
    ("ma'am, would you like me to put the lamp on", "bedroom"), ("ma'am, would you like the tv on", "living room"),
    ("ma'am, do you want the tv on", "living room"), ("ma'am, you want the tv on?", "living room"),
    ("ma'am, how about we put the tv on", "living room"), ("madam, can I put the tv on", "living room"),
    ("madam, let's switch the fan on", "bedroom"), ("miss, let's turn the tv down a bit", "living room"),
    ("ma'am, I can put the tv on for you", "living room"), ("ma'am, you can turn the tv off now", "living room")])
def test_an_offer_or_a_question_to_the_person_addressed_is_not_done(
        home_registry: Registry, said: str, area: str) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("ma'am, turn on the bedside lamp", "bedroom", ['turn_on(device="bedside_lamp")']),
    ("madam, switch the tv off", "living room", ['turn_off(device="tv")']),
    ("let's put the tv on", "living room", ['turn_on(device="tv")'])])
def test_a_command_after_the_address_or_a_suggestion_to_the_house_is_done(
        home_registry: Registry, said: str, area: str, expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected
