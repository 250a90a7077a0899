"""The routine editor: create, edit, reorder, undo/redo, validate, save, reopen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from walkback_desktop.core.routine import Routine, Segment, SegmentKind, slugify
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.routine_editor import dialogs
from walkback_desktop.ui.routine_editor.dialog import RoutineEditor
from walkback_desktop.ui.routine_editor.segment_model import DURATION, LABEL
from walkback_desktop.ui.routine_editor.texts import met_description


@pytest.fixture(autouse=True)
def _no_real_message_boxes(monkeypatch):
    """A real box would block the test run; these answer and record instead."""
    problems = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *_a: dialogs.Unsaved.DISCARD)
    monkeypatch.setattr(dialogs, "show_problem", lambda _p, title, text: problems.append(text))
    return problems


@pytest.fixture
def ctx(store, data_dir):
    return AppContext(store=store, data_dir=data_dir)


def make_editor(qtbot, ctx, routine=None, *, is_new=False):
    editor = RoutineEditor(
        ctx, routine, library=ctx.store.library, settings=ctx.store.settings, is_new=is_new
    )
    qtbot.addWidget(editor)
    editor.show()
    return editor


def labels(editor):
    return [s.label for s in editor.model.segments()]


def knee_routine() -> Routine:
    return Routine(
        id="knee-physio",
        name="Knee physio",
        segments=(
            Segment(SegmentKind.WARMUP, "Easy forwards", 120, tips=("Relax",)),
            Segment(SegmentKind.BACKWARD, "Backwards", 90, met=5.0, cadence_spm=90),
            Segment(SegmentKind.COOLDOWN, "Slow forwards", 60, incline_pct=2.5),
        ),
    )


def test_slug_ids_from_names():
    assert slugify("Knee rehab, week 1") == "knee-rehab-week-1"
    assert slugify("Ré-éducation genou") == "re-education-genou"
    assert slugify("!!") == "my-routine"
    assert slugify("ab") == "routine-ab"


def test_met_description_names_the_compendium_activity():
    assert met_description(6.0, SegmentKind.BACKWARD) == (
        "6.0 MET — walking, backwards, 3.5 mph, level (Compendium 17320)"
    )
    assert met_description(5.0, SegmentKind.BACKWARD).startswith(
        "5.0 MET — your own value (the usual"
    )


def test_new_routine_starts_from_a_template_and_saves_under_a_slug_id(qtbot, ctx):
    editor = make_editor(qtbot, ctx)
    kinds = [s.kind for s in editor.model.segments()]
    assert kinds == [SegmentKind.WARMUP, SegmentKind.BACKWARD, SegmentKind.COOLDOWN]
    assert editor.problem is None and editor.save_button.isEnabled()
    assert "Total 10:00" in editor.totals_label.text()
    assert "backward 5 min" in editor.totals_label.text()
    qtbot.keyClicks(editor.name_edit, " for knees")
    assert editor.field("name") == "My routine for knees"
    with qtbot.waitSignal(ctx.events.routines_changed):
        assert editor.save()
    saved = ctx.store.library.get("my-routine-for-knees")
    assert saved is not None and saved.name == "My routine for knees"
    assert saved.segments == editor.model.segments()


def test_second_new_routine_with_the_same_name_gets_a_free_id(qtbot, ctx):
    for _ in range(2):
        editor = make_editor(qtbot, ctx)
        assert editor.save()
    ids = sorted(r.id for r in ctx.store.library.custom())
    assert ids == ["my-routine", "my-routine-2"]


def test_reorder_with_buttons_undo_and_redo(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    editor.select_row(0)
    assert not editor.up_button.isEnabled()
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert labels(editor) == ["Backwards", "Easy forwards", "Slow forwards"]
    assert editor.selected_row() == 1
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert labels(editor) == ["Backwards", "Slow forwards", "Easy forwards"]
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert labels(editor) == ["Backwards", "Easy forwards", "Slow forwards"]
    editor.undo_action.trigger()
    editor.undo_action.trigger()
    assert labels(editor) == ["Backwards", "Easy forwards", "Slow forwards"]
    editor.undo_action.trigger()
    assert labels(editor) == ["Easy forwards", "Backwards", "Slow forwards"]
    assert editor.undo_stack.isClean() and not editor.is_dirty()
    editor.redo_action.trigger()
    assert labels(editor) == ["Backwards", "Easy forwards", "Slow forwards"]
    assert editor.is_dirty()


def test_undo_steps_back_one_edit_at_a_time(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    editor.select_row(2)
    editor.move_selected(-1)
    editor.move_selected(-1)
    assert labels(editor) == ["Slow forwards", "Easy forwards", "Backwards"]
    editor.undo_stack.undo()
    assert labels(editor) == ["Easy forwards", "Slow forwards", "Backwards"]
    editor.undo_stack.undo()
    assert labels(editor) == ["Easy forwards", "Backwards", "Slow forwards"]


def test_keyboard_undo_and_redo_shortcuts(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    editor.select_row(0)
    editor.move_selected(1)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert labels(editor)[0] == "Easy forwards"
    qtbot.keyClick(editor.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert labels(editor)[0] == "Backwards"
    editor.undo_stack.undo()
    qtbot.keyClick(
        editor.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert labels(editor)[0] == "Backwards"


def test_drag_and_drop_is_one_undoable_move(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    model = editor.model
    data = model.mimeData([model.index(0, 0)])
    # Dropped below the last row: the first segment goes to the end.
    accepted = model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert accepted is False  # the view must not also remove the source row
    assert labels(editor) == ["Backwards", "Slow forwards", "Easy forwards"]
    assert model.rowCount() == 3
    data = model.mimeData([model.index(2, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert labels(editor) == ["Easy forwards", "Backwards", "Slow forwards"]
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert labels(editor) == ["Easy forwards", "Backwards", "Slow forwards"]
    assert editor.undo_stack.isClean()


def test_add_remove_and_edit_segments_update_totals_live(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    assert "Total 4:30" in editor.totals_label.text()
    editor.select_row(1)
    editor.add_segment()
    assert editor.model.rowCount() == 4 and editor.selected_row() == 2
    assert "Total 5:30" in editor.totals_label.text()
    editor.model.setData(editor.model.index(2, DURATION), "2:30")
    assert "Total 7:00" in editor.totals_label.text()
    assert "backward 4 min" in editor.totals_label.text()
    editor.model.setData(editor.model.index(2, LABEL), "Backwards again")
    assert editor.model.segment(2).label == "Backwards again"
    editor.remove_segment()
    assert editor.model.rowCount() == 3
    for _ in range(4):
        editor.undo_stack.undo()
    assert editor.model.segments() == knee_routine().segments


def test_segment_panel_edits_kind_met_cadence_incline_and_tips(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    editor.select_row(0)
    panel = editor.panel
    panel.kind.setCurrentIndex(panel.kind.findData(SegmentKind.BACKWARD))
    panel.kind.activated.emit(panel.kind.currentIndex())
    segment = editor.model.segment(0)
    assert segment.kind is SegmentKind.BACKWARD and segment.met is None
    assert panel.met_info.text() == (
        "6.0 MET — walking, backwards, 3.5 mph, level (Compendium 17320)"
    )
    panel.met_choice.setCurrentIndex(panel.met_choice.findData(8.0))
    panel.met_choice.activated.emit(panel.met_choice.currentIndex())
    assert editor.model.segment(0).met == 8.0
    assert "uphill, 5% grade" in panel.met_info.text()
    panel.met_choice.setCurrentIndex(panel.met_choice.count() - 1)
    panel.met_choice.activated.emit(panel.met_choice.currentIndex())
    panel.met_value.setValue(5.5)
    assert editor.model.segment(0).met == 5.5
    panel.cadence.setValue(96)
    panel.incline.setValue(3.0)
    assert editor.model.segment(0).cadence_spm == 96
    assert editor.model.segment(0).incline_pct == 3.0
    panel.cadence.setValue(panel.cadence.minimum())
    assert editor.model.segment(0).cadence_spm is None
    library_tips = [panel.tip_choice.itemText(i) for i in range(panel.tip_choice.count())]
    assert "Chest up" in library_tips
    panel.tip_choice.setEditText("Chest up")
    qtbot.mouseClick(panel.add_tip, Qt.MouseButton.LeftButton)
    panel.tip_choice.setEditText("Look at the red dot on the wall")
    qtbot.mouseClick(panel.add_tip, Qt.MouseButton.LeftButton)
    assert editor.model.segment(0).tips == ("Relax", "Chest up", "Look at the red dot on the wall")
    panel.tips.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_tip, Qt.MouseButton.LeftButton)
    assert editor.model.segment(0).tips == ("Chest up", "Look at the red dot on the wall")
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    assert editor.model.segments() == knee_routine().segments


def test_validation_uses_the_file_format_messages_and_blocks_save(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    editor.model.setData(editor.model.index(1, DURATION), "0:02")
    assert editor.problem == "segment 2: seconds must be between 5 and 3600, got 2"
    assert editor.problem_label.isVisible()
    assert editor.problem in editor.problem_label.text()
    assert not editor.save_button.isEnabled()
    assert editor.model.problem_row == 1  # the row the message points at is shown in red
    assert editor.model.index(1, LABEL).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert editor.model.index(0, LABEL).data(Qt.ItemDataRole.ForegroundRole) is None
    editor.undo_stack.undo()
    assert editor.problem is None and editor.save_button.isEnabled()
    assert editor.model.problem_row is None
    editor.name_edit.selectAll()
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Delete)
    editor.name_edit.textEdited.emit(editor.name_edit.text())
    assert editor.problem == "name must not be empty"
    assert not editor.save_button.isEnabled()
    editor.set_field("name", "x" * 81)
    assert editor.problem == "name is too long (81 characters; at most 80)"
    editor.set_field("name", "Knee physio")
    editor.select_row(0)
    editor.panel.tip_choice.setEditText("t" * 81)
    editor.panel.add_tip.click()
    assert editor.problem == "segment 1: tip 2 is too long (81 characters; at most 80)"


def test_unreadable_duration_text_is_explained(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    assert not editor.model.setData(editor.model.index(0, DURATION), "two minutes")
    assert editor.problem == "segment 1: duration must be minutes:seconds, like 2:30"
    assert not editor.save_button.isEnabled()
    editor.model.setData(editor.model.index(0, DURATION), "2:00")
    assert editor.problem is None


def test_saving_an_edit_and_reopening_shows_the_saved_routine(qtbot, ctx):
    library = ctx.store.library
    library.save(knee_routine())
    editor = make_editor(qtbot, ctx, library.get("knee-physio"))
    assert not editor.is_dirty()
    editor.set_field("description", "For Mrs Smith, weeks 1-2")
    editor.select_row(2)
    editor.move_selected(-1)
    assert editor.save()
    saved = library.get("knee-physio")
    assert saved.id == "knee-physio"  # editing keeps the id
    assert saved.description == "For Mrs Smith, weeks 1-2"
    assert [s.label for s in saved.segments] == ["Easy forwards", "Slow forwards", "Backwards"]
    again = make_editor(qtbot, ctx, library.get("knee-physio"))
    assert again.model.segments() == saved.segments
    assert again.field("description") == "For Mrs Smith, weeks 1-2"
    assert again.description_edit.toPlainText() == "For Mrs Smith, weeks 1-2"


def test_unsaved_changes_prompt_cancel_discard_save(qtbot, ctx, monkeypatch):
    library = ctx.store.library
    library.save(knee_routine())
    answers = []

    def ask(_parent, name):
        answers.append(name)
        return answer

    monkeypatch.setattr(dialogs, "ask_unsaved", ask)
    editor = make_editor(qtbot, ctx, library.get("knee-physio"))
    assert editor.close()  # nothing changed: no question
    assert answers == []

    editor = make_editor(qtbot, ctx, library.get("knee-physio"))
    editor.set_field("name", "Knee physio, week 2")
    answer = dialogs.Unsaved.CANCEL
    assert not editor.close()
    assert editor.isVisible() and answers == ["Knee physio, week 2"]
    answer = dialogs.Unsaved.DISCARD
    assert editor.close()
    assert library.get("knee-physio").name == "Knee physio"

    editor = make_editor(qtbot, ctx, library.get("knee-physio"))
    editor.set_field("name", "Knee physio, week 3")
    answer = dialogs.Unsaved.SAVE
    assert editor.close()
    assert library.get("knee-physio").name == "Knee physio, week 3"


def test_escape_also_asks_before_losing_changes(qtbot, ctx, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *_a: dialogs.Unsaved.CANCEL)
    editor = make_editor(qtbot, ctx)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible()


def test_user_text_is_shown_literally(qtbot, ctx):
    routine = knee_routine().with_changes(name="<b>Bold</b> & co")
    editor = make_editor(qtbot, ctx, routine)
    assert editor.name_edit.text() == "<b>Bold</b> & co"
    assert editor.problem_label.textFormat() == Qt.TextFormat.PlainText
    assert editor.panel.met_info.textFormat() == Qt.TextFormat.PlainText


def test_controls_have_accessible_names(qtbot, ctx):
    editor = make_editor(qtbot, ctx)
    for button in (
        editor.add_button,
        editor.remove_button,
        editor.up_button,
        editor.down_button,
        editor.save_button,
        editor.close_button,
    ):
        assert button.accessibleName() == button.text()
    assert editor.name_edit.accessibleName() == "Name"
    assert editor.undo_button.accessibleName() == editor.undo_button.text() == "Undo"
    editor.add_segment()
    assert editor.undo_button.text() == "Undo"
    assert editor.undo_action.toolTip() == "Undo: add segment (Ctrl+Z)"


def test_level_goal_and_checklist_edits_are_undoable(qtbot, ctx):
    from walkback_desktop.core.routine import Goal, Level

    editor = make_editor(qtbot, ctx, knee_routine())
    editor.level_combo.setCurrentIndex(editor.level_combo.findText("Advanced"))
    editor.level_combo.activated.emit(editor.level_combo.currentIndex())
    editor.goal_combo.setCurrentIndex(editor.goal_combo.findText("Knee rehab"))
    editor.goal_combo.activated.emit(editor.goal_combo.currentIndex())
    editor.checklist_box.click()
    routine = editor.checked_routine()
    assert (routine.level, routine.goal, routine.safety_checklist) == (
        Level.ADVANCED,
        Goal.KNEE,
        True,
    )
    editor.undo_stack.undo()
    assert not editor.checklist_box.isChecked()
    editor.undo_stack.undo()
    assert editor.goal_combo.currentText() == "General fitness"
    editor.undo_stack.undo()
    assert editor.level_combo.currentText() == "Beginner"
    assert editor.undo_stack.isClean()


def test_typing_a_name_is_one_undo_step(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    qtbot.keyClicks(editor.name_edit, " plus")
    assert editor.field("name") == "Knee physio plus"
    assert editor.undo_stack.count() == 1
    editor.undo_stack.undo()
    assert editor.name_edit.text() == "Knee physio"


def test_duration_typed_in_the_panel(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    editor.select_row(1)
    editor.panel.duration.setText("2:45")
    editor.panel.duration.editingFinished.emit()
    assert editor.model.segment(1).seconds == 165
    editor.panel.duration.setText("2:75")
    editor.panel.duration.editingFinished.emit()
    assert editor.problem == "segment 2: duration must be minutes:seconds, like 2:30"
    assert editor.model.segment(1).seconds == 165


def test_the_last_segment_cannot_be_removed(qtbot, ctx):
    editor = make_editor(qtbot, ctx, knee_routine())
    for _ in range(2):
        editor.select_row(0)
        editor.remove_segment()
    assert editor.model.rowCount() == 1
    assert not editor.remove_button.isEnabled()
    editor.remove_segment()
    assert editor.model.rowCount() == 1


def test_dropping_a_row_on_the_table_moves_it_once(qtbot, ctx):
    """A drop delivered to the view itself (what a mouse drag ends with)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    editor = make_editor(qtbot, ctx, knee_routine())
    model, viewport = editor.model, editor.table.viewport()
    data = model.mimeData([model.index(0, 0)])
    last = editor.table.visualRect(model.index(2, LABEL))
    pos = QPoint(last.center().x(), last.bottom() - 1)  # just below the last row
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    move = Qt.DropAction.MoveAction
    for event in (
        QDragEnterEvent(pos, move, data, buttons, keys),
        QDragMoveEvent(pos, move, data, buttons, keys),
        QDropEvent(QPointF(pos), move, data, buttons, keys),
    ):
        QApplication.sendEvent(viewport, event)
    assert labels(editor) == ["Backwards", "Slow forwards", "Easy forwards"]
    assert editor.undo_stack.count() == 1
    editor.undo_stack.undo()
    assert labels(editor) == ["Easy forwards", "Backwards", "Slow forwards"]


# --- storage faults (issue 15.3) --------------------------------------------------------


def test_a_database_error_on_save_keeps_the_edits_and_offers_retry(qtbot, ctx, monkeypatch):
    from sqlalchemy.exc import OperationalError

    repo = ctx.store.library._repo
    real_save = repo.save
    failures = [OperationalError("INSERT", {}, Exception("database is locked"))] * 2

    def flaky_save(routine):
        if failures:
            raise failures.pop()
        real_save(routine)

    answers = [False, True]  # first Cancel, then Retry
    asked = []
    monkeypatch.setattr(repo, "save", flaky_save)
    monkeypatch.setattr(
        dialogs, "ask_retry", lambda _p, _t, text: asked.append(text) or answers.pop(0)
    )
    editor = make_editor(qtbot, ctx)
    editor.set_field("name", "Knee rehab week 2")
    assert not editor.save()  # cancelled: nothing lost, still open and dirty
    assert editor.isVisible() and editor.is_dirty()
    assert editor.field("name") == "Knee rehab week 2"
    assert "Your changes are still here" in asked[0]
    assert editor.save()  # retried after one more failure
    assert len(asked) == 2
    assert ctx.store.library.get("knee-rehab-week-2") is not None


# --- text size (issue 11.5) -------------------------------------------------------------


