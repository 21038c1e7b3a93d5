"""The `assistant` command line: one entry point, one subcommand per job."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import signal
import statistics
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import __version__
from assistant.act.bridge import MqttBridge
from assistant.act.connection import BrokerUnavailable
from assistant.answer.reply import describe_state
from assistant.answer.speech import VoiceMissing
from assistant.config import BrokerSettings, Config, ConfigError, load_config, load_home_file
from assistant.doctor import CHECKS
from assistant.hear.audio import AudioError
from assistant.hear.stt import SpeechModelMissing
from assistant.hear.wakeword import WakeWordMissing
from assistant.pipeline import Assistant
from assistant.registry import Device, Registry
from assistant.schedule.planner import Planner
from assistant.service import hide_secret, setup_logging, under_journald
from assistant.understand.llm import ModelError, ModelMissing
from assistant.understand.understander import Understander

if TYPE_CHECKING:
    from assistant.evaluate import Case  # imported where used: the evaluation is loaded only to evaluate

    _Commands = argparse._SubParsersAction[argparse.ArgumentParser]  # where each subcommand adds its parser

log = logging.getLogger("assistant")

DESCRIPTION = """\
Offline smart-home assistant: a sentence becomes tool calls (rules first, a small local LLM for the
rest), the calls go to the devices over MQTT in their own convention, and the answer says what the
devices confirmed. Without --config it uses the built-in demo home, an embedded MQTT broker and
simulated devices, so everything works with no hardware and no network.
"""


def _config(args: argparse.Namespace) -> Config:
    config = load_config(getattr(args, "config", None))
    hide_secret(config.broker.password)
    if getattr(args, "no_llm", False):
        config = dataclasses.replace(
            config, understanding=dataclasses.replace(config.understanding, use_llm=False))
    return config


@contextlib.contextmanager
def _simulated_schedule(config: Config, bridge: MqttBridge | None) -> Iterator[Planner]:
    """Timers and calls for later of a simulated home, kept to themselves (`store_for`); with a bridge they
    are run, and announced, here."""
    from assistant.schedule.runner import Runner, on_devices
    from assistant.schedule.store import store_for

    with store_for(simulated=True) as store:
        if bridge is None:
            yield Planner(config.location, store)
            return
        runner = Runner(store, on_devices(lambda: bridge), lambda said: print(f"  [{said.text}]", flush=True))
        runner.start()
        try:
            yield Planner(config.location, store)
        finally:
            runner.stop()


def cmd_say(args: argparse.Namespace) -> int:
    config = _config(args)
    if args.dry_run:
        understander = Understander.from_config(config)
        outcome = Assistant.from_config(config, understander, None).handle(args.text, dry_run=True,
                                                                               confirmed=args.yes)
    else:
        from assistant.session import connected_home

        with (connected_home(config) as bridge,  # the home may be discovered on the broker
              contextlib.ExitStack() as private):
            planner = private.enter_context(_simulated_schedule(config, None)) if config.broker.embedded else None
            understander = Understander.from_config(config, bridge.registry)
            outcome = Assistant.from_config(config, understander, bridge, planner).handle(args.text,
                                                                                         confirmed=args.yes)
    if args.json:
        print(json.dumps(outcome.to_dict()))
    else:
        for call in outcome.understanding.calls:
            print(f"call: {call}")
        for result in outcome.results or []:
            status = "confirmed" if result.ok else result.error
            print(f"  {result.call.device}: {status} ({result.ms:.1f} ms)")
        print(outcome.answer)
    failed = outcome.results is not None and any(not r.ok for r in outcome.results)
    return 1 if failed else 0


def _state_table(bridge: MqttBridge, registry: Registry) -> str:
    lines = []
    for device in registry:
        state = bridge.state(device.id)
        said = describe_state(device.name, device.type, state, bridge.online(device.id))
        lines.append(f"  {device.id:<26} {device.area:<12} {said}")
    return "\n".join(lines)


def cmd_demo(args: argparse.Namespace) -> int:
    from assistant.session import connected_home

    config = _config(args)
    if not config.broker.embedded:  # simulated devices on a real home's broker would take over its topics
        print(f"The demo simulates the config's devices on a broker of its own: {config.broker.host}:"
              f"{config.broker.port} is not used.", file=sys.stderr)
        config = dataclasses.replace(config, broker=BrokerSettings(client_id=config.broker.client_id),
                                     discovery=dataclasses.replace(config.discovery, enabled=False))
    print("Loading the understanding model...", file=sys.stderr)
    understander = Understander.from_config(config)
    with connected_home(config, simulate=True) as bridge, _simulated_schedule(config, bridge) as planner:
        assistant = Assistant.from_config(config, understander, bridge, planner)
        print(f"Demo home: {len(understander.registry)} simulated devices on an embedded MQTT broker.")
        print(_state_table(bridge, understander.registry))
        print('Type a command ("dim the sofa lamp to 30 percent", "is the front door locked?"); '
              '"quit", an empty line or Ctrl-D quits.')
        interactive = sys.stdin.isatty()
        while True:
            if interactive:
                print("> ", end="", flush=True)
            line = sys.stdin.readline()
            if line.strip().lower().rstrip(".!") in ("", "quit", "exit", "bye", "q"):
                break
            outcome = assistant.handle(line.strip())
            if not interactive:
                print(f"> {line.strip()}")
            for call in outcome.understanding.calls:
                print(f"  call: {call}")
            print(f"  {outcome.answer}")
            timings = ", ".join(f"{k} {v:.1f} ms" for k, v in outcome.timings_ms.items())
            print(f"  ({outcome.understanding.path}; {timings})")
            changed = {r.call.device for r in outcome.results or []}
            for device in understander.registry:
                if device.id in changed:
                    print(f"  state: {device.id}: {describe_state(device.name, device.type, bridge.state(device.id))}")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from assistant.act.discovery import discover_home
    from assistant.session import broker_for, connected_home

    config = _config(args)
    if args.commands:  # the config's own sentences and what each does; no broker needed
        print(json.dumps([c.to_dict() for c in config.commands]) if args.json else
              "\n".join(str(c) for c in config.commands) or "No custom commands (`commands:` in the config).")
        return 0
    if args.accept is not None and not config.discovery.enabled:
        raise ConfigError(f"{config.source}: --accept takes in announced devices, and discovery is off")
    with contextlib.ExitStack() as stack:
        pending = []
        if config.discovery.enabled:  # only accepted devices are used; the others are listed as pending
            settings = stack.enter_context(broker_for(config))
            home = discover_home(settings, config, accept=args.accept)
            for line in home.accepted:
                print(line, file=sys.stderr if args.json else sys.stdout)
            pending = home.pending
            bridge = stack.enter_context(
                MqttBridge(settings, home.registry, config.understanding.confirm_timeout_s).connect())
        else:
            bridge = stack.enter_context(connected_home(config))
        registry = bridge.registry
        if args.json:
            out = []
            for device in registry:
                state = bridge.state(device.id)
                out.append({"id": device.id, "name": device.name, "area": device.area, "type": device.type,
                            "online": bridge.online(device.id),
                            "state": {k: v for k, v in vars(state).items() if v is not None} if state else None})
            out += [{"id": p.device.id, "name": p.device.name, "area": p.device.area, "type": p.device.type,
                     "online": None, "state": None, "pending": p.reason, "announced_on": p.topic} for p in pending]
            print(json.dumps(out))
        else:
            print(_state_table(bridge, registry))
            if pending:
                print("pending, not used until accepted (assistant devices --accept [ID ...]):")
            for p in pending:
                print(f"  {p.device.id:<26} {p.device.area:<12} {p.device.type}: {p.reason} (announced on {p.topic})")
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from assistant.session import broker_for
    from devices.simulator import SimulatedHome

    config = _config(args)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with broker_for(config) as settings, SimulatedHome(settings, config.registry()):
        print(f"Simulating {len(config.devices)} devices on {settings.host}:{settings.port}; Ctrl-C stops.",
              file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait(args.seconds if args.seconds else None)
    return 0


def _eval_cases(args: argparse.Namespace) -> tuple[list[Case], tuple[Device, ...]]:
    """The cases `eval` runs (less those --exclude names, spread over --sample) and the case file's own home, if it
    has one."""
    from assistant.evaluate import load_cases

    cases, case_devices = load_cases(Path(args.cases))
    if args.exclude:
        seen = {_plain(c.say) for c in load_cases(Path(args.exclude))[0]}
        cases = [c for c in cases if _plain(c.say) not in seen]
    if args.snr is not None and not args.spoken:
        raise ConfigError("--snr mixes noise into the spoken cases: use it with --spoken")
    if args.sample:
        from assistant.evaluate_spoken import spread

        cases = spread(cases, args.sample)
    return cases, case_devices


def _eval_home(args: argparse.Namespace, config: Config, case_devices: tuple[Device, ...]) -> Registry:
    """The home `eval` understands in: the case file's own (with its floors, `areas:`) unless a config is given, else
    the config's; with --home-size, that many devices generated around its rooms."""
    if case_devices and not args.config:
        registry = Registry(case_devices, dict(load_home_file(Path(args.cases))[1]))
    else:
        registry = config.registry()
    if args.home_size:
        from devices.generate import generate_home

        registry = Registry(generate_home(args.home_size), registry.area_groups)
    return registry


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluate import run_cases

    cases, case_devices = _eval_cases(args)
    config = _config(args)
    registry = _eval_home(args, config, case_devices)
    understander = Understander.from_config(config, registry, adapter=not args.no_adapter)
    if understander.llm is not None:
        understander.llm.load()  # the load is not a sentence's latency

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and (done % 10 == 0 or done == total):
            print(f"\r{done}/{total} cases", end="" if done < total else "\n", file=sys.stderr, flush=True)

    understander.understand("turn on the light")  # first call pays one-off costs; keep them out of the figures
    spoken = None
    if args.spoken:
        from assistant.evaluate_spoken import run_spoken
        from assistant.hear.stt import engine_from_config

        spoken = run_spoken(cases, understander, engine_from_config(config.speech, understander.registry),
                            args.snr, progress)
        report = spoken.spoken
    else:
        report = run_cases(cases, understander, progress)
    if args.json:
        print(json.dumps({
            "accuracy": round(report.accuracy, 2), "cases": len(report.results),
            "wrong_actions": report.wrong_action_cases, "wrong_changes": report.wrong_change_cases,
            "median_ms": round(report.percentile_ms(0.5), 2), "p90_ms": round(report.percentile_ms(0.9), 2),
            "paths": {p: part.scores() for p, part in report.by_path().items()},
            "failures": [{"say": r.case.say, "line": r.case.line, "expected": [c.to_dict() for c in r.case.calls],
                          "got": [c.to_dict() for c in r.got]} for r in report.results if not r.passed],
            **({"spoken": spoken.to_json()} if spoken else {}),
        }))
        return 0
    for r in report.results:
        if not r.passed and args.show_failures:
            print(f"FAIL {args.cases}:{r.case.line}: {r.case.say!r}")
            print(f"     expected: {', '.join(str(c) for c in r.case.calls) or 'no calls'}")
            print(f"     got:      {', '.join(str(c) for c in r.got) or 'no calls'}")
    print(f"home: {len(registry)} devices; model: {'off' if understander.llm is None else 'on'}")
    for path, part in report.by_path().items():
        print(f"path={path.replace(' ', '_')} {part.summary()}")
    for line in spoken.lines(args.show_failures) if spoken else ():
        print(line)
    print(report.summary())
    return 0


