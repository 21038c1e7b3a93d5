"""The mood of a clause, read from its form: whether it asks the house for something now, or says something about a
device that asks nothing of it — what someone else did ("the kids turned the heating up"), how it usually goes ("my
husband turns the heating up every time", "my dad always leaves the garage light on"), someone else's duty ("someone
should lock the back door"), a plan, said without its subject ("about to turn the tv off") or by it ("i will switch
the kettle on myself", "sir I'll turn off the tv"), someone else's act wished for ("I wish someone would turn the
porch light off").

Such a clause names a device and a verb as a command does; only who is to act, and when, tell it apart: the subject
said first and the words between it and the verb (a past form, a habit's adverb, a duty's modal). Acting on it would
be a guess: alone it is asked back ("Did you mean: …?"), beside a command it is news, no part of the command ("the kids
turned the heating up, turn it back down").

The other readers of who a clause is said of ask this module: whether it starts with whom it tells of (`tells_of`),
what a subject said first did or is doing (`told_done`, the head of `frames.reported`), the speaker leaving
(`leaving`), a verb in the past (`past`), the past wished otherwise (`regretted`) and what a plan's intent leads to
(`planned`, of "i should …" too); it imports none of them.
"""

from __future__ import annotations

from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import Mention
from assistant.understand.normalize import ADDRESSES, CLAUSE_BREAK, DETERMINERS
from assistant.understand.vocabulary import (
    CHANGES,
    DAY_PARTS,
    LATER_WORDS,
    PAST_FORMS,
    QUESTION_STARTS,
    REPORT_ADVERBS,
    REPORT_COPULAS,
    SPEAKER_WORDS,
    STATES,
    SUBJECTS,
    TERMS_OF_ADDRESS,
    VERBS,
    WANTING,
    WHEREABOUTS,
    WHOEVER,
    accounted,
    as_number,
    ed_stems,
    noun_first,
    verb_of,
)
from assistant.understand.when import DAY_WORDS

DONE = "done"  # "the kids turned the heating up": what someone else did, as news
HABIT = "habit"  # "my husband turns the heating up every time", "my dad always leaves the garage light on"
DUTY = "duty"  # "somebody needs to turn the tv off", "dad has to unlock the garage door": another's to do
PLAN = "plan"  # "about to turn the tv off", "i will switch the kettle on myself": the speaker's own, or another's
WISH = "wish"  # "I wish someone would turn the porch light off": another's act wished for, not asked of the house
REGRET = "regret"  # "I wish I'd closed the curtains", "we should have locked the back door": the past wished otherwise
NEWS = frozenset({DONE, HABIT, REGRET})  # what was or usually is: beside a command, why, never part of it ("the kids
# turned the heating up, turn it back down"); a duty, a wish or a plan reaches a command joined to it ("someone should
# lock the back door and turn off the tv"): all of it asked

NEWS_PAST = LEXICON.words("news_past")  # "I've had a long week, …", "the bathroom got steamy, …": what happened
INTENDING = LEXICON.words("intending")  # "i will switch the kettle on myself": a plan, not a request
HABIT_ADVERBS = LEXICON.words("habit_adverbs")  # "you always turn the lights off": how it usually goes
MOOD_HEDGES = LEXICON.words("mood_hedges")  # "i should really …", "someone should honestly …": the same mood
# (not answers.HEDGES, the doubts of an answer: "the kitchen one i think" is not done before a yes)
REGRET_MODALS = LEXICON.words("regret_modals")  # "should have …": what was not done
REGRET_AUXILIARIES = LEXICON.words("regret_auxiliaries")  # "have", "had", "would" before a past form
DUTIES = LEXICON.phrases("duties")  # "should", "needs to", "is supposed to": what someone is to do
PLAN_STARTS = LEXICON.phrases("plan_starts")  # "about to", "gonna", "going to": a plan said first, its subject left out
HABIT_LEADS = LEXICON.phrases("habit_leads")  # "tends to", "used to": how it went or goes, not asked now
PEOPLE_LEADS = LEXICON.words("people_leads")  # "the kids", "my dad": someone said with a word before
NOT_ACTS = LEXICON.words("not_acts")  # "be", "go": a state asked for or told, never a verb of the house done
SAID_AS_COMMANDS = LEXICON.words("said_as_commands")  # past forms that are also the bare verb: "the heating set to 20"
HABIT_LEAVING = LEXICON.words("habit_leaving")  # "the kids keep leaving the tv on", "(we) have been leaving the porch
# light on": a state left, complained of or told
LEAVING = LEXICON.words("leaving_verbs")  # "leave", "keeps": a state left as it is, done as a verb of the house is
# "we should …", "you should …" ask the house (dev: "I think you should close …")
_ASKED = LEXICON.derived(lambda: SPEAKER_WORDS | {"you"})


