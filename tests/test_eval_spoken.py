"""`assistant eval --spoken`: the cases said by Piper, heard by Whisper, and the transcript understood."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.evaluate import Case, CaseResult, Report
from assistant.evaluate_spoken import Heard, SpokenReport, spread, voice_for
from assistant.tools import ToolCall

CASES = (
    "cases:\n"
    '  - {say: "turn on the porch light", calls: [{tool: turn_on, device: porch_light}]}\n'
    '  - {say: ["turn on the sofa lamp", "make it blue"], calls: [{tool: set_color, device: sofa_lamp, color: blue}]}\n'
    '  - {say: "lock the back door", calls: [{tool: lock, device: back_door}]}\n')


def test_spoken_eval_understands_what_whisper_heard_piper_say(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(CASES)
    assert main(["eval", str(cases), "--spoken", "--no-llm"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"accuracy=100\.0% cases=3 wrong_actions=0 median_ms=[\d.]+ p90_ms=[\d.]+", lines[-1])
    assert re.search(r"heard by pocketsphinx .*: WER [\d.]+% \(\d+ errors in 17 words\)", "\n".join(lines))
    assert "typed, the same cases: accuracy=100.0% cases=3 wrong_actions=0 " in "\n".join(lines)
    assert "right typed, wrong spoken: 0" in lines
    assert "wrong actions caused by hearing: 0 (0 change a device, the rest only ask its state)" in lines


def test_spoken_eval_in_noise_keeps_evals_json_and_adds_what_was_heard(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(CASES)
    assert main(["eval", str(cases), "--spoken", "--snr", "20", "--sample", "2", "--no-llm", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"accuracy", "cases", "wrong_actions", "wrong_changes", "median_ms", "p90_ms", "paths",
            "failures"} < out.keys() and out["cases"] == 2
    spoken = out["spoken"]
    assert spoken["wrong_changes_by_hearing"] <= len(spoken["wrong_actions_by_hearing"])
    assert spoken["snr_db"] == 20 and spoken["stt"] == "pocketsphinx" and spoken["typed"]["accuracy"] == 100.0
    assert [h["said"] for h in spoken["heard"]] == [["turn on the porch light"],
                                                    ["turn on the sofa lamp", "make it blue"]]
    assert all(len(h["heard"]) == len(h["said"]) for h in spoken["heard"])


def test_noise_needs_the_spoken_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(CASES)
    assert main(["eval", str(cases), "--snr", "10", "--no-llm"]) == 2
    assert "--spoken" in capsys.readouterr().err


def test_a_wrong_action_is_hearings_only_when_the_typed_sentence_did_not_make_it() -> None:
    off = Case(("turn off the tv",), (ToolCall("turn_off", "tv"),), 1)
    on = Case(("turn on the tv",), (ToolCall("turn_on", "tv"),), 2)
    chat = Case(("tell me a joke",), (), 3)
    typed = Report([CaseResult(off, [ToolCall("turn_off", "tv")], 1.0, "rules"),
                    CaseResult(on, [ToolCall("turn_on", "tv"), ToolCall("lock", "back_door")], 1.0, "rules"),
                    CaseResult(chat, [], 1.0, "rules")])
    spoken = Report([CaseResult(off, [ToolCall("turn_on", "tv")], 1.0, "rules"),  # "turn of the tv" -> on
                     CaseResult(on, [ToolCall("lock", "back_door")], 1.0, "rules"),  # wrong typed too
                     CaseResult(chat, [], 1.0, "rules")])
    heard = [[Heard("turn off the tv", "Turn on the TV.")], [Heard("turn on the tv", "Turn the TV.")],
             [Heard("tell me a joke", "Tell me a joke.")]]
    report = SpokenReport(spoken, typed, heard, "whisper", None)
    assert [t.case.line for t, _, _ in report.worse_spoken()] == [1]
    assert [t.case.line for t, _, _ in report.wrong_by_hearing()] == [1]
    assert report.word_errors == (2, 12)  # "off" heard "on"; "on" not heard
    assert "wrong actions caused by hearing: 1 (1 change a device, the rest only ask its state)" in report.lines()
    assert "  line 1: 'turn off the tv' heard 'Turn on the TV.': turn_on(device=\"tv\") " \
           "(expected turn_off(device=\"tv\"))" in report.lines()


def test_a_sample_is_spread_evenly_and_each_case_keeps_its_voice() -> None:
    assert spread(list(range(10)), 4) == [0, 2, 5, 7]
    assert spread(list(range(3)), 5) == [0, 1, 2]
    assert voice_for("turn on the porch light") == voice_for("turn on the porch light")
    assert len({voice_for(f"turn on lamp {i}") for i in range(20)}) > 5
