"""pocketsphinx trusts a command only when each word the calls hang on is likely, not only the sentence as a whole:
a grammar decoder forces other speech onto its nearest sentence, often by one word ("are" before a verbless
statement makes it a question; "and set" for "except")."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
from conftest import in_silence

from assistant.config import load_config
from assistant.evaluate import Case
from assistant.hear import stt, vocabulary
from assistant.hear.stt import SphinxEngine, weakest_word
from assistant.hear.trusted import HOME_TALK, Heard, commands, report
from assistant.tools import ToolCall


def segment(word: str, start: int, end: int, log_likelihood: float) -> SimpleNamespace:
    return SimpleNamespace(word=word, start_frame=start, end_frame=end, ascore=math.exp(log_likelihood))


def test_the_weakest_word_is_the_one_the_phone_loop_explains_far_better_over_its_own_frames() -> None:
    words = [segment("<sil>", 0, 9, -50.0), segment("are(2)", 10, 19, -9.0), segment("the", 20, 29, -9.0),
             segment("tv", 30, 49, -4.0)]
    phones = [segment("SIL", 0, 19, -4.0), segment("DH", 20, 29, -3.0), segment("T", 30, 39, -2.0),
              segment("IY", 40, 49, -2.0)]
    # "are": (-9 - -2) x100 / 10 frames = -70; "tv": 0; "the" is not weighed, silence neither
    assert weakest_word(words, phones) == pytest.approx(-70.0)
    assert weakest_word(words[2:], phones) == pytest.approx(0.0)


def test_a_sentence_of_only_unweighed_words_or_none_has_no_weak_word() -> None:
    assert weakest_word([segment("the", 0, 9, -30.0), segment("please", 10, 19, -30.0)],
                        [segment("SIL", 0, 19, -1.0)]) == math.inf
    assert weakest_word([], []) == math.inf


@pytest.fixture(scope="module")
def sphinx() -> SphinxEngine:
    """pocketsphinx narrowed to the demo home, nothing behind it: what it trusts alone, without the garbage fillers
    or the words said around values (they now keep these sentences from being trusted too:
    tests/test_hearing_garbage.py, tests/test_hearing_around.py), so each word's limit is what is tested."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stt, "GARBAGE_PROBABILITY", 1e-30)
        patch.setattr(vocabulary, "AROUND", ())
        return SphinxEngine(load_config(None).registry(), None)


@pytest.mark.parametrize(("text", "forced"), [
    ("turn off all the lights except the porch light", "turn off all the lights and set the porch light"),
    ("let there be light in the hallway", "what is the light in the hallway"),
])
def test_a_command_with_one_word_forced_onto_other_speech_goes_to_whisper(
        sphinx: SphinxEngine, say, monkeypatch: pytest.MonkeyPatch, text: str, forced: str) -> None:
    audio = in_silence(say, text)
    assert sphinx.heard(audio) is None
    monkeypatch.setattr(stt, "SPHINX_WORD_MIN_SCORE", -math.inf)  # the sentence's score alone trusted it
    heard = sphinx.heard(audio)
    assert heard is not None and heard.text == forced


@pytest.mark.parametrize("text", ["turn off the tv", "lock the back door", "turn on the porch light",
                                  "set the sofa lamp to forty percent"])
def test_the_benchmarks_plain_commands_are_still_heard_by_pocketsphinx_itself(
        sphinx: SphinxEngine, say, text: str) -> None:
    heard = sphinx.heard(in_silence(say, text))
    assert heard is not None and heard.text == text


def case(say: str) -> Case:
    return Case((say,), (ToolCall("turn_on", "kettle"),), 1)


def test_the_measured_commands_stay_the_same_when_cases_are_added() -> None:
    cases = [case(f"turn on the kettle number {n}") for n in range(500)]
    picked = commands(cases)
    assert 5 <= len(picked) <= 40
    assert set(picked) <= set(commands([*cases, *(case(f"switch on the kettle {n}") for n in range(300))]))
    assert not set(picked) & set(commands(cases, offset=1))


def test_a_heard_result_changes_the_calls_only_with_a_call_nobody_asked_for() -> None:
    typed = [ToolCall("turn_off", "tv")]
    heard = Heard("turn off the tv", typed, "turn off the tv", typed, "", [])
    assert not heard.changes(typed) and not heard.changes([])  # the same, or nothing done (a miss, not a wrong call)
    assert heard.changes([ToolCall("get_state", "tv")]) and heard.changes([ToolCall("turn_on", "tv")])


def test_household_talk_counts_the_engine_acting_on_whisper_s_words_where_pocketsphinx_was_unsure() -> None:
    tv = [ToolCall("turn_off", "tv")]
    command = Heard("turn off the tv", tv, "turn off the tv", tv, "Turn off the TV.", tv)
    forced = Heard("who left the tv on", [], "turn off the tv", tv, "Who left the TV on?", [])
    misheard = Heard("the tv is loud", [], None, [], "Turn off the TV.", tv)
    last = report([command], [], [forced, misheard])[-1]
    assert last.endswith(" home_talk_acting=1 whisper_home_talk_acting=1 engine_home_talk_acting=2")
    assert len(HOME_TALK) == 30 and all(text[-1] in ".?" for text in HOME_TALK)
