"""Benchmarks a user can rerun: the voice pipeline per stage, and MQTT command -> confirmed state.

They never touch a real home: the config's devices are simulated on an embedded broker of their own
(`bench_home`), unless told to use the configured broker, and then under topics and client ids of their own.
"""

from __future__ import annotations

import dataclasses
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.act.bridge import MqttBridge
from assistant.act.broker import EmbeddedBroker
from assistant.config import BrokerSettings, Config, ConfigError, EventSettings
from assistant.hear.audio import FRAME_MS, RATE, frames_of, to_16k_mono
from assistant.hear.benchmark import speech_end
from assistant.hear.endpoint import Endpointer, Utterance
from assistant.hear.stt import end_judge
from assistant.registry import MqttSettings, Registry
from assistant.tools import ToolCall
from assistant.understand.normalize import normalize
from assistant.voice import VoicePipeline
from devices.simulator import SimulatedHome

# Plain commands for the demo home, spoken by Piper at run time (not taken from any eval split).
COMMANDS = (
    "turn on the porch light", "set the sofa lamp to forty percent", "lock the back door",
    "set the thermostat to twenty one degrees", "open the garage door", "turn off the tv",
    "set the bedroom fan to high", "close the bedroom curtains", "turn on the kettle",
    "is the front door locked", "make the bedside lamp blue", "pause the bedroom speaker",
)
STAGES = ("stt", "understand", "act", "tts_first_audio")


@dataclass
class VoiceBench:
    """Per-command timings (ms), which engine heard each command, whether the reply's audio could come from
    the cache (`warm`), and the audio lengths needed for real-time factors."""

    rows: list[dict[str, float]] = field(default_factory=list)
    transcripts: list[tuple[str, str]] = field(default_factory=list)
    engines: list[str] = field(default_factory=list)
    warm: list[bool] = field(default_factory=list)
    audio_s: list[float] = field(default_factory=list)
    reply_s: list[float] = field(default_factory=list)

    def median(self, key: str) -> float:
        return statistics.median(r.get(key, 0.0) for r in self.rows)

    def report(self) -> list[str]:
        from assistant.hear.benchmark import word_errors

        stt_rtf = statistics.median(r["stt"] / 1000 / a for r, a in zip(self.rows, self.audio_s, strict=True))
        tts_rtf = statistics.median(r["tts_total"] / 1000 / s for r, s in zip(self.rows, self.reply_s, strict=True))
        exact = sum(1 for said, heard in self.transcripts if _plain(said) == _plain(heard))
        lines = [f"commands: {len(self.rows)}; transcripts exactly right: {exact}/{len(self.transcripts)}"]
        lines += [f"median {stage}_ms={self.median(stage):.1f}" for stage in STAGES]
        for engine in dict.fromkeys(self.engines):  # per path: the narrowed recogniser sure, or Whisper
            mine = [i for i, e in enumerate(self.engines) if e == engine]
            errors, words = map(sum, zip(*(word_errors(*self.transcripts[i]) for i in mine), strict=True))
            lines.append(f"path {engine}: {100 * len(mine) / len(self.rows):.0f}% of commands, WER "
                         f"{100 * errors / max(1, words):.1f}%, end of speech -> first audio median "
                         + self._cold_warm(mine, "end_of_speech_to_first_audio")
                         + f"; from the end of the voice, the endpointer's wait (median "
                         f"{statistics.median(self.rows[i]['endpoint_wait'] for i in mine):.0f} ms) included: "
                         + self._cold_warm(mine, "voice_end_to_first_audio"))
        for label, warm in (("cold", False), ("warm", True)):
            times = [r["end_of_speech_to_first_audio"] for r, w in zip(self.rows, self.warm, strict=True) if w == warm]
            if times:
                lines.append(f"median end_of_speech_to_first_audio_ms={statistics.median(times):.1f} ({label}: "
                             f"{'replies already spoken come from the cache' if warm else 'nothing cached'})")
        gaps = [r.get("tts_gap", 0.0) for r in self.rows]
        lines.append(f"replies whose playback would wait for Piper between pieces: {sum(g > 0 for g in gaps)}/"
                     f"{len(gaps)}, longest wait {max(gaps):.0f} ms")
        lines.append(f"stt_rtf={stt_rtf:.3f} tts_rtf={tts_rtf:.3f} peak_rss_mb={peak_rss_mb():.0f}")
        return lines

    def _cold_warm(self, rows: list[int], key: str) -> str:
        """The median of `key` over these rows, cold and warm."""
        return " ".join(f"{label} {statistics.median(times):.1f} ms"
                        for label, warm in (("cold", False), ("warm", True))
                        if (times := [self.rows[i][key] for i in rows if self.warm[i] == warm]))

    def plot(self, path: Path) -> None:
        try:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError as exc:
            raise RuntimeError("--plot needs matplotlib: pip install 'assistant[plot]'") from exc
        fig, ax = plt.subplots(figsize=(9, 4.5))
        labels = list(dict.fromkeys(said for said, _ in self.transcripts))  # one bar per command: rounds' median
        left = np.zeros(len(labels))
        for stage in STAGES:
            values = np.array([statistics.median(r.get(stage, 0.0) for r, (said, _) in
                                                 zip(self.rows, self.transcripts, strict=True) if said == label)
                               for label in labels])
            ax.barh(labels, values, left=left, label=stage)
            left += values
        ax.set_xlabel("ms after end of speech")
        ax.set_title("End of speech -> first reply audio, per stage")
        ax.legend(loc="lower right")
        ax.invert_yaxis()
        fig.tight_layout()
        fig.savefig(path, dpi=110)


