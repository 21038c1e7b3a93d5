"""The lexicon's live tables under the names the rules read, and the word tests every rule shares.

Apart from the matcher so that the checks split out of it (talk.py, reasons.py) read the very same containers
without importing it: a config's added words reach them all.
"""

from __future__ import annotations

from assistant.tools import COLORS
from assistant.understand import comfort
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import MEDIA_WORDS, ROOM_NOUNS, STOPWORDS, TYPE_WORDS
from assistant.understand.normalize import CLAUSE_BREAK, DETERMINERS, VERBS, verb_of
from assistant.understand.numbers import as_number

# Intents a clause can carry before a device is known; each maps to a tool per device type (rules.py).
ON, OFF, OPEN, CLOSE, LOCK, UNLOCK, PLAY, PAUSE = "on", "off", "open", "close", "lock", "unlock", "play", "pause"
QUERY, SET, UP, DOWN, MUTE, UNMUTE = "query", "set", "up", "down", "mute", "unmute"
CLEAN, DOCK = "clean", "dock"
CHANGES = {SET, OFF, UP, DOWN, OPEN, CLOSE, LOCK, UNLOCK}  # verbs that change a device, not an activity (play, clean)

# The words are data (lexicon/en.yaml); these names are its live tables, so a config's additions reach them.
COMMAND_STARTS = LEXICON.words("command_starts")  # start a new command without "and"
PREFERRING_NOUNS = LEXICON.words("preferring_nouns")  # "the fan" beside an air purifier: the one named fan
NARROWING_NOUNS = LEXICON.words("narrowing_nouns")  # "the doors" are the door locks, "the curtains" the curtains
OPENING_NOUNS = LEXICON.words("opening_nouns")  # "the window": only a device that is one, never the blinds
BRANDS = LEXICON.table("brands")  # "the sonos" is the speaker where no device is named after the brand
TOPIC_SHIFTS = LEXICON.words("topic_shifts")  # "…, anyway, lock the front door": the small talk ends there
CENTRAL_HEATING = LEXICON.words("central_heating")  # "the heating" with no room: the house's, the thermostat
ROOM_WIDE = LEXICON.words("room_wide")  # "the kitchen light": every light there; "the kitchen plug" is one
SPEAKERS_OWN = LEXICON.words("speakers_own")  # "my light" in a room of several: one of them, asked which
NAMING_NOUNS = LEXICON.words("naming_nouns")  # "the lamp" where two are called lamps: which one
OWN_KINDS: dict[str, str] = LEXICON.table("own_kinds")  # "the telly": a tv, never the room's radio
OWN_KIND_WORDS: dict[str, frozenset[str]] = LEXICON.derived(lambda: {  # "tv": tv, telly, television
    kind: frozenset(w for w, k in OWN_KINDS.items() if k == kind) for kind in set(OWN_KINDS.values())})
RAISE_LOWER = LEXICON.words("raise_lower")
COVER_HALTS = LEXICON.words("cover_halts")  # "stop the blinds": halt them, neither open nor close
TYPE_NOUNS = LEXICON.words("type_nouns")
PRONOUNS = LEXICON.words("pronouns")
COPULAS = LEXICON.words("copulas")
PARTICLES: dict[str, str] = LEXICON.table("particles")
PARTICLE_VERBS = LEXICON.words("particle_verbs")  # "power down" is off, "fire up" is on, "shut off" is off
PARTICLE_OVERRIDES: dict[tuple[str, str], str] = LEXICON.derived(lambda: {  # ("power", "down") -> off
    tuple(k.split()): v for k, v in LEXICON.table("particle_overrides").items()})
QUESTION_STARTS = LEXICON.words("question_starts")
MODALS = LEXICON.words("modals")
CORRECTIONS = LEXICON.phrases("corrections")
SPLITTERS = LEXICON.derived(lambda: LEXICON.words("splitters") | {CLAUSE_BREAK})
SPEEDS: dict[str, str] = LEXICON.table("speeds")  # a level named by its extreme or its speed
FULL_WORDS = LEXICON.words("full_words")
LOWEST_WORDS = LEXICON.words("lowest_words")
NUMBER_UNITS = LEXICON.words("number_units")
FOREIGN_UNITS = LEXICON.words("foreign_units")  # "30 fahrenheit": asked in degrees Celsius, never read as them
IMPLIED_TYPES: dict[str, str] = LEXICON.table("implied_types")  # words that point at a kind of device
COMPARATIVE_TYPES: dict[str, str] = LEXICON.table("comparative_types")  # "make it warmer": the heating
RELATIVE_WORDS = LEXICON.words("relative_words")
EVERYTHING_WORDS = LEXICON.words("everything_words")
HOME_WORDS = LEXICON.words("home_words")  # "every light in the house": the whole home
HERE_WORDS = LEXICON.words("here_words")  # "the lights in here", "this room": the speaker's room
OUTDOOR_WORDS = LEXICON.words("outdoor_words")  # "the temperature outside": the home's outdoor reading
QUESTION_QUANTIFIERS = LEXICON.words("question_quantifiers")  # "are any windows open?" asks of each
HINTS = LEXICON.hints()  # needs without a device name: (trigger words, intent, name keywords, device types)
SOUND_WORDS = LEXICON.words("sound_words")
DOCK_WORDS = LEXICON.words("dock_words")  # "send the robot back to its base": home, not to clean there
SENT_TO_WORK = LEXICON.words("sent_to_work")  # "send the robot round": to clean
FURNITURE = LEXICON.words("furniture")  # "in bed", "in my chair": where in a room, never a room the home lacks
BODY_PARTS = LEXICON.words("body_parts")  # "the pain in my knee": where a pain is, never a room
# A time that when.py did not read whole ("tomorrow", "in the evening", "when I get home") must not run now.
TIME_UNITS = LEXICON.words("time_units")
CLOCK_WORDS = LEXICON.words("clock_words")
LATER_WORDS = LEXICON.words("later_words")
TIME_LEADS = LEXICON.words("time_leads")  # "turn off the tv by 10": a time before a bare number
EARLIER_WORDS = LEXICON.words("earlier_words")  # "was the tv on yesterday": not now, so not the state
SPAN_WORDS = LEXICON.words("span_words")  # "no more radio today": how long a command lasts
MEANING_WORDS = LEXICON.words("meaning_words")  # left unexplained, they change what a command asks
INSTANT_WORDS = LEXICON.words("instant_words")  # "the minute it gets hot": when it does
SEASONS = LEXICON.words("seasons")  # "come winter": a time not said whole
SUN_TIMES: dict[str, str] = LEXICON.table("sun_words")  # "come nightfall", "by dusk": a time not read (after "at")
DAY_PARTS = LEXICON.words("day_parts")  # "in the morning", not "good morning" or "morning coffee"
CONDITION_WORDS = LEXICON.words("condition_words")  # "when the film ends", "after dinner", "if it gets cold"
# Negation is structure: "don't turn on X" is no call, "X shouldn't be on" and "I don't want X on" are off.
NEGATIONS = LEXICON.words("negations")
STATES: dict[str, str] = LEXICON.table("states")  # a state said as a goal: "X should not be on" means off
OPPOSITE = {ON: OFF, OFF: ON, OPEN: CLOSE, CLOSE: OPEN, LOCK: UNLOCK, UNLOCK: LOCK, PLAY: PAUSE, PAUSE: PLAY}
WANTING = LEXICON.words("wanting")
NEGATED_WISHES = LEXICON.words("negated_wishes")  # "I don't want the tv and the speaker on": said of both
GOALS: dict[str, str] = LEXICON.table("goals")  # "make it dark in here": the lights off
CAUSATIVES = LEXICON.words("causatives")
EXCLUSIONS = LEXICON.phrases("exclusions")  # "all the lights except the porch light"
RESTATING = LEXICON.words("restating")  # "…, not the switch, the actual light": what was named, said again
OFFERED_AGAINST = LEXICON.phrases("either_way")  # "…, or don't", "…, or leave it", "…, or whatever": neither asked for
STEP_WORDS = LEXICON.words("step_words")  # "one notch": a step
COMPARING = LEXICON.phrases("comparing")  # "match the counter lights to the sofa lamp", "… to match the reading lamp":
# a level said as another's, its own not said
NOUNS_FIRST = LEXICON.words("nouns_first")  # "the wind knocked the porch light off": the weather, no verb
NOUNS_TOO = LEXICON.words("nouns_too")  # "the vacuum pump": a name's end, not a verb
FRACTIONS: dict[str, int] = LEXICON.table("fractions")  # "a third", "three quarters": a part of the scale
# Words a clause may hold beyond its devices, places, verbs and values: grammar, politeness, hedges. Any
# other word is one the parse did not account for, and the clause is then not acted on without a yes.
TERMS_OF_ADDRESS = LEXICON.words("terms_of_address")  # "buddy", "sir": whoever is spoken to
FUNCTION_WORDS = LEXICON.derived(lambda: LEXICON.words("harmless") | TERMS_OF_ADDRESS)  # harmless words, and these
NOT_ABOUT_DEVICES = LEXICON.words("not_about_devices")
GIVEN_NAMES = LEXICON.words("given_names")  # "Heather": a person, never a misspelt "heater"
OTHER_SERVICES = LEXICON.words("other_services")  # "remind me to lock the door": a reminder, not the lock
SUBJECTS = LEXICON.words("subjects")  # "I turned off the tv" reports; it does not ask
WHEREABOUTS = LEXICON.words("whereabouts")  # "i will be out later", "i'm off": where the speaker will be
SPEAKER_WORDS = LEXICON.words("speaker_words")  # "I need water": the speaker's need, never the garden's
REPORT_ADVERBS = LEXICON.words("report_adverbs")
ROBOT_DOINGS = LEXICON.words("robot_doings")  # "mop the bedrooms": what a robot named by it does
PAST_FORMS = LEXICON.words("past_forms")
WHOEVER = LEXICON.words("whoever")  # "could someone turn off the lights": asked of the house too
SPEECH_VERBS = LEXICON.words("speech_verbs")  # "my wife said to turn off the tv": her words, not a request
NEEDLESS = LEXICON.words("needless")  # "no need to turn on the porch light": nothing to do
TAKEN_BACK_FIRST = LEXICON.phrases("taken_back_first")  # "scratch that, turn on the porch light": the last put back
EXCLAIMED_FIRST = LEXICON.phrases("exclaimed_first")  # "no way, that's far too loud, turn the tv down": the rest asks
OTHER_MEANT = LEXICON.phrases("other_meant")  # "not the tv, turn off the speaker": the tv denied, the speaker meant
CLOSINGS = LEXICON.phrases("closings")  # "turn off the lamp, that's all": nothing more wanted, the command stands
# "…, actually no, leave it": all of it taken back; said alone, a closing drops what was pending as they do
DISMISSALS = LEXICON.derived(lambda: [*LEXICON.phrases("dismissals"), *CLOSINGS])
RETRACTING = LEXICON.derived(lambda: LEXICON.words("retracting") | {CLAUSE_BREAK})  # said before what takes it back
TOLD_BEFORE = LEXICON.phrases("told_before")  # "I told you to close the garage": maybe said to a person, asked back
NOT_FOR_REAL = LEXICON.phrases("not_for_real")  # "this is a test, unlock the front door": asked back, never done
GUESSES = LEXICON.phrases("guesses")  # "the kettle must be on, I can hear it": a guess as often as a wish, asked back
HOW_TO = LEXICON.phrases("how_to")  # "how do I reset the thermostat", "who made the robot vacuum"
REPORT_COPULAS = {"is", "are", "was", "were", "has", "have", "had"}  # "the kettle has boiled"
FAULTS = LEXICON.words("faults")  # "the bulb in the hall has gone": news of a fault, never a request
WHETHER_VERBS = LEXICON.words("whether_verbs")  # "tell me if …", "any idea if …"
AUXILIARIES = LEXICON.derived(lambda: REPORT_COPULAS | MODALS | {"do", "does", "did", "has", "have", "should"})
SENSES = LEXICON.words("senses")  # "… i can't hear the dinosaurs": what the speaker cannot do, as why
QUANTITY_NOUNS = LEXICON.words("quantity_nouns")  # "the screen brightness"
CHOOSING_WORDS = LEXICON.words("choosing_words")  # "next song on the speaker": what plays, not whether
# Words for what a sensor senses, as Home Assistant's device classes: "is any window open?", "is there smoke
# in the kitchen?", "is the garage occupied?". Asked of the sensors (or covers) of that class.
CLASS_WORDS: dict[str, str] = LEXICON.table("class_words")
QUANTITY_WORDS: dict[str, str] = LEXICON.table("quantity_words")
SENSING_WORDS = LEXICON.words("sensing_words")
MEASURE_WORDS = LEXICON.words("measure_words")  # "the battery level", "how much battery": a number, not on/off
STATUS_WORDS = LEXICON.words("status_words")  # "front door status": how it is
ROBOT_MESSES = LEXICON.words("robot_messes")  # "roomba clean up this mess": what the robot named cleans
USE_NOUNS = LEXICON.words("use_nouns")  # "the thing that boils water": a device said by what it does
_TEMPERATURES: dict[str, int] = LEXICON.table("temperatures")
# A bare number said of a room within these is its temperature ("the study to 19")
ROOM_TEMPERATURES = LEXICON.derived(lambda: [_TEMPERATURES["room_lowest"], _TEMPERATURES["room_highest"]])
# One said after "for" to heating or cooling ("set the ac for 20", frames._temperature_for) is one only within these:
# "set the heating for 15", "… for 30", "… for 45" are as likely minutes, so asked
TEMPERATURES_SET_FOR = LEXICON.derived(lambda: [_TEMPERATURES["set_for_lowest"], _TEMPERATURES["set_for_highest"]])
# "has not the tv been turned off": asked, not the tv left out
NEGATING_BEFORE = LEXICON.derived(lambda: WANTING | COPULAS | MODALS | NEGATIONS | {
    "did", "be", "but", "has", "have", "had"})
ACCOUNTED = LEXICON.derived(lambda: (  # every word some table knows: the rest is what a clause leaves unexplained
    STOPWORDS | FUNCTION_WORDS | set(VERBS) | set(PARTICLES) | set(SPEEDS) | set(TYPE_WORDS)
    | set(IMPLIED_TYPES) | set(COMPARATIVE_TYPES) | RELATIVE_WORDS | EVERYTHING_WORDS | HOME_WORDS
    | HERE_WORDS | QUESTION_STARTS | MODALS | COPULAS | PRONOUNS | NUMBER_UNITS | FULL_WORDS | LOWEST_WORDS
    | SOUND_WORDS | MEDIA_WORDS | set(CLASS_WORDS) | SENSING_WORDS | set(QUANTITY_WORDS) | QUANTITY_NOUNS
    | NOT_ABOUT_DEVICES | MEASURE_WORDS | STATUS_WORDS | DOCK_WORDS | SENT_TO_WORK | ROBOT_MESSES | ROOM_NOUNS
    | NARROWING_NOUNS | {n + "s" for n in NARROWING_NOUNS} | NAMING_NOUNS | {w for c in COLORS for w in c.split()}
    | {w for triggers, *_, things in HINTS for w in triggers | things} | STEP_WORDS | set(FRACTIONS) | set(STATES)
    | set(GOALS) | NEGATIONS | WHOEVER
    | {w for phrase in EXCLUSIONS for w in phrase} | {w for c in CORRECTIONS for w in c} | SPLITTERS
    | TIME_UNITS | CLOCK_WORDS | LATER_WORDS | DAY_PARTS | CONDITION_WORDS  # times: read by _scheduled
    | comfort.words()))


def noun_first(tokens: list[str], i: int) -> bool:
    """ "the wind knocked the porch light off", "the dial on the heater": a verb that is a noun first (`nouns_first`),
    said after an article: the thing, which the parse does not account for; said first it is the verb ("wind the
    volume back")."""
    return tokens[i] in NOUNS_FIRST and i > 0 and tokens[i - 1] in DETERMINERS - {"these", "those"}


def verb_said(tokens: list[str], at: int) -> str | None:
    """The verb the word at `at` is said as: none for a kind of device that is a verb too ("lock", "hoover") said after
    "a", "the", "my", or up to two words after one ("we should get a new lock for the back door", "the hoover on the
    stairs", "the front door lock"): the thing, never its verb. "that" is no article here ("I want that you lock the
    front door")."""
    verb = verb_of(tokens[at])
    if verb is None or tokens[at] not in TYPE_WORDS:
        return verb
    for k in range(at - 1, max(at - 4, -1), -1):
        if tokens[k] in DETERMINERS - {"that", "this", "these", "those"}:
            return None
        if verb_of(tokens[k]) or tokens[k] in STOPWORDS or tokens[k] in SUBJECTS or not tokens[k].isalpha():
            break
    return verb


def changes_meaning(token: str) -> bool:
    """An unexplained word that may change what the command asks (who, when, how much, how): its guess is asked
    as it is, not handed to the model, which reads the bare command ("kettle on soonish", "porch light come
    nightfall", "porch light on around teatime")."""
    return token in MEANING_WORDS or token in SUN_TIMES or (token.endswith("ly") and len(token) > 4) or (
        token.endswith("time") and len(token) > 6)


def inverted_condition(tokens: list[str]) -> bool:
    """ "lock the back door should the cat come in": "should" after the command and before who or what does something
    is "if", said the literary way; at the start it asks advice ("should I lock the door"), in a question or before
    "be" how a thing ought to be ("what should the heating be set to", "the kettle should it be on"), and before a
    verb ("the hall light should be off"). Said first, before a break and a command, it is "if" too: "should the
    kettle be on, turn it off", "should anyone knock, unlock the front door" ("should I …", "should we …" ask
    advice); so are "had" and "were" said first before who or what and a break ("had the heating been on, turn it
    off", "were the tv on, I'd turn it off")."""
    if tokens[:1] in (["had"], ["were"]) and CLAUSE_BREAK in tokens and tokens[1:2] and tokens[1] in (
            DETERMINERS | WHOEVER | PRONOUNS | SUBJECTS):
        return True
    if tokens[:1] == ["should"] and CLAUSE_BREAK in tokens and tokens[1:2] and tokens[1] in (
            DETERMINERS | WHOEVER | PRONOUNS | SUBJECTS) - {"i", "we", "you"}:
        return verb_of((tokens[tokens.index(CLAUSE_BREAK) + 1:] or [""])[0]) is not None
    return bool(tokens) and tokens[0] not in QUESTION_STARTS and any(
        token == "should" and at > 0 and tokens[at + 1:at + 2] and tokens[at + 1] in (
            DETERMINERS | SUBJECTS | WHOEVER | PRONOUNS) and "be" not in tokens[at + 2:at + 4]
        for at, token in enumerate(tokens))


def accounted(token: str) -> bool:
    """A word some table of the lexicon explains (a verb, a value, grammar …): not one the parse leaves over."""
    return (token in ACCOUNTED or as_number(token) is not None or verb_of(token) is not None
            or participle(token) is not None)


def says(tokens: list[str], *phrase: str) -> bool:
    return any(tuple(tokens[i:i + len(phrase)]) == phrase for i in range(len(tokens) - len(phrase) + 1))


def participle(token: str) -> str | None:
    """ "turned", "changed", "dimmed", "switched": the command verb whose past participle this is."""
    return next((stem for stem in ed_stems(token) if stem in VERBS and VERBS[stem] not in (LOCK, UNLOCK, CLOSE, OPEN)),
                None)


def ed_stems(token: str) -> tuple[str, ...]:
    """What a verb in "-ed" may be the past of: "turned" turn, "changed" change, "dimmed" dim."""
    return (token[:-2], token[:-1], token[:-3]) if token.endswith("ed") and len(token) >= 5 else ()
