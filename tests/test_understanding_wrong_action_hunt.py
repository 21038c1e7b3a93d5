"""Wrong actions found by a hunt in sentences written to tempt the parser (issue 10, helper D): each class acted on what
nobody asked, or did the opposite; now it is read right or asked back."""

from __future__ import annotations

import pytest
from conftest import heard_calls as calls

from assistant.registry import Registry


@pytest.mark.parametrize("text", ["put the roomba back on its charger", "put the roomba on its dock",
                                  "recall the robot vacuum"])
def test_the_vacuum_sent_to_its_charger_goes_home_never_cleans(registry: Registry, text: str) -> None:
    assert calls(registry, text) == ['return_to_base(device="robot_vacuum")']


def test_its_before_anything_else_is_still_it_is(registry: Registry) -> None:
    assert calls(registry, "turn on the heater its cold in here") == ['turn_on(device="study_heater")']


@pytest.mark.parametrize("text", ["the roomba's charger is in the living room", "the roomba is home"])
def test_news_of_the_vacuums_dock_sends_it_nowhere(registry: Registry, text: str) -> None:
    assert calls(registry, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("turn the tv down, the volume is too high", ['step_volume(device="tv", delta=-10)']),
    ("the tv volume is too high", ['step_volume(device="tv", delta=-10)']),
    ("the brightness is too high in the study", ['step_brightness(device="desk_lamp", delta=-20)']),
    ("the tv is too high", []),  # on the wall, or its volume: asked, never its maximum
])
def test_a_level_too_high_is_turned_down_never_set_to_high(registry: Registry, text: str, expected: list[str]) -> None:
    assert calls(registry, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("turn the kettle off rather than on", ['turn_off(device="kettle")']),
    ("close the blinds instead of opening them", ['close_cover(device="living_room_blinds")']),
    ("rather than brighter, make the desk lamp dimmer", ['step_brightness(device="desk_lamp", delta=-20)']),
    ("turn on the reading lamp instead of the ceiling light", ['turn_on(device="reading_lamp")']),
])
def test_what_is_said_not_wanted_is_never_done(registry: Registry, text: str, expected: list[str]) -> None:
    assert calls(registry, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("open the curtains, wait, just halfway", ['set_position(device="bedroom_curtains", position=50)']),
    ("switch on the kettle, oh wait, the coffee machine", ['turn_on(device="coffee_machine")']),
    ("hold on, pause the tv", ['media_pause(device="tv")']),  # first in the sentence it corrects nothing
])
def test_wait_or_hold_on_after_a_command_corrects_it(registry: Registry, text: str, expected: list[str]) -> None:
    assert calls(registry, text) == expected


@pytest.mark.parametrize("text", ["start the roomba, no, leave it", "start the roomba, no wait, leave it",
                                  "put the bedroom fan on medium, scrap that, high"])
def test_a_command_taken_back_after_no_is_not_done(registry: Registry, text: str) -> None:
    assert calls(registry, text) == []


@pytest.mark.parametrize("text", ["make the bedside lamp blue, or maybe green",
                                  "turn the bathroom fan on high, well, medium", "set the bedroom fan to high, medium"])
def test_a_second_value_said_for_one_command_is_asked(registry: Registry, text: str) -> None:
    assert calls(registry, text) == []


def test_values_for_each_room_are_each_rooms(registry: Registry) -> None:
    assert len(calls(registry, "set the lights to 40 in the kitchen and 60 in the living room")) == 5


def test_a_lamp_said_where_no_light_is_a_lamp_is_asked_which(registry: Registry) -> None:
    assert calls(registry, "turn off the lamp in the kitchen") == []
    assert calls(registry, "turn off the lamp in the hallway") == ['turn_off(device="hallway_light")']  # its one light


def test_a_command_left_partly_done_is_asked(registry: Registry) -> None:
    assert calls(registry, "close the curtains but leave a gap") == []
    assert calls(registry, "open the blinds but keep the curtains shut") == [
        'open_cover(device="living_room_blinds")', 'close_cover(device="bedroom_curtains")']


@pytest.mark.parametrize(("text", "area"), [("you keep turning the tv on", None),
                                            ("it keeps turning the lights on", "living room"),
                                            ("you always turn the lights off", "living room")])
def test_a_habit_complained_of_is_never_done_again(registry: Registry, text: str, area: str | None) -> None:
    assert calls(registry, text, area) == []


def test_keeping_a_device_on_is_still_asked_of_the_house(registry: Registry) -> None:
    assert calls(registry, "please keep the porch light on") == ['turn_on(device="porch_light")']


@pytest.mark.parametrize(("text", "expected"), [
    ("open the blinds no not the blinds the curtains", ['open_cover(device="bedroom_curtains")']),
    ("switch on the tv, no not the tv, the speaker", ['turn_on(device="bedroom_speaker")']),
    ("turn on the sofa lamp, no not on, off", ['turn_off(device="sofa_lamp")']),
    ("turn on the desk lamp, no, not that one", []),  # taken back: which one is not said
    ("turn on the hall light no the porch light", ['turn_on(device="porch_light")']),
])
def test_no_not_x_after_a_command_corrects_it_past_x(registry: Registry, text: str, expected: list[str]) -> None:
    assert calls(registry, text) == expected


@pytest.mark.parametrize("text", ["turn the tv up for 5", "put the bedroom fan on for 2",
                                  "brighten the desk lamp for 10"])
def test_a_number_after_for_is_how_long_never_a_level(registry: Registry, text: str) -> None:
    assert calls(registry, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("turn the tv down from 50 to 30", ['set_volume(device="tv", volume=30)']),
    ("change the heating 20 to 22", ['set_temperature(device="thermostat", temperature=22)']),
    ("dim the desk lamp from 80", []),  # asked (risk gate): 'from 80' may as well be a time, as 'from 6' was
])
def test_the_level_said_as_now_is_never_the_one_set(registry: Registry, text: str, expected: list[str]) -> None:
    assert calls(registry, text) == expected


def test_both_said_of_a_kind_the_home_has_four_of_is_asked_which(registry: Registry) -> None:
    assert calls(registry, "both lamps off") == []
    assert calls(registry, "turn off both lamps in the living room") == [
        'turn_off(device="sofa_lamp")', 'turn_off(device="reading_lamp")']
