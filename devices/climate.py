"""Heating and cooling modes: which one "turn on" starts, and how a mode is said.

"Turn on" never assumes heating: it restores the mode the device last ran in (other than off), else the
only mode it has, else cooling for an air conditioner, else auto, else the first mode it lists.
"""

from __future__ import annotations

import re

from assistant.registry import Device
from assistant.tools import ToolCall

_AIR_CONDITIONER = {"ac", "a/c", "aircon", "conditioner", "conditioning"}
_SAID = {"heat": "heating", "cool": "cooling", "auto": "on auto", "off": "off", "fan_only": "on fan only",
         "dry": "drying", "heat_cool": "on heat and cool"}


def on_mode(device: Device, modes: tuple[str, ...], last: str | None) -> str | None:
    """The mode `turn_on` starts; None when the device has no modes (then its payload_on is sent)."""
    running = [m for m in modes if m != "off"]
    if not running:
        return None
    if last in running:
        return last
    if len(running) == 1:
        return running[0]
    words = set(re.findall(r"[a-z/]+", " ".join((device.name, *device.aliases)).lower()))
    if "cool" in running and words & _AIR_CONDITIONER:
        return "cool"
    return next((m for m in ("auto", "heat_cool") if m in running), running[0])


def resting_mode(device: Device, modes: tuple[str, ...]) -> str:
    """The mode a simulated device starts in: a December home heats, and its air conditioner rests off, so the
    demo's "turn on the ac" cools rather than restoring a heating mode it never ran in."""
    start = on_mode(device, modes, None)
    if start in (None, "cool"):
        return "off"
    return "heat" if "heat" in modes or not modes else start


def restoring(device: Device, call: ToolCall, modes: tuple[str, ...], last: str | None) -> ToolCall:
    """`turn_on` of a climate device with modes as the mode it starts; any other call as it is."""
    mode = on_mode(device, modes, last) if device.type == "climate" and call.tool == "turn_on" else None
    return call if mode is None else ToolCall("set_hvac_mode", call.device, mode, call.words)


def said(mode: str) -> str:
    """"cooling", "on auto": a mode as words after "is"."""
    return _SAID.get(mode, f"in {mode.replace('_', ' ')} mode")
