"""Read-only queries for the Progress page: the sessions summed per local day
(`core.day_totals.DayTotals`) and the few rated sessions a short chart draws
one by one.

Ten years of history are 20,000 sessions; reading each as a record took most
of the page's first second. SQLite sums them into about 3,650 day rows instead.
A session's local day is the date of its stored UTC time moved by the offset it
was walked at (`utc_offset_min`, at most 14 h, so one day either way), the same
day `core.stats.local_date` gives its record. Rows whose date cannot be read
are left out, as `SessionRepository.list` leaves them out.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from sqlalchemy import text

from walkback_desktop.core.day_totals import DayTotals
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.storage.database import Database

# The local day as a proleptic Gregorian ordinal (date.fromordinal): whole
# seconds since 1970 moved by the offset, plus the seconds from 1 January of
# year 1 to 1970 (so the integer division never meets a negative number).
# unixepoch() is SQLite 3.38's faster way to write strftime('%s').
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SECONDS = (
    "unixepoch(started_at)"
    if sqlite3.sqlite_version_info >= (3, 38)
    else "CAST(strftime('%s', started_at) AS INTEGER)"
)
# Plain SQL for the driver (no SQLAlchemy compile on the page's first visit).
# Arithmetic instead of CASE: `x * (kcal IS NULL)` is x for a session without kcal.
_DAYS = f"""
    SELECT ({_SECONDS} + utc_offset_min * 60 + {_EPOCH_ORDINAL * 86400}) / 86400 AS day,
        count(*), sum(completed), total(active_seconds), total(backward_seconds),
        total(kcal),
        total(backward_seconds * (kcal IS NULL)),
        total(max(active_seconds - backward_seconds, 0.0) * (kcal IS NULL)),
        total(rpe), count(rpe), total(pain), count(pain),
        sum(rpe IS NOT NULL OR pain IS NOT NULL), max(active_seconds)
    FROM sessions
    WHERE day IS NOT NULL
    GROUP BY day
    ORDER BY day
"""
_ANY = "SELECT EXISTS (SELECT 1 FROM sessions)"
_LONGEST_BOUT = "SELECT max(done_seconds) FROM session_segments WHERE kind = 'backward'"
_RATED = text(
    """
    SELECT started_at, utc_offset_min, routine_name, active_seconds, backward_seconds,
        completed, rpe, pain
    FROM sessions
    WHERE (rpe IS NOT NULL OR pain IS NOT NULL) AND started_at >= :lo AND started_at < :hi
    ORDER BY started_at, id
    """
)


@lru_cache(maxsize=64)
def _zone(offset_min: int) -> timezone:
    return timezone(timedelta(minutes=offset_min))


def day_totals(db: Database) -> list[DayTotals]:
    """Every local day with a session, oldest first."""
    with db.reading() as s:
        rows = s.connection().exec_driver_sql(_DAYS).all()
    out = []
    for row in rows:
        try:
            day = date.fromordinal(row[0])
        except (TypeError, ValueError, OverflowError):
            continue
        out.append(
            DayTotals(
                day=day,
                sessions=row[1],
                completed=row[2] or 0,
                active_s=row[3],
                backward_s=row[4],
                kcal_stored=row[5],
                estimate_backward_s=row[6],
                estimate_other_s=row[7],
                rpe_sum=row[8],
                rpe_n=row[9],
                pain_sum=row[10],
                pain_n=row[11],
                rated=row[12] or 0,
                longest_s=row[13] or 0.0,
            )
        )
    return out


def has_sessions(db: Database) -> bool:
    with db.reading() as s:
        return bool(s.connection().exec_driver_sql(_ANY).scalar())


def longest_backward_bout(db: Database) -> float | None:
    """The longest backward segment ever walked, in seconds (None: no segments)."""
    with db.reading() as s:
        value = s.connection().exec_driver_sql(_LONGEST_BOUT).scalar()
    return None if value is None else float(value)


def rated_sessions(db: Database, first: date, last: date) -> list[SessionRecord]:
    """The sessions with a pain or effort rating walked (local date) from `first`
    to `last`, oldest first, without notes or segments: what the pain and effort
    chart draws point by point."""
    lo = (first - timedelta(days=1)).isoformat()
    hi = (last + timedelta(days=2)).isoformat()
    out = []
    with db.reading() as s:
        rows = s.connection().execute(_RATED, {"lo": lo, "hi": hi}).all()
    for started, offset, name, active, backward, done, rpe, pain in rows:
        try:
            moment = datetime.fromisoformat(started).replace(tzinfo=timezone.utc)
        except (TypeError, ValueError):
            continue
        local = moment.astimezone(_zone(int(offset)))
        if not first <= local.date() <= last:
            continue
        out.append(
            SessionRecord(
                started_at=local,
                routine_name=name,
                active_seconds=active,
                backward_seconds=backward,
                completed=bool(done),
                rpe=rpe,
                pain=pain,
            )
        )
    return out


@dataclass(frozen=True)
class ProgressQueries:
    """The Progress page's read-only queries, bound to one database: what the page
    is handed instead of the store (it can read its figures and nothing else)."""

    db: Database

    def day_totals(self) -> list[DayTotals]:
        return day_totals(self.db)

    def has_sessions(self) -> bool:
        return has_sessions(self.db)

    def longest_backward_bout(self) -> float | None:
        return longest_backward_bout(self.db)

    def rated_sessions(self, first: date, last: date) -> list[SessionRecord]:
        return rated_sessions(self.db, first, last)
