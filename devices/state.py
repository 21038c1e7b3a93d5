"""A device's state in plain terms, whatever convention carried it on the wire, and what confirms a call."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.tools import ToolCall
from devices.white import shows, to_mireds


@dataclass(frozen=True)
class DeviceState:
    """Normalised state; a field is None when the device does not report it."""

    on: bool | None = None
    brightness: int | None = None  # percent
    color: str | None = None  # a colour name from the tool vocabulary, a hex string, or None: unknown or unnamed
    color_temp: int | None = None  # kelvin, while the light shows white at a colour temperature
    target_temperature: float | None = None
    hvac_mode: str | None = None  # climate: heat, cool, auto, off, fan_only, dry (or another mode it names)
    temperature: float | None = None
    humidity: float | None = None
    position: int | None = None  # percent open
    locked: bool | None = None
    speed: str | None = None
    volume: int | None = None
    playing: bool | None = None
    muted: bool | None = None
    cleaning: bool | None = None  # vacuum: cleaning (True) or docked / returning (False)


def confirms(call: ToolCall, state: DeviceState) -> bool:
    """True when a reported state shows that the call took effect (the same test in every convention)."""
    tool, value = call.tool, call.value
    checks = {
        "turn_on": lambda: state.on is True,
        "turn_off": lambda: state.on is False,
        "set_brightness": lambda: state.brightness == round(value) and state.on is (value > 0),  # type: ignore[arg-type, operator]
        "set_color": lambda: state.color == value,
        "set_color_temperature": lambda: shows(state.color_temp, to_mireds(value)),  # type: ignore[arg-type]
        "set_temperature": lambda: state.target_temperature == value,
        "set_hvac_mode": lambda: state.hvac_mode == value or (state.hvac_mode is None and value == "off"
                                                                and state.on is False),
        "open_cover": lambda: state.position == 100 or (state.position is None and state.on is True),
        "close_cover": lambda: state.position == 0 or (state.position is None and state.on is False),
        "set_position": lambda: state.position == round(value),  # type: ignore[arg-type]
        "lock": lambda: state.locked is True,
        "unlock": lambda: state.locked is False,
        "set_fan_speed": lambda: state.speed == value and state.on is True,
        "set_volume": lambda: state.volume == round(value),  # type: ignore[arg-type]
        "mute": lambda: state.muted is True,
        "unmute": lambda: state.muted is False,
        "start_cleaning": lambda: state.cleaning is True,
        "return_to_base": lambda: state.cleaning is False,
        "activate": lambda: state.on is True,
        "media_play": lambda: state.playing is True,
        "media_pause": lambda: state.playing is False,
        "get_state": lambda: True,
    }
    return checks[tool]()
