"""Talk near the home's commands is not trusted as one: pocketsphinx's grammar decoder may take any run of phones (a
garbage filler per phone) between and around the grammar's words, so speech the grammar does not cover is decoded as
garbage beside the words instead of forced onto the nearest sentence ("who turned on the porch light" was trusted as
"turn on the porch light"). Plain commands take no garbage and are still pocketsphinx's own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import in_silence

from assistant.config import load_config
from assistant.hear import stt, vocabulary
from assistant.hear.audio import RATE
from assistant.hear.stt import GARBAGE_PHONES, SphinxEngine, filler_dictionary


@pytest.fixture(scope="module")
def without_garbage() -> SphinxEngine:
    """The same, with garbage so unlikely it is never taken, and no verb outside the grammar (which reads "who turned
    on" as "return on") nor a person (as "you turned on") weighed before or in a verb's place: the grammar alone, as
    before."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stt, "GARBAGE_PROBABILITY", 1e-30)
        patch.setattr(vocabulary, "outside_verbs", frozenset)
        patch.setattr(vocabulary, "persons", frozenset)
        return SphinxEngine(load_config(None).registry(), None)


def test_the_filler_dictionary_keeps_the_models_fillers_and_adds_one_garbage_filler_per_phone(tmp_path: Path) -> None:
    noisedict = tmp_path / "noisedict"
    noisedict.write_text("<s> SIL\n</s> SIL\n<sil> SIL\n[NOISE] +NSN+\n", encoding="utf-8")
    lines = filler_dictionary(noisedict).splitlines()
    assert lines[:4] == ["<s> SIL", "</s> SIL", "<sil> SIL", "[NOISE] +NSN+"]
    assert "[garbage_aa] AA" in lines and "[garbage_zh] ZH" in lines
    assert len(lines) == 4 + len(GARBAGE_PHONES) == 4 + 39


@pytest.mark.parametrize(("text", "forced"), [
    ("who turned on the porch light", "turn on the porch light"),
    ("how bright is the desk lamp", "brighten the desk lamp"),
])
def test_talk_near_a_command_is_not_trusted_where_the_grammar_alone_forced_it_into_one(
        sphinx: SphinxEngine, without_garbage: SphinxEngine, say, text: str, forced: str) -> None:
    audio = in_silence(say, text)
    before = without_garbage.heard(audio)
    assert before is not None and before.text == forced  # trusted, and the house did what nobody asked
    assert sphinx.heard(audio) is None  # Whisper's to hear


@pytest.mark.parametrize("text", ["close the living room blinds", "make the bedside lamp blue",
                                  "is the front door locked", "dim the kitchen lights to twenty percent",
                                  "turn on the kettle"])
def test_plain_commands_take_no_garbage_and_are_still_trusted(sphinx: SphinxEngine, say, text: str) -> None:
    heard = sphinx.heard(in_silence(say, text))
    assert heard is not None and heard.text == text


def test_a_whole_command_heard_beside_garbage_is_not_judged_whole(
        sphinx: SphinxEngine, without_garbage: SphinxEngine, say) -> None:
    talk = [np.zeros(RATE * 3 // 10, dtype=np.int16), say("who turned on the porch light")]
    without_garbage.begin(talk)
    assert without_garbage.whole() is True  # it would have ended after 150 ms, as a command
    sphinx.begin(talk)
    assert sphinx.whole() is None  # unsure: the sound decides
