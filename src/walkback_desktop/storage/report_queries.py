"""What `walkback report` reads, on a plain sqlite3 connection (storage/plain.py).

The report needs the sessions of its period (without segments), the segments
of the few it lists in its log, and the settings. Through the full store
that costs importing SQLAlchemy and mapping the models (about 0.8 s of CPU
for a command whose goal is 1.5 s); these queries read the same rows the
repositories read and build the same values (tests compare the two on one
database). Programs, enrolments and 3-m Backward Walk Test results are read
by storage/plain_programs.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from walkback_desktop.core import settings as settings_spec
from walkback_desktop.core.history import SegmentRecord, SessionRecord
from walkback_desktop.storage.settings_rows import stored_settings

_SEGMENTS_SQL = (
    "SELECT session_id, position, kind, label, planned_seconds, done_seconds, met"
    " FROM session_segments WHERE session_id IN ({}) ORDER BY session_id, position"
)
_SNAPSHOTS_SQL = "SELECT id, routine_snapshot FROM sessions WHERE id IN ({})"
_CHUNK = 500  # well under SQLite's limit of bound parameters


def with_segments(
    conn: sqlite3.Connection, records: Sequence[SessionRecord]
) -> list[SessionRecord]:
    """`records` with their segments and routine snapshot, as
    `SessionRepository.list(with_segments=True)` reads them."""
    segments: dict[int, list[SegmentRecord]] = {}
    snapshots: dict[int, Any] = {}
    ids = [r.id for r in records if r.id is not None]
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for sid, *values in conn.execute(_SEGMENTS_SQL.format(marks), chunk):
            segments.setdefault(sid, []).append(SegmentRecord(*values))
        snapshots.update(conn.execute(_SNAPSHOTS_SQL.format(marks), chunk).fetchall())
    return [
        replace(
            r,
            segments=tuple(segments.get(r.id, ())),
            routine_snapshot=snapshots.get(r.id),
        )
        if r.id is not None
        else r
        for r in records
    ]


def settings_snapshot(conn: sqlite3.Connection) -> settings_spec.AppSettings:
    """Every setting, typed, as `SettingsRepository.snapshot()` reads them."""
    return settings_spec.AppSettings.from_values(stored_settings(conn))