def _plain(sentence: str) -> str:
    return "".join(ch for ch in sentence.lower() if ch.isalnum())


def _voice_parts(config: Config, registry: Registry | None = None) -> tuple[object, object, object]:
    """Speech to text, understanding and the Piper speaker, each loaded once."""
    from assistant.answer.speech import Speaker
    from assistant.hear.stt import engine_from_config

    understander = Understander.from_config(config, registry)
    stt = engine_from_config(config.speech, understander.registry)
    speaker = Speaker(Path(config.voice.path) if config.voice.path else None, config.voice.output_device)
    return stt, understander, speaker


def _frames(args: argparse.Namespace, config: Config) -> object:
    from assistant.hear.audio import frames_of, mic_frames, pcm_frames, read_wav

    if args.wav:
        return frames_of(read_wav(Path(args.wav)))
    if args.stdin:
        return pcm_frames(sys.stdin.buffer)
    return mic_frames(config.listen.input_device)


def cmd_listen(args: argparse.Namespace) -> int:
    from assistant.hear.audio import Microphone
    from assistant.hear.endpoint import EndpointSettings, Utterance
    from assistant.hear.listener import Listener
    from assistant.hear.stt import end_judge
    from assistant.session import connected_home
    from assistant.voice import VoicePipeline, VoiceTurn, answered

    config = _config(args)
    frames = _frames(args, config)  # a bad file or a missing microphone is reported before models load
    endpoint = EndpointSettings(silence_ms=config.listen.silence_ms, max_seconds=config.listen.max_seconds)
    with contextlib.ExitStack() as stack:
        bridge = None if args.dry_run else stack.enter_context(connected_home(config))
        stt, understander, speaker = _voice_parts(config, bridge.registry if bridge else None)
        assistant = Assistant.from_config(config, understander, bridge)  # type: ignore[arg-type]
        voice = VoicePipeline(stt, assistant, speaker, config.listen.wake_phrase)  # type: ignore[arg-type]
        turns = 0
        sink = end_judge(stt, understander.rules)  # type: ignore[attr-defined]

        def heard(utterance: Utterance) -> VoiceTurn:
            out = Path(args.out) if args.out else None
            if out is not None and turns:
                out = out.with_name(f"{out.stem}-{turns + 1}{out.suffix}")
            return voice.handle(utterance, require_wake=args.loop, dry_run=args.dry_run, out=out,
                                play=out is None and not args.json and _can_play(), hold=True)

        listener = Listener(None, lambda: True, lambda: None, endpoint, sink=sink)
        for turn in answered(listener, frames, heard):  # type: ignore[arg-type]  # a cut command held, as by run
            turns += 1
            if args.json:
                print(json.dumps(turn.to_dict()), flush=True)
            else:
                print(f"heard: {turn.transcript.text}")
                if turn.outcome is not None:
                    for call in turn.outcome.understanding.calls:
                        print(f"call: {call}")
                    print(turn.outcome.answer, flush=True)
            if not args.loop:
                break
            if isinstance(frames, Microphone):
                frames.discard()  # heard while answering: its own voice, not a command
        if turns == 0:
            print("assistant: no speech found in the audio", file=sys.stderr)
            return 1
    return 0


