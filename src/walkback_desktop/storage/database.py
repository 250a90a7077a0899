"""Opening `walkback.db`: integrity check, moving a bad file aside, daily
backups, WAL and foreign keys, and Alembic migrations at start-up."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

DB_FILENAME = "walkback.db"
BACKUP_DIRNAME = "backups"
BACKUPS_KEPT = 7
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """The database cannot be used; the message says why and what to do."""


class DatabaseLockedError(DatabaseError):
    pass


class DatabaseTooNewError(DatabaseError):
    pass


@dataclass
class Database:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    notices: list[str] = field(default_factory=list)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work: committed if the block succeeds, rolled back if not."""
        with self.session_factory() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.session_factory() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=3000")
    cursor.close()


def open_database(data_dir: Path, *, backup: bool = True, today: date | None = None) -> Database:
    """Open (creating or repairing) the database in `data_dir`, migrated to head."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create the data folder {data_dir}: {exc.strerror}") from exc
    path = data_dir / DB_FILENAME
    notices: list[str] = []
    if path.exists():
        problem = _check_integrity(path)
        if problem:
            moved = _move_aside(path)
            notice = (
                f"The database {path.name} could not be read ({problem}). It was moved aside to "
                f"{moved.name} (nothing was deleted) and WalkBack started with a fresh one."
            )
            log.warning(notice)
            notices.append(notice)
        elif backup:
            backup_daily(path, today or date.today())
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    try:
        migrate(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:  # a full disk or a read-only folder ends here
        engine.dispose()
        raise DatabaseError(f"cannot prepare the database {path}: {exc}") from exc
    factory = sessionmaker(engine, expire_on_commit=False)
    return Database(path=path, engine=engine, session_factory=factory, notices=notices)


def _check_integrity(path: Path) -> str | None:
    """None if the file is a healthy SQLite database, else a short reason."""
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror}") from exc
    if not header:
        return "the file is empty"
    if header != b"SQLite format 3\x00":
        return "it is not a SQLite database"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=2)
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"cannot open {path}: {exc}") from exc
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise DatabaseLockedError(
                f"the database {path} is locked by another program; close it and try again"
            ) from exc
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    if rows != [("ok",)]:
        return "integrity check failed: " + "; ".join(str(r[0]) for r in rows[:3])
    return None


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


def backup_daily(path: Path, today: date, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy the database to backups/walkback-YYYY-MM-DD.db once a day; keep the last `keep`."""
    folder = path.parent / BACKUP_DIRNAME
    target = folder / f"walkback-{today.isoformat()}.db"
    if target.exists():
        return None
    try:
        folder.mkdir(exist_ok=True)
        partial = target.with_suffix(".partial")
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        log.warning("daily backup of %s failed: %s", path, exc)
        return None
    backups = sorted(folder.glob("walkback-????-??-??.db"))
    for old in backups[:-keep]:
        old.unlink(missing_ok=True)
    log.info("backed up the database to %s", target)
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
        raise DatabaseTooNewError(
            f"this database was written by a newer WalkBack (schema {current}); "
            "please update WalkBack. Nothing was changed."
        )
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
