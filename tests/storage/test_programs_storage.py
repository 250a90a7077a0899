"""Programs, enrolments and 3MBWT results in the database."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from walkback_desktop.core.assessments import AssessmentResult
from walkback_desktop.core.programs import ProgramError
from walkback_desktop.storage.library import Clash
from walkback_desktop.storage.program_library import EnrolmentError


def test_one_active_enrolment_at_a_time_and_the_history_is_kept(store):
    knee = store.programs.get("knee-oa-6-weeks")
    store.enrolments.enrol(knee, date(2025, 1, 6))
    with pytest.raises(EnrolmentError) as info:
        store.enrolments.enrol(store.programs.get("low-back-3-weeks"), date(2025, 1, 7))
    assert info.value.code == "already_enrolled"
    left = store.enrolments.leave(date(2025, 2, 1))
    assert left.left_on == date(2025, 2, 1) and store.enrolments.active() is None
    store.enrolments.enrol(store.programs.get("low-back-3-weeks"), date(2025, 2, 3))
    history = store.enrolments.history()
    assert [(e.program.id, e.active) for e in history] == [
        ("knee-oa-6-weeks", False),
        ("low-back-3-weeks", True),
    ]


def test_the_database_itself_refuses_a_second_active_enrolment(store):
    store.enrolments.enrol(store.programs.get("knee-oa-6-weeks"), date(2025, 1, 6))
    conn = sqlite3.connect(store.db.path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO enrolments (program_id, program_json, started_on, active, created_at)"
            " VALUES ('x', '{}', '2025-01-01', 1, '2025-01-01 00:00:00')"
        )
    conn.close()


def test_pause_and_resume_are_stored_as_periods(store):
    store.enrolments.enrol(store.programs.get("knee-oa-6-weeks"), date(2025, 1, 6))
    store.enrolments.pause(date(2025, 1, 13))
    with pytest.raises(EnrolmentError):
        store.enrolments.pause(date(2025, 1, 14))
    record = store.enrolments.resume(date(2025, 1, 27))
    assert [(p.start, p.resumed_on) for p in record.pauses] == [
        (date(2025, 1, 13), date(2025, 1, 27))
    ]
    with pytest.raises(EnrolmentError) as info:
        store.enrolments.resume(date(2025, 1, 28))
    assert info.value.code == "not_paused"
    # Pausing and resuming the same day leaves no pause behind.
    store.enrolments.pause(date(2025, 2, 3))
    assert store.enrolments.resume(date(2025, 2, 3)).pauses[-1].resumed_on == date(2025, 1, 27)


def test_an_enrolment_keeps_the_program_as_it_was(store):
    data = store.programs.get("knee-oa-6-weeks").with_changes(id="my-knee", name="Mine").to_json()
    program = store.programs.import_program(data)
    store.enrolments.enrol(program, date(2025, 1, 6))
    store.programs.delete("my-knee")
    assert store.enrolments.active().program.name == "Mine"


def test_import_clash_handling_matches_routines(store):
    text = store.programs.get("knee-oa-6-weeks").to_json()
    with pytest.raises(ProgramError) as info:
        store.programs.import_program(text)
    assert info.value.code == "clash_builtin"
    with pytest.raises(ProgramError):
        store.programs.import_program(text, Clash.REPLACE)  # a built-in is never replaced
    renamed = store.programs.import_program(text, Clash.RENAME)
    assert renamed.id == "knee-oa-6-weeks-2"
    again = renamed.with_changes(name="Changed").to_json()
    with pytest.raises(ProgramError) as info:
        store.programs.import_program(again)
    assert info.value.code == "clash_custom"
    assert store.programs.import_program(again, Clash.REPLACE).name == "Changed"
    assert store.programs.get("knee-oa-6-weeks-2").name == "Changed"


def test_import_refuses_a_program_whose_routine_is_missing(store):
    text = (
        store.programs.get("knee-oa-6-weeks")
        .with_changes(id="odd")
        .to_json()
        .replace('"knee-friendly-20"', '"no-such-routine"')
    )
    with pytest.raises(ProgramError) as info:
        store.programs.import_program(text)
    assert (info.value.code, info.value.week) == ("unknown_routine", 1)
    assert store.programs.get("odd") is None


def test_assessments_keep_their_local_offset_trials_and_note(store):
    moment = datetime(2025, 3, 30, 23, 30, tzinfo=timezone(timedelta(hours=2)))
    saved = store.assessments.add(
        AssessmentResult(taken_at=moment, seconds=5.2, trials=(5.6, 5.2), note="with a helper")
    )
    (back,) = store.assessments.list()
    assert back == saved and back.id is not None
    assert back.taken_at.isoformat() == "2025-03-30T23:30:00+02:00"
    assert back.trials == (5.6, 5.2) and back.note == "with a helper"
    store.assessments.update(replace(back, seconds=5.0, note="edited"))
    assert [(r.seconds, r.note) for r in store.assessments.list()] == [(5.0, "edited")]
    assert store.assessments.delete(back.id) and store.assessments.list() == []


def test_upgrading_from_0002_replaces_the_unused_program_tables(data_dir):
    from sqlalchemy import create_engine, inspect

    from walkback_desktop.storage.database import migrate, open_database

    engine = create_engine(f"sqlite:///{data_dir / 'walkback.db'}")
    migrate(engine, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sessions (started_at, utc_offset_min, routine_name, active_seconds,"
            " backward_seconds, completed, notes, source)"
            " VALUES ('2025-01-02 08:00:00', 60, 'Old walk', 600, 300, 1, '', 'app')"
        )
    engine.dispose()
    db = open_database(data_dir, backup=False)
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        assert {"programs", "enrolments", "enrolment_pauses", "assessments"} <= tables
        columns = {c["name"] for c in inspect(conn).get_columns("enrolments")}
        assert {"program_json", "left_on", "active"} <= columns
        assert conn.exec_driver_sql("SELECT count(*) FROM sessions").scalar() == 1
    db.close()
