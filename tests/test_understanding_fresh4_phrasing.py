"""The fourth fresh corpus phrased by other people (issue 10, tests/data/cases_fresh4_dev.yaml, speech-to-text
transcripts): what its dev split showed the rules misread, and that they now read it or ask rather than act."""

from __future__ import annotations

from conftest import calls

from assistant.understand.rules import RuleMatcher


def test_stop_before_a_doing_the_lexicon_does_not_know_is_said_to_someone_never_a_switch_off(
        rules: RuleMatcher) -> None:
    for text in ("stop fiddling with the thermostat dave", "stop messing with the heating"):
        result = rules.match(text)
        assert result.calls == [] and result.unsure == [], text  # not even a guess for the model to confirm
    assert calls(rules, "stop the tv") == {'turn_off(device="tv")'}


def test_openers_and_pleas_of_other_englishes_leave_the_request_done(rules: RuleMatcher) -> None:
    assert calls(rules, "do one thing switch off the porch light") == {'turn_off(device="porch_light")'}
    assert calls(rules, "abeg off the tv") == {'turn_off(device="tv")'}
    assert calls(rules, "i wonder if you could possibly put the kettle on for me") == {'turn_on(device="kettle")'}
    assert calls(rules, "i'd be ever so grateful if you'd close the living room blinds") == {
        'close_cover(device="living_room_blinds")'}


def test_words_of_sailors_and_of_irish_english_are_read_as_meant(rules: RuleMatcher) -> None:
    assert calls(rules, "aye switch the porch light on would you") == {'turn_on(device="porch_light")'}
    assert calls(rules, "haul the blinds up") == {'open_cover(device="living_room_blinds")'}
    assert calls(rules, "open the curtains in the bedroom a small bit") == {
        'step_position(device="bedroom_curtains", delta=20)'}
    assert calls(rules, "turn that racket down on the telly") == {'step_volume(device="tv", delta=-10)'}
