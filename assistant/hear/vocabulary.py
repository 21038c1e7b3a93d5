"""The words a command in this home can contain, to narrow speech recognition to them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from pathlib import Path

from assistant.registry import Registry
from assistant.tools import COLORS, FAN_SPEEDS
from assistant.understand.lexicon import LEXICON
from assistant.understand.numbers import TENS, UNITS

# The words a command or an answer to a question starts with.
OPENERS = (
    "turn", "switch", "set", "make", "dim", "brighten", "open", "close", "shut", "lock", "unlock", "play",
    "pause", "resume", "stop", "start", "is", "are", "what", "please", "yes", "no", "the", "cancel",
)
COMMAND_WORDS = (
    *OPENERS, "on", "off", "up", "down", "to", "a", "in", "of", "and", "then", "all", "lights", "light", "lamp",
    "percent", "degrees", "volume", "brightness", "temperature", "it", "hundred", "half", "halfway", "fan",
    "speed", "blinds", "curtains", "door", "heating", "music", "locked", "unlocked", "closed", "one",
)
# The shapes of a command (jsgf): its verbs, the nouns said beside or instead of a device's name, the states
# asked about.
VERBS = ("turn", "switch", "set", "make", "dim", "brighten", "open", "close", "shut", "lock", "unlock", "play",
         "pause", "resume", "stop", "start", "cancel")
NOUNS = ("lights", "light", "lamp", "lamps", "blinds", "curtains", "fan", "heating", "music", "volume", "brightness",
         "temperature", "speed", "door", "one")
STATES = ("on", "off", "locked", "unlocked", "open", "closed")
# A setting said after a device's name ("the tv volume"), and the tools that give a device it: the grammar offers a
# name a setting only where the device has it, so speech is not forced onto a setting nothing in the home has
# ("make the counter lights 10 percent dimmer" was trusted as "... counter lights temperature up amber", a colour)
SETTINGS = {"volume": ("set_volume", "step_volume"), "brightness": ("set_brightness", "step_brightness"),
            "temperature": ("set_temperature", "step_temperature", "set_color_temperature",
                            "step_color_temperature"),
            "speed": ("set_fan_speed",)}
# Words said around a value or a state that the grammar's own words lack ("make the study heater hot", "set the
# blinds to a third", "up a bit"). Out of the grammar, the garbage loop priced such a word per phone, so a grammar
# word that sounds like it won and was trusted ("hot" heard "off": the heater turned off; "a third" heard "thirty").
# The grammar holds them where a value goes, so they are heard as themselves, and a result with one is not trusted
# (Whisper hears it): a swap among them ("hot" for "cold") would be the opposite action. Not after "is"/"are" (a
# question changes nothing, and "is the front door locked" was heard "... lot"), and not "lot" (it took "locked").
AROUND = ("hot", "cold", "cool", "warmer", "cooler", "hotter", "colder", "third", "thirds", "quarter", "quarters",
          "bit", "little", "tad", "notch", "touch", "more", "less", "brighter", "dimmer", "darker", "lighter",
          "louder", "quieter", "softer", "higher", "lower", "faster", "slower", "full", "max", "maximum", "minimum",
          "point")
# Words the calls hang on, each with the words that could stand in its place and turn the command around: a
# direction ("and off the reading lamp" was trusted as "and all the reading lamp", turning it on), an opener (a
# command or a question: "turn the study heater and the desk lamp off" was trusted as "are the study heater ...",
# asking its state; "lock" for "unlock"), a joiner (one device or two). The grammar weighs a word by its shape's
# alternatives ("are" 1 of 6 clause starts, "turn" 1 of 51), so a near word its shape favours wins: a trusted
# result is decoded again with each such word free among its rivals alike (`SphinxEngine`).
RIVALS = (("on", "off", "up", "down", "all"), (*VERBS, "is", "are", "what"), ("and", "in", "of"))
# Verbs a home is told that are none of the grammar's or the rules' verbs (the dev split's sentences start with
# them). With the rules' own verbs the grammar lacks (`outside_verbs`: "raise", "dock", "leave"), each is weighed
# against a verb of the grammar in its place, so that one said is not forced onto the nearest the grammar has: "park
# the robot vacuum" was trusted as "start the robot vacuum" (it set off cleaning; bench-trust set 8).
UNKNOWN_VERBS = ("park", "empty", "charge", "boil", "preheat", "water", "wake", "call", "ring", "check", "tell", "show",
                 "give", "take", "hold", "order", "remind", "skip", "undo", "add", "go")
PROMPT_WORDS = ("turn on", "turn off", "switch", "dim", "brighten", "lock", "unlock", "open", "close", "set", "degrees",
                "percent")


def phrases(registry: Registry) -> list[str]:
    """Device names, aliases, areas and command words, as a Vosk grammar's phrase list."""
    out: list[str] = []
    for device in registry:
        out.extend([device.name, *device.aliases])
    out.extend(registry.areas())
    out.extend(COMMAND_WORDS)
    out.extend(COLORS)
    out.extend(FAN_SPEEDS)
    out.extend(UNITS)
    out.extend(TENS)
    seen: set[str] = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def outside_verbs() -> frozenset[str]:
    """The verbs a person may say where the grammar has one of its own and it has not: the rules' (the lexicon's
    verbs, particle verbs, verbs of comfort and of leaving a device as it is: "raise the blinds", "cool the study",
    "leave the tv on") and `UNKNOWN_VERBS` ("park the robot vacuum"). Read when a recogniser is built, so the words a
    config adds to the lexicon count."""
    said = {*LEXICON.table("verbs"), *LEXICON.table("comfort_verbs"), *LEXICON.words("particle_verbs"),
            *LEXICON.words("leaving_verbs"), *UNKNOWN_VERBS}
    return frozenset(w for w in said if " " not in w) - set(VERBS)


