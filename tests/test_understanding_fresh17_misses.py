"""The seventeenth fresh corpus (issue 10, tests/data/cases_fresh17_dev.yaml) is said in a Montreal duplex by
francophones speaking English, franglais teenagers and a tenant: what its dev split showed the rules misread, as
classes probed in the demo home (CASES.md batch 66) or in small homes named as theirs is, and that they now read them;
the controls beside each say what must stay."""

from __future__ import annotations

import pytest
from conftest import heard
from conftest import heard_calls as calls

from assistant.registry import Registry
from assistant.understand.understander import Understander


def _after(registry: Registry, first: str, then: str, area: str | None = None) -> list[str]:
    """What the second sentence of a conversation does."""
    understander = Understander(registry, area=area)
    understander.understand(first)
    return [str(c) for c in understander.understand(then).calls]


@pytest.mark.parametrize("said", [
    "turn the heat up in the whole house", "turn down the heat everywhere", "bump up the heat throughout the house",
    "crank the heat at my place"])
def test_the_heat_said_of_the_whole_home_with_a_change_is_asked_which(registry: Registry, said: str) -> None:
    """ "turn up the heat in my place" stepped every heater of the home, the spa and the heat pump's cooling with them:
    the heat the speaker has in mind is one system, asked which, as "the heat" with no room is."""
    done, reply = heard(registry, said)
    assert done == []
    assert reply is not None and reply.startswith("Which")


def test_the_heat_said_with_a_room_or_switched_off_everywhere_stays_as_said(registry: Registry) -> None:
    assert calls(registry, "turn the heat up in the study") == ['step_temperature(device="study_heater", delta=1)']
    assert sorted(calls(registry, "turn off the heat everywhere")) == [
        'turn_off(device="living_room_ac")', 'turn_off(device="study_heater")', 'turn_off(device="thermostat")']
    assert len(calls(registry, "is the heat on in the house")) == 3  # a question reads, changes nothing
