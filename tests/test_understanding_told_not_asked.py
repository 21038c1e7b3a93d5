"""Wrong actions found by probing rounds eight and nine (CASES.md batches 69 and 76, helper V, issue 10): sentences
that say a device and a verb of the house but ask nothing of it — a scene told, a reward or a threat said to a child,
what others do, a person's turn, a story told, a person's step before "then", what has been going on, what a device
just did — each class as read by the understander as a sentence is heard; the commands said beside them are still
done."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.understand.understander import Understander

_DIMMED = ['step_brightness(device="sofa_lamp", delta=-20)', 'step_brightness(device="reading_lamp", delta=-20)',
           'step_brightness(device="living_room_ceiling", delta=-20)']


@pytest.mark.parametrize(("said", "area"), [
    ("picture this, the lights dim and the movie starts", "living room"),
    ("in the game, the lights dim and a door unlocks", "living room"),
    ("in the film, the lights go out and the front door unlocks", "living room"),
    ("the blinds come down and the projector starts", "living room"),
    ("the curtains close and the night light comes on", "bedroom"),
    ("the lights go down, the music comes up, everyone cheers", "living room"),
    ("the way I see it, the blinds close, the ceiling light dims, and we watch the film", "living room"),
    ("and scene, the lights go out", "living room"),
    ("at sunset the porch light comes on and the blinds close", None)])
def test_a_device_and_a_plain_verb_in_a_scene_told_is_what_happens_never_a_command(
        home_registry: Registry, said: str, area: str | None) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("lights dim, tv on", "living room", [*_DIMMED, 'turn_on(device="tv")']),
    ("the lights dim", "living room", _DIMMED),
    ("the movie's starting, lights down please", "living room", _DIMMED),
    ("the film's starting, dim the lights", "living room", _DIMMED),
    ("picture this, it's freezing in here, turn the heater on", "study", ['turn_on(device="study_heater")']),
    ("step one, switch off the dehumidifier", None, ['turn_off(device="dehumidifier")'])])
def test_a_terse_command_or_one_with_its_verb_first_beside_a_scene_is_still_done(
        home_registry: Registry, said: str, area: str | None, expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected


@pytest.mark.parametrize("said", ["the plan is the lights go off", "ideally the lights dim",
                                  "imagine the blinds come down", "in my dream the curtains close"])
def test_a_scene_told_after_its_frame_in_one_clause_is_news_never_left_to_the_model(home_registry: Registry,
                                                                                   said: str) -> None:
    understood = Understander(home_registry, area="living room").understand(said)
    assert understood.calls == [] and understood.unsure == []


@pytest.mark.parametrize(("said", "expected"), [
    ("the blinds go up", []), ("the blinds go up, turn on the lamp", []),
    ("the blinds go up, turn on the sofa lamp", ['turn_on(device="sofa_lamp")']),
    ("the blinds come down, dim the ceiling light", ['step_brightness(device="living_room_ceiling", delta=-20)']),
    ("the garage door goes up, turn on the garage light", ['turn_on(device="garage_light")'])])
def test_a_cover_told_moving_is_never_moved_and_the_command_after_it_is_done(home_registry: Registry, said: str,
                                                                            expected: list[str]) -> None:
    """ "the blinds go up, turn on the lamp" opened the blinds: a device said after "the", then "go" or "come" and its
    way, is how it goes, told (batch 77)."""
    assert heard(home_registry, said, "living room")[0] == expected


def test_a_cover_said_tersely_before_a_command_is_still_opened(home_registry: Registry) -> None:
    assert heard(home_registry, "blinds up, turn on the sofa lamp", "living room")[0] == [
        'open_cover(device="living_room_blinds")', 'turn_on(device="sofa_lamp")']


@pytest.mark.parametrize("said", ["turn the tv off and you can have ice cream",
                                  "close the garage door and I'll make you a sandwich",
                                  "turn that tv up one more time and you're grounded",
                                  "open the blinds again and see what happens",
                                  "turn the tv down or you'll be sorry", "turn that tv off or else",
                                  "turn the tv up one more time and I'm taking the remote",
                                  "open the blinds again and you're in big trouble",
                                  "turn the tv up again and i'm calling your dad",
                                  "turn that tv up one more time, i dare you",
                                  "turn that tv up one more time and there will be trouble",
                                  "turn the tv up once more and the remote is mine",
                                  "turn that tv up again and watch what happens",
                                  "turn the tv up again, see what happens"])
def test_a_command_with_a_reward_or_a_threat_after_it_is_said_to_a_person(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


def test_a_step_said_again_and_then_another_command_is_both_done(home_registry: Registry) -> None:
    """The dare is someone's deed after "once more and"; another command after it is the house's (batch 77)."""
    assert heard(home_registry, "turn the tv up again and turn on the sofa lamp", "living room")[0] == [
        'step_volume(device="tv", delta=10)', 'turn_on(device="sofa_lamp")']


@pytest.mark.parametrize(("said", "expected"), [
    ("lock the front door again and i am going to bed", ['lock(device="front_door")']),
    ("turn the tv off again and i will go to bed", ['turn_off(device="tv")']),
    ("switch the kettle on again and i will make tea", ['turn_on(device="kettle")'])])
def test_a_command_said_again_and_then_the_speakers_own_plan_is_done(home_registry: Registry, said: str,
                                                                     expected: list[str]) -> None:
    """A dare is a deed against the listener; "… again and i'm going to bed" is the speaker's plan (helper R)."""
    assert heard(home_registry, said, "living room")[0] == expected


