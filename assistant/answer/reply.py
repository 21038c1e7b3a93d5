"""Short spoken answers that say what changed, what failed, and why nothing was done."""

from __future__ import annotations

from assistant.act.bridge import CallResult
from assistant.answer.agreement import be, its, they
from assistant.registry import Device, Registry, spoken_name
from assistant.tools import WHITES, ToolCall, Understanding
from devices.climate import said
from devices.state import DeviceState
from devices.white import white_name


def _done_phrase(call: ToolCall) -> str:
    """The state a successful call leaves, as words after "is"/"are"."""
    v = call.to_dict()
    phrases = {
        "turn_on": "on", "turn_off": "off", "open_cover": "open", "close_cover": "closed",
        "lock": "locked", "unlock": "unlocked", "media_play": "playing", "media_pause": "paused",
        "set_brightness": "off" if v.get("brightness") == 0 else f"at {v.get('brightness')} percent",  # 0 is off
        "set_color": f"{v.get('color')}",
        "set_temperature": f"set to {v.get('temperature')} degrees",
        "set_hvac_mode": said(str(v.get("mode"))),
        "set_color_temperature": _white(v.get("kelvin")),
        "set_position": {0: "closed", 100: "open"}.get(v.get("position"), f"{v.get('position')} percent open"),
        "set_fan_speed": f"on {v.get('speed')}",
        "set_volume": f"at volume {v.get('volume')}",
        "mute": "muted", "unmute": "unmuted", "start_cleaning": "cleaning", "return_to_base": "going back to its dock",
        "activate": "on",
    }
    return phrases[call.tool]


def _white(kelvin: object) -> str:
    """ "warm white" for a named white, else "white at 3200 kelvin"."""
    named = {k: name for name, k in reversed(WHITES.items())}  # the first name of each kelvin wins
    return (named.get(kelvin) if isinstance(kelvin, int) else None) or f"white at {kelvin} kelvin"


def _climate(state: DeviceState) -> str:
    """ "cooling to 22 degrees", "on auto at 21 degrees", "off": the mode by name, never a guessed one."""
    target = None if state.target_temperature is None else f"{state.target_temperature:g} degrees"
    if state.hvac_mode == "off" or (state.hvac_mode is None and state.on is False):
        return "off"
    if state.hvac_mode is None:
        return "on" if target is None else f"set to {target}" + ("" if state.on is None else " and on")
    mode = said(state.hvac_mode)
    if target is None:
        return mode
    return f"{mode} to {target}" if state.hvac_mode in ("heat", "cool") else f"{mode} at {target}"


def describe_state(name: str, kind: str, state: DeviceState | None, online: bool | None = None) -> str:
    """One sentence about a device's current state, for `get_state`; an offline device is said to be
    offline, with what it last reported."""
    verb = be(name)
    if online is False:
        known, lead = describe_state(name, kind, state), f"The {name} {verb} "
        last = known[len(lead):-1] if state is not None and known.startswith(lead) else None
        return f"The {name} {verb} offline" + (f"; when last heard {they(name)} "
                                              f"{be(name, past=True)} {last}." if last else ".")
    if kind == "scene":  # scenes hold no state of their own
        return f"The {name} scene is ready to activate."
    if state is None:
        return f"I don't know the state of the {name} yet."
    if kind == "sensor":
        parts = []
        if state.temperature is not None:
            parts.append(f"{state.temperature:g} degrees")
        if state.humidity is not None:
            parts.append(f"{state.humidity:g} percent humidity")
        return f"The {name} reads {' and '.join(parts) or 'nothing yet'}."
    if kind == "vacuum":
        return f"The {name} {verb} {'cleaning' if state.cleaning else 'docked'}."
    if kind == "lock":
        return f"The {name} {verb} {'locked' if state.locked else 'unlocked'}."
    if kind == "cover":
        if state.position not in (None, 0, 100):
            return f"The {name} {verb} {state.position} percent open."
        return f"The {name} {verb} {'open' if state.on or state.position == 100 else 'closed'}."
    if kind == "climate":
        now = f"; it is {state.temperature:g} degrees now" if state.temperature is not None else ""
        return f"The {name} {verb} {_climate(state)}{now}."
    words = ["on" if state.on else "off"]
    if state.on and state.brightness is not None:
        words.append(f"at {state.brightness} percent")
    if state.on and state.color is not None:
        words.append(f"and {state.color}")
    elif state.on and state.color_temp is not None:
        words.append(f"and {white_name(state.color_temp)}")
    if state.on and state.speed is not None:
        words.append(f"on {state.speed}")
    if state.playing is not None and kind == "media_player":
        words.append("and playing" if state.playing else "and paused")
    if state.volume is not None:
        words.append(f"at volume {state.volume}")
    return f"The {name} {verb} {' '.join(words)}."


