"""Checks that a clause is no command for now (news, the past, passed-on words, a time holding it), or is a request."""

from __future__ import annotations

from itertools import pairwise

from assistant.tools import COLORS, FAN_SPEEDS
from assistant.understand import comfort
from assistant.understand.clause import Clause
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import MEDIA_WORDS, STOPWORDS, TYPE_WORDS, Mention
from assistant.understand.mood import (
    INTENDING,
    LEAVING,
    SAID_AS_COMMANDS,
    done_unsaid_by,
    others_said,
    past,
    told_done,
)
from assistant.understand.normalize import CLAUSE_BREAK, DETERMINERS
from assistant.understand.reasons import OWNERS, as_when, outdoors
from assistant.understand.vocabulary import (
    AUXILIARIES,
    CAUSATIVES,
    CLEAN,
    CLOCK_WORDS,
    COMPARATIVE_TYPES,
    CONDITION_WORDS,
    COPULAS,
    DAY_PARTS,
    DOCK,
    DOWN,
    EARLIER_WORDS,
    FAULTS,
    FRACTIONS,
    HINTS,
    HOME_WORDS,
    HOW_TO,
    IMPLIED_TYPES,
    INSTANT_WORDS,
    LATER_WORDS,
    MODALS,
    NEGATIONS,
    NUMBER_UNITS,
    OFF,
    ON,
    OTHER_SERVICES,
    PARTICLE_VERBS,
    PARTICLES,
    PAST_FORMS,
    PRONOUNS,
    QUANTITY_NOUNS,
    QUERY,
    QUESTION_STARTS,
    RELATIVE_WORDS,
    REPORT_ADVERBS,
    REPORT_COPULAS,
    SEASONS,
    SET,
    SPAN_WORDS,
    SPEECH_VERBS,
    SPEEDS,
    STATES,
    SUBJECTS,
    TEMPERATURES_SET_FOR,
    TIME_UNITS,
    UP,
    VERBS,
    WANTING,
    WHETHER_VERBS,
    WHOEVER,
    accounted,
    as_number,
    inverted_condition,
    noun_first,
    participle,
    verb_of,
)
from assistant.understand.when import ASK_WHEN, CONDITION, DAY_WORDS, DAYS, DURATION, TIMER_WORDS, ask_half_of_day

TIME_CLASSES = ("date", "timestamp", "duration")  # sensors whose state is a time: "when is the next birthday?"
AWAY = LEXICON.words("away_words")  # "… we're going away for the weekend": where, why
LEVEL_SAID = LEXICON.words("level_said")  # after "is": "the heating is at 20", "the blinds are half open"
BECOMING = LEXICON.words("becoming")  # "can the sofa lamp go purple": a change asked of a device, with its value
ABLE_VERBS = LEXICON.words("able_verbs")  # "can the sofa lamp do purple": whether it can, or asked for: asked yes or no
SEEMING = LEXICON.words("seeming")  # "the front door lock feels stiff": how it is, as news
APPRAISALS = LEXICON.words("appraisals")  # "the strip looks nice blue": how the speaker likes it, as news
_PASSING_ON = LEXICON.words("passing_on")  # "my wife was saying, turn off the tv": her words
_CLOCK_NOW = LEXICON.words("clock_now")  # "it's already 2 am": the time now
_HOW_LONG_IT_WAS = LEXICON.words("lasted")  # "the porch light was on all night": how long it was, never how long to
_ALL_OF = {"all", "whole"}  # "all night", "the whole night" (Singlish "… leave on the whole night"): how long
_SHOWING = LEXICON.phrases("showing")  # "this is how you lock the front door": a way shown, as "how do i" asks it
_LISTENERS_OWN = LEXICON.words("listeners_own")  # "turn your tv off and go outside and play": a person's tv
_QUOTATIVES = LEXICON.words("quotatives")  # "she goes, turn the music down": her words
_PEOPLE = LEXICON.words("people_addressed")  # "mum goes, …", "…, my husband shouted": who
_PERSONS_DOINGS = LEXICON.phrases("persons_doings")  # "… and come for dinner": said to a person
_PERSONS_WAYS = LEXICON.phrases("persons_ways")  # "… on your way out": said to a person
_PERSONS_PROMISED = LEXICON.phrases("persons_promised")  # "… and you can have ice cream": a reward or a threat
_PROMISE_JOINS = LEXICON.words("promise_joins")  # "turn the tv off and you can …", "turn that down or you're grounded"
_LOUDNESS = LEXICON.words("loudness")  # "the kids are being really noisy": how loud they are
_IMMINENT = LEXICON.phrases("imminent")  # "the film's about to start": what is about to happen
_DARES = LEXICON.phrases("dares")  # "turn that tv up one more time and I'm taking the remote": a dare
_DARE_DEEDS = LEXICON.words("dare_deeds")  # "… once more and i'm taking the remote"
_HUSHING = LEXICON.phrases("hushing")  # "shut up", "shush": said to a person unless a device is named
_SAID_JOINED = LEXICON.words("said_joined")  # "turn the tv off like mum said": the speaker's request, as mum asked
_BEING = LEXICON.derived(lambda: REPORT_COPULAS | COPULAS | LEXICON.words("seeming"))  # "my coffee has gone cold"
_ROOM_FELT = LEXICON.derived(lambda: set().union(*(LEXICON.words(k) for k in (
    "room_felt", "room_nouns", "home_words", "played_things", "sound_words", "here_words", "outdoor_words",
    "quantity_nouns"))) | set(IMPLIED_TYPES) | set(TYPE_WORDS) | MEDIA_WORDS)  # "the air is so cold", "my room is
# cold", "the film is too loud", "the music is too loud": the room's or a device's level
_PLAYED = LEXICON.words("played_things")  # "the film was so dark": what a screen shows, and how …
_SCREEN_LEVELS = LEXICON.derived(lambda: set(LEXICON.table("goals")) | {  # … it looks ("dark", "glaring")
    v for k, v in LEXICON.table("complaints").items() if ("bright" in k or "dim" in k) and " " not in v})
_PARTICIPLE_PARTICLES = LEXICON.words("participle_particles")  # "the match is heating up": what goes on
_GETTING = LEXICON.words("getting")  # "it's getting colder", "it is much colder": how a comparative is said
_ASKING = LEXICON.words("asking")  # "what would I say to turn on the porch light": the words asked, a how-to
_OTHERS_WISHING = LEXICON.words("others_wishing")  # "sam wants the sofa lamp on, can you turn it on": why, news
_SCENE_FRAMES = LEXICON.words("scene_frames")  # "picture this, the lights dim …": a scene imagined or filmed
_TURNS_OF = LEXICON.words("turns_of")  # "it's your turn to lock the back door": someone's turn, theirs to do
_WHOSE = LEXICON.words("turn_owners")  # "my turn", "whose turn"
_REPORT_LEADS = LEXICON.words("report_leads")  # "done: kettle off, back door locked": how things were left, told
_STORY_DOINGS = LEXICON.words("story_doings")  # "the kids come in, crank the tv up …": a story of others, told
_SCENE_MOVES = LEXICON.words("scene_moves")  # "the lights go out", "the blinds come down": a way said with its move


def _in_the_past(tokens: list[str], i: int) -> bool:
    """ "I forgot to lock the back door when I left", "the kettle was on when we got back": a condition word after
    something that happened, before who did what in the past, tells when it happened; it holds nothing now. Said
    first ("when I got home, turn on the heating") it may be the command's condition, misheard: still held."""
    said = tokens[i + 2:i + 3]  # "if I unlocked …" is what might be, never when
    return tokens[i] in ("when", "after", "before", "once", "while") and tokens[i + 1:i + 2] != [] and tokens[
        i + 1] in SUBJECTS and said != [] and past(said[0]) is not None and any(past(t) or t in ("was", "were")
                                                                    for t in tokens[:i])


# "I don't want to wake anyone up", "so as not to wake the baby": people not to be woken, never the alarm ("wake me
# up at 7")
_WOKEN = LEXICON.derived(lambda: WHOEVER | {"everyone", "everybody", "nobody", "the", "him", "her", "them", "my",
                                             "our"})


_KNOB_WAYS = LEXICON.words("knob_ways")  # "dial down the heating", "dial the tv back"


def _knob_turned(tokens: list[str], i: int) -> bool:
    """ "dial down the heating", "dial the tv back a bit": a word of another service that is a verb of the house too
    (a particle verb: a knob dialled), said with the way it turns in its clause; "dial mum", "dial 999" are calls."""
    after = tokens[i + 1:i + 6]
    after = after[:after.index(CLAUSE_BREAK)] if CLAUSE_BREAK in after else after
    return tokens[i] in PARTICLE_VERBS and bool(_KNOB_WAYS & set(after))


