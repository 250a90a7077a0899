"""Storage faults: a full disk, an I/O error, a read-only or unreadable folder and
a lock are refused with a message naming the file; only real corruption moves a
database aside. Faults are injected (the tests run as root, so chmod would not
stop them) or made real with a second connection holding a lock."""

from __future__ import annotations

import errno
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc

from tests.helpers import make_session
from walkback_desktop.storage import backups, database
from walkback_desktop.storage.backups import list_backups, restore_backup
from walkback_desktop.storage.database import DatabaseTooNewError, open_database
from walkback_desktop.storage.errors import StorageError, StorageErrorKind
from walkback_desktop.storage.store import open_store


@pytest.fixture
def healthy(data_dir: Path) -> Path:
    """A data folder whose database holds two sessions."""
    store = open_store(data_dir, backup=False)
    store.sessions.add(make_session(0))
    store.sessions.add(make_session(1))
    store.close()
    return data_dir / "walkback.db"


@pytest.fixture
def short_busy_timeout(monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.1)


class _FailingConnection:
    """A read-only connection whose statements fail like a full or failing disk."""

    def __init__(self, real: sqlite3.Connection, error: Exception, on: str) -> None:
        self._real, self._error, self._on = real, error, on

    def execute(self, sql: str, *args):
        if self._on in sql:
            raise self._error
        return self._real.execute(sql, *args)

    def close(self) -> None:
        self._real.close()


def _inject(monkeypatch, error: Exception, on: str = "integrity_check") -> None:
    real = database._connect_readonly
    monkeypatch.setattr(
        database, "_connect_readonly", lambda path: _FailingConnection(real(path), error, on)
    )


def _untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert not list(path.parent.glob("walkback.db.corrupt-*"))


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (sqlite3.OperationalError("disk I/O error"), StorageErrorKind.IO),
        (sqlite3.OperationalError("database or disk is full"), StorageErrorKind.FULL),
        (sqlite3.OperationalError("unable to open database file"), StorageErrorKind.PERMISSION),
        (sqlite3.OperationalError("an operational fault never seen"), StorageErrorKind.IO),
    ],
)
def test_a_disk_fault_at_start_up_keeps_the_healthy_database(healthy, monkeypatch, error, kind):
    before = healthy.read_bytes()
    _inject(monkeypatch, error)
    with pytest.raises(StorageError) as info:
        open_store(healthy.parent)
    assert info.value.kind is kind
    assert str(healthy) in str(info.value) and "try again" in str(info.value)
    _untouched(healthy, before)
    monkeypatch.undo()
    store = open_store(healthy.parent)
    assert store.sessions.count() == 2 and not store.notices
    store.close()


def test_a_full_disk_says_free_some_space_and_names_the_file(healthy, monkeypatch):
    _inject(monkeypatch, sqlite3.OperationalError("disk I/O error"))
    with pytest.raises(StorageError) as info:
        open_database(healthy.parent)
    assert f"Free some space on the disk that holds {healthy}" in str(info.value)


@pytest.mark.parametrize(
    ("err", "kind"),
    [
        (errno.ENOSPC, StorageErrorKind.FULL),
        (errno.EACCES, StorageErrorKind.PERMISSION),
        (errno.EIO, StorageErrorKind.IO),
    ],
)
def test_an_unreadable_file_is_refused_not_moved(healthy, monkeypatch, err, kind):
    before = healthy.read_bytes()
    real_open = Path.open

    def failing_open(self, *args, **kwargs):
        if self == healthy:
            raise OSError(err, "injected")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", failing_open)
    with pytest.raises(StorageError) as info:
        open_database(healthy.parent)
    monkeypatch.undo()
    assert info.value.kind is kind
    _untouched(healthy, before)


def test_a_read_only_folder_during_migration_is_refused_not_moved(healthy, monkeypatch):
    before = healthy.read_bytes()

    def read_only(engine, target="head"):
        raise sa_exc.OperationalError(
            "UPDATE alembic_version SET version_num=?",
            ("0003",),
            sqlite3.OperationalError("attempt to write a readonly database"),
        )

    monkeypatch.setattr(database, "migrate", read_only)
    with pytest.raises(StorageError) as info:
        open_database(healthy.parent, backup=False)
    assert info.value.kind is StorageErrorKind.READONLY
    assert "UPDATE" not in str(info.value) and str(healthy) in str(info.value)
    _untouched(healthy, before)


def test_a_locked_database_at_start_up_is_refused_not_moved(healthy, short_busy_timeout):
    holder = sqlite3.connect(healthy)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError) as info:
            open_database(healthy.parent, backup=False)
        assert info.value.kind is StorageErrorKind.LOCKED
        assert "in use by another program" in str(info.value)
    finally:
        holder.rollback()
        holder.close()
    assert not list(healthy.parent.glob("walkback.db.corrupt-*"))


def test_a_write_to_a_locked_database_raises_one_readable_error(healthy, short_busy_timeout):
    store = open_store(healthy.parent, backup=False)
    holder = sqlite3.connect(healthy, timeout=0.1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError) as info:
            store.settings.set("units", "imperial")
        with pytest.raises(StorageError):
            store.sessions.add(make_session(5))
    finally:
        holder.rollback()
        holder.close()
    message = str(info.value)
    assert info.value.kind is StorageErrorKind.LOCKED and info.value.retryable
    assert "INSERT" not in message and "[SQL" not in message and "sqlite3" not in message
    # Retry succeeds once the other program lets go.
    store.settings.set("units", "imperial")
    assert store.settings.get("units") == "imperial"
    store.close()


def test_a_newer_rollback_journal_database_is_left_byte_identical(data_dir):
    open_database(data_dir, backup=False).close()
    path = data_dir / "walkback.db"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode=DELETE")
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as info:
        open_database(data_dir)
    assert "newer WalkBack" in str(info.value) and "9999" in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["walkback.db"]


def test_commits_are_durable_synchronous_full(data_dir):
    db = open_database(data_dir, backup=False)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    db.close()


def test_the_last_good_backup_survives_a_move_aside_and_can_be_restored(healthy):
    data_dir = healthy.parent
    start = date(2025, 1, 1)
    for day in range(3):
        open_database(data_dir, today=start + timedelta(days=day)).close()
    healthy.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # real corruption
    store = open_store(data_dir, backup=False)
    assert store.db.moved_aside is not None and store.sessions.count() == 0
    store.close()
    for day in range(3, 14):  # more than BACKUPS_KEPT days of an empty database
        open_database(data_dir, today=start + timedelta(days=day)).close()

    found = list_backups(data_dir)
    kept = [b for b in found if b.kept]
    assert [(b.taken_on, b.sessions) for b in kept] == [(date(2025, 1, 3), 2)]
    assert len(found) == backups.BACKUPS_KEPT + 1
    assert found[0].taken_on == date(2025, 1, 14) and found[0].sessions == 0

    set_aside = restore_backup(data_dir, kept[0].path)
    assert set_aside is not None and set_aside.exists()
    store = open_store(data_dir, backup=False)
    assert store.sessions.count() == 2
    store.close()


def test_an_unreadable_backup_is_not_restored(healthy, tmp_path):
    from walkback_desktop.storage.backups import BackupError

    bad = tmp_path / "walkback-2025-01-01.db"
    bad.write_bytes(b"nope")
    before = healthy.read_bytes()
    with pytest.raises(BackupError, match="cannot be read"):
        restore_backup(healthy.parent, bad)
    assert healthy.read_bytes() == before
