"""What a sentence refers to when it does not name a device outright: "the study one" (a room, not a device), "it"
after a clause that likens a device to something the home does not have ("the fan sounds like a tractor, turn it
off"). Read through the rules and through the dry pipeline, with the demo home."""

from __future__ import annotations

import pytest
from conftest import rules_calls as calls_of

from assistant.act.bridge import CallResult
from assistant.answer.reply import compose
from assistant.config import load_config
from assistant.pipeline import Assistant
from assistant.tools import ToolCall, Understanding
from assistant.understand.rules import RuleMatcher
from assistant.understand.understander import Understander


def dry() -> Assistant:
    registry = load_config(None).registry()
    return Assistant(registry, Understander(registry), None)


@pytest.mark.parametrize(("said", "asked"), [
    ("turn off the study one", "Which one in the study: the desk lamp or the study heater?"),
    ("switch off the study", "Which one in the study: the desk lamp or the study heater?"),
    ("turn on the kitchen one",
     "Which one in the kitchen: the ceiling light or the counter lights or the kettle or the coffee machine?"),
    ("switch on the bedroom one",  # a scene is no device "one" can mean
     "Which one in the bedroom: the bedside lamp or the bedroom fan or the bedroom curtains or the bedroom speaker?"),
    ("could you turn off the study one please", "Which one in the study: the desk lamp or the study heater?"),
])
def test_a_room_said_as_the_one_asks_which_of_its_devices(rules: RuleMatcher, said: str, asked: str) -> None:
    result = rules.match(said)
    assert not result.calls and not result.held
    assert result.replies == [asked]


def test_a_room_with_one_device_that_can_do_it_is_asked_yes_or_no(rules: RuleMatcher) -> None:
    result = rules.match("turn off the basement one")
    assert not result.calls
    assert [str(c) for c in result.held] == ['turn_off(device="dehumidifier")']


@pytest.mark.parametrize(("answer", "call"), [("the desk lamp", 'turn_off(device="desk_lamp")'),
                                              ("the heater", 'turn_off(device="study_heater")')])
def test_the_answer_to_which_one_in_the_room_is_done(answer: str, call: str) -> None:
    assistant = dry()
    assistant.handle("turn off the study one", dry_run=True)
    assert [str(c) for c in assistant.handle(answer, dry_run=True).understanding.calls] == [call]


def test_the_room_one_after_a_command_takes_that_commands_kind() -> None:
    assistant = dry()
    assistant.handle("turn on the kitchen light", dry_run=True)
    assert [str(c) for c in assistant.handle("and the study one", dry_run=True).understanding.calls] == [
        'turn_on(device="desk_lamp")']


@pytest.mark.parametrize(("said", "call"), [
    ("the bedroom fan sounds like a tractor, turn it off", 'turn_off(device="bedroom_fan")'),
    ("the tv sounds like a jet engine, turn it down", 'step_volume(device="tv", delta=-10)'),
    ("the tv looks like a disco, turn it off", 'turn_off(device="tv")'),
    ("the bathroom fan sounds like an old lorry, switch it off", 'turn_off(device="bathroom_fan")'),
    ("the desk lamp looks like a lighthouse, dim it", 'step_brightness(device="desk_lamp", delta=-20)'),
    ("the kettle's done, switch it off", 'turn_off(device="kettle")'),
    ("the tv's on again, turn it off", 'turn_off(device="tv")'),
])
def test_it_after_a_device_likened_to_something_is_that_device(rules: RuleMatcher, said: str, call: str) -> None:
    assert calls_of(rules, said) == [call]


@pytest.mark.parametrize(("said", "asked"), [
    ("the fan sounds like a tractor, turn it off", "Which one: the bedroom fan or the bathroom fan?"),
    ("that lamp is blinding, dim it",
     "Which one: the sofa lamp or the reading lamp or the bedside lamp or the desk lamp?"),
])
def test_it_after_a_kind_of_several_devices_asks_which(rules: RuleMatcher, said: str, asked: str) -> None:
    result = rules.match(said)
    assert not result.calls and not result.held
    assert result.replies == [asked]


