"""The deterministic fast path: verbs, values and device mentions -> tool calls, in about a millisecond.

It answers what it is sure of and says so when it is not: an unknown device is named back, an
ambiguous name is asked about, an action the device cannot do is refused. Only a clause that names
devices but no action it recognises is handed on to the LLM, with those devices as the only choices.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import replace
from itertools import pairwise

from assistant.registry import Device, Registry, spoken_name
from assistant.tools import COLORS, ToolCall
from assistant.understand import comfort
from assistant.understand.asides import _beside, _courteous, _exclaimed, _without_asides, thing_told
from assistant.understand.calls import _opposed
from assistant.understand.clause import OUT_OF_HOME, WHICH_IT, Clause, RuleResult
from assistant.understand.context import ContextSharing
from assistant.understand.exclusions import LEAVE_OUT_UNSAID, exclusion_unfinished
from assistant.understand.frames import (
    _about_later,
    _elsewhere,
    _opened,
    _passed_on,
    _polite_request,
    _quoted,
    _said_after,
    _scheduled,
    _time_now,
    _to_the_listeners,
    _values_offered,
    _why,
    able_asked,
    hushed,
    of_a_thing,
    of_someone_else,
    reported,
    said_by_last,
    to_a_person_doing,
    wish_before_request,
)
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import STOPWORDS, TYPE_WORDS, Mention, MentionFinder
from assistant.understand.mood import leaving, tells_of
from assistant.understand.normalize import (
    CLAUSE_BREAK,
    TAGS,
    after_question,
    as_said,
    asked_either_way,
    names_kept,
    normalize,
    said_words,
    tagged,
    typed_command_question,
    typed_question,
)
from assistant.understand.picking import AnswerPicking
from assistant.understand.reading import _part_of_now
from assistant.understand.reasons import REASONS, purpose_against, said_against
from assistant.understand.refusing import Refusing, _refused
from assistant.understand.resolving import CHOICE, DIRECTION, NOT_SURE, ClauseResolving
from assistant.understand.sentence import SentenceReading
from assistant.understand.talk import addressee, not_to_the_house
from assistant.understand.targets import OTHER_ONES
from assistant.understand.timers import _timer_held, _timer_led
from assistant.understand.vocabulary import (
    COPULAS,
    CORRECTIONS,
    DAY_PARTS,
    DOWN,
    EXCLAIMED_FIRST,
    FOREIGN_UNITS,
    GIVEN_NAMES,
    GUESSES,
    HINTS,
    MEANING_WORDS,
    NARROWING_NOUNS,
    NOT_ABOUT_DEVICES,
    NOT_FOR_REAL,
    NUMBER_UNITS,
    OPPOSITE,
    OTHER_MEANT,
    OTHER_SERVICES,
    PARTICLES,
    PAST_FORMS,
    PRONOUNS,
    QUANTITY_NOUNS,
    QUANTITY_WORDS,
    QUERY,
    QUESTION_STARTS,
    ROOM_NOUNS,
    SET,
    SPEEDS,
    STATES,
    TIME_LEADS,
    TIME_UNITS,
    TOLD_BEFORE,
    UP,
    VERBS,
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
    PLAN_TIME,
    TIMER_WORDS,
    TimerRequest,
    When,
    bare_clock,
    deadline,
    find_times,
    read_timer,
    recurring,
    uncounted_unit,
)

CONTRADICTS = "That goes against what you said."
# "set a timer for 10 minutes and then turn off the tv": the part after it is for when it ends
TIMER_SEQUELS = LEXICON.derived(lambda: LEXICON.words("timer_sequels") | LEXICON.words("condition_words"))
TIMER_NOT_STARTED = "I haven't started the timer; say it again on its own."  # beside a part not done as said
IN_CELSIUS = "I set temperatures in degrees Celsius. How many degrees Celsius?"
DEVICE_TIMER = "I can't tell what a device does on its own timer; mine are kitchen timers, or a command for later."
OWN_TIMER = "I can't set or stop a device's own timer; mine are kitchen timers, or a command for later."
_SAID_BACK = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "we": "you", "us": "you",
              "our": "your", "ours": "yours", "ourselves": "yourselves", "am": "are"}  # the speaker's words, said back


def _as_said(words: list[str]) -> str:
    """A reason said back to the person who said it: "I am cold" is "you are cold", "can not" is "can't", and "too"
    as said (the normalizer wrote "it is to hot", "burglars deserve a break to": a "to" that ends it is "too")."""
    felt = set(comfort.COMFORT) | {w for triggers, *_ in HINTS for w in triggers} | {""}
    said = " ".join("too" if word == "to" and following in felt and i else _SAID_BACK.get(word, word)  # "to dry
                    for i, (word, following) in enumerate(zip(words, [*words[1:], ""], strict=True)))  # out …": why
    return said.replace("can not ", "can't ").replace("could not ", "couldn't ")


def _scene_as_time(clause: Clause) -> bool:
    """ "turn off the tv at dinner time", "lock the back door by movie night": a scene's name after "at" or a time
    lead is when, said by what happens then; a time not read whole, never the scene now nor the command now. After "it
    is" before a command ("it's past bedtime, turn off the tv") it is the time now (batch 77)."""
    return any(m.kind == "device" and m.start and all(d.type == "scene" for d in m.devices) and clause.tokens[
        m.start - 1] in TIME_LEADS | {"at"} and not (_time_now(clause.tokens, m.start) and m.end < len(clause.tokens))
               for m in clause.mentions)


