"""A reason said beside a command ("turn off the tv since nobody is watching it", "close the blinds the sun is in my
eyes", "switch the kettle on for my tea"): where it starts, and whether it asks the opposite of the command.

A reason that agrees changes nothing; one that needs the opposite ("turn off the heater it is cold in here") makes
the sentence contradict itself, and the rules then ask instead of acting. The home's names come in as the
`MentionFinder` (and the `Registry`) the caller reads the sentence with.
"""

from __future__ import annotations

from assistant.registry import Registry
from assistant.tools import ToolCall
from assistant.understand.comfort import COMFORT, COMFORT_VERBS, HVAC_WORDS
from assistant.understand.lexicon import LEXICON, Hint
from assistant.understand.mentions import STOPWORDS, MentionFinder
from assistant.understand.normalize import CLAUSE_BREAK
from assistant.understand.vocabulary import (
    CAUSATIVES,
    CLOSE,
    COMPARATIVE_TYPES,
    CONDITION_WORDS,
    DISMISSALS,
    DOWN,
    FULL_WORDS,
    HINTS,
    LOWEST_WORDS,
    MODALS,
    NEGATIONS,
    OFF,
    ON,
    OPEN,
    OPPOSITE,
    PARTICLES,
    QUESTION_STARTS,
    REPORT_COPULAS,
    SPEECH_VERBS,
    SPEEDS,
    SUBJECTS,
    UP,
    VERBS,
    accounted,
    as_number,
    verb_of,
)

CONTRARY = LEXICON.hints("contrary")  # a reason's need, of those devices: a command against it contradicts itself
BRINGING = CAUSATIVES - {"like", "need", "want"}  # "make it cold", "get it dark": what a command brings about
REASONS = LEXICON.words("reasons")  # "turn off the tv since nobody is watching it": the reason changes nothing
SENSES = LEXICON.words("senses")  # "… i can't hear the dinosaurs": what the speaker cannot do, as why
SELVES = {"myself", "ourselves", "yourself"}  # "I can't hear myself think": an idiom of noise, read by the needs
DESCRIBING = SUBJECTS | {"it", "the", "there", "nobody", "no", "my", "our"}  # how a reason said after a command starts
OWNERS = {"the", "a", "an", "my", "our", "your", "his", "her", "their"}  # "for the guests", "for my tea", "for an
# old man": whose
DESCRIBING_COPULAS = {"am", "is", "are", "was", "were"}  # "… the sun is in my eyes": how it is
_REVERSED = {**OPPOSITE, UP: DOWN, DOWN: UP}  # the need a denied one is: "not cold" a heater off
FELT: dict[str, str] = {}  # how the room may be said to feel, word -> "hot" or "cold" (`_feelings`)
# before a word that is also a verb, a mode or a white ("warm", "cool"), what says it is how the room feels
STATE_BEFORE = DESCRIBING_COPULAS | {"so", "very", "really", "quite", "bit", "rather", "pretty", "getting",
                                     "feels", "feel", "not", "little", "fairly", "bloody", "way"}


def _feelings() -> None:
    """The comfort words, and the words a need (`hints`, `contrary`) lists beside them: "stuffy", "warm" and
    "sweating" are felt hot as "roasting" is. A comparative ("colder") says a change asked, not a feeling."""
    FELT.clear()
    for words, *_ in (*CONTRARY, *HINTS):
        felt = {COMFORT[w] for w in words if w in COMFORT}
        if len(felt) == 1:
            FELT.update(dict.fromkeys(words - COMPARATIVE_TYPES.keys(), felt.pop()))
    FELT.update(COMFORT)


LEXICON.on_change(_feelings)


def reason_at(mentions: MentionFinder, tokens: list[str]) -> int | None:
    """Where a reason said after a whole command starts ("turn off the tv since nobody is watching it", "open the
    curtains so i can see outside"): what it says is set aside, as "because it's hot" always was. None when there
    is none, or the words before it name no device or no action (then it is not said after a command)."""
    for i in range(1, len(tokens) - 1):
        linked = tokens[i] in REASONS or (tokens[i] in ("as", "so") and tokens[i + 1] in DESCRIBING
                                          and not as_when(tokens, i))
        unable = _cannot_sense(mentions, tokens[i:])
        if linked or unable or _describes(mentions, tokens[:i], tokens[i:]) or _purpose(mentions, tokens[:i],
                                                                                          tokens[i:]):
            before = tokens[:i]
            told = any(verb_of(t) or t in PARTICLES for t in before) or (unable and needs_said(before))
            named = any(m.kind in ("device", "type") for m in mentions.find(before))
            return i if told and named else None
    return None


