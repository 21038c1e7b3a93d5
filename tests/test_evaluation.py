"""Scoring a case file: exact call sets, wrong actions counted apart, the summary line's format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import load_config, load_home_file
from assistant.evaluate import Case, CaseResult, Report, load_cases, run_cases, same_calls
from assistant.tools import ToolCall
from assistant.understand.understander import Understander

DATA = Path(__file__).parent / "data"


def test_calls_match_as_a_set_in_any_order_with_numbers_as_numbers() -> None:
    a = [ToolCall("set_brightness", "sofa_lamp", 30.0), ToolCall("turn_off", "tv")]
    b = [ToolCall("turn_off", "tv"), ToolCall("set_brightness", "sofa_lamp", 30)]
    assert same_calls(a, b)
    assert not same_calls(a, a[:1])


def test_an_unexpected_call_counts_as_a_wrong_action_and_a_missing_one_does_not() -> None:
    case = Case("turn on the tv", (ToolCall("turn_on", "tv"),), 1)
    missing = CaseResult(case, [], 1.0, "rules")
    wrong = CaseResult(case, [ToolCall("turn_on", "tv"), ToolCall("unlock", "front_door")], 1.0, "rules")
    report = Report([missing, wrong, CaseResult(case, [ToolCall("turn_on", "tv")], 3.0, "rules")])
    assert not missing.passed and missing.wrong_actions == []
    assert wrong.wrong_actions == [ToolCall("unlock", "front_door")]
    assert report.wrong_action_cases == 1
    asked = CaseResult(case, [ToolCall("turn_on", "tv"), ToolCall("get_state", "front_door")], 1.0, "rules")
    assert Report([wrong, asked]).wrong_action_cases == 2 and Report([wrong, asked]).wrong_change_cases == 1
    assert report.summary() == "accuracy=33.3% cases=3 wrong_actions=1 median_ms=1.0 p90_ms=3.0"


@pytest.mark.parametrize("name", ["cases_dev.yaml", "cases_test.yaml", "cases_fresh_dev.yaml", "cases_fresh_test.yaml",
                                  "cases_fresh2_dev.yaml", "cases_fresh2_test.yaml", "cases_fresh3_dev.yaml",
                                  "cases_fresh3_test.yaml", "cases_fresh4_dev.yaml", "cases_fresh4_test.yaml"])
def test_shipped_case_files_have_150_valid_cases(name: str) -> None:
    cases, _ = load_cases(DATA / name)
    registry = load_config(None).registry()
    assert len(cases) >= 150
    for case in cases:
        for call in case.calls:
            assert registry.accepts(call), (case.line, case.say, call)


def test_case_file_with_its_own_devices_is_scored_against_them(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "devices:\n"
        "  - {id: garden_pump, name: pond pump, area: garden, type: switch}\n"
        "cases:\n"
        '  - {say: "switch on the pond pump", calls: [{tool: turn_on, device: garden_pump}]}\n'
        '  - {say: "tell me a joke", calls: []}\n'
        '  - {say: "turn on the sofa lamp", calls: [{tool: turn_on, device: sofa_lamp}]}\n')
    assert main(["eval", str(cases), "--no-llm"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"accuracy=66\.7% cases=3 wrong_actions=0 median_ms=[\d.]+ p90_ms=[\d.]+", last)


def test_case_file_floors_are_the_evaluated_homes_floors(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "devices:\n"
        "  - {id: bed_lamp, name: bed lamp, area: bedroom, type: light}\n"
        "  - {id: study_lamp, name: study lamp, area: study, type: light}\n"
        "  - {id: hall_light, name: hall light, area: hall, type: light}\n"
        "areas: {upstairs: [bedroom, study]}\n"
        "cases:\n"
        '  - {say: "turn off the lights upstairs", calls: [{tool: turn_off, device: bed_lamp}, '
        "{tool: turn_off, device: study_lamp}]}\n")
    assert main(["eval", str(cases), "--no-llm"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("accuracy=100.0% cases=1 wrong_actions=0 ")


def test_a_case_in_a_room_leaves_the_next_runs_cases_without_one_roomless() -> None:
    """`eval --spoken` scores the cases typed, then heard: the heard run once took the typed run's last room for
    every case without one, so "Turn the light and the garage on." turned the study's desk lamp on."""
    registry = load_config(None).registry()
    understander = Understander(registry)
    light = ToolCall("turn_on", "desk_lamp")
    in_the_study = Case(("turn on the light",), (light,), 1, "study")
    nowhere = Case(("turn on the light",), (light,), 2)
    assert run_cases([in_the_study], understander).results[0].passed
    assert run_cases([nowhere], understander).results[0].got == []
    assert understander.area is None


def test_bad_case_file_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text('cases:\n  - {say: "hi", calls: []}\n  - {say: "x", calls: [{tool: explode, device: tv}]}\n')
    assert main(["eval", str(cases), "--no-llm"]) == 2
    assert f"{cases}:3" in capsys.readouterr().err


