"""Why a timer request is not started now: held for later or on a condition, or led by words asking nothing."""

from __future__ import annotations

from itertools import pairwise

from assistant.understand.lexicon import LEXICON
from assistant.understand.normalize import CLAUSE_BREAK
from assistant.understand.vocabulary import (
    AUXILIARIES,
    CONDITION_WORDS,
    LATER_WORDS,
    NEGATIONS,
    SPEAKER_WORDS,
    SUBJECTS,
    TIME_UNITS,
    WANTING,
    verb_of,
)
from assistant.understand.when import (
    CONDITION,
    DAY_WORDS,
    DAYS,
    DURATION,
    TIMER_STARTS,
    TIMER_STOPS,
    TIMER_WORDS,
    find_times,
    recurring,
)

TIMER_LATER = "I can only start a timer now: say, for example, set a timer for 10 minutes."


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


# "i need you to set a timer", "let us start a timer": asked of the house
_REQUEST_LEAD = LEXICON.derived(lambda: SPEAKER_WORDS | LEXICON.words("request_leads"))


# "stop asking me to timer 5 mins", "you shouldn't timer 5 minutes": the timer word said as the verb, never a noun
# after "a", "the" or a verb of its own
_BEFORE_A_VERB = LEXICON.derived(lambda: {"to"} | NEGATIONS | AUXILIARIES | SUBJECTS)


def _timer_led(tokens: list[str]) -> bool:
    """Words before a timer's own verb that ask nothing of the house ("my wife likes to set a timer …", "why did you
    start a 1 hour timer", "stop asking me to cancel the timer"): someone else's, a question, the past; a request's
    lead ("i need you to", "let us", wanting) asks. A timer word said as the verb is its own verb: what comes before it
    is the lead."""
    at = next((k for k, t in enumerate(tokens) if t in TIMER_WORDS), len(tokens))
    verbs = [k for k in range(at) if verb_of(tokens[k]) or tokens[k] in TIMER_STOPS or tokens[k] in TIMER_STARTS]
    said_as_verb = 0 < at < len(tokens) and tokens[at - 1] in _BEFORE_A_VERB
    start = verbs[-1] if verbs and not said_as_verb else next(
        (k for k in range(at) if tokens[k] in ("a", "an")), None) if not said_as_verb else None
    if start is None:  # "egg timer five minutes", "can my son timer 5 minutes": the lead ends where its name begins
        start = at
        while start > 0 and tokens[start - 1].isalpha() and tokens[start - 1] not in _BEFORE_A_VERB:
            start -= 1
    return any(t not in _REQUEST_LEAD | WANTING for t in tokens[:start] if t != CLAUSE_BREAK)
