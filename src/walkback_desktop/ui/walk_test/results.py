"""The stored 3-m Backward Walk Test results: a list to correct and delete,
with undo (QUndoStack: Ctrl+Z / Ctrl+Shift+Z), and a button for a new test.

A deleted result comes back with a new database id on undo; the commands
keep the id they last saw, so redo after undo deletes the right row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.assessments import MAX_SECONDS, MIN_SECONDS, AssessmentResult
from walkback_desktop.i18n import _, formats
from walkback_desktop.storage.programs import AssessmentRepository
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.program_texts import seconds_text

if TYPE_CHECKING:
    from walkback_desktop.storage.settings_repo import SettingsRepository


class _EditResult(QUndoCommand):
    def __init__(self, repo: AssessmentRepository, old: AssessmentResult, new: AssessmentResult):
        super().__init__(_("Edit test result"))
        self._repo, self._old, self._new = repo, old, new

    def redo(self) -> None:
        self._repo.update(self._new)

    def undo(self) -> None:
        self._repo.update(self._old)


class _DeleteResult(QUndoCommand):
    def __init__(self, repo: AssessmentRepository, result: AssessmentResult):
        super().__init__(_("Delete test result"))
        self._repo, self._result = repo, result

    def redo(self) -> None:
        if self._result.id is not None:
            self._repo.delete(self._result.id)

    def undo(self) -> None:
        self._result = self._repo.add(self._result)


class EditResultDialog(QDialog):
    """Correct the date, time, result or note of a stored test."""

    def __init__(self, result: AssessmentResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit test result"))
        self._result = result
        t = result.taken_at
        self.when = QDateTimeEdit(
            QDateTime(QDate(t.year, t.month, t.day), QTime(t.hour, t.minute, t.second))
        )
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName(_("Date and time"))
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(MIN_SECONDS, MAX_SECONDS)
        self.seconds.setDecimals(2)
        self.seconds.setSingleStep(0.1)
        self.seconds.setSuffix(" s")
        self.seconds.setValue(result.seconds)
        self.seconds.setAccessibleName(_("Time in seconds"))
        self.note = QLineEdit(result.note)
        self.note.setMaxLength(500)
        self.note.setAccessibleName(_("Note"))
        form = QFormLayout(self)
        form.addRow(_("&Date and time:"), self.when)
        form.addRow(_("&Result:"), self.seconds)
        form.addRow(_("&Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def edited(self) -> AssessmentResult:
        naive = self.when.dateTime().toPython()
        assert isinstance(naive, datetime)
        taken = naive.replace(tzinfo=self._result.taken_at.tzinfo)
        seconds = round(self.seconds.value(), 2)
        trials = self._result.trials
        if seconds != round(self._result.seconds, 2):
            trials = (seconds,)  # a corrected time replaces the trials it came from
        return replace(
            self._result, taken_at=taken, seconds=seconds, trials=trials, note=self.note.text()
        )


def ask_edit(parent: QWidget, result: AssessmentResult) -> AssessmentResult | None:
    """The edit dialog (tests replace this function)."""
    dialog = EditResultDialog(result, parent)
    return dialog.edited() if dialog.exec() == QDialog.DialogCode.Accepted else None


class WalkTestResults(QWidget):
    """The list of results; `changed` fires after every stored change (and undo)."""

    changed = Signal()
    test_requested = Signal()

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        assessments: AssessmentRepository,
        settings: SettingsRepository,
    ) -> None:
        """`assessments` lists, edits and deletes results; with `settings`, both
        go to the test dialog this opens."""
        super().__init__(parent)
        self.ctx = ctx
        self.assessments = assessments
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._stack_moved)
        self.results: list[AssessmentResult] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("Date"), _("Result"), _("Timed trials"), _("Note")]
        )
        self.table.setAccessibleName(_("3-m Backward Walk Test results"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.test_button = QPushButton(_("&Take the test\u2026"))
        self.test_button.clicked.connect(self.open_test)
        self.edit_button = QPushButton(_("&Edit\u2026"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("&Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_action = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.redo_action = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addActions([self.undo_action, self.redo_action])
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        for button in (self.test_button, self.edit_button, self.delete_button, self.undo_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("\u2026"))
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.ask_edit: Callable[[QWidget, AssessmentResult], AssessmentResult | None] = ask_edit
        ctx.events.sessions_changed.connect(self.refresh)  # a test saved elsewhere
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        self.results = list(reversed(self.assessments.list()))  # newest first
        self.table.setRowCount(len(self.results))
        for row, result in enumerate(self.results):
            trials = ", ".join(formats.decimal(t, 2) for t in result.trials)
            cells = (
                result.taken_at.strftime("%Y-%m-%d %H:%M"),
                seconds_text(result.seconds),
                trials,
                result.note,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if selected is not None:
            for row, result in enumerate(self.results):
                if result.taken_at == selected.taken_at:
                    self.table.selectRow(row)
                    break
        self._update_buttons()

    def selected(self) -> AssessmentResult | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.results):
            return None
        return self.results[rows[0].row()]

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def edit(self, old: AssessmentResult, new: AssessmentResult) -> None:
        if new != old:
            self.undo_stack.push(_EditResult(self.assessments, old, new))

    def edit_selected(self) -> None:
        result = self.selected()
        if result is None:
            return
        edited = self.ask_edit(self, result)
        if edited is not None:
            self.edit(result, edited)

    def delete_selected(self) -> None:
        result = self.selected()
        if result is not None:
            self.undo_stack.push(_DeleteResult(self.assessments, result))
            self.ctx.events.status_message.emit(
                _("Test result deleted. Undo with {keys}.").format(
                    keys=QKeySequence(QKeySequence.StandardKey.Undo).toString(
                        QKeySequence.SequenceFormat.NativeText
                    )
                )
            )

    def open_test(self) -> None:
        from walkback_desktop.ui.walk_test.dialog import WalkTestDialog

        self.test_requested.emit()
        self._dialog = WalkTestDialog(
            self.ctx, self.window(), assessments=self.assessments, settings=self.settings
        )
        self._dialog.open()

    def _stack_moved(self, _index: int) -> None:
        self.changed.emit()
        self.ctx.events.sessions_changed.emit()  # refreshes this list, the card and Progress