def _plain(text: str) -> str:
    """Compare transcripts as the understanding stage sees them ("forty percent" == "40%")."""
    return " ".join(normalize(text))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def spoken_commands(speaker: object, texts: tuple[str, ...] = COMMANDS) -> list[tuple[str, np.ndarray]]:
    """Each command as 16 kHz speech with silence around it, as a microphone would give it."""
    out = []
    pad = np.zeros(8000, dtype=np.int16)
    for text in texts:
        speech = speaker.speak(text)  # type: ignore[attr-defined]
        samples = to_16k_mono(speech.samples, speech.rate, 1)
        out.append((text, np.concatenate([pad, samples, pad, pad])))
    return out


def run_voice_bench(voice: VoicePipeline, commands: list[tuple[str, np.ndarray]], rounds: int = 1) -> VoiceBench:
    """The commands `rounds` times, each streamed through the endpointer and pocketsphinx as it arrives (with
    Whisper, pocketsphinx only judges when a command is whole). The first round is cold: the speaker's cache
    is emptied before each command, so every reply is synthesised; later rounds are warm, as in a home that has
    heard its answers before."""
    bench = VoiceBench()
    speaker = voice.speaker
    assert speaker is not None
    sink = end_judge(voice.stt, voice.assistant.understander.rules)
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(rounds):
            for text, audio in commands:
                if round_ == 0:
                    speaker.cache.clear()
                found, called_s = ended(Endpointer(sink=sink), audio)
                if found is None:
                    raise RuntimeError(f"the endpointer found no speech in the spoken command {text!r}")
                turn = voice.handle(found, out=Path(tmp) / "reply.wav")
                # a live stream delivers the audio in real time: the end is called this long after the voice stops
                wait = (called_s - speech_end(audio)) * 1000
                turn.timings_ms.update(endpoint_wait=wait, voice_end_to_first_audio=wait + turn.timings_ms[
                    "end_of_speech_to_first_audio"])
                bench.rows.append(turn.timings_ms)
                bench.transcripts.append((text, turn.transcript.text))
                bench.engines.append(turn.transcript.engine)
                bench.warm.append(round_ > 0)
                bench.audio_s.append(found.seconds)
                assert turn.speech is not None
                bench.reply_s.append(len(turn.speech.samples) / turn.speech.rate)
    return bench


def ended(endpointer: Endpointer, audio: np.ndarray) -> tuple[Utterance | None, float]:
    """The utterance the endpointer finds in `audio`, and how far into the audio (s) it called its end."""
    for n, frame in enumerate(frames_of(audio)):
        if (found := endpointer.push(frame)) is not None:
            return found, (n + 1) * FRAME_MS / 1000
    return endpointer.flush(), len(audio) / RATE


