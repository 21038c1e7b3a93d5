"""What is said back to the assistant: answers to its questions and corrections of what it just did. The words that
hedge ("maybe the kitchen one"), refuse ("neither"), leave the choice to it ("either"), say it again ("make that the
reading lamp"), take it back ("undo that"), and the question asked before doing what was hedged. The conversation's
state stays in the understander; these read words only."""

from __future__ import annotations

from dataclasses import replace

from assistant.registry import Registry
from assistant.tools import TOOLS, ToolCall
from assistant.understand.normalize import CLAUSE_BREAK

NOTHING_TO_UNDO = "There's nothing for me to undo."
NOT_CAUGHT = "Sorry, I didn't catch a command there."
REFUSED = "Okay, I won't do anything."
REDOING = (("make", "that"), ("change", "that", "to"), ("switch", "that", "to"), ("make", "it", "the"))
HEDGES = {"maybe", "perhaps", "probably", "possibly", "think", "guess", "suppose", "reckon"}  # "… one i think"
REFUSALS = {"neither", "none", "nothing", "nor"}  # "Which one?" … "neither", "none of them"
INDIFFERENT = {"either", "whichever", "any", "yes"}  # "Which one?" … "either": asked again, never a guess
EVERY_PLACE = {"everywhere", "everything"}  # "Which one?" … "everywhere": every option
_AROUND = {"of", "them", "those", "these", "the", "1", "ones", "is", "fine", "thanks", "thank", "you", "please", "no"}
_UNDONE = {"that", "it", "them", "this", "those", "how", "was", "were", "they", "the", "way", "again"}
_FORBIDDING = {"no", "do", "not", "that", "it", "please", "wait", "oh", "actually"}
UNDOING = ({"undo"}, {"revert"}, {"reverse"}, {"put", "back"}, {"change", "back"}, {"set", "back"},
           {"switch", "back"}, {"turn", "back"})


def unhedged(tokens: list[str]) -> list[str]:
    """The answer without its hedges ("maybe", "i think"), "everywhere" read as every option ("all")."""
    return ["all" if t in EVERY_PLACE else t for i, t in enumerate(tokens)
            if t not in HEDGES and not (t == "i" and tokens[i + 1:i + 2] and tokens[i + 1] in HEDGES)]


def refuses(tokens: list[str]) -> bool:
    """ "neither", "none of them", "neither of them thanks": no option is wanted."""
    words = set(tokens) - {CLAUSE_BREAK}
    return bool(words & REFUSALS) and words <= REFUSALS | _AROUND


def leaves_it(tokens: list[str]) -> bool:
    """ "either", "whichever", "either one is fine", "yes": the choice left to the assistant, which never guesses."""
    words = set(tokens) - {CLAUSE_BREAK}
    return bool(words & INDIFFERENT) and words <= INDIFFERENT | _AROUND


def undoing(tokens: list[str]) -> bool:
    """ "undo that", "put them back", "change it back how it was": the last command taken back, nothing new said."""
    return set(tokens) - _UNDONE in UNDOING


def forbids(tokens: list[str]) -> bool:
    """ "no, don't", "don't do that", "no no don't": said just after a command, it takes back what it did (the house
    acts at once, so a "don't" can only mean undo it); a "don't" with more in it is a sentence of its own."""
    words = set(tokens) - {CLAUSE_BREAK}
    return {"do", "not"} <= words and words <= _FORBIDDING


def further(call: ToolCall) -> ToolCall:
    """The call "a bit more" repeats: a cover opened or closed moves a step further; anything else is done again."""
    way = {"open_cover": 1, "close_cover": -1}.get(call.tool)
    step = TOOLS["step_position"].default_step or 0.0
    return replace(call, tool="step_position", value=way * step) if way else call


def did_you_mean(calls: list[ToolCall], registry: Registry) -> str:
    """The question asked of calls not done before a yes; a device named with its room where another shares its name
    ("turn on the kitchen ceiling light"): the question must say which."""
    from assistant.answer.reply import spoken_name  # here: the understanding runs without the MQTT client

    said = "; ".join(c.imperative(spoken_name(registry[c.device], registry)) for c in calls)
    return f"Did you mean: {said}? Please say yes or no."
