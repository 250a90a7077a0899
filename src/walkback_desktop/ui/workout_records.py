"""Writing a workout down: the checkpoint while it runs, the session at the end.

Storage errors (a locked database, a full disk) are caught here around each
write and logged: a checkpoint that fails must not stop the workout, and a
session that fails to save is reported (None) so the caller offers Retry while
the checkpoint still holds the workout.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from walkback_desktop.core.history import CheckpointRecord, SessionRecord
from walkback_desktop.core.workout import WorkoutRun

if TYPE_CHECKING:
    from walkback_desktop.storage.checkpoints import CheckpointRepository
    from walkback_desktop.storage.sessions import SessionRepository

log = logging.getLogger(__name__)


def save_checkpoint(
    checkpoints: CheckpointRepository, run: WorkoutRun, started_at: datetime
) -> bool:
    routine = run.timeline.routine
    record = CheckpointRecord(
        routine_id=routine.id,
        routine_name=routine.name,
        routine_snapshot=routine.to_json(),
        started_at=started_at,
        active_seconds=round(run.active_seconds, 3),
        backward_seconds=round(run.backward_seconds, 3),
        segments_done=run.segment_records(),
        updated_at=datetime.now(timezone.utc),
    )
    try:
        checkpoints.save(record)
    except Exception:  # a full disk must not stop the workout
        log.exception("could not checkpoint the workout")
        return False
    return True


def store_session(
    sessions: SessionRepository, checkpoints: CheckpointRepository, record: SessionRecord
) -> int | None:
    """Add the session and clear the checkpoint; None (and the checkpoint kept) on failure."""
    try:
        session_id = sessions.add(record)
    except Exception:  # storage errors: keep the checkpoint, let the caller retry
        log.exception("could not save the finished workout")
        return None
    clear_checkpoint(checkpoints)
    log.info("session %s saved (%s)", session_id, "complete" if record.completed else "incomplete")
    return session_id


def clear_checkpoint(checkpoints: CheckpointRepository) -> None:
    try:
        checkpoints.clear()
    except Exception:
        log.exception("could not clear the workout checkpoint")
