"""The seventh fresh corpus (issue 10, tests/data/cases_fresh7_dev.yaml) is said in a larger home nobody tuned on, set
up by a Home Assistant tinkerer: devices named for what they power ("Hot Tub") beside their own sensors ("Hot Tub
Temperature"), several of a kind in a room. What its dev split showed the rules misread is read as its speakers mean
it, in any home."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import load_home_file
from assistant.evaluate import load_cases
from assistant.registry import Registry
from assistant.understand.understander import Understander

HOUSE = Path(__file__).parent / "data" / "cases_fresh7_dev.yaml"


@pytest.fixture(scope="module")
def house() -> Registry:
    return Registry(load_cases(HOUSE)[1], dict(load_home_file(HOUSE)[1]))


def heard(registry: Registry, text: str, area: str | None = None) -> set[str]:
    return {str(c) for c in Understander(registry, area=area).understand(text).calls}


@pytest.mark.parametrize("text", ["how warm is the hot tub", "how hot is the hot tub", "is the hot tub hot yet",
                                  "hot tub temperature", "hot tub temp?"])
def test_a_quantity_asked_of_a_device_reads_its_own_sensor(house: Registry, text: str) -> None:
    """The switch's on or off is not how warm it is: the sensor named after it for that quantity answers."""
    assert heard(house, text) == {'get_state(device="hot_tub_temperature")'}


def test_the_device_itself_is_asked_without_a_quantity(house: Registry) -> None:
    assert heard(house, "is the hot tub on") == {'get_state(device="hot_tub")'}


def test_a_word_of_a_name_is_no_need(house: Registry) -> None:
    """ "hot" in "Hot Tub" names it; said about it ("the hot tub is too loud") a need still asks what to do."""
    understanding = Understander(house).understand("the hot tub is too loud")
    assert understanding.calls == [] and understanding.reply == "What should I do with the hot tub?"


@pytest.mark.parametrize("text", ["any leaks", "are there any leaks in the utility"])
def test_leaks_asks_the_moisture_sensors(house: Registry, text: str) -> None:
    assert heard(house, text) == {'get_state(device="utility_leak")'}
