"""Fuzzed sentences: the understanding stage never crashes and never names anything outside the registry."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.config import load_config
from assistant.registry import Registry
from assistant.understand.understander import Understander
from devices.generate import generate_home

REGISTRY = load_config(None).registry()
UNDERSTANDER = Understander(REGISTRY)
BIG = Understander(Registry(generate_home(200)))
WORDS = ["turn", "on", "off", "the", "all", "lights", "lamp", "sofa", "kitchen", "and", "then", "set", "to",
         "twenty", "percent", "100", "-5", "999", "blue", "lock", "unlock", "door", "open", "is", "it", "them",
         "fan", "high", "dishwasher", "i", "mean", "volume", "tv", "heating", "degrees", ",", "?", "of",
         "up", "down", "dark", "cold", "garage", "everything", "bedroom", "not", "don't", "please", "half"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14))
def test_word_salad_never_yields_a_call_outside_the_registry(words: list[str]) -> None:
    for understander in (UNDERSTANDER, BIG):
        understanding = understander.understand(" ".join(words))
        for call in understanding.calls:
            assert understander.registry.accepts(call), (words, call)
        assert understanding.calls or understanding.reply


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes_the_understanding(text: str) -> None:
    understanding = UNDERSTANDER.understand(text)
    assert all(REGISTRY.accepts(c) for c in understanding.calls)


def _dev_commands() -> list[tuple[str, str | None, set[tuple[str, str]]]]:
    from pathlib import Path

    from assistant.evaluate import load_cases

    cases, _ = load_cases(Path(__file__).parent / "data" / "cases_dev.yaml")
    return [(case.says[0], case.area, {(c.tool, c.device) for c in case.calls}) for case in cases
            if len(case.says) == 1 and case.calls and all(c.tool != "get_state" for c in case.calls)
            and not {"not", "never", "don't", "shouldn't"} & set(case.says[0].lower().split())]


@pytest.mark.parametrize("negation", ["don't", "do not", "never"])
def test_a_negated_dev_command_never_makes_its_call(negation: str) -> None:
    acted = []
    for sentence, area, expected in _dev_commands():
        UNDERSTANDER.forget()
        UNDERSTANDER.area = area
        said = f"{negation} {sentence[0].lower()}{sentence[1:]}"
        made = {(c.tool, c.device) for c in UNDERSTANDER.understand(said).calls}
        if made & expected:
            acted.append((said, made & expected))
    UNDERSTANDER.area = None
    assert acted == []


@pytest.mark.parametrize("frame", ["remind me to {}", "ask mum to {}", "how do I {}", "{} when I get home",
                                   "{} tomorrow", "what happens if I {}"])
def test_a_dev_command_for_another_service_time_or_condition_is_never_done_now(frame: str) -> None:
    acted = []
    for sentence, area, expected in _dev_commands():
        UNDERSTANDER.forget()
        UNDERSTANDER.area = area
        said = frame.format(f"{sentence[0].lower()}{sentence[1:]}")
        made = {(c.tool, c.device) for c in UNDERSTANDER.understand(said).calls}
        if made & expected:
            acted.append((said, made & expected))
    UNDERSTANDER.area = None
    assert acted == []
