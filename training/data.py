"""Synthetic (home, clause → calls) pairs for fine-tuning the bundled model, in the exact prompt form
the assistant uses at run time (`assistant.understand.llm.prompt_for`, trained form).

Four sources, all seeded so a run is reproducible:
- a paraphrase grammar over the device schema: every tool of every device type, said plainly and in
  slang, with the words the rules do not know ("pronto", "would ya") that send a clause to the model;
- the dev cases (tests/data/cases_dev.yaml; never the test split), with their expected calls;
- the rule matcher's own parses: dev sentences the rules decide, with such words added, labelled with
  what the rules made of the plain sentence;
- sentences that must give no call: negations, conditions, chit-chat that names a device.
The candidate devices come from the same `Candidates.near` the assistant uses, in the demo home and in
generated homes of up to 200 devices.

    python -m training.data --out build/train/pairs.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

from assistant.config import load_config
from assistant.evaluate import load_cases
from assistant.registry import Device, Registry
from assistant.tools import TOOLS, ToolCall
from assistant.understand.candidates import Candidates
from assistant.understand.grammar import format_calls
from assistant.understand.llm import prompt_for
from assistant.understand.normalize import normalize
from assistant.understand.rules import RuleMatcher
from devices.generate import generate_home

DEV_CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "cases_dev.yaml"
MAX_CALLS = 4

# Words the rules do not account for: what makes a clause "unsure" and sends it to the model.
UNKNOWN = ("pronto", "chop chop", "asap", "would ya", "mate", "real quick", "if you would be so kind", "cheers",
           "yeah", "for me", "right away", "sharpish", "quick smart", "buddy", "will ya", "my friend", "innit",
           "thanks a bunch", "at once", "on the double", "if poss", "lovely", "ta")
# {n}: the device's name or an alias; {v}: the value. Plain forms and slang per tool.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "turn_on": ("turn on the {n}", "switch the {n} on", "{n} on", "fire up the {n}", "get the {n} going",
                "kick on the {n}", "power up the {n}", "the {n}, on", "bring the {n} to life", "wake up the {n}"),
    "turn_off": ("turn off the {n}", "switch the {n} off", "{n} off", "kill the {n}", "shut the {n} down",
                 "cut the {n}", "knock the {n} off", "power down the {n}", "the {n}, off", "put the {n} to sleep"),
    "set_brightness": ("set the {n} to {v} percent", "{n} at {v}", "dim the {n} to {v}", "{n} brightness {v}",
                       "put the {n} on {v} percent"),
    "set_color": ("make the {n} {v}", "{n} in {v}", "turn the {n} {v}", "paint the {n} {v}", "{v} on the {n}"),
    "step_brightness": ("{n} brighter", "bump up the {n}", "{n} a touch dimmer", "tone down the {n}",
                        "crank the {n}"),
    "set_temperature": ("set the {n} to {v} degrees", "{n} at {v}", "put the {n} on {v}", "{n} to {v} please"),
    "step_temperature": ("{n} warmer", "{n} a bit cooler", "nudge the {n} up", "{n} down a notch"),
    "open_cover": ("open the {n}", "{n} up", "pull up the {n}", "raise the {n}", "let some light in with the {n}"),
    "close_cover": ("close the {n}", "{n} down", "draw the {n}", "shut the {n}", "lower the {n}"),
    "set_position": ("set the {n} to {v} percent", "{n} at {v}", "{n} halfway to {v}", "move the {n} to {v}"),
    "step_position": ("{n} a bit higher", "{n} down a little", "nudge the {n} up"),
    "lock": ("lock the {n}", "secure the {n}", "bolt the {n}", "{n} locked"),
    "unlock": ("unlock the {n}", "unbolt the {n}", "{n} unlocked", "open up the {n} lock"),
    "set_fan_speed": ("set the {n} to {v}", "{n} on {v}", "{n} speed {v}", "run the {n} at {v}"),
    "set_volume": ("set the {n} volume to {v}", "{n} volume {v}", "{n} at {v} volume", "volume on the {n} to {v}"),
    "step_volume": ("{n} louder", "{n} a smidge quieter", "crank up the {n}", "turn the {n} down a bit",
                    "pump up the {n}", "{n} softer"),
    "media_play": ("play the {n}", "resume the {n}", "{n} play", "get the {n} playing"),
    "media_pause": ("pause the {n}", "hold the {n}", "{n} pause", "stop the {n} for a sec"),
    "mute": ("mute the {n}", "silence the {n}", "{n} shush"),
    "unmute": ("unmute the {n}", "sound back on the {n}"),
    "start_cleaning": ("start the {n}", "send the {n} off cleaning", "{n} go clean", "let the {n} loose"),
    "return_to_base": ("send the {n} home", "{n} back to base", "dock the {n}", "{n} go home"),
    "activate": ("activate {n}", "{n} time", "start {n}", "put on {n}"),
    "get_state": ("is the {n} on", "what is the {n} doing", "check the {n}", "how is the {n}", "status of the {n}",
                  "tell me about the {n}"),
}
DOWNWARD = ("dimmer", "down", "cooler", "quieter", "softer", "lower")
# No call: the model must learn "none" for these (the grounding asks back if it does not).
NO_CALL = ("do not turn on the {n}", "never unlock the {n}", "don't touch the {n}", "leave the {n} alone",
           "when i get home turn on the {n}", "if it gets cold switch on the {n}", "after dinner {n} off",
           "the {n} was expensive", "i bought the {n} last year", "my mum loves the {n}",
           "the {n} is a nice colour", "who made the {n}", "where did you put the {n} manual",
           "the {n} reminds me of my holiday", "do you like the {n}", "that {n} is so old",
           "tell me a joke", "what a lovely day", "thank you so much", "how are you doing today",
           "i am hungry", "sing me a song", "what is the meaning of life")


def _templates(tool: str) -> tuple[str, ...]:
    """The tool's paraphrases; a tool added since they were written gets its own name as the verb."""
    if tool in TEMPLATES:
        return TEMPLATES[tool]
    argument = TOOLS[tool].argument
    verb = tool.replace("_", " ")
    return (f"{verb} the {{n}}",) if argument is None else (f"{verb} of the {{n}} to {{v}}", f"{{n}} {argument} {{v}}")


