"""The risk gate's signs learned from the first runs of six fresh corpora (issue 10): a level read from the number of
a name, a change against the way its own clause says, a change read from a report of what someone did, an on or off
read from a particle that is only a place ("is on the …"). Each is a
sign that the parse misread the clause, so its changes are asked, never done; a clause that says what it does is
still done. Pure-logic checks of risk_sign on the calls a misreading parse would make (with the words each call was
built from), in sentences written for this file."""

from __future__ import annotations

import pytest

from assistant.config import load_config
from assistant.registry import Device, Registry
from assistant.tools import ToolCall
from assistant.understand.risk import risk_sign
from assistant.understand.understander import Understander


@pytest.fixture(scope="module")
def numbered() -> Registry:
    """A home whose names and rooms carry numbers: "lamp 3", "bedroom 2"."""
    return Registry([
        Device("lamp_3", "lamp 3", "lounge", "light", ("brightness",)),
        Device("lamp_4", "lamp 4", "lounge", "light", ("brightness",)),
        Device("bedroom_2_fan", "bedroom 2 fan", "bedroom 2", "fan", ("speed",)),
        Device("porch_light", "porch light", "porch", "light"),
        Device("hall_light", "hall light", "hall", "light"),
    ])


def said(*words: str) -> tuple[str, ...]:
    return words


@pytest.mark.parametrize(("text", "call", "sign"), [
    ("lamp 3 a touch dimmer", ToolCall("set_brightness", "lamp_3", 3.0, said("lamp", "3", "a", "touch", "dimmer")),
     "lamp 3"),
    ("bedroom two fan on", ToolCall("set_fan_speed", "bedroom_2_fan", "low", said("bedroom", "2", "fan", "on")),
     "bedroom 2"),
])
def test_a_level_read_from_the_number_of_a_name_is_asked(numbered: Registry, text: str, call: ToolCall,
                                                         sign: str) -> None:
    assert risk_sign(text, [call], numbered) == sign


@pytest.mark.parametrize(("text", "call"), [
    ("lamp 3 to 40", ToolCall("set_brightness", "lamp_3", 40.0, said("lamp", "3", "to", "40"))),
    ("set lamp 3 to 3 percent", ToolCall("set_brightness", "lamp_3", 3.0, said("set", "lamp", "3", "to", "3",
                                                                               "percent"))),
    ("lamp 3 on", ToolCall("turn_on", "lamp_3", None, said("lamp", "3", "on"))),
    ("bedroom 2 fan to high", ToolCall("set_fan_speed", "bedroom_2_fan", "high", said("bedroom", "2", "fan", "to",
                                                                                      "high"))),
])
def test_a_level_said_beside_a_numbered_name_is_done(numbered: Registry, text: str, call: ToolCall) -> None:
    assert risk_sign(text, [call], numbered) is None


@pytest.mark.parametrize(("text", "calls", "sign"), [
    # "of" heard as "off": the clause says both ways, the parse went with one
    ("switch on the light of porch", [ToolCall("turn_off", "porch_light", None,
                                               said("switch", "on", "the", "light", "off", "porch"))], "on off"),
    # a top level read from "max" against the "down" said
    ("hall light down max", [ToolCall("set_brightness", "hall_light", 100.0, said("hall", "light", "down", "max"))],
     "down max"),
    # the second clause's own "on" lost, its "off" borrowed from the first
    ("porch light of, hall light on", [ToolCall("turn_off", "porch_light", None, said("porch", "light", "off")),
                                       ToolCall("turn_off", "hall_light", None, said("hall", "light", "on"))], "on"),
])
def test_a_change_against_the_way_its_clause_says_is_asked(numbered: Registry, text: str, calls: list[ToolCall],
                                                           sign: str) -> None:
    assert risk_sign(text, calls, numbered) == sign


@pytest.mark.parametrize(("text", "calls"), [
    ("turn off the lamp on the sideboard", [ToolCall("turn_off", "lamp_3", None,
                                                     said("turn", "off", "the", "lamp", "on", "the", "sideboard"))]),
    ("hall light off and on again", [ToolCall("turn_off", "hall_light", None, said("hall", "light", "off", "and", "on",
                                                                                   "again")),
                                     ToolCall("turn_on", "hall_light", None, said("hall", "light", "off", "and", "on",
                                                                                  "again"))]),
    ("lights off but leave the porch on", [ToolCall("turn_off", "hall_light", None, said(
        "lights", "off", "but", "leave", "the", "porch", "on"))]),
    ("switch the fan on so the room cools down", [ToolCall("turn_on", "bedroom_2_fan", None, said(
        "switch", "the", "fan", "on", "so", "the", "room", "cools", "down"))]),
    ("hall light on, I mean off", [ToolCall("turn_off", "hall_light", None, said("hall", "light", "on", "i", "mean",
                                                                                 "off"))]),
])
def test_both_ways_said_on_purpose_are_done(numbered: Registry, text: str, calls: list[ToolCall]) -> None:
    assert risk_sign(text, calls, numbered) is None


def test_a_change_read_from_a_report_is_asked(numbered: Registry) -> None:
    call = ToolCall("turn_on", "porch_light", None, said("we", "have", "already", "left", "the", "porch", "light",
                                                          "on"))
    assert risk_sign("we've already left the porch light on", [call], numbered) == " ".join(call.words)
    asked = ToolCall("turn_on", "porch_light", None, said("you", "put", "the", "porch", "light", "on"))
    assert risk_sign("could you put the porch light on", [asked], numbered) is None


def test_an_on_that_is_only_a_place_is_asked(numbered: Registry) -> None:
    place = ToolCall("turn_on", "hall_light", None, said("the", "cat", "is", "on", "the", "hall", "light"))
    assert risk_sign("the cat's on the hall light", [place], numbered) == "on the hall"
    way = ToolCall("turn_on", "hall_light", None, said("the", "hall", "light", "is", "on", "the", "blink", "switch",
                                                       "it", "on"))
    assert risk_sign("the hall light is on the blink, switch it on", [way], numbered) is None


@pytest.mark.parametrize(("text", "done"), [
    ("switch the kettle off and back on", ['turn_off(device="kettle")', 'turn_on(device="kettle", delay_s=5)']),
    ("turn the tv volume all the way up", ['set_volume(device="tv", volume=100)']),
    ("the tv's been on for hours, turn it off", ['turn_off(device="tv")']),
])
def test_plain_commands_are_still_done(text: str, done: list[str]) -> None:
    understanding = Understander(load_config(None).registry()).understand(text)
    assert sorted(str(c) for c in understanding.calls) == sorted(done) and understanding.unsure == []
