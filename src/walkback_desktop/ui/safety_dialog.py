"""The safety checklist shown before the first workout ever, and before any
routine whose author asks for it (`routine.safety_checklist`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.routine import Routine
from walkback_desktop.i18n import N_, _
from walkback_desktop.ui.fonts import scale_font

# Marked for translation here, shown with _().
CHECKS = (
    N_(
        "A clear, flat path of at least 5 m behind me — or a treadmill with its safety clip "
        "on and my hands on the handrails"
    ),
    N_("I will walk slowly and glance over my shoulder every few steps"),
    N_("I will stop at once if I feel pain, dizziness or chest discomfort"),
)
START_LABEL = N_("Start workout")
DIALOG_WIDTH = 760


def needs_checklist(routine: Routine, acknowledged: bool) -> bool:
    return routine.safety_checklist or not acknowledged


class SafetyDialog(QDialog):
    """Every box must be ticked before the workout can start."""

    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Before you start"))
        self.setAccessibleName(_("Before you start"))
        self.setFixedWidth(DIALOG_WIDTH)
        layout = QVBoxLayout(self)
        heading = QLabel(_("Safety first"))
        scale_font(heading, 1.6, bold=True)
        layout.addWidget(heading)
        if routine.safety:
            note = QLabel(routine.safety)
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            note.setAccessibleName(_("Safety note"))
            # A top-level dialog ignores height-for-width: give the wrapped note its height.
            margins = layout.contentsMargins()
            note.setMinimumHeight(
                note.heightForWidth(DIALOG_WIDTH - margins.left() - margins.right())
            )
            layout.addWidget(note)
        self.checks: list[QCheckBox] = []
        for message in CHECKS:
            text = _(message)
            box = QCheckBox(text)
            box.setAccessibleName(text)
            box.setStyleSheet("QCheckBox { padding: 6px 0; }")
            box.toggled.connect(self._update)
            layout.addWidget(box)
            self.checks.append(box)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton(
            _(START_LABEL), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setAccessibleName(_(START_LABEL))
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.cancel_button.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update()

    def tick_all(self) -> None:
        for box in self.checks:
            box.setChecked(True)

    def _update(self) -> None:
        ready = all(box.isChecked() for box in self.checks)
        self.start_button.setEnabled(ready)
        self.start_button.setToolTip("" if ready else _("Tick every line first"))
