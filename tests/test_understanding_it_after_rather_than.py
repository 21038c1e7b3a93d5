"""What is not wanted, said first with a verb of the house ("rather than turning the tv off, …", "instead of switching
the sofa lamp off, …"), names the device the command after the comma calls "it" (issue 10, CASES.md batch 70): "turn
it down" steps the tv, where "it" had named nothing."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.understand.normalize import normalize


@pytest.mark.parametrize(("said", "expected"), [
    ("rather than turning the tv off, turn it down", ['step_volume(device="tv", delta=-10)']),
    ("instead of switching the sofa lamp off, dim it", ['step_brightness(device="sofa_lamp", delta=-20)']),
    ("rather than turning the heating off, turn it down", ['step_temperature(device="thermostat", delta=-1)']),
    ("rather than turning the tv off, mute it", ['mute(device="tv")'])])
def test_it_after_rather_than_is_the_device_not_wanted_so(
        home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


def test_the_phrase_alone_or_said_after_is_read_as_before() -> None:
    assert normalize("rather than turning the tv off") == []
    assert normalize("turn the kettle off rather than on") == ["turn", "the", "kettle", "off"]
    assert normalize("without turning on the tv, play the speaker") == ["play", "the", "speaker"]


@pytest.mark.parametrize(("said", "expected"), [
    ("instead of turning the sofa lamp off, turn on the reading lamp and dim it",
     ['turn_on(device="reading_lamp")', 'step_brightness(device="reading_lamp", delta=-20)']),
    ("rather than switching the tv off, turn on the speaker and turn it up",
     ['turn_on(device="bedroom_speaker")', 'step_volume(device="bedroom_speaker", delta=10)'])])
def test_it_after_another_device_named_in_the_command_is_that_device(
        home_registry: Registry, said: str, expected: list[str]) -> None:
    """The device not wanted took the place of "it" even where the command named another first: the sofa lamp was
    dimmed, the tv turned up (found by the review of the fifteenth session's diff)."""
    assert heard(home_registry, said)[0] == expected
