"""Who words are said to is lexicon data (issue 10, helper N): "i said to him, …" and "… to mum, …" report words said
to a person; "i said to turn off the tv" insists on the command."""

from __future__ import annotations

import pytest

from assistant.config import load_config
from assistant.registry import Registry
from assistant.understand.lexicon import LEXICON
from assistant.understand.understander import Understander


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_config(None).registry()


def test_the_people_words_are_said_to_are_read_from_the_lexicon() -> None:
    assert {"him", "her", "them", "me", "us"} <= LEXICON.words("said_to")
    assert {"mum", "mom", "dad", "everyone", "everybody"} <= LEXICON.words("people_addressed")


@pytest.mark.parametrize("text", ["i said to him, turn off the tv", "i said to mum turn off the tv"])
def test_words_said_to_a_person_are_not_done(registry: Registry, text: str) -> None:
    assert Understander(registry).understand(text).calls == []


def test_said_to_before_a_verb_insists_on_the_command(registry: Registry) -> None:
    assert [str(c) for c in Understander(registry).understand("i said to turn off the tv").calls] == [
        'turn_off(device="tv")']
