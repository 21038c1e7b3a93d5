"""What a device can do, said from what it declares (its type's tools, its features, its modes), never asked of it:
"The desk lamp can: turn on and off, dim." answers "can the desk lamp dim?"; a heating or cooling mode it lacks is
said back with the ones it has ("The study heater can't cool; it can heat or turn off."), never sent."""

from __future__ import annotations

from assistant.answer.agreement import its, plural, they
from assistant.registry import Device

_DOES = {"heat": "heat", "cool": "cool", "auto": "run on auto", "dry": "dry the air", "fan_only": "run the fan only",
         "heat_cool": "heat and cool", "off": "turn off"}
# the tools a device declares, in the words that say what they do; a tool alone or with its twin says one thing
_ABLE = (("turn_on", "turn on and off"), ("set_brightness", "dim"), ("set_color", "change colour"),
         ("set_color_temperature", "go warmer or cooler white"), ("set_temperature", "be set to a temperature"),
         ("set_fan_speed", "change speed"), ("open_cover", "open and close"), ("set_position", "open part way"),
         ("lock", "lock and unlock"), ("media_play", "play and pause"), ("set_volume", "change volume"),
         ("mute", "mute"), ("start_cleaning", "clean and go back to its dock"), ("activate", "be started"))


def lacks_mode(name: str, mode: str, modes: tuple[str, ...]) -> str:
    """The answer when the device `name` has no `mode`; `modes`: the ones it declares."""
    can = [_DOES.get(m, m) for m in modes]
    said = can[0] if len(can) == 1 else ", ".join(can[:-1]) + " or " + can[-1]
    return f"The {name} can't {_DOES.get(mode, mode)}; {they(name)} can {said}."


def can_do(device: Device) -> str:
    """What the device can do, as its declared tools and modes say ("The thermostat can: turn on and off, be set to a
    temperature, change mode."); a sensor is only read."""
    tools = set(device.tools())
    able = [words for tool, words in _ABLE if tool in tools]
    if "set_hvac_mode" in tools:
        able.append(" and ".join(_DOES[m] for m in device.modes if m != "off") if device.modes else "change mode")
    if not able:
        name = device.said_name
        return f"The {name} only {'report' if plural(name) else 'reports'} {its(name)} reading."
    return f"The {device.said_name} can: {', '.join(able)}."