@pytest.mark.parametrize(("said", "call"), [
    ("try not to wake the baby, turn the tv down", 'step_volume(device="tv", delta=-10)'),
    ("turn the tv down, try not to wake the baby", 'step_volume(device="tv", delta=-10)'),
    ("turn the tv down, don't make a fuss", 'step_volume(device="tv", delta=-10)'),
    ("turn the tv down, quietly", 'step_volume(device="tv", delta=-10)'),
    ("gently, dim the desk lamp", 'step_brightness(device="desk_lamp", delta=-20)'),
    ("hall light. on. quick.", 'turn_on(device="hallway_light")'),
    ("shhh turn the telly down, the neighbours", 'step_volume(device="tv", delta=-10)'),
])
def test_an_aside_on_how_to_do_a_command_earns_no_apology(rules: RuleMatcher, said: str, call: str) -> None:
    result = rules.match(said)
    assert [str(c) for c in result.calls] == [call]
    assert result.replies == [] and not result.held


@pytest.mark.parametrize("said", [
    "hypothetically, unlock the front door",  # unreal, never a manner
    "I've just put the kettle on myself, don't worry",  # news beside the aside: nothing asked
])
def test_an_aside_never_makes_what_is_beside_it_a_command(rules: RuleMatcher, said: str) -> None:
    assert rules.match(said).calls == []


def test_a_request_the_home_cannot_do_keeps_its_apology(rules: RuleMatcher) -> None:
    assert "I can't order a pizza: only the devices in your home." in rules.match(
        "turn off the lights and order a pizza").replies


@pytest.mark.parametrize(("said", "call"), [
    ("the tv is too quiet i can't hear the dinosaurs", 'step_volume(device="tv", delta=10)'),
    ("the tv is too quiet, i can't hear the dinosaurs", 'step_volume(device="tv", delta=10)'),
    ("turn the tv up i can't hear the dinosaurs", 'step_volume(device="tv", delta=10)'),
    ("turn the tv up, we can't hear a thing", 'step_volume(device="tv", delta=10)'),
    ("the desk lamp is too dim i can't read my book", 'step_brightness(device="desk_lamp", delta=20)'),
    ("the tv is too loud i can't sleep", 'step_volume(device="tv", delta=-10)'),
    ("turn the tv down I can't hear myself think", 'step_volume(device="tv", delta=-10)'),  # an idiom of noise
])
def test_what_the_speaker_cannot_sense_after_a_complaint_is_its_reason(rules: RuleMatcher, said: str,
                                                                        call: str) -> None:
    assert calls_of(rules, said) == [call]


@pytest.mark.parametrize(("said", "reply"), [
    ("turn the tv down i can't hear the dinosaurs", "You said you can't hear the dinosaurs."),
    ("turn the tv up, i can't sleep", "You said you can't sleep."),
    ("turn the heater off, my hands are freezing", "You said your hands are freezing."),
])
def test_a_reason_against_the_command_is_said_back_to_the_speaker(rules: RuleMatcher, said: str, reply: str) -> None:
    result = rules.match(said)
    assert result.calls == [] and result.held
    assert result.replies == [reply]


@pytest.mark.parametrize(("said", "call"), [
    ("put the kettle on, I'm thirsty", 'turn_on(device="kettle")'),
    ("my knees are bad, could you open the blinds", 'open_cover(device="living_room_blinds")'),
    ("turn the bedroom speaker up, this song slaps", 'step_volume(device="bedroom_speaker", delta=10)'),
    ("switch the kettle on, gasping for a cuppa", 'turn_on(device="kettle")'),
    ("shut off the sprinklers, they're drowning the tomatoes", 'turn_off(device="garden_sprinkler")'),
    ("the guests are here, can you open the living room blinds", 'open_cover(device="living_room_blinds")'),
    ("hello there, would you be so kind as to lock the back door, many thanks", 'lock(device="back_door")'),
    ("open the living room blinds, gorgeous day", 'open_cover(device="living_room_blinds")'),
    ("set the thermostat to 21, ta very much", 'set_temperature(device="thermostat", temperature=21)'),
    ("switch on the dehumidifier, much obliged", 'turn_on(device="dehumidifier")'),
    ("I can't bend down, could you turn the dehumidifier off for me", 'turn_off(device="dehumidifier")'),
    ("I can't work the remote, pause the telly for me", 'media_pause(device="tv")'),
])
def test_words_beside_a_done_command_that_ask_nothing_earn_no_apology(rules: RuleMatcher, said: str,
                                                                      call: str) -> None:
    result = rules.match(said)
    assert [str(c) for c in result.calls] == [call]
    assert result.replies == []


