"""One command through the stages: understand -> act -> answer, with the time each stage took."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from assistant.act.bridge import CallResult, MqttBridge
from assistant.answer.reply import compose
from assistant.registry import Registry
from assistant.tools import Understanding
from assistant.understand.understander import Understander


@dataclass
class Outcome:
    """Everything one command produced; `to_dict` is the `--json` form."""

    text: str
    understanding: Understanding
    results: list[CallResult] | None
    answer: str
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "calls": [c.to_dict() for c in self.understanding.calls],
            "results": [r.to_dict() for r in self.results] if self.results is not None else [],
            "answer": self.answer,
            "path": self.understanding.path,
            "timings_ms": {k: round(v, 3) for k, v in self.timings_ms.items()},
        }


class Assistant:
    """The text pipeline; the bridge is optional so a dry run needs no broker."""

    def __init__(self, registry: Registry, understander: Understander, bridge: MqttBridge | None) -> None:
        self.registry = registry
        self.understander = understander
        self.bridge = bridge

    def handle(self, text: str, dry_run: bool = False) -> Outcome:
        understanding = self.understander.understand(text)
        timings = {"understand": understanding.ms}
        results: list[CallResult] | None = None
        if not dry_run and self.bridge is not None:
            started = time.perf_counter()
            results = self.bridge.execute(understanding.calls) if understanding.calls else []
            timings["act"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        answer = compose(understanding, results, self.registry)
        timings["answer"] = (time.perf_counter() - started) * 1000
        return Outcome(text, understanding, results, answer, timings)
