"""Names guessed across rooms (issue 10): a device named after its room, reached from another room with the room word
left out ("turn on the extractor" said in the bedroom, of the Ensuite Extractor) is asked, and a "yes" does it; a name
with no room in it ("the kettle") is the same device from anywhere. "the tv" said in a room with a speaker and no tv
is a tv of another room, never the room's speaker. Sentences and home written for this file."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.registry import Device, Registry
from assistant.understand.understander import Understander


@pytest.fixture()
def home() -> Understander:
    return Understander(Registry([
        Device("ensuite_extractor", "ensuite extractor", "ensuite", "fan"),
        Device("bedroom_light", "bedroom light", "bedroom", "light"),
        Device("kitchen_pendant", "kitchen pendant", "kitchen", "light"),
        Device("kettle", "kettle", "kitchen", "switch"),
        Device("lounge_tv", "lounge tv", "lounge", "media_player", ("volume",)),
        Device("annex_tv", "annex tv", "annex", "media_player", ("volume",)),
        Device("loft_speaker", "loft speaker", "loft", "media_player", ("volume",)),
    ]))


def said_in(u: Understander, room: str | None, text: str) -> list[tuple[str, str | None]]:
    u.forget()
    u.area = room
    return [(c.tool, c.device) for c in u.understand(text).calls]


@pytest.mark.parametrize(("room", "text", "device"), [
    ("bedroom", "turn on the extractor", "ensuite_extractor"),
    ("lounge", "switch the pendant off", "kitchen_pendant"),
])
def test_a_room_named_device_reached_from_another_room_is_asked_and_a_yes_does_it(home: Understander, room: str,
                                                                                  text: str, device: str) -> None:
    home.forget()
    home.area = room
    assistant = Assistant(home.registry, home, None)
    asked = assistant.handle(text, dry_run=True)
    assert asked.understanding.calls == [] and asked.answer.startswith("Did you mean")
    assert [c.device for c in assistant.handle("yes", dry_run=True).understanding.calls] == [device]


@pytest.mark.parametrize(("room", "text", "calls"), [
    ("ensuite", "turn on the extractor", [("turn_on", "ensuite_extractor")]),  # its own room
    (None, "turn on the extractor", [("turn_on", "ensuite_extractor")]),  # no room known
    ("bedroom", "turn on the ensuite extractor", [("turn_on", "ensuite_extractor")]),  # its room said
    ("lounge", "turn on the kettle", [("turn_on", "kettle")]),  # a name with no room in it
    ("bedroom", "is the extractor on", [("get_state", "ensuite_extractor")]),  # a question only reads
])
def test_a_name_said_whole_or_from_its_own_room_is_done(home: Understander, room: str | None, text: str,
                                                        calls: list[tuple[str, str]]) -> None:
    assert said_in(home, room, text) == calls


def test_the_tv_said_where_there_is_only_a_speaker_is_never_the_speaker(home: Understander) -> None:
    home.forget()
    home.area = "loft"
    understanding = home.understand("turn on the tv")
    assert understanding.calls == []  # which tv: the lounge's or the annex's (the loft speaker was turned on)
    assert understanding.reply is not None and "tv" in understanding.reply
    assert said_in(home, "loft", "turn on the speaker") == [("turn_on", "loft_speaker")]
