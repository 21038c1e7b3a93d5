"""The mood of a clause, read from its form: whether it asks the house for something now, or says something about a
device that asks nothing of it — what someone else did ("the kids turned the heating up"), how it usually goes ("my
husband turns the heating up every time", "my dad always leaves the garage light on"), someone else's duty ("someone
should lock the back door"), a plan said without its subject ("about to turn the tv off"), someone else's act wished
for ("I wish someone would turn the porch light off").

Such a clause names a device and a verb as a command does; only who is to act, and when, tell it apart: the subject
said first and the words between it and the verb (a past form, a habit's adverb, a duty's modal). Acting on it would
be a guess: alone it is asked back ("Did you mean: …?"), beside a command it is news, no part of the command ("the kids
turned the heating up, turn it back down").
"""

from __future__ import annotations

from assistant.understand.frames import _NEWS_PAST as NEWS_PAST
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import Mention
from assistant.understand.talk import HABIT_ADVERBS, HEDGES, INTENDING, _past, regretted
from assistant.understand.vocabulary import (
    DAY_PARTS,
    LATER_WORDS,
    PAST_FORMS,
    QUESTION_STARTS,
    REPORT_ADVERBS,
    SPEAKER_WORDS,
    SUBJECTS,
    VERBS,
    WANTING,
    WHEREABOUTS,
    WHOEVER,
    accounted,
    as_number,
    verb_of,
)
from assistant.understand.when import DAY_WORDS

DONE = "done"  # "the kids turned the heating up": what someone else did, as news
HABIT = "habit"  # "my husband turns the heating up every time", "my dad always leaves the garage light on"
DUTY = "duty"  # "somebody needs to turn the tv off", "dad has to unlock the garage door": another's to do
PLAN = "plan"  # "about to turn the tv off", "gonna lock up": the speaker's own, subject left out
WISH = "wish"  # "I wish someone would turn the porch light off": another's act wished for, not asked of the house
REGRET = "regret"  # "I wish I'd closed the curtains", "we should have locked the back door": the past wished otherwise
NEWS = frozenset({DONE, HABIT, REGRET})  # what was or usually is: beside a command, why, never part of it ("the kids
# turned the heating up, turn it back down"); a duty, a wish or a plan reaches a command joined to it ("someone should
# lock the back door and turn off the tv"): all of it asked

DUTIES = LEXICON.phrases("duties")  # "should", "needs to", "is supposed to": what someone is to do
PLAN_STARTS = LEXICON.phrases("plan_starts")  # "about to", "gonna", "going to": a plan said first, its subject left out
HABIT_LEADS = LEXICON.phrases("habit_leads")  # "tends to", "used to": how it went or goes, not asked now
PEOPLE_LEADS = {"the", "my", "our", "his", "her", "their"}  # "the kids", "my dad": someone said with a word before
_ASKED = SPEAKER_WORDS | {"you"}  # "we should …", "you should …" ask the house (dev: "I think you should close …")


def mood(tokens: list[str], mentions: list[Mention]) -> str | None:
    """The mood of a clause that names a verb of the house but asks nothing of it now; None for one read as said (a
    request, a question, or the speaker's own news, which `frames._reported` and `talk` read)."""
    if not tokens or tokens[0] in QUESTION_STARTS:
        return None
    if _planned(tokens):
        return PLAN
    if regretted(tokens):
        return REGRET
    named = {i for m in mentions if m.kind in ("device", "type", "area") for i in range(m.start, m.end)}
    speaker = tokens[:1] in (["i"], ["we"]) and tokens[1:2] != ["want"]  # "we usually lock up at ten": their days
    end = 1 if speaker else _someone(tokens, named)
    if end is None:
        return None
    who, rest = tokens[:end], [t for t in tokens[end:] if t not in HEDGES and t not in REPORT_ADVERBS - {"all"}]
    if not speaker and _duty(rest):
        return DUTY  # "someone should lock the back door", "the kids are supposed to turn the tv off"
    wished = end >= 3 and tokens[end - 3:end - 1] == ["i", "want"]  # "i wish (read "want") someone …"
    if wished and rest[:1] == ["would"] and _acts(rest[1:]):
        return WISH  # "i wish someone would turn the porch light off"
    if wished or who[-1:] == ["someone"] or who[-1:] == ["somebody"]:
        return None
    if (rest[:1] and rest[0] in HABIT_ADVERBS and _acts(rest[1:])) or any(
            tuple(rest[:len(p)]) == p and _acts(rest[len(p):]) for p in HABIT_LEADS):
        return HABIT  # "my dad always leaves the garage light on", "the kids tend to leave the tv on"
    if not speaker and rest[:1] and _third_person(rest[0]):
        return HABIT  # "my husband turns the heating up every time he comes in"
    if rest[:1] and _past(rest[0]) and VERBS.get(_past(rest[0]) or "") is not None:
        return DONE  # "the kids turned the heating up", "my neighbour switched her sprinkler on"
    return None


def _someone(tokens: list[str], named: set[int]) -> int | None:
    """Where the words naming someone other than the speaker or the house end, said first: "someone", "the kids", "my
    dad", "dad", "mum and dad" ("i wish someone …": after the wish); None where no one is said first."""
    start = 2 if tokens[:2] == ["i", "want"] else 0
    at = start + (tokens[start:start + 1] != [] and tokens[start] in PEOPLE_LEADS)
    if at >= len(tokens) or at in named or tokens[at] in _ASKED or not tokens[at].isalpha():
        return None
    if tokens[at] in SUBJECTS | WHOEVER:
        return at + 1
    person = at > start or not accounted(tokens[at])  # "my dad", "the kids"; "dad" alone a word nothing explains
    return at + 1 if person and verb_of(tokens[at]) is None and at + 1 < len(tokens) and at + 1 not in named else None


def _duty(rest: list[str]) -> bool:
    """A duty said first ("should lock …", "needs to turn …") and a verb of the house after it ("the dog needs to go
    out", "the heating needs to be at 22" ask or tell)."""
    return any(tuple(rest[:len(p)]) == p and _acts(rest[len(p):]) for p in DUTIES)


def _acts(after: list[str]) -> bool:
    """A verb of the house said next ("turn", "lock", "switch", "leave"), never "be" or "go" (a state asked for or
    told)."""
    return bool(after) and after[0] not in ("be", "go", "get", "need", "have") and (
        verb_of(after[0]) is not None or after[0] in ("leave", "leaves", "keep", "keeps"))


def _third_person(token: str) -> bool:
    """ "turns", "switches", "leaves": a verb of the house said of someone as what they do."""
    return token in ("leaves", "keeps") or (any(stem in VERBS for stem in (token[:-1], token[:-2])) and token.endswith(
        "s") and len(token) > 3)


def _planned(tokens: list[str]) -> bool:
    """ "about to turn the tv off", "gonna lock up": a plan said first, with no subject and a verb of the house after
    it ("gonna need the heating on" wants it: asked of the house)."""
    return any(tuple(tokens[:len(p)]) == p and _acts(tokens[len(p):]) and tokens[len(p)] not in WANTING
               for p in PLAN_STARTS)


def planned_then(part: list[str]) -> bool:
    """ "i will watch later", "we are going to park the car tomorrow": a part that is the speaker's own plan, with a
    loose time; not one that says where the speaker will be ("we'll be away tomorrow": the house may be meant ready for
    then)."""
    planned = part[2:3] if part[1:2] in (["am"], ["are"]) else part[1:2]
    return part[:1] in (["i"], ["we"]) and bool(planned) and planned[0] in INTENDING and bool(
        (LATER_WORDS | DAY_PARTS | DAY_WORDS) & set(part)) and not WHEREABOUTS & set(part)


def done_then(part: list[str]) -> bool:
    """ "nobody used it all week", "it rained all night", "we watched it yesterday": a part that says what someone did,
    or what was, with the time it was then."""
    return part[:1] != [] and part[0] in SUBJECTS | {"nobody", "it", "everyone", "everybody"} and bool(
        then_said(part)) and (
        any(t in NEWS_PAST | PAST_FORMS | {"did", "has", "have", "had"} or (t.endswith("ed") and len(t) >= 4)
            for t in part[1:3]))


def then_said(part: list[str]) -> list[int]:
    """Where a part says the time it was: "yesterday", "last night", "all week", "a minute ago", "10 minutes ago"."""
    said: list[int] = []
    for i, t in enumerate(part):
        if t == "yesterday":
            said.append(i)
        elif t == "last" or (t == "all" and part[i + 1:i + 2] != [] and part[i + 1] in DAY_PARTS | {"day", "week",
                                                                                                   "weekend"}):
            said += [i, i + 1][:len(part) - i]
        elif t == "ago":
            count = i - 2 if i >= 2 and (part[i - 2] in ("a", "an") or as_number(part[i - 2]) is not None) else i - 1
            said += range(max(count, 0), i + 1)
    return said