def _elsewhere(tokens: list[str], named: set[int]) -> bool:
    """A request for another service ("remind me to lock the back door", "call the plumber about the fan") or a
    question the state of a device does not answer ("how do I reset the thermostat", "how much energy is …"):
    whatever commands the sentence holds are its content, not for the home to do. `named`: device words."""
    measured = tokens[2:3] if tokens[:2] in (["how", "much"], ["how", "many"]) and not TIMER_WORDS & set(
        tokens[2:3]) else []  # "how many timers are running": the timers answer it, as "are any timers running" does
    told = 2 if tokens[1:2] == ["the"] else 1  # "tell mum to turn off the tv": a message for someone, not a question
    if tokens[:1] == ["tell"] and told not in named and tokens[told:told + 1] not in ([], ["me"], ["us"]):
        return True
    end = next((i for i in range(told, len(tokens)) if i not in named), len(tokens))  # "tell the heater the heating
    if tokens[:1] == ["tell"] and told in named and tokens[end:end + 1] != ["to"] and REPORT_COPULAS & set(
            tokens[end:]):  # is on": news told to a device, never a request ("tell the roomba to go home" is one)
        return True
    timed = tokens[1:2] == ["long"] and bool(TIMER_WORDS & set(tokens))  # "how long does the timer have left"
    asked = tokens[1:] if tokens[:1] and 0 not in named and not accounted(tokens[0]) else tokens  # "beta how to
    # switch on this kettle", "mum how do i …": the question asked of someone named first
    shown = _way_shown(tokens)
    asked = tokens[shown:] if shown else asked  # "that's how you turn off the lights": a way shown to someone
    if _words_asked(tokens):
        return True
    return any(t in OTHER_SERVICES and not _knob_turned(tokens, i) and tokens[max(0, i - 2):i] not in (
               ["on", "the"], ["on", "a"])  # "i am on the
               and not (t == "wake" and NEGATIONS & set(tokens[max(0, i - 4):i]) and tokens[i + 1:i + 2] and tokens[
                   i + 1] in _WOKEN) and not (tokens[i - 1:i] in ([], ["the"], ["my"], [CLAUSE_BREAK]) and tokens[
                   i + 1:i + 2] and (tokens[i + 1] in REPORT_COPULAS or tokens[i + 1].endswith("ing")))  # "(mute the
               # telly,) the phone's ringing", "phone ringing": what the thing is doing, news
               and not (t.endswith("ing") and i and (tokens[i - 1] in ("is", "are") or tokens[i - 1] in SUBJECTS))
               # "(pause the tv,) my sister is calling", "someone's calling me": what someone is doing, news (batch 71)
               for i, t in enumerate(tokens) if i not in named) or (any(  # phone": how someone is, not a service
        tuple(asked[:len(p)]) == p for p in HOW_TO) and not timed) or (  # "how long does the kettle take"
        bool(measured) and 2 not in named and not accounted(measured[0]))  # "how much energy is the heater using"


def _words_asked(tokens: list[str]) -> bool:
    """ "what would I say to turn on the porch light", "suppose I wanted the porch light on, what would I say", "how
    would I ask you to lock the front door": the words to say to the house asked, anywhere in the sentence; how, as
    "how do I …" asks it, never the command said inside it."""
    return any(a in ("what", "how") and b in AUXILIARIES and c in ("i", "we") and d in _ASKING for a, b, c, d in zip(
        tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))


def _way_shown(tokens: list[str]) -> int:
    """Where "how" starts after words that show a way ("that's how you turn off the lights", "look, this is how you
    lock the front door"), a verb of the house two words after it; 0 where none is ("that's how i like it" is no way
    of working a device)."""
    for at in (0, *(i + 1 for i, t in enumerate(tokens[:3]) if t == CLAUSE_BREAK)):  # first, or after "look,"
        for phrase in _SHOWING:
            how = at + len(phrase)
            if tuple(tokens[at:how]) == phrase and tokens[how:how + 1] == ["how"] and verb_of(
                    (tokens[how + 2:how + 3] or [""])[0]):
                return how
    return 0


_TITLING = LEXICON.words("titling")  # "a song called turn off the light": what follows is a title


def _quoted(tokens: list[str]) -> bool:
    """ "my wife said, turn off the tv", "the kids were saying, put the telly on", "mum told me, lock the back door":
    what follows is someone's words passed on, as "said to …" is; the speaker's own ("I said, …") are a request. "so"
    and a verb there ("mum said so turn off the tv") may be her words or her say-so: passed on too ("turn off the tv,
    mum said so" is the speaker's request with its reason). A command said as what something is called ("the film is
    called turn off the tv", "a song titled lock the door") is a title, quoted too."""
    return any((token == CLAUSE_BREAK or (token == "so" and verb_of(tokens[i + 1] if i + 1 < len(tokens) else "")))
               and i and _passed_on(tokens[:i]) for i, token in enumerate(tokens)) or any(
        t in _TITLING and verb_of(n) for t, n in pairwise(tokens))


def _to_the_listeners(tokens: list[str], mentions: list[Mention]) -> bool:
    """ "turn your tv off and go outside and play", "turn your heating down by one degree and save money" (an advert),
    "you're on mute" (a video call), "close your eyes": a device or a thing said as the listener's own, or how the
    listener is, with no device named, is said to the people in the room, by a tv, a radio or a call, or by the
    speaker; never to the house, whose devices are the speaker's ("my", "our", "the")."""
    if any(m.kind in ("device", "type") and m.start and tokens[m.start - 1] in _LISTENERS_OWN for m in mentions):
        return True
    if _LISTENERS_OWN & set(tokens) and not any(m.kind in ("device", "type", "area") for m in mentions):
        return True  # "close your eyes", "switch your phone off": the listener's own thing, never the room's cover
    if any(m.kind in ("device", "type", "area") for m in mentions) or tokens[:1] != ["you"]:
        return False
    rest = [t for t in tokens[2:] if t not in REPORT_ADVERBS]
    felt = next((i for i, t in enumerate(tokens) if t in comfort.COMFORT), None)
    return (tokens[1:2] == ["are"] and rest[:1] != [] and rest[0] in STATES) or (  # "you're still on mute", "you are
        felt is not None and not (SUBJECTS | PRONOUNS) & set(tokens[1:felt]))  # off"; "you're frozen" (a call's
    # picture), "you must be freezing", "you look cold", "you're so hot": how the listener feels, never the room's need
    # ("I'm frozen" is the speaker's; "you know it's freezing in here" is said of the room)


def of_someone_else(tokens: list[str], mentions: list[Mention]) -> bool:
    """ "she's freezing", "he's boiling", "they're cold", "is she cold": how someone else feels, said with no device and
    no verb for the house, is said of them, perhaps to someone in the room, as how the listener feels is; never the
    room's need (a heater turned on for it is an action nobody asked for). So is a level complained of in them ("she's
    so bright", "he's too loud", "they're so loud", "the kids are being really noisy": never the room's lights dimmed or
    its tv turned down). "I'm cold", "we're freezing" are the speaker's; "she's freezing, turn the heater on" asks the
    house."""
    felt = next((i for i, t in enumerate(tokens) if t in comfort.COMFORT or t in _COMPLAINED or t in _LOUDNESS), None)
    if felt is None or any(m.kind in ("device", "type") for m in mentions) or any(verb_of(t) for t in tokens):
        return False
    before = tokens[1:felt] if tokens[:1] != [] and tokens[0] in QUESTION_STARTS else tokens[:felt]
    who = next((k for k in range(len(before), 0, -1) if _person(before[:k])), None)
    return who is not None and not (SUBJECTS | PRONOUNS) & set(before[who:])


def of_a_thing(tokens: list[str], mentions: list[Mention]) -> bool:
    """ "my coffee is cold", "my tea is too hot", "my eyes are so bright today", "your jacket is so bright", "the rain
    is so loud tonight": a level or a temperature said of a thing that is no device, no kind, no room and no place (a
    drink, a food, a body part, clothes, a voice: `owner` + one or two words + "is"/"are"/"has gone", said with no verb
    for the house) is how that thing is; never a complaint about the room or a device (a kettle turned on for a hot
    tea is an action nobody asked for; a cold coffee may be asked, never acted on). "it's so bright in here", "my room
    is cold", "the music is too loud" (a kind's word, `room_felt`) and "my coffee is cold, turn the coffee machine on"
    still ask the house."""
    felt = next((i for i, t in enumerate(tokens) if t in comfort.COMFORT or t in _COMPLAINED), None)
    if felt is None or mentions or any(verb_of(t) for t in tokens) or CLAUSE_BREAK in tokens:
        return False
    joined = tokens.index("and", felt) if "and" in tokens[felt:] else len(tokens)
    if any(t in comfort.COMFORT or t in _COMPLAINED for t in tokens[joined:]):
        return False  # "my tea is cold and my feet hurt": how the speaker is, no more; "… and I'm freezing" the room's
    be = next((i for i, t in enumerate(tokens[:felt]) if t in _BEING), None)
    if be is None or tokens[0] not in DETERMINERS or not 2 <= be <= 3 or any(
            t in _ROOM_FELT or t == "in" for t in tokens):
        return False
    return not any(t in PRONOUNS or t in _PEOPLE or verb_of(t) for t in tokens[1:be])


def to_a_person_doing(tokens: list[str]) -> bool:
    """ "switch off the lights and come for dinner", "turn off the tv and go to bed": a command joined to what only a
    person does is said to that person, the switching theirs to do; never done by the house beside it. So is one said
    with the person's way ("switch off the tv on your way out", "lock the back door as you go": lexicon
    `persons_ways`), which the house has none of."""
    return any((t == "and" and any(tuple(tokens[i + 1:i + 1 + len(p)]) == p for p in _PERSONS_DOINGS)) or any(
        tuple(tokens[i:i + len(p)]) == p for p in _PERSONS_WAYS) or (t in _PROMISE_JOINS and (_promised(
            tokens[i + 1:]) or _dared(tokens[:i], tokens[i + 1:]))) for i, t in enumerate(tokens))


def _dared(before: list[str], after: list[str]) -> bool:
    """ "(turn that tv up) once more and i am taking the remote", "(…) again and you are in trouble": a command said
    again (lexicon `dares`) and then a deed against the listener (someone said first, then "you"/"your" or a word of
    lexicon `dare_deeds` within a few words) is a dare to a child, the "and" an "if"; never the house's to do. The
    speaker's own plan after it ("lock the front door again and i am going to bed") leaves the command as said, and
    a command said again and then another ("… again and turn on the lamp") is two commands (helper R's review)."""
    if not any(tuple(before[-len(p):]) == p for p in _DARES) or after[:1] == [] or after[0] not in SUBJECTS:
        return False
    return bool({"you", "your"} & set(after[1:6]) or _DARE_DEEDS & set(after[1:4]))


def _promised(after: list[str]) -> bool:
    """ "(turn the tv off and) you can have ice cream", "(…) you are grounded", "(…) see what happens", "(close the
    garage door and) i will make you a sandwich": what a person gets or is in for, said after a command (lexicon
    `persons_promised`; or "i", a word of intent and "you" within three words): a reward or a threat, so the command
    is said to that person, a child told what to do (helper V, batch 69); never the house's to do. "… or i will trip"
    is why the house is asked."""
    if after[:2] == ["you", "are"] and after[2:3] != [] and after[2] in _ARTICLES | {"so", "such"}:
        return False  # "(lock the back door and) you're a star": thanks to the house, not a threat
    if any(tuple(after[:len(p)]) == p for p in _PERSONS_PROMISED):
        return True
    return after[:1] == ["i"] and after[1:2] != [] and after[1] in INTENDING and "you" in after[2:5]


