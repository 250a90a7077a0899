"""The session history: add, read, edit, delete and restore sessions, and the
bulk import. Every write is one transaction: it all lands or none of it does."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import selectinload

from walkback_desktop.core.history import SegmentRecord, SessionRecord
from walkback_desktop.i18n import _
from walkback_desktop.storage import models
from walkback_desktop.storage.database import Database
from walkback_desktop.storage.session_rows import (
    ImportResult,
    from_columns,
    insert_plain,
    list_stored,
    local_time,
    offset_minutes,
    stored_utc,
)


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


class SessionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, record: SessionRecord) -> int:
        with self._db.transaction() as s:
            row = to_row(record)
            s.add(row)
            s.flush()
            return row.id

    def get(self, session_id: int) -> SessionRecord | None:
        with self._db.reading() as s:
            row = s.get(
                models.Session, session_id, options=[selectinload(models.Session.segments)]
            )
            return None if row is None else from_row(row)

    def count(self) -> int:
        with self._db.reading() as s:
            return s.scalar(select(func.count(models.Session.id))) or 0

    def list(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        with_segments: bool = False,
    ) -> list[SessionRecord]:
        """Sessions with start <= started_at < end, oldest first.

        Without segments, the rows are read with plain SQL and turned into
        records directly (no ORM objects, no column types): 20,000 sessions load
        several times faster that way.
        """
        t = models.Session
        conditions = []
        if start is not None:
            conditions.append(t.started_at >= start)
        if end is not None:
            conditions.append(t.started_at < end)
        if not with_segments:
            try:
                with self._db.reading() as s:
                    cursor = cast("sqlite3.Cursor", s.connection().connection.cursor())
                    return list_stored(cursor, start, end)
            except (ValueError, TypeError):  # a row that is not a session (a bad date)
                return self._list_readable(conditions, with_segments)
        try:
            with self._db.reading() as s:
                full = (
                    select(t)
                    .where(*conditions)
                    .order_by(t.started_at, t.id)
                    .options(selectinload(t.segments))
                )
                return [from_row(r) for r in s.scalars(full)]
        except ValueError:  # a row SQLite holds but that is not a session (a bad date)
            return self._list_readable(conditions, with_segments)

    def _list_readable(
        self, conditions: builtins.list[Any], with_segments: bool
    ) -> builtins.list[SessionRecord]:
        """The slow path of `list`: dates read as text and parsed one by one; rows
        that cannot be read are left in the database and skipped with a notice."""
        t = models.Session
        columns = [
            type_coerce(c, String) if c in (t.started_at, t.ended_at) else c for c in LIST_COLUMNS
        ]
        records = []
        with self._db.reading() as s:
            rows = s.execute(select(*columns).where(*conditions).order_by(t.started_at, t.id))
            for row in rows:
                try:
                    values = list(row)
                    values[1] = stored_utc(values[1])
                    values[3] = None if values[3] is None else stored_utc(values[3])
                    records.append(from_columns(values))
                except (ValueError, TypeError):
                    self._db.notice(
                        _(
                            "Session #{id} has a date that cannot be read ({date!r}); it was "
                            "kept in the database and is left out of lists and exports."
                        ).format(id=row[0], date=row[1])
                    )
            if with_segments and records:
                seg = models.SessionSegment
                by_session: dict[int, builtins.list[SegmentRecord]] = {}
                for r in s.scalars(select(seg).order_by(seg.session_id, seg.position)):
                    by_session.setdefault(r.session_id, []).append(
                        SegmentRecord(
                            position=r.position,
                            kind=r.kind,
                            label=r.label,
                            planned_seconds=r.planned_seconds,
                            done_seconds=r.done_seconds,
                            met=r.met,
                        )
                    )
                records = [
                    r.with_changes(segments=tuple(by_session.get(r.id or 0, ()))) for r in records
                ]
        return records

    def longest_backward_bout(self) -> float | None:
        """The longest backward segment ever walked (seconds), in one query, so
        pages that list sessions without segments can still show the best."""
        seg = models.SessionSegment
        with self._db.reading() as s:
            return s.scalar(select(func.max(seg.done_seconds)).where(seg.kind == "backward"))

    def last_routine_id(self) -> str | None:
        """The routine of the most recent session that has a library routine id."""
        t = models.Session
        with self._db.reading() as s:
            return s.scalar(
                select(t.routine_id)
                .where(t.routine_id.is_not(None))
                .order_by(t.started_at.desc(), t.id.desc())
                .limit(1)
            )

    def update(self, session_id: int, **changes: Any) -> SessionRecord:
        """Change what a person reported (rpe, pain, notes, completed) on one session."""
        allowed = {"rpe", "pain", "notes", "completed"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
        with self._db.transaction() as s:
            row = s.get(models.Session, session_id)
            if row is None:
                raise KeyError(session_id)
            for key, value in changes.items():
                setattr(row, key, value)
            s.flush()
            return from_row(row)

    def delete(self, ids: Sequence[int]) -> builtins.list[SessionRecord]:
        """Delete sessions; return them (with segments) so an undo can restore them."""
        with self._db.transaction() as s:
            rows = s.scalars(
                select(models.Session)
                .where(models.Session.id.in_(ids))
                .options(selectinload(models.Session.segments))
            ).all()
            records = [from_row(r) for r in rows]
            for row in rows:
                s.delete(row)
            return records

    def restore(self, records: Iterable[SessionRecord]) -> builtins.list[int]:
        """Put deleted sessions back under their old ids."""
        with self._db.transaction() as s:
            ids = []
            for record in records:
                row = to_row(record)
                row.id = record.id  # type: ignore[assignment]
                s.add(row)
                s.flush()
                ids.append(row.id)
            return ids

    def import_many(self, records: Sequence[SessionRecord]) -> ImportResult:
        """Add sessions in one transaction, skipping ones already in the history
        (see `session_rows.insert_plain`): 20,000 rows take well under a second."""
        with self._db.transaction() as s:
            result, with_segments = insert_plain(s.connection().connection, records)
            s.add_all(to_row(r) for r in with_segments)
            return ImportResult(result.added + len(with_segments), result.skipped_duplicates)
