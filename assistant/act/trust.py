"""Which announced devices the operator accepted, as Home Assistant asks before adding a device.

Anyone who can publish on the broker can announce a device, or re-announce one: a retained discovery
config that gives the porch light the front door's command topic and an UNLOCK payload would make "turn on
the porch light" unlock the door. So a discovered device is used only as it was accepted: its id, its type
and everything on the wire (`Device.mqtt`: topics, payloads, templates). A re-announcement that changes
any of these is ignored (the accepted version stays in use) until `assistant devices --accept`; a new
device waits the same way; name, area and features may change freely. No device is used whose command
topic is another device's.

The accepted devices are kept in a small JSON file (`store_path`). While it holds none (a fresh install, or
an upgrade from a version without it) whatever is announced is trusted on first use and recorded.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import ConfigError
from assistant.registry import Device
from assistant.state import state_dir
from assistant.tools import TOOLS, ToolCall
from devices.conventions import convention_of

log = logging.getLogger(__name__)

STORE_NAME = "trusted_devices.json"
STORE_VERSION = 1


def store_path() -> Path:
    """`trusted_devices.json` in the state directory (`assistant.state.state_dir`)."""
    return state_dir() / STORE_NAME


@dataclass(frozen=True)
class Pending:
    """An announced device that is not used until the operator accepts it."""

    device: Device  # as announced
    topic: str  # the discovery topic it was announced on
    reason: str  # "new", "changed: command_topic 'a' -> 'b'", "its command topic x is y's"


class TrustStore:
    """The accepted devices, by id, as the file holds them; re-read when the file changes (another
    process accepted something)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or store_path()
        self._devices: dict[str, Device] = {}
        self._seen: tuple[int, int] | None = None  # the file's mtime and size when last read
        self.refresh()

    @property
    def devices(self) -> Mapping[str, Device]:
        return self._devices

    def refresh(self) -> None:
        """Read the file again if it changed; ConfigError (path and why) if it is not a trust store."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._devices, self._seen = {}, None
            return
        if (stat.st_mtime_ns, stat.st_size) == self._seen:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._devices = {key: _decoded(Device, value) for key, value in data["devices"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"{self.path}: not a device trust store ({type(exc).__name__}: {str(exc)[:80]}); "
                              "fix it, or delete it to trust the devices announced now") from exc
        self._seen = (stat.st_mtime_ns, stat.st_size)

    def accept(self, devices: Iterable[Device]) -> None:
        """Record `devices` as accepted (replacing what was accepted under their ids) and save."""
        self._devices.update((device.id, device) for device in devices)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": STORE_VERSION,
                "devices": {key: dataclasses.asdict(device) for key, device in sorted(self._devices.items())}}
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        os.replace(partial, self.path)  # never a half-written store
        stat = self.path.stat()
        self._seen = (stat.st_mtime_ns, stat.st_size)


def same_wire(a: Device, b: Device) -> bool:
    """True when `b` is commanded and read exactly as `a`: same type, same topics, payloads and templates."""
    return a.type == b.type and a.mqtt == b.mqtt


def changes(accepted: Device, announced: Device) -> str:
    """What an announcement changes on the wire, e.g. "command_topic 'porch/set' -> 'door/set'"."""
    old, new = _flat({"type": accepted.type, **dataclasses.asdict(accepted.mqtt)}), _flat(
        {"type": announced.type, **dataclasses.asdict(announced.mqtt)})
    return "; ".join(f"{key} {old.get(key)!r} -> {new.get(key)!r}"
                     for key in sorted(old.keys() | new.keys()) if old.get(key) != new.get(key))


def command_topics(device: Device) -> frozenset[str]:
    """Every topic a command to this device is published on: each tool it accepts, with sample values."""
    convention, topics = convention_of(device), set()
    for name in device.tools():
        spec = TOOLS[name]
        if spec.default_step is not None:  # sent as the absolute tool, tried below
            continue
        values = spec.choices or ((spec.minimum, spec.maximum) if spec.argument else (None,))
        for value in values:
            try:
                topics.update(m.topic for m in convention.commands(device, ToolCall(name, device.id, value)))
            except ValueError:  # Unsupported, or nothing to send for that value
                continue
    return frozenset(topics)


def claimed(devices: Iterable[Device], fixed: Iterable[Device] = ()) -> tuple[list[Device], dict[str, str]]:
    """`devices` that command no topic another device commands: `fixed` devices (the config's) and earlier
    ones keep theirs. Returns the kept devices and, by id, why each other one was left out."""
    owners: dict[str, str] = {}
    for device in fixed:
        owners.update(dict.fromkeys(command_topics(device), device.id))
    kept, refused = [], {}
    for device in devices:
        topics = command_topics(device)
        taken = sorted(t for t in topics if owners.get(t, device.id) != device.id)
        if taken:
            refused[device.id] = f"its command topic {taken[0]} is {owners[taken[0]]}'s"
            continue
        owners.update(dict.fromkeys(topics, device.id))
        kept.append(device)
    return kept, refused


def _flat(value: object, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _flat(item, f"{prefix}{key}.").items()}
    if isinstance(value, list | tuple) and value and all(isinstance(v, dict) for v in value):
        return {k: v for i, item in enumerate(value) for k, v in _flat(item, f"{prefix[:-1]}[{i}].").items()}
    return {} if value is None else {prefix[:-1]: value}


def _decoded(cls: type, data: Any) -> Any:
    """A dataclass from its `dataclasses.asdict` JSON; keys it does not have (an older store) are left out."""
    if not isinstance(data, dict):
        raise TypeError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _value(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data})


def _value(hint: Any, value: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        if value is None:
            return None
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if dataclasses.is_dataclass(hint):
        return _decoded(hint, value)  # type: ignore[arg-type]
    if typing.get_origin(hint) is tuple:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {value!r}")
        return tuple(_value(typing.get_args(hint)[0], v) for v in value)
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise TypeError(f"expected {hint.__name__}, got {value!r}")
    return value
