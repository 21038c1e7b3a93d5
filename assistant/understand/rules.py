"""The deterministic fast path: verbs, values and device mentions -> tool calls, in about a millisecond.

It answers what it is sure of and says so when it is not: an unknown device is named back, an
ambiguous name is asked about, an action the device cannot do is refused. Only a clause that names
devices but no action it recognises is handed on to the LLM, with those devices as the only choices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from assistant.answer.abilities import can_do, lacks_mode
from assistant.answer.agreement import be, it, plural
from assistant.registry import Device, Registry
from assistant.tools import COLORS, KELVIN_RANGE, TOOLS, ToolCall
from assistant.understand import comfort
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import (
    BESIDE_WORDS,
    PLURAL_TYPE_WORDS,
    STOPWORDS,
    TYPE_WORDS,
    Mention,
    MentionFinder,
)
from assistant.understand.normalize import (
    CLAUSE_BREAK,
    as_said,
    normalize,
    tagged,
    typed_command_question,
    typed_question,
)
from assistant.understand.reasons import (
    OWNERS,
    REASONS,
    as_when,
    contrary,
    purpose_against,
    reason_at,
    said_against,
)
from assistant.understand.talk import asks_ability, not_to_the_house, talk
from assistant.understand.vocabulary import (
    AUXILIARIES,
    BRANDS,
    CAUSATIVES,
    CHOOSING_WORDS,
    CLASS_WORDS,
    CLEAN,
    CLOCK_WORDS,
    CLOSE,
    COMMAND_STARTS,
    COMPARATIVE_TYPES,
    CONDITION_WORDS,
    COPULAS,
    CORRECTIONS,
    COVER_HALTS,
    DAY_PARTS,
    DISMISSALS,
    DOCK,
    DOCK_WORDS,
    DOWN,
    EARLIER_WORDS,
    EVERYTHING_WORDS,
    EXCLUSIONS,
    FAULTS,
    FOREIGN_UNITS,
    FRACTIONS,
    FULL_WORDS,
    FUNCTION_WORDS,
    FURNITURE,
    GOALS,
    HERE_WORDS,
    HINTS,
    HOME_WORDS,
    HOW_TO,
    IMPLIED_TYPES,
    INSTANT_WORDS,
    LATER_WORDS,
    LOCK,
    LOWEST_WORDS,
    MEANING_WORDS,
    MEASURE_WORDS,
    MEDIA_WORDS,
    MODALS,
    MUTE,
    NAMING_NOUNS,
    NARROWING_NOUNS,
    NEEDLESS,
    NEGATING_BEFORE,
    NEGATIONS,
    NOT_ABOUT_DEVICES,
    NUMBER_UNITS,
    OFF,
    ON,
    OPEN,
    OPENING_NOUNS,
    OPPOSITE,
    OTHER_SERVICES,
    PARTICLE_OVERRIDES,
    PARTICLE_VERBS,
    PARTICLES,
    PAST_FORMS,
    PAUSE,
    PLAY,
    PRONOUNS,
    QUANTITY_NOUNS,
    QUANTITY_WORDS,
    QUERY,
    QUESTION_QUANTIFIERS,
    QUESTION_STARTS,
    RAISE_LOWER,
    RELATIVE_WORDS,
    REPORT_ADVERBS,
    REPORT_COPULAS,
    RETRACTING,
    ROOM_NOUNS,
    ROOM_WIDE,
    SEASONS,
    SENSING_WORDS,
    SET,
    SOUND_WORDS,
    SPEAKER_WORDS,
    SPEECH_VERBS,
    SPEEDS,
    SPLITTERS,
    STATES,
    STATUS_WORDS,
    STEP_WORDS,
    SUBJECTS,
    TAGS,
    TIME_UNITS,
    TOPIC_SHIFTS,
    TYPE_NOUNS,
    UNLOCK,
    UNMUTE,
    UP,
    USE_NOUNS,
    VERBS,
    WANTING,
    WHETHER_VERBS,
    WHOEVER,
    accounted,
    as_number,
    changes_meaning,
    ed_stems,
    participle,
    says,
    verb_of,
)
from assistant.understand.when import (
    ASK_WHEN,
    CONDITION,
    DAY_WORDS,
    DAYS,
    DURATION,
    ONE_TIME,
    ONLY_NOW,
    PART_LATER,
    TIMER_STARTS,
    TIMER_STOPS,
    TIMER_WORDS,
    ask_half_of_day,
    bare_clock,
    find_times,
    read_timer,
    recurring,
)

LOWEST_LEVELS = {"light": ("set_brightness", 1.0), "media_player": ("set_volume", 0.0)}  # 1: dimmest, still on
INTENT_TYPES = {LOCK: "lock", UNLOCK: "lock", OPEN: "cover", CLOSE: "cover", PLAY: "media_player",
                PAUSE: "media_player", MUTE: "media_player", UNMUTE: "media_player", CLEAN: "vacuum",
                DOCK: "vacuum"}
CONTRADICTS = "That goes against what you said."
DEGREE_UNITS = ("celsius", "degree", "degrees")
ROOM_TEMPERATURES = (10, 32)  # a bare number said of a room within these is its temperature ("the study to 19")
KIND_NAMES = {"climate": "heating or cooling"}  # a kind said back when no word of the user's named it
TIME_CLASSES = ("date", "timestamp", "duration")  # sensors whose state is a time: "when is the next birthday?"
WONT = "Okay, I won't."
AWAY = {"away", "going", "gone", "leaving", "staying", "visiting"}  # "… we're going away for the weekend": where, why
TIMER_LATER = "I can only start a timer now: say, for example, set a timer for 10 minutes."
OUT_OF_HOME = "Sorry, I can only help with the devices in your home."
NOT_SURE = "Sorry, I'm not sure what you want done; please say it as a command."
CANT_PREVENT = "Sorry, I can't keep anything from happening; I can only change a device now."  # "stop the heating
# from coming on": never an "Okay" that pretends it will
IN_CELSIUS = "I set temperatures in degrees Celsius. How many degrees Celsius?"
SWITCHABLE = {"light", "switch", "fan", "media_player", "climate"}  # what "turn everything off" means
PART_OF_NOW = "By how much? Please say the level you want, for example: to 40 percent."
ALL_OF_THEM = {"both", "all", "every", "each", "everything"}  # an answer to "which one?" that picks every option
ANSWER_WORDS = {"1", "one", "ones", "just", "only", "those", "these", "them", "yes"}  # "just the kitchen one"
CHOICE = "<choice>"  # where the choice asked for goes in the sentence asked about: "turn on <choice>"
DIRECTION = "<direction>"  # where "cooler or warmer?" is answered: "turn up the ac <direction> it is hot"
LEVEL_SAID = {"at", "set", "half", "halfway"}  # after "is": "the heating is at 20", "the blinds are half open"
BECOMING = {"go", "become", "turn"}  # "can the sofa lamp go purple": a change asked of a device, with its value
WHICH_ROOM = "Which room?"  # asked where many devices in several rooms answer ("make it brighter")
ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}  # "the second one": as the question listed


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

    @property
    def devices(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "device"]

    @property
    def area(self) -> str | None:
        return next((m.area for m in self.mentions if m.kind == "area"), None)

    @property
    def relative(self) -> bool:
        """ "a bit", "a little more": a change by the default step, not to a level."""
        return bool(RELATIVE_WORDS & set(self.tokens))

    @property
    def type_mention(self) -> Mention | None:
        return next((m for m in self.mentions if m.kind == "type"), None)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word the clause was read from, exclusions included: what a call built from it explains."""
        return (*self.tokens, *self.marker, *self.excluded, *self.reason)

    def said_here(self, mention: Mention) -> bool:
        """The mention is words of this clause, not context borrowed from the one before ("it")."""
        return mention.end > mention.start and " ".join(self.tokens[mention.start:mention.end]) == mention.text


@dataclass(frozen=True)
class Ask:
    """A question back ("Which one: …?") and the devices it asks the user to choose between."""

    text: str
    options: tuple[Device, ...]


@dataclass
class RuleResult:
    """Calls the rules are sure of, replies for what they refused, and clauses left for the LLM."""

    calls: list[ToolCall] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    undecided: list[tuple[str, list[Device]]] = field(default_factory=list)  # (clause text, candidates)
    unsure: list[tuple[str, list[ToolCall]]] = field(default_factory=list)  # (clause text, its calls) to ask about
    asked: list[tuple[str, tuple[Device, ...]]] = field(default_factory=list)  # (the sentence, options)
    held: list[ToolCall] = field(default_factory=list)  # asked about as they are, never read again by the model


_SAID_BACK = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "we": "you", "us": "you",
              "our": "your", "ours": "yours", "ourselves": "yourselves", "am": "are"}  # the speaker's words, said back


def _as_said(words: list[str]) -> str:
    """A reason said back to the person who said it: "I am cold" is "you are cold", "can not" is "can't", and "too"
    as said (the normalizer wrote "it is to hot")."""
    felt = set(comfort.COMFORT) | {w for triggers, *_ in HINTS for w in triggers}
    said = " ".join("too" if word == "to" and following in felt else _SAID_BACK.get(word, word)
                    for word, following in zip(words, [*words[1:], ""], strict=True))
    return said.replace("can not ", "can't ").replace("could not ", "couldn't ")


SEEMING = {"feels", "looks", "seems", "smells", "sounds"}  # "the front door lock feels stiff": how it is, as news
SAID_AS_COMMANDS = {"put", "set", "shut", "cut"}  # past forms that are also the bare verb: "the heating set to 20"
_NEWS_PAST = {"was", "were", "had", "got"}  # "I've had a long week, …", "the bathroom got steamy, …": what happened
_PASSING_ON = {"asking", "saying", "telling"}  # "my wife was saying, turn off the tv": her words
MANNER_WORDS = LEXICON.words("manner_words")  # "turn the tv down, quietly": how, beside a command
COURTESIES = LEXICON.words("courtesies")  # "…, many thanks": no request beside a command


