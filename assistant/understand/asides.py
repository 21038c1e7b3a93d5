"""Words beside a command that ask nothing of the home (manners, thanks, how the speaker is): no reply of theirs."""

from __future__ import annotations

from assistant.understand.clause import Clause
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import STOPWORDS
from assistant.understand.mood import tells_of
from assistant.understand.normalize import CLAUSE_BREAK, DETERMINERS
from assistant.understand.reasons import OWNERS
from assistant.understand.vocabulary import (
    AUXILIARIES,
    CAUSATIVES,
    CLOSINGS,
    COPULAS,
    NEGATIONS,
    PARTICLES,
    PRONOUNS,
    QUERY,
    QUESTION_STARTS,
    STATES,
    SUBJECTS,
    WANTING,
    accounted,
    as_number,
    verb_of,
)

MANNER_WORDS = LEXICON.words("manner_words")  # "turn the tv down, quietly": how, beside a command
COURTESIES = LEXICON.words("courtesies")  # "…, many thanks": no request beside a command
SAID_ALONE = LEXICON.words("said_alone")  # "oi, telly off", "blimey, …": exclamations, addressing nobody
URGINGS = LEXICON.phrases("urgings")  # "go on, open the garage door": a hurry, beside a command


def _without_asides(clauses: list[Clause]) -> list[Clause]:
    """The clauses less those said beside a command that tell how to do it or who it is for ("try not to wake the
    baby", "don't make a fuss", "the neighbours", "gently"): they ask nothing of the home, so they earn no apology and
    hold nothing back. A real request the home cannot do ("… and order a pizza") is no aside: it keeps its answer, and
    so does a thing listed after "and" ("turn off the tv and the dishwasher": `thing_told`)."""
    acting = [c for c in clauses if c.intent not in (None, QUERY) and not (  # a command, not news ("I've just put
        c.negated or c.unclear or c.question or c.report or c.tokens[:1] == [] or c.tokens[0] in SUBJECTS) and any(
        m.kind in ("device", "type") for m in c.mentions)]  # the kettle on myself, don't worry")
    return [c for c in clauses if any(c is a for a in acting) or not _aside(c) or thing_told(c)] if acting else clauses


def thing_told(clause: Clause) -> bool:
    """A clause of only a thing listed after "and", told the way the clause before it was ("turn off the tv and the
    dishwasher", "lock the front door and the shed"): its verb lent, never news ("and the guests are here"), someone's
    doing, nor what is said after a pause ("unlock the front door, the plumber's here")."""
    return clause.listed and clause.intent not in (None, QUERY) and clause.tokens[:1] != [] and clause.tokens[
        0] in DETERMINERS and not any(t in COPULAS or t in AUXILIARIES or t in SUBJECTS or verb_of(t)
                                      for t in clause.tokens)


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


def _beside(clause: Clause) -> bool:
    """Words said beside a command that ask nothing of the home, whose reply (out of the home, not sure) is no answer
    to give once the command is done: how the speaker is or feels ("I'm thirsty", "my knees are bad"), news ("the
    guests are here", "this song slaps", "it's a grey old day"), a doing ("gasping for a cuppa", "wasting
    electricity"), thanks, a stammered "the", or what someone will do or did with no way said ("I'll make tea", "I'll
    read", "nobody used it"). Not a request ("… and order a pizza": a verb first; "I want a pizza": a wish), a
    question, nor anything of the home (a device, room, verb, way, state or value)."""
    words = [t for t in clause.words if t != CLAUSE_BREAK]
    unable = words[:1] and words[0] in SUBJECTS and words[1:3] in (["can", "not"], ["could", "not"])  # "I can't
    own = tells_of(words) or words[:1] == ["nobody"]  # someone's own doing: its verb asks nothing
    if clause.question or clause.value is not None or any(clause.said_here(m) for m in clause.mentions) or any(
            (verb_of(t) and not own) or (t in PARTICLES and not unable) or t in STATES or t in WANTING  # bend down":
            or (t in QUESTION_STARTS - COPULAS and not (unable and t in ("can", "could")) and not own) or as_number(
                t) is not None for t in words):  # the speaker's own doing, no way asked
        return False
    return not words or bool(own) or words[0] in SUBJECTS | OWNERS | PRONOUNS | STOPWORDS or words[0].endswith(
        "ing") or _courteous(clause)


def _exclaimed(clause: Clause) -> bool:
    """Only an exclamation, an urging or a closing said as a clause beside a command ("ah yes, lock the back door",
    "wow, …", "go on, open the garage door", "…, that's all"): no request of its own, so no reply of its own once
    the command is done ("I don't know a device called go", "I can only help with the devices in your home" were
    said beside it)."""
    words = [t for t in clause.words if t != CLAUSE_BREAK]
    return bool(words) and (all(t in SAID_ALONE for t in words) or tuple(words) in URGINGS or tuple(words) in CLOSINGS)


def _courteous(clause: Clause) -> bool:
    """Only thanks, a greeting or a pleasantry ("many thanks", "much obliged", "ta very much", "hello there",
    "gorgeous day"): `courtesies` in the lexicon, said beside a command."""
    words = [t for t in clause.words if t != CLAUSE_BREAK and t not in STOPWORDS]
    return bool(words) and all(t in COURTESIES for t in words)
