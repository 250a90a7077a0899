from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel

from walkback_desktop.app import build_main_window
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.ui.appearance import apply_appearance


@pytest.fixture
def recorder():
    return RecordingCuePlayer()


@pytest.fixture
def window(qtbot, data_dir, recorder):
    win = build_main_window(data_dir, clock=FakeClock(), cue_player_factory=lambda ctx: recorder)
    qtbot.addWidget(win)
    win.show()
    yield win
    apply_appearance(QApplication.instance(), {"theme": "system", "text_scale": 100})


@pytest.fixture
def page(window):
    window.show_page("settings")
    return window.page("settings")


def test_every_field_is_named_like_its_label(page):
    for key, field in page.fields.items():
        assert field.accessibleName(), key
        if isinstance(field, QCheckBox):
            assert field.accessibleName() == field.text()
        else:
            buddies = [label for label in page.findChildren(QLabel) if label.buddy() is field]
            assert [b.text() for b in buddies] == [field.accessibleName()], key


def test_a_change_is_saved_and_announced(qtbot, window, page):
    settings = window.ctx.store.settings
    with qtbot.waitSignal(window.ctx.events.settings_changed) as signal:
        page.goal_sessions_spin.setValue(5)
    assert signal.args == ["weekly_goal_sessions"]
    assert settings.get("weekly_goal_sessions") == 5
    page.metronome_check.setChecked(True)
    assert settings.get("metronome_enabled") is True


def test_bad_values_show_an_error_and_are_not_saved(window, page):
    page.tip_spin.setValue(5)  # 1-9 s is refused: 0 (no tips) or at least 10
    error = page.errors["tip_interval_s"]
    assert error.isVisible()
    assert "at least 10 seconds" in error.text()
    assert window.ctx.store.settings.get("tip_interval_s") == 30
    page.tip_spin.setValue(45)
    assert not error.isVisible()
    assert window.ctx.store.settings.get("tip_interval_s") == 45
    page.ready_spin.setValue(2)
    assert page.errors["get_ready_s"].isVisible()


def test_imperial_shows_pounds_and_stores_kilograms(window, page):
    settings = window.ctx.store.settings
    page.weight_spin.setValue(80.0)
    assert settings.get("weight_kg") == pytest.approx(80.0)
    page.units_combo.setCurrentIndex(page.units_combo.findData("imperial"))
    assert settings.get("units") == "imperial"
    assert page.weight_spin.suffix() == " lb"
    assert page.weight_spin.value() == pytest.approx(176.4, abs=0.1)
    page.weight_spin.setValue(154.3)
    assert settings.get("weight_kg") == pytest.approx(70.0, abs=0.05)


def test_sound_options_reach_the_player(page, recorder):
    page.volume_spin.setValue(40)
    assert recorder.options["volume"] == pytest.approx(0.4)
    page.voice_check.setChecked(False)
    assert recorder.options["voice_enabled"] is False
    assert page.voice_combo.findData("Test voice") >= 0
    page.voice_combo.setCurrentIndex(page.voice_combo.findData("Test voice"))
    assert recorder.options["voice_name"] == "Test voice"
    page.rate_spin.setValue(0.5)
    assert recorder.options["voice_rate"] == pytest.approx(0.5)


def test_theme_and_text_size_apply_to_the_application(window, page):
    app = QApplication.instance()
    base = app.font().pointSizeF()
    page.text_spin.setValue(150)
    assert app.font().pointSizeF() == pytest.approx(base * 1.5)
    page.theme_combo.setCurrentIndex(page.theme_combo.findData("dark"))
    assert window.ctx.store.settings.get("theme") == "dark"
    assert app.palette().window().color().lightness() < 80
    page.theme_combo.setCurrentIndex(page.theme_combo.findData("light"))
    assert app.palette().window().color().lightness() > 180


def test_name_for_reports_is_kept_as_plain_text(qtbot, window, page):
    page.name_edit.setText("<b>Ann</b>")
    page.name_edit.setFocus()
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert window.ctx.store.settings.get("person_name") == "<b>Ann</b>"


def test_a_change_elsewhere_shows_when_the_page_opens(window, page):
    window.show_page("today")
    window.ctx.store.settings.set("volume", 55)
    window.ctx.events.settings_changed.emit("volume")
    window.show_page("settings")
    assert page.volume_spin.value() == 55
