"""When the tray reminder is due (pure, so it is tested with hand-worked dates).

A reminder is shown once on a day that has a planned, not yet done session,
at or after the person's chosen time (`reminder_time`, "HH:MM", local time;
"" turns reminders off). If WalkBack is started after that time, the
reminder comes at once, the same day only: yesterday's is never shown late.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time

_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def parse_reminder_time(text: str) -> time | None:
    """ "18:30" -> 18:30; "" -> None (off). Raises ValueError for anything else."""
    if text == "":
        return None
    match = _TIME_RE.match(text)
    if match is None:
        raise ValueError(f"not a time HH:MM: {text!r}")
    return time(int(match.group(1)), int(match.group(2)))


def reminder_time_problem(text: str) -> str | None:
    """None if `text` is a valid setting value, else the settings' message code."""
    try:
        parse_reminder_time(text)
    except ValueError:
        return "reminder_time"
    return None


def reminder_due(
    now: datetime,
    reminder_time: str,
    open_days: Iterable[date],
    last_shown: date | None,
) -> bool:
    """True when a reminder should be shown now.

    `now` is local wall-clock time; `open_days` are the days with a planned
    session still to walk (status today or overdue); `last_shown` is the day
    the last reminder was shown (one a day at most).
    """
    try:
        at = parse_reminder_time(reminder_time)
    except ValueError:
        return False
    if at is None:
        return False
    today = now.date()
    if last_shown == today:
        return False
    if today not in set(open_days):
        return False
    return now.time().replace(second=0, microsecond=0) >= at