class RuleMatcher:
    """The fast path over one registry; build once, call `match` per sentence."""

    def __init__(self, registry: Registry, area: str | None = None) -> None:
        self.registry = registry
        self.area = area
        common = frozenset(VERBS) | frozenset(QUESTION_STARTS) | frozenset(PARTICLES) | frozenset(SPEEDS) | frozenset(
            w for c in COLORS for w in c.split()) | NOT_ABOUT_DEVICES | TIME_UNITS | DAY_PARTS  # "green" is a colour,
        # never a misspelt "garden"; "party time" is not a misspelt "party mode"
        self.mentions = MentionFinder(registry, common, accounted)
        self._spellable = frozenset(VERBS) | frozenset(TYPE_WORDS) | NUMBER_UNITS | self.mentions.words
        # the sensor classes a question may name by their own words ("wind speed"): not those whose words are all
        # a kind of device, a quantity other devices answer or something no device answers ("light", "volume", "date")
        other = set(TYPE_WORDS) | set(QUANTITY_WORDS) | QUANTITY_NOUNS | NOT_ABOUT_DEVICES
        self._sensed = {d.device_class for d in registry if d.type == "sensor" and d.device_class
                        and not set(d.device_class.split("_")) <= other}

    # -- sentence -> clauses -------------------------------------------------------------------
    def clauses(self, text: str, recent: tuple[Device, ...] = (), said: list[str] | None = None) -> list[Clause]:
        """`said`: the sentence's tokens when already normalized (and its time taken out)."""
        tokens = _restarted(self._reorder(self._after_small_talk(self.spelled(normalize(text))) if said is None
                                          else said))
        if _all_but_some(tokens):  # "all but one light in the lounge off": which to leave is not said
            return [Clause(tokens=tokens, unclear=True, ask="Which ones should I leave as they are?")]
        if _self_cancelled(tokens):  # "open the garage door, or don't, whatever": neither is asked for
            return [Clause(tokens=tokens, unclear=True, ask="Should I do it, or not?")]
        pieces: list[tuple[list[str], bool]] = [([], False)]
        i = 0
        while i < len(tokens):
            if pieces[-1][0] and tokens[i] in RETRACTING and _retracts(tokens[i:]):  # "start the roomba, no, leave
                pieces.append(([t for t in tokens[i:] if t != CLAUSE_BREAK], False))  # it": all of it taken back,
                break  # never corrected to "leave it"
            correction = next((c for c in CORRECTIONS if tuple(tokens[i:i + len(c)]) == c), None)
            # "…, no wait, the porch light": the recogniser's comma split the sentence before the correction
            # (not "…, and actually lock the back door", nor "…, actually no, leave it", which takes it back)
            after_comma = (correction is not None and i > 0 and tokens[i - 1] == "," and len(pieces) > 1
                           and tokens[i + len(correction):][:1] != ["no"])
            if correction is not None and (pieces[-1][0] or i == 0 or after_comma):  # first, it corrects nothing
                if pieces[-1][0]:  # said in this sentence: "I said turn off the kettle"
                    pieces.append(([], True))
                elif after_comma:
                    pieces[-1] = ([], True)
                i += len(correction)
                continue
            denied = self._denied(pieces, tokens, i)
            if denied is not None:  # "open the blinds no not the blinds the curtains": what follows the thing denied
                if denied >= len(tokens):  # corrects the command; "…, no, not that one": all of it taken back
                    pieces.append((["no", "not"], False))
                    break
                pieces.append(([], True))
                i = denied
                continue
            if tokens[i] == "no" and self._corrects(pieces, tokens[i + 1:]):
                pieces[-1:] = [([], True)] if not pieces[-1][0] else [pieces[-1], ([], True)]
                i += 1
                continue
            if _so_then(pieces[-1][0], tokens[i:]):  # "the kids are asleep so turn the tv down": why, then the
                pieces[-1][0].append("so")  # command ("… so" marks the why)
                pieces.append(([], False))
                i += 1
                continue
            if (tokens[i] in SPLITTERS and not _continues_exclusion(pieces[-1][0], tokens[i + 1:])) or (
                    tokens[i] == "but" and (_contrasts(tokens[i + 1:], pieces[-1][0]) or _kept_apart(
                        pieces[-1][0], tokens[i + 1:]))):
                if pieces[-1][0]:
                    pieces.append(([], False))
                i += 1
                continue
            pieces[-1][0].append(tokens[i])
            i += 1
        for k in range(1, len(pieces)):  # "turn off all the lights, leave the porch one": what to leave out
            words, before = pieces[k][0], pieces[k - 1][0]
            kept = words[1:] if words[:1] in (["but"], ["just"]) else words
            stateless = not any(t in STATES or t in PARTICLES for t in kept) and any(  # "… but leave the back
                m.kind in ("device", "type") for m in self.mentions.find(kept[1:]))  # door": not done to it either
            if kept[:1] in (["leave"], ["keep"]) and len(kept) > 1 and (EVERYTHING_WORDS & set(before) or any(
                    t in PLURAL_TYPE_WORDS for t in before) or stateless):  # ("leave it": the command taken back)
                while kept[-1] in PARTICLES or kept[-1] in ("alone", "as", "is"):
                    kept = kept[:-1]
                pieces[k - 1] = ([*before, "except", *kept[1:]], pieces[k - 1][1])
                pieces[k] = ([], False)
        for k in range(len(pieces) - 1):  # "apart from the tv, turn everything off": the exclusion comes first
            words = pieces[k][0]
            if words and _exclusion_at(words, first=True) == 0:
                pieces[k + 1] = ([*pieces[k + 1][0], *words], pieces[k + 1][1])
                pieces[k] = ([], False)
        clauses: list[Clause] = []
        command: list[str] = []  # the words of the last piece, a command, for a reason said after it
        made = 0  # the clauses read from it
        for words, correction in pieces:
            if command and not clauses[-1].reason and not correction and reason_at(
                    self.mentions, [*command, *words]) == len(command):
                words = [*command, *words]  # "turn up the ac, it's hot": the reason after the comma is its reason
                del clauses[len(clauses) - made:]
            at = reason_at(self.mentions, words)
            if at is not None and any(tuple(words[max(0, at - len(e)):at]) == e for e in EXCLUSIONS):
                at = None  # "lights off everywhere except the room I'm in": what to leave out, never why
            reason, words = (words[at:], words[:at]) if at is not None else ([], words)
            command, made = words, 0
            for head in self._split_run_on(words) if words else []:
                clauses.append(self._clause(head, correction))
                correction, made = False, made + 1
            if reason and clauses:
                clauses[-1].reason = reason
                # "so it's dark": a purpose, never against the command
                clauses[-1].contrary = reason[0] != "so" and contrary(self.mentions, words, reason)
        return _verb_said_after(self._share_context(_way_said_last(clauses), recent))

    def spelled(self, tokens: list[str]) -> list[str]:
        """ "swtich on the tv", "trun off the fan", "the lamp in the stuyd": two letters typed the wrong way round in
        a verb, a kind of device, a unit or a word of a name or room; a word the lexicon explains is kept as it is,
        and so is one that swaps to two words. A brand no name of the home says is the kind it makes ("the sonos":
        the speaker; "the hue lights": the lights)."""
        out = []
        for k, token in enumerate(tokens):
            if len(token) >= 4 and token.isalpha() and token not in self._spellable and not accounted(token):
                swapped = {token[:i] + token[i + 1] + token[i] + token[i + 2:] for i in range(len(token) - 1)}
                known = swapped & self._spellable
                token = known.pop() if len(known) == 1 else token
            if token in BRANDS and token not in self.mentions.words and tokens[k - 1:k] != ["is"]:  # "that's smart"
                following = tokens[k + 1] if k + 1 < len(tokens) else ""
                if following in TYPE_WORDS or following in BRANDS:
                    continue  # "the philips hue bulb": the bulb
                token = BRANDS[token]
            out.append(token)
        return out

    def _after_small_talk(self, tokens: list[str]) -> list[str]:
        """ "the weather was lovely today, anyway, could you turn the sprinkler on": what comes before a word that
        leaves the small talk is no part of the request; kept when it names a device or a room, holds a time, a
        condition, a "not" other than a tag's ("wasn't it"), another service or someone's words, or asks: it may be
        what the request is for."""
        at = next((i for i, t in enumerate(tokens) if t in TOPIC_SHIFTS and any(
            w != CLAUSE_BREAK for w in tokens[i + 1:])), None)
        if at is None:
            return self._after_news(tokens)
        said = {t for i, t in enumerate(tokens[:at]) if t != "not" or not set(tokens[i + 1:i + 2]) & (
            PRONOUNS | SUBJECTS)}
        held = CONDITION_WORDS | LATER_WORDS | DAY_PARTS | TIME_UNITS | NEGATIONS | OTHER_SERVICES | SPEECH_VERBS
        if held & said or self.mentions.find(tokens[:at]) or tokens[0] in QUESTION_STARTS:  # "remind me to …",
            return tokens  # "how do I …, anyway, …": all of it is for them
        rest = tokens[at + 1:]
        return rest[1:] if rest[:1] == [CLAUSE_BREAK] else rest

    def _after_news(self, tokens: list[str]) -> list[str]:
        """ "I've had a really long week, dim the lights", "the bathroom got steamy after my shower, put the extractor
        fan on": what happened, said before a command, is no part of it; its times and conditions were then. Kept
        when it names a device ("mum left the porch light on, switch it off": its reason), starts with a condition or
        a question, or holds a "not", another service or someone's words."""
        at = max((i for i, t in enumerate(tokens) if t == CLAUSE_BREAK), default=None)
        if at is None or not _NEWS_PAST & set(tokens[:at]) or tokens[0] in CONDITION_WORDS | QUESTION_STARTS:
            return tokens
        if (NEGATIONS | OTHER_SERVICES | SPEECH_VERBS | _PASSING_ON) & set(tokens[:at]) or any(
                m.kind != "area" for m in self.mentions.find(tokens[:at])) or not any(
                m.kind != "area" for m in self.mentions.find(tokens[at + 1:])):
            return tokens
        return tokens[at + 1:]

    def _alternatives(self, tokens: list[str]) -> list[Mention]:
        """ "the fan or the ac", "the kitchen or the study" in a command: two things offered, neither chosen (the
        names on either side of the "or"; none when there is no choice). A question may offer them ("is the tv on or
        off?", "is the door open or closed?")."""
        if "or" not in tokens or tokens[0] in QUESTION_STARTS:
            return []
        found = [m for m in self.mentions.find(tokens) if m.kind in ("device", "type", "area")]
        offered = [i for i, t in enumerate(tokens) if t == "or" and not any(  # "or rather": a correction
            tuple(tokens[i:i + len(c)]) == c for c in CORRECTIONS)]
        pairs = [(next(m for m in reversed(found) if m.end <= i), next(n for n in found if n.start > i))
                 for i in offered if any(m.end <= i for m in found) and any(n.start > i for n in found)]
        return [m for pair in pairs for m in pair]

    def _denied(self, pieces: list[tuple[list[str], bool]], tokens: list[str], at: int) -> int | None:
        """Where the correction starts after "no, not X" said after a command ("switch on the tv, no not the tv, the
        speaker"): past X (a device, kind or room, else up to the next comma); len(tokens) when nothing follows
        ("…, no, not that one"); None when no "no, not" is said here."""
        rest = [(k, t) for k, t in enumerate(tokens) if k > at and t != CLAUSE_BREAK]
        if tokens[at] != "no" or not any(words for words, _ in pieces) or rest[:1] == [] or rest[0][1] != "not":
            return None
        start = rest[0][0] + 1
        named = [m for m in self.mentions.find(tokens[start:]) if m.kind in ("device", "type", "area")]
        if named and all(t in STOPWORDS for t in tokens[start:start + named[0].start]):
            end = start + named[0].end
        else:
            end = next((k for k in range(start, len(tokens)) if tokens[k] == CLAUSE_BREAK), len(tokens))
        while end < len(tokens) and tokens[end] in (CLAUSE_BREAK, "1"):  # "not the kitchen one"
            end += 1
        return end

    def _corrects(self, pieces: list[tuple[list[str], bool]], rest: list[str]) -> bool:
        """ "turn on the hall light no the porch light", "the kitchen lights, no, just the counter lights": a "no"
        after a device or a room was named takes back what came before it, as "I mean" does; "no more light" does
        not."""
        said = next((words for words, _ in reversed(pieces) if words), [])
        rest = [t for t in rest if t != CLAUSE_BREAK]
        if not said or not rest or rest[0] in ("more", "longer") or rest[0] in NEGATIONS:
            return False
        return any(m.kind in ("device", "type", "area") for m in self.mentions.find(said))  # "the kitchen no the hall
        # light": a room taken back too

    def _reorder(self, tokens: list[str]) -> list[str]:
        """Word orders the name index does not hold: "the lamp for reading" -> "reading lamp", "the front
        and back doors" -> "front door and back door", "do close the door" -> "close the door"."""
        if len(tokens) > 1 and tokens[0] in ("do", "please") and verb_of(tokens[1]) is not None:
            tokens = tokens[1:]
        tokens = [t for i, t in enumerate(tokens) if not (t in COMMAND_STARTS and tokens[i + 1:i + 2] and tokens[
            i + 1] in COMMAND_STARTS and tokens[i + 1] != t)]  # "play uh pause the speaker": a verb said over the first
        if tokens[:1] == ["do"] and tokens[1:2] in (["more"], ["less"]):  # "do more light in kitchen": make it
            tokens = ["make", *tokens[1:]]
        if tokens[:1] == ["mind"] and len(tokens) > 1 and tokens[1].endswith("ing") and verb_of(tokens[1]):
            tokens = tokens[1:]  # "mind turning the speaker down": "would you mind …" said short
        if tokens[:1] == ["do"] and tokens[1:2] in (["the"], ["some"]) and len(tokens) > 2 and tokens[2].endswith(
                "ing") and verb_of(tokens[2]) is not None:  # "do the hoovering", "do some vacuuming": a task to do
            tokens = [verb_of(tokens[2]) or "", *tokens[3:]]
        if tokens[:1] == ["do"] and tokens[1:2] in (["the"], ["all"], ["my"]) and ({"on", "off"} & set(tokens) or any(
                kind in TYPE_WORDS and speed in SPEEDS for kind, speed in pairwise(tokens))) \
                and not any(verb_of(t) for t in tokens[1:]):  # "do the lights off in kitchen", "do the fan slow in
            # bedroom": not a question
            tokens = ["turn", *tokens[1:]]
        if tokens[:1] == ["light"] and "up" in tokens[1:4]:  # "light up the kitchen", "light it up"
            tokens = ["illuminate", *tokens[1:tokens.index("up")], *tokens[tokens.index("up") + 1:]]
        out = list(tokens)
        i = 0
        while i + 2 < len(out):
            noun, link = out[i], out[i + 1]
            rest = out[i + 3:] if out[i + 2] == "the" else out[i + 2:]
            if noun in TYPE_NOUNS and (link in ("of", "for") or (link == "by" and out[i + 2] == "the")) and rest:
                candidate = [rest[0], noun]
                found = self.mentions.find(candidate)
                if found and found[0].kind == "device" and (found[0].start, found[0].end) == (0, 2):
                    skip = 3 if out[i + 2] == "the" else 2
                    out[i:i + skip + 1] = candidate
            i += 1
        for i in range(len(out) - 3):  # "front and back doors", "the front and the back doors"
            noun = i + 4 if out[i + 2] == "the" else i + 3
            if out[i + 1] == "and" and noun < len(out) and out[noun] in TYPE_NOUNS:
                left = [out[i], _singular_noun(out[noun])]
                found = self.mentions.find(left)
                if found and found[0].kind == "device" and (found[0].start, found[0].end) == (0, 2) and not \
                        self.mentions.find([out[i]]):  # "front" names with "door"; "halfway" does not
                    out[i:i + 1] = left
                    break
        if "and" in out:  # "the kitchen and bedroom lights": the kind said once, for both rooms
            found = self.mentions.find(out)
            at = {m.start: m for m in found}
            for m in found:
                after = at.get(m.end + 1)
                if m.kind != "area" or out[m.end:m.end + 1] != ["and"] or after is None or m.end in at:
                    continue
                kind = at.get(after.end) if after.kind == "area" else None
                if kind is not None and kind.kind == "type":  # "kitchen and bedroom lights"
                    out[m.end:m.end] = out[kind.start:kind.end]
                    break
                if after.kind == "device" and after.end - after.start > 1 and out[after.end - 1] in TYPE_NOUNS:
                    # "bathroom and bedroom fans"; not "the bedroom and curtains closed"
                    out[m.end:m.end] = out[after.end - 1:after.end]
                    break
        return out

    def _split_run_on(self, tokens: list[str]) -> list[list[str]]:
        """Cut before each command verb that follows a device: "set the heating to 19 turn off the fan".

        The mentions are found once for the whole run, so a long sentence costs time in proportion to it."""
        found = self.mentions.find(tokens)
        mentions = [m for m in found if m.kind in ("device", "type")]
        places = {m.end: m.start for m in found if m.kind == "area"}  # "… study lights off": the room starts it
        inside = {i for m in mentions for i in range(m.start, m.end)}
        heads: list[list[str]] = []
        start, next_mention = 0, 0
        while True:
            while next_mention < len(mentions) and mentions[next_mention].start < start:
                next_mention += 1
            if next_mention == len(mentions) or tokens[start] in QUESTION_STARTS:
                break
            cut = next((i for i in range(mentions[next_mention].end, len(tokens) - 1)
                        if tokens[i] in COMMAND_STARTS and i not in inside
                        and tokens[i - 1] not in ("a", "an", "the", "to", "its", "my")  # "to a lower setting"
                        and tokens[i - 1] not in NEGATIONS | WANTING | MODALS | COPULAS  # "the kettle will not
                        # turn on", "the study heater is set to 25"
                        and not (i == mentions[next_mention].end and not any(  # "blinds open curtains closed": the
                            verb_of(t) for t in tokens[start:i]))  # verb said after its name
                        and not (i == mentions[next_mention].end and tokens[i] in RAISE_LOWER and {"make", "get"} & set(
                            tokens[start:i]))), None)  # "make the light lower in the lounge": a comparative, never
            # "lower" (the blinds) in the lounge
            if cut is None:  # "tv off lights off", "the tv up the speaker down", "sofa lamp red reading lamp blue"
                cut = self._next_named(tokens, mentions, places, next_mention)
            if cut is None:
                break
            heads.append(tokens[start:cut])
            start = cut
        heads.append(tokens[start:])
        return heads

    @staticmethod
    def _next_named(tokens: list[str], mentions: list[Mention], places: dict[int, int], after: int) -> int | None:
        """Where a name said right after another name and what it was told starts the next command: "tv off lights
        off", "the tv up the speaker down", "sofa lamp red reading lamp warm white", "blinds open curtains closed"."""
        def told(token: str) -> bool:
            return token in PARTICLES or token in SPEEDS or token in STATES or token.isdigit() or token in (
                "percent", "degrees") or any(token in c.split() for c in COLORS) or bool(verb_of(token))

        ends = {m.end for m in mentions}
        for k, mention in enumerate(mentions[after + 1:], after + 1):
            i = places.get(mention.start, mention.start)  # "study lights"
            i -= tokens[i - 1] in ("the", "my") if i else 0
            j = i - 1
            while j > 0 and told(tokens[j]):
                j -= 1
            rest = tokens[mention.end:mentions[k + 1].start if k + 1 < len(mentions) else len(tokens)]
            if j < i - 1 and j + 1 in ends and any(told(t) for t in rest):  # not "the lights off the tv": which?
                return i
        return None

    def _clause(self, tokens: list[str], correction: bool) -> Clause:
        clause = Clause(tokens=tokens, correction=correction)
        at = _exclusion_at(tokens)
        if at is not None:
            size = next(len(e) for e in EXCLUSIONS if tuple(tokens[at:at + len(e)]) == e)
            clause.tokens, clause.marker, clause.excluded = tokens[:at], tokens[at:at + size], tokens[at + size:]
            if clause.excluded[-1:] and clause.excluded[-1] in PARTICLES and len(clause.excluded) > 1 and not any(
                    verb_of(t) or t in PARTICLES for t in clause.tokens) and not set(clause.excluded) & (
                    COPULAS | MODALS | WANTING | {"be"}):  # "every light but the porch one, off": the way said last
                clause.tokens = [*clause.tokens, clause.excluded.pop()]  # is the command's ("the sofa lamp, not the
                while clause.excluded[-1:] == [CLAUSE_BREAK]:  # reading lamp, should be on" stays as said)
                    clause.excluded.pop()
            tokens = clause.tokens
        clause.mentions = self.mentions.find(tokens)
        self._read_value(clause)
        polite = bool(tokens) and (_polite_request(tokens, clause) or _desired(tokens, clause))
        clause.question = bool(tokens) and tokens[0] in QUESTION_STARTS and not polite and not (
            tokens[:2] == ["do", "not"] or (tokens[0] == "when" and tokens[1:2] and tokens[1] not in QUESTION_STARTS
                                            | COPULAS))  # "do not …" commands ("should not the porch light be
        # on?" asks); "when I get home" is a condition
        if clause.question and tokens[0] in ("did", "do", "does") and _reported(tokens, clause):
            clause.question, clause.report = False, True  # "did (you know) the thermostat is ten years old": news
            # told, with no verb for "did" to ask about ("do you know if the garage is shut" asks)
        first = next((m for m in clause.mentions if m.kind in ("device", "type")), None)
        if first is not None and not polite and any(tokens[i:i + 2] in (  # "the front door is it locked", "the
                ["is", "it"], ["are", "they"], ["is", "that"], ["was", "it"], ["should", "it"], ["should", "they"])
                for i in range(first.end, len(tokens))):  # lights in the kitchen are they on": a question said after
            # its device ("the kettle should it be on": Whisper's "shouldn't")
            clause.question = True
        placed = {i for m in clause.mentions for i in range(m.start, m.end)}
        if clause.question and tokens[0] in ("do", "does") and first is not None and all(
                i in placed or t in STOPWORDS for i, t in enumerate(tokens) if i):
            clause.question = False  # "do the lights in the kitchen": no verb to ask about; a command with no direction
        clause.intent = QUERY if clause.question else self._intent(tokens, clause, polite)
        if clause.intent == CLOSE and clause.value_kind == "percent" and clause.value != 50 and "to" not in tokens:
            clause.unclear, clause.ask = True, "How far open should it be, in percent?"  # "close the blinds three
            # quarters of the way": closed by that much, or open that much? Never guessed
        if not clause.question and (_states_offered(tokens) or _state_kept(tokens)):  # "the porch light on or off",
            # "the coffee machine still on": how it is, asked; with a verb of its own ("turn it on or off") unclear
            if any(verb_of(t) and t not in STATES for t in tokens):
                clause.unclear = True
            else:
                clause.question, clause.intent = True, QUERY
        clause.unclear = clause.unclear or (bool(tokens) and talk(tokens, clause.question, clause.mentions)) or (
            tokens[:1] == ["nobody"] and len(tokens) > 1 and verb_of(tokens[1]) is not None)  # "nobody turn on the
        # tv": told to the others, never to the house ("nobody is in the study, …" is why)
        named = {d for m in clause.mentions if m.kind == "device" for d in m.devices}
        if clause.unclear and len(named) == 1 and asks_ability(tokens, clause.question, clause.mentions):
            clause.ask = clause.ask or can_do(named.pop())  # "can the hall light dim?": what it declares, said
        clause.implied_type = next((IMPLIED_TYPES[t] for t in tokens if t in IMPLIED_TYPES), None) or next(
            (COMPARATIVE_TYPES[t] for t in tokens if t in COMPARATIVE_TYPES), None)
        if clause.value_kind in ("color", comfort.WHITE, comfort.KELVIN):
            clause.implied_type = "light"
        if not clause.question:
            self._negation(clause)
            clause.report = clause.report or _reported(tokens, clause)
            clause.unclear = clause.unclear or clause.report
            goal = next((i for i, t in enumerate(tokens) if t in GOALS), None)
            if goal is not None and CAUSATIVES & set(tokens[:goal]) and clause.value is None \
                    and not clause.negated and not clause.unclear and not NEGATIONS & set(tokens) \
                    and clause.intent not in (ON, OFF):  # "turn on the lamp, it's dark": on, said; the dark is why
                clause.intent = GOALS[tokens[goal]]  # "make it dark in here": the lights off, never on
                clause.implied_type = clause.implied_type or "light"
        return clause

    def _negation(self, clause: Clause) -> None:
        """Read "don't", "never", "no more" as structure: no call, the opposite state, or (unplaced) no action."""
        tokens = clause.tokens
        at = next((i for i, t in enumerate(tokens) if t in NEGATIONS), None)
        if at is not None and tokens[at] == "no" and tokens[at + 1:at + 2] and tokens[at + 1] in NEEDLESS:
            clause.negated = True  # "no need to turn on the porch light", "there is no point heating the study"
            return
        if at is None or (at == 0 and tokens[0] == "no" and tokens[1:2] != ["more"] and not (
                clause.mentions and clause.mentions[0].start == 1)):
            return  # "no, wait, close them", "no turn it off": an answer, then a command
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

    def _read_value(self, clause: Clause) -> None:
        tokens = clause.tokens
        at = tokens.index("both") + 1 if "both" in tokens else None
        if at is not None and any(m.start == at + (tokens[at:at + 1] == ["the"]) and m.kind in ("device", "type")
                                  and m.plural for m in clause.mentions):
            clause.count = 2  # "both lamps off": two, so where four are lamps it is asked which, never all four
        lit = any(m.type == "light" or any(d.type == "light" for d in m.devices) for m in clause.mentions)
        named = {i for m in clause.mentions if m.kind == "device" for i in range(m.start, m.end)}
        setting = comfort.read_setting(tokens, lit, named)
        if setting is not None:  # a white, a colour temperature or a climate mode ("set the AC to heating")
            clause.value_kind, clause.value, at = setting
            clause.mentions = [m for m in clause.mentions if at is None or not m.start <= at < m.end]
            return
        joined = " " + " ".join(tokens) + " "
        for name in sorted(COLORS, key=len, reverse=True):
            if f" {name} " in joined:
                clause.value, clause.value_kind = name, "color"
                others = [t for t in tokens if t in SPEEDS or as_number(t) is not None]
                rest = joined.replace(f" {name} ", " ")  # "blue, or maybe green": two colours, neither chosen
                clause.unclear = bool(others) or any(f" {c} " in rest for c in COLORS)  # "the on low white": two
                return  # values for one call; which one is meant?
        if _part_of_step(tokens):  # "half a notch", "a half step": less than one step is still one step
            return
        if _part_of_now(tokens) is not None:  # "dim the lamp by half": half of now, or 50 points less? Never guessed
            clause.unclear, clause.ask = True, PART_OF_NOW
            return
        spans = {i for m in clause.mentions for i in range(m.start, m.end)}
        for i, token in enumerate(tokens):
            if token == "1" and _one_not_a_level(tokens, i, clause.mentions):
                if any(m.end == i and m.kind == "area" for m in clause.mentions) and not any(
                        m.kind in ("device", "type") for m in clause.mentions):
                    clause.count = 1  # "dim the living room one": one device of the room, so which is asked where
                    # it has more, never all of them ("the kitchen lights and the hall one" names its kind)
                continue
            number = as_number(token)
            if number is not None and i > 0 and i - 1 not in spans and tokens[i - 1].isalpha() and (
                    tokens[i - 1] in MEDIA_WORDS or not accounted(tokens[i - 1])):
                clause.content.append(f"{tokens[i - 1]} {token}")  # "channel 5", "radio 4": a name, not a level
                continue
            then = tokens[i + 2] if i + 2 < len(tokens) else ""
            if number is not None and (tokens[i - 1:i] == ["from"] or (
                    tokens[i + 1:i + 2] == ["to"] and as_number(then) is not None)):
                continue  # "turn the tv down from 50 to 30", "change the heating 20 to 22": the level now, never the
                # one wanted
            if number is not None and tokens[i + 1:i + 2] and tokens[i + 1] in STEP_WORDS and number.is_integer():
                clause.steps = max(1, min(int(number), 5))  # "up one notch", "two steps down": default steps
                continue
            if number is not None and number.is_integer() and _counts(tokens, i + 1, clause.mentions, number == 1):
                clause.count = int(number)  # "the two lamps in the lounge", "a couple of lights", "one light": how many
                continue
            if number is not None:
                unit = tokens[i + 1] if i + 1 < len(tokens) else ""
                if unit in FRACTIONS:  # "three quarters", "two thirds"
                    number, unit = float(round(100 * number / FRACTIONS[unit])), "percent"
                clause.value = number
                after = tokens[i + 2:i + 3] if unit in ("percent", *NUMBER_UNITS) else tokens[i + 1:i + 2]
                stepped = (i > 0 and tokens[i - 1] in ("up", "down") and PARTICLES[tokens[i - 1]] in (UP, DOWN)) or (
                    bool(after) and (VERBS.get(after[0]) in (UP, DOWN) or after[0] in RAISE_LOWER or (  # "25 percent
                        # brighter", "2 degrees warmer", "two degrees lower"; "two degrees up" (not "to 20 degrees up")
                        unit and PARTICLES.get(after[0]) in (UP, DOWN) and tokens[i - 1:i] not in (["to"], ["at"])))
                ) or (
                    unit in DEGREE_UNITS and tokens[i - 1:i] not in (["to"], ["at"]) and any(  # "turn down the heating
                        PARTICLES.get(t) in (UP, DOWN) or VERBS.get(t) in (UP, DOWN) or t in RAISE_LOWER
                        for t in tokens[:i]))  # 2 degrees", "lower the thermostat 3 degrees": by that much
                clause.value_kind = ("delta" if (i > 0 and tokens[i - 1] == "by") or stepped else
                                     "percent" if unit == "percent" else
                                     "degrees" if unit in NUMBER_UNITS else "number")
                return
        if any((t == "half" or t in FRACTIONS) and _counts(tokens, i + 1, clause.mentions) for i, t in enumerate(
                tokens)):  # "half the lights in the house", "a third of the lamps": some of them, which is not said
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
        for token in tokens:
            if token in SPEEDS:
                clause.value, clause.value_kind = SPEEDS[token], "speed"
                clause.unclear = len({SPEEDS[t] for t in tokens if t in SPEEDS}) > 1  # "on high, well, medium": two
                return  # speeds, which one is meant is asked

    def _intent(self, tokens: list[str], clause: Clause, polite: bool) -> str | None:
        """`polite`: a request phrased as a question, whose verb may be a participle ("be turned up")."""
        intent: str | None = None
        verb_at = -1
        named = {i for m in clause.mentions if m.kind == "device" for i in range(m.start, m.end)}
        for i, token in enumerate(tokens):
            verb = verb_of(token) or (participle(token) if polite else None)
            if verb is None or i in named:
                continue
            if VERBS[verb] == CLEAN and token in TYPE_WORDS and DOCK_WORDS & set(tokens[i + 1:]):
                continue  # "hoover home", "vacuum back to base": the device told where to go, not to clean
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
        said = tokens[verb_at] if verb_at >= 0 else ""
        verb = verb_of(said) or (participle(said) if polite else None) or ""  # "the tv turned off"
        placed = {i for m in clause.mentions if m.kind == "area" for i in range(m.start, m.end)}
        if intent is None or verb in PARTICLE_VERBS:
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
                    intent = PARTICLE_OVERRIDES.get((verb, particle), particle)
                    break
        elif verb_at >= 0 and (turned := next((PARTICLE_OVERRIDES[(verb, t)] for i, t in enumerate(tokens)
                                               if i > verb_at and i not in named and (verb, t) in PARTICLE_OVERRIDES),
                                              None)):
            intent = turned  # "draw the curtains back", "draw them open": a verb whose way a later word says
        if verb_at < 0 and intent in (ON, OFF) and {PARTICLES.get(t) for t in tokens} >= {ON, OFF}:
            intent = None  # "Out the kettle on with you." (Whisper's "pop"): both ways and no verb; asked, never off
        if intent == OFF and clause.value_kind in ("percent", "number") and any(
                t == "to" and as_number(n) is not None for t, n in pairwise(tokens)):
            intent, clause.value, clause.value_kind = None, None, None  # "turn off first floor lights to 50%"
            # (Whisper's "all"): off and a level contradict; asked, never either
        if verb_at < 0 and intent == OFF and "off" in tokens and any(t in FULL_WORDS for t in tokens):
            intent, clause.value, clause.value_kind = None, None, None  # "Lounge lights off top." (Whisper's
            # "ta"): off and full, no verb, contradict; asked, never full
        if intent in (UP, DOWN, SET) and clause.value is None and any(t in FULL_WORDS for t in tokens):
            clause.value, clause.value_kind = "high", "speed"
        if (intent is None or (intent == SET and (any(m.kind in ("device", "type") for m in clause.mentions) or set(
                tokens) & set(IMPLIED_TYPES)))) and clause.value is None and "more" in tokens and not clause.question:
            intent = UP  # "give me more light", "more heat in here", "make more light in the kitchen"; "make more
            # coffee" is a need (the coffee machine on)
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

    def _share_context(self, clauses: list[Clause], recent: tuple[Device, ...] = ()) -> list[Clause]:
        """A clause without a verb borrows the previous one's ("turn off the tv and the lamp"); a first
        clause saying "it" means the devices of the last command ("make it blue")."""
        kept: list[Clause] = []
        for clause in clauses:
            previous = kept[-1] if kept else None
            named = [m for m in clause.mentions if m.kind in ("device", "type")]
            told = kept[max((k for k, c in enumerate(kept) if c.mentions), default=0):]  # back to the last named
            if told and clause.tokens[:1] in (["leave"], ["keep"]) and len(clause.tokens) > 1 and not (
                    clause.mentions or clause.correction or PRONOUNS & set(clause.tokens)):
                for c in (*told, clause):  # "close the curtains but leave a gap": how far is not said; asked
                    c.unclear = True
            if any(c.value is not None for c in told) and not clause.mentions and not clause.correction and \
                    clause.value is not None and not any(verb_of(t) for t in clause.tokens):
                for c in (*told, clause):  # "the fan on high, well, medium", "blue, or maybe green": a second value
                    c.unclear = True  # for the same command; which one is meant is asked
            if previous is not None and not named and len(previous.tokens) == 1 and not previous.mentions:
                called = [m for m in self.mentions.find([*previous.tokens, CLAUSE_BREAK]) if m.kind == "device"]
                if called:  # "hoover, go home": the device called
                    previous.mentions, previous.intent = called, None
            if clause.correction and previous is not None:  # "… I mean 21", "… no, down": what was corrected
                clause.negated = clause.negated or previous.negated  # "don't turn on the coffee maker, I mean the …"
                clause.carried = _unknown_words(previous)
                said = [t for t in clause.tokens if t not in STOPWORDS and t != "1"]
                if not named and said and clause.value is None and clause.area is None and not any(
                        verb_of(t) or t in PARTICLES or t in STATES for t in said):  # "turn on the sofa lamp, no,
                    clause.unclear = True  # the other one", "…, no, the radio": not that device, and no other named
                    clause.ask = "Which one do you mean?" if {"other", "another"} & set(said) else NOT_SURE if \
                        clause.tokens[0] in QUESTION_STARTS else f"I don't know a device called {as_said(said)}."
                    # ("close the garage door, hold on, is the car inside?": not sure, never closed)
                if not named:
                    clause.mentions.extend(m for m in previous.mentions if m.kind in ("device", "type", "area"))
                    named = [m for m in clause.mentions if m.kind in ("device", "type")]
                if clause.value is None and clause.intent in (None, previous.intent):
                    clause.value, clause.value_kind = previous.value, previous.value_kind
            if previous is not None and named and clause.area is None and previous.area is not None and not (
                    previous.devices or previous.type_mention or previous.intent or previous.value is not None
                    or _unknown_words(previous)):  # "the study, lights off": the room said first is theirs
                clause.mentions.extend(m for m in previous.mentions if m.kind == "area")
                kept.pop()
                previous = kept[-1] if kept else None
            elif previous is not None and not named and clause.area is None and clause.value is not None and \
                    previous.area is not None and not (previous.devices or previous.type_mention or previous.intent or
                                                       previous.value is not None or _unknown_words(previous)):
                clause.mentions.extend(m for m in previous.mentions if m.kind == "area")  # "bedroom brightness, 50%"
                clause.implied_type = clause.implied_type or previous.implied_type  # (Whisper's comma): the room's,
                kept.pop()  # never the speaker's room
                previous = kept[-1] if kept else None
            if previous is None and recent and not named and clause.area is None \
                    and not NOT_ABOUT_DEVICES & set(clause.tokens):  # "what time is it" is not about the lamp
                implied = INTENT_TYPES.get(clause.intent or "") or clause.implied_type
                kinds = {implied} | ({"light"} if comfort.white_step(clause.tokens) else set())  # "warmer": a lamp too
                others = {w for d in self.registry if d.type in kinds and d not in recent for w in d.name_words}
                if PRONOUNS & set(clause.tokens) or (implied and any(d.type in kinds for d in recent) and not (
                        others - set(TYPE_WORDS) - TYPE_NOUNS) & set(clause.tokens)):  # "unlock the back" after the
                    # front door: another one named by part of its name, never the front door again
                    # "it" reaches only what can do the action: not a scene told "off", not the tv told "brighter"
                    devices = tuple(d for d in recent if (implied is None or d.type in kinds) and (
                        (clause.intent is None and clause.value is None) or _tool_for(d, clause)[0] is not None))
                    # "it's too loud": a need, read about "it" below (_hint)
                    if devices:
                        clause.mentions.append(Mention(0, 0, "device", devices, plural=True, text="it"))
                    else:
                        clause.unable = recent
            elif previous is not None and not named and (previous.devices or previous.type_mention):
                implied = INTENT_TYPES.get(clause.intent or "") or clause.implied_type
                elsewhere = clause.area is not None and bool(previous.devices) and not any(  # "leave the porch
                    d.area in self._areas(clause.area) for m in previous.devices for d in m.devices)  # light, turn
                # off the hallway": a room where the device just named is not; never that device
                if not elsewhere and (PRONOUNS & set(clause.tokens) or (
                        previous.intent is None and previous.value is None)):
                    # "the kettle, switch it on": the pronoun points at the device just named; "the fan in the
                    # bathroom, on": at the kind said there
                    clause.mentions.extend(m for m in previous.mentions if m.kind in ("device", "type"))
                    kind = previous.type_mention.type if previous.type_mention else None
                    if "it" in clause.tokens and kind and any(d.type != kind for m in previous.devices
                                                              for d in m.devices):
                        clause.unclear, clause.ask = True, 'Which one do you mean by "it"?'  # "the light in the
                        # room with the tv, turn it off"
                    if clause.area is None:  # "the kitchen ceiling light ... turn it down": same room
                        clause.mentions.extend(m for m in previous.mentions if m.kind == "area")
                    if previous.intent is None and previous.value is None:
                        clause.carried = [] if previous.report or _likened(previous) or _unable(previous) or \
                            _reported(previous.tokens, previous) else _unknown_words(previous)  # "the kids want the
                        # blinds, open them"; news says how the device is ("the heater smells of burning, turn it
                        # off"), what another is doing ("the dog's barking at the sprinkler, turn it off") and the
                        # speaker what they cannot do ("I can't reach the tv, would you switch it off"): why, never
                        # words of the command
                        if clause.intent is None and _docked(clause.tokens, clause.mentions):
                            clause.intent = DOCK  # "roomba, home"
                        if clause.intent is None and clause.value is None:
                            self._told(clause)  # "garage door: up", "hoover. go.", "ac: cool"
                        kept.pop()
                        previous = kept[-1] if kept else None
                        while ALL_OF_THEM & set(clause.tokens) and previous is not None and previous.devices and (
                                previous.intent is None and previous.value is None and not _unknown_words(previous)):
                            clause.mentions.extend(previous.devices)  # "the sofa lamp and the reading lamp, both to
                            kept.pop()  # 30": every device named before it
                            previous = kept[-1] if kept else None
                elif implied and clause.area is None:
                    # "turn the tv down to 15 and press play": same device, next action
                    same = [m for m in previous.devices if any(d.type == implied for d in m.devices)]
                    clause.mentions.extend(same)
                elif clause.area is not None and previous.type_mention is not None and not any(
                        verb_of(t) for t in clause.tokens):  # "the lights on in the kitchen and off in the bedroom"
                    clause.mentions.append(previous.type_mention)
            said = [d for m in named for d in m.devices]  # a kind ("the lights") names no scene
            scenes = bool(said) and all(d.type == "scene" for d in said)
            if previous is not None and clause.intent is None and clause.tokens[:1] and clause.tokens[0] in PARTICLES \
                    and (named or clause.area is not None):  # "the kitchen lights down and up in the study": its own
                clause.intent = PARTICLES[clause.tokens[0]]
            if previous is not None and clause.intent is None and not scenes:  # "…, good night": the scene, said
                clause.intent = previous.intent
                clause.question = previous.question
                clause.unclear = clause.unclear or previous.unclear or (
                    not previous.mentions and not clause.mentions and bool(self.unaccounted(previous)))  # "which is
                # better, a kettle or …": talk, too; "clean up my inbox, go at him": a verb borrowed from words read
                # about nothing here reaches nothing either
                if clause.value is None and previous.value_kind in ("color", "speed"):
                    clause.value, clause.value_kind = previous.value, previous.value_kind
                if not clause.devices and clause.type_mention is None and previous.type_mention is not None:
                    clause.mentions.append(previous.type_mention)
                clause.implied_type = clause.implied_type or previous.implied_type
            if previous is not None and previous.intent == SET and previous.value is None and clause.intent in (
                    ON, OFF) and previous.tokens and previous.tokens[0] in PARTICLE_VERBS and not any(
                    verb_of(t) for t in clause.tokens):  # "put the kettle and the coffee on": on, both
                previous.intent = clause.intent
            if previous is not None and previous.value is None and previous.intent in (SET, UP, DOWN) \
                    and clause.value is not None:
                previous.value, previous.value_kind = clause.value, clause.value_kind
            if clause.correction and previous is not None:
                kept.pop()
            kept.append(clause)
        return kept

    # -- answers to a question back ----------------------------------------------------------------
    def _told(self, clause: Clause) -> None:
        """Read a clause's value and verb again now that it has the device called just before it ("garage door: up"):
        alone, "up" or "cool" said nothing; the borrowed names are words of the clause before, so none of its own."""
        said = clause.mentions
        clause.mentions = [m if clause.said_here(m) else replace(m, start=0, end=0) for m in said]
        self._read_value(clause)
        clause.intent = self._intent(clause.tokens, clause, False)
        clause.mentions = said

    def picked(self, tokens: list[str], options: tuple[Device, ...]) -> tuple[Device, ...]:
        """The options an answer to "which one?" (normalized tokens) picks: by room ("the kitchen one"), by
        name ("the front one", "the reading lamp"), by place in the question ("the second one"), all of them
        ("both"), or all but some ("not the kitchen one", "every one except the kitchen one"). () when it picks
        none of them, or says more than which (a word no option explains: a sentence of its own)."""
        tokens = [t for t in tokens if t != CLAUSE_BREAK]
        if tokens[:1] == ["no"]:
            tokens = tokens[1:]  # "no, the kitchen one": the choice, said again
        cut = next(((i, len(p)) for i in range(len(tokens)) for p in (*EXCLUSIONS, *((n,) for n in NEGATIONS))
                    if tuple(tokens[i:i + len(p)]) == p), None)
        if cut is None:
            return self._picks(tokens, options)
        at, size = cut  # "not the kitchen one", "the one that is not in the kitchen": the other one
        left_out = self._picks(tokens[at + size:], options)
        said = set(tokens[:at]) - (STOPWORDS - ALL_OF_THEM) - ANSWER_WORDS  # "every one except …", "all except …",
        # "the lamps but not …"
        rest = tuple(d for d in (self._picks(tokens[:at], options) if said else options) if d not in left_out)
        return rest if left_out and (said or len(rest) == 1) else ()  # "not the kitchen" of six rooms: no choice

    def _picks(self, tokens: list[str], options: tuple[Device, ...]) -> tuple[Device, ...]:
        if set(tokens) & ALL_OF_THEM:
            return options
        mentions = self.mentions.find(tokens)
        rooms = {a for m in mentions if m.kind == "area" for a in self._areas(m.area or "")}
        named = {d for m in mentions if m.kind == "device" for d in m.devices}
        kinds = {m.type for m in mentions if m.kind == "type"}  # "the fan" of "the fan or the ac"
        placed = {i for m in mentions for i in range(m.start, m.end)}
        said = {t for i, t in enumerate(tokens) if i not in placed} - (STOPWORDS - set(PARTICLES)) - ANSWER_WORDS
        ordinal = [ORDINALS[t] for t in said if t in ORDINALS]
        described = {w for d in options for w in (*d.name_words, *_class_name(d).split())}
        if said - described - set(ORDINALS) or len(ordinal) > 1:
            return ()  # "the kitchen one in an hour", "the big one": more than a choice, or none the options meet
        if rooms or named or kinds:
            chosen = tuple(d for d in options if (not rooms or d.area in rooms) and (not named or d in named)
                           and (not kinds or d.type in kinds))
            word = {w for m in mentions if m.kind == "type" and not m.plural for w in m.text.split()}
            return tuple(d for d in chosen if word & d.name_words) or chosen  # "the lamp": the lamps, of the lights
        if ordinal:  # "the second one": as the question listed them
            return (options[ordinal[0]],) if -len(options) <= ordinal[0] < len(options) and len(said) == 1 else ()
        by_name = tuple(d for d in options if said & d.name_words)
        return by_name or tuple(d for d in options if said & set(_class_name(d).split()))  # "the charging one"

    def called(self, device: Device) -> str:
        """Words that name this device and no other: its name, with its room where another shares the name."""
        shared = sum(d.name == device.name for d in self.registry) > 1
        return f"{device.area} {device.name}" if shared and device.area else device.name

    def room_answered(self, tokens: list[str]) -> str | None:
        """The one room an answer to "in which room?" names ("the kitchen", "in the bedroom"); None when it says
        anything more ("the kitchen light on") or names no room or two."""
        mentions = self.mentions.find(tokens)
        placed = {i for m in mentions for i in range(m.start, m.end)}
        rooms = {m.area for m in mentions if m.kind == "area"}
        said = {t for i, t in enumerate(tokens) if i not in placed} - STOPWORDS - {"in", "the", "room", "please"}
        if len(rooms) != 1 or said or any(m.kind != "area" for m in mentions):
            return None
        return rooms.pop()

    @staticmethod
    def comparative_answered(tokens: list[str]) -> bool:
        """An answer of only a comparative ("cooler", "warmer please", "a bit warmer"): said after the sentence asked
        about, it says the direction that sentence left open."""
        said = set(tokens) - STOPWORDS - RELATIVE_WORDS - {"much", "lot"}
        return bool(said) and said <= set(COMPARATIVE_TYPES)

    def heard_in(self, area: str) -> RuleMatcher:
        """The same matcher as if the speaker were in `area`: re-reading "turn everything on" once the room is said."""
        return RuleMatcher(self.registry, area)

    def without(self, devices: tuple[Device, ...]) -> RuleMatcher:
        """The same matcher over the home minus `devices`: re-reading a sentence once the user has chosen."""
        return RuleMatcher(Registry((d for d in self.registry if d not in devices), self.registry.area_groups),
                           self.area)

    # -- clause -> calls -----------------------------------------------------------------------
    def match(self, text: str, recent: tuple[Device, ...] = ()) -> RuleResult:
        """Calls for a sentence; `recent` are the devices of the previous command, for follow-ups.

        A time or condition anywhere ("when I get home, turn on the porch light") holds the whole sentence;
        a "don't" beside other commands ("don't lock it, unlock the back door") makes those asked about."""
        result = RuleResult()
        tokens = heard = self._after_small_talk(self.spelled(normalize(text)))
        if (tokens[:2] == ["do", "not"] and tokens[2:3] not in (["forget"], ["leave"], ["keep"])) or tokens[:1] == [
                "never"]:  # "don't leave the kettle on" asks for it off: read below
            result.replies.append(self._not_done(tokens))  # a sentence that starts "don't" is not done, whatever
            return result  # follows
        named = {i for m in self.mentions.find(tokens) if m.kind == "device" for i in range(m.start, m.end)} if (
            OTHER_SERVICES | TIMER_WORDS | {"left", "remaining"}) & set(tokens) or tokens[:1] in (["how"], ["tell"]) \
            else set()
        if _elsewhere(tokens, named):  # "remind me to lock the back door and turn off the tv": none of it is for now
            result.replies.append(OUT_OF_HOME)
            return result
        if _quoted(tokens):  # "my wife said, turn off the tv": her words, passed on
            result.replies.append(OUT_OF_HOME)
            return result
        if not_to_the_house(text):  # "mum, can you …", "thanks for turning it on at 3am", irony: nothing asked of it
            result.replies.append("Sorry, I'm not sure what you'd like me to do.")
            return result
        offered = self._alternatives(tokens)
        if offered:  # "turn on the fan or the ac": a choice the user has not made; ask, and the answer fills it in
            result.replies.append("Which one do you mean? Please say just one.")
            options = tuple(dict.fromkeys(d for m in offered for d in m.devices or [
                x for x in self.registry if x.type == m.type]))  # "the fan": every fan
            if options and all(m.kind != "area" for m in offered):
                gap = [*tokens[:min(m.start for m in offered)], CHOICE, *tokens[max(m.end for m in offered):]]
                result.asked.append((" ".join(gap), options))
            return result
        values = _values_offered(tokens)
        if values:  # "bump the heating to 21 or 22": two levels offered, neither chosen
            result.replies.append(f"Which do you mean: {values[0]} or {values[1]}?")
            return result
        if any(unit in FOREIGN_UNITS and number[:1].isdigit() for number, unit in pairwise(tokens)):
            result.replies.append(IN_CELSIUS)  # "set the ac to 30 fahrenheit": never 30 degrees Celsius, nor the
            return result  # model's conversion, which it may get wrong
        timer = read_timer(tokens, named)
        if timer is not None:  # "set a pasta timer for 8 minutes", "how long is left", "cancel the timer"
            asked = timer.call is not None and timer.call.tool == "get_timers"  # "how long till the timer goes off"
            held = _timer_held([t for t in tokens if not asked or t not in ("till", "until")]) if timer.call else None
            if held is not None:  # "set a timer for ten minutes when I get home", "cancel the timer tomorrow"
                result.replies.append(held)
                return result
            named_as = (timer.call.name or "").split() if timer.call else []  # "a timer for the kids": its name
            if timer.call is not None and not asked and (_timer_led(tokens) or _self_cancelled(tokens) or any(
                    _retracts(tokens[i + 1:]) for i, t in enumerate(tokens) if t == CLAUSE_BREAK) or any(
                    changes_meaning(t) for t in tokens if t not in named_as)):
                result.replies.append(NOT_SURE)
                return result  # "my wife likes to set a timer for 5 minutes", "start a 1 hour timer, just kidding",
                # "… at some point"
            result.calls += [timer.call] if timer.call else []
            result.replies += [timer.reply] if timer.reply else []
            return result
        times, tokens = find_times(tokens)
        problem = (DAYS if recurring(tokens) else None) or next((t.problem for t in times if t.problem), None) \
            or (ONE_TIME if len(times) > 1 else None) or bare_clock(tokens)
        tag = tagged(text)
        if tag:  # the tag's own words ("isn't it", "correct") are no part of what is asked
            said = next((t for t in TAGS if tuple(tokens[-len(t):]) == t), ())
            tokens = tokens[:len(tokens) - len(said)]
            while tokens[-1:] == [CLAUSE_BREAK]:
                tokens = tokens[:-1]
        clauses = self.clauses(text, recent, tokens)
        whole = Clause(tokens=tokens, mentions=self.mentions.find(tokens))  # before a correction drops a clause
        problem = problem or self._scheduled(whole) or next(
            (held for c in clauses if not c.question and (held := self._scheduled(c))), None)
        place = self._unknown_place(whole)
        if place is not None and (not all(accounted(w) for w in place.split()) or ROOM_NOUNS & set(place.split())):
            # "lock the back door in the shed", "the heater in the little room": a room the home does not have
            result.replies.append(f"I don't know a room called {place}.")
            return result
        last = clauses[-1] if clauses else None
        if last is not None and not last.question and (last.intent not in (None, QUERY) or last.value is not None) \
                and last.tokens and (
                not verb_of(last.tokens[0]) or len(last.tokens) == 1) and typed_question(text) and not \
                _polite_request(last.tokens, last):  # "front door locked?", "front door, locked?": whether it is;
            # not "(can you) lock the front door?", "could the desk lamp go off?" (a request, "?" as Whisper writes)
            last.question, last.intent = True, QUERY
        checked = last is not None and not last.question and typed_command_question(text)  # "set the heating to 20?"
        if last is not None and tag and last.unclear and last.devices and _reported(last.tokens, last):
            last.question, last.intent, last.unclear, last.report = True, QUERY, False, False  # "the back door is
            # locked, right?"
        if clauses and clauses[0].question and clauses[0].devices:  # "did you turn off the tv and lock the door"
            for clause in clauses[1:]:
                if clauses[0].tokens[:1] == ["why"] and clauses[0].tokens[1:2] and clauses[0].tokens[1] in COPULAS \
                        and clause.tokens and verb_of(clause.tokens[0]):
                    continue  # "why is the garage door open, shut it": asked in passing, then a command of its own
                    # ("why did you open the blinds and turn the light off" asks about both)
                clause.question, clause.intent = True, QUERY
        elif clauses and clauses[0].question and clauses[0].area is not None:  # "are the bedroom and study lamps
            for clause in clauses[1:]:  # off": a kind said once after two rooms is asked in each
                if not any(verb_of(t) for t in clause.tokens):
                    clause.question, clause.intent = True, QUERY
        if problem is None and any(c.question and (times or _about_later(c)) for c in clauses):
            problem = ONLY_NOW  # "is the front door locked at 7 pm", "what's on tv tonight"
        ways = {c.intent for c in clauses if not c.question and any(verb_of(t) or t in PARTICLES for t in c.tokens)}
        if problem is None and times and times[0].start > 0 and (sum(
                1 for c in clauses if c.tokens and verb_of(c.tokens[0]) and not c.question) > 1 or len(ways) > 1):
            problem = PART_LATER  # "turn on the porch light and turn it off in ten minutes": not both in ten;
            # "sprinkler on now and off in ten minutes" (each told its own way, no verb)
        if problem is not None:  # a time not read whole is asked about; a condition or a duration is refused
            result.replies.append(problem)
            return result
        if any(_retracts(c.tokens) for c in clauses[1:]):  # "switch off the tv? actually no, leave it"
            result.replies.append(WONT)
            return result
        clauses = _without_asides(clauses)  # "try not to wake the baby, turn the tv down": how, never a request
        commanded = any(not c.unclear and not c.negated and not c.question and c.intent for c in clauses)
        why = [c for c in clauses if _why(c) and any(  # "it's boiling, make the ac colder": why, not a request
            o is not c and not o.question and (o.intent is not None or o.devices or o.area) for o in clauses)]
        passing: set[int] = set()  # the replies to words beside a command that ask nothing of the home
        for clause in clauses:
            if not (clause.report and commanded) and clause not in why:  # "mum left the porch light on, switch it
                said = len(result.replies)
                self._resolve(clause, result)  # off": the news is why
                added = result.replies[said:]
                if (added in ([OUT_OF_HOME], [NOT_SURE]) and _beside(clause)) or (len(added) == 1 and _courteous(
                        clause) and added[0].startswith("I don't know a device called")):  # "…, ta very much"
                    passing.add(said)
        if times:  # the sentence's one time, on every call; what the model would read would lose it: asked
            result.calls = [times[0].on(c) for c in result.calls]
            result.unsure = [(text, [times[0].on(c) for c in guessed]) for text, guessed in result.unsure]
            for _clause, devices in result.undecided:
                result.replies.append("What should I do with the " + " and the ".join(d.name for d in devices) + "?")
            result.undecided = []
        contrary = next((c.reason for c in clauses if c.contrary), None)  # "turn off the heater it is cold in here"
        against = bool(result.calls) and (contrary is not None or said_against(self.registry, tokens, result.calls)
                                          or purpose_against(self.registry, tokens, result.calls))
        if against:  # "it's so hot, turn the heater up": the sentence contradicts itself; asked, a yes does it
            result.replies.append(f"You said {_as_said(contrary)}." if contrary else CONTRADICTS)
        left_out = {d.id for c in clauses if c.excluded for d in self._excluded(c)[0]}  # "turn off all the lights,
        result.calls = [c for c in result.calls if c.device not in left_out]  # and the tv, but not the porch light"
        unplaced = any(c.unclear and NEGATIONS & set(c.tokens[:2]) for c in clauses)  # "don't leave the porch light,
        # turn off …": a command refused, not placed; never what is beside it ("the tv is not on, turn it on" is)
        stray = any(self._stray(c) for c in clauses[1:]) or any(_opened(c) or self._said_apart(c) for c in clauses)
        # "turn all the lights and gear off", "our all living room curtains open": a word said that nothing here
        # reads; "hypothetically, unlock the front door": the rest not meant as said
        led = self._framed(clauses, result)
        if (any(c.negated for c in clauses) or unplaced or against or result.unsure or led or checked or
                stray) and result.calls:
            # "don't lock it, unlock the back door", "ask mum to turn off the tv and lock the front door": what the
            # sentence was not understood around is not done beside it either; all of it is asked about
            result.held, result.calls = [*result.held, *result.calls], []
        # one value per device and tool: a later one restates the first ("set the fan to high, make that medium")
        last = {(c.tool, c.device, c.delay_s, c.at): c for c in result.calls}
        result.calls = list(dict.fromkeys(c for c in result.calls if last[(c.tool, c.device, c.delay_s, c.at)] == c))
        if any(c.question and c.tokens[:1] == ["why"] for c in clauses):  # "why is the garage door open, close it":
            acted = {c.device for c in result.calls if c.tool != "get_state"}  # asked in passing, the command the
            result.calls = [c for c in result.calls if c.tool != "get_state" or c.device not in acted]  # answer
        opposed = _opposed(result.calls)
        if opposed:  # "Blinds, open curtains, close.": one device told both ways; whichever ran last would win, so
            # neither is done (nor held for a yes, which would do both): asked which
            device = next(d for d in self.registry if d.id == opposed)
            result.held, result.calls = [], []
            result.replies.append(f"You said the {self.called(device)} both ways. Which do you mean?")
        if result.calls and not (result.held or result.unsure):  # "put the kettle on, I'm thirsty": done, and no
            result.replies = [r for i, r in enumerate(result.replies) if i not in passing]  # apology beside it
        # the answer to a question back is read with the whole sentence, as if said in it: its reason, its time
        when = [w for t in times for w in normalize(text)[t.start:t.end]]  # "in ten minutes": kept for the answer
        result.asked = [(_gapped(text, bool(options)) if clause == CHOICE else " ".join([clause, *when])
                         if DIRECTION in clause or CHOICE in clause else text, options)
                        for clause, options in result.asked]
        inside = self._and_for_in(heard)
        if inside is not None and result.calls:  # "turn off all the lights and kitchen": a recogniser's "in
            # kitchen" as likely as a second room; where it is the narrower reading, it is asked about
            narrow = self.match(" ".join(inside), recent).calls
            if narrow and {str(c) for c in narrow} < {str(c) for c in result.calls}:
                result.held, result.calls = narrow, []
        source = self._after_from(heard)
        if source and {c.device for c in result.calls} - source and {c.device for c in result.calls} & source:
            result.held, result.calls = result.calls, []  # "turn the hallway light off from the porch light" (Whisper's
            # "and the porch light on"): what "from" names is where, not a second device to do it to; asked
        return result

    def _framed(self, clauses: list[Clause], result: RuleResult) -> bool:
        """A frame that changes what the sentence asks, which holds every change in it, not only its own clause's: a
        call held as it is, or a command of a device, for a word that may change what it asks ("open the blinds
        and the curtains at some point"), unless the rest does the same anyway ("because apparently I'm the only one
        who can lock the back door, lock the back door"); or a first clause, said before another, with a verb, that
        its frame leaves unclear ("my wife likes to lock up and turn everything off"), that words the parse does not
        read lead before a device ("I regret asking you to turn the fan up and the lights down"), or that asks about
        doing it ("did you lock up and turn everything off"). A reason said first ("I'm too tired to get up, could
        you …") leads nothing."""
        if {(c.tool, c.device) for c in result.held} - {(c.tool, c.device) for c in result.calls}:
            return True
        if len(clauses) < 2 or all(c.tool == "get_state" for c in result.calls):
            return False
        commands = [c for c in clauses if c.intent not in (None, QUERY) and c.tokens[0] not in REASONS
                    and not (COPULAS | PAST_FORMS) & set(c.tokens) and any(m.kind in ("device", "type") and c.said_here(
                        m) for m in c.mentions)]  # its own device ("…, night shift finished" names none)
        if any(changes_meaning(w) for c in commands for w in self.unaccounted(c)):  # not why ("…, the kids left it
            return True  # open again", "the tv is still on from last night, …"): "open the blinds and turn the ceiling
            # light off at some point" (which light?), "close the garage door and the blinds at some point"
        first = clauses[0]
        named = {i for m in first.mentions for i in range(m.start, m.end)}
        device = next((m.start for m in first.mentions if m.kind in ("device", "type")), len(first.tokens))
        verb = next((i for i in range(device - 1, -1, -1) if verb_of(first.tokens[i])), None) if device else None
        verb = verb if verb is not None else next((i for i, t in enumerate(first.tokens) if verb_of(t)), None)  # the
        # command's own verb: the last before its device ("stop asking me to close the garage door")
        if verb is None or first.report or first.tokens[0] in REASONS or first.tokens[-1] == "no":  # "open the- no,
            return False  # close …" restarts it
        asks_doing = first.question and first.tokens[0] not in COPULAS and first.tokens[1:2] and first.tokens[
            1] not in COPULAS  # not "why is the garage door open, shut it": asked in passing, then a command
        unread = any(t.isalpha() and not accounted(t) and i not in named for i, t in enumerate(first.tokens[:verb]))
        led = unread and any(m.start > verb and m.kind in ("device", "type") for m in first.mentions)
        return first.unclear or bool(asks_doing) or led

    def _after_from(self, tokens: list[str]) -> set[str]:
        """The devices named straight after "from" ("from the porch light") once a device was named before it."""
        named = [m for m in self.mentions.find(tokens) if m.kind in ("device", "type")]
        return {d.id for m in named if "from" in tokens[max(0, m.start - 2):m.start] and any(
            n.end < m.start for n in named) for d in m.devices}

    def _and_for_in(self, tokens: list[str]) -> list[str] | None:
        """The words with "in" for an "and" said before a bare room name ("all the lights and kitchen", "the light
        and the garage on"), after a device phrase with no room of its own; None when there is no such "and"."""
        mentions = self.mentions.find(tokens)
        for m in mentions:
            the = int(tokens[m.start - 1:m.start] == ["the"])
            if m.kind != "area" or m.start < 2 + the or tokens[m.start - 1 - the] != "and" or (
                    tokens[m.end:m.end + 1] and tokens[m.end] not in (CLAUSE_BREAK, *PARTICLES)):
                continue
            cut = max((i + 1 for i, t in enumerate(tokens[:m.start]) if t == CLAUSE_BREAK), default=0)
            before = [n for n in mentions if cut <= n.start and n.end < m.start]
            if any(n.kind in ("device", "type") for n in before) and all(n.kind != "area" for n in before):
                return [*tokens[:m.start - 1 - the], "in", *tokens[m.start - the:]]
        return None

    def _resolve(self, clause: Clause, result: RuleResult) -> None:
        if clause.unable:
            names = " and the ".join(d.name for d in clause.unable)
            result.replies.append(f"The {names} can't do that. Which device do you mean?")
            if PRONOUNS & set(clause.tokens):  # "make it brighter": the answer is said in place of "it"
                result.asked.append((CHOICE, tuple(self.registry)))
            return
        if clause.negated:
            result.replies.append(self._not_done(list(clause.tokens)))
            return
        if clause.unclear:
            result.replies.append(clause.ask or NOT_SURE)
            if clause.ask == PART_OF_NOW:  # the level answered is said in place of "by half"
                result.asked.append((CHOICE, ()))
            return
        clause = self._by_use(clause) or clause
        started = clause.intent == ON and clause.type_mention is None and clause.implied_type is None
        unknown = [*self.unaccounted(clause), *clause.carried] if not clause.question else []
        nearly: list[str] = []  # what a way in was named by, heard nearly: asked as it is, never the model's guess
        if clause.intent in (UNLOCK, OPEN):  # "unlock the black door": a name heard nearly never lets anyone in;
            nearly += [m.text for m in clause.devices if m.fuzzy and clause.said_here(m) and (  # "the frnt door" is
                clause.intent == UNLOCK or any(OPENING_NOUNS & d.name_words for d in m.devices)) and not all(  # typed
                _dropped(w, m.devices) for w in m.text.split())]  # short, and no other word
            nearly += [t for t in clause.tokens if clause.intent == OPEN and t in _floor_words()]  # "open the garage
            # floor": not the garage door; a way in is opened only when said
        choosing = (bool(CHOOSING_WORDS & set(clause.tokens)) and (clause.intent == PLAY or bool(
            MEDIA_WORDS & set(clause.tokens)))) or (clause.intent == PLAY and any(  # "next song on the speaker", "play
                a in SPEAKER_WORDS and b in MEDIA_WORDS for a, b in pairwise(clause.tokens)))  # something else", "play
        # my song": one piece, not whatever was playing
        if clause.content or (clause.intent == PLAY and unknown) or choosing:  # "the tv to channel 5", "play the match"
            result.replies.append("Sorry, I can only play, pause and set the volume; I can't choose what plays.")
            return
        if {"them", "those", "these"} & set(clause.tokens) and not any(
                m.kind in ("device", "type") for m in clause.mentions):
            result.replies.append("Which devices do you mean?")  # "dim them a bit" with nothing said before
            return
        if clause.intent == CLEAN and not self._floors(clause):
            result.replies.append("The robot vacuum only cleans floors.")  # "clean the windows", "clean the oven"
            return
        beside = self._unknown_beside(clause)
        if beside:  # "open the front blinds", "show me the front door camera": another thing than the one named
            result.replies.append(f"I don't know a device called {beside}.")
            return
        named = any(clause.said_here(m) for m in clause.mentions)
        if unknown and not named:  # "send a laugh my way": nothing names a device; a guess is not worth asking
            commanded = any(verb_of(t) for t in clause.tokens)
            result.replies.append(f"I don't know a device called {as_said(unknown)}." if commanded
                                  else OUT_OF_HOME)
            return
        read = bool(STATUS_WORDS & set(clause.tokens)) if clause.devices else self._reading(clause)
        if clause.intent is None and clause.value is None and read:
            clause.question, clause.intent = True, QUERY  # "temperature living room": its reading, not the AC; "front
            # door status"
        if clause.value is None and (clause.intent in (None, SET) or started):  # "start the coffee"
            hinted = self._hint(clause)
            if hinted is not None and hinted.unclear:
                result.replies.append(hinted.ask or WHICH_ROOM)
                return
            if hinted is not None:
                hinted.count, clause = clause.count, hinted  # "the 2 lamps in the living room are too bright"
            elif clause.intent is None and clause.devices and _needs(clause.tokens):  # "the porch light is too loud":
                # a need the device named cannot meet; no reading of it is safe, the model's neither
                names = " and the ".join(d.name for m in clause.devices for d in m.devices)
                result.replies.append(f"What should I do with the {names}?")
                return
        widened = self._but_a_room(clause)
        clause = widened or clause
        targets, problem = self._targets(clause)
        if isinstance(problem, Ask):
            result.asked.append((" ".join(clause.tokens), problem.options))
            problem = problem.text
        if problem is not None:
            result.replies.append(problem)
            return
        if not targets and self._one_in_room(clause, result):
            return
        if not targets:
            if clause.intent is not None or clause.value is not None:
                result.replies.append(self._unknown(clause))
                if clause.intent != QUERY and PRONOUNS & set(clause.tokens):  # "Which device do you mean by "it"?"
                    result.asked.append((CHOICE, tuple(self.registry)))
            else:
                result.replies.append(OUT_OF_HOME)
            return
        if clause.intent is None and clause.value is None:
            if all(d.type == "scene" for d in targets):
                clause.intent = ON  # a scene's name alone ("movie night") means: activate it
            elif all(d.type == "sensor" for d in targets):
                clause.question, clause.intent = True, QUERY  # "living room temperature": a sensor is only read
            else:
                result.undecided.append((" ".join(clause.tokens), targets))
                return
        if clause.excluded:
            left_out, problem = self._excluded(clause)
            if problem is not None:
                result.replies.append(problem)
                return
            ids = {d.id for d in left_out}
            earlier = [c for c in result.calls if c.device in ids]  # "turn off all the lights, and the tv, but not
            # the porch light": left out of the clause before, which has it
            if earlier and not {d.type for d in left_out} & {d.type for d in targets}:
                result.calls[:] = [c for c in result.calls if c.device not in ids]
            elif not {d.type for d in left_out} & {d.type for d in targets}:  # "all the lights except the ceiling"
                # (the ceiling fan): not the kind being switched, so not what was meant; "the blinds but not the
                # curtains" only says which
                result.replies.append(f"Which of them should I leave out: {' '.join(clause.excluded)}?")
                return
            targets = [d for d in targets if d not in left_out]
            if not targets:
                result.replies.append("That leaves nothing to do.")
                return
        if clause.count is not None and clause.count != len(targets):  # "a couple of lights in the living room" of
            # three, "one light" of two: which is not said; never all of them
            result.replies.append("Which one do you mean?" if clause.count == 1 else "Which ones do you mean?")
            return
        calls: list[ToolCall] = []
        refusals: list[str | Ask] = []
        for device in targets:
            call, refusal = self._call(device, clause)
            if call is not None:
                calls.append(call)
            elif refusal:
                refusals.append(refusal)
        if calls and (nearly or widened or _placed_by_unknown(clause.tokens, unknown)
                      or any(changes_meaning(w) for w in unknown)):
            result.held.extend(calls)  # "Did you mean: unlock the back door?"; "the kitchen light over the sink": which
            # one is meant is not known, asked as it is, never the model's guess
        elif calls and unknown:
            result.unsure.append((" ".join(clause.words), calls))  # "Did you mean: …?"
        elif calls:
            result.calls.extend(calls)
        elif isinstance(refusals[:1] and refusals[0], Ask):  # "cooler or warmer?": the answer completes it, said
            said = [*clause.tokens, DIRECTION, *clause.marker, *clause.excluded, *clause.reason]  # right after the
            result.asked.append((" ".join(said), refusals[0].options))  # command, before its reason
            result.replies.append(refusals[0].text)
        elif refusals:
            result.replies.append(str(refusals[0]))

    def _one_in_room(self, clause: Clause, result: RuleResult) -> bool:
        """ "turn off the study one", "switch off the kitchen" with no kind said and nothing before it: a room is no
        device, so which of its devices is asked ("Which one in the study: the desk lamp or the study heater?"), the
        answer put in its place; one that can do it alone is asked yes or no. False when the clause is not that."""
        room = next((m for m in clause.mentions if m.kind == "area" and clause.said_here(m)), None)
        if room is None:
            return False
        rest = [t for i, t in enumerate(clause.tokens) if not room.start <= i < room.end]
        if clause.intent in (None, QUERY) or clause.type_mention is not None or clause.devices or (
                clause.implied_type is not None or PRONOUNS & set(rest)) or not all(  # "the kitchen radio": a name
                t in STOPWORDS or t in VERBS or t in PARTICLES or t == "1" for t in rest):  # not known, said back
            return False
        there = [d for d in self.registry if d.area in self._areas(room.area or "") and d.type != "scene"]
        calls = [c for d in there for c in [self._call(d, clause)[0]] if c is not None]
        if len(calls) == 1:
            result.held.append(calls[0])  # "Did you mean: turn off the desk lamp?"
            return True
        if not calls:
            return False
        one = clause.tokens[room.end:room.end + 1] == ["1"]
        said = [*clause.tokens[:room.start], CHOICE, *clause.tokens[room.end + one:]]
        options = tuple(self.registry[c.device] for c in calls if c.device)
        result.asked.append((" ".join(said), options))
        result.replies.append(which(list(options)).text.replace("Which one:", f"Which one in the {room.area}:", 1))
        return True

    @staticmethod
    def _floors(clause: Clause) -> bool:
        """What a clause tells the robot vacuum to clean is a room, the floors, or the robot itself: every other
        word is grammar or a verb."""
        said = {i for m in clause.mentions if m.kind == "area" or any(d.type == "vacuum" for d in m.devices)
                or m.type == "vacuum" for i in range(m.start, m.end)}
        floors = _floor_words()
        return all(i in said or t in STOPWORDS | FUNCTION_WORDS | EVERYTHING_WORDS | HOME_WORDS | HERE_WORDS
                   | floors | set(PARTICLES) or verb_of(t) for i, t in enumerate(clause.tokens))

    @staticmethod
    def _unknown_beside(clause: Clause) -> str | None:
        """A word the parse does not know said right against a device's name makes another name: "the front
        blinds", "the front door camera" (in a question only after the name: "is the roomba done yet")."""
        for m in clause.devices:
            if not clause.said_here(m):
                continue
            before = clause.tokens[m.start - 1] if m.start > 0 and not clause.question else ""
            after = clause.tokens[m.end] if m.end < len(clause.tokens) and clause.question and not (
                AUXILIARIES & set(clause.tokens[:m.start])) else ""
            if before.isalpha() and (not accounted(before) or _other_need(before, m.devices)) and not any(
                    n.start <= m.start - 1 < n.end for n in clause.mentions):  # "the water heater" is not the heater
                return f"{before} {m.text}"
            if after.isalpha() and not accounted(after):
                return f"{m.text} {after}"
        return None

    def _said_apart(self, clause: Clause) -> bool:
        """A clause of its own that names nothing but says the rest is not meant now or as said ("hypothetically,
        unlock the front door", "imagine, …", "sometime, …"): a word that changes what a command asks, said apart."""
        said = [t for t in clause.tokens if t != CLAUSE_BREAK]
        return not clause.mentions and len(said) == 1 and said[0] in MEANING_WORDS

    def _stray(self, clause: Clause) -> bool:
        """A clause with no verb, device or place of its own but a word the parse does not read ("… and gear off"):
        likely part of the phrase before it, misheard; what it would have narrowed is not known."""
        return len(clause.tokens) > 1 and not clause.mentions and clause.tokens[-1] in PARTICLES and all(
            not accounted(t) for t in clause.tokens[:-1])

    def unaccounted(self, clause: Clause) -> list[str]:
        """The words of a clause its parse does not explain: not a device, place, verb, value or grammar."""
        covered = {i for m in clause.mentions if clause.said_here(m) for i in range(m.start, m.end)}
        return [t for i, t in enumerate(clause.tokens) if i not in covered and not accounted(t)]

    def _excluded(self, clause: Clause) -> tuple[list[Device], str | None]:
        """The devices named after "except"/"but not"; a name we don't know is said back, not ignored."""
        words = [t for t in clause.excluded if t not in SPLITTERS]
        if words[:1] in (["leave"], ["keep"]):  # "… but leave the porch light alone": what is left as it is
            words = [t for t in words[1:] if t not in PARTICLES and t not in ("alone", "as", "is", "be")]
        words = [t for t in words if t not in ("1", "one", "ones")]  # "except the back one"
        rest = Clause(tokens=words, mentions=self.mentions.find(words))
        unknown = self.unaccounted(rest)
        said = unknown or [t for t in words if t not in STOPWORDS]  # "except the back one": "back" is harmless
        if said and not rest.mentions:  # "all the lights off apart from the porch": the one device so named
            named = [d for d in self.registry if set(said) <= d.name_words]
            kind = clause.type_mention.type if clause.type_mention else None
            if len(named) > 1 and kind:  # "all the doors except the front one": the front door, not the front light
                named = [d for d in named if d.type == kind]
            if len(named) == 1:
                return named, None
        if unknown or not rest.mentions:
            return [], f"I don't know a device called {as_said(unknown or words) or 'that'}."
        area = rest.area
        kind = rest.type_mention.type if rest.type_mention else None
        out = [d for m in rest.devices for d in m.devices]
        if area is not None or kind is not None:
            rooms = self._areas(area) if area else None
            noun = rest.type_mention.text.rstrip("s") if rest.type_mention else ""  # "but not the lamps": the lamps,
            out += [d for d in self.registry if (rooms is None or d.area in rooms) and (kind is None or d.type == kind)
                    and (noun not in NAMING_NOUNS or noun in d.name_words)]  # not every light
        return out, None

    def _but_a_room(self, clause: Clause) -> Clause | None:
        """ "lights off except the hall" with no room said for the lights: the home's lights but the hall's, read as if
        "all … in the house" were said, and asked before it is done (plain "the lights" is not every light, and the
        speaker's room alone is not what a room left out means). None for any other clause."""
        if not clause.excluded or clause.area is not None or clause.devices or clause.type_mention is None or (
                EVERYTHING_WORDS & set(clause.tokens)):
            return None
        left_out = self.mentions.find([t for t in clause.excluded if t not in STOPWORDS])
        if not left_out or any(m.kind != "area" for m in left_out):
            return None
        return replace(clause, tokens=[*clause.tokens, "all", "house"])

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
        named = {i for m in clause.mentions for i in range(m.start, m.end)}  # "the first floor" is a place
        words = {t for i, t in enumerate(clause.tokens) if i not in named}
        if clause.devices:  # "the tv is too loud": the need, said of the device that meets it
            devices = [d for m in clause.devices for d in m.devices]
            if set(comfort.COMFORT) & words and any(d.type != "climate" for d in devices):
                return None  # "the bedroom fan is too hot": the fan itself, not the room; on or off? Asked
            felt = _felt_for(clause.tokens, min(m.start for m in clause.devices))
            if felt == "":
                return None  # "I like the heating warm": how it is liked
            if felt is not None:  # "make the ac cold", "I want the heating hot": the target that way, as "colder"
                return Clause(tokens=clause.tokens, intent=DOWN if felt == "hot" else UP, mentions=clause.devices,
                              marker=clause.marker, excluded=clause.excluded)  # (was a complaint: the other way)
            felt = comfort.complaint(clause.tokens) if set(comfort.COMFORT) & words else None
            if felt is not None:  # "the aircon is too cold": warmer (never on: it may be cooling now), as the room
                intent, mode, chosen = comfort.comfort_plan(felt, devices)  # it cools would be said to be
                return Clause(tokens=clause.tokens, intent=intent, value=mode, value_kind=mode and comfort.MODE,
                              mentions=[Mention(0, 0, "device", tuple(chosen), plural=True)], marker=clause.marker,
                              excluded=clause.excluded)
            for triggers, intent, keywords, types, _of in HINTS:
                if words & triggers and ((types and all(d.type in types for d in devices)) or (keywords and all(
                        keywords[0] in d.name for d in devices))):  # "boil the kettle": the device the need names
                    rooms = [m for m in clause.mentions if m.kind == "area"]  # "the ceiling light in the kitchen is
                    # too bright": the room said picks among the devices of that name, as in a command
                    return Clause(tokens=clause.tokens, intent=intent, mentions=[*clause.devices, *rooms],
                                  marker=clause.marker, excluded=clause.excluded)
            return None
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
            pool = [d for d in self.registry if area is None or d.area in self._areas(area)]
            chosen = [d for d in pool if any(k in d.name or any(k in a for a in d.aliases) for k in keywords[:1])]
            for keyword in keywords[1:]:
                if chosen:
                    break
                chosen = [d for d in pool if keyword in d.name or any(keyword in a for a in d.aliases)]
            if not chosen and types:
                chosen = [d for d in pool if d.type in types]
                if not chosen and "light" in types:
                    chosen = [d for d in pool if d.type == "switch" and "light" in d.name]
            if not chosen and area is not None and keywords and thing:
                home = [d for d in self.registry if keywords[0] in d.name]
                chosen = home if len(home) == 1 else []
            if not chosen:
                continue
            by_type = area is not None and bool(types) and all(d.type in types for d in chosen)  # every light there
            mentions = [Mention(0, 0, "device", tuple(chosen), plural=by_type)]
            if by_type and kind is not None and kind in types:
                mentions = clause.mentions  # "the lamps in the living room are too bright": the kind and room said,
                # so those are its lamps, as in "turn off the lamps in the living room", not every light there
            return Clause(tokens=clause.tokens, intent=intent, mentions=mentions, implied_type=None,
                          marker=clause.marker, excluded=clause.excluded)
        return None

    def _scope(self, clause: Clause) -> tuple[str | None, bool, str | None]:
        """Where the clause acts and whether on every matching device: (area, everything, problem).

        The area is the one said, or the speaker's for "in here"; everything comes from "all", "each", "the
        whole house", "lock up", or a question over a kind ("are any doors unlocked?", "are the doors locked?").
        """
        area, words = clause.area, set(clause.tokens)
        here = bool(HERE_WORDS & words) or any(says(clause.tokens, "this", n) for n in ROOM_NOUNS) or (
            area is None and says(clause.tokens, "the", "room"))
        if area is None and here:
            if self.area is None and not clause.devices:
                return None, False, "Which room do you mean?"
            area = self.area
        everything = bool(EVERYTHING_WORDS & words) or (area is None and bool(HOME_WORDS & words)) or (
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
        if not asked and ("everything" not in clause.tokens or not (area or self.area or clause.intent in (ON, OFF))):
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
        if problem is not None:
            return [], problem
        targets, problem = self._chosen(clause, area, everything)
        if everything and clause.intent not in (LOCK, QUERY) and not clause.devices:  # "close everything", "open all
            # the covers", "everything on" in the garden: never the garage door, the gate or its opener with them
            kept = [d for d in targets if not d.guards_a_way_in]
            if targets and not kept:
                name = targets[0].name
                return [], f"The {name} only {'move' if plural(name) else 'moves'} when you name {it(name)}."
            targets = kept
        return targets, problem

    @staticmethod
    def _reading(clause: Clause) -> bool:
        """The clause says only what is measured, with perhaps a room ("temperature living room", "humidity in the
        bathroom"): a question, since nothing is asked of it."""
        placed = {i for m in clause.mentions if m.kind == "area" for i in range(m.start, m.end)}
        said = {t for i, t in enumerate(clause.tokens) if i not in placed} - STOPWORDS - {"the"}
        return bool(said) and all(QUANTITY_WORDS.get(t) == t for t in said)

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
        kind_said = clause.type_mention
        if clause.devices and kind_said is not None and not clause.question and clause.said_here(kind_said) and not any(
                d.type == kind_said.type or (kind_said.type == "light" and "light" in d.name)
                for m in clause.devices for d in m.devices):  # "turn the lights off the tv": which of them is meant
            named = [d for m in clause.devices for d in m.devices]
            return [], f"Which do you mean: the {kind_said.text} or the {' and the '.join(d.name for d in named)}?"
        if clause.devices:
            chosen: list[Device] = []
            mentions = clause.devices
            if clause.question:  # "the amount of gas indicated by the monthly gas consumption": one sensor, described
                mentions = [m for m in mentions if not any(
                    n is not m and set(m.text.split()) < set(n.text.split()) for n in mentions)]
            for mention in mentions:
                devices = list(mention.devices)
                if clause.area is not None and clause.said_here(mention) and not any(
                        d.area in self._areas(clause.area) or d.type == "vacuum" for d in devices):
                    return [], self._not_there(mention, clause.area)  # not the one elsewhere
                if len(devices) > 1 and area is not None:
                    devices = [d for d in devices if d.area in self._areas(area)] or devices
                if len(devices) > 1 and self.area is not None:
                    devices = [d for d in devices if d.area == self.area] or devices
                if len(devices) > 1 and clause.intent == QUERY:  # "is the phone charging?": its charging sensor
                    kinds = {d.device_class for d in devices}  # said beside the name first: "is the pet door locked?"
                    beside = [t for i, t in enumerate(clause.tokens) if not mention.start <= i < mention.end]
                    classes = _classes_said(beside, kinds) or _classes_said(clause.tokens, kinds)
                    devices = _by_reading([d for d in devices if d.device_class in classes] or devices, clause.tokens)
                if len(devices) > 1 and clause.intent not in (QUERY, None):  # "open the sliding door": not the lock
                    devices = [d for d in devices if self._call(d, clause)[0] is not None] or devices
                if len(devices) > 1 and not everything and not mention.plural:
                    return [], which(devices)
                chosen.extend(d for d in devices if d not in chosen)
            return chosen, None
        if clause.type_mention is not None and self._unknown_modifier(clause, clause.type_mention):
            return [], self._unknown(clause)
        implied_at = next((i for i, t in enumerate(clause.tokens) if t in QUANTITY_NOUNS), None)
        if clause.type_mention is None and implied_at and self._unknown_modifier(
                clause, Mention(implied_at, implied_at + 1, "type", text=clause.tokens[implied_at])):
            return [], self._unknown(clause)  # "the screen brightness" where there is no screen
        kind = clause.type_mention.type if clause.type_mention else None
        plural = bool(clause.type_mention and clause.type_mention.plural) or everything
        if kind is None:
            kind = INTENT_TYPES.get(clause.intent or "") or clause.implied_type
            if clause.intent in (OPEN, CLOSE) and clause.implied_type and (
                    RAISE_LOWER & words or (clause.implied_type == "media_player" and MEDIA_WORDS & words)):
                kind = clause.implied_type  # "lower the volume" is the speaker's, not the blinds'; "close the music"
                # (a learner's "turn off") the player's
            if clause.intent == QUERY:
                kind = self._query_kind(clause, area or self.area) or kind
            if clause.intent == QUERY and kind is None and clause.area is not None:  # "is the garage open": what
                kind = next((INTENT_TYPES.get(STATES[t]) for t in clause.tokens if t in STATES), None)  # opens there
            if kind is None and clause.value_kind == "percent" and (area or self.area):
                kind = "light"  # "bedroom 50 percent": the room's lights
            if kind is None and clause.area and clause.intent in (SET, UP, DOWN, None) and (
                    clause.value_kind == "degrees" or (clause.value_kind == "number" and ROOM_TEMPERATURES[0] <= float(
                        clause.value or 0) <= ROOM_TEMPERATURES[1])):
                kind = "climate"  # "set the living room to 22", "make the lounge twenty two": its heating or cooling;
                # not "the bathroom one", nor "the lounge 5"
        if kind is None:
            return self._everything(clause, area), None
        if kind == "vacuum":  # "hoover the hallway": the room is where to clean, not where the robot lives
            area = None
        where = area
        # "are the lights on?" said in the kitchen: the kitchen's, as "turn off the lights" is; "are any lights on?",
        # "are all the lights off?" and "are the doors locked?" (locks keep the home) still ask the whole home
        kind_asked = clause.question and kind != "lock" and not (
            EVERYTHING_WORDS | QUESTION_QUANTIFIERS | HOME_WORDS | {"everywhere"}) & words
        if where is None and (not everything or _all_of_it(clause.tokens) or kind_asked) and self.area is not None:
            # "dim everything" said in the lounge: as "turn everything off" there, the lounge's
            mine = [d for d in self.registry if d.type == kind and d.area == self.area]
            where = self.area if mine or (_all_of_it(clause.tokens) and clause.intent != LOCK) else None  # the
            # speaker's room, when it has such a device; "close everything" in the kitchen is the kitchen's, or none
        rooms = self._areas(where) if where else None
        pool = [d for d in self.registry if d.type == kind and (rooms is None or d.area in rooms)]
        if where is None and not everything and plural and len({d.area for d in pool}) > 1:
            said = clause.type_mention.text if clause.type_mention else KIND_NAMES.get(kind, kind.replace("_", " "))
            return [], Ask(f"Which room's {said}: " + ", ".join(sorted({d.area for d in pool})) + "?", tuple(pool))
        quantity = next((QUANTITY_WORDS[t] for t in clause.tokens if t in QUANTITY_WORDS), None)
        if clause.intent == QUERY and kind == "sensor" and quantity:  # "are any things hot?": what measures heat;
            # never one known to measure something else ("is it cold in the bathroom?" is no humidity question)
            pool = [d for d in pool if _measures(d, quantity)] or [d for d in pool if not any(
                _measures(d, other) for other in set(QUANTITY_WORDS.values()) - {quantity})]
            if not pool:
                return [], f"There is no {quantity} sensor{f' {_place(where)}' if where else ''}."
        named = {i for m in clause.mentions for i in range(m.start, m.end)}
        noun = clause.type_mention.text.rstrip("s") if clause.type_mention else next(  # "open the window": by its noun
            (t.rstrip("s") for i, t in enumerate(clause.tokens) if t.rstrip("s") in OPENING_NOUNS and i not in named),
            "")
        if noun in NARROWING_NOUNS | NAMING_NOUNS:
            narrowed = [d for d in pool
                        if noun in d.name or any(noun in a for a in d.aliases) or d.device_class == noun]
            if len(narrowed) > 1 and clause.type_mention and clause.type_mention.text == noun and not everything:
                return [], which(narrowed)  # "the lamp in the lounge" where it has two: which, not all
            if not narrowed and len(pool) > 1 and where is not None and clause.type_mention and \
                    clause.type_mention.text == noun and not everything:
                return [], which(pool)  # "the lamp in the kitchen" where no light is a lamp: which one, not all
            if noun in NARROWING_NOUNS:
                pool = narrowed or ([] if noun in OPENING_NOUNS else pool)
            elif narrowed and clause.type_mention and (clause.type_mention.text != noun or everything):
                pool = narrowed  # "both lamps in the living room", "every lamp in the house": the devices named
                # lamps, not every light (where none is, "the lamps" stay the lights; CASES.md)
            elif len(narrowed) == 1 and where is None and clause.type_mention and clause.type_mention.text == noun:
                pool = narrowed  # "the lamp" in a home with one lamp: that lamp, not every light ("the lamp on the
                # first floor" is its lights, as Home Assistant reads it)
        if kind == "light" and rooms is not None:
            pool += [d for d in self.registry if d.type == "switch" and d.area in rooms and "light" in d.name]
        if not pool:
            place = f" {_place(where)}" if where else ""
            said = clause.type_mention.text if clause.type_mention else noun or KIND_NAMES.get(kind, kind.replace(
                "_", " "))
            return [], f"{_there_is_no(said)}{place}."
        if len(pool) > 1 and not plural and (where is None or (
                clause.type_mention is not None and rooms is not None and len(rooms) == 1 and not
                clause.type_mention.text.endswith("s") and clause.type_mention.text not in ROOM_WIDE)):
            return [], which(pool)  # "the kitchen plug" of two: which one ("the kitchen light" is the room's; "the
            # upstairs fan" a floor's)
        return pool, None

    @staticmethod
    def _scheduled(clause: Clause) -> str | None:
        """Why a time or condition left in the clause (when.py read none whole) holds it: "the kettle when I
        get home", "turn the sprinkler on for 15 minutes", "the lights off tomorrow"; None when there is none."""
        tokens = clause.tokens
        named = {i for m in clause.devices if clause.said_here(m) for i in range(m.start, m.end)}
        free = [t for i, t in enumerate(tokens) if i not in named]  # "good night" is a scene, not a time
        if LATER_WORDS & set(free):
            return DAYS if DAY_WORDS & set(free) else ASK_WHEN
        for i, token in enumerate(free):  # "when the film ends", "after dinner"; not "once more", "just once"
            asked = (token == "if" and bool(WHETHER_VERBS & set(free[max(0, i - 2):i]))) or (
                i == 0 and _asks_when(clause))  # "when will the next birthday be?"
            if token in CONDITION_WORDS and not asked and not (token == "once" and (  # "tell me if": whether
                    i + 1 == len(free) or free[i + 1] in ("more", "again", CLAUSE_BREAK))) and not _in_the_past(
                        free, i):  # "when I got in": when it happened
                return CONDITION
            if i and as_when(free, i):  # "turn the porch light on as it gets dark": when it does
                return CONDITION
            if token in INSTANT_WORDS and free[i - 1:i] in (["the"], ["that"]) and free[i + 1:i + 2] and free[
                    i + 1] in SUBJECTS | {"it", "the", "my", "our"} and free[i + 1:i + 3] != ["you", "can"]:
                return CONDITION  # "the fan on the minute it gets hot", "lock up the second I leave": when it does
                # ("the second you can" is as soon as possible: now)
            after = free[i + 1] if i + 1 < len(free) else ""
            if (token == "come" and after in DAY_PARTS | DAY_WORDS | SEASONS) or (
                    token in ("first", "last") and after == "thing"):
                return ASK_WHEN  # "open the blinds come morning", "the curtains open first thing": which day, when
        for i, token in enumerate(free[1:], 1):
            if token in CLOCK_WORDS and as_number(free[i - 1]) is not None:  # "7 am", not "i am"
                return ASK_WHEN
            if (token in DAY_PARTS or token == "day" or (token in SEASONS and not AWAY & set(free[:i]))) and free[
                    i - 1] in ("the", "this") and free[i - 2:i - 1] == ["for"]:  # "lock the front door for the
                # weekend" (not "… we're going away for the weekend": why), "heating off for the summer"
                return DURATION  # "the dehumidifier on for the afternoon": and then off, which is not said
            if token in DAY_PARTS and free[i - 1] in ("the", "this", "every", "each") and (
                    free[i - 1] != "the" or (i > 1 and free[i - 2] == "in")):
                return DAYS if free[i - 1] in ("every", "each") else ASK_WHEN
            if token in TIME_UNITS and (as_number(free[i - 1]) is not None or free[i - 1] in ("next", "few") or (
                    free[i - 1] in ("a", "an", "half") and (i == 1 or free[i - 2] in ("in", "after", "for", "and"))
                    and not token.startswith("sec"))):  # "for 10 minutes", "for the next hour"; "for a sec": briefly;
                # "(And) an hour and a half turn the heating off" (Whisper's "in"): when, asked; never now
                return DURATION if "for" in free[max(0, i - 4):i] else ASK_WHEN
            if (token in DAY_PARTS or token in DAY_WORDS or token == "day") and free[i - 1] == "all" and (
                    "been" not in free[:i]):  # "keep the porch light on all night", "keep the heating at 20 all day";
                return DURATION  # not "the telly's been on all day, kill it": how long it was, said before
            if token in ("bit", "while") and free[i - 1] == "a" and free[i - 2:i - 1] == ["for"]:
                return DURATION  # "heating off for a bit": and then on again, which is not said
            if free[i - 1] == "in" and as_number(token) is not None and (
                    i + 1 >= len(free) or free[i + 1] not in NUMBER_UNITS):
                return ASK_WHEN  # "turn the tv off in twenty": twenty what?
            if free[i - 1] == "for" and as_number(token) is not None and (
                    i + 1 >= len(free) or free[i + 1] not in NUMBER_UNITS):
                return DURATION  # "turn the tv up for 5", "the bedroom fan on for 2": how long, never a level
            number = as_number(token) if free[i - 1] == "at" else None
            unit = free[i + 1] if i + 1 < len(free) else ""
            if number is not None and unit not in NUMBER_UNITS | set(FRACTIONS) and (
                    clause.intent in (ON, OFF) or (number.is_integer() and 1 <= number <= 12)):
                # "the heating on at 7", "wake me at 7": a time, not 7 degrees or 7 percent
                return ask_half_of_day(int(number), 0) if number.is_integer() and 1 <= number <= 12 else ASK_WHEN
        return None

    @staticmethod
    def _unknown_place(clause: Clause) -> str | None:
        """The words after "in the" or "at my", or before "room", when they name no area the home has."""
        tokens = clause.tokens
        covered = {i for m in clause.mentions for i in range(m.start, m.end)}
        for i, token in enumerate(tokens):
            after = tokens[i + 1 + (tokens[i + 1:i + 2] == ["the"]):][:1]  # "at work", "at the office"
            if token != "in" and not (token == "at" and (tokens[i + 1:i + 2] in (["my"], ["our"]) or (
                    after and after[0].isalpha() and not accounted(after[0]) and after[0] not in EARLIER_WORDS))):
                continue  # "in the shed", "at my mum's house", "at work"; never "at sunset", "at 7"
            if token == "in" and i and tokens[i - 1].endswith("ed") and tokens[i + 1:i + 2] not in (["the"], ["my"], [
                    "our"]):
                continue  # "my hands are covered in flour": what something is covered with, not a place
            j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1] in ("the", "my", "our"))
            words = []
            while j < len(tokens) and j not in covered and tokens[j].isalpha() and tokens[j] not in STOPWORDS \
                    and tokens[j] not in PARTICLES and tokens[j] not in COLORS and tokens[j] not in SPEEDS \
                    and verb_of(tokens[j]) is None:
                words.append(tokens[j])
                j += 1
            if set(words) - ROOM_NOUNS - HERE_WORDS - HOME_WORDS - EVERYTHING_WORDS - FURNITURE:
                return " ".join(words)
        return next((f"{word} {room}" for i, (word, room) in enumerate(pairwise(tokens)) if room in ROOM_NOUNS and not (
            {i, i + 1} & covered) and word.isalpha() and not accounted(word)), None)  # "is the baby's room warm
        # enough", "the guest room light": a room named that the home does not have, wherever it is said

    def _by_class(self, clause: Clause, area: str | None, everything: bool) -> list[Device]:
        """The devices whose device class the question names; locks keep "is the door locked"."""
        if {"locked", "unlocked", "lock", "locks"} & set(clause.tokens):
            return []
        classes = _classes_said(clause.tokens)
        if not classes and (clause.type_mention is None or clause.type_mention.type == "sensor"):
            classes = _classes_said(clause.tokens, self._sensed)  # "what's the wind speed?": by the class's own name
        if SENSING_WORDS & set(clause.tokens):  # "are any lights detected?": light sensors, not the lights
            classes |= {_singular_noun(t) for t in clause.tokens}
        if classes & {"door", "window", "garage_door"}:
            classes.add("opening")  # Home Assistant's generic open/closed contact
        pool = [d for d in self.registry if d.device_class in classes
                and (area is None or d.area in self._areas(area))]
        if area is None and not everything and self.area is not None:
            pool = [d for d in pool if d.area == self.area] or pool
        return _by_reading(pool, clause.tokens)

    def _not_done(self, tokens: list[str]) -> str:
        """The answer to "don't …": "Okay, I won't." for something it could do; "keep the dog from barking", "don't
        let the cat out" (read "do not let …"), "make sure the cat doesn't get out" ask it to prevent something, which
        it cannot: said so, and a thing not in the home is no device of its."""
        if tokens[2:3] != ["let"] and (tokens[:1] != ["ensure"] or tokens[1:2] == ["you"]):  # "make sure you
            return WONT  # don't …" is "don't …"
        return CANT_PREVENT if self.mentions.find(tokens) else OUT_OF_HOME

    def _not_there(self, mention: Mention, area: str) -> str:
        """ "There is no heating upstairs; there is the study heater.": what was named is elsewhere; what of its kind
        is there is named, for the user to ask for by name (never done in its place)."""
        kinds = {d.type for d in mention.devices} - {"switch"}  # a plug switches anything: no kind of its own
        there = [d.name for d in self.registry if d.type in kinds and d.area in self._areas(area)]
        be = "is" if len(there) == 1 and _there_is_no(there[0]).startswith("There is") else "are"
        other = f"; there {be} the {' and the '.join(there)}" if 0 < len(there) <= 3 else ""
        return f"{_there_is_no(mention.text)} {_place(area)}{other}."

    def _areas(self, area: str) -> tuple[str, ...]:
        """An area, or the areas of a group ("upstairs")."""
        return self.registry.area_groups.get(area, (area,))

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
        if clause.intent == QUERY or not words:
            return OUT_OF_HOME
        return f"I don't know a device called {as_said(words)}."

    def _call(self, device: Device, clause: Clause) -> tuple[ToolCall | None, str | Ask | None]:
        """The one call a clause asks of a device, or why the device cannot do it (or which way, asked)."""
        tool, value = _tool_for(device, clause)
        if tool is None:
            return None, f"The {device.name} can't do that."
        if (tool == "step_temperature" or (tool == "set_temperature" and clause.value_kind == "speed")) and \
                comfort.direction_unclear(device, clause.tokens):  # "turn the AC (right) up": cooler or warmer?
            return None, Ask(f"Do you want the {device.name} cooler or warmer?", (device,))
        call = ToolCall(tool, device.id, value, words=clause.words)
        if tool == "set_hvac_mode" and device.modes and value not in device.modes:  # "set the heater to cool":
            return None, lacks_mode(device.name, str(value), device.modes)  # said back, never sent
        if device.accepts(call):
            return call, None
        spec = TOOLS[tool]
        if tool not in device.tools():
            return None, f"The {device.name} can't do that."
        if spec.minimum is not None and isinstance(value, float):
            return None, (f"{value:g} is outside what the {device.name} accepts "
                          f"({spec.minimum:g} to {spec.maximum:g}).")
        return None, f"The {device.name} can't do that."