def _level_unsaid(tokens: list[str]) -> bool:
    """ "to" ending the sentence or before "where", "what", "how" ("turn the heating up to", "turn the heating back
    down to where it was"): a level meant but not said (a recogniser cut it off, or it is the one before)."""
    return any(t == "to" and tokens[k + 1:k + 2] in ([], ["where"], ["what"], ["how"], ["whatever"])
               for k, t in enumerate(tokens))


def _said_of_the_one_before(clause: Clause, made: list[ToolCall]) -> bool:
    """ "light on, low", "porch light on, blue", "the hallway light on, dim": a part of one word, a level or a way, for
    the device said before it: how that command is to be done; not words beside it ("…, chook", "…, stat"), nor a
    level already lent to the command (`made`: "set the bedroom speaker to, like, 25")."""
    words = [t for t in clause.tokens if t != CLAUSE_BREAK]
    if len(words) != 1 or not accounted(words[0]) or clause.question or clause.report or clause.negated or any(
            clause.said_here(m) for m in clause.mentions):
        return False
    return verb_of(words[0]) is not None if clause.value is None else all(c.value != clause.value for c in made)


def _before_told(tokens: list[str]) -> list[str]:
    """The sentence up to a later clause that tells of someone ("set a timer for 20 minutes, I'll check her again
    then", "… and then we'll check"): the speaker's plan after the request, never a question of the timer ("check")."""
    return tokens[:next((k for k, t in enumerate(tokens) if t in (CLAUSE_BREAK, "and") and tells_of(
        tokens[k + 1 + (tokens[k + 1:k + 2] == ["then"]):])), len(tokens))]


def _listed(clauses: list[Clause], tokens: list[str]) -> list[Clause]:
    """The clauses, each said right after "and" marked `listed` ("turn off the tv and the dishwasher")."""
    starts = {k + 1 for k, t in enumerate(tokens) if t == "and"}
    for clause in clauses:
        clause.listed = any(tokens[k:k + len(clause.tokens)] == clause.tokens for k in starts)
    return clauses


UNKNOWN_DEVICE = "I don't know a device called"  # the start of the reply to a thing named that the home lacks
NO_SUCH_KIND = ("There is no ", "There are no ")  # … to a kind said that the home or the room lacks ("There is no
# window.", "There are no lights in the garden.")


