"""Replies read right (issue 10): every verb and pronoun agrees with a plural name ("the counter lights were"), and a
heating or cooling mode a device does not declare is said back with the ones it has, never sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.act.bridge import CallResult
from assistant.answer.reply import compose, describe_state
from assistant.config import ConfigError, load_config
from assistant.pipeline import Assistant
from assistant.registry import Device, Registry
from assistant.tools import ToolCall, Understanding
from assistant.understand.answers import social_reply
from assistant.understand.understander import Understander
from devices.state import DeviceState


@pytest.fixture(scope="module")
def home() -> Registry:
    return load_config(None).registry()


def dry(home: Registry) -> Assistant:
    return Assistant(home, Understander(home), None)


@pytest.mark.parametrize(("command", "name", "was", "them"), [
    ("set the counter lights to red", "the counter lights", "were", "them as they are"),
    ("set the sofa lamp to red", "the sofa lamp", "was", "it as it is"),
])
def test_undo_of_an_unknown_state_agrees_with_the_name(home: Registry, command: str, name: str, was: str,
                                                      them: str) -> None:
    assistant = dry(home)
    assistant.handle(command, dry_run=True)
    assert assistant.handle("change it back", dry_run=True).answer == (
        f"I don't know how {name} {was} before, so I left {them}.")


def test_a_failure_said_of_a_plural_name_takes_their(home: Registry) -> None:
    lights, kettle = ToolCall("turn_on", "kitchen_counter_lights"), ToolCall("turn_on", "kettle")
    failed = [CallResult(lights, False, error="unsupported"), CallResult(kettle, False, error="unsupported")]
    assert compose(Understanding("turn on the counter lights and the kettle", [lights, kettle]), failed, home) == (
        "The counter lights can't do that over their MQTT connection. "
        "The kettle can't do that over its MQTT connection.")


def test_what_an_offline_device_last_said_agrees_with_its_name() -> None:
    assert describe_state("counter lights", "light", DeviceState(on=True), online=False) == (
        "The counter lights are offline; when last heard they were on.")
    assert describe_state("kettle", "switch", DeviceState(on=False), online=False) == (
        "The kettle is offline; when last heard it was off.")


def test_several_devices_done_alike_take_a_plural_verb(home: Registry) -> None:
    calls = [ToolCall("turn_off", "tv"), ToolCall("turn_off", "kettle")]
    assert compose(Understanding("turn off the tv and the kettle", calls), [CallResult(c, True) for c in calls],
                   home) == "Done, the tv and the kettle are off."


def test_a_mode_the_device_does_not_declare_is_said_back_not_sent(home: Registry) -> None:
    said = Understander(home).understand("set the heater to cool")
    assert said.calls == [] and said.reply == "The study heater can't cool; it can heat or turn off."
    assert [str(c) for c in Understander(home).understand("set the study heater to heat").calls] == [
        'set_hvac_mode(device="study_heater", mode="heat")']
    assert [str(c) for c in Understander(home).understand("it's freezing in the study").calls] == [
        'turn_on(device="study_heater")']  # a heater that only heats: its "on" is heating


def test_modes_are_declared_only_for_a_climate_device(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("devices:\n  - {id: heater, name: heater, area: study, type: climate, mqtt: {modes: [heat]}}\n"
                    "  - {id: lamp, name: lamp, area: study, type: light, mqtt: {modes: [heat]}}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="only a climate device has heating and cooling modes"):
        load_config(path)
    path.write_text("devices:\n  - {id: heater, name: heater, area: study, type: climate, mqtt: {modes: [heat]}}\n",
                    encoding="utf-8")
    assert load_config(path).registry()["heater"].mqtt.modes == ("heat",)


def test_the_help_example_agrees_with_a_plural_lock_name() -> None:
    doors = Registry([Device("doors", "patio doors", "garden", "lock"), Device("lamp", "lamp", "study", "light")])
    assert '"are the patio doors locked?"' in (social_reply("what can you do", doors) or "")


def test_a_change_to_many_devices_is_counted_not_listed(home: Registry) -> None:
    lights = [d.id for d in home if d.type == "light"]
    results = [CallResult(ToolCall("turn_off", device), True, DeviceState(on=False)) for device in lights]
    assert len(lights) > 5
    assert compose(Understanding("turn off all the lights", [r.call for r in results]), results, home) == \
        f"Done, {len(lights)} devices are off."
    few = results[:2]
    assert compose(Understanding("turn off the lamps", [r.call for r in few]), few, home).startswith("Done, the ")


def test_what_is_on_says_the_devices_that_are_on_and_counts_the_rest(home: Registry) -> None:
    results = [CallResult(ToolCall("get_state", "tv"), True, DeviceState(on=False, playing=False, volume=20)),
               CallResult(ToolCall("get_state", "kettle"), True, DeviceState(on=False)),
               CallResult(ToolCall("get_state", "coffee_machine"), True, DeviceState(on=False)),
               CallResult(ToolCall("get_state", "bedroom_speaker"), True, DeviceState(on=False, volume=30)),
               CallResult(ToolCall("get_state", "desk_lamp"), True, DeviceState(on=True, brightness=40))]
    assert compose(Understanding("what's on", [r.call for r in results]), results, home) == \
        "The desk lamp is on at 40 percent. The other 4 are off."
    [tv] = results[:1]
    assert compose(Understanding("is the tv on", [tv.call]), [tv], home) == "The tv is off and paused at volume 20."