_STEP_TOOLS = {"light": "step_brightness", "media_player": "step_volume", "climate": "step_temperature",
               "cover": "step_position"}


def _way_said_last(clauses: list[Clause]) -> list[Clause]:
    """ "the lights in the hall and on the porch, off": with the way said alone at the end, an "on the …" before it
    says where, never on."""
    if len(clauses) < 2 or not clauses[-1].tokens or not all(t in PARTICLES for t in clauses[-1].tokens):
        return clauses
    for clause in clauses[:-1]:
        at = clause.tokens.index("on") if "on" in clause.tokens else -1
        if clause.intent == ON and at >= 0 and clause.tokens[at + 1:at + 2] == ["the"] and not (
                at > 0 and verb_of(clause.tokens[at - 1])):  # not "switch on the …"
            clause.intent, clause.tokens[at] = None, "in"
    return clauses


def _all_but_some(tokens: list[str]) -> bool:
    """ "all but one light", "every lamp but two": a count left out, with nothing to say which."""
    return any(t == "but" and as_number(n) is not None and EVERYTHING_WORDS & set(tokens[:i])
               for i, (t, n) in enumerate(pairwise(tokens)))


def _in_the_past(tokens: list[str], i: int) -> bool:
    """ "I forgot to lock the back door when I left", "the kettle was on when we got back": a condition word after
    something that happened, before who did what in the past, tells when it happened; it holds nothing now. Said
    first ("when I got home, turn on the heating") it may be the command's condition, misheard: still held."""
    said = tokens[i + 2:i + 3]  # "if I unlocked …" is what might be, never when

    def past(token: str) -> bool:
        return token in PAST_FORMS or any(stem in VERBS for stem in ed_stems(token))

    return tokens[i] in ("when", "after", "before", "once", "while") and tokens[i + 1:i + 2] != [] and tokens[
        i + 1] in SUBJECTS and said != [] and past(said[0]) and any(past(t) or t in ("was", "were")
                                                                    for t in tokens[:i])


def _self_cancelled(tokens: list[str]) -> bool:
    """ "open the garage door, or don't, whatever", "switch the kettle on, or maybe not": a command offered with its
    own negation asks for neither. A question offers both ("is the tv on or not", "tell me if the door is locked or
    not")."""
    if (tokens[:1] and tokens[0] in QUESTION_STARTS - MODALS) or {"if", "whether"} & set(tokens):
        return False
    for i, t in enumerate(tokens):
        rest = [w for w in tokens[i + 1:] if w not in (CLAUSE_BREAK, "maybe", "perhaps", "just", "then")]
        if t == "or" and (rest[:1] in (["not"], ["never"]) or rest[:2] in (["do", "not"], ["does", "not"])):
            return True
    return False


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


def _placed_by_unknown(tokens: list[str], unknown: list[str]) -> bool:
    """ "turn the kitchen light over the sink off": a device placed by a thing the home does not know ("next to",
    "over", "under" …; not "on" or "by", which say a state or an amount)."""
    for i in range(len(tokens)):
        for phrase in BESIDE_WORDS:
            if phrase in (("on",), ("by",)) or tuple(tokens[i:i + len(phrase)]) != phrase:
                continue
            rest = tokens[i + len(phrase):]
            rest = rest[1:] if rest[:1] in (["the"], ["my"], ["our"]) else rest
            if rest[:1] and rest[0] in unknown:
                return True
    return False


def _retracts(tokens: list[str]) -> bool:
    """A clause that takes back what was said before it: "(actually, no,) leave it", "(wait,) never mind", "no,
    don't"."""
    if tokens == ["no", "not"]:  # "…, no, not that one": what was denied is all that was said (RuleMatcher._denied)
        return True
    if "no" in tokens and all(t in RETRACTING for t in tokens):  # "turn on the tv, wait, no", "…, no": taken back,
        return True  # with nothing said in its place
    at = 0
    while at < len(tokens) and tokens[at] in RETRACTING:
        at += 1
    kept = tokens[at:at + 1] in (["keep"], ["leave"]) and tokens[at + 1:at + 2] in (["it"], ["them"]) and len(
        tokens) == at + 3 and tokens[-1] in STATES  # "(on second thoughts) keep them shut": as it is now, said
    said_whole = any(tuple(tokens[k:]) in DISMISSALS for k in range(at) if len(tokens) - k > 1)  # "…? no way": its
    # first word is one that retracts too
    return at < len(tokens) and (tuple(tokens[at:]) in DISMISSALS or (at > 0 and kept) or said_whole)


def _verb_said_after(clauses: list[Clause]) -> list[Clause]:
    """ "tv and speaker off", "the kitchen and bedroom lights off": names said before a command whose verb comes after
    its own name get that command too, as one verb said first reaches the names after it."""
    for clause, after in reversed(list(pairwise(clauses))):
        if clause.intent is None and clause.value is None and not clause.question and not clause.reason and (
                clause.devices or clause.type_mention) and not _unknown_words(clause) and after.intent is not None \
                and not after.question and after.tokens and verb_of(after.tokens[0]) is None \
                and any(after.said_here(m) for m in after.mentions if m.kind in ("device", "type")):
            clause.intent, clause.value, clause.value_kind = after.intent, after.value, after.value_kind
    return clauses


def _gapped(text: str, device: bool) -> str:
    """The sentence with what was asked about left open for the answer: its first pronoun (`device`: "which device do
    you mean by it?") or the part of the level now ("by half": "by how much?")."""
    said = normalize(text)
    start, end = (next(((i, i + 1) for i, t in enumerate(said) if t in PRONOUNS), None) if device
                  else _part_of_now(said)) or (len(said), len(said))
    return " ".join([*said[:start], CHOICE, *said[end:]])


def _exclusion_at(tokens: list[str], first: bool = False) -> int | None:
    """Where "except", "but not", "apart from", "other than" starts in a clause; "not" and "but" only
    when they cannot be a negation ("turn on the kitchen lights not the counter lights") or a plain "but".
    `first`: the clause may start with it ("apart from the tv, …")."""
    for i in range(0 if first else 1, len(tokens)):
        for phrase in EXCLUSIONS:
            if tuple(tokens[i:i + len(phrase)]) != phrase or i + len(phrase) >= len(tokens):
                continue
            before = tokens[i - 1] if i else ""
            if phrase == ("not",) and (not i or before in NEGATING_BEFORE or tokens[i + 1] in STATES):
                continue  # "should not", "do not": a negation; "are the lights not on in the kitchen": a state denied
            if phrase == ("but",) and not (EVERYTHING_WORDS & set(tokens[:i]) or any(
                    t in PLURAL_TYPE_WORDS for t in tokens[:i])):
                continue
            if phrase == ("other", "than") and not i:
                continue
            return i
    return None


def _contrasts(rest: list[str], piece: list[str]) -> bool:
    """ "the lights on in the kitchen but off in the bedroom", "… but the living room lights off", "… but turn on the
    tv": after "but" a direction or a command of its own is a second command, not what to leave out. `piece`: the
    words before "but"."""
    if not rest or rest[0] in ("not", "leave", "keep", "for", "except"):
        return False  # "but not the porch light", "but leave the porch light on": what to leave out
    if rest[-1] in PARTICLES and (EVERYTHING_WORDS & set(piece) or any(t in PLURAL_TYPE_WORDS for t in piece)) and not \
            any(t in PARTICLES or t in COMMAND_STARTS or verb_of(t) for t in [*piece, *rest[:-1]]):
        return False  # "every light but the porch one off": the only way said ends the sentence; it is the command's
    return rest[0] in SPLITTERS or any(t in PARTICLES or t in COMMAND_STARTS for t in rest)


def _so_then(piece: list[str], rest: list[str]) -> bool:
    """ "the kids are asleep so turn the tv down": how things are, then "so" and a command: the command is a clause of
    its own, and what came before it is why (never part of the command's words)."""
    return rest[:1] == ["so"] and len(rest) > 1 and rest[1] in COMMAND_STARTS and bool(piece) and not any(
        t in COMMAND_STARTS for t in piece)


def _kept_apart(piece: list[str], rest: list[str]) -> bool:
    """ "lock the front door but leave the back door open": what to leave as it is, said of a device the command
    before did not reach (no "all", no plural kind there to leave it out of): a clause of its own, never that
    command's too."""
    return rest[:1] in (["leave"], ["keep"]) and not (EVERYTHING_WORDS & set(piece) or any(
        t in PLURAL_TYPE_WORDS for t in piece))


def _continues_exclusion(piece: list[str], rest: list[str]) -> bool:
    """ "except the porch light and the hall light", "the kitchen lights, not the counter lights": the words
    after a splitter still say what to leave out, unless a new command starts there."""
    if not piece or not rest or rest[0] in COMMAND_STARTS:
        return False
    if _exclusion_at(piece) is not None:
        return True
    return rest[0] in ("not", "except", "excluding") or tuple(rest[:2]) in (("but", "not"), ("apart", "from"))


def _measures(device: Device, quantity: str) -> bool:
    """A sensor of that quantity, by its class or its name ("living room temperature")."""
    return device.device_class == quantity or any(quantity in n for n in (device.name, *device.aliases))


_WOKEN = WHOEVER | {"everyone", "everybody", "nobody", "the", "him", "her", "them", "my", "our"}  # "I don't want to
# wake anyone up", "so as not to wake the baby": people not to be woken, never the alarm ("wake me up at 7")


def _elsewhere(tokens: list[str], named: set[int]) -> bool:
    """A request for another service ("remind me to lock the back door", "call the plumber about the fan") or a
    question the state of a device does not answer ("how do I reset the thermostat", "how much energy is …"):
    whatever commands the sentence holds are its content, not for the home to do. `named`: device words."""
    measured = tokens[2:3] if tokens[:2] in (["how", "much"], ["how", "many"]) else []
    told = 2 if tokens[1:2] == ["the"] else 1  # "tell mum to turn off the tv": a message for someone, not a question
    if tokens[:1] == ["tell"] and told not in named and tokens[told:told + 1] not in ([], ["me"], ["us"]):
        return True
    timed = tokens[1:2] == ["long"] and bool(TIMER_WORDS & set(tokens))  # "how long does the timer have left"
    return any(t in OTHER_SERVICES and tokens[max(0, i - 2):i] not in (["on", "the"], ["on", "a"])  # "i am on the
               and not (t == "wake" and NEGATIONS & set(tokens[max(0, i - 4):i]) and tokens[i + 1:i + 2] and tokens[
                   i + 1] in _WOKEN)
               for i, t in enumerate(tokens) if i not in named) or (any(  # phone": how someone is, not a service
        tuple(tokens[:len(p)]) == p for p in HOW_TO) and not timed) or (  # "how long does the kettle take"
        bool(measured) and 2 not in named and not accounted(measured[0]))  # "how much energy is the heater using"


def _other_need(word: str, devices: tuple[Device, ...]) -> bool:
    """A need's word that no need of these devices holds ("water" of the heater): said against the device's name,
    it names another thing ("the water heater"); one of its own ("the cold heater") is how it is."""
    serving = [(triggers, keywords, types) for triggers, _intent, keywords, types, _of in HINTS if word in triggers]
    return bool(serving) and not any(d.type in types or any(k in d.name for k in keywords)
                                     for _t, keywords, types in serving for d in devices)


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


def _quoted(tokens: list[str]) -> bool:
    """ "my wife said, turn off the tv", "the kids were saying, put the telly on", "mum told me, lock the back door":
    what follows is someone's words passed on, as "said to …" is; the speaker's own ("I said, …") are a request."""
    for i, token in enumerate(tokens):
        if token != CLAUSE_BREAK or not i:
            continue
        k = i - 1 - (tokens[i - 1] in ("me", "us", "him", "her", "them"))
        if k >= 0 and tokens[k] in SPEECH_VERBS | _PASSING_ON and "i" not in tokens[max(0, k - 3):k]:
            return True
    return False


_OPPOSED = {frozenset(pair) for pair in (("turn_on", "turn_off"), ("open_cover", "close_cover"), ("lock", "unlock"),
                                          ("mute", "unmute"), ("media_play", "media_pause"))}


def _opposed(calls: list[ToolCall]) -> str | None:
    """The device two calls of one sentence undo each other on, at the same time."""
    return next((a.device for i, a in enumerate(calls) for b in calls[i + 1:] if frozenset(
        (a.tool, b.tool)) in _OPPOSED and a.device == b.device and (a.delay_s, a.at) == (b.delay_s, b.at)), None)


def _opened(clause: Clause) -> bool:
    """A verbless "<device> <state>" after an opener the parse does not read, a copula ("it's my kettle on": a
    recogniser's "is my kettle on"), or a determiner before "all" ("our all living room curtains open": "are all
    …"): a question more likely than a command."""
    first = next((m for m in clause.mentions if m.kind in ("device", "type", "area")), None)
    lead = clause.tokens[:first.start] if first is not None else []
    if not lead or clause.question or clause.report or clause.unclear or clause.tokens[-1] not in STATES or any(
            verb_of(t) or participle(t) for t in clause.tokens[:-1]):
        return False
    return any(not accounted(t) for t in lead) or any(t in ("is", "are", "was", "were") for t in lead) or any(
        a in ("the", "my", "our", "your") and b in ("all", "both") for a, b in pairwise(lead))


def _states_offered(tokens: list[str]) -> bool:
    """ "on or off", "open or closed": both states offered, so neither is asked for; whether it is."""
    return any(t == "or" and STATES.get(a) and STATES.get(b) and STATES[a] != STATES[b]
               for a, t, b in zip(tokens, tokens[1:], tokens[2:], strict=False))


def _state_kept(tokens: list[str]) -> bool:
    """ "the coffee machine still on", "already open": the state it is in, described, never a change asked for ("the
    porch light is still on" is news, read elsewhere)."""
    return any(a in ("still", "already") and b in STATES and tokens[i - 1:i] != [] and tokens[i - 1] not in COPULAS
               for i, (a, b) in enumerate(pairwise(tokens)))


def _values_offered(tokens: list[str]) -> tuple[str, str] | None:
    """ "to 21 or 22", "one or two degrees": two values offered, neither chosen (not "20 or so": about 20). A
    question may offer them ("is the heating at 20 or 21?")."""
    if tokens[:1] and tokens[0] in QUESTION_STARTS:
        return None
    return next(((tokens[i - 1], tokens[i + 1]) for i in range(1, len(tokens) - 1) if tokens[i] == "or" and as_number(
        tokens[i - 1]) is not None and as_number(tokens[i + 1]) is not None), None)


def _unknown_words(clause: Clause) -> list[str]:
    """The words of a clause about to be replaced or merged that its parse did not account for."""
    said = {i for m in clause.mentions if clause.said_here(m) for i in range(m.start, m.end)}
    return [*clause.carried, *(t for i, t in enumerate(clause.tokens) if i not in said and not accounted(t))]


def _timer_held(tokens: list[str]) -> str | None:
    """Why a timer request is not done now: it repeats, is for another day, waits on a condition, or is for a
    while ("for the next hour", said beside the timer's own length)."""
    if recurring(tokens) or (LATER_WORDS | DAY_WORDS) - {"every"} & set(tokens):
        return DAYS
    if "next" in tokens and TIME_UNITS & set(tokens[tokens.index("next"):]):
        return DURATION
    if find_times(tokens)[0]:  # "set a timer for 25 minutes in an hour": a timer starts when it is asked
        return TIMER_LATER
    once = any(t == "once" and n in SUBJECTS | {"the", "it", "my", "our", "its"} for t, n in pairwise(tokens))  # "once
    # the film ends" ("once" alone may be a count)
    return CONDITION if CONDITION_WORDS - {"once"} & set(tokens) or once else None


_REQUEST_LEAD = SPEAKER_WORDS | {"you", "let", "to", "just", "now", "go", "ahead", "and", "quickly"}  # "i need you to
# set a timer", "let us start a timer": asked of the house


def _timer_led(tokens: list[str]) -> bool:
    """Words before a timer's own verb that ask nothing of the house ("my wife likes to set a timer …", "why did you
    start a 1 hour timer", "stop asking me to cancel the timer"): someone else's, a question, the past; a request's
    lead ("i need you to", "let us", wanting) asks."""
    at = next((k for k, t in enumerate(tokens) if t in TIMER_WORDS), len(tokens))
    verbs = [k for k in range(at) if verb_of(tokens[k]) or tokens[k] in TIMER_STOPS or tokens[k] in TIMER_STARTS]
    start = verbs[-1] if verbs else next((k for k in range(at) if tokens[k] in ("a", "an")), 0)
    return any(t not in _REQUEST_LEAD | WANTING for t in tokens[:start] if t != CLAUSE_BREAK)


def _about_later(clause: Clause) -> bool:
    """A question about a time not now ("what's on tv tonight"); device names ("good night") don't count."""
    named = {i for m in clause.devices for i in range(m.start, m.end)}
    periods = DAY_PARTS | DAY_WORDS | {"week", "weekend", "month", "year", "time"}  # "… last night", not "at last"
    return any(t in LATER_WORDS or (t in DAY_WORDS and t != "every") or (t in EARLIER_WORDS and (
        t != "last" or bool(set(clause.tokens[i + 1:i + 2]) & periods))) for i, t in enumerate(clause.tokens)
        if i not in named)


def _reported(tokens: list[str], clause: Clause) -> bool:
    """ "I turned off the tv", "the garage door is up", "the heating is on": what someone did or how a device
    is, said as news. It asks for nothing; acting on it would be guessing (and often the opposite)."""
    rest = [t for t in tokens[1:] if t not in REPORT_ADVERBS]
    if rest[:1] in (["have"], ["has"], ["had"]) and rest[1:2] and rest[1].endswith("ed"):
        rest = rest[1:]  # "I've just turned the heating down": what was done, as "I turned" is
    if tokens[0] in SUBJECTS and rest and (rest[0] in PAST_FORMS or (rest[0].endswith("ed") and (
            verb_of(rest[0]) is not None or participle(rest[0]) is not None))):
        return True  # "i just unlocked the front door", "we left the porch light on"
    if tokens[0] in SUBJECTS and rest[:2] == ["did", "not"] and rest[2:3]:
        return True  # "you didn't leave the kettle on": what was not done, as news (with "did you?", a question)
    if tokens[0] in SUBJECTS and rest[:1] and rest[0] in REPORT_COPULAS | {"am"} and rest[1:2] and (
            rest[1].endswith("ing") and not accounted(rest[1])) and not any(verb_of(t) for t in rest[2:]):
        return True  # "i am heading out": what the speaker is doing ("heading" is not the heating)
    owner = next((m for m in clause.mentions if m.kind in ("area", "device", "type")), None)
    if owner is not None and tokens[owner.end:owner.end + 1] in (["has"], ["had"], ["have"]) and tokens[
            owner.end + 1:owner.end + 2] not in (["to"], ["been"]):
        return True  # "the kitchen has more lights than the hall", "I wish the kitchen had more lights": what it has
    first = next((m for m in clause.mentions if m.kind in ("device", "type")), None)
    if tokens[0] in ("my", "our") and tokens[2:4] in (["has", "gone"], ["have", "gone"]) and 1 not in {
            i for m in clause.mentions for i in range(m.start, m.end)}:
        return True  # "my tea has gone cold": how the speaker's thing has become, not a request for a device
    if first is None and _level_reported(tokens, clause):
        return True
    if first is not None and first.start > 2 and tokens[0] in PRONOUNS and tokens[1] in ("was", "were"):
        return True  # "that was a good movie night", "it was the sofa lamp that broke": what was, as news
    done = next((i for i, t in enumerate(tokens[:4]) if t in ("left", "forgot")), None)
    if done and first is not None and done < first.start and not any(  # "the kids left the lights on", "mum
            verb_of(t) or t in WANTING | MODALS for t in tokens[:done]):  # forgot the kettle": someone did it
        return True
    if first is None or any(verb_of(t) or t in WANTING | MODALS | CAUSATIVES for t in tokens[:first.start]):
        return False  # "make sure the door is locked", "I want the lights on": a wish
    lead = [t for t in tokens[:first.start] if t not in STOPWORDS or t in REPORT_COPULAS | {"on", "off"}]
    named = {i for m in clause.mentions for i in range(m.start, m.end)}
    if not clause.question and any(
            t.endswith("ing") and t.isalpha() and not accounted(t) and i not in named and (tokens[i - 1] in
            REPORT_COPULAS or (i == 2 and tokens[0] in OWNERS)) for i, t in enumerate(tokens[1:first.start], 1)):
        return True  # "the dog's barking at the sprinkler", "the baby is crying at the tv": what someone else is
        # doing, as news; the device is only where it happens
    if lead[-1:] in (["on"], ["off"]) and REPORT_COPULAS & set(lead[:-1]):
        return True  # "the glare is on the telly", "there's a glare on the tv": where something is, never the tv on
    if any(t in REPORT_COPULAS and n in FAULTS for t, n in pairwise(tokens[first.end:])):
        return True  # "the bulb in the hall has gone", "the speaker's battery is dead": a fault, as news
    places = {i for m in clause.mentions for i in range(m.start, m.end)}
    said = tokens[first.end] if first.end < len(tokens) and first.end not in places else ""  # "the lights upstairs
    # off": a place, not what the lights do
    if said.endswith("ing") and verb_of(said) is not None and first.start <= 1 and not clause.question:
        return True  # "the kettle switching off", "the curtains opening on their own": what it is doing, as news
    if said in ("might", "may") and "be" in tokens[first.end + 1:first.end + 3]:
        return True  # "I think the back door might be unlocked": a guess about how it is, never a request
    if len(said) > 3 and said.endswith("s") and said.isalpha() and not accounted(said) and verb_of(said) is None:
        return True  # "the kettle takes ages to boil": what the device does, as news
    if (said in PAST_FORMS and said not in SAID_AS_COMMANDS) or (
            len(said) > 4 and said.endswith("ed") and said.isalpha() and not accounted(said)):
        return True  # "the blinds got tangled", "the sprinkler soaked the postman", "the sofa lamp fell over": what
        # happened, as news ("the heating set to 20", "the tv put on mute" may be said as commands)
    if said in ("has", "have") and tokens[first.end + 1:first.end + 2] in (["a"], ["an"], ["no"]):
        return True  # "the sofa lamp has a loose wire", "the tv has no signal": how it is
    if said.isalpha() and not accounted(said) and not clause.question and first.start <= 1 and not any(
            m.start <= first.end < m.end for m in clause.mentions) and not (
            first.devices and all(d.type == "scene" for d in first.devices)):  # "good night everyone": the scene
        return True  # "the porch light flickering", "the hoover ate a sock": a word no table knows straight after the
        # device that starts the sentence says what it does or did; never handed to the model to guess a command
    between = next((i for i in range(first.end, len(tokens)) if i not in places and tokens[i] not in QUANTITY_NOUNS
                    and (tokens[i] not in STOPWORDS or tokens[i] in REPORT_COPULAS) and (  # "the tv volume is 30"
                        accounted(tokens[i]) or not tokens[i].isalpha())), None)  # "the tv remote is lost": its part
    if between is not None and tokens[between] in ("needs", "wants") and tokens[between + 1:between + 2] and not (
            tokens[between + 1] == "to" or verb_of(tokens[between + 1])):
        return True  # "the garage door remote needs new batteries", "the sprinkler needs moving": a need no tool meets,
        # as news ("needs locking", "needs to be on" ask)
    if between is None or tokens[between] not in REPORT_COPULAS | {"keeps", "kept", "been"} | SEEMING:  # "the telly's
        return False  # been on", "the front door lock feels stiff"
    state = [t for t in tokens[between + 1:] if t not in REPORT_ADVERBS and t != "not"]  # "… isn't unlocked, is it?"
    return bool(state) and (state[0] in STATES or state[0] in PARTICLES or state[0] in COLORS or (  # "movie night is
        # cancelled", "the sofa lamp is pink"
        state[0].isalpha() and not accounted(state[0])) or (  # "the porch light keeps turning off"
        state[0].endswith("ing") and verb_of(state[0]) is not None) or (  # "the heating is at 20", "the blinds are
        state[0] in LEVEL_SAID or as_number(state[0]) is not None or state[0] in SPEEDS) or (  # half open", "the
        VERBS.get(verb_of(state[0]) or "") in (UP, DOWN)) or participle(state[0]) is not None)  # desk lamp is dim",
    # "the heating was turned off": a level or a state, as it is


def _unable(clause: Clause) -> bool:
    """ "I can't reach the switch", "we can't get up", "I can't work this television": what the speaker cannot do, said
    as the reason for a request; never a command taken back ("I can't turn the tv off": a verb of the house, and a
    device after it)."""
    tokens = clause.tokens
    at = next((i for i, t in enumerate(tokens) if t in NEGATIONS), None)
    return at is not None and at > 1 and tokens[at - 1] in ("can", "could") and tokens[at - 2] in ("i", "we") and bool(
        tokens[at + 1:at + 2]) and tokens[at + 1] not in STATES and (verb_of(tokens[at + 1]) is None or not any(
            m.start > at and m.kind in ("device", "type") for m in clause.mentions))


def _without_asides(clauses: list[Clause]) -> list[Clause]:
    """The clauses less those said beside a command that tell how to do it or who it is for ("try not to wake the
    baby", "don't make a fuss", "the neighbours", "gently"): they ask nothing of the home, so they earn no apology and
    hold nothing back. A real request the home cannot do ("… and order a pizza") is no aside: it keeps its answer."""
    acting = [c for c in clauses if c.intent not in (None, QUERY) and not (  # a command, not news ("I've just put
        c.negated or c.unclear or c.question or c.report or c.tokens[:1] == [] or c.tokens[0] in SUBJECTS) and any(
        m.kind in ("device", "type") for m in c.mentions)]  # the kettle on myself, don't worry")
    return [c for c in clauses if any(c is a for a in acting) or not _aside(c)] if acting else clauses


def _aside(clause: Clause) -> bool:
    """ "try not to wake the baby", "don't make a fuss", "without waking anyone", "the neighbours", "quietly": words
    that name nothing of the home, with no verb of it, no way, state, value or "it"; told as what not to do, or as a
    phrase of words no table knows after "the"/"my", or a manner (`manner_words`: never "hypothetically"). Never "no"
    alone, "don't forget" (known words) nor a verb first ("order a pizza")."""
    words = [t for t in clause.words if t != CLAUSE_BREAK]
    if not words or clause.question or clause.value is not None or any(clause.said_here(m) for m in clause.mentions) \
            or any(t in PARTICLES or t in STATES or t in PRONOUNS or as_number(t) is not None or (
                verb_of(t) and t not in CAUSATIVES) for t in words):
        return False
    told_not = words[0] in NEGATIONS or words[:2] in (["do", "not"], ["try", "not"]) or words[0] == "without"
    content = [t for t in words if t not in STOPWORDS | NEGATIONS | CAUSATIVES and t not in ("do", "try", "without")]
    if content and all(t in MANNER_WORDS for t in content):
        return True
    return bool(content) and not any(accounted(t) for t in content) and (told_not or words[0] in OWNERS)


_CUT_AT = {"the", "a", "an", "my", "our", "your"}  # no phrase ends on these: "dim the lights in the, …" was cut short
_LEADING = {"in", "on", "at", "to", "of", "into", "for", "from", "with"}  # "in the": cut short with its preposition


def _restarted(tokens: list[str]) -> list[str]:
    """ "dim the lights in the, in the bedroom", "turn off the, the bedside lamp": a phrase cut short on "the" and
    said again from "the" or its preposition is one phrase, the words said twice once; never before anything else
    ("turn on the, no mum, …", "turn off the, turn on the tv" are left to the rules)."""
    out = list(tokens)
    while True:
        at = next((k for k in range(1, len(out)) if out[k] == CLAUSE_BREAK and out[k - 1] in _CUT_AT and out[
            k + 1:k + 2] and out[k + 1] in _CUT_AT | _LEADING), None)  # said on from "the" or "in"
        if at is None:
            return out
        start = at - 1
        while start > 0 and out[start - 1] in _LEADING:
            start -= 1
        cut, after = out[start:at], out[at + 1:]
        again = next((j for j in range(len(cut)) if after[:len(cut) - j] == cut[j:]), len(cut))
        out = [*out[:start + again], *after]


def _beside(clause: Clause) -> bool:
    """Words said beside a command that ask nothing of the home, whose reply (out of the home, not sure) is no answer
    to give once the command is done: how the speaker is or feels ("I'm thirsty", "my knees are bad"), news ("the
    guests are here", "this song slaps", "it's a grey old day"), a doing ("gasping for a cuppa", "wasting
    electricity"), thanks, or a stammered "the". Not a request ("… and order a pizza": a verb first; "I want a
    pizza": a wish), a question, nor anything of the home (a device, room, verb, way, state or value)."""
    words = [t for t in clause.words if t != CLAUSE_BREAK]
    unable = words[:1] and words[0] in SUBJECTS and words[1:3] in (["can", "not"], ["could", "not"])  # "I can't
    if clause.question or clause.value is not None or any(clause.said_here(m) for m in clause.mentions) or any(
            verb_of(t) or (t in PARTICLES and not unable) or t in STATES or t in WANTING  # bend down": the speaker's
            or (t in QUESTION_STARTS - COPULAS and not (unable and t in ("can", "could"))) or as_number(
                t) is not None for t in words):  # own doing, no way asked
        return False
    return not words or words[0] in SUBJECTS | OWNERS | PRONOUNS | STOPWORDS or words[0].endswith("ing") or (
        _courteous(clause))


def _courteous(clause: Clause) -> bool:
    """Only thanks, a greeting or a pleasantry ("many thanks", "much obliged", "ta very much", "hello there",
    "gorgeous day"): `courtesies` in the lexicon, said beside a command."""
    words = [t for t in clause.words if t != CLAUSE_BREAK and t not in STOPWORDS]
    return bool(words) and all(t in COURTESIES for t in words)


def _likened(clause: Clause) -> bool:
    """ "the heater smells of burning", "the fan sounds like a tractor", "the tv looks like a disco": how a device
    seems, likened to something the home does not know; news, whose words are no part of a command that follows."""
    first = next((m for m in clause.mentions if m.kind in ("device", "type")), None)
    return first is not None and not clause.question and clause.tokens[first.end:first.end + 1] and clause.tokens[
        first.end] in SEEMING and clause.tokens[first.end + 1:first.end + 2] in (["of"], ["like"], ["a"], ["an"])
    # ("like" is dropped as a filler: "sounds a tractor")


def _level_reported(tokens: list[str], clause: Clause) -> bool:
    """ "it's 25 degrees in the study", "the living room is at 20", "everything is off": a level or a state said of a
    room or of everything, as it is; not a need ("it's dark in the study", "the lounge is freezing" ask for light and
    heat)."""
    area = next((m for m in clause.mentions if m.kind == "area"), None)
    at = area.end if area is not None and area.start <= 1 else 1 if tokens[0] in ("it", "everything") else None
    if at is None or tokens[at:at + 1] not in (["is"], ["are"], ["was"]) or _needs(tokens):
        return False
    state = [t for t in tokens[at + 1:] if t not in REPORT_ADVERBS]
    return bool(state) and (state[0] in LEVEL_SAID or as_number(state[0]) is not None or state[0] in STATES)


def _why(clause: Clause) -> bool:
    """A need said as a clause of its own, with no device, room or action ("it's freezing", "it's so dark"), or what is
    said before "so" and a command: beside a command it is why (the sentence is checked whole for one that goes
    against the command), never one more request asking which device or room."""
    if clause.tokens[-1:] == ["so"]:  # "the kids are asleep so …", "i am going to bed so …": said before the command
        return not clause.question and not (clause.devices or clause.type_mention)
    return _needs(clause.tokens) and clause.intent is None and clause.value is None and not clause.question and not (
        clause.devices or clause.type_mention or clause.area)


def _needs(tokens: list[str]) -> bool:
    """The clause says a need ("too loud", "freezing", "dark"): how something is, not what to do."""
    return any(words & set(tokens) for words, *_ in HINTS) or bool(set(comfort.COMFORT) & set(tokens))


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


def _polite_request(tokens: list[str], clause: Clause) -> bool:
    """ "can the lights be changed to green", "could the heating be turned up", "could I trouble you to lock the
    front door", "how about turning the porch light off": a request, not a question."""
    if tokens[0] in ("how", "what") and tokens[1:2] == ["about"]:
        return any(t.endswith("ing") and verb_of(t) for t in tokens[2:3])
    if tokens[0] == "tell":  # "tell the roomba to go back to its dock": an order passed to the device, not "tell me"
        told = next((m for m in clause.mentions if m.kind == "device"), None)
        return told is not None and tokens[1:told.start] in ([], ["the"]) and tokens[told.end:told.end + 1] == ["to"]
    if tokens[0] == "you" and tokens[1:2] and tokens[1] in MODALS and verb_of(tokens[2] if len(tokens) > 2 else ""):
        return True  # "you can close the garage door?": a learner's "can you", asked of the house as it is
    if tokens[0] not in MODALS:
        return False
    if tokens[1:2] and tokens[1] in WHOEVER | {"we"} and verb_of(tokens[2] if len(tokens) > 2 else ""):
        return True  # "can we turn off the kettle", "could someone lock the door": asked of the house as "can you" is
    if any(t == "to" and verb_of(n) for t, n in pairwise(tokens)):
        return True
    agent = next((m for m in clause.mentions if m.kind == "device"), None)  # "could the roomba clean the bedroom",
    task = VERBS.get(verb_of(tokens[agent.end] if agent and agent.end < len(tokens) else "") or "")  # "… return to
    if agent is not None and tokens[1:agent.start] in ([], ["the"]) and (task == DOCK or (  # base": a task for it;
            task == CLEAN and clause.area is not None)):  # "can the roomba clean carpets" asks what it can do
        return True
    if "be" not in tokens:  # "could the reading lamp go down to 25 percent", "can the sofa lamp go purple", "could
        # the lamp go off"
        return (clause.value_kind in ("color", "percent", "degrees") and any(
            verb_of(t) or t in PARTICLES or t in BECOMING for t in tokens)) or (
            agent is not None and tokens[agent.end:agent.end + 1] == ["go"] and len(tokens) == agent.end + 2 and (
                tokens[-1] in ("on", "off") or VERBS.get(verb_of(tokens[-1]) or "") in (UP, DOWN)))
    after = [t for t in tokens[tokens.index("be") + 1:] if t not in RELATIVE_WORDS | {"a", "lot", "much"}]
    return bool(after) and (clause.value_kind in ("color", "percent", "degrees") or bool(participle(after[0]))
                            or after[0] in SAID_AS_COMMANDS  # "can the heating be set to 21"
                            or VERBS.get(after[0]) in (UP, DOWN))  # "could the speaker be a bit louder"


def _desired(tokens: list[str], clause: Clause) -> bool:
    """ "I want the lights dimmed", "I'd like the tv turned off": a state wished for a device, said as a
    participle after it."""
    first = next((m.start for m in clause.mentions if m.kind in ("device", "type", "area")), None)
    return first is not None and tokens[0] in ("i", "we") and bool({"want", "like", "need", "prefer"} & set(
        tokens[:first]))


def _dropped(word: str, devices: tuple[Device, ...]) -> bool:
    """The word is a word of the devices' names with letters left out ("frnt" for "front"), not another word."""
    return any(_letters_in(word, name) for d in devices for name in d.name_words)


def _letters_in(word: str, name: str) -> bool:
    rest = iter(name)
    return all(letter in rest for letter in word)


def _floor_words() -> frozenset[str]:
    """The words that ask the robot vacuum to clean ("floor", "carpet"): said to open something, another thing."""
    return next((triggers for triggers, intent, *_ in HINTS if intent == CLEAN), frozenset())


def _docked(tokens: list[str], mentions: list[Mention]) -> bool:
    """A word for its dock said to the robot vacuum: "roomba home", "hoover, go home"; never in news of it ("the
    roomba's charger is in the living room")."""
    return bool(DOCK_WORDS & set(tokens)) and not REPORT_COPULAS & set(tokens) and any(
        d.type == "vacuum" for m in mentions if m.kind == "device" for d in m.devices)


def _extreme(tokens: list[str]) -> bool:
    """ "to the lowest", "maximum", "all the way down": a level at the end of the scale."""
    return bool((FULL_WORDS | LOWEST_WORDS) & set(tokens)) or says(tokens, "all", "the", "way")


def _all_of_it(tokens: list[str]) -> bool:
    """ "Everything", "it all", "close all": every device of the room meant, of whatever kind the action reaches."""
    return "everything" in tokens or says(tokens, "it", "all") or tokens[-1:] == ["all"]


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


def _asks_when(clause: Clause) -> bool:
    """ "when is / will / does …" asked of sensors that report a time (a date, a timestamp, a duration): their
    state answers it. Asked of anything else it is no question the state answers, and stays a condition."""
    devices = [d for m in clause.devices for d in m.devices]
    tokens = clause.tokens
    return len(tokens) > 1 and tokens[0] == "when" and tokens[1] in AUXILIARIES and bool(devices) and all(
        d.device_class in TIME_CLASSES for d in devices)


def _by_reading(devices: list[Device], tokens: list[str]) -> list[Device]:
    """Of sensors that sense the same thing, those that report what the question asks for: a number for "what's
    the battery level?", "how much battery is left?", "what is the …"; on/off for "are any batteries low?",
    "is there any leak?". All of them when none reports it."""
    number = bool(MEASURE_WORDS & set(tokens)) or (tokens[:1] in (["what"], ["how"]) and tokens[1:2] != ["many"])
    return [d for d in devices if d.reports_number in (number, None)] or devices


def _singular_noun(word: str) -> str:
    return word[:-1] if word.endswith("s") and word not in ("blinds", "curtains") else word


def _place(area: str) -> str:
    """ "in the kitchen", but "upstairs", "on the first floor": a floor is said as it is."""
    if area in ("upstairs", "downstairs"):
        return area
    return f"on the {area}" if area.endswith("floor") else f"in the {area}"


def _there_is_no(said: str) -> str:
    """ "There is no fan", "There are no lights", "There are no blinds"."""
    return f"There {be(said)} no {said}"


def which(devices: list[Device]) -> Ask:
    """The question back when several devices answer to what was said."""
    names = {d.name for d in devices}
    if len(names) == 1:
        by_class = len({d.area for d in devices}) < len(devices) and len({d.device_class for d in devices}) == len(
            devices)  # one device's sensors: "the battery one or the charging one"
        options = " or ".join(f"the {_class_name(d) if by_class else d.area} one" for d in devices)
        return Ask(f"Which {devices[0].name}: {options}?", tuple(devices))
    if len(devices) > 4 and len({d.area for d in devices}) > 1:  # "make it brighter", "it's too bright": people think
        return Ask(WHICH_ROOM, tuple(devices))  # in rooms; "the kitchen" picks its lights, "the desk lamp" that one
    shared = {d.name for d in devices if sum(other.name == d.name for other in devices) > 1}
    return Ask("Which one: " + " or ".join(f"the {d.area} {d.name}" if d.name in shared and d.area else f"the {d.name}"
                                           for d in devices) + "?", tuple(devices))


def _class_name(device: Device) -> str:
    """A device class as said: "battery charging"."""
    return (device.device_class or device.type).replace("_", " ")


def _tool_for(device: Device, clause: Clause) -> tuple[str | None, float | str | None]:
    """Pick the tool from the intent, the value and the device's type."""
    intent, value, kind = clause.intent, clause.value, clause.value_kind
    t = device.type
    if t not in ("cover", "lock") and intent in (OPEN, CLOSE) and RAISE_LOWER & set(clause.tokens):
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
        sent_to_clean = intent == DOCK and clause.area is not None and not DOCK_WORDS & set(clause.tokens)
        homeward = bool((DOCK_WORDS - {"back"}) & set(clause.tokens)) or (
            "back" in clause.tokens and not says(clause.tokens, "back", "on"))  # not "turn the hoover back on"
        if intent in (SET, ON) and homeward:
            return "return_to_base", None  # "bring the robot back to its base", "put the roomba on its charger"
        if intent == DOCK and "send" in clause.tokens and clause.area is None and not DOCK_WORDS & set(clause.tokens):
            return ("start_cleaning", None) if {"in", "out", "over", "round"} & set(clause.tokens) else (None, None)
            # "send the robot in", "send the roomba over": to work; "send the robot" alone says neither where nor home
        if intent in (ON, CLEAN, PLAY, SET) or sent_to_clean:  # "send the hoover to the kitchen": clean there
            return "start_cleaning", None
        return ("return_to_base", None) if intent in (OFF, DOCK, PAUSE) else (None, None)
    if intent in (MUTE, UNMUTE):
        return (intent, None) if t == "media_player" else (None, None)
    if t == "media_player" and intent in (ON, OFF) and SOUND_WORDS & set(clause.tokens):
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
            return None, None
        amount = (TOOLS[step].default_step or 0.0) * clause.steps
        return step, amount if intent in (UP, OPEN) else -amount
    if kind == "color":  # "turn off white" (a recogniser's "turn off the light"): not a colour asked for;
        # nor is "turn on the white" with no device said: a recogniser's "turn on the lights" as often as not
        misheard = intent == OFF or (not clause.mentions and (intent == ON or ON in clause.tokens))
        return ("set_color", value) if not misheard else (None, None)
    if kind == "speed":
        if t == "fan":
            return "set_fan_speed", value
        if t in ("light", "media_player") and value == "high":
            return ("set_brightness" if t == "light" else "set_volume"), 100.0
        if t in LOWEST_LEVELS and value == "low" and _extreme(clause.tokens):
            return LOWEST_LEVELS[t]
        if t == "cover" and _extreme(clause.tokens):
            return ("open_cover" if value == "high" else "close_cover"), None
        if t == "climate" and _extreme(clause.tokens):  # "turn the heating right up": the end of its scale
            spec = TOOLS["set_temperature"]
            return "set_temperature", spec.maximum if value == "high" else spec.minimum
        return None, None
    if isinstance(value, float) and (intent not in (LOCK, UNLOCK, OFF) or (
            intent == OFF and t == "cover" and kind == "percent")):  # "pull the curtains halfway out": half, not shut
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
    by_type = {
        ON: {"cover": "open_cover", "lock": None, "sensor": None},
        OFF: {"cover": "close_cover", "lock": None, "sensor": None},
        OPEN: {"cover": "open_cover"}, CLOSE: {"cover": "close_cover"},
        LOCK: {"lock": "lock"}, UNLOCK: {"lock": "unlock"},
        PLAY: {"media_player": "media_play"}, PAUSE: {"media_player": "media_pause"},
    }
    if intent in (ON, OFF):
        default = "turn_on" if intent == ON else "turn_off"
        if t == "cover" and COVER_HALTS & set(clause.tokens):
            return None, None
        if t == "media_player" and MEDIA_WORDS & set(clause.tokens):
            return ("media_play" if intent == ON else "media_pause"), None
        return by_type[intent].get(t, default), None
    if intent in by_type:
        return by_type[intent].get(t), None
    return None, None  # SET/UP/DOWN without a value: relative changes are not in the vocabulary yet
