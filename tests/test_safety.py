"""Safety between understanding and acting: confirmations by effect, the allow-list, the registry fence."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from conftest import isolated, simulated_home, unique, wait_until

from assistant.act.bridge import MqttBridge
from assistant.config import BrokerSettings, SafetySettings, load_config
from assistant.pipeline import Assistant, yes_or_no
from assistant.registry import Device, Registry
from assistant.tools import ToolCall
from assistant.understand.understander import Understander


def assistant_for(live_demo: tuple[MqttBridge, Registry], safety: SafetySettings | None = None) -> Assistant:
    bridge, registry = live_demo
    return Assistant(registry, Understander(registry), bridge, safety)


@pytest.mark.parametrize(("said", "meaning"), [("yes", True), ("yeah do it", True), ("go ahead", True),
                                               ("no", False), ("don't", False), ("cancel", False),
                                               ("turn on the tv", None)])
def test_yes_or_no_reads_confirmations(said: str, meaning: bool | None) -> None:
    assert yes_or_no(said) is meaning


def test_unlocking_waits_for_a_yes_then_unlocks(live_demo: tuple[MqttBridge, Registry]) -> None:
    assistant = assistant_for(live_demo)
    bridge, _ = live_demo
    asked = assistant.handle("unlock the back door")
    assert asked.results == [] and [c.tool for c in asked.awaiting] == ["unlock"]
    assert asked.answer == "Unlock the back door? Please say yes or no."
    assert bridge.state("back_door").locked is True
    done = assistant.handle("yes")
    assert [r.ok for r in done.results or []] == [True]
    assert bridge.state("back_door").locked is False


def test_a_no_cancels_and_nothing_is_sent(live_demo: tuple[MqttBridge, Registry]) -> None:
    assistant = assistant_for(live_demo)
    assistant.handle("open the garage door")
    cancelled = assistant.handle("no")
    assert cancelled.results == [] and cancelled.answer == "Okay, I won't."
    assert wait_until(lambda: live_demo[0].state("garage_door") is not None)
    assert live_demo[0].state("garage_door").position == 0


def test_another_command_drops_the_pending_question(live_demo: tuple[MqttBridge, Registry]) -> None:
    assistant = assistant_for(live_demo)
    assistant.handle("unlock the front door")
    assistant.handle("turn on the kettle")
    assert assistant.handle("yes").understanding.calls == []
    assert live_demo[0].state("front_door").locked is True


def test_safe_parts_of_a_sentence_run_while_the_risky_part_waits(live_demo: tuple[MqttBridge, Registry]) -> None:
    outcome = assistant_for(live_demo).handle("turn on the porch light and unlock the front door")
    assert [r.call.device for r in outcome.results or []] == ["porch_light"]
    assert outcome.answer == "Done, the porch light is on. Unlock the front door? Please say yes or no."


def test_blinds_and_locking_need_no_confirmation(live_demo: tuple[MqttBridge, Registry]) -> None:
    outcome = assistant_for(live_demo).handle("open the living room blinds and lock the back door")
    assert all(r.ok for r in outcome.results or []) and len(outcome.results or []) == 2


def test_devices_outside_the_allow_list_are_refused(live_demo: tuple[MqttBridge, Registry]) -> None:
    assistant = assistant_for(live_demo, SafetySettings(allow=("sofa_lamp",)))
    outcome = assistant.handle("turn on the sofa lamp and the kettle")
    assert [r.call.device for r in outcome.results or []] == ["sofa_lamp"]
    assert "I'm not allowed to control the kettle." in outcome.answer


GUARDED_HOME = """\
devices:
  - {id: garage_door, name: garage door, area: garage, type: cover, features: [position]}
  - {id: side_entrance, name: side entrance, area: garden, type: cover, device_class: gate}
  - {id: shed_opener, name: shed opener, area: garden, type: switch, device_class: garage}
  - {id: gate_relay, name: gate relay, area: garden, type: switch, confirm: true}
  - {id: desk_lamp, name: desk lamp, area: study, type: light, features: [brightness], confirm: true}
  - {id: patio_blind, name: patio door blind, area: garden, type: cover, confirm: false}
  - {id: back_door, name: back door, area: kitchen, type: lock, confirm: false}
  - {id: kettle, name: kettle, area: kitchen, type: switch}