def _can_play() -> bool:
    try:
        import sounddevice as sd

        return any(d["max_output_channels"] > 0 for d in sd.query_devices())
    except (OSError, Exception):
        return False


def cmd_run(args: argparse.Namespace) -> int:
    from assistant.service import Service

    play = _can_play()
    if not play:
        log.warning("no speaker found: answers are logged, not spoken")
    with Service(lambda: _config(args), play=play) as service:
        service.handle_signals()
        service.start()
        if sys.stdin.isatty() and not args.stdin:
            def arm_on_enter() -> None:
                for _line in sys.stdin:
                    service.arm()
                    print("listening...", file=sys.stderr)

            threading.Thread(target=arm_on_enter, daemon=True).start()
            log.info("press Enter to talk without the wake phrase")
        service.serve(_frames(args, service.config))  # type: ignore[arg-type]
    return 0


def cmd_wyoming(args: argparse.Namespace) -> int:
    if args.bench:
        from assistant.satellite.bench import run_bench

        for line in run_bench(_config(args), args.bench, args.rounds):
            print(line, flush=True)
        return 0
    from assistant.satellite.server import serve

    serve(_config(args), args.uri)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from assistant.doctor import run_checks

    checks = run_checks(args.config, set(args.skip or ()))
    for check in checks:
        print(check.line(), flush=True)
    return 1 if any(not check.ok for check in checks) else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from assistant.bench import bench_config, bench_home, run_voice_bench, spoken_commands
    from assistant.voice import VoicePipeline

    config = _config(args)
    print("loading models...", file=sys.stderr)
    stt, understander, speaker = _voice_parts(config)
    print("speaking the benchmark commands with Piper...", file=sys.stderr)
    commands = spoken_commands(speaker)
    with bench_home(config, args.broker_from_config) as bridge:
        assistant = Assistant.from_config(bench_config(config, args.broker_from_config), understander, bridge)
        voice = VoicePipeline(stt, assistant, speaker)  # type: ignore[arg-type]
        bench = run_voice_bench(voice, commands, args.rounds)
    engine = f"{config.speech.engine}; model {'off' if understander.llm is None else 'on'}"  # type: ignore[attr-defined]
    print(f"engines: stt {engine}; tts piper")
    for line in bench.report():
        print(line)
    if args.plot:
        bench.plot(Path(args.plot))
        print(f"plot written to {args.plot}")
    return 0


