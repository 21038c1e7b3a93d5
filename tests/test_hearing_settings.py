"""pocketsphinx's grammar offers a device's name a setting ("the tv volume") only where the device has it: offered
any setting, the decoder forced "make the counter lights 10 percent dimmer" onto "make the counter lights temperature
up amber" (the counter lights have no colour temperature), each word well enough to be trusted, and the rules made it
a colour."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.hear.audio import RATE
from assistant.hear.stt import SphinxEngine
from assistant.registry import Device, Registry


@pytest.mark.parametrize("text", ["set the tv volume to twenty", "turn the sofa lamp brightness up",
                                  "set the thermostat temperature to twenty one", "set the bedroom fan speed to high",
                                  "set the reading lamp temperature to warm white", "turn the volume down"])
def test_a_name_is_offered_the_settings_its_device_has(sphinx: SphinxEngine, text: str) -> None:
    assert sphinx._grammar.accept(text)


@pytest.mark.parametrize("text", ["make the counter lights temperature up amber", "turn the kettle volume up",
                                  "set the tv brightness to ten", "set the sofa lamp speed to high"])
def test_a_name_is_not_offered_a_setting_its_device_lacks(sphinx: SphinxEngine, text: str) -> None:
    assert not sphinx._grammar.accept(text)


@pytest.mark.parametrize("text", ["turn the tv volume up", "set the tv volume to twenty",
                                  "turn the sofa lamp brightness down"])
def test_a_command_naming_a_setting_its_device_has_is_still_heard_by_pocketsphinx_itself(
        sphinx: SphinxEngine, say, text: str) -> None:
    room = np.zeros(RATE * 3 // 10, dtype=np.int16)
    heard = sphinx.heard(np.concatenate([room, say(text), room]))
    assert heard is not None and heard.text == text


def test_a_home_where_no_device_has_a_setting_still_hears_its_commands(say) -> None:
    kettle = SphinxEngine(Registry([Device("kettle", "kettle", "kitchen", "switch")]), None)
    assert kettle._grammar.accept("turn on the kettle")
    room = np.zeros(RATE * 3 // 10, dtype=np.int16)
    heard = kettle.heard(np.concatenate([room, say("turn on the kettle"), room]))
    assert heard is not None and heard.text == "turn on the kettle"  # an empty alternative once left no path at all
