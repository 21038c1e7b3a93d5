"""Talk about the home, not to it: a sentence that names devices and verbs but asks nothing of them.

Advice asked, another's words passed on, what someone else did or will do: the rules read such a clause as
unclear, so it is never acted on (acting on it would be a guess, and often the opposite of what anyone wants).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from assistant.tools import COLORS
from assistant.understand.asides import COURTESIES, MANNER_WORDS, SAID_ALONE
from assistant.understand.frames import _PASSING_ON, verb_asked
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import Mention
from assistant.understand.mood import HABIT_ADVERBS, HABIT_LEAVING, MOOD_HEDGES, past, planned, regretted
from assistant.understand.normalize import (
    ADDRESSES,
    FILLERS,
    GREETINGS,
    INSTEAD_OF,
    MAX_CHARS,
    TOO_MUCH,
    normalize,
    said_as,
    said_words,
)
from assistant.understand.vocabulary import (
    BRANDS,
    CAUSATIVES,
    CHANGES,
    COMMAND_STARTS,
    COMPARATIVE_TYPES,
    COMPARING,
    EXCLUSIONS,
    MODALS,
    OFF,
    ON,
    PARTICLES,
    PLAY,
    QUESTION_STARTS,
    REPORT_COPULAS,
    SPEAKER_WORDS,
    SPEECH_VERBS,
    STATES,
    STOPWORDS,
    SUBJECTS,
    TOPIC_SHIFTS,
    VERBS,
    WANTING,
    WHOEVER,
    accounted,
    changes_meaning,
    participle,
    says,
    verb_of,
)
from assistant.understand.when import TIMER_WORDS

PERSONS = LEXICON.words("persons_own")  # "my brother …": whose words start the sentence
OTHERS = LEXICON.words("others_own")  # whose a device is, when not the speaker's ("turn her up" is the device)
STORY_LEADS = LEXICON.words("story_leads")  # "so I turn the tv on and it's just static": a story told, going on
HALTING = LEXICON.words("halting")  # "stop turning the lights off": what the house keeps doing
HABIT_VERBS = LEXICON.words("habit_verbs")  # "you keep turning the tv on": a habit complained of
OPINIONS = LEXICON.phrases("opinions")  # "should i lock the back door": advice asked, not the state
OWN_DUTIES = LEXICON.phrases("own_duties")  # "I should …", "I have to …": the speaker's own duty, not the house's
ACTION_QUESTIONS = LEXICON.phrases("action_questions")  # "why would you unlock the back door": an action questioned
ABILITIES = LEXICON.phrases("abilities")  # "is the desk lamp dimmable": what a device can do, not how it is
# "is the tv a bit loud" is read "… a deafening": a complaint
COMPLAINED = LEXICON.derived(lambda: set(TOO_MUCH.values()))
STATE_ASKING = LEXICON.words("state_asking")  # "can you check the back door": how it is, asked with a modal
FURTHER = LEXICON.words("further_words")  # "any wider", as the comparative types ("any louder")
DOING_VERBS = LEXICON.words("doing_verbs")  # "does the fan have a high setting": what it can do
COLOR_WORDS = frozenset(w for color in COLORS for w in color.split())
ADDRESSED = LEXICON.words("people_addressed")  # "mum, can you turn the kettle on": said to someone in the room
PERSONS_ADDRESSED = LEXICON.phrases("persons_addressed")  # "young man, turn the tv off": a person in two words
PERSONS_DESCRIBED = LEXICON.phrases("persons_described")  # "whoever goes to bed last, …": said to them
APOLOGIES = LEXICON.phrases("apologies")  # "sorry, it's very noisy here": news for someone else (CASES.md batch 47)
DOUBTS = LEXICON.phrases("doubts")  # "i am not sure", "maybe": the speaker doubts …
DOUBTED = LEXICON.phrases("doubted")  # … "i want you to", "whether to": … the request itself
IRONY = LEXICON.phrases("irony")  # "…, it's not like we pay for electricity": the command meant the other way
IRONIC_ENDINGS = LEXICON.phrases("ironic_endings")  # "…, why don't you": maybe the other way
THANKED_FOR = LEXICON.phrases("thanked_for")  # "cheers for switching the heating on": for what was done
PLEASURES = LEXICON.words("pleasures")  # "… I love a headache": pleasure said of a harm …
HARMS = LEXICON.phrases("harms")  # … is irony
IRONIC_DENIALS = LEXICON.phrases("ironic_denials")  # "it's not hot enough already": too hot already, said as too low
DEVICE_FACTS = LEXICON.words("device_facts")  # "what year was the robot vacuum invented": no state says it
PIECE_WORDS = LEXICON.words("piece_words")  # "what's this song", "who sings this": no state says it either
CONTROLLED_BY = LEXICON.words("controlled_by")  # "can I lock the back door from here": whether it can be done so
SCARCELY = LEXICON.words("scarcely")  # before a command's verb: so little that it may mean none
_PERSON_FIRST = re.compile(r"\W*(?:(?:my|our|the)\s+)?([\w']+)\s*[,:]", re.IGNORECASE)  # "mum, …", "my wife: …": a
# person said alone before a comma, or before a colon as a script quotes their words
NOT_NAMES = LEXICON.derived(lambda: MANNER_WORDS | COURTESIES)  # "gently, dim the desk lamp", "lovely, …"
_YOU_ASKED = r"(?:can|could|will|would)\s+(?:you|u)"  # "can you", "would u": the person addressed is asked
_ASKED_AFTER = re.compile(rf"\s*,?\s*{_YOU_ASKED}\b", re.IGNORECASE)  # after a name: asked
_ADDRESSED_FIRST = re.compile(rf"\W*([\w']+)\s*(?:,|\s+(?:{_YOU_ASKED}|(?:can|could|may)\s+"
                              r"(?:i|we))\b)", re.IGNORECASE)  # "mum can you …", "mummy can i have …": a person asked


def talk(tokens: list[str], question: bool, mentions: list[Mention]) -> bool:
    """Talk about the home, not to it: advice or an opinion asked ("should i lock the back door", "do you think the
    blinds look better open"), another's words passed on ("my wife said to turn off the tv"), what someone else
    can do ("can sarah turn off the kettle"), what someone did ("the kids turned the heating up"), a habit ("you
    always turn the lights off") or an action talked about ("turning the heating up would be a waste of money"); a
    plan said by its subject ("i will switch the kettle on myself") is `mood`'s. Acting on any of it would be a guess.
    `question`: the clause asks something; `mentions`: its devices, kinds and rooms."""
    if any(says(tokens, *phrase) for phrase in OPINIONS) or regretted(tokens):
        return True
    if question and _action_questioned(tokens):
        return True
    if any(m.start and tokens[m.start - 1] in OTHERS for m in mentions if m.kind in ("device", "type", "area")):
        return True  # "switch on their tv", "close his curtains", "the lights in her room": someone else's, not ours
    if _asks_what_it_is(tokens, question, mentions):
        return True
    if (any(says(tokens, *phrase) for phrase in COMPARING) or _compared(tokens)) and len(
            {m.text for m in mentions if m.kind in ("device", "area", "type")}) > 1:
        return True  # "match the counter lights to the sofa lamp", "set the blinds lower than the curtains": one
        # device's level asked of another, not said
    if _doing_talked_about(tokens, question):
        return True
    first = next((m.start for m in mentions if m.kind in ("device", "type")), len(tokens))  # the first device said
    if _someone_elses_doing(tokens, mentions, first):
        return True
    if _own_to_do(tokens):
        return True
    if any(t in SCARCELY and verb_of(n) for t, n in pairwise(tokens)):
        return True  # "barely open the blinds", "hardly turn the heating up": how little is not said ("I can barely
        # hear it" is a complaint: no verb of the house's after it)
    told = tokens[1:] if tokens[:1] != [] and tokens[0] in STORY_LEADS else tokens  # "so I turn the tv on and …"
    if told[:1] in (["i"], ["we"]) and told[1:2] and not told[1].endswith("ing") and VERBS.get(
            verb_of(told[1]) or "") in CHANGES | {"mute", "unmute"}:
        return True  # "we switch the heating off" (Whisper's "we switched …"), "I mute the TV." (for "unmute"): what
        # the speaker does or did, never asked of the house as said ("how about we switch the telly off" asks)
    if not question and any(t in ("i", "we") and n not in VERBS and VERBS.get(past(n) or "") in CHANGES
                            for t, n in pairwise(tokens[1:])):
        return True  # "i was freezing so i turned the heating on": what the speaker did, told after why
    done = next((i for i, t in enumerate(tokens[:first]) if past(t)), None)
    if done and any(t in SUBJECTS or (t.isalpha() and not accounted(t)) for t in tokens[:done]) and not any(
            verb_of(t) or t in WANTING | MODALS | CAUSATIVES | QUESTION_STARTS for t in tokens[:done]):
        return True
    return bool(tokens[0].endswith("ing") and verb_of(tokens[0]) and first < len(tokens) and (
        MODALS | REPORT_COPULAS) & set(tokens[first:]))


def _asks_what_it_is(tokens: list[str], question: bool, mentions: list[Mention]) -> bool:
    """Asked of a thing, never of its state: what the home has ("is there a fan in here"), the assistant or where a
    thing is kept ("are you a robot", "where do they keep the hoover"), what kind of thing a device is ("is the garage
    light a switch or a bulb"), a person's device ("is Margaret's heating on"), what it can do (`asks_ability`), its
    make or history ("what year was the robot vacuum invented"), which piece is playing ("what's this song")."""
    if question and tokens[:2] in (["is", "there"], ["are", "there"]) and tokens[2:3] in (["a"], ["an"]) and not set(
            tokens) & set(STATES) and any(m.kind in ("device", "type") for m in mentions):
        return True  # "is there a fan in here": what the home has, asked; no state ("is there a light on" asks one)
    if question and ((tokens[:2] in (["are", "you"], ["were", "you"]) and tokens[2:3] in (["a"], ["an"])) or (
            tokens[:1] == ["where"] and tokens[1:2] in (["do"], ["does"], ["did"]))):
        return True  # "are you a robot": about the assistant; "where do they keep the hoover": where a thing is kept
    named = next((m.end for m in mentions if m.kind in ("device", "type")), None)
    if question and tokens[:1] in (["is"], ["are"]) and named is not None and tokens[named:named + 1] in (["a"], [
            "an"]) and not set(tokens[named + 1:named + 2]) & (COMPLAINED | {"bit", "little", "touch", "tad", "lot"}):
        return True  # "is the garage light a switch or a bulb": what kind of thing it is, not how it is
    start = next((m.start for m in mentions if m.kind in ("device", "type")), 0)
    if question and start >= 2 and tokens[start - 1].isalpha() and not accounted(tokens[start - 1]) and tokens[
            start - 2] in ("is", "are", "was", "were") and not any(m.start < start <= m.end for m in mentions):
        return True  # "is Margaret's heating on": a person's device, said with their name (not "is the bloody tv on")
    if asks_ability(tokens, question, mentions):
        return True
    if question and any(t in DEVICE_FACTS and not any(m.start <= i < m.end for m in mentions)
                        for i, t in enumerate(tokens)):
        return True  # "what year was the robot vacuum invented", "how heavy is the tv": its make or history
    # "what's this song", "who sings this": which piece is playing; no player's state names it
    return bool(question and tokens[:1] in (["what"], ["who"], ["which"]) and PIECE_WORDS & set(tokens[:4]))


def _doing_talked_about(tokens: list[str], question: bool) -> bool:
    """A doing talked about, not asked for now: the speaker's own ("FYI I'm turning the heating down"), whether it can
    be done so ("can I lock the back door from here"), what the house or someone keeps doing ("stop turning the porch
    light off", "you keep turning the tv on"), what doing it does or is worth ("does turning off the tv save power",
    "is it worth turning the heating on")."""
    if tokens[:1] in (["i"], ["we"]) and tokens[1:2] in (["am"], ["are"]) and tokens[2:3] and tokens[2].endswith(
            "ing") and VERBS.get(verb_of(tokens[2]) or "") in CHANGES:
        return True  # "FYI I'm turning the heating down": what the speaker is doing, not asked of the house
    if tokens[:1] and tokens[0] in MODALS and tokens[1:2] == ["i"] and len(tokens) > 2 and VERBS.get(
            verb_of(tokens[2]) or "") in CHANGES and CONTROLLED_BY & set(tokens[3:]):
        return True  # "can I lock the back door from here", "can I turn off the heating from my phone": whether it
        # can be done that way ("can I turn on the extractor" asks the house for it, as "can I have the lamp on" does)
    if any(t in HALTING and n.endswith("ing") and VERBS.get(verb_of(n) or "") in CHANGES for t, n in pairwise(tokens)):
        return True  # "stop turning the porch light off": what the house keeps doing; never done once more now
    if any(t in HALTING and n.endswith("ing") and not accounted(n) for t, n in pairwise(tokens)):
        return True  # "stop fiddling with the thermostat": what someone is doing, said to them; never "turn it off"
    if any(t in HABIT_VERBS and (n in HABIT_LEAVING or (n.endswith("ing") and VERBS.get(verb_of(n) or "") in CHANGES))
           for t, n in pairwise(tokens)) or (
            tokens[:1] and tokens[0] in SUBJECTS | {"it"} and tokens[1:2] and tokens[1] in HABIT_ADVERBS):
        return True  # "you keep turning the tv on", "you always turn the lights off": a habit, never done now
    if question and any(a in ("do", "does") and (k or n.endswith("ing")) and VERBS.get(verb_of(n) or "") in CHANGES
                        for k, (a, n) in enumerate(pairwise(tokens))):
        return True  # "what does turn off everything do", "does turning off the tv save power": what doing it does
    # "do I need to lock the back door", "is it worth turning the heating on": advice, not the state
    return question and any(t in ("to", "worth") and verb_of(n) and n not in PARTICLES for t, n in pairwise(tokens))


def _someone_elses_doing(tokens: list[str], mentions: list[Mention], first: int) -> bool:
    """Another's words or wishes, or a doing asked of someone else: passed on ("he keeps saying turn the heating up"),
    another's ("my brother wants the tv louder"), what someone else can or will do ("can sarah turn off the kettle"),
    made or let do ("have the kids turn the tv off", "get bob to lock the front door"). `first`: where the first
    device or kind is said."""
    spans = {i for m in mentions for i in range(m.start, m.end)}
    if any(t in SPEECH_VERBS or t in _PASSING_ON for t in tokens[1:first]):  # "he keeps saying turn the heating up"
        return True
    if tokens[0] in PERSONS and len(tokens) > 2 and 1 not in spans and tokens[1].isalpha() and not accounted(
            tokens[1]) and not any(verb_of(t) for t in tokens[2:first]):
        return True  # "my brother wants the tv louder", "my sister's bedroom lights are purple": another's, not asked
    if tokens[0] in MODALS and len(tokens) > 2 and verb_of(tokens[2]) and 1 not in spans and tokens[1] not in WHOEVER \
            and (tokens[1] in SUBJECTS - {"you", "i", "we"} or (tokens[1].isalpha() and not accounted(tokens[1]))):
        return True
    doer = next((k for k in range(2, min(len(tokens), 5)) if verb_of(tokens[k]) or participle(tokens[k])), None)
    bare = doer is not None and verb_of(tokens[doer]) == tokens[doer] and tokens[doer] not in STATES  # not "locked"
    if tokens[0] in ("have", "let") and bare and tokens[1] not in SUBJECTS | SPEAKER_WORDS | {"there"} and not (
            spans & set(range(1, doer or 0))) and any(t not in STOPWORDS for t in tokens[1:doer]):
        return True  # "have the kids turn the tv off", "have Sam lock the back door", "let alexa turn off the tv":
        # someone made or let do it, as "get dad to …"; never "have you turned off the tv" (asked: a participle), "have
        # the heating on" (a state wished), "let me …", "let there be light"
    # "get bob to lock the front door", "get siri to …": someone made to do it ("get dad to …" is a person the lexicon
    # knows); never the model's guess
    return tokens[0] == "get" and doer is not None and tokens[doer - 1] == "to" and tokens[1] not in SPEAKER_WORDS | {
        "it", "them"} and not spans & set(range(1, doer))


def _compared(tokens: list[str]) -> bool:
    """ "lower than", "more open than", "higher than": a level said against something else's ("set the blinds lower
    than the curtains"), whatever the comparative; "rather than", "other than" say what is not wanted or left out."""
    return any(t == "than" and not any(phrase[-1] == "than" and tuple(tokens[i + 1 - len(phrase):i + 1]) == phrase
                                       for phrase in (*INSTEAD_OF, *EXCLUSIONS)) for i, t in enumerate(tokens))


def _own_to_do(tokens: list[str]) -> bool:
    """ "I should really turn the heating down", "I think I ought to lock the back door", "I have to turn off the tv":
    what the speaker means to do themselves (lexicon `own_duties`; "we should …", "you should …" ask the house;
    "should I …" asks advice, read elsewhere)."""
    for i, t in enumerate(tokens):
        rest = [w for w in tokens[i + 1:] if w not in MOOD_HEDGES]
        if t == "i" and any(tuple(rest[:len(p)]) == p and planned(rest[len(p):]) for p in OWN_DUTIES):
            return True
    return False


def _action_questioned(tokens: list[str]) -> bool:
    """ "why would you unlock the back door", "how could you leave the porch light on", "why would anyone open the
    garage door": who would do (or did) an action, questioned. Neither a request nor the state; "why did the lights go
    off" (a device, not a person, after "did") asks the state."""
    start = next((len(p) for p in ACTION_QUESTIONS if tuple(tokens[:len(p)]) == p), None)
    if start is None or tokens[start:start + 1] == ["not"] or not tokens[start + 1:start + 2]:
        return False
    verb = tokens[start + 1]
    return tokens[start] in SUBJECTS | WHOEVER and (verb in ("leave", "keep") or VERBS.get(verb_of(verb) or "") in
                                                   CHANGES)


def not_to_the_house(text: str) -> bool:
    """A sentence that asks the house nothing, by words that normalizing drops as fillers: said to someone in the room
    ("mum, can you turn the kettle on", "kids, lights off and bed") or someone's words typed after their name ("my
    wife: turn off the tv"), thanks or praise for what was done ("thanks for turning the porch light on at 3am", "nice
    one for turning the tv down") or irony ("sure, blast the tv, nobody's trying to sleep"). Read from the words as
    said."""
    said = said_words(text)
    first = _PERSON_FIRST.match(text[:MAX_CHARS])
    if first is not None and first[1].lower() in ADDRESSED:
        return True
    if first is not None and said[:1] == [first[1].lower()] and first[1].lower() in COLOR_WORDS and verb_of(
            (said[1:2] or [""])[0]):
        return True  # "Amber, switch the light off", "Rose, turn the tv down": a person named so, spoken to before a
        # command of its own; never the colour lent to it ("amber, the sofa lamp" asks the colour)
    asked = _ADDRESSED_FIRST.match(text[:MAX_CHARS])  # "mommy can you turn on the stars": no comma heard ("ma can
    if asked is not None and asked[1].lower() in ADDRESSED - ADDRESSES:  # you …" may be said to anyone, the house too)
        return True
    if _person_first(said) or _apology_first(said) or _person_described_first(said) or _anyone_switched(said):
        return True
    if any(says(said, *phrase) for phrase in IRONY) or _ironic_ending(said) or ironic(said) or doubted(said):
        return True
    return any(t == "for" and any(i >= len(p) and tuple(said[i - len(p):i]) == p for p in THANKED_FOR) and n.endswith(
        "ing") and verb_of(n) is not None for i, (t, n) in enumerate(pairwise(said)))


def _anyone_switched(said: list[str]) -> bool:
    """ "got anyone on the aircon in the kids room", "anyone on the porch light ah" (Singlish: did anyone switch it
    on?): who did it, asked with "on" or "off" as its verb, as "who turned on …" is; never a request (the aircon was
    turned on)."""
    start = 1 if said[:1] == ["got"] else 0
    return said[start:start + 1] in (["anyone"], ["anybody"]) and said[start + 1:start + 2] in (["on"], ["off"])


def _person_first(said: list[str]) -> bool:
    """A person named in two words said first, before or after exclamations, greetings, fillers or "excuse me" ("young
    man turn the tv off", "excuse me young lady, could you …", "hey you lot, …", "oi you, lights off"): no comma needed,
    as no such words start a request to the house."""
    for i, word in enumerate(said[:4]):
        if tuple(said[i:i + 2]) in PERSONS_ADDRESSED:
            return True
        if word not in SAID_ALONE | GREETINGS | FILLERS and said[i - 1:i + 1] != ["excuse", "me"]:
            return False
    return False


def _person_described_first(said: list[str]) -> bool:
    """ "whoever goes to bed last, turn off the lights", "whoever gets home first, unlock the front door": who is to do
    it, described by what they do and said first (after exclamations, greetings or fillers), is a person the command
    is passed to, never the house; "could someone …", "can anyone …" still ask the house."""
    start = next((i for i, w in enumerate(said) if w not in SAID_ALONE | GREETINGS | FILLERS), len(said))
    return any(tuple(said[start:start + len(p)]) == p and len(said) > start + len(p) for p in PERSONS_DESCRIBED)


def _apology_first(said: list[str]) -> bool:
    """ "sorry it's very noisy here", "sorry, the tv is so loud", "apologies for the noise, the builders are in": an
    apology, then news with no verb and no question, is said to a call or a guest (the noise explained), never a
    complaint the house should meet. "sorry to bother you, …" leads a request, and "sorry, turn it down" is one."""
    start = next((i for i, w in enumerate(said) if w not in SAID_ALONE | GREETINGS | FILLERS), len(said))
    apology = next((a for a in APOLOGIES if tuple(said[start:start + len(a)]) == a), None)
    if apology is None:
        return False
    rest = said[start + len(apology):]
    return rest[:1] != ["to"] and not (rest[:1] and rest[0] in QUESTION_STARTS) and not any(verb_of(w) for w in rest)


def _ironic_ending(said: list[str]) -> bool:
    """ "oh great, unlock the front door for the burglars why don't you": a command with a tag at its end that may mean
    it the other way. Said first ("why don't you turn the lights off") it is a request, as politeness reads it."""
    return any(tuple(said[-len(tag):]) == tag and any(verb_of(w) for w in said[:-len(tag)]) for tag in IRONIC_ENDINGS)


def _harm_from(said: list[str], start: int) -> int | None:
    """Where a harm said from `start` ends ("a headache" from "headache"; "the sun in my eyes" from "in", "I love
    falling over in the dark" from "falling"), else None."""
    return next((start + len(harm) for harm in HARMS if tuple(said[start:start + len(harm)]) == harm), None)


def ironic(said: list[str]) -> bool:
    """Irony with no tag: pleasure said of a harm, the harm begun within three words after it ("the sun in my eyes") or
    said first with "is" ("oh yes, make the tv even louder, I love a headache", "dim the lamp more, squinting is my
    favourite hobby"), or "even" before a comparative after a verb of the house ("go on then, make the living room even
    hotter": a level already high, asked higher), or a level denied "enough already" after a command ("turn the heating
    up, it's not hot enough already"). "I love this song", "I'm freezing, I'd love it warm", "I'm even colder
    now, turn the heating up" are meant as said."""
    for i, t in enumerate(said):
        if t in PLEASURES and any(_harm_from(said, j) is not None for j in range(i + 1, i + 4)):
            return True
        end = _harm_from(said, i)
        if end is not None and said[end:end + 1] in (["is"], ["are"]) and PLEASURES & set(said[end + 1:end + 4]):
            return True
        if t == "even" and said[i + 1:i + 2] and (said[i + 1] in COMPARATIVE_TYPES or said[i + 1] in FURTHER) and any(
                verb_of(w) for w in said[:i]):
            return True
        if t == "not" and _denied_already(said, i) and any(verb_of(w) for w in said[:i]):
            return True
    return False


def _denied_already(said: list[str], at: int) -> bool:
    """ "(turn the heating up, because it's) not hot enough already": a level said not enough, with "already", after
    the "not" at `at` and a word or two: it is too much already, said as if too little (`ironic_denials`). "it's not
    warm enough yet" is meant."""
    return any(tuple(said[j:j + len(p)]) == p for p in IRONIC_DENIALS for j in (at + 2, at + 3))


def addressee(text: str, names: Callable[[list[str]], list[Mention]]) -> str | None:
    """Who was spoken to by name, when the sentence starts so: "Sam, switch off the tv please", "Tom can you turn the
    lights off" -> "Sam", "Tom"; the command is theirs, never the house's. The word alone before a comma (or before
    "can you", "could you", "will you") at the start is one that no table of the lexicon knows (not a wake word,
    filler, exclamation or device word) and in which `names` finds nothing of the home. Names are in no list and
    cannot be; the words said there that are not names are (lexicon `said_alone`). The assistant's own name is a
    wake word, dropped as a filler."""
    first = _ADDRESSED_FIRST.match(text[:MAX_CHARS])
    said = re.match(r"\W*([\w']+)\s+([\w']+)", text[:MAX_CHARS])
    if first is None and said and said[2].lower() in COMMAND_STARTS and len(said[1]) > 2 and not said[2].lower(
            ).startswith(said[1].lower()):  # "Alfie turn that telly off": no comma heard; "tu turn", "un lock" are
        first = said  # the recogniser's starts of a word
    words = normalize(first[1]) if first else []
    if first and words and all(w in ADDRESSED for w in words):
        return first[1]  # "grandpa turn the tv off", "mum can you …": a person, no comma heard ("mum, …" is the same)
    asked = bool(first) and _ASKED_AFTER.match(text[first.end(1):MAX_CHARS]) is not None  # "Marc, can you …"
    unknown = bool(words) and all(
        w.isalpha() and not accounted(w) and w not in SAID_ALONE | ADDRESSED | TOPIC_SHIFTS | TIMER_WORDS | NOT_NAMES
        and w not in BRANDS and not changes_meaning(w) and not _named(w, names, asked) for w in words)  # "hypo-
    # thetically, …"
    return first[1] if first and unknown else None


def _named(word: str, names: Callable[[list[str]], list[Mention]], asked: bool) -> bool:
    """Whether the word names something of the home. Asked "can you …" after it, a word that is only a part of a
    device's name ("Marc" of "Lampe de chevet Marc", "Priya" of "Priya's Lamp": whose it is) is a person asked by name,
    never that device; a whole name or alias ("roomba, can you clean the kitchen"), a room or a kind still names."""
    found = names([word])
    if not asked:
        return bool(found)
    return any(m.kind != "device" or any(said_as(n) == (word,) for d in m.devices for n in (d.name, *d.aliases))
               for m in found)


def doubted(said: list[str]) -> bool:
    """A doubt about the request itself, said before it: "I'm not sure I want you to turn off the tv", "maybe I want
    you to …", "I don't know if I want the tv on", "not sure whether to …", "I doubt you should …". Politeness drops
    "i want you to" and the rest would read as the bare command (and a command beside it, "… and lock the front door",
    done); a doubt about something else ("I'm not sure I'm doing this right but please …") asks as said."""
    for i in range(len(said)):
        for doubt in (d for d in DOUBTS if tuple(said[i:i + len(d)]) == d):
            rest = said[i + len(doubt):]
            rest = rest[1:] if rest[:1] in (["if"], ["that"]) else rest
            if any(tuple(rest[:len(d)]) == d for d in DOUBTED):
                return True
    return False


def asks_ability(tokens: list[str], question: bool, mentions: list[Mention]) -> bool:
    """A question about what a device can do, not how it is: "is the desk lamp dimmable", "can the hall light dim?",
    "can the kettle boil less water", "can the curtains open any wider", "does the fan have a high setting", "how
    bright can the desk lamp go". Answered from what the device declares, never by a call."""
    if not question or not tokens:
        return False
    if any(says(tokens, *phrase) and not (phrase[0] == "change" and (  # "can the sofa lamp change colour to red"
            COLOR_WORDS & set(tokens) or any(t[:1].isdigit() for t in tokens))) for phrase in ABILITIES):  # asks for
        return True  # it; "is the bedside lamp able to go blue", "which lights can change colour": what it can do
    if tokens[0] in MODALS and not _asks_the_house(tokens) and any(m.kind in ("device", "type") for m in mentions):
        return True  # "can we take the heating offline" ("can the tv go louder", "can you turn off the tv": requests,
        # no questions)
    if any(t == "any" and (n in FURTHER or n in COMPARATIVE_TYPES) for t, n in pairwise(tokens)):
        return True  # "can the tv go any louder": whether it can
    if tokens[:1] in (["does"], ["do"]) and DOING_VERBS & set(tokens[1:]):
        return True  # "does the thermostat go up to 30", "do the blinds go all the way down": what it can do or does
        # ("does it work" asks how it is)
    return tokens[:1] == ["how"] and tokens[2:3] in (["can"], ["does"], ["do"], ["will"], ["would"])  # "how warm
    # does the study heater get" ("how warm is it" asks)


def _asks_the_house(tokens: list[str]) -> bool:
    """A question that starts with a modal and still asks the house something, its state or an act: "can you check
    the back door", "could you tell me if the garage door is open", "could the desk lamp be off?" (on, off or playing
    said after "be"), "can you turn off the tv", "could someone lock the front door", "can i turn on the tv" (a verb
    asked of the house: the speaker asks leave of it, as "can i have the tv on" does; batch 39)."""
    asked_of_the_house = len(tokens) > 2 and tokens[1] in WHOEVER | {"you", "we", "i"} and verb_asked(tokens[2:])
    return asked_of_the_house or bool(STATE_ASKING & set(tokens)) or any(
        t == "be" and STATES.get(n) in (ON, OFF, PLAY) for t, n in pairwise(tokens))  # "can the curtains be closed"
    # asks them closed, or whether they close: not how they are
