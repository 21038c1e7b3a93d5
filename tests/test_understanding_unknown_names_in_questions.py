"""A question about a device the home lacks, named by a word against a kind it has ("is the water heater on" where
only the study heater is), is named back as a command about it is, never answered about the other device (issue 10:
the lexicon's "immersion" = water heater made "is the immersion on?" ask the study heater's state)."""

from __future__ import annotations

import pytest

from assistant.registry import Registry
from assistant.understand.understander import Understander


@pytest.mark.parametrize(("text", "named"), [
    ("is the water heater on", "water heater"),
    ("is the immersion on?", "water heater"),
    ("is the patio heater on", "patio heater"),
])
def test_a_question_about_a_device_the_home_lacks_names_it_back(registry: Registry, text: str, named: str) -> None:
    understood = Understander(registry).understand(text)
    assert understood.calls == [] and understood.reply is not None and named in understood.reply


def test_a_question_about_a_device_the_home_has_is_still_asked(registry: Registry) -> None:
    assert [str(c) for c in Understander(registry).understand("is the study heater on").calls] == [
        'get_state(device="study_heater")']
