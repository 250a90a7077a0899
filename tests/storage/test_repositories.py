from __future__ import annotations

import errno
from datetime import datetime, timedelta, timezone

import pytest

from tests.helpers import make_routine, make_session
from walkback_desktop.core.history import CheckpointRecord, SegmentRecord
from walkback_desktop.core.routine import RoutineError
from walkback_desktop.core.settings import SettingError
from walkback_desktop.storage.errors import StorageError, StorageErrorKind
from walkback_desktop.storage.library import Clash, RoutineClashError
from walkback_desktop.storage.store import open_store


def test_session_saved_with_segments_and_read_back(store):
    record = make_session(
        segments=(
            SegmentRecord(0, "warmup", "Walk forwards", 300, 300.0, 2.8),
            SegmentRecord(1, "backward", "Walk backwards", 600, 598.5, 6.0),
        ),
        routine_snapshot='{"id": "x"}',
    )
    session_id = store.sessions.add(record)
    back = store.sessions.get(session_id)
    assert back == record
    assert back.started_at.utcoffset() == timedelta(hours=1)
    assert [s.done_seconds for s in back.segments] == [300.0, 598.5]
    assert back.routine_snapshot == '{"id": "x"}'


def test_list_filters_by_utc_range_oldest_first(store):
    for day in (3, 1, 2):
        store.sessions.add(make_session(day))
    start = make_session(2).started_at
    listed = store.sessions.list(start=start)
    assert [r.started_at for r in listed] == [
        make_session(2).started_at,
        make_session(3).started_at,
    ]


def test_update_what_the_person_reported(store):
    session_id = store.sessions.add(make_session())
    store.sessions.update(session_id, rpe=7, pain=0, notes="<b>sore</b> & tired")
    back = store.sessions.get(session_id)
    assert (back.rpe, back.pain, back.notes) == (7, 0, "<b>sore</b> & tired")
    with pytest.raises(ValueError, match="cannot edit"):
        store.sessions.update(session_id, active_seconds=1)


def test_delete_then_restore_brings_back_the_same_sessions(store):
    ids = [
        store.sessions.add(
            make_session(d, segments=(SegmentRecord(0, "backward", "B", 60, 60, 6.0),))
        )
        for d in range(3)
    ]
    deleted = store.sessions.delete(ids[:2])
    assert store.sessions.count() == 1
    store.sessions.restore(deleted)
    assert store.sessions.count() == 3
    assert store.sessions.get(ids[0]).segments[0].label == "B"


def test_import_is_one_transaction_and_skips_duplicates(store):
    store.sessions.add(make_session(0))
    result = store.sessions.import_many([make_session(0), make_session(1), make_session(2)])
    assert (result.added, result.skipped_duplicates) == (2, 1)
    assert store.sessions.count() == 3


def test_a_failing_import_leaves_nothing_behind(store, monkeypatch):
    from walkback_desktop.storage import session_rows

    real = session_rows.bulk_row
    calls = []

    def explode_on_third(record):
        calls.append(record)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(record)

    monkeypatch.setattr(session_rows, "bulk_row", explode_on_third)
    with pytest.raises(StorageError) as info:
        store.sessions.import_many([make_session(d) for d in range(5)])
    assert info.value.kind is StorageErrorKind.FULL and "Free some space" in str(info.value)
    assert store.sessions.count() == 0


def test_settings_typed_defaults_and_validation(store):
    assert store.settings.get("weight_kg") == 70.0
    store.settings.set("weight_kg", 82.5)
    assert store.settings.get("weight_kg") == 82.5
    with pytest.raises(SettingError):
        store.settings.set("weight_kg", 5)
    assert store.settings.all()["weight_kg"] == 82.5


def test_custom_routines_and_read_only_builtins(store):
    custom = make_routine((60, "backward"), routine_id="my-walk")
    store.library.save(custom)
    assert store.library.get("my-walk") == custom
    builtin = store.library.builtins[0]
    with pytest.raises(RoutineError, match="built-in"):
        store.library.save(builtin)
    with pytest.raises(RoutineError, match="cannot be deleted"):
        store.library.delete(builtin.id)
    assert store.library.delete("my-walk")
    assert store.library.get("my-walk") is None


def test_import_clash_refuse_rename_replace(store):
    text = make_routine((60, "backward"), routine_id="clash-me").to_json()
    store.library.import_routine(text)
    with pytest.raises(RoutineClashError, match="already used"):
        store.library.import_routine(text)
    renamed = store.library.import_routine(text, Clash.RENAME)
    assert renamed.id == "clash-me-2"
    replaced = store.library.import_routine(text, Clash.REPLACE)
    assert replaced.id == "clash-me"
    builtin_text = store.library.builtins[0].to_json()
    with pytest.raises(RoutineClashError, match="built-in"):
        store.library.import_routine(builtin_text, Clash.REPLACE)


def test_resolve_label_by_id_or_name(store):
    builtin = store.library.builtins[0]
    assert store.library.resolve_label(builtin.id) == (builtin.id, builtin.name)
    assert store.library.resolve_label(builtin.name.upper()) == (builtin.id, builtin.name)
    assert store.library.resolve_label("Walk from another app") == (None, "Walk from another app")


def test_interrupted_workout_is_recovered_on_next_open(data_dir):
    store = open_store(data_dir)
    started = datetime(2025, 5, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    store.checkpoints.save(
        CheckpointRecord(
            routine_id="knee-friendly-20",
            routine_name="Knee-friendly retro walk",
            routine_snapshot="{}",
            started_at=started,
            active_seconds=312.0,
            backward_seconds=100.0,
            segments_done=(SegmentRecord(0, "warmup", "Warm up", 300, 300.0, 2.8),),
            updated_at=started + timedelta(seconds=312),
        )
    )
    store.close()
    again = open_store(data_dir)
    assert again.recovered is not None
    assert any("interrupted workout" in n for n in again.notices)
    [session] = again.sessions.list(with_segments=True)
    assert not session.completed and session.active_seconds == 312.0
    assert session.started_at == started and session.segments[0].done_seconds == 300.0
    assert again.checkpoints.load() is None
    again.close()
    assert open_store(data_dir).recovered is None


def test_recovery_can_be_left_to_the_running_window(data_dir):
    store = open_store(data_dir)
    now = datetime.now(timezone.utc)
    store.checkpoints.save(CheckpointRecord(None, "Walk", "{}", now, 30.0, 10.0, (), now))
    store.close()
    other = open_store(data_dir, recover=False)
    assert other.recovered is None
    assert other.checkpoints.load() is not None
    other.close()


def test_settings_snapshot_is_typed_and_update_is_validated(store):
    from walkback_desktop.core.settings import SettingError

    snap = store.settings.update(weight_kg=82.5, language="de")
    assert snap.weight_kg == 82.5
    assert snap.language == "de"
    assert store.settings.snapshot() == snap
    with pytest.raises(SettingError):
        store.settings.update(volume=101)
    assert store.settings.snapshot().volume == 80
