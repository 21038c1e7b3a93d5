"""A clause's own words read: its intent, its value and whether it is negated."""

from __future__ import annotations

from itertools import pairwise

from assistant.tools import COLORS
from assistant.understand import comfort
from assistant.understand.clause import PART_OF_NOW, Clause
from assistant.understand.frames import _unable, said_as_thing
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import STOPWORDS, TYPE_WORDS, Mention
from assistant.understand.vocabulary import (
    CLEAN,
    CLOCK_WORDS,
    CLOSE,
    COPULAS,
    DOCK,
    DOCK_WORDS,
    DOWN,
    FRACTIONS,
    FULL_WORDS,
    IMPLIED_TYPES,
    LOCK,
    LOWEST_WORDS,
    MEDIA_WORDS,
    NEEDLESS,
    NEGATIONS,
    NUMBER_UNITS,
    OFF,
    ON,
    OPEN,
    OPPOSITE,
    PARTICLE_OVERRIDES,
    PARTICLE_VERBS,
    PARTICLES,
    QUANTITY_NOUNS,
    RAISE_LOWER,
    RELATIVE_WORDS,
    REPORT_COPULAS,
    SET,
    SOUND_WORDS,
    SPEEDS,
    STATES,
    STEP_WORDS,
    SUBJECTS,
    UNLOCK,
    UP,
    VERBS,
    WANTING,
    accounted,
    as_number,
    noun_first,
    participle,
    says,
    verb_of,
    verb_said,
)

DEGREE_UNITS = ("celsius", "degree", "degrees")
LOOSE_AMOUNTS = LEXICON.words("loose_amounts")  # "by loads", "by a bunch": how much, with no number
AMOUNT_SIZES = LEXICON.words("amount_sizes")  # "by a good amount", "by a whole bunch": of how much, still no number
PART_WORDS = LEXICON.words("part_words")  # "some of the lights", "most of the lamps": a part, which is not said
NUMBERS_LEFT_OPEN = LEXICON.words("numbers_left_open")  # "twenty-something", "fifty-odd": a number not said whole
GOES_OUT = LEXICON.words("goes_out")  # "lights out": the kinds "out" turns off
EXTENDING = LEXICON.words("extending_covers")  # "put the awning out": a cover "out" opens and "in" closes
DIAL_WORDS = LEXICON.words("dial_words")  # "the fan on number two": a place on its regulator's dial
STARTING = LEXICON.words("starting_verbs")  # "start turning the heating down": the doing started is the command
LOOSE_VALUE = "How much exactly? Please say a number, for example: to 40 percent."


def _one_not_a_level(tokens: list[str], i: int, mentions: list[Mention]) -> bool:
    """Whether the "1" at `i` says which device, never a level of 1: "… and the one in the kitchen", "this one", "the
    hall one", "the living room one"; or is Whisper's "on" between a verb and the devices ("bring one all the
    lights")."""
    said = next((m.start for m in mentions if m.end == i), i - 1)  # where "the living room" of "… one" starts
    return i > 0 and (tokens[i - 1] in ("the", "this", "that", "other", "which", "each") or (
        said > 0 and tokens[i - 1].isalpha() and tokens[said - 1] == "the") or (
        bool(verb_of(tokens[i - 1])) and tokens[i + 1:i + 2] in (["all"], ["the"], ["my"])))


def _counts(tokens: list[str], at: int, mentions: list[Mention], one: bool = False) -> bool:
    """A number before `at` counts devices: a plural kind or name follows, past "of the" and a room ("the two
    kitchen lights", "a couple of the lamps"); for `one`, a singular one ("turn one light on" is a light, never a
    level of 1), or a plural after "of" ("one of the living room lamps": which one is asked)."""
    partitive = tokens[at:at + 1] == ["of"]
    at += partitive
    at += tokens[at:at + 1] == ["the"]
    at = next((m.end for m in mentions if m.kind == "area" and m.start == at), at)
    return any(m.start == at and m.kind in ("device", "type") and m.plural != (one and not partitive)
               for m in mentions)


