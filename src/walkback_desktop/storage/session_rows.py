"""Sessions as plain SQLite rows and back: the rows that lists read, the driver
parameters that the bulk import writes, and the import itself (duplicates
skipped by a keyed lookup, one executemany). Times are stored in UTC text with
the local offset beside them (see models.Session). No SQLAlchemy here: the
history commands use this through a plain sqlite3 connection (storage/plain.py),
the repository through the one its ORM session holds (storage/sessions.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from walkback_desktop.core.history import SessionRecord, trusted_record


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


LIST_SQL = (
    "SELECT id, started_at, utc_offset_min, ended_at, routine_id, routine_name, active_seconds,"
    " backward_seconds, kcal, completed, rpe, pain, notes, source FROM sessions"
)


def from_stored(row: Any) -> SessionRecord:
    """A session from a LIST_SQL row as SQLite holds it (times as UTC text,
    completed as 0/1), read about three times faster than through the ORM's
    column types. Raises ValueError or TypeError for a date it cannot read
    (the caller then takes the slow path, which reads what it can)."""
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
    return trusted_record(
        {
            "started_at": datetime.fromisoformat(started + "+00:00").astimezone(zone),
            "routine_name": name,
            "active_seconds": active,
            "backward_seconds": backward,
            "completed": bool(done),
            "routine_id": rid,
            "kcal": energy,
            "rpe": rpe,
            "pain": pain,
            "notes": notes,
            "ended_at": (
                None
                if ended is None
                else datetime.fromisoformat(ended + "+00:00").astimezone(zone)
            ),
            "source": source,
            "segments": (),
            "routine_snapshot": None,
            "id": sid,
        }
    )


def range_sql(start: datetime | None, end: datetime | None) -> tuple[str, list[str | None]]:
    """The WHERE clause for start <= started_at < end, on the stored UTC text."""
    clauses = []
    params: list[str | None] = []
    for bound, clause in ((start, "started_at >= ?"), (end, "started_at < ?")):
        if bound is None:
            continue
        if bound.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        clauses.append(clause)
        params.append(stored_text(bound))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def list_stored(
    conn: sqlite3.Connection | sqlite3.Cursor, start: datetime | None, end: datetime | None
) -> list[SessionRecord]:
    """Sessions with start <= started_at < end, oldest first, without segments,
    on a driver connection (the repository's and the report's plain one alike).
    Raises ValueError or TypeError for a date it cannot read."""
    where, params = range_sql(start, end)
    rows = conn.execute(f"{LIST_SQL}{where} ORDER BY started_at, id", params).fetchall()
    return [from_stored(r) for r in rows]


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


_UTC = timezone.utc


def bulk_row(record: SessionRecord) -> tuple[Any, ...]:
    """A session as the driver's parameters, in BULK_COLUMNS order: the bulk
    import skips SQLAlchemy's per-row processing (a third of its time) and
    stores exactly what the UTCDateTime column would (tested by round trips).
    `stored_text` and `offset_minutes` are written out here: this runs once per
    imported row."""
    started = record.started_at
    ended = record.ended_at
    offset = started.utcoffset()
    return (
        started.astimezone(_UTC).isoformat(" ", "microseconds")[:26],
        0 if offset is None else int(offset.total_seconds() // 60),
        None if ended is None else ended.astimezone(_UTC).isoformat(" ", "microseconds")[:26],
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


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped_duplicates: int


_STORED_KEYS = (
    "SELECT started_at, routine_id, routine_name, active_seconds, backward_seconds, kcal,"
    " rpe, pain, completed, notes FROM sessions WHERE started_at >= ? AND started_at <= ?"
)


def insert_plain(
    conn: Any, records: Sequence[SessionRecord]
) -> tuple[ImportResult, list[SessionRecord]]:
    """Insert `records` through `conn` (a sqlite3 connection inside a transaction
    the caller owns), skipping sessions already stored or repeated in `records`.

    A session is a duplicate only when every field matches (see
    `SessionRecord.dedupe_key`): the sessions stored in the records' time span
    are read once into a set of keys, and the new rows go in with one
    executemany. Records that carry segments are not inserted here but
    returned (not yet counted in `added`), for the caller's ORM to add.
    """
    if not records:
        return ImportResult(added=0, skipped_duplicates=0), []
    lo = min(r.started_at for r in records)
    hi = max(r.started_at for r in records)
    existing: set[tuple[Any, ...]] = set()
    for row in conn.execute(_STORED_KEYS, (stored_text(lo), stored_text(hi))):
        try:
            started = datetime.fromisoformat(row[0]).replace(tzinfo=timezone.utc)
        except (ValueError, TypeError):  # a date that cannot be read matches nothing
            continue
        existing.add((started, row[1] or row[2], *row[3:8], bool(row[8]), row[9]))
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
            with_segments.append(record)
        else:
            plain.append(bulk_row(record))
    if plain:
        conn.executemany(BULK_INSERT, plain)
    return ImportResult(added=len(plain), skipped_duplicates=skipped), with_segments
