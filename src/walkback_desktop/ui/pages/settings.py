"""The Settings page: profile, sound, workout, goals and display.

Every change is checked with `core.settings` (an error shows in red under the
field and nothing is saved), stored at once, and announced with
`ctx.events.settings_changed(key)`. Sound options go straight to the cue
player; theme and text size to the whole application.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.energy import kg_to_lb, lb_to_kg
from walkback_desktop.core.settings import SETTINGS, SettingError
from walkback_desktop.ui.appearance import apply_appearance
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.scrolling import scroll_page
from walkback_desktop.ui.workout_controller import audio_options, prepare_player

log = logging.getLogger(__name__)

DEFAULT_VOICE = "System default"
ERROR_STYLE = "color: #c62828; font-weight: bold;"
AUDIO_KEYS = {"voice_enabled", "beeps_enabled", "volume", "voice_name", "voice_rate"}
APPEARANCE_KEYS = {"theme", "text_scale"}


class SettingsPage(Page):
    page_id = "settings"
    title = "Settings"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName(self.title)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._loading = False
        self._watched_player: object | None = None

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(14)
        heading = QLabel("Settings")
        scale_font(heading, 1.8, bold=True)
        column.addWidget(heading)

        profile = self._group(column, "Profile")
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(SETTINGS["person_name"].max_len)
        self.name_edit.setPlaceholderText("Printed on your progress report")
        self.name_edit.editingFinished.connect(
            lambda: self.save("person_name", self.name_edit.text().strip())
        )
        self._row(profile, "person_name", "Your name (for reports)", self.name_edit)
        self.units_combo = QComboBox()
        self.units_combo.addItem("Metric (kg)", "metric")
        self.units_combo.addItem("Imperial (lb)", "imperial")
        self.units_combo.currentIndexChanged.connect(self._on_units)
        self._row(profile, "units", "Units", self.units_combo)
        self.weight_spin = QDoubleSpinBox()
        self.weight_spin.setDecimals(1)
        self.weight_spin.setSingleStep(0.5)
        self._no_tracking(self.weight_spin)
        self.weight_spin.valueChanged.connect(self._on_weight)
        self._row(profile, "weight_kg", "Body weight", self.weight_spin)

        sound = self._group(column, "Sound")
        self.voice_check = self._check(sound, "voice_enabled", "Speak announcements and tips")
        self.voice_combo = QComboBox()
        self.voice_combo.currentIndexChanged.connect(
            lambda: self.save("voice_name", self.voice_combo.currentData() or "")
        )
        self._row(sound, "voice_name", "Voice", self.voice_combo)
        self.rate_spin = QDoubleSpinBox()
        self.rate_spin.setRange(-1.0, 1.0)
        self.rate_spin.setSingleStep(0.1)
        self.rate_spin.setDecimals(1)
        self.rate_spin.setToolTip("-1 is slow, 0 normal, 1 fast")
        self._no_tracking(self.rate_spin)
        self.rate_spin.valueChanged.connect(lambda v: self.save("voice_rate", round(v, 1)))
        self._row(sound, "voice_rate", "Speaking rate", self.rate_spin)
        self.beeps_check = self._check(
            sound, "beeps_enabled", "Beep for countdowns and segment changes"
        )
        self.volume_spin = self._int_spin(sound, "volume", "Volume", suffix=" %")
        self.audio_notice = QLabel()
        self.audio_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.audio_notice.setWordWrap(True)
        self.audio_notice.setAccessibleName("Sound status")
        sound.addRow(self.audio_notice)

        workout = self._group(column, "Workout")
        self.tip_spin = self._int_spin(
            workout, "tip_interval_s", "Seconds between form tips", suffix=" s", special="No tips"
        )
        self.ready_spin = self._int_spin(
            workout, "get_ready_s", "Get-ready count", suffix=" s", special="Start at once"
        )
        self.metronome_check = self._check(
            workout, "metronome_enabled", "Cadence metronome (tick at each step)"
        )

        goals = self._group(column, "Weekly goal")
        self.goal_sessions_spin = self._int_spin(goals, "weekly_goal_sessions", "Sessions a week")
        self.goal_minutes_spin = self._int_spin(
            goals, "weekly_goal_backward_min", "Backward minutes a week", suffix=" min"
        )

        display = self._group(column, "Display")
        self.theme_combo = QComboBox()
        for label, value in (
            ("Follow the system", "system"),
            ("Light", "light"),
            ("Dark", "dark"),
        ):
            self.theme_combo.addItem(label, value)
        self.theme_combo.currentIndexChanged.connect(
            lambda: self.save("theme", self.theme_combo.currentData())
        )
        self._row(display, "theme", "Theme", self.theme_combo)
        self.text_spin = self._int_spin(display, "text_scale", "Text size", suffix=" %")
        self.text_spin.setSingleStep(5)
        column.addStretch(1)

        scroll_page(self, content)
        ctx.events.settings_changed.connect(self._on_external_change)
        self.load()

    # --- building ----------------------------------------------------------------
    def _group(self, column: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setVerticalSpacing(6)
        column.addWidget(box)
        return form

    def _row(self, form: QFormLayout, key: str, label: str, field: QWidget) -> None:
        field.setAccessibleName(label)
        field.setToolTip(field.toolTip() or SETTINGS[key].help)
        field.setMinimumWidth(220)
        caption = QLabel(label)
        caption.setBuddy(field)
        form.addRow(caption, field)
        error = QLabel()
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAccessibleName(f"{label}: error")
        error.hide()
        form.addRow(error)
        self.fields[key] = field
        self.errors[key] = error

    def _check(self, form: QFormLayout, key: str, label: str) -> QCheckBox:
        box = QCheckBox(label)
        box.setAccessibleName(label)
        box.setToolTip(SETTINGS[key].help)
        box.toggled.connect(lambda on: self.save(key, on))
        form.addRow(box)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.hide()
        form.addRow(error)
        self.fields[key] = box
        self.errors[key] = error
        return box

    @staticmethod
    def _no_tracking(spin: QAbstractSpinBox) -> None:
        """valueChanged only on Enter, leaving the field or the arrows: not per keystroke."""
        spin.setKeyboardTracking(False)

    def _int_spin(
        self, form: QFormLayout, key: str, label: str, *, suffix: str = "", special: str = ""
    ) -> QSpinBox:
        spec = SETTINGS[key]
        spin = QSpinBox()
        spin.setRange(int(spec.low or 0), int(spec.high or 0))
        spin.setSuffix(suffix)
        if special:
            spin.setSpecialValueText(special)
        self._no_tracking(spin)
        spin.valueChanged.connect(lambda value: self.save(key, value))
        self._row(form, key, label, spin)
        return spin

    # --- values ---------------------------------------------------------------------
    def _imperial(self) -> bool:
        return self.units_combo.currentData() == "imperial"

    def load(self) -> None:
        """Show the stored values (without saving them back)."""
        values = self.ctx.store.settings.all()
        self._loading = True
        try:
            self.name_edit.setText(values["person_name"])
            self.units_combo.setCurrentIndex(max(0, self.units_combo.findData(values["units"])))
            self._show_weight(values["weight_kg"])
            self.voice_check.setChecked(values["voice_enabled"])
            if self._watched_player is None:  # the player is made when the page is first shown
                self._show_stored_voice(values["voice_name"])
            else:
                self._fill_voices(values["voice_name"])
            self.rate_spin.setValue(values["voice_rate"])
            self.beeps_check.setChecked(values["beeps_enabled"])
            self.volume_spin.setValue(values["volume"])
            self.tip_spin.setValue(values["tip_interval_s"])
            self.ready_spin.setValue(values["get_ready_s"])
            self.metronome_check.setChecked(values["metronome_enabled"])
            self.goal_sessions_spin.setValue(values["weekly_goal_sessions"])
            self.goal_minutes_spin.setValue(values["weekly_goal_backward_min"])
            self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(values["theme"])))
            self.text_spin.setValue(values["text_scale"])
        finally:
            self._loading = False
        for error in self.errors.values():
            error.hide()

    def _show_weight(self, weight_kg: float) -> None:
        spec = SETTINGS["weight_kg"]
        low, high = float(spec.low or 0), float(spec.high or 0)
        self.weight_spin.blockSignals(True)
        if self._imperial():
            self.weight_spin.setSuffix(" lb")
            self.weight_spin.setRange(round(kg_to_lb(low), 1), round(kg_to_lb(high), 1))
            self.weight_spin.setValue(round(kg_to_lb(weight_kg), 1))
        else:
            self.weight_spin.setSuffix(" kg")
            self.weight_spin.setRange(low, high)
            self.weight_spin.setValue(round(weight_kg, 1))
        self.weight_spin.blockSignals(False)

    def _on_units(self) -> None:
        if self._loading:
            return
        if self.save("units", self.units_combo.currentData()):
            self._show_weight(self.ctx.store.settings.get("weight_kg"))

    def _on_weight(self, value: float) -> None:
        kg = lb_to_kg(value) if self._imperial() else value
        self.save("weight_kg", round(kg, 2))

    def _show_stored_voice(self, current: str) -> None:
        self.voice_combo.blockSignals(True)
        self.voice_combo.clear()
        self.voice_combo.addItem(current or DEFAULT_VOICE, current)
        self.voice_combo.blockSignals(False)

    def _fill_voices(self, current: str) -> None:
        player = prepare_player(self.ctx)
        if player is not self._watched_player:
            self._watched_player = player
            changed = getattr(player, "status_changed", None)
            if changed is not None:
                changed.connect(self._on_player_status)
        voices = player.voices()
        self.voice_combo.blockSignals(True)
        self.voice_combo.clear()
        self.voice_combo.addItem(DEFAULT_VOICE, "")
        for name in voices:
            self.voice_combo.addItem(name, name)
        if current and current not in voices:
            self.voice_combo.addItem(f"{current} (not available)", current)
        self.voice_combo.setCurrentIndex(max(0, self.voice_combo.findData(current)))
        self.voice_combo.setEnabled(bool(voices))
        self.voice_combo.blockSignals(False)
        notice = player.status().notice
        self.audio_notice.setText(notice)
        self.audio_notice.setVisible(bool(notice))

    def _on_player_status(self) -> None:
        self._fill_voices(self.ctx.store.settings.get("voice_name"))

    def save(self, key: str, value: Any) -> bool:
        """Check and store one setting; show the reason inline when it is refused."""
        if self._loading:
            return False
        error = self.errors[key]
        try:
            value = SETTINGS[key].validate(value)
            self.ctx.store.settings.set(key, value)
        except SettingError as exc:
            error.setText(_readable(key, str(exc)))
            error.show()
            return False
        error.hide()
        self._apply(key)
        self.ctx.events.settings_changed.emit(key)
        return True

    def _apply(self, key: str) -> None:
        values = self.ctx.store.settings.all()
        if key in AUDIO_KEYS:
            try:
                prepare_player(self.ctx).set_options(**audio_options(values))
            except Exception:
                log.exception("could not apply the sound settings")
        if key in APPEARANCE_KEYS:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_appearance(app, values)

    def _on_external_change(self, key: str) -> None:
        """Another page changed a setting (e.g. the workout's volume slider)."""
        if key in self.fields and not self.isVisible():
            self.load()

    def page_shown(self) -> None:
        self._fill_voices(self.ctx.store.settings.get("voice_name"))
        self.load()


def _readable(key: str, message: str) -> str:
    """'tip_interval_s must be ...' -> 'This must be ...' under the field."""
    return "This " + message.removeprefix(key).strip() if message.startswith(key) else message
