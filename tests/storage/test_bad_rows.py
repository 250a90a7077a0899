"""One bad row blocks nothing: it is kept, skipped with a notice, and every
command keeps working (a routine from a newer WalkBack, a checkpoint with
broken JSON or a bad date, a session with a bad date)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import make_session
from walkback_desktop.cli import main
from walkback_desktop.storage.store import open_store


@pytest.fixture
def walkback(data_dir, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _sql(data_dir: Path, statement: str, *params) -> None:
    conn = sqlite3.connect(data_dir / "walkback.db")
    conn.execute(statement, params)
    conn.commit()
    conn.close()


def _count(data_dir: Path, table: str) -> int:
    conn = sqlite3.connect(data_dir / "walkback.db")
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def two_sessions(data_dir):
    store = open_store(data_dir, backup=False)
    store.sessions.add(make_session(0, notes="first"))
    store.sessions.add(make_session(1, notes="second"))
    store.close()
    return data_dir


NEWER_ROUTINE = json.dumps({"format": "walkback-routine", "version": 2, "id": "future"})


@pytest.mark.parametrize("text", [NEWER_ROUTINE, "{not json", "[]"])
def test_a_custom_routine_that_cannot_be_read_is_skipped_and_kept(two_sessions, walkback, text):
    _sql(
        two_sessions,
        "INSERT INTO routines (id, name, json, created_at, updated_at) "
        "VALUES ('future', 'Future walk', ?, '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
        text,
    )
    code, out, err = walkback("routines", "list")
    assert code == 0 and "knee-friendly-20" in out
    assert 'custom routine "future" cannot be read' in err and "kept unchanged" in err
    code, out, _ = walkback("routines", "list", "--json")
    assert code == 0 and "future" not in {r["id"] for r in json.loads(out)}
    assert _count(two_sessions, "routines") == 1


def test_the_main_window_opens_with_an_unreadable_custom_routine(two_sessions, qtbot):
    from walkback_desktop.app import build_main_window

    _sql(
        two_sessions,
        "INSERT INTO routines (id, name, json, created_at, updated_at) "
        "VALUES ('future', 'Future walk', ?, '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
        NEWER_ROUTINE,
    )
    window = build_main_window(two_sessions)
    qtbot.addWidget(window)
    assert window.store is not None
    assert any("future" in n for n in window.store.notices)


def _checkpoint(data_dir: Path, started: str, segments: str) -> None:
    _sql(
        data_dir,
        "INSERT INTO checkpoints (id, routine_id, routine_name, routine_snapshot, started_at,"
        " utc_offset_min, active_seconds, backward_seconds, segments_done, updated_at)"
        " VALUES (1, NULL, 'Park walk', '{}', ?, 60, 300, 120, ?, '2025-03-03 08:05:00')",
        started,
        segments,
    )


def test_a_checkpoint_with_broken_json_is_recovered_without_segments(two_sessions, walkback):
    _checkpoint(two_sessions, "2025-03-03 08:00:00", "[{broken")
    code, out, err = walkback("history", "export", "-")
    assert code == 0
    assert "Park walk" in out and "could not be read" in err
    kept = list((two_sessions / "set-aside").glob("checkpoint-*.json"))
    assert len(kept) == 1 and "[{broken" in kept[0].read_text()
    assert _count(two_sessions, "checkpoints") == 0
    code, _, err = walkback("settings", "get", "units")
    assert code == 0 and err == ""


def test_a_checkpoint_with_a_bad_date_is_set_aside_and_commands_work(two_sessions, walkback):
    _checkpoint(two_sessions, "yesterday-ish", "[]")
    code, out, err = walkback("history", "export", "-")
    assert code == 0 and "first" in out and "second" in out
    assert "interrupted workout could not be read" in err
    kept = list((two_sessions / "set-aside").glob("checkpoint-*.json"))
    assert len(kept) == 1 and "yesterday-ish" in kept[0].read_text()
    assert walkback("routines", "list")[0] == 0


def test_a_session_with_a_bad_date_does_not_stop_the_export(two_sessions, walkback):
    _sql(two_sessions, "UPDATE sessions SET started_at = 'last tuesday' WHERE notes = 'first'")
    code, out, err = walkback("history", "export", "-")
    assert code == 0
    assert "second" in out and "first" not in out
    assert "has a date that cannot be read" in err and "'last tuesday'" in err
    assert _count(two_sessions, "sessions") == 2
    store = open_store(two_sessions, backup=False)
    assert [r.notes for r in store.sessions.list(with_segments=True)] == ["second"]
    store.close()


def test_an_unreadable_routine_is_not_overwritten_by_an_import(two_sessions, walkback, tmp_path):
    _sql(
        two_sessions,
        "INSERT INTO routines (id, name, json, created_at, updated_at) "
        "VALUES ('future', 'Future walk', ?, '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
        NEWER_ROUTINE,
    )
    routine = tmp_path / "r.walkback.json"
    walkback("routines", "export", "knee-friendly-20", str(routine))
    data = json.loads(routine.read_text())
    data["id"] = "future"
    routine.write_text(json.dumps(data))
    code, _, err = walkback("routines", "import", str(routine))
    assert code == 2 and "cannot read; it is kept" in err
    conn = sqlite3.connect(two_sessions / "walkback.db")
    assert conn.execute("SELECT json FROM routines").fetchone()[0] == NEWER_ROUTINE
    conn.close()
