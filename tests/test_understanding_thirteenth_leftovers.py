"""The thirteenth session's leftovers, each read as a class (CASES.md batch 64, helper G, issue 10)."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize("said", ["unlock the front door for the burglar", "open the garage door for the thieves",
                                  "leave the front door unlocked for the robbers",
                                  "unlock the front door so the burglars can get in",
                                  "open the garage door to let the thieves in"])
def test_a_way_in_opened_for_someone_nobody_lets_in_is_asked(home_registry: Registry, said: str) -> None:
    calls, reply = heard(home_registry, said)
    assert calls == []  # it was unlocked (opened) after the risk gate's yes
    assert reply is not None and "Did you mean" in reply


@pytest.mark.parametrize(("said", "expected"), [
    ("lock the front door to keep the burglars out", 'lock(device="front_door")'),
    ("close the garage door so the thieves can't get in", 'close_cover(device="garage_door")'),
    ("unlock the back door for the electrician", 'unlock(device="back_door")'),
    ("turn on the sofa lamp for the burglars", 'turn_on(device="sofa_lamp")')])
def test_a_command_that_keeps_them_out_or_is_for_someone_else_is_done(home_registry: Registry, said: str,
                                                                      expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]
