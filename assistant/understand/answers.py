"""What is said back to the assistant: answers to its questions and corrections of what it just did. The words that
hedge ("maybe the kitchen one"), refuse ("neither"), leave the choice to it ("either"), say it again ("make that the
reading lamp"), take it back ("undo that"), and the question asked before doing what was hedged. The conversation's
state stays in the understander; these read words only."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer.agreement import be
from assistant.registry import Registry, spoken_name
from assistant.tools import TOOLS, ToolCall
from assistant.understand.lexicon import LEXICON
from assistant.understand.normalize import CLAUSE_BREAK
from assistant.understand.vocabulary import CLOSE, CORRECTIONS, OPEN, VERBS, verb_of

NOTHING_TO_UNDO = "There's nothing for me to undo."
NOT_CAUGHT = "Sorry, I didn't catch a command there."
REFUSED = "Okay, I won't do anything."
REDOING = (("make", "that"), ("change", "that", "to"), ("switch", "that", "to"), ("make", "it", "the"))
HEDGES = LEXICON.words("answer_hedges")  # "… one i think"
REFUSALS = LEXICON.words("answer_refusals")  # "Which one?" … "neither", "none of them"
INDIFFERENT = LEXICON.words("answer_indifferent")  # "Which one?" … "either", "yeah go on", "whatever": asked again,
# never a guess
EVERY_PLACE = LEXICON.words("answer_every_place")  # "Which one?" … "everywhere": every option
WHOLE_OF = LEXICON.words("whole_of")  # "the whole house", "the entire lot": all of it
_AROUND = {"of", "them", "those", "these", "the", "1", "ones", "is", "fine", "thanks", "thank", "you", "please", "no",
           "on", "it"}  # "either one is fine", "yeah go on", "just do it"
_UNDONE = {"that", "it", "them", "this", "those", "how", "was", "were", "they", "the", "way", "again"}
_FORBIDDING = {"no", "do", "not", "that", "it", "please", "wait", "oh", "actually", "sorry", "oops", "whoops"}
NAYS = LEXICON.words("nays")  # said alone just after a command: not that
YES_PHRASES = {("go", "on"), ("go", "on", "then"), ("why", "not"), ("sure", "why", "not"), ("go", "for", "it")}
WRONG_ONE = {("not", "that", "1"), ("wrong", "1"), ("the", "wrong", "1"), ("not", "this", "1"), ("not", "that")}
OTHER_WAY = {("the", "other", "way"), ("other", "way"), ("the", "opposite"), ("opposite",), ("do", "the", "opposite"),
             ("the", "wrong", "way"), ("wrong", "way"), ("the", "other", "direction"), ("wrong", "direction")}
OPPOSITE_WORDS = {"turn_on": "off", "turn_off": "on", "open_cover": "close", "close_cover": "open", "lock": "unlock",
                  "unlock": "lock", "mute": "unmute", "unmute": "mute", "media_play": "pause", "media_pause": "play"}
UNDOING = ({"undo"}, {"revert"}, {"reverse"}, {"put", "back"}, {"change", "back"}, {"set", "back"},
           {"switch", "back"}, {"turn", "back"})


HOLDS = {("what",), ("pardon",), ("sorry",), ("come", "again"), ("wait",), ("hang", "on"), ("hold", "on"),
         ("one", "sec"), ("one", "moment"), ("just", "a", "moment"), ("let", "me", "think")}  # no answer yet
THANKS = LEXICON.words("thanks_words")  # "thanks", "cheers mate": nothing asked, nothing to miss
HELP_ASKS = {("help",), ("help", "me"), ("what", "can", "you", "do"), ("what", "can", "i", "say"),
             ("what", "can", "i", "ask"), ("what", "can", "you", "control"), ("what", "do", "you", "do"),
             ("what", "devices", "do", "you", "control"), ("what", "devices", "are", "there"),
             ("what", "devices", "do", "i", "have"), ("list", "the", "devices"), ("how", "do", "i", "use", "this"),
             ("how", "does", "this", "work"), ("what", "are", "you", "able", "to", "do"),
             ("what", "commands", "do", "you", "know")}  # a new user asking what it is for
GREETED = LEXICON.words("greeted")  # "hello", "good morning"
APPROVAL = {"great", "perfect", "brilliant", "lovely", "cool", "awesome", "nice", "good", "fine", "better", "right",
            "alright"}
_SOCIAL = {"please", "so", "um", "uh", "ok", "okay", "then", "mate", "assistant", "you", "a", "lot", "very", "much",
           "again", "that", "thats", "s", "one", "there", "all", "is", "it", "now", "just", "job", "dear", "love",
           "darling", "buddy", "pal"} | APPROVAL  # said
# around thanks or a greeting: "thanks, that's great", "hi there"
_ASIDE = {"please", "so", "um", "uh", "ok", "okay", "then"}  # around a question of what it can do
_KINDS = {"light": "lights", "switch": "plugs and switches", "climate": "heating and cooling", "fan": "fans",
          "lock": "locks", "cover": "blinds and doors", "media_player": "the tv and speakers", "vacuum": "the hoover",
          "scene": "scenes", "sensor": "sensors"}


def holds(text: str) -> bool:
    """ "what?", "pardon?", "hang on", "wait": said to a question, its answer is not given yet (it is asked again)."""
    return tuple(w for w in re.findall(r"[a-z]+", text.lower()) if w not in ("um", "uh", "er", "please")) in HOLDS


def social_reply(text: str, registry: Registry) -> str | None:
    """The reply to thanks ("You're welcome."), a greeting, approval ("that's good") or what it can do ("what can you
    do", "help"): said of the home's own devices, with examples from them. None for anything else."""
    words = tuple(re.findall(r"[a-z]+", text.lower()))
    if words and set(words) & THANKS and set(words) <= THANKS | _SOCIAL | GREETED:
        return "You're welcome."
    if words and set(words) & GREETED and set(words) <= _SOCIAL | GREETED:
        return "Hello. What can I do for you?"
    if words and set(words) & APPROVAL and set(words) <= _SOCIAL | APPROVAL:
        return "Okay."  # "that's good", "perfect": nothing more to do
    if tuple(w for w in words if w not in GREETED | _ASIDE) not in HELP_ASKS:
        return None
    kinds = [_KINDS[t] for t in dict.fromkeys(d.type for d in registry)]
    light = next((d for d in registry if d.type == "light" and d.area), None)
    lock = next((d for d in registry if d.type == "lock"), None)
    examples = [f'"turn on the {light.area} lights"' if light else None,
                f'"{be(lock.name)} the {lock.said_name} locked?"' if lock else None, '"set a timer for 10 minutes"']
    return (f"I can control the {len(registry)} devices in your home ({', '.join(kinds[:-1])} and {kinds[-1]}), "
            f"answer questions about them and set timers. Try {', '.join(e for e in examples if e)}.")


def adds(tokens: list[str]) -> bool:
    """ "and the back door", "the study too", "the hall as well", "also the fan": more of what was just said, nothing
    of it replaced."""
    said = [t for t in tokens if t != CLAUSE_BREAK]
    return said[:1] == ["and"] or said[-1:] == ["to"] or said[-2:] == ["as", "well"] or "also" in said


def unhedged(tokens: list[str]) -> list[str]:
    """The answer without its hedges ("maybe", "i think"), "everywhere", "the whole house" read as every option
    ("all")."""
    said = ["all" if t in EVERY_PLACE else t for i, t in enumerate(tokens)
            if t not in HEDGES and not (t == "i" and tokens[i + 1:i + 2] and tokens[i + 1] in HEDGES)]
    return [t for i, t in enumerate(said) if not (t in WHOLE_OF and said[i - 1:i] == ["all"])]


def refuses(tokens: list[str]) -> bool:
    """ "neither", "none of them", "neither of them thanks": no option is wanted."""
    words = set(tokens) - {CLAUSE_BREAK}
    return bool(words & REFUSALS) and words <= REFUSALS | _AROUND


def leaves_it(tokens: list[str]) -> bool:
    """ "either", "whichever", "either one is fine", "yes", "go on then": the choice left to the assistant, which never
    guesses."""
    words = set(tokens) - {CLAUSE_BREAK}
    return (bool(words & INDIFFERENT) and words <= INDIFFERENT | _AROUND) or tuple(
        t for t in tokens if t != CLAUSE_BREAK) in YES_PHRASES


def undoing(tokens: list[str]) -> bool:
    """ "undo that", "put them back", "change it back how it was": the last command taken back, nothing new said."""
    return set(tokens) - _UNDONE in UNDOING


def forbids(tokens: list[str]) -> bool:
    """ "no, don't", "don't do that", "no", "actually no", "no wait", "nope", "not that one", "wrong one": said just
    after a command, it takes back what it did (the house acts at once, so a "don't" can only mean undo it); one with
    more in it is a sentence of its own."""
    words = set(tokens) - {CLAUSE_BREAK}
    said = tuple(t for t in tokens if t not in _FORBIDDING - {"not", "that"} | NAYS | {CLAUSE_BREAK})
    return (bool({"do", "not"} <= words or words & NAYS) and words <= _FORBIDDING | NAYS) or said in WRONG_ONE


def the_other_way(tokens: list[str], calls: tuple[ToolCall, ...]) -> str | None:
    """ "the other way", "no, the opposite" just after a command: the word that says its opposite ("close" after
    opening, "down" after a step up), to read as the correction "no, close" is; None when it is not that or the
    command has no single opposite (two directions, or a value set)."""
    said = tuple(t for t in tokens if t not in NAYS | {CLAUSE_BREAK, "round", "around", "please", "actually", "sorry"})
    if said not in OTHER_WAY:
        return None
    words = {OPPOSITE_WORDS.get(c.tool) or _opposite_step(c) for c in calls}
    return words.pop() if len(words) == 1 and None not in words else None


def _opposite_step(call: ToolCall) -> str | None:
    """ "down" after a step up, "warmer" after a cooler white; None for a call that is no step."""
    if call.spec.default_step is None or not isinstance(call.value, int | float):
        return None
    if call.tool == "step_color_temperature":
        return "warmer" if call.value > 0 else "cooler"
    return "down" if call.value > 0 else "up"


def further(call: ToolCall) -> ToolCall:
    """The call "a bit more" repeats: a cover opened or closed moves a step further, and so does one set to a position
    with the way said ("curtains half open" … "a bit more": further open, never halfway again); anything else is
    done again."""
    way = {"open_cover": 1, "close_cover": -1}.get(call.tool)
    if call.tool == "set_position":
        said = {VERBS.get(verb_of(t) or "") for t in call.words} & {OPEN, CLOSE}
        way = {(OPEN,): 1, (CLOSE,): -1}.get(tuple(said))
    step = TOOLS["step_position"].default_step or 0.0
    return replace(call, tool="step_position", value=way * step) if way else call


def did_you_mean(calls: list[ToolCall], registry: Registry) -> str:
    """The question asked of calls not done before a yes; a device named with its room where another shares its name
    ("turn on the kitchen ceiling light"): the question must say which."""
    groups: list[tuple[ToolCall, list[str]]] = []  # "turn off the sofa lamp, the desk lamp and the porch light": one
    for call in calls:  # verb for the calls that do the same, never eight "turn off"s in a row
        name = spoken_name(registry[call.device], registry) if call.device else ""  # a timer names no device ("set a
        # timer for 10 minutes and call it pasta": "start a pasta timer for 10 minutes", never a crash)
        if groups and replace(groups[-1][0], device=call.device) == call:
            groups[-1][1].append(name)
        else:
            groups.append((call, [name]))
    said = "; ".join(_together(call, names) for call, names in groups)
    return f"Did you mean: {said}? Please say yes or no."


def _together(call: ToolCall, names: list[str]) -> str:
    """One call said back for several devices: "turn off the tv and the speaker"."""
    if len(names) == 1:
        return call.imperative(names[0])
    said = call.imperative("\0")
    link = "the " if "the \0" in said else ""
    return said.replace("\0", f", {link}".join(names[:-1]) + f" and {link}{names[-1]}")


def correcting(tokens: list[str]) -> int:
    """How many words at the start say that what follows corrects the sentence before: "no", "I meant", "oops",
    "I said", "not that one", one after another ("whoops, sorry, I meant …"); 0 when none does."""
    at = 0
    markers = sorted((*CORRECTIONS, *((nay,) for nay in NAYS), *WRONG_ONE), key=len, reverse=True)  # "not that one,
    # the other one"; "nah, blue", "nope, the porch light": "no" said otherwise
    while marker := next((len(c) for c in markers if tuple(tokens[at:at + len(c)]) == c), 0):
        at += marker
    return at


def one_said(tokens: list[str]) -> bool:
    """ "the kitchen one", "now the bathroom one": one device said, by its room or its kind (normalized "1")."""
    return any(t == "1" and i and tokens[i - 1] not in ("to", "at", "by") for i, t in enumerate(tokens))


def named_one(tokens: list[str]) -> str | None:
    """ "the back one", "the reading one": the word that says which one by its name (not "that one", "the one")."""
    return next((tokens[i - 1] for i, t in enumerate(tokens) if t == "1" and i and tokens[i - 1].isalpha()
                 and tokens[i - 1] not in ("the", "that", "this", "same", "which", "each", "every", "another", "no")),
                None)

