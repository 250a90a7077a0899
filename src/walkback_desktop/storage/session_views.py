"""Read-only views of the sessions for pages that list them (the History page).

`SessionRepository.list()` builds a full `SessionRecord` (two aware datetimes,
a dataclass) for every row: with 20,000 sessions that was most of the History
page's 0.7 s and ~25 MB. A list shows only a few columns, so these queries
read just those, let SQLite turn the stored UTC time into the wall-clock time
where the walk happened, and return light named tuples (`SessionRow`) that the
page's model formats on demand, one visible cell at a time. A list opens with a
summary (count, routines, first and last day) and its first screenful, newest
first; the older rows are read in pages when it scrolls, sorts or filters.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, NamedTuple

from walkback_desktop.core.energy import BACKWARD_LEVEL, FORWARD_SLOW, kcal
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.i18n import _
from walkback_desktop.storage.database import Database


class SessionRow(NamedTuple):
    """One session as a list shows it."""

    id: int
    started_utc: str  # as stored, "2025-03-05 08:30:00.000000": sorts as they happened
    local: str  # "2025-03-05 08:30", the wall-clock time where it was walked
    routine_name: str
    active_seconds: float
    backward_seconds: float
    kcal: float | None
    rpe: int | None
    pain: int | None
    completed: bool
    notes: str
    source: str

    @property
    def is_estimated_kcal(self) -> bool:
        return self.kcal is None

    def estimated_kcal(self, weight_kg: float) -> float:
        """The stored kcal, or the estimate `SessionRecord.estimated_kcal` makes for a
        session read without its segments (backward time at the backward MET, the
        rest at a slow forward walk's)."""
        if self.kcal is not None:
            return self.kcal
        other = max(self.active_seconds - self.backward_seconds, 0.0)
        return kcal(BACKWARD_LEVEL.met, weight_kg, self.backward_seconds) + kcal(
            FORWARD_SLOW.met, weight_kg, other
        )


# The stored UTC text ("2025-03-05 08:30:00.000000", as the UTCDateTime column and
# the bulk import write it) sorts as the sessions happened; SQLite turns it into the
# local wall-clock time. A date SQLite cannot read gives NULL there.
_LOCAL = "strftime('{fmt}', started_at, printf('%+d minutes', utc_offset_min))"
_ROWS = f"""
SELECT id, started_at,
       CASE WHEN typeof(started_at) = 'text' THEN {_LOCAL.format(fmt="%Y-%m-%d %H:%M")} END,
       routine_name, active_seconds, backward_seconds, kcal, rpe, pain, completed, notes, source
FROM sessions
WHERE {{where}}
ORDER BY started_at DESC, id DESC
LIMIT ?
"""
# The first and last local day. A UTC offset is at most 14 h, so the earliest local
# day is among the sessions within 28 h of the earliest start (and so for the last):
# an index range, not a scan of every row.
_SPAN = f"""
SELECT (SELECT min({_LOCAL.format(fmt="%Y-%m-%d")}) FROM sessions
        WHERE started_at <= datetime((SELECT min(started_at) FROM sessions), '+28 hours')),
       (SELECT max({_LOCAL.format(fmt="%Y-%m-%d")}) FROM sessions
        WHERE started_at >= datetime((SELECT max(started_at) FROM sessions), '-28 hours'))
"""


@dataclass(frozen=True)
class HistorySummary:
    """What a list needs before its rows: how many, which routines, which days."""

    count: int
    routine_names: tuple[str, ...]
    first_day: date | None
    last_day: date | None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while thousands of tuples are made:
    otherwise it runs every 700 new objects and walks the whole app's heap (Qt,
    SQLAlchemy) again and again, a third of the load's time. Tuples of plain
    values hold no cycles; the collector runs as usual afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _driver(s: Any) -> sqlite3.Connection:
    """sqlite3's own connection: plain tuples, without SQLAlchemy's per-row work."""
    driver = s.connection().connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):
        raise RuntimeError("no SQLite connection")
    return driver


def history_summary(db: Database) -> HistorySummary:
    with db.reading() as s:
        driver = _driver(s)
        (count,) = driver.execute("SELECT count(*) FROM sessions").fetchone()
        names = [name for (name,) in driver.execute("SELECT DISTINCT routine_name FROM sessions")]
        first, last = driver.execute(_SPAN).fetchone()
    return HistorySummary(
        count=count,
        routine_names=tuple(sorted(names, key=str.casefold)),
        first_day=None if first is None else date.fromisoformat(first),
        last_day=None if last is None else date.fromisoformat(last),
    )


def newest_rows(
    db: Database, limit: int | None = None, after: SessionRow | None = None
) -> list[SessionRow]:
    """Sessions newest first, as `SessionRow`s: at most `limit` (None: all), older
    than `after` (a page's last row) when given. A row whose date cannot be read
    stays in the database and is left out, with the repository's notice."""
    where, params = "1", []
    if after is not None:
        where, params = "(started_at, id) < (?, ?)", [after.started_utc, after.id]
    with db.reading() as s, _collector_paused():
        query = _ROWS.format(where=where)
        rows = _driver(s).execute(query, [*params, -1 if limit is None else limit]).fetchall()
        make = SessionRow._make
        readable = [make(row) for row in rows if row[2] is not None]
    if len(readable) < len(rows):
        for row in rows:
            if row[2] is None:
                db.notice(
                    _(
                        "Session #{id} has a date that cannot be read ({date!r}); it was "
                        "kept in the database and is left out of lists and exports."
                    ).format(id=row[0], date=row[1])
                )
    return readable


def stored_utc(moment: datetime) -> str:
    """An aware datetime as the database stores it (`SessionRow.started_utc`)."""
    return moment.astimezone(timezone.utc).isoformat(" ", "microseconds")[:26]


def row_from_record(record: SessionRecord) -> SessionRow:
    """The list row for a record just saved (an edit, an undo, a walk logged)."""
    if record.id is None:
        raise ValueError("only a saved session (with an id) has a row")
    return SessionRow(
        id=record.id,
        started_utc=stored_utc(record.started_at),
        local=f"{record.started_at:%Y-%m-%d %H:%M}",
        routine_name=record.routine_name,
        active_seconds=record.active_seconds,
        backward_seconds=record.backward_seconds,
        kcal=record.kcal,
        rpe=record.rpe,
        pain=record.pain,
        completed=record.completed,
        notes=record.notes,
        source=record.source,
    )


@dataclass(frozen=True)
class HistoryRows:
    """The History page's read-only queries, bound to one database: what the page
    is handed to list sessions (it writes through the session repository)."""

    db: Database

    def summary(self) -> HistorySummary:
        return history_summary(self.db)

    def newest(
        self, limit: int | None = None, after: SessionRow | None = None
    ) -> list[SessionRow]:
        return newest_rows(self.db, limit, after)
