"""Verbs and pronouns that agree with what a reply is about: "the counter lights are", "the kettle is".

A device's name says its number ("counter lights", "blinds"); several names joined are plural. One rule for every
reply, so that none says "the counter lights was".
"""

from __future__ import annotations


def plural(said: str) -> bool:
    """ "counter lights", "blinds": a name whose last word is plural ("ss" words, "glass", are not); "the tv and the
    kettle": names joined, as replies join them."""
    return " and " in said or (said.endswith("s") and not said.endswith("ss"))


def be(said: str, past: bool = False) -> str:
    """ "is" or "are" ("was" or "were") after the name."""
    if past:
        return "were" if plural(said) else "was"
    return "are" if plural(said) else "is"


def they(said: str) -> str:
    """The pronoun for the name as a subject: "it" or "they"."""
    return "they" if plural(said) else "it"


def it(said: str) -> str:
    """The pronoun for the name as an object: "it" or "them"."""
    return "them" if plural(said) else "it"


def its(said: str) -> str:
    """The possessive for the name: "its" or "their"."""
    return "their" if plural(said) else "its"
