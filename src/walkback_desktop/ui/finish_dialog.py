"""The end of a workout: what was done, and how it felt (RPE, pain, notes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.history import MAX_NOTES
from walkback_desktop.core.routine import format_duration
from walkback_desktop.core.rpe import pain_word, rpe_label
from walkback_desktop.ui import confirm
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.workout_controller import WorkoutSummary

NOT_RATED = "Not rated"
SAVE_LABEL = "Save"
DISCARD_LABEL = "Discard"


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


class FinishDialog(QDialog):
    """Save or discard; the caller reads `rpe()`, `pain()` and `notes()` on accept."""

    def __init__(self, summary: WorkoutSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        title = "Workout complete" if summary.completed else "Workout stopped early"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        heading = QLabel(title)
        scale_font(heading, 1.8, bold=True)
        layout.addWidget(heading)
        name = QLabel(summary.routine.name)
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setAccessibleName("Routine")
        layout.addWidget(name)

        facts = QFormLayout()
        self.facts: dict[str, QLabel] = {}
        for label, value in (
            ("Active time", format_duration(summary.active_seconds)),
            ("Backward walking", _minutes(summary.backward_seconds)),
            ("Energy (estimate)", f"{summary.kcal:.0f} kcal"),
            (
                "Segments completed",
                f"{summary.segments_completed} of {summary.segments_total}",
            ),
        ):
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setAccessibleName(label)
            scale_font(shown, 1.3, bold=True)
            facts.addRow(f"{label}:", shown)
            self.facts[label] = shown
        layout.addLayout(facts)

        form = QFormLayout()
        self.rpe_box = QComboBox()
        self.rpe_box.setAccessibleName("How hard was it?")
        self.rpe_box.setToolTip("Rating of perceived exertion, Borg CR10 scale (0-10)")
        self.rpe_box.addItem(NOT_RATED, None)
        for value in range(11):
            self.rpe_box.addItem(rpe_label(value), value)
        form.addRow("How hard was it?", self.rpe_box)
        self.pain_box = QComboBox()
        self.pain_box.setAccessibleName("Knee or back pain")
        self.pain_box.setToolTip("0 = no pain, 10 = the worst pain imaginable")
        self.pain_box.addItem(NOT_RATED, None)
        for value in range(11):
            self.pain_box.addItem(f"{value} – {pain_word(value)}", value)
        form.addRow("Knee or back pain", self.pain_box)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setPlaceholderText("How did it go? (optional)")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(96)
        form.addRow("Notes", self.notes_edit)
        layout.addLayout(form)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(SAVE_LABEL, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(SAVE_LABEL)
        self.save_button.setDefault(True)
        self.discard_button = buttons.addButton(
            DISCARD_LABEL, QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.discard_button.setAccessibleName(DISCARD_LABEL)
        self.discard_button.setToolTip("Forget this workout (asks first)")
        self.save_button.clicked.connect(self.accept)
        self.discard_button.clicked.connect(self.ask_discard)
        layout.addWidget(buttons)

    def rpe(self) -> int | None:
        return self.rpe_box.currentData()

    def pain(self) -> int | None:
        return self.pain_box.currentData()

    def notes(self) -> str:
        return self.notes_edit.toPlainText().strip()[:MAX_NOTES]

    def set_values(self, *, rpe: int | None, pain: int | None, notes: str) -> None:
        self.rpe_box.setCurrentIndex(self.rpe_box.findData(rpe) if rpe is not None else 0)
        self.pain_box.setCurrentIndex(self.pain_box.findData(pain) if pain is not None else 0)
        self.notes_edit.setPlainText(notes)

    def ask_discard(self) -> None:
        if confirm.ask(
            self,
            "Discard workout",
            "Discard this workout? It will not appear in your history.",
            "Discard",
            "Keep it",
        ):
            self._discarding = True
            self.reject()

    def reject(self) -> None:
        """Escape or closing the window asks first: a workout is never lost by accident."""
        if self._discarding:
            super().reject()
        else:
            self.ask_discard()

    _discarding = False
