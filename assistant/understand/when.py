"""Times said in a sentence: "in 20 minutes", "at 7:30 pm", "at sunset", and timers ("a pasta timer for 8 minutes").

A time is read whole or not at all: what cannot be read exactly ("at 7" without morning or evening, "later",
"in a few minutes") is asked about, never guessed. The words of a time that was read are taken out of the
sentence, so the rest is understood as a command for now would be, and the time is added to its calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.tools import ToolCall
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import STOPWORDS
from assistant.understand.vocabulary import (
    CLOSE,
    DOWN,
    EVERYTHING_WORDS,
    FRACTIONS,
    LOCK,
    NUMBER_UNITS,
    OFF,
    ON,
    OPEN,
    PARTICLES,
    SET,
    SPEAKER_WORDS,
    SUBJECTS,
    SUN_TIMES,
    TIME_LEADS,
    TIME_UNITS,
    UNLOCK,
    UP,
    as_number,
    says,
)

TIMER_WORDS = LEXICON.words("timer_words")  # "timer", "timers"
TIMER_STOPS = LEXICON.words("timer_stops")  # "cancel the timer", "stop the pasta timer"
TIMER_STARTS = LEXICON.words("timer_starts")  # "add a timer for 5 minutes"
TIMER_ASKS = LEXICON.words("timer_asks")  # "how long is left", "what's left on the timer"
TIMER_NAMINGS = LEXICON.words("timer_namings")  # "… and call it pasta": the timer's name
NEGATIVE_SIGNS = LEXICON.words("negative_signs")  # "a timer for minus 5 minutes": below zero, never a timer's name
TIME_COUNTS = LEXICON.words("time_counts")  # "in a minute", "for the next hour": a unit counted without a number
FROM_NOW_ON = LEXICON.phrases("from_now_on")  # "going forward", "per the schedule": a rule that repeats, not once
UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}  # by a unit word's first letter: hour(s), hr, min(s), sec(s)
HOUR_NAMES = {"noon": 12, "midday": 12, "midnight": 0}
PM_PARTS = {"afternoon", "evening", "night", "tonight"}

ASK_WHEN = "When exactly? Say, for example, in 20 minutes or at 7 pm."
CONDITION = ("I can't do things on a condition (when, after, once, if …) yet, only at a time: say, for example, "
             "in 20 minutes or at 7 pm.")
DURATION = ("I can't do something for a while and then undo it yet: say when to undo it instead, for example "
            "turn it off in 15 minutes.")
DAYS = ("I can only schedule within the next 24 hours, and nothing that repeats yet: say, for example, in 20 "
        "minutes or at 7 pm.")
DAY_WORDS = {"tomorrow", "daily", "weekdays", "weekends", "every", "monday", "tuesday", "wednesday", "thursday",
             "friday", "saturday", "sunday", "week", "weekly"}
ASK_HOW_LONG = "For how long? Say, for example, set a timer for 10 minutes."
CANNOT_CHANGE_TIMER = "I can't change a running timer; cancel it and set a new one."
ONE_TIME = "Please give me one time per command: say each one on its own."
PLAN_TIME = ("Now, or at the time you said? Say it again with the time, for example turn off the tv in 10 minutes, "
             "or with now.")
PART_LATER = "Should all of that wait, or only the last part? Please say what is for later on its own."
ONLY_NOW = "I can only tell you how things are now."


def ask_half_of_day(hour: int, minute: int) -> str:
    said = f"{hour}:{minute:02d}" if minute else str(hour)
    return f"At {said} in the morning or in the evening? Say {said} am or {said} pm."


def half_of_day_asked(reply: str) -> str | None:
    """The time a reply asked "in the morning or in the evening?" about ("7", "7:30"), else None."""
    found = re.match(r"At (\d{1,2}(?::\d\d)?) in the morning or in the evening\?", reply)
    return found.group(1) if found else None


@dataclass(frozen=True)
class When:
    """A time read from tokens[start:end]: a delay, or a clock or sun time; or `problem`, asked back."""

    start: int
    end: int
    delay_s: float | None = None
    at: str | None = None  # "HH:MM" (24 h) or "sunrise" / "sunset"
    problem: str | None = None

    def on(self, call: ToolCall) -> ToolCall:
        """The call, for this time."""
        return ToolCall(call.tool, call.device, call.value, call.words, call.name, self.delay_s, self.at)


def _unit(token: str) -> int | None:
    return UNIT_SECONDS[token[0]] if token in TIME_UNITS else None


def _and_a_part(tokens: list[str], k: int) -> tuple[float, int]:
    """ "and a half", "and a quarter", "and three quarters" at tokens[k]: (the part of the unit, tokens used); an hour
    and a quarter is 75 minutes, never the hour alone."""
    said = tokens[k:k + 3]
    if said[:2] == ["and", "a"] and said[2:] in (["half"], ["quarter"]):
        return (0.5 if said[2] == "half" else 0.25), 3
    if said[:1] == ["and"] and said[2:] == ["quarters"] and as_number(said[1]) == 3:
        return 0.75, 3
    return 0.0, 0


def _quarter_hour(tokens: list[str], j: int) -> int:
    """How many words "a quarter of an hour" or "a quarter hour" said at tokens[j] take; 0 where they are not said."""
    if tokens[j + 1:j + 2] != ["quarter"]:
        return 0
    rest = tokens[j + 2:j + 5]
    if rest[:3] in (["of", "an", "hour"], ["of", "a", "hour"]):
        return 5
    return 3 if rest[:1] == ["hour"] else 0


def read_duration(tokens: list[str], i: int) -> tuple[float | None, int]:
    """ "20 minutes", "an hour and a half", "half an hour", "1 hour 30 minutes", "90 seconds" at tokens[i]:
    (seconds, tokens used); (None, 0) when there is none. A vague amount ("a few minutes") is (None, n > 0)."""
    total, j = 0.0, i
    while j < len(tokens):
        amount, unit_at = None, j + 1
        word = tokens[j]
        if as_number(word) is not None:
            amount = as_number(word)
        elif word in ("a", "an", "one"):
            amount = 1.0
            quarter = _quarter_hour(tokens, j)
            if quarter:  # "a quarter of an hour"
                total += 900
                j += quarter
                continue
            if tokens[j + 1:j + 3] == ["couple", "of"]:
                amount, unit_at = 2.0, j + 3
            elif tokens[j + 1:j + 2] in (["few"], ["couple"]):
                return None, j + 2 - i + (j + 2 < len(tokens) and _unit(tokens[j + 2]) is not None)  # vague
        elif word == "half" and tokens[j + 1:j + 2] in (["an"], ["a"]):
            amount, unit_at = 0.5, j + 2
        elif word == "quarter" and tokens[j + 1:j + 2] == ["hour"]:
            amount, unit_at = 0.25, j + 1
        elif word == "few" and j + 1 < len(tokens) and _unit(tokens[j + 1]):
            return None, j + 2 - i
        part, used = _and_a_part(tokens, unit_at)
        if amount is not None and used:
            amount, unit_at = amount + part, unit_at + used  # "2 and a half hours"
        if amount is None or unit_at >= len(tokens) or _unit(tokens[unit_at]) is None:
            break
        seconds = amount * (_unit(tokens[unit_at]) or 0)
        j = unit_at + 1
        part, used = _and_a_part(tokens, j)
        if used:  # "an hour and a half", "an hour and a quarter"
            seconds *= (amount + part) / amount
            j += used
        total += seconds
        crossed = tokens[j:j + 1] == [","]  # "1 hour, 15 minutes, and 30 seconds" (as Whisper writes it): one time;
        k = j + crossed  # "10 minutes, 5 minutes" restarts (after a comma only a smaller unit goes on)
        k += tokens[k:k + 1] == ["and"]
        more = _unit(tokens[k + 1]) if k > j and k + 1 < len(tokens) and (
            as_number(tokens[k]) is not None or tokens[k] in ("a", "an")) else None
        if more and (not crossed or more < (_unit(tokens[unit_at]) or 0)):
            j = k  # "1 hour and 30 minutes"
    if j == i:
        return None, 0
    return total, j - i


def _clock(tokens: list[str], i: int) -> tuple[tuple[int, int] | None, int, bool]:
    """A clock time after "at": ((hour, minute), tokens used, whether the half of the day is known)."""
    word = tokens[i] if i < len(tokens) else ""
    if word in HOUR_NAMES:
        return (HOUR_NAMES[word], 0), 1, True
    if ":" in word:
        h, _, m = word.partition(":")
        if not (h.isdigit() and m.isdigit()) or int(h) > 23 or int(m) > 59:
            return None, 0, False
        return (int(h), int(m)), 1, int(h) > 12 or int(h) == 0 or h.startswith("0")
    after = as_number(tokens[i + 1]) if word == "half" and i + 1 < len(tokens) else None
    if after is not None and after.is_integer() and 1 <= after <= 12:  # British "half ten": half past ten
        return (int(after), 30), 2, False
    if word in ("half", "quarter") or (as_number(word) is not None and tokens[i + 1:i + 2] in (
            ["past"], ["to"], ["minutes"])):
        minutes = {"half": 30, "quarter": 15}.get(word, int(as_number(word) or 0))
        j = i + 1 + (tokens[i + 1:i + 2] == ["minutes"])
        way = tokens[j] if j < len(tokens) else ""
        hour = as_number(tokens[j + 1]) if j + 1 < len(tokens) else None
        if way not in ("past", "to") or hour is None or not 1 <= hour <= 12 or minutes >= 60 or (
                word == "half" and way == "to"):
            return None, 0, False
        h, m = (int(hour), minutes) if way == "past" else ((int(hour) - 2) % 12 + 1, 60 - minutes)
        return (h, m), j + 2 - i, False
    hour = as_number(word)
    if hour is None or not hour.is_integer() or not 0 <= hour <= 23:
        return None, 0, False
    used, minute = 1, 0
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    if following == "oh" and i + 2 < len(tokens) and (as_number(tokens[i + 2]) or 10) < 10:  # "7 oh 5"
        minute, used = int(as_number(tokens[i + 2]) or 0), 3
    elif as_number(following) is not None and (as_number(following) or 0).is_integer() and 10 <= (
            as_number(following) or 0) <= 59:
        minute, used = int(as_number(following) or 0), 2  # "7 30 pm"
    return (int(hour), minute), used, int(hour) > 12 or int(hour) == 0


def _half_of_day(tokens: list[str], j: int) -> tuple[str | None, int]:
    """ "am" / "pm", or a part of the day ("in the evening", "tonight"), right after a clock time."""
    word = tokens[j] if j < len(tokens) else ""
    if word in ("am", "pm"):
        again, used = _half_of_day(tokens, j + 1) if tokens[j + 1:j + 2] not in (["am"], ["pm"]) else (None, 0)
        return word, 1 + (used if again == word else 0)  # "at 9 pm tonight", "at 7 am this morning": one time
    if word == "oclock":
        half, used = _half_of_day(tokens, j + 1)
        return half, used + 1
    if word == "tonight":
        return "pm", 1
    for start in (["in", "the"], ["this"], ["at"]):
        n = len(start)
        if tokens[j:j + n] == start and j + n < len(tokens):
            part = tokens[j + n]
            if part == "morning":
                return "am", n + 1
            if part in PM_PARTS:
                return "pm", n + 1
    return None, 0


def read_time(tokens: list[str], i: int) -> When | None:
    """The time that starts at tokens[i] ("in", "after", "at"), or None when none starts there."""
    word = tokens[i]
    if word not in ("in", "after", "at"):  # "20 minutes from now"
        seconds, used = read_duration(tokens, i)
        if seconds is None or tokens[i + used:i + used + 1] != ["from"]:
            return None
        end = i + used + 1 + (tokens[i + used + 1:i + used + 2] == ["now"])  # "now" is usually a filler
        return When(i, end, delay_s=round(seconds))
    if word in ("in", "after"):
        seconds, used = read_duration(tokens, i + 1)
        end = i + 1 + used
        if used and tokens[end:end + 1] == ["from"]:
            end += 1 + (tokens[end + 1:end + 2] == ["now"])
        if seconds is None:
            if used or tokens[i + 1:i + 3] in (["a", "bit"], ["a", "while"], ["a", "moment"], ["a", "little"]):
                return When(i, end or i + 3, problem=ASK_WHEN)
            return None
        if tokens[i + 1:i + 3] in (["a", "sec"], ["a", "second"], ["a", "min"], ["a", "minute"]) and used == 2:
            return None  # "in a sec": right away, as people say it
        return When(i, end, delay_s=round(seconds))
    if word != "at" or i + 1 >= len(tokens):
        return None
    if tokens[i + 1] in SUN_TIMES:
        return When(i, i + 2, at=SUN_TIMES[tokens[i + 1]])
    clock, used, known = _clock(tokens, i + 1)
    if clock is None:
        return When(i, i + 2, problem=ASK_WHEN) if ":" in tokens[i + 1] else None  # "at 25:00"
    hour, minute = clock
    half, more = _half_of_day(tokens, i + 1 + used)
    end = i + 1 + used + more
    bare = not more and ":" not in tokens[i + 1] and used == 1 and tokens[i + 1] not in HOUR_NAMES
    if bare:
        return None  # "at 7" alone may be a level ("set the heating at 21"): the rules decide
    if half is not None and not known and 1 <= hour <= 12:
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif half is None and not known:
        return When(i, end, problem=ask_half_of_day(hour, minute))
    elif half is not None and hour > 12:
        return When(i, end, problem=ASK_WHEN)  # "at 19 pm"
    return When(i, end, at=f"{hour:02d}:{minute:02d}")


def find_times(tokens: list[str]) -> tuple[list[When], list[str]]:
    """Every time in the sentence, and the tokens without them."""
    found: list[When] = []
    i = 0
    while i < len(tokens):
        when = read_time(tokens, i)
        if when is None:
            i += 1
            continue
        found.append(when)
        i = when.end
    kept = [t for k, t in enumerate(tokens) if not any(w.start <= k < w.end for w in found)]
    return found, kept


def bare_clock(tokens: list[str]) -> str | None:
    """ "at 7" with no morning or evening, after a level ("set the heating to 21 at 7") or "on"/"off" ("turn
    the heating on at 7"): a time that cannot be read whole; "set the heating at 21" is a level."""
    for i in range(1, len(tokens)):
        hour = as_number(tokens[i])
        if tokens[i - 1] == "at" and hour is not None and hour.is_integer() and 1 <= hour <= 12 and (any(
                as_number(t) is not None for t in tokens[:i - 1]) or {"on", "off"} & set(tokens[:i - 1])) and \
                tokens[i + 1:i + 2] not in (["percent"], ["degrees"], ["degree"]):
            return ask_half_of_day(int(hour), 0)
    return None


def uncounted_unit(tokens: list[str]) -> bool:
    """ "turn off the tv in for minutes", "turn on the kettle in to minutes": a time unit after "in" or "for" and a
    word that counts nothing (a recogniser's "four", "two", "eight"): a time not read whole, so never now."""
    return any(t in TIME_UNITS and k >= 2 and tokens[k - 2] in ("in", "for") and tokens[k - 1].isalpha()
               and tokens[k - 1] not in TIME_COUNTS for k, t in enumerate(tokens))


def recurring(tokens: list[str]) -> bool:
    """ "every day", "each morning", "on mondays", "from now on": a schedule that repeats or names a day."""
    weekend = any(t == "weekend" and (tokens[k - 1:k] in (["this"], ["next"]) or tokens[k - 2:k] in (
        ["at", "the"], ["on", "the"])) for k, t in enumerate(tokens))  # "this weekend"; not "away for the weekend"
    return weekend or any(t in ("every", "each") and tokens[k + 1:k + 2] and (tokens[k + 1] in DAY_WORDS | {
        "day", "days", "morning", "evening", "night", "afternoon", "hour", "weekday"} or tokens[k + 1].rstrip("s")
        in DAY_WORDS) for k, t in enumerate(tokens)) or any(t.rstrip("s") in DAY_WORDS - {"every"} for t in tokens) \
        or any(says(tokens, *phrase) for phrase in FROM_NOW_ON)  # "going forward, keep the hall light off": a rule


@dataclass(frozen=True)
class TimerRequest:
    """What a sentence about a timer asks: a call, or a question back."""

    call: ToolCall | None = None
    reply: str | None = None


def read_timer(tokens: list[str], named: set[int]) -> TimerRequest | None:
    """ "set a timer for ten minutes", "set a pasta timer for 8 minutes", "cancel the timer", "how long is
    left"; None when the sentence is not about a timer. `named`: token positions inside device names."""
    at = next((k for k, t in enumerate(tokens) if t in TIMER_WORDS and k not in named), None)
    words = set(tokens)
    if at is None:
        # "how much (time) is left"; "how much battery is left" asks about the battery
        how_much = tokens[:2] == ["how", "much"] and tokens[2:3] in ([], ["time"], ["longer"], ["is"], ["left"])
        asks = bool(words & {"left", "remaining"}) and (tokens[:2] == ["how", "long"] or how_much or (
            tokens[:1] == ["what"] and "time" in words))
        # "how long is left on the roast", "… for the rice": every timer, named by none (CASES.md batch 78: the
        # answer says each running timer, so one started without that name is never missed)
        return TimerRequest(ToolCall("get_timers", "")) if asks and not named else None
    name = _timer_name(tokens, at)
    said = tuple(tokens)  # what the call was built from: "cancel the timer" is one, "cancel the timers" every one
    if {"to", "onto", "off", "from"} & set(tokens[max(0, at - 3):at]) and any(read_duration(tokens, i)[1] for i in
                                                                           range(at)):
        return TimerRequest(reply=CANNOT_CHANGE_TIMER)  # "add five minutes to the timer": a running one changed,
        # never a new timer of five minutes
    if words & TIMER_STOPS or tokens[:2] in (["turn", "off"], ["switch", "off"]):
        return TimerRequest(ToolCall("cancel_timer", "", name=name, words=said))
    if words & TIMER_ASKS:  # "time left on the 1 hour timer", "status of the 10 minute timer": not a new one
        return TimerRequest(ToolCall("get_timers", "", words=said))
    for i in range(len(tokens)):
        seconds, used = read_duration(tokens, i)
        if used:
            if seconds is None or seconds < 1 or (i > 0 and tokens[i - 1] in NEGATIVE_SIGNS):
                return TimerRequest(reply=ASK_HOW_LONG)
            if seconds > 86400:
                return TimerRequest(reply="A timer can run for at most 24 hours.")
            return TimerRequest(ToolCall("start_timer", "", float(round(seconds)), name=name, words=said))
    if words & TIMER_ASKS or tokens[0] in ("how", "what", "is", "are", "check", "any"):
        return TimerRequest(ToolCall("get_timers", "", words=said))
    return TimerRequest(reply=ASK_HOW_LONG)


def every_timer(tokens: tuple[str, ...]) -> bool:
    """ "cancel all the timers", "stop both timers", "cancel them": every timer, not the one a singular means."""
    return bool(set(tokens) & (EVERYTHING_WORDS | {"them", "those"})) or any(t[:-1] in TIMER_WORDS for t in tokens)


def _timer_name(tokens: list[str], at: int) -> str | None:
    """ "the pasta timer", "a timer called pasta", "a timer for 8 minutes for the eggs", "… and call it pasta": its
    name."""
    for marker in ("called", "named"):
        if marker in tokens[at:]:
            k = tokens.index(marker, at)
            return _name_words(tokens[k + 1:])
    said = next((k for k in range(at + 1, len(tokens) - 2) if tokens[k] in TIMER_NAMINGS and tokens[k + 1] == "it"),
                None)
    if said is not None:
        return _name_words(tokens[said + 2:])
    before: list[str] = []
    for token in reversed(tokens[:at]):
        if token in STOPWORDS or token in TIME_UNITS or as_number(token) is not None or token in TIMER_STOPS \
                or not token.isalpha() or token in ("my", "your", "minute", "hour", "second", "new", "another") \
                or token in SUBJECTS | SPEAKER_WORDS:  # "let us timer 10 minutes": who, never its name
            break
        before.insert(0, token)
    if before:
        return " ".join(before)
    tail = tokens[at + 1:]
    for k in range(len(tail) - 1):  # "... for 8 minutes for the pasta"
        if tail[k] == "for" and as_number(tail[k + 1]) is None and tail[k + 1] not in ("a", "an", "half"):
            name = _name_words(tail[k + 1 + (tail[k + 1] in ("the", "my")):])
            if name:
                return name
    return None


def _name_words(tokens: list[str]) -> str | None:
    """The words that name a timer, up to the next small word or number: "pasta" in "pasta for 8 minutes"."""
    words: list[str] = []
    for token in tokens:
        if not token.isalpha() or token in STOPWORDS or _unit(token) is not None:
            break
        words.append(token)
    return " ".join(words[:2]) or None


def loose_time(tokens: list[str], intent: str | None, value_kind: str | None, covers_only: bool) -> bool:
    """A time said without its clock word, which the command would otherwise read as an amount or drop: "turn off the
    tv by 10" (it turned the tv up by 10), "switch off the lamp around 10" (done now), a number ending a state with no
    level ("turn off the desk lamp 10ish", "ish" dropped), an hour with covers only ("close the curtains around 9" set
    them to 9 percent; "open the blinds by 20" stays a step), "from 11" (no value read), a number after a level
    ("set the thermostat to 20 by 6"). "turn the lamp on about 50" is a level. Asked when, never done now."""
    stated = intent in (ON, OFF, LOCK, UNLOCK) or (intent == SET and bool({ON, OFF} & set(tokens)))
    held = intent in (OFF, LOCK, UNLOCK)  # a state with no level: a number said with it is a time
    return bool(stated and value_kind in ("delta", "number") and (_time_before_a_bare_number(tokens, {"by"}) or (
        held and as_number(tokens[-1]) is not None))) or (
        held and _time_before_a_bare_number(tokens, TIME_LEADS)) or (
        intent in (OPEN, CLOSE) and covers_only and _time_before_a_bare_number(tokens, TIME_LEADS, hours_only=True)
    ) or _time_after_a_level(tokens)


def _time_before_a_bare_number(tokens: list[str], leads: set[str], hours_only: bool = False) -> bool:
    """ "by 10", "around 10" with no unit after it: a time ("turn off the tv by 10"), unless a unit makes it an amount
    ("by 2 degrees", "by 20 percent", "by 2 thirds"); with `hours_only`, only a number an hour can be ("open the
    blinds by 20" is a step)."""
    return any(t in leads and tokens[i + 1:i + 2] and tokens[i + 1].replace(".", "", 1).isdigit() and not (
        set(tokens[i + 2:i + 3]) & (NUMBER_UNITS | {"percent"} | set(FRACTIONS))) and not (
        hours_only and not 1 <= float(tokens[i + 1]) <= 12) for i, t in enumerate(tokens))


def _time_after_a_level(tokens: list[str]) -> bool:
    """ "set the thermostat to 20 by 6", "dim the desk lamp to 30 around 10": a bare number after a level said with
    "to" (or a step said with "by": "put the heating up by 2 around 6") is no second amount; a time said without its
    clock word (a deadline or a loose time), asked when."""
    at = next((i for i, t in enumerate(tokens[:-1]) if t in ("to", "by") and as_number(tokens[i + 1]) is not None),
              None)
    return at is not None and _time_before_a_bare_number(tokens[at + 2:], TIME_LEADS)


def deadline(tokens: list[str]) -> bool:
    """ "have the heating on by 6", "is the porch light on by 8": "by" before an hour is when it should be so; not
    after "up" or "down" ("has the tv volume gone up by 5": how much)."""
    return any(t == "by" and k and PARTICLES.get(tokens[k - 1]) not in (UP, DOWN) and _time_before_a_bare_number(
        tokens[k:k + 3], {"by"}, hours_only=True) for k, t in enumerate(tokens))
