"""The requests a real home makes every day (issue 14): the air conditioner, white light, follow-ups by kind,
"never mind", and answers in correct English."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from conftest import isolated, simulated_home, unique, wait_until

from assistant.act.bridge import CallResult, MqttBridge
from assistant.answer.reply import compose
from assistant.config import BrokerSettings, load_config
from assistant.pipeline import Assistant
from assistant.registry import Device, MqttSettings, Registry
from assistant.tools import ToolCall, Understanding
from assistant.understand.understander import Understander


@pytest.fixture(scope="module")
def home() -> Registry:
    return load_config(None).registry()


def said(home: Registry, *sentences: str, area: str | None = None) -> Understanding:
    """The understanding of the last sentence of a conversation."""
    understander = Understander(home, area=area)
    for sentence in sentences[:-1]:
        understander.understand(sentence)
    return understander.understand(sentences[-1])


def calls(home: Registry, *sentences: str, area: str | None = None) -> list[str]:
    return [str(c) for c in said(home, *sentences, area=area).calls]


@pytest.mark.parametrize(("sentence", "mode"), [
    ("set the AC to cool", "cool"), ("switch the air conditioning to heat", "heat"), ("put the ac on dry", "dry"),
    ("set the aircon to fan only", "fan_only"), ("set the AC to dehumidify", "dry"), ("set the ac to auto", "auto"),
    ("put the air conditioner in heating mode", "heat"),
])
def test_a_climate_mode_said_is_set_hvac_mode(home: Registry, sentence: str, mode: str) -> None:
    assert calls(home, sentence) == [f'set_hvac_mode(device="living_room_ac", mode="{mode}")']


def test_turning_on_the_ac_is_turn_on_and_the_heating_stays_a_device(home: Registry) -> None:
    assert calls(home, "turn on the AC") == ['turn_on(device="living_room_ac")']
    assert calls(home, "turn on the heating") == ['turn_on(device="thermostat")']


def test_too_hot_cools_with_a_device_that_can_cool_else_lowers_the_target(home: Registry) -> None:
    assert calls(home, "it's too hot in the living room") == ['set_hvac_mode(device="living_room_ac", mode="cool")']
    assert calls(home, "I'm too hot", area="living room") == ['set_hvac_mode(device="living_room_ac", mode="cool")']
    assert calls(home, "it's too hot in the study") == ['step_temperature(device="study_heater", delta=-1)']
    assert calls(home, "it's too cold in the living room") == ['step_temperature(device="living_room_ac", delta=1)']
    assert calls(home, "it's too cold in the study") == ['turn_on(device="study_heater")']


def test_too_hot_without_a_room_asks_which_and_never_guesses_across_rooms(home: Registry) -> None:
    unsaid = said(home, "it's too hot")
    assert unsaid.calls == [] and unsaid.reply is not None and unsaid.reply.startswith("Which one")
    assert calls(home, "it's too hot", "the living room one") == ['set_hvac_mode(device="living_room_ac", mode="cool")']
    assert calls(home, "it's too hot", area="bedroom") == ['turn_on(device="bedroom_fan")']  # no climate there


def test_a_device_known_to_heat_is_set_to_heat_when_too_cold() -> None:
    heat_pump = Device("heat_pump", "heat pump", "den", "climate", mqtt=MqttSettings(modes=("off", "heat", "cool")))
    den = Registry([heat_pump])
    assert calls(den, "it's too cold in the den") == ['set_hvac_mode(device="heat_pump", mode="heat")']
    assert calls(den, "it's too hot in the den") == ['set_hvac_mode(device="heat_pump", mode="cool")']


@pytest.mark.parametrize(("sentence", "kelvin"), [
    ("set the reading lamp to warm white", 2700), ("make the floor lamp neutral white", 4000),
    ("set the reading lamp to cool white", 6500), ("set the reading lamp to daylight", 6500),
    ("set the reading lamp to 3000 kelvin", 3000), ("set the reading lamp to 250 mireds", 4000),
    ("make the reading lamp soft white", 2700),
])
def test_white_by_name_or_kelvin_is_set_color_temperature(home: Registry, sentence: str, kelvin: int) -> None:
    assert calls(home, sentence) == [f'set_color_temperature(device="reading_lamp", kelvin={kelvin})']


def test_a_colour_bulb_without_colour_temperature_keeps_its_warm_white_colour(home: Registry) -> None:
    assert calls(home, "set the sofa lamp to warm white") == ['set_color(device="sofa_lamp", color="warm white")']


def test_warmer_on_a_lamp_is_its_white_and_never_its_brightness(home: Registry) -> None:
    assert calls(home, "make the reading lamp warmer") == ['step_color_temperature(device="reading_lamp", delta=-500)']
    assert calls(home, "make the reading lamp a bit cooler") == [
        'step_color_temperature(device="reading_lamp", delta=500)']
    assert calls(home, "turn on the reading lamp", "make it whiter") == [
        'step_color_temperature(device="reading_lamp", delta=500)']
    refused = said(home, "make the sofa lamp warmer")  # a colour bulb without white: no brightness instead
    assert refused.calls == [] and refused.reply == "The sofa lamp can't do that."


def test_warmer_on_a_heater_stays_its_temperature(home: Registry) -> None:
    assert calls(home, "make it warmer", area="study") == ['step_temperature(device="study_heater", delta=1)']
    assert calls(home, "make the study heater a bit warmer") == ['step_temperature(device="study_heater", delta=1)']


def test_daylight_without_a_light_still_opens_the_curtains(home: Registry) -> None:
    assert calls(home, "let some daylight into the bedroom") == ['open_cover(device="bedroom_curtains")']


def test_do_the_same_in_another_room_repeats_the_kind_there(home: Registry) -> None:
    assert calls(home, "turn off the kitchen lights", "do the same in the bedroom") == [
        'turn_off(device="bedside_lamp")']
    assert calls(home, "set the kitchen lights to 40 percent", "same in the study") == [
        'set_brightness(device="desk_lamp", brightness=40)']


def test_it_after_a_scene_does_not_activate_the_scene_again(home: Registry) -> None:
    for follow_up in ("turn it off", "make it blue"):
        after = said(home, "movie night", follow_up)
        assert after.calls == [] and after.reply == "The movie night can't do that. Which device do you mean?"


def test_brighter_after_the_tv_does_not_raise_its_volume(home: Registry) -> None:
    after = said(home, "turn on the tv", "make it brighter")
    assert after.calls == [] and "Which device" in (after.reply or "")
    assert calls(home, "turn on the tv", "turn it up") == ['step_volume(device="tv", delta=10)']


@pytest.mark.parametrize("dismissal", ["cancel", "never mind", "nevermind", "forget it"])
def test_never_mind_drops_the_question_asked_back(home: Registry, dismissal: str) -> None:
    understander = Understander(home)
    assert understander.understand("turn on the ceiling light").asks
    dropped = understander.understand(dismissal)
    assert dropped.calls == [] and dropped.reply == "Okay."
    assert understander.understand("the kitchen one").calls == []  # the question is gone


@pytest.mark.parametrize(("sentence", "reply"), [
    ("turn on the lights in the bathroom", "There are no lights in the bathroom."),
    ("open the blinds in the kitchen", "There are no blinds in the kitchen."),
    ("turn on the fan in the garage", "There is no fan in the garage."),
])
def test_there_is_and_there_are_agree_with_what_is_missing(home: Registry, sentence: str, reply: str) -> None:
    assert said(home, sentence).reply == reply


def test_offline_and_scene_answers_are_grammatical(home: Registry) -> None:
    blinds = ToolCall("open_cover", "living_room_blinds")
    offline = compose(Understanding("open the blinds", [blinds]), [CallResult(blinds, False, error="offline")], home)
    assert offline == "The living room blinds are offline."
    scene = ToolCall("activate", "movie_night")
    assert compose(Understanding("movie night", [scene]), [CallResult(scene, True)], home) == "Done, movie night is on."


@pytest.fixture
def live_home(embedded_broker: BrokerSettings) -> Iterator[tuple[Assistant, MqttBridge]]:
    registry = isolated(load_config(None).registry())
    settings = dataclasses.replace(embedded_broker, client_id=unique("e"))
    with simulated_home(settings, registry) as (_sim, bridge):
        yield Assistant(registry, Understander(registry), bridge), bridge


def test_the_ac_cools_and_the_lamp_warms_without_getting_brighter(live_home: tuple[Assistant, MqttBridge]) -> None:
    assistant, bridge = live_home
    assert assistant.handle("set the AC to cool").answer == "Done, the air conditioner is cooling."
    assert assistant.handle("turn off the air conditioning").answer == "Done, the air conditioner is off."
    assert assistant.handle("turn on the AC").answer == "Done, the air conditioner is cooling."
    assert assistant.handle("set the reading lamp to 40 percent").answer.startswith("Done")
    assistant.handle("set the reading lamp to neutral white")
    assert assistant.handle("make the reading lamp warmer").answer == "Done, the reading lamp is white at 3500 kelvin."
    assert wait_until(lambda: (state := bridge.state("reading_lamp")) is not None and state.brightness == 40)
