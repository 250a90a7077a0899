"""The Workout page: read from across the room.

Before a workout it shows a routine picker and a big Start button; during one,
a huge countdown for the segment, the segment's kind in colour and in words,
what comes next, the whole routine's progress and the current form tip. Text
sizes follow the window's size (F11 makes it full screen). The page only shows
what the `WorkoutController` reports; the controller keeps the time.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QPalette, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.routine import Routine, SegmentKind, format_duration
from walkback_desktop.core.timeline import Cue, CueKind, Position
from walkback_desktop.core.workout import RunState, TickResult
from walkback_desktop.ui import confirm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.finish_dialog import FinishDialog
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.safety_dialog import SafetyDialog, needs_checklist
from walkback_desktop.ui.widgets.big_text import FitLabel, WrapLabel
from walkback_desktop.ui.widgets.segment_strip import SegmentStrip
from walkback_desktop.ui.workout_controller import WorkoutController, prepare_player

log = logging.getLogger(__name__)

# Strong colours behind white text (contrast at least 4.5:1 with white), so the
# banner reads the same on a light and a dark window. The word says it too.
KIND_BANNER: dict[SegmentKind, str] = {
    SegmentKind.WARMUP: "#a4520a",
    SegmentKind.BACKWARD: "#1b5eb8",
    SegmentKind.FORWARD: "#1e7a3c",
    SegmentKind.REST: "#56606b",
    SegmentKind.BALANCE: "#7a3ea0",
    SegmentKind.COOLDOWN: "#0f6f7a",
}
GET_READY_BANNER = "#3b3b3b"
DONE_BANNER = "#1e7a3c"
FLASH_COLOUR = "#ffd54a"
FLASH_MS = 220
FLASH_CUES = {CueKind.COUNTDOWN, CueKind.SEGMENT_START, CueKind.GET_READY, CueKind.FINISH}


class WorkoutPage(Page):
    page_id = "workout"
    title = "Workout"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName(self.title)
        self.controller = WorkoutController(ctx, self)
        self.controller.ticked.connect(self._on_ticked)
        self.controller.cue_played.connect(self._on_cue)
        self.controller.state_changed.connect(self._on_state)
        self.controller.gap_paused.connect(self._on_gap)
        self.controller.finished.connect(self._on_finished)
        self.safety_dialog: SafetyDialog | None = None
        self.finish_dialog: FinishDialog | None = None
        self.flash_count = 0
        self._visual_cues = False
        self._segment_index = -1
        self._muted = False
        self._watched_player: object | None = None

        self.views = QStackedWidget()
        self.picker = self._build_picker()
        self.player_view = self._build_player()
        self.views.addWidget(self.picker)
        self.views.addWidget(self.player_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        self._build_shortcuts()
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(lambda: self._set_flash(False))

        ctx.events.start_requested.connect(self.request_start)
        ctx.events.routines_changed.connect(self.reload_routines)
        ctx.events.settings_changed.connect(self._on_setting_changed)
        self.reload_routines()
        self._show_picker()

    # --- building -------------------------------------------------------------------
    def _button(self, label: str, tip: str, slot, *, big: bool = False) -> QPushButton:
        button = QPushButton(label)
        button.setAccessibleName(label)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        button.setMinimumHeight(64 if big else 48)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        scale_font(button, (1.8 if big else 1.25), bold=big)
        return button

    def _build_picker(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        heading = QLabel("Start a workout")
        scale_font(heading, 2.0, bold=True)
        layout.addWidget(heading)
        row = QHBoxLayout()
        caption = QLabel("Routine")
        self.routine_combo = QComboBox()
        self.routine_combo.setAccessibleName("Routine")
        self.routine_combo.setToolTip("The routine to play")
        self.routine_combo.setMinimumHeight(44)
        combo_font = scale_font(self.routine_combo, 1.3)
        caption.setFont(combo_font)
        caption.setBuddy(self.routine_combo)
        self.routine_combo.currentIndexChanged.connect(self._show_routine_details)
        row.addWidget(caption)
        row.addWidget(self.routine_combo, 1)
        layout.addLayout(row)
        self.routine_name = QLabel()
        self.routine_name.setTextFormat(Qt.TextFormat.PlainText)
        self.routine_name.setAccessibleName("Routine name")
        self.routine_name.setWordWrap(True)
        scale_font(self.routine_name, 1.6, bold=True)
        self.routine_facts = QLabel()
        self.routine_facts.setTextFormat(Qt.TextFormat.PlainText)
        self.routine_facts.setAccessibleName("Routine length")
        scale_font(self.routine_facts, 1.3)
        self.routine_strip = SegmentStrip()
        self.routine_strip.setMinimumHeight(22)
        self.routine_description = QLabel()
        self.routine_description.setTextFormat(Qt.TextFormat.PlainText)
        self.routine_description.setWordWrap(True)
        self.routine_description.setAccessibleName("Routine description")
        scale_font(self.routine_description, 1.1)
        for widget in (
            self.routine_name,
            self.routine_facts,
            self.routine_strip,
            self.routine_description,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.start_button = self._button(
            "Start", "Start this routine (Space)", lambda: self.request_start(None), big=True
        )
        self.start_button.setMinimumHeight(80)
        layout.addWidget(self.start_button)
        return view

    def _build_player(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)

        self.banner = QFrame()
        self.banner.setObjectName("kindBanner")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(20, 6, 20, 6)
        self.kind_label = FitLabel("BACKWARD", fill=0.8, sample="GET READY")
        self.kind_label.setAccessibleName("Segment kind")
        self.segment_label = FitLabel("", fill=0.62, bold=False)
        self.segment_label.setAccessibleName("Segment")
        self.segment_label.setAlignment(
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
        )
        self.kind_label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        banner_layout.addWidget(self.kind_label, 2)
        banner_layout.addWidget(self.segment_label, 3)
        layout.addWidget(self.banner, 14)

        self.countdown_frame = QFrame()
        self.countdown_frame.setAutoFillBackground(True)
        countdown_layout = QVBoxLayout(self.countdown_frame)
        countdown_layout.setContentsMargins(0, 0, 0, 0)
        self.countdown = FitLabel("0:00", fill=0.95)
        self.countdown.setAccessibleName("Time left in this segment")
        countdown_layout.addWidget(self.countdown)
        layout.addWidget(self.countdown_frame, 40)

        self.tip_label = WrapLabel(bold=True)
        self.tip_label.setAccessibleName("Form tip")
        layout.addWidget(self.tip_label, 12)

        self.next_label = WrapLabel()
        self.next_label.setAccessibleName("Next")
        layout.addWidget(self.next_label, 7)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Workout progress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.progress_text = WrapLabel()
        self.progress_text.setAccessibleName("Elapsed and remaining")
        progress_row.addWidget(self.progress, 3)
        progress_row.addWidget(self.progress_text, 2)
        layout.addLayout(progress_row, 5)

        self.notice_label = QLabel()
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setAccessibleName("Notice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice_label.hide()
        layout.addWidget(self.notice_label)
        self.status_line = QLabel()
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)
        self.status_line.setAccessibleName("Workout status")
        self.status_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_line.setWordWrap(True)
        layout.addWidget(self.status_line)

        controls = QHBoxLayout()
        controls.setSpacing(10)
        self.pause_button = self._button("Pause", "Pause (Space)", self.toggle_pause)
        self.back_button = self._button(
            "Back", "Back to the start of this segment, or the one before (Left arrow)", self.back
        )
        self.skip_button = self._button(
            "Skip", "Skip to the next segment (Right arrow)", self.skip
        )
        self.stop_button = self._button("Stop", "Stop the workout (Esc)", self.ask_stop)
        self.mute_button = self._button("Mute", "Mute sound (M)", self.toggle_mute)
        for button in (
            self.back_button,
            self.pause_button,
            self.skip_button,
            self.stop_button,
            self.mute_button,
        ):
            controls.addWidget(button, 2)
        volume_caption = QLabel("Volume")
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setAccessibleName("Volume")
        self.volume_slider.setToolTip("Cue volume")
        self.volume_slider.setMinimumWidth(100)
        volume_caption.setBuddy(self.volume_slider)
        self.volume_slider.valueChanged.connect(self._on_volume)
        controls.addWidget(volume_caption)
        controls.addWidget(self.volume_slider, 2)
        layout.addLayout(controls)
        return view

    def _build_shortcuts(self) -> None:
        """Window-wide keys that work only while this page is the visible one."""

        def key(sequence, slot) -> QShortcut:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            return shortcut

        self.shortcuts = {
            "space": key(Qt.Key.Key_Space, self.toggle_pause),
            "right": key(Qt.Key.Key_Right, self.skip),
            "left": key(Qt.Key.Key_Left, self.back),
            "escape": key(Qt.Key.Key_Escape, self.ask_stop),
            "mute": key(Qt.Key.Key_M, self.toggle_mute),
            "media_toggle": key(Qt.Key.Key_MediaTogglePlayPause, self.toggle_pause),
            "media_play": key(Qt.Key.Key_MediaPlay, self._media_play),
            "media_pause": key(Qt.Key.Key_MediaPause, self.pause),
        }

    # --- the routine picker --------------------------------------------------------------
    def reload_routines(self) -> None:
        current = self.routine_combo.currentData()
        self.routine_combo.blockSignals(True)
        self.routine_combo.clear()
        for routine in self.ctx.store.library.all():
            self.routine_combo.addItem(routine.name, routine.id)
        index = self.routine_combo.findData(current) if current else 0
        self.routine_combo.setCurrentIndex(max(index, 0))
        self.routine_combo.blockSignals(False)
        self._show_routine_details()

    def selected_routine(self) -> Routine | None:
        routine_id = self.routine_combo.currentData()
        return self.ctx.store.library.get(routine_id) if routine_id else None

    def _show_routine_details(self) -> None:
        routine = self.selected_routine()
        self.routine_strip.set_routine(routine)
        self.start_button.setEnabled(routine is not None)
        if routine is None:
            self.routine_name.setText("No routine yet: make one on the Routines page.")
            self.routine_facts.setText("")
            self.routine_description.setText("")
            return
        self.routine_name.setText(routine.name)
        self.routine_facts.setText(
            f"{format_duration(routine.total_seconds)} in all · "
            f"{routine.backward_seconds / 60:g} min walking backwards · "
            f"{len(routine.segments)} segments"
        )
        self.routine_description.setText(routine.description)

    # --- starting ------------------------------------------------------------------------
    def request_start(self, routine_id: str | None = None) -> None:
        """Start `routine_id` (or the picked routine), after the safety checklist if due."""
        if self.controller.active or self.finish_dialog is not None:
            self.ctx.events.status_message.emit("A workout is already under way.")
            return
        if routine_id:
            routine = self.ctx.store.library.get(routine_id)
            if routine is None:
                message = f"There is no routine with the id {routine_id!r}."
                log.warning(message)
                self.ctx.events.status_message.emit(message)
                self._show_picker()
                return
            index = self.routine_combo.findData(routine.id)
            if index >= 0:
                self.routine_combo.setCurrentIndex(index)
        else:
            routine = self.selected_routine()
            if routine is None:
                return
        acknowledged = bool(self.ctx.store.settings.get("safety_acknowledged"))
        if needs_checklist(routine, acknowledged):
            self._open_safety(routine)
        else:
            self._begin(routine)

    def _open_safety(self, routine: Routine) -> None:
        if self.safety_dialog is not None:
            return
        dialog = SafetyDialog(routine, self)
        self.safety_dialog = dialog

        def done(result: int) -> None:
            self.safety_dialog = None
            dialog.deleteLater()
            if result == SafetyDialog.DialogCode.Accepted:
                self.ctx.store.settings.set("safety_acknowledged", True)
                self.ctx.events.settings_changed.emit("safety_acknowledged")
                self._begin(routine)

        dialog.finished.connect(done)
        dialog.open()

    def _begin(self, routine: Routine) -> None:
        self.controller.load(routine)
        self._segment_index = -1
        self.tip_label.setText("")
        self.notice_label.hide()
        self.status_line.setText("")
        self._sync_volume()
        self._show_audio_notice()
        self._show_player()
        self.controller.start()

    def _player(self):
        """The cue player, made ready; its status changes are shown as they come."""
        player = prepare_player(self.ctx)
        if player is not self._watched_player:
            self._watched_player = player
            changed = getattr(player, "status_changed", None)
            if changed is not None:
                changed.connect(self._show_audio_notice)
        return player

    def _show_audio_notice(self) -> None:
        status = self._player().status()
        # Any trouble with sound, or muted: the countdown area flashes on the key cues.
        self._visual_cues = bool(status.notice) or not status.beeps_available or self._muted
        self.notice_label.setText(status.notice)
        self.notice_label.setVisible(bool(status.notice))

    # --- controls ---------------------------------------------------------------------
    def toggle_pause(self) -> None:
        if self.controller.run is None or self.views.currentWidget() is self.picker:
            if self.views.currentWidget() is self.picker:
                self.request_start(None)
            return
        self.controller.toggle_pause()

    def pause(self) -> None:
        if self.controller.state is RunState.RUNNING:
            self.controller.pause()

    def _media_play(self) -> None:
        if self.controller.state is RunState.PAUSED:
            self.controller.resume()

    def skip(self) -> None:
        if self.controller.active:
            self.controller.skip()

    def back(self) -> None:
        if self.controller.active:
            self.controller.back()

    def ask_stop(self) -> None:
        if not self.controller.active:
            return
        was_running = self.controller.state is RunState.RUNNING
        if was_running:
            self.controller.pause()
        if confirm.ask(
            self,
            "Stop workout",
            "Stop this workout? What you have done so far can be saved as an incomplete session.",
            "Stop workout",
            "Keep going",
        ):
            self.stop()
        elif was_running:
            self.controller.resume()

    def stop(self) -> None:
        """Stop without asking; offer to save what was done."""
        self.controller.stop()
        if self.controller.run is not None and self.controller.run.active_seconds > 0:
            self._open_finish()
        else:
            self.controller.discard()
            self._show_picker()

    def toggle_mute(self) -> None:
        if self.views.currentWidget() is not self.player_view:
            return
        self._muted = not self._muted
        label = "Unmute" if self._muted else "Mute"
        self.mute_button.setText(label)
        self.mute_button.setAccessibleName(label)
        self.mute_button.setToolTip(f"{label} sound (M)")
        self.controller.set_muted(self._muted)
        self._show_audio_notice()

    def _sync_volume(self) -> None:
        self.volume_slider.blockSignals(True)
        self.volume_slider.setValue(int(self.ctx.store.settings.get("volume")))
        self.volume_slider.blockSignals(False)

    def _on_volume(self, value: int) -> None:
        self.ctx.store.settings.set("volume", value)
        self.ctx.events.settings_changed.emit("volume")
        if self.controller.run is not None:
            self.controller.set_muted(self._muted)

    def _on_setting_changed(self, key: str) -> None:
        if key == "volume":
            self._sync_volume()

    # --- what the controller reports ----------------------------------------------------------
    def _on_state(self, state: str) -> None:
        paused = state == RunState.PAUSED.value
        label = "Resume" if paused else "Pause"
        self.pause_button.setText(label)
        self.pause_button.setAccessibleName(label)
        self.pause_button.setToolTip(f"{label} (Space)")
        if paused:
            self.status_line.setText("Paused. Press Resume (Space) to carry on.")
        elif state == RunState.RUNNING.value:
            self.status_line.setText("")
        running = state in (RunState.RUNNING.value, RunState.PAUSED.value)
        for button in (self.pause_button, self.back_button, self.skip_button, self.stop_button):
            button.setEnabled(running)

    def _on_gap(self, gap_s: float) -> None:
        self.status_line.setText(
            f"Paused: the computer was asleep or busy for {format_duration(gap_s)}. "
            "Press Resume (Space) when you are ready."
        )

    def _on_cue(self, cue: Cue, _played: bool) -> None:
        if cue.kind is CueKind.TIP:
            self.tip_label.setText(cue.text)
        if self._visual_cues and cue.kind in FLASH_CUES:
            self.flash_count += 1
            self._set_flash(True)
            self._flash_timer.start()

    def _on_ticked(self, result: TickResult) -> None:
        self.show_position(result.position)

    def show_position(self, pos: Position) -> None:
        if pos.index != self._segment_index and not pos.getting_ready:
            self._segment_index = pos.index
            self.tip_label.setText("")
        if pos.finished:
            self._set_banner("DONE", "Workout complete", DONE_BANNER)
            self.countdown.setText("0:00")
            self.next_label.setText("Well done!")
        elif pos.getting_ready:
            self._set_banner("GET READY", f"First: {pos.segment.label}", GET_READY_BANNER)
            self.countdown.setText(str(max(1, math.ceil(-pos.t - 1e-9))))
            self.next_label.setText(
                f"{pos.segment.label} for {format_duration(pos.segment.seconds)}"
            )
        else:
            seg = pos.segment
            self._set_banner(seg.kind.word, seg.label, KIND_BANNER[seg.kind])
            self.countdown.setText(format_duration(pos.left_s))
            nxt = pos.next_segment
            if nxt is None:
                self.next_label.setText(f"Last one: finish in {format_duration(pos.left_s)}")
            else:
                self.next_label.setText(
                    f"Next: {nxt.label} ({format_duration(nxt.seconds)}) "
                    f"in {format_duration(pos.left_s)}"
                )
        self.progress.setValue(round(pos.fraction_done * 1000))
        self.progress_text.setText(
            f"{format_duration(pos.elapsed_s)} done · {format_duration(pos.remaining_s)} left"
        )

    def _set_banner(self, word: str, label: str, colour: str) -> None:
        self.kind_label.setText(word)
        self.segment_label.setText(label)
        if self.banner.property("colour") != colour:
            self.banner.setProperty("colour", colour)
            self.banner.setStyleSheet(
                f"QFrame#kindBanner {{ background-color: {colour}; border-radius: 6px; }}"
                "QFrame#kindBanner QLabel { color: #ffffff; background: transparent; }"
            )
            self.banner.setAccessibleDescription(word)

    def _set_flash(self, on: bool) -> None:
        palette = self.countdown_frame.palette()
        if on:
            palette.setColor(self.countdown_frame.backgroundRole(), QColor(FLASH_COLOUR))
            palette.setColor(self.countdown.foregroundRole(), QColor("#000000"))
        else:
            palette = QPalette()  # nothing set: inherit again (and follow theme changes)
        self.countdown_frame.setPalette(palette)

    # --- finishing -------------------------------------------------------------------------
    def _on_finished(self) -> None:
        self.ctx.events.page_requested.emit(self.page_id)  # they may have wandered off
        self._open_finish()

    def _open_finish(self) -> None:
        if self.finish_dialog is not None:
            return
        dialog = FinishDialog(self.controller.summary(), self)
        self.finish_dialog = dialog
        dialog.finished.connect(self._finish_closed)
        dialog.open()

    def _finish_closed(self, result: int) -> None:
        dialog = self.finish_dialog
        if dialog is None:
            return
        self.finish_dialog = None
        if result == FinishDialog.DialogCode.Accepted:
            self.controller.save_session(
                rpe=dialog.rpe(), pain=dialog.pain(), notes=dialog.notes()
            )
            self.ctx.events.status_message.emit("Workout saved.")
        else:
            self.controller.discard()
            self.ctx.events.status_message.emit("Workout discarded.")
        dialog.deleteLater()
        self._show_picker()

    # --- views ---------------------------------------------------------------------------
    def _show_picker(self) -> None:
        self.views.setCurrentWidget(self.picker)
        self._set_player_keys(False)

    def _show_player(self) -> None:
        self.views.setCurrentWidget(self.player_view)
        self._set_player_keys(True)
        self._resize_text()

    def _set_player_keys(self, on: bool) -> None:
        for name in ("right", "left", "escape", "mute"):
            self.shortcuts[name].setEnabled(on)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize_text()

    def _resize_text(self) -> None:
        """Wrapped text follows the page's size; FitLabels fit themselves."""
        h, w = max(self.height(), 200), max(self.width(), 300)
        unit = min(h / 720, w / 1100)
        self.tip_label.set_pixel_size(round(44 * unit))
        self.next_label.set_pixel_size(round(30 * unit))
        self.progress_text.set_pixel_size(round(24 * unit))
        for label in (self.notice_label, self.status_line):
            font = label.font()
            font.setPixelSize(max(14, round(22 * unit)))
            label.setFont(font)

    # --- leaving ---------------------------------------------------------------------------
    def page_shown(self) -> None:
        self._player()
        self._sync_volume()
        if self.views.currentWidget() is self.picker and not self.controller.active:
            self._show_routine_details()

    def can_leave(self) -> bool:
        """Navigation is free: the workout keeps running and this page stays one click away."""
        if self.controller.active:
            hint = f" ({self.nav_shortcut})" if self.nav_shortcut else ""
            self.ctx.events.status_message.emit(
                f"The workout keeps running: go back with Workout in the navigation{hint}."
            )
        return True

    def can_close(self) -> bool:
        """Closing the window mid-workout asks first, then saves it as incomplete."""
        if not self.controller.active and self.finish_dialog is None:
            self.controller.shutdown()
            return True
        if self.finish_dialog is not None:
            dialog = self.finish_dialog
            self.finish_dialog = None
            self.controller.save_session(
                rpe=dialog.rpe(), pain=dialog.pain(), notes=dialog.notes()
            )
            dialog.done(FinishDialog.DialogCode.Accepted)
            self.controller.shutdown()
            return True
        if not confirm.ask(
            self,
            "Workout running",
            "A workout is running. Stop it and save what you have done as an incomplete session?",
            "Stop and save",
            "Keep going",
        ):
            return False
        self.controller.stop()
        if self.controller.run is not None and self.controller.run.active_seconds > 0:
            self.controller.save_session(rpe=None, pain=None, notes="", completed=False)
        else:
            self.controller.discard()
        self.controller.shutdown()
        return True
