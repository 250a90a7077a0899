from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QWidget

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


# --- voices, the test cue, the language, and storage errors -----------------------
from walkback_desktop.audio.voices import VoiceInfo, order_voices  # noqa: E402

ESPEAK_LIKE = [
    VoiceInfo("Bishnupriya Manipuri", "bn_IN"),
    VoiceInfo("Bishnupriya Manipuri+Adam", "bn_IN"),
    VoiceInfo("English (America)+Alex", "en_US"),
    VoiceInfo("English (Great Britain)", "en_GB"),
    VoiceInfo("English (America)", "en_US"),
    VoiceInfo("German", "de_DE"),
    VoiceInfo("German+Adam", "de_DE"),
]


class VoicedRecorder(RecordingCuePlayer):
    """The recording player with an engine offering espeak-like voices."""

    def voice_choices(self, *, all_languages: bool = False):
        ordered = order_voices(ESPEAK_LIKE, "en", "US")
        return ordered if all_languages else [v for v in ordered if v.language == "en"]

    def voices(self) -> list[str]:
        return [v.name for v in self.voice_choices(all_languages=True)]


@pytest.fixture
def voiced(qtbot, data_dir):
    player = VoicedRecorder()
    win = build_main_window(data_dir, clock=FakeClock(), cue_player_factory=lambda ctx: player)
    qtbot.addWidget(win)
    win.show()
    win.show_page("settings")
    yield win.page("settings"), player
    apply_appearance(QApplication.instance(), {"theme": "system", "text_scale": 100})


def _combo_labels(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_voices_for_the_app_language_come_first_with_readable_names(voiced):
    page, _player = voiced
    labels = _combo_labels(page.voice_combo)
    assert labels == [
        "System default",
        "English (America)",
        "English (Great Britain)",
        "English (America), Alex",
    ]
    page.all_voices_check.setChecked(True)
    labels = _combo_labels(page.voice_combo)
    assert labels[1:4] == [
        "English (America)",
        "English (Great Britain)",
        "English (America), Alex",
    ]
    assert "Bishnupriya Manipuri" in labels[4:]
    assert "German, Adam" in labels


def test_choosing_a_voice_stores_its_engine_name(voiced):
    page, player = voiced
    page.voice_combo.setCurrentIndex(page.voice_combo.findText("English (America), Alex"))
    assert page.ctx.store.settings.snapshot().voice_name == "English (America)+Alex"
    assert player.options["voice_name"] == "English (America)+Alex"


def test_play_a_test_cue_beeps_speaks_and_gives_a_tip(qtbot, voiced):
    page, player = voiced
    player.speaking = True  # the spoken cue is still being said: the tip waits for it
    page.test_button.click()
    qtbot.waitUntil(lambda: player.kinds == ["countdown", "segment_start"])
    qtbot.wait(250)
    assert player.kinds == ["countdown", "segment_start"]
    player.speaking = False
    qtbot.waitUntil(lambda: player.kinds == ["countdown", "segment_start", "tip"])


def test_voice_off_is_told_to_the_player_before_it_is_prepared(qtbot, data_dir):
    calls: list[str] = []

    class Order(RecordingCuePlayer):
        def set_options(self, **options):
            calls.append(f"options voice={options['voice_enabled']}")
            super().set_options(**options)

        def prepare(self):
            calls.append("prepare")
            super().prepare()

    player = Order()
    win = build_main_window(data_dir, clock=FakeClock(), cue_player_factory=lambda ctx: player)
    qtbot.addWidget(win)
    win.ctx.store.settings.update(voice_enabled=False)
    win.show()
    win.show_page("settings")
    assert calls[:2] == ["options voice=False", "prepare"]


def test_language_is_a_choice_that_takes_effect_on_restart(window, page):
    assert _combo_labels(page.language_combo) == ["System", "English", "Deutsch"]
    assert not page.language_note.isVisible()
    page.language_combo.setCurrentIndex(page.language_combo.findData("de"))
    assert window.ctx.store.settings.snapshot().language == "de"
    assert page.language_note.isVisible()
    assert "restart" in page.language_note.text()


def test_a_setting_the_database_cannot_store_stays_on_screen(window, page, monkeypatch, caplog):
    from walkback_desktop.storage.errors import StorageError, StorageErrorKind

    def locked(**changes):
        raise StorageError(StorageErrorKind.LOCKED, window.ctx.store.db.path)

    monkeypatch.setattr(window.ctx.store.settings, "update", locked)
    page.volume_spin.setValue(35)  # the volume slider's setting
    assert page.volume_spin.value() == 35
    error = page.errors["volume"]
    assert error.isVisible()
    assert "busy" in error.text() and "stays" in error.text()
    assert "could not save the setting volume" in caplog.text
    monkeypatch.undo()
    assert window.ctx.store.settings.snapshot().volume == 80


def test_readable_at_200_percent_text(qtbot, window, page, tmp_path):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox

    window.resize(1280, 800)
    base = QApplication.instance().font().pointSizeF()
    page.text_spin.setValue(200)
    assert QApplication.instance().font().pointSizeF() == pytest.approx(2 * base)

    def shown() -> list[QWidget]:
        found = page.findChildren(QLabel) + page.findChildren(QAbstractButton)
        return [w for w in found if w.isVisible() and w.text() and not isinstance(w, QGroupBox)]

    def fits(widget: QWidget) -> bool:
        hint = widget.minimumSizeHint()
        return widget.width() >= hint.width() and widget.height() >= hint.height()

    # The new size reaches the widgets and their layouts in the next turns of the event loop.
    qtbot.waitUntil(lambda: all(fits(widget) for widget in shown()), timeout=3000)
    page.grab().save(str(tmp_path / "settings-200.png"))
    for widget in shown():
        hint = widget.minimumSizeHint()
        assert widget.width() >= hint.width(), widget.text()
        assert widget.height() >= hint.height(), widget.text()
    for combo in page.findChildren(QComboBox):
        assert combo.width() >= combo.minimumSizeHint().width()


def test_the_name_hint_is_not_cut_at_200_percent(qtbot, window, page):
    page.text_spin.setValue(200)
    qtbot.wait(20)
    edit = page.name_edit
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.placeholderText())


