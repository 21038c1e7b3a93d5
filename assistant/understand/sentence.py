"""A sentence read into clauses: its words spelled and put in order, cut where a command, a correction or an
exclusion starts, and each clause read (its devices, verb, value); RuleMatcher inherits `SentenceReading`."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from assistant.answer.abilities import can_do
from assistant.registry import Device, Registry
from assistant.tools import COLORS
from assistant.understand import comfort
from assistant.understand.clause import Clause
from assistant.understand.cycle import PLAYED
from assistant.understand.frames import (
    _PASSING_ON,
    _desired,
    _polite_request,
    _state_kept,
    _states_offered,
    about_to_happen,
    listed_as_done,
    reported,
    scene_named_now,
    scene_told,
    step_before,
    story_told,
)
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import (
    COLOR_STARTS,
    PLURAL_TYPE_WORDS,
    STOPWORDS,
    TYPE_WORDS,
    MentionFinder,
    _name_ended,
)
from assistant.understand.mood import NEWS, NEWS_PAST, done_then, mood, planned_then, then_said
from assistant.understand.normalize import CLAUSE_BREAK, DETERMINERS, VERBS, normalize
from assistant.understand.reading import _intent_of, _negation, _read_value
from assistant.understand.reasons import _sign, contrary, exclaimed_need, matched, reason_at
from assistant.understand.refusing import EITHER_WAY
from assistant.understand.splitting import (
    _all_but_some,
    _continues_exclusion,
    _contrasts,
    _exclusion_at,
    _kept_apart,
    _negation_said_before,
    _neither_as_and,
    _next_named,
    _none_as_not,
    _restarted,
    _retracts,
    _self_cancelled,
    _so_then,
    _verb_said_after,
    _way_said_last,
)
from assistant.understand.talk import DOING_VERBS, asks_ability, talk
from assistant.understand.targets import SWITCHABLE, _singular_noun
from assistant.understand.vocabulary import (
    BRANDS,
    CAUSATIVES,
    CLOSE,
    COMMAND_STARTS,
    COMPARATIVE_TYPES,
    CONDITION_WORDS,
    COPULAS,
    CORRECTIONS,
    DAY_PARTS,
    DOWN,
    EVERYTHING_WORDS,
    EXCLUSIONS,
    GOALS,
    IMPLIED_TYPES,
    LATER_WORDS,
    MODALS,
    NEGATIONS,
    NUMBER_UNITS,
    OFF,
    ON,
    OPPOSITE,
    OTHER_SERVICES,
    PARTICLES,
    PRONOUNS,
    QUANTITY_WORDS,
    QUERY,
    QUESTION_STARTS,
    RAISE_LOWER,
    RETRACTING,
    ROBOT_DOINGS,
    SPEECH_VERBS,
    SPEEDS,
    SPLITTERS,
    STATES,
    SUBJECTS,
    TIME_UNITS,
    TOPIC_SHIFTS,
    TYPE_NOUNS,
    UP,
    WANTING,
    accounted,
    as_number,
    noun_first,
    verb_of,
)
from assistant.understand.when import ASK_WHEN, DAY_WORDS, find_times, loose_time

NUMBER_HOMOPHONES: dict[str, str] = LEXICON.table("number_homophones")  # "bulb for": TRADFRI bulb 4
SURFACES = LEXICON.words("surfaces")  # "put the lamp on the floor": where it is put, never "on"
PLACING_VERBS = LEXICON.words("placing_verbs")  # "stick the tv on the wall"
KIND_VERBS: dict[str, str] = LEXICON.table("kind_verbs")  # "light the diyas": a kind's word said first as its verb
ALONE_ON = LEXICON.words("alone_on")  # "put the kettle": said first before a name alone, switched on
RUNS_A_PROGRAMME = LEXICON.words("runs_a_programme")  # "put the washing machine": asked, never switched on
REMAINDER_WORDS = LEXICON.words("remainder_words")  # "leave the tv on and turn the rest off": what else there is


def _mode_then_level(tokens: list[str], named: set[int], climate_said: set[int]) -> list[str]:
    """ "ac cool 20", "put the aircon on heat at 22 degrees", "set the ac to 20 on cool": a climate mode and a
    temperature said together are two settings of one device, read as "… cool and set it to 20" (one clause carries
    one value: the mode was dropped, or the number asked). `named`: the indexes of words that name a device;
    `climate_said`: where a climate device's name (or "it") ends, which the mode must follow. "turn the heat to 20",
    "heat the study to 21" (no mode read) and "on cool at 7" (a time) stay as said."""
    for i, token in enumerate(tokens):
        if token not in comfort.HVAC_WORDS or i in named or not any(end <= i for end in climate_said):
            continue
        after = i + 1 + (tokens[i + 1:i + 2] == ["mode"])
        if (tokens[i - 1] in comfort.MODE_BEFORE and i - 1 not in named) or i - 1 in named:  # "on cool 20", "ac
            at = after + (tokens[after:after + 1] in (["to"], ["at"]))  # cool 20"
            if _temperature_at(tokens, at, timed=tokens[after:after + 1] == ["at"]):
                return [*tokens[:after], "and", "set", "it", "to", *tokens[at:]]
        if tokens[i - 1] in ("on", "in") and i >= 2 and after == len(tokens) and (  # "to 20 on cool", "20 degrees
                as_number(tokens[i - 2]) is not None or (tokens[i - 2] in NUMBER_UNITS and i >= 3 and as_number(
                    tokens[i - 3]) is not None)):  # in heat mode"
            return [*tokens[:i - 1], "and", "set", "it", "to", *tokens[i:]]
    return tokens


def _temperature_at(tokens: list[str], at: int, timed: bool) -> bool:
    """A temperature said at `at` ("20", "21 degrees") that ends the clause; after "at" only with its unit or a
    number no clock reads ("at 22"), so "at 7" stays a time."""
    number = as_number(tokens[at]) if at < len(tokens) else None
    if number is None:
        return False
    end = at + 1 + (tokens[at + 1:at + 2] != [] and tokens[at + 1] in NUMBER_UNITS)
    if timed and end == at + 1 and number <= 12:
        return False
    return end == len(tokens) or tokens[end] in (CLAUSE_BREAK, "please", "and")


def _object_of_verb(tokens: list[str], at: int) -> bool:
    """A room said straight after a verb (and "the"): "open the garage", "hoover the kitchen", what the verb acts on."""
    before = at - 1 - (tokens[at - 1:at] == ["the"])
    return before >= 0 and verb_of(tokens[before]) is not None and tokens[before] in COMMAND_STARTS


# when something is, was or will be done
_WHEN_WORDS = LEXICON.derived(lambda: LATER_WORDS | DAY_PARTS | DAY_WORDS | {"yesterday", "day"})
_WHERE_WORDS = {"i", "am", "we", "are", "in", "at", "on", "out", "the", "my", "our", "just", "now", "still", "already"}


def _stops(rest: list[str]) -> bool:
    """The command beside a plan stops, closes or lowers something, and starts or opens nothing: what the plan will need
    then is not needed now ("off the tv, I will watch later"); one that starts something ("put the kettle on, I'll have
    tea later") may be meant for then."""
    sides = {_sign(VERBS.get(t) or PARTICLES.get(t) or "") for t in rest}
    return -1 in sides and 1 not in sides


_IN_ORDER = LEXICON.phrases("in_order")  # "… to 30 and 60 respectively": values paired with things in the order said
_WITHDRAWING = LEXICON.phrases("withdrawing")  # "…, never mind the lamp": one of the devices said, left out


def _respectively(tokens: list[str]) -> list[str]:
    """ "set the sofa lamp and the desk lamp to 30 and 60 respectively", "make the sofa lamp and the bedside lamp red
    and blue respectively": two things and two values paired in the order said, read as "set the sofa lamp to 30 and
    the desk lamp to 60" (the second value was not read: "I'm not sure what 'and 60' means here")."""
    end = next((len(tokens) - len(p) for p in _IN_ORDER if tuple(tokens[-len(p):]) == p), None)
    if end is None or end < 4 or tokens[end - 2] != "and" or not all(
            as_number(t) is not None or t in COLORS for t in (tokens[end - 3], tokens[end - 1])):
        return tokens
    to = ["to"] if tokens[end - 4] == "to" else []
    head = tokens[:end - 3 - len(to)]
    if head.count("and") != 1:
        return tokens
    k = head.index("and")
    return [*head[:k], *to, tokens[end - 3], "and", *head[k + 1:], *to, tokens[end - 1]]


def _way_denied(said: list[str], denied_said: list[str]) -> bool:
    """The way said after "not" (alone, or with "it" or "them", up to the next pause) is the opposite of a way the
    command before it said ("turn the tv off not on", "lock the front door, not unlock it", "turn it up not down"):
    only what is not wanted, never a negation of the command ("turn the tv off? not on your life" refuses)."""
    if not denied_said or any(t not in PRONOUNS for t in denied_said[1:]):
        return False
    ways = {VERBS.get(verb_of(t) or "") or PARTICLES.get(t) for t in said}
    denied = VERBS.get(verb_of(denied_said[0]) or "") or PARTICLES.get(denied_said[0])
    opposite = (OPPOSITE | {UP: DOWN, DOWN: UP}).get(denied or "")
    return opposite is not None and opposite in ways


def _parts(tokens: list[str]) -> list[tuple[int, int]]:
    """Where each part of a sentence starts and ends, cut at its commas: a part said beside a command (what the speaker
    will do or did, where they are) is read on its own, and the rest without it."""
    breaks = [-1, *(i for i, t in enumerate(tokens) if t == CLAUSE_BREAK), len(tokens)]
    return [(start + 1, end) for start, end in pairwise(breaks)]


def _set_aside_exclusion(clause: Clause) -> None:
    """What an exclusion leaves out ("all the lights except the porch light"), from its marker on, set aside as the
    clause's `excluded`; a way said last after it ("every light but the porch one, off") is the command's."""
    tokens = clause.tokens
    at = _exclusion_at(tokens)
    if at is None:
        return
    size = next(len(e) for e in EXCLUSIONS if tuple(tokens[at:at + len(e)]) == e)
    clause.tokens, clause.marker, clause.excluded = tokens[:at], tokens[at:at + size], tokens[at + size:]
    if clause.excluded[-1:] and clause.excluded[-1] in PARTICLES and len(clause.excluded) > 1 and not any(
            verb_of(t) or t in PARTICLES for t in clause.tokens) and not set(clause.excluded) & (
            COPULAS | MODALS | WANTING | {"be"}):  # "every light but the porch one, off": the way said last
        clause.tokens = [*clause.tokens, clause.excluded.pop()]  # is the command's ("the sofa lamp, not the
        while clause.excluded[-1:] == [CLAUSE_BREAK]:  # reading lamp, should be on" stays as said)
            clause.excluded.pop()


def _read_question(clause: Clause, polite: bool) -> None:
    """Whether the clause asks (`clause.question`): said with a question word first, or after its device ("the front
    door is it locked"); never a polite request, a "did" said of news (then `clause.report`), nor "do" with no verb to
    ask about ("do the lights in the kitchen")."""
    tokens = clause.tokens
    clause.question = bool(tokens) and tokens[0] in QUESTION_STARTS and not polite and not (
        tokens[:2] == ["do", "not"] or (tokens[0] == "when" and tokens[1:2] and tokens[1] not in QUESTION_STARTS
                                        | COPULAS) or (tokens[0] in COPULAS and tokens[1:2] in (
                                            ["too"], ["to"], ["so"], ["very"])))  # "do not …" commands
    # ("should not the porch light be on?" asks); "when I get home" is a condition; "is too warm here" (Filipino,
    # Singapore English: "it" left out) says how it is, as "it is too warm" does: a question names what it asks of
    if clause.question and tokens[0] in ("did", "do", "does") and reported(tokens, clause):
        clause.question, clause.report = False, True  # "did (you know) the thermostat is ten years old": news
        # told, with no verb for "did" to ask about ("do you know if the garage is shut" asks)
    first = next((m for m in clause.mentions if m.kind in ("device", "type")), None)
    if first is not None and not polite and any(tokens[i:i + 2] in (  # "the front door is it locked", "the
            ["is", "it"], ["are", "they"], ["is", "that"], ["was", "it"], ["should", "it"], ["should", "they"])
            for i in range(first.end, len(tokens))):  # lights in the kitchen are they on": a question said after
        # its device ("the kettle should it be on": Whisper's "shouldn't")
        clause.question = True
    placed = {i for m in clause.mentions for i in range(m.start, m.end)}
    if clause.question and tokens[0] in ("do", "does") and placed and all(
            i in placed or t in STOPWORDS for i, t in enumerate(tokens) if i):
        clause.question = False  # "do the lights in the kitchen", "(no,) do the kitchen": no verb to ask about; a
        # command with no direction


def _said_first(tokens: list[str], at: int) -> bool:
    """The word at `at` starts the sentence (after a pause, "please", "do not" or "let us": "let's use the fan", "don't
    use the ac, use the fan", batch 64) and what it works on follows, after "the", "my", "our" or "all": said as a verb
    ("light the diyas", "mop the bedrooms"), never as a name ("mop start")."""
    return (tokens[at - 1:at] in ([], [CLAUSE_BREAK], ["please"]) or tokens[max(0, at - 2):at] in (
        ["do", "not"], ["let", "us"])) and tokens[at + 1:at + 2] in (["the"], ["my"], ["our"], ["all"])


def _asked_you(before: list[str]) -> bool:
    """ "can you", "would you" said last, a modal and "you": a request's own words, left where a word between them
    ("can um you") kept the politeness phrase from being read (a filler goes after it)."""
    return len(before) >= 2 and before[-2] in MODALS and before[-1] == "you"


def _put_on_a_surface(tokens: list[str], at: int) -> bool:
    """ "on" at `at` before an article and a surface ("put the lamp on the floor", "stick the tv on the wall", "put the
    kettle on the counter"), in a clause whose verb puts a thing somewhere (lexicon `placing_verbs`): where it is put,
    never its way "on" ("turn on the lamp on the desk" names the lamp; "put the fan on high" is its way: batch 71). A
    command of its own after "and" starts anew ("put the tv on and turn on the sofa lamp": the lamp's "on" is its way;
    batch 77)."""
    start = max((k + 1 for k, t in enumerate(tokens[:at]) if t == CLAUSE_BREAK or (
        t == "and" and tokens[k + 1:k + 2] != [] and verb_of(tokens[k + 1]))), default=0)
    return tokens[at + 1:at + 2] in (["the"], ["a"], ["my"], ["our"], ["that"], ["this"]) and tokens[
        at + 2:at + 3] != [] and tokens[at + 2] in SURFACES and any(t in PLACING_VERBS for t in tokens[start:at])


def _colour_or_digits(token: str) -> bool:
    """A colour's first word or a number in digits: a value said after "do" ("do blue on the sofa lamp", "do the sofa
    lamp 50"); narrower than reasons._value_word, which takes a speed too ("fan high")."""
    return token in COLOR_STARTS or token[:1].isdigit()


def _command_said_first(tokens: list[str]) -> list[str]:
    """The verb of a command said first: "do close the door", "please close the door" -> "close the door", "play uh
    pause the speaker" -> "pause the speaker", "mind turning the speaker down", "do the hoovering", "do the lights off",
    "light up the kitchen" as the commands they are."""
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
    if tokens[:1] == ["do"] and tokens[1:2] != [] and (tokens[1] in ("the", "all", "my") or _colour_or_digits(
            tokens[1])) and any(_colour_or_digits(t) for t in tokens[1:]) and not any(
            verb_of(t) or t in DOING_VERBS for t in tokens[1:]):
        tokens = ["set", *tokens[1:]]  # "(can you) do blue on the sofa lamp", "do the sofa lamp blue": a value set;
        # a question with "do" has a verb after its subject ("do the lights go blue")
    if tokens[:1] == ["light"] and "up" in tokens[1:4]:  # "light up the kitchen", "light it up"
        up = tokens.index("up")
        lit = tokens[up + 1:up + 3]  # "light up the fire": a thing named by a verb's word, never the room lit
        tokens = ["turn" if len(lit) == 2 and lit[0] in ("the", "a") and verb_of(lit[1]) else "illuminate",
                  *tokens[1:up], *tokens[up + 1:]]
    return tokens


def _consonants(word: str) -> str:
    """A word's consonants, each once where said twice running: how "fest tune" and "festoon", "trad free" and
    "tradfri" sound alike."""
    kept = [c for c in word if c not in "aeiouy"]
    return "".join(c for i, c in enumerate(kept) if not i or c != kept[i - 1])


class SentenceReading:
    """The clauses of a sentence: RuleMatcher's reading of it before any device is chosen (RuleMatcher
    inherits it and sets these attributes)."""

    registry: Registry
    mentions: MentionFinder
    _spellable: frozenset[str]
    _share_context: Callable[[list[Clause], tuple[Device, ...]], list[Clause]]

    def clauses(self, text: str, recent: tuple[Device, ...] = (), said: list[str] | None = None) -> list[Clause]:
        """The clauses of a sentence, read in stages, one a line: its words (spelled, past any small talk, put in the
        order the name index holds, a restart and "neither … nor" read), the pieces they are cut into, each piece's
        clauses, then what the clauses lend each other.

        `said`: the sentence's tokens when already normalized (and its time taken out: `rules.match` passes them)."""
        if said is None:
            said = self._after_small_talk(self.spelled(normalize(text)))
        tokens = self._reorder(said)  # "the lamp for reading" -> "reading lamp"
        tokens = _restarted(tokens)  # "dim the lights in the, in the bedroom": the words said twice once
        tokens = _neither_as_and(tokens)  # "neither A nor B should be on" -> "A and B should not be on"
        tokens = _none_as_not(tokens)  # "none of the lights need to be on" -> "the lights do not need to be on"
        if _all_but_some(tokens):  # "all but one light in the lounge off": which to leave is not said
            return [Clause(tokens=tokens, unclear=True, ask="Which ones should I leave as they are?")]
        if _self_cancelled(tokens):  # "open the garage door, or don't, whatever": neither is asked for
            return [Clause(tokens=tokens, unclear=True, ask=EITHER_WAY)]
        pieces = self._pieces(tokens)
        self._leaving_out(pieces)
        _exclusion_said_first(pieces)
        clauses = self._read_pieces(pieces)
        clauses = _way_said_last(clauses)  # "the lights in the hall and on the porch, off": "on the porch" is where
        clauses = self._share_context(clauses, recent)  # "turn off the tv and the lamp": the verb borrowed
        clauses = _negation_said_before(clauses)  # "I don't want the tv and the speaker on": said of both
        clauses = _verb_said_after(clauses)  # "tv and speaker off": the verb said last reaches both
        scene_told(clauses)  # "picture this, the lights dim and the movie starts": what happens, told
        scene_named_now(clauses)  # "it's bedtime, turn off the porch light": the time now, never the scene
        about_to_happen(clauses)  # "the film's about to start, close the blinds": news, the command's reason
        found = self.mentions.find(tokens)
        story_told(tokens, clauses, {i for m in found for i in range(m.start, m.end)})  # "the kids come in, crank the
        # tv up and …": what others do, told
        listed_as_done(tokens, clauses)  # "done: kettle off, back door locked, blinds closed": how things were left
        named = {i for m in found if m.kind == "device" for i in range(m.start, m.end)}
        if step_before(tokens, named):  # "remove the filter, then turn the dehumidifier back on": after a person's step
            for clause in clauses:
                clause.unclear = clause.unclear or clause.intent is not None
        return clauses

    def _mode_and_level(self, tokens: list[str]) -> list[str]:
        """A climate mode and a temperature said together, as two commands (`_mode_then_level`)."""
        if not any(t in comfort.HVAC_WORDS for t in tokens):
            return tokens
        found = self.mentions.find(tokens)
        named = {i for m in found if m.kind == "device" for i in range(m.start, m.end)}
        climate = {m.end for m in found if m.type == "climate" or any(d.type == "climate" for d in m.devices)}
        return _mode_then_level(tokens, named, climate | {i + 1 for i, t in enumerate(tokens) if t == "it"})

    def _pieces(self, tokens: list[str]) -> list[tuple[list[str], bool]]:
        """The sentence cut where a command, a correction or a take-back starts: each piece's words, and whether it
        corrects the one before."""
        tokens = _respectively(self._mode_and_level(tokens))  # "ac cool 20" -> "ac cool and set it to 20"
        pieces: list[tuple[list[str], bool]] = [([], False)]
        i = 0
        while i < len(tokens):
            if pieces[-1][0] and tokens[i] in RETRACTING and _retracts(tokens[i:]):  # "start the roomba, no, leave
                pieces.append(([t for t in tokens[i:] if t != CLAUSE_BREAK], False))  # it": all of it taken back,
                break  # never corrected to "leave it"
            correction = next((c for c in CORRECTIONS if tuple(tokens[i:i + len(c)]) == c and not (
                i and tokens[i - 1] in CONDITION_WORDS)), None)  # "what would you do if I said open the garage":
            # what is said after the condition is its part, never a correction of what came before
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
            pause = next((k for k in range(i + 1, len(tokens)) if tokens[k] == CLAUSE_BREAK), len(tokens))
            if tokens[i] == "not" and _way_denied(pieces[-1][0], tokens[i + 1:pause]):  # "turn the tv off not on",
                # "lock the front door, not unlock it": the opposite way, not wanted (as "rather than on" is)
                i = pause
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
                        pieces[-1][0], tokens[i + 1:]) or _kept_on(pieces[-1][0], tokens[i + 1:]))):
                if pieces[-1][0]:
                    pieces.append((["but"] if tokens[i:i + 2] == ["but", "leave"] else [], False))  # what is left
                    # as it is, said against the command (`_leaving_out`)
                i += 1
                continue
            pieces[-1][0].append(tokens[i])
            i += 1
        return pieces

    def _leaving_out(self, pieces: list[tuple[list[str], bool]]) -> None:
        """A piece that says what to leave as it is ("…, leave the porch one") joined to the command before it as what
        it leaves out (in place); said first, to the command after it on what else there is ("leave the tv on and turn
        the rest off": never a command of its own, which turned the tv on)."""
        for k in range(1, len(pieces)):  # "turn off all the lights, leave the porch one": what to leave out
            words, before = pieces[k][0], pieces[k - 1][0]
            if _left_as_it_is(before) and (REMAINDER_WORDS | EVERYTHING_WORDS) & set(words) and any(
                    verb_of(t) for t in words):  # "keep the lamp on and turn off everything else", "… the others"
                pieces[k] = ([*words, "except", *_left_as_it_is(before)], pieces[k][1])
                pieces[k - 1] = ([], False)
                continue
            kept = words[1:] if words[:1] in (["but"], ["just"]) else words
            if _kept_on(before, kept):  # "turn the tv down but leave it on", "dim the lights in the living room but
                pieces[k] = ([], False)  # keep them on": the step alone (the tv was turned on too; "… but don't turn it
                continue  # off" was refused; "them" of the lights was read as a device left out)
            stateless = not any(t in STATES or t in PARTICLES for t in kept) and any(  # "… but leave the back
                m.kind in ("device", "type") for m in self.mentions.find(kept[1:]))  # door": not done to it either
            if _left_as_it_is(kept) and (EVERYTHING_WORDS & set(before) or REMAINDER_WORDS & set(before) or any(
                    t in PLURAL_TYPE_WORDS for t in before) or stateless):  # ("leave it": the command taken back)
                pieces[k - 1] = ([*before, "except", *_left_as_it_is(kept)], pieces[k - 1][1])
                pieces[k] = ([], False)
                continue
            if words[:2] == ["but", "leave"]:  # "kill the fan but leave the light on": the light left as it is,
                left = _left_as_it_is(kept)  # never turned on (CASES.md: "… but leave X" leaves X as it is); "but
                named = not PRONOUNS & set(left) and any(  # keep X on" keeps it so; "but leave a gap" says how far
                    m.kind in ("device", "type") for m in self.mentions.find(left))
                pieces[k] = ([] if named else kept, pieces[k][1])
                continue
            withdrawn = next((len(w) for w in _WITHDRAWING if tuple(words[:len(w)]) == w), 0)
            said = [t for w, _ in pieces[:k] for t in w]
            if withdrawn and self._one_of_those_said(said, words[withdrawn:]):  # "turn on the tv and the sofa lamp,
                # actually never mind the lamp": that one left out, the rest done (never all of it taken back)
                pieces[k - 1] = ([*before, "except", *words[withdrawn:]], pieces[k - 1][1])
                pieces[k] = ([], False)

    def _one_of_those_said(self, before: list[str], named: list[str]) -> bool:
        """ `named` names only devices `before` (the pieces said before it) named, and `before` names others too: one
        of several."""
        said = {d for m in self.mentions.find(before) if m.kind in ("device", "type") for d in m.devices}
        found = self.mentions.find(named)
        left = {d for m in found for d in (m.devices or [d for d in said if d.type == m.type])}  # "the lamp"
        return bool(found) and all(m.kind in ("device", "type") for m in found) and bool(left & said) and bool(
            said - left)

    def _read_pieces(self, pieces: list[tuple[list[str], bool]]) -> list[Clause]:
        """The clauses of the pieces, each with the reason said after it ("turn up the ac, it's hot")."""
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
                # "so it's dark": a purpose, never against the command; "so dark" alone is how it is (a reason)
                clauses[-1].contrary = ((reason[0] != "so" or exclaimed_need(reason, 0)) and contrary(
                    self.mentions, words, reason)) or matched(
                    self.mentions, reason)  # "… to match the reading lamp": how far is not said; asked
        return clauses

    def spelled(self, tokens: list[str]) -> list[str]:
        """ "swtich on the tv", "trun off the fan", "the lamp in the stuyd": two letters typed the wrong way round in
        a verb, a kind of device, a unit or a word of a name or room; a word the lexicon explains is kept as it is,
        and so is one that swaps to two words. A brand no name of the home says is the kind it makes ("the sonos":
        the speaker; "the hue lights": the lights). A word of a name or room heard as two ("the green house vent",
        "the bed room") is that word, where one half is no word of the home's ("green" was read as a colour)."""
        out: list[str] = []
        tokens = self._heard_as_names(tokens)
        for k, token in enumerate(tokens):
            if out and out[-1] + token in self.mentions.words and len(out[-1]) > 2 and len(token) > 2 and not (
                    out[-1] in self.mentions.words and token in self.mentions.words) and not (
                    out[-1] in PARTICLES or token in PARTICLES or verb_of(out[-1])):  # "turn down lights": a way
                # and the kind, never the Kitchen Downlights
                out[-1] += token
                continue
            if self._cut_short(tokens, k):
                continue  # "tu turn off the kitchen lights", "open the b blinds": a stammered start of the next word
            if len(token) >= 4 and token.isalpha() and token not in self._spellable and not accounted(token):
                swapped = {token[:i] + token[i + 1] + token[i] + token[i + 2:] for i in range(len(token) - 1)}
                known = swapped & self._spellable
                token = known.pop() if len(known) == 1 else token
            if token == "on" and _put_on_a_surface(tokens, k):
                out.append("onto")  # "put the lamp on the floor", "stick the tv on the wall": a place, never on
                continue
            if self._robot_doing(tokens, k):
                token = "clean"  # "mop the bedrooms" where the robot is a Robot Mop: what it does, as "hoover the hall"
            if token in KIND_VERBS and _said_first(tokens, k):
                out.extend(KIND_VERBS[token].split())  # "light the diyas": the kind's word as its verb, said first
                continue
            if token in ALONE_ON and self._said_alone(tokens, k):
                out.extend(["turn", "on"])  # "put the kettle", "put the tv please": switched on, as "mettre", "poner"
                continue
            if token in BRANDS and token not in self.mentions.words and tokens[k - 1:k] != ["is"]:  # "that's smart"
                following = tokens[k + 1] if k + 1 < len(tokens) else ""
                if following in TYPE_WORDS or following in BRANDS:
                    continue  # "the philips hue bulb": the bulb
                token = BRANDS[token]
            out.append(token)
        return out

    def _said_alone(self, tokens: list[str], at: int) -> bool:
        """The verb at `at` starts its sentence (after a pause, "please" or "can you") and only devices' names follow
        it in its clause, with "please" or a purpose ("for tea") after them ("put the kettle", "can you put the desk
        lamp", "put the kettle and the coffee machine"), every one a device that switches and none an appliance that
        runs a programme (lexicon `runs_a_programme`). Not with a way, a value, a place or a thing after the name
        ("put the kettle on", "put the tv on mute", "put the kettle in the sink", "put the kettle away")."""
        before = tokens[:at]
        if before[-1:] not in ([], [CLAUSE_BREAK], ["please"]) and not _asked_you(before):
            return False
        if set(before) & QUESTION_STARTS - MODALS:
            return False  # "where can you put the kettle", "so where can you put the tv": asks where, never "on"
        rest = tokens[at + 1:]
        rest = rest[:rest.index(CLAUSE_BREAK)] if CLAUSE_BREAK in rest else rest
        rest = rest[:rest.index("for")] if "for" in rest else rest  # "put the kettle for tea": a purpose, read later
        while rest[-1:] == ["please"]:
            rest = rest[:-1]
        if rest[:1] not in (["the"], ["my"], ["our"]):
            return False
        found = self.mentions.find(rest)
        placed = {i for m in found for i in range(m.start, m.end)}
        if not all(i in placed or t in ("the", "my", "our", "and") for i, t in enumerate(rest)):
            return False
        named = [m for m in found if m.kind != "area"]
        return bool(named) and all(  # a device that switches, or its kind; never a cover, a lock, a washing machine
            (m.kind == "type" and m.type in SWITCHABLE) or (m.kind == "device" and m.devices and all(
                d.type in SWITCHABLE and not d.name_words & RUNS_A_PROGRAMME for d in m.devices)) for m in named)

    def _heard_as_names(self, tokens: list[str]) -> list[str]:
        """A name an app gave, as a recogniser writes it: a hub's model said in words ("shelly plus 1 pm" of
        shellyplus1pm-a8032ab1), letters spelled ("the e v charger" of EV Charger, as "t v"),
        a word heard as two that sound as it does ("fest tune" of Festoon Lights, "trad free" of TRADFRI bulb 4: the
        same consonants and first two letters, so "can enter" is never "counter"), a number's homophone after a word
        a number follows in a name ("bulb for" of TRADFRI bulb 4, at the end of the name as said): the name's words
        (batch 73)."""
        words, out, k = self.mentions.words, [], 0
        while k < len(tokens):
            letters = next((j for j in range(min(len(tokens), k + 4), k + 1, -1) if all(
                len(t) == 1 and t.isalpha() for t in tokens[k:j]) and "".join(tokens[k:j]) in words), None)
            pair = tokens[k:k + 2]
            model = next(((said, word) for said, word in self.mentions.models_said.items() if tuple(
                tokens[k:k + len(said)]) == said), None)
            if model is not None:  # "shelly plus 1 pm" -> "shellyplus1pm": a hub's model, never a time
                out.append(model[1])
                k += len(model[0])
                continue
            if letters is not None:  # "e v" -> "ev"
                out.append("".join(tokens[k:letters]))
                k = letters
                continue
            if len(pair) == 2 and all(len(t) > 2 and t.isalpha() and t not in words for t in pair) and not all(
                    accounted(t) for t in pair):
                alike = [w for w in words if len(w) > 4 and w[:2] == pair[0][:2] and _consonants(w) == _consonants(
                    "".join(pair))]
                if len(alike) == 1:  # "fest tune" -> "festoon"
                    out.append(alike[0])
                    k += 2
                    continue
            number = NUMBER_HOMOPHONES.get(tokens[k])
            out.append(number if number is not None and out and (out[-1], number) in self.mentions.numbered and (
                _name_ended(tokens, k + 1)) else tokens[k])
            k += 1
        return out

    def _robot_doing(self, tokens: list[str], at: int) -> bool:
        """The word at `at` is what a robot cleaner's name says it does ("mop" of Robot Mop: lexicon `robot_doings`),
        said first as the verb, before what it works on ("mop the bedrooms", "mop the floor"); a robot named
        otherwise does not ("mop the kitchen" to a robot vacuum: no call), nor "mop start" (the name)."""
        return tokens[at] in ROBOT_DOINGS and _said_first(tokens, at) and any(
            d.type == "vacuum" and tokens[at] in d.name_words for d in self.registry)

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
        if at is None or not NEWS_PAST & set(tokens[:at]) or tokens[0] in CONDITION_WORDS | QUESTION_STARTS:
            return tokens
        if (NEGATIONS | OTHER_SERVICES | SPEECH_VERBS | _PASSING_ON) & set(tokens[:at]) or any(
                m.kind != "area" for m in self.mentions.find(tokens[:at])) or not any(
                m.kind != "area" for m in self.mentions.find(tokens[at + 1:])):
            return tokens
        return tokens[at + 1:]

    def _without_other_times(self, tokens: list[str]) -> list[str]:
        """ "off the tv, I will watch later", "I'll read later, turn off the desk lamp", "turn the hot tub off,
        nobody's used it all week", "turn off the sprinkler, it rained all night": what someone will do or did at
        another time, said as a part of its own beside a command, is no part of it: its loose time ("later",
        "tomorrow", "all week", "yesterday") is then, and what it needs is not needed now (a plan with no time, "…,
        I'll watch it", stays the reason it is, and may go against the command). Kept when it names a device or a
        room, holds a condition ("…, I'll turn it on when I get back") or a time read whole ("turn on the heating,
        I'll be home at 6 pm": now or then, asked: `_plan_timed`), or where a second time is said
        ("…, I'll watch it later tomorrow", "…, I'll read later, turn off the lamp tomorrow": one is the command's)."""
        dropped: set[int] = set()
        for start, end in _parts(tokens):
            part, rest = tokens[start:end], tokens[:start] + tokens[end:]
            then = ((planned_then(part) and _stops(rest)) or done_then(part)) and sum(
                t in _WHEN_WORDS for t in part) <= 1 and not (CONDITION_WORDS & set(part) or find_times(part)[0]
                                                              or _WHEN_WORDS & set(rest) or find_times(rest)[0])
            if then and not self.mentions.find(part):
                dropped |= set(range(start, end + 1))  # the part and the comma after it
            elif then and done_then(part):  # "we left the garage door open all night, close it": news that names what
                dropped |= {start + i for i in then_said(part)}  # "it" is; its time was then, never the command's
        kept = [t for i, t in enumerate(tokens) if i not in dropped]
        while kept[-1:] == [CLAUSE_BREAK]:
            kept = kept[:-1]
        return kept if any(m.kind != "area" for m in self.mentions.find(kept)) else tokens

    def _plan_timed(self, tokens: list[str]) -> tuple[list[str], list[str]] | None:
        """ "turn off the tv, I'll be back in 10 minutes", "we're off at 6 pm, lock the front door", "back in 10
        minutes, turn off the tv": the time of
        the speaker's own plan, said beside a command. Whether the command is meant now (the speaker leaves) or for
        then (the house ready on return) the words do not say, and either done wrong is a wrong action: the part and
        the rest, for the caller to ask. None where the part names a device or a condition, or holds no time read whole
        or another besides ("…, I'll be back in 10 minutes tomorrow")."""
        for start, end in _parts(tokens):
            for k in range(start, min(end, len(tokens) - 2)):
                said_back = k == start and tokens[k] in ("back", "home") and tokens[k + 1] in ("in", "at", "by")  # "…,
                # back in 10 minutes": the plan, its subject left out
                if not said_back and (tokens[k] not in ("i", "we") or tokens[k + 1] not in ("will", "am", "are")):
                    continue
                part, rest = tokens[k:end], tokens[:k] + tokens[end + 1:]
                times, untimed = find_times(part)
                if len(times) == 1 and not times[0].problem and not (CONDITION_WORDS | _WHEN_WORDS) & set(untimed) \
                        and not any(m.kind != "area" for m in self.mentions.find(part)) \
                        and any(m.kind != "area" for m in self.mentions.find(rest)):
                    return part, rest
        return None

    def _without_the_speakers_place(self, tokens: list[str]) -> list[str]:
        """ "unlock the back door, I'm in the garden", "unlock the back door pls im outside": where the speaker is,
        said after a command that names its device, is no place of the device ("There is no lock in the garden" was
        said beside it, and without a comma the command was not done). Said with a kind ("turn on the light, I'm in
        the kitchen") it says which, and stays."""
        at, end = next(((k, end) for start, end in _parts(tokens) for k in range(max(start, 1), min(end, len(
            tokens) - 2)) if tokens[k:k + 2] in (["i", "am"], ["we", "are"])), (None, len(tokens)))
        if at is None:
            return tokens
        part, rest = tokens[at:end], tokens[:at] + tokens[end + 1:]
        places = self.mentions.find(part)
        if not places or any(m.kind != "area" for m in places) or any(
                t not in _WHERE_WORDS for i, t in enumerate(part) if not any(m.start <= i < m.end for m in places)) or \
                not any(m.kind == "device" for m in self.mentions.find(rest)):
            return tokens
        while rest[-1:] == [CLAUSE_BREAK]:
            rest = rest[:-1]
        return rest

    def _without_the_speakers_going(self, tokens: list[str]) -> list[str]:
        """ "we going out already, off everything in the living room", "we're going out, turn off the tv": what the
        speaker is doing, said as a part of its own beside a command, is its reason (batch 14's news before one),
        though the part says a scene's name ("Going Out"): the command alone, never the scene too. Alone: as ever. A
        wish ("i want movie night, turn off the porch light") asks for the scene (helper R)."""
        for start, end in _parts(tokens):
            part, rest = tokens[start:end], [*tokens[:start], *tokens[end + 1:]]  # and its comma
            while rest[-1:] == [CLAUSE_BREAK]:
                rest = rest[:-1]
            named = self.mentions.find(part)
            if part[:1] in (["we"], ["i"]) and not WANTING & set(part) and named and all(
                    d.type == "scene" for m in named for d in m.devices) and all(m.kind == "device" for m in named) \
                    and self.mentions.find(rest):
                return rest
        return tokens

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
        after a device or a room was named, or between a bare verb and a verb or a way said again, takes back what came
        before it, as "I mean" does; "no more light" does not."""
        said = next((words for words, _ in reversed(pieces) if words), [])
        rest = [t for t in rest if t != CLAUSE_BREAK]
        if not said or not rest or rest[0] in ("more", "longer") or rest[0] in NEGATIONS or (
                said[0] == "why" and not self.mentions.find(rest)):  # "why fan no turn", "why light no on": a
            return False  # learner's "not" in a question before no other name, never the light turned on
        if any(m.kind in ("device", "type", "area") for m in self.mentions.find(said)):  # "the kitchen no the hall
            return True  # light": a room taken back too
        return verb_of(said[0]) is not None and (verb_of(rest[0]) is not None or rest[0] in PARTICLES)  # "lock, no,
        # unlock the front door", "turn on the, no, off the bedside lamp": the verb or its way said again, before any
        # device

    def _reorder(self, tokens: list[str]) -> list[str]:
        """Word orders the name index does not hold: "the lamp for reading" -> "reading lamp", "the front
        and back doors" -> "front door and back door", "do close the door" -> "close the door"."""
        out = self._named_before(_command_said_first(tokens))
        out = self._one_named(self._each_named(out))
        return self._kind_for_both_rooms(self._listed_after(out))

    def _one_named(self, tokens: list[str]) -> list[str]:
        """ "switch off the sofa lamp and then the reading one": a word said before "one" after a device was named is,
        with the last word of that device's name, another device's name ("reading lamp"): "one" is that word. Never
        where it names none ("the kitchen one": a room's, read as that)."""
        out = list(tokens)
        for i in range(2, len(out)):
            if out[i] != "1" or out[i - 2] not in DETERMINERS or not out[i - 1].isalpha():
                continue
            named = [m for m in self.mentions.find(out[:i - 1]) if m.kind == "device"]
            kinds = {d.name.lower().split()[-1] for d in named[-1].devices} if named else set()
            if len(kinds) != 1:
                continue
            kind = kinds.pop()
            meant = [m for m in self.mentions.find([out[i - 1], kind]) if m.kind == "device" and m.start == 0 and m.end
                     == 2 and not m.fuzzy]
            if meant and not set(meant[0].devices) & set(named[-1].devices):
                out[i] = kind
        return out

    def _named_before(self, tokens: list[str]) -> list[str]:
        """A device's noun with what names it after it, said in the name's order: "the lamp for reading" -> "reading
        lamp", "the lamp by the bed" -> "bed lamp", "the temperature in the fridge" -> "fridge temperature"."""
        out = list(tokens)
        i = 0
        while i + 2 < len(out):
            noun, link = out[i], out[i + 1]
            rest = out[i + 3:] if out[i + 2] == "the" else out[i + 2:]
            if noun in TYPE_NOUNS and (link in ("of", "for") or (link == "by" and out[i + 2] == "the")) and rest:
                candidate = [rest[0], noun]
                found = self.mentions.find(candidate)
                if found and found[0].kind == "device" and (found[0].start, found[0].end) == (0, 2) and (
                        not found[0].fuzzy or any(w.startswith(rest[0]) for d in found[0].devices
                                                  for w in d.name_words)):  # "the lamp by the bed": the bedside
                    # lamp; "the lamp by the bead" is no "beam lamp" (a name guessed)
                    skip = 3 if out[i + 2] == "the" else 2
                    out[i:i + skip + 1] = candidate
            elif QUANTITY_WORDS.get(noun) == noun and link == "in" and out[i + 2] == "the" and rest and \
                    self.mentions.names_a_device([rest[0], noun]):  # "the temperature in the fridge": the Fridge
                out[i:i + 4] = [rest[0], noun]  # Temperature, as "of the fridge" is; never a room called fridge
            i += 1
        return out

    def _each_named(self, tokens: list[str]) -> list[str]:
        """Two names that share their noun, said once after both: the first said whole ("front and back doors" ->
        "front door and back doors")."""
        out = list(tokens)
        for i in range(len(out) - 3):  # "front and back doors", "the front and the back doors"
            noun = i + 4 if out[i + 2] == "the" else i + 3
            if out[i + 1] == "and" and noun < len(out) and out[noun] in TYPE_NOUNS:
                left = [out[i], _singular_noun(out[noun])]
                found = self.mentions.find(left)
                alone = self.mentions.find([out[i]])
                if found and found[0].kind == "device" and (found[0].start, found[0].end) == (0, 2) and (not alone or (
                        alone[0].fuzzy and alone[0].devices == found[0].devices)):  # "front" names with "door";
                    # "halfway" does not; "kitchen" names a room of its own, "front" alone only that door, guessed
                    out[i:i + 1] = left
                    break
        return out

    def _kind_for_both_rooms(self, tokens: list[str]) -> list[str]:
        """Two rooms and a kind said once after both ("the kitchen and bedroom lights"): the kind said for each."""
        out = list(tokens)
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

    def _listed_after(self, tokens: list[str]) -> list[str]:
        """ "lock all the doors, front and back" -> "lock the front doors and the back doors": a list after a comma
        whose every item names devices or a room with the kind said before it says which of them are meant, never
        all of them and more ("turn off all the lights, kitchen and lounge" is those two rooms' lights)."""
        for n in range(1, len(tokens) - 3):
            if tokens[n] not in TYPE_NOUNS or not tokens[n].endswith("s") or tokens[n + 1] != CLAUSE_BREAK:
                continue
            end = next((j for j in range(n + 2, len(tokens)) if tokens[j] == CLAUSE_BREAK), len(tokens))
            items: list[list[str]] = [[]]
            for token in tokens[n + 2:end]:
                items[-1:] = [*items[-1:], []] if token == "and" else [[*items[-1], token]]
            if len(items) < 2 or not all(0 < len(item) < 3 and self._names_with(item, tokens[n]) for item in items):
                continue
            start = n
            while start > 0 and (tokens[start - 1] in EVERYTHING_WORDS or tokens[start - 1] in ("the", "my", "our")):
                start -= 1
            listed = [word for item in items for word in ("and", "the", *item, tokens[n])][1:]
            return [*tokens[:start], *listed, *tokens[end:]]
        return tokens

    def _names_with(self, words: list[str], noun: str) -> bool:
        """The words said before a kind are one device's name or a room's, whole: "front" + "doors", "kitchen" +
        "lights"."""
        found = self.mentions.find([*words, noun])
        return len(found) >= 1 and found[0].start == 0 and found[-1].end == len(words) + 1 and all(
            m.kind in ("device", "area", "type") for m in found) and any(m.kind in ("device", "area") for m in found)

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
            if cut is None or cut <= start:  # a name whose place word was said before it ("… kitchen please lock
                break  # …") can put the cut where the head starts: never loop there
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
        _set_aside_exclusion(clause)
        tokens = clause.tokens
        clause.mentions = self.mentions.find(tokens)
        _read_value(clause)
        polite = bool(tokens) and (_polite_request(tokens, clause) or _desired(tokens, clause))
        _read_question(clause, polite)
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
        clause.implied_type = next((IMPLIED_TYPES[t] for t in tokens if t in IMPLIED_TYPES and not (
            clause.question and t in PLAYED)), None) or next(  # "is the match over" asks no player's state
            (COMPARATIVE_TYPES[t] for t in tokens if t in COMPARATIVE_TYPES), None)
        if clause.value_kind in ("color", comfort.WHITE, comfort.KELVIN):
            clause.implied_type = "light"
        if not clause.question:
            _negation(clause)
            said = mood(tokens, clause.mentions)  # "the kids turned the heating up": news; "someone should …": asked
            clause.report = clause.report or reported(tokens, clause) or said in NEWS or (
                clause.intent is None and any(m.kind == "device" and all(d.type == "scene" for d in m.devices)
                                              and tokens[m.end:m.end + 1] and tokens[m.end] in COPULAS
                                              for m in clause.mentions))  # "movie night was a flop, …": never the scene
            clause.unclear = clause.unclear or clause.report or said is not None
            goal = next((i for i, t in enumerate(tokens) if t in GOALS), None)
            if goal is not None and CAUSATIVES & set(tokens[:goal]) and clause.value is None \
                    and not clause.negated and not clause.unclear and not NEGATIONS & set(tokens) \
                    and clause.intent not in (ON, OFF):  # "turn on the lamp, it's dark": on, said; the dark is why
                clause.intent = GOALS[tokens[goal]]  # "make it dark in here": the lights off, never on
                clause.implied_type = clause.implied_type or "light"
        return clause

    def unaccounted(self, clause: Clause) -> list[str]:
        """The words of a clause its parse does not explain: not a device, place, verb, value or grammar."""
        covered = {i for m in clause.mentions if clause.said_here(m) for i in range(m.start, m.end)}
        name_end = clause.name_ended_by_verb
        return [t for i, t in enumerate(clause.tokens) if i not in covered and (
            not accounted(t) or i == name_end or t in self.mentions.unowned  # "the shutters" where none is
            or noun_first(clause.tokens, i))]  # "the wind (knocked the porch light off)": the weather


