"""A name said without what the home already says of it (issue 10, helper N): a hub's "Living Room AC" is "the AC"
(the room says which), "Back Door Lock" is "the back door"; never a room, a kind or a word the lexicon explains."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import case_file_home, heard

from assistant.registry import Registry
from assistant.understand.mentions import MentionFinder
from assistant.understand.vocabulary import accounted

HOME = Path(__file__).parent / "data" / "cases_fresh6_dev.yaml"  # Title Case names a hub gives, room first


@pytest.fixture(scope="module")
def registry() -> Registry:
    return case_file_home(HOME)


def test_a_name_without_its_rooms_words_is_the_one_in_the_room_said_or_the_speakers(registry: Registry) -> None:
    assert heard(registry, "put off the AC", "living room")[0] == ['turn_off(device="living_room_ac")']
    assert heard(registry, "put AC in dry mode", "bedroom 1")[0] == [
        'set_hvac_mode(device="bedroom_1_ac", mode="dry")']
    assert heard(registry, "is the AC running in the living room?")[0] == ['get_state(device="living_room_ac")']


def test_a_short_name_two_devices_share_is_asked_where_no_room_says_which(registry: Registry) -> None:
    calls, reply = heard(registry, "set the AC to 23")
    assert calls == [] and reply is not None and "living room ac" in reply and "bedroom 1 ac" in reply


def test_a_name_without_its_own_kind_word_is_that_device(registry: Registry) -> None:
    assert heard(registry, "lock back door pls")[0] == ['lock(device="back_door")']
    assert heard(registry, "lock the front door and the back door too")[0] == [
        'lock(device="front_door")', 'lock(device="back_door")']


def test_what_is_left_is_never_a_word_the_lexicon_explains(registry: Registry) -> None:
    """ "Living Room Temperature" is no "temperature" said alone; "Bedroom 2 Lamp" no "lamp" (a kind)."""
    mentions = MentionFinder(registry, known=accounted)
    assert [m.kind for m in mentions.find(["the", "temperature"])] == []
    assert [m.kind for m in mentions.find(["the", "lamp"])] == ["type"]
