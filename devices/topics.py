"""What a topic taken from an announcement must be: one exact MQTT topic the assistant can publish to and
subscribe to. A wildcard (`#`, `+`) would subscribe to other devices' traffic, or make paho raise inside
the connection's callbacks (a command then waits out the connect timeout and fails); an empty topic, one
of only `/`, a `$` topic (the broker's own) or an overlong one is no device's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from assistant.registry import Device
from devices.wire import PayloadError

MAX_TOPIC = 256  # characters; device topics are far shorter, and every one is held in memory per device


def device_topics(device: Device) -> Iterator[tuple[str, str]]:
    """(field, topic) for every topic a device's MQTT settings name: `command_topic`, `entity.brightness.
    state_topic`, `entity.availability[0].topic` ..."""
    yield from _topics(device.mqtt, "")


def check_topics(device: Device) -> Device:
    """The device unchanged if every topic it names is a plain topic; PayloadError naming the first that is not."""
    for field, topic in device_topics(device):
        problem = topic_problem(topic)
        if problem:
            raise PayloadError(f"{field} {topic[:80]!r} {problem}")
    return device


def topic_problem(topic: str) -> str | None:
    """Why `topic` cannot be a device's topic; None when it can."""
    if not topic.strip("/ "):
        return "is empty"
    if len(topic) > MAX_TOPIC:
        return f"is longer than {MAX_TOPIC} characters"
    if "#" in topic or "+" in topic:
        return "has an MQTT wildcard (# or +)"
    if topic.startswith("$"):
        return "is a broker topic ($...)"
    try:
        topic.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid UTF-8"
    if not topic.isprintable():
        return "has control characters"
    return None


def _topics(value: object, prefix: str) -> Iterator[tuple[str, str]]:
    for field in dataclasses.fields(value):  # type: ignore[arg-type]
        item, name = getattr(value, field.name), prefix + field.name
        if dataclasses.is_dataclass(item):
            yield from _topics(item, name + ".")
        elif isinstance(item, tuple) and item and dataclasses.is_dataclass(item[0]):
            for index, element in enumerate(item):
                yield from _topics(element, f"{name}[{index}].")
        elif isinstance(item, str) and (field.name == "topic" or field.name.endswith("_topic")):
            yield name, item