@pytest.fixture
def text_at():
    """Set the application font to `percent` of its size (as the Text size setting does)."""
    from PySide6.QtWidgets import QApplication

    original = QApplication.font()

    def set_scale(percent):
        font = QApplication.font()
        font.setPointSizeF(original.pointSizeF() * percent / 100)
        QApplication.setFont(font)

    yield set_scale
    QApplication.setFont(original)


def test_the_editor_follows_text_size_changes(qtbot, ctx, text_at):
    editor = make_editor(qtbot, ctx, knee_routine())
    before = editor.description_edit.height()
    tips_before = editor.panel.tips.height()
    text_at(200)
    qtbot.waitUntil(lambda: editor.description_edit.height() > before * 1.5)
    assert editor.panel.tips.height() > tips_before * 1.5
    line = editor.description_edit.fontMetrics().lineSpacing()
    assert editor.description_edit.height() >= 3 * line


@pytest.mark.parametrize("percent", [100, 150, 200])
def test_the_editor_fits_a_1366_by_768_screen(qtbot, ctx, text_at, percent):
    text_at(percent)
    editor = make_editor(qtbot, ctx, knee_routine())
    minimum = editor.minimumSizeHint()
    assert minimum.width() <= 1366 and minimum.height() <= 768
    assert editor.width() <= 1366 and editor.height() <= 768
    editor.resize(1366 - 40, 768 - 80)
    # Large text stacks the parts: the body scrolls down, never sideways.
    qtbot.waitUntil(lambda: editor.body_scroll.horizontalScrollBar().maximum() == 0, timeout=2000)
    # The bottom row (Save, Close) is always in view, not scrolled away.
    assert editor.save_button.isVisible()
    assert editor.save_button.geometry().bottom() <= editor.height()
    assert editor.save_button.width() >= editor.save_button.sizeHint().width()


def test_undo_commands_act_on_a_bare_draft():
    """The commands need only the draft's edits: no table, no dialog."""
    from PySide6.QtGui import QUndoStack

    from walkback_desktop.core.routine_draft import RoutineDraft
    from walkback_desktop.ui.routine_editor.commands import (
        MoveSegmentCommand,
        RemoveSegmentCommand,
        ReplaceSegmentCommand,
    )

    draft = RoutineDraft.from_routine(knee_routine())
    stack = QUndoStack()
    stack.push(MoveSegmentCommand(draft, 0, 2))
    stack.push(RemoveSegmentCommand(draft, 0))
    longer = Segment(SegmentKind.COOLDOWN, "Slow forwards", 120, incline_pct=2.5)
    stack.push(ReplaceSegmentCommand(draft, 0, longer, "Change duration"))
    assert [s.label for s in draft.segments] == ["Slow forwards", "Easy forwards"]
    assert draft.segments[0].seconds == 120
    while stack.canUndo():
        stack.undo()
    assert tuple(draft.segments) == knee_routine().segments
