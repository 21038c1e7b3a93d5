"""Dev batch 21 (issue 10): a question with "can", "could" or "will" about a device asks what it can do, not how it
is: no call (a state read would answer something nobody asked). Said as a request, or asking the state in words
("check", "tell me if"), it is still one."""

from __future__ import annotations

import pytest
from conftest import calls

from assistant.understand.rules import RuleMatcher


@pytest.mark.parametrize("text", ["can the kettle boil less water", "can the bedroom speaker play podcasts",
                                  "can we take the heating offline for now", "can the roomba clean carpets",
                                  "will the garage door close by itself", "can the front door unlock with a code"])
def test_a_modal_question_about_a_device_asks_what_it_can_do_not_its_state(rules: RuleMatcher, text: str) -> None:
    result = rules.match(text)
    assert not result.calls and not result.unsure and not result.held


@pytest.mark.parametrize(("text", "call"), [
    ("can you check the back door", 'get_state(device="back_door")'),
    ("could you tell me if the garage door is open", 'get_state(device="garage_door")'),
    ("is the sofa lamp on", 'get_state(device="sofa_lamp")'),
    ("can you turn on the sofa lamp", 'turn_on(device="sofa_lamp")'),
    ("can we switch the bedroom fan off", 'turn_off(device="bedroom_fan")'),
    ("could the desk lamp go brighter", 'step_brightness(device="desk_lamp", delta=20)'),
])
def test_a_modal_request_or_a_state_asked_in_words_still_acts(rules: RuleMatcher, text: str, call: str) -> None:
    assert calls(rules, text) == {call}


def test_what_a_device_can_do_is_answered_from_what_it_declares(rules: RuleMatcher) -> None:
    result = rules.match("can the hall light dim?")
    assert not result.calls and result.replies == ["The hallway light can: turn on and off."]
    assert rules.match("is the desk lamp dimmable").replies == ["The desk lamp can: turn on and off, dim."]
    assert rules.match("how warm does the study heater get").replies == [
        "The study heater can: turn on and off, be set to a temperature, heat."]  # the modes it declares
