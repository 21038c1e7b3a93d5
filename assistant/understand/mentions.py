"""Find what a clause talks about: devices by name or alias, areas, and kinds of device.

Longest phrase wins ("living room blinds" is a device, not the area "living room" plus "blinds").
A close misspelling of a name ("dehumidifer") still matches; a word that resembles nothing does not, nor one
that resembles two names about equally, nor a phrase with a different word in it ("green light" is not the
garden light, "the boardroom light" not the bedroom light). A bare type word ("lights", or "light" for a device
called "lamp") means the kind of device, not the one device that happens to be named with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import product

from assistant.registry import Device, Registry
from assistant.tools import COLORS
from assistant.understand.lexicon import LEXICON
from assistant.understand.normalize import (
    AMOUNTS,
    CLAUSE_BREAK,
    CONTRACTIONS,
    DETERMINERS,
    FILLERS,
    LOAN_VERBS,
    SIDES,
    as_heard,
    kept_pattern,
    said_as,
)

TYPE_WORDS: dict[str, str] = LEXICON.table("type_words")  # words that name a kind of device, not one device
LAMP_OR_LIGHT = LEXICON.table("lamp_or_light")
AREA_ALIASES = LEXICON.table("area_aliases")
STOPWORDS = LEXICON.words("stopwords")
SCENE_WORDS = LEXICON.words("scene_words")  # "party mode", "party time", "party scene": one scene
MEDIA_WORDS = LEXICON.words("media_words")
MODEL_WORDS = LEXICON.words("model_words")  # "shellyplus1pm": shelly, plus, 1, pm
ROOM_WORDS = LEXICON.words("room_words")  # "the kitchen" of a Kitchen-Diner: a room said short
ROOM_NOUNS = LEXICON.words("room_nouns")  # "the lights in this space": the speaker's room; "Heather Room": a room
USE_NOUNS = LEXICON.words("use_nouns")  # "the machine that makes coffee": a device said by what it does
BRANDS = LEXICON.table("brands")  # "the sonos" for "Sonos Beam": a name said by its brand
BESIDE_WORDS = LEXICON.phrases("beside_words")  # "the lamp next to the sofa": the sofa lamp
OWN_COVERS = LEXICON.words("own_covers")  # "the shutters": only a device named or classed so, never the blinds
OWN_KINDS: dict[str, str] = LEXICON.table("own_kinds")  # "the AC" of a "Portable AC"; "the little telly" a "Little TV"
VERB_WORDS: dict[str, str] = LEXICON.table("verbs")  # "pump" is a verb too: "the pump" of a Water Pump only as a noun
PLURAL_TYPE_WORDS = LEXICON.derived(lambda: {w for w in TYPE_WORDS if w.endswith("s")
                                               and w not in ("blinds", "curtains", "drapes")})
_NAME_ENDS = {CLAUSE_BREAK, "on", "off", "up", "down", "please", "and", "now", "too", "running", "is", "was",
              "for", "at"}  # after a name said in part ("is the extractor running"; "the kettle is open, close it":
# said of it; "turn on the stars for the kids": who it is for; "what's the fridge at": its level)
COLOR_STARTS = frozenset(c.split()[0] for c in COLORS)  # a colour said after a name said in part ("the leds purple")
# after a verb: what it acts on ("beam me up", "strip the bed"); a name's word said first with none of them after it
# is no verb
_OBJECTS = LEXICON.derived(lambda: DETERMINERS | LEXICON.words("pronouns") | LEXICON.words("said_to") | {"you"})
_DAY_PARTS = LEXICON.words("day_parts")  # "the night light" of Cloud Night Light: a part of the day before a kind
# says what the thing is for, as a name's own word would
_PLACE_WORDS = {"about", "above", "at", "behind", "below", "beside", "by", "for", "from", "in", "into", "near", "next",
                "of", "over", "to", "under", "with"}  # before a thing, not a device ("on" is also a switch's)
# Words read as other words before anything else ("mi" as "me", "kai" as "open"): in a name of the home, as said
_OPENED = LEXICON.derived(lambda: set(CONTRACTIONS) | set(LOAN_VERBS))
_BEING = {"is", "are", "was", "were"}  # "the dog is on the sofa": where someone is, before "on" and a thing


@dataclass(frozen=True)
class Mention:
    """A span of the clause that refers to devices (by name), an area, or a kind of device."""

    start: int
    end: int
    kind: str  # "device", "area" or "type"
    devices: tuple[Device, ...] = ()
    area: str | None = None
    type: str | None = None
    plural: bool = False
    fuzzy: bool = False
    text: str = ""  # the words as said, for replies ("There is no fan in the garage")
    read_as: tuple[Device, ...] = ()  # of `devices`, those the words name only as the lexicon reads them ("the big
    # light" where "big light" and "ceiling light" are both names: the ceiling lights) or as the speaker's own ("my
    # kettle" of a Granny Flat Kettle, said there), after the ones so named


FUZZY_MARGIN = 0.05


def _close(said: str, name: str, least: float) -> bool:
    """One word of a name, misspelled: "gardn" for "garden", "dore" for "door", "kettel" for "kettle"."""
    return SequenceMatcher(None, said, name).ratio() >= least or (sorted(said) == sorted(name) and len(name) >= 5)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _places_after(tokens: list[str], at: int) -> Iterator[tuple[tuple[str, ...], int, bool]]:
    """Each place word said right after tokens[at] ("the lamp next to the sofa", "the lights under the cupboards"):
    the place word, where what it places starts (past a "the", "my" or "our") and whether one was said ("by the
    door", never "by 20"); the one reading of `_described` and `_described_by_place`."""
    for phrase in BESIDE_WORDS:
        j = at + 1 + len(phrase)
        if tuple(tokens[at + 1:j]) == phrase:
            told = tokens[j:j + 1] in (["the"], ["my"], ["our"])
            yield phrase, j + told, told


def _split(words: tuple[str, ...], common: frozenset[str]) -> set[tuple[str, ...]]:
    """A name's word that ends in a kind word, said as two ("sky light" for "Skylight", "the spot lights" for "Kitchen
    Spotlights"): the recogniser's spacing, as a compound is written open. Not where the first part is a `common`
    word, said for itself ("turn down lights" in a kitchen with Downlights: a way, not the name)."""
    return {(*words[:k], w[:-len(kind)], kind, *words[k + 1:]) for k, w in enumerate(words) for kind in TYPE_WORDS
            if w.endswith(kind) and len(w) - len(kind) > 2 and w[:-len(kind)] not in common}


def _coded(word: str) -> bool:
    """A hub's code for one device ("a8032ab1", "5a3f2c"): letters and digits, never said."""
    return len(word) >= 6 and word.isalnum() and not word.isalpha() and not word.isdigit()


def _model_parts(run: str) -> list[str]:
    """ "shellyplus" -> shelly, plus; "minig" -> mini, g: a model word's run of letters in the words it is said in."""
    for word in MODEL_WORDS:
        if run.endswith(word) and len(run) - len(word) >= 3:
            return [*_model_parts(run[:-len(word)]), word]
        if run.startswith(word) and len(run) > len(word):
            return [word, *_model_parts(run[len(word):])]
    return [run]


def _model_said(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A name a hub gave, its model and a code ("shellyplus1pm-a8032ab1", "shelly1minig3-84fce63e"), as people say it:
    the model's words and numbers without the code ("shelly plus 1 pm", "shelly 1 mini"), whole or its first words."""
    if len(words) != 2 or not _coded(words[1]) or words[0].isalpha() or not words[0].isalnum():
        return set()
    said = [part for run in re.findall(r"[a-z]+|\d+", words[0]) for part in (
        _model_parts(run) if run.isalpha() else [run])]
    return {words[:1], *(tuple(said[:k]) for k in range(2, len(said) + 1))}


def _name_ended(tokens: list[str], at: int) -> bool:
    """What is said at `at` may follow a name said in part: the clause's end, a direction, "is" … (`_NAME_ENDS`), or
    "to" and a number, its level ("… and the counter to 40", fresh16's "the island to 40")."""
    said = tokens[at] if at < len(tokens) else CLAUSE_BREAK
    return said in _NAME_ENDS or (said == "to" and tokens[at + 1:at + 2] != [] and tokens[at + 1][:1].isdigit())


def _starts_name(tokens: list[str], at: int) -> bool:
    """Where words of a name up to a kind may start: after "the", "my", "our" or "both", or first in a clause, as a
    terse command or a speaker who leaves the articles out says them ("desk lamp on", "night light in pink please")."""
    before = tokens[at - 1] if at else CLAUSE_BREAK
    return before in ("the", "my", "our", "both", CLAUSE_BREAK, "and")


def _switched_alone(tokens: list[str], at: int) -> bool:
    """ "pump off", "pump on and irrigation off": the word at `at` said with only "on" or "off" after it, as a terse
    command says a name; "switch off the lights" goes on to what it switches."""
    return tokens[at + 1:at + 2] in (["on"], ["off"]) and tokens[at + 2:at + 3] in ([], [CLAUSE_BREAK], ["and"])


def _renamed(registry: Registry) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The home's names and rooms (as `said_as` gives them) that a rewrite would make another of its names, and that
    name: "big light" -> "ceiling light" in a home that has both (the lexicon reads "the big light" as the ceiling
    light, as a British speaker means it); and those with a word normalizing drops as a filler, as themselves
    ("Bedside Right": "bedside right off" would be "bedside off"). Read as said, they keep the device they name."""
    names = {d: {said_as(p) for p in (d.name, *d.aliases)} for d in registry}
    rooms = {said_as(a) for a in (*registry.areas(), *registry.area_groups)}
    said_by = [(d, n) for d, named in names.items() for n in named] + [(None, r) for r in rooms]
    renamed = {}
    for device, said in said_by:
        heard = as_heard(" ".join(said))
        if heard != said and any(other == heard and owner is not device for owner, other in said_by):
            renamed[said] = heard
        elif len(said) > 1 and FILLERS & set(said):
            renamed[said] = said
        renamed.update({(word,): (word,) for word in set(said) & _OPENED})  # "mi" of a Mi Smart LED Bulb, never "me"
    return renamed


def _as_read(name: str, renamed: dict[tuple[str, ...], tuple[str, ...]]) -> tuple[str, ...]:
    """A name as a sentence of this home is read: as the rewrites leave it ("air con" -> "aircon"), except one a
    rewrite would make another of the home's names (`_renamed`), which is read as said."""
    said = said_as(name)
    return said if said in renamed else as_heard(name)


def _rooms_as_said(registry: Registry, renamed: dict[tuple[str, ...], tuple[str, ...]]) -> dict[tuple[str, ...], str]:
    """Each way the home's rooms and floors are said (their words, as a rewrite reads them, a room in the singular,
    the lexicon's aliases of a room), and the room or floor it says."""
    areas = {tuple(a.split()): a for a in registry.areas()}
    for group in registry.area_groups:  # floors and area aliases: "upstairs"
        areas.setdefault(tuple(group.split()), group)
    for area in (*registry.areas(), *registry.area_groups):  # "nana's room" as said: "nana room"
        areas.setdefault(_as_read(area, renamed), area)
    for area in registry.areas():  # "the fan in stable" (a learner's) of the Stables: a room said as one
        areas.setdefault(tuple(map(_singular, said_as(area))), area)
    for alias, area in AREA_ALIASES.items():
        if area in registry.areas():
            areas.setdefault(tuple(alias.split()), area)
    shortened: dict[str, set[str]] = {}  # "the kitchen" of a Kitchen-Diner, "the office" of a Garden Office
    for area in registry.areas():
        for word in {said_as(part)[-1] for part in area.split("-") if said_as(part)} & ROOM_WORDS:
            shortened.setdefault(word, set()).add(area)
    for word, rooms in shortened.items():
        if len(rooms) == 1:  # "the bedroom" of a Main and a Guest Bedroom: neither (asked, a room the home lacks)
            areas.setdefault((word,), next(iter(rooms)))
    return areas


class MentionFinder:
    """Indexes a registry's names, aliases and areas once; finds mentions in token lists."""

    def __init__(self, registry: Registry, common_words: frozenset[str] = frozenset(),
                 known: Callable[[str], bool] = lambda _word: True, kind_words: frozenset[str] = frozenset()) -> None:
        self.registry = registry
        self._common = STOPWORDS | common_words  # never fuzzy-matched to a name: "tell" is not "telly"
        self._kind_words = kind_words  # "the window": a kind of thing, never a misspelt name ("Wind Down"), though a
        # one-word name may be one ("Awning")
        self._known = known  # a word the lexicon explains: never the first word of a name said alone ("the back")
        self._names: dict[tuple[str, ...], list[Device]] = {}
        self._swapped_only: set[tuple[str, ...]] = set()  # keys reached only by saying light for lamp
        self._modelled: set[str] = set()  # the first words of names a hub gave, said in words ("shelly")
        self.models_said: dict[tuple[str, ...], str] = {}  # ("shelly", "plus", "1", "pm"): "shellyplus1pm"
        renamed = _renamed(registry)
        self.kept = kept_pattern(renamed)  # read as said while this home's sentences are read (`names_kept`)
        self._read_as = {k: heard for said, heard in renamed.items() for k in (said, tuple(map(_singular, said)))}
        self._add_whole_names(registry, renamed)
        self._areas = _rooms_as_said(registry, renamed)
        self._add_short_names(registry, renamed)
        self._area_words = {w for key in self._areas for w in key}
        named = set(self._names)
        parts: dict[tuple[str, ...], list[Device]] = {}
        for device in registry:  # "the strip" for "Loft LED Strip", "the towel rail" (of two: asked which)
            for part in self._parts(device, named):
                parts.setdefault(part, []).append(device)
        self._names.update({part: devices for part, devices in parts.items() if len(part) > 1 or len(devices) == 1})
        self._one_word_parts = {part for part in parts if len(part) == 1} - named  # said as a name only there
        # one word two names end in ("Curtain Left", "Shade Left") is no name said: "how long is left"
        self.words = frozenset(w for key in (*self._names, *self._areas) for w in key)  # every word of a name or room
        self.numbered = {(key[k - 1], w) for key in self._names for k, w in enumerate(key) if k and w.isdigit()}  # a
        # word of a name and the number after it ("bulb", "4" of TRADFRI bulb 4)
        self._longest = max([len(k) for k in (*self._names, *self._areas)] + [1])
        called = {_singular(w) for w in self.words} | {_singular((d.device_class or "").lower()) for d in registry}
        self.unowned = frozenset(w for w in OWN_COVERS if _singular(w) not in called)  # "the shutters" where none is so

    def _add_whole_names(self, registry: Registry, renamed: dict[tuple[str, ...], tuple[str, ...]]) -> None:
        """Each device's name and aliases as they may be said: as written, singular, joined ("coffeemaker"), as the
        lexicon's rewrites read them, a lamp said as a light or the other way round (`_swapped_only` where only so),
        a scene without its word, the last word said as another of its own kind, and split where a common word
        joins two."""
        literal: set[tuple[str, ...]] = set()
        for device in registry:
            for phrase in (device.name, *device.aliases):
                said = phrase.lower().replace("-", " ").replace("_", " ").split()  # "tasmota_5A3F2C" said in words
                words = tuple(w for k, w in enumerate(said) if not k or w != said[k - 1])  # as normalize() hears it
                joined = ("".join(words),) if len(words) > 1 else words  # "coffeemaker"
                swapped = set(product(*({w, LAMP_OR_LIGHT.get(w, w)} for w in words))) - {words}  # "bedside
                # light" for "bedside lamp", "under cabinet lights" for "Under Cupboard Lights": any word said so
                kin = {(*words[:-1], w) for w, kind in OWN_KINDS.items() if kind == OWN_KINDS.get(words[-1]) and len(
                    words) > 1}  # "the little telly" for "Little TV": the last word said as another of its own kind
                said_so = _as_read(phrase, renamed)
                heard = tuple(w for k, w in enumerate(said_so) if not k or w != said_so[k - 1])
                literal |= {words, tuple(_singular(w) for w in words), joined, heard}
                self._swapped_only |= swapped
                scenes = {(*words[:-1], w) for w in SCENE_WORDS} if device.type == "scene" and len(words) > 1 and \
                    words[-1] in SCENE_WORDS else set()
                modelled = _model_said(words)  # "the shelly plus 1 pm" of shellyplus1pm-a8032ab1
                self._modelled |= {key[0] for key in modelled if len(key) > 1}
                self.models_said.update({key: words[0] for key in modelled if len(key) > 1 and key == max(
                    modelled, key=len)})  # read back as the model's word: "1 pm" in it is no time
                for key in {words, tuple(_singular(w) for w in words), joined, heard} | swapped | scenes | kin | _split(
                        words, self._common) | modelled:
                    self._add_name(key, device)
        self._swapped_only -= literal

    def _add_short_names(self, registry: Registry, renamed: dict[tuple[str, ...], tuple[str, ...]]) -> None:
        """Each device's name said short ("the AC" for "Living Room AC", "the back door" for "Back Door Lock"), where
        no other device or room is called so; said short where the whole name is another device's, the speaker's own
        (`_owned`); a short name a device's whole name ends in names it too ("the sprinklers")."""
        named = set(self._names)
        self._owned: dict[tuple[str, ...], list[Device]] = {}  # "my kettle" in the granny flat: its Granny Flat Kettle,
        # though the house's is called Kettle; said short where the whole name is another device's (`_exact`)
        shortened: set[tuple[str, ...]] = set()
        for device in registry:  # "the AC" for "Living Room AC", "the back door" for "Back Door Lock"
            short = self._short_name(device, renamed)
            if short is not None and short in named and device not in self._names[short]:
                self._owned.setdefault(short, []).append(device)
            if short is None or short in named or short in self._areas:
                continue
            swapped = tuple(LAMP_OR_LIGHT.get(w, w) for w in short)  # "the bedside light" for "Oak Bedside Lamp"
            if swapped not in named and swapped != short:
                self._swapped_only.add(swapped)
            for key in {*((short, swapped) if swapped not in named else (short,)), *_split(short, self._common)}:
                self._add_name(key, device)
            shortened.add(short)
        for short in shortened:  # "the sprinklers" of a Backyard and a Side Yard Sprinklers in their yards: a Front
            for device in registry:  # Lawn Sprinklers in the front yard is one too, though its room does not start it
                words = _as_read(device.name, renamed)
                if len(words) > len(short) and words[-len(short):] == short and device.type == self._names[short][
                        0].type:
                    self._add_name(short, device)

    def _add_name(self, key: tuple[str, ...], device: Device) -> None:
        """`key` (words said) names `device` too, once."""
        devices = self._names.setdefault(key, [])
        if device not in devices:
            devices.append(device)

    def _short_name(self, device: Device, renamed: dict[tuple[str, ...], tuple[str, ...]]) -> tuple[str, ...] | None:
        """A name said without what the home already says of it, as people shorten the names a hub gives ("Living
        Room AC", "Back Door Lock"): without its room's words when it starts with them ("the AC", the room then
        says which), or without a last word that is its own kind ("the back door"). None where what is left is a
        room, a kind or a word the lexicon explains ("Living Room Temperature" is no "temperature" said alone). Read
        as the home's sentences are (`_as_read`: "Loft Aircon" said short is "the aircon", heard as "the ac")."""
        words = _as_read(device.name, renamed)
        room = _as_read(device.area or "", renamed)
        owned = room[:-1] if len(room) > 1 and (room[-1] in ROOM_NOUNS or room[-1].endswith("room")) else ()  # "Heather
        # Bedside Lamp" in the Heather Room, "Master Aircon" in the master bedroom: the room's own word without "room"
        # or "bedroom" says the room as well ("the bedside lamp", "the aircon")
        if room and words[:len(room)] == room:
            words = words[len(room):]
        elif owned and words[:len(owned)] == owned and len(words) > len(owned):
            words = words[len(owned):]
        elif len(words) > 2 and TYPE_WORDS.get(words[-1]) == device.type:
            words = words[:-1]
        else:
            return None
        if FILLERS & set(said_as(device.name)) and not FILLERS & set(words):  # "Ah Ma's Aircon" in Ah Ma's Room, kept
            words = as_heard(" ".join(words))  # as said for its "ah" (`_renamed`): what is left is heard as a sentence
            # says it alone ("the aircon" is heard "the ac", as the home's other aircons said short are)
        if not words or words in self._areas or (len(words) == 1 and (words[0] in TYPE_WORDS or (self._known(
                words[0]) and not (words[0] in MEDIA_WORDS and device.type == "media_player")))):
            return None  # "the radio" for "Kitchen Radio": a word of what plays, said of a player
        return words

    def _parts(self, device: Device, named: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
        """A long name said by its last word with only some of the words before it, as people shorten the names a
        hub gives ("the strip", "the loft strip" for "Loft LED Strip"; "the tree" for "Xmas Tree"), where a word said
        is the name's own: no room's, kind's, nor one the lexicon explains ("the lights" stay the kind, "the lounge
        light" the room's). Two words two names share are asked about ("the towel rail" of two); never a scene's ("the
        party") nor a sensor's (asked by what it measures). A brand that starts a name is said alone for it ("turn up
        the sonos by 15" for "Sonos Beam"), and so is a kind and number that start one ("plug 7" for "Plug 7
        Heater": the plug the hub numbered, what it powers after it)."""
        words = said_as(device.name)
        if len(words) < 2 or device.type in ("scene", "sensor"):
            return set()
        parts: set[tuple[str, ...]] = {words[:1]} if words[0] in BRANDS and words[:1] not in named else set()
        if len(words) > 2 and words[0] in TYPE_WORDS and words[1].isdigit() and words[:2] not in named:
            parts.add(words[:2])  # "plug 7" for "Plug 7 Heater", "socket 5" for "Socket 5 Towel Rail": by its number
        for keep in product((False, True), repeat=len(words) - 1):
            part = (*(w for w, kept in zip(words[:-1], keep, strict=True) if kept), words[-1])
            if len(part) < len(words) and part not in named and part not in self._areas and any(
                    self._own_word(w) or w in _OPENED or (w in OWN_KINDS and w not in TYPE_WORDS)
                    for w in part):  # "the AC"
                kin = {(*part[:-1], w) for w, kind in OWN_KINDS.items() if kind == OWN_KINDS.get(part[-1])}  # "the
                # aircon" (read as "the ac") of a "Loft Aircon", as the whole name's kin are
                parts |= {part, tuple(_singular(w) for w in part)} | kin
        room = said_as(device.area or "")
        if len(room) > 1 and room[-1] in ROOM_NOUNS and words[:len(room)] == room and len(words) > len(room) and (
                (*room[:-1], *words[len(room):]) not in named):  # "the kids light" of "Kids Room Light" in the kids
            parts.add((*room[:-1], *words[len(room):]))  # room: the room's own word says the room without "room"
        if len(words) > 1 and words[-1].isdigit() and words[:-1] not in self._areas and not all(
                w in TYPE_WORDS or w in self._area_words for w in words[:-1]):  # an app's name without its number:
            parts.add(words[:-1])  # "the hue go" of Hue Go 1, "the tradfri bulb" of TRADFRI bulb 3 to 7 (which asked)
        if self._verb_too(words[-1]) and words[-1:] not in named and words[-1:] not in self._areas:
            parts.add(words[-1:])  # "the pump", "pump off" of a "Water Pump": said as a noun only (`_exact`)
        return parts - named

    @staticmethod
    def _said_as_name(tokens: list[str], i: int) -> bool:
        """One word of a name said for it (`_parts`) is that name after "the", "my", "our", or said first with no
        object after it, as a terse command says a name before its direction or value ("tank off", "… and blanket
        on", "strip blue", "strip to 40 percent", "ceiling light on"): "beam me up" is no Sonos Beam."""
        before = tokens[i - 1] if i else CLAUSE_BREAK
        after = tokens[i + 1] if i + 1 < len(tokens) else CLAUSE_BREAK
        return before in ("the", "my", "our") or (before in (CLAUSE_BREAK, "and") and after not in _OBJECTS)

    def _verb_too(self, word: str) -> bool:
        """A name's last word that is a verb too ("pump" of "Water Pump": "pump up the volume"), and no kind's, room's
        or other common word."""
        return word in VERB_WORDS and word not in TYPE_WORDS and word not in self._area_words and (
            word not in self._common - set(VERB_WORDS))

    def _own_word(self, word: str) -> bool:
        """A word only a name says: no room's, kind's, common or lexicon word."""
        return word.isalpha() and len(word) > 2 and word not in self._common and word not in TYPE_WORDS and (
            word not in self._area_words) and word not in USE_NOUNS and not self._known(word)  # "the machine that
        # keeps the basement dry" is no coffee machine

    def find(self, tokens: list[str]) -> list[Mention]:
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            found = self._described(tokens, i) or self._exact(tokens, i) or self._fuzzy(tokens, i) or self._partial(
                tokens, i) or self._shared_start(tokens, i) or self._shared_ending(tokens, i)
            if found is not None and found.kind == "area" and found.end < len(tokens) and self._unexplained(
                    tokens[found.end]):  # "the bedroom fun", "the garage lied": a name misheard, not the room
                misheard = self._fuzzy(tokens, i)  # a word of about its length ("the bedroom flamingo" is none)
                said = tokens[found.end]
                if misheard is not None and any(abs(len(w) - len(said)) <= 1 and _close(said, w, 0.6)
                                                for d in misheard.devices for w in d.name_words):
                    found = misheard
            if found is not None and i == 0 and found.end == 1 and tokens[0] in self._common and tokens[1:2] != [
                    CLAUSE_BREAK] and not (self._verb_too(tokens[0]) and _switched_alone(tokens, 0)):
                found = None  # "lock it", "hoover the floors": the first word is the verb, not a device; "hoover,
                # go home" calls the device
            if found is None:
                i += 1
                continue
            mentions.append(found)
            i = found.end
        return self._narrowest(mentions)

    def _narrowest(self, mentions: list[Mention]) -> list[Mention]:
        """ "the fan in the upstairs bathroom": a room said with the floor it is on is the place, not the floor;
        "the downstairs bedroom" (a floor right before a room not on it) is a room the home does not have."""
        rooms = [m.area for m in mentions if m.kind == "area"]
        narrowed = []
        for k, m in enumerate(mentions):
            floor = self.registry.area_groups.get(m.area or "", ()) if m.kind == "area" else ()
            inside = next((r for r in rooms if r != m.area and r in floor), None)
            after = mentions[k + 1] if k + 1 < len(mentions) else None
            if floor and inside is None and after is not None and after.kind == "area" and after.start == m.end:
                inside = f"{m.text} {after.text}"  # no device is there: nothing is done, the room is said back
            narrowed.append(m if inside is None else Mention(m.start, m.end, "area", area=inside, text=m.text))
        return narrowed

    def _exact(self, tokens: list[str], i: int) -> Mention | None:
        for size in range(min(self._longest, len(tokens) - i), 0, -1):
            words = tuple(tokens[i:i + size])
            singular = tuple(_singular(w) for w in words)
            if size == 1 and words[0] in TYPE_WORDS and (words[0] in PLURAL_TYPE_WORDS or words in self._swapped_only):
                continue  # "turn on the lights" in a home with a device called "lamp": every light, not that one
            if ((words not in self._names and words[-1] in PLURAL_TYPE_WORDS) or words in self._swapped_only) \
                    and words[:-1] in self._areas and self._several_there(words):
                # "the living room lights", "the living room light": every light there, not the one
                # "living room lamp" (as Home Assistant reads a room and a kind)
                return Mention(i, i + size - 1, "area", area=self._areas[words[:-1]], text=" ".join(words[:-1]))
            if size == 1 and {words, singular} & self._one_word_parts and not self._said_as_name(tokens, i):
                continue
            if size == 1 and self._verb_too(words[0]) and tokens[i - 1:i] not in (["the"], ["my"], ["our"]) and (
                    (i and tokens[i - 1] not in (CLAUSE_BREAK, "and")) or not _switched_alone(tokens, i)):
                continue  # a verb's word is the name after "the" ("knock the pump off") or said alone with "on"/"off"
                # ("pump off and irrigation off"); "pump up the volume", "switch off the lights" are the verb
            for key in (words, singular):
                named = self._named_by(key, tokens, i, size)
                if named is not None:
                    return named
        word = tokens[i]
        if word in TYPE_WORDS and word not in self.unowned:  # "close the shutters" where none is: a thing unknown
            return Mention(i, i + 1, "type", type=TYPE_WORDS[word], plural=word in PLURAL_TYPE_WORDS, text=word)
        return None

    def _named_by(self, key: tuple[str, ...], tokens: list[str], i: int, size: int) -> Mention | None:
        """The device or room the `size` words at tokens[i] name, read as `key` (as said, or each word singular); None
        when `key` is no name, or a name only as a kind is whose kind is not said after it."""
        words = tuple(tokens[i:i + size])
        if key in self._names and self._only_named_like_a_type(key, self._names[key], tokens):
            typed = self._named_and_typed(key, tokens[i + size:i + size + 1])
            if typed is not None:  # "the light sensor": the sensor called "light"
                return Mention(i, i + size + 1, "device", typed, text=" ".join(tokens[i:i + size + 1]))
        elif key in self._names:
            read_as = tuple(d for d in self._names.get(self._read_as.get(key, key), ()) if d not in self._names[key])
            if tokens[i - 1:i] in (["my"], ["our"]):  # "my kettle": the speaker's room's, if it has one
                read_as = (*read_as, *self._owned.get(key, ()))
            return Mention(i, i + size, "device", (*self._names[key], *read_as),
                           plural=words[-1] != _singular(words[-1]) and words[-1] in PLURAL_TYPE_WORDS,
                           text=" ".join(words), read_as=read_as)
        if key in self._areas:
            return Mention(i, i + size, "area", area=self._areas[key], text=" ".join(words))
        return None

    def _described(self, tokens: list[str], i: int) -> Mention | None:
        """ "the lamp next to the sofa", "the light over the desk": a kind said with the thing it is by, where the
        home names a device of that kind after that thing ("sofa lamp", "desk lamp")."""
        kind = TYPE_WORDS.get(tokens[i])
        if kind is None:
            return None
        if tokens[i] in PLURAL_TYPE_WORDS:
            return self._described_by_place(tokens, i, kind)
        for phrase, j, told in _places_after(tokens, i):
            room = next((size for size in (2, 1) if tuple(tokens[j:j + size]) in self._areas), 0)
            if room and phrase != ("on",):  # "the light next to the garage": near the room, not in it; no device
                near = f"place {' '.join(phrase)} the {' '.join(tokens[j:j + room])}"  # is there
                return Mention(i + 1, j + room, "area", area=near, text=" ".join(tokens[i + 1:j + room]))
            after = self._named_after(tokens, i, j, kind)
            if after is not None:
                return after
            word = tokens[j] if j < len(tokens) else ""
            named = tuple(d for d in self.registry if d.type == kind and word in said_as(d.name)) if (
                word.isalpha() and word not in self._common and word not in TYPE_WORDS) else ()
            if named:  # "the light over the dining table": the Dining Pendant, a light named after the thing it is by
                end = j + 1 + bool(tokens[j + 1:j + 2] and self._unexplained(tokens[j + 1]))  # (its noun said too)
                return Mention(i, end, "device", named, text=" ".join(tokens[i:end]))
            roomed = any(tuple(tokens[max(0, i - size):i]) in self._areas for size in (2, 1))  # "the kitchen light
            # over the sink": the room says which lights, the place is only where in it (asked which of them)
            if told and not roomed and phrase != ("on",) and tokens[j:j + 1] and tokens[j].isalpha() and (
                    tokens[j] != "way"):
                near = f"place {' '.join(phrase)} the {tokens[j]}"  # "the light by the door" where no light is named
                return Mention(i + 1, j + 1, "area", area=near, text=" ".join(tokens[i + 1:j + 1]))  # after it: which
        return None

    def _named_after(self, tokens: list[str], i: int, j: int, kind: str) -> Mention | None:
        """ "the lamp next to the sofa", "the lamp beside the bed": the devices of `kind` (said at tokens[i]) named
        after the thing said at tokens[j], in one word or two ("Sofa Lamp", "Bedside Lamp", "Desk Light")."""
        for size in (2, 1):
            thing = tuple(tokens[j:j + size])
            sides = {thing, (*thing[:-1], thing[-1] + "side")} if thing else {thing}  # "the lamp beside the bed"
            for key in {(*t, kind_word) for t in sides for kind_word in (
                    tokens[i], LAMP_OR_LIGHT.get(tokens[i], tokens[i]))}:
                devices = self._names.get(key, []) if len(thing) == size else []
                if devices and all(d.type == kind for d in devices):
                    return Mention(i, j + size, "device", tuple(devices), text=" ".join(tokens[i:j + size]))
        return None

    def _described_by_place(self, tokens: list[str], i: int, kind: str) -> Mention | None:
        """ "the lights under the cupboards": kinds said with where they are, where the home names devices of that kind
        so, place word and all ("Under Cupboard Lights"): those devices, never every light of the room."""
        for phrase, j, _ in _places_after(tokens, i):
            for size in (2, 1):
                thing = tuple(_singular(w) for w in tokens[j:j + size])
                devices = self._names.get((*phrase, *thing, tokens[i]), []) if len(thing) == size else []
                if devices and all(d.type == kind for d in devices):
                    return Mention(i, j + size, "device", tuple(devices), plural=True,
                                   text=" ".join(tokens[i:j + size]))
        return None

    def _unexplained(self, word: str) -> bool:
        return word.isalpha() and word not in self._common and word not in TYPE_WORDS and word not in self.words and (
            not self._known(word))

    def _partial(self, tokens: list[str], i: int) -> Mention | None:
        """ "porch on", "turn off the counter": the first word of a name said alone, first or after "the", before
        the end of the clause or a direction (a word for what it is may come between: "the mosquito machine"), where
        it starts the names of one device only ("the front" may be the front door or the front light: none), read as
        a near match (a door is asked, never opened on it), or the names a hub gave, its word and a code ("switch off
        the tasmota": which one is asked). Never a word the lexicon explains, a room's or a kind's,
        nor a scene's ("start the dinner")."""
        word = tokens[i]
        room = next((k for k in range(max(0, i - 2), i) if tuple(tokens[k:i]) in self._areas), None)  # "the kitchen
        # counter", "the bathroom extractor": said with its room, read as after "the", among that room's devices only
        start = i if room is None else room
        before = tokens[start - 1] if start else "the"
        after = tokens[i + 1] if i + 1 < len(tokens) else CLAUSE_BREAK
        use = (after in USE_NOUNS or after == "1") and _name_ended(tokens, i + 2)  # "the mosquito machine", "the
        # mosquito thing", "the sofa one": the word and what the device is, as "the kettle thing" is the kettle
        being = i > 3 and tokens[i - 3] in _BEING and tokens[i - 4] not in TYPE_WORDS.keys() | {"that", "which"}
        if i > 1 and (tokens[i - 2] in _PLACE_WORDS or (tokens[i - 2] == "on" and i > 2 and (not self._known(
                tokens[i - 3]) or being)) or (tokens[i - 2].endswith("ing") and not self._known(tokens[i - 2]))):
            # "the room with the sofa", "put the kettle on the counter", "the dog is on the sofa", "the cat is
            # scratching the sofa": a thing where someone is or what they are doing to, not the device named after it
            return None  # ("turn on the counter" is; "the lamp that's on the desk" is the desk lamp, by the kind and
            # the thing; "the thing that warms the towels" the towel rail, by what it does)
        at = i + 2 + (tokens[i + 2:i + 3] in (["the"], ["my"], ["our"]))  # "the tasmota in the kitchen": a hub's
        later = next((tuple(tokens[at:k]) for k in range(min(len(tokens), at + 3), at, -1) if tuple(
            tokens[at:k]) in self._areas), None) if after == "in" and room is None else None  # word, its room after
        kind = TYPE_WORDS.get(after) if _name_ended(tokens, i + 2) else None  # "the velux blinds": the word and a
        # kind the devices are
        ending = _name_ended(tokens, i + 1) or after in COLOR_STARTS or use or later is not None or kind is not None
        # "make the counter purple": its colour
        if before not in ("the", "my", "our", "both") or not ending or len(word) < 4 or not word.isalpha() or (
                word in self._common or word in self._area_words or word in TYPE_WORDS or self._known(word)):
            return None
        said = {word, _singular(word), *((word[:-2],) if word.endswith("es") else ())}  # "the veluxes": both
        started = [key for key in self._names if len(key) > 1 and key[0] in said]  # "festoons on":
        devices = {d for key in started for d in self._names[key]}  # the festoon lights
        coded = bool(said & self._modelled) or all(len(key) == 2 and (not key[1].isalpha() or key[1] in SIDES)
                                              for key in started)  # "the shelly" of two said in words; "the tasmota"
        # of tasmota_5A3F2C and tasmota_E81B07: a hub's names, its word and a code, which one asked ("the ceiling" of
        # two names is none); "the velux" of Velux Left and Velux Right, its word and a side
        if later is not None and not coded:
            return None  # "clean the sofa in the living room": a thing there, never the sofa lamp
        if room is not None or later is not None:
            area = self._areas[later or tuple(tokens[room:i])]
            devices = {d for d in devices if d.area in self.registry.area_groups.get(area, (area,))}
        if not devices or (len(devices) > 1 and not coded) or any(d.type == "scene" for d in devices) or (
                kind is not None and any(d.type != kind for d in devices)) or (before == "both" and len(devices) != 2):
            return None
        end = i + 1 + (use or kind is not None)
        return Mention(i, end, "device", tuple(sorted(devices, key=lambda d: d.id)), fuzzy=len(devices) == 1,
                       text=" ".join(tokens[i:end]), plural=len(devices) > 1 and (before == "both" or (
                           kind is not None and after.endswith("s")) or word not in {key[0] for key in started}))
        # "both velux", "the velux blinds", "the veluxes": both

    def names_a_device(self, words: list[str]) -> bool:
        """The words, all of them, are a device's name: "desk lamp" of "the lamp of the desk", "fridge temperature"
        of "the temperature in the fridge" (a learner's or a thing's order, never a room)."""
        return any(m.kind == "device" and m.end - m.start == len(words) for m in self.find(words))

    def _shared_start(self, tokens: list[str], i: int) -> Mention | None:
        """ "the desk lamp" where the home has Desk Lamp Left and Desk Lamp Right: the first words of names, up to a
        kind, said where a name may start (`_starts_name`) name those devices, so which one is asked ("I don't know a
        device called desk lamp" was said); "both desk lamps", "the desk lamps" are every one; "the left one" answers
        (`AnswerPicking`), and the home read again without the right one has one so named: that one."""
        if not _starts_name(tokens, i) or tokens[i] in self._area_words:
            return None
        return self._part_of_names(tokens, i, ending=False)

    def _shared_ending(self, tokens: list[str], i: int) -> Mention | None:
        """ "the barn light" where the home has Top Barn Light and Bottom Barn Light: the last words of several names
        (a room's word, then a kind) said after "the", "my" or "our" name those devices, so which one is asked ("I
        don't know a device called barn light" was said: "barn" is no room and no name's first word); of one name,
        that device ("the night light", "night light in pink please" of Cloud Night Light)."""
        if not _starts_name(tokens, i) or not tokens[i].isalpha() or (
                tokens[i] in self._common and tokens[i] not in _DAY_PARTS):
            return None
        return self._part_of_names(tokens, i, ending=True)

    def _part_of_names(self, tokens: list[str], i: int, ending: bool) -> Mention | None:
        """The words said at `i` up to a kind (three or two of them: "desk lamp", "barn light") as the first words of
        the names that start with them, or (`ending`) the last words of those that end with them: those devices,
        every one where the kind is plural ("both desk lamps", "the barn lights"); never a scene's."""
        for size in (3, 2):
            said = tuple(tokens[i:i + size])
            if len(said) < size or said[-1] not in TYPE_WORDS:
                continue
            part = (*said[:-1], _singular(said[-1]))
            devices = {d for key, named in self._names.items() if len(key) > size and (
                key[-size:] if ending else key[:size]) == part for d in named}
            if devices and not any(d.type == "scene" for d in devices):
                return Mention(i, i + size, "device", tuple(sorted(devices, key=lambda d: d.id)),
                               plural=said[-1] in PLURAL_TYPE_WORDS, fuzzy=len(devices) == 1, text=" ".join(said))
        return None

    def _several_there(self, words: tuple[str, ...]) -> bool:
        """The room has more than one device of the kind said, so the kind is not a name for one of them."""
        kind, area = TYPE_WORDS.get(words[-1]), self._areas[words[:-1]]
        rooms = self.registry.area_groups.get(area, (area,))
        return sum(d.type == kind and d.area in rooms for d in self.registry) > 1

    def _only_named_like_a_type(self, key: tuple[str, ...], devices: list[Device], tokens: list[str]) -> bool:
        """A sensor called "Light" must not catch "the kitchen lights": a bare type word means the type
        unless a device of that type carries it as its name. A plug named after what it powers ("Radiator", where no
        heating of the home is called a radiator) is that thing ("is the radiator on"), but not with another room said
        ("turn the radiator in the hall up": the hall's heating, CASES.md conventions)."""
        kind = TYPE_WORDS.get(key[0]) if len(key) == 1 else None
        if kind is None or any(d.type == kind for d in devices):
            return False
        rooms = {self._areas[tuple(tokens[i:j])] for i in range(len(tokens)) for j in range(i + 1, min(
            len(tokens), i + 3) + 1) if tuple(tokens[i:j]) in self._areas}
        return not all(d.type == "switch" and not rooms - {d.area} for d in devices) or any(
            d.type == kind and key[0] in said_as(name) for d in self.registry for name in (d.name, *d.aliases))

    def _named_and_typed(self, key: tuple[str, ...], follower: list[str]) -> tuple[Device, ...] | None:
        kind = TYPE_WORDS.get(follower[0]) if follower else None
        typed = tuple(d for d in self._names[key] if d.type == kind)
        return typed or None

    def _fuzzy(self, tokens: list[str], i: int) -> Mention | None:
        if tokens[i] in self._common or tokens[i] in self._kind_words or not tokens[i].isalpha():
            return None
        best: tuple[float, int, tuple[str, ...]] | None = None
        runner_up = 0.0  # the closest other name: a match must be clearly closer to one name than to any other
        for key in self._names:
            size = len(key)
            span = tokens[i:i + size]
            if len(span) != size or any(w in self._common or (w in AMOUNTS and w != k) for w, k in zip(
                    span, key, strict=True)):  # "no more light": an amount, never a misheard Mirror Light
                continue
            text, target = " ".join(span), " ".join(key)
            if len(target) < 4 or text[0] != target[0] or (target.startswith(text) and text in self.words):
                continue  # "the ceiling": a word of several names ("ceiling light", "ceilingfan"), not a misspelling
            matcher = SequenceMatcher(None, text, target)
            if matcher.real_quick_ratio() < 0.8 or matcher.quick_ratio() < 0.8:
                continue
            ratio = matcher.ratio()
            if sorted(text) == sorted(target) and len(target) >= 5:
                ratio = 0.9  # letters swapped: "kettel"
            swapped = key in self._swapped_only  # "front lamp" is "front light" said another way: a misspelling of
            # that as well is nearer than half ("front lawn" is no front lamp; "bedside ligt" is the bedside lamp)
            if size > 1 and not all(w == k or _close(w, k, 0.8 if k in self._area_words else 0.75 if swapped and (
                    k in LAMP_OR_LIGHT) else 0.5) for w, k in zip(span, key, strict=True)):
                continue  # each word near its own, a room's name nearer: "the boardroom light" is not the bedroom's
            if ratio < (0.8 if len(target) >= 8 else 0.84):
                continue
            if best is None or ratio > best[0]:
                if best is not None and self._names[best[2]] != self._names[key]:
                    runner_up = max(runner_up, best[0])
                best = (ratio, size, key)
            elif self._names[best[2]] != self._names[key]:
                runner_up = max(runner_up, ratio)
        if best is None or best[0] - runner_up < FUZZY_MARGIN:
            return None
        return Mention(i, i + best[1], "device", tuple(self._names[best[2]]), fuzzy=True,
                       text=" ".join(tokens[i:i + best[1]]))
