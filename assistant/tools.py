"""The tool vocabulary: the contract between understanding, the MQTT bridge and the evaluation.

A tool call names one device by id and carries at most one argument. Which tools a device accepts
follows from its type and features, so invalid calls can be ruled out before anything is sent. The timer
tools name no device. Any call may be for later: `delay_s` seconds from now, or `at` a clock time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEVICE_TYPES = ("light", "switch", "climate", "fan", "lock", "cover", "media_player", "sensor", "vacuum", "scene")
FEATURES = ("brightness", "color", "color_temp", "position")
FAN_SPEEDS = ("low", "medium", "high")
HVAC_MODES = ("heat", "cool", "auto", "off", "fan_only", "dry")
# White light by name, in kelvin: "warm white" on a light with colour temperature is this, never a hex colour.
WHITES = {"warm white": 2700, "neutral white": 4000, "neutral": 4000, "cool white": 6500, "daylight": 6500}
KELVIN_RANGE = (2000, 6500)  # what set_color_temperature accepts; each light clamps it to its own range
COLORS = {
    "red": "#ff0000", "green": "#00ff00", "blue": "#0000ff", "white": "#ffffff",
    "warm white": "#ffd6aa", "yellow": "#ffff00", "orange": "#ffa500", "purple": "#800080",
    "pink": "#ffc0cb", "cyan": "#00ffff", "magenta": "#ff00ff", "violet": "#ee82ee",
    "turquoise": "#40e0d0", "teal": "#008080", "lime": "#32cd32", "amber": "#ffbf00",
    "gold": "#ffd700", "lavender": "#e6e6fa", "indigo": "#4b0082", "crimson": "#dc143c",
}


@dataclass(frozen=True)
class ToolSpec:
    """One tool: its argument (if any), the valid range or choices, and who may receive it."""

    name: str
    types: tuple[str, ...]
    argument: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    feature: str | None = None  # the device must list this feature
    default_step: float | None = None  # relative tools: the amount when none is said ("a bit")


TOOLS: dict[str, ToolSpec] = {
    spec.name: spec
    for spec in (
        ToolSpec("turn_on", ("light", "switch", "fan", "media_player", "climate")),
        ToolSpec("turn_off", ("light", "switch", "fan", "media_player", "climate")),
        ToolSpec("set_brightness", ("light",), "brightness", 0, 100, feature="brightness"),
        ToolSpec("set_color", ("light",), "color", choices=tuple(COLORS), feature="color"),
        ToolSpec("set_color_temperature", ("light",), "kelvin", *KELVIN_RANGE, feature="color_temp"),
        ToolSpec("set_temperature", ("climate",), "temperature", 5, 35),
        ToolSpec("set_hvac_mode", ("climate",), "mode", choices=HVAC_MODES),
        ToolSpec("open_cover", ("cover",)),
        ToolSpec("close_cover", ("cover",)),
        ToolSpec("set_position", ("cover",), "position", 0, 100, feature="position"),
        ToolSpec("lock", ("lock",)),
        ToolSpec("unlock", ("lock",)),
        ToolSpec("set_fan_speed", ("fan",), "speed", choices=FAN_SPEEDS),
        ToolSpec("set_volume", ("media_player",), "volume", 0, 100),
        ToolSpec("media_play", ("media_player",)),
        ToolSpec("media_pause", ("media_player",)),
        ToolSpec("step_brightness", ("light",), "delta", -100, 100, feature="brightness", default_step=20),
        ToolSpec("step_volume", ("media_player",), "delta", -100, 100, default_step=10),
        ToolSpec("step_temperature", ("climate",), "delta", -10, 10, default_step=1),
        ToolSpec("step_position", ("cover",), "delta", -100, 100, feature="position", default_step=20),
        ToolSpec("step_color_temperature", ("light",), "delta", -4500, 4500, feature="color_temp",
                 default_step=500),  # kelvin: "warmer" is -500, "cooler" +500
        ToolSpec("mute", ("media_player",)),
        ToolSpec("unmute", ("media_player",)),
        ToolSpec("start_cleaning", ("vacuum",)),
        ToolSpec("return_to_base", ("vacuum",)),
        ToolSpec("activate", ("scene",)),
        ToolSpec("get_state", tuple(t for t in DEVICE_TYPES if t != "scene")),
        ToolSpec("start_timer", (), "seconds", 1, 86400),  # timers name no device; optional `name`
        ToolSpec("cancel_timer", ()),
        ToolSpec("get_timers", ()),
    )
}
SUN_TIMES = ("sunrise", "sunset")  # what `at` may hold besides "HH:MM"


def spoken_duration(seconds: float) -> str:
    """ "20 minutes", "1 hour and 30 minutes", "45 seconds": a delay or what a timer has left, said."""
    total = max(0, round(seconds))
    parts = [(total // 3600, "hour"), (total % 3600 // 60, "minute"), (total % 60, "second")]
    if total >= 600:  # nobody wants the seconds of a long wait
        parts[2] = (0, "second")
    said = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return " and ".join(said) if said else "0 seconds"


SAID_AS = {
    "turn_on": "turn on the {name}", "turn_off": "turn off the {name}",
    "set_brightness": "set the {name} to {value} percent", "set_color": "make the {name} {value}",
    "set_temperature": "set the {name} to {value} degrees",
    "set_color_temperature": "make the {name} white at {value} kelvin", "open_cover": "open the {name}",
    "close_cover": "close the {name}", "set_position": "open the {name} to {value} percent",
    "lock": "lock the {name}", "unlock": "unlock the {name}", "set_fan_speed": "set the {name} to {value}",
    "set_volume": "set the {name} volume to {value}", "media_play": "play the {name}",
    "media_pause": "pause the {name}", "mute": "mute the {name}", "unmute": "unmute the {name}",
    "start_cleaning": "start the {name}", "return_to_base": "send the {name} back to its dock",
    "activate": "start {name}", "get_state": "check the {name}",
    "start_timer": "start a timer", "cancel_timer": "cancel the timer", "get_timers": "say what the timers have left",
}


@dataclass(frozen=True)
class ToolCall:
    """A request for one device to do one thing; `value` is the tool's single argument, if any."""

    tool: str
    device: str  # "" for the timer tools
    value: float | str | None = None
    words: tuple[str, ...] = field(default=(), compare=False)  # what it was built from, to explain it
    name: str | None = None  # a timer's name: "the pasta timer"
    delay_s: float | None = None  # for later: this many seconds from when it was said
    at: str | None = None  # for later: at "HH:MM" (24 h, the next such time) or at "sunrise" / "sunset"

    @property
    def spec(self) -> ToolSpec:
        return TOOLS[self.tool]

    @property
    def later(self) -> bool:
        """A call for later goes to the schedule, not to the device now."""
        return self.delay_s is not None or self.at is not None

    def to_dict(self) -> dict[str, object]:
        """The evaluation/JSON form: {"tool", "device", <argument name>: value, "delay_s" or "at"}."""
        out: dict[str, object] = {"tool": self.tool}
        if self.spec.types or self.device:
            out["device"] = self.device
        if self.spec.argument is not None:
            out[self.spec.argument] = _plain(self.value)
        if self.name is not None:
            out["name"] = self.name
        if self.delay_s is not None:
            out["delay_s"] = _plain(self.delay_s)
        if self.at is not None:
            out["at"] = self.at
        return out

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ToolCall:
        tool = str(data["tool"])
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}; expected one of {', '.join(TOOLS)}")
        argument = TOOLS[tool].argument
        value = data.get(argument) if argument else None
        if isinstance(value, int | float):
            value = float(value)
        device = str(data["device"]) if TOOLS[tool].types else ""
        delay = data.get("delay_s")
        return cls(tool, device, value, name=None if data.get("name") is None else str(data["name"]),
                   delay_s=float(delay) if isinstance(delay, int | float) else None,
                   at=None if data.get("at") is None else str(data["at"]))

    def imperative(self, name: str) -> str:
        """The call said back as a command ("turn off the porch light"), for "Did you mean: …?"."""
        shown = self.to_dict().get(self.spec.argument or "")
        if self.tool == "step_color_temperature":
            return f"make the {name} {'cooler' if isinstance(self.value, int | float) and self.value > 0 else 'warmer'}"
        if self.tool.startswith("step_"):
            direction = "up" if isinstance(self.value, int | float) and self.value > 0 else "down"
            return f"turn the {name} {direction}"
        if self.tool == "set_hvac_mode":
            return f"set the {name} to {str(self.value).replace('_', ' ')}"
        if self.tool == "start_timer" and isinstance(self.value, int | float):  # "start a pasta timer for 10 minutes"
            return f"start {f'a {self.name}' if self.name else 'a'} timer for {spoken_duration(self.value)}"
        return SAID_AS[self.tool].format(name=name, value=shown) + self.when

    @property
    def when(self) -> str:
        """ " in 20 minutes", " at 07:30", " at sunset"; "" for now."""
        if self.delay_s is not None:
            return f" in {spoken_duration(self.delay_s)}"
        return f" at {self.at}" if self.at is not None else ""

    def __str__(self) -> str:
        args = []
        for key, shown in self.to_dict().items():
            if key != "tool":
                args.append(f'{key}="{shown}"' if isinstance(shown, str) else f"{key}={shown}")
        return f"{self.tool}({', '.join(args)})"


def _plain(value: float | str | None) -> float | str | None:
    """20.0 -> 20 in the JSON form."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


@dataclass
class Understanding:
    """What the understanding stage made of one sentence.

    Either calls to make, or no calls and a `reply` that says why (unknown device, a question back
    when the sentence was ambiguous, an action the device cannot do, or chit-chat).
    """

    text: str
    calls: list[ToolCall] = field(default_factory=list)
    reply: str | None = None
    path: str = "rules"  # "rules", "llm" or "command" (the config's): which stage produced the calls
    ms: float = 0.0
    asks: bool = False  # the reply is a question the next sentence may answer ("Which one: …?")
    unsure: list[ToolCall] = field(default_factory=list)  # asked back ("Did you mean: …?"); a yes makes them
    publishes: list[tuple[str, str]] = field(default_factory=list)  # a custom command's MQTT (topic, payload)
    taken_back: list[ToolCall] = field(default_factory=list)  # the last command's calls a correction replaces
