"""Names a home gives its things are read as said (issue 10, helper N): a lexicon rewrite never turns one of the
home's names into another of its names ("the big light" where a "big light" and a "ceiling light" are both named);
the rewrite's reading stays for the speaker's room when no device there is so named."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import case_file_home

from assistant.config import load_config
from assistant.registry import Registry
from assistant.understand.normalize import kept_pattern, names_kept, normalize
from assistant.understand.rules import RuleMatcher
from assistant.understand.understander import Understander

HOME = Path(__file__).parent / "data" / "cases_fresh5_dev.yaml"  # two "big light"s and two "ceiling light"s


@pytest.fixture(scope="module")
def registry() -> Registry:
    return case_file_home(HOME)


def heard(registry: Registry, *said: str, area: str | None = None) -> tuple[set[str], str | None]:
    understander = Understander(registry, area=area)
    for text in said[:-1]:
        understander.understand(text)
    understood = understander.understand(said[-1])
    return {str(c) for c in understood.calls}, understood.reply


def test_a_name_said_where_no_room_says_which_is_asked_among_the_devices_so_named(registry: Registry) -> None:
    calls, reply = heard(registry, "turn on the big light", area="kitchen")
    assert calls == set() and reply is not None and "den" in reply and "snug" in reply and "bedroom" not in reply
    assert heard(registry, "turn on the big light", "both", area="kitchen")[0] == {
        'turn_on(device="den_big_light")', 'turn_on(device="snug_big_light")'}


def test_the_name_a_rewrite_reads_into_reaches_only_the_devices_called_so(registry: Registry) -> None:
    calls, reply = heard(registry, "turn on the ceiling light", area="kitchen")
    assert calls == set() and reply is not None and "boys" in reply and "den" not in reply and "snug" not in reply


def test_the_rewrites_reading_is_the_speakers_rooms_device_where_none_there_is_so_named(registry: Registry) -> None:
    assert heard(registry, "turn the big light off", area="main bedroom")[0] == {
        'turn_off(device="bedroom_ceiling")'}
    assert heard(registry, "turn the big light off", area="snug")[0] == {'turn_off(device="snug_big_light")'}


def test_a_home_without_such_names_reads_the_rewrite_as_ever() -> None:
    demo = load_config(None).registry()
    assert heard(demo, "put the big light off", area="kitchen")[0] == {'turn_off(device="kitchen_ceiling")'}


def test_normalize_keeps_the_names_it_is_given_as_said_and_rewrites_the_rest() -> None:
    kept = kept_pattern([("big", "light")])
    with names_kept(kept):
        assert normalize("the big lights and the sealing light") == ["the", "big", "lights", "and", "the",
                                                                      "ceiling", "light"]
    assert normalize("the big light") == ["the", "ceiling", "light"]  # the context ends with the sentence


def test_the_rules_alone_read_the_homes_names_as_the_understander_does(registry: Registry) -> None:
    rules = RuleMatcher(registry, area="snug")  # used alone, "big light" was read as "ceiling light" (helper L)
    assert {str(c) for c in rules.match("turn the big light off").calls} == {'turn_off(device="snug_big_light")'}
    assert heard(registry, "turn the big light off", area="snug")[0] == {'turn_off(device="snug_big_light")'}


def test_rules_over_part_of_the_home_read_a_sentence_as_the_whole_home_does(registry: Registry) -> None:
    rules = RuleMatcher(registry)
    without = rules.without(tuple(d for d in registry if d.id == "den_big_light"))
    with rules.reading():  # re-read inside the home's reading (an answer to "Which one?"): the home's names decide
        assert normalize("the big light") == ["the", "big", "light"]
        assert {str(c) for c in without.match("turn on the big light").calls} == {'turn_on(device="snug_big_light")'}