def cmd_soak(args: argparse.Namespace) -> int:
    from assistant.bench import bench_config, bench_home, run_soak

    config = _config(args)
    understander = Understander.from_config(config)
    with bench_home(config, args.broker_from_config) as bridge:
        assistant = Assistant.from_config(bench_config(config, args.broker_from_config), understander, bridge)

        def progress(done: int, total: int) -> None:
            print(f"{done}/{total} commands", file=sys.stderr, flush=True)

        report = run_soak(assistant.handle, args.count, progress=progress)
    for line in report.report():
        print(line)
    return 1 if report.failures else 0


def cmd_bench_mqtt(args: argparse.Namespace) -> int:
    from assistant.bench import bench_home, mqtt_roundtrip
    from assistant.percentile import nearest_rank

    config = _config(args)
    with bench_home(config, args.broker_from_config) as bridge:
        times = mqtt_roundtrip(bridge, bridge.registry, args.count)
    real = args.broker_from_config and not config.broker.embedded
    broker = f"{config.broker.host}:{config.broker.port}" if real else "embedded (amqtt)"
    print(f"broker: {broker}; commands: {len(times)}")
    print(f"command->confirmed state: median_ms={statistics.median(times):.3f} "
          f"p90_ms={nearest_rank(times, 0.9):.3f} p99_ms={nearest_rank(times, 0.99):.3f}")
    return 0


