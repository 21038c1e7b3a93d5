"""Turn a typed sentence or a recogniser transcript into clean tokens.

Speech recognisers and people add noise the matcher should not see: fillers ("um", "like"),
repeated words ("the the"), politeness ("could you please"), wake words, spoken numbers and
near-miss words ("turn of", "turnoff"). This module removes or rewrites that noise and nothing else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from assistant.tools import COLORS
from assistant.understand.lexicon import LEXICON
from assistant.understand.numbers import words_to_digits

CONTRACTIONS = LEXICON.table("contractions")
LOAN_VERBS = LEXICON.table("loan_verbs")  # "kai the fan": Mandarin "open", before a word only (`_read_as_english`)
FILLERS = LEXICON.words("fillers")
ADDRESSES = LEXICON.words("addresses")  # "…, love": whoever is spoken to, where it ends a part of the sentence
ADDRESSED_FIRST = LEXICON.words("addressed_first")  # "madam, switch off the porch light": said first before a comma
TO_THE_ADDRESSED = LEXICON.phrases("to_the_addressed")  # "ma'am, shall I open the curtains": talk to her
ENDING_EMPHASES = LEXICON.words("ending_emphases")  # "close half only": nothing more than what was said
GREETINGS = LEXICON.words("greetings")
ASSISTANTS = LEXICON.words("assistants")  # "alexa", "siri": a wake word, dropped as a filler …
_PASSED_TO = LEXICON.words("passed_to")  # … but never after "ask", "get": another assistant asked, as a person is
PHRASES = LEXICON.phrases("politeness")  # multi-word politeness and hedges, removed in this order
WISHES = LEXICON.table("wishes")  # a wish said for a request: read as "i want", after the politeness is gone
REWRITES = LEXICON.table("rewrites")  # words a recogniser (or a hurried typist) splits, joins or mishears
VERBS = LEXICON.table("verbs")
SIDES = LEXICON.words("sides")  # "the right one": a side of a pair, never a filler (`_side_said`)
_SIDE_NOUNS = LEXICON.words("side_nouns")
TAGS = LEXICON.phrases("tags")  # "…, right?": a report asked about
# "is the tv on, or not": a question
_ASKING_FIRST = LEXICON.derived(lambda: LEXICON.words("question_starts") - LEXICON.words("modals"))
_STATES = LEXICON.derived(lambda: set(LEXICON.table("states")))  # "the tv on or not": a state asked about
_ASKING_PARTICLES = LEXICON.words("asking_particles")  # "the tv on already ah": asked, as "or not" asks
_BY_NOW = LEXICON.words("states_by_now")  # "the kettle on already or not": the state asked by now
_REQUEST_WORDS = {"please", "pls", "plz", "kindly"}  # "please turn off the tv?" asks for it
AMOUNTS = LEXICON.words("relative_words")  # "a crack", "a bit": a step, said of the command before it
INSTEAD_OF = LEXICON.phrases("instead_of")  # "… rather than on": what is not wanted, dropped up to the next comma,
# a condition or a time ("… rather than on when I get home" keeps its condition)
_INSTEAD_ENDS = LEXICON.derived(lambda: LEXICON.words("condition_words") | LEXICON.words("later_words")
                                | LEXICON.words("day_parts") | {"in", "at", "for", "every", "today"})
TOO_MUCH = LEXICON.table("complaints")  # read before "too" becomes "to": "too loud" -> "deafening"
_SAID_AS = LEXICON.derived(lambda: {  # "overmuch" -> "too high": a word only one phrase is read as, said back as it
    word: phrase for phrase, word in TOO_MUCH.items() if " " not in word and list(TOO_MUCH.values()).count(word) == 1})
_PUNCT = re.compile(r"[^\w%°'.,:/\-]+")
CLAUSE_BREAK = ","  # token standing for a sentence or clause boundary
MAX_CHARS = 500  # nobody says more in one command; a longer text is cut here so the work stays bounded
_SPACE = re.compile(r"\s+")
_DRAWN_OUT = re.compile(r"([a-z])\1{2,}")
_TYPED_PART = re.compile(r"(?<![\w/])([1-4])/([2-5])(?![\w/])")  # "1/2", "3/4": a part of the scale, typed
_PARTS = {2: "half", 3: "thirds", 4: "quarters", 5: "fifths"}  # as said: "half", "3 quarters"
_ASKING = LEXICON.words("modals")  # politeness that starts a request ("could you …") ends what was said before
# "the back door's unlocked", "the sofa lamp's pink", "the volume's down": "x is …"
_STATE_AFTER = LEXICON.derived(lambda: set(LEXICON.table("states")) | {
    "still", "not", "already", "always", "currently", "at", "set", "up", "down"} | {c for c in COLORS if " " not in c})
# "the study's colder", "the hall's getting colder", "the lamp's a bit brighter now": how it is or has changed, "x is …"
_COMPARED = LEXICON.derived(lambda: {w for w in LEXICON.table("comparative_types") if w.endswith("er")})
# "very", "so", "bit", "way": what makes a level a complaint ("so bright"), unless it is the goal (`_goal_levels`)
_INTENSIFIERS = LEXICON.derived(lambda: {k.split()[0] for k in TOO_MUCH if len(k.split()) == 2} - {
    "too", "not", "like"})
_GOAL_LEADS = LEXICON.derived(lambda: LEXICON.words("causatives") | {w for w, v in VERBS.items() if v == "set"})
_GOAL_ENDS = LEXICON.derived(lambda: LEXICON.words("goal_ends") | {CLAUSE_BREAK})  # "not so loud"
_ANYONE = LEXICON.words("anyone_doing")  # "nobody's watching the tv": "is", before what they are doing
_CHANGING = LEXICON.words("getting")  # "getting", "becoming", "much", "a bit": how a comparative is said
_AGREEING = {"ok", "okay", "alright", "yeah", "yep", "can"}  # a tag that asks agreement, not whether to do it
# ("close the blinds can?": Singapore and Malaysian English)
_PART_COPULAS = LEXICON.derived(lambda: LEXICON.words("copulas") - {"been", "keeps", "still"} | {"am"})  # "it is"
_SUBJECTS = {"anybody", "anyone", "he", "i", "it", "she", "somebody", "someone", "they", "u", "we", "ya", "you"}
_SWITCH_VERBS = {"turn", "switch", "shut", "power"}  # "of" after one of these is a misheard "off"
# "7 30 pm", "1 30 minutes", "at 7 30", "for 1 30": one time, not a number said again
_CLOCK_AFTER = LEXICON.derived(lambda: LEXICON.words("time_units") | LEXICON.words("clock_words") | {"o", "clock"})
_NOT_RESTARTS = {"at", "for", "in", "until", "till", "from", "after", "before", "by"}
# "its charger", "its dock": the robot vacuum's own, never "it is" (as in "its cold in here")
_OWNED = LEXICON.derived(lambda: LEXICON.words("dock_words") - {"back", "charging"})
_HEDGERS = {"i", "we"}  # "i guess", "i think": a hedge starts with its speaker
_SAID_TO = LEXICON.words("said_to")  # "i said to him": who
_PEOPLE = LEXICON.words("people_addressed")  # "i said to mum": who
_SPEECH_VERBS = LEXICON.words("speech_verbs")  # "… like mum said": who asked
_ASKED_WHOM = {"me", "us", "you", "him", "her", "them"}  # "… like I told you"
_PAST_FORMS = LEXICON.words("past_forms")  # "who left the porch light on, …": someone did
_HESITATIONS = LEXICON.words("hesitations")  # "turn the tv up, er, down": a second thought between two ways
_WAYS = LEXICON.derived(lambda: set(LEXICON.table("particles")) | set(LEXICON.table("states")))
_SPOKEN = {"said", "told", "asked", "asking", "ask"}  # politeness that says the speaker spoke: "i said to …"
_HEDGE_ENDERS = {"do", "does", "did", "should", "may", "might"}  # with the modals: "how do i guess …" asks, the "i"
# its subject, never a hedge's
DETERMINERS = {"a", "an", "the", "my", "your", "our", "his", "her", "their", "its", "this", "that", "these", "those"}


# "back door lock status": the door's lock, asked about; never "lock" the verb
_DOOR_LOCK_ASKED = re.compile(r"\b((?:status|state) of (?:the |my )?(?:\w+ )?door) locks?\b"
                              r"|\bdoor locks? (status|state)\b")


@functools.cache
def _not_wanted(phrases: frozenset[tuple[str, ...]], ends: frozenset[str]) -> re.Pattern[str]:
    """One pattern for every "rather than …" phrase, built once per set of phrases and of `ends` (the config may add
    some), not once per phrase and sentence: the phrase and what follows it up to a comma or one of `ends`."""
    said = "|".join(re.escape(" ".join(p)) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{said})(?!\w)(?:(?! (?:{'|'.join(sorted(ends))})\b)[^,])*")


_CLOCK = re.compile(r"\b(\d{1,2})(?:[.:]([0-5]\d))?\s?([ap])\.?\s?m\b\.?")
_DOTTED_CLOCK = re.compile(r"\b([ap])\.\s?m\b\.?")
_WHITE = re.compile(r"\bthe white\b(?! (?:light|lamp|bulb|one|colou?r|glow|setting|mode)s?\b)"
                    r"(?=\s*(?:$|[,.?!]|and\b|in\b|on\b|off\b|is\b|are\b))")


# The rewrites as patterns, compiled once (and again when a config adds words).
_COMPILED: list[tuple[re.Pattern[str], str]] = LEXICON.derived(lambda: [
    (re.compile(rf"(?<![\w]){re.escape(wrong)}(?![\w])"), right)
    for wrong, right in (*TOO_MUCH.items(), *REWRITES.items())])


# The names of the home whose sentence is being read that a rewrite would make another of its names, as a pattern
# (see `names_kept`): those words are read as said.
_KEPT: ContextVar[re.Pattern[str] | None] = ContextVar("kept_names", default=None)
_READING: ContextVar[bool] = ContextVar("reading_a_sentence", default=False)  # inside `names_kept`


def _in_kept_names(tokens: list[str]) -> set[int]:
    """Where the tokens say a name the home keeps as said (`names_kept`): the indices of its words."""
    kept = _KEPT.get()
    if kept is None:
        return set()
    starts = [len(" ".join(tokens[:i])) + (i > 0) for i in range(len(tokens))]
    return {i for found in kept.finditer(" ".join(tokens)) for i, at in enumerate(starts)
            if found.start() <= at < found.end()}


def _rewrite(text: str) -> str:
    """The rewrites applied, except inside a name the home keeps ("the big light" in a home that has a "big light"
    and a "ceiling light" is the big light, never a ceiling light)."""
    kept = _KEPT.get()
    if kept is None:
        return _rewritten(text)
    return "".join(piece if k % 2 else _rewritten(piece) for k, piece in enumerate(kept.split(text)))


def _rewritten(text: str) -> str:
    for pattern, right in _COMPILED:
        text = pattern.sub(right, text)
    return text


def said_as(name: str) -> tuple[str, ...]:
    """A device's or room's name as normalize() reads it before the rewrites: a possessive's "'s" and the
    apostrophes gone ("dad's lamp" -> "dad lamp", "the boys' room" -> "boys room"), an id's underscores spaces, as a
    sentence's are ("living_room" -> "living room": a room whose id is its name; batch 77)."""
    said = name.lower().replace("’", "'").replace("-", " ").replace("_", " ").split()
    return tuple(" ".join(w[:-2] if w.endswith("'s") and len(w) > 3 else w for w in said).replace("'", "").split())