def _part_of_step(tokens: list[str]) -> bool:
    """ "half a notch", "a half step", "a third of a notch": a part of one step, which is done as the smallest
    change there is, the default step; never the half of the scale that "half" alone means."""
    return any((t in FRACTIONS or t == "half") and any(w in STEP_WORDS or w in RELATIVE_WORDS - {"less", "more"}
                                                       for w in tokens[i + 1:i + 4]) for i, t in enumerate(tokens))


def _part_of_now(tokens: list[str]) -> tuple[int, int] | None:
    """ "by half", "by a third", "by two thirds": a part of the level now, which people mean as a share of it (half
    as bright) or as points of the scale (50 less). Either reading may be far from what was meant. Where it is
    said (from "by" to the part), or None."""
    for i, t in enumerate(tokens):
        if (t in FRACTIONS or t in ("half", "twice")) and tokens[i + 1:i + 2] == ["as"]:
            return i, i + 2  # "half as bright", "twice as loud": of the level now, which is not known here
        part = next((k for k in range(i + 1, min(i + 4, len(tokens))) if tokens[k] in FRACTIONS or tokens[k] == "half"),
                    None)
        if t == "by" and part is not None and not set(DEGREE_UNITS) & set(tokens[i + 1:i + 5]):
            return i, part + 1
    return None


def _said_loosely(tokens: list[str]) -> bool:
    """ "by loads", "by a good amount", "twenty-something", "fifty-odd": a size or a level said without its number. A
    default step stands for none of them (people mean more than one step by "loads"), and "20 something" is no 20:
    asked, never guessed. "up loads" with no "by" is a step, as "a lot" is; "30ish", "about 20" are that value."""
    for i, t in enumerate(tokens):
        if t == "by":
            said = [w for w in tokens[i + 1:i + 4] if w not in ("a", "an", "the") and w not in AMOUNT_SIZES]
            if said[:1] and said[0] in LOOSE_AMOUNTS:
                return True
        if as_number(t) is not None and tokens[i + 1:i + 2] and tokens[i + 1] in NUMBERS_LEFT_OPEN:
            return True
    return False


def _docked(tokens: list[str], mentions: list[Mention]) -> bool:
    """A word for its dock said to the robot vacuum, by name or by its kind: "roomba home", "hoover, go home", "the
    robot must go back to its base"; never in news of it ("the roomba's charger is in the living room")."""
    return bool(DOCK_WORDS & set(tokens)) and not REPORT_COPULAS & set(tokens) and any(
        (m.kind == "device" and any(d.type == "vacuum" for d in m.devices)) or (m.kind == "type" and m.type == "vacuum")
        for m in mentions)


def _goes_out(clause: Clause) -> bool:
    """ "lights out", "make the garage light go out", "pull the curtains out", "put it out": what "out" turns off or
    closes, a light, a switch or a cover (lexicon `goes_out`), or nothing named."""
    kinds = {d.type for m in clause.mentions for d in m.devices} | {m.type for m in clause.mentions if m.type}
    return kinds <= GOES_OUT


def _extends(clause: Clause) -> bool:
    """The clause names only covers that extend, an awning (lexicon `extending_covers`, a word of its name or the word
    said): "out" opens them, "in" closes them."""
    said = [m for m in clause.mentions if m.kind in ("device", "type")]
    return bool(said) and all(EXTENDING & (set().union(*(d.name_words for d in m.devices)) if m.devices else set(
        m.text.split())) and all(d.type == "cover" for d in m.devices) for m in said)


def _extreme(tokens: list[str]) -> bool:
    """ "to the lowest", "maximum", "all the way down": a level at the end of the scale."""
    return bool((FULL_WORDS | LOWEST_WORDS) & set(tokens)) or says(tokens, "all", "the", "way")


