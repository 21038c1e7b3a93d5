"""A clause that says something of a device after a command ("turn on the reading lamp, the ceiling light is too
harsh") is a statement about it, not the command said again for it: the light complained of is never turned on (issue
10; found in fresh corpus 6's dev half once its "big light" was read)."""

from __future__ import annotations

import pytest
from conftest import heard_calls as calls

from assistant.registry import Registry


@pytest.mark.parametrize("text", [
    "turn on the reading lamp, the ceiling light is too harsh",
    "put the reading lamp on, the ceiling light is horrible",
    "switch on the sofa lamp, the ceiling light was giving me a headache",
])
def test_the_device_spoken_of_after_a_command_is_not_given_the_command(registry: Registry, text: str) -> None:
    done = calls(registry, text, area="living room")
    assert 'turn_on(device="living_room_ceiling")' not in done
    assert any(c.startswith("turn_on(") for c in done)


def test_a_second_device_without_its_own_verb_still_borrows_the_first_verb(registry: Registry) -> None:
    assert calls(registry, "turn off the tv and the sofa lamp") == [
        'turn_off(device="tv")', 'turn_off(device="sofa_lamp")']