def as_heard(name: str) -> tuple[str, ...]:
    """A device's or room's name as normalize() leaves it when a sentence says it: `said_as` with the rewrites
    applied ("big light" -> "ceiling light", "air con" -> "aircon"), so a home that names things so is still
    understood by those names."""
    return tuple(_rewritten(" ".join(said_as(name))).split())


def kept_pattern(names: Iterable[tuple[str, ...]]) -> re.Pattern[str] | None:
    """One pattern for names (as `said_as` gives them), said alone or as a plural ("the big lights"); None for
    none."""
    said = sorted({" ".join(n) for n in names}, key=len, reverse=True)
    return re.compile(rf"((?<!\w)(?:{'|'.join(map(re.escape, said))})s?(?!\w))") if said else None


@contextmanager
def names_kept(kept: re.Pattern[str] | None) -> Iterator[None]:
    """While a sentence of a home is read: its names that a rewrite would make another of its names (`kept_pattern`
    of them) are read as said. Set around the reading of a sentence (`RuleMatcher.reading`), so every part of it
    that normalizes words reads them alike; a home with no such name (`None`) reads as ever. The outermost reading
    decides: rules over part of the home that re-read the sentence inside it (`RuleMatcher.without`) read its words
    as the whole home did."""
    if _READING.get():
        yield
        return
    kept_token, reading_token = _KEPT.set(kept), _READING.set(True)
    try:
        yield
    finally:
        _READING.reset(reading_token)
        _KEPT.reset(kept_token)


