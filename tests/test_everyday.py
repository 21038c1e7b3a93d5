"""The requests a real home makes every day (issue 14): the air conditioner, white light, follow-ups by kind,
"never mind", and answers in correct English."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Probe, isolated, simulated_home, unique, wait_until

from assistant.act.bridge import CallResult, MqttBridge
from assistant.answer.reply import compose
from assistant.config import BrokerSettings, Config, ConfigError, load_config
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


def test_the_ac_cools_and_the_lamp_warms_without_getting_brighter(live_demo: tuple[MqttBridge, Registry]) -> None:
    bridge, registry = live_demo
    assistant = Assistant(registry, Understander(registry), bridge)
    assert assistant.handle("set the AC to cool").answer == "Done, the air conditioner is cooling."
    assert assistant.handle("turn off the air conditioning").answer == "Done, the air conditioner is off."
    assert assistant.handle("turn on the AC").answer == "Done, the air conditioner is cooling."
    assert assistant.handle("set the reading lamp to 40 percent").answer.startswith("Done")
    assistant.handle("set the reading lamp to neutral white")
    assert assistant.handle("make the reading lamp warmer").answer == "Done, the reading lamp is white at 3500 kelvin."
    assert wait_until(lambda: (state := bridge.state("reading_lamp")) is not None and state.brightness == 40)


COMMANDS = """
devices:
  - {id: reading_lamp, name: reading lamp, area: living room, type: light, features: [brightness]}
  - {id: sofa_lamp, name: sofa lamp, area: living room, type: light, features: [brightness, color]}
  - {id: desk_lamp, name: desk lamp, area: study, type: light, features: [brightness]}
  - {id: movie_night, name: movie night, area: living room, type: scene}
commands:
  - say: ["[it's] movie time", "start the (film|movie)"]
    do:
      - {tool: activate, device: movie_night}
      - {tool: set_brightness, device: reading_lamp, brightness: 10}
    answer: Enjoy the film.
  - say: "feed the cat [{number} portions]"
    publish: {topic: "TOPIC", payload: "{number}"}
  - say: "feed the cat"
    publish: {topic: "TOPIC", payload: "1"}
  - say: "(dim|darken) [the] {room} to {number} [percent]"
    do: [{tool: set_brightness, area: "{room}", brightness: "{number}"}]
  - say: "turn on the desk lamp"
    do: [{tool: set_brightness, device: desk_lamp, brightness: 70}]
"""


def commands_config(tmp_path: Path, topic: str = "home/cat/feed") -> Config:
    path = tmp_path / "home.yaml"
    path.write_text(COMMANDS.replace("TOPIC", topic))
    return load_config(path)


def test_custom_commands_are_matched_before_the_rules_with_their_slots(tmp_path: Path) -> None:
    config = commands_config(tmp_path)
    understander = Understander(config.registry(), commands=config.commands)
    assert [str(c) for c in understander.understand("It's movie time, please").calls] == [
        'activate(device="movie_night")', 'set_brightness(device="reading_lamp", brightness=10)']
    assert understander.understand("start the film").reply == "Enjoy the film."
    assert [str(c) for c in understander.understand("dim the study to 30 percent").calls] == [
        'set_brightness(device="desk_lamp", brightness=30)']
    assert [str(c) for c in understander.understand("turn on the desk lamp").calls] == [  # the home's, not the rules'
        'set_brightness(device="desk_lamp", brightness=70)']
    fed = understander.understand("feed the cat 2 portions")
    assert fed.calls == [] and fed.publishes == [("home/cat/feed", "2")]
    assert understander.understand("turn off the sofa lamp").path == "rules"  # anything else: the rules


@pytest.mark.parametrize(("entry", "complaint"), [
    ('{say: "movie (time", do: [{tool: activate, device: movie_night}]}', "commands[0].say: not a sentence template"),
    ('{say: "feed the {pet}", publish: {topic: a/b}}', "commands[0].say: unknown slot {pet}"),
    ('{say: "x", do: [{tool: activate, device: nope}]}', "commands[0].do[0].device: expected the id of a device"),
    ('{say: "x", do: [{tool: set_color, device: desk_lamp, color: red}]}', "commands[0].do[0]: the desk_lamp does not"),
    ('{say: "x", do: [{tool: turn_on, area: garage}]}', "commands[0].do[0].area: expected a room of the home"),
    ('{say: "x"}', "commands[0]: a command needs `say`"),
])
def test_a_bad_custom_command_is_one_line_naming_file_line_and_key(tmp_path: Path, entry: str, complaint: str) -> None:
    path = tmp_path / "home.yaml"
    path.write_text("devices:\n  - {id: desk_lamp, name: desk lamp, area: study, type: light, features: [brightness]}\n"
                    "  - {id: movie_night, name: movie night, area: study, type: scene}\n"
                    f"commands:\n  - {entry}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}:5: {complaint}")


def test_a_custom_command_publishes_its_message_and_runs_its_calls(tmp_path: Path,
                                                                  embedded_broker: BrokerSettings) -> None:
    topic = f"{unique('cat')}/feed"
    config = commands_config(tmp_path, topic)
    registry = isolated(config.registry())
    settings = dataclasses.replace(embedded_broker, client_id=unique("c"))
    probe = Probe(settings).start().subscribe([topic])
    try:
        with simulated_home(settings, registry) as (_sim, bridge):
            assistant = Assistant(registry, Understander(registry, commands=config.commands), bridge)
            assert assistant.handle("feed the cat").answer == "Done."
            assert wait_until(lambda: [m.payload for m in probe.on(topic)] == [b"1"])
            assert assistant.handle("movie time").answer == (
                "Done, movie night is on; the reading lamp is at 10 percent. Enjoy the film.")
    finally:
        probe.stop()


def test_devices_lists_the_custom_commands(tmp_path: Path) -> None:
    config = commands_config(tmp_path)
    result = subprocess.run([sys.executable, "-m", "assistant", "devices", "--config", str(tmp_path / "home.yaml"),
                             "--commands"], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.splitlines()[0] == ('"[it\'s] movie time" | "start the (film|movie)" -> activate movie_night; '
                                             'set_brightness reading_lamp 10')
    assert len(result.stdout.splitlines()) == len(config.commands)
