"""The end-of-speech benchmark's clips on disk, so two trees' endpointers can be compared on the same audio.

`assistant bench-wake --save-clips DIR` writes each command it ends as a 16 kHz mono WAV, with a manifest
(`clips.json`) that says where its voice truly stops, how it was said (a pause mid-command or not) and the
noise it is in; `--clips DIR` replays them. Piper's takes and the noise draws differ from run to run, so
figures of two runs differ by more than a change to the endpointer may move them; on saved clips they do not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.hear.audio import RATE, AudioError, read_wav, write_wav

MANIFEST = "clips.json"
SOUND_ALONE, JUDGED = "sound alone", "pocketsphinx judging"  # the two sets a run ends, in that order


@dataclass(frozen=True)
class VadClip:
    """One command in a room, as the endpointer hears it, and when its voice truly stops."""

    audio: np.ndarray  # 16 kHz mono int16: the room, the command, the room
    ends_s: float  # where the voice stops
    pause_ms: int | None  # a pause mid-command ("set the sofa lamp to ... forty percent"); None: said in one go
    snr_db: float | None  # below the command's active speech level; None: clean
    noise: str | None  # "hiss", "music"; None: clean

    @property
    def condition(self) -> str:
        """How the benchmark's report groups it: "clean", "10db, 250 ms pause", ..."""
        room = "clean" if self.snr_db is None else f"{self.snr_db:g}db"
        return room + ("" if self.pause_ms is None else f", {self.pause_ms} ms pause")


class ClipWriter:
    """Writes the clips that pass through `kept` into a folder, with the manifest rewritten after each set."""

    def __init__(self, folder: Path, tuning: bool) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if (folder / MANIFEST).exists():
            raise AudioError(f"{folder}: clips are saved there already ({MANIFEST}); name another folder")
        self.folder = folder
        self.manifest: dict[str, object] = {"tuning": tuning, "rate": RATE, "sets": {}}

    def kept(self, clips: Iterable[VadClip], which: str) -> Iterator[VadClip]:
        entries: list[dict[str, object]] = []
        self.manifest["sets"][which] = entries  # type: ignore[index]
        for clip in clips:
            name = f"{'judged' if which == JUDGED else 'sound'}-{len(entries):04d}.wav"
            write_wav(self.folder / name, clip.audio)
            entries.append({"file": name, "ends_s": clip.ends_s, "pause_ms": clip.pause_ms,
                            "snr_db": clip.snr_db, "noise": clip.noise})
            yield clip
        (self.folder / MANIFEST).write_text(json.dumps(self.manifest, indent=1) + "\n", encoding="utf-8")


def read_clips(folder: Path) -> tuple[bool, dict[str, list[VadClip]]]:
    """(saved from the tuning set?, each set's clips in the order they were ended) from a `ClipWriter`'s folder."""
    path = folder / MANIFEST
    if not path.exists():
        raise AudioError(f"{path}: no saved clips there (save them with bench-wake --save-clips {folder})")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        sets = {which: [VadClip(read_wav(folder / entry["file"]), entry["ends_s"], entry["pause_ms"],
                                entry["snr_db"], entry["noise"]) for entry in entries]
                for which, entries in manifest["sets"].items()}
        return bool(manifest["tuning"]), sets
    except AudioError:  # a clip missing or unreadable: said as it is
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AudioError(f"{path}: not a manifest of saved clips ({exc!r})") from exc