class RuleMatcher(SentenceReading, ContextSharing, AnswerPicking, Refusing, ClauseResolving):
    """The fast path over one registry; build once, call `match` per sentence. Its bases each do one step: read the
    sentence into clauses (SentenceReading), complete them from each other (ContextSharing), resolve each to calls
    (ClauseResolving, choosing devices by TargetChoosing), read refusals (Refusing) and answers to a question back
    (AnswerPicking)."""

    def __init__(self, registry: Registry, area: str | None = None) -> None:
        self.registry = registry
        self.area = area
        common = frozenset(VERBS) | frozenset(QUESTION_STARTS) | frozenset(PARTICLES) | frozenset(SPEEDS) | frozenset(
            w for c in COLORS for w in c.split()) | NOT_ABOUT_DEVICES | TIME_UNITS | DAY_PARTS | OTHER_ONES | (
            GIVEN_NAMES)
        # "green" is a colour, never a misspelt "garden"; "party time" is not a misspelt "party mode"; "the remaining
        # lamps" are not the reading lamp; "Heather" is a person, not the heater
        self.mentions = MentionFinder(registry, common, accounted, NARROWING_NOUNS)
        self._spellable = frozenset(VERBS) | frozenset(TYPE_WORDS) | NUMBER_UNITS | self.mentions.words
        # the sensor classes a question may name by their own words ("wind speed"): not those whose words are all
        # a kind of device, a quantity other devices answer or something no device answers ("light", "volume", "date")
        other = set(TYPE_WORDS) | set(QUANTITY_WORDS) | QUANTITY_NOUNS | NOT_ABOUT_DEVICES
        self._sensed = {d.device_class for d in registry if d.type == "sensor" and d.device_class
                        and not set(d.device_class.split("_")) <= other}

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

    def called(self, device: Device) -> str:
        """Words that name this device and no other: its name, with its room where another shares the name."""
        shared = sum(d.name == device.name for d in self.registry) > 1
        return f"{device.area} {device.name}" if shared and device.area else device.name

    def heard_in(self, area: str) -> RuleMatcher:
        """The same matcher as if the speaker were in `area`: re-reading "turn everything on" once the room is said."""
        return RuleMatcher(self.registry, area)

    def without(self, devices: tuple[Device, ...]) -> RuleMatcher:
        """The same matcher over the home minus `devices`: re-reading a sentence once the user has chosen."""
        return RuleMatcher(Registry((d for d in self.registry if d not in devices), self.registry.area_groups),
                           self.area)

    def reading(self) -> AbstractContextManager[None]:
        """Around the reading of a sentence of this home (`match`, `Understander.understand`): its names that a
        rewrite would make another of its names are read as said ("the big light" where a "ceiling light" is named
        too); the one place that sets them (`normalize.names_kept`)."""
        return names_kept(self.mentions.kept)

    # -- clause -> calls -----------------------------------------------------------------------
    def match(self, text: str, recent: tuple[Device, ...] = ()) -> RuleResult:
        """Calls for a sentence; `recent` are the devices of the previous command, for follow-ups.

        A time or condition anywhere ("when I get home, turn on the porch light") holds the whole sentence;
        a "don't" beside other commands ("don't lock it, unlock the back door") makes those asked about."""
        with self.reading():
            return self._match(text, recent)

    def _match(self, text: str, recent: tuple[Device, ...]) -> RuleResult:
        tokens = heard = self._after_small_talk(self._without_the_speakers_going(self._without_the_speakers_place(
            self._without_other_times(self.spelled(normalize(text))))))
        early = self._before_the_clauses(text, tokens, recent)
        if early is not None:
            return early
        planned = self._plan_timed(tokens)
        if planned is not None:  # "turn off the tv, I'll be back in 10 minutes": now, or then?
            now = "now" in said_words(text)  # "now" is a filler to normalize
            if not now and "then" not in planned[1]:
                return RuleResult(replies=[PLAN_TIME])
            tokens = planned[1] if now else tokens
        times, tokens = find_times(tokens)
        problem = self._times_unread(tokens, times)
        tag = tagged(text)
        if tag:  # the tag's own words ("isn't it", "correct") are no part of what is asked
            tokens = _untagged(tokens)
        clauses = self.clauses(text, recent, tokens)
        unread = _unread(tokens, clauses)
        if unread is not None:
            return RuleResult(replies=[unread])
        whole = Clause(tokens=tokens, mentions=self.mentions.find(tokens))  # before a correction drops a clause
        problem = problem or _scheduled(whole) or next(
            (held for c in clauses if not c.question and (held := _scheduled(c))), None) or (
            ASK_WHEN if _scene_as_time(whole) else None)
        unknown = self._room_unknown(whole)
        if unknown is not None:
            return RuleResult(replies=[unknown])
        able = any(able_asked(c) for c in clauses)  # "can the sofa lamp do purple": whether it can, or asked for
        checked = _typed_question(text, tag, clauses) or able  # "set the heating to 20?", and that: asked yes or no
        answered = after_question(text)  # "did you want the tv on? fine, tv on": typed after the question's "?"
        _asked_throughout(clauses, answered)
        problem = problem or _when_unclear(clauses, times, heard)
        if problem is not None:  # a time not read whole is asked about; a condition or a duration is refused
            return RuleResult(replies=[problem])
        if _both_ways(clauses):  # "turn the tv on, er, off": a restart or a second thought, the way alone said after
            return RuleResult(replies=["You said it both ways. Which do you mean?"])  # the command's opposite; asked
        taken = self._taken_back(clauses)  # "switch off the tv? actually no, leave it"
        if taken is not None:
            return RuleResult(replies=[taken])
        clauses = _without_asides(_listed(clauses, tokens))  # "try not to wake the baby, turn the tv down": how,
        # never a request
        wish_before_request(clauses)  # "sam wants the sofa lamp on, can you turn it on": the wish is why
        result = self._resolved(text, tokens, clauses, times, checked, able, answered)
        self._narrowed(heard, recent, result)
        return result

    def _before_the_clauses(self, text: str, tokens: list[str], recent: tuple[Device, ...]) -> RuleResult | None:
        """The answer to a sentence read whole, before its clauses are: another device meant, an exclamation said
        first, a "don't" or "never" said first, an exclusion left unfinished, words not for the house or a choice left
        unmade, a kitchen timer (alone or beside a device's command); None where the sentence is none of these."""
        meant = self._other_meant(tokens, recent)
        if meant is not None:  # "not the tv, turn off the speaker": the speaker
            return meant
        first = max((len(p) for p in EXCLAIMED_FIRST if tuple(tokens[:len(p) + 1]) == (*p, CLAUSE_BREAK)), default=0)
        if first and len(tokens) > first + 1:  # "no way, that's far too loud, turn the tv down": what follows asks
            return self.match(" ".join(tokens[first + 1:]), recent)
        if (tokens[:2] == ["do", "not"] and tokens[2:3] not in (["forget"], ["leave"], ["keep"])) or tokens[:1] == [
                "never"]:  # "don't leave the kettle on" asks for it off: read below
            return self._forbidden(tokens)
        named = {i for m in self.mentions.find(tokens) if m.kind == "device" for i in range(m.start, m.end)} if (
            OTHER_SERVICES | TIMER_WORDS | {"left", "remaining"}) & set(tokens) or tokens[:1] in (["how"], ["tell"]) \
            else set()
        if exclusion_unfinished(tokens):  # "turn off everything except": what to leave out is asked, nothing done
            return RuleResult(replies=[LEAVE_OUT_UNSAID])
        early = self._not_for_the_house(text, tokens, named, recent)
        early = early if early is not None else self._choice_unmade(tokens)
        if early is not None:
            return early
        beside = self._timer_beside(tokens, recent)
        if beside is not None:  # "set a timer for 5 minutes and turn off the tv": each part as said alone
            return beside
        timer = read_timer(_before_told(tokens), named)
        if timer is not None:  # "set a pasta timer for 8 minutes", "how long is left", "cancel the timer"
            return self._timer(text, recent, tokens, named, timer)
        return None

    def _room_unknown(self, whole: Clause) -> str | None:
        """The answer where the sentence names a room the home does not have ("lock the back door in the shed", "the
        heater in the little room"); None where it names none."""
        place = self._unknown_place(whole)
        if place is not None and (not all(accounted(w) for w in place.split()) or ROOM_NOUNS & set(place.split())):
            return f"I don't know a room called {place}."
        return None

    def _resolved(self, text: str, tokens: list[str], clauses: list[Clause], times: list[When], checked: bool,
                  able: bool, answered: bool) -> RuleResult:
        """The calls and replies of a sentence's clauses, each resolved, with the sentence's one time on every call,
        what a yes is asked for held, and the replies as said beside them. `checked`: asked yes or no ("set the
        heating to 20?"); `able`: whether a device can is asked; `answered`: typed after a question's "?"."""
        result = RuleResult()
        passing, silent, unmet = self._resolve_all(clauses, result)
        if times:  # the sentence's one time, on every call; what the model would read would lose it: asked
            _timed(times[0], result)
        against = self._contradicted(tokens, clauses, result)
        left_out = {d.id for c in clauses if c.excluded for d in self._excluded(c)[0]}  # "turn off all the lights,
        result.calls = [c for c in result.calls if c.device not in left_out]  # and the tv, but not the porch light"
        self._held_for_a_yes(text, clauses, result, against or checked or unmet, able)
        _restated_once(result)
        if any(c.question and c.tokens[:1] == ["why"] for c in clauses) or answered:  # "why is the garage door
            _asked_in_passing(result)  # open, close it", "is the kettle on? just put it on"
        self._both_ways_told(result)
        _replies_beside(result, passing, silent)
        _asked_as_said(text, times, result)
        return result

    def _times_unread(self, tokens: list[str], times: list[When]) -> str | None:
        """The question back for a time not read whole (the days of a recurring one, a time's own problem, two times,
        a clock time with no hour said, a unit with no count); None where each is read."""
        names = {i for m in self.mentions.find(tokens) if m.kind == "device" for i in range(m.start, m.end)}
        unnamed = [t for i, t in enumerate(tokens) if i not in names]  # a name's words are no schedule ("start the
        # morning routine": the scene called Morning Routine)
        return (DAYS if recurring(unnamed) else None) or next((t.problem for t in times if t.problem), None) or (
            ONE_TIME if len(times) > 1 else None) or bare_clock(tokens) or (
            ASK_WHEN if uncounted_unit(tokens) else None)

    def _held_for_a_yes(self, text: str, clauses: list[Clause], result: RuleResult, asked: bool, able: bool
                        ) -> None:
        """The calls not done but asked about, yes or no, where the sentence was not understood around something
        (`_doubted`) or is `asked` otherwise (against itself, a question, a part unmet); `able`: "can the sofa lamp do
        purple": it can, said before whether it is wanted is asked."""
        if (self._doubted(text, clauses, result) or asked) and result.calls:
            # "don't lock it, unlock the back door", "ask mum to turn off the tv and lock the front door", "light on,
            # low": what the sentence was not understood around is not done beside it either; all of it is asked about
            result.held, result.calls = [*result.held, *result.calls], []
        able_of = next((c.device for c in result.held if c.device), None) if able else None  # a timer's call is
        if able_of is not None:  # no device's
            result.replies.append(f"The {spoken_name(self.registry[able_of], self.registry)} can do that.")

    def _not_for_the_house(self, text: str, tokens: list[str], named: set[int], recent: tuple[Device, ...]
                           ) -> RuleResult | None:
        """The answer to a sentence not asked of the house now: for later or another service, quoted, said to
        someone else; None otherwise."""
        if _elsewhere(tokens, named):  # "remind me to lock the back door and turn off the tv": none of it is for now
            beside = None if not_to_the_house(text) else self._beside_elsewhere(tokens, recent)  # "sure, unlock the
            # front door, let's invite everyone in": irony beside what reads as another service, nothing asked
            if beside is not None:  # "turn off the lights and order a pizza": the lights asked about, the pizza not
                return beside
            return RuleResult(replies=[OUT_OF_HOME])
        if _quoted(tokens) or _said_after(normalize(text)) or said_by_last(said_words(text)):  # "my wife said, turn
            # off the tv", "she goes, turn the music down" (its lead is no small talk to drop), "turn off the lights,
            # she shouted", '"turn off the tv" she said': her words, passed on
            return RuleResult(replies=[OUT_OF_HOME])
        mentions = self.mentions.find(tokens)
        if not_to_the_house(text) or _to_the_listeners(tokens, mentions) or of_someone_else(tokens, mentions) or (
                of_a_thing(tokens, mentions)) or hushed(said_words(text), mentions) or to_a_person_doing(tokens):
            # "mum, can you …", "thanks for turning it on at 3am", irony, "turn your tv off and go outside", "shut
            # up": nothing asked of it
            return RuleResult(replies=["Sorry, I'm not sure what you'd like me to do."])
        person = addressee(text, self.mentions.find)
        if person is not None:  # "Sam, switch off the tv please": said to Sam, not to the house
            return RuleResult(replies=[
                f"That sounded meant for {person}. If it was for me, say it again without the name."])
        return None

    def _choice_unmade(self, tokens: list[str]) -> RuleResult | None:
        """The question back for two devices or two levels offered, neither chosen, or a unit not used here; None
        otherwise."""
        result = RuleResult()
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
        return None

    def _timer_beside(self, tokens: list[str], recent: tuple[Device, ...]) -> RuleResult | None:
        """ "set a timer for 5 minutes and turn off the tv", "turn off the tv and set a timer for 20 minutes", "… and is
        the front door locked": a kitchen timer started and, joined by "and", what is said of a device: each part read
        as said alone and both done (the device's part was dropped without a word, or all of it asked). Where the
        device's part is not done as said ("… and don't turn off the tv", "… and turn off the dishwasher", a
        condition) neither is: its answer is given, and that the timer was not started; a question whether it can
        ("… and can the sofa lamp do purple") is answered beside the timer. None where the sentence is not so."""
        for k in (k for k, t in enumerate(tokens) if t == "and"):
            for timed, other in ((tokens[:k], tokens[k + 1:]), (tokens[k + 1:], tokens[:k])):
                if not timed or not other:
                    continue  # "set a timer for 5 minutes and": nothing said beside it
                found = read_timer(timed, set())
                if found is None or found.call is None or found.call.tool != "start_timer" or read_timer(
                        other, set()) is not None or not (any(m.kind in ("device", "type") for m in self.mentions.find(
                            other)) or (verb_of(other[0]) is not None and not PRONOUNS & set(other))):
                    continue  # "… and turn off the dishwasher": a device's command, of one the home lacks
                if timed == tokens[:k] and other[0] in TIMER_SEQUELS:  # "… and then turn off the tv": when it ends
                    return RuleResult(replies=[NOT_SURE, TIMER_NOT_STARTED])
                timer, rest = self.match(" ".join(timed), recent), self.match(" ".join(other), recent)
                if not timer.calls or timer.held or timer.unsure or timer.asked:
                    return None
                first = timed == tokens[:k]  # the calls in the order said
                if rest.calls and not (rest.held or rest.unsure or rest.asked or rest.undecided):
                    calls = [*timer.calls, *rest.calls] if first else [*rest.calls, *timer.calls]
                    return RuleResult(calls=calls, replies=[*timer.replies, *rest.replies])
                if rest.held and not rest.calls and any(able_asked(c) for c in self.clauses(
                        " ".join(other), recent, other)):  # "… and can the sofa lamp do purple": it can
                    return RuleResult(calls=timer.calls, replies=[*timer.replies, *rest.replies], held=rest.held)
                return RuleResult(replies=[*(rest.replies or [NOT_SURE]), TIMER_NOT_STARTED], held=[*rest.held, *(
                    c for _text, calls in rest.unsure for c in calls)], asked=rest.asked)
        return None

    def _timer(self, text: str, recent: tuple[Device, ...], tokens: list[str], named: set[int], timer: TimerRequest
               ) -> RuleResult:
        """A sentence about a kitchen timer: set, asked or cancelled; or what stops it (a device's own timer, a time
        or condition, a take-back, a frame that changes what it asks)."""
        result = RuleResult()
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

    def _resolve_all(self, clauses: list[Clause], result: RuleResult) -> tuple[set[int], set[int], bool]:
        """Each clause resolved into `result` but news and reasons beside a command; the indexes of the replies to
        words beside a command that ask nothing of the home, and of those (an exclamation, the speaker leaving) that
        answer nothing even where the command is asked about; and whether a part said of the device before it asked
        what it cannot do ("light on, low": how the command is to be done, which the rest may not be done without)."""
        commanded = any(not c.unclear and not c.negated and not c.question and c.intent for c in clauses)
        why = [c for c in clauses if _why(c) and any(  # "it's boiling, make the ac colder": why, not a request
            o is not c and not o.question and (o.intent is not None or o.devices or o.area) for o in clauses)]
        passing: set[int] = set()  # the replies to words beside a command that ask nothing of the home
        silent: set[int] = set()
        unmet = False
        lending = [c for c, after in pairwise(clauses) if thing_told(after)]  # "turn off the oven and the kettle":
        # each clause a listed thing borrows its verb from
        for clause in clauses:
            if not (clause.report and commanded) and clause not in why:  # "mum left the porch light on, switch it
                said, made = len(result.replies), len(result.calls)
                self._resolve(clause, result)  # off": the news is why
                added = result.replies[said:]
                if len(added) == 1 and (_exclaimed(clause) or leaving(clause.words)):  # "ah yes, …", "I'm off, …"
                    silent.add(said)
                if (added in ([OUT_OF_HOME], [NOT_SURE]) and _beside(clause)) or (len(added) == 1 and _courteous(
                        clause) and added[0].startswith(UNKNOWN_DEVICE)) or said in silent:
                    passing.add(said)  # "…, ta very much"
                of_before = clause is not clauses[0] and said not in passing and bool(added) and len(
                    result.calls) == made and _said_of_the_one_before(clause, result.calls)  # "light on, low"
                if of_before and added in ([OUT_OF_HOME], [NOT_SURE]):  # "turn on the tv, 20": a level for it,
                    result.replies[said] = f"I'm not sure what '{as_said(clause.tokens)}' means here."  # asked
                unmet = unmet or of_before or (
                    said not in passing | silent and (thing_told(clause) or any(clause is c for c in lending)) and any(
                        r.startswith((UNKNOWN_DEVICE, *NO_SUCH_KIND)) for r in added))  # "turn off the tv and the
                # dishwasher", "turn off the oven and the kettle", "open the blinds and the windows": the one the home
                # has asked about, as a room it lacks holds it all
        return passing, silent, unmet

    def _contradicted(self, tokens: list[str], clauses: list[Clause], result: RuleResult) -> bool:
        """ "it's so hot, turn the heater up": a sentence against its own calls; said back, the calls held."""
        contrary = next((c.reason for c in clauses if c.contrary), None)  # "turn off the heater it is cold in here"
        guessed = [c for _text, calls in result.unsure for c in calls]  # read as the calls are: never left to the
        judged = [*result.calls, *guessed]  # model to settle against what the sentence says it is for
        against = bool(judged) and (contrary is not None or said_against(self.registry, self._of_the_house(tokens),
                                                                         judged)
                                    or purpose_against(self.registry, tokens, judged))
        if against:  # "it's so hot, turn the heater up": the sentence contradicts itself; asked, a yes does it
            result.replies.append(f"You said {_as_said(contrary)}." if contrary else CONTRADICTS)
            result.held, result.unsure = [*result.held, *guessed], []
        return against

    def _of_the_house(self, tokens: list[str]) -> list[str]:
        """The sentence without its parts that complain of a level in a person or a thing ("the neighbours are so
        loud, turn the tv up", "the dog is so loud, …"): the noise is theirs, against no call of the house's
        (`of_someone_else`, `of_a_thing`); "the tv is so loud, turn it up" still goes against its call, and so does
        how warm someone is ("she's freezing, turn the heater off": the room's need, as the speaker's is)."""
        parts: list[list[str]] = [[]]
        for t in tokens:
            parts[-1].append(t) if t != CLAUSE_BREAK else parts.append([])
        kept = [p for p in parts if not p or any(t in comfort.COMFORT for t in p) or not (
            of_someone_else(p, found := self.mentions.find(p)) or of_a_thing(p, found))]
        return [t for k, p in enumerate(kept) for t in ([CLAUSE_BREAK] if k else []) + p]

    def _other_meant(self, tokens: list[str], recent: tuple[Device, ...]) -> RuleResult | None:
        """ "not the tv, turn off the speaker", "never mind the kettle, switch on the coffee machine", "forget about the
        blinds, close the curtains": a device, kind or room denied first (`other_meant`), then after a break a command
        of its own, verb first: that command, where it touches none of the denied; said of "it" or "that" ("not the tv,
        turn it off": which?), its calls are asked. None otherwise (read as it was: the denial alone, a command of the
        denied device)."""
        lead = max((len(p) for p in OTHER_MEANT if tuple(tokens[:len(p)]) == p), default=None)
        if lead is None or CLAUSE_BREAK not in tokens:
            return None
        at = tokens.index(CLAUSE_BREAK)
        denied, rest = tokens[lead:at], tokens[at + 1:]
        found = [m for m in self.mentions.find(denied) if m.kind in ("device", "type", "area")]
        if not found or not rest or verb_of(rest[0]) is None or not all(
                t in STOPWORDS - PRONOUNS or any(m.start <= i < m.end for m in found) for i, t in enumerate(denied)):
            return None
        areas = {m.area for m in found if m.kind == "area"}  # "not the kitchen lights": the kitchen's
        out = {d.id for m in found for d in m.devices} | {d.id for m in found for d in self.registry if (
            m.kind == "type" and d.type == m.type and d.area in ({m.area} if m.area else areas or {d.area})) or (
                m.kind == "area" and d.area == m.area and not any(n.kind == "type" for n in found))}
        if PRONOUNS & set(rest):  # "not the tv, turn it off": which one "it" is, is not said
            return RuleResult(replies=[WHICH_IT])
        then = self.match(" ".join(rest), recent)  # no call of it ("not in the kitchen, turn on the lights": which
        return None if any(c.device in out for c in then.calls) else then  # room?) is as it says

    def _doubted(self, text: str, clauses: list[Clause], result: RuleResult) -> bool:
        """Something the sentence was not understood around: a "don't", a refused command, a guess, a frame, a stray
        word, an insistence or a test; what is beside it is not done either."""
        unplaced = any(c.unclear and _refused(c.tokens) for c in clauses)  # "don't leave the porch light, turn off
        # …": a command refused, not placed; never what is beside it ("the tv is not on, turn it on" is)
        stray = any(self._stray(c) for c in clauses[1:]) or any(_opened(c) or self._said_apart(c) for c in clauses)
        # "turn all the lights and gear off", "our all living room curtains open": a word said that nothing here
        # reads; "hypothetically, unlock the front door": the rest not meant as said
        led = self._framed(clauses, result)
        told = any(says(said_words(text), *phrase) for phrase in (*TOLD_BEFORE, *NOT_FOR_REAL))  # "I told you to
        # close the garage": insisting, or said to a person; "this is a test, …": not meant for real
        guessed = any(tuple(c.tokens[m.end:m.end + len(g)]) == g for c in clauses for m in c.devices for g in GUESSES)
        # "the kettle must be on, I can hear it": a state guessed, or wished
        return bool(any(c.negated for c in clauses) or unplaced or result.unsure or led or stray or told or guessed)

    def _both_ways_told(self, result: RuleResult) -> None:
        """One device told both ways in one sentence: neither done, asked which."""
        opposed = _opposed(result.calls)
        if opposed:  # "Blinds, open curtains, close.": one device told both ways; whichever ran last would win, so
            # neither is done (nor held for a yes, which would do both): asked which
            device = next(d for d in self.registry if d.id == opposed)
            result.held, result.calls = [], []
            result.replies.append(f"You said the {spoken_name(device, self.registry)} both ways. Which do you mean?")

    def _narrowed(self, heard: list[str], recent: tuple[Device, ...], result: RuleResult) -> None:
        """A room after "and" that may be a misheard "in", or a device after "from" that says where: the calls held
        when the narrower reading is a part of them."""
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
        commands = [c for c in clauses if c.intent not in (None, QUERY) and not c.report and c.tokens[0] not in REASONS
                    and not (COPULAS | PAST_FORMS) & set(c.tokens) and any(m.kind in ("device", "type") and c.said_here(
                        m) for m in c.mentions)]  # its own device ("…, night shift finished" names none)
        if any(changes_meaning(w) for c in commands for w in self.unaccounted(c)):  # not why ("…, the kids left it
            return True  # open again", "the tv is still on from last night, …"): "open the blinds and turn the ceiling
            # light off at some point" (which light?), "close the garage door and the blinds at some point"
        first = clauses[0]
        named = {i for m in first.mentions for i in range(m.start, m.end)}
        device = min(next((m.start for m in first.mentions if m.kind in ("device", "type")), len(first.tokens)), len(
            first.tokens))  # a device borrowed from the clause before ("on off sofa lights and turn") is said past it
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
                return RuleResult(replies=[cannot, *command.replies], asked=command.asked,
                                  out_of_range=command.out_of_range)
            if not command.calls or command.held or command.unsure:
                return None
            named = _timer_named(command.calls, tokens)
            return RuleResult(replies=[] if named else [cannot], held=named or command.calls)
        return None