def _cannot_sense(mentions: MentionFinder, rest: list[str]) -> bool:
    """ "(turn the tv up) i can't hear the dinosaurs", "(the tv is too quiet,) we can't hear a thing", "(turn the lamp
    up) i can't read": what the speaker cannot sense or do, after a command or a complaint about a device, is why; what
    they cannot hear is no device. Not when it names one ("I can't hear the tv": the device it is about)."""
    return rest[0] in SUBJECTS and rest[1:3] in (["can", "not"], ["could", "not"]) and rest[3:4] != [] and rest[
        3] in SENSES and not any(verb_of(t) or t in PARTICLES or t in SELVES for t in rest[4:]) and not any(
        m.kind in ("device", "type", "area") for m in mentions.find(rest))  # "… hear myself think": too loud


def as_when(tokens: list[str], i: int) -> bool:
    """ "as I leave", "as it gets dark", "as the film starts": "as" before something that happens is a time (when it
    does); before how something is ("as the bathroom is steamed up", "as I'm cold") it is a reason."""
    after = tokens[i + 2:i + 5]
    return tokens[i] == "as" and tokens[i + 1:i + 2] != [] and tokens[i + 1] in SUBJECTS | {"it", "the"} and not (
        REPORT_COPULAS | {"am", "be"} | SPEECH_VERBS) & set(after) and any(  # "as I said" is no time either
        t not in STOPWORDS and t != CLAUSE_BREAK for t in after)


def contrary(mentions: MentionFinder, command: list[str], reason: list[str]) -> bool:
    """The reason needs the opposite of what the command does to its device: "turn off the heater it is cold in
    here", "turn the fan on it's freezing", "open the blinds it's too bright". The sentence contradicts itself:
    one half was misheard or misspoken, so neither is done without a yes. A need of other devices ("turn the fan
    off it's freezing": the heating's) is no contradiction."""
    asked = _asked(command)
    needs = (*CONTRARY, *HINTS) if _cannot_sense(mentions, reason) else CONTRARY  # "turn the tv down i can't hear
    for mention in mentions.find(command):  # the dinosaurs": what cannot be sensed is a need too
        kinds = {d.type for d in mention.devices} | ({mention.type} if mention.type else set())
        names = set().union(*(d.name_words for d in mention.devices), mention.text.split())
        if _needs_against(reason, kinds, names, asked, needs):
            return True
    return False


def said_against(registry: Registry, tokens: list[str], calls: list[ToolCall]) -> bool:
    """Words of the sentence that need the opposite of a call for its device, wherever they are: "it's so hot
    turn the heater up", "the tv's too quiet, turn it down", "close the blinds I want some daylight". What
    follows "so" after the command is what it is for ("turn off the lights so it's dark"), and a goal after
    "make"/"get" ("make it dark") is what it brings about: neither goes against it."""
    for call in calls:
        intent = _direction(call)
        device = registry.get(call.device) if intent else None
        if device is None:
            continue
        cut = next((k for k, t in enumerate(tokens) if t == "so" and any(verb_of(w) for w in tokens[:k])), None)
        rooms = {w for area in registry.areas() for w in area.split()}
        # "make it dark in here, turn off the lamp": a goal, not how it is; nor is the device's own name
        beside = ["" if BRINGING & set([w for w in tokens[:i] if w not in rooms][-3:]) or t in device.name_words
                  else t for i, t in enumerate(tokens[:cut])]  # "make the living room dark": a room said between
        if _needs_against(beside, {device.type}, device.name_words, {intent}):
            return True
    return False


