"""Daily backups of `walkback.db`, listing them, and restoring one.

Backups live in `backups/` beside the database: `walkback-YYYY-MM-DD.db`, one a
day, the last `BACKUPS_KEPT` kept. When a corrupt database is moved aside, the
newest backup taken before it is renamed `walkback-YYYY-MM-DD-kept.db`, which
rotation never deletes: the fresh, empty database backed up on the following
days cannot push the last good copy out.

For the window's "Restore from backup" (the store must be closed first):

    for b in list_backups(data_dir): b.taken_on, b.sessions, b.kept, b.path
    set_aside = restore_backup(data_dir, b.path)   # then open the store again
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from walkback_desktop.i18n import _
from walkback_desktop.storage.errors import DatabaseError, StorageError, StorageErrorKind, classify

log = logging.getLogger(__name__)

BACKUP_DIRNAME = "backups"
BACKUPS_KEPT = 7
_DAILY = "walkback-????-??-??.db"
_KEPT = "walkback-????-??-??-kept.db"


class BackupError(DatabaseError):
    """A backup that cannot be restored; the message says why."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_on: date
    sessions: int | None  # None when the backup cannot be read
    kept: bool  # taken before a corrupt database was moved aside; never rotated out


def backup_daily(path: Path, today: date, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy the database to backups/walkback-YYYY-MM-DD.db once a day; keep the last `keep`."""
    folder = path.parent / BACKUP_DIRNAME
    target = folder / f"walkback-{today.isoformat()}.db"
    if target.exists():
        return None
    try:
        folder.mkdir(exist_ok=True)
        partial = target.with_suffix(".partial")
        _copy_database(path, partial)
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        log.warning("daily backup of %s failed: %s", path, exc)
        return None
    backups = sorted(folder.glob(_DAILY))
    for old in backups[:-keep]:
        old.unlink(missing_ok=True)
    log.info("backed up the database to %s", target)
    return target


def pin_latest_backup(data_dir: Path) -> Path | None:
    """Keep the newest daily backup forever (called before moving a database aside)."""
    folder = data_dir / BACKUP_DIRNAME
    daily = sorted(folder.glob(_DAILY)) if folder.is_dir() else []
    if not daily:
        return None
    latest = daily[-1]
    kept = latest.with_name(latest.stem + "-kept.db")
    try:
        latest.replace(kept)
    except OSError as exc:
        log.warning("could not keep the backup %s: %s", latest, exc)
        return None
    log.info("kept the last good backup as %s", kept)
    return kept


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Every backup in the data folder, newest first, with its session count."""
    folder = data_dir / BACKUP_DIRNAME
    if not folder.is_dir():
        return []
    found = [(p, False) for p in folder.glob(_DAILY)] + [(p, True) for p in folder.glob(_KEPT)]
    infos = [
        BackupInfo(
            path=p, taken_on=date.fromisoformat(p.name[9:19]), sessions=_count(p), kept=kept
        )
        for p, kept in found
    ]
    return sorted(infos, key=lambda b: (b.taken_on, b.kept), reverse=True)


def restore_backup(data_dir: Path, backup: Path) -> Path | None:
    """Make `backup` the database; return where the current database was set aside.

    Call it with the store closed. The backup is checked first, copied beside
    the database, flushed to disk and moved into place in one rename; the
    current file (with its -wal and -shm) is renamed
    `walkback.db.before-restore-YYYYmmdd-HHMMSS`, never deleted. Raises
    BackupError for an unusable backup and StorageError for disk faults; in
    both cases the current database is untouched.
    """
    from walkback_desktop.storage.database import DB_FILENAME

    if _count(backup) is None:
        raise BackupError(
            _("The backup {path} cannot be read, so it was not restored.").format(path=backup)
        )
    path = data_dir / DB_FILENAME
    partial = data_dir / f".{DB_FILENAME}.restoring"
    set_aside: Path | None = None
    try:
        partial.unlink(missing_ok=True)
        _copy_database(backup, partial)
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        if path.exists():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            set_aside = path.with_name(f"{path.name}.before-restore-{stamp}")
            for suffix in ("", "-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    side.rename(set_aside.with_name(set_aside.name + suffix))
        partial.replace(path)
        _fsync_folder(data_dir)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        if set_aside is not None and not path.exists():
            set_aside.rename(path)
        raise StorageError(classify(exc) or StorageErrorKind.IO, path) from exc
    log.warning("restored %s from %s; the previous file is %s", path, backup, set_aside)
    return set_aside


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (safe while others read)."""
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=2)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _count(path: Path) -> int | None:
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            return None
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