def _value(tool: str, rng: random.Random, template: str) -> float | str | None:
    spec = TOOLS[tool]
    if spec.argument is None:
        return None
    if spec.choices:
        return rng.choice(spec.choices)
    if spec.default_step is not None:  # a step without a number: the default size, down for "dimmer" etc.
        return -spec.default_step if any(w in template for w in DOWNWARD) else spec.default_step
    if spec.argument == "temperature":
        return float(rng.choice(range(16, 27)))
    return float(rng.choice(range(10, 101, 5)))


def _say(template: str, device: Device, value: float | str | None, rng: random.Random) -> str:
    name = rng.choice((device.name, device.name, *device.aliases))
    said = f"{value:g}" if isinstance(value, float) else str(value)
    return template.format(n=name, v=said)


def _noisy(sentence: str, rng: random.Random) -> str:
    word = rng.choice(UNKNOWN)
    return f"{word} {sentence}" if rng.random() < 0.3 else f"{sentence} {word}"


def _pair(home: Candidates, sentence: str, calls: list[ToolCall], rng: random.Random) -> dict[str, str] | None:
    """One training example in the run-time prompt form; None when the answer would not fit the prompt, or
    holds a call the model's grammar cannot write (a timer, a call for later)."""
    if any(c.device not in home.registry or c.delay_s is not None or c.at is not None for c in calls):
        return None
    found = list(dict.fromkeys(home.registry[c.device] for c in calls))
    devices = home.near(sentence, found)
    if rng.random() < 0.5:  # the rules' devices come first at run time, but the model must not rely on order
        rng.shuffle(devices)
    shown = {d.id for d in devices}
    answer = [c for c in calls if c.device in shown][:MAX_CALLS]
    if calls and not answer:
        return None
    text = " ".join(normalize(sentence))
    return {"prompt": prompt_for(text, devices, trained=True), "answer": format_calls(answer) + "<|im_end|>",
            "say": sentence}


