"""The first-run set-up replaces the silent defaults with the person's own answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from walkback_desktop.core.settings import AppSettings
from walkback_desktop.ui.first_run import FirstRunWizard


@pytest.fixture
def wizard(qtbot):
    played: list[int] = []
    dialog = FirstRunWizard(AppSettings(), test_cue=lambda: played.append(1))
    qtbot.addWidget(dialog)
    dialog.played = played
    dialog.show()
    return dialog


def _next_enabled(wizard: FirstRunWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_answers_in_pounds_are_stored_in_kilograms(qtbot, wizard):
    qtbot.keyClicks(wizard.profile.name, "Ann")
    wizard.profile.units.setCurrentIndex(wizard.profile.units.findData("imperial"))
    assert wizard.profile.weight.suffix() == " lb"
    wizard.profile.weight.setValue(154.0)
    answers = wizard.answers()
    assert answers["person_name"] == "Ann"
    assert answers["units"] == "imperial"
    assert answers["weight_kg"] == pytest.approx(69.9, abs=0.05)


def test_switching_units_keeps_the_weight(wizard):
    wizard.profile.weight.setValue(82.0)
    wizard.profile.units.setCurrentIndex(wizard.profile.units.findData("imperial"))
    assert wizard.profile.weight.value() == pytest.approx(180.8, abs=0.05)
    wizard.profile.units.setCurrentIndex(wizard.profile.units.findData("metric"))
    assert wizard.profile.weight.value() == pytest.approx(82.0, abs=0.05)


def test_safety_page_needs_every_line_ticked_and_sound_can_be_tested(qtbot, wizard):
    wizard.next()
    wizard.goal.sessions.setValue(4)
    wizard.next()
    assert wizard.currentPage() is wizard.safety
    assert not _next_enabled(wizard)
    for box in wizard.safety.checks[:-1]:
        box.setChecked(True)
    assert not _next_enabled(wizard)
    wizard.safety.checks[-1].setChecked(True)
    assert _next_enabled(wizard)
    wizard.next()
    qtbot.mouseClick(wizard.sound.test_button, Qt.MouseButton.LeftButton)
    assert wizard.played == [1]
    answers = wizard.answers()
    assert answers["weekly_goal_sessions"] == 4
    assert answers["safety_acknowledged"] is True
    assert answers["setup_done"] is True


def test_answers_validate_as_settings(store, wizard):
    snapshot = store.settings.update(**wizard.answers())
    assert snapshot.setup_done
    assert snapshot.weight_kg == pytest.approx(70.0)


def test_checklist_text_wraps_and_clicking_it_ticks_the_box(qtbot, wizard):
    from PySide6.QtWidgets import QApplication, QLabel

    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    QApplication.setFont(font)
    try:
        wizard.next()
        wizard.next()
        label = wizard.safety.findChildren(QLabel)[-1]
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
        assert wizard.safety.checks[-1].isChecked()
        assert wizard.minimumSizeHint().width() <= 1280
    finally:
        font.setPointSizeF(font.pointSizeF() / 2)
        QApplication.setFont(font)
