"""Putting back what a corrected command changed: "turn on the kitchen lights" … "no, the reading lamp" turns the
kitchen lights back off (when they were off before) and the reading lamp on; "turn the heating up" … "no, down"
ends one step below where it started, not where it started.

What a device was before is what the bridge reported just before the command; a step is put back by the step the
other way even without it. Where neither is known the device is left as it is and the answer says so: a guess
("they must have been off") is wrong for whoever had them on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from assistant.registry import Device, Registry
from assistant.tools import COLORS, FAN_SPEEDS, HVAC_MODES, ToolCall
from devices.state import DeviceState

ASKING = {"get_state", "get_timers"}  # tools that change nothing: never what "undo" or a correction takes back
# the state field each tool changes (a light's level, colour and white also switch it on)
FIELDS = {
    "turn_on": "on", "turn_off": "on", "set_brightness": "brightness", "step_brightness": "brightness",
    "set_color": "color", "set_color_temperature": "color_temp", "step_color_temperature": "color_temp",
    "set_temperature": "target_temperature", "step_temperature": "target_temperature", "set_hvac_mode": "hvac_mode",
    "open_cover": "position", "close_cover": "position", "set_position": "position", "step_position": "position",
    "lock": "locked", "unlock": "locked", "set_fan_speed": "speed", "set_volume": "volume", "step_volume": "volume",
    "media_play": "playing", "media_pause": "playing", "mute": "muted", "unmute": "muted",
    "start_cleaning": "cleaning", "return_to_base": "cleaning",
}


@dataclass
class Undo:
    """The calls that put a corrected command right, with the correction's own calls (a step the other way on
    the same device merged into one), and what could not be put back."""

    calls: list[ToolCall]
    unknown: list[ToolCall] = field(default_factory=list)  # changed before, earlier state not known: left as is
    later: list[ToolCall] = field(default_factory=list)  # planned for later, or a timer: to be cancelled


def undo(taken: list[ToolCall], new: list[ToolCall], before: dict[str, DeviceState | None],
         registry: Registry) -> Undo:
    """`taken`: the calls done by the command a correction replaces; `new`: the correction's calls; `before`: each
    device's state just before `taken` was done (None or missing: not known)."""
    calls = list(new)
    out = Undo([])
    for call in taken:
        if call.tool in ASKING:
            continue
        if call.later or call.tool == "start_timer":  # planned: its plan is cancelled, not put back
            out.later.append(call)
            continue
        if not call.device:  # a timer asked about or cancelled: nothing to put back
            continue
        device = registry[call.device]
        state = before.get(call.device)
        again = next((i for i, c in enumerate(calls) if c.device == call.device and not c.later), None)
        if again is not None:  # the correction tells this device something new: that decides, but a step adds up
            if calls[again].tool == call.tool and call.tool.startswith("step_"):
                merged = _stepped(call, calls[again], state, device)
                calls[again:again + 1] = [merged] if merged is not None else []
            continue
        back = _put_back(call, state, device)
        if back is None:
            out.unknown.append(call)
        elif back != call and back not in out.calls:
            out.calls.append(back)
    out.calls += calls
    return out


def _put_back(call: ToolCall, state: DeviceState | None, device: Device) -> ToolCall | None:
    """The call that sets what `call` changed back to how it was; None when that is not known."""
    name = FIELDS.get(call.tool)
    was = getattr(state, name) if state is not None and name else None
    if device.type == "light" and call.tool != "turn_off" and state is not None and state.on is False:
        return ToolCall("turn_off", device.id)  # the level or colour switched it on
    if was is None:
        if call.tool.startswith("step_") and isinstance(call.value, int | float):
            return ToolCall(call.tool, device.id, -call.value)  # a step needs no state to be taken back
        return None
    back = _setting(name or "", was, device)
    return back if back is not None and device.accepts(back) else None


def _stepped(taken: ToolCall, step: ToolCall, state: DeviceState | None, device: Device) -> ToolCall | None:
    """A step corrected by a step ("up" … "no, down"): the first taken back and the second done, as one call; from
    the level before when it is known (a step at the end of the scale moved less than its size); None: no change."""
    assert isinstance(taken.value, int | float) and isinstance(step.value, int | float)
    was = getattr(state, FIELDS[taken.tool]) if state is not None else None
    back = _setting(FIELDS[taken.tool], was + step.value, device) if isinstance(was, int | float) else None
    if back is not None and isinstance(back.value, float):
        spec = back.spec  # the scale's ends: a step past them stops there
        back = replace(back, value=min(max(back.value, spec.minimum or 0.0), spec.maximum or 100.0))
    if back is not None and device.accepts(back):
        return back
    delta = step.value - taken.value
    return ToolCall(step.tool, device.id, delta, step.words) if delta else None


def _setting(name: str, value: object, device: Device) -> ToolCall | None:
    """The call that sets the state field `name` to `value` on this device."""
    d = device.id
    flags = {"on": ("turn_on", "turn_off"), "locked": ("lock", "unlock"), "playing": ("media_play", "media_pause"),
             "muted": ("mute", "unmute"), "cleaning": ("start_cleaning", "return_to_base")}
    if name in flags:
        return ToolCall(flags[name][0] if value else flags[name][1], d)
    levels = {"brightness": "set_brightness", "color_temp": "set_color_temperature", "volume": "set_volume",
              "target_temperature": "set_temperature"}
    if name in levels and isinstance(value, int | float):
        return ToolCall(levels[name], d, float(value))
    if name == "position" and isinstance(value, int | float):  # all the way: opened or closed, as said
        return ToolCall("set_position", d, float(value)) if "position" in device.features and 0 < value < 100 \
            else ToolCall("open_cover" if value > 0 else "close_cover", d)
    choices = {"color": ("set_color", COLORS), "hvac_mode": ("set_hvac_mode", HVAC_MODES),
               "speed": ("set_fan_speed", FAN_SPEEDS)}
    if name in choices and value in choices[name][1]:
        return ToolCall(choices[name][0], d, str(value))
    return None
