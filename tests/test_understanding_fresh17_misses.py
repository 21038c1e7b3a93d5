"""The seventeenth fresh corpus (issue 10, tests/data/cases_fresh17_dev.yaml) is said in a Montreal duplex by
francophones speaking English, franglais teenagers and a tenant: what its dev split showed the rules misread, as
classes probed in the demo home (CASES.md batch 66) or in small homes named as theirs is, and that they now read them;
the controls beside each say what must stay."""

from __future__ import annotations

import pytest
from conftest import heard
from conftest import heard_calls as calls

from assistant.registry import Device, Registry
from assistant.understand.understander import Understander


def _after(registry: Registry, first: str, then: str, area: str | None = None) -> list[str]:
    """What the second sentence of a conversation does."""
    understander = Understander(registry, area=area)
    understander.understand(first)
    return [str(c) for c in understander.understand(then).calls]


@pytest.mark.parametrize("said", [
    "turn the heat up in the whole house", "turn down the heat everywhere", "bump up the heat throughout the house",
    "crank the heat at my place"])
def test_the_heat_said_of_the_whole_home_with_a_change_is_asked_which(registry: Registry, said: str) -> None:
    """ "turn up the heat in my place" stepped every heater of the home, the spa and the heat pump's cooling with them:
    the heat the speaker has in mind is one system, asked which, as "the heat" with no room is."""
    done, reply = heard(registry, said)
    assert done == []
    assert reply is not None and reply.startswith("Which")


def test_the_heat_said_with_a_room_or_switched_off_everywhere_stays_as_said(registry: Registry) -> None:
    assert calls(registry, "turn the heat up in the study") == ['step_temperature(device="study_heater", delta=1)']
    assert sorted(calls(registry, "turn off the heat everywhere")) == [
        'turn_off(device="living_room_ac")', 'turn_off(device="study_heater")', 'turn_off(device="thermostat")']
    assert len(calls(registry, "is the heat on in the house")) == 3  # a question reads, changes nothing


@pytest.mark.parametrize(("said", "area"), [
    ("turn the reading lamp all the way up, I love going blind", None),
    ("brighter please, going blind is my favourite hobby", "study"),
    ("open the curtains wide, I just love going blind", None)])
def test_going_blind_said_as_a_pleasure_after_a_brightening_is_irony(registry: Registry, said: str,
                                                                     area: str | None) -> None:
    """ "yeah make it brighter i love going blind" opened the salon's blinds in another room: "blind" was read as the
    blinds and the pleasure said of the glare's harm was not read as irony (batch 27)."""
    assert calls(registry, said, area) == []


def test_going_blind_said_as_a_complaint_is_no_cover(registry: Registry) -> None:
    """ "dim the sofa lamp, I'm going blind" dimmed it and opened the blinds as well."""
    assert calls(registry, "turn the desk lamp down, I'm going blind") == [
        'step_brightness(device="desk_lamp", delta=-20)']
    assert calls(registry, "I'm going blind") == []
    assert calls(registry, "close the blind", "living room") == ['close_cover(device="living_room_blinds")']


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("it's way too chaud in the bedroom", None, 'turn_on(device="bedroom_fan")'),
    ("trop froid in here", "study", 'turn_on(device="study_heater")'),
    ("it's frette in the study", None, 'turn_on(device="study_heater")'),
    ("tabarnak it's freezing in the study", None, 'turn_on(device="study_heater")'),
    ("it's cold as hell in the study", None, 'turn_on(device="study_heater")'),
    ("it's so dark in here tbh", "study", 'turn_on(device="desk_lamp")'),
    ("the tv is trop loud", "living room", 'step_volume(device="tv", delta=-10)')])
def test_french_words_and_text_speak_inside_a_complaint_are_the_complaint(registry: Registry, said: str,
                                                                          area: str | None, expected: str) -> None:
    """ "it's too chaud", "it's so frette in here", "tabarnak it's cold", "it's kinda cold ngl" were words no rule
    read, so the complaint was not met."""
    assert calls(registry, said, area) == [expected]


@pytest.mark.parametrize(("said", "expected"), [
    ("switch off the kettle merci", ['turn_off(device="kettle")']),
    ("unlock the back door s'il vous plaît", ['unlock(device="back_door")']),
    ("merci beaucoup, turn the porch light on", ['turn_on(device="porch_light")']),
    ("sofa lamp off svp", ['turn_off(device="sofa_lamp")']),
    ("merci for turning the porch light on", []),  # thanks for what was done (batch 21)
    ("the soup is trop chaud", [])])  # said of a thing
