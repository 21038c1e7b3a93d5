"""The words the understanding knows, read from a data file per language (`en.yaml` beside this module).

Verbs, synonyms, fillers, room variants, value words and the cue words of negation, exclusion and
conditions are data, so adding a verb is an edit to a YAML file and a second language is a second file.
A config can add words (`understanding.lexicon:`, a file or inline): `add` merges them into the tables
the rules read, which are the very containers this module hands out, so the additions reach them all; a table a
module builds from them (a union, a table's keys) it builds with `derived`, which builds it again after each `add`.
Mistakes are reported as the config's are: one line naming file:line:key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from assistant.config import ConfigError, _Node, _root
from assistant.tools import DEVICE_TYPES, FAN_SPEEDS

HERE = Path(__file__).resolve().parent
# What a verb, particle, state or goal can mean (the rules' intents).
INTENTS = ("on", "off", "open", "close", "lock", "unlock", "play", "pause", "query", "set", "up", "down", "mute",
           "unmute", "clean", "dock")
_MEANINGS: dict[str, tuple[str, ...] | None] = {"intent": INTENTS, "type": DEVICE_TYPES, "speed": FAN_SPEEDS,
                                                 "text": None}
# Each section and its shape: a set of words, an ordered list of phrases, a table (word -> text, number,
# or a meaning from a group: `on: [start, activate]`), or the needs (hints).
SECTIONS: dict[str, str] = {
    "contractions": "map", "loan_verbs": "map", "asking_particles": "words", "states_by_now": "words",
    "fillers": "words", "greetings": "words", "assistants": "words", "passed_to": "words",
    "addresses": "words", "addressed_first": "words", "to_the_addressed": "phrases", "anyone_doing": "words",
    "ending_emphases": "words",
    "people_addressed": "words", "given_names": "words", "persons_addressed": "phrases", "said_to": "words",
    "persons_described": "phrases",
    "said_alone": "words",
    "doubts": "phrases", "doubted": "phrases",
    "irony": "phrases", "device_facts": "words", "pleasures": "words", "likings": "words", "harms": "phrases",
    "politeness": "phrases", "unwelcome": "words", "state_degrees": "phrases",
    "ironic_endings": "phrases", "told_before": "phrases", "piece_words": "words", "guesses": "phrases",
    "wishes": "map",
    "complaints": "map", "rewrites": "map", "units": "numbers", "tens": "numbers", "fractions": "numbers",
    "temperatures": "numbers",
    "type_words": "grouped type", "lamp_or_light": "map", "area_aliases": "grouped text", "stopwords": "words",
    "verbs": "grouped intent", "command_starts": "words", "particles": "grouped intent",
    "particle_verbs": "words", "goes_out": "words", "extending_covers": "words", "particle_overrides": "map intent",
    "narrowing_nouns": "words", "preferring_nouns": "words", "own_covers": "words",
    "opening_nouns": "words", "naming_nouns": "words", "own_kinds": "grouped text", "room_wide": "words",
    "central_heating": "words", "speakers_own": "words",
    "brands": "map",
    "topic_shifts": "words",
    "redoing_verbs": "words",
    "raise_lower": "words", "cover_halts": "words", "type_nouns": "words", "pronouns": "words", "copulas": "words",
    "participle_particles": "words",
    "question_starts": "words", "modals": "words", "corrections": "phrases", "splitters": "words",
    "instead_of": "phrases",
    "speeds": "grouped speed", "full_words": "words", "lowest_words": "words", "number_units": "words",
    "relative_words": "words", "loose_amounts": "words", "amount_sizes": "words", "part_words": "words",
    "negative_signs": "words",
    "numbers_left_open": "words",
    "step_words": "words", "nouns_too": "words", "nouns_first": "words", "implied_types": "grouped type",
    "comparative_types": "grouped type", "quantity_nouns": "words", "sound_words": "words",
    "media_words": "words", "choosing_words": "words",
    "class_words": "grouped text", "quantity_words": "grouped text",
    "not_about_devices": "words", "other_services": "words", "subjects": "words", "speaker_words": "words",
    "report_adverbs": "words",
    "past_forms": "words", "whoever": "words", "speech_verbs": "words", "intending": "words", "opinions": "phrases",
    "past_of": "grouped text",
    "action_questions": "phrases",
    "needless": "words", "reasons": "words", "senses": "words", "manner_words": "words", "courtesies": "words",
    "urgings": "phrases",
    "passing_on": "words", "quotatives": "words", "titling": "words",
    "listeners_own": "words", "other_ones": "words", "news_past": "words", "lasted": "words",
    "said_as_commands": "words", "seeming": "words", "level_said": "words", "half_words": "words",
    "said_joined": "words", "hushing": "phrases", "asking": "words", "hesitations": "words",
    "withdrawing": "phrases", "in_order": "phrases", "getting": "words",
    "appraisals": "words",
    "others_wishing": "words", "wishing": "words",
    "able_verbs": "words",
    "becoming": "words", "away_words": "words", "whereabouts": "words", "request_leads": "words",
    "tags": "phrases", "showing": "phrases", "abilities": "phrases", "foreign_units": "words",
    "state_asking": "words", "further_words": "words", "doing_verbs": "words", "adding_words": "words",
    "pointing_words": "words",
    "from_now_on": "phrases", "faults": "words", "comparing": "phrases", "furniture": "words", "body_parts": "words",
    "sensing_words": "words", "other_asks": "words", "settings_asked": "grouped text", "state_nouns": "words",
    "how_to": "phrases", "hints": "hints", "effects": "effects", "everything_words": "words",
    "home_words": "words", "measure_words": "words", "dock_words": "words", "sent_to_work": "words",
    "room_nouns": "words",
    "scene_words": "words", "beside_words": "phrases", "status_words": "words", "use_nouns": "words",
    "sides": "words", "side_nouns": "words",
    "room_words": "words",
    "model_words": "words", "number_homophones": "map",
    "here_words": "words", "outdoor_words": "words", "question_quantifiers": "words", "time_units": "words",
    "time_counts": "words", "surfaces": "words", "placing_verbs": "words",
    "clock_words": "words", "robot_messes": "words",
    "house_heat": "words", "names_abroad": "grouped text", "alone_on": "words", "runs_a_programme": "words",
    "time_leads": "words", "clock_now": "words",
    "later_words": "words", "earlier_words": "words", "span_words": "words", "meaning_words": "words",
    "instant_words": "words",
    "seasons": "words", "day_parts": "words", "condition_words": "words", "negations": "words",
    "timer_words": "words", "timer_stops": "words", "timer_starts": "words", "timer_asks": "words",
    "timer_namings": "words",
    "sun_words": "grouped text",
    "hvac_modes": "grouped text", "white_steps": "grouped text", "kelvin_units": "words", "mired_units": "words",
    "comfort": "grouped text", "comfort_verbs": "grouped text", "dismissals": "phrases", "closings": "phrases",
    "other_meant": "phrases",
    "exclaimed_first": "phrases", "taken_back_first": "phrases",
    "long_spans": "phrases",
    "states": "grouped intent", "wanting": "words", "negated_wishes": "words", "goals": "grouped intent",
    "causatives": "words",
    "either_way": "phrases", "exclusions": "phrases", "terms_of_address": "words", "harmless": "words",
    "halting": "words", "habit_verbs": "words",
    "restating": "words",
    "exclusion_unfinished": "words",
    "habit_adverbs": "words",
    "duties": "phrases", "own_duties": "phrases", "apologies": "phrases", "doing_it": "phrases",
    "thanked_for": "phrases",
    "plan_starts": "phrases",
    "habit_leads": "phrases",
    "people_leads": "words", "mood_hedges": "words", "not_acts": "words", "leaving_verbs": "words",
    "controlled_by": "words", "robot_doings": "words", "kind_verbs": "map",
    "regret_modals": "words", "regret_auxiliaries": "words",
    "habit_leaving": "words",
    "cycle_verbs": "phrases", "cycle_links": "words", "cycle_back_on": "words", "cycle_trailing": "words",
    "cycle_off_verbs": "words", "played_things": "words", "room_felt": "words", "not_for_real": "phrases",
    "remainder_words": "words",
    "dial_words": "words",
    "persons_doings": "phrases",
    "keeping_out": "phrases",
    "starting_verbs": "words",
    "persons_ways": "phrases", "persons_promised": "phrases", "promise_joins": "words", "dares": "phrases",
    "dare_deeds": "words", "imminent": "phrases", "loudness": "words", "turns_of": "words", "turn_owners": "words",
    "accessories": "words",
    "knob_ways": "words", "thing_of": "words", "goal_ends": "words", "each_denied": "words",
    "scene_frames": "words", "scene_moves": "words", "scene_leads": "words",
    "story_leads": "words", "story_doings": "words",
    "timer_sequels": "words",
    "report_leads": "words",
    "ironic_denials": "phrases",
    "whether_verbs": "words", "order_words": "words", "state_leads": "words", "repeat_words": "words",
    "follow_up_fillers": "words", "step_ways": "words", "affirmations": "words", "persons_own": "words",
    "others_own": "words", "scarcely": "words", "retracting": "words",
    "answer_hedges": "words", "answer_refusals": "words", "answer_indifferent": "words", "answer_every_place": "words",
    "whole_of": "words", "nays": "words", "thanks_words": "words", "greeted": "words", "all_of_them": "words",
    "answer_words": "words", "nobody_words": "words", "negated_auxiliaries": "words", "able_modals": "words",
    "people_about": "words", "habitual": "words", "irrealis": "words", "question_words": "words", "flips": "words",
    "purpose_starts": "words", "selves": "words", "owners": "words",
}
# (words, intent, name keywords, types, what the need is said of: empty for people's needs)
Hint = tuple[frozenset[str], str, tuple[str, ...], tuple[str, ...], frozenset[str]]
# (words and phrases, intent, True for a state it brings about or False for what it lets people do, name keywords,
# types): what a way of a device does in the world
Effect = tuple[frozenset[str], str, bool, tuple[str, ...], tuple[str, ...]]
Table = TypeVar("Table", set[str], dict[str, Any], list[Any])


class Lexicon:
    """One language's tables; `words`, `phrases`, `table` and `hints` return the live containers."""

    def __init__(self, source: str, sections: dict[str, Any]) -> None:
        self.source = source
        self._sections = sections
        self._listeners: list[Callable[[], None]] = []

    def words(self, section: str) -> set[str]:
        return self._get(section, "words")

    def phrases(self, section: str) -> list[tuple[str, ...]]:
        return self._get(section, "phrases")

    def table(self, section: str) -> dict[str, Any]:
        return self._get(section, "map", "numbers", "grouped")

    def hints(self, section: str = "hints") -> list[Hint]:
        return self._get(section, "hints")

    def effects(self) -> list[Effect]:
        return self._get("effects", "effects")

    def _get(self, section: str, *shapes: str) -> Any:
        if SECTIONS[section].split()[0] not in shapes:
            raise TypeError(f"lexicon section {section} is a {SECTIONS[section]}, not a {' or '.join(shapes)}")
        return self._sections[section]

    def on_change(self, rebuild: Callable[[], None]) -> None:
        """Call `rebuild` (now and) after each `add`: for tables a module derives from these."""
        self._listeners.append(rebuild)
        rebuild()

    def derived(self, build: Callable[[], Table]) -> Table:
        """The table `build` makes from these (a union of word sets, a table's keys, the words of one meaning), made
        again in place after each `add`: a copy made once, at import, would never hold a config's words."""
        table = build()

        def rebuild() -> None:
            if isinstance(table, list):
                table[:] = build()
            else:
                table.clear()
                table.update(build())

        self._listeners.append(rebuild)
        return table

    def add(self, more: Lexicon) -> None:
        """Merge a config's words: sets grow, tables take the new meanings, new phrases and needs come first."""
        for section, value in more._sections.items():
            mine = self._sections[section]
            if isinstance(mine, (set, dict)):
                mine.update(value)
            else:
                mine[:0] = [v for v in value if v not in mine]
        for rebuild in self._listeners:
            rebuild()


