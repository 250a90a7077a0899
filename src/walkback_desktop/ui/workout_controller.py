"""The one object that drives a workout in real time.

It owns the precise QTimer, calls `WorkoutRun.tick()` and plays the cues the
run hands back through the `CuePlayer` (`ctx.cue_player`). Workout time comes
from the run (clock minus paused time), never from counted ticks, so a late
tick plays a cue late rather than losing it. Each cue played is logged on
`walkback_desktop.cues` as `cue kind=countdown at=57.000 late_ms=4.1`.

The run is checkpointed to the database every few seconds, so a crash or a
power cut loses at most that much; the checkpoint is cleared once the session
is saved or discarded.
"""

from __future__ import annotations

import bisect
import logging
import math
from dataclasses import dataclass
from datetime import datetime, timezone

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from walkback_desktop.audio.base import CuePlayer
from walkback_desktop.core.history import CheckpointRecord, SegmentRecord, SessionRecord
from walkback_desktop.core.routine import Routine
from walkback_desktop.core.timeline import Timeline
from walkback_desktop.core.workout import RunState, TickResult, WorkoutRun
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.keep_awake import KeepAwake

log = logging.getLogger(__name__)
cue_log = logging.getLogger("walkback_desktop.cues")

TICK_INTERVAL_MS = 50
CHECKPOINT_EVERY_S = 4.0
# A checkpoint (a database write) waits for a tick with no cue this close, so a
# slow disk never delays a cue; it is never put off by more than a second or so.
CUE_CLEARANCE_S = 0.3


def prepare_player(ctx: AppContext) -> CuePlayer:
    """Ask the player to load its sounds and speech engine (it returns at once)."""
    player = ctx.cue_player
    try:
        player.prepare()
    except Exception:
        log.exception("the sound player could not get ready")
    return player


def audio_options(settings: dict[str, object], *, muted: bool = False) -> dict[str, object]:
    """The player's options from the stored settings (volume 0.0-1.0)."""
    volume = 0.0 if muted else float(settings.get("volume", 80)) / 100.0  # type: ignore[arg-type]
    return {
        "voice_enabled": bool(settings.get("voice_enabled", True)),
        "beeps_enabled": bool(settings.get("beeps_enabled", True)),
        "volume": volume,
        "voice_name": str(settings.get("voice_name", "")),
        "voice_rate": float(settings.get("voice_rate", 0.0)),  # type: ignore[arg-type]
    }


@dataclass
class WorkoutSummary:
    """What the finish dialog shows and the session stores."""

    routine: Routine
    started_at: datetime
    ended_at: datetime
    active_seconds: float
    backward_seconds: float
    kcal: float
    segments_completed: int
    segments_total: int
    completed: bool
    segments: tuple[SegmentRecord, ...]


