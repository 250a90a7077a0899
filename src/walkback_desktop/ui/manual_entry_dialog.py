"""'Log a walk…': record a walk done without the app (source = "manual")."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
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
from walkback_desktop.i18n import N_, _
from walkback_desktop.storage.library import RoutineLibrary
from walkback_desktop.ui.qt_dates import to_local_datetime, to_qdatetime

BLANK_TEXT = N_("not rated")


def scale_spin(name: str) -> QSpinBox:
    """A 0-10 box whose lowest step means 'not rated' (blank)."""
    spin = QSpinBox()
    spin.setRange(-1, 10)
    spin.setSpecialValueText(_(BLANK_TEXT))
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
        self.setWindowTitle(_("Log a walk"))
        self.setAccessibleName(_("Log a walk"))
        self._library = library
        form = QFormLayout()

        self.when = QDateTimeEdit(to_qdatetime(now))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when.setMaximumDateTime(to_qdatetime(now + timedelta(days=1)))
        _labelled(form, _("Date and time"), self.when, _("When you started walking"))

        self.routine = QComboBox()
        self.routine.setEditable(True)
        self.routine.addItems(sorted(r.name for r in library.all()))
        self.routine.setEditText(_("Walk outdoors"))
        routine_line = self.routine.lineEdit()
        assert routine_line is not None  # an editable combo box has one
        routine_line.setMaxLength(MAX_ROUTINE_NAME)
        _labelled(form, _("Routine"), self.routine, _("Pick a routine or type what you did"))

        self.duration = QSpinBox()
        self.duration.setRange(1, 24 * 60)
        self.duration.setValue(20)
        self.duration.setSuffix(" " + _("min"))
        _labelled(
            form, _("Duration"), self.duration, _("Total minutes of walking, all directions")
        )

        self.backward = QSpinBox()
        self.backward.setRange(0, 24 * 60)
        self.backward.setValue(10)
        self.backward.setSuffix(" " + _("min"))
        _labelled(form, _("Backward minutes"), self.backward, _("Minutes spent walking backwards"))

        self.rpe = scale_spin(_("Effort (RPE)"))
        _labelled(form, _("Effort (RPE)"), self.rpe, _("0 = rest, 10 = the hardest you can"))
        self.pain = scale_spin(_("Pain"))
        _labelled(form, _("Pain"), self.pain, _("0 = no pain, 10 = the worst pain"))

        self.completed = QCheckBox(_("I finished the walk"))
        self.completed.setChecked(True)
        _labelled(form, _("Completed"), self.completed)

        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(_("How did it feel? (optional)"))
        self.notes.setFixedHeight(80)
        _labelled(form, _("Notes"), self.notes)

        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.error.setAccessibleName(_("Problem"))

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
            return _("Say which routine or what kind of walk it was.")
        if self.backward.value() > self.duration.value():
            return _("Backward minutes cannot be more than the whole walk's duration.")
        if len(self.notes.toPlainText()) > MAX_NOTES:
            return _("Notes are too long (at most {n} characters).").format(n=MAX_NOTES)
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        super().accept()

    def record(self) -> SessionRecord:
        started = to_local_datetime(self.when.dateTime())
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
