"""Read-only views of the sessions for pages that list them (the History page).

`SessionRepository.list()` builds a full `SessionRecord` (two aware datetimes,
a dataclass) for every row: with 20,000 sessions that was most of the History
page's 0.7 s and ~25 MB. A list shows only a few columns, so these queries
read just those, let SQLite turn the stored UTC time into the wall-clock time
where the walk happened, and return light named tuples (`SessionRow`) that the
page's model formats on demand, one visible cell at a time.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import NamedTuple

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
# local wall-clock minute. A date SQLite cannot read gives NULL there.
_ROWS = """
SELECT id, started_at,
       CASE WHEN typeof(started_at) = 'text'
            THEN strftime('%Y-%m-%d %H:%M', started_at, printf('%+d minutes', utc_offset_min))
       END,
       routine_name, active_seconds, backward_seconds, kcal, rpe, pain, completed, notes, source
FROM sessions
ORDER BY started_at, id
"""


def history_rows(db: Database) -> list[SessionRow]:
    """Every session, oldest first, as `SessionRow`s. A row whose date cannot be
    read stays in the database and is left out, with the same notice the
    repository gives."""
    with db.reading() as s:
        # sqlite3's own cursor: plain tuples, without SQLAlchemy's per-row work
        driver = s.connection().connection.driver_connection
        if driver is None:
            raise RuntimeError("no database connection")
        rows = driver.execute(_ROWS).fetchall()
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