def cmd_bench_wake(args: argparse.Namespace) -> int:
    from assistant.hear.benchmark import replay_vad, run_wake_bench, vad_lines
    from assistant.hear.endpoint import EndpointSettings
    from assistant.hear.wakeword import DEFAULT

    config = _config(args)
    endpoint = EndpointSettings(silence_ms=config.listen.silence_ms, max_seconds=config.listen.max_seconds)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if args.clips is not None:
        if args.save_clips is not None:
            raise ConfigError("--clips replays saved clips and --save-clips saves new ones: give one of them")
        for line in vad_lines(replay_vad(args.clips, endpoint, config.registry(), progress)):
            print(line, flush=True)
        return 0
    bench = run_wake_bench(args.wake_word or config.listen.wake_word or DEFAULT, endpoint, args.hours,
                           config.registry() if args.stt else None, progress=progress, tuning=args.tuning,
                           save_clips=args.save_clips)
    for line in bench.report():
        print(line, flush=True)
    return 0


def cmd_bench_trust(args: argparse.Namespace) -> int:
    from assistant.hear.trusted import DEV_CASES, measure

    for line in measure(_config(args), args.cases or DEV_CASES, args.every, args.offset):
        print(line, flush=True)
    return 0


def _command(sub: _Commands, name: str, help_text: str, description: str) -> argparse.ArgumentParser:
    """A subcommand's parser: `help_text` is its line in `assistant --help`, `description` opens its own --help."""
    return sub.add_parser(name, help=help_text, description=description)


def _config_arg(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument("--config", required=required, metavar="FILE",
                   help="YAML config (broker, model, devices); default: demo home, embedded broker")


def _llm_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-llm", action="store_true", help="rules only: do not load the language model")


def _bench_broker_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--broker-from-config", action="store_true",
                   help="publish to the config's broker (default: an embedded one, so no real home is "
                   "touched); the devices are then simulated under a topic prefix of their own, and every "
                   "retained message is cleared on exit")


def _say_parser(sub: _Commands) -> None:
    p = _command(sub, "say", "understand one sentence and carry it out",
                 "Understand one sentence, send the calls to the devices, wait for their confirmed state and "
                 "print the answer. Exit status 1 if a device did not confirm.")
    p.add_argument("text", help='the command, e.g. "dim the sofa lamp to 30 percent"')
    _config_arg(p)
    _llm_arg(p)
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: text, calls, results, answer, timings_ms")
    p.add_argument("--dry-run", action="store_true", help="understand only; send nothing, no broker needed")
    p.add_argument("--yes", action="store_true",
                   help="confirm in advance: unlocking and opening doors otherwise wait for a spoken yes")
    p.set_defaults(func=cmd_say)


def _demo_parser(sub: _Commands) -> None:
    p = _command(sub, "demo", "try it: embedded broker, simulated home, type commands",
                 "Start an embedded MQTT broker and a simulated home in this process, then read commands "
                 "from the keyboard (or stdin) and show what changed. Needs no config, no network. With "
                 "--config, its devices are simulated, always on the embedded broker: a broker named in the "
                 "config is never used, so a real home is never touched.")
    _config_arg(p)
    _llm_arg(p)
    p.set_defaults(func=cmd_demo)


def _devices_parser(sub: _Commands) -> None:
    p = _command(sub, "devices", "list devices with their current state; accept announced ones",
                 "Connect to the broker and list every device with the state it last reported. With discovery on, "
                 "an announced device is used only as the operator accepted it (type, topics, payloads): the first "
                 "discovery trusts what it finds; after that a new device, or a re-announcement that changes a "
                 "device's type, topics or payloads, is listed as pending (and the accepted version stays in use) "
                 "until --accept. A device whose command topic is another device's is never used. Accepted devices are "
                 "kept in $ASSISTANT_STATE_DIR/trusted_devices.json (default: ~/.local/state/assistant/).")
    _config_arg(p)
    p.add_argument("--json", action="store_true", help="print a JSON list (pending devices have a \"pending\" key)")
    p.add_argument("--accept", nargs="*", metavar="ID",
                   help="accept what is announced now: every pending device, or only these ids; "
                   "restart the service (systemctl restart assistant) to use them there")
    p.add_argument("--commands", action="store_true",
                   help="list the config's custom commands (`commands:`): their sentences and what each does")
    p.set_defaults(func=cmd_devices)


