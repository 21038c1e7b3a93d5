"""pocketsphinx trusts a command only when each word it turns on (a direction, an opener, a joiner) still wins with its
rivals weighed alike, and the grammar has the shapes such words are said in. The grammar weighs a word by its shape's
alternatives, so on a near sound the word its shape favours won, sure of each word: on an `eval --spoken` sample "turn
the study heater and the desk lamp off" was trusted as "are the study heater and the desk lamp off" ("are" 1 of 6
clause starts, "turn" 1 of 51), and "turn on the sofa lamp and off the reading lamp", a shape the grammar lacked, as
"... and all the reading lamp" (the lamp turned on)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import in_silence

from assistant.evaluate_spoken import ROOM_S, voice_for
from assistant.hear.audio import RATE
from assistant.hear.benchmark import Synth
from assistant.hear.stt import SphinxEngine
from assistant.hear.vocabulary import VERBS, irregular_pasts, outside_verbs, past_forms, persons, plural
from assistant.understand.lexicon import LEXICON


@pytest.mark.parametrize(("said", "favoured"), [
    ("turn the study heater and the desk lamp off", "are the study heater and the desk lamp off"),
    ("unlock the back door", "lock the back door"),
])
def test_a_word_the_calls_turn_on_is_read_again_among_its_rivals_alike(sphinx: SphinxEngine, say, said: str,
                                                                        favoured: str) -> None:
    assert sphinx._rival_reading(favoured, in_silence(say, said)) == said


def test_a_rival_is_weighed_only_where_the_sentence_with_it_is_still_the_grammars(sphinx: SphinxEngine,
                                                                                   say) -> None:
    # "are on the desk lamp" is no sentence of the grammar: "turn" has no rival there, and no decode is needed
    # when no word has one
    assert sphinx._rival_reading("yes", in_silence(say, "yes")) == "yes"
    assert sphinx._rival_reading("turn on the desk lamp", in_silence(say, "turn on the desk lamp")) == \
        "turn on the desk lamp"


def test_a_direction_after_and_is_a_shape_of_the_grammar_and_all_the_is_said_only_of_many(sphinx: SphinxEngine,
                                                                                            say) -> None:
    assert sphinx._grammar.accept("turn on the sofa lamp and off the reading lamp")
    assert not sphinx._grammar.accept("turn on the sofa lamp and all the reading lamp")
    assert sphinx._grammar.accept("turn off all the kitchen lights and all the blinds")
    assert plural("counter lights") and plural("blinds") and not plural("glass") and not plural("reading lamp")
    heard = sphinx.heard(in_silence(say, "turn on the sofa lamp and off the reading lamp"))
    assert heard is not None and heard.text == "turn on the sofa lamp and off the reading lamp"


@pytest.mark.parametrize("text", ["turn off the tv", "lock the back door", "turn the light on",
                                  "is the garage door closed", "switch on the coffee machine"])
def test_plain_commands_and_questions_are_still_trusted(sphinx: SphinxEngine, say, text: str) -> None:
    heard = sphinx.heard(in_silence(say, text))
    assert heard is not None and heard.text == text


def test_after_a_rival_reading_the_home_grammar_hears_the_next_command(sphinx: SphinxEngine, say) -> None:
    sphinx._rival_reading("are the tv off", in_silence(say, "turn the tv off"))
    heard = sphinx.heard(in_silence(say, "turn off the tv"))
    assert heard is not None and heard.text == "turn off the tv"


def test_not_after_and_is_a_shape_of_the_grammar_never_forced_into_a_direction(sphinx: SphinxEngine, say) -> None:
    # bench-trust set 0 (2026-12-07): "turn off the sofa lamp and not the tv", with no "not" in the grammar, was
    # trusted as "... and up the tv" (the tv turned up)
    assert sphinx._grammar.accept("turn off the sofa lamp and not the tv")
    assert sphinx._grammar.accept("turn off all the lights but not the porch light")
    heard = sphinx.heard(in_silence(say, "turn off the sofa lamp and not the tv"))
    assert heard is None or heard.text == "turn off the sofa lamp and not the tv"


def test_a_colour_follows_on_at_most_and_a_speed_on_up_or_down_never_forced_into_a_direction_and_colour(
        sphinx: SphinxEngine) -> None:
    # bench-trust set 7 (2026-12-07): "turn off the lights outside", said by the bench's voice for it, was trusted as
    # "turn all the lights up cyan" (every colour light set cyan): a direction before a colour was one of its shapes
    for said in ("turn the sofa lamp on red", "turn the bedroom fan up high", "turn it down to twenty",
                 "turn the tv off"):
        assert sphinx._grammar.accept(said)
    assert not sphinx._grammar.accept("turn all the lights up cyan")
    assert not sphinx._grammar.accept("turn the fan off high")
    room = np.zeros(round(ROOM_S * RATE), dtype=np.int16)
    text = "turn off the lights outside"
    heard = sphinx.heard(np.concatenate([room, Synth().say(text, voice_for(text)), room]))
    assert heard is None or heard.text == text


def test_a_verb_the_grammar_lacks_is_weighed_in_its_place_never_forced_onto_one_it_has(sphinx: SphinxEngine,
                                                                                       say) -> None:
    # bench-trust set 8 (2026-12-07): "park the robot vacuum", with no "park" in the grammar, was trusted as "start the
    # robot vacuum" (it set off cleaning). The bench's voice for it says it so, the first take of a fresh Synth.
    room = np.zeros(round(ROOM_S * RATE), dtype=np.int16)
    text = "park the robot vacuum"
    audio = np.concatenate([room, Synth().say(text, voice_for(text)), room])
    assert sphinx._rival_reading("start the robot vacuum", audio) == text
    assert sphinx.heard(audio) is None  # Whisper's to hear
    # unlikelier than the grammar's own verbs there, one outside wins only on clearly better sound: the test voice's
    # "turn", which the phone loop hears as "P R AA M", still reads "turn", not "park"
    assert sphinx._rival_reading("turn on the kettle", in_silence(say, "turn on the kettle")) == "turn on the kettle"


def test_the_verbs_weighed_outside_the_grammar_are_the_rules_own_and_those_neither_has() -> None:
    verbs = outside_verbs()
    assert {"raise", "dock", "leave", "cool"} <= verbs  # the rules': "raise the blinds" opens them
    assert {"park", "check", "water"} <= verbs  # neither's: "check the back door" is no "lock the back door"
    assert not verbs & set(VERBS)


def test_a_person_before_the_verb_is_weighed_in_its_place_and_a_reading_with_one_is_not_trusted(
        sphinx: SphinxEngine, say) -> None:
    # bench-trust set 9 (2026-12-07): "you turned the tv off?", a question with a statement's words, was trusted as
    # "turn the tv off" (the tv turned off): the grammar has no person, and "you" went into the verb's frames. The
    # bench's voice for it says it so, the first take of a fresh Synth.
    room = np.zeros(round(ROOM_S * RATE), dtype=np.int16)
    text = "you turned the tv off?"
    audio = np.concatenate([room, Synth().say(text, voice_for(text)), room])
    assert sphinx._rival_reading("turn the tv off", audio).split()[0] in persons()
    assert sphinx.heard(audio) is None  # Whisper's to hear, and a transcript that starts "you turn" is asked
    # unlikelier than the verb alone, a person is read only where one was said: the test voice's plain commands
    for said in ("turn the tv off", "switch off the kettle", "lock the back door"):
        assert sphinx._rival_reading(said, in_silence(say, said)) == said


def test_the_persons_and_the_forms_said_after_them_are_the_lexicons_subjects_and_the_verbs_pasts() -> None:
    assert {"you", "we", "i", "they"} <= persons()
    assert {"turned", "turn"} <= set(past_forms("turn")) and "dimmed" in past_forms("dim")
    assert "closed" in past_forms("close") and "set" in past_forms("set")


@pytest.mark.parametrize(("text", "main", "read"), [
    ("you made the kitchen lights brighter?", "make the kitchen lights brighter",
     "you made the kitchen lights brighter"),
    ("you left the tv on?", "lock the tv on", "you left the tv on"),
    ("I put the kettle on", "set the kettle on", "i put the kettle on"),
])
def test_a_past_that_is_no_ed_form_is_weighed_after_a_person_whatever_verb_the_grammar_heard(
        sphinx: SphinxEngine, text: str, main: str, read: str) -> None:
    # Left by the fourteenth session: "make" had no past after a person ("made"), nor any verb one that is no "-ed"
    # form. The bench's voice for each, the first take of a fresh Synth: the grammar hears it as `main` (its verb, or
    # the nearest it has: "left" as "lock", "put" as "set"), and the rival reading reads the person and the past said.
    room = np.zeros(round(ROOM_S * RATE), dtype=np.int16)
    audio = np.concatenate([room, Synth().say(text, voice_for(text)), room])
    assert sphinx._rival_reading(main, audio) == read


def test_plain_commands_whose_verb_has_a_past_of_its_own_read_no_person(sphinx: SphinxEngine, say) -> None:
    for said in ("make the kitchen lights brighter", "set the thermostat to twenty", "shut the curtains",
                 "turn the tv off"):
        assert sphinx._rival_reading(said, in_silence(say, said)) == said


def test_the_pasts_that_are_no_ed_form_are_the_lexicons(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "made" in past_forms("make") and "made" not in past_forms("turn")
    assert {"made", "left", "kept", "put", "set", "shut"} <= irregular_pasts()
    monkeypatch.setitem(LEXICON.table("past_of"), "maked", "make")  # as a config's `understanding.lexicon` adds one
    assert "maked" in past_forms("make") and "maked" in irregular_pasts()


def test_an_answer_after_a_leading_please_is_not_taken_a_verb_the_grammar_lacks_went_there(sphinx: SphinxEngine,
                                                                                          say) -> None:
    # bench-trust (2026-12-07): "raise the blinds" was trusted as "please the blinds": the grammar lacks "raise", and an
    # answer ("the blinds") after "please" was let through as one. The fourth take of a fresh Synth says it so.
    assert not sphinx._takes("please the blinds") and not sphinx._takes("please the kitchen one")
    assert sphinx._takes("the kitchen one please") and sphinx._takes("yes please")
    assert sphinx._takes("please turn off the tv")
    room = np.zeros(round(ROOM_S * RATE), dtype=np.int16)
    synth, text = Synth(), "raise the blinds"
    takes = [np.concatenate([room, synth.say(text, voice_for(text)), room]) for _ in range(4)]
    assert all(sphinx.heard(take) is None for take in takes)
    heard = sphinx.heard(in_silence(say, "please close the curtains"))
    assert heard is not None and heard.text == "please close the curtains"
