"""Qt dates and Python dates, typed: PySide6's `toPython()` is typed as `object`,
and `QDateTime(datetime)` is not in its stubs."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_local_datetime(value: QDateTime) -> datetime:
    """The moment shown, as an aware datetime in the system's time zone."""
    day, clock = value.date(), value.time()
    naive = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
    return naive.astimezone()


def to_qdatetime(moment: datetime) -> QDateTime:
    """A QDateTime showing `moment`'s wall-clock time (seconds dropped)."""
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )
