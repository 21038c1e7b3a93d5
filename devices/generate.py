"""Generated homes of any size, for measuring how understanding scales with the number of devices.

The demo home comes first, unchanged, so the shipped case files still apply; the extra devices live
in other rooms with realistic names ("dining room pendant", "guest room radiator"), some of which
share words with demo devices, as in a real house.
"""

from __future__ import annotations

import random

from assistant.config import DEMO_HOME, load_devices_file
from assistant.registry import Device

EXTRA_AREAS = (
    "dining room", "guest room", "nursery", "attic", "laundry room", "playroom", "gym", "workshop",
    "pantry", "utility room", "conservatory", "den", "library", "cellar", "kids room", "master bedroom",
    "second bedroom", "third bedroom", "ensuite", "landing", "mudroom", "sunroom", "studio", "boot room",
    "games room", "music room", "porch", "shed", "driveway", "patio", "balcony", "loft", "annex", "cinema room",
)
KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("light", "lamp", ("brightness",)), ("light", "pendant", ("brightness", "color")),
    ("light", "spotlights", ("brightness",)), ("light", "wall light", ()), ("light", "strip", ("brightness", "color")),
    ("switch", "plug", ()), ("switch", "heated towel rail", ()), ("switch", "air purifier", ()),
    ("climate", "radiator", ()), ("fan", "desk fan", ()), ("cover", "blind", ("position",)),
    ("cover", "skylight", ("position",)), ("lock", "window lock", ()), ("media_player", "radio", ()),
    ("sensor", "thermometer", ()), ("sensor", "motion sensor", ()),
)


def generate_home(size: int, seed: int = 0) -> list[Device]:
    """The demo home plus generated devices up to `size` devices in all."""
    devices = list(load_devices_file(DEMO_HOME))
    rng = random.Random(seed)
    taken = {d.id for d in devices}
    slots = [(area, kind) for area in EXTRA_AREAS for kind in KINDS]
    rng.shuffle(slots)
    for area, (device_type, noun, features) in slots:
        if len(devices) >= size:
            break
        device_id = f"{area} {noun}".replace(" ", "_")
        if device_id in taken:
            continue
        taken.add(device_id)
        devices.append(Device(id=device_id, name=f"{area} {noun}", area=area, type=device_type,
                              features=features))
    if len(devices) < size:
        raise ValueError(f"can generate at most {len(devices)} devices")
    return devices
