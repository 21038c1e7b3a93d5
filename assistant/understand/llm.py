"""The LLM path: a small GGUF model picks calls for the clauses the rules could not fully account for.

The model never writes free text: a grammar built from the candidate devices leaves it only valid
calls or "none". A LoRA adapter trained for this task (`training/`, shipped in `models/`) is loaded beside
the bundled base model, and the prompt is then only the clause and its candidates; without it the prompt
starts with a fixed prefix (instructions and examples) that stays in the KV cache between commands.
Decoding (`decoding.py`) reads the rules' guess with the prompt, so a model that agrees answers in one pass.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.registry import Device
from assistant.tools import ToolCall
from assistant.understand.decoding import GrammarDecoder
from assistant.understand.grammar import build_grammar, format_calls, parse_calls
from assistant.understand.merge import merged_model

if TYPE_CHECKING:
    from llama_cpp import Llama

log = logging.getLogger(__name__)

# llama.cpp's OpenMP threads spin while they wait: beside one busy process, 2 spinning threads took a median of
# ~1,060 ms (p90 ~2,200) per clause, passive ones ~700–950 ms (models/README.md). A home assistant always shares
# its CPU. libgomp reads this when it loads, so it is set here, before llama_cpp is imported.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

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
# With the trained adapter the task is in the weights: no instructions or examples, and each device is only
# its id and type (the grammar still lists its tools), so a clause costs about half the tokens.
TRAINED_PREFIX = ""


ADAPTER = Path(__file__).resolve().parents[2] / "models" / "smollm2-135m-home-lora.gguf"


def bundled_adapter_path() -> Path | None:
    """The LoRA adapter trained for the bundled SmolLM2-135M (only valid on top of that base model)."""
    return ADAPTER if ADAPTER.is_file() else None


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


class ModelError(RuntimeError):
    """The model could not load or answer (a corrupt file, a prompt past its context, a decode error).

    The understanding carries on as if the model were off: a crash here would stop `assistant run`."""


MAX_CANDIDATES = 8  # the prompt grows ~50 tokens per device; more would also be more to choose wrongly from
ANSWER_TOKENS = 24  # per call: the longest call the grammar allows fits in this many tokens


class LlmChooser:
    """The model, loaded when first needed (or in the background by `preload`); `choose` maps a clause and
    its candidate devices to calls.

    Loading costs seconds on a small CPU, so a sentence the rules decide never waits for it. A load that
    fails is remembered and reported as `ModelError` on every use, never retried per sentence.
    """

    def __init__(self, model_path: Path, threads: int = 2, context: int = 2048, max_calls: int = 4,
                 adapter: Path | None = None, fold: bool = True) -> None:
        """`fold`: load the adapter folded into the weights (`merge.py`, made once, then cached) rather than
        beside them; the same answers, without the adapter's cost on every evaluation."""
        if not model_path.is_file():
            raise ModelMissing(f"model file not found: {model_path} (see models/README.md for how to get one)")
        self.model_path, self.adapter, self.fold = model_path, adapter, fold
        self.threads, self.context, self.max_calls = threads, context, max_calls
        self._llm: Llama | None = None
        self._decoder: GrammarDecoder | None = None
        self._failed: ModelError | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._llm is not None

    def load(self) -> None:
        """Load now (raises ModelError): for when the load must not count as a sentence's latency."""
        self._model()

    def preload(self) -> threading.Thread:
        """Load in a background thread (the service at start); `choose` waits for it when it comes first."""
        thread = threading.Thread(target=self._load_quietly, name="llm-load", daemon=True)
        thread.start()
        return thread

    def _load_quietly(self) -> None:
        with contextlib.suppress(ModelError):  # logged by _model; reported again when a clause needs it
            self._model()

    def _model(self) -> Llama:
        with self._lock:
            if self._llm is not None:
                return self._llm
            if self._failed is not None:
                raise self._failed
            try:
                llm = self._load()
                self._decoder = GrammarDecoder(llm)
                if not self.adapter:  # warm the fixed prefix
                    self._decoder.prefill(llm.tokenize(PREFIX.encode(), add_bos=True, special=True))
                self._llm = llm
            except (ImportError, OSError, RuntimeError, ValueError) as exc:
                self._failed = ModelError(f"the language model {self.model_path.name} could not be loaded: {exc}")
                log.error("%s", self._failed)
                raise self._failed from exc
            return self._llm

    def _load(self) -> Llama:
        from llama_cpp import Llama

        # The adapter folded into the weights once (merge.py): it then costs nothing per clause.
        merged = merged_model(self.model_path, self.adapter) if self.adapter and self.fold else None
        started = time.perf_counter()
        amx = cpu_has_amx()
        if amx:
            log.info("CPU has AMX: loading without llama.cpp's AMX kernels (they crash on some Xeons)")
        with _loading_without_extra_buffers() if amx else contextlib.nullcontext():
            # The prompt is one batch, worth splitting over `threads`; each generated token is a chain of small
            # operations where waking a second thread costs more than it saves (models/README.md).
            llm = Llama(model_path=str(merged or self.model_path), n_ctx=self.context, n_threads=1,
                        n_threads_batch=self.threads, n_batch=128, verbose=False, seed=0,
                        lora_path=str(self.adapter) if self.adapter and not merged else None)
        log.info("loaded %s%s in %.1f s (%d threads)", self.model_path.name,
                 f" + {self.adapter.name}{' (folded in)' if merged else ''}" if self.adapter else "",
                 time.perf_counter() - started, self.threads)
        return llm

    def choose(self, text: str, devices: list[Device], expect: Sequence[ToolCall] = ()) -> list[ToolCall]:
        """Calls on `devices` (the first `MAX_CANDIDATES`, fewer if the prompt would not fit the context);
        raises ModelError when the model cannot answer. The calls are valid, not yet grounded. `expect`: the
        rules' guess, if any: read with the prompt, it brings the answer sooner when the model agrees, and
        does not change what the answer is."""
        llm = self._model()
        assert self._decoder is not None
        devices = devices[:MAX_CANDIDATES]
        max_tokens = ANSWER_TOKENS * self.max_calls
        try:
            while True:
                prompt = llm.tokenize(prompt_for(text, devices, trained=self.adapter is not None).encode(),
                                      add_bos=True, special=True)
                if len(prompt) + max_tokens <= llm.n_ctx():
                    break
                if len(devices) <= 1:
                    raise ModelError(f"a prompt of {len(prompt)} tokens does not fit the model's context of "
                                     f"{llm.n_ctx()}")
                devices = devices[:-1]
            shown = {d.id for d in devices}
            guess = [c for c in expect if c.device in shown][: self.max_calls]
            draft = llm.tokenize(format_calls(guess).encode(), add_bos=False, special=False) if guess else []
            with self._lock:  # one llama.cpp context: one completion at a time
                tokens = self._decoder.complete(prompt, build_grammar(devices, self.max_calls), max_tokens, draft)
            answer = llm.detokenize(tokens).decode("utf-8", errors="replace")
        except (RuntimeError, ValueError, OSError) as exc:
            if isinstance(exc, ModelError):
                raise
            raise ModelError(f"the language model failed on {text!r}: {exc}") from exc
        log.debug("llm %r -> %r", text, answer)
        try:
            calls = parse_calls(answer)
        except ValueError as exc:
            log.warning("llm answer %r could not be read: %s", answer, exc)
            return []
        allowed = {d.id: d for d in devices}
        return [c for c in calls if c.device in allowed and allowed[c.device].accepts(c)]


def prompt_for(text: str, devices: list[Device], trained: bool = False) -> str:
    """The whole prompt for one clause: the cached prefix, then this clause's devices and words. `trained`:
    the form the LoRA adapter was trained on (`training/`)."""
    if trained:
        listed = "; ".join(f"{d.id} ({d.type})" for d in devices)
        return TRAINED_PREFIX + _turn("user", f"Devices: {listed}\nCommand: {text}") + "<|im_start|>assistant\n"
    return PREFIX + _turn("user", f"Devices: {_describe(devices)}\nCommand: {text}") + "<|im_start|>assistant\n"

