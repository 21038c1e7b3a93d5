"""Follow-ups of a timer just set or a command planned for later: "no, 10 minutes", "another one for 5",
"cancel it".
"""

from __future__ import annotations

from assistant.tools import ToolCall
from assistant.understand.conversation import Conversation
from assistant.understand.normalize import CLAUSE_BREAK
from assistant.understand.vocabulary import PRONOUNS, as_number
from assistant.understand.when import TIMER_STOPS, read_duration


class TimerFollowUps(Conversation):
    """What is said right after a timer or a plan for later, about it."""

    def _timers_just_set(self) -> list[ToolCall]:
        """The timers the last sentence started, while a follow-up may still be about them."""
        return list(self._said_calls) if self._fresh() and self._said_calls and all(
            c.tool == "start_timer" for c in self._said_calls) else []

    def _cancels_plan(self, tokens: list[str]) -> bool:
        """ "cancel it", "stop that", "scrap that one" just after a timer was set or a command planned for later: that
        timer or plan, as "undo" takes it (after a command done now "stop it" may mean switch it off: not read here)."""
        words = set(tokens) - {CLAUSE_BREAK}
        planned = self._fresh() and bool(self._said_calls) and all(
            c.later or c.tool == "start_timer" for c in self._said_calls)
        return planned and bool(words & TIMER_STOPS) and words <= TIMER_STOPS | PRONOUNS | {
            "1", "please", "now", "actually"}

    def _timer_again(self, rest: list[str]) -> str | None:
        """ "no, 10 minutes", "actually make it 10 minutes" after "set a pasta timer for 5 minutes": the timer said
        again for that long (its name kept); None when the correction is not a duration alone or no timer was set."""
        timers = self._timers_just_set()
        if len(timers) == 1 and len(rest) == 1 and as_number(rest[0]) is not None:  # "make it 15": in the unit of
            rest = [rest[0], _unit_of(float(timers[0].value or 0))]  # the timer just set ("… 10 minutes")
        seconds, used = read_duration(rest, 0) if rest else (None, 0)
        if len(timers) != 1 or seconds is None or used != len(rest):
            return None
        name = timers[0].name
        return f"set a {f'{name} ' if name else ''}timer for {' '.join(rest)}"

    def _another_timer(self, tokens: list[str]) -> str | None:
        """ "another one for 12 minutes", "and another for 5" just after a timer was set: a timer of its own, that
        long (a number alone in the unit of the one before); None when the sentence is no such thing."""
        timers = self._timers_just_set()
        said = [t for t in tokens if t not in (CLAUSE_BREAK, "and", "1", "please", "for", "timer")]
        if not timers or said[:1] != ["another"] or len(said) < 2:
            return None
        length = said[1:] if len(said) > 2 else [said[1], _unit_of(float(timers[-1].value or 0))]
        seconds, used = read_duration(length, 0)
        return f"set a timer for {' '.join(length)}" if seconds is not None and used == len(length) else None


def _unit_of(seconds: float) -> str:
    """The unit a timer this long was most likely said in: "hours", "minutes" or "seconds"."""
    return "hours" if seconds >= 3600 and seconds % 3600 == 0 else "minutes" if seconds >= 60 else "seconds"