def _summarised(states: list[tuple[str, str]]) -> list[str]:
    """What a question over many devices is told ("is anything on", "which lights are on"): each device that differs,
    and the most of them that are alike in one sentence ("The other 18 are off.", "All 9 are off."); a few, each."""
    alike = [how for how, told in states if told.endswith(f" {how}")]
    common = max(set(alike), key=alike.count, default="")
    count = alike.count(common)
    if count < 4:
        return [told for _, told in states]
    rest = [told for how, told in states if how != common]
    return [*rest, f"The other {count} are {common}" if rest else f"All {count} are {common}"]


MOST_NAMED = 5  # a confirmation names at most this many devices; more are counted ("Done, 21 devices are off.")


def _off(device: Device, state: DeviceState | None) -> bool:
    """A switchable device that is off: in an answer about many devices, "off" is all that matters of it (the tv's
    paused volume would keep it out of "the other 15 are off")."""
    return device.type in ("light", "switch", "fan", "media_player", "climate") and state is not None \
        and state.on is False


def _confirmed(names: list[str]) -> str:
    """What a confirmation says was changed: the names, or their count when a list would take longer to hear than
    the change took to make ("turn everything off")."""
    return _join(names) if len(names) <= MOST_NAMED else f"{len(names)} devices"


def _join(names: list[str]) -> str:
    """ "the tv", "the tv and the kettle": names said with their article, joined."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def compose(understanding: Understanding, results: list[CallResult] | None, registry: Registry) -> str:
    """The answer: grouped confirmations, each failure with its reason, then the understanding's own reply."""
    sentences: list[str] = []
    if results is None:  # dry run: say what would be done
        if understanding.calls:
            sentences.append("I would " + "; ".join(str(c) for c in understanding.calls) + ".")
        sentences += [f"I would publish {payload!r} to {topic}." for topic, payload in understanding.publishes]
    else:
        done: dict[str, list[str]] = {}
        states: list[tuple[str, str]] = []  # (how it is said to be, the sentence) of each device asked about
        many = sum(result.call.tool == "get_state" for result in results) >= 4  # "what's on", "is anything on"
        for result in results:
            device = registry[result.call.device]
            name = spoken_name(device, registry)
            if result.call.tool == "get_state":
                told = (f"The {name} {be(name)} off." if many and result.ok and _off(device, result.state)
                        else describe_state(name, device.type, result.state) if result.ok
                        else describe_state(name, device.type, result.state, online=False)
                        if result.error == "offline" else f"The {name} did not answer.")
                states.append((told.removeprefix(f"The {name} {be(name)} "), told))
            elif result.ok:
                said = name if device.type == "scene" else f"the {name}"  # "movie night is on", a scene by name
                done.setdefault(_done_phrase(result.call), []).append(said)
            elif result.error == "offline":
                sentences.append(f"The {name} {be(name)} offline.")
            elif result.error == "unsupported":
                sentences.append(f"The {name} can't do that over {its(name)} MQTT connection.")
            elif result.error == "state unknown":
                sentences.append(f"I don't know the {name}'s current level, so I can't change it by a step.")
            elif result.error == "unconfirmed":  # it may still happen: say so, never that it failed
                sentences.append(f"I sent it to the {name} but it hasn't confirmed yet.")
            elif result.error == "not sent":
                sentences.append(f"I couldn't reach the {name}: the MQTT broker is not connected.")
            else:
                sentences.append(f"The {name} did not respond.")
        sentences[:0] = _summarised(states)
        confirmations = [
            f"{_confirmed(names)} {be(_confirmed(names))} {phrase}" for phrase, names in done.items()
        ]
        if confirmations:
            text = "; ".join(confirmations)
            sentences.insert(0, f"Done, {text}.")
        elif understanding.publishes and not sentences and not understanding.reply:
            sentences.append("Done.")  # a custom command's messages, sent ("feed the cat")
    if understanding.reply:
        sentences.append(understanding.reply)
    return " ".join(sentences)
