"""Interop events: each understood command is published for Node-RED flows and Rhasspy/Hermes skills."""

from __future__ import annotations

import json

from conftest import Probe, simulated_home, wait_until

from assistant.config import BrokerSettings, EventSettings
from assistant.pipeline import Assistant
from assistant.registry import Registry
from assistant.understand.understander import Understander


def test_each_command_is_published_on_the_intent_topic_and_as_hermes(broker: BrokerSettings, home: Registry,
                                                                     probe: Probe) -> None:
    probe.subscribe(["assistant/intent", "hermes/intent/#"])
    with simulated_home(broker, home) as (_sim, bridge):
        understander = Understander(home, area="living room")
        assistant = Assistant(home, understander, bridge, events=EventSettings(hermes=True))
        assistant.handle("dim the sofa lamp to 30 percent")
        assert wait_until(lambda: probe.on("assistant/intent") and probe.on("hermes/intent/set_brightness"))
    [event] = probe.json_on("assistant/intent")
    assert event["text"] == "dim the sofa lamp to 30 percent" and event["area"] == "living room"
    assert event["calls"] == [{"tool": "set_brightness", "device": "sofa_lamp", "brightness": 30}]
    assert event["results"][0]["ok"] is True
    [hermes] = probe.json_on("hermes/intent/set_brightness")
    assert hermes["intent"]["intentName"] == "set_brightness" and hermes["siteId"] == "living room"
    assert {s["slotName"]: s["value"]["value"] for s in hermes["slots"]} == {"device": "sofa_lamp", "brightness": 30}


def test_no_event_when_nothing_was_understood_or_events_are_off(broker: BrokerSettings, home: Registry,
                                                                 probe: Probe) -> None:
    probe.subscribe(["assistant/#", "hermes/#"])
    with simulated_home(broker, home) as (_sim, bridge):
        quiet = Assistant(home, Understander(home), bridge, events=EventSettings(topic=None))
        quiet.handle("turn on the kettle")
        Assistant(home, Understander(home), bridge).handle("tell me a joke")
        marker = Assistant(home, Understander(home), bridge)
        marker.handle("turn off the kettle")
        assert wait_until(lambda: probe.on("assistant/intent"))
    assert [json.loads(m.payload)["text"] for m in probe.on("assistant/intent")] == ["turn off the kettle"]
    assert not [m for m in probe.messages if m.topic.startswith("hermes/")]
