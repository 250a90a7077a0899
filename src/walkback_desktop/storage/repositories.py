"""Repositories: the only code that turns rows into core records and back.
Every write is one transaction: it all lands or none of it does."""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from sqlalchemy import String, delete, func, select, type_coerce
from sqlalchemy.orm import selectinload

from walkback_desktop.core import settings as settings_spec
from walkback_desktop.core.history import SegmentRecord, SessionRecord
from walkback_desktop.core.routine import Routine, RoutineError
from walkback_desktop.i18n import _
from walkback_desktop.storage import models
from walkback_desktop.storage.database import Database


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


def _row_values(record: SessionRecord) -> dict[str, Any]:
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
    row = models.Session(**_row_values(record))
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


def _from_row(row: models.Session, *, with_segments: bool = True) -> SessionRecord:
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


_LIST_COLUMNS = (
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


def _from_columns(row: Any) -> SessionRecord:
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


_BULK_COLUMNS = (
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
_BULK_INSERT = "INSERT INTO sessions ({}) VALUES ({})".format(
    ", ".join(_BULK_COLUMNS), ", ".join("?" * len(_BULK_COLUMNS))
)


def _stored_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    # "2025-03-03 07:30:00.000000+00:00" without its offset: faster than strftime
    return moment.astimezone(timezone.utc).isoformat(" ", "microseconds")[:26]


def _bulk_row(record: SessionRecord) -> tuple[Any, ...]:
    """A session as the driver's parameters, in _BULK_COLUMNS order: the bulk
    import skips SQLAlchemy's per-row processing (a third of its time) and
    stores exactly what the UTCDateTime column would (tested by round trips)."""
    return (
        _stored_text(record.started_at),
        offset_minutes(record.started_at),
        _stored_text(record.ended_at),
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


def _stored_utc(text: Any) -> datetime:
    """A UTC time as SQLAlchemy stores it in SQLite ("2025-03-03 07:30:00.000000")."""
    if not isinstance(text, str):
        raise TypeError(text)
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


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
            return None if row is None else _from_row(row)

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
                    return [_from_row(r) for r in s.scalars(full)]
                query = select(*_LIST_COLUMNS).where(*conditions).order_by(t.started_at, t.id)
                return [_from_columns(r) for r in s.connection().execute(query)]
        except ValueError:  # a row SQLite holds but that is not a session (a bad date)
            return self._list_readable(conditions, with_segments)

    def _list_readable(
        self, conditions: builtins.list[Any], with_segments: bool
    ) -> builtins.list[SessionRecord]:
        """The slow path of `list`: dates read as text and parsed one by one; rows
        that cannot be read are left in the database and skipped with a notice."""
        t = models.Session
        columns = [
            type_coerce(c, String) if c in (t.started_at, t.ended_at) else c for c in _LIST_COLUMNS
        ]
        records = []
        with self._db.reading() as s:
            rows = s.execute(select(*columns).where(*conditions).order_by(t.started_at, t.id))
            for row in rows:
                try:
                    values = list(row)
                    values[1] = _stored_utc(values[1])
                    values[3] = None if values[3] is None else _stored_utc(values[3])
                    records.append(_from_columns(values))
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
            return _from_row(row)

    def delete(self, ids: Sequence[int]) -> builtins.list[SessionRecord]:
        """Delete sessions; return them (with segments) so an undo can restore them."""
        with self._db.transaction() as s:
            rows = s.scalars(
                select(models.Session)
                .where(models.Session.id.in_(ids))
                .options(selectinload(models.Session.segments))
            ).all()
            records = [_from_row(r) for r in rows]
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
                    plain.append(_bulk_row(record))
            if plain:
                s.connection().exec_driver_sql(_BULK_INSERT, plain)
            s.add_all(with_segments)
            return ImportResult(added=len(plain) + len(with_segments), skipped_duplicates=skipped)


class SettingsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str) -> Any:
        spec = settings_spec.setting(key)
        with self._db.reading() as s:
            row = s.get(models.Setting, key)
        if row is None:
            return spec.default
        try:
            return spec.validate(json.loads(row.value))
        except (ValueError, settings_spec.SettingError):
            return spec.default

    def all(self) -> dict[str, Any]:
        values = settings_spec.defaults()
        with self._db.reading() as s:
            rows = s.scalars(select(models.Setting)).all()
        for row in rows:
            spec = settings_spec.SETTINGS.get(row.key)
            if spec is None:
                continue
            try:
                values[row.key] = spec.validate(json.loads(row.value))
            except (ValueError, settings_spec.SettingError):
                continue
        return values

    def set(self, key: str, value: Any) -> Any:
        spec = settings_spec.setting(key)
        value = spec.validate(value)
        with self._db.transaction() as s:
            s.merge(models.Setting(key=key, value=json.dumps(value)))
        return value

    def snapshot(self) -> settings_spec.AppSettings:
        """Every setting, typed, in one read."""
        return settings_spec.AppSettings.from_values(self.all())

    def update(self, **changes: Any) -> settings_spec.AppSettings:
        """Validate and store `changes` (setting name=value) in one transaction;
        return the new snapshot."""
        self.set_many(changes)
        return self.snapshot()

    def set_many(self, values: dict[str, Any]) -> None:
        checked = {k: settings_spec.setting(k).validate(v) for k, v in values.items()}
        with self._db.transaction() as s:
            for key, value in checked.items():
                s.merge(models.Setting(key=key, value=json.dumps(value)))


class RoutineRepository:
    """Custom routines; built-ins live in resources/ and are read-only."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> list[Routine]:
        """Every readable custom routine; an unreadable row (a newer format,
        broken JSON) is left in the database and skipped with a notice."""
        with self._db.reading() as s:
            rows = s.execute(
                select(models.CustomRoutine.id, models.CustomRoutine.json).order_by(
                    models.CustomRoutine.name
                )
            ).all()
        routines = (self._parse(rid, text) for rid, text in rows)
        return [r for r in routines if r is not None]

    def get(self, routine_id: str) -> Routine | None:
        with self._db.reading() as s:
            row = s.get(models.CustomRoutine, routine_id)
        return None if row is None else self._parse(row.id, row.json)

    def _parse(self, routine_id: str, text: str) -> Routine | None:
        try:
            return Routine.from_json(text)
        except (RoutineError, RecursionError) as exc:
            self._db.notice(
                _(
                    'The custom routine "{id}" cannot be read ({problem}); it was kept '
                    "unchanged and is not shown."
                ).format(id=routine_id, problem=exc if isinstance(exc, RoutineError) else "?")
            )
            return None

    def save(self, routine: Routine) -> None:
        now = utc_now()
        with self._db.transaction() as s:
            row = s.get(models.CustomRoutine, routine.id)
            if row is None:
                s.add(
                    models.CustomRoutine(
                        id=routine.id,
                        name=routine.name,
                        json=routine.to_json(),
                        created_at=now,
                        updated_at=now,
                    )
                )
            else:
                if self._parse(row.id, row.json) is None:
                    raise RoutineError(
                        _(
                            'the id "{id}" belongs to a saved routine this WalkBack cannot '
                            "read; it is kept, so choose another id"
                        ).format(id=routine.id)
                    )
                row.name = routine.name
                row.json = routine.to_json()
                row.updated_at = now

    def delete(self, routine_id: str) -> bool:
        with self._db.transaction() as s:
            result = s.execute(
                delete(models.CustomRoutine).where(models.CustomRoutine.id == routine_id)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]
