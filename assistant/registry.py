"""The home's devices: what each one is called, where it is, and what it can do."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from assistant.tools import TOOLS, ToolCall

ENTRY_CLASSES = ("door", "gate", "garage")  # device classes (and cover names) of ways into the home
# Home Assistant's sensor device classes that only an on/off (binary_sensor) or only a numeric sensor has; battery,
# carbon_monoxide, gas, moisture and power are both ("is the battery low?" against "what's the battery level?").
ON_OFF_CLASSES = frozenset((
    "battery_charging", "cold", "connectivity", "door", "garage_door", "heat", "light", "lock", "motion", "moving",
    "occupancy", "opening", "plug", "presence", "problem", "running", "safety", "smoke", "sound", "tamper", "update",
    "vibration", "window"))
NUMBER_CLASSES = frozenset((
    "apparent_power", "aqi", "area", "atmospheric_pressure", "carbon_dioxide", "current", "data_rate", "data_size",
    "date", "distance", "duration", "energy", "energy_storage", "frequency", "humidity", "illuminance", "irradiance",
    "monetary", "nitrogen_dioxide", "nitrogen_monoxide", "nitrous_oxide", "ozone", "ph", "pm1", "pm10", "pm25",
    "power_factor", "precipitation", "precipitation_intensity", "pressure", "reactive_power", "signal_strength",
    "sound_pressure", "speed", "sulphur_dioxide", "temperature", "timestamp", "volatile_organic_compounds",
    "volatile_organic_compounds_parts", "voltage", "volume", "volume_flow_rate", "volume_storage", "water", "weight",
    "wind_direction", "wind_speed"))


@dataclass(frozen=True)
class Channel:
    """One value of an entity (brightness, position, ...): where it is set and reported, and in which form."""

    command_topic: str | None = None
    state_topic: str | None = None
    command_template: str | None = None  # the payload with "{value}" where the value goes; None: the value alone
    value_path: tuple[str, ...] | None = None  # keys leading to the value in a JSON state; None: the whole payload


@dataclass(frozen=True)
class Availability:
    """A topic on which a device (or the gateway it hangs off) says whether it is reachable."""

    topic: str
    payload_available: str = "online"
    payload_not_available: str = "offline"
    value_path: tuple[str, ...] | None = None  # in a JSON payload; a plain payload is read as it is


@dataclass(frozen=True)
class Entity:
    """A device described the way Home Assistant describes an MQTT entity (conventions homeassistant and
    generic). The main command/state topics are MqttSettings.command_topic/state_topic; the defaults here
    are Home Assistant's."""

    schema: str = "default"  # lights: "default" (a topic per value) or "json" (one JSON object both ways)
    command_template: str | None = None  # main command topic
    value_path: tuple[str, ...] | None = None  # main state topic
    on_command_type: str = "last"  # lights: "last" sends the brightness, then payload_on; "brightness": only it
    payload_on: str = "ON"
    payload_off: str = "OFF"
    state_on: str | None = None  # None: payload_on
    state_off: str | None = None  # None: payload_off
    payload_lock: str = "LOCK"
    payload_unlock: str = "UNLOCK"
    state_locked: str = "LOCKED"
    state_unlocked: str = "UNLOCKED"
    payload_open: str = "OPEN"
    payload_close: str = "CLOSE"
    state_open: str = "open"
    state_closed: str = "closed"
    payload_start: str = "start"  # vacuums
    payload_return_to_base: str = "return_to_base"
    brightness: Channel | None = None
    brightness_scale: int = 255
    rgb: bool = False  # json schema lights: accepts and reports {"color": {"r", "g", "b"}}
    white: bool = False  # json schema lights: accepts and reports "color_temp" (supported_color_modes color_temp)
    color_temp: Channel | None = None  # default schema lights: color_temp_command_topic / color_temp_state_topic
    color_temp_kelvin: bool = False  # colour temperatures are sent and reported in kelvin, not mireds
    color_temp_range: tuple[int, int] = (153, 500)  # the colour temperatures it shows, in its unit (low, high)
    position: Channel | None = None  # set_position_topic / position_topic
    position_open: int = 100
    position_closed: int = 0
    target_temperature: Channel | None = None
    current_temperature: Channel | None = None
    mode: Channel | None = None
    modes: tuple[str, ...] = ("auto", "off", "cool", "heat", "dry", "fan_only")
    percentage: Channel | None = None
    preset_mode: Channel | None = None
    preset_modes: tuple[str, ...] = ()
    availability: tuple[Availability, ...] = ()


@dataclass(frozen=True)
class MqttSettings:
    """Where a device listens and reports, in the Zigbee2MQTT convention unless told otherwise."""

    convention: str = "zigbee2mqtt"  # zigbee2mqtt, tasmota, homeassistant or generic
    base_topic: str = "zigbee2mqtt"
    state_topic: str | None = None
    command_topic: str | None = None
    topic: str | None = None  # tasmota: the device's %topic% (cmnd/<topic>/POWER); None: the device id
    relay: int | None = None  # tasmota: which relay of a multi-relay device (POWER<n>); None: the only one
    entity: Entity | None = None  # homeassistant and generic: everything beyond the two main topics
    modes: tuple[str, ...] = ()  # zigbee2mqtt climate: the system_mode values it exposes; empty: not known
    mireds: tuple[int, int] | None = None  # zigbee2mqtt and tasmota lights: colour temperature range; None: 153-500
    full_topic: str = "%prefix%/%topic%/"  # tasmota: its FullTopic, as its discovery announces it
    prefixes: tuple[str, str, str] = ("cmnd", "stat", "tele")  # tasmota: its command, status and telemetry prefixes


