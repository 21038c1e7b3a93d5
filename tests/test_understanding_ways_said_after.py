"""A verb whose way a later word says, on the kind that has that way (issue 10, helper N): "pull the curtains back"
opens them, as "draw the curtains back" does; "pull" alone says no way and is asked."""

from __future__ import annotations

import pytest

from assistant.registry import Registry
from assistant.understand.understander import Understander


def heard(registry: Registry, text: str) -> tuple[list[str], list[str]]:
    understood = Understander(registry).understand(text)
    return [str(c) for c in understood.calls], [str(c) for c in understood.unsure]


@pytest.mark.parametrize("text", ["pull the curtains back", "pull back the curtains", "pull the curtains apart",
                                  "draw the curtains back"])
def test_a_cover_drawn_or_pulled_back_is_opened(registry: Registry, text: str) -> None:
    assert heard(registry, text)[0] == ['open_cover(device="bedroom_curtains")']


def test_a_verb_that_says_no_way_alone_is_asked_and_its_particle_still_decides(registry: Registry) -> None:
    assert heard(registry, "pull the curtains") == ([], [])
    assert heard(registry, "pull the blinds down")[0] == ['close_cover(device="living_room_blinds")']
    assert heard(registry, "draw the curtains")[0] == ['close_cover(device="bedroom_curtains")']