def _negation(clause: Clause) -> None:
    """Read "don't", "never", "no more" as structure: no call, the opposite state, or (unplaced) no action."""
    tokens = clause.tokens
    at = next((i for i, t in enumerate(tokens) if t in NEGATIONS), None)
    if at is not None and tokens[at] == "no" and tokens[at + 1:at + 2] and tokens[at + 1] in NEEDLESS:
        clause.negated = True  # "no need to turn on the porch light", "there is no point heating the study"
        return
    if at == 0 and tokens[0] == "no" and tokens[1:2] != ["more"] and not (
            clause.mentions and clause.mentions[0].start == 1):  # "no, wait, close them", "no turn it off": an
        # answer, then a command, read as said after it ("no don't unlock the front door": its "don't")
        at = next((i for i, t in enumerate(tokens[1:], 1) if t in NEGATIONS), None)
    if at is None:
        return
    if tokens[at] == "no" and (tokens[at + 1:at + 2] == ["more"] or any(
            m.start > at and m.kind in ("type", "device") for m in clause.mentions) or (
            set(tokens[at + 1:at + 3]) & (set(IMPLIED_TYPES) | set(TYPE_WORDS) | {"light"}))):
        clause.intent, clause.value, clause.value_kind = OFF, None, None  # "no more light in the kitchen"
        return
    if at > 0 and tokens[at - 1] in ("can", "could") and not any(
            verb_of(t) for t in tokens[at + 1:]):
        return  # "I can't see a thing": a complaint, read by the needs (HINTS)
    if _unable(clause):
        clause.unclear = clause.report = True  # "I can't reach the switch, could you …", "I can't get up, …": the
        return  # speaker's reason, said before a request; never a command taken back ("I can't turn the tv off" is)
    if at > 0 and tokens[at - 1] == "did" and (tokens[0] in SUBJECTS or any(
            m.start < at and m.kind in ("device", "type") for m in clause.mentions)):
        clause.unclear = clause.report = True  # "the garage door didn't close properly, …": what a device did not
        return  # do, as news (a fault); "you didn't leave the kettle on": not done, as news; never taken back
    if tokens[0] in SUBJECTS and tokens[at + 1:at + 2] in (["leave"], ["keep"]):
        clause.unclear = clause.report = True  # "I'd never leave the kettle on", "we don't leave the back door
        return  # unlocked": what someone does, as news; never the state kept ("don't leave the kettle on" is)
    kept = tokens[at + 1:at + 2] in (["leave"], ["keep"]) or (tokens[0] == "ensure" and tokens[at - 1] in COPULAS)
    left = kept and tokens[-1] in STATES and not any(verb_of(t) for t in tokens[at + 2:-1])  # "don't leave the
    # garage door open", "make sure the garage door isn't open": a state, not a verb
    if not left and any((verb_of(t) and VERBS[verb_of(t) or ""] not in (LOCK, UNLOCK, CLOSE, OPEN)) or
                        t in ("open", "close", "lock", "unlock") for t in tokens[at + 1:]):
        clause.negated = True  # "don't turn on the porch light", "never unlock the front door"
        return
    state = next((t for t in tokens[at + 1:] if t in STATES), None)
    if state is None and tokens[at + 1:at + 2] in (["need"], ["want"]) and clause.mentions and all(
            t in ("anymore", "now", "any", "more") for t in tokens[max(m.end for m in clause.mentions):]) and all(
            t in STOPWORDS for t in tokens[at + 2:min(m.start for m in clause.mentions)]):
        state = "on"  # "I don't need the heater anymore": not on ("I don't want to hear about the heating" is
        # no wish about the heating)
    if state is not None and ((at > 0 and tokens[at - 1] in WANTING) or left) and STATES[state] in OPPOSITE:
        clause.intent, clause.value, clause.value_kind = OPPOSITE[STATES[state]], None, None
        if state == "dark":
            clause.implied_type = "light"
        return  # "the hall light shouldn't be on", "I don't want the lights on": off
    clause.unclear = True


