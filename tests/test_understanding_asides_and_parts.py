"""What users hit that the last sessions left (issue 10, helper V): a loose time said with any kind of command, a
follow-up command whose device is "the <room> one", a doubt about the request said before it, a command said to
someone by name, a "don't" said before a command of its own, a command beside a request the house cannot do,
a word beside a command that could name nothing.

Each class is read by a general rule or lexicon data, checked here on sentences written for it (not dev cases)."""

from __future__ import annotations

import pytest

from assistant.registry import Registry
from assistant.understand.understander import Understander


def heard(registry: Registry, *sentences: str) -> tuple[list[str], str | None]:
    """The calls and reply of the last sentence of a conversation, rules only."""
    understander = Understander(registry)
    for text in sentences:
        understood = understander.understand(text)
    return [str(c) for c in understood.calls], understood.reply


@pytest.mark.parametrize("text", [
    "turn on the porch light at some point", "lock the back door sometime", "set the study heater to 19 eventually",
    "open the blinds halfway at some stage", "make the sofa lamp blue one of these days", "mute the tv someday",
    "start the roomba at some point", "turn the heating up sometime",
    "close the garage and lock the back at some point", "turn on the sprinkler for the roses sometime",
    "eventually turn off the kettle and open the curtains"])
def test_a_loose_time_with_any_command_asks_when(registry: Registry, text: str) -> None:
    calls, reply = heard(registry, text)
    assert calls == [] and reply is not None and reply.startswith("When exactly?")


@pytest.mark.parametrize("text", ["set a timer for 5 minutes at some point", "start a pasta timer sometime"])
def test_a_loose_time_with_a_timer_starts_none(registry: Registry, text: str) -> None:
    assert heard(registry, text)[0] == []


@pytest.mark.parametrize(("first", "then", "call"), [
    ("turn off the kitchen lights", "now turn off the study one", 'turn_off(device="desk_lamp")'),
    ("turn off the study light", "now switch on the bedroom one", 'turn_on(device="bedside_lamp")'),
    ("turn on the bedroom fan", "now turn off the bathroom one", 'turn_off(device="bathroom_fan")'),
    ("turn off the tv", "now turn off the bedroom one", 'turn_off(device="bedroom_speaker")'),
    ("lock the front door", "now unlock the back one", 'unlock(device="back_door")'),
    ("set the study heater to 20", "set the hallway one to 19", 'set_temperature(device="thermostat", temperature=19)'),
])
def test_a_command_on_the_room_one_is_of_the_kind_just_done(registry: Registry, first: str, then: str,
                                                            call: str) -> None:
    assert heard(registry, first, then)[0] == [call]


def test_the_room_one_of_a_kind_the_room_has_several_of_is_asked(registry: Registry) -> None:
    calls, reply = heard(registry, "turn off the study light", "now turn on the kitchen one")
    assert calls == [] and reply is not None and reply.startswith("Which one")



@pytest.mark.parametrize("text", [
    "I'm not sure I want you to turn off the tv and lock the front door", "maybe I want you to open the garage door",
    "I might want you to turn the heating up", "I'm not sure whether to unlock the back door",
    "I don't know if I want the heating on", "I doubt I want the tv on", "I'm in two minds whether to open the blinds",
    "perhaps I want you to turn the sofa lamp off and on again"])
def test_a_doubt_about_the_request_does_nothing(registry: Registry, text: str) -> None:
    assert heard(registry, text)[0] == []


@pytest.mark.parametrize(("text", "call"), [
    ("I think I want you to turn on the tv", 'turn_on(device="tv")'),
    ("maybe turn on the tv", 'turn_on(device="tv")'),
    ("perhaps you should lock the back door", 'lock(device="back_door")'),
    ("I'm not sure I'm doing this right but please turn on the bedside lamp", 'turn_on(device="bedside_lamp")')])
def test_a_hedge_or_a_doubt_about_something_else_still_acts(registry: Registry, text: str, call: str) -> None:
    assert heard(registry, text)[0] == [call]


@pytest.mark.parametrize(("text", "name"), [
    ("Sam, switch off the tv please", "Sam"), ("Tom can you turn the lights off", "Tom"),
    ("Priya, would you open the blinds", "Priya"), ("Jess could you lock the front door", "Jess"),
    ("Olu, turn the sofa lamp off and on again", "Olu"), ("Marco will you put the kettle on", "Marco")])