def hushed(words: list[str], mentions: list[Mention]) -> bool:
    """ "shut up", "oh shush", "will you shut up": hushing said with no device or kind of device named is said to a
    person, or to the assistant's own voice; never a mute of the room's player ("shut the tv up", "shush the music"
    mute it). `words` as said ("shush" is read "mute")."""
    if any(m.kind in ("device", "type") for m in mentions):
        return False
    for phrase in _HUSHING:
        at = next((i for i in range(len(words)) if tuple(words[i:i + len(phrase)]) == phrase), None)
        if at is not None:  # the music's "shut up" ("shut" alone is a cover's word)
            return not set(IMPLIED_TYPES) & set(words[:at] + words[at + len(phrase):])
    return False


def wish_before_request(clauses: list[Clause]) -> None:
    """ "sam wants the sofa lamp on, can you turn it on", "mum wants the tv off, can you turn it off": someone else's
    wish for a device, said before a request of the same with "it" or "them", is the request's reason, news (batch 16),
    as "the tv's on, turn it off" is; the wish was asked "Did you mean …?" and the request with it. Said alone, or
    before a request the other way, the wish is read as before."""
    for first, later in pairwise(clauses):
        if _wished_by_another(first) and later.intent is not None and (later.intent == first.intent or any(
                STATES.get(t) == later.intent for t in first.tokens)) and PRONOUNS & set(later.tokens) and any(
                verb_of(t) for t in later.tokens):  # ("max wants …": "max" read as a level too)
            first.report = first.unclear = True


def scene_told(clauses: list[Clause]) -> None:
    """ "picture this, the lights dim and the movie starts", "the blinds come down and the projector starts", "in the
    game, the lights dim and a door unlocks": a device said first with a verb in its plain form ("the lights dim",
    "the curtains close") is a terse command alone, but beside a clause that tells what something does in the present
    ("the movie starts", "the tv comes on", "everyone cheers"), or after a frame of a scene imagined, planned, filmed
    or read (lexicon `scene_frames`) in its clause or before it, it is what happens in the scene told: news, never
    done, nor settled by the model (helper V, batch 69). A command said with its verb first ("the film's about to
    start, close the blinds"), or with no verb ("lights dim, tv on"), is read as before."""
    happening = {i for i, c in enumerate(clauses) if _happens(c)}
    framed = next((i for i, c in enumerate(clauses) if _SCENE_FRAMES & set(c.tokens) and not any(
        m.kind == "device" and c.said_here(m) for m in c.mentions)), None)
    for i, clause in enumerate(clauses):
        told = _device_does(clause) and (happening - {i} or (framed is not None and framed < i) or _move_told(clause))
        if told or _framed_within(clause):  # (one clause: "the plan is the lights go off", "ideally the lights dim")
            clause.report = clause.unclear = True


_SCENE_LEADS = LEXICON.derived(lambda: LEXICON.words("scene_leads") | {CLAUSE_BREAK})  # "…, and then the tv comes on"


def story_told(tokens: list[str], clauses: list[Clause], named: set[int]) -> None:
    """ "the kids come in, crank the tv up and leave the back door unlocked", "they come downstairs, turn the kettle on,
    go back up": others said first, then a verb of coming or going in the plain present (lexicon `story_doings`), tell
    what they do; the parts straight after, with a verb first and no subject of their own, go on telling it: news,
    never commands (helper V, batch 69). A part with a subject of its own ends the story ("…, it's pitch black, turn on
    the hall light" asks again); so does a time said with the others ("the guests arrive soon, …": what is to come,
    and why). Read from the sentence's words, cut at each pause, "and" and "then": a place said in the story
    ("downstairs") may have gone to the command's clause. `named`: the indexes of the words that name devices, kinds
    or rooms ("the blinds go up, …" tells of no people)."""
    parts: list[list[str]] = [[]]
    starts = [0]
    for i, t in enumerate(tokens):
        if t in (CLAUSE_BREAK, "and", "then"):
            parts.append([])
            starts.append(i + 1)
        else:
            parts[-1].append(t)
    start = next((k for k, part in enumerate(parts) if _others_do(part) and not named & set(
        range(starts[k], starts[k] + 2))), None)
    if start is None:
        return
    told = []
    for part in parts[start + 1:]:
        if part and verb_of(part[0]) is None and part[0] not in LEAVING:
            break  # ("…, and leave the back door unlocked" goes on)
        told += [part[:2]] if part else []
    for clause in clauses:
        if not clause.question and clause.tokens[:2] in told:
            clause.report = clause.unclear = True


def listed_as_done(tokens: list[str], clauses: list[Clause]) -> None:
    """ "done: kettle off, back door locked, blinds closed", "update, front door locked, porch light off": a report's
    word said first (lexicon `report_leads`), then two or more devices each with its state, one of them a past form
    ("locked", "closed"), is a list of how things were left, told: news, never commands (helper V, batch 69). "done,
    lights off" and "lights off in the bedroom and curtains closed" (no report's word) ask as before."""
    if tokens[:1] == [] or tokens[0] not in _REPORT_LEADS or tokens[1:2] != [CLAUSE_BREAK]:
        return
    listed = [c for c in clauses if c.intent is not None and not c.question and any(
        m.kind in ("device", "type") and m.start <= 1 and c.said_here(m) and not any(
            verb_of(t) for t in c.tokens[:m.start]) for m in c.mentions)]
    if len(listed) >= 2 and any(past(t) not in (None, t) for c in listed for t in c.tokens):
        for clause in listed:
            clause.report = clause.unclear = True


def step_before(tokens: list[str], named: set[int]) -> bool:
    """ "remove the filter, then turn the dehumidifier back on", "fill it with vinegar and then switch the kettle on":
    a step only a person can do (a verb no table knows, said first, then what it is done to: no device), then "then"
    and a command: steps read from a manual or a recipe, the command to be done after the person's step; never done
    now (helper V, batch 69). "turn off the tv and feed the cat" is read as before (the tv off, the cat not for the
    house). `named`: the indexes of the words that name devices ("the bulb", a kind's word, is no device)."""
    at = next((i for i, t in enumerate(tokens) if t == "then"), None)
    if not at:
        return False
    end = at
    while end and tokens[end - 1] in (CLAUSE_BREAK, "and"):  # "…, then", "… and then"
        end -= 1
    start = max((i + 1 for i, t in enumerate(tokens[:end]) if t in (CLAUSE_BREAK, "and")), default=0)
    step = tokens[start:end]
    return len(step) >= 2 and step[0].isalpha() and not accounted(step[0]) and (
        step[1] in DETERMINERS or step[1] in PRONOUNS) and not named & set(range(start, end)) and any(
        verb_of(t) for t in tokens[at + 1:])


def _others_do(words: list[str]) -> bool:
    """ "the kids come in", "they get home", "the guests walk in": others (`mood.others_said`) said first, then a verb
    of coming or going (lexicon `story_doings`), with no time said."""
    who = 1 if words[:1] == ["they"] else 2
    timed = any(t in LATER_WORDS | DAY_PARTS | {"soon", "at"} or any(c.isdigit() for c in t) for t in words[who:])
    return others_said(words[:who]) and words[who:who + 1] != [] and words[who] in _STORY_DOINGS and not timed


def _led(tokens: list[str]) -> int:
    """Where a clause's words start past "and", "then", "first", "so" said first."""
    return next((i for i, t in enumerate(tokens) if t not in _SCENE_LEADS), len(tokens))


def _device_does(clause: Clause, start: int | None = None) -> bool:
    """ "the lights dim", "the blinds come down", "the curtains close": a device said first (after "the"; or at
    `start`), then a verb in its plain form, with no verb before it."""
    tokens = clause.tokens
    start = _led(tokens) if start is None else start
    start += tokens[start:start + 1] != [] and tokens[start] in DETERMINERS
    said = next((m for m in clause.mentions if m.kind in ("device", "type") and m.start == start and clause.said_here(
        m)), None)
    after = tokens[said.end] if said is not None and said.end < len(tokens) else ""
    return not clause.question and clause.intent not in (None, QUERY) and after.isalpha() and (
        verb_of(after) == after or after in _SCENE_MOVES)


def about_to_happen(clauses: list[Clause]) -> None:
    """ "the film's about to start, close the blinds", "the match is about to start, turn on the tv", "the tv is about
    to turn off, turn it up": what is about to happen (lexicon `imminent` after who or what, no verb before it) is news,
    the command beside it its reason (batch 14), never a request, nor one that holds the command (helper G, batch
    77)."""
    for clause in clauses:
        at = next((i for i in range(1, len(clause.tokens)) if any(
            tuple(clause.tokens[i:i + len(p)]) == p for p in _IMMINENT)), None)
        if at is not None and not any(verb_of(t) for t in clause.tokens[:at]):
            clause.report = clause.unclear = True


def scene_named_now(clauses: list[Clause]) -> None:
    """ "it's bedtime, turn off the porch light", "it's way past bedtime, turn off the tv": a scene's name said after
    "it is" (and "past", "nearly" …: lexicon `clock_now`) beside a command is the time now, its reason, as a clock time
    is (batch 71): never the scene activated, nor when to do the command (helper G, batch 77). Said alone ("it's
    bedtime") it is read as before."""
    if not any(c.intent is not None for c in clauses):
        return
    for clause in clauses:
        start = _led(clause.tokens)
        if clause.tokens[start:start + 2] == ["it", "is"] and any(
                m.kind == "device" and m.end == len(clause.tokens) and all(d.type == "scene" for d in m.devices) and
                _time_now(clause.tokens[start:], m.start - start) for m in clause.mentions):  # the clause is all of it
            clause.report = clause.unclear = True  # ("turn off the kids tv it's bedtime" is read as before)


