"""Heating, cooling and white light: the words for climate modes, whites and warmth, and the tool each means.

"Warmer" on a lamp is its white, on a heater its target, and never a lamp's brightness; "warm white" on a
light with colour temperature is 2700 K, on a colour bulb without it the colour; "it's too hot" cools with a
device that can cool and otherwise lowers the target, in the room said or the speaker's, never another.
"""

from __future__ import annotations

from assistant.registry import Device
from assistant.tools import COLORS, TOOLS, WHITES
from assistant.understand.lexicon import LEXICON
from assistant.understand.normalize import DETERMINERS
from assistant.understand.numbers import as_number

HVAC_WORDS: dict[str, str] = LEXICON.table("hvac_modes")  # "dehumidify" -> dry
WHITE_STEPS: dict[str, str] = LEXICON.table("white_steps")  # "whiter" -> cooler
KELVIN_UNITS = LEXICON.words("kelvin_units")
MIRED_UNITS = LEXICON.words("mired_units")
COMFORT: dict[str, str] = LEXICON.table("comfort")  # "freezing" -> cold
COMFORT_VERBS: dict[str, str] = LEXICON.table("comfort_verbs")  # "cool the lounge" -> felt hot
MODE_BEFORE = {"to", "on", "in", "into", "mode"}  # "set the AC to cool", "put it on dry", "in heating mode", "AC
# mode cool"
NAMING_BEFORE = {"to", "into"}  # "set the AC to heating", but "turn on heating" is the heating
BARE_WHITES = {"daylight", "neutral"}  # "let some daylight in" opens the blinds; only with a light it is white
AIR_CONDITIONER = {"ac", "aircon", "conditioner", "conditioning"}
# Words that name the temperature itself, so an up or down is said of it and not of the cooling.
TEMPERATURE_WORDS = LEXICON.derived(lambda: {word for table in ("comparative_types", "implied_types")
                                             for word, kind in LEXICON.table(table).items() if kind == "climate"} | {
                                             "degree", "setpoint", "target", "thermostat"})
MODE, WHITE, KELVIN = "mode", "white", "kelvin"  # value kinds a clause may carry


def words() -> set[str]:
    """Every word this module reads, for the words a clause's parse accounts for."""
    return set(HVAC_WORDS) | set(WHITE_STEPS) | KELVIN_UNITS | MIRED_UNITS | set(COMFORT) | set(COMFORT_VERBS) | {
        w for name in WHITES for w in name.split()}


def read_setting(tokens: list[str], light_said: bool, named: set[int]) -> tuple[str, str | float, int | None] | None:
    """(value kind, value, index of the word) for a named white, a colour temperature or a climate mode in
    the clause, else None. `light_said`: the clause names a light (so "daylight" is a white, as after "to");
    `named`: the indexes of words that name a device ("heating"), a mode only after "to" or before "mode"."""
    joined = f" {' '.join(tokens)} "
    for name in sorted(WHITES, key=len, reverse=True):
        if f" {name} " in joined and (name not in BARE_WHITES or light_said or f" to {name} " in joined):
            return WHITE, name, None
    for i, token in enumerate(tokens[:-1]):
        unit = tokens[i + 1]
        if (unit in KELVIN_UNITS or unit in MIRED_UNITS) and _number(token):
            number = _number(token) or 0.0
            return KELVIN, float(round(1_000_000 / number if unit in MIRED_UNITS else number)), None
    for i, token in enumerate(tokens):
        before = NAMING_BEFORE if i in named else MODE_BEFORE
        if token in HVAC_WORDS and ((i and tokens[i - 1] in before and not purpose_of_step(tokens, i))
                                    or tokens[i + 1:i + 2] == ["mode"] or _terse(tokens, i, named)):
            return MODE, HVAC_WORDS[token], i
    return None


def _terse(tokens: list[str], at: int, named: set[int]) -> bool:
    """ "ac cool", "aircon dry": a mode word that ends the clause straight after a device's name is its mode, as "ac
    off" is its state (turning the AC on instead would start its last mode, heat perhaps)."""
    return at == len(tokens) - 1 and at - 1 in named and at not in named


_STEPS = {"up", "down", "higher", "lower", "warmer", "cooler", "hotter", "colder"}
_OBJECTS = DETERMINERS | {"it", "us", "me", "everything", "things"}  # "to cool the house", "to heat it"


