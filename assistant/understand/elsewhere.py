"""A device named after its room, reached from another room by leaving the room word out: "turn on the extractor"
said in the bedroom, where the home's only extractor is the Ensuite Extractor, or "the main light" said in the kitchen
of the Lounge Main Light. The speaker may mean a device of their own room the home does not know, so the change is
asked ("Did you mean: turn on the ensuite extractor?"), never done on a guess; a name with no room in it ("the tv",
"the kettle") is the same device from anywhere, and a question only reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.registry import Device
from assistant.understand.clause import Clause
from assistant.understand.normalize import said_as
from assistant.understand.vocabulary import EVERYTHING_WORDS, OWN_KIND_WORDS, OWN_KINDS


def named_elsewhere(clause: Clause, targets: Sequence[Device], rooms_here: Sequence[str]) -> bool:
    """A change of `clause` on a device of another room than the speaker's (`rooms_here`), named after that room with
    the room's words left unsaid; False where a room is said, or the speaker's room is not known, or every one is said
    ("close all the blinds" in the kitchen: the home's, the living room's too, as "all the lights" are every light)."""
    said = set(clause.tokens)
    if not rooms_here or clause.question or clause.area is not None or EVERYTHING_WORDS & said:
        return False
    reached = {d for m in clause.mentions if m.kind == "device" and clause.said_here(m) for d in m.devices}  # a kind
    # said ("open the gate" in the garden, of the Driveway Gate) is that kind's wherever it is, as before; a word of
    # a kind of its own names the devices called so ("the curtains" said in the kitchen, of the Parlour Curtains)
    own = {w for m in clause.mentions if m.kind == "type" and m.text in OWN_KINDS for w in OWN_KIND_WORDS[
        OWN_KINDS[m.text]]}
    reached |= {d for d in targets if own & d.name_words}
    for device in targets:
        room = said_as(device.area or "")
        if device in reached and device.area not in rooms_here and room and said_as(device.name)[:len(room)] == room \
                and not said & set(room):
            return True
    return False
