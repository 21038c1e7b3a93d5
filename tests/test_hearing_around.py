"""Words said around a value or a state that the grammar's own words lack ("hot", "a third", "full") are in the
grammar where values and states go, so pocketsphinx hears them as themselves and leaves the command to Whisper.
Without them it swapped such a word for a grammar word that sounds like it, sure of each word: "make the study heater
hot" was trusted as "make the study heater off" (the heater turned off) and "set the fan to full" as "set the fan
to purple"."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import in_silence

from assistant.config import load_config
from assistant.hear import vocabulary
from assistant.hear.audio import RATE
from assistant.hear.stt import SphinxEngine
from assistant.hear.vocabulary import AROUND, around
from assistant.registry import Device, Registry


@pytest.fixture(scope="module")
def without_around() -> SphinxEngine:
    """The same grammar without the words around values, as it was."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vocabulary, "AROUND", ())
        return SphinxEngine(load_config(None).registry(), None)


@pytest.mark.parametrize(("text", "swapped"), [
    ("make the study heater hot", "make the study heater off"),
    ("set the fan to full", "set the fan to purple"),
])
def test_a_word_said_around_a_value_is_no_longer_swapped_for_a_grammar_word_and_trusted(
        sphinx: SphinxEngine, without_around: SphinxEngine, say, text: str, swapped: str) -> None:
    audio = in_silence(say, text)
    before = without_around.heard(audio)
    assert before is not None and before.text == swapped  # trusted: the house did what nobody asked
    assert sphinx.heard(audio) is None  # Whisper's to hear
    assert sphinx._heard()[0] == text  # heard as itself


@pytest.mark.parametrize("text", ["set the blinds to a third", "turn the heating up a notch", "make the tv louder",
                                  "close the curtains a tad",
                                  "set the heating to twenty one point five degrees"])
def test_a_command_with_a_word_around_its_value_is_left_to_whisper(sphinx: SphinxEngine, say, text: str) -> None:
    assert sphinx.heard(in_silence(say, text)) is None


def test_a_command_with_a_word_around_its_value_is_not_judged_whole(sphinx: SphinxEngine, say) -> None:
    sphinx.begin([np.zeros(RATE * 3 // 10, dtype=np.int16), say("make the study heater hot")])
    assert sphinx.whole() is None  # unsure: the sound decides the end


@pytest.mark.parametrize("text", ["turn off the tv", "set the blinds to forty percent", "turn the volume down",
                                  "make the bedside lamp blue"])
def test_plain_commands_are_still_pocketsphinxs_own(sphinx: SphinxEngine, say, text: str) -> None:
    heard = sphinx.heard(in_silence(say, text))
    assert heard is not None and heard.text == text


def test_a_word_of_the_homes_own_names_is_the_names_not_one_around_a_value() -> None:
    home = Registry([Device("hot_tub", "hot tub", "garden", "switch"), Device("kettle", "kettle", "kitchen", "switch")])
    assert "hot" not in around(home) and "cold" in around(home)
    sphinx = SphinxEngine(home, None)
    assert sphinx._grammar.accept("turn off the hot tub") and not sphinx._grammar.accept("make the kettle hot")


def test_a_home_whose_names_hold_every_word_around_a_value_still_hears_its_commands(say) -> None:
    home = Registry([Device("kettle", "kettle", "kitchen", "switch", aliases=tuple(AROUND))])
    assert around(home) == frozenset()
    heard = SphinxEngine(home, None).heard(in_silence(say, "turn on the kettle"))
    assert heard is not None and heard.text == "turn on the kettle"  # a <near> of <VOID> alone left no path at all