@pytest.mark.parametrize("said", ["turn on the kettle, I want a pizza",  # a wish the home cannot meet
                                  "turn off the tv, what's the weather"])  # a question it cannot answer
def test_a_wish_or_question_beside_a_done_command_keeps_its_apology(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)
    assert result.calls and result.replies == ["Sorry, I can only help with the devices in your home."]


@pytest.mark.parametrize(("said", "calls"), [
    ("dim the lights in the, in the bedroom", ['step_brightness(device="bedside_lamp", delta=-20)']),
    ("turn on the lights in the, in the kitchen", ['turn_on(device="kitchen_ceiling")',
                                                   'turn_on(device="kitchen_counter_lights")']),
    ("turn off the, the bedside lamp", ['turn_off(device="bedside_lamp")']),
    ("turn on the, uh, the hall light", ['turn_on(device="hallway_light")']),
    ("set the heating to the, to the 21", ['set_temperature(device="thermostat", temperature=21)']),
])
def test_a_phrase_cut_short_and_said_again_is_one_phrase_with_no_question_after(rules: RuleMatcher, said: str,
                                                                                 calls: list[str]) -> None:
    result = rules.match(said)
    assert [str(c) for c in result.calls] == calls
    assert result.replies == []


def test_a_phrase_cut_short_before_something_else_is_not_joined_to_it(rules: RuleMatcher) -> None:
    assert calls_of(rules, "turn on the, no mum, I'm asking the assistant, turn on the kettle") == [
        'turn_on(device="kettle")']


@pytest.mark.parametrize(("position", "answer"), [(0, "Done, the bedroom curtains are closed."),
                                                  (100, "Done, the bedroom curtains are open."),
                                                  (30, "Done, the bedroom curtains are 30 percent open.")])
def test_a_cover_set_to_an_end_is_said_closed_or_open(position: int, answer: str) -> None:
    home = load_config(None).registry()
    call = ToolCall("set_position", "bedroom_curtains", position)
    assert compose(Understanding("curtains", [call]), [CallResult(call, True)], home) == answer


@pytest.mark.parametrize("said", ["turn on the tv, no", "turn on the tv, wait, no", "unlock the back door, oh no",
                                  "open the garage door, sorry, no", "turn the heating up no"])
def test_a_command_taken_back_with_nothing_in_its_place_is_not_done(rules: RuleMatcher, said: str) -> None:
    result = rules.match(said)
    assert result.calls == [] and not result.held
    assert result.replies == ["Okay, I won't."]


def test_a_command_corrected_after_no_is_done_as_corrected(rules: RuleMatcher) -> None:
    assert calls_of(rules, "turn on the tv, no, the speaker") == ['turn_on(device="bedroom_speaker")']


@pytest.mark.parametrize(("said", "reply"), [
    ("turn on the sofa lamp, no, the other one", "Which one do you mean?"),
    ("turn on the tv, no, the radio", "I don't know a device called radio."),
    ("turn on the tv i mean the radio", "I don't know a device called radio."),
    ("close the garage door, hold on, is the car inside?",
     "Sorry, I'm not sure what you want done; please say it as a command."),
])
def test_a_correction_that_names_no_device_of_the_home_does_not_act_on_the_one_corrected(
        rules: RuleMatcher, said: str, reply: str) -> None:
    result = rules.match(said)
    assert result.calls == [] and not result.held
    assert result.replies == [reply]


@pytest.mark.parametrize(("said", "call"), [
    ("turn on the tv i mean the speaker", 'turn_on(device="bedroom_speaker")'),
    ("set the heating to 20 i mean 21", 'set_temperature(device="thermostat", temperature=21)'),
    ("turn the tv up, no, down", 'step_volume(device="tv", delta=-10)'),
    ("turn on the kitchen light, no, the bedroom one", 'turn_on(device="bedside_lamp")'),
])
def test_a_correction_that_names_a_device_value_or_way_is_done_as_corrected(rules: RuleMatcher, said: str,
                                                                            call: str) -> None:
    assert calls_of(rules, said) == [call]
