"""The tool call a clause asks of one device, or why the device cannot do it."""

from __future__ import annotations

from assistant.answer.abilities import lacks_mode
from assistant.registry import Device
from assistant.tools import KELVIN_RANGE, TOOLS, ToolCall
from assistant.understand import comfort
from assistant.understand.asked import tells
from assistant.understand.clause import Ask, Clause, OutOfRange
from assistant.understand.lexicon import LEXICON
from assistant.understand.reading import _extreme
from assistant.understand.vocabulary import (
    CLEAN,
    CLOSE,
    COVER_HALTS,
    DOCK,
    DOCK_WORDS,
    DOWN,
    LOCK,
    MEDIA_WORDS,
    MUTE,
    OFF,
    ON,
    OPEN,
    PAUSE,
    PLAY,
    QUANTITY_NOUNS,
    QUERY,
    RAISE_LOWER,
    SENT_TO_WORK,
    SET,
    SOUND_WORDS,
    UNLOCK,
    UNMUTE,
    UP,
    says,
)

LOWEST_LEVELS = {"light": ("set_brightness", 1.0), "media_player": ("set_volume", 0.0)}  # 1: dimmest, still on
ACCESSORIES = LEXICON.words("accessories")  # "the desk lamp charger": a thing for the device, not the device
_STEP_TOOLS = {"light": "step_brightness", "media_player": "step_volume", "climate": "step_temperature",
               "cover": "step_position"}
_OPPOSED = {frozenset(pair) for pair in (("turn_on", "turn_off"), ("open_cover", "close_cover"), ("lock", "unlock"),
                                          ("mute", "unmute"), ("media_play", "media_pause"))}
_BY_INTENT: dict[str, dict[str, str | None]] = {  # an intent's tool by the device's type, where it has its own
    ON: {"cover": "open_cover", "lock": None, "sensor": None},
    OFF: {"cover": "close_cover", "lock": None, "sensor": None},
    OPEN: {"cover": "open_cover"}, CLOSE: {"cover": "close_cover"},
    LOCK: {"lock": "lock"}, UNLOCK: {"lock": "unlock"},
    PLAY: {"media_player": "media_play"}, PAUSE: {"media_player": "media_pause"},
}


def _opposed(calls: list[ToolCall]) -> str | None:
    """The device two calls of one sentence undo each other on, at the same time."""
    return next((a.device for i, a in enumerate(calls) for b in calls[i + 1:] if frozenset(
        (a.tool, b.tool)) in _OPPOSED and a.device == b.device and (a.delay_s, a.at) == (b.delay_s, b.at)), None)


def _tool_for(device: Device, clause: Clause) -> tuple[str | None, float | str | None]:
    """Pick the tool from the intent, the value and the device's type."""
    intent, value, kind = clause.intent, clause.value, clause.value_kind
    t = device.type
    if t not in ("cover", "lock") and intent in (OPEN, CLOSE) and RAISE_LOWER & {*clause.tokens, *clause.way_lent}:
        intent = UP if intent == OPEN else DOWN  # "lower the brightness", "raise the volume"
    if t in ("light", "switch", "media_player", "fan", "climate") and intent in (OPEN, CLOSE) and clause.value is None \
            and not clause.relative:
        intent = ON if intent == OPEN else OFF  # "open the light", "close the tv", "open the ac": on and off in
        # many languages
    if intent == QUERY:
        return "get_state", None
    if t == "scene":
        activates = (intent in (ON, SET, None) or value is None) and intent != OFF and kind != "color"
        return ("activate", None) if activates else (None, None)  # "turn it off", "make it blue": not the scene
    if t == "vacuum":
        return _vacuum_tool(clause, intent), None
    if intent in (MUTE, UNMUTE):
        return (intent, None) if t == "media_player" else (None, None)
    if t == "media_player" and intent in (ON, OFF) and _sound_said(clause):
        return ("unmute" if intent == ON else "mute"), None  # "turn off the sound" keeps the tv on
    setting = comfort.tool_for(device, kind, value, clause.tokens, clause.steps, intent in (ON, OFF))
    if setting is not None:  # a mode, a white, "warmer" on a lamp: never its brightness
        return setting
    if kind == "delta" and isinstance(value, float):
        step = _STEP_TOOLS.get(t)
        return (step, -abs(value) if intent in (DOWN, CLOSE) else value) if step else (None, None)
    if value is None and (intent in (UP, DOWN) or (clause.relative and intent in (OPEN, CLOSE))):
        step = _STEP_TOOLS.get(t)
        if step is None or (t == "cover" and not clause.relative):
            if t == "cover":
                return ("open_cover" if intent == UP else "close_cover"), None
            if intent == UP and t == "switch" and comfort.COMFORT_VERBS.get(clause.tokens[0]) == "cold":
                return "turn_on", None  # "warm the hot tub up", "heat up the towel rail": a heater on a plug only
            return None, None  # goes on
        amount = (TOOLS[step].default_step or 0.0) * clause.steps
        return step, amount if intent in (UP, OPEN) else -amount
    if kind == "color":  # "turn off white" (a recogniser's "turn off the light"): not a colour asked for;
        # nor is "turn on the white" with no device said: a recogniser's "turn on the lights" as often as not
        misheard = intent == OFF or (not clause.mentions and (intent == ON or ON in clause.tokens))
        return ("set_color", value) if not misheard else (None, None)
    if kind == "speed":
        return _speed_tool(device, clause.tokens, value)
    if isinstance(value, float) and (kind == "degrees") != (t == "climate") and kind in ("degrees", "percent"):
        return None, None  # "set the sofa lamp to 20 degrees", "the heating to 20 percent": a unit the setting does
        # not take, never the number in its own
    if isinstance(value, float) and (intent not in (LOCK, UNLOCK, OFF) or (
            intent == OFF and t == "cover" and kind == "percent")):  # "pull the curtains halfway out": half, not shut
        return _level_tool(device, value, kind)
    if intent in (ON, OFF):
        return _switching_tool(t, clause, intent), None
    if intent in _BY_INTENT:
        return _BY_INTENT[intent].get(t), None
    return None, None  # SET/UP/DOWN without a value: relative changes are not in the vocabulary yet