def _channel_or_volume(tokens: list[str], at: int, mentions: list[Mention]) -> bool:
    """ "tv 20", "put the tv on 5": a number said straight after a media player's name, or after it and "on", with no
    word that makes it a level ("to 20", "volume 20", "20 percent"), is its volume or a channel (a station): asked,
    never guessed (CASES.md batch 78)."""
    after = at - (tokens[at - 1:at] == ["on"])
    return not {"volume", "vol", *SOUND_WORDS} & set(tokens) and any(m.end == after and (m.type == "media_player" or (
        m.devices and all(d.type == "media_player" for d in m.devices))) for m in mentions)


def _fans_only(mentions: list[Mention]) -> bool:
    """The devices said are fans: "put the fan on number two" is a speed by its regulator's number ("the tv on number 5"
    a channel)."""
    named = [m for m in mentions if m.kind in ("device", "type")]
    return bool(named) and all(m.type == "fan" or (m.devices and all(d.type == "fan" for d in m.devices))
                               for m in named)


def _placed(clause: Clause) -> set[int]:
    """The positions of the words of a device's name or a room's: "in the top barn", "the slow cooker" say where and
    which, never a level ("top" is full, "slow" a speed)."""
    return {i for m in clause.mentions if m.kind in ("device", "area") for i in range(m.start, m.end)}


def _read_colour(clause: Clause, named: set[int]) -> bool:
    """A colour said (the longest name first: "warm white" before "white"), set as the clause's value: True when one
    is. Two colours, or a colour beside a speed or a number that names no device, are unclear."""
    tokens = clause.tokens
    joined = " " + " ".join(tokens) + " "
    for name in sorted(COLORS, key=len, reverse=True):
        if f" {name} " in joined:
            clause.value, clause.value_kind = name, "color"
            others = [t for i, t in enumerate(tokens) if i not in named and (t in SPEEDS or as_number(t) is not None)]
            # ("lamp 1 red": the number names the lamp, no second value)
            rest = joined.replace(f" {name} ", " ")  # "blue, or maybe green": two colours, neither chosen
            clause.unclear = bool(others) or any(f" {c} " in rest for c in COLORS)  # "the on low white": two
            return True  # values for one call; which one is meant?
    return False


def _read_number(clause: Clause) -> bool:
    """The first number said that is the clause's value (a level, a change by it), set on it: True when one is, or when
    it is unclear whether a number is the volume or a channel. Numbers that are no value are read on the way: a word
    of a name ("lamp 2"), a channel ("radio 4"), the level now ("from 50 to 30"), steps ("two notches"), a count ("the
    two lamps")."""
    tokens = clause.tokens
    spans = {i for m in clause.mentions for i in range(m.start, m.end)}
    for i, token in enumerate(tokens):
        if i in spans and token[:1].isdigit():
            continue  # "lamp 2 on", "bedroom 1 fan to high": a word of a name or a room, never a level
        if token == "1" and _one_not_a_level(tokens, i, clause.mentions):
            if any(m.end == i and m.kind == "area" for m in clause.mentions) and not any(
                    m.kind in ("device", "type") for m in clause.mentions):
                clause.count = 1  # "dim the living room one": one device of the room, so which is asked where
                # it has more, never all of them ("the kitchen lights and the hall one" names its kind)
            continue
        number = as_number(token)
        if number is not None and i > 0 and i - 1 not in spans and tokens[i - 1].isalpha() and (
                tokens[i - 1] in MEDIA_WORDS or not accounted(tokens[i - 1]) or (
                    tokens[i - 1] in DIAL_WORDS and not _fans_only(clause.mentions))):
            clause.content.append(f"{tokens[i - 1]} {token}")  # "channel 5", "radio 4": a name, not a level
            continue  # ("the fan on number two" is its speed)
        then = tokens[i + 2] if i + 2 < len(tokens) else ""
        if number is not None and (tokens[i - 1:i] == ["from"] or (
                tokens[i + 1:i + 2] == ["to"] and as_number(then) is not None)):
            continue  # "turn the tv down from 50 to 30", "change the heating 20 to 22": the level now, never the
            # one wanted
        if number is not None and tokens[i + 1:i + 2] != [] and tokens[i + 1] in CLOCK_WORDS:
            continue  # "turn on the porch light it's 8 pm": the time now, never a level (batch 77)
        if number is not None and _steps_follow(tokens, i + 1) and number.is_integer():
            clause.steps = max(1, min(int(number), 5))  # "up one notch", "two steps down", "one more notch": default
            # steps
            continue
        if number is not None and number.is_integer() and _counts(tokens, i + 1, clause.mentions, number == 1):
            clause.count = int(number)  # "the two lamps in the lounge", "a couple of lights", "one light": how many
            continue
        if number is not None:
            unit = tokens[i + 1] if i + 1 < len(tokens) else ""
            if unit in FRACTIONS:  # "three quarters", "two thirds"
                number, unit = float(round(100 * number / FRACTIONS[unit])), "percent"
            if unit != "percent" and _channel_or_volume(tokens, i, clause.mentions):
                clause.unclear, clause.ask = True, "The volume, or a channel?"
                return True
            clause.value, clause.value_kind = number, _number_kind(tokens, i, unit)
            return True
    return False


