"""The Workout page: the picker before a workout, the player view during one.

The page only shows what the `WorkoutController` reports and asks the
controller's `WorkoutFlow` what to do; the controller keeps the time. Text
sizes follow the window's size (F11 makes it full screen).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout

from walkback_desktop.audio.base import CuePlayer
from walkback_desktop.audio.cue_words import cue_words
from walkback_desktop.core.routine import Routine
from walkback_desktop.core.timeline import Cue, CueKind
from walkback_desktop.core.workout import RunState, TickResult
from walkback_desktop.core.workout_flow import Ending, FlowState
from walkback_desktop.i18n import N_, _
from walkback_desktop.i18n.formats import duration
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.pages.workout.finishing import Finishing
from walkback_desktop.ui.pages.workout.picker import PickerView
from walkback_desktop.ui.pages.workout.player_view import PlayerView
from walkback_desktop.ui.safety_dialog import SafetyDialog, needs_checklist
from walkback_desktop.ui.workout_controller import WorkoutController, prepare_player

if TYPE_CHECKING:
    from walkback_desktop.services.programs import ProgramService
    from walkback_desktop.storage.checkpoints import CheckpointRepository
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.sessions import SessionRepository
    from walkback_desktop.storage.settings_repo import SettingsRepository

log = logging.getLogger(__name__)


class WorkoutPage(Finishing, Page):
    page_id = "workout"
    title = N_("Workout")

    def __init__(
        self,
        ctx: AppContext,
        *,
        library: RoutineLibrary,
        settings: SettingsRepository,
        plans: ProgramService,
        sessions: SessionRepository,
        checkpoints: CheckpointRepository,
    ) -> None:
        """`plans` gives the active program's progressed routine; `sessions` and
        `checkpoints` go to the controller, which writes the workout down."""
        super().__init__()
        self.ctx = ctx
        self.library = library
        self.settings = settings
        self.plans = plans
        self.setAccessibleName(_(self.title))
        self.controller = WorkoutController(
            ctx,
            self,
            settings=settings,
            library=library,
            sessions=sessions,
            checkpoints=checkpoints,
        )
        self.controller.ticked.connect(self._on_ticked)
        self.controller.cue_played.connect(self._on_cue)
        self.controller.state_changed.connect(self._on_state)
        self.controller.gap_paused.connect(self._on_gap)
        self.controller.finished.connect(self._on_finished)
        self.safety_dialog: SafetyDialog | None = None
        self._visual_cues = False
        self._segment_index = -1
        self._watched_player: object | None = None

        self.views = QStackedWidget()
        self.picker = PickerView()
        self.picker.start_clicked.connect(lambda: self.request_start(None))
        self.picker.selection_changed.connect(self._show_routine_details)
        self.routine_combo = self.picker.routine_combo
        self.start_button = self.picker.start_button
        self.player_view = view = PlayerView()
        view.pause_button.clicked.connect(self.toggle_pause)
        view.back_button.clicked.connect(self.back)
        view.skip_button.clicked.connect(self.skip)
        view.stop_button.clicked.connect(self.ask_stop)
        view.mute_button.clicked.connect(self.toggle_mute)
        view.volume_slider.valueChanged.connect(self._on_volume)
        self.views.addWidget(self.picker)
        self.views.addWidget(self.player_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        self._build_shortcuts()

        ctx.events.start_requested.connect(self.request_start)
        ctx.events.routines_changed.connect(self.reload_routines)
        ctx.events.settings_changed.connect(self._on_setting_changed)
        self.reload_routines()
        self._show_picker()

    @property
    def flash_count(self) -> int:
        return self.player_view.flash_count

    def _build_shortcuts(self) -> None:
        """Window-wide keys that work only while this page is the visible one."""

        def key(sequence: Any, slot: Any) -> QShortcut:
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
        self.picker.set_routines(self.library.all())
        self._show_routine_details()

    def selected_routine(self) -> Routine | None:
        routine_id = self.picker.selected_id()
        return self.library.get(routine_id) if routine_id else None

    def _show_routine_details(self) -> None:
        self.picker.show_routine(self.selected_routine())

    # --- starting ------------------------------------------------------------------------
    def request_start(self, routine_id: str | None = None) -> None:
        """Start `routine_id` (or the picked routine), after the safety checklist if due."""
        if self.controller.flow.busy or self.finish_dialog is not None:
            self.ctx.events.status_message.emit(_("A workout is already under way."))
            return
        if routine_id:
            from walkback_desktop.ui.program_common import next_program_routine

            # The program's next session walks the week's progressed routine (same id,
            # so the session still counts for the plan); otherwise the library's.
            routine = next_program_routine(self.plans, routine_id) or self.library.get(routine_id)
            if routine is None:
                log.warning("there is no routine with the id %r", routine_id)
                self.ctx.events.status_message.emit(
                    _("There is no routine with the id {id!r}.").format(id=routine_id)
                )
                self._show_picker()
                return
            self.picker.select(routine.id)
        else:
            routine = self.selected_routine()
            if routine is None:
                return
        acknowledged = self.settings.snapshot().safety_acknowledged
        state = self.controller.flow.request_start(
            checklist_due=needs_checklist(routine, acknowledged)
        )
        if state is FlowState.CHECKLIST:
            self._open_safety(routine)
        else:
            self._begin(routine)

    def _open_safety(self, routine: Routine) -> None:
        dialog = SafetyDialog(routine, self)
        self.safety_dialog = dialog

        def done(result: int) -> None:
            self.safety_dialog = None
            dialog.deleteLater()
            accepted = result == SafetyDialog.DialogCode.Accepted
            self.controller.flow.checklist_answered(accepted)
            if accepted:
                self.settings.update(safety_acknowledged=True)
                self.ctx.events.settings_changed.emit("safety_acknowledged")
                self._begin(routine)

        dialog.finished.connect(done)
        dialog.open()

    def _begin(self, routine: Routine) -> None:
        self.controller.load(routine)
        self._segment_index = -1
        self.player_view.reset()
        self._sync_volume()
        self._show_audio_notice()
        self._show_player()
        self.controller.start()

    def _player(self) -> CuePlayer:
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
        muted = self.controller.muted
        self._visual_cues = bool(status.notice) or not status.beeps_available or muted
        self.player_view.notice_label.setText(status.notice)
        self.player_view.notice_label.setVisible(bool(status.notice))

    # --- controls ---------------------------------------------------------------------
    def toggle_pause(self) -> None:
        if self.views.currentWidget() is self.picker:
            self.request_start(None)
            return
        state = self.controller.state
        if state is RunState.RUNNING:
            self.controller.pause()
        elif state is RunState.PAUSED:
            self.controller.resume()

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
        if self.ask(
            _("Stop workout"),
            _(
                "Stop this workout? What you have done so far can be saved "
                "as an incomplete session."
            ),
            _("Stop workout"),
            _("Keep going"),
        ):
            self.stop()
        elif was_running:
            self.controller.resume()

    def stop(self) -> None:
        """Stop without asking; offer to save what was done."""
        self.end_as(self.controller.stop())

    def toggle_mute(self) -> None:
        if self.views.currentWidget() is not self.player_view:
            return
        muted = not self.controller.muted
        self.controller.set_muted(muted)
        self.player_view.set_muted(muted)
        self._show_audio_notice()

    def _sync_volume(self) -> None:
        slider = self.player_view.volume_slider
        slider.blockSignals(True)
        slider.setValue(self.settings.snapshot().volume)
        slider.blockSignals(False)

    def _on_volume(self, value: int) -> None:
        self.settings.update(volume=value)
        self.ctx.events.settings_changed.emit("volume")
        if self.controller.run is not None:
            self.controller.set_muted(self.controller.muted)

    def _on_setting_changed(self, key: str) -> None:
        if key == "volume":
            self._sync_volume()

    # --- what the controller reports ----------------------------------------------------------
    def _on_state(self, state: str) -> None:
        paused = state == RunState.PAUSED.value
        view = self.player_view
        view.set_running(state in (RunState.RUNNING.value, RunState.PAUSED.value), paused=paused)
        view.set_paused(paused)
        if paused:
            view.status_line.setText(_("Paused. Press Resume (Space) to carry on."))
        elif state == RunState.RUNNING.value:
            view.status_line.setText("")

    def _on_gap(self, gap_s: float) -> None:
        self.player_view.status_line.setText(
            _(
                "Paused: the computer was asleep or busy for {duration}. "
                "Press Resume (Space) when you are ready."
            ).format(duration=duration(gap_s))
        )

    def _on_cue(self, cue: Cue, _played: bool) -> None:
        if cue.kind is CueKind.TIP:
            self.player_view.tip_label.setText(cue_words(cue))
        if self._visual_cues and cue.spec.flashes:
            self.player_view.flash()

    def _on_ticked(self, result: TickResult) -> None:
        pos = result.position
        if pos.index != self._segment_index and not pos.getting_ready:
            self._segment_index = pos.index
            self.player_view.tip_label.setText("")
        if pos.finished and self.controller.run is not None:
            self.player_view.show_done(self.controller.summary())
        else:
            self.player_view.show_position(pos)

    # --- views ---------------------------------------------------------------------------
    def _show_picker(self) -> None:
        self.views.setCurrentWidget(self.picker)
        self._set_player_keys(False)

    def _show_player(self) -> None:
        self.views.setCurrentWidget(self.player_view)
        self._set_player_keys(True)
        self.player_view.resize_text()

    def _set_player_keys(self, on: bool) -> None:
        for name in ("right", "left", "escape", "mute"):
            self.shortcuts[name].setEnabled(on)

    # --- leaving ---------------------------------------------------------------------------
    def page_shown(self) -> None:
        self._player()
        self._sync_volume()
        if self.views.currentWidget() is self.picker and not self.controller.active:
            self._show_routine_details()

    def can_leave(self) -> bool:
        """Navigation is free: the workout keeps running and this page stays one click away."""
        if self.controller.active:
            if self.nav_shortcut:
                text = _(
                    "The workout keeps running: go back with Workout in the navigation "
                    "({shortcut})."
                ).format(shortcut=self.nav_shortcut)
            else:
                text = _("The workout keeps running: go back with Workout in the navigation.")
            self.ctx.events.status_message.emit(text)
        return True

    def can_close(self) -> bool:
        """Closing the window mid-workout asks first, then saves it as incomplete."""
        if self.finish_dialog is not None:
            return self.save_from_open_dialog()
        if not self.controller.active:
            self.controller.shutdown()
            return True
        if not self.ask(
            _("Workout running"),
            _(
                "A workout is running. Stop it and save what you have done "
                "as an incomplete session?"
            ),
            _("Stop and save"),
            _("Keep going"),
        ):
            return False
        ending = self.controller.stop(closing=True)
        if ending is Ending.SAVE and not self.save(rpe=None, pain=None, notes="", completed=False):
            self.open_finish()  # nothing lost: Save again from there, or Discard
            return False
        if ending is Ending.DISCARD:
            self.controller.discard()
        self.controller.shutdown()
        return True
