"""Safety between understanding and acting: confirmations for doors, the allow-list, the registry fence."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from conftest import isolated, unique, wait_until

from assistant.act.bridge import MqttBridge
from assistant.config import BrokerSettings, SafetySettings, load_config
from assistant.pipeline import Assistant, yes_or_no
from assistant.registry import Registry
from assistant.understand.understander import Understander
from devices.simulator import SimulatedHome


@pytest.fixture
def live_home(embedded_broker: BrokerSettings) -> Iterator[tuple[MqttBridge, Registry]]:
    registry = isolated(load_config(None).registry())
    settings = dataclasses.replace(embedded_broker, client_id=unique("s"))
    with SimulatedHome(settings, registry):
        bridge = MqttBridge(settings, registry, timeout_s=2).connect()
        try:
            yield bridge, registry
        finally:
            bridge.close()


def assistant_for(live_home: tuple[MqttBridge, Registry], safety: SafetySettings | None = None) -> Assistant:
    bridge, registry = live_home
    return Assistant(registry, Understander(registry), bridge, safety)


@pytest.mark.parametrize(("said", "meaning"), [("yes", True), ("yeah do it", True), ("go ahead", True),
                                               ("no", False), ("don't", False), ("cancel", False),
                                               ("turn on the tv", None)])
def test_yes_or_no_reads_confirmations(said: str, meaning: bool | None) -> None:
    assert yes_or_no(said) is meaning


def test_unlocking_waits_for_a_yes_then_unlocks(live_home: tuple[MqttBridge, Registry]) -> None:
    assistant = assistant_for(live_home)
    bridge, _ = live_home
    asked = assistant.handle("unlock the back door")
    assert asked.results == [] and [c.tool for c in asked.awaiting] == ["unlock"]
    assert asked.answer == "Unlock the back door? Please say yes or no."
    assert bridge.state("back_door").locked is True
    done = assistant.handle("yes")
    assert [r.ok for r in done.results or []] == [True]
    assert bridge.state("back_door").locked is False


def test_a_no_cancels_and_nothing_is_sent(live_home: tuple[MqttBridge, Registry]) -> None:
    assistant = assistant_for(live_home)
    assistant.handle("open the garage door")
    cancelled = assistant.handle("no")
    assert cancelled.results == [] and cancelled.answer == "Okay, I won't."
    assert wait_until(lambda: live_home[0].state("garage_door") is not None)
    assert live_home[0].state("garage_door").position == 0


def test_another_command_drops_the_pending_question(live_home: tuple[MqttBridge, Registry]) -> None:
    assistant = assistant_for(live_home)
    assistant.handle("unlock the front door")
    assistant.handle("turn on the kettle")
    assert assistant.handle("yes").understanding.calls == []
    assert live_home[0].state("front_door").locked is True


def test_safe_parts_of_a_sentence_run_while_the_risky_part_waits(live_home: tuple[MqttBridge, Registry]) -> None:
    outcome = assistant_for(live_home).handle("turn on the porch light and unlock the front door")
    assert [r.call.device for r in outcome.results or []] == ["porch_light"]
    assert outcome.answer == "Done, the porch light is on. Unlock the front door? Please say yes or no."


def test_blinds_and_locking_need_no_confirmation(live_home: tuple[MqttBridge, Registry]) -> None:
    outcome = assistant_for(live_home).handle("open the living room blinds and lock the back door")
    assert all(r.ok for r in outcome.results or []) and len(outcome.results or []) == 2


def test_devices_outside_the_allow_list_are_refused(live_home: tuple[MqttBridge, Registry]) -> None:
    assistant = assistant_for(live_home, SafetySettings(allow=("sofa_lamp",)))
    outcome = assistant.handle("turn on the sofa lamp and the kettle")
    assert [r.call.device for r in outcome.results or []] == ["sofa_lamp"]
    assert "I'm not allowed to control the kettle." in outcome.answer


def test_confirm_false_in_the_config_skips_the_question(tmp_path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("devices:\n  - {id: gate, name: garden gate, area: garden, type: lock, confirm: false}\n"
                      "safety: {allow: [gate]}\n")
    loaded = load_config(config)
    assert loaded.devices[0].needs_confirmation is False
    assert loaded.safety.allow == ("gate",)


def test_allow_list_naming_an_unknown_device_is_a_config_error(tmp_path) -> None:
    from assistant.config import ConfigError

    config = tmp_path / "c.yaml"
    config.write_text("devices:\n  - {id: gate, name: gate, area: garden, type: lock}\nsafety:\n  allow: [gat]\n")
    with pytest.raises(ConfigError, match=r"c.yaml:4: safety.allow\[0\]: expected the id of a device"):
        load_config(config)
