"""Words of Ghanaian English and Multicultural London English around a command (issue 10, CASES.md batch 72; fresh
corpus 18's "the loft is too hot oo", "put the heating up upstairs man it's freezing", "telly to like 40 or summin",
"leds purple" … "nah blue"): "oo" and "man" ending a sentence or a part of it change nothing, as "o" and "love" do,
also before a part of its own said with no comma ("… man it's freezing"); "or summin" after a value is "or so"; "nah",
"nope" before a correction correct as "no" does, and alone take the command back. Elsewhere "man" is a person."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.understand.understander import Understander


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("please off the tv", None, ['turn_off(device="tv")']),
    ("on the bedroom fan for me", None, ['turn_on(device="bedroom_fan")']),
    ("off the kettle oo", "kitchen", ['turn_off(device="kettle")']),
    ("the study is too cold oo", None, ['turn_on(device="study_heater")']),
    ("turn the tv up innit", None, ['step_volume(device="tv", delta=10)']),
    ("tv to like 30 or summin", None, ['set_volume(device="tv", volume=30)']),
    ("set the heating to 20 or summin", None, ['set_temperature(device="thermostat", temperature=20)']),
    ("turn the heating up man it's freezing", None, ['step_temperature(device="thermostat", delta=1)']),
    ("put the kettle on love i'm parched", None, ['turn_on(device="kettle")']),
    ("switch off the kettle man", None, ['turn_off(device="kettle")'])])
def test_the_particles_change_nothing(
        home_registry: Registry, said: str, area: str | None, expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected


@pytest.mark.parametrize("said", ["the tv is off oo", "I'm off to work oo", "the man from the gas board is here",
                                  "man it's cold"])
def test_news_a_person_or_no_room_does_nothing(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("then", "expected"), [
    ("nah, blue", ['set_color(device="sofa_lamp", color="blue")']),
    ("nope, blue", ['set_color(device="sofa_lamp", color="blue")']),
    ("nah blue", ['set_color(device="sofa_lamp", color="blue")']),
    ("nah", [])])
def test_nah_corrects_as_no_does(home_registry: Registry, then: str, expected: list[str]) -> None:
    understander = Understander(home_registry)
    understander.understand("make the sofa lamp purple")
    assert [str(c) for c in understander.understand(then).calls] == expected
