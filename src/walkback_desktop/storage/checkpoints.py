"""The workout in progress, saved every few seconds, and its recovery after a crash.

A checkpoint that cannot be read is never silently dropped: it is written as
it is stored to `set-aside/checkpoint-*.json` in the data folder, what can be
read is recovered, and a notice says so.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from walkback_desktop.core.history import CheckpointRecord, SegmentRecord, SessionRecord
from walkback_desktop.i18n import _
from walkback_desktop.storage import models
from walkback_desktop.storage.database import Database
from walkback_desktop.storage.session_rows import local_time, offset_minutes, utc_now
from walkback_desktop.storage.sessions import to_row

SET_ASIDE_DIRNAME = "set-aside"


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
            row.utc_offset_min = offset_minutes(checkpoint.started_at)
            row.active_seconds = checkpoint.active_seconds
            row.backward_seconds = checkpoint.backward_seconds
            row.segments_done = segments
            row.updated_at = checkpoint.updated_at

    def clear(self) -> None:
        with self._db.transaction() as s:
            s.execute(delete(models.Checkpoint))

    def load(self) -> CheckpointRecord | None:
        """The saved checkpoint; None (with a notice) when it cannot be read."""
        try:
            with self._db.reading() as s:
                row = s.get(models.Checkpoint, 1)
                if row is None:
                    return None
                return CheckpointRecord(
                    routine_id=row.routine_id,
                    routine_name=row.routine_name,
                    routine_snapshot=row.routine_snapshot,
                    started_at=local_time(row.started_at, row.utc_offset_min),
                    active_seconds=row.active_seconds,
                    backward_seconds=row.backward_seconds,
                    segments_done=_segments(row.segments_done) or (),
                    updated_at=row.updated_at,
                )
        except (ValueError, TypeError) as exc:
            self._db.notice(
                _("The saved workout in progress cannot be read ({problem}).").format(problem=exc)
            )
            return None

    def recover(self) -> SessionRecord | None:
        """Turn an interrupted workout into an incomplete session, atomically.

        A checkpoint that cannot be read whole is written to the set-aside
        folder as it is (nothing is deleted unread) and what can be read is
        recovered; a notice says so.
        """
        try:
            return self._recover()
        except (ValueError, TypeError) as exc:
            kept = self._set_aside(str(exc))
            self._db.notice(
                _(
                    "An interrupted workout could not be read ({problem}); it was kept in "
                    "{file} and removed from the database."
                ).format(problem=exc, file=kept)
            )
            return None

    def _recover(self) -> SessionRecord | None:
        with self._db.transaction() as s:
            row = s.get(models.Checkpoint, 1)
            if row is None:
                return None
            segments = _segments(row.segments_done)
            notes = "Interrupted: recovered after the app closed unexpectedly."
            if segments is None:
                kept = self._write_aside(s, "the segments are not valid JSON")
                self._db.notice(
                    _(
                        "The segments of an interrupted workout could not be read; the session "
                        "was recovered without them and the raw data was kept in {file}."
                    ).format(file=kept)
                )
            started = local_time(row.started_at, row.utc_offset_min)
            record = SessionRecord(
                started_at=started,
                ended_at=local_time(row.updated_at, row.utc_offset_min),
                routine_id=row.routine_id,
                routine_name=row.routine_name,
                routine_snapshot=row.routine_snapshot,
                active_seconds=row.active_seconds,
                backward_seconds=row.backward_seconds,
                completed=False,
                notes=notes,
                source="recovered",
                segments=segments or (),
            )
            new = to_row(record)
            s.add(new)
            s.delete(row)
            s.flush()
            return record.with_changes(id=new.id)

    def _set_aside(self, problem: str) -> Path:
        """Keep the unreadable checkpoint as a file and delete the row (a new
        workout would overwrite it anyway)."""
        with self._db.transaction() as s:
            target = self._write_aside(s, problem)
            s.execute(delete(models.Checkpoint))
        return target

    def _write_aside(self, s: Session, problem: str) -> Path:
        """Copy the checkpoint row, as stored, to set-aside/checkpoint-*.json."""
        raw = s.connection().exec_driver_sql("SELECT * FROM checkpoints").mappings().all()
        folder = self._db.path.parent / SET_ASIDE_DIRNAME
        folder.mkdir(exist_ok=True)
        stamp = utc_now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"checkpoint-{stamp}.json"
        payload = {"problem": problem, "rows": [dict(r) for r in raw]}
        target.write_text(json.dumps(payload, default=str, indent=1), encoding="utf-8")
        return target


def _segments(text: str) -> tuple[SegmentRecord, ...] | None:
    """The checkpoint's finished segments, or None when the text is not what we wrote."""
    try:
        items = json.loads(text)
        return tuple(SegmentRecord(**d) for d in items)
    except (ValueError, TypeError):
        return None