def _steps_follow(tokens: list[str], at: int) -> bool:
    """Whether a step word follows at `at`, or after "more": "up one notch", "one more notch", "two more clicks" count
    default steps, never a step of 1 or 2 (helper G, batch 77)."""
    at += tokens[at:at + 1] == ["more"]
    return tokens[at:at + 1] != [] and tokens[at] in STEP_WORDS


def _one_said_as_several(mention: Mention, tokens: list[str]) -> bool:
    """ "both blinds" where one device is called "blinds": a name said in the plural right after "both", of one
    device (never "both the blinds and the curtains": two named, the clause cut at "and")."""
    return mention.kind == "device" and len(mention.devices) == 1 and mention.text.endswith("s") and (
        tokens[mention.start - 1:mention.start] == ["both"])


def _read_value(clause: Clause) -> None:
    """The value a clause says, set on it (a setting, a colour, a number, a part, a speed), or the question it leaves
    (`unclear`, `ask`): each reading in turn, the first that finds its kind of value settling it."""
    tokens = clause.tokens
    at = tokens.index("both") + 1 if "both" in tokens else None
    if at is not None and any(m.start == at + (tokens[at:at + 1] == ["the"]) and m.kind in ("device", "type")
                              and (m.plural or _one_said_as_several(m, tokens)) for m in clause.mentions):
        clause.count = 2  # "both lamps off": two, so where four are lamps it is asked which, never all four; "both
        # blinds" where one device is called "blinds": which two is asked, never the one closed
    lit = any(m.type == "light" or any(d.type == "light" for d in m.devices) for m in clause.mentions)
    named = {i for m in clause.mentions if m.kind == "device" for i in range(m.start, m.end)}
    placed = _placed(clause)
    setting = comfort.read_setting(tokens, lit, named)
    if setting is not None:  # a white, a colour temperature or a climate mode ("set the AC to heating")
        clause.value_kind, clause.value, at = setting
        clause.mentions = [m for m in clause.mentions if at is None or not m.start <= at < m.end]
        return
    if _read_colour(clause, named):
        return
    if _part_of_step(tokens):  # "half a notch", "a half step": less than one step is still one step
        return
    if _part_of_now(tokens) is not None:  # "dim the lamp by half": half of now, or 50 points less? Never guessed
        clause.unclear, clause.ask = True, PART_OF_NOW
        return
    if _said_loosely(tokens):  # "turn the tv up by loads", "set the heating to twenty-something": no value said
        clause.unclear, clause.ask = True, LOOSE_VALUE
        return
    if _read_number(clause):
        return
    if any((t == "half" or t in FRACTIONS or (t in PART_WORDS and tokens[i + 1:i + 2] == ["of"])) and _counts(
            tokens, i + 1, clause.mentions) for i, t in enumerate(tokens)):  # "half the lights in the house", "a
        # third of the lamps", "some of the lights": some of them, which is not said
        clause.unclear, clause.ask = True, "Which ones do you mean?"
        return
    if "half" in tokens and "degree" in tokens:  # "by half a degree"
        clause.value, clause.value_kind = 0.5, "delta" if "by" in tokens else "degrees"
        return
    if "halfway" in tokens or "half" in tokens:
        clause.value, clause.value_kind = 50.0, "percent"
        return
    part = next((FRACTIONS[t] for t in tokens if t in FRACTIONS), None)
    if part is not None:  # "a quarter of the way", "set the blinds to a third"
        clause.value, clause.value_kind = float(round(100 / part)), "percent"
        return
    speeds = [t for i, t in enumerate(tokens) if t in SPEEDS and i not in placed]
    if speeds:
        clause.value, clause.value_kind = SPEEDS[speeds[0]], "speed"
        clause.unclear = len({SPEEDS[t] for t in speeds}) > 1  # "on high, well, medium": two speeds, which one is
        # meant is asked