@contextmanager
def bench_home(config: Config, broker_from_config: bool = False) -> Iterator[MqttBridge]:
    """A bridge to the config's devices, simulated where no real home can notice: on an embedded broker of
    this process. With `broker_from_config` on the configured broker instead (to measure it), but with
    client ids of its own, under a topic prefix of its own (no real device is addressed, no discovery config
    announced), and every retained message it published cleared on exit."""
    registry = config.registry()
    if not len(registry):
        raise ConfigError(f"{config.source}: devices: the benchmarks simulate the config's devices, and it lists "
                          "none (discovered devices are not simulated)")
    tag = uuid.uuid4().hex[:8]
    with ExitStack() as stack:
        if broker_from_config and not config.broker.embedded:
            settings = dataclasses.replace(config.broker, client_id=f"bench{tag}")
            prefix = f"assistant-bench/{tag}"
            registry = Registry((dataclasses.replace(d, mqtt=MqttSettings(base_topic=prefix)) for d in registry),
                                registry.area_groups)
            print(f"warning: publishing to the real broker {settings.host}:{settings.port} (client ids bench{tag}*): "
                  f"the devices are simulated under {prefix}/, and what they retain there is cleared on exit",
                  file=sys.stderr)
        else:
            broker = stack.enter_context(EmbeddedBroker())
            settings = BrokerSettings(host=broker.host, port=broker.port, protocol="3.1.1", client_id=f"bench{tag}")
        home = SimulatedHome(settings, registry, announce=False).start()
        stack.callback(home.stop, leave_nothing=True)
        bridge = MqttBridge(settings, registry, config.understanding.confirm_timeout_s).connect()
        stack.callback(bridge.close)
        yield bridge


def bench_config(config: Config, broker_from_config: bool) -> Config:
    """The config a benchmark's assistant runs with: on the real broker its made-up commands publish no
    intent events, which automations there would act on."""
    if broker_from_config and not config.broker.embedded:
        return dataclasses.replace(config, events=EventSettings(topic=None, hermes=False))
    return config


def mqtt_roundtrip(bridge: MqttBridge, registry: Registry, count: int) -> list[float]:
    """Toggle a light `count` times; ms from publishing each command to its confirming state."""
    light = next((d for d in registry if d.type in ("light", "switch")), None)
    if light is None:
        raise ValueError("the MQTT benchmark needs a light or switch among the devices")
    times = []
    for i in range(count):
        result = bridge.execute([ToolCall("turn_on" if i % 2 else "turn_off", light.id)])[0]
        if not result.ok:
            raise RuntimeError(f"command {i} to {light.id} failed: {result.error}")
        times.append(result.ms)
    return sorted(times)


SOAK_COMMANDS = (
    "turn on the porch light", "turn off the porch light", "set the sofa lamp to {n} percent",
    "turn the tv volume to {n}", "set the thermostat to 2{d} degrees", "is the front door locked",
    "close the living room blinds", "open the living room blinds", "turn on the kitchen lights",
    "turn off the kitchen lights", "set the bedroom fan to high", "lock the back door",
)


@dataclass
class SoakReport:
    commands: int
    failures: int
    rss_start_mb: float
    rss_end_mb: float
    seconds: float
    latencies_ms: list[float]

    def report(self) -> list[str]:
        growth = 100 * (self.rss_end_mb - self.rss_start_mb) / self.rss_start_mb
        return [
            f"commands: {self.commands}; failures: {self.failures}; {self.commands / self.seconds:.0f} commands/s",
            f"median_ms={statistics.median(self.latencies_ms):.2f} p99_ms="
            f"{sorted(self.latencies_ms)[int(0.99 * (len(self.latencies_ms) - 1))]:.2f}",
            f"rss_start_mb={self.rss_start_mb:.1f} rss_end_mb={self.rss_end_mb:.1f} rss_growth={growth:+.1f}%",
        ]


def current_rss_mb() -> float:
    """Resident memory now (not the peak), from /proc."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return peak_rss_mb()


def run_soak(handle: Callable[[str], object], count: int, warmup: int = 200,
             progress: Callable[[int, int], None] | None = None) -> SoakReport:
    """`count` commands through the text pipeline; RSS is compared after a warm-up."""
    def command(i: int) -> str:
        return SOAK_COMMANDS[i % len(SOAK_COMMANDS)].format(n=10 + i % 90, d=i % 6)

    for i in range(warmup):
        handle(command(i))
    start_rss = current_rss_mb()
    failures = 0
    latencies: list[float] = []
    started = time.perf_counter()
    for i in range(count):
        t0 = time.perf_counter()
        outcome = handle(command(i))
        latencies.append((time.perf_counter() - t0) * 1000)
        results = getattr(outcome, "results", None) or []
        failures += sum(1 for r in results if not r.ok)
        if progress is not None and (i + 1) % 500 == 0:
            progress(i + 1, count)
    return SoakReport(count, failures, start_rss, current_rss_mb(), time.perf_counter() - started, latencies)