def _timer_named(calls: list[ToolCall], tokens: list[str]) -> list[ToolCall]:
    """ "set a timer for 10 minutes and call it pasta": the timer with the name said after it ("call" may be a phone
    call: asked, and a yes starts it so named; helper G, batch 77); [] where the calls are no timer or none is named."""
    found = read_timer(tokens, set())
    name = found.call.name if found is not None and found.call is not None else None
    if name is None or any(c.tool != "start_timer" for c in calls):
        return []
    return [replace(c, name=name) for c in calls]


def _gapped(text: str, device: bool) -> str:
    """The sentence with what was asked about left open for the answer: its first pronoun (`device`: "which device do
    you mean by it?") or the part of the level now ("by half": "by how much?")."""
    said = normalize(text)
    start, end = (next(((i, i + 1) for i, t in enumerate(said) if t in PRONOUNS), None) if device
                  else _part_of_now(said)) or (len(said), len(said))
    return " ".join([*said[:start], CHOICE, *said[end:]])


def _untagged(tokens: list[str]) -> list[str]:
    """The sentence without its tag ("isn't it", "correct")."""
    said = next((t for t in TAGS if tuple(tokens[-len(t):]) == t), ())
    tokens = tokens[:len(tokens) - len(said)]
    while tokens[-1:] == [CLAUSE_BREAK]:
        tokens = tokens[:-1]
    return tokens


