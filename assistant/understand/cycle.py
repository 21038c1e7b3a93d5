"""A power cycle said ("turn the router off and on again", "restart the tv"): off, then on, of the same devices.

Read as one command, never as two: the rules read "off … on" of one device as told both ways (and ask which),
and "on again" alone as a device called "again"; either way the device ended off or nothing was done."""

from __future__ import annotations

from dataclasses import replace

from assistant.tools import ToolCall
from assistant.understand.lexicon import LEXICON
from assistant.understand.normalize import CLAUSE_BREAK
from assistant.understand.vocabulary import EVERYTHING_WORDS, HOME_WORDS, MEDIA_WORDS, SPLITTERS

RESTARTS = LEXICON.phrases("cycle_verbs")  # "restart the tv": its verb is the whole cycle
LINKS = LEXICON.words("cycle_links")  # "off and on", "off then on"
BACK_ON = LEXICON.derived(lambda: LEXICON.words("cycle_back_on") | LINKS | {CLAUSE_BREAK})
TRAILING = LEXICON.words("cycle_trailing")  # after the cycle: "… again for me please"
OFF_VERBS = LEXICON.words("cycle_off_verbs")  # "turn off and on the tv": the devices follow the cycle
PAUSE_S = 5.0  # off this long before on again: a router or a plug's appliance needs it to restart, and each
# state is confirmed by the device, never two commands crossing on the way
PLAYED = LEXICON.words("played_things")  # what plays: restarted from its start, never switched off and on
CYCLE_AT = "I can turn it off and on again now, or in a while (say: in 10 minutes), but not at a set time."
CYCLE_ALONE = "Please name the device to turn off and on again, on its own, so I know which one you mean."


def power_cycled(tokens: list[str]) -> list[str] | None:
    """The sentence as its "off" half ("turn the kettle off"), when it asks for a power cycle; else None. The
    devices must be said once, before the cycle or right after its verb: "turn the tv off and on the radio" is no
    cycle."""
    if MEDIA_WORDS & set(tokens) or PLAYED & set(tokens):  # "restart the song", "restart the film on the tv": from
        return None  # its start, never the player off and on
    for verb in RESTARTS:
        at = next((i for i in range(len(tokens)) if tuple(tokens[i:i + len(verb)]) == verb), None)
        if at is not None:
            return [*tokens[:at], "turn", "off", *tokens[at + len(verb):]]
    for off in (i for i, t in enumerate(tokens) if t == "off"):
        end = off + 1
        while end < len(tokens) and tokens[end] in BACK_ON:
            end += 1
        tail = tokens[off + 1:end]
        if "on" not in tail or not LINKS & set(tail[:tail.index("on")]):
            continue
        rest = tokens[end:]
        if all(t in TRAILING for t in rest) or (off > 0 and tokens[off - 1] in OFF_VERBS):
            return [*tokens[:off + 1], *rest]
    return None


def with_more(off_half: list[str]) -> bool:
    """The cycle said beside another command ("turn off the tv, restart the router"), or of everything ("power cycle
    everything"): which devices it cycles is not sure, so none is (what was off would be turned on)."""
    inner = " ".join(off_half).strip(f" {CLAUSE_BREAK}").split()
    return bool((SPLITTERS | EVERYTHING_WORDS | HOME_WORDS) & set(inner))


def back_on(off: ToolCall) -> ToolCall:
    """The second half of a cycle: the device turned off turned on again, a pause later."""
    return replace(off, tool="turn_on", delay_s=PAUSE_S + (off.delay_s or 0.0))
