"""`walkback history import` and `export` on a database that is ready as it is
run on a plain sqlite3 connection (storage/plain.py): the same results, the
same all-or-nothing import and messages, and the full store whenever the
folder needs more (a workout to recover, a routine that cannot be read)."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.helpers import make_routine, make_session
from walkback_desktop.cli import main
from walkback_desktop.core.history import COLUMNS, CheckpointRecord
from walkback_desktop.storage.store import open_store

HEADER = ",".join(COLUMNS)
ROWS = (
    "2025-03-03T08:30:00+01:00,knee-friendly-20,1200,600,,4,2,true,felt fine\n"
    '2025-03-05T18:00:00-05:00,Walk from another app,905.5,300,110.25,,,false,"tired, early"\n'
    "2025-03-07T07:15:00+00:00,Hill repeats,720,240,,3,,true,\n"
)


@pytest.fixture
def ready(data_dir):
    """A data folder with a database at the newest schema and one session."""
    store = open_store(data_dir)
    store.sessions.add(make_session(30, notes="walked before"))
    store.library.save(
        make_routine((60, "backward"), routine_id="hills").with_changes(name="Hill repeats")
    )
    store.close()
    return data_dir


@pytest.fixture
def walkback(data_dir, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _csv(tmp_path: Path, rows: str = ROWS) -> str:
    path = tmp_path / "history.csv"
    path.write_text(HEADER + "\n" + rows, encoding="utf-8")
    return str(path)


def _sessions(data_dir: Path):
    store = open_store(data_dir, backup=False)
    try:
        return store.sessions.list()
    finally:
        store.close()


def test_the_history_commands_do_not_load_sqlalchemy(ready, tmp_path):
    source = _csv(tmp_path)
    script = (
        "import sys\n"
        "from walkback_desktop.cli import main\n"
        f"codes = [main(['history', 'import', {source!r}, '--data-dir', {str(ready)!r}]),\n"
        f"         main(['history', 'export', '-', '--data-dir', {str(ready)!r}])]\n"
        "print(codes, sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "[0, 0] []"


def test_import_resolves_custom_routines_by_name_and_skips_duplicates(ready, walkback, tmp_path):
    source = _csv(tmp_path, ROWS + ROWS.splitlines(keepends=True)[0])  # a row twice in the file
    code, out, err = walkback("history", "import", source)
    assert code == 0, err
    assert "imported 3 sessions" in out and "1 already in your history was skipped" in out
    code, out, _ = walkback("history", "import", source)
    assert "imported 0 sessions" in out and "4 already in your history were skipped" in out
    records = _sessions(ready)
    assert len(records) == 4
    hill = next(r for r in records if r.routine_name == "Hill repeats")
    assert hill.routine_id == "hills" and hill.source == "import"
    assert [r.notes for r in records].count("walked before") == 1


def test_import_then_export_round_trips_on_the_plain_path(ready, walkback, tmp_path):
    walkback("history", "import", _csv(tmp_path))
    code, out, _ = walkback("history", "export", "-")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == HEADER and len(lines) == 5
    assert "2025-03-05T18:00:00-05:00,Walk from another app,905.5,300,110.25,,,false," in out
    assert '"tired, early"' in out and "2025-03-07T07:15:00+00:00,Hill repeats,720,240" in out


def test_a_bad_row_names_its_line_and_nothing_is_imported(ready, walkback, tmp_path):
    rows = ROWS + '2025-03-08T07:15:00+00:00,Hill repeats,720,240,,3,,true,"two\nlines"\n'
    rows += "2025-03-09T07:15:00+00:00,Hill repeats,nan,240,,3,,true,\n"
    code, _, err = walkback("history", "import", _csv(tmp_path, rows))
    assert code == 2
    assert "line 7: active_seconds must be between 0 and 86400, got nan" in err
    assert "nothing was imported" in err
    assert len(_sessions(ready)) == 1


def test_a_full_disk_mid_import_leaves_the_history_as_it_was(
    ready, walkback, tmp_path, monkeypatch
):
    from walkback_desktop.storage import session_rows

    real = session_rows.bulk_row
    calls = []

    def full_on_third(record):
        calls.append(record)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(record)

    monkeypatch.setattr(session_rows, "bulk_row", full_on_third)
    code, _, err = walkback("history", "import", _csv(tmp_path))
    assert code == 1 and "Free some space" in err
    monkeypatch.undo()
    assert [r.notes for r in _sessions(ready)] == ["walked before"]
    code, out, _ = walkback("history", "import", _csv(tmp_path))
    assert code == 0 and "imported 3 sessions" in out


def test_a_locked_database_is_explained_and_nothing_is_imported(
    ready, walkback, tmp_path, monkeypatch
):
    from walkback_desktop.storage import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(ready / "walkback.db")
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = walkback("history", "import", _csv(tmp_path))
    finally:
        holder.rollback()
        holder.close()
    assert code == 1 and "in use by another program" in err
    assert len(_sessions(ready)) == 1


def test_an_interrupted_workout_is_recovered_before_the_import(ready, walkback, tmp_path):
    store = open_store(ready)
    started = datetime(2025, 5, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    store.checkpoints.save(
        CheckpointRecord(
            routine_id="knee-friendly-20",
            routine_name="Knee-friendly retro walk",
            routine_snapshot="{}",
            started_at=started,
            active_seconds=300.0,
            backward_seconds=120.0,
            segments_done=(),
            updated_at=started + timedelta(minutes=5),
        )
    )
    store.close()
    code, out, err = walkback("history", "import", _csv(tmp_path))
    assert code == 0 and "imported 3 sessions" in out
    assert "interrupted workout" in err
    assert len(_sessions(ready)) == 5


def test_an_unreadable_custom_routine_is_told_once_and_the_import_goes_on(
    ready, walkback, tmp_path
):
    conn = sqlite3.connect(ready / "walkback.db")
    conn.execute(
        "INSERT INTO routines (id, name, json, created_at, updated_at) VALUES "
        "('broken', 'Broken', '{not json', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
    )
    conn.commit()
    conn.close()
    code, out, err = walkback("history", "import", _csv(tmp_path))
    assert code == 0 and "imported 3 sessions" in out
    assert err.count('custom routine "broken" cannot be read') == 1
