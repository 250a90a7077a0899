"""The editor's rows of buttons: Add, Remove, Move up and Move down above the
segment table (Insert, Delete, Alt+Up, Alt+Down), and the bottom row with Undo
and Redo (what they would undo in the tooltip), Save and Close (Ctrl+S saves
from anywhere in the dialog)."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QWidget

from walkback_desktop.i18n import _


class SegmentButtons(QHBoxLayout):
    def __init__(
        self,
        add: Callable[[], None],
        remove: Callable[[], None],
        move: Callable[[int], None],
    ) -> None:
        super().__init__()
        self.add_button = QPushButton(_("Add segment"))
        self.remove_button = QPushButton(_("Remove segment"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        for button, tip, key in (
            (self.add_button, _("Add a segment after the selected one (Insert)"), "Ins"),
            (self.remove_button, _("Remove the selected segment (Delete)"), "Del"),
            (self.up_button, _("Move the selected segment earlier (Alt+Up)"), "Alt+Up"),
            (self.down_button, _("Move the selected segment later (Alt+Down)"), "Alt+Down"),
        ):
            button.setAccessibleName(button.text())
            button.setToolTip(tip)
            button.setShortcut(QKeySequence(key))
            self.addWidget(button)
        self.addStretch(1)
        self.add_button.clicked.connect(add)
        self.remove_button.clicked.connect(remove)
        self.up_button.clicked.connect(lambda: move(-1))
        self.down_button.clicked.connect(lambda: move(1))


class BottomBar(QHBoxLayout):
    def __init__(
        self,
        owner: QWidget,
        stack: QUndoStack,
        save: Callable[[], object],
        close: Callable[[], object],
    ) -> None:
        super().__init__()
        self._owner = owner
        self._stack = stack
        # Plain actions rather than createUndoAction(): their visible label stays "Undo"
        # (equal to the accessible name) and what they would undo goes in the tooltip.
        self.undo_action = QAction(_("Undo"), owner)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(stack.undo)
        self.redo_action = QAction(_("Redo"), owner)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(stack.redo)
        made = []
        for action in (self.undo_action, self.redo_action):
            owner.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text())
            button.setMinimumWidth(80)
            self.addWidget(button)
            made.append(button)
        self.undo_button, self.redo_button = made
        stack.canUndoChanged.connect(self.update_actions)
        stack.canRedoChanged.connect(self.update_actions)
        stack.indexChanged.connect(self.update_actions)
        self.update_actions()
        self.addStretch(1)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(_("Save the routine (Ctrl+S)"))
        self.close_button = QPushButton(_("Close"))
        self.close_button.setToolTip(_("Close the editor (Esc)"))
        for push in (self.save_button, self.close_button):
            push.setAccessibleName(push.text())
            self.addWidget(push)
        save_action = QAction(owner)
        save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_action.triggered.connect(save)
        owner.addAction(save_action)
        self.save_button.clicked.connect(save)
        self.close_button.clicked.connect(close)

    def update_actions(self, *_args: object) -> None:
        """Enable Undo/Redo and say in their tooltips what they would change."""
        stack = self._stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self._owner):
            return  # the stack clears itself while the dialog is being destroyed
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        if stack.canUndo():
            tip = _("Undo: {what} (Ctrl+Z)").format(what=stack.undoText().lower())
        else:
            tip = _("Undo (Ctrl+Z)")
        self.undo_action.setToolTip(tip)
        if stack.canRedo():
            tip = _("Redo: {what} (Ctrl+Shift+Z or Ctrl+Y)").format(what=stack.redoText().lower())
        else:
            tip = _("Redo (Ctrl+Shift+Z or Ctrl+Y)")
        self.redo_action.setToolTip(tip)
