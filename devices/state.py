"""A device's state in plain terms, whatever convention carried it on the wire."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeviceState:
    """Normalised state; a field is None when the device does not report it."""

    on: bool | None = None
    brightness: int | None = None  # percent
    color: str | None = None  # a colour name from the tool vocabulary, or a hex string
    target_temperature: float | None = None
    temperature: float | None = None
    humidity: float | None = None
    position: int | None = None  # percent open
    locked: bool | None = None
    speed: str | None = None
    volume: int | None = None
    playing: bool | None = None
    muted: bool | None = None
    cleaning: bool | None = None  # vacuum: cleaning (True) or docked / returning (False)