def test_a_command_said_first_to_someone_by_name_is_theirs(registry: Registry, text: str, name: str) -> None:
    calls, reply = heard(registry, text)
    assert calls == [] and reply is not None and name in reply


@pytest.mark.parametrize(("text", "call"), [
    ("alexa, turn off the tv", 'turn_off(device="tv")'),
    ("blimey, close the garage door", 'close_cover(device="garage_door")'),
    ("kettle, on", 'turn_on(device="kettle")'), ("roomba, home", 'return_to_base(device="robot_vacuum")'),
    ("oi, telly off", 'turn_off(device="tv")'), ("sonos, pause", 'media_pause(device="bedroom_speaker")'),
    ("gently, dim the desk lamp", 'step_brightness(device="desk_lamp", delta=-20)')])
def test_a_wake_word_exclamation_or_device_said_first_is_no_person(registry: Registry, text: str, call: str) -> None:
    assert heard(registry, text)[0] == [call]


@pytest.mark.parametrize(("text", "call"), [
    ("don't wake the baby, mute the tv", 'mute(device="tv")'),
    ("don't feed the dog, lock the back door", 'lock(device="back_door")'),
    ("don't open the blinds, close them", 'close_cover(device="living_room_blinds")'),
    ("don't turn the heating up, turn it down", 'step_temperature(device="thermostat", delta=-1)'),
    ("do not turn on the tv, turn it off", 'turn_off(device="tv")')])
def test_a_dont_before_a_command_of_its_own_leaves_that_command_done(registry: Registry, text: str, call: str) -> None:
    assert heard(registry, text)[0] == [call]


@pytest.mark.parametrize("text", [
    "don't turn on the tv, turn on the lamp", "don't turn on the tv, turn it on", "don't hoover, go home",
    "don't dim the desk lamp to 30, make it 40", "never unlock the front door, unlock the back door",
    "don't forget to lock the door"])
def test_a_dont_that_may_forbid_what_follows_does_nothing(registry: Registry, text: str) -> None:
    assert heard(registry, text)[0] == []


@pytest.mark.parametrize(("text", "cannot", "asked"), [
    ("turn off the kitchen lights and order a pizza", "I can't order a pizza",
     ['turn_off(device="kitchen_ceiling")', 'turn_off(device="kitchen_counter_lights")']),
    ("lock the front door, then call my mum", "I can't call your mum", ['lock(device="front_door")']),
    ("turn off the tv and remind me to lock the back door", "I can't remind you to lock the back door",
     ['turn_off(device="tv")']),
    ("turn on the porch light and text dave", "I can't text dave", ['turn_on(device="porch_light")']),
    ("close the blinds and buy some milk", "I can't buy some milk", ['close_cover(device="living_room_blinds")'])])
def test_a_command_beside_another_service_is_asked_and_the_rest_named(registry: Registry, text: str, cannot: str,
                                                                      asked: list[str]) -> None:
    understood = Understander(registry).understand(text)
    assert understood.calls == [] and [str(c) for c in understood.unsure] == asked
    assert understood.reply is not None and understood.reply.startswith(cannot)


def test_a_command_beside_another_service_asks_which_room_first(registry: Registry) -> None:
    assert heard(registry, "turn off the lights and order a pizza", "the study")[0] == ['turn_off(device="desk_lamp")']


@pytest.mark.parametrize("text", [
    "it's getting late, dim the sofa lamp", "stop cleaning and go home roomba",
    "first, turn on the tv. second, dim the sofa lamp", "turn off the tv, honestly", "lock the back door, lastly"])
def test_a_word_that_names_nothing_is_never_said_back_as_a_device(registry: Registry, text: str) -> None:
    reply = heard(registry, text)[1]
    assert reply is None or "know a device called" not in reply


@pytest.mark.parametrize(("text", "word"), [("turn on the jacuzzi", "jacuzzi"), ("turn on the second", "second"),
                                            ("turn on the tv and make me a sandwich", "sandwich")])
def test_a_thing_the_home_lacks_is_said_back(registry: Registry, text: str, word: str) -> None:
    assert heard(registry, text)[1] is not None and f"know a device called {word}" in str(heard(registry, text)[1])
