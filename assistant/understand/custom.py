"""Custom commands from the config: sentence templates mapped to tool calls or MQTT messages.

"movie time" can start a scene and dim two lamps; "feed the cat" can publish to a feeder's topic. Templates
are Home Assistant's (hassil): `[optional words]`, `(one|other)`, and the slots `{room}` (the home's rooms)
and `{number}`, whose values fill the calls and messages. They are read before the rules, so a home's own
phrase wins over what the rules would make of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from hassil import Intents, recognize_all
from hassil.intents import RangeSlotList, TextSlotList
from hassil.parse_expression import parse_sentence
from hassil.parser import ParseError

from assistant.config import _Node
from assistant.registry import Registry
from assistant.tools import TOOLS, ToolCall
from assistant.understand.lexicon import LEXICON

SLOTS = ("room", "number")
NUMBER_RANGE = (0, 1000)  # {number}: brightness, degrees, minutes, a feeder's portions
_SLOT = re.compile(r"\{(\w+)\}")
_ARGUMENTS = tuple(dict.fromkeys(spec.argument for spec in TOOLS.values() if spec.argument))


@dataclass(frozen=True)
class CommandCall:
    """One call of a custom command as the config wrote it: a device, or every device in an area that can do it;
    `value` may be "{number}" and `area` "{room}"."""

    tool: str
    device: str | None
    area: str | None
    value: float | str | None


@dataclass(frozen=True)
class Publish:
    topic: str
    payload: str


@dataclass(frozen=True)
class CustomCommand:
    """`commands:` entry: what is said, and what is done."""

    templates: tuple[str, ...]
    calls: tuple[CommandCall, ...] = ()
    publishes: tuple[Publish, ...] = ()
    answer: str | None = None
    line: int = 0

    def to_dict(self) -> dict[str, object]:
        """The `assistant devices --commands --json` form."""
        calls = [{"tool": c.tool, **({"device": c.device} if c.device else {"area": c.area}),
                  **({TOOLS[c.tool].argument or "": c.value} if c.value is not None else {})} for c in self.calls]
        return {"say": list(self.templates), "do": calls,
                "publish": [{"topic": p.topic, "payload": p.payload} for p in self.publishes], "answer": self.answer}

    def __str__(self) -> str:
        """ "movie time" | "start the (film|movie)" -> activate movie_night; publish home/cat/feed "1"."""
        done = [f"{c.tool} {c.device or 'in ' + str(c.area)}" + (f" {c.value:g}" if isinstance(c.value, float) else
                                                                  f" {c.value}" if c.value else "") for c in self.calls]
        done += [f"publish {p.topic} {p.payload!r}" for p in self.publishes]
        return " | ".join(f'"{t}"' for t in self.templates) + " -> " + "; ".join(done)


@dataclass(frozen=True)
class Matched:
    """A custom command heard: the calls and messages it makes, or the reply saying why none."""

    command: CustomCommand
    calls: tuple[ToolCall, ...]
    publishes: tuple[Publish, ...]
    reply: str | None
    complete: bool = True  # every slot its calls and messages need was said


class CommandMatcher:
    """The config's commands over one home; build once, call `match` per sentence."""

    def __init__(self, commands: tuple[CustomCommand, ...], registry: Registry) -> None:
        self.commands = commands
        self.registry = registry
        rooms = sorted({d.area for d in registry} | set(registry.area_groups))
        self._lists = {"room": TextSlotList.from_strings(rooms, allow_template=False, name="room"),
                       "number": RangeSlotList("number", *NUMBER_RANGE)}
        self._skipped = [*LEXICON.words("fillers"), *(" ".join(p) for p in LEXICON.phrases("politeness"))]  # "please"
        self._intents = Intents.from_dict({"language": "en", "intents": {
            str(i): {"data": [{"sentences": list(c.templates)}]} for i, c in enumerate(commands)}})

    def match(self, text: str) -> Matched | None:
        """The first command (in the config's order) whose sentence this is, with every slot it needs said;
        else the first that lacks one, whose reply asks for it; None when no command's sentence matches."""
        if not self.commands:
            return None
        found: dict[int, dict[str, object]] = {}
        for result in recognize_all(text, self._intents, slot_lists=self._lists, skip_words=self._skipped):
            found.setdefault(int(result.intent.name), {n: e.value for n, e in result.entities.items()})
        made = [self._made(self.commands[index], found[index]) for index in sorted(found)]
        return next((m for m in made if m.complete), made[0] if made else None)

    def _made(self, command: CustomCommand, slots: dict[str, object]) -> Matched:
        calls: list[ToolCall] = []
        missing: set[str] = set()
        for call in command.calls:
            made, lacking = self._calls(call, slots)
            calls += [c for c in made if c not in calls]
            missing |= lacking
        publishes = tuple(Publish(_fill(p.topic, slots, missing), _fill(p.payload, slots, missing))
                          for p in command.publishes)
        if missing:
            return Matched(command, (), (), f"Please say the {' and the '.join(sorted(missing))} too.", False)
        if command.calls and not calls and not publishes:
            return Matched(command, (), (), "There is nothing there that can do that.")
        return Matched(command, tuple(calls), publishes, command.answer)

    def _calls(self, call: CommandCall, slots: dict[str, object]) -> tuple[list[ToolCall], set[str]]:
        """The tool calls one configured call makes with the slots said, and the slots it needed but lacked."""
        missing: set[str] = set()
        value = call.value
        if value == "{number}":
            said = slots.get("number")
            value = float(said) if isinstance(said, int | float) else None
            if value is None:
                missing.add("number")
        area = _fill(call.area, slots, missing) if call.area else None
        if missing:
            return [], missing
        if call.device is not None:
            return [ToolCall(call.tool, call.device, value)], missing
        rooms = self.registry.area_groups.get(area or "", (area,))
        return [made for d in self.registry if d.area in rooms
                and d.accepts(made := ToolCall(call.tool, d.id, value))], missing