def _unread(tokens: list[str], clauses: list[Clause]) -> str | None:
    """The reply to a command passed on from a sign or note, or to a level cut off; None otherwise."""
    if any(_passed_on(c.tokens) for c in clauses[:-1]):  # "the sign by the door says turn off the porch light":
        return OUT_OF_HOME  # read as a report and a command, the command is what the sign says
    if _level_unsaid(tokens) and any(c.intent in (SET, UP, DOWN) and c.value is None for c in clauses):
        return "To what level?"  # "turn the heating up to", "… back down to where it was": the level cut off or not
        # said; never a default step
    return None


def _typed_question(text: str, tag: bool, clauses: list[Clause]) -> bool:
    """The last clause made a question by a typed "?" or a tag ("front door locked?", "the back door is locked,
    right?"); True when a command is asked with "?" ("set the heating to 20?"): checked, not done."""
    last = clauses[-1] if clauses else None
    if last is not None and not last.question and (last.intent not in (None, QUERY) or last.value is not None) \
            and last.tokens and (
            not verb_of(last.tokens[0]) or len(last.tokens) == 1) and (typed_question(text) or asked_either_way(
            text)) and not \
            _polite_request(last.tokens, last):  # "front door locked?", "front door, locked?": whether it is;
        # not "(can you) lock the front door?", "could the desk lamp go off?" (a request, "?" as Whisper writes)
        last.question, last.intent = True, QUERY
    if last is not None and not last.question and last.intent is None and last.value is None and typed_question(
            text) and _said_of_a_place(last):  # "the pool is cold today?": asked, as "is the pool cold today" is
        last.question, last.intent = True, QUERY
    checked = last is not None and not last.question and typed_command_question(text)  # "set the heating to 20?"
    if last is not None and (tag or typed_question(text)) and last.unclear and (
            last.devices or last.type_mention) and reported(last.tokens, last) and "again" not in last.tokens:
        last.question, last.intent, last.unclear, last.report = True, QUERY, False, False  # "the back door is
        # locked, right?", "the back door's locked?", "the lights are off, aren't they" (each of them): a state said,
        # asked by a tag or a typed "?"; "you turned the heating off again didn't you" complains (fresh4)
    return checked


