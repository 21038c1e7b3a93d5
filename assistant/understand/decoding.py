"""Greedy decoding under a grammar with as few llama.cpp evaluations as the answer allows.

Where a clause's time goes (models/README.md): reading the prompt, then one evaluation per generated
token, each a chain of ~900 small operations (30 layers, and the adapter's two extra products on every
projection) that costs ~3× a prompt token. So the answer is read in one batch with the prompt whenever
there is a likely answer to read (`draft`: the rules' own guess), and each of its tokens is checked
against the model's greedy choice at that place: the result is what token-by-token greedy decoding
gives (up to rounding: a batch runs other kernels, which can tip a near tie), and from the first token
that differs decoding carries on token by token.

The grammar is applied only when the model's first choice breaks it: llama.cpp's grammar sampler
otherwise walks all 49,152 tokens of the vocabulary on every step.
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from llama_cpp import Llama

_TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


class GrammarDecoder:
    """Owns one llama.cpp context's KV cache (as `Llama.create_completion` would): the tokens it holds are
    remembered, so a prompt that starts like the previous one only evaluates the rest."""

    def __init__(self, llm: Llama) -> None:
        import llama_cpp

        self._c = llama_cpp
        self._ctx = llm.ctx
        self._memory = llama_cpp.llama_get_memory(llm.ctx)
        self._vocab = llama_cpp.llama_model_get_vocab(llm.model)
        self._n_vocab = llm.n_vocab()
        self._n_batch = llama_cpp.llama_n_batch(llm.ctx)
        self._batch = llama_cpp.llama_batch_init(self._n_batch, 0, 1)
        self._cached: list[int] = []  # the tokens whose keys and values the context holds, in order
        self._all = np.zeros(self._n_vocab, dtype=_TOKEN_DATA)  # for a full pass of the grammar
        self._all["id"] = np.arange(self._n_vocab)
        self._one = np.zeros(1, dtype=_TOKEN_DATA)

    def close(self) -> None:
        if self._batch is not None:
            self._c.llama_batch_free(self._batch)
            self._batch = None

    def __del__(self) -> None:
        self.close()

    def complete(self, prompt: Sequence[int], grammar: str, max_tokens: int,
                 draft: Sequence[int] = ()) -> list[int]:
        """The tokens greedy decoding under `grammar` writes after `prompt`, up to the end-of-turn token (not
        included) or `max_tokens`. `draft`: tokens the answer probably starts with, read in the same batch as
        the prompt; it changes how fast the answer comes, not what it is. Raises RuntimeError."""
        prompt, draft = list(prompt), list(draft[: max_tokens])
        rows = self._read(prompt, draft)
        sampler = self._c.llama_sampler_init_grammar(self._vocab, grammar.encode(), b"root")
        if not sampler:
            raise RuntimeError("llama.cpp could not read the answer grammar")
        out: list[int] = []
        try:
            while len(out) < max_tokens:
                token = self._pick(sampler, rows[len(out)])
                if self._c.llama_vocab_is_eog(self._vocab, token):
                    break
                self._c.llama_sampler_accept(sampler, token)
                out.append(token)
                if len(out) < len(rows) and draft[len(out) - 1] == token:
                    continue  # the draft's next row was computed after this very token
                if len(out) <= len(draft):  # the draft went another way from here: drop the rest of it
                    del rows[len(out):]
                    self._forget_from(len(prompt) + len(out) - 1)
                if len(out) < max_tokens:
                    rows += self._decode([token], outputs_from=0)
        except RuntimeError:
            self._forget_from(0)  # what the context holds after a failed evaluation is not known
            raise
        finally:
            self._c.llama_sampler_free(sampler)
        return out

    def prefill(self, prompt: Sequence[int]) -> None:
        """Evaluate the start every prompt shares now, so the first clause does not pay for it."""
        self._read(list(prompt), [])

    def _read(self, prompt: list[int], draft: list[int]) -> list[np.ndarray]:
        """Evaluate what the context does not hold yet of `prompt` + `draft`; the logits after the last prompt
        token and after each draft token."""
        keep = 0
        for cached, token in zip(self._cached, prompt[:-1], strict=False):  # at least one token to read
            if cached != token:
                break
            keep += 1
        self._forget_from(keep)
        try:
            return self._decode(prompt[keep:] + draft, outputs_from=len(prompt) - keep - 1)
        except RuntimeError:
            self._forget_from(0)
            raise

    def _forget_from(self, position: int) -> None:
        self._c.llama_memory_seq_rm(self._memory, 0, position, -1)
        del self._cached[position:]

    def _decode(self, tokens: list[int], outputs_from: int) -> list[np.ndarray]:
        """Evaluate `tokens` after the cached ones (in batches of at most n_batch); the logits after each of
        `tokens[outputs_from:]`, copied out."""
        rows: list[np.ndarray] = []
        batch = self._batch
        for start in range(0, len(tokens), self._n_batch):
            chunk = tokens[start: start + self._n_batch]
            batch.n_tokens = len(chunk)
            for i, token in enumerate(chunk):
                batch.token[i] = token
                batch.pos[i] = len(self._cached) + i
                batch.n_seq_id[i] = 1
                batch.seq_id[i][0] = 0
                batch.logits[i] = start + i >= outputs_from
            code = self._c.llama_decode(self._ctx, batch)
            if code != 0:
                raise RuntimeError(f"llama_decode returned {code}")
            self._cached += chunk
            for i in range(max(0, outputs_from - start), len(chunk)):
                logits = self._c.llama_get_logits_ith(self._ctx, i)
                rows.append(np.ctypeslib.as_array(logits, shape=(self._n_vocab,)).copy())
        return rows

    def _pick(self, sampler: object, logits: np.ndarray) -> int:
        """The highest-scoring token the grammar allows (the model's first choice, nearly always)."""
        best = int(np.argmax(logits))
        self._one["id"], self._one["logit"] = best, logits[best]
        self._apply(sampler, self._one)
        if self._one["logit"][0] != -np.inf:
            return best
        self._all["logit"] = logits
        self._apply(sampler, self._all)
        best = int(np.argmax(self._all["logit"]))
        if self._all["logit"][best] == -np.inf:
            raise RuntimeError("the answer grammar allows no token here")
        return int(self._all["id"][best])

    def _apply(self, sampler: object, data: np.ndarray) -> None:
        """Let the grammar set the logit of every token it forbids in `data` to -inf."""
        c = self._c
        array = c.llama_token_data_array(data=data.ctypes.data_as(c.llama_token_data_p), size=len(data),
                                         selected=-1, sorted=False)
        c.llama_sampler_apply(sampler, ctypes.byref(array))
