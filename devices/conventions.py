"""How a device speaks MQTT, chosen by `device.mqtt.convention`; the bridge talks to devices only through this.

Each convention says which messages carry a call (`commands`; for get_state, how to ask, if it can), which
topics report state and how to read them into a DeviceState (PayloadError when a payload is not what the
convention sends), where the device says it is reachable, which heating and cooling modes it has, and what
counts as confirmation.
"""

from __future__ import annotations

from typing import Protocol

from assistant.registry import Availability, Device
from assistant.tools import ToolCall
from devices.entity import EntityConvention
from devices.state import DeviceState
from devices.tasmota import Tasmota
from devices.wire import Message
from devices.zigbee2mqtt import Zigbee2Mqtt


class Convention(Protocol):
    types: tuple[str, ...]  # the device types it can carry
    ask_at_connect: bool  # the device does not retain its state: ask for it once connected

    def commands(self, device: Device, call: ToolCall) -> tuple[Message, ...]: ...

    def state_topics(self, device: Device) -> tuple[str, ...]: ...

    def decode(self, device: Device, topic: str, payload: bytes) -> DeviceState: ...

    def availability(self, device: Device) -> tuple[Availability, ...]: ...

    def hvac_modes(self, device: Device) -> tuple[str, ...]: ...  # a climate device's modes; () when it has none

    def confirms(self, device: Device, call: ToolCall, state: DeviceState) -> bool: ...


CONVENTIONS: dict[str, Convention] = {
    "zigbee2mqtt": Zigbee2Mqtt(),
    "tasmota": Tasmota(),
    "homeassistant": EntityConvention(("light", "switch", "climate", "fan", "lock", "cover", "sensor", "vacuum",
                                       "scene")),
    "generic": EntityConvention(("light", "switch", "climate", "fan", "lock", "cover")),
}


def convention_of(device: Device) -> Convention:
    return CONVENTIONS[device.mqtt.convention]