def persons() -> frozenset[str]:
    """Who a sentence may start with when it tells or asks of a doing rather than asks one (the lexicon's `subjects`:
    "you turned the tv off?", "we turned the heating up"): weighed before a grammar verb, so that talk of a doing is
    not forced onto the command. Read when a recogniser is built, so the words a config adds count."""
    return frozenset(w for w in LEXICON.words("subjects") if " " not in w)


def past_forms(verb: str) -> tuple[str, ...]:
    """The forms a verb of the grammar may be said in after a person: its own past where it is no "-ed" form (the
    lexicon's `past_of`: "made", "set", "shut"), its "-ed" forms ("turned", "closed", "dimmed"), and the verb itself
    ("you turn the tv off" is heard for "you turned ..." as often as not: the "d" before "the" is lost). Spellings that
    are no word ("turnned", "stoped") are not in the decoder's dictionary, which keeps the rest ("cancel": "canceled",
    "cancelled"). Read when a recogniser is built, so the pasts a config adds count."""
    own = [past for past, base in LEXICON.table("past_of").items() if base == verb]
    return tuple(dict.fromkeys((verb, *own, f"{verb}ed", f"{verb}d", f"{verb}{verb[-1]}ed")))


def irregular_pasts() -> frozenset[str]:
    """Every past in the lexicon's `past_of` ("made", "left", "kept", "put"): after a person, any of them may stand
    where the grammar heard its verb ("you left the tv on?" is forced onto "turn the tv on"), as the verbs they are the
    past of may be ones the grammar lacks."""
    return frozenset(w for w in LEXICON.table("past_of") if " " not in w)


def around(registry: Registry) -> frozenset[str]:
    """`AROUND` less the words of the home's own names and rooms ("the hot tub"): there the word is the name's."""
    return frozenset(AROUND) - {w for d in registry for w in (*d.name_words, *d.area.lower().split())}


