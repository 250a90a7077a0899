"""The first-run set-up: name, body weight, weekly goal, the safety checklist, a sound test.

It replaces the silent 70 kg default with the person's own numbers before the
first workout. Everything it asks stays editable in Settings; closing it early
keeps the defaults and it is not shown again (`setup_done`).

The wizard only collects answers: `answers()` returns the setting values and
the caller stores them (`store.settings.update(**answers)`), so a storage error
is handled where the other writes are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from walkback_desktop.core.energy import kg_to_lb, lb_to_kg
from walkback_desktop.core.settings import SETTINGS, AppSettings
from walkback_desktop.i18n import _
from walkback_desktop.ui.safety_dialog import CHECKS

WEIGHT_KG_RANGE = (SETTINGS["weight_kg"].low or 20.0, SETTINGS["weight_kg"].high or 400.0)


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _ProfilePage(QWizardPage):
    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.setTitle(_("Welcome to WalkBack"))
        self.setSubTitle(
            _(
                "A few questions so that your workouts and your report fit you. "
                "You can change every answer later in Settings."
            )
        )
        form = QFormLayout(self)
        self.name = QLineEdit(settings.person_name)
        self.name.setMaxLength(SETTINGS["person_name"].max_len)
        self.name.setAccessibleName(_("Your name"))
        self.name.setPlaceholderText(_("Printed on your progress report"))
        form.addRow(_("Your &name"), self.name)

        self.units = QComboBox()
        self.units.setAccessibleName(_("Units"))
        self.units.addItem(_("Kilograms (kg)"), "metric")
        self.units.addItem(_("Pounds (lb)"), "imperial")
        self.weight = QDoubleSpinBox()
        self.weight.setDecimals(1)
        self.weight.setAccessibleName(_("Body weight"))
        self._kg = settings.weight_kg
        self.units.setCurrentIndex(max(0, self.units.findData(settings.units)))
        self._show_weight()
        self.units.currentIndexChanged.connect(self._units_changed)
        self.weight.valueChanged.connect(self._weight_changed)
        form.addRow(_("&Units"), self.units)
        form.addRow(_("Body &weight"), self.weight)
        form.addRow(
            _wrapped(_("Your weight is used only to estimate the energy (kcal) a workout uses."))
        )

    @property
    def imperial(self) -> bool:
        return self.units.currentData() == "imperial"

    def _show_weight(self) -> None:
        low, high = WEIGHT_KG_RANGE
        self.weight.blockSignals(True)
        if self.imperial:
            self.weight.setRange(round(kg_to_lb(low), 1), round(kg_to_lb(high), 1))
            self.weight.setSuffix(" " + _("lb"))
            self.weight.setValue(kg_to_lb(self._kg))
        else:
            self.weight.setRange(low, high)
            self.weight.setSuffix(" " + _("kg"))
            self.weight.setValue(self._kg)
        self.weight.blockSignals(False)

    def _units_changed(self) -> None:
        self._show_weight()

    def _weight_changed(self, value: float) -> None:
        low, high = WEIGHT_KG_RANGE
        kg = lb_to_kg(value) if self.imperial else value
        self._kg = min(high, max(low, kg))

    def values(self) -> dict[str, Any]:
        return {
            "person_name": self.name.text().strip(),
            "units": self.units.currentData(),
            "weight_kg": round(self._kg, 1),
        }


class _GoalPage(QWizardPage):
    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.setTitle(_("Your weekly goal"))
        self.setSubTitle(
            _(
                "Rehabilitation programmes usually ask for about three sessions a week. "
                "A week counts as done when both numbers are reached."
            )
        )
        form = QFormLayout(self)
        sessions, minutes = SETTINGS["weekly_goal_sessions"], SETTINGS["weekly_goal_backward_min"]
        self.sessions = QSpinBox()
        self.sessions.setRange(int(sessions.low or 0), int(sessions.high or 21))
        self.sessions.setValue(settings.weekly_goal_sessions)
        self.sessions.setAccessibleName(_("Sessions a week"))
        self.minutes = QSpinBox()
        self.minutes.setRange(int(minutes.low or 0), int(minutes.high or 1000))
        self.minutes.setValue(settings.weekly_goal_backward_min)
        self.minutes.setSuffix(" " + _("min"))
        self.minutes.setAccessibleName(_("Backward minutes a week"))
        form.addRow(_("&Sessions a week"), self.sessions)
        form.addRow(_("&Backward minutes a week"), self.minutes)

    def values(self) -> dict[str, Any]:
        return {
            "weekly_goal_sessions": self.sessions.value(),
            "weekly_goal_backward_min": self.minutes.value(),
        }


class _ClickableLabel(QLabel):
    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self._box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._box.toggle()
        super().mouseReleaseEvent(event)


def _checklist_line(text: str) -> tuple[QWidget, QCheckBox]:
    """A check box whose text wraps (a QCheckBox's own text never does), with an
    indicator that grows with the text size."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 4, 0, 4)
    box = QCheckBox()
    box.setAccessibleName(text)
    box.setStyleSheet("QCheckBox::indicator { width: 1.2em; height: 1.2em; }")
    layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(_ClickableLabel(text, box), 1)
    return row, box


class _SafetyPage(QWizardPage):
    """Every line must be ticked before Next: the same checklist as before a workout."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Safety first"))
        self.setSubTitle(_("Walking backwards is safe when you can see where you are going."))
        layout = QVBoxLayout(self)
        self.checks: list[QCheckBox] = []
        for text in CHECKS:
            row, box = _checklist_line(_(text))
            box.toggled.connect(self.completeChanged)
            layout.addWidget(row)
            self.checks.append(box)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return all(box.isChecked() for box in self.checks)


class _SoundPage(QWizardPage):
    def __init__(self, test_cue: Callable[[], None] | None) -> None:
        super().__init__()
        self.setTitle(_("Check the sound"))
        self.setSubTitle(
            _(
                "During a workout you will be metres from the screen, so the sound "
                "carries it: a beep before each change and a voice saying what comes next."
            )
        )
        layout = QVBoxLayout(self)
        self.test_button = QPushButton(_("&Play a test cue"))
        self.test_button.setAccessibleName(_("Play a test cue"))
        self.test_button.setEnabled(test_cue is not None)
        self.plays = 0
        self._test_cue = test_cue
        self.test_button.clicked.connect(self._play)
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(
            _wrapped(
                _(
                    "Turn the volume up until you can hear it from where you will walk. "
                    "Sound and voice can be changed any time in Settings."
                )
            )
        )
        layout.addStretch(1)

    def _play(self) -> None:
        if self._test_cue is not None:
            self.plays += 1
            self._test_cue()


class FirstRunWizard(QWizard):
    """Collects the first-run answers; `answers()` gives the settings to store."""

    def __init__(
        self,
        settings: AppSettings,
        *,
        test_cue: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Set up WalkBack"))
        self.setAccessibleName(_("Set up WalkBack"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.profile = _ProfilePage(settings)
        self.goal = _GoalPage(settings)
        self.safety = _SafetyPage()
        self.sound = _SoundPage(test_cue)
        for page in (self.profile, self.goal, self.safety, self.sound):
            self.addPage(page)

    def answers(self) -> dict[str, Any]:
        """The settings to store when the wizard is finished (not when it is closed)."""
        return {
            **self.profile.values(),
            **self.goal.values(),
            "safety_acknowledged": self.safety.isComplete(),
            "setup_done": True,
        }
