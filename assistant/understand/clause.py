"""Clause, Ask and RuleResult: what the rules read a sentence into and answer with, shared by their modules."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.registry import Device
from assistant.tools import ToolCall
from assistant.understand.mentions import ROOM_NOUNS, Mention
from assistant.understand.normalize import CLAUSE_BREAK
from assistant.understand.vocabulary import (
    CLEAN,
    CLOSE,
    DOCK,
    HERE_WORDS,
    LOCK,
    MUTE,
    NOUNS_TOO,
    OPEN,
    PAUSE,
    PLAY,
    RELATIVE_WORDS,
    UNLOCK,
    UNMUTE,
    says,
)

INTENT_TYPES = {LOCK: "lock", UNLOCK: "lock", OPEN: "cover", CLOSE: "cover", PLAY: "media_player",
                PAUSE: "media_player", MUTE: "media_player", UNMUTE: "media_player", CLEAN: "vacuum",
                DOCK: "vacuum"}
OUT_OF_HOME = "Sorry, I can only help with the devices in your home."
PART_OF_NOW = "By how much? Please say the level you want, for example: to 40 percent."
WHICH_ROOM = "Which room?"  # asked where many devices in several rooms answer ("make it brighter")
WHICH_IT = 'Which one do you mean by "it"?'  # "it" after two or more devices said, where either may be meant


@dataclass
class Clause:
    """One instruction inside a sentence, as found by the rules."""

    tokens: list[str]
    intent: str | None = None
    value: float | str | None = None
    value_kind: str | None = None  # "number", "percent", "degrees", "color", "speed", "delta"
    mentions: list[Mention] = field(default_factory=list)
    correction: bool = False
    question: bool = False
    implied_type: str | None = None
    excluded: list[str] = field(default_factory=list)  # the words after "except", "but not", "apart from"
    marker: list[str] = field(default_factory=list)  # the exclusion word(s) themselves
    negated: bool = False  # "don't turn on the porch light": nothing to do
    unclear: bool = False  # a negation the parse could not place ("the lights are not on"): never acted on
    steps: int = 1  # "two notches": that many default steps
    count: int | None = None  # "the two lamps", "a couple of lights": how many devices are meant, not a level
    content: list[str] = field(default_factory=list)  # "channel 5", "radio 4": something to choose, not a level
    carried: list[str] = field(default_factory=list)  # unknown words of the clause a correction replaced
    reason: list[str] = field(default_factory=list)  # "… since nobody is watching it": why, said after the command
    unable: tuple[Device, ...] = ()  # what "it" pointed at, none of which can do the action: ask which device
    ask: str | None = None  # the question an unclear clause is answered with, where the parse knows what is missing
    report: bool = False  # "mum left the porch light on": news, not a request (unclear, so never acted on)
    contrary: bool = False  # "turn off the heater it is cold in here": the reason asks the opposite; asked back
    listed: bool = False  # said after "and", one more thing of a list ("turn off the tv and the dishwasher")
    way_lent: list[str] = field(default_factory=list)  # the "lower" or "raise" of the clause whose verb this one
    # borrowed ("make the light lower and bedroom"): the same step, read by each device as said there

    @property
    def devices(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "device"]

    @property
    def unnamed(self) -> list[str]:
        """The words said outside the devices' names: the "hot" of "Hot Tub" names a device, it says no need."""
        return [t for i, t in enumerate(self.tokens) if not any(m.start <= i < m.end for m in self.devices)]

    @property
    def area(self) -> str | None:
        return next((m.area for m in self.mentions if m.kind == "area"), None)

    @property
    def relative(self) -> bool:
        """ "a bit", "a little more": a change by the default step, not to a level."""
        return bool(RELATIVE_WORDS & set(self.tokens))

    @property
    def speakers_room_said(self) -> bool:
        """The speaker's room said as a room is: "in here", "this room", "in my room" ("the room" where none is
        named)."""
        return bool(HERE_WORDS & set(self.tokens)) or any(says(self.tokens, w, n) for w in ("this", "my")
                                                          for n in ROOM_NOUNS) or (
            self.area is None and says(self.tokens, "the", "room"))

    @property
    def type_mention(self) -> Mention | None:
        return next((m for m in self.mentions if m.kind == "type"), None)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word the clause was read from, exclusions included: what a call built from it explains."""
        return (*self.tokens, *self.marker, *self.excluded, *self.reason)

    @property
    def name_ended_by_verb(self) -> int | None:
        """Where the clause's last word is a step verb that is a noun too, said right after a device's name ("turn off
        the tv pump", "switch off the heater boost"): the end of a name the home lacks, never a second verb (which made
        "turn off" a step up). None where the clause ends otherwise."""
        last = max((i for i, t in enumerate(self.tokens) if t != CLAUSE_BREAK), default=None)
        if last is None or self.tokens[last] not in NOUNS_TOO:
            return None
        return last if any(m.kind in ("device", "type") and m.end == last and m.start > 0 and self.said_here(m)
                           for m in self.mentions) else None

    def said_here(self, mention: Mention) -> bool:
        """The mention is words of this clause, not context borrowed from the one before ("it")."""
        return mention.end > mention.start and " ".join(self.tokens[mention.start:mention.end]) == mention.text


@dataclass(frozen=True)
class Ask:
    """A question back ("Which one: …?") and the devices it asks the user to choose between."""

    text: str
    options: tuple[Device, ...]


@dataclass(frozen=True)
class OutOfRange:
    """A value refused as outside what a device accepts ("68 is outside what the thermostat accepts (5 to 35)."):
    `device` is its id, so the value meant, said next ("I mean 20", "no, 21"), corrects the sentence."""

    message: str
    device: str


@dataclass
class RuleResult:
    """Calls the rules are sure of, replies for what they refused, and clauses left for the LLM."""

    calls: list[ToolCall] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    undecided: list[tuple[str, list[Device]]] = field(default_factory=list)  # (clause text, candidates)
    unsure: list[tuple[str, list[ToolCall]]] = field(default_factory=list)  # (clause text, its calls) to ask about
    asked: list[tuple[str, tuple[Device, ...]]] = field(default_factory=list)  # (the sentence, options)
    held: list[ToolCall] = field(default_factory=list)  # asked about as they are, never read again by the model
    out_of_range: list[OutOfRange] = field(default_factory=list)  # refusals whose message is among the replies


def which(devices: list[Device]) -> Ask:
    """The question back when several devices answer to what was said."""
    names = {d.name for d in devices}
    if len(names) == 1:
        by_class = len({d.area for d in devices}) < len(devices) and len({d.device_class for d in devices}) == len(
            devices)  # one device's sensors: "the battery one or the charging one"
        options = " or ".join(f"the {_class_name(d) if by_class else d.said_area} one" for d in devices)
        return Ask(f"Which {devices[0].said_name}: {options}?", tuple(devices))
    if len(devices) > 4 and len({d.area for d in devices}) > 1:  # "make it brighter", "it's too bright": people think
        return Ask(WHICH_ROOM, tuple(devices))  # in rooms; "the kitchen" picks its lights, "the desk lamp" that one
    shared = {d.name for d in devices if sum(other.name == d.name for other in devices) > 1}
    said = [f"the {d.said_area} {d.said_name}" if d.name in shared and d.area else f"the {d.said_name}" for d in
            devices]
    placed = [f"the one in the {d.said_area}" for d in devices]  # "the hallway one", "the one in the hall" answer it
    said = [p if _coded(d) and d.area and placed.count(p) == 1 else s for d, p, s in zip(devices, placed, said,
                                                                                       strict=True)]
    return Ask("Which one: " + " or ".join(said) + "?", tuple(devices))


def _coded(device: Device) -> bool:
    """A name a hub gave, its word and a code ("tasmota_5A3F2C"): nobody says it back, so a question names the device
    by its room ("the one in the hallway"), which an answer picks it by."""
    words = device.name.lower().replace("_", " ").replace("-", " ").split()
    return len(words) == 2 and len(words[1]) >= 4 and not words[1].isalpha() and not words[1].isdigit()


def _class_name(device: Device) -> str:
    """A device class as said: "battery charging"."""
    return (device.device_class or device.type).replace("_", " ")