def jsgf(registry: Registry, known: Callable[[str], bool]) -> str:
    """A JSGF grammar of the home's commands, in the shapes they are said: a verb and its parts ("turn off
    the tv and the kettle", "set the sofa lamp to forty percent"), a question about a device ("is the
    front door locked"), the answer to a question ("yes", "the kitchen one"), clauses joined by "and".
    Anything else said is forced into it, with a low score: the engine then asks Whisper.

    Shapes, not just words: with any sequence of the home's words allowed, the recogniser filled gaps with
    them ("set the bedroom to and to high", "are on the kettle"); on 121 commands of the dev split spoken by
    Piper the words it was sure of (score >= -0.18) were 20% wrong, 13% with the shapes, and the commands
    whose calls changed 21 against 10; of the benchmark's 36 clips 33 were sure either way, 7 of them with a
    word wrong before, none now. A number is only a value after "to", "by" or "at", a state word only after
    "is"/"are", "it" only after the verb and with something after it ("turn it off"; "okay" was heard as "open
    it", which opens the garage door said in the garage), "and" only before a device, a clause or a direction
    and its devices ("turn on the sofa lamp and off the reading lamp": without that shape it was trusted as "...
    and all the reading lamp"), "and not" / "but not" before devices (without it "turn off the sofa lamp and not the
    tv" was trusted as "... and up the tv"), "all the" only before a name of many (`plural`); on/off/up/down before the
    devices or after them, a colour, speed or value only at the end of a clause, a colour after "on" at most and a speed
    after on/up/down ("turn off the lights outside" was trusted as "turn all the lights up cyan") (Piper's
    "turn on the lights" was forced into "turn on low white", "turn off the lights" into "turn off to white"); a
    device and on/off without a verb ("porch light off") is left to Whisper, as sphinx forced other talk into
    it ("the garage light, is it on?" -> "... music on"). Words said around a value or a state that are none of
    the grammar's own (`around`: "hot", "a third", "a bit") are offered where a value goes, so that they
    are heard as themselves rather than as the nearest value. pocketsphinx copies a rule for every mention of it,
    but builds a rule that ends in itself as a loop: so a list of devices is one such rule, mentioned five times
    (six copies of the home's names before), and the search is 22 MB per decoder instead of 30 (a satellite's
    room has a decoder while it speaks). On 35 Piper commands streamed as a satellite streams them (the benchmarks'
    and other everyday ones), 30 were heard right and sure with these shapes, 25 before.
    Phrases with a word the recogniser cannot say (`known` is False) are left out.
    """
    def said(words: Iterable[str]) -> str:
        usable = sorted({w.lower() for w in words if all(known(part) for part in w.lower().split())})
        return " | ".join(usable) if usable else "<VOID>"

    names = [n for d in registry for n in (d.name, *d.aliases)]
    having = {setting: [n for d in registry if set(tools) & set(d.tools()) for n in (d.name, *d.aliases)]
              for setting, tools in SETTINGS.items()}
    # no alternative for a setting no device has: pocketsphinx then found no path through the rule at all
    set_by_name = "".join(f" | ({said(named)}) {setting}" for setting, named in having.items()
                          if said(named) != "<VOID>")
    digits = [u for u, n in UNITS.items() if 0 < n < 10]
    near = said(around(registry))
    # no <near> where the home has none of those words: a rule of <VOID> alone left pocketsphinx no path at all
    maybe, other = (" [<near>]", " | <near>") if near != "<VOID>" else ("", "")
    decimal = " [point <number>]" if "point" in near.split(" | ") else ""  # "twenty one point five": not trusted
    return f"""#JSGF V1.0;
grammar home;
public <command> = [please] (<clause> (and [then] (<clause> | <way> <devices>) | (and | but) not <devices>)*
    | <devices> | yes | no) [please];
<clause> = <verb> (it <tail> | <way> <devices>{maybe} | <devices> [<tail>])
         | (is | are) <devices> [still] <state> | what is <devices>;
<devices> = (the <noun> | all the <many>) [(in | of | and) <devices>];
<tail> = <way>{maybe} | [on] <color> | [on | up | down] <speed> | [<way>] (to | by | at) <value>{other};
<way> = on | off | up | down;
<near> = [a] <around> [<around>];
<around> = {near};
<verb> = {said(VERBS)};
<state> = {said(STATES)} | at <value> | <color>;
<noun> = [<area>] (<name> | ({said(NOUNS)}) <setting>{set_by_name}) | <area>;
<setting> = {said(SETTINGS)};
<name> = {said([*names, *NOUNS])};
<many> = [<area>] ({said(n for n in [*names, *NOUNS] if plural(n))});
<area> = {said(registry.areas())};
<value> = <number>{decimal} [percent | degrees] | <color> | <speed> | half | halfway{other};
<number> = {said(UNITS)} | ({said(TENS)}) [{said(digits)}] | [a | one] hundred;
<color> = {said(COLORS)};
<speed> = {said(FAN_SPEEDS)};
"""