class WorkoutController(QObject):
    """Runs one workout at a time; the page only shows what this reports."""

    ticked = Signal(object)  # TickResult, after its cues were played
    state_changed = Signal(str)  # RunState value
    cue_played = Signal(object, bool)  # Cue, whether the player played it
    gap_paused = Signal(float)  # seconds the computer was away
    finished = Signal()  # the last segment ended

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.routine: Routine | None = None
        self.run: WorkoutRun | None = None
        self.started_at: datetime | None = None
        self._last_checkpoint_at: float | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_INTERVAL_MS)
        self._timer.timeout.connect(self.tick)
        # Fires exactly when the next cue is due, so cues are not late by up to a tick.
        self._cue_timer = QTimer(self)
        self._cue_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._cue_timer.setSingleShot(True)
        self._cue_timer.timeout.connect(self.tick)
        self._cue_times: list[float] = []
        self._sync = (0.0, 0.0)
        self._keep_awake = None
        self._ended_at: datetime | None = None

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
        return self.state in (RunState.RUNNING, RunState.PAUSED)

    def load(self, routine: Routine) -> WorkoutRun:
        """Prepare `routine` with the stored tip interval and get-ready count."""
        if self.active:
            raise RuntimeError("a workout is already under way")
        settings = self.ctx.store.settings.all()
        timeline = Timeline(
            routine,
            tip_interval_s=float(settings["tip_interval_s"]),
            get_ready_s=int(settings["get_ready_s"]),
            tips_by_kind=self.ctx.store.library.tips_by_kind(),
        )
        self.routine = routine
        self.run = WorkoutRun(timeline, self.ctx.clock)
        self.run.metronome = bool(settings["metronome_enabled"])
        self._cue_times = [cue.at for cue in timeline.cues]
        self.started_at = None
        self._ended_at = None
        self._last_checkpoint_at = None
        self.state_changed.emit(self.run.state.value)
        return self.run

    # --- controls ---------------------------------------------------------------
    def start(self) -> None:
        run = self._require_run()
        if run.state is not RunState.READY:
            return
        status = self.player.status()
        if status.notice:
            log.warning("workout sound: %s", status.notice)
        self.player.set_options(**audio_options(self.ctx.store.settings.all()))
        # Slow set-up (D-Bus, audio devices) before the clock starts, so the first cue is on time.
        self._acquire_keep_awake()
        self.started_at = datetime.now().astimezone()
        run.start()
        self._sync_clock()
        self._last_checkpoint_at = self.ctx.clock.monotonic()
        self._timer.start()
        self.state_changed.emit(run.state.value)
        self.tick()
        log.info(
            "workout started: %s (%s), %d s",
            self.routine.id,
            self.routine.name,
            run.timeline.total_s,
        )

    def pause(self) -> None:
        run = self._require_run()
        if run.state is RunState.RUNNING:
            run.pause()
            self._after_pause()

    def resume(self) -> None:
        run = self._require_run()
        if run.state is RunState.PAUSED:
            run.resume()
            self._sync_clock()
            self._timer.start()
            self.state_changed.emit(run.state.value)
            self.tick()

    def toggle_pause(self) -> None:
        state = self.state
        if state is RunState.RUNNING:
            self.pause()
        elif state is RunState.PAUSED:
            self.resume()
        elif state is RunState.READY:
            self.start()

    def skip(self) -> None:
        self._jump(self._require_run().skip)

    def back(self) -> None:
        self._jump(self._require_run().back)

    def _jump(self, action) -> None:
        run = self._require_run()
        if run.state not in (RunState.RUNNING, RunState.PAUSED):
            return
        self.player.stop()
        action()
        self._sync_clock()
        if run.state is RunState.RUNNING:
            self.tick()
        else:
            self.ticked.emit(TickResult(position=run.position()))

    def stop(self) -> None:
        """End the workout early (the caller has asked for confirmation)."""
        run = self._require_run()
        if run.state in (RunState.FINISHED, RunState.STOPPED):
            return
        run.stop()
        self._timer.stop()
        self._cue_timer.stop()
        self.player.stop()
        self._ended_at = datetime.now().astimezone()
        self._release_keep_awake()
        if run.active_seconds > 0:
            self.checkpoint()
        log.info("workout stopped after %.1f s active", run.active_seconds)
        self.state_changed.emit(run.state.value)

    def set_muted(self, muted: bool) -> None:
        self.player.set_options(**audio_options(self.ctx.store.settings.all(), muted=muted))
        if muted:
            self.player.stop()

    # --- the tick ---------------------------------------------------------------
    def tick(self) -> TickResult | None:
        """Advance to now: play the cues due, tick the metronome, checkpoint."""
        run = self.run
        if run is None:
            return None
        was_running = run.state is RunState.RUNNING
        result = run.tick()
        player = self.player
        for cue, lateness_s in result.cues:
            # Measured now (earlier cues may have taken time), past the end too.
            lateness_s = max(lateness_s, self._unclamped_t() - cue.at)
            late_ms = lateness_s * 1000.0
            try:
                played = bool(player.play(cue, late_ms))
            except Exception:  # a player must never raise; if it does, keep going
                log.exception("the sound player failed on a %s cue", cue.kind.value)
                played = False
            cue_log.info(
                "cue kind=%s at=%.3f late_ms=%.1f%s",
                cue.kind.value,
                cue.at,
                late_ms,
                "" if played else " dropped",
            )
            self.cue_played.emit(cue, played)
        if result.metronome_ticks:
            player.tick()
        if result.paused_for_gap_s is not None:
            log.warning(
                "workout paused: no tick for %.1f s (the computer slept or was busy)",
                result.paused_for_gap_s,
            )
            self._after_pause()
            self.gap_paused.emit(result.paused_for_gap_s)
        elif was_running and run.state is RunState.RUNNING and run.active_seconds > 0:
            now = self.ctx.clock.monotonic()
            due = (
                self._last_checkpoint_at is None
                or now - self._last_checkpoint_at >= CHECKPOINT_EVERY_S
            )
            if due and self._seconds_to_next_cue(run.t) > CUE_CLEARANCE_S:
                self.checkpoint()
        self.ticked.emit(result)
        if run.state is RunState.RUNNING:
            self._arm_cue_timer(run.t)
        if result.just_finished:
            self._timer.stop()
            self._ended_at = datetime.now().astimezone()
            self._release_keep_awake()
            self.checkpoint()
            log.info("workout finished: %.1f s active", run.active_seconds)
            self.state_changed.emit(run.state.value)
            self.finished.emit()
        return result

    def _sync_clock(self) -> None:
        """Remember where workout time and the clock stood when the run (re)started."""
        self._sync = (self.ctx.clock.monotonic(), self._require_run().t)

    def _unclamped_t(self) -> float:
        """Workout time now, not clamped at the end (the run's own `t` stops there)."""
        clock_at, t_at = self._sync
        return t_at + (self.ctx.clock.monotonic() - clock_at)

    def _seconds_to_next_cue(self, t: float) -> float:
        i = bisect.bisect_right(self._cue_times, t)
        return self._cue_times[i] - t if i < len(self._cue_times) else math.inf

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
        self.player.stop()
        if run.active_seconds > 0:
            self.checkpoint()
        self.state_changed.emit(run.state.value)

    # --- persistence --------------------------------------------------------------
    def _segment_records(self) -> tuple[SegmentRecord, ...]:
        run = self._require_run()
        return tuple(
            SegmentRecord(
                position=i,
                kind=seg.kind.value,
                label=seg.label,
                planned_seconds=seg.seconds,
                done_seconds=round(done, 3),
                met=seg.effective_met,
            )
            for i, (seg, done) in enumerate(
                zip(run.timeline.segments, run.done_seconds, strict=True)
            )
        )

    def checkpoint(self) -> None:
        """Save the workout so far, so a crash loses at most a few seconds."""
        run, routine = self._require_run(), self.routine
        if routine is None or self.started_at is None:
            return
        self._last_checkpoint_at = self.ctx.clock.monotonic()
        record = CheckpointRecord(
            routine_id=routine.id,
            routine_name=routine.name,
            routine_snapshot=routine.to_json(),
            started_at=self.started_at,
            active_seconds=round(run.active_seconds, 3),
            backward_seconds=round(run.backward_seconds, 3),
            segments_done=self._segment_records(),
            updated_at=datetime.now(timezone.utc),
        )
        try:
            self.ctx.store.checkpoints.save(record)
        except Exception:  # a full disk must not stop the workout
            log.exception("could not checkpoint the workout")

    def summary(self) -> WorkoutSummary:
        run, routine = self._require_run(), self.routine
        assert routine is not None
        weight = float(self.ctx.store.settings.get("weight_kg"))
        started = self.started_at or datetime.now().astimezone()
        return WorkoutSummary(
            routine=routine,
            started_at=started,
            ended_at=self._ended_at or datetime.now().astimezone(),
            active_seconds=run.active_seconds,
            backward_seconds=run.backward_seconds,
            kcal=run.kcal(weight),
            segments_completed=run.segments_completed,
            segments_total=len(run.timeline.segments),
            completed=run.state is RunState.FINISHED,
            segments=self._segment_records(),
        )

    def save_session(
        self, *, rpe: int | None, pain: int | None, notes: str, completed: bool | None = None
    ) -> int:
        """Store the session, clear the checkpoint and tell the other pages."""
        s = self.summary()
        record = SessionRecord(
            started_at=s.started_at,
            ended_at=s.ended_at,
            routine_id=s.routine.id,
            routine_name=s.routine.name,
            routine_snapshot=s.routine.to_json(),
            active_seconds=round(s.active_seconds, 3),
            backward_seconds=round(s.backward_seconds, 3),
            kcal=round(s.kcal, 1),
            completed=s.completed if completed is None else completed,
            rpe=rpe,
            pain=pain,
            notes=notes,
            segments=s.segments,
            source="app",
        )
        session_id = self.ctx.store.sessions.add(record)
        self._clear_checkpoint()
        log.info(
            "session %s saved (%s)", session_id, "complete" if record.completed else "incomplete"
        )
        self.ctx.events.sessions_changed.emit()
        return session_id

    def discard(self) -> None:
        """Forget the workout: nothing is saved and the checkpoint goes."""
        self._clear_checkpoint()
        log.info("workout discarded")

    def _clear_checkpoint(self) -> None:
        try:
            self.ctx.store.checkpoints.clear()
        except Exception:
            log.exception("could not clear the workout checkpoint")

    # --- keeping the screen on --------------------------------------------------------
    def _acquire_keep_awake(self) -> None:
        try:
            if self._keep_awake is None:
                self._keep_awake = KeepAwake()
            self._keep_awake.acquire("A workout is running")
        except Exception:
            log.exception("could not keep the screen awake")

    def _release_keep_awake(self) -> None:
        if self._keep_awake is None:
            return
        try:
            self._keep_awake.release()
        except Exception:
            log.exception("could not release the screen-awake request")

    def shutdown(self) -> None:
        """The window is closing: stop the timers and let the screen sleep again."""
        self._timer.stop()
        self._cue_timer.stop()
        self._release_keep_awake()

    def _require_run(self) -> WorkoutRun:
        if self.run is None:
            raise RuntimeError("no workout loaded")
        return self.run

    @property
    def timer_active(self) -> bool:
        return self._timer.isActive()