def _typed_part(found: re.Match[str]) -> str:
    """ "1/2" -> "half", "3/4" -> "3 quarters": as the words are read; not a part bigger than the whole."""
    part, whole = int(found[1]), int(found[2])
    if part >= whole:
        return found[0]
    return f" {_PARTS[whole]} " if whole == 2 else f" {part} {_PARTS[whole]} "


def typed_question(text: str) -> bool:
    """The typed sentence's last part that is more than politeness ends in "?" ("turn off the tv, is that ok?" does
    not): "front door locked?" asks whether it is, whatever its words would command. A request's own form keeps it a
    request, "?" or not (a recogniser writes one after "may I have the hall light on", "can somebody switch the kettle
    on", "how about we close the blinds")."""
    part = _asked_part(text)
    words = re.findall(r"[a-z']+", (part or "").lower())
    requested = bool(words) and (words[0] in ("please", "let's", "lets") or bool(
        words[0] in _ASKING_MODALS and words[1:2] and words[1] in _ASKED) or words[:2] in (["how", "about"], [
            "what", "about"]) or _can_for_please(words) != words)
    return part is not None and not requested


_WHERE_AFTER = {"in", "upstairs", "downstairs", "outside"}  # "Amber's in the bedroom": where someone named so is
_ASKING_MODALS = {"can", "could", "may", "will", "would"}
_ASKED = {"anybody", "anyone", "i", "somebody", "someone", "u", "we", "ya", "you"}  # "can somebody …?": a request


def typed_command_question(text: str) -> bool:
    """That last part starts with a command verb ("set the heating to 20?", "turn off the porch light?"): a command
    said as a question, perhaps to check it is right; whether to do it is asked. Not "can you …?", "please …?"."""
    part = _asked_part(text)
    said = re.findall(r"[a-z']+", (part or "").lower())
    words = [w for w in said if w not in GREETINGS and (w not in FILLERS or w in _REQUEST_WORDS)]
    return bool(words) and words[0] in VERBS and said[-1] not in _AGREEING  # "close the blinds alright?" asks
    # agreement, as ", ok?" does: politeness after the command, which is done


def _can_for_please(words: list[str]) -> list[str]:
    """The words without a "can" said for "can you" (Singapore, Malaysian and Indian English): one that ends a part
    with nobody said before it ("on the heater can?", "the blinds close can?") or starts one before its verb ("can off
    the light?", "can make the room more cold?"). "If you can", "can the kettle boil less water" keep theirs."""
    out: list[str] = []
    for i, word in enumerate(words):
        before = words[i - 1] if i else CLAUSE_BREAK
        after = words[i + 1] if i + 1 < len(words) else CLAUSE_BREAK
        if word == "can" and ((after == CLAUSE_BREAK and before not in (CLAUSE_BREAK, *_SUBJECTS)) or (
                before == CLAUSE_BREAK and (after in VERBS or after in ("on", "off")))):
            continue
        out.append(word)
    return out


def tagged(text: str) -> bool:
    """The sentence ends in a tag that asks ("the back door is locked, right?", "the tv is off, isn't it"): the tag's
    words are fillers elsewhere, so it is read from the words as said. A tag with "or" ("is the tv on, or not") ends
    a question, a request ("can you lock the back door or not", "can off the tv or not": Singapore, Malaysia) or a
    state asked (`asked_either_way`) only; after a command it offers the command's own negation ("turn off the tv, or
    not", "off the tv or not")."""
    said = said_words(text)
    before = _before_or_tag(said)
    named = len(said) - 1 in _in_kept_names(said)  # "turn off the bedside right": the last word of a name, no tag
    return any(tuple(said[-len(tag):]) == tag and tag[0] != "or" and not named for tag in TAGS) or (bool(before) and (
        before[0] in _ASKING_FIRST | _ASKING_MODALS or asked_either_way(text)))


