"""pocketsphinx's `process_raw` without Python's lock.

The Cython binding holds the GIL through each call (~1.5 ms per 30 ms frame and decoder here). With a grammar
decoder and its phone loop per room speaking, eight satellites held it for most of every second, so the event
loop, the MQTT threads and every other room queued behind the decoding: eight commands ended together waited
10-90 ms for each event sent and 40-550 ms for their devices' confirmations. The library's own
`ps_process_raw`, called through ctypes, runs with the lock released, so the rooms decode on both cores while
the rest of the server goes on.

The C decoder is read out of the Python object, so this is done only for the pocketsphinx release whose layout
is known, and only when the pointer read agrees with the decoder's config; otherwise the binding's own call is
used, as before.
"""

from __future__ import annotations

import ctypes
import functools
import importlib.metadata
from typing import Any

KNOWN_RELEASE = "5.1.1"  # its Decoder and Config objects hold their C pointers at the offsets below
_DECODER_AT, _CONFIG_AT = 16, 24  # after the object header; Config has a method table first


@functools.cache
def _library() -> ctypes.CDLL | None:
    try:
        if importlib.metadata.version("pocketsphinx") != KNOWN_RELEASE:
            return None
        import pocketsphinx._pocketsphinx as binding
    except (ImportError, importlib.metadata.PackageNotFoundError):
        return None
    library = ctypes.CDLL(binding.__file__)  # the module already loaded: the same library, not a second copy
    library.ps_process_raw.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int]
    library.ps_process_raw.restype = ctypes.c_int
    library.ps_get_config.argtypes = [ctypes.c_void_p]
    library.ps_get_config.restype = ctypes.c_void_p
    return library


def _pointer(decoder: Any) -> int:
    """The decoder's C `ps_decoder_t *`, or 0 when it cannot be read safely (a few microseconds: read on every
    call, since the binding's objects take no weak references to remember it by)."""
    library = _library()
    if library is None or type(decoder).__basicsize__ != 32 or type(decoder.config).__basicsize__ != 32:
        return 0
    pointer = ctypes.c_void_p.from_address(id(decoder) + _DECODER_AT).value
    config = ctypes.c_void_p.from_address(id(decoder.config) + _CONFIG_AT).value
    return pointer if pointer and config and library.ps_get_config(pointer) == config else 0


def process_raw(decoder: Any, data: bytes) -> None:
    """`decoder.process_raw(data, False, False)` (16-bit little-endian samples) with the GIL released. The
    caller keeps one thread at a time on a decoder, as with the binding's call."""
    pointer = _pointer(decoder)
    if not pointer:
        decoder.process_raw(data, False, False)
    elif _library().ps_process_raw(pointer, data, len(data) // 2, 0, 0) < 0:  # type: ignore[union-attr]
        raise RuntimeError(f"pocketsphinx failed to process {len(data) // 2} samples")
