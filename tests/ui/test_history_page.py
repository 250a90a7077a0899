"""The History page: table model, filters, in-place edits, delete + undo, manual entry."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.helpers import make_session
from walkback_desktop.ui import history_model as hm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.manual_entry_dialog import ManualEntryDialog
from walkback_desktop.ui.pages.history import HistoryPage
from walkback_desktop.ui.wiring import history_services


@pytest.fixture
def ctx(store, data_dir):
    return AppContext(store=store, data_dir=data_dir)


@pytest.fixture
def page(qtbot, ctx):
    widget = HistoryPage(ctx, **history_services(ctx))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill(ctx, n=3):
    ids = []
    for day in range(n):
        ids.append(
            ctx.store.sessions.add(
                make_session(
                    day,
                    notes=f"walk {day}",
                    kcal=None if day == 0 else 100.0 + day,
                    completed=day != 1,
                    routine_name="Park <b>loop</b>" if day == 2 else "Knee-friendly retro walk",
                    routine_id=None if day == 2 else "knee-friendly-20",
                )
            )
        )
    return ids


def cell(page, row, column, role=Qt.ItemDataRole.DisplayRole):
    return page.proxy.index(row, column).data(role)


def test_first_time_user_sees_an_empty_state_with_a_start_action(page, qtbot):
    page.page_shown()
    assert page.stack.currentWidget() is page.empty
    with qtbot.waitSignal(page.ctx.events.start_requested) as blocker:
        page.empty.start_button.click()
    assert blocker.args == ["knee-friendly-20"]


def test_table_shows_sessions_newest_first_with_estimates_marked(page, ctx):
    fill(ctx)
    page.page_shown()
    assert page.proxy.rowCount() == 3
    assert cell(page, 0, hm.DATE) == "Wed 05 Mar 2025  08:30"
    assert cell(page, 0, hm.ROUTINE) == "Park <b>loop</b>"  # literal text, never HTML
    assert cell(page, 0, hm.DURATION) == "20:00"
    assert cell(page, 0, hm.BACKWARD) == "10:00"  # the same unit as Duration
    assert cell(page, 0, hm.KCAL) == "102"
    # kcal blank: 6.0 x 70 x 600/3600 + 2.8 x 70 x 600/3600 = 102.67, marked as an estimate
    assert cell(page, 2, hm.KCAL) == "≈ 103"
    assert cell(page, 1, hm.COMPLETED) == "No"
    assert cell(page, 0, hm.RPE) == "4"
    assert page.count_label.text() == "3 sessions"


def test_sorting_by_a_column(page, ctx):
    fill(ctx)
    page.page_shown()
    page.table.sortByColumn(hm.KCAL, Qt.SortOrder.AscendingOrder)
    assert [cell(page, r, hm.KCAL) for r in range(3)] == ["101", "102", "≈ 103"]
    page.table.sortByColumn(hm.DATE, Qt.SortOrder.AscendingOrder)
    assert cell(page, 0, hm.NOTES) == "walk 0"


def test_filters_by_completed_routine_and_dates(page, ctx):
    fill(ctx)
    page.page_shown()
    page.completed_filter.setCurrentIndex(2)  # not completed
    assert page.proxy.rowCount() == 1
    assert page.count_label.text() == "1 of 3 sessions shown"
    page.clear_filters()
    page.routine_filter.setCurrentText("Park <b>loop</b>")
    assert page.proxy.rowCount() == 1
    page.clear_filters()
    page.date_from.setDate(page.date_from.date().addDays(1))
    assert page.proxy.rowCount() == 2
    page.date_to.setDate(page.date_to.date().addDays(-1))
    assert page.proxy.rowCount() == 1
    assert cell(page, 0, hm.NOTES) == "walk 1"


def test_edit_pain_in_place_saves_and_undoes(page, ctx, qtbot):
    (first, *_) = fill(ctx)
    page.page_shown()
    page.table.sortByColumn(hm.DATE, Qt.SortOrder.AscendingOrder)
    index = page.proxy.index(0, hm.PAIN)
    with qtbot.waitSignal(ctx.events.sessions_changed):
        assert page.proxy.setData(index, 7)
    assert ctx.store.sessions.get(first).pain == 7
    assert cell(page, 0, hm.PAIN) == "7"
    assert not page.proxy.setData(index, 11)  # out of range is refused
    page.undo_stack.undo()
    assert ctx.store.sessions.get(first).pain == 2
    page.undo_stack.redo()
    assert ctx.store.sessions.get(first).pain == 7
    page.proxy.setData(page.proxy.index(0, hm.RPE), None)
    assert ctx.store.sessions.get(first).rpe is None
    assert cell(page, 0, hm.RPE) == hm.BLANK


def test_edit_notes_through_the_delegate(page, ctx, qtbot):
    (first, *_) = fill(ctx)
    page.page_shown()
    page.table.sortByColumn(hm.DATE, Qt.SortOrder.AscendingOrder)
    index = page.proxy.index(0, hm.NOTES)
    page.table.edit(index)
    editor = page.table.focusWidget()
    editor.setText("  knee <i>ok</i>  ")
    page.table.commitData(editor)
    page.table.closeEditor(editor, page._notes_delegate.EndEditHint.NoHint)
    assert ctx.store.sessions.get(first).notes == "knee <i>ok</i>"


def test_delete_with_undo_and_shortcuts(page, ctx, qtbot):
    ids = fill(ctx)
    page.page_shown()
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.proxy.index(1, 0),
        page.table.selectionModel().SelectionFlag.Select
        | page.table.selectionModel().SelectionFlag.Rows,
    )
    assert set(page.selected_ids()) == {ids[1], ids[2]}
    assert page.delete_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    page.delete_action.trigger()
    assert ctx.store.sessions.count() == 1
    assert page.proxy.rowCount() == 1
    page.undo_action.trigger()
    assert ctx.store.sessions.count() == 3
    restored = ctx.store.sessions.get(ids[2])
    assert restored.routine_name == "Park <b>loop</b>"
    assert page.proxy.rowCount() == 3
    page.redo_action.trigger()
    assert ctx.store.sessions.count() == 1
    assert "Ctrl+Shift+Z" in [s.toString() for s in page.redo_action.shortcuts()]


def test_log_a_walk_by_hand(page, ctx, qtbot):
    page.page_shown()
    now = datetime(2025, 6, 1, 18, 5, tzinfo=timezone(timedelta(hours=2)))
    dialog = ManualEntryDialog(ctx.store.library, now)
    qtbot.addWidget(dialog)
    dialog.routine.setCurrentText("Beach <walk>")
    dialog.duration.setValue(30)
    dialog.backward.setValue(40)
    assert dialog.problem() == "Backward minutes cannot be more than the whole walk's duration."
    dialog.accept()
    assert dialog.error.text().startswith("Backward minutes")
    dialog.backward.setValue(12)
    dialog.pain.setValue(3)
    dialog.notes.setPlainText("sand was soft")
    assert dialog.problem() is None
    record = dialog.record()
    assert (record.active_seconds, record.backward_seconds) == (1800, 720)
    assert (record.rpe, record.pain, record.source) == (None, 3, "manual")
    page.add_manual(dialog)
    (saved,) = ctx.store.sessions.list()
    assert saved.routine_name == "Beach <walk>"
    assert saved.routine_id is None
    assert page.stack.currentWidget() is not page.empty
    page.undo_stack.undo()
    assert ctx.store.sessions.count() == 0
    assert page.stack.currentWidget() is page.empty


def test_manual_entry_resolves_a_library_routine(ctx, qtbot):
    dialog = ManualEntryDialog(ctx.store.library, datetime(2025, 6, 1, 18, 5).astimezone())
    qtbot.addWidget(dialog)
    dialog.routine.setCurrentText("Knee-friendly retro walk")
    assert dialog.record().routine_id == "knee-friendly-20"


def test_refreshes_when_sessions_change_elsewhere(page, ctx):
    page.page_shown()
    ctx.store.sessions.add(make_session(0))
    ctx.events.sessions_changed.emit()
    assert page.proxy.rowCount() == 1


def test_columns_fit_1280_px_and_backward_reads_like_duration(qtbot, data_dir):
    from tests.helpers import make_session
    from walkback_desktop.app import build_main_window
    from walkback_desktop.ui import history_model as hm

    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.ctx.store.sessions.import_many([make_session(0, backward_seconds=630.0)])
    window.ctx.events.sessions_changed.emit()
    window.resize(1280, 800)
    window.show()
    window.show_page("history")
    page = window.page("history")
    qtbot.waitUntil(lambda: page.table.model().rowCount() == 1)
    assert not page.table.horizontalScrollBar().isVisible()
    index = page.table.model().index(0, hm.BACKWARD)
    duration = page.table.model().index(0, hm.DURATION)
    assert index.data() == "10:30"
    assert duration.data() == "20:00"


def test_the_report_is_reachable_from_history(qtbot, data_dir, monkeypatch):
    from walkback_desktop.app import build_main_window
    from walkback_desktop.ui import report_actions

    called = []
    monkeypatch.setattr(
        report_actions.ReportCommands, "export_pdf", lambda self, parent=None: called.append(1)
    )
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    page = window.page("history")
    page.report_button.click()
    assert called == [1]


def test_a_note_or_delete_the_database_refuses_is_kept_and_retried(qtbot, data_dir, monkeypatch):
    """Issue 15.3: a locked database during an edit or a delete: the person is told,
    Retry saves it, nothing is shown that was not saved, and no error reaches Qt."""
    from tests.helpers import make_session
    from walkback_desktop.app import build_main_window
    from walkback_desktop.storage.errors import StorageError, StorageErrorKind
    from walkback_desktop.ui import confirm

    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    store = window.ctx.store
    store.sessions.import_many([make_session(0, notes="before")])
    window.show_page("history")
    page = window.page("history")
    page.reload()
    session_id = page.model.record(0).id
    real_update, real_delete = store.sessions.update, store.sessions.delete
    failures = {"update": 1, "delete": 1}

    def flaky(name, real):
        def call(*args, **kwargs):
            if failures[name]:
                failures[name] -= 1
                raise StorageError(StorageErrorKind.LOCKED, store.db.path)
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(store.sessions, "update", flaky("update", real_update))
    monkeypatch.setattr(store.sessions, "delete", flaky("delete", real_delete))
    asked: list[str] = []
    monkeypatch.setattr(confirm, "ask", lambda _p, title, *_a, **_k: asked.append(title) or True)

    page._on_edit_requested(session_id, "notes", "after")
    assert asked == ["Not saved"]
    assert store.sessions.get(session_id).notes == "after"
    assert page.model.record(0).notes == "after"
    page.undo_stack.undo()
    assert store.sessions.get(session_id).notes == "before"

    page.table.selectRow(0)
    page.delete_selected()
    assert asked == ["Not saved", "Not saved"]
    assert store.sessions.count() == 0
    page.undo_stack.undo()
    assert store.sessions.count() == 1

    failures["update"] = 1
    monkeypatch.setattr(confirm, "ask", lambda *_a, **_k: False)  # Cancel: nothing changes
    page._on_edit_requested(session_id, "notes", "never saved")
    assert store.sessions.get(session_id).notes == "before"
    assert page.model.record(0).notes == "before"