def _said_of_a_place(clause: Clause) -> bool:
    """How a place or a device is, said first, its copula right after it ("the pool is cold today", "the living room
    is warm"): a statement a typed "?" makes a question."""
    first = next((m for m in clause.mentions if m.start <= 1), None)
    return first is not None and clause.tokens[first.end:first.end + 1] in ([c] for c in COPULAS) and not any(
        verb_of(t) for t in clause.tokens)


def _asked_throughout(clauses: list[Clause], answered: list[str]) -> None:
    """A question's later clauses asked too ("did you turn off the tv and lock the door"), but a command of its own
    after it."""
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


def _when_unclear(clauses: list[Clause], times: list[When], said: list[str]) -> str | None:
    """The question back for a time asked about (only now is known), a deadline without its clock word, or a time
    said for one command of several (`said`: the sentence's words, its time in them); None otherwise."""
    if any(c.question and (times or _about_later(c)) for c in clauses):
        return ONLY_NOW  # "is the front door locked at 7 pm", "what's on tv tonight"
    if any(c.question and deadline(c.tokens) for c in clauses):
        return ASK_WHEN  # "have the heating on by 6": a deadline said without its clock word, never how the
        # heating is now
    ways = {c.intent for c in clauses if not c.question and any(verb_of(t) or t in PARTICLES for t in c.tokens)}
    if times and times[0].start > 0 and (sum(
            1 for c in clauses if c.tokens and verb_of(c.tokens[0]) and not c.question) > 1 or len(ways) > 1):
        return PART_LATER  # "turn on the porch light and turn it off in ten minutes": not both in ten;
        # "sprinkler on now and off in ten minutes" (each told its own way, no verb)
    first = said.index("then") if times and "then" in said[:times[0].start] else 0
    if any(w not in (CLAUSE_BREAK, "and") for w in said[:first]):
        return PART_LATER  # "on the kettle, then the rice cooker in 10 minutes": the later part's time, one way
    return None