def purpose_of_step(tokens: list[str], at: int) -> bool:
    """ "turn the thermostat up to cool the house down": after a step, "to cool" with its object is why, never the
    mode (and a step against it is asked); "set the heater to heat the study" and "put the ac on to cool the room"
    keep the mode."""
    return tokens[at - 1] == "to" and tokens[at + 1:at + 2] != [] and tokens[at + 1] in _OBJECTS and bool(
        _STEPS & set(tokens[:at - 1]))


def tool_for(device: Device, kind: str | None, value: float | str | None, tokens: list[str],
             steps: int, switching: bool) -> tuple[str | None, float | str | None] | None:
    """The tool a mode, a white or "warmer"/"cooler" means for this device: (None, None) when it cannot do
    it, None when the clause carries none of these (the rules decide). `switching`: the clause turns on/off."""
    if kind == MODE:
        return ("set_hvac_mode", value) if device.type == "climate" else None
    if kind in (WHITE, KELVIN):
        if device.type != "light":
            return None, None
        kelvin = float(WHITES[str(value)]) if kind == WHITE else value
        if "color_temp" in device.features or kind == KELVIN or value not in COLORS or "color" not in device.features:
            return "set_color_temperature", kelvin  # on a light without colour temperature: "can't do that"
        return "set_color", value  # a colour bulb without white: the colour of that name
    step = white_step(tokens)
    if device.type == "light" and step is not None and not switching:
        amount = (TOOLS["step_color_temperature"].default_step or 0.0) * steps
        return "step_color_temperature", -amount if step == "warmer" else amount
    return None


def direction_unclear(device: Device, tokens: list[str]) -> bool:
    """ "turn up the AC", "crank the air conditioning": of an air conditioner many mean more cooling (a lower
    target) and some a higher target; doing either is the opposite for someone. Only a word for the
    temperature itself ("warmer", "two degrees", "the temperature") or how the room feels ("it's too cold in
    here") says which."""
    cooler = _air_conditioner(device) or _modes(device) == ("cool",)
    return cooler and not TEMPERATURE_WORDS & set(tokens) and complaint(tokens) is None


def white_step(tokens: list[str]) -> str | None:
    """ "warmer" or "cooler" when the clause says one of their words ("whiter" is cooler)."""
    return next((WHITE_STEPS[t] for t in tokens if t in WHITE_STEPS), None)


def complaint(tokens: list[str]) -> str | None:
    """ "hot" or "cold" when the clause says how the room feels, or asks for the opposite as its verb
    ("cool the lounge down" is said of a room felt hot)."""
    if tokens and tokens[0] in COMFORT_VERBS:
        return COMFORT_VERBS[tokens[0]]
    return next((COMFORT[t] for t in tokens if t in COMFORT), None)


def comfort_plan(feeling: str, climate: list[Device], step: bool = False) -> tuple[str, str | None, list[Device]]:
    """(intent, mode, devices) that meet a complaint with the climate devices of one room: a device that can
    cool (heat) starts that mode; otherwise the targets move; a heater whose modes are not known, or that only
    heats, is turned on when it is too cold (its "on" is heating). `step`: a little of the change was asked for
    ("warm it up a bit"), so the targets move whatever the devices can do."""
    wanted = "cool" if feeling == "hot" else "heat"
    if step:
        return ("down" if feeling == "hot" else "up"), None, climate
    able = [d for d in climate if wanted in _modes(d) and not _heats_only(d)]
    if able:
        return "set", wanted, able
    if feeling == "cold":
        plain = [d for d in climate if not _modes(d) or _heats_only(d)]
        if plain:
            return "on", None, plain
    return ("down" if feeling == "hot" else "up"), None, climate


def _heats_only(device: Device) -> bool:
    """A heater that declares heating and off as its only modes: turning it on is heating."""
    return set(_modes(device)) == {"heat", "off"}


def _modes(device: Device) -> tuple[str, ...]:
    """The modes a climate device is known to have: from its Zigbee2MQTT exposes or its Home Assistant mode
    topic, else cooling only for an air conditioner by its name; () when not known."""
    return device.modes or (("cool",) if _air_conditioner(device) else ())


def _air_conditioner(device: Device) -> bool:
    return bool(AIR_CONDITIONER & device.name_words)


def _number(token: str) -> float | None:
    number = as_number(token)
    return number if number is not None and number > 0 else None