def _simulate_parser(sub: _Commands) -> None:
    p = _command(sub, "simulate", "run simulated devices for every device in the config",
                 "Run a simulated device for every device in the config, on the configured broker, until "
                 "stopped (Ctrl-C or SIGTERM). Each speaks the Zigbee2MQTT convention, keeps a retained state, "
                 "an availability topic and a Home Assistant discovery config (withdrawn on exit with an empty "
                 "retained config, so Home Assistant keeps no phantom devices).")
    _config_arg(p, required=True)
    p.add_argument("--seconds", type=float, default=0, help="stop after this many seconds (default: run until stopped)")
    p.set_defaults(func=cmd_simulate)


def _eval_parser(sub: _Commands) -> None:
    p = _command(sub, "eval", "measure understanding accuracy and latency on a case file",
                 "Run the understanding stage (no broker) over a YAML case file and print accuracy, wrong "
                 "actions and latency. The last line is: accuracy=NN.N% cases=N wrong_actions=N median_ms=N p90_ms=N")
    p.add_argument("cases", help="case file, e.g. tests/data/cases_test.yaml")
    _config_arg(p)
    _llm_arg(p)
    p.add_argument("--json", action="store_true", help="print one JSON object, failures included")
    p.add_argument("--show-failures", action="store_true", help="print every failed case with expected and got")
    p.add_argument("--home-size", type=int, metavar="N",
                   help="evaluate in a generated home of N devices (the demo home plus generated rooms)")
    p.add_argument("--exclude", metavar="CASES", help="skip cases whose sentence also appears in this case file")
    p.add_argument("--no-adapter", action="store_true",
                   help="the bundled model without its trained LoRA adapter (models/README.md)")
    p.add_argument("--sample", type=int, metavar="N",
                   help="only N cases, spread evenly over the file (the same ones each run)")
    p.add_argument("--spoken", action="store_true",
                   help="through the ears: each sentence said by the bundled Piper voice (a pitch and speed per "
                   "case), transcribed by the configured speech to text, and the transcript understood; adds the word "
                   "error rate, the same cases typed, those right typed and wrong spoken, and the wrong actions "
                   "hearing caused, with what was heard (about 1 s a sentence: use --sample)")
    p.add_argument("--snr", type=float, metavar="DB",
                   help="with --spoken: the bench's noise (hiss, babble or music, drawn per case) DB below the speech")
    p.set_defaults(func=cmd_eval)


def _listen_parser(sub: _Commands) -> None:
    p = _command(sub, "listen", "one spoken command from a WAV file, stdin or the microphone",
                 "Hear a command (WAV of any rate/channels, raw 16 kHz s16le PCM on stdin, or the microphone), "
                 "recognise it, carry it out and answer with Piper: played on the speaker, or written with --out. "
                 "With --loop, keep listening (the wake phrase from the config is then required).")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--wav", metavar="FILE", help="read the command from a WAV file")
    source.add_argument("--stdin", action="store_true",
                        help="read raw 16 kHz mono s16le PCM from stdin, e.g. "
                        "arecord -f S16_LE -r 16000 -c 1 -t raw | assistant listen --stdin")
    source.add_argument("--mic", action="store_true", help="listen on the microphone")
    _config_arg(p)
    _llm_arg(p)
    p.add_argument("--out", metavar="WAV", help="write the spoken reply to this WAV file instead of playing it")
    p.add_argument("--json", action="store_true", help="print one JSON object per command: transcript, calls, "
                   "results, answer, per-stage timings_ms")
    p.add_argument("--dry-run", action="store_true", help="understand only; send nothing")
    p.add_argument("--loop", action="store_true", help="keep listening: one command after another")
    p.set_defaults(func=cmd_listen)