def purpose_against(registry: Registry, tokens: list[str], calls: list[ToolCall]) -> bool:
    """A purpose said after the command that wants the other way: "turn the heating down to warm the house up" (a
    climate target moved against the warmth asked), "turn the tv up so the baby can sleep" (what the speaker wants
    made possible needs the tv down). "so it's dark" (no modal) says the result wanted, never a need: it agrees."""
    for call in calls:
        intent = _direction(call)
        device = registry.get(call.device) if intent else None
        if device is None:
            continue
        for k in range(1, len(tokens) - 1):
            if not any(verb_of(w) or w in PARTICLES for w in tokens[:k]):
                continue
            if tokens[k] == "to" and device.type == "climate" and intent in (UP, DOWN) and tokens[k + 1] in \
                    COMFORT_VERBS:  # "… to warm the house up": a temperature wanted
                wanted = UP if COMFORT_VERBS[tokens[k + 1]] == "cold" else DOWN
                if wanted != intent:
                    return True
            enabled = tokens[k + 1:k + 4]  # "so the baby can sleep", "so I could sleep": what it makes possible
            if tokens[k] == "so" and MODALS & set(enabled) and _needs_against(
                    tokens[k + 1:], {device.type}, device.name_words, {intent}):
                return True
    return False


def _describes(mentions: MentionFinder, before: list[str], rest: list[str]) -> bool:
    """ "(turn the dehumidifier on) it's really damp down there", "(close the blinds) the sun is in my eyes": a
    state said after a command with no linking word, as the reason for it. Only a plain description is: it names
    no device or room, asks nothing, negates nothing, sets no condition ("turn the lamp down it's dark" is set
    aside too, and then asked back: see `contrary`)."""
    if rest[0] not in DESCRIBING or not (set(rest[1:4]) & DESCRIBING_COPULAS or _wants_to(rest)) or len(
            before) < 2 or tuple(rest) in DISMISSALS:  # "(unlock the front door) I'm only joking": taken back, not why
        return False
    negations = [k for k, t in enumerate(rest) if t in NEGATIONS]
    if not all(_denies(rest, k) and needs_said(rest[k + 1:k + 4]) for k in negations) or (
            CONDITION_WORDS | QUESTION_STARTS - DESCRIBING_COPULAS) & set(rest) or any(
            m.kind in ("device", "type", "area") for m in mentions.find(rest)):
        return False  # "it is not cold" denies a need; "it is not necessary", "it does not work": not read as why
    # "put the tv on its loudest setting": "its" read as "it is"; a level, not a reason
    return not (FULL_WORDS | LOWEST_WORDS | set(SPEEDS)) & set(rest) and all(as_number(t) is None for t in rest)


def _wants_to(rest: list[str]) -> bool:
    """ "(turn the telly on) i want to watch cartoons", "(open the blinds) we need to see the garden": what the speaker
    wants to do, said after a command as why; never a command of its own ("i want to turn off the lights" names a kind,
    and a verb of the house is no activity of the speaker's)."""
    return rest[0] in SUBJECTS and rest[1:3] in (["want", "to"], ["need", "to"], ["have", "to"]) and not any(
        verb_of(t) or t in PARTICLES for t in rest[3:])


def _purpose(mentions: MentionFinder, before: list[str], rest: list[str]) -> bool:
    """ "(turn on the porch light) for the guests", "(switch the kettle on) for my tea": who or what a command is
    for changes nothing. Only a short phrase of words no table knows (or a need that agrees with the command) is:
    never a room, device, time, duration or value ("for the kitchen", "for an hour", "for when we get back")."""
    words = rest[2:] if rest[1:2] and rest[1] in OWNERS else rest[1:]
    if rest[0] != "for" or not 1 <= len(words) <= 3 or len(before) < 2 or mentions.find(words):
        return False
    needed = {w for triggers, *_ in HINTS for w in triggers}
    return all(t.isalpha() and (not accounted(t) or t in needed) for t in words) and _agrees(before, words)


def _agrees(command: list[str], reason: list[str]) -> bool:
    """No need the reason states asks the opposite of the command: "turn the lamp down, it's dark" does not agree."""
    needs = {intent for words, intent, *_ in HINTS if words & set(reason)}  # "it's dark": a light on
    return not any(_opposes(n, a) for n in needs for a in _asked(command))