"""


@pytest.fixture
def guarded_home(embedded_broker: BrokerSettings, tmp_path) -> Iterator[Assistant]:
    """Doors, gates and relays marked risky by device class or confirm: true, simulated on a broker."""
    config = tmp_path / "home.yaml"
    config.write_text(GUARDED_HOME)
    registry = isolated(load_config(config).registry())
    with simulated_home(dataclasses.replace(embedded_broker, client_id=unique("s")), registry) as (_, bridge):
        yield Assistant(registry, Understander(registry), bridge)


def asks_then_acts(assistant: Assistant, said: str, question: str) -> list[ToolCall]:
    """Says `said`, checks that nothing was sent and `question` was asked, then says yes; the calls made."""
    asked = assistant.handle(said)
    assert asked.results == [] and asked.answer == f"{question}? Please say yes or no."
    done = assistant.handle("yes")
    assert all(r.ok for r in done.results or []) and done.results
    return [r.call for r in done.results]


def position(assistant: Assistant, device: str) -> int | None:
    assert assistant.bridge is not None
    state = assistant.bridge.state(device)
    return state.position if state is not None else None


@pytest.mark.parametrize(("said", "question", "opened_to"), [
    ("open the garage door by 50 percent", "Open the garage door by 50 percent", 50),
    ("raise the garage door a bit", "Open the garage door by 20 percent", 20),
    ("set the garage door to 30 percent", "Open the garage door to 30 percent", 30),
    ("open the garage door", "Open the garage door", 100),
])
def test_opening_a_garage_door_any_way_waits_for_a_yes(guarded_home: Assistant, said: str, question: str,
                                                        opened_to: int) -> None:
    asked = guarded_home.handle(said)
    assert asked.answer == f"{question}? Please say yes or no." and asked.results == []
    assert position(guarded_home, "garage_door") == 0
    guarded_home.handle("yes")
    assert wait_until(lambda: position(guarded_home, "garage_door") == opened_to)


def test_a_no_cancels_a_partly_opened_garage_door(guarded_home: Assistant) -> None:
    guarded_home.handle("open the garage door by 50 percent")
    cancelled = guarded_home.handle("no")
    assert cancelled.results == [] and cancelled.answer == "Okay, I won't."
    assert position(guarded_home, "garage_door") == 0


def test_lowering_a_garage_door_does_not_ask(guarded_home: Assistant) -> None:
    asks_then_acts(guarded_home, "set the garage door to 80 percent", "Open the garage door to 80 percent")
    assert wait_until(lambda: position(guarded_home, "garage_door") == 80)
    for said, now in (("set the garage door to 60 percent", 60), ("lower the garage door a bit", 40)):
        outcome = guarded_home.handle(said)
        assert [r.ok for r in outcome.results or []] == [True] and not outcome.awaiting
        assert wait_until(lambda now=now: position(guarded_home, "garage_door") == now)


def test_a_device_class_marks_a_gate_or_garage_whatever_its_name(guarded_home: Assistant) -> None:
    assert asks_then_acts(guarded_home, "open the side entrance", "Open the side entrance") == [
        ToolCall("open_cover", "side_entrance")]
    assert asks_then_acts(guarded_home, "turn on the shed opener", "Turn on the shed opener") == [
        ToolCall("turn_on", "shed_opener")]
    assert guarded_home.bridge is not None and guarded_home.bridge.state("shed_opener").on is True
    turned_off = guarded_home.handle("turn off the shed opener")
    assert [r.ok for r in turned_off.results or []] == [True] and not turned_off.awaiting


def test_confirm_true_asks_before_any_change(guarded_home: Assistant) -> None:
    assert asks_then_acts(guarded_home, "turn on the gate relay", "Turn on the gate relay") == [
        ToolCall("turn_on", "gate_relay")]
    assert asks_then_acts(guarded_home, "turn off the gate relay", "Turn off the gate relay") == [
        ToolCall("turn_off", "gate_relay")]
    assert asks_then_acts(guarded_home, "set the desk lamp to 30 percent", "Set the desk lamp to 30 percent") == [
        ToolCall("set_brightness", "desk_lamp", 30.0)]
    guarded_home.handle("turn on the gate relay")
    assert guarded_home.handle("no").results == []
    assert guarded_home.bridge is not None and guarded_home.bridge.state("gate_relay").on is False


def test_questions_never_ask(guarded_home: Assistant) -> None:
    for said in ("is the garage door open", "is the gate relay on", "is the back door locked",
                 "is the side entrance open"):
        outcome = guarded_home.handle(said)
        assert not outcome.awaiting and [r.call.tool for r in outcome.results or []] == ["get_state"], said


def test_confirm_false_opts_a_door_out_but_never_a_lock(guarded_home: Assistant) -> None:
    opened = guarded_home.handle("open the patio door blind")
    assert [r.ok for r in opened.results or []] == [True] and not opened.awaiting
    assert asks_then_acts(guarded_home, "unlock the back door", "Unlock the back door") == [
        ToolCall("unlock", "back_door")]


@pytest.mark.parametrize(("device", "call", "asks"), [
    (Device("g", "garage door", "garage", "cover"), ToolCall("step_position", "g", -20.0), False),
    (Device("g", "garage door", "garage", "cover"), ToolCall("set_position", "g", 40.0), True),
    (Device("g", "garage door", "garage", "cover"), ToolCall("close_cover", "g"), False),
    (Device("l", "front door", "hall", "lock"), ToolCall("lock", "l"), False),
    (Device("d", "Garage-Door", "garage", "cover"), ToolCall("open_cover", "d"), True),
    (Device("w", "garage light", "garage", "switch"), ToolCall("turn_on", "w"), False),
    (Device("c", "side door", "hall", "switch", device_class="Door"), ToolCall("turn_on", "c"), True),
    (Device("k", "kettle", "kitchen", "switch", confirm=True), ToolCall("get_state", "k"), False),
    (Device("s", "safe", "study", "switch", device_class="lock", confirm=False), ToolCall("turn_on", "s"), True),
])
def test_what_needs_a_yes_follows_from_the_effect(device: Device, call: ToolCall, asks: bool) -> None:
    assert device.needs_confirmation(call) is asks


def test_confirm_false_in_the_config_skips_the_question(tmp_path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("devices:\n  - {id: gate, name: garden gate, area: garden, type: cover, confirm: false}\n"
                      "safety: {allow: [gate]}\n")
    loaded = load_config(config)
    assert loaded.devices[0].needs_confirmation(ToolCall("open_cover", "gate")) is False
    assert loaded.safety.allow == ("gate",)


def test_allow_list_naming_an_unknown_device_is_a_config_error(tmp_path) -> None:
    from assistant.config import ConfigError

    config = tmp_path / "c.yaml"
    config.write_text("devices:\n  - {id: gate, name: gate, area: garden, type: lock}\nsafety:\n  allow: [gat]\n")
    with pytest.raises(ConfigError, match=r"c.yaml:4: safety.allow\[0\]: expected the id of a device"):
        load_config(config)


def test_everything_never_moves_a_gate_or_a_garage_opener(guarded_home: Assistant) -> None:
    opened = guarded_home.handle("open everything in the garden")
    assert "side_entrance" not in {r.call.device for r in opened.results or []} and not opened.awaiting
    assert guarded_home.bridge is not None and position(guarded_home, "side_entrance") == 0
    switched = guarded_home.handle("turn everything on in the garden")
    assert "shed_opener" not in {r.call.device for r in switched.results or []}
    assert guarded_home.bridge.state("shed_opener").on is not True