@dataclass(frozen=True)
class Device:
    id: str
    name: str
    area: str
    type: str
    features: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mqtt: MqttSettings = field(default_factory=MqttSettings)
    confirm: bool | None = None  # True: every change asks first; False: none does (not on a lock); None: by effect
    device_class: str | None = None  # Home Assistant's, when discovered: "temperature", "door", ...
    binary: bool | None = None  # a sensor: True reports on/off (a binary_sensor), False a number; None: by its class

    @property
    def name_words(self) -> frozenset[str]:
        """Every word of its name and aliases: the words a sentence may call it by (a possessive as said, too:
        "dad's lamp" is called "dad's" and "dad")."""
        words = [w for phrase in (self.name, *self.aliases) for w in phrase.lower().split()]
        return frozenset(words + [(w[:-2] if w.endswith("'s") else w).replace("'", "") for w in words])

    @property
    def said_name(self) -> str:
        """Its name as said aloud, for an answer: a name written as one word ("living_room_lamp", "Lampe_salon",
        "tasmota_5A3F2C") in the words the understanding hears it as ("living room lamp")."""
        return self.name.replace("_", " ")

    @property
    def said_area(self) -> str:
        """Its room as said aloud, for an answer: a room id written as one word ("living_room") in the words the
        understanding hears it as ("living room"; batch 77)."""
        return self.area.replace("_", " ")

    @property
    def reports_number(self) -> bool | None:
        """Whether a sensor reports a number (a level, a reading) rather than on/off: what discovery said, else
        what its device class allows; None when neither tells (a battery sensor of unknown kind, not a sensor)."""
        if self.type != "sensor":
            return None
        if self.binary is not None:
            return not self.binary
        kind = (self.device_class or "").lower()
        return True if kind in NUMBER_CLASSES else False if kind in ON_OFF_CLASSES else None

    @property
    def is_lock(self) -> bool:
        return self.type == "lock" or (self.device_class or "").lower() == "lock"

    @property
    def guards_a_way_in(self) -> bool:
        """A lock, or a door, gate or garage by its device class (a cover also by its name): opening it lets
        someone in, so that waits for a spoken "yes"."""
        if self.is_lock or (self.device_class or "").lower() in ENTRY_CLASSES:
            return True
        return self.type == "cover" and any(w in ENTRY_CLASSES for w in re.findall(r"[a-z]+", self.name.lower()))

    def needs_confirmation(self, call: ToolCall, position: float | None = None) -> bool:
        """Whether `call` waits for a spoken "yes": with confirm: true every change does; otherwise what
        opens, unlocks or raises a way in. `position` is a cover's position now, when known, so that
        lowering it does not ask; confirm: false opts out, except on a lock. Questions never ask."""
        if call.tool == "get_state":
            return False
        if self.confirm is not None and not (self.confirm is False and self.is_lock):
            return self.confirm
        return self.guards_a_way_in and opens(call, position)

    @property
    def modes(self) -> tuple[str, ...]:
        """The heating and cooling modes it declares (its Zigbee2MQTT exposes or config, its Home Assistant mode
        topic's modes); () when it declares none, and then any mode may be tried."""
        entity = self.mqtt.entity
        return self.mqtt.modes or (entity.modes if entity is not None and entity.mode is not None else ())

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
        if spec.choices:  # a mode the device declares it lacks is no valid call ("set the heater to cool")
            return call.value in spec.choices and not (call.tool == "set_hvac_mode" and self.modes and
                                                       call.value not in self.modes)
        return (
            isinstance(call.value, int | float)
            and spec.minimum is not None and spec.maximum is not None
            and spec.minimum <= call.value <= spec.maximum
        )


def opens(call: ToolCall, position: float | None = None) -> bool:
    """Whether a call opens, unlocks or raises what it is sent to (turn_on: a door or gate opener's relay).
    A set_position opens when it is above `position`, the position now (unknown: above closed)."""
    value = call.value if isinstance(call.value, int | float) else 0
    if call.tool == "set_position":
        return value > (position or 0)
    return call.tool in ("unlock", "open_cover", "turn_on") or (call.tool == "step_position" and value > 0)


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
        if not call.spec.types:  # the timers name no device: only their argument is checked
            spec = call.spec
            return not call.device and (call.value is None if spec.argument is None else isinstance(
                call.value, int | float) and spec.minimum is not None and spec.maximum is not None
                and spec.minimum <= call.value <= spec.maximum)
        device = self.get(call.device)
        return device is not None and device.accepts(call)


def spoken_name(device: Device, registry: Registry) -> str:
    """The device's name as said (`Device.said_name`), with its room when another device shares it: "the kitchen
    ceiling light". The room is said in words too ("chambre_de_lea"), and never twice: a name that starts with its
    room as said ("Living Room Lamp", "living_room_lamp" in the living room) is said as it is."""
    said = device.said_name
    room = device.said_area.split()
    shared = any(d.name == device.name and d.id != device.id for d in registry)
    if shared and said.lower().split()[:len(room)] != [w.lower() for w in room]:
        return f"{' '.join(room)} {said}"
    return said
