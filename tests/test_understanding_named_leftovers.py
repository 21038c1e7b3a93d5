"""Leftovers a person trying the assistant named (issue 10, helper L): each class is read right, or asked back, and
answered with one clear reply."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.act.bridge import CallResult
from assistant.answer.reply import compose
from assistant.registry import Registry
from assistant.tools import ToolCall, Understanding
from assistant.understand.refusing import _undoes
from assistant.understand.understander import Understander


@pytest.mark.parametrize("text", ["turn off the bedside lamp, I can sleep now",
                                  "switch the bedside lamp off, we can sleep now",
                                  "turn off the bedside lamp, the kids will sleep better"])
def test_what_people_can_do_after_a_command_is_why_never_a_device(registry: Registry, text: str) -> None:
    calls, reply = heard(registry, text)
    assert calls == ['turn_off(device="bedside_lamp")'] and "device called" not in (reply or "")


def test_what_people_can_do_against_a_command_is_asked_in_one_reply(registry: Registry) -> None:
    calls, reply = heard(registry, "open the curtains, people can see in")
    assert calls == [] and reply is not None and "only help" not in reply and reply.count("Did you mean") == 1
    assert heard(registry, "close the curtains, people can see in")[0] == ['close_cover(device="bedroom_curtains")']


@pytest.mark.parametrize("text", ["switch off the fan's timer", "cancel the timer on the fan", "turn the tv timer off",
                                  "set the tv timer for 30 minutes"])
def test_a_devices_own_timer_is_said_out_of_reach_never_one_of_ours_cancelled(registry: Registry, text: str) -> None:
    calls, reply = heard(registry, text)
    assert calls == [] and reply is not None and "own timer" in reply


def test_a_named_timer_of_ours_is_still_cancelled(registry: Registry) -> None:
    assert heard(registry, "cancel the pasta timer")[0] == ['cancel_timer(name="pasta")']


def test_a_light_set_to_zero_is_set_to_0_and_said_off(registry: Registry) -> None:
    understood = Understander(registry).understand("set the desk lamp to 0")
    assert [str(c) for c in understood.calls] == ['set_brightness(device="desk_lamp", brightness=0)']
    results = [CallResult(c, True) for c in understood.calls]
    assert compose(Understanding("set the desk lamp to 0", understood.calls), results, registry) == (
        "Done, the desk lamp is off.")


@pytest.mark.parametrize(("text", "done"), [
    ("don't turn on the tv, turn on the desk lamp", 'turn_on(device="desk_lamp")'),
    ("do not lock the front door, lock the back door", 'lock(device="back_door")'),
    ("don't turn off the tv, just mute it", 'mute(device="tv")')])
def test_a_refused_command_then_one_said_instead_does_only_the_second(registry: Registry, text: str,
                                                                        done: str) -> None:
    assert heard(registry, text)[0] == [done]


def test_a_refused_command_then_the_same_to_an_unclear_device_asks_which_of_those_only(registry: Registry) -> None:
    calls, reply = heard(registry, "don't turn on the tv, turn on the lamp")
    assert calls == [] and reply is not None and reply.startswith("Which one") and "tv" not in reply


def test_a_refused_command_then_another_kind_of_command_is_not_done(registry: Registry) -> None:
    assert heard(registry, "don't close the curtains, set the bedside lamp to 10 percent")[0] == []


def test_only_the_other_way_on_the_same_device_undoes_a_refused_call() -> None:
    assert _undoes(ToolCall("turn_off", "tv"), ToolCall("turn_on", "tv"))
    assert not _undoes(ToolCall("media_pause", "tv"), ToolCall("turn_on", "tv"))
    assert not _undoes(ToolCall("turn_off", "tv"), ToolCall("turn_on", "speaker"))


def test_a_room_and_one_after_a_command_asks_among_that_kind_in_the_room_only(registry: Registry) -> None:
    understander = Understander(registry)
    understander.understand("turn on the sofa lamp")
    asked = understander.understand("now turn on the kitchen one")
    assert asked.calls == [] and asked.reply == "Which one in the kitchen: the ceiling light or the counter lights?"
    assert [str(c) for c in understander.understand("the counter lights").calls] == [
        'turn_on(device="kitchen_counter_lights")']


@pytest.mark.parametrize("text", ["open the blinds to keep the heat out", "open the curtains to keep the warmth in"])
def test_a_purpose_the_other_way_of_a_cover_makes_is_asked(registry: Registry, text: str) -> None:
    calls, reply = heard(registry, text)
    assert calls == [] and reply is not None and "Did you mean" in reply


@pytest.mark.parametrize(("text", "done"), [
    ("close the blinds to keep the heat out", 'close_cover(device="living_room_blinds")'),
    ("close the curtains to keep the heat in", 'close_cover(device="bedroom_curtains")'),
    ("open the curtains to let the heat in", 'open_cover(device="bedroom_curtains")')])
def test_a_purpose_a_cover_makes_its_way_is_done(registry: Registry, text: str, done: str) -> None:
    assert heard(registry, text)[0] == [done]


@pytest.mark.parametrize(("text", "done"), [
    ("have the heating on", 'turn_on(device="thermostat")'), ("have the tv off", 'turn_off(device="tv")'),
    ("have the blinds open", 'open_cover(device="living_room_blinds")')])
def test_have_a_device_in_a_state_is_a_request(registry: Registry, text: str, done: str) -> None:
    assert heard(registry, text)[0] == [done]


@pytest.mark.parametrize("text", ["have you turned off the tv", "have the kids turned off the tv"])
def test_have_with_someone_or_a_participle_still_asks(registry: Registry, text: str) -> None:
    assert all(c.startswith("get_state") for c in heard(registry, text)[0])


def test_i_said_to_insists_as_i_said_does(registry: Registry) -> None:
    assert heard(registry, "I said to turn off the tv")[0] == ['turn_off(device="tv")']


@pytest.mark.parametrize("text", ["I said to him, turn off the tv", "I said to my son, lock the back door",
                                  "I said to Tom, turn off the tv"])
def test_what_the_speaker_said_to_a_person_is_passed_on_never_done(registry: Registry, text: str) -> None:
    assert heard(registry, text)[0] == []


@pytest.mark.parametrize(("text", "done"), [
    ("lock the back door just in case", 'lock(device="back_door")'),
    ("lock the front door, just in case", 'lock(device="front_door")'),
    ("just in case, lock the back door", 'lock(device="back_door")')])
def test_just_in_case_alone_is_a_precaution_never_a_room(registry: Registry, text: str, done: str) -> None:
    calls, reply = heard(registry, text)
    assert calls == [done] and "room" not in (reply or "")


@pytest.mark.parametrize("text", ["switch on the heating in case of frost", "in case it rains close the blinds"])
def test_in_case_of_something_is_a_condition_not_a_room(registry: Registry, text: str) -> None:
    calls, reply = heard(registry, text)
    assert calls == [] and reply is not None and "condition" in reply
