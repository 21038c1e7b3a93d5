"""pocketsphinx decoding with Python's lock released (assistant/hear/sphinx_raw.py): the same results as the
binding's own call, rooms decoding at once each hear what they hear alone, and other threads run meanwhile."""

from __future__ import annotations

import sys
import threading
import time

import numpy as np
import pytest

from assistant.hear.audio import FRAME_SAMPLES
from assistant.hear.sphinx_raw import _pointer, process_raw

pocketsphinx = pytest.importorskip("pocketsphinx")

COMMANDS = ("turn off the kitchen lights", "set the sofa lamp to forty percent", "is the front door locked",
            "switch on the kettle")


def phone_loop() -> object:
    """A free phone loop, as SphinxEngine scores its grammar against (small: no language model)."""
    return pocketsphinx.Decoder(samprate=16000, loglevel="FATAL", lm=None, bestpath=False,
                                allphone=pocketsphinx.get_model_path("en-us-phone.lm.bin"))


def decoded(decoder: object, samples: np.ndarray, feed: object) -> tuple[str, int, int]:
    """What `decoder` hears in `samples` fed 30 ms at a time through `feed`: its phones, score and frames."""
    decoder.start_utt()  # type: ignore[attr-defined]
    for start in range(0, len(samples), FRAME_SAMPLES):
        feed(decoder, samples[start:start + FRAME_SAMPLES].astype("<i2").tobytes())
    decoder.end_utt()  # type: ignore[attr-defined]
    hyp = decoder.hyp()  # type: ignore[attr-defined]
    return hyp.hypstr, hyp.score, decoder.n_frames()  # type: ignore[attr-defined]


def by_binding(decoder: object, data: bytes) -> None:
    decoder.process_raw(data, False, False)  # type: ignore[attr-defined]


def test_the_c_decoder_is_found_in_the_installed_release() -> None:
    assert _pointer(phone_loop()), "pocketsphinx's layout changed: decoding holds Python's lock again"


def test_decoding_without_pythons_lock_hears_what_the_binding_hears(say) -> None:
    for text in COMMANDS[:2]:
        samples = say(text)  # a fresh decoder each: one carries its cepstral mean over to the next utterance
        assert decoded(phone_loop(), samples, process_raw) == decoded(phone_loop(), samples, by_binding)


def test_rooms_decoding_at_once_each_hear_what_they_hear_alone(say) -> None:
    clips = [say(text) for text in COMMANDS]
    alone = [decoded(phone_loop(), clip, by_binding) for clip in clips]
    decoders = [phone_loop() for _ in clips]
    together: list[tuple[str, int, int] | None] = [None] * len(clips)
    start = threading.Barrier(len(clips))

    def room(n: int) -> None:
        start.wait()
        together[n] = decoded(decoders[n], clips[n], process_raw)

    threads = [threading.Thread(target=room, args=(n,)) for n in range(len(clips))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert together == alone


def test_other_threads_run_while_a_decoder_works() -> None:
    """One call over 20 s of audio (~1 s of work): with the lock released, a thread that counts gets to count
    during it, as the event loop and the MQTT threads get to run while rooms decode. Python takes the lock from
    no thread here (a switch interval of a minute): the counter runs only when the main thread lets go, which
    the binding's own call never does."""
    decoder = phone_loop()
    audio = np.random.default_rng(0).normal(0, 2000, 20 * 16000).astype("<i2").tobytes()
    stop = threading.Event()
    counted = [0]

    def count() -> None:
        while not stop.is_set():
            counted[0] += 1
            time.sleep(0)  # lets go of the lock

    counter = threading.Thread(target=count)
    previous = sys.getswitchinterval()
    sys.setswitchinterval(60.0)
    try:
        counter.start()
        decoder.start_utt()
        before = counted[0]
        process_raw(decoder, audio)
        during = counted[0] - before
    finally:
        stop.set()
        sys.setswitchinterval(previous)
    counter.join()
    decoder.end_utt()
    assert during > 0