class _EchoingPlayer(RecordingCuePlayer):
    """Like the real player: applying options announces a status change at once."""

    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Signal

        class _Signals(QObject):
            status_changed = Signal()

        super().__init__()
        self._signals = _Signals()
        self.status_changed = self._signals.status_changed
        self.option_calls = 0

    def set_options(self, **options: object) -> None:
        super().set_options(**options)
        self.option_calls += 1
        if self.option_calls > 50:
            raise AssertionError("the Settings page keeps re-applying the sound options")
        self.status_changed.emit()


def test_a_status_change_while_listing_voices_does_not_loop(qtbot, data_dir):
    """With no sound device the real player answered every set_options with a
    status change, and the page answered that by listing the voices (and applying
    the options) again: a recursion storm that hung the Settings page."""
    player = _EchoingPlayer()
    win = build_main_window(data_dir, clock=FakeClock(), cue_player_factory=lambda ctx: player)
    qtbot.addWidget(win)
    win.show()
    win.show_page("settings")
    page = win.page("settings")
    page.page_shown()
    player.status_changed.emit()  # e.g. the engine became ready
    assert player.option_calls < 10
    assert page.voice_combo.count() >= 1


def test_the_real_player_announces_only_a_real_change_of_options(qtbot):
    from walkback_desktop.audio.qt_player import QtCuePlayer

    player = QtCuePlayer()
    options = dict(voice_enabled=False, beeps_enabled=True, volume=0.5)
    player.set_options(**options)
    with qtbot.assertNotEmitted(player.status_changed):
        player.set_options(**options)
    with qtbot.waitSignal(player.status_changed, timeout=1000):
        player.set_options(**{**options, "volume": 0.7})


def test_check_boxes_grow_with_the_text_and_show_on_a_dark_window(qtbot, window, page):
    """At 200 % a check box's box is twice the style's own size, and on the dark
    theme its outline is lighter than the window (Fusion's was darker: invisible)."""
    from PySide6.QtGui import QColor, QPalette

    app = QApplication.instance()
    box = page.findChild(QCheckBox)
    style = app.style()
    normal = style.pixelMetric(style.PixelMetric.PM_IndicatorWidth)
    apply_appearance(app, {"theme": "dark", "text_scale": 200})
    try:
        style = app.style()
        assert style.pixelMetric(style.PixelMetric.PM_IndicatorWidth) >= 2 * normal - 1
        # The dark palette reaches the widgets in the next turn of the event loop.
        qtbot.waitUntil(lambda: box.palette().color(QPalette.ColorRole.Window).lightness() < 80)
        box.setChecked(False)
        image = box.grab().toImage()
        window_colour = box.palette().color(QPalette.ColorRole.Window)
        lightest = max(
            QColor(image.pixel(x, y)).lightness()
            for x in range(min(image.width(), 2 * normal + 8))
            for y in range(image.height())
        )
        assert lightest > window_colour.lightness() + 60  # an outline one can see
    finally:
        apply_appearance(app, {"theme": "system", "text_scale": 100})
