"""The one object that drives a workout in real time.

It owns the precise QTimer, calls `WorkoutRun.tick()` and plays the cues the
run hands back through the `CuePlayer` (`ctx.cue_player`). Workout time comes
from the run (clock minus paused time), never from counted ticks, so a late
tick plays a cue late rather than losing it. Each cue played is logged on
`walkback_desktop.cues` as `cue kind=countdown at=57.000 late_ms=4.1`.

The states and the save/discard rule are `core.workout_flow.WorkoutFlow`'s;
the session record is `WorkoutRun.to_session()`'s. The first cue waits (at
most `READY_WAIT_S`) for the player to be ready, so "Get ready" is heard.

The run is checkpointed to the database every few seconds, so a crash or a
power cut loses at most that much. The audio path cannot stop it: a player
that raises is logged and passed over, and the checkpoint is written before
the player is told to stop. The checkpoint is cleared only once the session
is saved or discarded, so a finished workout whose save failed is not lost.

(A little over 400 lines: the timers, the cue timing and the checkpoints are
one real-time loop and are read together.)
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from walkback_desktop.audio.base import CuePlayer
from walkback_desktop.core.routine import Routine
from walkback_desktop.core.timeline import Timeline
from walkback_desktop.core.workout import RunState, TickResult, WorkoutRun, WorkoutSummary
from walkback_desktop.core.workout_flow import Ending, WorkoutFlow
from walkback_desktop.i18n import _
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.keep_awake import KeepAwake
from walkback_desktop.ui.workout_audio import (
    AwakeHold,
    audio_options,
    call_player,
    prepare_player,
)
from walkback_desktop.ui.workout_records import clear_checkpoint, save_checkpoint, store_session

if TYPE_CHECKING:
    from walkback_desktop.storage.checkpoints import CheckpointRepository
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.sessions import SessionRepository
    from walkback_desktop.storage.settings_repo import SettingsRepository

__all__ = ["WorkoutController", "WorkoutSummary", "audio_options", "prepare_player"]

log = logging.getLogger(__name__)
cue_log = logging.getLogger("walkback_desktop.cues")

TICK_INTERVAL_MS = 50
CHECKPOINT_EVERY_S = 4.0
# A checkpoint (a database write) waits for a tick with no cue this close, so a
# slow disk never delays a cue; it is never put off by more than a second or so.
CUE_CLEARANCE_S = 0.3
# The get-ready cue waits this long at most for the speech engine to warm up.
READY_WAIT_S = 3.0


class WorkoutController(QObject):
    """Runs one workout at a time; the page only shows what this reports."""

    ticked = Signal(object)  # TickResult, after its cues were played
    state_changed = Signal(str)  # RunState value
    cue_played = Signal(object, bool)  # Cue, whether the player played it
    gap_paused = Signal(float)  # seconds the computer was away
    finished = Signal()  # the last segment ended

    def __init__(
        self,
        ctx: AppContext,
        parent: QObject | None = None,
        *,
        settings: SettingsRepository,
        library: RoutineLibrary,
        sessions: SessionRepository,
        checkpoints: CheckpointRepository,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.library = library
        self.sessions = sessions
        self.checkpoints = checkpoints
        self.flow = WorkoutFlow()
        self.routine: Routine | None = None
        self.run: WorkoutRun | None = None
        self.started_at: datetime | None = None
        self._ended_at: datetime | None = None
        self._last_checkpoint_at: float | None = None
        self._waiting_since: float | None = None  # holding the first cue for the player
        self.ending: Ending | None = None  # what the flow said when the run ended
        self._muted = False
        self._timer = self._precise_timer(single_shot=False)
        self._timer.setInterval(TICK_INTERVAL_MS)
        # Fires exactly when the next cue is due, so cues are not late by up to a tick.
        self._cue_timer = self._precise_timer(single_shot=True)
        self._awake = AwakeHold(lambda: KeepAwake())  # looked up late: tests replace it

    def _precise_timer(self, *, single_shot: bool) -> QTimer:
        timer = QTimer(self)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setSingleShot(single_shot)
        timer.timeout.connect(self.tick)
        return timer

    # --- set-up ---------------------------------------------------------------
    @property
    def player(self) -> CuePlayer:
        return self.ctx.cue_player

    @property
    def state(self) -> RunState | None:
        return self.run.state if self.run is not None else None

    @property
    def active(self) -> bool:
        """A workout is under way (started, not finished or stopped)."""
        return self.flow.active and self.run is not None

    @property
    def waiting_for_player(self) -> bool:
        return self._waiting_since is not None

    def load(self, routine: Routine) -> WorkoutRun:
        """Prepare `routine` with the stored tip interval and get-ready count."""
        if self.state in (RunState.RUNNING, RunState.PAUSED):
            raise RuntimeError("a workout is already under way")
        settings = self.settings.snapshot()
        timeline = Timeline(
            routine,
            tip_interval_s=float(settings.tip_interval_s),
            get_ready_s=settings.get_ready_s,
            tips_by_kind=self.library.tips_by_kind(),
        )
        self.routine = routine
        self.run = WorkoutRun(timeline, self.ctx.clock)
        self.run.metronome = settings.metronome_enabled
        self.started_at = None
        self._ended_at = None
        self._last_checkpoint_at = None
        self._waiting_since = None
        self.ending = None
        self.state_changed.emit(self.run.state.value)
        return self.run

    # --- controls ---------------------------------------------------------------
    def start(self) -> None:
        """Start the loaded run, holding the first cue until the player is ready."""
        run = self._require_run()
        if run.state is not RunState.READY or self._waiting_since is not None:
            return
        if not self.flow.active:
            self.flow.request_start(checklist_due=False)
        status = self.player.status()
        if status.notice:
            log.warning("workout sound: %s", status.notice)
        self._player_call("set_options", **audio_options(self.settings.snapshot()))
        # Slow set-up (D-Bus, audio devices) before the clock starts, so the first cue is on time.
        self._awake.acquire(_("A workout is running"))
        self.started_at = datetime.now().astimezone()
        if self._player_ready():
            self._begin_run()
        else:
            log.info("holding the first cue until the speech engine is ready")
            self._waiting_since = self.ctx.clock.monotonic()
            self._timer.start()

    def _player_ready(self) -> bool:
        try:
            return bool(self.player.ready())
        except Exception:
            log.exception("the sound player failed to say whether it is ready")
            return True

    def _begin_run(self) -> None:
        run = self._require_run()
        waited = self._waiting_since
        self._waiting_since = None
        if waited is not None:
            log.info("first cue held %.2f s for the player", self.ctx.clock.monotonic() - waited)
        run.start()
        self._last_checkpoint_at = self.ctx.clock.monotonic()
        self._timer.start()
        self.state_changed.emit(run.state.value)
        self.tick()
        log.info(
            "workout started: %s (%s), %d s",
            run.timeline.routine.id,
            run.timeline.routine.name,
            run.timeline.total_s,
        )

    def pause(self) -> None:
        run = self._require_run()
        if run.state is RunState.RUNNING:
            run.pause()
            self.flow.paused(getting_ready=run.t < 0)
            self._after_pause()

    def resume(self) -> None:
        run = self._require_run()
        if run.state is RunState.PAUSED:
            run.resume()
            self.flow.resumed()
            self._timer.start()
            self.state_changed.emit(run.state.value)
            self.tick()

    def skip(self) -> None:
        self._jump(self._require_run().skip)

    def back(self) -> None:
        self._jump(self._require_run().back)

    def _jump(self, action: Callable[[], None]) -> None:
        run = self._require_run()
        if run.state not in (RunState.RUNNING, RunState.PAUSED):
            return
        self._player_call("stop")
        action()
        if run.state is RunState.RUNNING:
            self.tick()
        else:
            self.ticked.emit(TickResult(position=run.position()))

    def stop(self, *, closing: bool = False) -> Ending | None:
        """End the workout early (the caller has asked); say what to do with it."""
        run = self._require_run()
        if not self.flow.active:
            return None
        run.stop()
        self._waiting_since = None
        self._end_run()
        log.info("workout stopped after %.1f s active", run.active_seconds)
        self.state_changed.emit(run.state.value)
        self.ending = self.flow.stopped(run.active_seconds, closing=closing)
        return self.ending

    def _end_run(self) -> None:
        run = self._require_run()
        self._timer.stop()
        self._cue_timer.stop()
        self._ended_at = datetime.now().astimezone()
        if run.active_seconds > 0:
            self.checkpoint()
        self._player_call("stop")
        self._awake.release()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        options = audio_options(self.settings.snapshot(), muted=muted)
        self._player_call("set_options", **options)
        if muted:
            self._player_call("stop")

    @property
    def muted(self) -> bool:
        return self._muted

    # --- the tick ---------------------------------------------------------------
    def tick(self) -> TickResult | None:
        """Advance to now: checkpoint when due, play the cues due, tick the metronome."""
        run = self.run
        if run is None:
            return None
        if self._waiting_since is not None:
            now = self.ctx.clock.monotonic()
            if self._player_ready() or now - self._waiting_since >= READY_WAIT_S:
                self._begin_run()
            else:
                self.ticked.emit(TickResult(position=run.position()))
            return None
        was_running = run.state is RunState.RUNNING
        result = run.tick()
        if (
            was_running
            and run.state is RunState.RUNNING
            and not result.cues
            and self._checkpoint_due(run)
        ):
            self.checkpoint()  # before the audio path, which must never hold it up
        for cue, _lateness in result.cues:
            # Measured now (earlier cues may have taken time), past the end too.
            late_ms = run.lateness(cue) * 1000.0
            played = bool(self._player_call("play", cue, late_ms))
            cue_log.info(
                "cue kind=%s at=%.3f late_ms=%.1f%s",
                cue.kind.value,
                cue.at,
                late_ms,
                "" if played else " dropped",
            )
            self.cue_played.emit(cue, played)
        if result.metronome_ticks:
            self._player_call("tick")
        if result.paused_for_gap_s is not None:
            log.warning(
                "workout paused: no tick for %.1f s (the computer slept or was busy)",
                result.paused_for_gap_s,
            )
            self.flow.paused(getting_ready=run.t < 0)
            self._after_pause()
            self.gap_paused.emit(result.paused_for_gap_s)
        elif run.state is RunState.RUNNING:
            self.flow.moved(getting_ready=run.t < 0)
        self.ticked.emit(result)
        if run.state is RunState.RUNNING:
            self._arm_cue_timer(run.t)
        if result.just_finished:
            self._end_run()
            log.info("workout finished: %.1f s active", run.active_seconds)
            self.ending = self.flow.stopped(run.active_seconds)
            self.state_changed.emit(run.state.value)
            self.finished.emit()
        return result

    def _checkpoint_due(self, run: WorkoutRun) -> bool:
        if run.active_seconds <= 0:
            return False
        now = self.ctx.clock.monotonic()
        if (
            self._last_checkpoint_at is not None
            and now - self._last_checkpoint_at < CHECKPOINT_EVERY_S
        ):
            return False
        return self._seconds_to_next_cue(run.t) > CUE_CLEARANCE_S

    def _seconds_to_next_cue(self, t: float) -> float:
        cue = self._require_run().timeline.next_cue_after(t)
        return cue.at - t if cue is not None else math.inf

    def _arm_cue_timer(self, t: float) -> None:
        """If the next cue falls before the next regular tick, wake up just after it."""
        delay_s = self._seconds_to_next_cue(t)
        if math.isinf(delay_s):
            return
        delay_ms = math.ceil(delay_s * 1000.0)
        if delay_ms < TICK_INTERVAL_MS * 1.5:
            self._cue_timer.start(max(0, delay_ms))

    def _after_pause(self) -> None:
        run = self._require_run()
        self._timer.stop()
        self._cue_timer.stop()
        if run.active_seconds > 0:
            self.checkpoint()
        self._player_call("stop")
        self.state_changed.emit(run.state.value)

    def _player_call(self, method: str, *args: object, **kwargs: object) -> object:
        return call_player(self.player, method, *args, **kwargs)

    # --- persistence --------------------------------------------------------------
    def checkpoint(self) -> None:
        """Save the workout so far, so a crash loses at most a few seconds."""
        run, routine = self._require_run(), self.routine
        if routine is None or self.started_at is None:
            return
        self._last_checkpoint_at = self.ctx.clock.monotonic()
        save_checkpoint(self.checkpoints, run, self.started_at)

    def summary(self) -> WorkoutSummary:
        run = self._require_run()
        return run.summary(
            weight_kg=self.settings.snapshot().weight_kg,
            started_at=self.started_at or datetime.now().astimezone(),
            ended_at=self._ended_at or datetime.now().astimezone(),
        )

    def save_session(
        self, *, rpe: int | None, pain: int | None, notes: str, completed: bool | None = None
    ) -> int | None:
        """Store the session, clear the checkpoint and tell the other pages.

        Returns the new session's id, or None when it could not be stored: then
        the checkpoint still holds the workout and the caller offers Retry.
        """
        record = self.summary().to_session(rpe=rpe, pain=pain, notes=notes, completed=completed)
        session_id = store_session(self.sessions, self.checkpoints, record)
        if session_id is None:
            if self.flow.reviewing:
                self.flow.save_failed()
            return None
        if self.flow.reviewing:
            self.flow.saved()
        self.ctx.events.sessions_changed.emit()
        return session_id

    def discard(self) -> None:
        """Forget the workout: nothing is saved and the checkpoint goes."""
        if self.flow.reviewing:
            self.flow.discarded()
        clear_checkpoint(self.checkpoints)
        log.info("workout discarded")

    def shutdown(self) -> None:
        """The window is closing: stop the timers and let the screen sleep again."""
        self._timer.stop()
        self._cue_timer.stop()
        self._awake.release()

    def _require_run(self) -> WorkoutRun:
        if self.run is None:
            raise RuntimeError("no workout loaded")
        return self.run

    @property
    def timer_active(self) -> bool:
        return self._timer.isActive()
