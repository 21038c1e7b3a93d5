import json, time, dataclasses, logging
from conftest import Recorder, publish, isolated, wait_until, unique
from assistant.act.bridge import MqttBridge
from assistant.tools import ToolCall

def test_nested_bridge(broker, home, caplog):
    s = broker
    with MqttBridge(s, home, timeout_s=0.5).connect(settle_s=0.05) as b:
        time.sleep(0.1)
        publish(broker, [(home["kettle"].state_topic, b"[" * 5000, False)])
        time.sleep(0.2)
        publish(broker, [(home["kettle"].state_topic, b'{"state":"ON"}', False)])
        time.sleep(0.2)
        print("bridge alive", broker.protocol, b._client._thread, b.state("kettle"))