def _run_parser(sub: _Commands) -> None:
    p = _command(sub, "run", "the always-on voice assistant (what the systemd service runs)",
                 "Listen on the microphone continuously: wake phrase or push-to-talk (Enter, or a message on "
                 "listen.push_to_talk_topic), then recognise, act and answer on the speaker. Under systemd "
                 "(Type=notify) it reports readiness and pings the watchdog; SIGTERM stops it after the command in "
                 "flight, SIGHUP reloads the config (devices, understanding, speech, voice, listen settings; the "
                 "broker connection restarts if the broker or the devices changed; a broken file is logged and "
                 "the running config kept). It also runs timers and commands for later ('in 20 minutes', 'at 7 pm'), "
                 "whether said to it or to `assistant say`, and announces a timer's end; they are kept in "
                 "$ASSISTANT_STATE_DIR/schedule.sqlite3 and survive a restart.")
    _config_arg(p)
    _llm_arg(p)
    source = p.add_mutually_exclusive_group()
    source.add_argument("--stdin", action="store_true",
                        help="for testing without a microphone: read raw 16 kHz mono s16le PCM from stdin "
                        "instead (until end of input)")
    source.add_argument("--wav", metavar="FILE",
                        help="for testing without a microphone: read the audio from a WAV file instead, then exit")
    p.set_defaults(func=cmd_run)


def _wyoming_parser(sub: _Commands) -> None:
    p = _command(sub, "wyoming", "serve satellites and Home Assistant over the Wyoming protocol",
                 "Serve the Wyoming protocol: speech to text (asr), Piper (tts) and whole commands (handle: a "
                 "transcript in, the calls carried out, the answer out) for Home Assistant, and the whole pipeline for "
                 "satellites (run-pipeline: audio in, reply audio back). Each satellite's commands are about its room "
                 "(its name, the area it announces, or the config's `satellites:` map) and keep their own follow-ups "
                 "and confirmations. Satellites given a uri in the config are connected to (wyoming-satellite "
                 "listens).")
    _config_arg(p)
    _llm_arg(p)
    p.add_argument("--uri", default="tcp://0.0.0.0:10700", help="where to listen (default tcp://0.0.0.0:10700)")
    p.add_argument("--bench", type=int, metavar="N", nargs="?", const=8, default=0,
                   help="instead of serving: measure over loopback with one, then N satellites at once (default 8) "
                   "on simulated devices, and print end of speech -> first reply audio, lost commands and RSS")
    p.add_argument("--rounds", type=int, default=3, help="with --bench: commands per satellite (default 3)")
    p.set_defaults(func=cmd_wyoming)


def _doctor_parser(sub: _Commands) -> None:
    p = _command(sub, "doctor", "check that everything the service needs is in place",
                 "Check the config (valid; not readable by everyone if it holds a password), the language model "
                 "(a GGUF file), the speech model, the Piper voice, the broker (connect, log in, TLS), the "
                 "microphone and speaker, and the systemd unit. Prints 'ok' or 'FAIL ... -> fix: ...' per check; "
                 "exit status 1 if anything failed. Run it as the service user: "
                 "sudo -u assistant /opt/assistant/venv/bin/assistant doctor --config /etc/assistant/config.yaml")
    _config_arg(p)
    p.add_argument("--skip", action="append", choices=CHECKS, metavar="CHECK",
                   help=f"leave out a check (repeatable): {', '.join(CHECKS)}; e.g. --skip audio on a machine "
                   "without a sound card")
    p.set_defaults(func=cmd_doctor)


def _bench_parser(sub: _Commands) -> None:
    p = _command(sub, "bench", "voice pipeline benchmark: per-stage latency, real-time factors, peak memory",
                 "Speak a set of plain commands with Piper, run each through the whole pipeline (speech to text, "
                 "understanding, MQTT to simulated devices, Piper reply) and print per-stage medians, end of "
                 "speech -> first reply audio, real-time factors and peak RSS.")
    _config_arg(p)
    _llm_arg(p)
    _bench_broker_arg(p)
    p.add_argument("--rounds", type=int, default=2, help="times to run the command set (default 2)")
    p.add_argument("--plot", metavar="PNG", help="draw the per-stage breakdown (needs matplotlib)")
    p.set_defaults(func=cmd_bench)


def _soak_parser(sub: _Commands) -> None:
    p = _command(sub, "soak", "many commands in one process: failures and memory growth",
                 "Send N commands (default 10,000) through the text pipeline to the simulated home and print "
                 "failures, throughput, latency and resident memory before and after (after a 200-command "
                 "warm-up). Exit status 1 if any command failed.")
    _config_arg(p)
    _llm_arg(p)
    _bench_broker_arg(p)
    p.add_argument("--count", type=int, default=10000, help="number of commands (default 10000)")
    p.set_defaults(func=cmd_soak)


def _bench_mqtt_parser(sub: _Commands) -> None:
    p = _command(sub, "bench-mqtt", "measure command -> confirmed state latency over MQTT",
                 "Toggle a simulated light N times through the bridge and print the median/p90/p99 time from "
                 "publishing the command to receiving the device's confirming state.")
    _config_arg(p)
    _bench_broker_arg(p)
    p.add_argument("--count", type=int, default=500, help="number of commands (default 500)")
    p.set_defaults(func=cmd_bench_mqtt)


