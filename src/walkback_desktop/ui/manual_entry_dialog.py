"""'Log a walk…': record a walk done without the app (source = "manual")."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.history import MAX_NOTES, MAX_ROUTINE_NAME, SessionRecord
from walkback_desktop.storage.library import RoutineLibrary

BLANK_TEXT = "not rated"


def scale_spin(name: str) -> QSpinBox:
    """A 0-10 box whose lowest step means 'not rated' (blank)."""
    spin = QSpinBox()
    spin.setRange(-1, 10)
    spin.setSpecialValueText(BLANK_TEXT)
    spin.setValue(-1)
    spin.setAccessibleName(name)
    return spin


def _labelled(form: QFormLayout, label: str, widget: QWidget, tip: str = "") -> None:
    widget.setAccessibleName(label)
    if tip:
        widget.setToolTip(tip)
    form.addRow(label, widget)


class ManualEntryDialog(QDialog):
    def __init__(
        self, library: RoutineLibrary, now: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Log a walk")
        self.setAccessibleName("Log a walk")
        self._library = library
        form = QFormLayout()

        self.when = QDateTimeEdit(QDateTime(now.replace(second=0, microsecond=0, tzinfo=None)))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when.setMaximumDateTime(QDateTime(now.replace(tzinfo=None) + timedelta(days=1)))
        _labelled(form, "Date and time", self.when, "When you started walking")

        self.routine = QComboBox()
        self.routine.setEditable(True)
        self.routine.addItems(sorted(r.name for r in library.all()))
        self.routine.setEditText("Walk outdoors")
        self.routine.lineEdit().setMaxLength(MAX_ROUTINE_NAME)
        _labelled(form, "Routine", self.routine, "Pick a routine or type what you did")

        self.duration = QSpinBox()
        self.duration.setRange(1, 24 * 60)
        self.duration.setValue(20)
        self.duration.setSuffix(" min")
        _labelled(form, "Duration", self.duration, "Total minutes of walking, all directions")

        self.backward = QSpinBox()
        self.backward.setRange(0, 24 * 60)
        self.backward.setValue(10)
        self.backward.setSuffix(" min")
        _labelled(form, "Backward minutes", self.backward, "Minutes spent walking backwards")

        self.rpe = scale_spin("Effort (RPE)")
        _labelled(form, "Effort (RPE)", self.rpe, "0 = rest, 10 = the hardest you can")
        self.pain = scale_spin("Pain")
        _labelled(form, "Pain", self.pain, "0 = no pain, 10 = the worst pain")

        self.completed = QCheckBox("I finished the walk")
        self.completed.setChecked(True)
        _labelled(form, "Completed", self.completed)

        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("How did it feel? (optional)")
        self.notes.setFixedHeight(80)
        _labelled(form, "Notes", self.notes)

        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.error.setAccessibleName("Problem")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def problem(self) -> str | None:
        """What stops saving, in words, or None."""
        if not self.routine.currentText().strip():
            return "Say which routine or what kind of walk it was."
        if self.backward.value() > self.duration.value():
            return "Backward minutes cannot be more than the whole walk's duration."
        if len(self.notes.toPlainText()) > MAX_NOTES:
            return f"Notes are too long (at most {MAX_NOTES} characters)."
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        super().accept()

    def record(self) -> SessionRecord:
        started = self.when.dateTime().toPython().astimezone()
        routine_id, name = self._library.resolve_label(self.routine.currentText().strip())
        active = self.duration.value() * 60.0
        return SessionRecord(
            started_at=started,
            ended_at=started + timedelta(seconds=active),
            routine_id=routine_id,
            routine_name=name,
            active_seconds=active,
            backward_seconds=self.backward.value() * 60.0,
            completed=self.completed.isChecked(),
            rpe=None if self.rpe.value() < 0 else self.rpe.value(),
            pain=None if self.pain.value() < 0 else self.pain.value(),
            notes=self.notes.toPlainText().strip(),
            source="manual",
        )
