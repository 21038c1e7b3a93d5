"""Where a sentence splits into clauses, and where not: exclusions, contrasts, "so", restarts, retractions."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from assistant.tools import COLORS
from assistant.understand.clause import Clause
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import PLURAL_TYPE_WORDS, Mention
from assistant.understand.mood import LEAVING
from assistant.understand.normalize import CLAUSE_BREAK
from assistant.understand.vocabulary import (
    CLOSINGS,
    COMMAND_STARTS,
    DISMISSALS,
    EVERYTHING_WORDS,
    EXCLUSIONS,
    MODALS,
    NEGATED_WISHES,
    NEGATING_BEFORE,
    NEGATIONS,
    OFFERED_AGAINST,
    ON,
    OPPOSITE,
    PARTICLES,
    QUESTION_STARTS,
    RETRACTING,
    SPEEDS,
    SPLITTERS,
    STATES,
    SUBJECTS,
    accounted,
    as_number,
    verb_of,
)


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


def _self_cancelled(tokens: list[str]) -> bool:
    """ "open the garage door, or don't, whatever", "switch the kettle on, or maybe not", "turn off the tv, or leave
    it", "set the lamp to 40, or whatever feels right", "turn the fan off, or on, either way": a command offered with
    its own negation, the device left as it is, the house's choice or the other way asks for neither. A question
    offers both ("is the tv on or not", "tell me if the door is locked or not", "the porch light on or off")."""
    if (tokens[:1] and tokens[0] in QUESTION_STARTS - MODALS) or {"if", "whether"} & set(tokens):
        return False
    for i, t in enumerate(tokens):
        rest = [w for w in tokens[i + 1:] if w not in (CLAUSE_BREAK, "maybe", "perhaps", "just", "then")]
        if t != "or":
            continue
        if any(tuple(rest[:len(phrase)]) == phrase for phrase in OFFERED_AGAINST):
            return True
        way = tokens[i + 1:i + 2]  # ", or on,": the other way said alone, after a command's verb
        told = {PARTICLES.get(w) for w in tokens[:i]}
        if way and way[0] in PARTICLES and tokens[i + 2:i + 3] in ([], [CLAUSE_BREAK]) and OPPOSITE.get(
                PARTICLES[way[0]]) in told and any(verb_of(w) for w in tokens[:i]):
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
    closed = at == 0 and tuple(tokens) in CLOSINGS  # "…, that's all": nothing more, the command stands
    return at < len(tokens) and ((tuple(tokens[at:]) in DISMISSALS and not closed) or (at > 0 and kept) or said_whole)


def _verb_said_after(clauses: list[Clause]) -> list[Clause]:
    """ "tv and speaker off", "the kitchen and bedroom lights off": names said before a command whose verb comes after
    its own name get that command too, as one verb said first reaches the names after it. News said so is news of
    them all: "the front door and the back door are unlocked" (the front door was unlocked)."""
    for clause, after in reversed(list(pairwise(clauses))):
        if clause.intent is None and clause.value is None and not clause.question and not clause.reason and (
                clause.devices or clause.type_mention) and not _unknown_words(clause) and after.intent is not None \
                and not after.question and after.tokens and verb_of(after.tokens[0]) is None \
                and any(after.said_here(m) for m in after.mentions if m.kind in ("device", "type")):
            if after.report:
                clause.report = clause.unclear = True
                continue
            clause.intent, clause.value, clause.value_kind = after.intent, after.value, after.value_kind
    return clauses


def _negation_said_before(clauses: list[Clause]) -> list[Clause]:
    """ "I don't want the tv and the speaker on", "don't leave the front door and the back door unlocked": a negated
    wish or "leave" said before two names joined by "and" is said of both, so the state said after the last name is
    the way neither should be: one clause, each told the other way (the speaker was turned on, the back door
    unlocked). A clause with a verb of its own after the "and" is its own ("no need to close the blinds and keep the
    curtains open": the curtains were closed)."""
    joined: list[Clause] = []
    for clause in clauses:
        before = joined[-1] if joined else None
        if before is None or not _negated_wish(before) or clause.intent not in OPPOSITE or clause.value is not None \
                or clause.question or clause.report or verb_of(clause.tokens[0]) is not None \
                or clause.tokens[0] in LEAVING or not any(
                    m.kind in ("device", "type") and set(STATES) & set(clause.tokens[m.end:]) for m in clause.mentions):
            joined.append(clause)
            continue
        at = len(before.tokens) + 1
        joined[-1] = replace(before, tokens=[*before.tokens, "and", *clause.tokens], intent=OPPOSITE[clause.intent],
                             negated=False, unclear=False, mentions=[*before.mentions, *(
                                 replace(m, start=m.start + at, end=m.end + at) for m in clause.mentions)])
    return joined


def _negated_wish(clause: Clause) -> bool:
    """ "I don't want the tv", "don't leave the front door": a negated wish or "leave" whose clause ends with what it
    is said of, the state left for what follows."""
    tokens, named = clause.tokens, [m for m in clause.mentions if m.kind in ("device", "type")]
    at = next((i for i, t in enumerate(tokens) if t in NEGATIONS), None)
    return at is not None and bool(set(tokens[at + 1:at + 2]) & NEGATED_WISHES) and bool(named) \
        and all(m.start > at for m in named) and max(m.end for m in named) == len(tokens) and not _unknown_words(clause)


def _exclusion_at(tokens: list[str], first: bool = False) -> int | None:
    """Where "except", "but not", "apart from", "other than" starts in a clause; "not" and "but" only
    when they cannot be a negation ("turn on the kitchen lights not the counter lights") or a plain "but".
    `first`: the clause may start with it ("apart from the tv, …")."""
    for i in range(0 if first else 1, len(tokens)):
        for phrase in EXCLUSIONS:
            if tuple(tokens[i:i + len(phrase)]) != phrase or i + len(phrase) >= len(tokens):
                continue
            before = tokens[i - 1] if i else ""
            if phrase == ("not",) and (not i or before in NEGATING_BEFORE or tokens[i + 1] in STATES or tokens[
                    0] == "why"):  # "should not", "do not": a negation; "are the lights not on in the kitchen": a
                continue  # state denied; "why is the fan not turning": what it does not do, asked
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
    return rest[:1] == ["so"] and len(rest) > 1 and (rest[1] in COMMAND_STARTS or _may_become(rest)) and bool(
        piece) and not any(t in COMMAND_STARTS for t in piece)


def _may_become(rest: list[str]) -> bool:
    """ "(the guests have gone) so the porch light can go off", "(mum's asleep) so the tv can go off": after "so", a
    thing said to be able to go a way, the wish that it does, as "the tv can go off" alone is; never what someone may do
    ("so we can go out")."""
    able = next((m for m in range(2, min(len(rest), 7)) if rest[m] in ("can", "could")), None)
    return able is not None and rest[1] in ("the", "my", "our", "all") and any(
        t in PARTICLES for t in rest[able + 1:able + 4]) and not any(t in SUBJECTS for t in rest[1:able])


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


def _unknown_words(clause: Clause) -> list[str]:
    """The words of a clause about to be replaced or merged that its parse did not account for."""
    said = {i for m in clause.mentions if clause.said_here(m) for i in range(m.start, m.end)}
    return [*clause.carried, *(t for i, t in enumerate(clause.tokens) if i not in said and not accounted(t))]


_CUT_AT = {"the", "a", "an", "my", "our", "your"}  # no phrase ends on these: "dim the lights in the, …" was cut short
_LEADING = {"in", "on", "at", "to", "of", "into", "for", "from", "with"}  # "in the": cut short with its preposition


def _neither_as_and(tokens: list[str]) -> list[str]:
    """ "neither the kettle nor the coffee machine should be on" -> "the kettle and the coffee machine should not be
    on"; "I want neither the tv nor the speaker on" -> "I do not want the tv and the speaker on": the two joined by
    "and", the negation put where the state or the wish is said, as the sentence means it of both (the rules guessed
    "turn on" both and asked it). Left as said where no wish, modal or copula says where the negation goes ("turn on
    neither the tv nor the speaker": held by its words)."""
    if tokens.count("neither") != 1 or tokens.count("nor") != 1 or tokens.index("nor") < tokens.index("neither") or \
            NEGATIONS & set(tokens[:tokens.index("neither")]):  # "I don't want neither …": as said, asked
        return tokens
    first, joint = tokens.index("neither"), tokens.index("nor")
    said = [*tokens[:first], *tokens[first + 1:joint], "and", *tokens[joint + 1:]]
    joint -= 1
    wish = next((k for k in range(first) if said[k] in ("want", "need")), None)
    if wish is not None and not any(verb_of(t) for t in said[:first]):  # "I want neither …": not wanted
        return [*said[:wish], "do", "not", *said[wish:]]
    state = next((k for k in range(joint + 1, len(said)) if said[k] in {*MODALS, "should", "must", "is", "are"}), None)
    if first == 0 and state is not None:
        return [*said[:state + 1], "not", *said[state + 1:]]
    return tokens


_SAID_OF_EACH = LEXICON.derived(lambda: MODALS | LEXICON.words("each_denied"))  # "need", "should", "is" …: where
# the negation of "none of" goes


def _none_as_not(tokens: list[str]) -> list[str]:
    """ "none of the lights need to be on" -> "the lights do not need to be on"; "none of the kitchen lights should be
    on" -> "the kitchen lights should not be on": said first, "none of" is the negation put where the need, the modal
    or the copula is said, as the sentence means it of each (the rules asked to turn them all on). Left as said where
    none of them follows ("none of the lights work")."""
    if tokens[:2] != ["none", "of"]:
        return tokens
    said = tokens[2:]
    state = next((k for k, t in enumerate(said) if t in _SAID_OF_EACH), None)
    if state is None or NEGATIONS & set(said):
        return tokens
    if said[state] in ("need", "needs"):
        return [*said[:state], "do", "not", "need", *said[state + 1:]]
    return [*said[:state + 1], "not", *said[state + 1:]]


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
