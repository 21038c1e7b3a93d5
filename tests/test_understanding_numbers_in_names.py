"""A number that is a word of a device's or room's name is never a level (issue 10, helper N; fresh corpus 6's home
names "Lamp 1", "Lamp 2" and rooms "bedroom 1", "bedroom 2"): "lamp 2 on" turns it on, never to 2 percent."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import case_file_home

from assistant.registry import Registry
from assistant.understand.normalize import normalize
from assistant.understand.understander import Understander

HOME = Path(__file__).parent / "data" / "cases_fresh6_dev.yaml"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return case_file_home(HOME)


def heard(registry: Registry, *said: str, area: str | None = None) -> list[str]:
    understander = Understander(registry, area=area)
    for text in said[:-1]:
        understander.understand(text)
    return [str(c) for c in understander.understand(said[-1]).calls]


@pytest.mark.parametrize(("text", "call"), [("lamp 2 on", 'turn_on(device="lamp_2")'),
                                            ("lamp one on", 'turn_on(device="lamp_1")'),
                                            ("lamp 2 little dim", 'step_brightness(device="lamp_2", delta=-20)')])
def test_a_number_in_a_devices_name_is_its_name(registry: Registry, text: str, call: str) -> None:
    assert heard(registry, text, area="living room") == [call]


def test_a_number_in_a_rooms_name_is_its_name_and_the_level_said_is_the_level(registry: Registry) -> None:
    assert heard(registry, "bedroom one fan on", area="bedroom 1") == ['turn_on(device="bedroom_1_fan")']
    assert heard(registry, "bedroom 1 fan to high", area="bedroom 1") == [
        'set_fan_speed(device="bedroom_1_fan", speed="high")']
    assert heard(registry, "lamp 2 to 40", area="living room") == ['set_brightness(device="lamp_2", brightness=40)']


def test_one_after_a_names_number_is_the_one_there_never_a_restarted_number(registry: Registry) -> None:
    assert normalize("the bedroom two one") == ["the", "bedroom", "2", "1"]
    assert normalize("set it to twenty uh twenty five") == ["set", "it", "to", "25"]
    assert heard(registry, "on the fan", "bedroom 2 one") == ['turn_on(device="bedroom_2_fan")']