def _number_kind(tokens: list[str], i: int, unit: str) -> str:
    """What the number said at `i` sets, `unit` the word after it ("percent" for a fraction said): a change by that
    much ("by 5", "up 10", "25 percent brighter", "two degrees up", "turn down the heating 2 degrees"), else a level in
    percent, in degrees, or a plain number."""
    after = tokens[i + 2:i + 3] if unit in ("percent", *NUMBER_UNITS) else tokens[i + 1:i + 2]
    stepped = (i > 0 and tokens[i - 1] in ("up", "down") and PARTICLES[tokens[i - 1]] in (UP, DOWN)) or (
        bool(after) and (VERBS.get(after[0]) in (UP, DOWN) or after[0] in RAISE_LOWER or (  # "25 percent brighter",
            # "2 degrees warmer", "two degrees lower"; "two degrees up" (not "to 20 degrees up")
            unit and PARTICLES.get(after[0]) in (UP, DOWN) and tokens[i - 1:i] not in (["to"], ["at"])))
    ) or (
        unit in DEGREE_UNITS and tokens[i - 1:i] not in (["to"], ["at"]) and any(  # "turn down the heating 2
            PARTICLES.get(t) in (UP, DOWN) or VERBS.get(t) in (UP, DOWN) or t in RAISE_LOWER
            for t in tokens[:i]))  # degrees", "lower the thermostat 3 degrees": by that much
    return ("delta" if (i > 0 and tokens[i - 1] == "by") or stepped else
            "percent" if unit == "percent" else
            "degrees" if unit in NUMBER_UNITS else "number")


def _verb_said(tokens: list[str], clause: Clause, polite: bool) -> tuple[str | None, int]:
    """The intent of the clause's verb and where it is said (-1: none): the first verb of the house said as one, not
    a device's name, a kind said as the thing ("the hoover"), a description ("is still going") or where someone goes;
    a later one where it says more ("start the cleaning", "get the kettle going")."""
    intent: str | None = None
    verb_at = -1
    named = {i for m in clause.mentions if m.kind == "device" for i in range(m.start, m.end)}
    name_end = clause.name_ended_by_verb
    for i, token in enumerate(tokens):
        verb = verb_of(token) or (participle(token) if polite else None)
        if verb is None or i in named or i == name_end:
            continue
        if VERBS[verb] == CLEAN and token in TYPE_WORDS and DOCK_WORDS & set(tokens[i + 1:]):
            continue  # "hoover home", "vacuum back to base": the device told where to go, not to clean
        if token in TYPE_WORDS and verb_said(tokens, i) is None:
            continue  # "get a smart lock for the balcony door", "the hoover": the kind of device, not its verb
        if noun_first(tokens, i):
            continue  # "the wind knocked the porch light off", "the dial on the heater": the thing, never its verb
        if said_as_thing(tokens, i):
            continue  # "the tone of the tv is off": a quality of the tv, said to be off; news, no verb
        if token.endswith("ing") and i > 0 and tokens[i - 1] in COPULAS:
            continue  # "the fan is still going" describes, it does not ask
        if token == "going" and tokens[i + 1:i + 2] in (["away"], ["out"], ["to"], ["home"], ["back"]):
            continue  # "turn the heating off or going away" (Whisper's "we're going away"): where someone goes
        if intent is None:
            intent, verb_at = VERBS[verb], i
        elif intent in (ON, DOCK) and VERBS[verb] == CLEAN and token not in TYPE_WORDS:  # not "the vacuum"
            intent, verb_at = CLEAN, i  # "start the cleaning", "send the robot to clean the hall"
            break
        elif intent == SET and VERBS[verb] != SET:
            intent, verb_at = VERBS[verb], i  # "get the kettle going", "make it warmer": the specific verb wins
            break
        elif tokens[verb_at] in STARTING and i == verb_at + 1 and token.endswith("ing"):
            intent, verb_at = VERBS[verb], i  # "start turning the heating down", "begin closing the blinds": the
            break  # doing started, never the device started (the heating was turned on)
    return intent, verb_at


