"""The routine's own fields in the editor: name, level, goal, checklist,
description and safety note. Edits are reported with `edited(name, value)`;
the dialog turns them into undo commands and shows values with `show_field`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from walkback_desktop.core.routine import MAX_NAME, Goal, Level
from walkback_desktop.i18n import _
from walkback_desktop.ui.routine_editor.texts import goal_title, level_title


class RoutineFields(QWidget):
    edited = Signal(str, object)  # field name, new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME + 20)
        self.level_combo = QComboBox()
        for level in Level:
            self.level_combo.addItem(level_title(level), level)
        self.goal_combo = QComboBox()
        for goal in Goal:
            self.goal_combo.addItem(goal_title(goal), goal)
        self.checklist_box = QCheckBox(_("Show the safety checklist before starting"))
        self.checklist_box.setAccessibleName(self.checklist_box.text())
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(_("Who it is for and what it does"))
        self.safety_edit = QPlainTextEdit()
        self.safety_edit.setTabChangesFocus(True)
        self.safety_edit.setPlaceholderText(_("What to watch out for"))
        self._size_to_font()

        left_form = QFormLayout()
        right_form = QFormLayout()
        for form in (left_form, right_form):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for form, text, widget in (
            (left_form, _("Name"), self.name_edit),
            (left_form, _("Level"), self.level_combo),
            (left_form, _("Goal"), self.goal_combo),
            (right_form, _("Description"), self.description_edit),
            (right_form, _("Safety note"), self.safety_edit),
        ):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        left_form.addRow("", self.checklist_box)
        self._layout = layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left_form, 2)
        layout.addSpacing(16)
        layout.addLayout(right_form, 3)

        self.name_edit.textEdited.connect(lambda text: self._edited("name", text))
        self.description_edit.textChanged.connect(
            lambda: self._edited("description", self.description_edit.toPlainText())
        )
        self.safety_edit.textChanged.connect(
            lambda: self._edited("safety", self.safety_edit.toPlainText())
        )
        self.level_combo.activated.connect(
            lambda _i: self._edited("level", Level(self.level_combo.currentData()))
        )
        self.goal_combo.activated.connect(
            lambda _i: self._edited("goal", Goal(self.goal_combo.currentData()))
        )
        self.checklist_box.toggled.connect(lambda on: self._edited("safety_checklist", on))

    def set_stacked(self, stacked: bool) -> None:
        """Description and safety note under the name (large text) or beside it."""
        self._layout.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_to_font()

    def _size_to_font(self) -> None:
        """Three lines of description and safety note at the current text size."""
        for edit in (self.description_edit, self.safety_edit):
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)

    def _edited(self, name: str, value: Any) -> None:
        if not self._loading:
            self.edited.emit(name, value)

    def show_field(self, name: str, value: Any) -> None:
        """Show `value` without reporting it as an edit."""
        self._loading = True
        try:
            if name == "name":
                if self.name_edit.text() != value:
                    self.name_edit.setText(value)
            elif name == "description":
                if self.description_edit.toPlainText() != value:
                    self.description_edit.setPlainText(value)
            elif name == "safety":
                if self.safety_edit.toPlainText() != value:
                    self.safety_edit.setPlainText(value)
            elif name == "level":
                self.level_combo.setCurrentIndex(self.level_combo.findData(value))
            elif name == "goal":
                self.goal_combo.setCurrentIndex(self.goal_combo.findData(value))
            elif name == "safety_checklist":
                self.checklist_box.setChecked(bool(value))
        finally:
            self._loading = False
