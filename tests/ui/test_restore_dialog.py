"""File > Restore from backup…: the list of daily copies, and going back to one."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from tests.helpers import make_session
from walkback_desktop.app import build_main_window
from walkback_desktop.storage.backups import backup_daily
from walkback_desktop.storage.store import open_store
from walkback_desktop.ui import restore_dialog, wiring
from walkback_desktop.ui.restore_dialog import RESTART_PROPERTY, RestoreDialog

FIRST, SECOND = date(2025, 3, 1), date(2025, 3, 2)


@pytest.fixture
def backed_up(store):
    """One session in the 1 March copy, two in the 2 March copy, three now."""
    store.sessions.add(make_session(0))
    backup_daily(store.db.path, FIRST)
    store.sessions.add(make_session(1))
    backup_daily(store.db.path, SECOND)
    store.sessions.add(make_session(2))
    return store


def rows(dialog: RestoreDialog) -> list[str]:
    return [dialog.backups.item(i).text() for i in range(dialog.backups.count())]


def select(dialog: RestoreDialog, day: date) -> None:
    for i in range(dialog.backups.count()):
        if dialog.backups.item(i).data(restore_dialog.BACKUP_ROLE).taken_on == day:
            dialog.backups.setCurrentRow(i)
            return
    raise AssertionError(f"no backup of {day}")


def test_lists_backups_newest_first_with_session_counts(qtbot, backed_up):
    dialog = RestoreDialog(backed_up.data_dir, backed_up.close)
    qtbot.addWidget(dialog)
    days = [
        dialog.backups.item(i).data(restore_dialog.BACKUP_ROLE).taken_on
        for i in range(dialog.backups.count())
    ]
    listed = rows(dialog)
    # the copy made when the store opened today (if any) comes first, then 2 and 1 March
    assert days == sorted(days, reverse=True) and days[-2:] == [SECOND, FIRST]
    assert listed[-2].endswith("2 sessions") and listed[-1].endswith("1 session")
    assert "2025" in listed[-1]
    assert dialog.restore_button.isEnabled()


def test_restoring_brings_back_the_chosen_copy_and_keeps_the_current_file(
    qtbot, backed_up, data_dir, answer_yes
):
    dialog = RestoreDialog(backed_up.data_dir, backed_up.close)
    qtbot.addWidget(dialog)
    select(dialog, FIRST)
    dialog.restore_button.click()
    assert answer_yes.asked == ["Restore from backup"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.set_aside is not None and dialog.set_aside.exists()
    reopened = open_store(data_dir, backup=False)
    try:
        assert reopened.sessions.count() == 1
    finally:
        reopened.close()
    # the file set aside still holds all three sessions
    conn = sqlite3.connect(dialog.set_aside)
    try:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (3,)
    finally:
        conn.close()


def test_cancelling_the_question_changes_nothing(qtbot, backed_up, monkeypatch):
    monkeypatch.setattr(restore_dialog.confirm, "ask", lambda *args, **kwargs: False)
    dialog = RestoreDialog(backed_up.data_dir, backed_up.close)
    qtbot.addWidget(dialog)
    select(dialog, FIRST)
    dialog.restore_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert backed_up.sessions.count() == 3


def test_a_failed_restore_changes_nothing_and_says_why(qtbot, backed_up, answer_yes):
    dialog = RestoreDialog(backed_up.data_dir, backed_up.close)
    qtbot.addWidget(dialog)
    select(dialog, FIRST)
    chosen = dialog.chosen()
    assert chosen is not None
    chosen.path.write_bytes(b"this is not a database")  # damaged after it was listed
    dialog.restore_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Nothing was restored" in dialog.message.text()
    assert "cannot be read" in dialog.message.text()
    # the store reconnects to the untouched file
    assert backed_up.sessions.count() == 3
    assert not list(backed_up.data_dir.glob("walkback.db.before-restore-*"))


def test_no_backups_says_so(qtbot, data_dir):
    store = open_store(data_dir, backup=False)
    try:
        dialog = RestoreDialog(store.data_dir, store.close)
        qtbot.addWidget(dialog)
        assert dialog.backups.count() == 0
        assert "no backups" in dialog.message.text()
        assert not dialog.restore_button.isEnabled()
    finally:
        store.close()


def test_file_menu_offers_restore(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menus["File"].actions()]
    assert "Restore from backup…" in texts


def test_relaunch_only_when_a_restore_asked(monkeypatch, data_dir):
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        restore_dialog.QProcess,
        "startDetached",
        lambda program, args: started.append((program, args)) or True,
    )
    monkeypatch.setattr(restore_dialog.sys, "argv", ["walkback", "start", "first-steps-12"])
    monkeypatch.setattr(
        restore_dialog.sys, "orig_argv", ["python", "-m", "walkback_desktop", "start", "x"]
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert not restore_dialog.relaunch_if_requested(app)
    app.setProperty(RESTART_PROPERTY, str(data_dir))
    assert restore_dialog.relaunch_if_requested(app)
    # the same program, the same data folder, and no workout started again
    assert started == [
        (restore_dialog.sys.executable, ["-m", "walkback_desktop", "--data-dir", str(data_dir)])
    ]
    assert not app.property(RESTART_PROPERTY)


@pytest.mark.parametrize("pick_offer", [True, False])
def test_start_up_notice_offers_the_restore(qtbot, monkeypatch, pick_offer):
    from PySide6.QtWidgets import QMessageBox

    from walkback_desktop.app import show_notice

    labels: list[list[str]] = []

    def exec_(box: QMessageBox) -> int:
        labels.append([b.text() for b in box.buttons()])
        wanted = "Restore from backup…" if pick_offer else "OK"
        for button in box.buttons():
            if button.text().replace("&", "") == wanted:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert show_notice(None, "moved aside", "Restore from backup…") is pick_offer
    assert "Restore from backup…" in labels[0]
    assert show_notice(None, "an interrupted workout was saved") is False
    assert "Restore from backup…" not in labels[1]


def test_the_file_menu_action_restores_and_restarts(qtbot, data_dir, monkeypatch, answer_yes):
    from PySide6.QtWidgets import QMessageBox

    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    store = window.store
    assert store is not None
    store.sessions.add(make_session(0))
    backup_daily(store.db.path, FIRST)
    store.sessions.add(make_session(1))

    def exec_dialog(dialog: RestoreDialog) -> int:
        select(dialog, FIRST)
        dialog.restore_button.click()
        return int(dialog.result())

    told: list[str] = []
    restarts: list[object] = []
    monkeypatch.setattr(RestoreDialog, "exec", exec_dialog)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    monkeypatch.setattr(restore_dialog, "request_restart", lambda *args: restarts.append(args))
    monkeypatch.setattr(QApplication, "activeWindow", staticmethod(lambda: window))
    action = next(a for a in window.menus["File"].actions() if a.text() == "Restore from backup…")
    action.trigger()
    assert told == ["The backup was restored. WalkBack restarts now."]
    assert restarts == [(window, data_dir)]
    reopened = open_store(data_dir, backup=False)
    try:
        assert reopened.sessions.count() == 1
    finally:
        reopened.close()


def test_no_restore_while_a_workout_is_not_yet_saved(qtbot, data_dir, monkeypatch):
    from datetime import datetime, timezone

    from walkback_desktop.core.history import CheckpointRecord

    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    store = window.store
    assert store is not None
    store.checkpoints.save(
        CheckpointRecord(
            routine_id="first-steps-12",
            routine_name="First steps backwards",
            routine_snapshot="{}",
            started_at=datetime(2025, 3, 1, 9, tzinfo=timezone.utc),
            active_seconds=30.0,
            backward_seconds=10.0,
            segments_done=(),
            updated_at=datetime(2025, 3, 1, 9, 1, tzinfo=timezone.utc),
        )
    )
    opened: list[object] = []
    monkeypatch.setattr(RestoreDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    said: list[str] = []
    window.ctx.events.status_message.connect(said.append)
    assert not wiring.open_restore_dialog(window.ctx, window)
    assert opened == []
    assert "workout" in said[-1]
