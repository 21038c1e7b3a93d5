"""Who words are said to is lexicon data (issue 10, helper N): "i said to him, …" and "… to mum, …" report words said
to a person; "i said to turn off the tv" insists on the command."""

from __future__ import annotations

import pytest

from assistant.registry import Registry
from assistant.understand.lexicon import LEXICON
from assistant.understand.understander import Understander


def test_the_people_words_are_said_to_are_read_from_the_lexicon() -> None:
    assert {"him", "her", "them", "me", "us"} <= LEXICON.words("said_to")
    assert {"mum", "mom", "dad", "everyone", "everybody"} <= LEXICON.words("people_addressed")


@pytest.mark.parametrize("text", ["i said to him, turn off the tv", "i said to mum turn off the tv"])
def test_words_said_to_a_person_are_not_done(registry: Registry, text: str) -> None:
    assert Understander(registry).understand(text).calls == []


def test_said_to_before_a_verb_insists_on_the_command(registry: Registry) -> None:
    assert [str(c) for c in Understander(registry).understand("i said to turn off the tv").calls] == [
        'turn_off(device="tv")']


@pytest.mark.parametrize("text", ["sorry it's very noisy here", "sorry, the tv is so loud", "sorry about the noise",
                                  "apologies for the noise, the builders are in", "sorry, it's freezing in here"])
def test_an_apology_before_news_of_the_room_is_said_to_someone_else(registry: Registry, text: str) -> None:
    assert Understander(registry, area="living room").understand(text).calls == []


@pytest.mark.parametrize(("text", "expected"), [
    ("sorry, can you turn the tv down", ['step_volume(device="tv", delta=-10)']),
    ("sorry to bother you, it's a bit cold in here", ['step_temperature(device="living_room_ac", delta=1)']),
])
def test_an_apology_before_a_request_leaves_it_a_request(registry: Registry, text: str, expected: list[str]) -> None:
    assert [str(c) for c in Understander(registry, area="living room").understand(text).calls] == expected
