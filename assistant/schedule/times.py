"""When a call for later is due: its delay from now, the next such clock time, or the next sunrise or sunset
where the home is (astral, from the config's `location:`), all in the machine's local time."""

from __future__ import annotations

import datetime as dt

from astral import LocationInfo
from astral.sun import sunrise, sunset

from assistant.config import Location
from assistant.tools import ToolCall

NO_LOCATION = ("I don't know where the home is, so not when {what} is: add location: with its latitude and "
               "longitude to the config.")


class NotSchedulable(ValueError):
    """A time that cannot be turned into a moment (no location for sunset, a sun that does not set)."""


def due_at(call: ToolCall, now: float, location: Location | None) -> float:
    """Seconds since the epoch when `call` is due; `now` likewise."""
    if call.delay_s is not None:
        return now + call.delay_s
    assert call.at is not None, "a call for later has a delay or a time"
    local = dt.datetime.fromtimestamp(now).astimezone()
    if call.at in ("sunrise", "sunset"):
        return _sun(call.at, local, location).timestamp()
    hour, minute = (int(part) for part in call.at.split(":"))
    moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if moment <= local:
        moment += dt.timedelta(days=1)
    return moment.timestamp()


def _sun(event: str, local: dt.datetime, location: Location | None) -> dt.datetime:
    if location is None:
        raise NotSchedulable(NO_LOCATION.format(what=event))
    place = LocationInfo(latitude=location.latitude, longitude=location.longitude).observer
    find = sunrise if event == "sunrise" else sunset
    for days in range(3):  # today's, unless it has passed
        try:
            moment = find(place, date=local.date() + dt.timedelta(days=days), tzinfo=local.tzinfo)
        except ValueError as exc:  # polar day or night
            raise NotSchedulable(f"There is no {event} where the home is on {local:%B %d}.") from exc
        if moment > local:
            return moment
    raise NotSchedulable(f"I could not find the next {event}.")


def clock_said(moment: float) -> str:
    """ "7:30 pm", "7 am", "noon", "midnight", in local time."""
    local = dt.datetime.fromtimestamp(moment).astimezone()
    if (local.hour, local.minute) == (12, 0):
        return "noon"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    said = f"{hour}:{local.minute:02d}" if local.minute else str(hour)
    return f"{said} {'am' if local.hour < 12 else 'pm'}"
