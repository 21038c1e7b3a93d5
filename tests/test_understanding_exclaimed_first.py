"""Disbelief or a fresh start said first and alone before a comma ("no way, …", "never mind, …", "forget it, …")
refuses nothing that follows (issue 10, CASES.md batch 70): "no way, that's far too loud, turn the tv down" turns it
down; said alone or after a command, they still drop it ("turn the heating on? no way": nothing done)."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "expected"), [
    ("no way, that's far too loud, turn the tv down", ['step_volume(device="tv", delta=-10)']),
    ("no way, that's much too loud, turn the speaker down", ['step_volume(device="bedroom_speaker", delta=-10)']),
    ("never mind, turn off the tv", ['turn_off(device="tv")']),
    ("forget it, switch the kettle on", ['turn_on(device="kettle")'])])
def test_an_exclamation_said_first_refuses_nothing_after_it(
        home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["no way", "never mind", "turn the heating on? no way",
                                  "no way, don't unlock the front door", "turn on the tv, never mind"])
def test_alone_after_a_command_or_before_a_refusal_nothing_is_done(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []
