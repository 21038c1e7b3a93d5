"""The refusals: "don't X" (not done, or X cannot be prevented), "don't X, do Y" (Y done where it is
safe to), and a command taken back ("…, just kidding"); RuleMatcher inherits `Refusing`."""

from __future__ import annotations

from collections.abc import Callable

from assistant.registry import Registry
from assistant.tools import ToolCall
from assistant.understand.calls import _OPPOSED
from assistant.understand.clause import OUT_OF_HOME, Clause, RuleResult
from assistant.understand.mentions import MentionFinder
from assistant.understand.normalize import CLAUSE_BREAK
from assistant.understand.splitting import _retracts
from assistant.understand.vocabulary import NEGATIONS, accounted, verb_of

WONT = "Okay, I won't."
EITHER_WAY = "Should I do it, or not?"  # "open the garage door, or don't, whatever": neither is asked for
CANT_PREVENT = "Sorry, I can't keep anything from happening; I can only change a device now."  # "stop the heating
# from coming on": never an "Okay" that pretends it will


def _refused(tokens: list[str]) -> bool:
    """A command refused before its verb: said first ("don't leave the porch light …") or after "you" ("I'd rather you
    didn't lock the back door and turn off the tv"); not a report ("the garage door didn't close, close it again")."""
    said = tokens[:next((i for i, t in enumerate(tokens) if verb_of(t)), 2)]
    return bool(NEGATIONS & set(said[:2]) or ("you" in said and NEGATIONS & set(said[said.index("you"):])))


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


class Refusing:
    """What is said not to be done: RuleMatcher's reading of a "don't" and of a command taken back (RuleMatcher
    inherits it and sets these attributes)."""

    registry: Registry
    mentions: MentionFinder
    match: Callable[..., RuleResult]

    def _forbidden(self, tokens: list[str]) -> RuleResult:
        """A sentence that starts "don't" or "never": the command after it where that is safe ("don't wake the baby,
        mute the tv"), else none of it done, whatever follows."""
        after = self._after_forbidden(tokens)
        if after is not None:  # "don't wake the baby, mute the tv": the command after it is done
            return after
        return RuleResult(replies=[self._not_done(tokens)])  # a sentence that starts "don't" is not done, whatever
        # follows

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

    @staticmethod
    def _taken_back(clauses: list[Clause]) -> str | None:
        """The answer to a sentence that takes its own command back, a device's or a timer's alike: "…, just kidding",
        "…, no wait, never mind" are not done ("Okay, I won't."); "…, or don't, whatever" is asked. None otherwise."""
        if any(_retracts(c.tokens) for c in clauses[1:]):
            return WONT
        return EITHER_WAY if any(c.unclear and c.ask == EITHER_WAY for c in clauses) else None