def asked_either_way(text: str) -> bool:
    """A state said after a device with no verb before it, then an "or" tag ("the tv on or not", "front door locked
    or not?": Singapore, Malaysia, India) or a particle that asks ("the tv on already ah"): a yes-or-no question, as a
    typed "?" makes one. "already", "still" after the state ("the kettle on already or not") ask it by now."""
    said = said_words(text)
    before = _before_or_tag(said) or (said[:-1] if said[-1:] and said[-1] in _ASKING_PARTICLES else [])
    while before[-1:] and before[-1] in _BY_NOW and before[-2:-1] and before[-2] in _STATES:
        before = before[:-1]
    return bool(before) and before[-1] in _STATES and not any(w in VERBS or w in _ASKING_MODALS for w in before[:-1])


def _before_or_tag(said: list[str]) -> list[str]:
    """The words before a tag with "or" that ends the sentence ("or not", "or what"), a particle after it aside ("…
    or not ah"); none without one."""
    while said[-1:] and said[-1] in FILLERS:
        said = said[:-1]
    tag = next((t for t in TAGS if t[0] == "or" and tuple(said[-len(t):]) == t), ())
    return said[:-len(tag)] if tag else []


def said_words(text: str) -> list[str]:
    """The words as said, contractions opened and nothing dropped: for what normalizing drops as fillers (a tag, an
    address, irony)."""
    words = [CONTRACTIONS.get(w, w) for w in re.findall(r"[a-z']+", text[:MAX_CHARS].lower().replace("’", "'"))]
    return " ".join(words).split()


def after_question(text: str) -> list[str]:
    """The words typed after a question's "?" when they end in none ("did you want the tv on? fine, tv on" -> "fine,
    tv on"): a sentence of its own, never more of the question. Empty where the text ends asking ("is the tv on? and
    the lamp?") or has no "?"."""
    before, mark, after = text.rpartition("?")
    return normalize(after) if mark and before.strip() and after.strip() else []


def _asked_part(text: str) -> str | None:
    """The typed sentence's last part that is more than politeness, when it ends in "?"."""
    if "?" not in text:
        return None
    pieces = re.split(r"([;!?]|(?<!\d)[.,]|[.,](?!\d))", text[:MAX_CHARS])  # parts and the marks after them
    said = next((i for i in range(len(pieces) - 1, -1, -2) if normalize(pieces[i])), None)  # "…? thanks" too
    return pieces[said] if said is not None and pieces[said + 1:said + 2] == ["?"] else None


def _who_did(tokens: list[str]) -> list[str]:
    """ "who left the porch light on, switch it off", "who turned the boombox off, put it back on": who did it, asked
    before a command, is news that someone did, read as "someone left …": the command after it is done, as after "mum
    left the porch light on". Alone ("who turned the sprinkler on?") it stays a question the house cannot answer.
    Singapore's "on"/"off" said as the verb ("who on the porch light, off it") is "turned on"/"turned off" there."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        after = tokens[i + 1:i + 2]
        done = bool(after) and (after[0] in _PAST_FORMS or (after[0].endswith("ed") and len(after[0]) > 4))
        switched = after in (["on"], ["off"]) and tokens[i + 2:i + 3] == ["the"]  # "who on the tv": who turned it on
        pause = next((k for k in range(i, len(tokens)) if tokens[k] == CLAUSE_BREAK), len(tokens))
        if token == "who" and (i == 0 or tokens[i - 1] == CLAUSE_BREAK) and (done or switched) and any(
                t != CLAUSE_BREAK for t in tokens[pause:]):
            out += ["someone", "turned"] if switched else ["someone"]
        else:
            out.append(token)
    return out


def _subject_said(tokens: list[str]) -> list[str]:
    """ "can't see a thing in here", "cannae hear the telly": the speaker left out before "can not", as speech does;
    read as "i can not …" (a question says who after it: "can't you turn it down", "can't the tv go louder")."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token == "can" and (not out or out[-1] == CLAUSE_BREAK) and tokens[i + 1:i + 2] == ["not"] and tokens[
                i + 2:i + 3] and tokens[i + 2] not in _SUBJECTS | DETERMINERS | {CLAUSE_BREAK}:
            out.append("i")
        out.append(token)
    return out


def _clock_joined(tokens: list[str]) -> list[str]:
    """ "ten thirty p m": a recogniser splits "pm" after a number said in words; joined, the time reads as "pm" does
    (a number in digits was joined above)."""
    out: list[str] = []
    for token in tokens:
        if token == "m" and len(out) > 1 and out[-1] in ("a", "p") and out[-2][:1].isdigit():
            out[-1] += "m"
        else:
            out.append(token)
    return out


def _side_said(tokens: list[str], i: int) -> bool:
    """ "the right one", "the right-hand blind", "the one on the right": a side said of one of a pair (a name's "Velux
    Right"), never the filler "right" is elsewhere ("right, lights off", "turn it off right now")."""
    after = [t for t in tokens[i + 1:] if t not in FILLERS][:1]  # "… on the right please"
    return tokens[i] in SIDES and ((bool(after) and after[0] in _SIDE_NOUNS) or (
        tokens[i - 1:i] == ["the"] and after in ([], [CLAUSE_BREAK])))


def _second_thoughts(tokens: list[str]) -> list[str]:
    """ "turn the tv up, er, down", "switch on the, um, off the kettle", "lock, er, unlock the front door": a hesitation
    between a way (or a verb) and another is a second thought, read as "i mean" (a correction: the way said last);
    anywhere else it is a filler ("turn on the, er, kitchen light")."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        before = next((t for t in reversed(tokens[:i]) if t != CLAUSE_BREAK), "")
        after = next((t for t in tokens[i + 1:] if t != CLAUSE_BREAK), "")
        rethought = (after in _WAYS and (before in _WAYS or before == "the")) or (before in VERBS and after in VERBS)
        out += ["i", "mean"] if token in _HESITATIONS and rethought else [token]
    return out


def asked_by(words: list[str]) -> bool:
    """ "mum said", "my wife asked", "dad told me", "i said": who asked, then their speech verb (and whom), all the
    words up to the clause's end."""
    end = words.index(CLAUSE_BREAK) if CLAUSE_BREAK in words else len(words)
    said = words[:end - 1] if words[end - 1:end] != [] and words[end - 1] in _ASKED_WHOM else words[:end]
    who = said[1:-1] if said[:1] in (["my"], ["our"], ["the"]) else said[:-1]
    return said[-1:] != [] and said[-1] in _SPEECH_VERBS and len(who) == 1 and (who[0] in _PEOPLE or who[0] in (
        "i", "he", "she", "they", "we"))


def verb_of(token: str) -> str | None:
    """The lexicon entry for a word or its -ing form ("opening" -> "open", "dimming" -> "dim")."""
    if token in VERBS:
        return token
    if token.endswith("ing") and len(token) > 5:
        stem = token[:-3]
        for candidate in (stem, stem + "e", stem[:-1]):
            if candidate in VERBS:
                return candidate
    return None


def _goal_levels(words: list[str]) -> list[str]:
    """ "make it very bright in here", "I want the sofa lamp very bright", "make the sofa lamp a bit dim": a level said
    "very", "so", "a bit" or "way" (a complaint's words, lexicon `complaints`) as what a verb of the house or a wish
    brings about is the goal, read without its intensifier ("make it bright in here"); never the complaint it is said
    alone or after "is" ("it's very bright in here, make it darker" dims the lights, as said)."""
    out: list[str] = []
    for i, w in enumerate(words):
        if w in _INTENSIFIERS and " ".join(words[i:i + 2]) in TOO_MUCH and _goal_before(words[:i]):
            if w == "bit" and out[-1:] == ["a"]:
                out.pop()
            continue
        out.append(w)
    return out


def _goal_before(before: list[str]) -> bool:
    """A verb that sets a level or brings a state about ("make", "set", "get", "keep", "want") is said before, in the
    same clause, with no "is" after it."""
    for t in reversed(" ".join(before).split()):  # "it's" read "it is"
        if t in _GOAL_ENDS:
            return False
        if t in _GOAL_LEADS:
            return True
    return False


def _anyone(words: list[str], i: int) -> bool:
    """The word with "'s" at i is nobody ("nobody's", "no one's"): before an -ing word it is "is" ("nobody's watching
    the tv, turn it off": news, then the command)."""
    return words[i][:-2] in _ANYONE or (words[i] == "one's" and words[i - 1:i] == ["no"])


def _compared(after: list[str]) -> bool:
    """The words after a "'s" say a comparative, with up to three words of how it is said before it ("colder", "getting
    colder", "a bit brighter"): the "'s" is "is" ("the study's colder" is news, never the possessive of a command)."""
    said = next((k for k, w in enumerate(after[:4]) if w not in _CHANGING), None)
    return said is not None and after[said] in _COMPARED


def _part_next(tokens: list[str], at: int) -> bool:
    """A part of its own starts after the word at `at`, with no comma said: a subject and its copula ("turn the heating
    up man it's freezing", "put the kettle on love I am parched"), never after a subject of the word's own ("I love it
    is …")."""
    return tokens[at + 1:at + 2] != [] and tokens[at + 1] in _SUBJECTS and tokens[at + 2:at + 3] != [] and tokens[
        at + 2] in _PART_COPULAS and not (at and tokens[at - 1] in _SUBJECTS)


def _said_to_the_addressed(words: list[str]) -> bool:
    """ "ma'am, shall I open the curtains", "ma'am, let's put the lamp on", "ma'am, would you like the tv on": a term of
    address said first before a comma, then an offer, a suggestion or a question to that person, is talk to her (a
    carer to the resident), never a command to the house, so the address is not dropped. Read on the words as said,
    before politeness is dropped ("would you like the tv on" would be left as "the tv on")."""
    said = " ".join(words).replace("'", "").split()
    rest = said[2:]
    return said[:1] != [] and said[0] in ADDRESSED_FIRST and said[1:2] == [CLAUSE_BREAK] and any(
        tuple(rest[:len(phrase)]) == phrase for phrase in TO_THE_ADDRESSED)


