"""The history CSV commands, the report and the Today page at start-up on a
plain sqlite3 connection.

`walkback history import` and `export` move up to 20,000 sessions, and
importing SQLAlchemy and mapping the models costs more than the work itself
(about 0.5 s of CPU of a 1.5 s budget). When the database is ready as it is
(it exists, is healthy, has the newest schema, and holds no workout to
recover) these commands need nothing of the ORM: this module opens it with
the same checks, backup and pragmas as `database.open_database`, and reads
and writes the same rows through `session_rows`. Anything else (no database
yet, a schema to migrate, a corrupt file to move aside, a checkpoint to
recover, a date that cannot be read) returns None or raises `FullStoreNeededError`,
and the caller opens the full `Store`, which handles it and says so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.routine import Routine, RoutineError
from walkback_desktop.core.settings import AppSettings
from walkback_desktop.i18n import _
from walkback_desktop.storage import database, report_queries, session_rows
from walkback_desktop.storage.backups import backup_daily
from walkback_desktop.storage.errors import translated_errors
from walkback_desktop.storage.library import RoutineLibrary
from walkback_desktop.storage.session_rows import ImportResult, insert_plain

if TYPE_CHECKING:
    from walkback_desktop.storage.plain_programs import PlainAssessments, PlainEnrolments
    from walkback_desktop.storage.program_library import ProgramLibrary
    from walkback_desktop.storage.routines_repo import RoutineRepository


class FullStoreNeededError(Exception):
    """What the plain path met is for the full store to handle (nothing was written)."""


@dataclass
class PlainStore:
    """The parts of `Store` the history commands, the report and the Today page
    at start-up use: `sessions` (import, list, count, last routine),
    `settings.snapshot`, `library`, `notices`, and, read only, `programs`,
    `enrolments` and `assessments`."""

    path: Path
    conn: sqlite3.Connection
    notices: list[str] = field(default_factory=list)
    sessions: PlainSessions = field(init=False)
    settings: PlainSettings = field(init=False)
    library: RoutineLibrary = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = PlainSessions(self)
        self.settings = PlainSettings(self)
        routines = PlainRoutines(self)
        # RoutineLibrary reads custom routines through `list()` and `get()`,
        # which PlainRoutines provides; the history commands never save one.
        self.library = RoutineLibrary(cast("RoutineRepository", routines))

    def notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    @contextmanager
    def translated(self) -> Iterator[sqlite3.Connection]:
        with translated_errors(self.path):
            yield self.conn

    # The program card's readers, made on first use (the history commands never need them).
    @cached_property
    def programs(self) -> ProgramLibrary:
        from walkback_desktop.storage.plain_programs import PlainPrograms
        from walkback_desktop.storage.program_library import ProgramLibrary

        return ProgramLibrary(PlainPrograms(self.translated), self.library)

    @cached_property
    def enrolments(self) -> PlainEnrolments:
        from walkback_desktop.storage.plain_programs import PlainEnrolments

        return PlainEnrolments(self.translated)

    @cached_property
    def assessments(self) -> PlainAssessments:
        from walkback_desktop.storage.plain_programs import PlainAssessments

        return PlainAssessments(self.translated)

    def close(self) -> None:
        self.conn.close()


def open_plain(
    data_dir: Path, *, backup: bool = True, recover: bool = True, any_thread: bool = False
) -> PlainStore | None:
    """The database in `data_dir` on a plain connection, or None when opening it
    needs the full store (see the module's docstring). Faults that are not
    corruption raise `StorageError` and a newer schema `DatabaseTooNewError`,
    as `open_database` does. `any_thread`: the connection may be used from
    another thread than the one that opened it (one thread at a time)."""
    path = data_dir / database.DB_FILENAME
    if not database._exists(path) or database.inspect_existing(path) is not None:
        return None
    with translated_errors(path):
        conn = database.connect_plain(path, any_thread=any_thread)
        try:
            ready = database.schema_version(conn) == database._head_from_files() and not (
                recover and conn.execute("SELECT 1 FROM checkpoints LIMIT 1").fetchone()
            )
        except BaseException:
            conn.close()
            raise
    if not ready:
        conn.close()
        return None
    if backup:
        backup_daily(path, date.today())
    return PlainStore(path=path, conn=conn)


class PlainSessions:
    def __init__(self, store: PlainStore) -> None:
        self._store = store

    def import_many(self, records: Sequence[SessionRecord]) -> ImportResult:
        """As `SessionRepository.import_many`: one transaction, all or nothing."""
        if any(r.segments for r in records):
            raise FullStoreNeededError("sessions with segments")
        with self._store.translated() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result, _rest = insert_plain(conn, records)
            except BaseException:
                with suppress(sqlite3.Error):  # closing the connection rolls back too
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        return result

    def count(self) -> int:
        with self._store.translated() as conn:
            return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def last_routine_id(self) -> str | None:
        """As `SessionRepository.last_routine_id`."""
        with self._store.translated() as conn:
            row = conn.execute(
                "SELECT routine_id FROM sessions WHERE routine_id IS NOT NULL"
                " ORDER BY started_at DESC, id DESC LIMIT 1"
            ).fetchone()
        return None if row is None else str(row[0])

    def list(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        with_segments: bool = False,
    ) -> list[SessionRecord]:
        """Sessions with start <= started_at < end, oldest first, as
        `SessionRepository.list` reads them."""
        with self._store.translated() as conn:
            try:
                records = session_rows.list_stored(conn, start, end)
            except (ValueError, TypeError):  # a date that cannot be read: the store tells
                raise FullStoreNeededError("a session date that cannot be read") from None
            return report_queries.with_segments(conn, records) if with_segments else records


class PlainSettings:
    def __init__(self, store: PlainStore) -> None:
        self._store = store

    def snapshot(self) -> AppSettings:
        """As `SettingsRepository.snapshot()`."""
        with self._store.translated() as conn:
            return report_queries.settings_snapshot(conn)


class PlainRoutines:
    """Custom routines, read only, as `RoutineRepository` reads them."""

    def __init__(self, store: PlainStore) -> None:
        self._store = store

    def list(self) -> list[Routine]:
        with self._store.translated() as conn:
            rows = conn.execute("SELECT id, json FROM routines ORDER BY name").fetchall()
        routines = (self._parse(rid, text) for rid, text in rows)
        return [r for r in routines if r is not None]

    def get(self, routine_id: str) -> Routine | None:
        with self._store.translated() as conn:
            row = conn.execute(
                "SELECT id, json FROM routines WHERE id = ?", (routine_id,)
            ).fetchone()
        return None if row is None else self._parse(row[0], row[1])

    def _parse(self, routine_id: str, text: str) -> Routine | None:
        return read_stored_routine(routine_id, text, self._store.notice)


def read_stored_routine(
    routine_id: str, text: str, notice: Callable[[str], None]
) -> Routine | None:
    """A stored custom routine, or None with a notice when it cannot be read (a
    newer format, broken JSON): the row is kept and left out. Shared with
    `RoutineRepository`."""
    try:
        return Routine.from_json(text)
    except (RoutineError, RecursionError) as exc:
        notice(
            _(
                'The custom routine "{id}" cannot be read ({problem}); it was kept '
                "unchanged and is not shown."
            ).format(id=routine_id, problem=exc if isinstance(exc, RoutineError) else "?")
        )
        return None
