"""White light by colour temperature: kelvin as said and kept, mireds (1,000,000 / kelvin) as most devices
take it, each within the range the light can show.

A light set to a colour temperature outside its range shows, and reports, the nearest end of it; reports
come back in whole mireds (or whole kelvin), so a report confirms a setting when it is within a mired of
what the light was sent after clamping.
"""

from __future__ import annotations

MIRED_RANGE = (153, 500)  # Zigbee2MQTT's and Home Assistant's defaults, and Tasmota's CT: 6535 K to 2000 K
_TOLERANCE_MIREDS = 1.5


def to_mireds(kelvin: float, low: int = MIRED_RANGE[0], high: int = MIRED_RANGE[1]) -> int:
    """Kelvin -> whole mireds within [low, high] (higher mireds are warmer)."""
    return max(low, min(high, round(1_000_000 / kelvin)))


def to_kelvin(mireds: float) -> int:
    """Mireds -> whole kelvin; ValueError for a value no light reports."""
    if not 50 <= mireds <= 1000:
        raise ValueError(f"colour temperature should be 50 to 1000 mireds, got {mireds!r}")
    return round(1_000_000 / mireds)


def clamp_kelvin(kelvin: float, low: int, high: int) -> int:
    """Kelvin within [low, high] kelvin."""
    return round(max(low, min(high, kelvin)))


def shows(reported_kelvin: int | None, sent_mireds: float) -> bool:
    """Whether a light reporting `reported_kelvin` shows the white it was sent as `sent_mireds`."""
    return reported_kelvin is not None and abs(1_000_000 / reported_kelvin - sent_mireds) <= _TOLERANCE_MIREDS


def white_name(kelvin: float) -> str:
    """How a white is said: warm (up to 3300 K), neutral (up to 5000 K) or cool."""
    return "warm white" if kelvin <= 3300 else "neutral white" if kelvin <= 5000 else "cool white"
