"""Jamaican English words are their English words (issue 10, CASES.md batch 72; fresh corpus 18's grandmother: "tun
off di telly", "mek di telly louder", "it too dark inna dis room", "mi cyaan hear di radio"): "di" the, "dis" this,
"tun" turn, "mek" make, "inna" in, "pon" on, "likkle" a little, "cyaan" can't, "waan" want, "fi mi" for me, "nuh"
don't; "lef" is "left" after "who" or before "on", else "leave". Lexicon data (contractions, rewrites), so a question
about who or where, a device the home lacks and a refusal still do nothing."""

from __future__ import annotations

import pytest
from conftest import heard

from assistant.registry import Registry
from assistant.understand.normalize import normalize


@pytest.mark.parametrize(("said", "area", "expected"), [
    ("tun off di tv", "living room", ['turn_off(device="tv")']),
    ("tun on di porch light fi mi", None, ['turn_on(device="porch_light")']),
    ("mek di bedroom speaker louder", None, ['step_volume(device="bedroom_speaker", delta=10)']),
    ("mek di desk lamp likkle brighter", None, ['step_brightness(device="desk_lamp", delta=20)']),
    ("lock di back door fi mi darlin", None, ['lock(device="back_door")']),
    ("it too dark inna di bedroom", None, ['turn_on(device="bedside_lamp")']),
    ("tun up di heating likkle", None, ['step_temperature(device="thermostat", delta=1)']),
    ("mi cyaan hear di tv", "living room", ['step_volume(device="tv", delta=10)']),
    ("mi waan di sofa lamp on", None, ['turn_on(device="sofa_lamp")']),
    ("di kettle, tun it on", "kitchen", ['turn_on(device="kettle")']),
    ("lef di porch light on", None, ['turn_on(device="porch_light")']),
    ("di tv on?", None, ['get_state(device="tv")'])])
def test_jamaican_english_commands_are_done(
        home_registry: Registry, said: str, area: str | None, expected: list[str]) -> None:
    assert heard(home_registry, said, area)[0] == expected


@pytest.mark.parametrize(("said", "area"), [
    ("weh di remote deh", "living room"), ("a who lef di tv on", "living room"), ("nuh tun off di tv", "living room"),
    ("tun on di oven", "kitchen"), ("mi tiad", "bedroom")])
def test_a_question_a_refusal_or_no_device_does_nothing(home_registry: Registry, said: str, area: str) -> None:
    assert heard(home_registry, said, area)[0] == []


@pytest.mark.parametrize(("said", "read"), [
    ("a who lef di tv on", "a who left the tv on"),
    ("how long lef pon di rice", "how long left on the rice"),
    ("lef di hall light on", "leave the hall light on")])
def test_lef_is_left_or_leave(said: str, read: str) -> None:
    assert normalize(said) == read.split()
