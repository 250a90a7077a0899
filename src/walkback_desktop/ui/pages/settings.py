"""The Settings page: profile, sound, workout, goals and display.

Every change is checked with `core.settings` (an error shows in red under the
field and nothing is saved), stored at once with `settings.update()` (the
settings repository: the page's only storage), and announced with
`ctx.events.settings_changed(key)`. A change the database cannot
store (locked, disk full) keeps the value on screen, says so under the field
and is logged. Sound options go straight to the cue player (set before the
player is prepared, so no speech engine starts while voice is off); theme and
text size to the whole application; the language on the next start.

(Over 400 lines: one form whose rows share one save-check-announce path and
one cue player; the reminders group is already ui/reminders.py.)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
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
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.audio.sound_check import SoundCheck
from walkback_desktop.core.energy import kg_to_lb, lb_to_kg
from walkback_desktop.core.settings import SETTINGS, SettingError
from walkback_desktop.i18n import N_, _
from walkback_desktop.ui.appearance import apply_appearance
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.scrolling import scroll_page
from walkback_desktop.ui.setting_texts import refused_text
from walkback_desktop.ui.workout_controller import audio_options, prepare_player

if TYPE_CHECKING:
    from walkback_desktop.storage.settings_repo import SettingsRepository

log = logging.getLogger(__name__)

DEFAULT_VOICE = N_("System default")
SAVE_FAILED = N_("Could not be saved ({reason}); the value stays here, try again later.")
LANGUAGE_NOTE = N_("A new language takes effect when WalkBack is restarted.")
ERROR_STYLE = "color: #c62828; font-weight: bold;"
AUDIO_KEYS = {"voice_enabled", "beeps_enabled", "volume", "voice_name", "voice_rate"}
APPEARANCE_KEYS = {"theme", "text_scale"}


class SettingsPage(Page):
    page_id = "settings"
    title = N_("Settings")

    def __init__(self, ctx: AppContext, *, settings: SettingsRepository) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.setAccessibleName(_(self.title))
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._loading = False
        self._watched_player: object | None = None
        self._filling_voices = False
        self._sound_check: SoundCheck | None = None

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(14)
        heading = QLabel(_("Settings"))
        scale_font(heading, 1.8, bold=True)
        column.addWidget(heading)

        profile = self._group(column, _("Profile"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(SETTINGS["person_name"].max_len)
        self.name_edit.setPlaceholderText(_("Printed on your progress report"))
        self.name_edit.editingFinished.connect(
            lambda: self.save("person_name", self.name_edit.text().strip())
        )
        self._row(profile, "person_name", _("Your name (for reports)"), self.name_edit)
        self.units_combo = QComboBox()
        self.units_combo.addItem(_("Metric (kg)"), "metric")
        self.units_combo.addItem(_("Imperial (lb)"), "imperial")
        self.units_combo.currentIndexChanged.connect(self._on_units)
        self._row(profile, "units", _("Units"), self.units_combo)
        self.weight_spin = QDoubleSpinBox()
        self.weight_spin.setDecimals(1)
        self.weight_spin.setSingleStep(0.5)
        self._no_tracking(self.weight_spin)
        self.weight_spin.valueChanged.connect(self._on_weight)
        self._row(profile, "weight_kg", _("Body weight"), self.weight_spin)

        sound = self._group(column, _("Sound"))
        self.voice_check = self._check(sound, "voice_enabled", _("Speak announcements and tips"))
        self.voice_combo = QComboBox()
        self.voice_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.voice_combo.setMinimumContentsLength(18)
        self.voice_combo.currentIndexChanged.connect(
            lambda: self.save("voice_name", self.voice_combo.currentData() or "")
        )
        self._row(sound, "voice_name", _("Voice"), self.voice_combo)
        self.all_voices_check = QCheckBox(_("Show voices for all languages"))
        self.all_voices_check.setAccessibleName(self.all_voices_check.text())
        self.all_voices_check.toggled.connect(
            lambda: self._fill_voices(self.settings.snapshot().voice_name)
        )
        sound.addRow(self.all_voices_check)
        self.rate_spin = QDoubleSpinBox()
        self.rate_spin.setRange(-1.0, 1.0)
        self.rate_spin.setSingleStep(0.1)
        self.rate_spin.setDecimals(1)
        self.rate_spin.setToolTip(_("-1 is slow, 0 normal, 1 fast"))
        self._no_tracking(self.rate_spin)
        self.rate_spin.valueChanged.connect(lambda v: self.save("voice_rate", round(v, 1)))
        self._row(sound, "voice_rate", _("Speaking rate"), self.rate_spin)
        self.beeps_check = self._check(
            sound, "beeps_enabled", _("Beep for countdowns and segment changes")
        )
        self.volume_spin = self._int_spin(sound, "volume", _("Volume"), suffix=" %")
        self.test_button = QPushButton(_("Play a test cue"))
        self.test_button.setAccessibleName(self.test_button.text())
        self.test_button.setToolTip(_("A beep, a spoken cue and a tip, as in a workout"))
        self.test_button.clicked.connect(self.play_test_cue)
        self.test_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        sound.addRow(self.test_button)
        self.audio_notice = QLabel()
        self.audio_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.audio_notice.setWordWrap(True)
        self.audio_notice.setAccessibleName(_("Sound status"))
        sound.addRow(self.audio_notice)

        workout = self._group(column, _("Workout"))
        self.tip_spin = self._int_spin(
            workout,
            "tip_interval_s",
            _("Seconds between form tips"),
            suffix=" s",
            special=_("No tips"),
        )
        self.ready_spin = self._int_spin(
            workout, "get_ready_s", _("Get-ready count"), suffix=" s", special=_("Start at once")
        )
        self.metronome_check = self._check(
            workout, "metronome_enabled", _("Cadence metronome (tick at each step)")
        )

        # The rest in a turn of its own at start-up (the page took 25-35 ms at once).
        self.later_at_start_up(lambda: self._build_rest(column, content))

    def _build_rest(self, column: QVBoxLayout, content: QWidget) -> None:
        """The weekly goal, display and reminder settings, then the values."""
        goals = self._group(column, _("Weekly goal"))
        self.goal_sessions_spin = self._int_spin(
            goals, "weekly_goal_sessions", _("Sessions a week")
        )
        self.goal_minutes_spin = self._int_spin(
            goals, "weekly_goal_backward_min", _("Backward minutes a week"), suffix=" " + _("min")
        )

        display = self._group(column, _("Display"))
        self.theme_combo = QComboBox()
        for label, value in (
            (_("Follow the system"), "system"),
            (_("Light"), "light"),
            (_("Dark"), "dark"),
        ):
            self.theme_combo.addItem(label, value)
        self.theme_combo.currentIndexChanged.connect(
            lambda: self.save("theme", self.theme_combo.currentData())
        )
        self._row(display, "theme", _("Theme"), self.theme_combo)
        self.text_spin = self._int_spin(display, "text_scale", _("Text size"), suffix=" %")
        self.text_spin.setSingleStep(5)
        self.language_combo = QComboBox()
        # Each language by its own name, so a person can find theirs in any language.
        for label, value in ((_("System"), "system"), ("English", "en"), ("Deutsch", "de")):
            self.language_combo.addItem(label, value)
        self.language_combo.currentIndexChanged.connect(self._on_language)
        self._row(display, "language", _("Language"), self.language_combo)
        self.language_note = QLabel(_(LANGUAGE_NOTE))
        self.language_note.setWordWrap(True)
        self.language_note.hide()
        display.addRow(self.language_note)
        from walkback_desktop.ui.reminders import ReminderSettings

        self.reminder_settings = ReminderSettings(self.ctx, settings=self.settings)
        column.addWidget(self.reminder_settings)
        column.addStretch(1)

        scroll_page(self, content)
        self.ctx.events.settings_changed.connect(self._on_external_change)
        self._fit_name_field()
        self.load()

    # --- building ----------------------------------------------------------------
    def _group(self, column: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        # Large text: a long label goes above its field instead of clipping it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(6)
        column.addWidget(box)
        return form

    def _row(self, form: QFormLayout, key: str, label: str, field: QWidget) -> None:
        field.setAccessibleName(label)
        field.setToolTip(field.toolTip() or _(SETTINGS[key].help))
        field.setMinimumWidth(220)
        caption = QLabel(label)
        caption.setBuddy(field)
        form.addRow(caption, field)
        error = QLabel()
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAccessibleName(_("{label}: error").format(label=label))
        error.hide()
        form.addRow(error)
        self.fields[key] = field
        self.errors[key] = error

    def _check(self, form: QFormLayout, key: str, label: str) -> QCheckBox:
        box = QCheckBox(label)
        box.setAccessibleName(label)
        box.setToolTip(_(SETTINGS[key].help))
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
        values = self.settings.snapshot()
        self._loading = True
        try:
            self.name_edit.setText(values.person_name)
            self.units_combo.setCurrentIndex(max(0, self.units_combo.findData(values.units)))
            self._show_weight(values.weight_kg)
            self.voice_check.setChecked(values.voice_enabled)
            if self._watched_player is None:  # the player is made when the page is first shown
                self._show_stored_voice(values.voice_name)
            else:
                self._fill_voices(values.voice_name)
            self.rate_spin.setValue(values.voice_rate)
            self.beeps_check.setChecked(values.beeps_enabled)
            self.volume_spin.setValue(values.volume)
            self.tip_spin.setValue(values.tip_interval_s)
            self.ready_spin.setValue(values.get_ready_s)
            self.metronome_check.setChecked(values.metronome_enabled)
            self.goal_sessions_spin.setValue(values.weekly_goal_sessions)
            self.goal_minutes_spin.setValue(values.weekly_goal_backward_min)
            self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(values.theme)))
            self.text_spin.setValue(values.text_scale)
            self.language_combo.setCurrentIndex(
                max(0, self.language_combo.findData(values.language))
            )
        finally:
            self._loading = False
        for error in self.errors.values():
            error.hide()

    def _show_weight(self, weight_kg: float) -> None:
        spec = SETTINGS["weight_kg"]
        low, high = float(spec.low or 0), float(spec.high or 0)
        self.weight_spin.blockSignals(True)
        if self._imperial():
            self.weight_spin.setSuffix(" " + _("lb"))
            self.weight_spin.setRange(round(kg_to_lb(low), 1), round(kg_to_lb(high), 1))
            self.weight_spin.setValue(round(kg_to_lb(weight_kg), 1))
        else:
            self.weight_spin.setSuffix(" " + _("kg"))
            self.weight_spin.setRange(low, high)
            self.weight_spin.setValue(round(weight_kg, 1))
        self.weight_spin.blockSignals(False)

    def _on_units(self) -> None:
        if self._loading:
            return
        if self.save("units", self.units_combo.currentData()):
            self._show_weight(self.settings.snapshot().weight_kg)

    def _on_weight(self, value: float) -> None:
        kg = lb_to_kg(value) if self._imperial() else value
        self.save("weight_kg", round(kg, 2))

    def _show_stored_voice(self, current: str) -> None:
        self.voice_combo.blockSignals(True)
        self.voice_combo.clear()
        self.voice_combo.addItem(current or _(DEFAULT_VOICE), current)
        self.voice_combo.blockSignals(False)

    def _player(self) -> Any:
        """The cue player with the stored sound options, then prepared: told first
        whether voice is on, it starts no speech engine when it is off."""
        player = self.ctx.cue_player
        try:
            values = self.settings.snapshot().to_values()
            player.set_options(**audio_options(values))
        except Exception:
            log.exception("could not apply the sound settings")
        player = prepare_player(self.ctx)
        if player is not self._watched_player:
            self._watched_player = player
            changed = getattr(player, "status_changed", None)
            if changed is not None:
                changed.connect(self._on_player_status)
        return player

    def _fill_voices(self, current: str) -> None:
        """List the voices; a status change the listing itself causes (applying
        the options, starting the engine) does not list them again from inside."""
        if self._filling_voices:
            return
        self._filling_voices = True
        try:
            self._list_voices(current)
        finally:
            self._filling_voices = False

    def _list_voices(self, current: str) -> None:
        player = self._player()
        choices = getattr(player, "voice_choices", None)
        if choices is not None:
            offered = [(v.name, v.label) for v in choices(all_languages=self._all_voices())]
        else:
            offered = [(name, name) for name in player.voices()]
        names = [name for name, _label in offered]
        self.voice_combo.blockSignals(True)
        self.voice_combo.clear()
        self.voice_combo.addItem(_(DEFAULT_VOICE), "")
        for name, label in offered:
            self.voice_combo.addItem(label, name)
        if current and current not in names:
            self.voice_combo.addItem(_("{voice} (not available)").format(voice=current), current)
        self.voice_combo.setCurrentIndex(max(0, self.voice_combo.findData(current)))
        self.voice_combo.setEnabled(bool(offered))
        self.voice_combo.blockSignals(False)
        notice = player.status().notice
        self.audio_notice.setText(notice)
        self.audio_notice.setVisible(bool(notice))

    def _all_voices(self) -> bool:
        return self.all_voices_check.isChecked()

    def _on_player_status(self) -> None:
        self._fill_voices(self.settings.snapshot().voice_name)

    def play_test_cue(self) -> None:
        """A beep, a spoken cue and a tip, with the settings as they are now."""
        player = self._player()
        if self._sound_check is not None:
            self._sound_check.cancel()
        self._sound_check = SoundCheck(player, self)
        self._sound_check.start()

    def _on_language(self) -> None:
        if self._loading:
            return
        if self.save("language", self.language_combo.currentData()):
            self.language_note.show()

    def save(self, key: str, value: Any) -> bool:
        """Check and store one setting; show the reason inline when it is refused
        or cannot be stored (the value stays on screen)."""
        if self._loading:
            return False
        error = self.errors[key]
        try:
            value = SETTINGS[key].validate(value)
            self.settings.update(**{key: value})
        except SettingError:
            error.setText(refused_text(key, value))
            error.show()
            return False
        except Exception as exc:  # the database is locked, the disk full...
            log.exception("could not save the setting %s", key)
            error.setText(_(SAVE_FAILED).format(reason=_storage_reason(exc)))
            error.show()
            return False
        error.hide()
        self._apply(key)
        self.ctx.events.settings_changed.emit(key)
        return True

    def _apply(self, key: str) -> None:
        values = self.settings.snapshot().to_values()
        if key in AUDIO_KEYS:
            try:
                self.ctx.cue_player.set_options(**audio_options(values))
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

    def changeEvent(self, event: QEvent) -> None:
        """Text size changed: the name field stays wide enough for its hint."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_name_field()

    def _fit_name_field(self) -> None:
        hint = self.name_edit.placeholderText()
        width = self.name_edit.fontMetrics().horizontalAdvance(hint) + 24
        self.name_edit.setMinimumWidth(max(220, width))

    def page_shown(self) -> None:
        self._fill_voices(self.settings.snapshot().voice_name)
        self.load()


def _storage_reason(exc: Exception) -> str:
    """Why a write failed, from the storage error's kind (never from its text)."""
    from walkback_desktop.storage.errors import StorageError, StorageErrorKind

    kind = exc.kind if isinstance(exc, StorageError) else None
    if kind is StorageErrorKind.LOCKED:
        return _("the database is busy")
    if kind in (StorageErrorKind.FULL, StorageErrorKind.IO):
        return _("the disk is full")
    if kind in (StorageErrorKind.READONLY, StorageErrorKind.PERMISSION):
        return _("the data folder cannot be written")
    return _("a storage error")
