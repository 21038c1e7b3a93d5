"""Turn a typed sentence or a recogniser transcript into clean tokens.

Speech recognisers and people add noise the matcher should not see: fillers ("um", "like"),
repeated words ("the the"), politeness ("could you please"), wake words, spoken numbers and
near-miss words ("turn of", "turnoff"). This module removes or rewrites that noise and nothing else.
"""

from __future__ import annotations

import re

from assistant.understand.numbers import words_to_digits

CONTRACTIONS = {
    "what's": "what is", "whats": "what is", "it's": "it is", "its": "it is", "that's": "that is",
    "isn't": "is not", "aren't": "are not", "don't": "do not", "doesn't": "does not", "can't": "can not",
    "cannot": "can not", "i'm": "i am", "i'd": "i would", "let's": "let us", "there's": "there is",
    "how's": "how is", "where's": "where is", "who's": "who is", "i've": "i have", "you're": "you are",
    "won't": "will not", "didn't": "did not", "wasn't": "was not", "we're": "we are", "i'll": "i will",
    "shouldn't": "should not", "wouldn't": "would not", "couldn't": "could not", "mustn't": "must not",
    "needn't": "need not", "haven't": "have not", "hasn't": "has not", "weren't": "were not",
    "im": "i am", "id": "i would", "theres": "there is", "cant": "can not",
    "whatevers": "whatever is", "whatever's": "whatever is",
    "dont": "do not", "doesnt": "does not", "shouldnt": "should not", "isnt": "is not", "arent": "are not",
}
FILLERS = {
    "um", "umm", "uh", "uhh", "er", "erm", "ehm", "hmm", "hm", "mm", "ah", "oh", "please", "pls", "plz",
    "kindly", "okay", "ok", "hey", "yeah", "yep", "thanks", "thank", "cheers", "alexa", "jarvis",
    "computer", "assistant", "google", "siri", "mate", "guess", "basically", "quickly", "now", "right",
}
GREETINGS = {"hi", "hello", "hiya", "howdy"}
# Multi-word politeness and hedges removed before matching (longest first).
PHRASES = (
    "i was wondering if you could", "would you mind", "do you think you could", "is it possible to",
    "is there any way you could", "is there any chance you could", "any chance you could",
    "when you get a sec", "when you get a second", "when you get a chance", "when you get a minute",
    "if you do not mind", "do you mind", "i would like you to", "i want you to", "i need you to",
    "could you please", "can you please",
    "would you please", "will you please", "could you", "can you", "would you", "will you",
    "go ahead and", "if you could", "if you can", "for me", "you know", "i mean like", "i guess",
    "can i have", "could i have", "can i get", "could i get", "may i have", "can we have", "could we have",
    "can we get",
    "thank you", "kind of", "sort of", "if possible",
    "if it is not to much trouble", "excuse me",  # "too" is already "to" here
)
# Words a recogniser (or a hurried typist) splits, joins or mishears in this domain.
REWRITES = {
    "turnoff": "turn off", "turnon": "turn on", "switchoff": "switch off", "switchon": "switch on",
    "t.v.": "tv", "t.v": "tv", "tee vee": "tv", "t v": "tv", "bed side": "bedside", "bed room": "bedroom",
    "bath room": "bathroom", "living-room": "living room", "livingroom": "living room",
    "thermo stat": "thermostat", "de humidifier": "dehumidifier", "dee humidifier": "dehumidifier",
    "hall way": "hallway", "colour": "color", "colours": "colors", "grey": "gray", "lamb": "lamp",
    "lite": "light", "lites": "lights", "telly": "telly", "hi": "high", "med": "medium",
    "tv's": "tv", "blew": "blue", "too": "to", "make sure": "ensure",
    "off mute": "unmute", "sound back on": "unmute", "tempature": "temperature", "temprature": "temperature",
    "temperture": "temperature", "more bright": "brighter", "less bright": "dimmer", "more cold": "colder",
    "bright the": "brighten the", "more warm": "warmer", "more hot": "hotter", "more loud": "louder",
    "less loud": "quieter",
    "more quiet": "quieter", "more dark": "darker", "a/c": "ac",
    "each and every": "every", "every single": "every", "temp": "temperature", "temps": "temperature",
    "as bright as possible": "to maximum brightness", "as dim as possible": "to minimum brightness",
    "as loud as possible": "to maximum volume", "as quiet as possible": "to minimum volume",
}
# Complaints about a level, read before "too" becomes "to": each is a need the rules know how to meet.
TOO_MUCH = {"too loud": "deafening", "too noisy": "deafening", "too quiet": "inaudible", "too bright": "glaring"}
_PUNCT = re.compile(r"[^\w%°'.,/\-]+")
CLAUSE_BREAK = ","  # token standing for a sentence or clause boundary
MAX_CHARS = 500  # nobody says more in one command; a longer text is cut here so the work stays bounded
_SPACE = re.compile(r"\s+")


def _rewrite(text: str) -> str:
    for wrong, right in (*TOO_MUCH.items(), *REWRITES.items()):
        text = re.sub(rf"(?<![\w]){re.escape(wrong)}(?![\w])", right, text)
    return text


def normalize(text: str) -> list[str]:
    """Lower-case tokens with noise removed and spoken numbers as digits (of the first MAX_CHARS characters)."""
    text = text[:MAX_CHARS].lower().replace("’", "'").replace("%", " percent ").replace("°", " degrees ")
    text = re.sub(r"(\d)\s*c\b", r"\1 degrees", text)
    text = re.sub(r"[;:!?]|(?<!\d)[.,]|[.,](?!\d)", " , ", text)  # keep "20.5"; other dots end a clause
    text = _PUNCT.sub(" ", text).replace("/", " ")
    text = text.replace("-", " ")
    words = [CONTRACTIONS.get(w, w) for w in text.split()]
    while words and words[0] in GREETINGS:  # "hi can you…" is not "high" (a recogniser's "fan on hi" is)
        words.pop(0)
    text = " " + _rewrite(" ".join(words).replace("'", "")) + " "
    for phrase in PHRASES:
        text = text.replace(f" {phrase} ", " ")
    tokens = [t for t in _SPACE.split(text.strip()) if t and t not in FILLERS]
    # "like" is a filler unless it means wanting ("i would like some tea").
    tokens = [t for i, t in enumerate(tokens) if t != "like" or (i > 0 and tokens[i - 1] in ("would", "i"))]
    tokens = words_to_digits(tokens)
    deduped: list[str] = []
    for token in tokens:
        if not deduped or token != deduped[-1]:
            deduped.append(token)
    # "turn of the tv", "turn the fan of": "of" after turn/switch or ending the clause is a misheard "off".
    for i in range(1, len(deduped)):
        ends_clause = i + 1 == len(deduped) or deduped[i + 1] == CLAUSE_BREAK
        if deduped[i] == "of" and (deduped[i - 1] in ("turn", "switch", "shut", "power") or ends_clause):
            deduped[i] = "off"
    tokens = _dedupe_phrases(deduped)
    while tokens and tokens[-1] == CLAUSE_BREAK:
        tokens.pop()
    while tokens and tokens[0] == CLAUSE_BREAK:
        tokens.pop(0)
    return tokens


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