def _way_by_particle(tokens: list[str], clause: Clause, verb: str, verb_at: int, named: set[int]) -> str | None:
    """The way a particle after the verb says ("switch the lamp on", "garage door up"; "power down": off, the particle
    verb's way), where the verb says none or is a particle verb; never a particle that is a place ("out front"), a
    preposition ("the volume on the tv down") or a state told ("all steamed up"); "" where the particle says no way
    ("get the hoover out": `_goes_out`). `named`: the words of devices' names."""
    placed = {i for m in clause.mentions if m.kind == "area" for i in range(m.start, m.end)}
    for i, token in enumerate(tokens):
        if token in PARTICLES and i > verb_at and i not in named and i not in placed:  # "out front": a place
            particle = PARTICLES[token]
            preposition = tokens[i + 1:i + 2] and tokens[i + 1] in STOPWORDS and (
                tokens[i - 1] in QUANTITY_NOUNS or any(t in PARTICLES and t != "on" for t in tokens[i + 2:])
                or (tokens[i - 1] in MEDIA_WORDS | SOUND_WORDS and VERBS.get(verb) in (UP, DOWN)))  # "crank
            # the tunes on the speaker": louder there, never "on" (played)
            verbs_particle = i == verb_at + 1 and not any(
                PARTICLES.get(t) == OFF for k, t in enumerate(tokens) if k > i and k not in placed)
            if token == "on" and (clause.value is not None or preposition) and not verbs_particle:
                continue  # "volume fifteen on the tv", "the volume on the tv down", "more volume on the
                # speaker": a preposition; not straight after its verb ("switch on the desk lamp up", Whisper's
                # "uh please": on, never a step; "turn on the uh turn off the fan" restarts)
            if verb_at < 0 and particle not in (ON, OFF) and not clause.correction and not any(
                    m.kind in ("device", "type") for m in clause.mentions) and not (
                    set(tokens) & set(IMPLIED_TYPES)) - set(comfort.COMFORT_VERBS):
                continue  # "all steamed up" is not a command; "garage door up" is; "heat up" is a need,
                # as "warm up" is (a heater whose modes are not known is turned on)
            if token == "out" and (_extends(clause) or not _goes_out(clause)):
                return OPEN if _extends(clause) else ""  # "put the awning out"; "get the hoover out": no way
            return PARTICLE_OVERRIDES.get((verb, particle), particle)
    return None


