"""The home's devices: what each one is called, where it is, and what it can do."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from assistant.tools import TOOLS, ToolCall


@dataclass(frozen=True)
class MqttSettings:
    """Where a device listens and reports, in the Zigbee2MQTT convention unless told otherwise."""

    convention: str = "zigbee2mqtt"
    base_topic: str = "zigbee2mqtt"
    state_topic: str | None = None
    command_topic: str | None = None


@dataclass(frozen=True)
class Device:
    id: str
    name: str
    area: str
    type: str
    features: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mqtt: MqttSettings = field(default_factory=MqttSettings)
    confirm: bool | None = None  # None: locks, and covers named door/gate/garage, confirm before opening

    @property
    def needs_confirmation(self) -> bool:
        """Unlocking a lock or opening a door-like cover waits for a spoken "yes"."""
        if self.confirm is not None:
            return self.confirm
        if self.type == "lock":
            return True
        return self.type == "cover" and any(w in self.name for w in ("door", "gate", "garage"))

    @property
    def state_topic(self) -> str:
        return self.mqtt.state_topic or f"{self.mqtt.base_topic}/{self.id}"

    @property
    def command_topic(self) -> str:
        return self.mqtt.command_topic or f"{self.state_topic}/set"

    @property
    def availability_topic(self) -> str:
        return f"{self.state_topic}/availability"

    def tools(self) -> list[str]:
        """The tools this device accepts, in vocabulary order."""
        return [
            name for name, spec in TOOLS.items()
            if self.type in spec.types and (spec.feature is None or spec.feature in self.features)
        ]

    def accepts(self, call: ToolCall) -> bool:
        """True when the call is valid for this device, argument included."""
        if call.device != self.id or call.tool not in self.tools():
            return False
        spec = call.spec
        if spec.argument is None:
            return call.value is None
        if spec.choices:
            return call.value in spec.choices
        return (
            isinstance(call.value, int | float)
            and spec.minimum is not None and spec.maximum is not None
            and spec.minimum <= call.value <= spec.maximum
        )


class Registry:
    """The set of known devices, looked up by id; the only devices any call may name."""

    def __init__(self, devices: Iterable[Device], area_groups: dict[str, tuple[str, ...]] | None = None) -> None:
        self.area_groups = dict(area_groups or {})  # "upstairs" -> ("bedroom", "study")
        self._devices: dict[str, Device] = {}
        for device in devices:
            if device.id in self._devices:
                raise ValueError(f"duplicate device id {device.id!r}")
            self._devices[device.id] = device

    def __iter__(self) -> Iterator[Device]:
        return iter(self._devices.values())

    def __len__(self) -> int:
        return len(self._devices)

    def __contains__(self, device_id: object) -> bool:
        return device_id in self._devices

    def get(self, device_id: str) -> Device | None:
        return self._devices.get(device_id)

    def __getitem__(self, device_id: str) -> Device:
        return self._devices[device_id]

    def areas(self) -> list[str]:
        return sorted({d.area for d in self})

    def accepts(self, call: ToolCall) -> bool:
        device = self.get(call.device)
        return device is not None and device.accepts(call)