def load_lexicon(path: Path, additions: bool = False) -> Lexicon:
    """A lexicon file; `additions`: a config's words, where every section is optional."""
    root = _root(path)
    if root is None:
        raise ConfigError(f"{path}: the file is empty; expected lexicon sections such as 'verbs'")
    return read_lexicon(root, additions)


def read_lexicon(node: _Node, additions: bool = True) -> Lexicon:
    """Sections from a YAML mapping node (a file's top level, or a config's inline `lexicon:`)."""
    keys = node.mapping(("lang", *SECTIONS))
    missing = [s for s in SECTIONS if s not in keys]
    if missing and not additions:
        raise node.fail(f"missing section{'s' * (len(missing) > 1)} {', '.join(missing)}")
    if "lang" in keys:
        keys["lang"].text()
    sections = {name: _READERS[SECTIONS[name].split()[0]](child, _meaning(name)) for name, child in keys.items()
                if name != "lang"}
    return Lexicon(node.source, sections)


def _meaning(section: str) -> tuple[str, ...] | None:
    shape = SECTIONS[section].split()
    return _MEANINGS[shape[1]] if len(shape) > 1 else None


def _word(node: _Node, spaces: bool = False) -> str:
    """One lower-case word (or phrase, with `spaces`): the sentence is lower-cased before it is read."""
    text = node.text(limit=100)
    if text != text.lower() or text != text.strip() or "  " in text or (" " in text and not spaces):
        raise node.error("a lower-case phrase" if spaces else "one lower-case word, without spaces")
    return text


