"""A GBNF grammar, generated from the registry, that lets the LLM write only valid calls.

Every alternative names a real device and a tool that device accepts, with an argument in range,
and the number of calls is bounded so `max_tokens` can never cut an answer mid-call.
Output form, one per call, separated by "; ": `set_brightness(sofa_lamp, 30)` or the word `none`.
"""

from __future__ import annotations

import re

from assistant.registry import Device
from assistant.tools import TOOLS, ToolCall

_VALUE_RULES = {
    "brightness": 'pct', "position": 'pct', "volume": 'pct', "temperature": 'temp',
    "color": 'color', "speed": 'speed', "delta": 'delta', "mode": 'hvac-mode', "kelvin": 'kelvin',
}
_STEP_RULES = {"step_temperature": "small-delta", "step_color_temperature": "kelvin-delta"}
_BASE_RULES = {
    "pct": 'pct ::= "100" | [1-9] [0-9] | [0-9]',
    "temp": 'temp ::= ([5-9] | [1-2] [0-9] | "3" [0-5]) ("." "5")?',
    "delta": 'delta ::= "-"? ("100" | [1-9] [0-9]?)',
    "small-delta": 'small-delta ::= "-"? ("10" | [1-9])',
    "color": "color ::= " + " | ".join(f'"{c}"' for c in TOOLS["set_color"].choices),
    "speed": "speed ::= " + " | ".join(f'"{s}"' for s in TOOLS["set_fan_speed"].choices),
    "hvac-mode": "hvac-mode ::= " + " | ".join(f'"{m}"' for m in TOOLS["set_hvac_mode"].choices),
    "kelvin": 'kelvin ::= [2-5] [0-9] [0-9] [0-9] | "6" [0-4] [0-9] [0-9] | "6500"',
    "kelvin-delta": 'kelvin-delta ::= "-"? ([1-9] [0-9] [0-9] | [1-4] [0-9] [0-9] [0-9])',
}
_CALL = re.compile(r"^\s*(\w+)\((\w[\w-]*)(?:,\s*([^)]+))?\)\s*$")


def _rule_name(device: Device) -> str:
    return "dev-" + re.sub(r"[^a-z0-9]+", "-", device.id.lower()).strip("-")


def build_grammar(devices: list[Device], max_calls: int = 4) -> str:
    """GBNF text for calls on these devices only."""
    if not devices:
        return 'root ::= "none"'
    lines: list[str] = []
    used: set[str] = set()
    device_rules: list[str] = []
    for device in devices:
        alternatives = []
        for tool in device.tools():
            argument = TOOLS[tool].argument
            if argument is None:
                alternatives.append(f'"{tool}({device.id})"')
            else:
                rule = _STEP_RULES.get(tool) or _VALUE_RULES[argument]
                used.add(rule)
                alternatives.append(f'"{tool}({device.id}, " {rule} ")"')
        name = _rule_name(device)
        device_rules.append(name)
        lines.append(f"{name} ::= " + " | ".join(alternatives))
    more = f'("; " call){{0,{max_calls - 1}}}' if max_calls > 1 else ""
    head = [f'root ::= "none" | call {more}'.rstrip(), "call ::= " + " | ".join(device_rules)]
    return "\n".join(head + lines + [_BASE_RULES[r] for r in sorted(used)]) + "\n"


def parse_calls(text: str) -> list[ToolCall]:
    """Read the model's answer back into calls; raises ValueError on anything the grammar forbids."""
    text = text.strip()
    if not text or text == "none":
        return []
    calls: list[ToolCall] = []
    for part in text.split(";"):
        match = _CALL.match(part)
        if match is None:
            raise ValueError(f"not a call: {part!r}")
        tool, device, raw = match.groups()
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}")
        value: float | str | None = None
        if raw is not None:
            raw = raw.strip()
            try:
                value = float(raw)
            except ValueError:
                value = raw
        calls.append(ToolCall(tool, device, value))
    return calls


def format_calls(calls: list[ToolCall]) -> str:
    """The grammar's form of `calls` (what the model is trained to write); `parse_calls` reads it back."""
    if not calls:
        return "none"
    return "; ".join(f"{c.tool}({c.device}" + ("" if c.value is None else f", {_format_value(c.value)}") + ")"
                     for c in calls)


def _format_value(value: float | str) -> str:
    return f"{value:g}" if isinstance(value, float | int) else str(value)
