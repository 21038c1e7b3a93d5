"""Whether a question about a named device asks how it is now, the one thing its state answers ("is the kettle on",
"what colour is the sofa lamp"), or something else of it: where it is or who used it ("where's the thermostat", "who
turned on the tv"), which thing it is ("which switch is the porch light", "what kind of bulb is in the porch light"),
or a setting it does not have ("how loud is the kettle", "what temperature is the bedroom fan on"); a kind asked so
("how loud are the lights") too. The fresh corpora's first runs read such questions as the device's state ("where do
they keep the hoover", "is the garage light a switch or a bulb"); they get a reply of what can be told instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.agreement import be, its
from assistant.registry import Device
from assistant.tools import COLORS
from assistant.understand.clause import Clause
from assistant.understand.lexicon import LEXICON
from assistant.understand.normalize import DETERMINERS, TOO_MUCH
from assistant.understand.reading import AMOUNT_SIZES, LOOSE_AMOUNTS
from assistant.understand.vocabulary import (
    CLASS_WORDS,
    COMPARATIVE_TYPES,
    COPULAS,
    MEASURE_WORDS,
    MEDIA_WORDS,
    MODALS,
    QUANTITY_NOUNS,
    QUANTITY_WORDS,
    RELATIVE_WORDS,
    ROBOT_DOINGS,
    SOUND_WORDS,
    STATES,
    STATUS_WORDS,
    STEP_WORDS,
)

OTHER_ASKS = LEXICON.words("other_asks")  # "where is the kettle", "who turned on the tv": not how it is
SETTINGS_ASKED: dict[str, str] = LEXICON.table("settings_asked")  # "how loud": the volume
STATE_NOUNS = LEXICON.words("state_nouns")  # "what mode is the ac in": a state, by its noun
# the tools whose setting a device reports when asked: the kettle has no volume, the fan no temperature
_TOLD_BY = {"brightness": {"set_brightness"}, "color": {"set_color"}, "volume": {"set_volume"},
            "speed": {"set_fan_speed"}, "position": {"set_position", "open_cover"},
            "temperature": {"set_temperature", "set_color_temperature"}, "humidity": set()}
_STATES_TOLD = {"media_player": "on or off, playing", "climate": "its mode", "cover": "open or closed",
                "lock": "locked or unlocked", "vacuum": "cleaning or docked", "sensor": "its reading"}  # else on or off
# what each setting's tool adds to the answer, in the order said: "on or off, its brightness and colour"
_SETTINGS_TOLD = (("set_brightness", "brightness"), ("set_color", "colour"), ("set_color_temperature", "white"),
                  ("set_fan_speed", "speed"), ("set_volume", "volume"), ("set_temperature", "temperature"),
                  ("set_position", "position"))
_AUXILIARIES = LEXICON.derived(lambda: COPULAS | MODALS | {"am", "do", "does", "did", "has", "have", "had"})
# said after "is the tv a …", these ask how it is: "a bit loud" ("a deafening"), "a warm white", "a nice blue"
_HOW = LEXICON.derived(lambda: RELATIVE_WORDS | LOOSE_AMOUNTS | AMOUNT_SIZES | STEP_WORDS | set(TOO_MUCH.values())
                       | STATES.keys() | SETTINGS_ASKED.keys() | QUANTITY_WORDS.keys() | COMPARATIVE_TYPES.keys()
                       | {w for c in COLORS for w in c.split()})
_STATE_WORDS = LEXICON.derived(lambda: SETTINGS_ASKED.keys() | QUANTITY_WORDS.keys() | QUANTITY_NOUNS | MEASURE_WORDS
                               | STATUS_WORDS | CLASS_WORDS.keys() | SOUND_WORDS | MEDIA_WORDS | STATE_NOUNS)


def other_question(clause: Clause, devices: Sequence[Device]) -> str | None:
    """The reply when a question naming `devices` asks what their state does not say; None when it asks how they
    are (or names none)."""
    if not devices:
        return None
    tokens = clause.tokens
    here = [m for m in clause.mentions if clause.said_here(m)]  # "sir boils a lot? what kind of name is this": the
    # name borrowed from before is no words of this question
    named = {i for m in here if m.kind != "area" for i in range(m.start, m.end)}
    first = min(named, default=len(tokens))
    said = [t for i, t in enumerate(tokens) if i not in named]
    quantities = {q for t in said if (q := QUANTITY_WORDS.get(t) or SETTINGS_ASKED.get(t))}
    devices_said = {i for m in here if m.kind == "device" for i in range(m.start, m.end)}
    untold = bool(quantities) and not any(tells(d, q) for d in devices for q in quantities)
    if not (OTHER_ASKS & set(tokens[:first]) or _identity_asked(tokens, devices_said or named)
            or _kind_asked(tokens, clause) or untold or _doing_unnamed(said, devices)):
        return None
    kind = clause.type_mention
    name = kind.text if kind is not None and not devices_said else devices[0].name  # "how loud are the lights"
    return f"I can only tell how the {name} {be(name)} now: {_told(devices[0], name)}."


def _doing_unnamed(said: list[str], devices: Sequence[Device]) -> bool:
    """ "does the roomba mop", "can the robot vacuum scrub": whether a robot cleaner does what its name does not say (a
    vacuum does not mop), asked of what it can do, never how it is now (its state was read)."""
    return any(t in ROBOT_DOINGS for t in said) and all(
        d.type == "vacuum" and not ROBOT_DOINGS & d.name_words for d in devices)


def _told(device: Device, name: str) -> str:
    """What a device's state says, by its type and the settings its tools report (of `name`, as said)."""
    tools = set(device.tools())
    settings = [word for tool, word in _SETTINGS_TOLD if tool in tools]
    told = _STATES_TOLD.get(device.type, "on or off")
    if not settings:
        return told
    said = settings[0] if len(settings) == 1 else ", ".join(settings[:-1]) + " and " + settings[-1]
    return f"{told} and {its(name)} {said}" if len(settings) == 1 else f"{told}, {its(name)} {said}"


