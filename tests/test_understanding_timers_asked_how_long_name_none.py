"""A question how long is left names no timer, whatever timer is said ("how long is left on the roast", "how much
time's left on the cake", "… for the rice", "… on the pasta timer"): `get_timers` takes no argument and the answer says
every running timer, so a timer started without that name is never missed (issue 10, CASES.md batch 78; the
conventions' "with or without a timer named", as fresh corpora 8, 9, 10, 12 and 14 read it; 9f3d6e3 named it after
"left on", and fresh10's held-out line went down)."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.understand.understander import Understander


@pytest.mark.parametrize("said", [
    "how long is left on the roast", "how much time's left on the cake", "how much time is left for the rice",
    "how long lef pon di pasta", "how long is left on the pasta timer", "how much time is left on the oven",
    "how much time is left", "how long is left on it"])
def test_a_question_how_long_is_left_names_no_timer(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == ['get_timers()']


@pytest.mark.parametrize("started", [
    ["set a timer for 40 minutes"], ["set a roast timer for 40 minutes"],
    ["set a pasta timer for 8 minutes", "set a rice timer for 20 minutes"]])
def test_how_long_is_left_on_a_dish_asks_every_running_timer(home_registry: Registry, started: list[str]) -> None:
    understander = Understander(home_registry)
    for sentence in started:
        understander.understand(sentence)
    assert [str(c) for c in understander.understand("how long is left on the roast").calls] == ['get_timers()']