def test_french_thanks_and_please_change_nothing(registry: Registry, said: str, expected: list[str]) -> None:
    assert calls(registry, said) == expected


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("turn the baseboard heater up in the study", None, ['step_temperature(device="study_heater", delta=1)']),
    ("switch off the baseboards", "study", ['turn_off(device="study_heater")']),
    ("set the baseboard in the study to 19", None, ['set_temperature(device="study_heater", temperature=19)']),
    ("turn on the baseboard heater in the kitchen", None, []),  # the kitchen has none
    ("the baseboards need dusting", None, [])])
def test_a_baseboard_heater_is_the_rooms_heater(registry: Registry, said: str, area: str | None,
                                                expected: list[str]) -> None:
    """ "set the baseboard heater in the chambre de léa to 19": "baseboard" was a word no rule read."""
    assert calls(registry, said, area) == expected


@pytest.mark.parametrize(("first", "then", "expected"), [
    ("is the heating on", "close it", ['turn_off(device="thermostat")']),
    ("is the bedroom speaker on", "close it", ['turn_off(device="bedroom_speaker")']),
    ("is the kettle on", "ok open it", ['turn_on(device="kettle")']),
    ("is the garage door open", "close it", ['close_cover(device="garage_door")']),
    ("open the blinds and turn on the tv", "close it", ['close_cover(device="living_room_blinds")'])])
def test_close_it_after_a_question_about_a_device_that_switches_is_off(registry: Registry, first: str, then: str,
                                                                       expected: list[str]) -> None:
    """ "is the spa on" … "close it" said the spa could not do that: "it" reached only covers, though "close the tv"
    is off (batch 10); a cover said before is still the one closed."""
    assert _after(registry, first, then) == expected


@pytest.mark.parametrize(("first", "then", "expected"), [
    ("switch on the bedroom fan", "on low", ['set_fan_speed(device="bedroom_fan", speed="low")']),
    ("turn the bathroom fan on", "on medium please", ['set_fan_speed(device="bathroom_fan", speed="medium")']),
    ("turn on the bedroom fan", "on", []),  # "on" alone is asked
    ("turn on the bedroom fan", "on the table", [])])
def test_on_and_a_speed_right_after_a_fan_command_is_its_speed(registry: Registry, first: str, then: str,
                                                               expected: list[str]) -> None:
    """ "turn on the fan" … "on high" was read as nothing, though "high" alone is the fan's speed."""
    assert _after(registry, first, then) == expected


@pytest.fixture(scope="module")
def appartement() -> Registry:
    """A flat whose lamps and tv are named in French, and one lamp in English."""
    return Registry([
        Device("lampe_bureau", "Lampe bureau", "bureau", "light"),
        Device("lampe_lit_gauche", "Lampe lit gauche", "chambre", "light"),
        Device("lampe_lit_droite", "Lampe lit droite", "chambre", "light"),
        Device("plafonnier", "Plafonnier chambre", "chambre", "light"),
        Device("enceinte", "Bluetooth speaker", "chambre", "media_player"),
        Device("reading_lamp", "Reading lamp", "salon", "light"),
        Device("tele", "Télé salon", "salon", "media_player")])


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("switch off the lamp", "chambre", []),  # two "Lampe lit": which one
    ("turn my lamp on", "chambre", []),
    ("switch off the lamp", "bureau", ['turn_off(device="lampe_bureau")']),
    ("switch off the lamp", "salon", ['turn_off(device="reading_lamp")']),
    ("turn the tv off", "chambre", ['turn_off(device="tele")']),  # never the room's speaker
    ("switch off the lights", "chambre", ['turn_off(device="lampe_lit_gauche")', 'turn_off(device="lampe_lit_droite")',
                                          'turn_off(device="plafonnier")'])])
def test_a_kind_said_where_its_devices_are_named_in_french_is_those_devices(appartement: Registry, said: str,
                                                                           area: str, expected: list[str]) -> None:
    """ "close the lamp" and "turn on my lamp" in a bedroom of two "Lampe de chevet" turned the salon's one English
    "floor lamp" off and on: "lampe" was no lamp, so the room had none and the home's one lamp was meant."""
    assert calls(appartement, said, area) == expected