def mood(tokens: list[str], mentions: list[Mention]) -> str | None:
    """The mood of a clause that names a verb of the house but asks nothing of it now; None for one read as said (a
    request, a question, or the speaker's own news, which `frames.reported` and `talk` read)."""
    if not tokens or tokens[0] in QUESTION_STARTS:
        return None
    if _plan_said_first(tokens):
        return PLAN
    if regretted(tokens):
        return REGRET
    named = {i for m in mentions if m.kind in ("device", "type", "area") for i in range(m.start, m.end)}
    where = _where_said_first(tokens)  # "at the office they keep …": whom it is said of, after where
    said = _said_of_whom(tokens[where:], {i - where for i in named if i >= where})
    if said is None and where and tokens[where] in ("i", "we") and _acts(tokens[where + 1:]):
        return HABIT  # "in our house we keep the heating at 20", "at night I turn the heating down": how it goes there
    if said is None and _plan_said_by(tokens, named):
        return PLAN  # "i will switch the kettle on myself" ("we usually put the heating on at six" is a habit: news)
    return said


def _where_said_first(tokens: list[str]) -> int:
    """Where the subject starts after a place said first ("at the office they keep the aircon freezing", "in our house
    we …"): "at" or "in" and a word or three, none a verb, then a subject word; 0 where the clause starts otherwise."""
    if tokens[:1] not in (["at"], ["in"]):
        return 0
    return next((k for k in range(2, min(5, len(tokens) - 1)) if tokens[k] in SUBJECTS - {"you", "someone", "somebody"}
                 and not any(verb_of(t) for t in tokens[1:k])), 0)


def _said_of_whom(tokens: list[str], named: set[int]) -> str | None:
    """The mood read from whom a clause is said of, said first, and the words after them: a duty, a wish, a habit or
    what was done; None for none of them. `named`: the indexes of the words that name devices or rooms."""
    speaker = tokens[:1] in (["i"], ["we"]) and tokens[1:2] != ["want"]  # "we usually lock up at ten": their days
    end = 1 if speaker else _someone(tokens, named)
    if end is None:
        return None
    who, rest = tokens[:end], [t for t in tokens[end:] if t not in MOOD_HEDGES and t not in REPORT_ADVERBS - {"all"}]
    if not speaker and _duty(rest):
        return DUTY  # "someone should lock the back door", "the kids are supposed to turn the tv off"
    if not speaker and _will_do(rest):
        return PLAN  # "the cleaner will turn on the robot vacuum", "someone will lock the front door", "dad is going
        # to lock up": what another will do, as the speaker's own plan is
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
    if others_said(who) and _acts(rest) and past(rest[0]) is None:
        return HABIT  # "they keep the aircon freezing", "my parents turn the heating up every night": what others do,
        # said in the plain present (helper V, batch 69)
    if VERBS.get(_done(rest) or "") is not None:
        return DONE  # "the kids turned the heating up", "my neighbour has switched her sprinkler on"
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
    return at + 1 if person and (verb_of(tokens[at]) is None or noun_first(tokens, at)) and at + 1 < len(
        tokens) and at + 1 not in named else None  # "the wind (knocked the porch light off)": what did it


def others_said(who: list[str]) -> bool:
    """ "they", "the kids", "my parents": others, more than one, said as a subject (a verb in the plain present after
    them tells what they do; after one person's name it is said to that person, read elsewhere)."""
    return who == ["they"] or (len(who) == 2 and who[0] in PEOPLE_LEADS and len(who[1]) > 3 and who[1].endswith(
        "s") and not who[1].endswith("ss"))


def _duty(rest: list[str]) -> bool:
    """A duty said first ("should lock …", "needs to turn …") and a verb of the house after it ("the dog needs to go
    out", "the heating needs to be at 22" ask or tell)."""
    return any(tuple(rest[:len(p)]) == p and _acts(rest[len(p):]) for p in DUTIES)


def _will_do(rest: list[str]) -> bool:
    """ "will turn on …", "is going to lock …", "are about to switch …": a verb of the house said after "will" or a
    plan's start, of whoever is said first."""
    rest = rest[1:] if rest[:1] in (["is"], ["are"]) else rest
    lead = 1 if rest[:1] == ["will"] else next((len(p) for p in PLAN_STARTS if tuple(rest[:len(p)]) == p), 0)
    return bool(lead) and _acts(rest[lead:])


def _acts(after: list[str]) -> bool:
    """A verb of the house said next ("turn", "lock", "switch", "leave"), never "be" or "go" (a state asked for or
    told)."""
    return bool(after) and after[0] not in NOT_ACTS and (verb_of(after[0]) is not None or after[0] in LEAVING)


def _third_person(token: str) -> bool:
    """ "turns", "switches", "leaves": a verb of the house said of someone as what they do."""
    stems = (token[:-1], token[:-2])
    return token.endswith("s") and (token in LEAVING or (any(stem in VERBS for stem in stems) and len(token) > 3))


def tells_of(tokens: list[str]) -> bool:
    """A clause that starts with whom it tells of, by a subject word ("i", "we", "he", "someone"; lexicon `subjects`)
    other than "you" (said to the house): news, a plan or a doing of the speaker's or someone else's, never a request
    as said ("I'm fixing to lock the back door", "he texted me turn the heating on", "we left the porch light on")."""
    return tokens[:1] != [] and tokens[0] in SUBJECTS - {"you"}


def told_done(tokens: list[str]) -> bool:
    """What someone said first by a subject word did, did not do or is doing, as news: "i just unlocked the front
    door", "we left the porch light on", "I've just turned the heating down", "you didn't leave the kettle on", "i am
    heading out" (a word no table knows: "heading" is not the heating). `mood` reads the same of people named ("the
    kids turned the heating up"), where a verb of the house must follow."""
    if not tokens or tokens[0] not in SUBJECTS:
        return False
    rest = [t for t in tokens[1:] if t not in REPORT_ADVERBS]
    if _done(rest) is not None:
        return True
    if rest[:2] == ["did", "not"] and rest[2:3]:
        return True  # (with "did you?", a question)
    if "already" in tokens and rest[:1] and (rest[0] in ("on", "off") or verb_of(rest[0]) is not None):
        return True  # Singlish "i off the light already", "i turn off the tv already": done, as "I turned off …" is
    return bool(rest[:1]) and rest[0] in REPORT_COPULAS | {"am"} and rest[1:2] != [] and (
        rest[1].endswith("ing") and not accounted(rest[1])) and not any(verb_of(t) for t in rest[2:])


def done_unsaid_by(tokens: list[str]) -> bool:
    """What was done, told without who did it: a verb of the house in the past said first, past "just", "already",
    "finally" ("turned off the tv", "just unlocked the front door", "locked the back door"), as people type and say
    news of their own doing with the "I" left out. A past form that is also the bare verb ("set the heating to 20",
    "shut the garage door", "put the kettle on"; lexicon `said_as_commands`) is the command; so is a past form said
    alone after a name ("back door, locked": the way, misheard or typed loosely, asked)."""
    said = [t for t in tokens if t not in REPORT_ADVERBS]
    return len(said) > 1 and said[0] not in SAID_AS_COMMANDS and VERBS.get(past(said[0]) or "") is not None


def leaving(words: list[str]) -> bool:
    """ "I'm off", "we're out now": the speaker leaving, said beside a command ("I'm off, lock the front door"), not
    a device called "i am" turned off."""
    words = [t for t in words if t != CLAUSE_BREAK]
    return words[:2] in (["i", "am"], ["we", "are"]) and len(words) > 2 and all(
        t in WHEREABOUTS | {"off", "now", "just", "right", "then"} for t in words[2:])


def _done(rest: list[str]) -> str | None:
    """What the words after whom a clause tells of say was done: the verb of a past form said first ("turned",
    "left", "shut"), or after "have", "has" or "had" ("I've just turned the heating down", "I have left the porch light
    on", "we've shut the garage door"), as is a verb that changes a device said bare there ("I have turn off the tv":
    speech-to-text drops the "-ed"). "got" or "had" there is what happened to the speaker ("I've just got in and it's
    freezing", "I've had a long week", `NEWS_PAST`) unless a thing and its state follow it ("I've got the tv on",
    "I've had the heating on all day": how the speaker has it, news); "had" alone is itself a past form ("I had the
    heating on").
    The one reader of `told_done` (a subject word said first), `mood`'s DONE (people named) and the risk gate's
    reports."""
    doing = _been_doing(rest)
    if doing is not None:
        return doing
    if rest[:1] in (["have"], ["has"], ["had"]) and rest[1:2]:
        said = rest[1]
        if said in NEWS_PAST:
            if rest[2:3] and rest[2] in DETERMINERS and STATES.keys() & set(rest[3:]):
                return said
        elif verb_of(said) == said and VERBS.get(said) in CHANGES:
            return said
        elif past(said) is not None:
            rest = rest[1:]
    return past(rest[0]) if rest else None


def _been_doing(rest: list[str]) -> str | None:
    """ "(I) have been switching the desk lamp off at midnight", "(the kids) have been leaving the tv on": what has gone
    on for a while, said after "have been" by the -ing form of a verb of the house, is news of a habit, never a
    command (the desk lamp had been turned off at midnight; helper V, batch 76); the verb's stem, else None. "been"
    may be gone already (`report_adverbs`)."""
    at = 2 if rest[1:2] == ["been"] else 1
    if rest[:1] not in (["have"], ["has"], ["had"]) or not rest[at:at + 1] or not rest[at].endswith("ing"):
        return None
    doing = rest[at]
    stem = verb_of(doing)
    if stem is not None and VERBS.get(stem) in CHANGES:
        return stem
    return doing if doing in HABIT_LEAVING else None


def past(token: str) -> str | None:
    """ "turned", "unlocked", "left": a verb said in the past; its stem, or the past form itself."""
    if token in PAST_FORMS:
        return token
    return next((stem for stem in ed_stems(token) if stem in VERBS), None)


def regretted(tokens: list[str]) -> bool:
    """The past wished otherwise: "i wish i'd closed the curtains", "we should have locked the back door", "i ought to
    have turned the heating down", "if only i hadn't left the porch light on". What was not done then is no request
    now (doing it may be wrong: the curtains may be shut by now); a modal or "had" right before a verb in the past
    says so ("i'd set the heating to 20" is advice, read elsewhere)."""
    for i, t in enumerate(tokens):
        if t not in REGRET_AUXILIARIES:
            continue
        before = [w for w in tokens[:i] if w not in ("to", "not")][-1:]
        after = [w for w in tokens[i + 1:] if w not in ("not", "never", "just", "already")][:1]
        if not before or not after or past(after[0]) is None:
            continue
        if t in ("have", "had") and (before[0] in REGRET_MODALS or (t == "had" and before[0] in SUBJECTS)):
            return True  # "should have locked", "i had turned": a modal or "had" before the past
        if t == "would" and before[0] in SUBJECTS and (after[0].endswith("ed") or after[0] == "left"):
            return True  # "i'd closed" (heard "i would closed"; "i'd set …", "i'd shut …" may be "i would")
    return False


def _plan_said_first(tokens: list[str]) -> bool:
    """ "about to turn the tv off", "gonna lock up": a plan said first, with no subject and a verb of the house after
    it ("gonna need the heating on" wants it: asked of the house)."""
    return any(tuple(tokens[:len(p)]) == p and _acts(tokens[len(p):]) and tokens[len(p)] not in WANTING
               for p in PLAN_STARTS)


def _plan_said_by(tokens: list[str], named: set[int]) -> bool:
    """ "i will switch the kettle on myself", "we always turn the heating down", "sir I'll turn off the tv": a plan or
    a habit said by its subject (not "you", said to the house, nor "someone", whose act is asked or wished) and a word
    of intent ("will", "always", "about"), then a verb of any kind; "i would love the lamp on" wants it, "i'm going
    to bed" goes somewhere. `named`: the indexes of the words that name devices or rooms."""
    spoken = _after_whom(tokens, named)
    rest = [t for t in spoken[1:] if t not in REPORT_ADVERBS and t not in ("am", "are", "is", "was", "were")]
    return spoken[0] in SUBJECTS - {"you", "someone", "somebody"} and rest[:1] != [] and rest[0] in INTENDING and not (
        set(rest[1:2]) & (WANTING | {"love", "rather", "prefer"})) and planned(rest[1:])


def _after_whom(tokens: list[str], named: set[int]) -> list[str]:
    """ "sir I will turn off the tv", "ma'am I will open the curtains", "Sam I'll switch off the kettle": the words from
    the subject on, where the one word before it is a term of address or a word no table knows that names nothing in
    the home (a name): whom the rest is said to; else all of them ("maybe we could …" is the speaker's hedge)."""
    if len(tokens) > 2 and tokens[1] in SUBJECTS and 0 not in named and (
            tokens[0] in TERMS_OF_ADDRESS | ADDRESSES or (tokens[0].isalpha() and not accounted(tokens[0]))):
        return tokens[1:]
    return tokens


def planned(after: list[str]) -> bool:
    """What follows "i will", "we always", "i was about", "i'd never", "i should" is a verb of a plan ("switch the
    kettle on", "to lock the back door"); "i'm going to bed, turn everything off" goes somewhere, and then asks for
    something."""
    while after and after[0] in INTENDING | {"not"}:
        after = after[1:]
    if after[:1] == ["to"] and not (after[1:2] and verb_of(after[1])):
        return False  # "going to bed": a place, not a plan
    return any(verb_of(t) for t in after)


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