def _both_ways(clauses: list[Clause]) -> bool:
    """The way alone said after the command's opposite ("turn the tv on, er, off"), or said last after a verb that
    means the opposite way itself ("stop the desk lamp on": pocketsphinx's "study, desk lamp on"; helper H)."""
    return any(c.intent == OPPOSITE.get(b.intent or "") and not c.mentions and all(
        t in PARTICLES or t in STATES for t in c.tokens) for b, c in pairwise(clauses)) or any(
        _verb_against_its_end(c) for c in clauses)


def _verb_against_its_end(clause: Clause) -> bool:
    tokens = clause.tokens
    way = VERBS.get(verb_of(tokens[0]) or "") if tokens else None
    return way is not None and tokens[-1] in PARTICLES and PARTICLES[tokens[-1]] == OPPOSITE.get(way) and not any(
        m.end == len(tokens) for m in clause.mentions)  # "activate going out": the scene's name


def _timed(time: When, result: RuleResult) -> None:
    """The sentence's one time put on every call; a device with no action said is asked about."""
    result.calls = [time.on(c) for c in result.calls]
    result.unsure = [(text, [time.on(c) for c in guessed]) for text, guessed in result.unsure]
    for _clause, devices in result.undecided:
        result.replies.append("What should I do with the " + " and the ".join(d.said_name for d in devices) + "?")
    result.undecided = []