@pytest.fixture(scope="module")
def owned() -> Registry:
    """A home whose devices are named after whose they are."""
    return Registry([
        Device("priya_lamp", "Priya's lamp", "bedroom", "light"),
        Device("chevet_paul", "Lampe de chevet Paul", "bedroom", "light"),
        Device("tv", "tv", "living room", "media_player"),
        Device("robot", "Roomba", "living room", "vacuum")])


@pytest.mark.parametrize(("said", "expected"), [
    ("Priya, can you turn off the tv", []),
    ("Paul could you switch the tv off", []),
    ("roomba, can you go home", ['return_to_base(device="robot")']),  # a whole name: the device spoken to
    ("turn off Priya's lamp", ['turn_off(device="priya_lamp")'])])
def test_a_person_whose_device_is_named_after_them_asked_by_name_is_a_person(owned: Registry, said: str,
                                                                           expected: list[str]) -> None:
    """ "Marc, can you close the tv" turned the tv off: "Marc" is a word of "Lampe de chevet Marc", so it was read as
    naming the home, never as the person asked (CASES.md batch 21: "mum, can you turn the kettle on")."""
    assert calls(owned, said, "living room") == expected


@pytest.fixture(scope="module")
def garage_in_french() -> Registry:
    """A garage door named in French with its English name as an alias, and locks elsewhere."""
    return Registry([
        Device("porte_garage", "Porte de garage", "garage", "cover", aliases=("garage door",)),
        Device("porte_avant", "Porte avant", "entrée", "lock", aliases=("front door",)),
        Device("porte_arriere", "Porte arrière", "cuisine", "lock", aliases=("back door",))])


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("shut the door", "garage", ['close_cover(device="porte_garage")']),
    ("lock the door", "garage", []),  # no lock in the garage: which one
    ("shut the door", None, [])])
def test_the_door_in_the_garage_is_its_door_by_an_alias_too(garage_in_french: Registry, said: str, area: str | None,
                                                            expected: list[str]) -> None:
    """ "close the door" in the garage asked which of the home's locks, where the garage door is "Porte de garage"
    with the alias "garage door" (CASES.md batch 18: the garage door is "the door" in the garage)."""
    assert calls(garage_in_french, said, area) == expected


@pytest.mark.parametrize(("said", "expected"), [
    ("set the reading lamp to white warm", ['set_color_temperature(device="reading_lamp", kelvin=2700)']),
    ("reading lamp white cool", ['set_color_temperature(device="reading_lamp", kelvin=6500)']),
    ("make the sofa lamp white warm", ['set_color(device="sofa_lamp", color="warm white")']),
    ("make the sofa lamp white", ['set_color(device="sofa_lamp", color="white")'])])
def test_a_white_said_before_its_warmth_is_that_white(registry: Registry, said: str, expected: list[str]) -> None:
    """ "the lamp in white warm please" (French "blanc chaud") was no call; "turn the sofa lamp white warm" set plain
    white."""
    assert calls(registry, said) == expected


@pytest.mark.parametrize(("said", "expected"), [
    ("the study heater temperature", ['get_state(device="study_heater")']),
    ("bedroom speaker volume?", ['get_state(device="bedroom_speaker")']),
    ("desk lamp brightness", ['get_state(device="desk_lamp")']),
    ("desk lamp brightness 40", ['set_brightness(device="desk_lamp", brightness=40)']),
    ("kettle temperature", [])])  # a setting it has not got
def test_a_devices_name_with_only_what_it_measures_asks_its_state(registry: Registry, said: str,
                                                                  expected: list[str]) -> None:
    """ "spa temperature" (the spa a climate device) asked what to do with it."""
    assert calls(registry, said) == expected


@pytest.mark.parametrize(("said", "expected"), [
    ("unplug the coffee maker", ['turn_off(device="coffee_machine")']),
    ("could you unplug the bedroom fan", ['turn_off(device="bedroom_fan")']),
    ("unplug the garage door", []),  # its power cut, never closed
    ("unplug the blinds", []),
    ("we unplugged the kettle", []),
    ("never unplug the dehumidifier", [])])
def test_unplug_switches_a_device_off(registry: Registry, said: str, expected: list[str]) -> None:
    """ "unplug the block heater" (a smart plug) was a verb no rule read."""
    assert calls(registry, said) == expected