def normalize(text: str) -> list[str]:
    """Lower-case tokens with noise removed and spoken numbers as digits (of the first MAX_CHARS characters)."""
    text = _as_said(text[:MAX_CHARS].lower())
    text = _instead_named(text)  # "rather than turning the tv off, turn it down": "it" is the tv
    if INSTEAD_OF:  # "turn the kettle off rather than on": "on" is not wanted, never a correction to it
        text = _not_wanted(frozenset(INSTEAD_OF), frozenset(_INSTEAD_ENDS)).sub(" ", text)
    said = text.split()
    words = [_read_as_english(said, i) for i in range(len(said))]
    # "is the tv's sound on": the device's word, not a word of its own ("it's" was read above); before a state it is
    # "is": "the back door's unlocked", "the tv's still on" say how it is, never a command, and so does a place after a
    # colour ("Amber's in the bedroom": who is where, never a colour asked); before "been" or "gone" "has": "the
    # pool's gone green", "the tv's been on for hours" say what it has become, never a colour or way asked; before a
    # verb's -ing form "is": "the movie's starting", "the kid's turning the tv on" say what goes on, never a command
    words = [part for i, w in enumerate(words) for part in (
        ([w[:-2], "is"] if words[i + 1:i + 2] and (words[i + 1] in _STATE_AFTER or words[i + 1][:1].isdigit() or (
            w[:-2] in COLORS and words[i + 1] in _WHERE_AFTER) or _compared(words[i + 1:]) or (
            words[i + 1].endswith("ing") and (verb_of(words[i + 1]) is not None or _anyone(words, i)))) else
         [w[:-2], "has"] if words[i + 1:i + 2] in (["been"], ["gone"]) else [w[:-2]])
        if w.endswith("'s") and len(w) > 3 else [w])]
    addressed = _said_to_the_addressed(words)
    words = _goal_levels(words)  # "make it very bright in here": the goal, never the complaint "very bright" is
    while words and words[0] in GREETINGS:  # "hi can you…" is not "high" (a recogniser's "fan on hi" is)
        words.pop(0)
    text = " " + _rewrite(" ".join(words).replace("'", "")) + " "
    for phrase in PHRASES:
        gap = f" {CLAUSE_BREAK} " if phrase[0] in _ASKING else " "  # "the kids are asleep can you turn off the tv":
        text = _without(text, phrase, gap)  # a request starts there
    wished = text
    for phrase, meant in WISHES.items():  # "it would be nice if the tv was quieter", "could do with some light"
        text = text.replace(f" {phrase} ", f" {meant} ")
    if text != wished:  # "i want some light in here": as the rewrites read it when said so; "… if the porch light
        text = _rewrite(text.replace(" went ", " go "))  # went off": the wish's past tense is what to do
    tokens = [t for t in _SPACE.split(text.strip()) if t]
    named = _in_kept_names(tokens)  # "bedside right off": the "right" of a name the home keeps, never a filler
    tokens = _second_thoughts(tokens)
    tokens = [t for i, t in enumerate(tokens) if t not in FILLERS or i in named or (
        t in ASSISTANTS and tokens[i - 1:i] and tokens[i - 1] in _PASSED_TO) or (  # "get siri to lock the front door"
        _side_said(tokens, i))]  # "the right one": a side, as "the left one"
    tokens = [t for i, t in enumerate(tokens) if t not in ADDRESSES | ENDING_EMPHASES or (
        tokens[i + 1:i + 2] not in ([], [CLAUSE_BREAK]) and not (t in ADDRESSES and _part_next(tokens, i)))]
    if tokens[:1] and tokens[0] in ADDRESSED_FIRST and tokens[1:2] == [CLAUSE_BREAK] and not addressed:
        tokens = tokens[2:]  # "madam, switch off the porch light": whom it is said to ("… on madam" stays asked)
    # "like" is a filler unless it means wanting or liking ("i would like some tea", "do you like the colour", "we like
    # the lights off") or compares ("make it like the one in the living room": another device's level, never a level
    # of 1); before who asked ("turn the tv off like mum said") it is "as", joining the speaker's own request to it
    tokens = ["as" if t == "like" and asked_by(tokens[i + 1:]) else t for i, t in enumerate(tokens)]
    tokens = [t for i, t in enumerate(tokens) if t != "like" or (i > 0 and tokens[i - 1] in (
        "would", "i", "you", "we", "they"))
              or tokens[i + 1:i + 3] in (["the", "one"], ["the", "ones"]) or (i > 0 and tokens[i - 1] in _COMPARED)]
    # ("make the sofa lamp brighter like the reading lamp": another device's level, never both stepped)
    tokens = _restarted_numbers(_clock_joined(words_to_digits(_subject_said(_who_did(tokens)))))
    deduped: list[str] = []
    for token in tokens:
        if not deduped or token != deduped[-1]:
            deduped.append(token)
    tokens = _can_for_please(_precaution_dropped(_amount_joined(_dedupe_phrases(_misheard_off(deduped)))))
    while tokens and tokens[-1] == CLAUSE_BREAK:
        tokens.pop()
    while tokens and tokens[0] == CLAUSE_BREAK:
        tokens.pop(0)
    return tokens


def _read_as_english(said: list[str], i: int) -> str:
    """The i-th word said, a short form or another language's word opened into its English ("it's" -> "it is",
    "di" -> "the", "kai the fan" -> "open the fan"), except "its" before the robot's own thing ("its dock"), a word of
    one of the home's names (`names_kept`: "the mi bulb" of a Mi Smart LED Bulb), and a verb of another language said
    alone or before a comma ("kai, turn off the tv": a name, a person spoken to)."""
    word = said[i]
    if (word == "its" and said[i + 1:i + 2] and said[i + 1] in _OWNED) or _in_kept_names([word]):
        return word
    if word in LOAN_VERBS:
        return LOAN_VERBS[word] if said[i + 1:i + 2] not in ([], [CLAUSE_BREAK]) else word
    return CONTRACTIONS.get(word, word)


def _as_said(text: str) -> str:
    """The lower-cased text as its words are read: what a typist or a recogniser writes in signs, figures and marks
    ("21°C", "10pm", "2200K", "1/2", "pleeease", "the b- the blinds") in words, punctuation as clause breaks, and the
    few forms read on the whole text ("the brighter the better", "what's switched on", "stop X from coming on")."""
    text = text.replace("’", "'").replace("%", " percent ")
    text = text.replace("º", "°")  # the ordinal sign typed for the degree sign: "18 ºC"
    text = re.sub(r"(\d)\s*(?:°|degrees?)?\s*f(?:ahrenheit)?\b", r"\1 fahrenheit", text)  # "65°F", "68 F": never
    # read as Celsius
    text = text.replace("°c", " degrees ").replace("°", " degrees ")  # "21°C", "20°"
    text = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)\s*c\b", r"\1 degrees", text)  # "21c", never the end of a Tasmota
    # name's hex ("tasmota 5a3f2c")
    text = re.sub(r"\b(\d{4,5})k\b", r"\1 kelvin", text)  # "2200K" as a typist writes a colour temperature
    text = re.sub(r"(\d)ish\b", r"\1", text)  # "30ish": about 30
    text = _DOOR_LOCK_ASKED.sub(lambda m: m[1] or f"door {m[2]}", text)
    text = _CLOCK.sub(lambda m: f"{m[1]}{':' + m[2] if m[2] else ''} {m[3]}m ", text)  # a recogniser's "10pm",
    # "10 p.m.", "10.30pm", "10:30 p.m.": read as "10 pm", "10:30 pm" are
    text = _DOTTED_CLOCK.sub(r"\1m ", text)  # "at eleven p.m.": the number said in words, read below
    text = _WHITE.sub("the light", text)  # a recogniser's "lights": "turn on the white and living room" names no
    # colour ("the white light", "the white one" do)
    text = re.sub(r"\bthe (\w+(?: \w+)?) the better\b", r"\1", text)  # "the brighter the better": brighter
    text = re.sub(r"^(?:what's|what is) (?:(?:still|switched|turned|left) )?(on|open|unlocked)(?= in\b| upstairs\b| "
                  r"downstairs\b|[\s?.!,]*$)", r"is anything \1", text)  # "what's switched on": not "what's on tv"
    text = re.sub(r"^(?:(?:can|could|would|will) you (?:please )?|please )?(?:stop|prevent|keep) (.+?) from (\w+ing)\b",
                  r"do not let \1 \2", text)  # "stop the heating from coming on": not to happen, as "don't let it" is;
    # never done now
    text = re.sub(r"(?<![\d.])(\d+) and a half\b", r"\1.5", text)  # "21 and a half degrees", as the words are read
    text = re.sub(r"[;!?]|(?<!\d):|:(?!\d\d)|(?<!\d)[.,]|[.,](?!\d)", " , ", text)  # keep "20.5", "7:30"
    text = _TYPED_PART.sub(_typed_part, text)
    text = _PUNCT.sub(" ", text).replace("/", " ").replace("_", " ")  # "tasmota_5a3f2c" typed: the words of a
    # default Tasmota name, as it is said
    text = _DRAWN_OUT.sub(r"\1", text)  # "pleeease", "sooo": no English word has a letter three times
    text = re.sub(r"\b([a-z]+)-(?=\s+(?:[a-z]+\s+)?\1)", " ", text)  # "open the b- the blinds", "the kit- kitchen":
    # a word cut off and said again whole ("open the- no, close …" stays)
    text = text.replace("-", " ")
    return text


def _instead_named(text: str) -> str:
    """ "rather than turning the tv off, turn it down", "instead of switching the sofa lamp off, dim it": what is not
    wanted, said first with a verb of the house, names the device the command after the comma calls "it" ("turn the
    tv down"); dropped as "rather than …" is, it left "it" naming nothing. Unchanged otherwise."""
    words = text.split()
    lead = max((len(p) for p in INSTEAD_OF if tuple(words[:len(p)]) == p), default=0)
    if not lead or CLAUSE_BREAK not in words[lead:] or not words[lead].endswith("ing") or verb_of(words[lead]) is None:
        return text
    at = words.index(CLAUSE_BREAK, lead)
    named, rest = words[lead + 1:at], words[at + 1:]
    while named and named[-1] in _WAYS:  # "turning the tv off": the tv
        named = named[:-1]
    if len(named) < 2 or named[0] not in ("the", "my", "our") or "it" not in rest:
        return text
    k = rest.index("it")
    if {"the", "my", "our"} & set(rest[:k]):
        return text  # "…, turn on the reading lamp and dim it": "it" is the one named since
    return " ".join([*rest[:k], *named, *rest[k + 1:]])


def _misheard_off(tokens: list[str]) -> list[str]:
    """ "turn of the tv", "turn the fan of": "of" after turn/switch or ending the clause (at a break or "and": "turn
    the tv of and the lights on") is a misheard "off". So is one after "turn the fan" that starts no "of the …" ("turn
    the fan of in the bathroom"), unless the way is said already ("turn on the light of laundry": a learner's "of", the
    room's light). So is one said first before "the" ("of the fan": Singapore's "off the fan" as a recogniser writes
    it), never "of course"."""
    for i in range(len(tokens)):
        if tokens[i] != "of":
            continue
        rest = tokens[i + 1:next((k for k in range(i + 1, len(tokens)) if tokens[k] in (CLAUSE_BREAK, "and")),
                                 len(tokens))]
        before = tokens[max(0, i - 4):i]
        after_verb = bool(_SWITCH_VERBS & set(before)) and bool(rest) and not (
            rest[0] in DETERMINERS or rest[0][0].isdigit() or {"on", "off", "up", "down"} & {*rest, *before})
        first = before[-1:] in ([], [CLAUSE_BREAK]) and rest[:1] == ["the"] and not {"on", "off"} & set(rest) and (
            _said_last(tokens[i + 1:]))
        if (before and before[-1] in _SWITCH_VERBS) or (before and not rest) or after_verb or first:
            tokens[i] = "off"
    return tokens


def _said_last(tokens: list[str]) -> bool:
    """ "of the fan", "of the fan, please": nothing after the part but a courtesy. "of the tv and the speaker, which is
    louder", "of the living room lights, dim the reading lamp": English's own "of", what follows is asked (helper R)."""
    at = next((k for k, t in enumerate(tokens) if t == CLAUSE_BREAK), len(tokens))
    return not set(tokens[at:]) - {CLAUSE_BREAK, "please", "thanks", "thank", "you", "now"}


def _without(text: str, phrase: tuple[str, ...], gap: str) -> str:
    """The text with each time the politeness or hedge `phrase` is said replaced by `gap`, again where that leaves it
    said once more ("can you can you unlock …": a recogniser's restart). A hedge said by the speaker right after an
    auxiliary is the question's own subject and verb, not a hedge: "how do i guess what i want" keeps its "i"; so is
    a request's modal after "how" or "why"."""
    said = f" {' '.join(phrase)} "
    at = text.find(said)
    while at >= 0:
        before = text[:at].rsplit(" ", 1)[-1]
        after = text[at + len(said):].split()[:2]
        if (phrase[0] in _HEDGERS and before in _ASKING | _HEDGE_ENDERS) or (phrase[0] in _ASKING and before in (
                "how", "why")) or (_SPOKEN & set(phrase) and after and (
                after[0] in DETERMINERS | _SAID_TO | _PEOPLE or after[1:] == [CLAUSE_BREAK])):
            # "why would you unlock the back door", "how would you respond to …"; "i said to him, turn off the tv",
            # "… to my son, …", "… to tom, …": said to a person, never "i said to turn …"
            at = text.find(said, at + 1)
            continue
        text = text[:at] + gap + text[at + len(said):]
        at = text.find(said, at)
    return text


def _precaution_dropped(tokens: list[str]) -> list[str]:
    """ "lock the back door just in case", "…, in case": a precaution said with nothing after it, as "to be safe" is;
    never a room called "case". "in case it rains", "in case of frost" stay a condition."""
    out = list(tokens)
    for i in range(len(tokens) - 2, -1, -1):
        if tokens[i:i + 2] == ["in", "case"] and tokens[i + 2:i + 3] in ([], [CLAUSE_BREAK]):
            start = i - (tokens[i - 1:i] == ["just"])
            del out[start:i + 2]
    while out and out[-1] == CLAUSE_BREAK:
        out.pop()
    return out


def _amount_joined(tokens: list[str]) -> list[str]:
    """A comma before an amount said alone ("open the curtains, a crack", "…, a little", "…, halfway"): a recogniser's
    pause, not a new request; the amount is the command's, so the break goes (else the command is done in full)."""
    ends = [i for i, t in enumerate(tokens) if t == CLAUSE_BREAK]
    joined = list(tokens)
    for i in reversed(ends):
        part = tokens[i + 1:[*tokens, CLAUSE_BREAK].index(CLAUSE_BREAK, i + 1)]
        if part[:1] == ["a"]:
            part = part[1:]
        if part and len(part) <= 2 and set(part) <= AMOUNTS | {"halfway"}:  # "open the blinds, erm, halfway"
            del joined[i]
    return joined


def _restarted_numbers(tokens: list[str]) -> list[str]:
    """ "to twenty uh twenty five", "the heating two twenty": a number said straight after another restarts it;
    the last one is meant. Not in a time ("at 7 30 pm") or a length ("for 1 30"), nor a "one" after a name's number
    ("the bedroom 2 one": the one in bedroom 2, never bedroom 1)."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        prev = out[-1] if out else ""
        if token == prev == CLAUSE_BREAK:
            continue  # "to twenty... twenty one": each dot was a break
        again = prev == CLAUSE_BREAK and len(out) > 1 and out[-2].isdigit() and token.isdigit()  # "to 20, 25": a
        # recogniser's restart without its "uh"
        if again:
            out.pop()
            prev = out[-1]
        if token.isdigit() and token != "1" and prev.isdigit() and (len(out) < 2 or out[-2] not in _NOT_RESTARTS) and (
                tokens[i + 1:i + 2] in ([], [CLAUSE_BREAK]) or tokens[i + 1] not in _CLOCK_AFTER):
            out[-1] = token
        elif again:
            out += [CLAUSE_BREAK, token]
        else:
            out.append(token)
    return out



def _dedupe_phrases(tokens: list[str]) -> list[str]:
    """Drop a phrase repeated back to back: "lock the lock the front door" -> "lock the front door"."""
    for size in (4, 3, 2):
        i = 0
        while i + 2 * size <= len(tokens):
            if tokens[i:i + size] == tokens[i + size:i + 2 * size]:
                del tokens[i + size:i + 2 * size]
            else:
                i += 1
    return tokens


def as_said(words: list[str]) -> str:
    """Words of a reply as the user said them: a complaint read as one word said back as its phrase ("I don't know a
    device called too high", never "overmuch")."""
    return " ".join(_SAID_AS.get(w, w) for w in words)
