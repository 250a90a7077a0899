from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import create_engine, inspect

from walkback_desktop.storage import database
from walkback_desktop.storage.database import (
    DatabaseTooNewError,
    backup_daily,
    head_revision,
    migrate,
    open_database,
)
from walkback_desktop.storage.models import Base


def _schema(engine):
    insp = inspect(engine)
    tables = {}
    for name in insp.get_table_names():
        if name == "alembic_version":
            continue
        cols = {(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(name)}
        idx = {(i["name"], tuple(i["column_names"])) for i in insp.get_indexes(name)}
        fks = {
            (tuple(f["constrained_columns"]), f["referred_table"])
            for f in insp.get_foreign_keys(name)
        }
        tables[name] = (cols, idx, fks)
    return tables


def test_empty_dir_gets_the_current_schema(data_dir, tmp_path):
    db = open_database(data_dir)
    reference = create_engine(f"sqlite:///{tmp_path / 'reference.db'}")
    Base.metadata.create_all(reference)
    assert _schema(db.engine) == _schema(reference)
    db.close()


def test_wal_mode_and_foreign_keys_are_on(data_dir):
    db = open_database(data_dir)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()


def test_head_known_without_alembic_matches_alembic():
    assert database._head_from_files() == head_revision()


def test_first_revision_upgrades_without_losing_rows(data_dir):
    engine = create_engine(f"sqlite:///{data_dir / 'walkback.db'}")
    migrate(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sessions (started_at, utc_offset_min, routine_name, active_seconds,"
            " backward_seconds, completed, notes, source)"
            " VALUES ('2025-01-02 08:00:00', 60, 'Old walk', 600, 300, 1, 'kept', 'app')"
        )
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('weight_kg', '81.0')")
    engine.dispose()

    db = open_database(data_dir)
    with db.engine.connect() as conn:
        assert (
            conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == head_revision()
        )
        row = conn.exec_driver_sql("SELECT routine_name, notes FROM sessions").one()
        assert tuple(row) == ("Old walk", "kept")
        assert conn.exec_driver_sql("SELECT value FROM settings").scalar() == "81.0"
        assert "checkpoints" in inspect(conn).get_table_names()
    db.close()


def test_a_database_from_a_newer_app_is_refused_untouched(data_dir):
    db = open_database(data_dir)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    db.close()
    before = (data_dir / "walkback.db").read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer WalkBack"):
        open_database(data_dir, backup=False)
    assert (data_dir / "walkback.db").read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"this is not a database at all", b"", b"SQLite format 3\x00" + b"\x00" * 50]
)
def test_corrupt_file_is_moved_aside_and_a_fresh_one_made(data_dir, content):
    (data_dir / "walkback.db").write_bytes(content)
    db = open_database(data_dir)
    moved = list(data_dir.glob("walkback.db.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == content
    assert db.notices and "moved aside" in db.notices[0] and "nothing was deleted" in db.notices[0]
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sessions").scalar() == 0
    db.close()


def test_daily_backups_keep_the_last_seven(data_dir):
    open_database(data_dir).close()
    path = data_dir / "walkback.db"
    for day in range(1, 11):
        backup_daily(path, date(2025, 1, day))
    backups = sorted(p.name for p in (data_dir / "backups").iterdir())
    assert backups == [f"walkback-2025-01-{d:02d}.db" for d in range(4, 11)]
    conn = sqlite3.connect(data_dir / "backups" / backups[-1])
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_opening_twice_a_day_makes_one_backup(data_dir):
    open_database(data_dir).close()
    open_database(data_dir, today=date(2025, 6, 1)).close()
    open_database(data_dir, today=date(2025, 6, 1)).close()
    assert [p.name for p in (data_dir / "backups").iterdir()] == ["walkback-2025-06-01.db"]
