"""An exclamation of several words said first, with no comma, before a complaint or a command ("mother of god it's
freezing in the study", "jesus christ the tv is too loud", "oh my days turn the tv down"; fresh corpus 18's "Mother of
God it's freezing in that loft") changes nothing, as "god," said alone before a comma does (issue 10, CASES.md batch
72). Said alone, before news, or before a complaint with no room, nothing is done."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize(("said", "expected"), [
    ("mother of god it's freezing in the study", ['turn_on(device="study_heater")']),
    ("oh my god it's freezing in the study", ['turn_on(device="study_heater")']),
    ("jesus christ the tv is too loud", ['step_volume(device="tv", delta=-10)']),
    ("lord have mercy the tv is too loud", ['step_volume(device="tv", delta=-10)']),
    ("oh my days turn the tv down", ['step_volume(device="tv", delta=-10)']),
    ("good lord switch off the porch light", ['turn_off(device="porch_light")'])])
def test_an_exclamation_said_first_changes_nothing(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["mother of god", "oh my god the tv is on", "jesus christ it's cold"])
def test_alone_before_news_or_with_no_room_nothing_is_done(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []
