"""A reason said beside a command ("turn off the tv since nobody is watching it", "close the blinds the sun is in my
eyes", "switch the kettle on for my tea"): where it starts, and whether it asks the opposite of the command.

A reason that agrees changes nothing; one that needs the opposite ("turn off the heater it is cold in here") makes
the sentence contradict itself, and the rules then ask instead of acting. What a device does each way is knowledge
(the lexicon's `effects`), read two ways: a purpose ("so the lawn dries out") wants the way that makes it, a reason
("the lawn is dry") the way that undoes a state or lets an activity. The home's names come in as the
`MentionFinder` (and the `Registry`) the caller reads the sentence with.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.registry import Device, Registry
from assistant.tools import COLORS, WHITES, ToolCall
from assistant.understand.comfort import COMFORT, COMFORT_VERBS, HVAC_WORDS, direction_unclear, purpose_of_step
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import COLOR_STARTS, STOPWORDS, MentionFinder
from assistant.understand.normalize import CLAUSE_BREAK, DETERMINERS, TOO_MUCH, asked_by, said_as
from assistant.understand.vocabulary import (
    CAUSATIVES,
    CLEAN,
    CLOSE,
    COMPARATIVE_TYPES,
    COMPARING,
    CONDITION_WORDS,
    DISMISSALS,
    DOCK,
    DOWN,
    FULL_WORDS,
    HINTS,
    IMPLIED_TYPES,
    LOCK,
    LOWEST_WORDS,
    MODALS,
    MUTE,
    NEGATIONS,
    OFF,
    ON,
    OPEN,
    OPPOSITE,
    OUTDOOR_WORDS,
    PARTICLE_VERBS,
    PARTICLES,
    PAST_FORMS,
    PAUSE,
    PLAY,
    QUESTION_STARTS,
    REPORT_COPULAS,
    SENSES,
    SPEECH_VERBS,
    SPEEDS,
    SUBJECTS,
    UNLOCK,
    UNMUTE,
    UP,
    VERBS,
    accounted,
    as_number,
    verb_of,
    verb_said,
)

EFFECTS = LEXICON.effects()  # what each way of a device makes and lets people do: a command against its purpose or
# reason contradicts itself
WISHING = LEXICON.derived(lambda: LEXICON.words("wishing") | LEXICON.words("others_wishing"))  # "I want it dark",
# "the lawn needs watering", "I'm dying for a cuppa": a state wished for, read as a purpose; so is a state said with
# "was" after these ("I wish the kitchen was brighter", "it'd be nice if the tv was quieter")
# how it is, said alone: "freezing, turn the fan on"; "the tv's too quiet" ("the tv inaudible") …
COMPLAINED = LEXICON.derived(lambda: {w for w in TOO_MUCH.values() if " " not in w} | set(COMFORT))
LONG_SPANS = LEXICON.phrases("long_spans")  # "… for hours", "… all day": gone on long enough
NOBODY = LEXICON.words("nobody_words")  # "(switch the telly off,) nobody's watching": how it is, said with no "is"
NEGATED_AUXILIARIES = LEXICON.words("negated_auxiliaries")  # "the washing
# won't dry", "it hasn't rained": how it is, as "is not" says it (not "you will not …", "do not …": a request)
ABLE = LEXICON.words("able_modals")  # "people can see in": what someone is able to do, as how it is
PEOPLE = LEXICON.words("people_about")  # who
# a clause after a command may be about: "(open the curtains,) people can see in"
HABITUAL = LEXICON.words("habitual")  # "I keep tripping over the shoes": what keeps happening, as how it is
IRREALIS = LEXICON.words("irrealis")
QUESTION_WORDS = LEXICON.words("question_words")
FLIPS = LEXICON.words("flips")  # "so nobody can get
# in", "so we don't get mould", "to get rid of the steam", "so it can clean up the crumbs": a purpose the other way
# after "so", how a purpose starts: "so that …", "so as to …", "so the lawn dries out", "so nobody can get in"
PURPOSE_STARTS = LEXICON.words("purpose_starts")
# "make it cold", "get it dark": what a command brings about
BRINGING = LEXICON.derived(lambda: CAUSATIVES - {"like", "need", "want"})
KEEPING_OUT = LEXICON.phrases("keeping_out")  # "… to keep the heat out", "… so the sun stays out": what is said is
# wanted away, the other way than it is let in
UNWELCOME = LEXICON.words("unwelcome")  # "unlock the front door for the burglar": whom nobody lets in
REASONS = LEXICON.words("reasons")  # "turn off the tv since nobody is watching it": the reason changes nothing
SELVES = LEXICON.words("selves")  # "I can't hear myself think": an idiom of noise, read by the needs
# how a reason said after a command starts
DESCRIBING = LEXICON.derived(lambda: SUBJECTS | {"it", "the", "there", "nobody", "no", "my", "our"})
OWNERS = LEXICON.words("owners")  # "for the guests", "for my tea", "for an
# old man": whose
PERFECT = {"has", "have", "had"}  # "… it has been on all day": how it has been
DESCRIBING_COPULAS = (REPORT_COPULAS - PERFECT) | {"am"}  # "is", "are", "was", "were", "am": "… the sun is in my
# eyes": how it is
_REVERSED = {**OPPOSITE, UP: DOWN, DOWN: UP, MUTE: UNMUTE, UNMUTE: MUTE, CLEAN: DOCK, DOCK: CLEAN}  # the other way:
# the need a denied one is ("not cold": a heater off)
FIRST_WORDS: set[str] = set()  # the first word of each word or phrase of `effects`: a quick look before a search
FELT: dict[str, str] = {}  # how the room may be said to feel, word -> "hot" or "cold" (`_feelings`)
# before a word that is also a verb, a mode or a white ("warm", "cool"), what says it is how the room feels
STATE_BEFORE = DESCRIBING_COPULAS | {"so", "very", "really", "quite", "bit", "rather", "pretty", "getting",
                                     "feels", "feel", "not", "little", "fairly", "bloody", "way"}


def _feelings() -> None:
    """The comfort words, and the words a need (`hints`, `effects`) lists beside them: "stuffy", "warm" and
    "sweating" are felt hot as "roasting" is. A comparative ("colder") says a change asked, not a feeling."""
    FIRST_WORDS.clear()
    FIRST_WORDS.update(word.split()[0] for words, *_ in EFFECTS for word in words)
    FELT.clear()
    for words, *_ in (*EFFECTS, *HINTS):
        felt = {COMFORT[w] for w in words if w in COMFORT}
        if len(felt) == 1:
            FELT.update(dict.fromkeys(words - COMPARATIVE_TYPES.keys(), felt.pop()))
    FELT.update(COMFORT)


LEXICON.on_change(_feelings)


def reason_at(mentions: MentionFinder, tokens: list[str]) -> int | None:
    """Where a reason said after a whole command starts ("turn off the tv since nobody is watching it", "open the
    curtains so i can see outside"): what it says is set aside, as "because it's hot" always was. None when there
    is none, or the words before it name no device or no action (then it is not said after a command)."""
    for i in range(1, len(tokens) - 1):
        linked = tokens[i] in REASONS or (tokens[i] in ("as", "so") and tokens[i + 1] in DESCRIBING
                                          and not as_when(tokens, i)) or _purpose_so(tokens, i) or (
            _purpose_to(tokens, i, mentions) and (verb_of(tokens[i + 1]) is None or verb_of(tokens[i + 1]) in
                                                  PARTICLE_VERBS))  # "send the robot to clean the hall": the
        # command's own verb; "to get the bike out", "to make it dark": what it is for
        linked = linked or _as_asked(tokens[i:]) or exclaimed_need(tokens, i)
        unable = _cannot_sense(mentions, tokens[i:])
        if linked or unable or _describes(mentions, tokens[:i], tokens[i:]) or _purpose(mentions, tokens[:i],
                                                                                          tokens[i:]):
            before = tokens[:i]
            told = any(verb_of(t) or t in PARTICLES or _value_word(t) for t in before) or (
                unable and needs_said(before))  # "pendants green for the footy": a command by its value alone
            named = any(m.kind in ("device", "type") for m in mentions.find(before)) or any(
                t in IMPLIED_TYPES and verb_of(t) is None for t in before)  # "turn the volume down (so the kids can
            # sleep)": the kind its setting names; never the purpose's words read as a device ("a device called kids")
            return i if told and named else None
    return None


def outdoors(tokens: list[str]) -> bool:
    """ "it's dark outside", "it is getting bright out": how it is out of doors, the daylight or the weather; a command
    beside it is of the speaker's room ("…, close the blinds"), never of a room called "outside", nor its lights."""
    return tokens[:2] == ["it", "is"] and (bool(OUTDOOR_WORDS & set(tokens)) or tokens[-1:] == ["out"])


def _as_asked(rest: list[str]) -> bool:
    """ "(turn the tv off) as mum said", "… like my wife asked" ("like" is read "as" there), "… as I told you": who
    asked for it, joined to the command, is why: the speaker's own request, never someone's words passed on."""
    return rest[:1] == ["as"] and asked_by(rest[1:])


def _value_word(token: str) -> bool:
    """A word that says a value alone, as a command may with no verb: "pendants green", "fan three", "fan high"."""
    return token in SPEEDS or token in COLOR_STARTS or as_number(token) is not None


def _purpose_so(tokens: list[str], i: int) -> bool:
    """ "so that …", "so the lawn dries out", "so nobody can get in", "so visitors can see the steps": "so" before
    what the command makes possible; not "so loud", "so much" (how much)."""
    return tokens[i] == "so" and i + 1 < len(tokens) and (tokens[i + 1] in DESCRIBING | PURPOSE_STARTS or bool(
        MODALS & set(tokens[i + 2:i + 4])))


def exclaimed_need(tokens: list[str], i: int) -> bool:
    """ "(on the aircon lah,) so hot", "(turn on the light,) so dark": "so" and a need alone at the end, how it is said
    as an exclamation without "it's" (Singlish, and English said quickly): a reason, as "it's so hot" is, never a
    second command whose need another device meets too (the fan beside the aircon)."""
    return tokens[i] == "so" and i + 2 == len(tokens) and needs_said(tokens[i + 1:])


def _purpose_to(tokens: list[str], i: int, mentions: MentionFinder | None = None, climate: bool = False) -> bool:
    """ "(turn on the dehumidifier) to dry out the basement", "(close the blinds) to let the sun in": "to"
    before a verb and what a device does (`effects`) is what the command is for; never "to" before a value, a colour,
    a speed or a mode of a climate device (`climate`, else one the `mentions` find before it: "set the ac to cool";
    after a step, "to cool the house" is why: `comfort.purpose_of_step`)."""
    after = tokens[i + 1:i + 7]
    if tokens[i] != "to" or DESCRIBING_COPULAS & set(tokens[:i]) or not after or not after[0].isalpha():
        return False  # "it is too bright" (read "to"): how it is, no purpose
    if i >= 2 and tokens[i - 1] in PERFECT and tokens[i - 2] in ("not", "never"):
        return False  # "(so the guests don't) have to knock": what nobody must do, no purpose of the command's ("i
        # have to sleep" is a need, as "i need to sleep" is: helper R's review)
    if after[0] in DETERMINERS | SPEEDS.keys() | FULL_WORDS | LOWEST_WORDS | {"be", "its"} or any(
            " ".join(after).startswith(name) for name in (*COLORS, *WHITES)):  # "to warm white", "to daylight"
        return False
    if not FIRST_WORDS & set(after):
        return False
    if after[0] in HVAC_WORDS and not purpose_of_step(tokens, i + 1) and (climate or (mentions is not None and any(
            d.type == "climate" for m in mentions.find(tokens[:i]) for d in m.devices))):
        return False
    return any(_found(after, word) for words, *_ in EFFECTS for word in words if word.split()[0] in after)


def _cannot_sense(mentions: MentionFinder, rest: list[str]) -> bool:
    """ "(turn the tv up) i can't hear the dinosaurs", "(the tv is too quiet,) we can't hear a thing", "(turn the lamp
    up) i can't read": what the speaker cannot sense or do, after a command or a complaint about a device, is why; what
    they cannot hear is no device. Not when it names one ("I can't hear the tv": the device it is about)."""
    return rest[0] in SUBJECTS and rest[1:3] in (["can", "not"], ["could", "not"]) and rest[3:4] != [] and rest[
        3] in SENSES and not any(verb_of(t) or t in PARTICLES or t in SELVES for t in rest[4:]) and not any(
        m.kind in ("device", "type", "area") for m in mentions.find(rest))  # "… hear myself think": too loud


def as_when(tokens: list[str], i: int) -> bool:
    """ "as I leave", "as it gets dark", "as the film starts": "as" before something that happens is a time (when it
    does); before how something is ("as the bathroom is steamed up", "as I'm cold") it is a reason."""
    after = tokens[i + 2:i + 5]
    return tokens[i] == "as" and tokens[i + 1:i + 2] != [] and tokens[i + 1] in SUBJECTS | {"it", "the"} and not (
        REPORT_COPULAS | {"am", "be"} | SPEECH_VERBS) & set(after) and any(  # "as I said" is no time either
        t not in STOPWORDS and t != CLAUSE_BREAK for t in after)


def contrary(mentions: MentionFinder, command: list[str], reason: list[str]) -> bool:
    """The reason needs the opposite of what the command does to its device: "turn off the heater it is cold in
    here", "turn the fan on it's freezing", "open the blinds it's too bright". The sentence contradicts itself:
    one half was misheard or misspoken, so neither is done without a yes. A need of other devices ("turn the fan
    off it's freezing": the heating's) is no contradiction."""
    if command[:1] and (command[0] in QUESTION_WORDS or command[0] in DESCRIBING_COPULAS):
        return False  # "why is the kettle on? nobody is making tea": asked about, not done
    if outdoors(reason):
        return False  # "open the curtains, it's light outside", "…, it's getting dark out": the daylight, no need
    asked = _asked(command)
    wanted = _purpose_said(reason)  # "… to dry out the basement", "… so the lawn dries out": what it is for
    named = [d for m in mentions.find(command) for d in m.devices]
    stepped = any(w in (UP, DOWN) or VERBS.get(w) in (UP, DOWN) for w in command)  # "crank the ac": up, as "turn up"
    if stepped and named and all(direction_unclear(d, command) for d in named):
        return False  # "turn up the ac, it's hot": how the room feels says which way (`calls._call`)
    for mention in mentions.find(command):
        kinds = {d.type for d in mention.devices} | ({mention.type} if mention.type else set())
        names = set().union(*(d.name_words for d in mention.devices), mention.text.split())
        if _needs_against(reason, kinds, names, asked, wanted=wanted, states=reason[0] != "for"):
            return True
    return False


def matched(mentions: MentionFinder, reason: list[str]) -> bool:
    """ "(turn the sofa lamp up) to match the reading lamp", "… so it matches the reading lamp", "… so it's as bright
    as the desk lamp": a level wanted as another device's or room's is not said, and may be either way; asked, never a
    step of the default size (lexicon `comparing`, said right before what it is compared with)."""
    if not _purpose_said(reason):
        return False
    starts = {m.start for m in mentions.find(reason) if m.kind in ("device", "area", "type")}
    for at in range(len(reason)):
        end = next((at + len(p) for p in COMPARING if tuple(reason[at:at + len(p)]) == p), None)
        if end is not None:
            while end < len(reason) and reason[end] in DETERMINERS:
                end += 1
            if end in starts:
                return True
    return False


def _purpose_said(reason: list[str]) -> bool:
    """The words after a command say what it is for, not how it is: "so …", "to …" ("in order to" is read "to")."""
    start = reason[1:] if reason[:1] in (["just"], ["only"]) else reason  # "…, just to be safe"
    return bool(start) and start[0] in ("so", "to") and not exclaimed_need(start, 0)  # "…, so hot": how it is


def said_against(registry: Registry, tokens: list[str], calls: list[ToolCall]) -> bool:
    """Words of the sentence that need the opposite of a call for its device, wherever they are: "it's so hot
    turn the heater up", "the tv's too quiet, turn it down", "close the blinds I want some daylight". What
    follows "so" after the command is what it is for ("turn off the lights so it's dark"), and a goal after
    "make"/"get" ("make it dark") is what it brings about: neither goes against it."""
    rooms = {w for area in registry.areas() for w in said_as(area)}
    named = rooms.union(*(d.name_words for c in calls if (d := registry.get(c.device)) is not None))
    for intent, device in _moved(registry, calls):
        cut = next((k for k, t in enumerate(tokens) if t == "so" and any(verb_of(w) for w in tokens[:k])), None)
        # "make it dark in here, turn off the lamp": a goal, not how it is; nor are the names of the devices and
        # rooms ("the study, lights off", "… and the reading lamp")
        beside = ["" if _brought(tokens, i, rooms) or t in named or _compared(tokens, i, device.name_words) or (
            tokens[i + 1:i + 2] != [] and tokens[i + 1] in OUTDOOR_WORDS | {"out"}) else t for i, t in enumerate(
            tokens[:cut])]
        # "make the living room dark": a room said between; "it's dark outside, close the blinds": the daylight, no
        # need of the room's
        if _needs_against(beside, {device.type}, device.name_words, {intent}, cued=True):
            return True
    return False


def _compared(tokens: list[str], i: int, names: set[str]) -> bool:
    """The word at `i` compares another device or room with the one whose `names` are said after "than" ("the speaker
    is quieter than the tv, turn the tv down"; "the tv is louder than the speaker, turn the speaker up"): said of the
    other, no need of this one. Said of this one ("the tv is louder than the speaker, turn the tv up", "the tv is
    louder than I like") it still says how it is."""
    at = next((k for k in range(i + 1, min(i + 3, len(tokens))) if tokens[k] == "than"), None)
    return at is not None and bool(names & set(tokens[at + 1:at + 4]))


def _brought(tokens: list[str], i: int, rooms: set[str]) -> bool:
    """The word at `i` is what a causative just before it brings about ("make the living room dark", "keep it
    cool"); not what keeps happening ("I keep tripping over the shoes": how things are)."""
    before = [k for k in range(i) if tokens[k] not in rooms][-3:]
    return any(tokens[k] in BRINGING and not (tokens[k] in HABITUAL and tokens[k + 1].endswith("ing"))
               for k in before)


def purpose_against(registry: Registry, tokens: list[str], calls: list[ToolCall]) -> bool:
    """A purpose said after the command that wants the other way: "turn the heating down to warm the house up" (a
    climate target moved against the warmth asked), "turn the tv up so the baby can sleep" (what the speaker wants
    made possible needs the tv down), "switch off the dehumidifier so the basement dries out" (dry is what it makes
    on), "turn the tv off for the footy" (watching it wants it on). "so it's dark" says the result wanted: it agrees
    with the lights off."""
    for intent, device in _moved(registry, calls):
        for k in range(1, len(tokens) - 1):
            if not any(verb_of(w) or w in PARTICLES for w in tokens[:k]):
                continue
            done_for = tokens[k] == "for"  # "… for the film", "… for reading": what people will do with it (a
            said = tokens[k + 1:k + 4] if done_for else tokens[k + 1:]  # state after "for" says neither way)
            if tokens[k] == "to" and tokens[k - 1] in ("not", "never"):  # "(…,) try not to wake the baby": what the
                said = ["not", *said]  # command should not do, as "so it doesn't wake the baby" says it
            if not (done_for or _purpose_so(tokens, k) or _purpose_to(tokens, k, climate=device.type == "climate")):
                continue
            if _needs_against([t for t in said if t not in device.name_words], {device.type}, device.name_words,
                              {intent}, wanted=True, states=not done_for) or _lets_in_unwelcome(said, device, intent):
                return True
    return False


def _lets_in_unwelcome(said: list[str], device: Device, intent: str) -> bool:
    """ "(unlock the front door) for the burglar", "(open the garage door) to let the thieves in", "(…) so the
    burglars can get in": a purpose of someone nobody lets in (`unwelcome`), served by the way the command takes (what
    `effects` says lets them in). Said the other way ("so the thieves can't get in", "to keep the burglars out") the
    purpose is theirs kept out, and the command is done."""
    for k, word in enumerate(said):
        if word in UNWELCOME and any(
                way == intent and word in words and ({device.type} & set(types) or device.name_words & set(name_keys))
                for words, way, _state, name_keys, types in EFFECTS):
            return _need(said, k, intent, True, True, False) == intent
    return False


def _describes(mentions: MentionFinder, before: list[str], rest: list[str]) -> bool:
    """ "(turn the dehumidifier on) it's really damp down there", "(close the blinds) the sun is in my eyes": a
    state said after a command with no linking word, as the reason for it. Only a plain description is: it names
    no device or room, asks nothing, negates nothing, sets no condition ("turn the lamp down it's dark" is set
    aside too, and then asked back: see `contrary`)."""
    able = _able(rest)  # "i can sleep now": the modal said after its subject asks nothing
    perfect = {k for k in range(1, len(rest) - 1) if rest[k] in PERFECT and rest[k + 1] == "been"}  # "(turn off the
    # tv) it's been on all day": how it has been, after its subject, never "has" asking
    stated = rest[0] in DESCRIBING | PEOPLE and bool(set(rest[1:4]) & DESCRIBING_COPULAS or perfect & {1, 2} or (
        _wants_to(rest)) or able is not None)
    who = left_so(rest) or 0  # "kayla left it on" where Kayla's Room is a room: she, never the room
    stated = stated or bool(who)
    if not (stated or _effect_first(before, rest)) or len(before) < 2 or tuple(rest) in DISMISSALS:  # "(unlock the
        return False  # front door) I'm only joking": taken back, not why
    if _placed_on(before, rest):
        return False
    negations = [k for k, t in enumerate(rest) if t in NEGATIONS]
    asking = {t for k, t in enumerate(rest) if k != able and k not in perfect} & (
        CONDITION_WORDS | QUESTION_STARTS - DESCRIBING_COPULAS)
    if not all(_denies(rest, k) and needs_said(rest[k + 1:k + 4]) for k in negations) or asking or any(
            m.kind in ("device", "type") or (m.kind == "area" and not outdoors(rest) and m.end > who) for m in
            mentions.find(rest)):
        return False  # "it is not cold" denies a need; "it is not necessary", "it does not work": not read as why
    # "put the tv on its loudest setting": "its" read as "it is"; a level, not a reason
    return not (FULL_WORDS | LOWEST_WORDS | set(SPEEDS)) & set(rest) and all(as_number(t) is None for t in rest)


def left_so(rest: list[str]) -> int | None:
    """ "(turn off the basement tv) kayla left it on", "(close the garage door) the kids left it open": who left it so,
    said after the command with no pause, as how it has been (`_describes`): someone ("kayla", "dad", "the kids",
    "someone"; a name the lexicon need not know, or a room's owner) and a past form before "it" or "them"; where the
    past form is. Never a word the lexicon reads otherwise first ("set it to 20", "so put it on"); None where it is not
    that."""
    return next((k for k in (1, 2) if k + 1 < len(rest) and rest[k] in PAST_FORMS and rest[k + 1] in ("it", "them")
                 and (rest[0] in DETERMINERS if k == 2 else rest[0] in SUBJECTS | PEOPLE or not accounted(rest[0]))),
                None)  # "(…) so put it on": a command again, never someone who put it on


def _placed_on(before: list[str], rest: list[str]) -> bool:
    """ "the robot on the main road was out again", "the lamp on the table is broken": with no verb before it, "on"
    and a thing said after it may be where the thing is (batch 19: "the kettle on the counter"), never a command "on"
    with its reason; "the tv on the kids are watching" (people) stays the reason."""
    return before[-1] == "on" and not any(verb_said(before, k) for k in range(len(before))) and rest[
        0] in DETERMINERS and rest[1] not in PEOPLE | SUBJECTS


def _effect_first(before: list[str], rest: list[str]) -> bool:
    """ "(unlock the front door,) burglars deserve a break too", "(turn off the hall light,) walking into walls is such
    fun": words after a command that start with what a device's way brings (`effects`) and ask nothing of the house
    are said about it, as a state is, so they are read as the reason (and asked back when they need the other way).
    Never a word or two that end the command ("… on warm white", "… on heat"), nor a value ("… green for st
    patrick's", "set the ac to cool it's hot")."""
    return len(rest) > 2 and before[-1:] not in (["to"], ["on"], ["into"]) and rest[0] in FIRST_WORDS and not any(
        rest[0] in words for words in (PARTICLES, STOPWORDS, HVAC_WORDS, COLORS)) and verb_of(rest[0]) is None and \
        not any(verb_of(t) or t in PARTICLES for t in rest[1:])


def _wants_to(rest: list[str]) -> bool:
    """ "(turn the telly on) i want to watch cartoons", "(open the blinds) we need to see the garden": what the speaker
    wants to do, said after a command as why; never a command of its own ("i want to turn off the lights" names a kind,
    and a verb of the house is no activity of the speaker's)."""
    return rest[0] in SUBJECTS and rest[1:3] in (["want", "to"], ["need", "to"], ["have", "to"]) and not any(
        verb_of(t) or t in PARTICLES for t in rest[3:])


def _able(rest: list[str]) -> int | None:
    """ "(turn off the bedside lamp,) i can sleep now", "(open the curtains,) people can see in", "(turn the tv on,)
    the kids will love it": what people can or will do, said after a command, is how things are, as "is" says it.
    Where its modal is (said after its subject, it asks nothing), else None. Not "you can …" (said to the house), nor
    "i'd like it off" (a wish: a request), nor a verb or particle of the house after it ("i will turn it on later":
    a command of its own)."""
    at = 2 if rest[0] in DETERMINERS else 1  # "the kids will …"
    able = rest[at:at + 1] != [] and rest[at] in ABLE | {"will"} and rest[at - 1].isalpha() and rest[0] != "you"
    return at if able and not any(verb_of(t) or t in PARTICLES for t in rest[at + 1:]) else None


def _purpose(mentions: MentionFinder, before: list[str], rest: list[str]) -> bool:
    """ "(turn on the porch light) for the guests", "(switch the kettle on) for my tea": who or what a command is
    for changes nothing. Only a short phrase of words no table knows (or a need that agrees with the command) is:
    never a room, device, time, duration or value ("for the kitchen", "for an hour", "for when we get back")."""
    words = rest[2:] if rest[1:2] and rest[1] in OWNERS else rest[1:]
    if rest[0] != "for" or not 1 <= len(words) <= 3 or len(before) < 2 or mentions.find(words):
        return False
    needed = {w for triggers, *_ in HINTS for w in triggers}
    return all(t.isalpha() and (not accounted(t) or t in needed) for t in words) and _agrees(before, words)


def _agrees(command: list[str], reason: list[str]) -> bool:
    """No need the reason states asks the opposite of the command: "turn the lamp down, it's dark" does not agree."""
    needs = {intent for words, intent, *_ in HINTS if words & set(reason)}  # "it's dark": a light on
    return not any(_opposes(n, a) for n in needs for a in _asked(command))


def _asked(command: list[str]) -> set[str]:
    """What the verbs and particles of a command ask for: on, off, up, open …; a particle said just after a negation
    the other way ("the tv shouldn't be on, nobody's watching": off, as "turn the tv off, …" is; it was read "on",
    against the reason)."""
    ways = {PARTICLES[t] if not NEGATIONS & set(command[max(0, i - 3):i]) else _REVERSED.get(PARTICLES[t], PARTICLES[t])
            for i, t in enumerate(command) if t in PARTICLES}
    return {VERBS[v] for t in command if (v := verb_of(t))} | ways


def _needs_against(said: list[str], kinds: set[str], names: set[str], asked: set[str], wanted: bool = False,
                   cued: bool = False, states: bool = True) -> bool:
    """Words said name what devices of these kinds or names do (`effects:` in the lexicon), and what they need goes
    against an intent asked, while none agrees: "cold" said of a heater told off. `wanted`: the words say what the
    command is for; `cued`: only words said as how something is ("it is cold") or wished ("I want it dark") count,
    never a command's own ("water the lawn"); without `states`, only what people do counts ("… for the film"; "for
    the steam" is why, "for privacy" what for: a state after "for" says neither). A climate target moved up or down
    is judged by how the room feels, whatever the device: "make the ac cooler it's hot" agrees, as "turn the heating
    down it's hot" does; "make the ac warmer it's hot" goes against it."""
    target = "climate" in kinds and bool(asked & {UP, DOWN})
    if target and not wanted:
        return _felt_against(said, asked, cued)
    heard = set(said)
    found = [(span, intent, state) for words, intent, state, name_keys, types in EFFECTS
             if (kinds & set(types) or names & set(name_keys)) and (states or not state) and not (
                 "climate" in kinds and target != (intent in (UP, DOWN)))  # a climate device's on, off: not its target
             for word in words if word.split()[0] in heard for span in _found(said, word)]
    needs = {need for (k, end), intent, state in found if not any(  # "people can see in": not "see"
        a <= k <= b and b - a > end - k for (a, b), *_ in found) and (
        need := _need(said, k, intent, state, wanted, cued)) is not None}
    return any(_opposes(n, a) for n in needs for a in asked) and not any(
        _sign(n) == _sign(a) for n in needs for a in asked)


def _found(said: list[str], word: str) -> list[tuple[int, int]]:
    """Where a word, or a phrase with up to three words between its words ("let the dog in"), is said: (first, last)."""
    first, *rest = word.split()
    out = []
    for k, token in enumerate(said):
        if token != first:
            continue
        at = k
        for part in rest:
            at = next((j for j in range(at + 1, min(at + 5, len(said))) if said[j] == part), -1)
            if at < 0:
                break
        if at >= 0:
            out.append((k, at))
    return out


def _need(said: list[str], k: int, intent: str, state: bool, wanted: bool, cued: bool) -> str | None:
    """The way the word at `k` needs, of an effect `intent` makes (`state`) or lets people do. Wished or a purpose:
    that way, or the other where the words say its opposite ("so nobody can get in"). How it is: a state wants the
    way that undoes it, unless denied ("it is not cold", "the washing won't dry"); an activity the way that lets it
    ("the baby is sleeping"), unless nobody does it ("nobody is watching it"); what someone cannot do is still a need
    ("I can't see", "I can't stand the cold"). None when `cued` and the word is said neither as a state nor as a
    wish."""
    clause = said[:k]
    if CLAUSE_BREAK in clause:
        clause = clause[len(clause) - clause[::-1].index(CLAUSE_BREAK):]
    at = next((j for j in range(len(clause) - 1, -1, -1) if clause[j] in WISHING | DESCRIBING_COPULAS | NOBODY or (
        clause[j] == "not" and j > 1 and clause[j - 1] in NEGATED_AUXILIARIES and clause[j - 2] != "you") or _goes(
        [*clause, said[k]], j)), None)
    cue = clause[at] if at is not None else _subject_of(said, k, clause)  # the nearest says which, unless wished
    # ("… if it was quieter")
    if wanted or cue in WISHING or (cue in ("was", "were") and (WISHING | IRREALIS) & set(clause[:at])):
        flips = sum(t in FLIPS for j, t in enumerate(said) if j != k) + sum(
            len(_found(said, " ".join(p))) for p in KEEPING_OUT)
        return _REVERSED.get(intent, intent) if flips % 2 else intent
    if cued and cue is None and said[k] not in COMPLAINED:
        return None  # "water the lawn", "tv louder": asked for; "the tv inaudible, turn it down": how it is
    able = bool({"can", "could"} & set(clause))  # "I can't see", "nobody can get in": a need
    if state:
        denied = not able and bool(NEGATIONS & set(clause[-4:]))
        return intent if denied else _REVERSED.get(intent, intent)
    denied = not (able or MODALS & set(clause)) and bool((NEGATIONS | NOBODY | {"none"}) & set(clause) or {
        "done", "finished", "through"} & set(clause[-2:]))  # "I'm done working" (not "… popping over …")
    had_enough = {"enough", "much"} & set(clause) or (intent == ON and _gone_on_long(said[k + 1:]))  # "… watching
    # it for hours": a use of the device; "the baby has been sleeping for hours" still needs the lights off
    return _REVERSED.get(intent, intent) if denied or had_enough else intent


def _gone_on_long(after: list[str]) -> bool:
    """ "maya has been watching it for hours", "he's been playing all day": a use of the device said to have gone on
    a long time (`long_spans`) has had enough of it, as "I've watched enough" has: no need of the device to go on."""
    said = after[:after.index(CLAUSE_BREAK)] if CLAUSE_BREAK in after else after
    return any(tuple(said[i:i + len(span)]) == span for span in LONG_SPANS for i in range(len(said)))


def _goes(clause: list[str], j: int) -> bool:
    """ "(open the curtains,) people can see in", "(switch off the hall light,) I keep tripping over the shoes": what
    someone can do or keeps doing is how things are, as "is" says it; not "can you …" nor "you can't hear me" (said to
    the house), nor what the speaker can do ("I can really hear the tv, turn it down": a complaint, read by the
    hints), nor "keep the room dark" (a command's own verb)."""
    after = clause[j + 1:j + 2]
    if clause[j] in ABLE:
        return j > 0 and clause[j - 1].isalpha() and not {"you", "i", "we"} & {clause[j - 1], *after}
    return clause[j] in HABITUAL and j > 0 and after != [] and after[0].endswith("ing")


def _subject_of(said: list[str], k: int, clause: list[str]) -> str | None:
    """ "(open the blinds,) the glare on the tv is awful": the copula after a word said first in its clause, where
    it is what the clause describes (no verb of the house before it, and none it is); "(turn the fan off,) the
    bathroom stinks": a word said of a thing, as "is" says it (not a comparative asked: "the tv louder"; not of
    the speaker: "I changed my mind about tea" is no tea wanted)."""
    after = said[k + 1:k + 5]
    if CLAUSE_BREAK in after:
        after = after[:after.index(CLAUSE_BREAK)]
    if verb_of(said[k]) or any(verb_of(t) or t in PARTICLES for t in clause):
        return None
    if len(clause) >= 2 and clause[0] in DETERMINERS and said[k] not in COMPARATIVE_TYPES:
        return "is"
    return next((t for t in after if t in DESCRIBING_COPULAS), None)


def _felt_against(said: list[str], asked: set[str], cued: bool = False) -> bool:
    """How the room is said to feel ("it's hot", "I'm not cold") wants the temperature the other way than asked."""
    for k, t in enumerate(said):
        if _feeling(said, k) is not None and (not cued or _need(said, k, UP, True, False, cued) is not None):
            wanted = DOWN if FELT[t] == "hot" else UP
            if asked & {UP, DOWN} - {_REVERSED[wanted] if _denied(said, k) else wanted}:
                return True
    return False


def _feeling(said: list[str], k: int) -> str | None:
    """ "hot" or "cold" when the word at `k` says how the room feels. One that is also a verb, a mode or a white
    ("warm the study up", "set the ac to cool", "warm white") does only as a state: "it's (a bit) warm", "it's too
    cool" ("too" is read "to": only after how it is)."""
    word = said[k]
    before = said[max(0, k - 2):k]
    if before[-1:] == ["to"]:
        before = before[:-1]
    if word not in FELT or (word not in COMFORT and (word in COMFORT_VERBS.keys() | HVAC_WORDS.keys()) and not (
            before and before[-1] in STATE_BEFORE)):
        return None
    return FELT[word]


def needs_said(words: list[str]) -> bool:
    """A word of a need the lexicon knows: "cold", "dark", "asleep"."""
    return any(t in triggers for triggers, _intent, state, *_ in (*EFFECTS, *HINTS) if state for t in words)


def _denies(tokens: list[str], k: int) -> bool:
    """The negation at `k` denies how something is: "(it) is not (too) cold", "(I) am not hot"; not "can not
    sleep" (still a need) nor "do not turn it off" (a command taken back)."""
    return tokens[k] == "not" and k > 0 and tokens[k - 1] in DESCRIBING_COPULAS


def _denied(tokens: list[str], k: int) -> bool:
    """The word at `k` is said denied: "not cold", "not too cold", "not that cold"; in the same clause."""
    before = tokens[max(0, k - 3):k]
    at = next((j for j in range(len(before) - 1, -1, -1) if before[j] == "not"), None)
    return at is not None and CLAUSE_BREAK not in before[at:] and _denies(tokens, k - len(before) + at)


def _moved(registry: Registry, calls: list[ToolCall]) -> Iterator[tuple[str, Device]]:
    """The way (`_direction`) and the device of each call that moves one, in order: what a need said in the sentence
    can go against (`said_against`, `purpose_against`)."""
    for call in calls:
        intent = _direction(call)
        if intent and (device := registry.get(call.device)) is not None:
            yield intent, device


def _direction(call: ToolCall) -> str | None:
    """Which way a call moves its device, for a need to go against: on, off, open, close, up or down."""
    plain = {"turn_on": ON, "turn_off": OFF, "open_cover": OPEN, "close_cover": CLOSE}
    plain |= {"lock": LOCK, "unlock": UNLOCK, "mute": MUTE, "unmute": UNMUTE, "start_cleaning": CLEAN,
              "return_to_base": DOCK}
    if call.tool in plain:
        return plain[call.tool]
    if call.tool.startswith("step_") and isinstance(call.value, (int, float)):
        return UP if call.value > 0 else DOWN
    return {"heat": UP, "cool": DOWN}.get(str(call.value)) if call.tool == "set_hvac_mode" else None


def _opposes(need: str, asked: str) -> bool:
    """ "off" or "down" against a need for "on"; "open" against "close"; "mute" against "unmute"."""
    return None is not _sign(need) != _sign(asked) is not None


def _sign(intent: str) -> int | None:
    """Which side of a device an intent is on: on, up, open, unlock, unmute, play and clean one, their opposites the
    other (none for a value set or a question)."""
    return 1 if intent in (ON, UP, OPEN, UNLOCK, UNMUTE, PLAY, CLEAN) else -1 if intent in (
        OFF, DOWN, CLOSE, LOCK, MUTE, PAUSE, DOCK) else None
