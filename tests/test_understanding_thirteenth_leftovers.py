"""The thirteenth session's leftovers, each read as a class (CASES.md batch 64, helper G, issue 10)."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry


@pytest.mark.parametrize("said", ["unlock the front door for the burglar", "open the garage door for the thieves",
                                  "leave the front door unlocked for the robbers",
                                  "unlock the front door so the burglars can get in",
                                  "open the garage door to let the thieves in"])
def test_a_way_in_opened_for_someone_nobody_lets_in_is_asked(home_registry: Registry, said: str) -> None:
    calls, reply = heard(home_registry, said)
    assert calls == []  # it was unlocked (opened) after the risk gate's yes
    assert reply is not None and "Did you mean" in reply


@pytest.mark.parametrize(("said", "expected"), [
    ("lock the front door to keep the burglars out", 'lock(device="front_door")'),
    ("close the garage door so the thieves can't get in", 'close_cover(device="garage_door")'),
    ("unlock the back door for the electrician", 'unlock(device="back_door")'),
    ("turn on the sofa lamp for the burglars", 'turn_on(device="sofa_lamp")')])
def test_a_command_that_keeps_them_out_or_is_for_someone_else_is_done(home_registry: Registry, said: str,
                                                                      expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize(("said", "expected"), [
    ("dial down the heating", 'step_temperature(device="thermostat", delta=-1)'),
    ("dial the tv down", 'step_volume(device="tv", delta=-10)'),
    ("dial back the heating", 'step_temperature(device="thermostat", delta=-1)'),
    ("dial the sofa lamp down", 'step_brightness(device="sofa_lamp", delta=-20)'),
    ("wind the heating down", 'step_temperature(device="thermostat", delta=-1)'),
    ("wind the tv back a bit", 'step_volume(device="tv", delta=-10)'),
    ("wind the heating up a notch", 'step_temperature(device="thermostat", delta=1)')])
def test_a_knobs_verb_steps_the_way_its_particle_says(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize("said", ["dial mum", "dial 999", "dial the plumber about the heating",
                                  "the tv is winding me up"])
def test_dialling_someone_and_being_wound_up_ask_nothing_of_the_house(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("turn the volume down so the kids can sleep", "bedroom", 'step_volume(device="bedroom_speaker", delta=-10)'),
    ("turn the volume down so the baby can sleep", "living room", 'step_volume(device="tv", delta=-10)'),
    ("turn the sound down so grandma can nap", "living room", 'step_volume(device="tv", delta=-10)'),
    ("turn the volume up so grandad can hear", "living room", 'step_volume(device="tv", delta=10)'),
    ("lower the volume so my son can study", "living room", 'step_volume(device="tv", delta=-10)')])
def test_a_purpose_with_a_person_as_its_subject_names_no_device(home_registry: Registry, said: str, area: str,
                                                                 expected: str) -> None:
    assert heard(home_registry, said, area)[0] == [expected]  # "I don't know a device called kids"


def test_a_purpose_against_a_setting_said_without_a_device_is_still_asked(home_registry: Registry) -> None:
    assert heard(home_registry, "turn the volume up so the kids can sleep", "bedroom")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the tv down but leave it on", 'step_volume(device="tv", delta=-10)'),
    ("dim the sofa lamp but leave it on", 'step_brightness(device="sofa_lamp", delta=-20)'),
    ("turn the tv down but don't turn it off", 'step_volume(device="tv", delta=-10)'),
    ("turn the bedroom speaker down but keep it on", 'step_volume(device="bedroom_speaker", delta=-10)'),
    ("lower the heating but don't switch it off", 'step_temperature(device="thermostat", delta=-1)')])
def test_a_step_said_to_leave_its_device_on_is_the_step_alone(home_registry: Registry, said: str,
                                                              expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]  # turned on as well, or refused


@pytest.mark.parametrize("said", ["turn off the tv, actually leave it on", "turn off the tv but leave it on"])
def test_off_then_leave_it_on_is_never_either_done(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("use the reading lamp instead of the ceiling light", "living room", 'turn_on(device="reading_lamp")'),
    ("use the heater instead of the heating", "study", 'turn_on(device="study_heater")'),
    ("use the fan instead of the ac", "bedroom", 'turn_on(device="bedroom_fan")'),
    ("let's use the fan rather than the ac", "bedroom", 'turn_on(device="bedroom_fan")'),
    ("don't use the ac, use the fan", "bedroom", 'turn_on(device="bedroom_fan")')])
def test_use_x_instead_of_y_switches_x_on(home_registry: Registry, said: str, area: str, expected: str) -> None:
    assert heard(home_registry, said, area)[0] == [expected]


@pytest.mark.parametrize("said", ["the tone of the tv is off", "the knock of the tv is off", "the tv's tone is off",
                                  "the boost on the heating is off", "the tone on the bedroom speaker is off"])
def test_a_verb_said_as_a_quality_of_a_device_is_news(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []  # the tv was switched off, the heating stepped up


@pytest.mark.parametrize("said", ["the tv is completely off", "the tone of the tv is way off", "the heating is way up",
                                  "the sofa lamp is a little off", "the blinds are fully open",
                                  "the heating is all the way up"])
def test_how_far_a_device_is_so_is_news(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []  # "all the way up" set the heating to 35


@pytest.mark.parametrize(("said", "expected"), [
    ("tone the speaker down", 'step_volume(device="bedroom_speaker", delta=-10)'),
    ("turn the tv off, the tone is off", 'turn_off(device="tv")'),
    ("the speaker is slightly too loud", 'step_volume(device="bedroom_speaker", delta=-10)'),
    ("is the tv completely off", 'get_state(device="tv")')])
def test_the_verb_itself_a_command_beside_it_and_a_complaint_still_act(home_registry: Registry, said: str,
                                                                      expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("it's not too bright in here, it's too dark", "study", 'turn_on(device="desk_lamp")'),
    ("it's not too hot in here, it's too cold", "study", 'turn_on(device="study_heater")'),
    ("it isn't too cold in here, it's too hot", "bedroom", 'turn_on(device="bedroom_fan")'),
    ("it's nowhere near warm enough in here", "study", 'turn_on(device="study_heater")'),
    ("the speaker isn't nearly loud enough", None, 'step_volume(device="bedroom_speaker", delta=10)'),
    ("the desk lamp is nowhere near bright enough", None, 'step_brightness(device="desk_lamp", delta=20)')])
def test_a_complaint_denied_then_its_opposite_and_nowhere_near_enough_complain(
        home_registry: Registry, said: str, area: str | None, expected: str) -> None:
    assert heard(home_registry, said, area)[0] == [expected]


@pytest.mark.parametrize("said", ["it's not too bright in here", "it's nowhere near as cold as yesterday"])
def test_a_complaint_denied_alone_asks_nothing(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "study")[0] == []


@pytest.mark.parametrize("said", ["the wind knocked the porch light off", "the wind turned the sprinkler off",
                                  "the wind switched the porch light off"])
def test_the_wind_said_as_what_did_something_is_never_the_knobs_verb(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []  # the porch light was switched off


@pytest.mark.parametrize("said", ["light up the fire", "light up the boost", "light up a cigarette"])
def test_light_up_a_thing_the_home_lacks_lights_no_room(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []  # the living room's three lights went on


@pytest.mark.parametrize(("said", "expected"), [
    ("light up the kitchen", ['turn_on(device="kitchen_ceiling")', 'turn_on(device="kitchen_counter_lights")']),
    ("light up the sofa lamp", ['turn_on(device="sofa_lamp")'])])
def test_light_up_a_room_or_a_light_still_lights_it(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert sorted(heard(home_registry, said, "living room")[0]) == sorted(expected)


@pytest.mark.parametrize(("said", "expected"), [
    ("the guests have gone so the porch light can go off", 'turn_off(device="porch_light")'),
    ("mum's asleep so the tv can go off", 'turn_off(device="tv")'),
    ("it's getting dark so the porch light can come on", 'turn_on(device="porch_light")')])
def test_news_then_so_a_device_can_go_a_way_is_that_wish(home_registry: Registry, said: str, expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]  # asked "Did you mean …?"


@pytest.mark.parametrize("said", ["the kids are out so the tv is off", "the rain stopped so the kids can go out",
                                  "the baby is asleep so the tv can go on"])
def test_news_then_so_and_how_it_is_or_what_someone_may_do_asks_nothing(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the lights down in the kitchen but leave them on",
     ['step_brightness(device="kitchen_ceiling", delta=-20)',
      'step_brightness(device="kitchen_counter_lights", delta=-20)']),
    ("turn the counter lights down but leave them on", ['step_brightness(device="kitchen_counter_lights", delta=-20)']),
    ("dim the lights in the living room but keep them on",
     ['step_brightness(device="sofa_lamp", delta=-20)', 'step_brightness(device="reading_lamp", delta=-20)',
      'step_brightness(device="living_room_ceiling", delta=-20)'])])
def test_a_step_of_several_lights_said_to_leave_them_on_is_the_step_alone(
        home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected  # helper G, batch 70 later: "them" was read as a device left out


@pytest.mark.parametrize(("said", "expected"), [
    ("the sofa lamp isn't too dim, it's too bright", 'step_brightness(device="sofa_lamp", delta=-20)'),
    ("the reading lamp's not too bright, it's too dim", 'step_brightness(device="reading_lamp", delta=20)'),
    ("the sofa lamp, it's too bright", 'step_brightness(device="sofa_lamp", delta=-20)')])
def test_a_devices_complaint_said_of_it_after_its_name_complains(home_registry: Registry, said: str,
                                                                 expected: str) -> None:
    assert heard(home_registry, said)[0] == [expected]  # helper G, batch 70 later: "too bright" was read as its name