def _asked(command: list[str]) -> set[str]:
    """What the verbs and particles of a command ask for: on, off, up, open …"""
    return {VERBS[v] for t in command if (v := verb_of(t))} | {PARTICLES[t] for t in command if t in PARTICLES}


def _needs_against(said: list[str], kinds: set[str], names: set[str], asked: set[str],
                   needs: tuple[Hint, ...] = tuple(CONTRARY)) -> bool:
    """Words said name a need (`contrary:` in the lexicon) of devices of these kinds or names that one of the
    intents asked goes against: "cold" said of a heater told off. A need denied is the opposite one: "it is not
    cold" agrees with the heater told off, and goes against it told on. A climate device's target moved up or down
    is judged by how the room feels, whatever the device: "make the ac cooler it's hot" agrees, as "turn the
    heating down it's hot" does; "make the ac warmer it's hot" goes against it."""
    if "climate" in kinds and asked & {UP, DOWN}:
        return _felt_against(said, asked)
    return any(t in words and (kinds & set(types) or names & set(name_keys)) and any(
        _opposes(_REVERSED.get(need, need) if _denied(said, k) else need, a) for a in asked)
        for k, t in enumerate(said) for words, need, name_keys, types, *_ in needs)


def _felt_against(said: list[str], asked: set[str]) -> bool:
    """How the room is said to feel ("it's hot", "I'm not cold") wants the temperature the other way than asked."""
    for k, t in enumerate(said):
        if _feeling(said, k) is not None:
            wanted = DOWN if FELT[t] == "hot" else UP
            if asked & {UP, DOWN} - {_REVERSED[wanted] if _denied(said, k) else wanted}:
                return True
    return False


def _feeling(said: list[str], k: int) -> str | None:
    """ "hot" or "cold" when the word at `k` says how the room feels. One that is also a verb, a mode or a white
    ("warm the study up", "set the ac to cool", "warm white") does only as a state: "it's (a bit) warm", "it's too
    cool" ("too" is read "to": only after how it is)."""
    word = said[k]
    before = said[max(0, k - 2):k]
    if before[-1:] == ["to"]:
        before = before[:-1]
    if word not in FELT or (word not in COMFORT and (word in COMFORT_VERBS.keys() | HVAC_WORDS.keys()) and not (
            before and before[-1] in STATE_BEFORE)):
        return None
    return FELT[word]


def needs_said(words: list[str]) -> bool:
    """A word of a need the lexicon knows: "cold", "dark", "asleep"."""
    return any(t in triggers for triggers, *_ in (*CONTRARY, *HINTS) for t in words)


def _denies(tokens: list[str], k: int) -> bool:
    """The negation at `k` denies how something is: "(it) is not (too) cold", "(I) am not hot"; not "can not
    sleep" (still a need) nor "do not turn it off" (a command taken back)."""
    return tokens[k] == "not" and k > 0 and tokens[k - 1] in DESCRIBING_COPULAS


def _denied(tokens: list[str], k: int) -> bool:
    """The word at `k` is said denied: "not cold", "not too cold", "not that cold"; in the same clause."""
    before = tokens[max(0, k - 3):k]
    at = next((j for j in range(len(before) - 1, -1, -1) if before[j] == "not"), None)
    return at is not None and CLAUSE_BREAK not in before[at:] and _denies(tokens, k - len(before) + at)


def _direction(call: ToolCall) -> str | None:
    """Which way a call moves its device, for a need to go against: on, off, open, close, up or down."""
    plain = {"turn_on": ON, "turn_off": OFF, "open_cover": OPEN, "close_cover": CLOSE}
    if call.tool in plain:
        return plain[call.tool]
    if call.tool.startswith("step_") and isinstance(call.value, (int, float)):
        return UP if call.value > 0 else DOWN
    return {"heat": UP, "cool": DOWN}.get(str(call.value)) if call.tool == "set_hvac_mode" else None


def _opposes(need: str, asked: str) -> bool:
    """ "off" or "down" against a need for "on"; "open" against "close"."""
    return OPPOSITE.get(need) == asked or {need, asked} in ({UP, DOWN}, {ON, DOWN}, {OFF, UP})
