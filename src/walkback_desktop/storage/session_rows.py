"""Sessions as rows and back: the ORM objects, the plain column rows that lists
read, and the driver parameters that the bulk import writes. Times are stored in
UTC with the local offset beside them (see models.Session)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from walkback_desktop.core.history import SegmentRecord, SessionRecord
from walkback_desktop.storage import models


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


@lru_cache(maxsize=64)
def _zone(offset_min: int) -> timezone:
    return timezone(timedelta(minutes=offset_min))


def local_time(moment: datetime, offset_min: int) -> datetime:
    return moment.astimezone(_zone(offset_min))


def row_values(record: SessionRecord) -> dict[str, Any]:
    return {
        "started_at": record.started_at,
        "utc_offset_min": offset_minutes(record.started_at),
        "ended_at": record.ended_at,
        "routine_id": record.routine_id,
        "routine_name": record.routine_name,
        "routine_snapshot": record.routine_snapshot,
        "active_seconds": record.active_seconds,
        "backward_seconds": record.backward_seconds,
        "kcal": record.kcal,
        "completed": record.completed,
        "rpe": record.rpe,
        "pain": record.pain,
        "notes": record.notes,
        "source": record.source,
    }


def to_row(record: SessionRecord) -> models.Session:
    row = models.Session(**row_values(record))
    row.segments = [
        models.SessionSegment(
            position=s.position,
            kind=s.kind,
            label=s.label,
            planned_seconds=s.planned_seconds,
            done_seconds=s.done_seconds,
            met=s.met,
        )
        for s in record.segments
    ]
    return row


def from_row(row: models.Session, *, with_segments: bool = True) -> SessionRecord:
    segments: tuple[SegmentRecord, ...] = ()
    if with_segments:
        segments = tuple(
            SegmentRecord(
                position=s.position,
                kind=s.kind,
                label=s.label,
                planned_seconds=s.planned_seconds,
                done_seconds=s.done_seconds,
                met=s.met,
            )
            for s in row.segments
        )
    return SessionRecord(
        id=row.id,
        started_at=local_time(row.started_at, row.utc_offset_min),
        ended_at=None if row.ended_at is None else local_time(row.ended_at, row.utc_offset_min),
        routine_id=row.routine_id,
        routine_name=row.routine_name,
        routine_snapshot=row.routine_snapshot,
        active_seconds=row.active_seconds,
        backward_seconds=row.backward_seconds,
        kcal=row.kcal,
        completed=row.completed,
        rpe=row.rpe,
        pain=row.pain,
        notes=row.notes,
        source=row.source,
        segments=segments,
    )


LIST_COLUMNS = (
    models.Session.id,
    models.Session.started_at,
    models.Session.utc_offset_min,
    models.Session.ended_at,
    models.Session.routine_id,
    models.Session.routine_name,
    models.Session.active_seconds,
    models.Session.backward_seconds,
    models.Session.kcal,
    models.Session.completed,
    models.Session.rpe,
    models.Session.pain,
    models.Session.notes,
    models.Session.source,
)


def from_columns(row: Any) -> SessionRecord:
    (
        sid,
        started,
        offset,
        ended,
        rid,
        name,
        active,
        backward,
        energy,
        done,
        rpe,
        pain,
        notes,
        source,
    ) = row
    zone = _zone(offset)
    return SessionRecord(
        id=sid,
        started_at=started.astimezone(zone),
        ended_at=None if ended is None else ended.astimezone(zone),
        routine_id=rid,
        routine_name=name,
        active_seconds=active,
        backward_seconds=backward,
        kcal=energy,
        completed=done,
        rpe=rpe,
        pain=pain,
        notes=notes,
        source=source,
    )


BULK_COLUMNS = (
    "started_at",
    "utc_offset_min",
    "ended_at",
    "routine_id",
    "routine_name",
    "routine_snapshot",
    "active_seconds",
    "backward_seconds",
    "kcal",
    "completed",
    "rpe",
    "pain",
    "notes",
    "source",
)
BULK_INSERT = "INSERT INTO sessions ({}) VALUES ({})".format(
    ", ".join(BULK_COLUMNS), ", ".join("?" * len(BULK_COLUMNS))
)


def stored_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    # "2025-03-03 07:30:00.000000+00:00" without its offset: faster than strftime
    return moment.astimezone(timezone.utc).isoformat(" ", "microseconds")[:26]


def bulk_row(record: SessionRecord) -> tuple[Any, ...]:
    """A session as the driver's parameters, in BULK_COLUMNS order: the bulk
    import skips SQLAlchemy's per-row processing (a third of its time) and
    stores exactly what the UTCDateTime column would (tested by round trips)."""
    return (
        stored_text(record.started_at),
        offset_minutes(record.started_at),
        stored_text(record.ended_at),
        record.routine_id,
        record.routine_name,
        record.routine_snapshot,
        record.active_seconds,
        record.backward_seconds,
        record.kcal,
        record.completed,
        record.rpe,
        record.pain,
        record.notes,
        record.source,
    )


def stored_utc(text: Any) -> datetime:
    """A UTC time as SQLAlchemy stores it in SQLite ("2025-03-03 07:30:00.000000")."""
    if not isinstance(text, str):
        raise TypeError(text)
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
