"""Scoring the understanding stage against a case file: exact calls, wrong actions, latency."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import yaml

from assistant.config import ConfigError, load_devices_file
from assistant.percentile import nearest_rank
from assistant.registry import Device
from assistant.tools import ToolCall, Understanding


@dataclass(frozen=True)
class Case:
    """One case: a sentence, or several (a conversation, scored after the last), and the expected calls."""

    says: tuple[str, ...]
    calls: tuple[ToolCall, ...]
    line: int
    area: str | None = None  # the room of the assistant instance that hears it

    @property
    def say(self) -> str:
        return " / ".join(self.says)


@dataclass
class CaseResult:
    case: Case
    got: list[ToolCall]
    ms: float
    path: str  # "rules", "model" (the model was asked), or "asked back" (some calls wait for a yes)

    @property
    def passed(self) -> bool:
        return same_calls(self.got, self.case.calls)

    @property
    def wrong_actions(self) -> list[ToolCall]:
        """Calls nobody asked for (worse than no call: the house did something unrequested)."""
        expected = [_key(c) for c in self.case.calls]
        return [c for c in self.got if _key(c) not in expected]


@dataclass
class Report:
    results: list[CaseResult] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return 100.0 * sum(r.passed for r in self.results) / max(1, len(self.results))

    @property
    def wrong_action_cases(self) -> int:
        return sum(1 for r in self.results if r.wrong_actions)

    @property
    def wrong_change_cases(self) -> int:
        """Cases whose wrong calls change a device; the rest only asked a state question nobody asked."""
        return sum(1 for r in self.results if any(c.tool != "get_state" for c in r.wrong_actions))

    def percentile_ms(self, q: float) -> float:
        return nearest_rank((r.ms for r in self.results), q) if self.results else 0.0

    def by_path(self) -> dict[str, Report]:
        """The results split by the path that decided them: the rules, the model, or asked back."""
        paths: dict[str, Report] = {}
        for r in self.results:
            paths.setdefault(r.path, Report()).results.append(r)
        return dict(sorted(paths.items()))

    def scores(self) -> dict[str, float | int]:
        return {"cases": len(self.results), "accuracy": round(self.accuracy, 2),
                "wrong_actions": self.wrong_action_cases, "wrong_changes": self.wrong_change_cases,
                "median_ms": round(self.percentile_ms(0.5), 2),
                "p90_ms": round(self.percentile_ms(0.9), 2)}

    def summary(self) -> str:
        return (f"accuracy={self.accuracy:.1f}% cases={len(self.results)} "
                f"wrong_actions={self.wrong_action_cases} median_ms={self.percentile_ms(0.5):.1f} "
                f"p90_ms={self.percentile_ms(0.9):.1f}")


def _key(call: ToolCall) -> tuple[object, ...]:
    """What must match: a call for now is not one for later, nor at another time."""
    value = call.value
    if isinstance(value, int | float):
        value = round(float(value), 3)
    return call.tool, call.device, value, call.name, call.delay_s, call.at


def same_calls(got: Iterable[ToolCall], expected: Iterable[ToolCall]) -> bool:
    """Set equality, order free, numbers compared as numbers."""
    return {_key(c) for c in got} == {_key(c) for c in expected}


def load_cases(path: Path) -> tuple[list[Case], tuple[Device, ...]]:
    """Cases and, when the file has a `devices:` section, the home to evaluate against.

    A top-level `area:` (or one per case) is the room of the assistant that hears the sentence;
    `say:` may be a list of sentences, a conversation whose expected calls follow the last one.
    """
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise ConfigError(f"{path}:{line}: not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{path}: expected a mapping with a 'cases' list")
    cases: list[Case] = []
    file_area = next((str(v.value) for k, v in root.value if k.value == "area"), None)
    for key, value in root.value:
        if key.value != "cases":
            continue
        if not isinstance(value, yaml.SequenceNode):
            raise ConfigError(f"{path}:{value.start_mark.line + 1}: cases: expected a list")
        for index, node in enumerate(value.value):
            line = node.start_mark.line + 1
            data = yaml.safe_load(yaml.serialize(node))
            says = data.get("say") if isinstance(data, dict) else None
            if isinstance(says, str):
                says = [says]
            if not says or not all(isinstance(s, str) for s in says):
                raise ConfigError(f"{path}:{line}: cases[{index}].say: expected the sentence to understand "
                                  "(or a list of sentences)")
            try:
                calls = tuple(ToolCall.from_dict(c) for c in data.get("calls") or [])
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError(f"{path}:{line}: cases[{index}].calls: {exc}") from exc
            area = data.get("area", file_area)
            cases.append(Case(tuple(says), calls, line, None if area is None else str(area).lower()))
    return cases, load_devices_file(path)


class Understands(Protocol):
    area: str | None

    def understand(self, text: str) -> Understanding: ...

    def forget(self) -> None: ...


def run_cases(cases: list[Case], understander: Understands,
              progress: Callable[[int, int], None] | None = None) -> Report:
    """Each case starts a fresh conversation in its own room; only the last sentence is scored. The understander's
    own room is back afterwards: a run after this one (`eval --spoken` scores the cases typed, then heard) would
    otherwise hear every case without a room of its own in the last case's room."""
    report = Report()
    default_area = understander.area
    for index, case in enumerate(cases):
        understander.forget()
        understander.area = case.area or default_area
        for sentence in case.says[:-1]:
            understander.understand(sentence)
        understanding = understander.understand(case.says[-1])
        path = "asked back" if understanding.unsure else "model" if understanding.path == "llm" else "rules"
        report.results.append(CaseResult(case, understanding.calls, understanding.ms, path))
        if progress is not None:
            progress(index + 1, len(cases))
    understander.area = default_area
    return report