@pytest.mark.parametrize(("said", "expected"), [
    ("close the garage door and lock the back door", ['close_cover(device="garage_door")', 'lock(device="back_door")']),
    ("turn the tv off and the sofa lamp on", ['turn_off(device="tv")', 'turn_on(device="sofa_lamp")'])])
def test_two_commands_joined_by_and_are_both_done(home_registry: Registry, said: str, expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["at the office they keep the aircon freezing", "they keep the aircon freezing",
                                  "the kids leave the tv on", "my parents turn the heating up",
                                  "in our house we keep the heating at 20"])
def test_what_others_do_said_in_the_plain_present_is_news(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


def test_a_command_after_what_others_do_is_done(home_registry: Registry) -> None:
    assert heard(home_registry, "the neighbours are complaining, turn the tv down", "living room")[0] == [
        'step_volume(device="tv", delta=-10)']


@pytest.mark.parametrize("said", ["it's your turn to lock the back door", "it's his job to switch the porch light off",
                                  "it's my go to close the garage door"])
def test_someones_turn_to_do_it_is_theirs_never_the_houses(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


def test_a_command_after_someones_turn_is_done(home_registry: Registry) -> None:
    assert heard(home_registry, "it's my turn to choose, turn the tv on")[0] == ['turn_on(device="tv")']


@pytest.mark.parametrize("said", ["so I turn the tv on and it's just static",
                                  "the kids come in, crank the tv up and leave the back door unlocked",
                                  "they get home, switch everything on and go to bed",
                                  "they come downstairs, turn the kettle on, go back up"])
def test_a_story_told_in_the_present_is_news_never_commands(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("I walk in and it's pitch black, turn on the hall light", ['turn_on(device="hallway_light")']),
    ("so turn off the tv", ['turn_off(device="tv")']),
    ("the kids want the tv on, turn it on please", ['turn_on(device="tv")'])])
def test_a_command_after_a_story_with_a_subject_between_is_done(home_registry: Registry, said: str,
                                                                 expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["remove the filter, then turn the dehumidifier back on",
                                  "fill it with vinegar and then switch the kettle on",
                                  "unscrew the bulb, then switch the hallway light back on"])
def test_a_command_after_a_persons_step_and_then_is_never_done_now(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("turn off the tv, then lock the back door", ['turn_off(device="tv")', 'lock(device="back_door")']),
    ("turn off the tv and feed the cat", ['turn_off(device="tv")'])])
def test_commands_joined_by_then_and_a_step_after_a_command_read_as_before(home_registry: Registry, said: str,
                                                                          expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["done: kettle off, back door locked, blinds closed",
                                  "update, front door locked, porch light off"])
def test_a_list_of_how_things_were_left_after_a_reports_word_is_news(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said, "living room")[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("lights off in the bedroom and curtains closed", ['turn_off(device="bedside_lamp")',
                                                       'close_cover(device="bedroom_curtains")']),
    ("done, turn off the tv and lock the back door", ['turn_off(device="tv")', 'lock(device="back_door")'])])
def test_devices_with_their_states_said_as_commands_still_act(home_registry: Registry, said: str,
                                                              expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["I've been switching the desk lamp off at midnight",
                                  "we've been leaving the porch light on all night",
                                  "the kids have been turning the heating up"])
def test_what_has_been_going_on_is_news_never_a_command_nor_one_for_later(home_registry: Registry, said: str) -> None:
    assert heard(home_registry, said)[0] == []


@pytest.mark.parametrize(("said", "expected"), [
    ("I've been working all day, turn off the desk lamp", ['turn_off(device="desk_lamp")']),
    ("the kids have been turning the heating up, turn it down", ['step_temperature(device="thermostat", delta=-1)'])])
def test_a_command_after_what_has_been_going_on_is_done(home_registry: Registry, said: str,
                                                       expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected


@pytest.mark.parametrize("said", ["the tv just told me to turn off the tv",
                                  "the kettle just told me to lock the back door",
                                  "the tv just said to lock the front door", "the tv said to lock the front door"])
def test_what_a_device_just_did_said_first_is_news_never_left_to_the_model(home_registry: Registry, said: str) -> None:
    understood = Understander(home_registry).understand(said)
    assert (understood.calls, understood.unsure) == ([], [])


def test_a_dont_said_politely_with_the_past_tense_is_a_dont_never_a_question(home_registry: Registry) -> None:
    assert heard(home_registry, "I'd appreciate it if you didn't turn the heating off") == ([], "Okay, I won't.")
    assert heard(home_registry, "I'd appreciate it if you turned the heating off")[0] == [
        'turn_off(device="thermostat")']


def test_how_a_device_would_be_asked_is_no_state(home_registry: Registry) -> None:
    assert heard(home_registry, "what would the tv sound like at full volume")[0] == []
    assert heard(home_registry, "you know what would be nice? the sofa lamp on")[0] == ['turn_on(device="sofa_lamp")']


@pytest.mark.parametrize(("said", "expected"), [
    ("the film's about to start, close the blinds", ['close_cover(device="living_room_blinds")']),
    ("the match is about to start, turn on the tv", ['turn_on(device="tv")']),
    ("the tv is about to turn off, turn it up", ['step_volume(device="tv", delta=10)']),
    ("the tv is about to turn off", []), ("I'm about to turn off the tv", [])])
def test_what_is_about_to_happen_is_news_and_the_command_beside_it_is_done(home_registry: Registry, said: str,
                                                                          expected: list[str]) -> None:
    """ "the film's about to start, close the blinds" was held as a plan, and "the tv is about to turn off, turn it up"
    turned the tv off (batch 77)."""
    assert heard(home_registry, said, "living room")[0] == expected


@pytest.mark.parametrize(("said", "expected"), [
    ("turn the heating up, I love a warm house", ['step_temperature(device="thermostat", delta=1)']),
    ("turn the heating on, I like a cosy house", ['turn_on(device="thermostat")']),
    ("turn on the sofa lamp, I love the glow", ['turn_on(device="sofa_lamp")'])])
def test_what_the_speaker_likes_after_a_command_is_no_command_said_again(home_registry: Registry, said: str,
                                                                         expected: list[str]) -> None:
    assert heard(home_registry, said)[0] == expected
