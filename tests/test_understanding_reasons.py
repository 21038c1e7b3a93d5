"""The checks split out of the rules, apart from the matcher: talk about the home, and a reason beside a command."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.tools import ToolCall
from assistant.understand.mentions import MentionFinder
from assistant.understand.normalize import normalize
from assistant.understand.reasons import as_when, contrary, reason_at, said_against
from assistant.understand.rules import RuleMatcher
from assistant.understand.talk import talk


@pytest.fixture(scope="module")
def mentions(rules: RuleMatcher) -> MentionFinder:
    return rules.mentions


@pytest.mark.parametrize(("said", "start"), [
    ("turn on the porch light it is getting dark", "it"),
    ("turn off the tv since nobody is watching it", "since"),
    ("switch the kettle on for my tea", "for"),
    ("turn on the lights the kitchen is dark", None),  # a room named: two commands' worth, not a reason
    ("turn on the porch light for an hour", None),  # a duration, not who it is for
    ("put the tv on its loudest setting", None),  # a level, not "it is"
    ("it is getting dark turn on the porch light", None),  # said before the command: no command before it
    ("turn off the heater it is not cold", "it"),  # a need denied is still how it is
    ("turn off the tv it is not working", None),  # a denial of no need the lexicon knows: not read as a reason
])
def test_a_reason_starts_after_a_whole_command(mentions: MentionFinder, said: str, start: str | None) -> None:
    tokens = normalize(said)
    at = reason_at(mentions, tokens)
    assert (tokens[at] if at is not None else None) == start


@pytest.mark.parametrize(("said", "time"), [("as i leave", True), ("as it gets dark", True),
                                            ("as the bathroom is steamed up", False), ("as i said", False)])
def test_as_before_what_happens_is_a_time_and_before_how_it_is_a_reason(said: str, time: bool) -> None:
    assert as_when(said.split(), 0) is time


@pytest.mark.parametrize(("command", "reason", "against"), [
    ("turn off the heater", "it is cold in here", True),
    ("turn the fan on", "it is freezing", True),
    ("turn the fan off", "it is freezing", False),  # the heating's need, not the fan's
    ("turn on the heater", "it is cold in here", False),
    ("turn off the heater", "it is not cold", False),  # a need denied is the opposite need
    ("turn on the heater", "it is not too cold", True),
    ("close the blinds", "i can not sleep", False),  # "can not" denies no state: still the need
])
def test_a_reason_that_needs_the_opposite_of_the_command_contradicts_it(
        mentions: MentionFinder, command: str, reason: str, against: bool) -> None:
    assert contrary(mentions, command.split(), reason.split()) is against


def test_a_need_said_anywhere_against_a_call_for_its_device_is_found(rules: RuleMatcher) -> None:
    up = [ToolCall("step_temperature", "study_heater", 1.0)]
    assert said_against(rules.registry, normalize("it's so hot turn the heater up"), up)
    assert not said_against(rules.registry, normalize("it's so cold turn the heater up"), up)


@pytest.mark.parametrize(("said", "question", "talked"), [
    ("should i lock the back door", True, True),  # advice asked
    ("my wife said to turn off the tv", False, True),  # her words passed on
    ("can sarah turn off the kettle", True, True),  # what someone else can do
    ("the kids turned the heating up", False, True),  # what someone did
    ("turn off the tv", False, False),
    ("can you turn off the tv", True, False),
    ("could someone lock the front door", True, False),  # asked of the house too
])
def test_talk_about_the_home_is_told_from_talk_to_it(
        mentions: MentionFinder, said: str, question: bool, talked: bool) -> None:
    tokens = normalize(said)
    assert talk(tokens, question, mentions.find(tokens)) is talked


@pytest.mark.parametrize(("area", "said", "expected"), [
    ("living room", "it's too loud, turn it down", ['step_volume(device="tv", delta=-10)']),
    ("bedroom", "it's dark in here, switch it on", ['turn_on(device="bedside_lamp")']),
    ("living room", "it's too loud, turn it off", ['turn_off(device="tv")']),
])
def test_it_after_a_need_is_the_device_the_need_is_of(home_registry: Registry, area: str, said: str,
                                                      expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected


@pytest.mark.parametrize(("area", "said"), [
    ("living room", "it's too loud, turn it up"),  # against the need: asked, never louder
    ("living room", "it's too loud, open it"),  # a verb the need does not take
    ("study", "it's too loud, turn it down"),  # no player in the room
])
def test_it_after_a_need_it_does_not_meet_is_asked(home_registry: Registry, area: str, said: str) -> None:
    assert heard(home_registry, said, area)[0] == []
