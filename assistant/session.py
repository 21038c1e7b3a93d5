"""Bringing up what a command needs: the broker (configured or embedded), simulated devices, the bridge."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from assistant.act.bridge import MqttBridge
from assistant.act.broker import EmbeddedBroker
from assistant.act.discovery import discover_registry
from assistant.config import BrokerSettings, Config
from devices.simulator import SimulatedHome

log = logging.getLogger(__name__)


@contextmanager
def broker_for(config: Config) -> Iterator[BrokerSettings]:
    """The configured broker, or an embedded one on loopback when none is configured."""
    if not config.broker.embedded:
        yield config.broker
        return
    with EmbeddedBroker() as broker:
        yield dataclasses.replace(config.broker, host=broker.host, port=broker.port, protocol="3.1.1")


@contextmanager
def connected_home(config: Config, simulate: bool | None = None, persistent: bool = False) -> Iterator[MqttBridge]:
    """A connected bridge; with the embedded broker the configured devices are simulated in-process
    (nothing else could be listening on a broker that lives only as long as this command)."""
    simulate = config.broker.embedded if simulate is None else simulate
    with ExitStack() as stack:
        settings = stack.enter_context(broker_for(config))
        # With discovery on, the home is what the broker announces (merged with the YAML's devices).
        registry = discover_registry(settings, config) if config.discovery.enabled else config.registry()
        if simulate:
            if config.broker.embedded:
                log.info("no broker configured: using an embedded broker and simulated devices")
            stack.enter_context(SimulatedHome(settings, registry))
        bridge = MqttBridge(settings, registry, config.understanding.confirm_timeout_s, persistent=persistent).connect()
        stack.callback(bridge.close)
        yield bridge