def _move_told(clause: Clause) -> bool:
    """ "the blinds go up", "the blinds come down, dim the ceiling light": a device said first after "the", then a move
    (lexicon `scene_moves`) and its way, is how it goes, told, alone or before a command; never a cover moved on the
    strength of it (helper G, batch 77). "lights dim", "blinds up" said tersely stay commands."""
    start = _led(clause.tokens)
    if clause.tokens[start:start + 1] == [] or clause.tokens[start] not in DETERMINERS:
        return False
    said = next((m for m in clause.mentions if m.kind in ("device", "type") and m.start == start + 1), None)
    return said is not None and clause.tokens[said.end:said.end + 1] != [] and clause.tokens[said.end] in _SCENE_MOVES


def _framed_within(clause: Clause) -> bool:
    """ "the plan is the lights go off", "ideally the lights dim", "in my dream the curtains close": a frame's word,
    then (after "is", "this" or a pause) a device said first with a verb in its plain form, in one clause; no verb of
    the house before the device."""
    tokens = clause.tokens
    frame = next((i for i, t in enumerate(tokens) if t in _SCENE_FRAMES), None)
    if frame is None or any(verb_of(t) for t in tokens[:frame]):
        return False
    start = frame + 1
    while start < len(tokens) and (tokens[start] in ("is", "this", CLAUSE_BREAK) or (
            tokens[start] in _ARTICLES and tokens[start + 1:start + 2] != [] and tokens[start + 1] in _SCENE_FRAMES)):
        start += 1  # "my dream", "the plan is", "picture this"
    return _device_does(clause, start) or _device_does(clause, start + 1)


def _happens(clause: Clause) -> bool:
    """ "the movie starts", "the tv comes on", "a door slowly opens", "everyone cheers": a subject said first (a device,
    or a determiner and a word or two, or someone), then a verb in the third person present: what goes on, told."""
    tokens, at = clause.tokens, _led(clause.tokens)
    if clause.question or at >= len(tokens):
        return False
    said = next((m for m in clause.mentions if m.kind in ("device", "type") and m.start in (at, at + 1) and (
        m.start == at or tokens[at] in DETERMINERS) and clause.said_here(m)), None)
    if said is not None:
        at = said.end
    elif tokens[at] in DETERMINERS:
        words = 0
        while at + 1 < len(tokens) and words < 2 and tokens[at + 1].isalpha() and verb_of(tokens[at + 1]) is None and (
                not _third_person_told(tokens[at + 1]) or words == 0):
            at, words = at + 1, words + 1
        at += 1
        if not words:
            return False
    elif tokens[at] in _WOKEN or tokens[at] in SUBJECTS - {"i", "we", "you"}:
        at += 1
    else:
        return False
    if at < len(tokens) and tokens[at].endswith("ly") and not accounted(tokens[at]):
        at += 1  # "the door slowly opens"
    return at < len(tokens) and _third_person_told(tokens[at])


def _third_person_told(word: str) -> bool:
    """ "starts", "comes", "unlocks", "cheers": a verb in the third person present, never a copula ("is", "has")."""
    return len(word) > 3 and word.isalpha() and word.endswith("s") and word not in REPORT_COPULAS | AUXILIARIES and (
        not accounted(word) or word[:-1] in VERBS or word[:-2] in VERBS)


def _wished_by_another(clause: Clause) -> bool:
    """ "sam wants the sofa lamp on", "the kids want the tv on", "my brother needs the heater on": a person (a word
    for one, or one word that names no device: a name, "nobody"), a wish, then a device or a kind."""
    tokens = clause.tokens
    wish = next((i for i, t in enumerate(tokens[:4]) if t in _OTHERS_WISHING), None)
    if not wish or clause.question:  # (None or 0)
        return False
    who = tokens[:wish]
    named = any(m.kind in ("device", "type") and m.start in (wish + 1, wish + 2) for m in clause.mentions)
    return named and (_person(who) or (len(who) == 1 and who[0].isalpha() and who[0] not in (
        "i", "we", "you", "it", "this", "that") and not any(m.start == 0 for m in clause.mentions)))  # "sam", "max"


def _person(words: list[str]) -> bool:
    """ "she", "mum", "my husband", "the kids": who is said to have spoken ("i", "we" are the speaker: "turn off the
    kettle, I said" insists)."""
    if words[:1] in (["my"], ["our"], ["the"]):
        words = words[1:]
    return len(words) == 1 and (words[0] in _PEOPLE or words[0] in SUBJECTS - {"i", "we", "you"})


def _said_after(tokens: list[str]) -> bool:
    """ "she goes, turn the music down", "and he was like turn the lights off", "my wife was all, …" (a quotative
    between a person and their words), "turn off the lights, she shouted", "…, said mum" (who said it, after):
    someone's words told as a story, never said to the house. "turn off the tv, mum said so" is the speaker's request
    with its reason; "…, I said" insists."""
    verb = next((j for j, t in enumerate(tokens) if j > 1 and verb_of(t) == t), len(tokens))  # bare: "is turning"
    # is what she does
    for end in {tokens.index(CLAUSE_BREAK) if CLAUSE_BREAK in tokens else len(tokens), verb}:
        lead = tokens[:end]
        while lead[:1] in (["and"], ["so"], ["then"]):
            lead = lead[1:]
        said = 2 if len(lead) > 2 and lead[-1] in _QUOTATIVES and lead[-2] in _QUOTATIVES else 1  # "was all"
        if end < len(tokens) and len(lead) > said and lead[-1] in _QUOTATIVES and (
                _person(lead[:-said]) or lead[:-said] == ["i"]):
            return True  # "she goes, …", "i was like, …": a story
    if CLAUSE_BREAK not in tokens:
        return False
    return _said_by(tokens[len(tokens) - tokens[::-1].index(CLAUSE_BREAK):])


def _said_by(tail: list[str]) -> bool:
    """ "she shouted", "said mum", "my wife shouted at me": who said what came before."""
    if tail[-2:-1] in (["at"], ["to"]) and tail[-1] in ("me", "us", "him", "her", "them"):
        tail = tail[:-2]  # "…, she shouted at me"
    return len(tail) >= 2 and ((tail[-1] in SPEECH_VERBS and _person(tail[:-1])) or (
        tail[0] in SPEECH_VERBS and _person(tail[1:])))  # "…, said mum"


def said_by_last(words: list[str]) -> bool:
    """'"turn off the tv" she said', "lock the back door my husband shouted", "open the blinds said my wife": who said
    the words before them, said last with no pause heard (`words` as said: quote marks are not heard). Joined to them
    ("… like mum said", "… so I can hear what he says") it is part of the speaker's own sentence."""
    told = [n for n in range(2, 6) if len(words) > n + 1 and _said_by(words[-n:])]
    return bool(told) and not any(words[-n - 1] in _SAID_JOINED for n in told)  # "… like my wife asked": joined


def _passed_on(words: list[str]) -> bool:
    """Words that end with someone's speech verb ("my wife said", "mum told me", "the sign by the door says") or the
    person spoken to ("i said to him"): what is said after them are words passed on, not said to the house."""
    to = next((k for k in range(len(words) - 1, 0, -1) if words[k] == "to" and words[k - 1] in SPEECH_VERBS), None)
    if to is not None and len(words) - to <= 3:  # "i said to him", "i said to my son": the speaker's words to a person
        return True
    k = len(words) - 1 - (words[-1:] in (["me"], ["us"], ["him"], ["her"], ["them"]))
    return k >= 0 and words[k] in SPEECH_VERBS | _PASSING_ON and "i" not in words[max(0, k - 3):k]


def _opened(clause: Clause) -> bool:
    """A verbless "<device> <state>" after an opener the parse does not read, a copula ("it's my kettle on": a
    recogniser's "is my kettle on"), or a determiner before "all" ("our all living room curtains open": "are all
    …"): a question more likely than a command."""
    first = next((m for m in clause.mentions if m.kind in ("device", "type", "area")), None)
    lead = clause.tokens[:first.start] if first is not None else []
    if not lead or clause.question or clause.report or clause.unclear or clause.tokens[-1] not in STATES or any(
            verb_of(t) or participle(t) for t in clause.tokens[:-1]):
        return False
    return any(not accounted(t) for t in lead) or any(t in ("is", "are", "was", "were") for t in lead) or any(
        a in ("the", "my", "our", "your") and b in ("all", "both") for a, b in pairwise(lead))


def _states_offered(tokens: list[str]) -> bool:
    """ "on or off", "open or closed": both states offered, so neither is asked for; whether it is."""
    return any(t == "or" and STATES.get(a) and STATES.get(b) and STATES[a] != STATES[b]
               for a, t, b in zip(tokens, tokens[1:], tokens[2:], strict=False))


def _state_kept(tokens: list[str]) -> bool:
    """ "the coffee machine still on", "already open": the state it is in, described, never a change asked for ("the
    porch light is still on" is news, read elsewhere)."""
    return any(a in ("still", "already") and b in STATES and tokens[i - 1:i] != [] and tokens[i - 1] not in COPULAS
               for i, (a, b) in enumerate(pairwise(tokens)))


def _values_offered(tokens: list[str]) -> tuple[str, str] | None:
    """ "to 21 or 22", "one or two degrees": two values offered, neither chosen (not "20 or so": about 20). A
    question may offer them ("is the heating at 20 or 21?")."""
    if tokens[:1] and tokens[0] in QUESTION_STARTS:
        return None
    return next(((tokens[i - 1], tokens[i + 1]) for i in range(1, len(tokens) - 1) if tokens[i] == "or" and as_number(
        tokens[i - 1]) is not None and as_number(tokens[i + 1]) is not None), None)


def _about_later(clause: Clause) -> bool:
    """A question about a time not now ("what's on tv tonight"); device names ("good night") don't count."""
    named = {i for m in clause.devices for i in range(m.start, m.end)}
    periods = DAY_PARTS | DAY_WORDS | {"week", "weekend", "month", "year", "time"}  # "… last night", not "at last"
    return any(t in LATER_WORDS or (t in DAY_WORDS and t != "every") or (t in EARLIER_WORDS and (
        t != "last" or bool(set(clause.tokens[i + 1:i + 2]) & periods))) for i, t in enumerate(clause.tokens)
        if i not in named)


_LIKINGS = LEXICON.words("likings")  # "I love amber", "I like the lights off": how the speaker likes it
_COMPLAINED = LEXICON.derived(lambda: {w for w in LEXICON.table("complaints").values() if " " not in w})  # "glaring"


_ARTICLES = DETERMINERS - {"this", "that", "these", "those"}  # not "that turn on …", "this"
_STATE_DEGREES = LEXICON.phrases("state_degrees")  # "the tv is completely off": how far, news
_THING_OF = LEXICON.words("thing_of")  # "the tone of the tv", "the boost on the heating"
_IS = REPORT_COPULAS - {"has", "have", "had"}  # "is", "are", "was", "were"


def _degree_left_out(words: list[str]) -> list[str]:
    """The words of a state without how far it is so (`state_degrees`): "completely off", "a little off", "all the way
    up" are "off", "up"."""
    out: list[str] = []
    k = 0
    while k < len(words):
        degree = next((d for d in _STATE_DEGREES if tuple(words[k:k + len(d)]) == d), None)
        k, out = (k + len(degree), out) if degree else (k + 1, [*out, words[k]])
    return out


def said_as_thing(tokens: list[str], i: int) -> bool:
    """ "the tone of the tv is off", "the tv tone is off", "the boost on the heating is off": a verb of the house said
    after an article (a device's name may come between), whose clause then says how it is ("is", "was"): a quality,
    a part or a setting of the device, never its verb (the tv was switched off). Not after "that" or "this" ("…, after
    that turn on the light"), nor with a verb or particle before "is"."""
    if verb_of(tokens[i]) is None:
        return False
    at = next((k for k in range(i - 1, max(i - 4, -1), -1) if tokens[k] in _ARTICLES or verb_of(tokens[k])
               or tokens[k] in STOPWORDS or tokens[k] in SUBJECTS or not tokens[k].isalpha()), None)
    if at is None or tokens[at] not in _ARTICLES:
        return False
    after = tokens[i + 1:i + 8]
    if after[:1] and after[0] in _IS:
        return True
    is_at = next((k for k, t in enumerate(after) if t in _IS), None) if after[:1] and after[0] in _THING_OF else None
    return is_at is not None and not any(verb_of(t) or t in PARTICLES for t in after[1:is_at])


def reported(tokens: list[str], clause: Clause) -> bool:
    """ "I turned off the tv", "the garage door is up", "the heating is on": what someone did or how a device
    is, said as news. It asks for nothing; acting on it would be guessing (and often the opposite)."""
    first = next((m for m in clause.mentions if m.kind in ("device", "type")), None)
    if _news_around(tokens, clause, first):
        return True
    if first is None or any((verb_of(t) and not noun_first(tokens, k) and not said_as_thing(tokens, k))
                            or t in WANTING | MODALS | CAUSATIVES for k, t in enumerate(tokens[:first.start])):
        return False  # "make sure the door is locked", "I want the lights on": a wish; "the wind knocked …", "the tone
        # of the tv is off": news
    places = {i for m in clause.mentions for i in range(m.start, m.end)} | {
        i for i, t in enumerate(tokens) if t in HOME_WORDS}  # "every light in the house is on": the place, as a room
    return _what_it_does(tokens, clause, first, places) or _how_it_is(tokens, clause, first, places)


def _so_already(tokens: list[str], first: Mention | None) -> bool:
    """ "the tv close already" (Singlish): a device said first, a verb and "already" with nothing else: how it is now,
    or an impatient command; which, the words do not say (asked, never done). A state word there ("the tv on already
    ah", "the heating off already") asks the state (batch 80)."""
    return first is not None and first.start <= 1 and tokens[first.end + 1:] == ["already"] and verb_of(
        tokens[first.end]) is not None and tokens[first.end] not in PARTICLES | STATES.keys()


def _news_around(tokens: list[str], clause: Clause, first: Mention | None) -> bool:
    """News whatever the words after the device (`first`) say: what someone did ("I turned off the tv", "the kids left
    the lights on"), how a room is not, what a room has or how it compares, what is liked, foretold or looked at."""
    if told_done(tokens) or done_unsaid_by(tokens) or _someones_turn(tokens) or _so_already(tokens, first):
        return True
    if tokens[:3] == ["it", "is", "not"] and len(tokens) > 3 and not any(
            verb_of(t) or t in PARTICLES for t in tokens[3:]):
        return True  # "it's not too bright in here(, it's too dark)", "it isn't too cold in here": how the room is not,
        # news; a complaint said after it is met (batch 64), as "the tv's not too loud, it's too quiet" was
    owner = next((m for m in clause.mentions if m.kind in ("area", "device", "type")), None)
    if owner is not None and tokens[owner.end:owner.end + 1] in (["has"], ["had"], ["have"]) and tokens[
            owner.end + 1:owner.end + 2] not in (["to"], ["been"]):
        return True  # "the kitchen has more lights than the hall", "I wish the kitchen had more lights": what it has
    than = next((i for i in range(owner.end + 1, min(owner.end + 5, len(tokens))) if tokens[i] == "than"), None) if (
        owner is not None and owner.kind == "area" and tokens[owner.end:owner.end + 1] in (["is"], ["was"])) else None
    if than is not None and any(m.start > than and m.kind == "area" for m in clause.mentions):
        return True  # "the kitchen is darker than the living room": one room compared with another, as news (a command
        # after it is done), never a change asked of either; two devices stay asked ("the curtains are more open than
        # the blinds, close them a bit": which "them" is, is not said)
    if _compared(tokens, owner) or _going_on(tokens) or _screen_level(tokens):
        return True
    if tokens[0] in ("my", "our") and tokens[2:4] in (["has", "gone"], ["have", "gone"]) and 1 not in {
            i for m in clause.mentions for i in range(m.start, m.end)}:
        return True  # "my tea has gone cold": how the speaker's thing has become, not a request for a device
    if _liked(tokens, clause):
        return True
    if first is None and _level_reported(tokens, clause):
        return True
    if _foretold(tokens, clause) or _looks_with(tokens, clause) or _done_with(tokens, clause):
        return True
    if tokens[:1] and tokens[0] in PRONOUNS and tokens[1:3] in (["has", "been"], ["have", "been"]):
        return True  # "(switch off the immersion,) it's been on since the morning": how it has been, as "the tv has
        # been on" is; never "on" asked of it
    if first is not None and first.start > 2 and tokens[0] in PRONOUNS and tokens[1] in ("was", "were"):
        return True  # "that was a good movie night", "it was the sofa lamp that broke": what was, as news
    done = next((i for i, t in enumerate(tokens[:4]) if t in ("left", "forgot")), None)
    return bool(done and first is not None and done < first.start and not any(  # "the kids left the lights on", "mum
        verb_of(t) or t in WANTING | MODALS for t in tokens[:done]))  # forgot the kettle": someone did it


def _what_it_does(tokens: list[str], clause: Clause, first: Mention, places: set[int]) -> bool:
    """What the device (`first`, starting the sentence's news) or someone at it does or did, or where something is:
    "the baby is crying at the tv", "the kettle takes ages to boil", "the sofa lamp fell over", "the tv has no signal".
    `places`: the words that say a place."""
    lead = [t for t in tokens[:first.start] if t not in STOPWORDS or t in REPORT_COPULAS | {"on", "off"}]
    named = {i for m in clause.mentions for i in range(m.start, m.end)}
    if not clause.question and any(
            t.endswith("ing") and t.isalpha() and not accounted(t) and i not in named and (tokens[i - 1] in
            REPORT_COPULAS or (i == 2 and tokens[0] in OWNERS)) for i, t in enumerate(tokens[1:first.start], 1)):
        return True  # "the dog's barking at the sprinkler", "the baby is crying at the tv": what someone else is
        # doing, as news; the device is only where it happens
    if lead[-1:] in (["on"], ["off"]) and REPORT_COPULAS & set(lead[:-1]):
        return True  # "the glare is on the telly", "there's a glare on the tv": where something is, never the tv on
    if any(t in REPORT_COPULAS and n in FAULTS for t, n in pairwise(tokens[first.end:])):
        return True  # "the bulb in the hall has gone", "the speaker's battery is dead": a fault, as news
    at = next((i for i in range(first.end, len(tokens)) if tokens[i] not in REPORT_ADVERBS), len(tokens))  # "the tv
    # just told me to …": what it did, past "just" (helper V, batch 76: the model turned the tv off)
    said = tokens[at] if at < len(tokens) and at not in places else ""  # "the lights upstairs off": a place, not what
    # the lights do
    if said.endswith("ing") and verb_of(said) is not None and first.start <= 1 and not clause.question:
        return True  # "the kettle switching off", "the curtains opening on their own": what it is doing, as news
    if said in SPEECH_VERBS and first.start <= 1 and not clause.question:
        return True  # "the tv (just) said to lock the front door": a player's words, passed on as a person's are
        # (helper V, batch 76 later: the front door was locked)
    if said in ("might", "may") and "be" in tokens[at + 1:at + 3]:
        return True  # "I think the back door might be unlocked": a guess about how it is, never a request
    if len(said) > 3 and said.endswith("s") and said.isalpha() and not accounted(said) and verb_of(said) is None:
        return True  # "the kettle takes ages to boil": what the device does, as news
    lit = next((m for m in clause.mentions if m.start == first.end and m.kind == "type" and m.plural), None)
    if lit is not None and first.start <= 1 and tokens[lit.end:lit.end + 1] != [] and tokens[lit.end] in PARTICLES and (
            tokens[lit.end + 1:lit.end + 2] != [] and tokens[lit.end + 1] in DETERMINERS - {"a", "an"}):  # "up a bit"
        return True  # "the lamp lights up the whole room", "the porch light lights up the driveway": a kind's word said
        # as what the device does to a place, news; never the kind stepped ("kitchen lights up a bit" is)
    if (said in PAST_FORMS and said not in SAID_AS_COMMANDS) or (
            len(said) > 4 and said.endswith("ed") and said.isalpha() and not accounted(said)):
        return True  # "the blinds got tangled", "the sprinkler soaked the postman", "the sofa lamp fell over": what
        # happened, as news ("the heating set to 20", "the tv put on mute" may be said as commands)
    if said in ("has", "have") and tokens[at + 1:at + 2] in (["a"], ["an"], ["no"]):
        return True  # "the sofa lamp has a loose wire", "the tv has no signal": how it is
    return said.isalpha() and not accounted(said) and not clause.question and first.start <= 1 and not any(
        m.start <= at < m.end for m in clause.mentions) and not (
        first.devices and all(d.type == "scene" for d in first.devices))  # "good night everyone": the scene; "the
    # porch light flickering", "the hoover ate a sock": a word no table knows straight after the device that starts the
    # sentence says what it does or did; never handed to the model to guess a command


def _how_it_is(tokens: list[str], clause: Clause, first: Mention, places: set[int]) -> bool:
    """How the device (`first`) is, said after it and a copula or a word of seeming: "the heating is on", "the blinds
    are half open", "the strip looks nice blue"; a need no tool meets ("the remote needs new batteries"). `places`: the
    words that say a place."""
    between = next((i for i in range(first.end, len(tokens)) if i not in places and tokens[i] not in QUANTITY_NOUNS
                    and not said_as_thing(tokens, i)  # "the tv tone is off": its part
                    and (tokens[i] not in STOPWORDS or tokens[i] in REPORT_COPULAS) and (  # "the tv volume is 30"
                        accounted(tokens[i]) or not tokens[i].isalpha())), None)  # "the tv remote is lost": its part
    if between is not None and tokens[between] in ("needs", "wants") and tokens[between + 1:between + 2] and not (
            tokens[between + 1] == "to" or verb_of(tokens[between + 1])):
        return True  # "the garage door remote needs new batteries", "the sprinkler needs moving": a need no tool meets,
        # as news ("needs locking", "needs to be on" ask)
    if between is not None and _judged(tokens, between):
        return True  # "the sofa lamp red is nice", "the sofa lamp red looks lovely": the state praised, never asked
    if between is None or tokens[between] not in REPORT_COPULAS | {"keeps", "kept", "been"} | SEEMING:  # "the telly's
        return False  # been on", "the front door lock feels stiff"
    state = [t for t in _degree_left_out(tokens[between + 1:]) if t not in REPORT_ADVERBS and t not in (
        "not", "both", "all")]  # "… isn't unlocked, is it?", "the tv and speaker are both on"
    praised = next((t for t in state if t not in ("a", "an")), "") in APPRAISALS
    if praised and tokens[between] not in ("has", "have", "had"):
        return True  # "the strip looks nice blue", "the lamp looks lovely in green", "the sofa lamp is a nice red": how
        # it seems, never a colour asked
    return bool(state) and (state[0] in STATES or state[0] in PARTICLES or state[0] in COLORS or (  # "movie night is
        # cancelled", "the sofa lamp is pink"
        state[0].isalpha() and not accounted(state[0])) or (  # "the porch light keeps turning off"
        any(t.endswith("ing") and verb_of(t) is not None for t in state[:2])) or (  # "the heating is at 20", "the
        state[0] in LEVEL_SAID or as_number(state[0]) is not None or state[0] in SPEEDS) or (  # blinds are half
        VERBS.get(verb_of(state[0]) or "") in (UP, DOWN)) or participle(state[0]) is not None)  # open", "the desk lamp
    # is dim", "the heating was turned off": a level or a state, as it is; "the motor is dry running": what it does


def _someones_turn(tokens: list[str]) -> bool:
    """ "it's your turn to lock the back door", "it's my go to close the blinds", "whose job is it to …": a person's
    turn to do it (lexicon `turns_of` after a word for whose), never asked of the house; news beside a command ("it's
    my turn to choose, turn the tv on" asks for the tv) (helper V, batch 69)."""
    return any(t in _TURNS_OF and w in _WHOSE and n in ("to", "is") for w, t, n in zip(
        tokens, tokens[1:], tokens[2:], strict=False))


def _judged(tokens: list[str], at: int) -> bool:
    """The value said straight after a device's name (`at`: a colour, a number, a speed) is what "is", "looks" or
    "seems" after it says something of: "the sofa lamp red is nice", "the sofa lamp red is too much", "the counter
    lights blue look lovely" judge the state it is in, as news; "the sofa lamp red would be nice" wishes it."""
    value = at + (tokens[at] in ("in", "at", "on"))  # "the sofa lamp in red is lovely", "the fan on high is good"
    said = tokens[value:value + 1]
    if not said or not (said[0] in COLORS or said[0] in SPEEDS or as_number(said[0]) is not None):
        return False
    after = [t for t in tokens[value + 1:value + 4] if t not in REPORT_ADVERBS and t != "percent"]
    return after[:1] != [] and (after[0] in SEEMING or after[0] in ("is", "are", "was", "were", "look", "seem"))


def _looks_with(tokens: list[str], clause: Clause) -> bool:
    """ "the patio looks great with the lights on", "love how the pool looks with the light on": how a place seems
    with a device some way, as news; never the lights turned on."""
    at = next((i for i, t in enumerate(tokens) if t in SEEMING), None)
    return at is not None and "with" in tokens[at + 1:] and any(
        m.start > at and m.kind in ("device", "type") for m in clause.mentions)


def _liked(tokens: list[str], clause: Clause) -> bool:
    """ "I love amber", "I like blue", "I like the lights off", "we like the lamp purple": a colour or a device the
    speaker likes is how they like it, no goal, as "I like it cold in the study" is none for the heating (CASES batch
    19); "I'd like blue", "I want the lights off", "I prefer the tv off" ask for it."""
    return tokens[:1] != [] and tokens[0] in SUBJECTS and tokens[1:2] != [] and tokens[1] in _LIKINGS and (any(
        t in COLORS for t in tokens[2:]) or any(m.kind in ("device", "type") for m in clause.mentions)) and not (
        tokens[2:3] == ["to"] or verb_of(tokens[2] if len(tokens) > 2 else ""))  # "I love to open the blinds": a doing


def _done_with(tokens: list[str], clause: Clause) -> bool:
    """ "I can't sleep with the fan on", "I can sleep with the fan on", "we fell asleep with the tv on": how a device is
    while someone does something, said after who, as news; never its state read as a command (the fan turned on for
    "can't sleep with it on"). "I could do with the heating on", "I want to sleep with the fan on" wish it."""
    at = next((i for i, t in enumerate(tokens) if t == "with"), None)
    if at is None or tokens[0] not in SUBJECTS or tokens[at - 1] == "do" or not any(
            m.start > at and m.kind in ("device", "type") for m in clause.mentions):
        return False
    return not any(verb_of(t) or t in WANTING or t == "would" for t in tokens[:at])


def _foretold(tokens: list[str], clause: Clause) -> bool:
    """ "(I'm going to test the rcd,) everything downstairs will go off for a sec", "the pool pump will go off": what
    the devices said first will do or be, a warning or a plan told, news as what they did is; never a command read
    without its "will". "the pool pump, will you turn it off" asks it of the house."""
    at = next((i for i, t in enumerate(tokens) if t == "will"), None)
    if at is None or tokens[at + 1:at + 2] in ([], ["you"]) or not any(
            m.end <= at for m in clause.mentions if m.kind in ("device", "type", "area")):
        return False
    named = {i for m in clause.mentions for i in range(m.start, m.end)}  # "the pool pump": a name, no verb
    return not any((verb_of(t) and i not in named) or t in WANTING | MODALS for i, t in enumerate(tokens[:at]))


def _unable(clause: Clause) -> bool:
    """ "I can't reach the switch", "we can't get up", "I can't work this television": what the speaker cannot do, said
    as the reason for a request; never a command taken back ("I can't turn the tv off": a verb of the house, and a
    device after it)."""
    tokens = clause.tokens
    at = next((i for i, t in enumerate(tokens) if t in NEGATIONS), None)
    return at is not None and at > 1 and tokens[at - 1] in ("can", "could") and tokens[at - 2] in ("i", "we") and bool(
        tokens[at + 1:at + 2]) and tokens[at + 1] not in STATES and (verb_of(tokens[at + 1]) is None or not any(
            m.start > at and m.kind in ("device", "type") for m in clause.mentions))


def _likened(clause: Clause) -> bool:
    """ "the heater smells of burning", "the fan sounds like a tractor", "the tv looks like a disco": how a device
    seems, likened to something the home does not know; news, whose words are no part of a command that follows."""
    first = next((m for m in clause.mentions if m.kind in ("device", "type")), None)
    return first is not None and not clause.question and clause.tokens[first.end:first.end + 1] and clause.tokens[
        first.end] in SEEMING and clause.tokens[first.end + 1:first.end + 2] in (["of"], ["like"], ["a"], ["an"])
    # ("like" is dropped as a filler: "sounds a tractor")


def _compared(tokens: list[str], owner: Mention | None) -> bool:
    """ "the study is colder", "it's getting colder in here", "the living room is warmer than I like": a comparative
    after "is", said of a room or "it", is how it is, not how much to change it; never the comparative as the command
    ("colder" stepped the heating down, the opposite of the need). "make it colder" is the command."""
    said = owner.end if owner is not None and owner.kind == "area" and owner.start <= 1 else (
        1 if tokens[:1] == ["it"] else None)
    if said is None or tokens[said:said + 1] not in (["is"], ["are"], ["was"]):
        return False
    rest = [t for t in tokens[said + 1:] if t not in REPORT_ADVERBS and t not in _GETTING]
    return rest[:1] != [] and rest[0] in COMPARATIVE_TYPES