def _bench_wake_parser(sub: _Commands) -> None:
    p = _command(sub, "bench-wake", "measure the wake word and the end of speech on synthetic audio",
                 "Speak the wake word with Piper in 15 voices and speeds, clean and in noise (hiss, babble, music) at "
                 "10, 5 and 0 dB SNR, and print how often it is heard; count false wakes over an hour of talk, "
                 "television and music without it, and the CPU the wake word takes while waiting; then time the "
                 "end-of-speech call on spoken commands, clean and in noise; last, count how many of 20 phrases like "
                 "a built-in wake word (\"hey, John\" for hey_jarvis), said the same ways, wake it. Faster than real "
                 "time.")
    _config_arg(p)
    p.add_argument("--wake-word", metavar="NAME_OR_FILE",
                   help="the wake word to measure (default: listen.wake_word from the config)")
    p.add_argument("--hours", type=float, default=1.0, help="hours of audio without the wake word (default 1)")
    p.add_argument("--stt", action="store_true", help="also recognise the commands with Whisper and with "
                   "pocketsphinx narrowed to the config's home: word error rate, end of speech -> transcript, "
                   "share handed to Whisper")
    p.add_argument("--tuning", action="store_true", help="measure the tuning set instead (other voices, speeds, "
                   "talk and noise draws): tune on it, report the default set")
    p.add_argument("--save-clips", type=Path, metavar="DIR", help="keep the end-of-speech clips it made in DIR, "
                   "with --stt those it ended with pocketsphinx judging too (16 kHz mono WAVs and clips.json: where "
                   "each command's voice stops, its pause, its noise), to replay them later with --clips: Piper's "
                   "takes and the noise differ from run to run")
    p.add_argument("--clips", type=Path, metavar="DIR", help="only replay the end-of-speech clips saved in DIR "
                   "through this tree's endpointer (with the config's listen settings; those an --stt run saved "
                   "with pocketsphinx judging, Whisper and the config's home) and print the VAD lines: no wake "
                   "word, no Piper. Old against new on the same clips: save once, then replay at each tree")
    p.set_defaults(func=cmd_bench_wake)


def _bench_trust_parser(sub: _Commands) -> None:
    p = _command(sub, "bench-trust", "what pocketsphinx trusts, against Whisper alone, on spoken dev commands and talk",
                 "Say about one in EVERY of the dev split's one-sentence commands (chosen by a hash of the sentence, "
                 "so a set stays the same while the file grows) and the 38 talk sentences of bench-wake with Piper; "
                 "hear each with pocketsphinx narrowed to the home and with Whisper alone, and count the results "
                 "pocketsphinx trusts whose calls differ from the typed sentence's, against Whisper's. Rules only. "
                 "Last line: trusted=N trusted_wrong=N whisper_wrong=N engine_wrong=N talk_acting=N "
                 "whisper_talk_acting=N.")
    _config_arg(p)
    p.add_argument("--cases", type=Path, metavar="FILE", help="case file (default: tests/data/cases_dev.yaml)")
    p.add_argument("--every", type=int, default=25, help="about one command in this many (default 25)")
    p.add_argument("--offset", type=int, default=0, help="which of those sets, 0 to EVERY-1 (default 0)")
    p.set_defaults(func=cmd_bench_trust)


# The subcommands' parsers, in the order `assistant --help` lists them.
_SUBCOMMANDS = (
    _say_parser,
    _demo_parser,
    _devices_parser,
    _simulate_parser,
    _eval_parser,
    _listen_parser,
    _run_parser,
    _wyoming_parser,
    _doctor_parser,
    _bench_parser,
    _soak_parser,
    _bench_mqtt_parser,
    _bench_wake_parser,
    _bench_trust_parser,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"assistant {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for subcommand in _SUBCOMMANDS:
        subcommand(sub)
    return parser

def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    if args.command in ("simulate", "run", "wyoming"):  # long-running: what they do belongs in the log
        level = min(level, logging.INFO)
    setup_logging(level)
    try:
        return int(args.func(args))
    except (ConfigError, ModelMissing, ModelError, BrokerUnavailable, AudioError, SpeechModelMissing,
            VoiceMissing, WakeWordMissing) as exc:
        prefix = "<3>" if under_journald(sys.stderr) else ""  # `journalctl -p err` shows why the service stopped
        print(f"{prefix}assistant: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
