"""Interop events: every understood command, published for Node-RED flows and Rhasspy/Hermes skills.

`<topic>` (default `assistant/intent`) gets one JSON object per command:
`{"text", "area", "calls": [{"tool", "device", <argument>}], "results": [{..., "ok"}], "answer"}`.
With `events.hermes: true`, each call is also published as a Hermes intent on
`hermes/intent/<tool>` (`input`, `intent.intentName`, `slots` with `device` and the argument), the
format Rhasspy skills already subscribe to.
"""

from __future__ import annotations

import json
from typing import Any

from assistant.tools import ToolCall

HERMES_PREFIX = "hermes/intent/"


def intent_event(outcome_dict: dict[str, Any], area: str | None) -> str:
    return json.dumps({"text": outcome_dict["text"], "area": area, "calls": outcome_dict["calls"],
                       "results": outcome_dict["results"], "answer": outcome_dict["answer"]})


def hermes_intent(text: str, call: ToolCall, site: str | None) -> tuple[str, str]:
    """(topic, payload) of a Hermes `hermes/intent/<name>` message for one call."""
    slots = [{"slotName": "device", "entity": "device", "rawValue": call.device,
              "value": {"kind": "Custom", "value": call.device}}]
    argument = call.spec.argument
    if argument is not None:
        value = call.to_dict()[argument]
        kind = "Number" if isinstance(value, int | float) else "Custom"
        slots.append({"slotName": argument, "entity": argument, "rawValue": str(value),
                      "value": {"kind": kind, "value": value}})
    payload = {"input": text, "siteId": site or "default", "sessionId": None,
               "intent": {"intentName": call.tool, "confidenceScore": 1.0}, "slots": slots}
    return HERMES_PREFIX + call.tool, json.dumps(payload)
