"""A kind word that is also the last word of a device's name of another kind (issue 10, helper N): in the garage
"the door" is the garage door (a cover) though "door" names the locks; a lock's action keeps the locks."""

from __future__ import annotations

from conftest import heard

from assistant.registry import Registry


def test_the_kind_said_in_a_room_whose_only_such_thing_is_named_so_is_that_device(registry: Registry) -> None:
    assert heard(registry, "close the door", "garage")[0] == ['close_cover(device="garage_door")']
    assert heard(registry, "is the door open", "garage")[0] == ['get_state(device="garage_door")']


def test_an_action_the_named_device_cannot_do_keeps_the_kinds_own_devices(registry: Registry) -> None:
    calls, reply = heard(registry, "lock the door", "garage")
    assert calls == [] and reply is not None and "back door" in reply and "front door" in reply
    assert heard(registry, "lock the door", "kitchen")[0] == ['lock(device="back_door")']


def test_a_room_without_such_a_device_reads_the_kind_as_ever(registry: Registry) -> None:
    calls, reply = heard(registry, "close the door", "kitchen")
    assert calls == [] and reply == "The back door can't do that."
