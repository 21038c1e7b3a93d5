"""An answer names a device as it is said: a name written as one word in the config ("Lampe_salon",
"living_room_lamp"), which the understanding hears as words, is said in words, never with its underscores; and a
name two devices share is said with the room, in the yes-or-no question as in every other answer."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.act.bridge import CallResult
from assistant.answer.reply import compose, spoken_name
from assistant.config import load_config
from assistant.pipeline import Assistant
from assistant.registry import Device, Registry
from assistant.tools import ToolCall, Understanding
from assistant.understand.understander import Understander
from devices.state import DeviceState

# the demo home with names as a config may write them (lowercased as it reads them) and two locks called "back door"
NAMES = {"sofa_lamp": "lampe_salon", "reading_lamp": "living_room_lamp", "tv": "salon_tv",
         "bedroom_fan": "ceiling_fan", "front_door": "back door"}


@pytest.fixture(scope="module")
def home() -> Registry:
    demo = load_config(None).registry()
    return Registry([dataclasses.replace(d, name=NAMES.get(d.id, d.name)) for d in demo], demo.area_groups)


def answer(home: Registry, text: str, area: str | None = None) -> str:
    return Assistant(home, Understander(home, area=area), None).handle(text, dry_run=True).answer


def test_a_name_written_as_one_word_is_said_in_words(home: Registry) -> None:
    assert spoken_name(home["reading_lamp"], home) == "living room lamp"
    done = compose(Understanding("turn on the lampe salon", [ToolCall("turn_on", "sofa_lamp")]),
                   [CallResult(ToolCall("turn_on", "sofa_lamp"), True, DeviceState(on=True))], home)
    assert done == "Done, the lampe salon is on."


@pytest.mark.parametrize(("text", "said"), [
    ("turn up the salon tv brightness", "The salon tv has no brightness."),
    ("set the salon tv to 40 degrees", "The salon tv can't do that."),
    ("turn the living room lamp up to 500 percent", "500 is outside what the living room lamp accepts (0 to 100)."),
    ("turn off the ceiling fan light", "Which do you mean: the light or the ceiling fan?")])
def test_the_understandings_own_answers_say_the_name_in_words(home: Registry, text: str, said: str) -> None:
    assert answer(home, text, "bedroom") == said


def test_the_yes_or_no_question_names_the_lock_with_its_room_where_two_share_its_name(home: Registry) -> None:
    """ "Unlock the back door?" would not say which of the two the yes opens."""
    assert answer(home, "unlock the hallway back door") == "Unlock the hallway back door? Please say yes or no."
    assert answer(home, "unlock the back door in the kitchen") == "Unlock the kitchen back door? Please say yes or no."


def _two_named(name: str, rooms: tuple[str, str]) -> list[str]:
    """How each of two devices sharing `name`, one in each room, is said."""
    pair = Registry([Device(id=f"lamp_{i}", name=name, area=room, type="light") for i, room in enumerate(rooms)])
    return [spoken_name(device, pair) for device in pair]


@pytest.mark.parametrize(("name", "rooms", "said"), [
    ("Lampe_salon", ("chambre_de_lea", "salon"), ["chambre de lea Lampe salon", "salon Lampe salon"]),
    ("lamp", ("living_room", "kitchen"), ["living room lamp", "kitchen lamp"]),
    ("Living Room Lamp", ("living_room", "kitchen"), ["Living Room Lamp", "kitchen Living Room Lamp"]),
    ("living_room_lamp", ("living room", "kitchen"), ["living room lamp", "kitchen living room lamp"]),
    ("hallway light", ("hall", "landing"), ["hall hallway light", "landing hallway light"])])
def test_a_shared_name_is_said_with_its_room_in_words_and_never_twice(name: str, rooms: tuple[str, str],
                                                                      said: list[str]) -> None:
    """A room written as one word is said in words; a name that already starts with its room ("Living Room Lamp" in
    living_room) was said with the room again ("living room Living Room Lamp"); a room that is only the start of the
    name's first word ("hall" of "hallway light") is no room said."""
    assert _two_named(name, rooms) == said


@pytest.mark.parametrize(("text", "said"), [
    ("can the lampe salon do purple", "The lampe salon can do that."),
    ("turn on the salon tv and turn off the salon tv", "You said the salon tv both ways. Which do you mean?")])
def test_the_rules_own_replies_say_the_name_in_words(home: Registry, text: str, said: str) -> None:
    """ "The lampe_salon can do that.", "You said the salon_tv both ways.": the name as the config writes it, read
    aloud with its underscores."""
    assert answer(home, text).startswith(said)
