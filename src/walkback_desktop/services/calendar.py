"""Export a program's plan as an iCalendar (.ics) file, one event per planned
session, so the person's own calendar reminds them when WalkBack is closed.

Events use floating local time (no time zone): a walk planned "at 18:00"
stays at 18:00 wherever the calendar is opened. Each event has a stable UID
(enrolment, week, session), so importing a newer export updates the events
instead of doubling them, and a reminder `reminder_min` minutes before.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from walkback_desktop.core.program_schedule import ProgramStatus
from walkback_desktop.core.routine import Routine
from walkback_desktop.i18n import _
from walkback_desktop.storage.program_library import EnrolmentRecord

PRODID = "-//WalkBack//Rehab programs//EN"


def plan_calendar(
    enrolment: EnrolmentRecord,
    status: ProgramStatus,
    *,
    lookup: Callable[[str], Routine | None],
    at: time = time(18, 0),
    reminder_min: int = 15,
    title: Callable[[str, int, int], str] | None = None,
) -> Calendar:
    """The calendar of every planned session. `title(routine name, week, session
    number)` makes the event's summary, so the caller can translate it."""
    if title is None:

        def title(name: str, week: int, n: int) -> str:
            return _("{name}: week {week}").format(name=name, week=week)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", enrolment.program.name)
    stamp = datetime.now(timezone.utc)
    routines: dict[int, Routine | None] = {}
    for slot in status.slots:
        if slot.week not in routines:
            routines[slot.week] = enrolment.program.routine_for_week(slot.week, lookup)
        routine = routines[slot.week]
        minutes = max(1, round(routine.total_seconds / 60)) if routine else 30
        start = datetime.combine(slot.day, at)
        event = Event()
        event.add("uid", f"walkback-{enrolment.id}-{slot.week}-{slot.index + 1}@walkback")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes))
        event.add(
            "summary",
            title(routine.name if routine else slot.routine_id, slot.week, slot.index + 1),
        )
        event.add("description", enrolment.program.name)
        event.add("categories", ["WalkBack"])
        if reminder_min > 0:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", event["summary"])
            alarm.add("trigger", timedelta(minutes=-reminder_min))
            event.add_component(alarm)
        cal.add_component(event)
    return cal


def write_calendar(cal: Calendar, path: Path) -> None:
    """Write atomically: a half-written file never replaces a good one."""
    data = cal.to_ical()
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".walkback-", suffix=".ics")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
