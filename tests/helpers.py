"""Small builders shared by the tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.routine import Routine, Segment, SegmentKind


def make_routine(*seconds_and_kinds: tuple[int, str], routine_id: str = "test-routine") -> Routine:
    segments = tuple(
        Segment(kind=SegmentKind(kind), label=f"{kind.title()} {n}", seconds=seconds)
        for n, (seconds, kind) in enumerate(seconds_and_kinds, start=1)
    )
    return Routine(id=routine_id, name="Test routine", segments=segments)


def make_session(day: int = 0, **changes) -> SessionRecord:
    start = datetime(2025, 3, 3, 8, 30, tzinfo=timezone(timedelta(hours=1))) + timedelta(days=day)
    record = SessionRecord(
        started_at=start,
        routine_id="knee-friendly-20",
        routine_name="Knee-friendly retro walk",
        active_seconds=1200.0,
        backward_seconds=600.0,
        completed=True,
        rpe=4,
        pain=2,
        notes="felt fine",
        ended_at=start + timedelta(seconds=1200),
    )
    return record.with_changes(**changes)