def _mean(node: _Node, meanings: tuple[str, ...] | None) -> str:
    return node.choice(meanings) if meanings is not None else _word(node, spaces=True)


def _words(node: _Node, _meanings: object) -> set[str]:
    return {_word(item) for item in node.items()}


def _phrases(node: _Node, _meanings: object) -> list[tuple[str, ...]]:
    return [tuple(_word(item, spaces=True).split()) for item in node.items()]


def _map(node: _Node, meanings: tuple[str, ...] | None) -> dict[str, str]:
    return {_word(node.child(k, k_node), spaces=True): _mean(child, meanings)
            for k, (k_node, child) in _pairs(node).items()}


def _numbers(node: _Node, _meanings: object) -> dict[str, int]:
    return {_word(node.child(k, k_node)): int(child.number(0, 1000, integer=True))
            for k, (k_node, child) in _pairs(node).items()}


def _grouped(node: _Node, meanings: tuple[str, ...] | None) -> dict[str, str]:
    """`on: [start, activate]` -> {"start": "on", "activate": "on"}; a word under two meanings is a mistake."""
    out: dict[str, str] = {}
    where: dict[str, str] = {}
    for meaning, (k_node, child) in _pairs(node).items():
        _mean(node.child(meaning, k_node), meanings)
        for item in child.items():
            word = _word(item, spaces=meanings is None)  # room aliases may be phrases ("front room")
            if word in out:
                raise item.fail(f"{word!r} is already under {where[word]}")
            out[word], where[word] = meaning, meaning
    return out


def _hints(node: _Node, _meanings: object) -> list[Hint]:
    hints: list[Hint] = []
    for item in node.items():
        keys = item.mapping(("words", "intent", "names", "types", "of"))
        for required in ("words", "intent"):
            if required not in keys:
                raise item.fail(f"missing {required}")
        names, types = _devices_of(item, keys, "a need says which devices meet it")
        said_of = frozenset(_words(keys["of"], None)) if "of" in keys else frozenset()
        hints.append((frozenset(_words(keys["words"], None)), keys["intent"].choice(INTENTS), names, types, said_of))
    return hints


def _effects(node: _Node, _meanings: object) -> list[Effect]:
    """`makes:` (states) and `lets:` (what people can do), each a mapping of intent -> words, per kind of device."""
    effects: list[Effect] = []
    for item in node.items():
        keys = item.mapping(("names", "types", "makes", "lets"))
        names, types = _devices_of(item, keys, "an effect says which devices have it")
        for kind in ("makes", "lets"):
            for intent, (k_node, child) in (_pairs(keys[kind]) if kind in keys else {}).items():
                words = frozenset(_word(w, spaces=True) for w in child.items())
                effects.append((words, keys[kind].child(intent, k_node).choice(INTENTS), kind == "makes", names, types))
    return effects


def _devices_of(item: _Node, keys: dict[str, _Node], missing: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The devices a need or an effect is of: the words of their names and their types, one of them at least (else
    `missing`, the entry's error)."""
    types = tuple(t.choice(DEVICE_TYPES) for t in keys["types"].items()) if "types" in keys else ()
    names = tuple(_word(n) for n in keys["names"].items()) if "names" in keys else ()
    if not types and not names:
        raise item.fail(f"{missing}: names, types or both")
    return names, types


def _pairs(node: _Node) -> dict[str, tuple[yaml.Node, _Node]]:
    """A mapping's keys as written (`on`, `no` stay words, not YAML 1.1 booleans), with their nodes."""
    if not isinstance(node.node, yaml.MappingNode):
        raise node.error("a mapping")
    return {str(k.value): (k, node.child(str(k.value), v)) for k, v in node.node.value}


_READERS: dict[str, Callable[[_Node, Any], Any]] = {
    "words": _words, "phrases": _phrases, "map": _map, "numbers": _numbers, "grouped": _grouped, "hints": _hints,
    "effects": _effects,
}

LEXICON = load_lexicon(HERE / "en.yaml")
