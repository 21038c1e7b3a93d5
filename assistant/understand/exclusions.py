"""What a clause leaves out ("all the lights except the porch light", "the tv, not the lamp"); RuleMatcher
inherits `Excluding`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.registry import Device, Registry
from assistant.understand.clause import Clause
from assistant.understand.lexicon import LEXICON
from assistant.understand.mentions import PLURAL_TYPE_WORDS, STOPWORDS, MentionFinder
from assistant.understand.normalize import CLAUSE_BREAK, DETERMINERS, as_said, said_as
from assistant.understand.vocabulary import (
    EVERYTHING_WORDS,
    EXCLUSIONS,
    HERE_WORDS,
    NAMING_NOUNS,
    PARTICLES,
    RESTATING,
    SPLITTERS,
)

LEAVE_OUT_UNSAID = "Leave out which? Please say it all again with what to leave out."
UNFINISHED = LEXICON.words("exclusion_unfinished")


class Excluding:
    """The devices a clause leaves out, and the clause widened when a room is left out of a kind said alone
    (RuleMatcher inherits it and sets these attributes)."""

    registry: Registry
    mentions: MentionFinder
    area: str | None  # the speaker's room
    unaccounted: Callable[[Clause], list[str]]
    _areas: Callable[[str], tuple[str, ...]]

    def _excluded(self, clause: Clause) -> tuple[list[Device], str | None]:
        """The devices named after "except"/"but not"; a name we don't know is said back, not ignored."""
        words = [t for t in _unrestated(clause) if t not in SPLITTERS]
        if not set(words) - DETERMINERS:  # "turn off everything except the": said no further
            return [], LEAVE_OUT_UNSAID
        if words[:1] in (["leave"], ["keep"]):  # "… but leave the porch light alone": what is left as it is
            words = [t for t in words[1:] if t not in PARTICLES and t not in ("alone", "as", "is", "be")]
        words = [t for t in words if t not in ("1", "one", "ones")]  # "except the back one"
        if self.area is not None:  # "all the lights off except the ones in here": the speaker's room's
            words = [w for t in words for w in (said_as(self.area) if t in HERE_WORDS else (t,))]
        rest = Clause(tokens=words, mentions=self.mentions.find(words))
        unknown = self.unaccounted(rest)
        naming = self.mentions.words - DETERMINERS  # "not the switch": a word of a name ("porch light switch")
        said = unknown or [t for t in words if t not in STOPWORDS or t in naming]  # "except the back one": "back"
        # is harmless
        if said and not rest.mentions:  # "all the lights off apart from the porch": the one device so named
            named = [d for d in self.registry if set(said) <= d.name_words]
            kind = clause.type_mention.type if clause.type_mention else None
            if len(named) > 1 and kind:  # "all the doors except the front one": the front door, not the front light
                named = [d for d in named if d.type == kind]
            if len(named) == 1:
                return named, None
        if unknown or not rest.mentions:
            return [], f"I don't know a device called {as_said(unknown or words) or 'that'}."
        area = rest.area
        kind = rest.type_mention.type if rest.type_mention else None
        out = [d for m in rest.devices for d in m.devices]
        if area is not None or kind is not None:
            rooms = self._areas(area) if area else None
            noun = rest.type_mention.text.rstrip("s") if rest.type_mention else ""  # "but not the lamps": the lamps,
            out += [d for d in self.registry if (rooms is None or d.area in rooms) and (kind is None or d.type == kind)
                    and (noun not in NAMING_NOUNS or noun in d.name_words)]  # not every light
        return out, None

    def _but_a_room(self, clause: Clause) -> Clause | None:
        """ "lights off except the hall" with no room said for the lights: the home's lights but the hall's, read as if
        "all … in the house" were said, and asked before it is done (plain "the lights" is not every light, and the
        speaker's room alone is not what a room left out means). None for any other clause."""
        if not clause.excluded or clause.area is not None or clause.devices or clause.type_mention is None or (
                EVERYTHING_WORDS & set(clause.tokens)):
            return None
        left_out = self.mentions.find([t for t in clause.excluded if t not in STOPWORDS])
        if not left_out or any(m.kind != "area" for m in left_out):
            return None
        return replace(clause, tokens=[*clause.tokens, "all", "house"])


def exclusion_unfinished(tokens: list[str]) -> bool:
    """ "turn off everything except", "all the lights, but", "… but leave": a scope then the word that would leave
    something out of it, said last; what it leaves out changes what the rest means, so none of it is done. Only with a
    scope before it: "lock the back door and the front door besides" means as well."""
    words = list(tokens)
    while words and (words[-1] == CLAUSE_BREAK or words[-1] in UNFINISHED):
        words.pop()
    at = next((len(words) - len(e) for e in EXCLUSIONS if e != ("not",) and tuple(words[-len(e):]) == e), None)
    if at is None:
        return False
    before = set(words[:at])
    return bool(EVERYTHING_WORDS & before or before & PLURAL_TYPE_WORDS)


def _only_which(clause: Clause) -> bool:
    """ "turn on the porch light, not the switch": a device named by its name, then another it is not; the second only
    says which (CASES: "X, not the hall one"), never a scope to leave something out of."""
    return any(clause.said_here(m) for m in clause.devices) and not EVERYTHING_WORDS & set(clause.tokens)


def _unrestated(clause: Clause) -> list[str]:
    """What is left out, up to what was named said again after it ("turn on the porch light, not the switch, the
    actual light"): the restating part only words of the clause itself, never a second thing to leave out."""
    said = clause.excluded
    at = next((k for k, t in enumerate(said) if t == CLAUSE_BREAK and RESTATING & set(said[k + 1:k + 3]) and set(
        said[k + 1:]) - DETERMINERS - RESTATING <= set(clause.tokens)), len(said))
    return said[:at]
