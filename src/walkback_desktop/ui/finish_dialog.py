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
from walkback_desktop.core.rpe import pain_word, rpe_label
from walkback_desktop.core.workout import WorkoutSummary
from walkback_desktop.i18n import N_, _, ngettext
from walkback_desktop.i18n.formats import duration, minutes
from walkback_desktop.ui import confirm
from walkback_desktop.ui.fonts import scale_font

NOT_RATED = N_("Not rated")
SAVE_LABEL = N_("Save")
DISCARD_LABEL = N_("Discard")
# The facts shown, by their (English) key; tests and screen readers find them by it.
ACTIVE_TIME = N_("Active time")
BACKWARD = N_("Backward walking")
ENERGY = N_("Energy (estimate)")
SEGMENTS = N_("Segments completed")


def headline(summary: WorkoutSummary) -> tuple[str, str]:
    """(window title, the line under it): complete, finished early, or stopped early."""
    parts = ngettext(
        "{done} of {total} part", "{done} of {total} parts", summary.segments_total
    ).format(done=summary.segments_completed, total=summary.segments_total)
    if summary.completed:
        return _("Workout complete"), _("Walked {walked}.").format(
            walked=duration(summary.active_seconds)
        )
    line = _("Finished early: {parts}").format(parts=parts)
    if summary.reached_end:
        return _("Finished early"), line
    return _("Workout stopped early"), line


class FinishDialog(QDialog):
    """Save or discard; the caller reads `rpe()`, `pain()` and `notes()` on accept."""

    def __init__(self, summary: WorkoutSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        title, line = headline(summary)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        heading = QLabel(title)
        scale_font(heading, 1.8, bold=True)
        layout.addWidget(heading)
        self.outcome = QLabel(line)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setAccessibleName(_("Outcome"))
        scale_font(self.outcome, 1.3)
        layout.addWidget(self.outcome)
        name = QLabel(summary.routine.name)
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setAccessibleName(_("Routine"))
        layout.addWidget(name)

        facts = QFormLayout()
        self.facts: dict[str, QLabel] = {}
        for key, value in (
            (ACTIVE_TIME, duration(summary.active_seconds)),
            (BACKWARD, minutes(summary.backward_seconds)),
            (ENERGY, _("{kcal} kcal").format(kcal=f"{summary.kcal:.0f}")),
            (
                SEGMENTS,
                _("{done} of {total}").format(
                    done=summary.segments_completed, total=summary.segments_total
                ),
            ),
        ):
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setAccessibleName(_(key))
            scale_font(shown, 1.3, bold=True)
            facts.addRow(_("{label}:").format(label=_(key)), shown)
            self.facts[key] = shown
        layout.addLayout(facts)

        form = QFormLayout()
        self.rpe_box = QComboBox()
        self.rpe_box.setAccessibleName(_("How hard was it?"))
        self.rpe_box.setToolTip(_("Rating of perceived exertion, Borg CR10 scale (0-10)"))
        self.rpe_box.addItem(_(NOT_RATED), None)
        for rating in range(11):
            self.rpe_box.addItem(rpe_label(rating), rating)
        form.addRow(_("How hard was it?"), self.rpe_box)
        self.pain_box = QComboBox()
        self.pain_box.setAccessibleName(_("Knee or back pain"))
        self.pain_box.setToolTip(_("0 = no pain, 10 = the worst pain imaginable"))
        self.pain_box.addItem(_(NOT_RATED), None)
        for rating in range(11):
            self.pain_box.addItem(f"{rating} – {pain_word(rating)}", rating)
        form.addRow(_("Knee or back pain"), self.pain_box)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(_("Notes"))
        self.notes_edit.setPlaceholderText(_("How did it go? (optional)"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(96)
        form.addRow(_("Notes"), self.notes_edit)
        layout.addLayout(form)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_(SAVE_LABEL), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(_(SAVE_LABEL))
        self.save_button.setDefault(True)
        self.discard_button = buttons.addButton(
            _(DISCARD_LABEL), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.discard_button.setAccessibleName(_(DISCARD_LABEL))
        self.discard_button.setToolTip(_("Forget this workout (asks first)"))
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
            _("Discard workout"),
            _("Discard this workout? It will not appear in your history."),
            _("Discard"),
            _("Keep it"),
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
