"""A step verb that is a noun too ("pump", "boost") said right after a device's name ends a name, not a second verb
(issue 10, CASES.md batch 43): "turn off the tv pump" had turned the tv up, "switch off the heater boost" had warmed
the study."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize("text", ["turn off the tv pump", "switch off the heater boost",
                                  "turn off the kitchen lights boost", "start the vacuum pump",
                                  "turn on the vacuum pump", "turn on the heating boost"])
def test_a_step_verb_said_as_the_end_of_a_name_the_home_lacks_is_asked_never_stepped(
        home_registry: Registry, text: str) -> None:
    calls, reply = heard(home_registry, text)
    assert calls == []
    assert reply is not None and "?" in reply


@pytest.mark.parametrize(("text", "expected"), [
    ("pump up the tv", 'step_volume(device="tv", delta=10)'),
    ("boost the heating", 'step_temperature(device="thermostat", delta=1)'),
    ("give the heating a boost", 'step_temperature(device="thermostat", delta=1)'),
    ("turn the tv up, crank it", 'step_volume(device="tv", delta=10)'),
])
def test_the_same_words_said_as_the_verb_still_step(home_registry: Registry, text: str, expected: str) -> None:
    assert heard(home_registry, text)[0] == [expected]
