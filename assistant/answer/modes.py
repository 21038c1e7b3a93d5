"""A heating or cooling mode said as what the device does: a mode it does not declare is said back with the ones it
has ("The study heater can't cool; it can heat or turn off."), never sent."""

from __future__ import annotations

from assistant.answer.agreement import they

_DOES = {"heat": "heat", "cool": "cool", "auto": "run on auto", "dry": "dry the air", "fan_only": "run the fan only",
         "heat_cool": "heat and cool", "off": "turn off"}


def lacks_mode(name: str, mode: str, modes: tuple[str, ...]) -> str:
    """The answer when the device `name` has no `mode`; `modes`: the ones it declares."""
    can = [_DOES.get(m, m) for m in modes]
    said = can[0] if len(can) == 1 else ", ".join(can[:-1]) + " or " + can[-1]
    return f"The {name} can't {_DOES.get(mode, mode)}; {they(name)} can {said}."
