"""The LLM path: a small GGUF model picks calls for the devices the rules found but could not act on.

The model never writes free text: a grammar built from the candidate devices leaves it only valid
calls or "none". The prompt starts with a fixed prefix (instructions and examples), so llama.cpp
keeps that prefix in its KV cache and each command only pays for its own few tokens.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from assistant.registry import Device
from assistant.tools import ToolCall
from assistant.understand.grammar import build_grammar, parse_calls
from assistant.understand.normalize import normalize
from assistant.understand.rules import SPEEDS

log = logging.getLogger(__name__)

SYSTEM = (
    "You control a smart home. Turn the user's command into tool calls for the listed devices. "
    "Answer only with calls separated by '; ', or none if the command asks for nothing these devices can do."
)
# (devices line, command, answer): fixed, so the whole block stays in the KV cache between commands.
EXAMPLES = (
    ("kettle (switch: turn_on, turn_off, get_state)", "get the kettle going", "turn_on(kettle)"),
    ("tv (media_player: turn_on, turn_off, set_volume, media_play, media_pause, get_state)",
     "the tv, quieter, 15", "set_volume(tv, 15)"),
    ("garage_door (cover: open_cover, close_cover, get_state)", "garage door up", "open_cover(garage_door)"),
    ("front_door (lock: lock, unlock, get_state)", "front door, is it secured", "get_state(front_door)"),
    ("sofa_lamp (light: turn_on, turn_off, set_brightness, set_color, get_state)",
     "sofa lamp in red", "set_color(sofa_lamp, red)"),
    ("bedroom_fan (fan: turn_on, turn_off, set_fan_speed, get_state)", "bedroom fan faster",
     "set_fan_speed(bedroom_fan, high)"),
    ("dehumidifier (switch: turn_on, turn_off, get_state)", "dehumidifier nice weather today", "none"),
)


def _turn(role: str, text: str) -> str:
    return f"<|im_start|>{role}\n{text}<|im_end|>\n"


def _describe(devices: list[Device]) -> str:
    return "; ".join(f"{d.id} ({d.type}: {', '.join(d.tools())})" for d in devices)


PREFIX = _turn("system", SYSTEM) + "".join(
    _turn("user", f"Devices: {devices}\nCommand: {command}") + _turn("assistant", answer)
    for devices, command, answer in EXAMPLES
)


class ModelMissing(FileNotFoundError):
    """No GGUF file where the config says; the message says where we looked and how to get one."""


def cpu_has_amx(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    try:
        return "amx_tile" in cpuinfo.read_text().split()
    except OSError:
        return False


@contextlib.contextmanager
def _loading_without_extra_buffers() -> Iterator[None]:
    """Make the next `Llama(...)` load its weights without llama.cpp's extra (repacking) buffer types.

    A llama.cpp built natively on a Xeon with AMX routes matrix products through AMX tiles, and that
    crashes (SIGSEGV in ggml_backend_amx_mul_mat) on some such machines, VMs in particular
    (ggml-org/llama.cpp#20824; measured here on a Sapphire-Rapids-class VM). AMX is reached only
    through those buffer types. llama-cpp-python builds its model params inside `Llama.__init__`, so
    the defaults are changed for the duration of the load.
    """
    import llama_cpp.llama as llama_module

    bindings = llama_module.llama_cpp
    defaults = bindings.llama_model_default_params

    def without_extra_buffers():  # type: ignore[no-untyped-def]
        params = defaults()
        params.use_extra_bufts = False
        return params

    bindings.llama_model_default_params = without_extra_buffers
    try:
        yield
    finally:
        bindings.llama_model_default_params = defaults


class LlmChooser:
    """Loads the GGUF once; `choose` maps a clause and its candidate devices to calls."""

    def __init__(self, model_path: Path, threads: int = 2, context: int = 2048, max_calls: int = 4) -> None:
        if not model_path.is_file():
            raise ModelMissing(f"model file not found: {model_path} (see models/README.md for how to get one)")
        from llama_cpp import Llama

        started = time.perf_counter()
        amx = cpu_has_amx()
        if amx:
            log.info("CPU has AMX: loading without llama.cpp's AMX kernels (they crash on some Xeons)")
        with _loading_without_extra_buffers() if amx else contextlib.nullcontext():
            self._llm = Llama(model_path=str(model_path), n_ctx=context, n_threads=threads,
                              n_threads_batch=threads, n_batch=128, verbose=False, seed=0)
        self.max_calls = max_calls
        self._llm.eval(self._llm.tokenize(PREFIX.encode(), add_bos=True, special=True))  # warm the prefix
        log.info("loaded %s in %.1f s (%d threads)", model_path.name, time.perf_counter() - started, threads)

    def choose(self, text: str, devices: list[Device]) -> list[ToolCall]:
        grammar = _grammar(tuple(devices), self.max_calls)
        prompt = PREFIX + _turn("user", f"Devices: {_describe(devices)}\nCommand: {text}") + "<|im_start|>assistant\n"
        out = self._llm.create_completion(
            prompt, grammar=grammar, max_tokens=24 * self.max_calls, temperature=0.0, top_k=1,
            stop=["<|im_end|>", "\n"],
        )
        answer = out["choices"][0]["text"]  # type: ignore[index]
        log.debug("llm %r -> %r", text, answer)
        try:
            calls = parse_calls(answer)
        except ValueError as exc:
            log.warning("llm answer %r could not be read: %s", answer, exc)
            return []
        allowed = {d.id: d for d in devices}
        kept = [c for c in calls if c.device in allowed and allowed[c.device].accepts(c) and _grounded(c, text)]
        if len(kept) < len(calls):
            log.info("dropped llm calls not grounded in %r: %s", text, [str(c) for c in calls if c not in kept])
        return kept


def _grounded(call: ToolCall, text: str) -> bool:
    """An argument must come from the sentence: a small model invents numbers and colours."""
    if call.value is None:
        return True
    tokens = normalize(text)
    if isinstance(call.value, float):
        return any(_same_number(t, call.value) for t in tokens)
    value = str(call.value)
    return f" {value} " in f" {' '.join(tokens)} " or any(SPEEDS.get(t) == value for t in tokens)


def _same_number(token: str, value: float) -> bool:
    try:
        return float(token) == value
    except ValueError:
        return False


@lru_cache(maxsize=256)
def _grammar(devices: tuple[Device, ...], max_calls: int) -> object:
    from llama_cpp import LlamaGrammar

    return LlamaGrammar.from_string(build_grammar(list(devices), max_calls), verbose=False)
