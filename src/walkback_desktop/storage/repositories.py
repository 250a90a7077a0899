"""Repositories: the only code that turns rows into core records and back.
Every write is one transaction: it all lands or none of it does."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import selectinload

from walkback_desktop.core import settings as settings_spec
from walkback_desktop.core.history import CheckpointRecord, SegmentRecord, SessionRecord
from walkback_desktop.core.routine import Routine
from walkback_desktop.storage import models
from walkback_desktop.storage.database import Database


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


@lru_cache(maxsize=64)
def _zone(offset_min: int) -> timezone:
    return timezone(timedelta(minutes=offset_min))


def _local(moment: datetime, offset_min: int) -> datetime:
    return moment.astimezone(_zone(offset_min))


def _row_values(record: SessionRecord) -> dict[str, Any]:
    return {
        "started_at": record.started_at,
        "utc_offset_min": _offset_minutes(record.started_at),
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


def _to_row(record: SessionRecord) -> models.Session:
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
        started_at=_local(row.started_at, row.utc_offset_min),
        ended_at=None if row.ended_at is None else _local(row.ended_at, row.utc_offset_min),
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


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped_duplicates: int


class SessionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, record: SessionRecord) -> int:
        with self._db.transaction() as s:
            row = _to_row(record)
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
        with self._db.reading() as s:
            if with_segments:
                query = (
                    select(t)
                    .where(*conditions)
                    .order_by(t.started_at, t.id)
                    .options(selectinload(t.segments))
                )
                return [_from_row(r) for r in s.scalars(query)]
            query = select(*_LIST_COLUMNS).where(*conditions).order_by(t.started_at, t.id)
            return [_from_columns(r) for r in s.connection().execute(query)]

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

    def delete(self, ids: Sequence[int]) -> list[SessionRecord]:
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

    def restore(self, records: Iterable[SessionRecord]) -> list[int]:
        """Put deleted sessions back under their old ids."""
        with self._db.transaction() as s:
            ids = []
            for record in records:
                row = _to_row(record)
                row.id = record.id  # type: ignore[assignment]
                s.add(row)
                s.flush()
                ids.append(row.id)
            return ids

    def import_many(self, records: Sequence[SessionRecord]) -> ImportResult:
        """Add sessions in one transaction, skipping ones already in the history."""
        with self._db.transaction() as s:
            existing = {
                (
                    started.replace(tzinfo=timezone.utc, microsecond=0).isoformat(),
                    rid or name,
                )
                for started, rid, name in s.execute(
                    select(
                        models.Session.started_at,
                        models.Session.routine_id,
                        models.Session.routine_name,
                    )
                )
            }
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
                    with_segments.append(_to_row(record))
                else:
                    plain.append(_row_values(record))
            if plain:
                s.execute(insert(models.Session), plain)
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
        with self._db.reading() as s:
            rows = s.scalars(
                select(models.CustomRoutine).order_by(models.CustomRoutine.name)
            ).all()
        return [Routine.from_json(r.json) for r in rows]

    def get(self, routine_id: str) -> Routine | None:
        with self._db.reading() as s:
            row = s.get(models.CustomRoutine, routine_id)
        return None if row is None else Routine.from_json(row.json)

    def save(self, routine: Routine) -> None:
        now = _utc_now()
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
                row.name = routine.name
                row.json = routine.to_json()
                row.updated_at = now

    def delete(self, routine_id: str) -> bool:
        with self._db.transaction() as s:
            result = s.execute(
                delete(models.CustomRoutine).where(models.CustomRoutine.id == routine_id)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]


class CheckpointRepository:
    """The workout in progress, so a crash or power cut loses at most a few seconds."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, checkpoint: CheckpointRecord) -> None:
        segments = json.dumps([s.__dict__ for s in checkpoint.segments_done])
        with self._db.transaction() as s:
            row = s.get(models.Checkpoint, 1)
            if row is None:
                row = models.Checkpoint(id=1)
                s.add(row)
            row.routine_id = checkpoint.routine_id
            row.routine_name = checkpoint.routine_name
            row.routine_snapshot = checkpoint.routine_snapshot
            row.started_at = checkpoint.started_at
            row.utc_offset_min = _offset_minutes(checkpoint.started_at)
            row.active_seconds = checkpoint.active_seconds
            row.backward_seconds = checkpoint.backward_seconds
            row.segments_done = segments
            row.updated_at = checkpoint.updated_at

    def clear(self) -> None:
        with self._db.transaction() as s:
            s.execute(delete(models.Checkpoint))

    def load(self) -> CheckpointRecord | None:
        with self._db.reading() as s:
            row = s.get(models.Checkpoint, 1)
            if row is None:
                return None
            return CheckpointRecord(
                routine_id=row.routine_id,
                routine_name=row.routine_name,
                routine_snapshot=row.routine_snapshot,
                started_at=_local(row.started_at, row.utc_offset_min),
                active_seconds=row.active_seconds,
                backward_seconds=row.backward_seconds,
                segments_done=tuple(SegmentRecord(**d) for d in json.loads(row.segments_done)),
                updated_at=row.updated_at,
            )

    def recover(self) -> SessionRecord | None:
        """Turn an interrupted workout into an incomplete session, atomically."""
        with self._db.transaction() as s:
            row = s.get(models.Checkpoint, 1)
            if row is None:
                return None
            segments = tuple(SegmentRecord(**d) for d in json.loads(row.segments_done))
            started = _local(row.started_at, row.utc_offset_min)
            record = SessionRecord(
                started_at=started,
                ended_at=_local(row.updated_at, row.utc_offset_min),
                routine_id=row.routine_id,
                routine_name=row.routine_name,
                routine_snapshot=row.routine_snapshot,
                active_seconds=row.active_seconds,
                backward_seconds=row.backward_seconds,
                completed=False,
                notes="Interrupted: recovered after the app closed unexpectedly.",
                source="recovered",
                segments=segments,
            )
            new = _to_row(record)
            s.add(new)
            s.delete(row)
            s.flush()
            return record.with_changes(id=new.id)