def _screen_level(tokens: list[str]) -> bool:
    """ "the film was so dark", "the show is too dark", "that episode was dark", "the new episode is so bright and
    cheerful": how dark or bright what a screen shows is, is said of its picture or its story, as news; never the
    room's lights turned on or dimmed for it ("the room is so dark" is the room's need; "the film is too loud" the
    player's)."""
    shown = next((k for k in range(1, 3) if tokens[k:k + 1] != [] and tokens[k] in _PLAYED), None)
    if shown is None or tokens[0] not in ("the", "that", "this") or tokens[shown + 1:shown + 2] == [] or tokens[
            shown + 1] not in REPORT_COPULAS:
        return False
    return bool(_SCREEN_LEVELS & set(tokens[shown + 2:shown + 5]))


def _going_on(tokens: list[str]) -> bool:
    """ "the match is heating up", "it's heating up in here", "things are heating up": an -ing word after "is", "are",
    "was" … and before "up" or "down" says what goes on, as news; never the word's device or kind stepped that way
    (the heating stepped up as the room gets hotter: the opposite of the need). A feeling ("it's boiling up here",
    "freezing down there") is the room's need, said where it is."""
    return any(a in COPULAS and b.endswith("ing") and b not in comfort.COMFORT and c in _PARTICIPLE_PARTICLES and (
        tokens[i + 3:i + 4] not in (["here"], ["there"])) for i, (a, b, c) in enumerate(zip(
            tokens, tokens[1:], tokens[2:], strict=False)))


def _level_reported(tokens: list[str], clause: Clause) -> bool:
    """ "it's 25 degrees in the study", "the living room is at 20", "everything is off", "the heat is on", "the volume
    is up", "the bedroom is amber": a level, a state or a colour said of a room, of everything or of a kind named by
    what it does, as it is; not a need ("it's dark in the study", "the lounge is freezing" ask for light and heat). A
    colour said first as what is ("amber is in the bedroom", "red was in the kitchen": a person named so, or the colour
    talked about) is news too, never the colour asked of a light."""
    if tokens[0] in COLORS and tokens[1:2] in (["is"], ["are"], ["was"]):
        return True
    area = next((m for m in clause.mentions if m.kind == "area"), None)
    if area is None and tokens[:1] in (["the"], ["my"], ["our"]) and tokens[1:2] != [] and tokens[
            1] in IMPLIED_TYPES and tokens[2:3] in (["is"], ["are"], ["was"]):  # "the heat is on", "the music is off":
        state = [t for t in tokens[3:] if t not in REPORT_ADVERBS]  # a kind's state said, as "the heating is on" is,
        # or its way ("the volume is up", "the brightness is down": never the step; "the music is too loud" asks)
        return state[:1] != [] and (state[0] in STATES or state[0] in PARTICLES)
    at = area.end if area is not None and area.start <= 1 else 1 if tokens[0] in ("it", "everything") else None
    if at is None or tokens[at:at + 1] not in (["is"], ["are"], ["was"]) or _needs(tokens):
        return False
    state = [t for t in tokens[at + 1:] if t not in REPORT_ADVERBS]
    return bool(state) and (state[0] in LEVEL_SAID or as_number(state[0]) is not None or state[0] in STATES
                            or state[0] in COLORS)


def _why(clause: Clause) -> bool:
    """A need said as a clause of its own, with no device, room or action ("it's freezing", "it's so dark"), or what is
    said before "so" and a command: beside a command it is why (the sentence is checked whole for one that goes
    against the command), never one more request asking which device or room."""
    if clause.tokens[-1:] == ["so"]:  # "the kids are asleep so …", "i am going to bed so …": said before the command
        return not clause.question and not (clause.devices or clause.type_mention)
    return ((_needs(clause.tokens) and not clause.area) or outdoors(clause.tokens)) and clause.intent is None and (
        clause.value is None) and not clause.question and not (clause.devices or clause.type_mention)  # "it's dark
    # outside, close the blinds", "it's sunny outside, …": the daylight or the weather is why, the porch light not asked


def _needs(tokens: list[str]) -> bool:
    """The clause says a need ("too loud", "freezing", "dark"): how something is, not what to do."""
    return any(words & set(tokens) for words, *_ in HINTS) or bool(set(comfort.COMFORT) & set(tokens))


def verb_asked(said: list[str]) -> bool:
    """The words after who is asked ("can we …", "can i …") start with a verb of the house, or with "on" or "off"
    before "the" ("can i on the tv": Indian English's verb, as "on the fan" is)."""
    return bool(said) and (verb_of(said[0]) is not None or (said[0] in ("on", "off") and said[1:2] in (
        ["the"], ["my"], ["our"])))


def _polite_request(tokens: list[str], clause: Clause) -> bool:
    """ "can the lights be changed to green", "could the heating be turned up", "could I trouble you to lock the
    front door", "how about turning the porch light off": a request, not a question."""
    if tokens[0] in ("how", "what") and tokens[1:2] == ["about"]:
        return any(t.endswith("ing") and verb_of(t) for t in tokens[2:3])
    if tokens[0] == "tell":  # "tell the roomba to go back to its dock": an order passed to the device, not "tell me"
        told = next((m for m in clause.mentions if m.kind == "device"), None)
        return told is not None and tokens[1:told.start] in ([], ["the"]) and tokens[told.end:told.end + 1] == ["to"]
    if tokens[0] == "you" and tokens[1:2] and tokens[1] in MODALS and verb_of(tokens[2] if len(tokens) > 2 else ""):
        return True  # "you can close the garage door?": a learner's "can you", asked of the house as it is
    if tokens[0] not in MODALS:
        return False
    if tokens[1:2] and tokens[1] in WHOEVER | {"we", "i"} and verb_asked(tokens[2:]):
        return True  # "can we turn off the kettle", "could someone lock the door": asked of the house as "can you" is;
        # "can i turn on the tv", "can i on the tv": leave asked of it, as "can i have the tv on" (batch 39)
    if any(t == "to" and verb_of(n) for t, n in pairwise(tokens)):
        return True
    agent = next((m for m in clause.mentions if m.kind == "device"), None)  # "could the roomba clean the bedroom",
    task = VERBS.get(verb_of(tokens[agent.end] if agent and agent.end < len(tokens) else "") or "")  # "… return to
    if agent is not None and tokens[1:agent.start] in ([], ["the"]) and (task == DOCK or (  # base": a task for it;
            task == CLEAN and clause.area is not None)):  # "can the roomba clean carpets" asks what it can do
        return True
    if "be" not in tokens:  # "could the reading lamp go down to 25 percent", "can the sofa lamp go purple", "could
        # the lamp go off"
        return (clause.value_kind in ("color", "percent", "degrees") and any(
            verb_of(t) or t in PARTICLES or t in BECOMING for t in tokens)) or (
            agent is not None and tokens[agent.end:agent.end + 1] == ["go"] and len(tokens) == agent.end + 2 and (
                tokens[-1] in ("on", "off") or VERBS.get(verb_of(tokens[-1]) or "") in (UP, DOWN)))
    after = [t for t in tokens[tokens.index("be") + 1:] if t not in RELATIVE_WORDS | {"a", "lot", "much"}]
    return bool(after) and (clause.value_kind in ("color", "percent", "degrees") or bool(participle(after[0]))
                            or after[0] in SAID_AS_COMMANDS  # "can the heating be set to 21"
                            or VERBS.get(after[0]) in (UP, DOWN))  # "could the speaker be a bit louder"


def able_asked(clause: Clause) -> bool:
    """ "can the sofa lamp do purple", "could the bedside lamp do 30 percent", "the sofa lamp can do red, right?": a
    value after a device (or a kind), a modal and "do" asks whether it can take the value, and may ask for it; the words
    do not say which, so the change is asked yes or no (batch 65). "can you do blue on the sofa lamp" asks the house."""
    tokens = clause.tokens
    if clause.value_kind is None:
        return False
    for mention in clause.mentions:
        after = tokens[mention.end:mention.end + 2]
        if mention.kind in ("device", "type") and (
                (after[:1] and after[0] in ABLE_VERBS and tokens[:1] and tokens[0] in MODALS) or (
                len(after) == 2 and after[0] in MODALS and after[1] in ABLE_VERBS)):
            return True
    return False


def _desired(tokens: list[str], clause: Clause) -> bool:
    """ "I want the lights dimmed", "I'd like the tv turned off": a state wished for a device, said as a
    participle after it; "have the heating on", "have the blinds open": the state it should be in, said after
    "have" and the device (a request: "have you turned off the tv", "have the lights been switched off" ask)."""
    first = next((m.start for m in clause.mentions if m.kind in ("device", "type", "area")), None)
    if first is not None and tokens[:1] == ["have"] and tokens[1:first] in (["the"], ["my"], ["our"]):
        placed = {i for m in clause.mentions for i in range(m.start, m.end)}
        rest = [t for i, t in enumerate(tokens) if i and i not in placed]
        return any(t in STATES for t in rest) and all(t in STATES or (t in STOPWORDS and not verb_of(t)) for t in rest)
    return first is not None and tokens[0] in ("i", "we") and bool({"want", "like", "need", "prefer"} & set(
        tokens[:first]))


def _asks_when(clause: Clause) -> bool:
    """ "when is / will / does …" asked of sensors that report a time (a date, a timestamp, a duration): their
    state answers it. Asked of anything else it is no question the state answers, and stays a condition."""
    devices = [d for m in clause.devices for d in m.devices]
    tokens = clause.tokens
    return len(tokens) > 1 and tokens[0] == "when" and tokens[1] in AUXILIARIES and bool(devices) and all(
        d.device_class in TIME_CLASSES for d in devices)


def _span_said(clause: Clause) -> bool:
    """ "no more radio today", "I want the porch light off today": a command on a device it names, said with how long
    it lasts, as the day it is. Not a question, news, a part naming none ("…, big day today"), nor what someone did said
    after the device ("switch the tv off I have watched enough today": then, not how long)."""
    tokens = clause.tokens
    named = [m.end for m in clause.mentions if m.kind in ("device", "type") and clause.said_here(m)]
    if clause.intent in (None, QUERY) or clause.report or not named:
        return False
    return any(t in SPAN_WORDS and not SUBJECTS & set(tokens[max(named):i]) for i, t in enumerate(tokens))


def _speeds_at(clause: Clause) -> set[int]:
    """ "keep the fan at 2", "set the bedroom fan at 3": where "at" and a number a fan's speed is said by (1 to 3) come
    right after a fan, in a clause that names only fans and says no on or off: the number's place, a speed, never a time
    (fresh15's "keep the fan at 2"; "turn on the fan at 2" still asks am or pm)."""
    tokens = clause.tokens
    named = [m for m in clause.mentions if m.kind in ("device", "type")]
    if {"on", "off"} & set(tokens) or not named or not all(m.type == "fan" or (m.devices and all(
            d.type == "fan" for d in m.devices)) for m in named):
        return set()
    return {m.end + 1 for m in named if tokens[m.end:m.end + 1] == ["at"] and m.end + 1 < len(tokens) and as_number(
        tokens[m.end + 1]) in range(1, len(FAN_SPEEDS) + 1)}


def _level_in(free: list[str], at: int) -> bool:
    """ "put the heating in 21" (Portuguese "em 21", Spanish "en 21"): a learner's "in" before the number that ends a
    command to set a level, with no direction said: the level, never a time ("turn the tv off in twenty" has its
    own). `free`: the clause's words outside device names; `at`: the number's."""
    return at + 1 == len(free) and VERBS.get(free[0]) == SET and not set(free) & set(PARTICLES)


def _temperature_for(clause: Clause, free: list[str], at: int) -> bool:
    """ "set the ac for 20", "set the heating for 21" (Nigerian and Indian English): a bare number a room's temperature
    can be, said last after "for" in a command that sets heating or cooling with no direction said: its level, never
    how long ("turn on the study heater for 20", "set the bedroom fan for 2" may be minutes or hours: batch 71).
    `free`: the clause's words outside device names; `at`: the number's."""
    number, (low, high) = as_number(free[at]), TEMPERATURES_SET_FOR
    return _level_in(free, at) and number is not None and low <= number <= high and bool(clause.devices) and all(
        d.type == "climate" for m in clause.devices for d in m.devices)


def _time_now(free: list[str], at: int) -> bool:
    """ "turn the tv off it's 2 am", "it's gone 11 pm, heating off": a clock time said after "it is" (and "already",
    "nearly", "gone" …: lexicon `clock_now`) is the time now, the command's reason, never when to do it (batch 71).
    `free`: the clause's words outside device names; `at`: the number's."""
    before = free[:at]
    while before and before[-1] in _CLOCK_NOW:
        before = before[:-1]
    return before[-2:] == ["it", "is"]


def _news_part(free: list[str], at: int) -> bool:
    """The words before `at` in its part are a part of its own after a command, with a copula: how someone or something
    is ("turn the tv off, I'm out all evening", "…, it was on all night", "close the blinds, the sun is on them all
    afternoon"): why, never how long the command lasts. Not the command's own part ("leave the tv on all evening, we're
    out", "make sure the porch light is on all night")."""
    start = max((k for k in range(at) if free[k] == CLAUSE_BREAK), default=None)
    return start is not None and start > 0 and bool((_IS | {"am", "been"}) & set(free[start + 1:at]))


def _scheduled(clause: Clause) -> str | None:
    """Why a time or condition left in the clause (when.py read none whole) holds it: "the kettle when I
    get home", "turn the sprinkler on for 15 minutes", "the lights off tomorrow"; None when there is none."""
    tokens = clause.tokens
    named = {i for m in clause.devices if clause.said_here(m) for i in range(m.start, m.end)}
    free = [t for i, t in enumerate(tokens) if i not in named]  # "good night" is a scene, not a time
    said_at = [i for i in range(len(tokens)) if i not in named]  # where each word of `free` was said
    if LATER_WORDS & set(free):
        return DAYS if DAY_WORDS & set(free) else ASK_WHEN
    if _span_said(clause):
        return DURATION  # "no more radio today", "leave the porch light off today": and then back, which is not said
    if any(t == "at" and (u in DAY_PARTS or u.endswith("time")) for t, u in pairwise(tokens)):
        return ASK_WHEN  # "turn off the tv at bedtime" (a scene's name, so read on all words), "the heating down at
        # night": a part of the day, no clock (both were done now)
    if inverted_condition(free):  # "turn on the porch light should anyone knock": if anyone does
        return CONDITION
    return _condition_left(clause, free) or _time_left(clause, free, said_at)


def _condition_left(clause: Clause, free: list[str]) -> str | None:
    """Why a condition ("when the film ends", "as it gets dark", "the minute it gets hot") or a day said loosely ("come
    morning", "first thing") holds the clause; None where neither is said. `free`: its words outside devices' names."""
    for i, token in enumerate(free):  # "when the film ends", "after dinner"; not "once more", "just once"
        asked = (token == "if" and bool(WHETHER_VERBS & set(free[max(0, i - 2):i]))) or (
            i == 0 and _asks_when(clause))  # "when will the next birthday be?"
        if token in CONDITION_WORDS and not asked and not (token == "once" and (  # "tell me if": whether
                i + 1 == len(free) or free[i + 1] in ("more", "again", CLAUSE_BREAK))) and not _in_the_past(
                    free, i):  # "when I got in": when it happened
            return CONDITION
        if i and as_when(free, i):  # "turn the porch light on as it gets dark": when it does
            return CONDITION
        if token in INSTANT_WORDS and free[i - 1:i] in (["the"], ["that"]) and free[i + 1:i + 2] and free[
                i + 1] in SUBJECTS | {"it", "the", "my", "our"} and free[i + 1:i + 3] != ["you", "can"]:
            return CONDITION  # "the fan on the minute it gets hot", "lock up the second I leave": when it does
            # ("the second you can" is as soon as possible: now)
        after = free[i + 1] if i + 1 < len(free) else ""
        if (token == "come" and after in DAY_PARTS | DAY_WORDS | SEASONS) or (
                token in ("first", "last") and after == "thing"):
            return ASK_WHEN  # "open the blinds come morning", "the curtains open first thing": which day, when
    return None


def _time_left(clause: Clause, free: list[str], said_at: list[int]) -> str | None:
    """Why a time said in part holds the clause: a clock time without its half of the day ("at 7"), a part of the day
    or a number without its unit ("in twenty"), or how long ("for 10 minutes", "all night", "for a bit"); None where
    none is said. `free`: its words outside devices' names; `said_at`: where each of them was said in the clause."""
    speeds = _speeds_at(clause)
    for i, token in enumerate(free[1:], 1):
        if token in CLOCK_WORDS and as_number(free[i - 1]) is not None and not _time_now(free, i - 1):  # "7 am",
            return ASK_WHEN  # not "i am"
        if (token in DAY_PARTS or token == "day" or (token in SEASONS and not AWAY & set(free[:i]))) and free[
                i - 1] in ("the", "this") and free[i - 2:i - 1] == ["for"]:  # "lock the front door for the
            # weekend" (not "… we're going away for the weekend": why), "heating off for the summer"
            return DURATION  # "the dehumidifier on for the afternoon": and then off, which is not said
        if token in DAY_PARTS and free[i - 1] in ("the", "this", "every", "each") and (
                free[i - 1] != "the" or (i > 1 and free[i - 2] == "in")):
            return DAYS if free[i - 1] in ("every", "each") else ASK_WHEN
        if token in TIME_UNITS and (as_number(free[i - 1]) is not None or free[i - 1] in ("next", "few") or (
                free[i - 1] in ("a", "an", "half") and (i == 1 or free[i - 2] in ("in", "after", "for", "and"))
                and not token.startswith("sec"))):  # "for 10 minutes", "for the next hour"; "for a sec": briefly;
            # "(And) an hour and a half turn the heating off" (Whisper's "in"): when, asked; never now
            return DURATION if "for" in free[max(0, i - 4):i] else ASK_WHEN
        if (token in DAY_PARTS or token in DAY_WORDS or token == "day") and free[i - 1] in _ALL_OF and _news_part(
                free, i - 1):
            continue  # "turn the heating off, we're out all day": how long someone is out, said as a part of its own
        if (token in DAY_PARTS or token in DAY_WORDS or token == "day") and free[i - 1] in _ALL_OF and not (
                _HOW_LONG_IT_WAS & set(free[1:i])):  # "keep the porch light on all night", "… at 20 all day";
            return DURATION  # not "the telly's been on all day, kill it", "the porch light was on all night, switch it
            # off": how long it was, said before ("was the porch light on all night?" asks of the past: held)
        if token in ("bit", "while") and free[i - 1] == "a" and free[i - 2:i - 1] == ["for"]:
            return DURATION  # "heating off for a bit": and then on again, which is not said
        if free[i - 1] == "in" and as_number(token) is not None and (
                i + 1 >= len(free) or free[i + 1] not in NUMBER_UNITS) and not _level_in(free, i):
            return ASK_WHEN  # "turn the tv off in twenty": twenty what?
        if free[i - 1] == "for" and as_number(token) is not None and (
                i + 1 >= len(free) or free[i + 1] not in NUMBER_UNITS) and not _temperature_for(clause, free, i):
            return DURATION  # "turn the tv up for 5", "the bedroom fan on for 2": how long, never a level
        number = as_number(token) if free[i - 1] == "at" else None
        unit = free[i + 1] if i + 1 < len(free) else ""
        if number is not None and unit not in NUMBER_UNITS | set(FRACTIONS) and said_at[i] not in speeds and (
                clause.intent in (ON, OFF) or free[i - 2:i - 1] in (["on"], ["off"]) or (
                    number.is_integer() and 1 <= number <= 12)) and not (
                number.is_integer() and 24 < number <= 100):  # "kettle on and the sofa lamp at fifty": no hour, a
            # level (batch 71); "at 730" may still be a clock time
            # "the heating on at 7", "wake me at 7": a time, not 7 degrees or 7 percent; "turn the heating on at 20"
            # (read as a level, "on" a preposition): 8 pm or 20 degrees, asked (CASES.md batch 78)
            return ask_half_of_day(int(number), 0) if number.is_integer() and 1 <= number <= 12 else ASK_WHEN
    return None
