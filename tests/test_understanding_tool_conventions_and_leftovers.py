"""Named leftovers of issue 10 and where CASES.md was silent (helper L, CASES.md batch 32): a number in a device's name
counted as a second value beside a colour ("lamp 1 red" was not understood); "the telly" in a lounge with a soundbar
was asked which although "the tv" was not; "ac cold" warmed the AC (its goal, said so, is colder); "only" ending a
command held it; a person said first with no comma ("grandpa turn the tv off") was asked "Did you mean …?", where
"grandpa, …" is someone spoken to; "we're off now, …" answered "I don't know a device called we are" where the
command was asked about; "the mosquito machine" (a name's first word and what the device is) was no device; and
"…, need to bleed the radiators" after "whack the heating up to 25" stepped the heating up as well. The tool
conventions of batch 32 are pinned as well. Read by the understander as a sentence is heard."""

from __future__ import annotations

import pytest
from conftest import heard_calls as calls

from assistant.config import load_config
from assistant.registry import Device, Registry
from assistant.tools import Understanding
from assistant.understand.understander import Understander


@pytest.fixture(scope="module")
def demo() -> Registry:
    return load_config(None).registry()


@pytest.fixture(scope="module")
def lounge() -> Registry:
    """Two numbered lamps, a tv beside a soundbar (both media players) in one room, a mosquito zapper and the
    heating; names as the config reads them (lower case)."""
    return Registry([
        Device(id="lamp_1", name="lamp 1", area="lounge", type="light", features=("brightness", "color")),
        Device(id="lamp_2", name="lamp 2", area="lounge", type="light", features=("brightness", "color")),
        Device(id="lounge_tv", name="lounge tv", area="lounge", type="media_player"),
        Device(id="soundbar", name="sonos beam", area="lounge", type="media_player"),
        Device(id="bedroom_tv", name="bedroom tv", area="bedroom", type="media_player"),
        Device(id="zapper", name="mosquito zapper", area="balcony", type="switch"),
        Device(id="heating", name="upstairs heating", area="landing", type="climate"),
    ])


def understood(registry: Registry, text: str, area: str | None = None) -> Understanding:
    return Understander(registry, area=area).understand(text)


@pytest.mark.parametrize(("said", "expected"), [
    ("lamp 1 red", ['set_color(device="lamp_1", color="red")']),
    ("make lamp one purple", ['set_color(device="lamp_1", color="purple")']),
    ("lamp one purple no blue", ['set_color(device="lamp_1", color="blue")']),
    ("lamp 1 red, lamp 2 at 10 percent",
     ['set_color(device="lamp_1", color="red")', 'set_brightness(device="lamp_2", brightness=10)'])])
def test_a_number_in_a_devices_name_is_no_second_value_beside_a_colour(lounge: Registry, said: str,
                                                                        expected: list[str]) -> None:
    assert calls(lounge, said, "lounge") == expected


def test_two_numbers_beside_a_colour_are_still_asked(lounge: Registry) -> None:
    assert calls(lounge, "lamp 1 red 50", "lounge") == []


@pytest.mark.parametrize("said", ["alexa turn off the telly", "turn off the television", "telly off"])
def test_the_telly_in_a_room_with_a_soundbar_is_the_one_named_tv(lounge: Registry, said: str) -> None:
    assert calls(lounge, said, "lounge") == ['turn_off(device="lounge_tv")']


def test_the_telly_with_no_room_is_still_asked_which(lounge: Registry) -> None:
    result = understood(lounge, "turn off the telly")
    assert result.calls == [] and result.reply.startswith("Which one"), result


@pytest.mark.parametrize(("said", "call"), [("switch off the mosquito machine", 'turn_off(device="zapper")'),
                                            ("the mosquito thing on", 'turn_on(device="zapper")')])
def test_the_first_word_of_a_name_with_a_word_for_what_it_is_is_that_device(lounge: Registry, said: str,
                                                                             call: str) -> None:
    assert calls(lounge, said) == [call]


@pytest.mark.parametrize("said", ["ac cold", "aircon hot please", "heating hot", "heating cold"])
def test_a_climate_device_said_with_only_hot_or_cold_is_asked(demo: Registry, said: str) -> None:
    result = understood(demo, said, "living room")
    assert result.calls == [] and result.reply, result


@pytest.mark.parametrize(("said", "area", "call"), [
    ("the ac is too cold", "living room", 'step_temperature(device="living_room_ac", delta=1)'),
    ("ac cool", "living room", 'set_hvac_mode(device="living_room_ac", mode="cool")'),
    ("cool it down", "living room", 'set_hvac_mode(device="living_room_ac", mode="cool")'),
    ("cool it down a bit", "living room", 'step_temperature(device="living_room_ac", delta=-1)'),
    ("make it cooler", "living room", 'step_temperature(device="living_room_ac", delta=-1)'),
    ("warm it up", "study", 'turn_on(device="study_heater")'),
    ("warm it up a little", "study", 'step_temperature(device="study_heater", delta=1)'),
    ("speaker on", "bedroom", 'turn_on(device="bedroom_speaker")'),
    ("play the speaker", "bedroom", 'media_play(device="bedroom_speaker")')])
def test_tool_conventions_a_mode_or_on_said_is_that_and_an_amount_is_a_step(demo: Registry, said: str, area: str,
                                                                            call: str) -> None:
    assert calls(demo, said, area) == [call]


@pytest.mark.parametrize(("said", "area", "call"), [
    ("the blinds, close half only", "living room", 'set_position(device="living_room_blinds", position=50)'),
    ("switch off the kettle only", None, 'turn_off(device="kettle")')])
def test_only_ending_a_command_changes_nothing(demo: Registry, said: str, area: str | None, call: str) -> None:
    assert calls(demo, said, area) == [call]


def test_only_of_a_mode_is_kept(demo: Registry) -> None:
    assert calls(demo, "set the ac to fan only", "living room") == [
        'set_hvac_mode(device="living_room_ac", mode="fan_only")']


@pytest.mark.parametrize("said", ["grandpa turn the tv off", "son switch off the kettle",
                                  "mum can you turn off the tv"])
def test_a_person_said_first_without_a_comma_is_someone_spoken_to(demo: Registry, said: str) -> None:
    result = understood(demo, said)
    assert result.calls == [] and result.unsure == [] and result.reply, result  # not "Did you mean …?"


def test_the_speaker_leaving_gets_no_reply_beside_a_command_asked_about(demo: Registry) -> None:
    result = understood(demo, "we're off now, turn off the lights")
    assert result.calls == [] and result.reply.startswith("Which room's lights"), result
    assert calls(demo, "we're off now, turn off the lights", "living room") == [
        'turn_off(device="sofa_lamp")', 'turn_off(device="reading_lamp")', 'turn_off(device="living_room_ceiling")']


def test_to_and_a_verb_of_the_speakers_own_before_a_device_borrows_no_command(lounge: Registry) -> None:
    assert calls(lounge, "whack the heating up to 25 for me, need to bleed the radiators", "landing") == [
        'set_temperature(device="heating", temperature=25)']
