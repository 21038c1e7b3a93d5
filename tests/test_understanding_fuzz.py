"""Fuzzed sentences: the understanding stage never crashes and never names anything outside the registry."""

from __future__ import annotations

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