def _switching_tool(t: str, clause: Clause, intent: str) -> str | None:
    """On or off said of a device of type `t`: its own way of it (a cover opened or closed, a player's music played
    or paused, a lock or a sensor none), else turned on or off."""
    if t == "cover" and COVER_HALTS & set(clause.tokens):
        return None
    if t == "cover" and intent == OFF and "off" not in clause.tokens and any(
            m.fuzzy and clause.said_here(m) and clause.tokens[m.end:m.end + 1] == ["out"] for m in clause.mentions):
        return None  # "get the vet out" (the Greenhouse Vent only by a near spelling): "out" is a way for
        # curtains pulled out, never enough beside a name not said as it is; asked
    named = {i for m in clause.mentions if m.kind == "device" for i in range(m.start, m.end)}
    if t == "media_player" and MEDIA_WORDS & {w for i, w in enumerate(clause.tokens) if i not in named}:  # "the
        # music on", never "the radio on" where a radio is the device named
        return "media_play" if intent == ON else "media_pause"
    return _BY_INTENT[intent].get(t, "turn_on" if intent == ON else "turn_off")


def _vacuum_tool(clause: Clause, intent: str | None) -> str | None:
    """A robot vacuum's tool: sent to clean ("start the hoover", "send the hoover to the kitchen": clean there) or
    home ("bring the robot back to its base", "stop the roomba"); None where neither is said."""
    sent_to_clean = intent == DOCK and clause.area is not None and not DOCK_WORDS & set(clause.tokens)
    homeward = bool((DOCK_WORDS - {"back"}) & set(clause.tokens)) or (
        "back" in clause.tokens and not says(clause.tokens, "back", "on"))  # not "turn the hoover back on"
    if intent in (SET, ON) and homeward:
        return "return_to_base"  # "bring the robot back to its base", "put the roomba on its charger"
    if intent == DOCK and "send" in clause.tokens and clause.area is None and not DOCK_WORDS & set(clause.tokens):
        return "start_cleaning" if SENT_TO_WORK & set(clause.tokens) else None
        # "send the robot in", "send Dusty round": to work; "send the robot" alone says neither where nor home
    if intent in (ON, CLEAN, PLAY, SET) or sent_to_clean:  # "send the hoover to the kitchen": clean there
        return "start_cleaning"
    return "return_to_base" if intent in (OFF, DOCK, PAUSE) else None


def _other_thing_said(device: Device, clause: Clause) -> str | None:
    """What the words said with the device's name say is another thing, a part of it or a setting it lacks, which
    its own call would not be (batch 56: "turn up the tv brightness" stepped the volume, "turn off the desk lamp
    charger" the lamp, in the bedroom "turn off the fan light" the fan): a kind said straight after its name ("the fan
    light", "the heater fan"), an accessory (lexicon `accessories`: "the lamp charger"), a setting noun the device has
    none of ("the tv brightness", "the brightness on the tv"; of the settings said, none its own). Said back, never
    done; a setting it has ("the sofa lamp brightness", "the tv volume") is its own."""
    for said in (m for m in clause.mentions if clause.said_here(m) and (device in m.devices or (
            m.kind == "type" and m.type == device.type))):
        kind = next((m for m in clause.mentions if m.start == said.end and m.kind == "type" and m.type != device.type),
                    None)
        if kind is not None:
            return f"Which do you mean: the {kind.text} or the {device.said_name}?"
        if clause.tokens[said.end:said.end + 1] and clause.tokens[said.end] in ACCESSORIES and device.type not in (
                "vacuum", "sensor"):  # a sensor is named by its class ("is the phone battery low")
            return f"I don't know a device called {said.text} {clause.tokens[said.end]}."
    named = {i for m in clause.mentions for i in range(m.start, m.end)}
    settings = [t for i, t in enumerate(clause.tokens) if t in QUANTITY_NOUNS and i not in named]  # "colour
    # temperature": a white, one setting said in two words
    if settings and not any(tells(device, t) for t in settings) and not clause.question and any(
            device in m.devices for m in clause.mentions):
        return f"The {device.said_name} has no {settings[0]}."
    return None