def from_grammar(home: Candidates, rng: random.Random, count: int) -> Iterator[dict[str, str]]:
    devices = list(home.registry)
    for _ in range(count):
        device = rng.choice(devices)
        tool = rng.choice(device.tools())
        template = rng.choice(_templates(tool))
        value = _value(tool, rng, template)
        sentence = _say(template, device, value, rng)
        calls = [ToolCall(tool, device.id, value)]
        if rng.random() < 0.12:  # two commands in one breath
            other = rng.choice(devices)
            second = rng.choice(other.tools())
            template2 = rng.choice(_templates(second))
            value2 = _value(second, rng, template2)
            sentence += " and " + _say(template2, other, value2, rng)
            calls.append(ToolCall(second, other.id, value2))
        if rng.random() < 0.7:
            sentence = _noisy(sentence, rng)
        pair = _pair(home, sentence, calls, rng)
        if pair is not None:
            yield pair


def no_calls(home: Candidates, rng: random.Random, count: int) -> Iterator[dict[str, str]]:
    devices = list(home.registry)
    for _ in range(count):
        device = rng.choice(devices)
        sentence = _say(rng.choice(NO_CALL), device, None, rng)
        if rng.random() < 0.5:
            sentence = _noisy(sentence, rng)
        found = [device] if device.name in sentence or any(a in sentence for a in device.aliases) else []
        text = " ".join(normalize(sentence))
        devices_shown = home.near(sentence, found) or [device]
        yield {"prompt": prompt_for(text, devices_shown, trained=True), "answer": "none<|im_end|>", "say": sentence}


def from_dev_cases(home: Candidates, rng: random.Random) -> Iterator[dict[str, str]]:
    """The dev split's single sentences, as written and with an unknown word added."""
    cases, _ = load_cases(DEV_CASES)
    for case in cases:
        if len(case.says) != 1 or case.area is not None:
            continue
        for sentence in (case.says[0], _noisy(case.says[0], rng)):
            pair = _pair(home, sentence, list(case.calls), rng) if case.calls else None
            if pair is not None:
                yield pair


def from_rules(home: Candidates, rng: random.Random) -> Iterator[dict[str, str]]:
    """Dev sentences the rules decide on their own, labelled by the rules, said with a word they do not know."""
    rules = RuleMatcher(home.registry)
    cases, _ = load_cases(DEV_CASES)
    for case in cases:
        result = rules.match(case.says[-1])
        if result.calls and not result.unsure and not result.undecided and len(result.calls) <= MAX_CALLS:
            pair = _pair(home, _noisy(case.says[-1], rng), result.calls, rng)
            if pair is not None:
                yield pair


def build(seed: int = 0, grammar_count: int = 900, no_call_count: int = 160) -> list[dict[str, str]]:
    rng = random.Random(seed)
    demo = load_config(None).registry()
    homes = [Candidates(demo), Candidates(Registry(generate_home(60, seed=1), demo.area_groups)),
             Candidates(Registry(generate_home(200, seed=2), demo.area_groups))]
    pairs: list[dict[str, str]] = []
    for home, share in zip(homes, (0.5, 0.25, 0.25), strict=True):
        pairs += from_grammar(home, rng, int(grammar_count * share))
        pairs += no_calls(home, rng, int(no_call_count * share))
    pairs += from_dev_cases(homes[0], rng)
    pairs += from_rules(homes[0], rng)
    rng.shuffle(pairs)
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("build/train/pairs.jsonl"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    pairs = build(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for pair in pairs:
            f.write(json.dumps(pair) + "\n")
    print(f"{len(pairs)} pairs -> {args.out}")


if __name__ == "__main__":
    main()