def _left_as_it_is(words: list[str]) -> list[str]:
    """The words of what a piece says to leave as it is ("leave the porch light on", "keep the tv as it is": the porch
    light, the tv); none where it says no such thing ("leave it" alone takes the command back)."""
    if words[:1] not in (["leave"], ["keep"]) or len(words) < 2:
        return []
    kept = words[1:]
    while kept and (kept[-1] in PARTICLES or kept[-1] in ("alone", "as", "is")):
        kept = kept[:-1]
    return kept


def _kept_on(before: list[str], kept: list[str]) -> bool:
    """ "(turn the tv down) but leave it on", "(dim the sofa lamp) but keep it on", "(lower the heating) but don't
    switch it off": the device a command before changes (by a step or a level, never off) said to stay on, by "it" or
    "them": on already, nothing more asked."""
    stays = (kept[:1] in (["leave"], ["keep"]) and kept[-1:] == ["on"]) or (
        kept[:2] == ["do", "not"] and kept[2:3] != [] and verb_of(kept[2]) is not None and kept[-1:] == ["off"])
    return stays and bool(PRONOUNS & set(kept)) and len(kept) <= 5 and not any(
        PARTICLES.get(t) == OFF or VERBS.get(verb_of(t) or "") == OFF for t in before)


def _exclusion_said_first(pieces: list[tuple[list[str], bool]]) -> None:
    """ "apart from the tv, turn everything off": an exclusion said first joins the command after it (in place)."""
    for k in range(len(pieces) - 1):  # "apart from the tv, turn everything off": the exclusion comes first
        words = pieces[k][0]
        if words and _exclusion_at(words, first=True) == 0:
            pieces[k + 1] = ([*pieces[k + 1][0], *words], pieces[k + 1][1])
            pieces[k] = ([], False)