def _speed_tool(device: Device, tokens: list[str], value: float | str | None) -> tuple[str | None, float | str | None]:
    """A speed said ("on high", "all the way up"): a fan's speed, or the end of another device's scale where the words
    say it is meant ("turn the heating right up"); a lamp or a player on "high" is full."""
    t = device.type
    if t == "fan":
        return "set_fan_speed", value
    if t in ("light", "media_player") and value == "high":
        return ("set_brightness" if t == "light" else "set_volume"), 100.0
    if t in LOWEST_LEVELS and value == "low" and _extreme(tokens):
        return LOWEST_LEVELS[t]
    if t == "cover" and _extreme(tokens):
        return ("open_cover" if value == "high" else "close_cover"), None
    if t == "climate" and _extreme(tokens):  # "turn the heating right up": the end of its scale
        spec = TOOLS["set_temperature"]
        return "set_temperature", spec.maximum if value == "high" else spec.minimum
    return None, None


def _level_tool(device: Device, value: float, kind: str | None) -> tuple[str | None, float | str | None]:
    """A level said as a number: each type's own setting (a lamp's brightness, or its colour temperature where the
    number is one in kelvin; a cover's position, a heater's temperature, a player's volume, a fan's speed 1 to 3)."""
    t = device.type
    if t == "light":
        if kind == "number" and "color_temp" in device.features and KELVIN_RANGE[0] <= value <= KELVIN_RANGE[1]:
            return "set_color_temperature", value  # "set the reading lamp to 2700": kelvin, no brightness is
        return "set_brightness", value  # that high
    if t == "cover":
        return "set_position", value
    if t == "climate":
        return "set_temperature", value
    if t == "media_player":
        return "set_volume", value
    if t == "fan" and value in (1, 2, 3):
        return "set_fan_speed", ("low", "medium", "high")[int(value) - 1]
    return None, None


def _sound_said(clause: Clause) -> bool:
    """ "turn off the sound", "the audio back on": a player's sound said, outside a device's name ("on the sound bar"
    of a Soundbar a recogniser split is the soundbar switched on, never unmuted)."""
    named = {i for m in clause.devices for i in range(m.start, m.end)}
    return any(t in SOUND_WORDS and i not in named for i, t in enumerate(clause.tokens))


def _call(device: Device, clause: Clause) -> tuple[ToolCall | None, str | Ask | OutOfRange | None]:
    """The one call a clause asks of a device, or why the device cannot do it (or which way, asked)."""
    other = _other_thing_said(device, clause)
    if other is not None:
        return None, other
    tool, value = _tool_for(device, clause)
    if tool is None:
        return None, f"The {device.said_name} can't do that."
    if (tool == "step_temperature" or (tool == "set_temperature" and clause.value_kind == "speed")) and \
            comfort.direction_unclear(device, clause.tokens):  # "turn the AC (right) up": cooler or warmer?
        felt = comfort.complaint(clause.reason) if tool == "step_temperature" else None
        if felt is None:
            return None, Ask(f"Do you want the {device.said_name} cooler or warmer?", (device,))
        value = abs(float(value or 0)) * (1 if felt == "cold" else -1)  # "turn the ac up, it's freezing": warmer;
        # "I'm roasting, turn the aircon up": more cooling, whichever way the verb says
    call = ToolCall(tool, device.id, value, words=clause.words)
    if tool == "set_hvac_mode" and device.modes and value not in device.modes:  # "set the heater to cool":
        return None, lacks_mode(device.said_name, str(value), device.modes)  # said back, never sent
    if device.accepts(call):
        return call, None
    spec = TOOLS[tool]
    if tool not in device.tools():
        return None, f"The {device.said_name} can't do that."
    if spec.minimum is not None and isinstance(value, float):
        return None, OutOfRange(f"{value:g} is outside what the {device.said_name} accepts "
                                f"({spec.minimum:g} to {spec.maximum:g}).", device.id)
    return None, f"The {device.said_name} can't do that."
