"""Opening `walkback.db`: a read-only look first (schema version, integrity),
moving a corrupt file aside, daily backups, WAL and foreign keys, and Alembic
migrations at start-up.

SQLAlchemy is imported only where the engine is made: the checks on the file
are plain sqlite3, and storage/plain.py reuses them for the history commands
without paying for SQLAlchemy's import."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from walkback_desktop.i18n import _
from walkback_desktop.storage.backups import BACKUP_DIRNAME, backup_daily, pin_latest_backup
from walkback_desktop.storage.errors import (
    DatabaseError,
    DatabaseTooNewError,
    StorageError,
    StorageErrorKind,
    classify,
    storage_error,
    translated_errors,
)

__all__ = [
    "BACKUP_DIRNAME",
    "DB_FILENAME",
    "Database",
    "DatabaseError",
    "DatabaseTooNewError",
    "StorageError",
    "backup_daily",
    "open_database",
]

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

DB_FILENAME = "walkback.db"
BUSY_TIMEOUT_S = 3.0
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass
class Database:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    notices: list[str] = field(default_factory=list)
    moved_aside: Path | None = None  # the corrupt file set aside at this start, if any

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work: committed if the block succeeds, rolled back if not.

        SQLite faults (locked, disk full, read-only, I/O) raise StorageError.
        """
        with translated_errors(self.path), self.session_factory() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with translated_errors(self.path), self.session_factory() as session:
            yield session

    def notice(self, text: str) -> None:
        """Tell the person something once (a row set aside, a file moved)."""
        if text not in self.notices:
            log.warning(text)
            self.notices.append(text)

    def close(self) -> None:
        self.engine.dispose()


def set_pragmas(dbapi_connection: Any, _record: Any = None) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL, not NORMAL: in WAL mode NORMAL may roll back the last committed
    # transactions after a power cut. WalkBack's writes are rare and small
    # (a session, a setting, a checkpoint every few seconds), so the extra
    # fsync per commit costs nothing a person notices. See docs/storage.md.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    cursor.close()


def open_database(data_dir: Path, *, backup: bool = True, today: date | None = None) -> Database:
    """Open (creating or repairing) the database in `data_dir`, migrated to head.

    Only real corruption (not a SQLite file, a failed integrity check) moves
    the file aside. A full disk, an I/O error, a read-only or unreadable
    folder and a lock raise `StorageError` and leave every file as it was; a
    database from a newer WalkBack raises `DatabaseTooNewError` before
    anything is written (it is inspected through a read-only connection).
    """
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(classify(exc) or StorageErrorKind.IO, data_dir) from exc
    path = data_dir / DB_FILENAME
    notices: list[str] = []
    moved: Path | None = None
    if _exists(path):
        problem = inspect_existing(path)
        if problem:
            pin_latest_backup(data_dir)
            try:
                moved = _move_aside(path)
            except OSError as exc:
                raise StorageError(classify(exc) or StorageErrorKind.IO, path) from exc
            notice = _(
                "The database {name} could not be read ({problem}). It was moved aside to "
                "{moved} (nothing was deleted) and WalkBack started with a fresh one. "
                "Your backups are kept: you can restore one."
            ).format(name=path.name, problem=problem, moved=moved.name)
            log.warning(notice)
            notices.append(notice)
        elif backup:
            backup_daily(path, today or date.today())
    from sqlalchemy import create_engine, event
    from sqlalchemy.orm import sessionmaker

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", set_pragmas)
    try:
        migrate(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:  # a full disk or a read-only folder ends here
        engine.dispose()
        translated = storage_error(exc, path)
        if translated is None:
            raise DatabaseError(
                _("cannot prepare the database {path}: {error}").format(path=path, error=exc)
            ) from exc
        raise translated from exc
    factory = sessionmaker(engine, expire_on_commit=False)
    return Database(
        path=path, engine=engine, session_factory=factory, notices=notices, moved_aside=moved
    )


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError as exc:  # a folder that cannot be searched, a name too long
        raise StorageError(classify(exc) or StorageErrorKind.IO, path) from exc


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (not even its journal mode)."""
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)


def inspect_existing(path: Path) -> str | None:
    """None if `path` is a healthy database this WalkBack can use, else why it is corrupt.

    Raises StorageError for faults that are not corruption (nothing is moved
    then) and DatabaseTooNewError for a schema this WalkBack does not know.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StorageError(classify(exc) or StorageErrorKind.IO, path) from exc
    if not header:
        return _("the file is empty")
    if header != b"SQLite format 3\x00":
        return _("it is not a SQLite database")
    try:
        conn = _connect_readonly(path)
    except sqlite3.Error as exc:
        raise StorageError(classify(exc) or StorageErrorKind.IO, path) from exc
    try:
        schema = schema_version(conn)
        if schema is not None and schema not in _known_revisions():
            raise DatabaseTooNewError(path, schema)
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as exc:
        kind = classify(exc)
        if kind is not None:
            raise StorageError(kind, path) from exc
        if isinstance(exc, sqlite3.OperationalError):  # not corruption: refuse, move nothing
            raise StorageError(StorageErrorKind.IO, path) from exc
        return str(exc)  # SQLITE_CORRUPT, SQLITE_NOTADB
    finally:
        conn.close()
    if rows != [("ok",)]:
        return _("integrity check failed: {details}").format(
            details="; ".join(str(r[0]) for r in rows[:3])
        )
    return None


def connect_plain(path: Path, *, any_thread: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection with the engine's pragmas, in autocommit mode
    (the caller writes BEGIN and COMMIT)."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=not any_thread
    )
    set_pragmas(conn)
    return conn


def schema_version(conn: sqlite3.Connection) -> str | None:
    found = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if found is None:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def _move_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() or ""


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        raw = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if raw is None:
            return None
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None


def _known_revisions() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py")}


def _head_from_files() -> str:
    return max(_known_revisions())


def migrate(engine: Engine, target: str = "head") -> None:
    """Upgrade the schema with Alembic; refuse a database from a newer WalkBack.

    Alembic is imported only when there is something to do, to keep start-up fast.
    """
    current = _current_revision(engine)
    if current is not None and current not in _known_revisions():
        raise DatabaseTooNewError(Path(engine.url.database or "?"), current)
    if target == "head" and current == _head_from_files():
        return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    log.info("database schema migrated from %s to %s", current, target)