def plural(name: str) -> bool:
    """Whether a name says more than one ("counter lights", "blinds"; not "glass"): only those follow "all the". Offered
    before any name, "all" took the place of a near word: "turn on the sofa lamp and off the reading lamp" was
    trusted as "... and all the reading lamp" (the reading lamp turned on)."""
    last = name.split()[-1]
    return last.endswith("s") and not last.endswith("ss")


def grammar_words(grammar: str) -> set[str]:
    """Every word a JSGF grammar (as `jsgf` writes it) can match: its rule names, keywords and <VOID> left out."""
    body = re.sub(r"<[^>]*>", " ", grammar.split("\n", 2)[-1])  # past the "#JSGF" and "grammar" lines
    return set(re.findall(r"[a-z][a-z']*", body)) - {"public"}


def dictionary(words: set[str], source: Path) -> str:
    """The lines of a pronunciation dictionary (cmudict's format) for `words` alone, alternates included.

    pocketsphinx loads its whole English dictionary (135,000 words) into every decoder; a grammar of the
    home's commands needs a few hundred of them, and the rest cost ~27 MB per decoder.
    """
    with source.open(encoding="utf-8") as lines:
        return "".join(line for line in lines if line.split(" ", 1)[0].split("(", 1)[0] in words)


def prompt(registry: Registry, limit: int = 60) -> str:
    """The home's device names and rooms, then the command words, as a bare list that primes Whisper.

    A list, never a whole command: Whisper given noise tends to write its prompt back, and the old
    prompt's last sentence, "Set the thermostat to 21 degrees.", was heard in white noise and carried
    out. On 28 Piper commands: this list 0.0% WER, the names alone 2.6%, no prompt at all 6.9%.
    """
    names = list(dict.fromkeys([*(d.name for d in registry), *registry.areas()]))[:limit]
    return ", ".join(names) + ". " + ", ".join(PROMPT_WORDS).capitalize() + "."


def echoes_prompt(text: str, primer: str) -> bool:
    """Whether a transcript is (nearly) the prompt read back: at least 80% of its words are one run of
    the prompt's words spanning two or more of its items ("bedroom fan, bedroom curtains").

    A single item ("living room blinds", "lock") may be a real answer to "Which one?", and alone it
    never acts, so it is let through.
    """
    said = _words(text)
    items = [(_words(item), n) for n, item in enumerate(re.split(r"[,.]", primer))]
    heard = [word for words, _ in items for word in words]
    item_of = [n for words, n in items for _ in words]
    match = SequenceMatcher(None, said, heard, autojunk=False).find_longest_match(0, len(said), 0, len(heard))
    spanned = set(item_of[match.b:match.b + match.size])
    return bool(said) and match.size >= 0.8 * len(said) and len(spanned) >= 2


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())
