"""A timer said by what it times after "left on", with no word "timer" ("how long is left on the roast", "how much
time's left on the cake"; fresh corpus 18's "how long lef pon di rice", "how much time is left on the jollof") is that
timer's name, as "the pasta timer" is (issue 10, CASES.md batch 72). Without it, or after "left for" (fresh corpora 9
and 12: "how long is missing for the rice", what it is for), every timer is asked."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "expected"), [
    ("how long is left on the roast", ['get_timers(name="roast")']),
    ("how much time's left on the cake", ['get_timers(name="cake")']),
    ("how much time is left for the rice", ['get_timers()']),
    ("how long lef pon di pasta", ['get_timers(name="pasta")']),
    ("how much time is left", ['get_timers()']),
    ("how long is left on it", ['get_timers()'])])
def test_a_timer_named_by_what_it_times(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected
