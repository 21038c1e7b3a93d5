"""The deterministic fast path: verbs, values and device mentions -> tool calls, in about a millisecond.

It answers what it is sure of and says so when it is not: an unknown device is named back, an
ambiguous name is asked about, an action the device cannot do is refused. Only a clause that names
devices but no action it recognises is handed on to the LLM, with those devices as the only choices.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from assistant.answer.abilities import can_do
from assistant.registry import Device, Registry
from assistant.tools import COLORS, ToolCall
from assistant.understand import comfort
from assistant.understand.asides import _beside, _courteous, _without_asides
from assistant.understand.calls import _OPPOSED, _call, _opposed, _tool_for
from assistant.understand.clause import (
    INTENT_TYPES,
    OUT_OF_HOME,
    PART_OF_NOW,
    WHICH_ROOM,
    Ask,
    Clause,
    RuleResult,
    _class_name,
    which,
)
from assistant.understand.frames import (
    _NEWS_PAST,
    _PASSING_ON,
    _about_later,
    _desired,
    _elsewhere,
    _likened,
    _needs,
    _opened,
    _passed_on,
    _polite_request,
    _quoted,
    _reported,
    _scheduled,
    _state_kept,
    _states_offered,
    _unable,
    _values_offered,
    _why,
)
from assistant.understand.mentions import BESIDE_WORDS, PLURAL_TYPE_WORDS, STOPWORDS, TYPE_WORDS, Mention, MentionFinder
from assistant.understand.normalize import (
    CLAUSE_BREAK,
    DETERMINERS,
    TAGS,
    after_question,
    as_said,
    normalize,
    said_words,
    tagged,
    typed_command_question,
    typed_question,
)
from assistant.understand.reading import _docked, _intent_of, _negation, _part_of_now, _read_value
from assistant.understand.reasons import REASONS, contrary, purpose_against, reason_at, said_against
from assistant.understand.splitting import (
    _all_but_some,
    _continues_exclusion,
    _contrasts,
    _exclusion_at,
    _kept_apart,
    _next_named,
    _restarted,
    _retracts,
    _self_cancelled,
    _so_then,
    _unknown_words,
    _verb_said_after,
    _way_said_last,
)
from assistant.understand.talk import SAID_ALONE, addressee, asks_ability, not_to_the_house, talk
from assistant.understand.targets import TargetChoosing, _singular_noun, nameable
from assistant.understand.timers import _timer_held, _timer_led
from assistant.understand.vocabulary import (
    AUXILIARIES,
    BRANDS,
    CAUSATIVES,
    CHOOSING_WORDS,
    CLEAN,
    CLOSE,
    COMMAND_STARTS,
    COMPARATIVE_TYPES,
    CONDITION_WORDS,
    COPULAS,
    CORRECTIONS,
    DAY_PARTS,
    DOCK,
    DOWN,
    EVERYTHING_WORDS,
    EXCLUSIONS,
    FOREIGN_UNITS,
    FUNCTION_WORDS,
    GOALS,
    HERE_WORDS,
    HINTS,
    HOME_WORDS,
    IMPLIED_TYPES,
    LATER_WORDS,
    MEANING_WORDS,
    MEDIA_WORDS,
    MODALS,
    NAMING_NOUNS,
    NEGATIONS,
    NOT_ABOUT_DEVICES,
    NOT_FOR_REAL,
    NUMBER_UNITS,
    OFF,
    ON,
    OPEN,
    OPENING_NOUNS,
    OPPOSITE,
    OTHER_SERVICES,
    PARTICLE_VERBS,
    PARTICLES,
    PAST_FORMS,
    PLAY,
    PRONOUNS,
    QUANTITY_NOUNS,
    QUANTITY_WORDS,
    QUERY,
    QUESTION_STARTS,
    RAISE_LOWER,
    RELATIVE_WORDS,
    RESTATING,
    RETRACTING,
    ROOM_NOUNS,
    SET,
    SPEAKER_WORDS,
    SPEECH_VERBS,
    SPEEDS,
    SPLITTERS,
    STATES,
    STATUS_WORDS,
    SUBJECTS,
    TIME_LEADS,
    TIME_UNITS,
    TOLD_BEFORE,
    TOPIC_SHIFTS,
    TYPE_NOUNS,
    UNLOCK,
    UP,
    VERBS,
    WANTING,
    accounted,
    changes_meaning,
    says,
    verb_of,
)
from assistant.understand.when import (
    ASK_WHEN,
    DAYS,
    ONE_TIME,
    ONLY_NOW,
    PART_LATER,
    TIMER_WORDS,
    bare_clock,
    deadline,
    find_times,
    loose_time,
    read_timer,
    recurring,
    uncounted_unit,
)

CONTRADICTS = "That goes against what you said."
WONT = "Okay, I won't."
EITHER_WAY = "Should I do it, or not?"  # "open the garage door, or don't, whatever": neither is asked for
NOT_SURE = "Sorry, I'm not sure what you want done; please say it as a command."
CANT_PREVENT = "Sorry, I can't keep anything from happening; I can only change a device now."  # "stop the heating
# from coming on": never an "Okay" that pretends it will
IN_CELSIUS = "I set temperatures in degrees Celsius. How many degrees Celsius?"
DEVICE_TIMER = "I can't tell what a device does on its own timer; mine are kitchen timers, or a command for later."
OWN_TIMER = "I can't set or stop a device's own timer; mine are kitchen timers, or a command for later."
ALL_OF_THEM = {"both", "all", "every", "each", "everything"}  # an answer to "which one?" that picks every option
ANSWER_WORDS = {"1", "one", "ones", "just", "only", "those", "these", "them", "yes"}  # "just the kitchen one"
CHOICE = "<choice>"  # where the choice asked for goes in the sentence asked about: "turn on <choice>"
DIRECTION = "<direction>"  # where "cooler or warmer?" is answered: "turn up the ac <direction> it is hot"
ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}  # "the second one": as the question listed
_SAID_BACK = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "we": "you", "us": "you",
              "our": "your", "ours": "yours", "ourselves": "yourselves", "am": "are"}  # the speaker's words, said back


def _refused(tokens: list[str]) -> bool:
    """A command refused before its verb: said first ("don't leave the porch light …") or after "you" ("I'd rather you
    didn't lock the back door and turn off the tv"); not a report ("the garage door didn't close, close it again")."""
    said = tokens[:next((i for i, t in enumerate(tokens) if verb_of(t)), 2)]
    return bool(NEGATIONS & set(said[:2]) or ("you" in said and NEGATIONS & set(said[said.index("you"):])))


def _object_of_verb(tokens: list[str], at: int) -> bool:
    """A room said straight after a verb (and "the"): "open the garage", "hoover the kitchen", what the verb acts on."""
    before = at - 1 - (tokens[at - 1:at] == ["the"])
    return before >= 0 and verb_of(tokens[before]) is not None and tokens[before] in COMMAND_STARTS


def _as_said(words: list[str]) -> str:
    """A reason said back to the person who said it: "I am cold" is "you are cold", "can not" is "can't", and "too"
    as said (the normalizer wrote "it is to hot")."""
    felt = set(comfort.COMFORT) | {w for triggers, *_ in HINTS for w in triggers}
    said = " ".join("too" if word == "to" and following in felt and i else _SAID_BACK.get(word, word)  # "to dry
                    for i, (word, following) in enumerate(zip(words, [*words[1:], ""], strict=True)))  # out …": why
    return said.replace("can not ", "can't ").replace("could not ", "couldn't ")


def _scene_as_time(clause: Clause) -> bool:
    """ "turn off the tv at dinner time", "lock the back door by movie night": a scene's name after "at" or a time
    lead is when, said by what happens then; a time not read whole, never the scene now nor the command now."""
    return any(m.kind == "device" and m.start and all(d.type == "scene" for d in m.devices) and clause.tokens[
        m.start - 1] in TIME_LEADS | {"at"} for m in clause.mentions)


def _level_unsaid(tokens: list[str]) -> bool:
    """ "to" ending the sentence or before "where", "what", "how" ("turn the heating up to", "turn the heating back
    down to where it was"): a level meant but not said (a recogniser cut it off, or it is the one before)."""
    return any(t == "to" and tokens[k + 1:k + 2] in ([], ["where"], ["what"], ["how"], ["whatever"])
               for k, t in enumerate(tokens))


class RuleMatcher(TargetChoosing):
    """The fast path over one registry; build once, call `match` per sentence (devices are chosen by its base,
    `TargetChoosing`)."""

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
            return [Clause(tokens=tokens, unclear=True, ask=EITHER_WAY)]
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
            if self._cut_short(tokens, k):
                continue  # "tu turn off the kitchen lights", "open the b blinds": a stammered start of the next word
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

    def _cut_short(self, tokens: list[str], at: int) -> bool:
        """A recogniser's transcript of a stammer or a restart: one to three letters that are no word of the lexicon
        or the home, said just before (or one word before) a word they begin ("lo lock", "the d the desk lamp")."""
        token = tokens[at]
        return len(token) <= 3 and token.isalpha() and token not in self._spellable and not accounted(token) and any(
            len(w) > len(token) and w.startswith(token) for w in tokens[at + 1:at + 3])

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
        mentions = [m for m in found if m.kind in ("device", "type") or (m.kind == "area" and _object_of_verb(
            tokens, m.start))]  # "open the garage turn the garage light on": a room as a verb's object ends it too
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
                        and tokens[i - 1] not in ("a", "an", "the", "to", "its", "my", "more", "less")  # "to a
                        # lower setting", "more open than the blinds": a comparative, never "open" as a command
                        and tokens[i + 1] != "than"  # "set the blinds lower than the curtains": a comparative too
                        and tokens[i - 1] not in NEGATIONS | WANTING | MODALS | COPULAS  # "the kettle will not
                        # turn on", "the study heater is set to 25"
                        and not (i == mentions[next_mention].end and not any(  # "blinds open curtains closed": the
                            verb_of(t) for t in tokens[start:i]))  # verb said after its name
                        and not (i == mentions[next_mention].end and tokens[i] in RAISE_LOWER and {"make", "get"} & set(
                            tokens[start:i]))), None)  # "make the light lower in the lounge": a comparative, never
            # "lower" (the blinds) in the lounge
            if cut is None:  # "tv off lights off", "the tv up the speaker down", "sofa lamp red reading lamp blue"
                cut = _next_named(tokens, mentions, places, next_mention)
            if cut is None:
                break
            heads.append(tokens[start:cut])
            start = cut
        heads.append(tokens[start:])
        return heads

    def _covers_only(self, clause: Clause) -> bool:
        """Whether the clause names covers and nothing else: "open the blinds by 7" is when, "raise the tv volume by
        5" a step."""
        named = {d for m in clause.mentions for d in m.devices}
        return bool(named) and all(d.type == "cover" for d in named)

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
        _read_value(clause)
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
        clause.intent = QUERY if clause.question else _intent_of(tokens, clause, polite)
        if loose_time(tokens, clause.intent, clause.value_kind, self._covers_only(clause)):
            clause.unclear, clause.ask = True, ASK_WHEN  # "turn off the tv by 10": a time without its clock word
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
        said = sorted((m for m in clause.mentions if m.kind == "device"), key=lambda m: m.start)
        if any(a.end == b.start for a, b in pairwise(said)):
            clause.unclear = True  # "turn off the tv's speaker" ("'s" dropped): one device's part, named by another
            # device's name, never both (both were turned off)
        named = {d for m in clause.mentions if m.kind == "device" for d in m.devices}
        if clause.unclear and len(named) == 1 and asks_ability(tokens, clause.question, clause.mentions):
            clause.ask = clause.ask or can_do(named.pop())  # "can the hall light dim?": what it declares, said
        clause.implied_type = next((IMPLIED_TYPES[t] for t in tokens if t in IMPLIED_TYPES), None) or next(
            (COMPARATIVE_TYPES[t] for t in tokens if t in COMPARATIVE_TYPES), None)
        if clause.value_kind in ("color", comfort.WHITE, comfort.KELVIN):
            clause.implied_type = "light"
        if not clause.question:
            _negation(clause)
            clause.report = clause.report or _reported(tokens, clause) or (clause.intent is None and any(
                m.kind == "device" and all(d.type == "scene" for d in m.devices) and tokens[m.end:m.end + 1] and tokens[
                    m.end] in COPULAS for m in clause.mentions))  # "movie night was a flop, …": news, never the scene
            clause.unclear = clause.unclear or clause.report
            goal = next((i for i, t in enumerate(tokens) if t in GOALS), None)
            if goal is not None and CAUSATIVES & set(tokens[:goal]) and clause.value is None \
                    and not clause.negated and not clause.unclear and not NEGATIONS & set(tokens) \
                    and clause.intent not in (ON, OFF):  # "turn on the lamp, it's dark": on, said; the dark is why
                clause.intent = GOALS[tokens[goal]]  # "make it dark in here": the lights off, never on
                clause.implied_type = clause.implied_type or "light"
        return clause

    def _share_context(self, clauses: list[Clause], recent: tuple[Device, ...] = ()) -> list[Clause]:
        """A clause without a verb borrows the previous one's ("turn off the tv and the lamp"); a first
        clause saying "it" means the devices of the last command ("make it blue")."""
        kept: list[Clause] = []
        for clause in clauses:
            previous = kept[-1] if kept else None
            if previous is not None and len(kept) > 1 and previous.tokens and not previous.mentions and all(
                    t in SAID_ALONE for t in previous.tokens):  # "are the blinds open? whatever, open them": an
                kept.pop()  # exclamation between two clauses is no clause; "them" is what was named before it
                previous = kept[-1]
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
            if previous is None and recent and not named and clause.implied_type is None and _room_one(clause):
                kinds = {d.type for d in recent}  # "(turn on the sofa lamp,) now the kitchen one": the kind just
                clause.implied_type = kinds.pop() if len(kinds) == 1 else None  # told, in that room
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
                    if same and previous.intent is not None and _needs(clause.tokens) and not any(
                            verb_of(t) or t in PARTICLES for t in clause.tokens):
                        continue  # "turn on the bedroom speaker, I fancy some music": the need the command meets,
                        # said after it, is why; never one more action ("play") of the same device
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
        _read_value(clause)
        clause.intent = _intent_of(clause.tokens, clause, False)
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
            after = self._after_forbidden(tokens)
            if after is not None:  # "don't wake the baby, mute the tv": the command after it is done
                return after
            result.replies.append(self._not_done(tokens))  # a sentence that starts "don't" is not done, whatever
            return result  # follows
        named = {i for m in self.mentions.find(tokens) if m.kind == "device" for i in range(m.start, m.end)} if (
            OTHER_SERVICES | TIMER_WORDS | {"left", "remaining"}) & set(tokens) or tokens[:1] in (["how"], ["tell"]) \
            else set()
        if _elsewhere(tokens, named):  # "remind me to lock the back door and turn off the tv": none of it is for now
            beside = self._beside_elsewhere(tokens, recent)
            if beside is not None:  # "turn off the lights and order a pizza": the lights asked about, the pizza not
                return beside
            result.replies.append(OUT_OF_HOME)
            return result
        if _quoted(tokens):  # "my wife said, turn off the tv": her words, passed on
            result.replies.append(OUT_OF_HOME)
            return result
        if not_to_the_house(text):  # "mum, can you …", "thanks for turning it on at 3am", irony: nothing asked of it
            result.replies.append("Sorry, I'm not sure what you'd like me to do.")
            return result
        person = addressee(text, self.mentions.find)
        if person is not None:  # "Sam, switch off the tv please": said to Sam, not to the house
            result.replies.append(f"That sounded meant for {person}. If it was for me, say it again without the name.")
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
            if asked and TIMER_WORDS & set(tokens) and any(m.kind in ("device", "type") for m in self.mentions.find(
                    tokens)):  # "is that fan in the bathroom on a timer": what the device does, not our timers
                result.replies.append(DEVICE_TIMER)
                return result
            if not asked and self._device_timer(tokens, named):  # "switch off the fan's timer": a part of the
                result.replies.append(OWN_TIMER)  # fan, never one of ours cancelled
                return result
            held = _timer_held([t for t in tokens if not asked or t not in ("till", "until")]) if timer.call else None
            if held is not None:  # "set a timer for ten minutes when I get home", "cancel the timer tomorrow"
                result.replies.append(held)
                return result
            named_as = (timer.call.name or "").split() if timer.call else []  # "a timer for the kids": its name
            taken = self._taken_back(self.clauses(text, recent, tokens)) if timer.call and not asked else None
            if taken is not None:  # "start a 1 hour timer, just kidding", "…, or don't, whatever": as of a device
                result.replies.append(taken)
                return result
            if timer.call is not None and not asked and (_timer_led(tokens) or any(
                    changes_meaning(t) for t in tokens if t not in named_as)):
                result.replies.append(NOT_SURE)
                return result  # "my wife likes to set a timer for 5 minutes", "… at some point"
            result.calls += [timer.call] if timer.call else []
            result.replies += [timer.reply] if timer.reply else []
            return result
        times, tokens = find_times(tokens)
        problem = (DAYS if recurring(tokens) else None) or next((t.problem for t in times if t.problem), None) \
            or (ONE_TIME if len(times) > 1 else None) or bare_clock(tokens) or (
                ASK_WHEN if uncounted_unit(tokens) else None)
        tag = tagged(text)
        if tag:  # the tag's own words ("isn't it", "correct") are no part of what is asked
            said = next((t for t in TAGS if tuple(tokens[-len(t):]) == t), ())
            tokens = tokens[:len(tokens) - len(said)]
            while tokens[-1:] == [CLAUSE_BREAK]:
                tokens = tokens[:-1]
        clauses = self.clauses(text, recent, tokens)
        if any(_passed_on(c.tokens) for c in clauses[:-1]):  # "the sign by the door says turn off the porch light":
            result.replies.append(OUT_OF_HOME)  # read as a report and a command, the command is what the sign says
            return result
        if _level_unsaid(tokens) and any(c.intent in (SET, UP, DOWN) and c.value is None for c in clauses):
            result.replies.append("To what level?")  # "turn the heating up to", "… back down to where it was": the
            return result  # level cut off or not said; never a default step
        whole = Clause(tokens=tokens, mentions=self.mentions.find(tokens))  # before a correction drops a clause
        problem = problem or _scheduled(whole) or next(
            (held for c in clauses if not c.question and (held := _scheduled(c))), None) or (
            ASK_WHEN if _scene_as_time(whole) else None)
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
        if last is not None and (tag or typed_question(text)) and last.unclear and last.devices and _reported(
                last.tokens, last):
            last.question, last.intent, last.unclear, last.report = True, QUERY, False, False  # "the back door is
            # locked, right?", "the back door's locked?": a state said, asked by a tag or a typed "?"
        answered = after_question(text)  # "did you want the tv on? fine, tv on": typed after the question's "?"
        if clauses and clauses[0].question and clauses[0].devices:  # "did you turn off the tv and lock the door"
            for clause in clauses[1:]:
                if clauses[0].tokens[:1] == ["why"] and clauses[0].tokens[1:2] and clauses[0].tokens[1] in COPULAS \
                        and clause.tokens and verb_of(clause.tokens[0]):
                    continue  # "why is the garage door open, shut it": asked in passing, then a command of its own
                    # ("why did you open the blinds and turn the light off" asks about both)
                if clause.tokens and says(answered, *clause.tokens):
                    continue  # "are the blinds open? whatever, open them": a sentence of its own after the "?"
                clause.question, clause.intent = True, QUERY
        elif clauses and clauses[0].question and clauses[0].area is not None:  # "are the bedroom and study lamps
            for clause in clauses[1:]:  # off": a kind said once after two rooms is asked in each
                if not any(verb_of(t) for t in clause.tokens):
                    clause.question, clause.intent = True, QUERY
        if problem is None and any(c.question and (times or _about_later(c)) for c in clauses):
            problem = ONLY_NOW  # "is the front door locked at 7 pm", "what's on tv tonight"
        if problem is None and any(c.question and deadline(c.tokens) for c in clauses):
            problem = ASK_WHEN  # "have the heating on by 6": a deadline said without its clock word, never how the
            # heating is now
        ways = {c.intent for c in clauses if not c.question and any(verb_of(t) or t in PARTICLES for t in c.tokens)}
        if problem is None and times and times[0].start > 0 and (sum(
                1 for c in clauses if c.tokens and verb_of(c.tokens[0]) and not c.question) > 1 or len(ways) > 1):
            problem = PART_LATER  # "turn on the porch light and turn it off in ten minutes": not both in ten;
            # "sprinkler on now and off in ten minutes" (each told its own way, no verb)
        if problem is not None:  # a time not read whole is asked about; a condition or a duration is refused
            result.replies.append(problem)
            return result
        if any(c.intent == OPPOSITE.get(b.intent or "") and not c.mentions and all(
                t in PARTICLES or t in STATES for t in c.tokens) for b, c in pairwise(clauses)):
            result.replies.append("You said it both ways. Which do you mean?")  # "turn the tv on, er, off": a
            return result  # restart or a second thought, the way alone said after the command's opposite; asked
        taken = self._taken_back(clauses)  # "switch off the tv? actually no, leave it"
        if taken is not None:
            result.replies.append(taken)
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
        guessed = [c for _text, calls in result.unsure for c in calls]  # read as the calls are: never left to the
        judged = [*result.calls, *guessed]  # model to settle against what the sentence says it is for
        against = bool(judged) and (contrary is not None or said_against(self.registry, tokens, judged)
                                    or purpose_against(self.registry, tokens, judged))
        if against:  # "it's so hot, turn the heater up": the sentence contradicts itself; asked, a yes does it
            result.replies.append(f"You said {_as_said(contrary)}." if contrary else CONTRADICTS)
            result.held, result.unsure = [*result.held, *guessed], []
        left_out = {d.id for c in clauses if c.excluded for d in self._excluded(c)[0]}  # "turn off all the lights,
        result.calls = [c for c in result.calls if c.device not in left_out]  # and the tv, but not the porch light"
        unplaced = any(c.unclear and _refused(c.tokens) for c in clauses)  # "don't leave the porch light, turn off
        # …": a command refused, not placed; never what is beside it ("the tv is not on, turn it on" is)
        stray = any(self._stray(c) for c in clauses[1:]) or any(_opened(c) or self._said_apart(c) for c in clauses)
        # "turn all the lights and gear off", "our all living room curtains open": a word said that nothing here
        # reads; "hypothetically, unlock the front door": the rest not meant as said
        led = self._framed(clauses, result)
        told = any(says(said_words(text), *phrase) for phrase in (*TOLD_BEFORE, *NOT_FOR_REAL))  # "I told you to
        # close the garage": insisting, or said to a person; "this is a test, …": not meant for real
        if (any(c.negated for c in clauses) or unplaced or against or result.unsure or led or checked or
                stray or told) and result.calls:
            # "don't lock it, unlock the back door", "ask mum to turn off the tv and lock the front door": what the
            # sentence was not understood around is not done beside it either; all of it is asked about
            result.held, result.calls = [*result.held, *result.calls], []
        # one value per device and tool: a later one restates the first ("set the fan to high, make that medium")
        last = {(c.tool, c.device, c.delay_s, c.at): c for c in result.calls}
        result.calls = list(dict.fromkeys(c for c in result.calls if last[(c.tool, c.device, c.delay_s, c.at)] == c))
        if any(c.question and c.tokens[:1] == ["why"] for c in clauses) or answered:  # "why is the garage door
            acted = {c.device for c in result.calls if c.tool != "get_state"}  # open, close it", "is the kettle on?
            result.calls = [c for c in result.calls if c.tool != "get_state" or c.device not in acted]  # just put it
            # on": asked in passing, the command the answer
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

    @staticmethod
    def _taken_back(clauses: list[Clause]) -> str | None:
        """The answer to a sentence that takes its own command back, a device's or a timer's alike: "…, just kidding",
        "…, no wait, never mind" are not done ("Okay, I won't."); "…, or don't, whatever" is asked. None otherwise."""
        if any(_retracts(c.tokens) for c in clauses[1:]):
            return WONT
        return EITHER_WAY if any(c.unclear and c.ask == EITHER_WAY for c in clauses) else None

    def _device_timer(self, tokens: list[str], named: set[int]) -> bool:
        """The timer said is a device's own: a device or kind named just before it ("the fan's timer", "the oven
        timer") or after "on"/"of" ("the timer on the fan"); never a room's ("the kitchen timer": ours)."""
        at = next((k for k, t in enumerate(tokens) if t in TIMER_WORDS and k not in named), None)
        if at is None:
            return False
        after = at + 2 if tokens[at + 1:at + 2] in (["on"], ["of"]) else None
        return any(m.kind in ("device", "type") and (m.end == at or (after is not None and m.start in (
            after, after + 1))) for m in self.mentions.find(tokens))

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
        nearly += [t for i, t in enumerate(clause.tokens) if t in unknown and any(  # "open the garage store": a
            m.end == i and m.kind == "area" for m in clause.mentions)]  # word after a room, where the rest of a
        # name is said, may be that name misheard; asked as it is
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
            result.replies.append(OUT_OF_HOME if not commanded else NOT_SURE if not nameable(
                unknown, clause.tokens) else f"I don't know a device called {as_said(unknown)}.")
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
            elif not {d.type for d in left_out} & {d.type for d in targets} and not _only_which(clause):
                # "all the lights except the ceiling" (the ceiling fan): not the kind being switched, so not what
                # was meant; "the blinds but not the curtains" only says which
                result.replies.append(f"Which of them should I leave out: {' '.join(clause.excluded)}?")
                return
            targets = [d for d in targets if d not in left_out]
            if not targets:
                result.replies.append("That leaves nothing to do.")
                return
        if clause.count is not None and clause.count != len(targets):  # "a couple of lights in the living room" of
            # three, "one light" of two: which is not said; never all of them
            room = next((m for m in clause.mentions if m.kind == "area" and clause.said_here(m)), None)
            if clause.count == 1 and room is not None and _room_one(clause) and len(targets) <= 4:
                self._ask_in_room(clause, room, targets, result)  # "(the sofa lamp on,) now the kitchen one"
                return
            result.replies.append("Which one do you mean?" if clause.count == 1 else "Which ones do you mean?")
            return
        calls: list[ToolCall] = []
        refusals: list[str | Ask] = []
        for device in targets:
            call, refusal = _call(device, clause)
            if call is not None:
                calls.append(call)
            elif refusal:
                refusals.append(refusal)
        if calls and (nearly or widened or _placed_by_unknown(clause.tokens, unknown) or _placed_by_device(clause)
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
        kind = clause.implied_type if _room_one(clause) else None  # "dim the kitchen one": which of its lights
        if clause.intent in (None, QUERY) or clause.type_mention is not None or clause.devices or (
                clause.implied_type != kind or PRONOUNS & set(rest)) or not all(  # "the kitchen radio": a name
                t in STOPWORDS or t in VERBS or t in PARTICLES or t == "1" for t in rest):  # not known, said back
            return False
        there = [d for d in self.registry if d.area in self._areas(room.area or "") and d.type != "scene" and (
            kind is None or d.type == kind)]
        calls = [c for d in there for c in [_call(d, clause)[0]] if c is not None]
        if len(calls) == 1:
            result.held.append(calls[0])  # "Did you mean: turn off the desk lamp?"
            return True
        if not calls:
            return False
        self._ask_in_room(clause, room, [self.registry[c.device] for c in calls if c.device], result)
        return True

    @staticmethod
    def _ask_in_room(clause: Clause, room: Mention, options: list[Device], result: RuleResult) -> None:
        """ "Which one in the kitchen: the ceiling light or the counter lights?": the answer put in place of the room
        and its "one"."""
        one = clause.tokens[room.end:room.end + 1] == ["1"]
        said = [*clause.tokens[:room.start], CHOICE, *clause.tokens[room.end + one:]]
        result.asked.append((" ".join(said), tuple(options)))
        result.replies.append(which(options).text.replace("Which one:", f"Which one in the {room.area}:", 1))

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
        words = [t for t in _unrestated(clause) if t not in SPLITTERS]
        if words[:1] in (["leave"], ["keep"]):  # "… but leave the porch light alone": what is left as it is
            words = [t for t in words[1:] if t not in PARTICLES and t not in ("alone", "as", "is", "be")]
        words = [t for t in words if t not in ("1", "one", "ones")]  # "except the back one"
        rest = Clause(tokens=words, mentions=self.mentions.find(words))
        unknown = self.unaccounted(rest)
        naming = self.mentions.words - DETERMINERS  # "not the switch": a word of a name ("porch light switch")
        said = unknown or [t for t in words if t not in STOPWORDS or t in naming]  # "except the back one": "back"
        # is harmless
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

    def _beside_elsewhere(self, tokens: list[str], recent: tuple[Device, ...]) -> RuleResult | None:
        """ "turn off the lights and order a pizza", "lock the front door, then call my mum": a command, then a request
        for another service. The part out of the home holds the command beside it (CASES.md), so nothing is done; the
        reply says which part cannot be done and asks about the command ("Did you mean: turn off …?", a yes does
        it), never left for the model to settle. None when the sentence is not so (the service asked first: "remind
        me to lock the back door and turn off the tv" is all a reminder)."""
        for i, token in enumerate(tokens):
            if token not in ("and", CLAUSE_BREAK):
                continue
            service = tokens[i + 1:]
            while service[:1] and service[0] in ("and", "then", "also", "please", CLAUSE_BREAK):
                service = service[1:]
            before = tokens[:i]
            if not service or service[0] not in OTHER_SERVICES or not before or verb_of(before[0]) is None or (
                    OTHER_SERVICES & set(before)):
                return None
            command = self.match(" ".join(before), recent)
            cannot = f"I can't {as_said([_SAID_BACK.get(t, t) for t in service])}: only the devices in your home."
            if command.asked and not command.calls:  # "turn off the lights and …": which room's, asked
                return RuleResult(replies=[cannot, *command.replies], asked=command.asked)
            if not command.calls or command.held or command.unsure:
                return None
            return RuleResult(replies=[cannot], held=command.calls)
        return None

    def _after_forbidden(self, tokens: list[str]) -> RuleResult | None:
        """ "don't wake the baby, mute the tv", "don't open the blinds, close them", "don't turn the heating up, turn it
        down": a "don't" said first, then after a break a command of its own (verb first), done when the "don't" is
        about something outside the house (a verb the lexicon does not know, said of a thing: "wake the baby"), or when
        the command does the other way to the very devices the "don't" is about (read with them: "them" is the
        blinds), or when it does the same to other devices ("don't turn on the tv, turn on the lamp": the lamp instead;
        asked which lamp where that is unclear). None otherwise: none of the sentence is done ("don't close the
        curtains, set the lamp to 10" may forbid both, "don't dim it to 30, make it 40" may mean either)."""
        if CLAUSE_BREAK not in tokens:
            return None
        at = tokens.index(CLAUSE_BREAK)
        forbidden, rest = tokens[2 if tokens[0] == "do" else 1:at], tokens[at + 1:]
        instead = rest[:1] == ["just"] or "instead" in rest  # "don't turn off the tv, just mute it"
        rest = rest[1:] if rest[:1] == ["just"] else rest  # "don't panic, just lock the front door"
        if not forbidden or not rest or verb_of(rest[0]) is None or rest[0] in ("do", "never"):
            return None
        if verb_of(forbidden[0]) is None:  # "don't wake the baby": a verb of something else, said of a thing
            outside = forbidden[0].isalpha() and not accounted(forbidden[0]) and forbidden[1:2] in (
                ["the"], ["a"], ["an"], ["my"], ["our"]) and not self.mentions.find(forbidden)
            then = self.match(" ".join(rest))
            return then if outside and then.calls else None
        refused = self.match(" ".join(forbidden)).calls  # what the "don't" says not to do
        then = self.match(" ".join(rest), tuple(d for d in self.registry if d.id in {c.device for c in refused}))
        if then.calls and all(any(_undoes(c, r) for r in refused) for c in then.calls):
            return then
        dont = tokens[0] == "do"  # "never unlock the front door, unlock …": a standing rule, its reach unclear
        return then if dont and refused and _instead(refused, then, instead) else None

    def _not_done(self, tokens: list[str]) -> str:
        """The answer to "don't …": "Okay, I won't." for something it could do; "keep the dog from barking", "don't
        let the cat out" (read "do not let …"), "make sure the cat doesn't get out" ask it to prevent something, which
        it cannot: said so, and a thing not in the home is no device of its."""
        if tokens[2:3] != ["let"] and (tokens[:1] != ["ensure"] or tokens[1:2] == ["you"]):  # "make sure you
            return WONT  # don't …" is "don't …"
        return CANT_PREVENT if self.mentions.find(tokens) else OUT_OF_HOME


_YOURS = {"me": "you", "my": "your", "i": "you", "myself": "yourself", "mine": "yours"}  # the speaker's, said back


def _room_one(clause: Clause) -> bool:
    """ "the kitchen one", "the study ones": a room said before "one", which stands for a kind not said."""
    return any(m.kind == "area" and clause.said_here(m) and clause.tokens[m.end:m.end + 1] in (["1"], ["ones"])
               for m in clause.mentions)


def _instead(refused: list[ToolCall], then: RuleResult, said: bool) -> bool:
    """ "don't turn on the tv, turn on the lamp": the command after the "don't" does the same as refused to other
    devices (or asks which: "Which one: the sofa lamp or …"), touching none of the refused ones; "don't turn off the
    tv, just mute it": something else said instead (`said`: "just", "instead"), to any device."""
    if then.held or then.unsure:
        return False
    tools, refused_tools = {c.tool for c in then.calls}, {r.tool for r in refused}
    if said and then.calls and not tools & refused_tools:
        return True
    done = {c.device for c in then.calls} | {d.id for _clause, options in then.asked for d in options}
    return bool(done) and not done & {r.device for r in refused} and tools <= refused_tools


def _undoes(call: ToolCall, refused: ToolCall) -> bool:
    """ "close them" after "don't open the blinds", "turn it down" after "don't turn the heating up": the other way on
    the same device (a value set instead, "don't dim it to 30, make it 40", stays a question: it may be both)."""
    if call.device != refused.device:
        return False
    if call.tool == refused.tool and call.tool.startswith("step_"):
        return isinstance(call.value, int | float) and isinstance(refused.value, int | float) and (
            call.value * refused.value < 0)
    return frozenset((call.tool, refused.tool)) in _OPPOSED  # "lock it" after "don't turn on the tv": no other way


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


def _placed_by_device(clause: Clause) -> bool:
    """ "lower the reading lamp under the sofa lamp", "raise the blinds above where the curtains are": a device said,
    then a place word ("under", "above", "next to" …; not "on" or "by") and another device of the home. Where it is,
    or a level against the other's: asked as it is, never both devices moved (the model moved both)."""
    tokens = clause.tokens
    named = [m for m in clause.mentions if m.kind in ("device", "type") and clause.said_here(m)]
    for i in range(len(tokens)):
        for phrase in BESIDE_WORDS:
            if phrase in (("on",), ("by",)) or tuple(tokens[i:i + len(phrase)]) != phrase:
                continue
            after = i + len(phrase)
            if any(m.end <= i for m in named) and any(after <= m.start <= after + 3 for m in named):
                return True
    return False


def _gapped(text: str, device: bool) -> str:
    """The sentence with what was asked about left open for the answer: its first pronoun (`device`: "which device do
    you mean by it?") or the part of the level now ("by half": "by how much?")."""
    said = normalize(text)
    start, end = (next(((i, i + 1) for i, t in enumerate(said) if t in PRONOUNS), None) if device
                  else _part_of_now(said)) or (len(said), len(said))
    return " ".join([*said[:start], CHOICE, *said[end:]])


def _other_need(word: str, devices: tuple[Device, ...]) -> bool:
    """A need's word that no need of these devices holds ("water" of the heater): said against the device's name,
    it names another thing ("the water heater"); one of its own ("the cold heater") is how it is."""
    serving = [(triggers, keywords, types) for triggers, _intent, keywords, types, _of in HINTS if word in triggers]
    return bool(serving) and not any(d.type in types or any(k in d.name for k in keywords)
                                     for _t, keywords, types in serving for d in devices)


def _dropped(word: str, devices: tuple[Device, ...]) -> bool:
    """The word is a word of the devices' names with letters left out ("frnt" for "front"), not another word."""
    return any(_letters_in(word, name) for d in devices for name in d.name_words)


def _letters_in(word: str, name: str) -> bool:
    rest = iter(name)
    return all(letter in rest for letter in word)


def _only_which(clause: Clause) -> bool:
    """ "turn on the porch light, not the switch": a device named by its name, then another it is not; the second only
    says which (CASES: "X, not the hall one"), never a scope to leave something out of."""
    return any(clause.said_here(m) for m in clause.devices) and not EVERYTHING_WORDS & set(clause.tokens)


def _unrestated(clause: Clause) -> list[str]:
    """What is left out, up to what was named said again after it ("turn on the porch light, not the switch, the
    actual light"): the restating part only words of the clause itself, never a second thing to leave out."""
    said = clause.excluded
    at = next((k for k, t in enumerate(said) if t == CLAUSE_BREAK and RESTATING & set(said[k + 1:k + 3]) and set(
        said[k + 1:]) - DETERMINERS - RESTATING <= set(clause.tokens)), len(said))
    return said[:at]


def _floor_words() -> frozenset[str]:
    """The words that ask the robot vacuum to clean ("floor", "carpet"): said to open something, another thing."""
    return next((triggers for triggers, intent, *_ in HINTS if intent == CLEAN), frozenset())