def _asked_in_passing(result: RuleResult) -> None:
    """A device's state asked beside a command to it ("why is the garage door open, close it", "is the kettle on?
    just put it on"): asked in passing, the command the answer; the state is not read."""
    acted = {c.device for c in result.calls if c.tool != "get_state"}
    result.calls = [c for c in result.calls if c.tool != "get_state" or c.device not in acted]


def _replies_beside(result: RuleResult, passing: set[int], silent: set[int]) -> None:
    """The replies to words beside a command that ask nothing of the home (their indexes `passing`) are not said when
    the command is done ("put the kettle on, I'm thirsty": no apology beside it), nor before the question which device
    ("my tea is cold and I'm freezing": "Which one: …?" first; batch 77); those that answer nothing (`silent`: an
    exclamation, the speaker leaving) not even when it is asked about ("we're off now, turn off the lights": the
    command asked about alone, never "i am")."""
    if (result.calls or result.asked) and not (result.held or result.unsure):
        result.replies = [r for i, r in enumerate(result.replies) if i not in passing]
    elif len(result.replies) > len(silent):
        result.replies = [r for i, r in enumerate(result.replies) if i not in silent]


def _restated_once(result: RuleResult) -> None:
    """One value per device and tool: a later one restates the first ("set the fan to high, make that medium")."""
    last = {(c.tool, c.device, c.delay_s, c.at): c for c in result.calls}
    result.calls = list(dict.fromkeys(c for c in result.calls if last[(c.tool, c.device, c.delay_s, c.at)] == c))


def _asked_as_said(text: str, times: list[When], result: RuleResult) -> None:
    """The answer to a question back is read with the whole sentence, as if said in it: its reason, its time."""
    when = [w for t in times for w in normalize(text)[t.start:t.end]]  # "in ten minutes": kept for the answer
    result.asked = [(_gapped(text, bool(options)) if clause == CHOICE else " ".join([clause, *when])
                     if DIRECTION in clause or CHOICE in clause else text, options)
                    for clause, options in result.asked]
