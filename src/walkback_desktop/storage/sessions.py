"""The session history: add, read, edit, delete and restore sessions, and the
bulk import. Every write is one transaction: it all lands or none of it does."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import selectinload

from walkback_desktop.core.history import SegmentRecord, SessionRecord
from walkback_desktop.i18n import _
from walkback_desktop.storage import models
from walkback_desktop.storage.database import Database
from walkback_desktop.storage.session_rows import (
    BULK_INSERT,
    LIST_COLUMNS,
    bulk_row,
    from_columns,
    from_row,
    stored_utc,
    to_row,
)


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped_duplicates: int


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

        Without segments, plain column rows are read (no ORM objects): 20,000
        sessions load several times faster that way.
        """
        t = models.Session
        conditions = []
        if start is not None:
            conditions.append(t.started_at >= start)
        if end is not None:
            conditions.append(t.started_at < end)
        try:
            with self._db.reading() as s:
                if with_segments:
                    full = (
                        select(t)
                        .where(*conditions)
                        .order_by(t.started_at, t.id)
                        .options(selectinload(t.segments))
                    )
                    return [from_row(r) for r in s.scalars(full)]
                query = select(*LIST_COLUMNS).where(*conditions).order_by(t.started_at, t.id)
                return [from_columns(r) for r in s.connection().execute(query)]
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
        """Add sessions in one transaction, skipping ones already in the history.

        A session is a duplicate only when every field matches (see
        `SessionRecord.dedupe_key`); the sessions already stored in the file's
        time span are read once into a set of keys, and the new rows go in as
        one bulk insert (executemany), so 20,000 rows take well under a second.
        """
        if not records:
            return ImportResult(added=0, skipped_duplicates=0)
        t = models.Session
        lo = min(r.started_at for r in records)
        hi = max(r.started_at for r in records)
        with self._db.transaction() as s:
            stored = s.execute(
                select(
                    t.started_at,
                    t.routine_id,
                    t.routine_name,
                    t.active_seconds,
                    t.backward_seconds,
                    t.kcal,
                    t.rpe,
                    t.pain,
                    t.completed,
                    t.notes,
                ).where(t.started_at >= lo, t.started_at <= hi)
            )
            existing = {(row[0], row[1] or row[2], *row[3:]) for row in stored}
            skipped = 0
            plain = []
            with_segments = []
            for record in records:
                key = record.dedupe_key()
                if key in existing:
                    skipped += 1
                    continue
                existing.add(key)
                if record.segments:
                    with_segments.append(to_row(record))
                else:
                    plain.append(bulk_row(record))
            if plain:
                s.connection().exec_driver_sql(BULK_INSERT, plain)
            s.add_all(with_segments)
            return ImportResult(added=len(plain) + len(with_segments), skipped_duplicates=skipped)