def _intent_of(tokens: list[str], clause: Clause, polite: bool) -> str | None:
    """`polite`: a request phrased as a question, whose verb may be a participle ("be turned up")."""
    intent, verb_at = _verb_said(tokens, clause, polite)
    named = {i for m in clause.mentions if m.kind == "device" for i in range(m.start, m.end)}
    said = tokens[verb_at] if verb_at >= 0 else ""
    verb = verb_of(said) or (participle(said) if polite else None) or ""  # "the tv turned off"
    if intent is None or verb in PARTICLE_VERBS:
        way = _way_by_particle(tokens, clause, verb, verb_at, named)
        intent = intent if way is None else way or None
        if intent in (None, SET) and _extends(clause) and any(t == "in" and PARTICLE_VERBS & set(tokens[:i]) and (
                tokens[i - 1] in PARTICLE_VERBS or any(m.end == i for m in clause.mentions)) for i, t in enumerate(
                    tokens)):
            intent = CLOSE  # "bring the awning in", "pull in the awning": drawn back, closed
    moved_at = verb_at if verb_at >= 0 else next(
        (i for i, t in enumerate(tokens) if t in PARTICLE_VERBS and i not in named), -1)  # "pull", "back", a verb
    moved = verb if verb_at >= 0 else tokens[moved_at] if moved_at >= 0 else ""  # only with its particle
    if (intent in (None, SET) or verb not in PARTICLE_VERBS) and moved_at >= 0 and (turned := next((
            PARTICLE_OVERRIDES[(moved, t)] for i, t in enumerate(tokens)
            if i > moved_at and i not in named and (moved, t) in PARTICLE_OVERRIDES), None)):
        intent = turned  # "draw the curtains back", "draw them open", "pull the curtains back": a verb whose way a
        # later word says (a particle verb's, where no particle said it); "back the volume off", "knock the heating
        # back": less of it, never off
    if verb_at < 0 and intent in (ON, OFF) and {PARTICLES.get(t) for t in tokens} >= {ON, OFF}:
        intent = None  # "Out the kettle on with you." (Whisper's "pop"): both ways and no verb; asked, never off
    if intent == OFF and clause.value_kind in ("percent", "number") and any(
            t == "to" and as_number(n) is not None for t, n in pairwise(tokens)):
        intent, clause.value, clause.value_kind = None, None, None  # "turn off first floor lights to 50%"
        # (Whisper's "all"): off and a level contradict; asked, never either
    placed = _placed(clause)
    full = any(t in FULL_WORDS and i not in placed for i, t in enumerate(tokens))
    if verb_at < 0 and intent == OFF and "off" in tokens and full:
        intent, clause.value, clause.value_kind = None, None, None  # "Lounge lights off top." (Whisper's
        # "ta"): off and full, no verb, contradict; asked, never full
    if intent in (UP, DOWN, SET) and clause.value is None and full:
        clause.value, clause.value_kind = "high", "speed"
    kinds = {d.type for m in clause.mentions for d in m.devices} | {m.type for m in clause.mentions if m.type}
    if (intent is None or (intent == SET and (any(m.kind in ("device", "type") for m in clause.mentions) or set(
            tokens) & set(IMPLIED_TYPES)))) and clause.value is None and "more" in tokens and not clause.question \
            and kinds != {"cover"}:
        intent = UP  # "give me more light", "more heat in here", "make more light in the kitchen"; "make more
        # coffee" is a need (the coffee machine on); "the blinds, a bit more" says no way (more open or more
        # closed): asked
    way = next((PARTICLES[tokens[i + 3]] for i in range(len(tokens) - 3)
                if tokens[i:i + 3] == ["all", "the", "way"] and tokens[i + 3] in PARTICLES), None)
    if intent in (UP, DOWN) and way in (UP, DOWN) and way != intent:  # "brighten us all the way down"
        return None  # (Whisper's "brightness"): the verb and its way say opposite things; never the verb's end
    if intent in (UP, DOWN) and clause.value is None and says(tokens, "all", "the", "way"):
        clause.value, clause.value_kind = ("high" if intent == UP else "low"), "speed"
    if intent in (UP, DOWN) and clause.value in ("high", "low") and _extreme(tokens):
        intent = SET  # "all the way up" is a level, not a step
    if intent is None and _docked(tokens, clause.mentions):
        intent = DOCK  # "roomba home", "roomba go home": back to its dock
    return intent
