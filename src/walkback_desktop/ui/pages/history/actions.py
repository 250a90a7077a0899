"""The History page's actions (Log a walk, Delete, Undo, Redo) and the row of
buttons beside the heading. The shortcuts are page-local (except Ctrl+L), so
other pages may have their own undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QPushButton, QToolButton, QWidget

from walkback_desktop.i18n import _
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.report_actions import ReportCommands, report_button

BUTTON_HEIGHT = 36


def _action(parent: QWidget, text: str, tip: str, shortcut: QKeySequence | None = None) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(shortcut)
        action.setToolTip(f"{tip} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
    else:
        action.setToolTip(tip)
    return action


def _button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAccessibleName(action.text().replace("&", ""))
    button.setMinimumHeight(BUTTON_HEIGHT)
    return button


def log_walk_button(action: QAction) -> QPushButton:
    button = QPushButton(_("Log a walk…"))
    button.setAccessibleName(_("Log a walk…"))
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    return button


class HistoryActions:
    def __init__(self, page: QWidget, undo_stack: QUndoStack) -> None:
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.log_action = _action(
            page,
            _("&Log a walk…"),
            _("Record a walk you did without the app"),
            QKeySequence("Ctrl+L"),
        )
        self.log_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.delete_action = _action(
            page,
            _("&Delete"),
            _("Delete the selected sessions"),
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.undo_action = undo_stack.createUndoAction(page, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setToolTip(_("Undo the last change (Ctrl+Z)"))
        self.redo_action = undo_stack.createRedoAction(page, _("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setToolTip(_("Redo what was undone (Ctrl+Shift+Z)"))
        for action in (self.delete_action, self.undo_action, self.redo_action):
            action.setShortcutContext(local)
            page.addAction(action)

    def button_groups(
        self, ctx: AppContext, commands: ReportCommands
    ) -> tuple[QHBoxLayout, QHBoxLayout, QPushButton]:
        """Undo, Redo and Delete; Log a walk… and the report (two groups, so a narrow
        page can put them on two lines); and the report button."""
        edits: list[QAbstractButton] = [
            _button(action) for action in (self.undo_action, self.redo_action, self.delete_action)
        ]
        # The report for the physiotherapist, from where the sessions are.
        report = report_button(ctx, commands=commands)
        others: list[QAbstractButton] = [log_walk_button(self.log_action), report]
        rows = QHBoxLayout(), QHBoxLayout()
        for row, buttons in zip(rows, (edits, others), strict=True):
            for button in buttons:
                button.setMinimumHeight(BUTTON_HEIGHT)
                row.addWidget(button)
        return rows[0], rows[1], report