def _fill(text: str, slots: dict[str, object], missing: set[str]) -> str:
    """ "home/{room}/feed" with the slots said; a slot not said is added to `missing`."""
    def value(found: re.Match[str]) -> str:
        said = slots.get(found.group(1))
        if said is None:
            missing.add(found.group(1))
            return ""
        return f"{said:g}" if isinstance(said, float) else str(said)
    return _SLOT.sub(value, text)


def parse_commands(node: _Node, registry: Registry | None) -> tuple[CustomCommand, ...]:
    """The `commands:` list, each template, call and message checked; `registry`: the devices calls may name
    (None with discovery, where ids are known only once discovered)."""
    return tuple(_command(item, registry) for item in node.items())


def _command(node: _Node, registry: Registry | None) -> CustomCommand:
    keys = node.mapping(("say", "do", "publish", "answer"))
    if "say" not in keys or not ("do" in keys or "publish" in keys):
        raise node.fail("a command needs `say` (its sentences) and `do` (tool calls) or `publish` (MQTT messages)")
    templates = keys["say"].texts()
    for i, template in enumerate(templates):
        where = keys["say"] if len(templates) == 1 else keys["say"].items()[i]
        unknown = [s for s in _SLOT.findall(template) if s not in SLOTS]
        if unknown:
            raise where.fail(f"unknown slot {{{unknown[0]}}}; expected {', '.join('{' + s + '}' for s in SLOTS)}")
        try:
            parse_sentence(template)
        except (ParseError, ValueError) as exc:
            raise where.fail(f"not a sentence template ({exc}); use [optional], (one|other), {{room}}, {{number}}") \
                from exc
    calls = tuple(_call(item, registry) for item in _listed(keys["do"])) if "do" in keys else ()
    publishes = tuple(_publish(item) for item in _listed(keys["publish"])) if "publish" in keys else ()
    return CustomCommand(templates, calls, publishes, keys["answer"].text() if "answer" in keys else None, node.line)


def _listed(node: _Node) -> list[_Node]:
    """One mapping or a list of them."""
    return node.items() if isinstance(node.node, yaml.SequenceNode) else [node]


def _call(node: _Node, registry: Registry | None) -> CommandCall:
    keys = node.mapping(("tool", "device", "area", *_ARGUMENTS))
    if "tool" not in keys:
        raise node.fail("a call needs `tool` (one of the tools in assistant/tools.py)")
    tool = keys["tool"].choice(tuple(name for name, spec in TOOLS.items() if spec.types))
    spec = TOOLS[tool]
    if ("device" in keys) == ("area" in keys):
        raise node.fail("a call names either `device` (an id) or `area` (a room, or {room}), not both")
    for name in keys:
        if name in _ARGUMENTS and name != spec.argument:
            raise keys[name].fail(f"not an argument of {tool}" + (f"; it takes {spec.argument}" if spec.argument
                                                                   else "; it takes none"))
    value: float | str | None = None
    if spec.argument is not None:
        if spec.argument not in keys:
            raise node.fail(f"{tool} needs `{spec.argument}`")
        argument = keys[spec.argument]
        written = argument.scalar()
        value = written if written == "{number}" else float(written) if isinstance(
            written, int | float) and not isinstance(written, bool) else argument.text()
    device = keys["device"].text() if "device" in keys else None
    if device is not None and registry is not None:
        if device not in registry:
            raise keys["device"].error("the id of a device in `devices`")
        if value != "{number}" and not registry[device].accepts(ToolCall(tool, device, value)):
            raise node.fail(f"the {device} does not accept {ToolCall(tool, device, value)}")
    area = keys["area"].text().lower() if "area" in keys else None
    if area is not None and registry is not None and area != "{room}" and area not in {
            d.area for d in registry} | set(registry.area_groups):
        raise keys["area"].error("a room of the home, or {room}")
    return CommandCall(tool, device, area, value)


def _publish(node: _Node) -> Publish:
    keys = node.mapping(("topic", "payload"))
    if "topic" not in keys:
        raise node.fail("a message needs `topic` (and may have `payload`)")
    return Publish(keys["topic"].topic(), keys["payload"].text() if "payload" in keys else "")