@pytest.mark.parametrize("split", ["dev", "test"])
def test_converted_corpus_expects_only_calls_its_own_home_accepts(split: str) -> None:
    """The Home Assistant intents corpus names devices of the home in its own file, with tools they support, carries
    the fixture's floors its floor sentences need, and keeps its held-out split apart by the sentence's hash
    (tests/data/corpora/README.md)."""
    import hashlib

    from assistant.registry import Registry

    path = DATA / "corpora" / f"ha_intents_{split}.yaml"
    cases, devices = load_cases(path)
    floors = dict(load_home_file(path)[1])
    registry = Registry(devices, floors)
    assert cases and devices
    assert floors["first floor"] == ("kitchen", "living room", "garage", "entrance")
    for case in cases:
        assert case.area is None or case.area in registry.areas(), (case.line, case.area)
        for call in case.calls:
            assert registry.accepts(call), (case.line, case.say, call)
        in_test = int(hashlib.sha1(case.say.lower().encode()).hexdigest(), 16) % 3 == 0
        assert in_test == (split == "test"), (case.line, case.say)


@pytest.mark.parametrize(("corpus", "a_name", "a_group"), [
    ("fresh5", "porch light switch", "upstairs"), ("fresh6", "lamp 1", "upstairs"), ("fresh7", "fish tank", "upstairs"),
    ("fresh8", "snug lamp", "upstairs"), ("fresh9", "plug 2", "kitchen"), ("fresh10", "lambing lamp", "outbuildings"),
    ("fresh11", "priya's lamp", "attic"), ("fresh12", "dino lamp", "upstairs"),
    ("fresh13", "tasmota_5a3f2c", "offices"), ("fresh14", "master fan light", "outside"),
    ("fresh15", "diya lights", "bathrooms"), ("fresh16", "inflatable", "basement"),
    ("fresh17", "chauffe-bloc", "partagé"), ("fresh18", "shellyplus1pm-a8032ab1", "bedrooms"),
    ("fresh19", "0x00158d0004a1b2c3", "storeroom")])
@pytest.mark.parametrize("split", ["dev", "test"])
def test_fresh_corpus_with_a_home_is_scored_in_its_own_home(corpus: str, a_name: str, a_group: str, split: str) -> None:
    """Fresh corpora 5 to 19 (issue 10) are phrased for a home nobody tuned on, carried in both splits alike; their
    calls are ones that home accepts, their speaker rooms are rooms of it, and the held-out half is kept apart by the
    hash of the sentence (a conversation's sentences joined with " | "). Fresh 9's flat has one floor: its groups are
    the nephew's everyday words for rooms ("kitchen" for the galley); fresh 10's farm groups its yard buildings;
    fresh 11's student house has an attic floor above its first; fresh 12's family house has every case said in a
    room; fresh 13's one-floor flat groups its two offices and keeps Tasmota's default names on some devices; fresh
    14's Queenslander groups its rooms upstairs, under the house (downstairs) and outside, with a granny flat apart;
    fresh 15's Bengaluru flat groups its bedrooms and bathrooms, and its one upstairs is the terrace; fresh 16's Ohio
    house groups its finished basement (rec room, utility room) apart from downstairs, the main floor; fresh 17's
    Montreal duplex names its rooms in French ("salon", "chambre de léa") and groups what its owners share with the
    upstairs tenant ("partagé": the laundry room, the shared entrance, the front stairs); fresh 18's South London
    terrace keeps app default names (Hue, TRÅDFRI, Shelly) on many devices, makes its loft a floor of its own apart
    from upstairs, and groups its bedrooms (the loft among them) and the outside with the garden office; fresh 19's
    Tampines HDB flat keeps vendor default names (a Zigbee address among them) and groups its bomb shelter as the
    family's "storeroom" and its two bathrooms as "toilets"."""
    import hashlib

    from assistant.registry import Registry

    path = DATA / f"cases_{corpus}_{split}.yaml"
    cases, devices = load_cases(path)
    floors = dict(load_home_file(path)[1])
    registry = Registry(devices, floors)
    assert len(cases) >= 150
    assert (devices, floors) == (load_cases(DATA / f"cases_{corpus}_dev.yaml")[1],
                                 dict(load_home_file(DATA / f"cases_{corpus}_dev.yaml")[1]))
    assert a_name in {d.name for d in devices} and floors[a_group]
    for case in cases:
        assert case.area is None or case.area in registry.areas(), (case.line, case.area)
        for call in case.calls:
            assert registry.accepts(call), (case.line, case.say, call)
        in_test = int(hashlib.sha1(" | ".join(case.says).lower().encode()).hexdigest(), 16) % 2 == 0
        assert in_test == (split == "test"), (case.line, case.say)