def _identity_asked(tokens: list[str], named: set[int]) -> bool:
    """ "which switch is the porch light", "what plug is the kettle on", "what brand are the lights": "what" or "which"
    said with a noun that is no state (a kind of device is none where a device is named), before the verb or what is
    named (`named`: the device's words, else the kind's: "what colour is the sofa lamp", "which lights are on" ask
    states)."""
    if tokens[:1] not in (["what"], ["which"]):
        return False
    end = next((i for i in range(1, len(tokens)) if i in named or tokens[i] in _AUXILIARIES), len(tokens))
    nouns = [t for t in tokens[1:end] if t not in DETERMINERS | {"of", "about"}]  # "what about the front door"
    return bool(nouns) and not _STATE_WORDS & set(nouns)


def _kind_asked(tokens: list[str], clause: Clause) -> bool:
    """ "is the garage light a switch or a bulb", "is the tv a smart tv": a thing said after "is <the device>", with
    "a", asks what the device is ("is the tv a bit loud" asks its state, by an amount)."""
    if tokens[:1] not in (["is"], ["are"], ["was"], ["were"]):
        return False
    return any(tokens[m.end:m.end + 1] in (["a"], ["an"]) and tokens[m.end + 1:] and not _HOW & set(tokens[m.end + 1:])
               for m in clause.mentions if m.kind == "device")


def tells(device: Device, quantity: str) -> bool:
    """The device reports that quantity: a setting of one of its tools; a sensor's reading may be any ("what is
    Mistral's speed" of a wind sensor, "the total stored volume in the water pump buffer")."""
    return device.type == "sensor" or bool(_TOLD_BY.get(quantity, set()) & set(device.tools()))
