"""The choosing of the devices a clause means (by room, everything, a need, a sensor class), or the question back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from assistant.answer.agreement import be, it, plural
from assistant.registry import Device, Registry
from assistant.tools import COLORS
from assistant.understand import comfort
from assistant.understand.asked import other_question
from assistant.understand.calls import _call
from assistant.understand.clause import INTENT_TYPES, OUT_OF_HOME, WHICH_ROOM, Ask, Clause, which
from assistant.understand.frames import of_a_thing
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import STOPWORDS, TYPE_WORDS, Mention, MentionFinder
from assistant.understand.normalize import CLAUSE_BREAK, DETERMINERS, as_said, said_as
from assistant.understand.vocabulary import (
    BODY_PARTS,
    CAUSATIVES,
    CENTRAL_HEATING,
    CLASS_WORDS,
    CLOSE,
    CONDITION_WORDS,
    COPULAS,
    DOWN,
    EARLIER_WORDS,
    EVERYTHING_WORDS,
    FURNITURE,
    HERE_WORDS,
    HINTS,
    HOME_WORDS,
    IMPLIED_TYPES,
    LOCK,
    MEASURE_WORDS,
    MEDIA_WORDS,
    NAMING_NOUNS,
    NARROWING_NOUNS,
    NEGATIONS,
    NUMBER_UNITS,
    OFF,
    ON,
    OPEN,
    OPENING_NOUNS,
    OUTDOOR_WORDS,
    OWN_KIND_WORDS,
    OWN_KINDS,
    PARTICLES,
    PLAY,
    PREFERRING_NOUNS,
    PRONOUNS,
    QUANTITY_NOUNS,
    QUANTITY_WORDS,
    QUERY,
    QUESTION_QUANTIFIERS,
    QUESTION_STARTS,
    RAISE_LOWER,
    ROOM_NOUNS,
    ROOM_TEMPERATURES,
    ROOM_WIDE,
    SENSES,
    SENSING_WORDS,
    SET,
    SPEAKER_WORDS,
    SPEAKERS_OWN,
    SPEEDS,
    STATES,
    UP,
    USE_NOUNS,
    VERBS,
    accounted,
    as_number,
    says,
    verb_of,
)

KIND_NAMES = {"climate": "heating or cooling"}  # a kind said back when no word of the user's named it
SWITCHABLE = {"light", "switch", "fan", "media_player", "climate"}  # what "turn everything off" means


OTHER_ONES = LEXICON.words("other_ones")  # "the other light": one not said
HOUSE_HEAT = LEXICON.words("house_heat")  # "turn up the heat in the whole house": one system meant, asked which
NAMES_ABROAD: dict[str, frozenset[str]] = LEXICON.derived(lambda: {  # "lamp": lampe, lámpara (a name's words)
    kind: frozenset(w for w, k in LEXICON.table("names_abroad").items() if k == kind)
    for kind in set(LEXICON.table("names_abroad").values())})
ORDERS = LEXICON.words("order_words")  # "first, …, second, …"
GETTING = LEXICON.words("state_leads")  # "it's getting late"


def nameable(words: list[str], tokens: list[str]) -> bool:
    """Whether a word a clause leaves over could name a device, to say back ("I don't know a device called
    jacuzzi"); not a word of how ("honestly"), a doing ("stop cleaning"), an order ("first, …, second, …") or how things
    are, said after a copula or "getting" ("it's getting late"): those get the general reply. A word after a
    determiner is a thing ("the second", "my cleaning robot")."""
    for word in words:
        at = tokens.index(word) if word in tokens else 0
        before = tokens[at - 1] if at else ""
        if before in DETERMINERS or (word.isalpha() and not (word.endswith("ly") and len(word) > 4) and not (
                word.endswith("ing")) and word not in ORDERS and before not in COPULAS | GETTING):
            return True  # "turn the bed down its too high": the bed
    return False


def _ones_own(clause: Clause) -> bool:
    """A singular kind said right after the speaker's own word ("dim my light to 20", "turn off my light"): one device,
    the speaker's, never the room's every light ("my lights", "my kitchen light" are the room's). A kind borrowed from
    the clause before ("turn on the light and the kitchen") is not said here: its places are that clause's."""
    kind = clause.type_mention
    return kind is not None and clause.said_here(kind) and not kind.plural and not kind.text.endswith(
        "s") and kind.start > 0 and clause.tokens[kind.start - 1] in SPEAKERS_OWN


def _called_by(said: str) -> tuple[str, frozenset[str]]:
    """A kind word said, as the noun it is read as and the words of a name that call a device by it: "the telly" is
    "the tv", a device whose name says tv, telly or television (lexicon own_kinds; "the tellies" is "the tvs"); "the
    lamps" the devices whose name says lamp (lexicon naming_nouns); "the lights" no word of a name calls (every light
    is one, whatever it is called)."""
    own = OWN_KINDS.get(said)
    if own is not None:
        return own + "s" if said.endswith("s") else own, OWN_KIND_WORDS[own] | NAMES_ABROAD.get(own, frozenset())
    noun = said.rstrip("s")
    return said, frozenset({noun} | NAMES_ABROAD.get(noun, frozenset()) if noun in NAMING_NOUNS else ())


def _called_elsewhere(registry: Registry, words: frozenset[str], here: list[Device], kinds: set[str]) -> list[Device]:
    """The home's devices of `kinds` whose name says one of `words`, where none `here` (a room's) does: "turn on the tv"
    in a loft with only a speaker, "the telly" in a kitchen whose only player is a radio, mean a tv of another room,
    never the room's player. None where no device of the home is so called (a home whose TV is called "Samsung"
    keeps the room's player)."""
    if not words or any(_so_called(d, words) for d in here):
        return []
    return [d for d in registry if d.type in kinds and _so_called(d, words)]


def _so_called(device: Device, words: frozenset[str]) -> bool:
    """Whether the device's name or an alias says one of `words`, as a sentence says it ("desk-lamp" says lamp)."""
    return any(w in words for name in (device.name, *device.aliases) for w in said_as(name))


def _named_as(device: Device, noun: str) -> bool:
    """The device is one `noun` names: by its class, or by a word of its name or an alias, as a sentence says it (one
    or more: "Floor Lamps" is a lamp); an opening ("the window", "the door") never by a name that goes on to what
    covers it ("Bay Window Blinds" are blinds: "close the window" is no call, CASES batch 13; "Back Door Lock" is a
    door)."""
    if device.device_class == noun:
        return True
    names = [said_as(n) for n in (device.name, *device.aliases)]
    return any(w.rstrip("s") == noun and not (noun in OPENING_NOUNS and any(
        TYPE_WORDS.get(after) == "cover" for after in said[k + 1:])) for said in names for k, w in enumerate(said))


def _noun_said(clause: Clause, said: str | None) -> str:
    """The noun a clause names its devices by: its kind word's ("the lamps": lamp, "the telly": tv), or with none an
    opening's not in a name ("open the window"); "" where it says neither."""
    if said:
        return said.rstrip("s")
    named = {i for m in clause.mentions for i in range(m.start, m.end)}
    return next((t.rstrip("s") for i, t in enumerate(clause.tokens) if t.rstrip("s") in OPENING_NOUNS and i not in
                 named), "")


def _by_noun(clause: Clause, pool: list[Device], noun: str, said: str | None, called: frozenset[str],
             where: str | None, rooms: tuple[str, ...] | None, own: bool, everything: bool
             ) -> tuple[list[Device], Ask | None]:
    """The devices of a kind's `pool` that the noun said names ("the lamp", "the window", "the tv": a device called
    television too), or which of them, asked; the pool as it is where the noun narrows nothing it need not."""
    if noun in PREFERRING_NOUNS and said == noun and where is not None:  # "the fan" beside a Mi Air Purifier: the one
        # named fan, where only some of a room's are; never the home's one so named, said in a room with none (a
        # kitchen's "turn the fan on" is no Stable Fan), nor "the bulbs" (the lights)
        narrowed = [d for d in pool if _named_as(d, noun)]
        return (narrowed if 0 < len(narrowed) < len(pool) else pool), None
    if noun not in NARROWING_NOUNS | NAMING_NOUNS:
        return pool, None
    narrowed = [d for d in pool if _named_as(d, noun) or _so_called(d, called)]
    if len(narrowed) > 1 and said == noun and not everything:
        return [], which(narrowed)  # "the lamp in the lounge" where it has two: which, not all
    if not narrowed and len(pool) > 1 and where is not None and said == noun and not everything:
        return [], which(pool)  # "the lamp in the kitchen" where no light is a lamp: which one, not all
    if noun in NARROWING_NOUNS:
        return narrowed or ([] if noun in OPENING_NOUNS else pool), None
    if narrowed and said is not None and (said != noun or everything):
        return narrowed, None  # "both lamps in the living room", "every lamp in the house": the devices named lamps,
        # not every light (where none is, "the lamps" stay the lights; CASES.md)
    if len(narrowed) == 1 and (where is None or clause.area is None or len(rooms or ()) == 1 or own) and said == noun:
        return narrowed, None  # "the lamp" in a home, or said in a room ("the lamp in the snug"), with one lamp: that
        # lamp, not every light; "the tv" in a lounge with a soundbar, "the telly downstairs" (a tv is never the
        # floor's speaker; "the lamp on the first floor" is its lights, as Home Assistant reads it)
    return pool, None


def _all_or_asked(clause: Clause, kind: str, pool: list[Device], said: str | None, where: str | None,
                  rooms: tuple[str, ...] | None, plural: bool) -> tuple[list[Device], str | Ask | None]:
    """Of a kind's devices in the clause's scope, every one, or the one meant asked where one is meant and several
    could be (or what the question asks of them that they do not tell)."""
    if kind == "climate" and clause.type_mention is None and where is None and len(pool) > 1 and \
            clause.intent not in (OFF, QUERY) and HOUSE_HEAT & set(clause.tokens):
        return [], which(pool)  # "turn up the heat in the whole house", "bump the heat up at my place": the heat the
        # speaker has in mind, never every heater and the AC at once; switched off everywhere, every one
    central = [d for d in pool if _so_called(d, CENTRAL_HEATING)] if said in ROOM_WIDE and kind == "climate" else []
    if where is None and len(central) == 1:  # "turn the heating down" (American "the heat") with no room: the
        pool = central  # house's, where one of its heaters is its thermostat or furnace, never the space heater
    if len(pool) > 1 and not plural and (where is None or (
            clause.type_mention is not None and rooms is not None and len(rooms) == 1 and not
            clause.type_mention.text.endswith("s") and clause.type_mention.text not in ROOM_WIDE) or (
            clause.type_mention is None and kind == "media_player") or _ones_own(clause)):
        return [], which(pool)  # "the kitchen plug" of two: which one ("the kitchen light" is the room's; "the upstairs
        # fan" a floor's); "stop the music" in a lounge with a tv and a speaker: one of them plays it; "dim my light"
        # in a room of two lights: the speaker's own, whichever that is
    other = other_question(clause, pool) if clause.intent == QUERY else None  # "how loud are the lights"
    return ([], other) if other is not None else (pool, None)


def _switched_light(device: Device) -> bool:
    """A plug that powers a light: a switch whose name ends in one ("garage light", "fairy lights"); "porch light
    switch" is a switch, never one of the lights ("turn on the outside lights")."""
    return device.type == "switch" and "light" in device.name.split()[-1]


def _called(device: Device, kind: str, clause: Clause) -> bool:
    """A device of another kind whose name ends in the kind word said and that can do what is asked: the "garage door"
    (a cover) is "the door" where the doors are locks, in the garage ("close the door" there); never a lock's "lock
    the door" then."""
    said = clause.type_mention.text if clause.type_mention is not None else ""
    return bool(said) and device.type != kind and any(  # by its name or an alias ("Porte de garage", alias "garage
        said_as(n)[-1:] and _singular_noun(said_as(n)[-1]) == _singular_noun(said) for n in (  # door": a name in
            device.name, *device.aliases)) and _call(device, clause)[0] is not None  # French, said in English)


def _colour_at(tokens: list[str], at: int, rooms: dict[int, int]) -> bool:
    """A colour's name starts at `at`: "put the lamp in warm white" as "in red", never a room called "warm"; but a
    colour before a room's word (`rooms`: where the home's rooms are said) names a room ("the light in the red
    bedroom"), never a colour to set."""
    ends = [at + len(c.split()) for c in COLORS if tokens[at:at + len(c.split())] == c.split()]
    return any(end not in rooms and not set(tokens[end:end + 1]) & ROOM_NOUNS for end in ends)


def _measures(device: Device, quantity: str) -> bool:
    """A sensor of that quantity, by its class or its name ("living room temperature")."""
    return device.device_class == quantity or any(quantity in n.lower() for n in (device.name, *device.aliases))


def _measuring(sensors: list[Device], quantity: str) -> list[Device]:
    """The sensors that measure `quantity`; where none is known to, those known to measure nothing else ("is it cold
    in the bathroom?" is no humidity question)."""
    return [d for d in sensors if _measures(d, quantity)] or [d for d in sensors if not any(
        _measures(d, other) for other in set(QUANTITY_WORDS.values()) - {quantity})]


def _sensed_unneeded(tokens: list[str]) -> set[int]:
    """Where a sense word says no need: asked of the assistant, its object the speaker ("can you hear me", "hear me"
    once the politeness goes; "can you see us"), or said first, its "can you" gone with the politeness ("can you hear
    the tv", "could you see the porch light"): nobody tells a house to hear, so it is asked whether it hears; or what
    the speaker can do, said right after "can" or "could" ("I can hear the tv", "we can see fine in here"): no lack.
    "i can't hear the tv", "I can barely hear it" are still the speaker's need."""
    return {i for i, t in enumerate(tokens) if t in SENSES and (
        i == 0 or tokens[i + 1:i + 2] in (["me"], ["us"]) or tokens[i - 1] in ("can", "could"))}


def _felt_for(tokens: list[str], start: int) -> str | None:
    """A feeling said as the goal of "make", "get", "want" … said before `start` (the device), or before the feeling
    when 0 ("make the ac cold", "I want it hot in the study"): how the room must feel now for that to be asked, "hot"
    or "cold"; "" for a liking ("I like it cold in the study": how the speaker likes it, no request); None when no
    feeling is said as a goal."""
    for i, token in enumerate(tokens[start:], start):
        goal = comfort.COMFORT.get(token) or {"hot": "cold", "cold": "hot"}.get(comfort.COMFORT_VERBS.get(token, ""))
        said = [t for t in tokens[:start or i] if t in CAUSATIVES]  # before the device, or before the feeling
        after = tokens[i + 1] if i + 1 < len(tokens) else CLAUSE_BREAK
        if goal is None or not said or (after not in STOPWORDS | HERE_WORDS and after != CLAUSE_BREAK):
            continue  # "I need hot water for tea", "get me a cold drink": a thing's, not the room's
        if said[0] in ("like", "love") and "would" not in tokens[:i]:
            return ""
        return "hot" if goal == "cold" else "cold"
    return None


def _all_of_it(tokens: list[str]) -> bool:
    """ "Everything", "it all", "close all": every device of the room meant, of whatever kind the action reaches."""
    return "everything" in tokens or says(tokens, "it", "all") or tokens[-1:] == ["all"]


def _every_said(tokens: list[str]) -> bool:
    """ "all", "each", "every" said of the devices: "turn all the lights down". The "all" of "all the way" ("turn the
    light right down", said "all the way down" in the lexicon) is how far, not how many: the one light meant."""
    return any(t in EVERYTHING_WORDS and not (t == "all" and tokens[i + 1:i + 3] == ["the", "way"])
               for i, t in enumerate(tokens))


def _whole_home(tokens: list[str]) -> bool:
    """ "everywhere", "in the house": the whole home said, not the speaker's room."""
    return bool(({"everywhere"} | HOME_WORDS) & set(tokens))


def _classes_said(tokens: list[str], among: Iterable[str | None] = ()) -> set[str]:
    """The sensor device classes a question names by the lexicon's words, or of `among` by every word of the
    class's own name ("the rainfall intensity": precipitation_intensity); the narrower one wins ("are any
    batteries charging?" asks battery_charging, not battery)."""
    classes = {CLASS_WORDS[t] for t in tokens if t in CLASS_WORDS}
    words = set(tokens) | {w for c in classes for w in c.split("_")}
    classes |= {c for c in among if c and set(c.split("_")) <= words}
    if any(t in HOME_WORDS and (before in COPULAS or before == "at") for before, t in pairwise(tokens)):
        classes.add("presence")  # "which devices are home?", "is the phone at home?": where someone is
    return {c for c in classes if not any(set(c.split("_")) < set(o.split("_")) for o in classes)}


def _by_reading(devices: list[Device], tokens: list[str]) -> list[Device]:
    """Of sensors that sense the same thing, those that report what the question asks for: a number for "what's
    the battery level?", "how much battery is left?", "what is the …"; on/off for "are any batteries low?",
    "is there any leak?". All of them when none reports it."""
    number = bool(MEASURE_WORDS & set(tokens)) or (tokens[:1] in (["what"], ["how"]) and tokens[1:2] != ["many"])
    return [d for d in devices if d.reports_number in (number, None)] or devices


def _singular_noun(word: str) -> str:
    return word[:-1] if word.endswith("s") and word not in ("blinds", "curtains") else word


def _comparative_way(clause: Clause) -> str | None:
    """The "lower" or "raise" said after a causative ("make", "get", "put" …) and a room ("make the bedroom lower":
    "make lower"), or said first with a room after it ("lower the bedroom", helper G, batch 77): a way that names no
    kind (its blinds, its lights, its heating), as the question asks it; None where the clause says none so."""
    at = next((i for i, t in enumerate(clause.tokens) if t in RAISE_LOWER), None)
    if clause.intent not in (OPEN, CLOSE) or at is None:
        return None
    rooms = [m for m in clause.mentions if m.kind == "area" and clause.said_here(m)]
    made = CAUSATIVES & set(clause.tokens[:at]) and any(m.end <= at for m in rooms)
    said_first = not any(verb_of(t) for t in clause.tokens[:at]) and any(m.start > at for m in rooms)
    return f"make {clause.tokens[at]}" if made else clause.tokens[at] if said_first else None


def _place(area: str) -> str:
    """ "in the kitchen", but "upstairs", "on the first floor": a floor is said as it is."""
    if area in ("upstairs", "downstairs"):
        return area
    return f"on the {area}" if area.endswith("floor") else f"in the {area}"


def _there_is_no(said: str) -> str:
    """ "There is no fan", "There are no lights", "There are no blinds"."""
    return f"There {be(said)} no {said}"


def _need_of_named(clause: Clause, named: set[int], words: set[str]) -> Clause | None:
    """A need said of devices named ("the tv is too loud", "the aircon is too cold", "boil the kettle") read as what it
    asks of them, or None where it asks nothing or the way is unclear; `named` are the positions of the words that name
    something, `words` the others. Kept apart from the needs of a place (`TargetChoosing._hint`), which choose the
    devices."""
    devices = [d for m in clause.devices for d in m.devices]
    if set(comfort.COMFORT) & words and any(d.type != "climate" for d in devices):
        return None  # "the bedroom fan is too hot": the fan itself, not the room; on or off? Asked
    felt = _felt_for(clause.tokens, min(m.start for m in clause.devices))
    if felt == "":
        return None  # "I like the heating warm": how it is liked
    if felt is not None:  # "make the ac cold", "I want the heating hot": the target that way, as "colder"
        return Clause(tokens=clause.tokens, intent=DOWN if felt == "hot" else UP, mentions=clause.devices,
                      marker=clause.marker, excluded=clause.excluded)  # (was a complaint: the other way)
    rest = [t for i, t in enumerate(clause.tokens) if i not in named and t not in STOPWORDS - COPULAS - {"to"}]
    if rest in (["hot"], ["cold"]) and all(d.type == "climate" for d in devices):
        return None  # "ac cold", "heating hot": how it feels (warmer, as "the ac is too cold") or how it
        # should be (colder, as "make the ac cold")? Opposite ways: asked ("ac freezing" complains)
    felt = comfort.complaint(clause.tokens) if set(comfort.COMFORT) & words else None
    if felt is not None:  # "the aircon is too cold": warmer (never on: it may be cooling now), as the room
        intent, mode, chosen = comfort.comfort_plan(felt, devices)  # it cools would be said to be
        return Clause(tokens=clause.tokens, intent=intent, value=mode, value_kind=mode and comfort.MODE,
                      mentions=_narrowed_to(clause, chosen), marker=clause.marker, excluded=clause.excluded)
    for triggers, intent, keywords, types, _of in HINTS:
        if words & triggers and ((types and all(d.type in types for d in devices)) or (keywords and all(
                keywords[0] in d.name for d in devices))):  # "boil the kettle": the device the need names
            rooms = [m for m in clause.mentions if m.kind == "area"]  # "the ceiling light in the kitchen is
            # too bright": the room said picks among the devices of that name, as in a command
            return Clause(tokens=clause.tokens, intent=intent, mentions=[*clause.devices, *rooms],
                          marker=clause.marker, excluded=clause.excluded)
    return None


def _narrowed_to(clause: Clause, chosen: list[Device]) -> list[Mention]:
    """The clause's names of devices, each keeping only those `chosen`, and the rooms it says: chosen among as a
    command's names are, by the room said, else the speaker's, else asked which ("the aircon is too cold" said in one
    bedroom of a flat whose every bedroom has an "… Aircon": that room's; never the four others)."""
    named = [replace(m, devices=tuple(d for d in m.devices if d in chosen)) for m in clause.devices]
    return [*(m for m in named if m.devices), *(m for m in clause.mentions if m.kind == "area")]


class TargetChoosing:
    """Which devices a clause means: RuleMatcher's choosing of them, kept apart from its reading of the sentence
    (RuleMatcher inherits it and sets these attributes)."""

    registry: Registry
    area: str | None
    mentions: MentionFinder
    _sensed: set[str]

    def _by_use(self, clause: Clause) -> Clause | None:
        """ "turn off the thing that boils water", "the machine that makes coffee": a device said by what it does (the
        need after "that" names one device), told what the clause's own verb says."""
        tokens = clause.tokens
        at = next((i for i in range(1, len(tokens) - 1) if (tokens[i] in ("that", "which") and tokens[i - 1] in
                   USE_NOUNS) or (tokens[i] == "whatever" and tokens[i + 1] not in COPULAS)), None)  # "turn up
        # whatever heats the study"; "whatever is playing" is the player that plays
        if at is None or clause.devices or clause.type_mention or clause.intent is None:
            return None
        triggers = {w for words, *_ in HINTS for w in words} | set(comfort.COMFORT_VERBS)
        said = [t[:-1] if t[-1:] == "s" and t[:-1] in triggers else t for t in tokens[at + 1:]]  # "boils": "boil"
        need = self._hint(Clause(tokens=said, mentions=self.mentions.find(said)))
        devices = {d for m in need.devices for d in m.devices} if need else set()
        if len(devices) != 1:
            return None
        noun = at if tokens[at] == "whatever" else at - 1
        return Clause(tokens=tokens[:noun + 1], intent=clause.intent, value=clause.value, value_kind=clause.value_kind,
                      mentions=[Mention(noun, noun + 1, "device", tuple(devices), text=tokens[noun])],
                      question=clause.question, marker=clause.marker, excluded=clause.excluded, reason=clause.reason)

    def _hint(self, clause: Clause) -> Clause | None:
        """Read a need ("it's too dark in the study") as an intent on the device that serves it."""
        said = {i for m in clause.mentions if clause.said_here(m) for i in range(m.start, m.end)}  # "the first floor"
        named = said if PRONOUNS & set(clause.tokens) else {i for m in clause.mentions for i in range(m.start, m.end)}
        # is a place; a device borrowed for "it" from the clause before ("the sofa lamp isn't too dim, it's too bright")
        # names no word here (its places were the other clause's: "too bright" was read as its name)
        named |= _sensed_unneeded(clause.tokens)  # "can you hear the tv": no need of the speaker
        words = {t for i, t in enumerate(clause.tokens) if i not in named}
        if clause.devices:  # "the tv is too loud": the need, said of the device that meets it
            return _need_of_named(clause, named, words)
        if of_a_thing(clause.tokens, clause.mentions):  # "my tea is cold" said beside "… and I'm freezing": how the
            return None  # tea is, whatever the other clause says; never the kettle (batch 75)
        area = clause.area or self.area
        kind = clause.type_mention.type if clause.type_mention else None  # "the fan is too loud": never the tv
        place, said = clause.area is not None or bool(HERE_WORDS & words), set(clause.tokens)
        hints = [h for h in HINTS if (kind is None or not h[3] or kind in h[3]) and (
            not h[4] or place or h[4] & said or ("it" in words and not SPEAKER_WORDS & words))]  # "it is damp";
        # not "I need water", "some water please": a drink, no need of a thing's
        first = next((types for triggers, _i, _k, types, _of in hints if words & triggers), ("climate",))
        felt = comfort.complaint(clause.tokens) if clause.intent is None and {"climate", "fan"} & set(first) else None
        goal = _felt_for(clause.tokens, 0)  # "get the living room cool": what "it's too hot" asks
        if goal == "":
            return None  # "I like it cold in the study": how it is liked, no need
        felt = goal or felt
        climate = [d for d in self.registry if felt and d.type == "climate"
                   and (area is None or d.area in self._areas(area))]
        if not climate and clause.tokens[0] in comfort.COMFORT_VERBS:
            return None  # "cool the bedroom": no cooling there, and never the heating a "cool" complaint turns on
        if len(climate) > 1 and clause.area is None and _whole_home(clause.tokens):  # "warm the house up": every
            return Clause(tokens=clause.tokens, unclear=True, ask=WHICH_ROOM)  # room's heating and the AC (perhaps
            # cooling) at once; asked which room
        if climate:  # "it's too hot in the living room": that room's cooling or target; never another room's
            intent, mode, chosen = comfort.comfort_plan(felt or "", climate, step=clause.relative and clause.tokens[
                0] in comfort.COMFORT_VERBS)  # "warm it up in here a little": a step, never the heater just on
            return Clause(tokens=clause.tokens, intent=intent, value=mode, value_kind=mode and comfort.MODE,
                          mentions=[Mention(0, 0, "device", tuple(chosen) if area or len(climate) == 1 else
                                            tuple(climate), plural=area is not None)],  # no room: which one?
                          marker=clause.marker, excluded=clause.excluded)
        for triggers, intent, keywords, types, of in hints:
            if not words & triggers:
                continue
            thing = not of or bool(of & said)  # "the lawn is dry"; said only of a place, a device there meets it
            chosen = self._meeting(keywords, types, area, thing)
            if not chosen:
                continue
            by_type = area is not None and bool(types) and all(d.type in types for d in chosen) and intent != PLAY
            # every light there; never every player playing ("put some music in the hall" with a tv and a music
            # system: one music, which one is asked)
            mentions = [Mention(0, 0, "device", tuple(chosen), plural=by_type)]
            if by_type and kind is not None and kind in types:
                mentions = clause.mentions  # "the lamps in the living room are too bright": the kind and room said,
                # so those are its lamps, as in "turn off the lamps in the living room", not every light there
            return Clause(tokens=clause.tokens, intent=intent, mentions=mentions, implied_type=None,
                          marker=clause.marker, excluded=clause.excluded)
        return None

    def _meeting(self, keywords: tuple[str, ...], types: tuple[str, ...], area: str | None,
                 thing: bool) -> list[Device]:
        """The devices of `area` (the home's, where None) that meet a need: those named by the first of its keywords
        that names any ("it's damp": the dehumidifier, else the extractor, else a fan), else those of its types (a
        light switched by a plug among the lights); else, where the need is said of a thing (`thing`: "the lawn is
        dry") and the room has none, the home's one device named by its first keyword."""
        pool = [d for d in self.registry if area is None or d.area in self._areas(area)]
        chosen = next((found for keyword in keywords if (found := [
            d for d in pool if keyword in d.name or any(keyword in a for a in d.aliases)])), [])
        if not chosen and types:
            chosen = [d for d in pool if d.type in types]
            if not chosen and "light" in types:
                chosen = [d for d in pool if _switched_light(d)]
        if not chosen and area is not None and keywords and thing:
            home = [d for d in self.registry if keywords[0] in d.name]
            chosen = home if len(home) == 1 else []
        return chosen

    def _scope(self, clause: Clause) -> tuple[str | None, bool, str | None]:
        """Where the clause acts and whether on every matching device: (area, everything, problem).

        The area is the one said, or the speaker's for "in here"; everything comes from "all", "each", "the
        whole house", "lock up", or a question over a kind ("are any doors unlocked?", "are the doors locked?").
        """
        area, words = clause.area, set(clause.tokens)
        here = clause.speakers_room_said
        if area is None and here:
            if self.area is None and not clause.devices:
                return None, False, "Which room do you mean?"
            area = self.area
        everything = _every_said(clause.tokens) or (area is None and bool(HOME_WORDS & words)) or (
            clause.question and bool(QUESTION_QUANTIFIERS & words)) or says(clause.tokens, "lock", "up") or (
            clause.question and clause.type_mention is not None and clause.type_mention.plural) or (
            clause.intent == LOCK and area is None and clause.type_mention is not None and clause.type_mention.plural
            and clause.type_mention.type == "lock")  # "lock the doors": every lock, as "lock up" (the safe way)
        place = None if clause.devices or area is not None else self._unknown_place(clause)
        if place is not None:  # "the lights in the dining room" where there is none: not the speaker's room
            return None, False, f"I don't know a room called {place}."
        return area, everything, None

    def _everything(self, clause: Clause, area: str | None) -> list[Device]:
        """ "switch everything off": the things that switch in the room said, the speaker's, or the home;
        "close everything in the lounge": every device there."""
        asked = clause.question and bool({"anything", "everything"} & set(clause.tokens))  # "is anything on upstairs?"
        said = "everything" in clause.tokens or (_all_of_it(clause.tokens) and bool(area or self.area) and not
                                                 clause.question)  # "turn off all", "turn it all off" in a room: its
        # things, as "close all" there is its covers; with no room, "all" alone may be cut short: asked ("is that all"
        # asks nothing of them)
        if not asked and (not said or not (area or self.area or clause.intent in (ON, OFF))):
            return []
        home = clause.intent == OFF and _whole_home(clause.tokens)
        where = area or (None if home else self.area)  # "everything off everywhere" said in the lounge: the home's;
        # only off reaches the whole home
        rooms = self._areas(where) if where else None
        state = next((STATES[t] for t in clause.tokens if t in STATES), None) if asked else clause.intent
        # not the doors and blinds; "is anything on?" asks the things that switch, "is anything open?" the covers
        kinds = SWITCHABLE if state in (ON, OFF) else {INTENT_TYPES[state]} if asked and state in INTENT_TYPES \
            else None
        return [d for d in self.registry if (rooms is None or d.area in rooms) and (kinds is None or d.type in kinds)]

    def _targets(self, clause: Clause) -> tuple[list[Device], str | Ask | None]:
        """The devices a clause means, or a question back when it could mean several."""
        area, everything, problem = self._scope(clause)
        if problem is None and self._everywhere(clause, area):
            problem = Ask("Everything in which room?", ())  # no options: the answer names a room
        if problem is None and "both" in clause.tokens and not (clause.devices or clause.type_mention or area or
                                                                 self.area or clause.implied_type):
            problem = "Both of which do you mean?"  # "close both" with nothing said before and no room known: never
            # the two covers "close" happens to reach ("make it brighter" … "both": the lights, their room asked)
        kind = clause.type_mention
        if problem is None and kind is not None and not clause.devices and clause.said_here(kind) and kind.start and \
                clause.tokens[kind.start - 1] in OTHER_ONES:  # "turn off the other light" with nothing said before
            problem = "Which one do you mean?"  # in it: other than which is not said, never every light of the room
        if problem is not None:
            return [], problem
        targets, problem = self._chosen(clause, area, everything)
        if everything and EVERYTHING_WORDS & set(clause.tokens) == {"both"} and len(targets) != 2:
            near, unclear = self._chosen(clause, area, False)  # "both lamps" said in a room of two lamps: those two,
            if unclear is None and len(near) == 2:  # whatever the home has elsewhere (else every one, asked which two)
                targets = near
        if everything and clause.intent not in (LOCK, QUERY) and not clause.devices:  # "close everything", "open all
            # the covers", "everything on" in the garden: never the garage door, the gate or its opener with them
            kept = [d for d in targets if not d.guards_a_way_in]
            if targets and not kept:
                name = targets[0].name
                return [], f"The {name} only {'move' if plural(name) else 'moves'} when you name {it(name)}."
            targets = kept
        ways = [d for d in targets if d.guards_a_way_in]
        if clause.intent == OPEN and not clause.devices and clause.type_mention is None and len(ways) > 1:
            return [], which(ways)  # "open the garage" where it has two garage doors: which one, never both (a way in
            # moves only when named; "close the garage" closes both, the safe way)
        return targets, problem

    @staticmethod
    def _reading(clause: Clause) -> bool:
        """The clause says only what is measured, with perhaps a room ("temperature living room", "humidity in the
        bathroom") or a device ("study heater temperature", "tv volume"): a question, since nothing is asked of it."""
        placed = {i for m in clause.mentions if m.kind in ("area", "device") for i in range(m.start, m.end)}
        said = {t for i, t in enumerate(clause.tokens) if i not in placed} - STOPWORDS - {"the"}
        settings = QUANTITY_NOUNS if clause.devices else set()  # "sofa lamp brightness", "tv volume": its setting
        return bool(said) and all(QUANTITY_WORDS.get(t) == t or t in settings for t in said)

    def _everywhere(self, clause: Clause, area: str | None) -> bool:
        """ "Everything" with no room said or known, or with the whole home said, for more than switching off or
        locking: the room is asked ("turn everything on", "close everything", "turn on everything in the house";
        "stop everything" may mean only the music)."""
        home = _whole_home(clause.tokens)
        return _all_of_it(clause.tokens) and not clause.devices and clause.type_mention is None and (
            area is None and (self.area is None or home)) and not (
            clause.intent in (LOCK, QUERY) or (clause.intent == OFF and "off" in clause.tokens))

    def _chosen(self, clause: Clause, area: str | None, everything: bool) -> tuple[list[Device], str | Ask | None]:
        """The devices a clause means in its scope, or a question back when it could mean several."""
        words = set(clause.tokens)
        if clause.intent == QUERY and not clause.devices:
            sensing = self._by_class(clause, area, everything)
            if sensing:
                return sensing, None
        if clause.devices:
            return self._named(clause, area, everything)
        if self._kind_of_unknown(clause):
            return [], self._unknown(clause)
        kind = clause.type_mention.type if clause.type_mention else None
        plural = bool(clause.type_mention and clause.type_mention.plural) or everything
        way = _comparative_way(clause) if kind is None and clause.implied_type is None else None
        if way is not None and area is not None:  # "make the bedroom lower": its blinds, its lights or its heating?
            return [], f"What should I {way} {_place(area)}?"
        if kind is None:
            kind = self._kind_unsaid(clause, area)
        if kind is None:
            return self._everything(clause, area), None
        if kind == "vacuum":  # "hoover the hallway": the room is where to clean, not where the robot lives
            area = None
        quantity = next((QUANTITY_WORDS[t] for t in clause.tokens if t in QUANTITY_WORDS), None)
        if clause.intent == QUERY and area is None and quantity and OUTDOOR_WORDS & words:
            return self._outdoors(quantity)
        said, called = _called_by(clause.type_mention.text) if clause.type_mention else (None, frozenset[str]())
        where = area if area is not None else self._speakers_room(clause, kind, called, everything)
        rooms = self._areas(where) if where else None
        pool = [d for d in self.registry if d.type == kind and (rooms is None or d.area in rooms)]
        if where is None and not everything and plural and len({d.area for d in pool}) > 1:
            said = clause.type_mention.text if clause.type_mention else KIND_NAMES.get(kind, kind.replace("_", " "))
            return [], Ask(f"Which room's {said}: " + ", ".join(sorted({d.said_area for d in pool})) + "?",
                           tuple(pool))
        own = clause.type_mention is not None and clause.type_mention.text in OWN_KINDS  # never the room's radio
        elsewhere = _called_elsewhere(self.registry, called, pool, {kind}) if own and where is not None and not \
            everything else []
        if elsewhere and clause.area is not None:  # "the tv in the kitchen" where only a radio is: none there
            return [], f"{_there_is_no(clause.type_mention.text if clause.type_mention else '')} {_place(where)}."
        if elsewhere:  # "the telly" said in a kitchen whose only player is a radio: a tv of the home's, never the radio
            return ([], which(elsewhere)) if len(elsewhere) > 1 and not plural else (elsewhere, None)
        if clause.intent == QUERY and kind == "sensor" and quantity:  # "are any things hot?": what measures heat
            pool = _measuring(pool, quantity)
            if not pool:
                return [], f"There is no {quantity} sensor{f' {_place(where)}' if where else ''}."
        noun = _noun_said(clause, said)
        pool, ask = _by_noun(clause, pool, noun, said, called, where, rooms, own, everything)
        if ask is not None:
            return [], ask
        if kind == "light" and rooms is not None:
            pool += [d for d in self.registry if _switched_light(d) and d.area in rooms]
        elif rooms is not None:  # "close the door" in the garage: its door
            pool += [d for d in self.registry if _called(d, kind, clause) and d.area in rooms]
        if not pool:
            place = f" {_place(where)}" if where else ""
            said = clause.type_mention.text if clause.type_mention else noun or KIND_NAMES.get(kind, kind.replace(
                "_", " "))
            return [], f"{_there_is_no(said)}{place}."
        return _all_or_asked(clause, kind, pool, said, where, rooms, plural)

    def _speakers_room(self, clause: Clause, kind: str, called: frozenset[str], everything: bool) -> str | None:
        """Where no room is said, the speaker's room when it has a device of the kind (or "everything" is said there,
        not to lock): "turn off the lights" in the kitchen is the kitchen's; None where the home's are meant."""
        # "are the lights on?" said in the kitchen: the kitchen's, as "turn off the lights" is; "are any lights on?",
        # "are all the lights off?" and "are the doors locked?" (locks keep the home) still ask the whole home
        kind_asked = clause.question and kind != "lock" and not (
            EVERYTHING_WORDS | QUESTION_QUANTIFIERS | HOME_WORDS | {"everywhere"}) & set(clause.tokens)
        if self.area is None or not (not everything or _all_of_it(clause.tokens) or kind_asked):
            return None  # "dim everything" said in the lounge: as "turn everything off" there, the lounge's
        mine = [d for d in self.registry if (d.type == kind or (_switched_light(d) if kind == "light" else _called(
            d, kind, clause))) and d.area == self.area]  # "turn the light on" in a garage whose light is a relay
        elsewhere = _called_elsewhere(self.registry, called, mine, {d.type for d in mine})  # "the tv" in a loft
        # with only a speaker, "the lamp" in a room with none: the home's, never the room's other player or light
        return self.area if (mine and not elsewhere) or (_all_of_it(clause.tokens) and clause.intent != LOCK) \
            else None  # the speaker's room, when it has such a device; "close everything" in the kitchen is the
        # kitchen's, or none

    def _named(self, clause: Clause, area: str | None, everything: bool) -> tuple[list[Device], str | Ask | None]:
        """The devices a clause names, each name narrowed to its room, the speaker's room, what it can do and what is
        asked of it; or a question back where a kind said beside is none of them, a name still means several, or none
        of the room said."""
        kind_said = clause.type_mention
        if kind_said is not None and not clause.question and clause.said_here(kind_said) and not any(
                d.type == kind_said.type or (kind_said.type == "light" and "light" in d.name)
                for m in clause.devices for d in m.devices):  # "turn the lights off the tv": which of them is meant
            named = [d for m in clause.devices for d in m.devices]
            return [], f"Which do you mean: the {kind_said.text} or the {' and the '.join(d.said_name for d in named)}?"
        told = _told_past(clause)
        if told is not None:  # "kettle turn off the tv", "the tv turn off the speaker": which is meant
            return [], f"Which do you mean: the {told[0].text} or the {told[1].text}?"
        chosen: list[Device] = []
        mentions = clause.devices
        if clause.question:  # "the amount of gas indicated by the monthly gas consumption": one sensor, described
            mentions = [m for m in mentions if not any(
                n is not m and set(m.text.split()) < set(n.text.split()) for n in mentions)]
        for mention in mentions:
            devices = list(mention.devices)
            room = clause.area or (self.area if clause.speakers_room_said else None)  # "in my room": the speaker's
            if room is not None and clause.said_here(mention) and not any(
                    d.area in self._areas(room) or d.type == "vacuum" for d in devices):
                return [], self._not_there(mention, room)  # not the one elsewhere
            if len(devices) > 1 and area is not None:
                devices = [d for d in devices if d.area in self._areas(area)] or devices
            if len(devices) > 1 and self.area is not None and not everything:  # "how many aircon on now", "turn
                devices = [d for d in devices if d.area == self.area] or devices  # off all the aircons": the home's,
                # as "all the lights" are, though "the aircon" is a name they share ("Living Room Aircon" said short)
            mine = self._mine_instead(devices, clause, mention)
            if mine:
                return [], which([*devices, *mine])  # "the main light" said in the bedroom: which one
            if len(devices) > 1:  # "the big light" said where no room says which: the devices so named, not
                devices = [d for d in devices if d not in mention.read_as] or devices  # the ceiling lights
            if clause.intent == QUERY:
                devices = self._own_sensors(devices, clause, mention)
                other = other_question(clause, devices)  # "where is the kettle", "how loud is the kettle"
                if other is not None:
                    return [], other
            if len(devices) > 1 and clause.intent == QUERY:  # "is the phone charging?": its charging sensor
                kinds = {d.device_class for d in devices}  # said beside the name first: "is the pet door locked?"
                beside = [t for i, t in enumerate(clause.tokens) if not mention.start <= i < mention.end]
                classes = _classes_said(beside, kinds) or _classes_said(clause.tokens, kinds)
                devices = _by_reading([d for d in devices if d.device_class in classes] or devices, clause.tokens)
            if len(devices) > 1 and clause.intent not in (QUERY, None):  # "open the sliding door": not the lock
                devices = [d for d in devices if _call(d, clause)[0] is not None] or devices
            if len(devices) > 1 and not everything and not mention.plural:
                return [], which(devices)
            chosen.extend(d for d in devices if d not in chosen)
        return chosen, None

    def _kind_unsaid(self, clause: Clause, area: str | None) -> str | None:
        """The kind of device a clause means where it says none: its verb's ("lock up": the locks), the kind its words
        imply ("lower the volume": a player), what a question asks of a room, or its value's ("bedroom 50 percent":
        the lights; "set the living room to 22": the heating)."""
        words = set(clause.tokens)
        kind = INTENT_TYPES.get(clause.intent or "") or clause.implied_type
        if clause.intent in (OPEN, CLOSE) and clause.implied_type and (
                RAISE_LOWER & words or (clause.implied_type == "media_player" and MEDIA_WORDS & words)):
            kind = clause.implied_type  # "lower the volume" is the speaker's, not the blinds'; "close the music"
            # (a learner's "turn off") the player's
        if clause.intent == QUERY:
            kind = self._query_kind(clause, area or self.area) or kind
        if clause.intent == QUERY and kind is None and clause.area is not None:  # "is the garage open": what
            kind = next((INTENT_TYPES.get(STATES[t]) for t in clause.tokens if t in STATES), None)  # opens there
        if kind is None and clause.value_kind == "percent" and area:
            kind = "light"  # "bedroom 50 percent", "50 percent in here": the room's lights; "half" said alone levels
            # nothing said (asked, never the speaker's room's lights: its blinds, its player's volume)
        if kind is None and clause.area and clause.intent in (SET, UP, DOWN, None) and (
                clause.value_kind == "degrees" or (clause.value_kind == "number" and ROOM_TEMPERATURES[0] <= float(
                    clause.value or 0) <= ROOM_TEMPERATURES[1])):
            kind = "climate"  # "set the living room to 22", "make the lounge twenty two": its heating or cooling;
            # not "the bathroom one", nor "the lounge 5"
        return kind

    def _unknown_place(self, clause: Clause) -> str | None:
        """The words after "in the" or "at my", after a kind said "of the" or "from the" ("all the lights of the
        cellar"), or before "room", when they name no area the home has."""
        tokens = clause.tokens
        direction = next((b for a, b in pairwise(tokens) if a in ("of", "in") and PARTICLES.get(b) in (UP, DOWN)), None)
        if direction is not None:  # "all the lights of down" (a learner's "downstairs"): a direction where a place
            return direction  # goes names none; left unread, "all the lights" would be every light in the home
        covered = {i for m in clause.mentions for i in range(m.start, m.end)}
        rooms = {m.start: m.end for m in clause.mentions if m.kind == "area"}
        for i, token in enumerate(tokens):
            after = tokens[i + 1 + (tokens[i + 1:i + 2] == ["the"]):][:1]  # "at work", "at the office"
            of_kind = token in ("of", "from") and i > 0 and tokens[i - 1] in TYPE_WORDS and tokens[i + 1:i + 2] in (
                ["the"], ["my"], ["our"]) and not any(m.kind == "device" and m.start < i <= m.end for m in (
                    clause.mentions))  # "the lights of the cellar", "the lamp from the attic": where they are; never
            # "the front door of the car" (a part of something, asked)
            if token != "in" and not of_kind and not (token == "at" and (tokens[i + 1:i + 2] in (["my"], ["our"]) or (
                    after and after[0].isalpha() and not accounted(after[0]) and after[0] not in EARLIER_WORDS))):
                continue  # "in the shed", "at my mum's house", "at work"; never "at sunset", "at 7"
            if token == "in" and i and tokens[i - 1].endswith("ed") and tokens[i + 1:i + 2] not in (["the"], ["my"], [
                    "our"]):
                continue  # "my hands are covered in flour": what something is covered with, not a place
            if token == "in" and tokens[i + 1:i + 2] and tokens[i + 1] in CONDITION_WORDS:
                continue  # "in case someone comes": a condition, never a room called "case someone comes"
            if token == "in" and i > 1 and tokens[i - 1] in COPULAS and i - 2 not in covered and tokens[
                    i - 2].isalpha() and tokens[i - 2] not in PRONOUNS:
                continue  # "the messages are in the car": where a thing named for no device is, no room of the home
            j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1] in ("the", "my", "our"))
            words = []
            while j < len(tokens) and j not in covered and tokens[j].isalpha() and tokens[j] not in STOPWORDS \
                    and tokens[j] not in PARTICLES and not _colour_at(tokens, j, rooms) and tokens[j] not in SPEEDS \
                    and verb_of(tokens[j]) is None:
                words.append(tokens[j])
                j += 1
            if words[:1] and words[0] in BODY_PARTS and tokens[i + 1:i + 2] == ["my"] and not ROOM_NOUNS & set(words):
                continue  # "the pain in my knee come back": where the pain is, never a room the home lacks ("in my
                # back room" is one: helper R)
            if words and j in rooms and _colour_at(tokens, j - len(words), {}):
                words += tokens[j:rooms[j]]  # "in the red bedroom": a room of that colour, which the home lacks
            measured = token == "in" and i > 0 and QUANTITY_WORDS.get(tokens[i - 1]) == tokens[i - 1]
            if (of_kind or measured) and self.mentions.names_a_device([*words, tokens[i - 1]]):
                continue  # "the lamp of the desk": a learner's "the desk lamp"; "the temperature in the fridge"
            if set(words) - ROOM_NOUNS - HERE_WORDS - HOME_WORDS - EVERYTHING_WORDS - FURNITURE:
                return " ".join(words)
        return next((f"{word} {room}" for i, (word, room) in enumerate(pairwise(tokens)) if room in ROOM_NOUNS and not (
            {i, i + 1} & covered) and word.isalpha() and not accounted(word)), None)  # "is the baby's room warm
        # enough", "the guest room light": a room named that the home does not have, wherever it is said

    def _by_class(self, clause: Clause, area: str | None, everything: bool) -> list[Device]:
        """The devices whose device class the question names; locks keep "is the door locked"."""
        if {"locked", "unlocked", "lock", "locks"} & set(clause.tokens):
            return []
        rooms = {i for m in clause.mentions if m.kind == "area" for i in range(m.start, m.end)}
        said = [t for i, t in enumerate(clause.tokens) if i not in rooms]  # a room's words name no class: "the
        # humidity in the wet room" asks the humidity sensor, never the leak ("wet") sensor
        classes = _classes_said(said)
        if not classes and (clause.type_mention is None or clause.type_mention.type == "sensor"):
            classes = _classes_said(said, self._sensed)  # "what's the wind speed?": by the class's own name
        if SENSING_WORDS & set(clause.tokens):  # "are any lights detected?": light sensors, not the lights
            classes |= {_singular_noun(t) for t in clause.tokens}
        if classes & {"door", "window", "garage_door"}:
            classes.add("opening")  # Home Assistant's generic open/closed contact
        pool = [d for d in self.registry if d.device_class in classes
                and (area is None or d.area in self._areas(area))]
        if area is None and not everything and self.area is not None:
            pool = [d for d in pool if d.area == self.area] or pool
        return _by_reading(pool, clause.tokens)

    def _not_there(self, mention: Mention, area: str) -> str:
        """ "There is no heating upstairs; there is the study heater.": what was named is elsewhere; what of its kind
        is there is named, for the user to ask for by name (never done in its place)."""
        kinds = {d.type for d in mention.devices} - {"switch"}  # a plug switches anything: no kind of its own
        there = [d.said_name for d in self.registry if d.type in kinds and d.area in self._areas(area)]
        be = "is" if len(there) == 1 and _there_is_no(there[0]).startswith("There is") else "are"
        other = f"; there {be} the {' and the '.join(there)}" if 0 < len(there) <= 3 else ""
        return f"{_there_is_no(mention.text)} {_place(area)}{other}."

    def _areas(self, area: str) -> tuple[str, ...]:
        """An area, or the areas of a group ("upstairs")."""
        return self.registry.area_groups.get(area, (area,))

    def _kind_of_unknown(self, clause: Clause) -> bool:
        """The kind said, or with none the thing measured ("the screen brightness" where there is no screen), names a
        device we don't know by the word before it ("the christmas lights"): never every device of the kind."""
        if clause.type_mention is not None:
            return self._unknown_modifier(clause, clause.type_mention)
        implied_at = next((i for i, t in enumerate(clause.tokens) if t in QUANTITY_NOUNS), None)
        return bool(implied_at) and self._unknown_modifier(
            clause, Mention(implied_at, implied_at + 1, "type", text=clause.tokens[implied_at]))

    def _unknown_modifier(self, clause: Clause, mention: Mention) -> bool:
        """ "the christmas lights" is a device we don't know, not every light in the home."""
        if mention.start == 0 or clause.tokens[mention.start:mention.end] != mention.text.split():
            return False  # first word, or a mention carried over from the previous clause
        word = clause.tokens[mention.start - 1]
        known = STOPWORDS | set(VERBS) | set(PARTICLES) | set(SPEEDS) | set(COLORS) | EVERYTHING_WORDS | NEGATIONS | {
            "other", "single", "media", "any", "which", "many", "more", "room", "rooms"} | HOME_WORDS | NUMBER_UNITS \
            | QUESTION_STARTS  # "what temperature is it"
        in_mention = any(m.start <= mention.start - 1 < m.end for m in clause.mentions)
        return not in_mention and word.isalpha() and word not in known and verb_of(word) is None

    def _mine_instead(self, devices: list[Device], clause: Clause, mention: Mention) -> list[Device]:
        """A name said without its room's words ("the main light" for "Lounge Main Light") lets the room say which;
        said in another room that has a device of that kind and word ("Bedroom Ceiling Light"), no room said, the
        speaker may mean the one in the room: those, to ask about. None where the name is said whole."""
        said = tuple(mention.text.split())
        if self.area is None or clause.area is not None or clause.speakers_room_said or not said or any(
                d.area == self.area or said_as(d.name) != (*said_as(d.area or ""), *said) for d in devices):
            return []
        kinds = {d.type for d in devices}
        return [d for d in self.registry if d.area == self.area and d.type in kinds and said[-1] in said_as(d.name)]

    def _own_sensors(self, devices: list[Device], clause: Clause, mention: Mention) -> list[Device]:
        """ "how warm is the hot tub", "is the hot tub hot yet": a quantity asked of a device that has its own sensor
        of it, named after it ("Hot Tub Temperature"), is that sensor's reading, not the switch's on or off. Only a
        quantity word said outside the name counts (the "hot" of "hot tub" asks nothing)."""
        beside = [t for i, t in enumerate(clause.tokens) if not mention.start <= i < mention.end]
        quantity = next((QUANTITY_WORDS[t] for t in beside if t in QUANTITY_WORDS), None)
        if quantity is None or any(d.type == "sensor" for d in devices):
            return devices
        own = [s for s in self.registry if s.type == "sensor" and _measures(s, quantity) and any(
            s.area == d.area and s.name.startswith(f"{d.name} ") for d in devices)]
        return own or devices

    def _outdoors(self, quantity: str) -> tuple[list[Device], str | None]:
        """ "what's the temperature outside", "is it cold outside" said in the granary: the home's devices named for
        outdoors that read what is asked (the Outside Temperature), never the speaker's room's heater or thermometer."""
        outside = [d for d in self.registry if OUTDOOR_WORDS & d.name_words and _measures(d, quantity)]
        if not outside:
            return [], f"There is no outside {quantity} sensor."
        return ([], which(outside)) if len(outside) > 1 else (outside, None)

    def _query_kind(self, clause: Clause, area: str | None) -> str | None:
        quantity = next((QUANTITY_WORDS[t] for t in clause.tokens if t in QUANTITY_WORDS), None)
        if quantity is None:
            return None
        here = [d for d in self.registry if area is None or d.area in self._areas(area)]  # "upstairs": its rooms
        if any(d.type == "sensor" and _measures(d, quantity) for d in here) or quantity != "temperature":
            return "sensor"  # heating knows its room's temperature, not its humidity
        return "climate" if any(d.type == "climate" for d in here) or not any(d.type == "sensor" for d in here) \
            else "sensor"

    def _unknown(self, clause: Clause) -> str:
        words = [t for t in clause.tokens if t not in STOPWORDS and t not in VERBS and t not in PARTICLES
                 and as_number(t) is None and t not in NUMBER_UNITS and t not in COLORS and t not in SPEEDS
                 and t not in IMPLIED_TYPES]
        if clause.intent != QUERY and (said := [t for t in clause.tokens if t in PRONOUNS]):  # "turn it back on",
            return f"Which device do you mean by \"{said[0]}\"?"  # "switch it off" with nothing said before it
        if clause.intent == QUERY or not words or not nameable(words, clause.tokens):
            return OUT_OF_HOME
        return f"I don't know a device called {as_said(words)}."


def _told_past(clause: Clause) -> tuple[Mention, Mention] | None:
    """A device said first, then a command with its own verb naming another ("kettle turn off the tv"; a person's name
    read as a device's): the first is no part of the command, someone or something spoken to, and with no "and" the
    verb is never lent back to it; the two, or None where the sentence is not so."""
    said = [m for m in clause.devices if clause.said_here(m)]
    if clause.question or len(said) < 2 or said[0].start > 1 or said[0].devices == said[1].devices:
        return None
    between = clause.tokens[said[0].end:said[1].start]
    if between[:1] and verb_of(between[0]) is not None and not {"and", "or", CLAUSE_BREAK} & set(between):
        return said[0], said[1]
    return None
