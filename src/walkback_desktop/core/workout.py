"""A workout run: the timeline driven by a clock, with pause, skip and back.

Workout time is `base_t + (clock - anchor)` while running and `base_t` while
paused; `base_t` and `anchor` change only on user actions, so nothing is summed
from timer ticks and nothing drifts. Each `tick()` returns the cues scheduled
since the previous tick (a late tick loses none) and the time actually walked
is attributed to segments, so skipping a segment does not count as walking it.

"Completed" means walked: a run that reached its end counts as complete only
when at least `COMPLETE_FRACTION` of the planned time was actually walked
(skipped time is not walked), see `is_complete`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from walkback_desktop.core.clock import Clock
from walkback_desktop.core.energy import kcal
from walkback_desktop.core.history import SegmentRecord, SessionRecord
from walkback_desktop.core.routine import Routine
from walkback_desktop.core.timeline import Cue, Position, Timeline

# A tick that comes this long after the previous one means the computer slept
# or froze: the workout pauses (without counting the gap) and says why.
GAP_PAUSE_S = 5.0
# After skip/back, cues at exactly the new time (the segment announcement) replay.
_REPLAY_EPS = 1e-6
# A session is "completed" only when at least this share of the routine's
# planned time was walked (skipped time does not count).
COMPLETE_FRACTION = 0.9
# A segment counts as done when walked to within this many seconds of its length.
SEGMENT_DONE_SLACK_S = 0.5


def is_complete(walked_s: float, planned_s: float, *, reached_end: bool) -> bool:
    """The one rule for "completed": the end was reached and nearly all of it walked."""
    if not reached_end:
        return False
    if planned_s <= 0:
        return True
    return walked_s >= COMPLETE_FRACTION * planned_s - 1e-9


class RunState(str, Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass
class TickResult:
    position: Position
    cues: list[tuple[Cue, float]] = field(default_factory=list)  # (cue, lateness in s)
    metronome_ticks: int = 0
    paused_for_gap_s: float | None = None
    just_finished: bool = False


class WorkoutRun:
    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        self.timeline = timeline
        self._clock = clock
        self.state = RunState.READY
        self._base_t = timeline.start_t
        self._anchor = 0.0
        self._last_t = -math.inf
        self._last_tick_at: float | None = None
        self._done = [0.0] * len(timeline.segments)
        self.metronome = False

    # --- time -------------------------------------------------------------------
    @property
    def t(self) -> float:
        """Current workout time (negative during the get-ready count)."""
        if self.state is RunState.FINISHED:
            return float(self.timeline.total_s)
        if self.state is RunState.RUNNING:
            return min(self.unclamped_t, float(self.timeline.total_s))
        return self._base_t

    @property
    def unclamped_t(self) -> float:
        """Workout time by the clock, not stopped at the end: `t` stops at
        `total_s`, but a cue played after the end is late by the whole overshoot."""
        if self.state in (RunState.RUNNING, RunState.FINISHED):
            return self._base_t + (self._clock.monotonic() - self._anchor)
        return self._base_t

    def lateness(self, cue: Cue) -> float:
        """How late `cue` is if played now, in seconds (never negative)."""
        return max(self.unclamped_t - cue.at, 0.0)

    def position(self) -> Position:
        return self.timeline.at(self.t)

    # --- controls ---------------------------------------------------------------
    def start(self) -> None:
        if self.state is not RunState.READY:
            return
        now = self._clock.monotonic()
        self._anchor = now
        self._last_tick_at = now
        self.state = RunState.RUNNING

    def pause(self) -> None:
        if self.state is RunState.RUNNING:
            self._freeze(self.t)

    def resume(self) -> None:
        if self.state is RunState.PAUSED:
            now = self._clock.monotonic()
            self._anchor = now
            self._last_tick_at = now
            self.state = RunState.RUNNING

    def toggle_pause(self) -> None:
        if self.state is RunState.RUNNING:
            self.pause()
        elif self.state is RunState.PAUSED:
            self.resume()
        elif self.state is RunState.READY:
            self.start()

    def skip(self) -> None:
        """Jump to the next segment's start; the skipped time is not counted as walked."""
        if self.state in (RunState.RUNNING, RunState.PAUSED):
            self._account(self._last_t, self.t)
            self._jump(self.timeline.skip_target(self.t))

    def back(self) -> None:
        """Back to this segment's start (or the previous one's, just after a change)."""
        if self.state in (RunState.RUNNING, RunState.PAUSED):
            self._account(self._last_t, self.t)
            self._jump(self.timeline.back_target(self.t))

    def stop(self) -> None:
        if self.state in (RunState.RUNNING, RunState.PAUSED, RunState.READY):
            if self.state is not RunState.READY:
                self._account(self._last_t, self.t)
            self._freeze(self.t)
            self.state = RunState.STOPPED

    def _freeze(self, t: float) -> None:
        self._base_t = t
        self.state = RunState.PAUSED

    def _jump(self, target: float) -> None:
        now = self._clock.monotonic()
        self._base_t = target
        self._anchor = now
        self._last_t = target - _REPLAY_EPS
        self._last_tick_at = now

    # --- the tick ---------------------------------------------------------------
    def tick(self) -> TickResult:
        """Advance to now: the cues due since the last tick, in order."""
        now = self._clock.monotonic()
        if self.state is not RunState.RUNNING:
            return TickResult(position=self.position())
        if self._last_tick_at is not None and now - self._last_tick_at > GAP_PAUSE_S:
            gap = now - self._last_tick_at
            # Count nothing of the gap: freeze at the last time we saw.
            frozen = max(self._last_t, self.timeline.start_t)
            self._base_t = frozen
            self.state = RunState.PAUSED
            self._last_tick_at = now
            return TickResult(position=self.timeline.at(frozen), paused_for_gap_s=gap)
        self._last_tick_at = now
        t = self.t
        due = self.timeline.cues_between(self._last_t, t)
        result = TickResult(
            position=self.timeline.at(t),
            cues=[(cue, max(t - cue.at, 0.0)) for cue in due],
            metronome_ticks=self._metronome_ticks(self._last_t, t) if self.metronome else 0,
        )
        self._account(self._last_t, t)
        self._last_t = t
        if t >= self.timeline.total_s:
            self.state = RunState.FINISHED
            result.just_finished = True
        return result

    def _metronome_ticks(self, t0: float, t1: float) -> int:
        if t1 <= 0:
            return 0
        pos = self.timeline.at(t1)
        cadence = pos.segment.cadence_spm
        if not cadence:
            return 0
        start = self.timeline.segment_start(pos.index)
        period = 60.0 / cadence
        lo = max(t0, start)
        if lo >= t1:
            return 0
        return math.floor((t1 - start) / period) - math.floor((lo - start) / period)

    # --- what was walked --------------------------------------------------------
    def _account(self, t0: float, t1: float) -> None:
        t0 = max(t0, 0.0)
        if t1 <= t0:
            return
        for i, start in enumerate(self.timeline.starts):
            end = start + self.timeline.segments[i].seconds
            overlap = min(t1, end) - max(t0, start)
            if overlap > 0:
                self._done[i] += overlap

    @property
    def done_seconds(self) -> list[float]:
        """Seconds actually walked in each segment so far."""
        return list(self._done)

    @property
    def active_seconds(self) -> float:
        return sum(self._done)

    @property
    def backward_seconds(self) -> float:
        return sum(
            d for d, seg in zip(self._done, self.timeline.segments, strict=True) if seg.is_backward
        )

    def kcal(self, weight_kg: float) -> float:
        return sum(
            kcal(seg.effective_met, weight_kg, d)
            for d, seg in zip(self._done, self.timeline.segments, strict=True)
        )

    @property
    def segments_completed(self) -> int:
        return sum(
            1
            for d, seg in zip(self._done, self.timeline.segments, strict=True)
            if d >= seg.seconds - SEGMENT_DONE_SLACK_S
        )

    @property
    def completed(self) -> bool:
        """Reached the end having walked at least `COMPLETE_FRACTION` of it."""
        return is_complete(
            self.active_seconds,
            float(self.timeline.total_s),
            reached_end=self.state is RunState.FINISHED,
        )

    # --- records ----------------------------------------------------------------
    def segment_records(self) -> tuple[SegmentRecord, ...]:
        """What was walked in each segment, as stored with the session."""
        return tuple(
            SegmentRecord(
                position=i,
                kind=seg.kind.value,
                label=seg.label,
                planned_seconds=seg.seconds,
                done_seconds=round(done, 3),
                met=seg.effective_met,
            )
            for i, (seg, done) in enumerate(zip(self.timeline.segments, self._done, strict=True))
        )

    def summary(
        self, *, weight_kg: float, started_at: datetime, ended_at: datetime
    ) -> WorkoutSummary:
        """The numbers the finish screen shows and the session stores."""
        return WorkoutSummary(
            routine=self.timeline.routine,
            started_at=started_at,
            ended_at=ended_at,
            active_seconds=self.active_seconds,
            backward_seconds=self.backward_seconds,
            kcal=self.kcal(weight_kg),
            segments_completed=self.segments_completed,
            segments_total=len(self.timeline.segments),
            planned_seconds=float(self.timeline.total_s),
            reached_end=self.state is RunState.FINISHED,
            completed=self.completed,
            segments=self.segment_records(),
        )

    def to_session(
        self,
        *,
        weight_kg: float,
        started_at: datetime,
        ended_at: datetime,
        rpe: int | None = None,
        pain: int | None = None,
        notes: str = "",
        completed: bool | None = None,
    ) -> SessionRecord:
        """The session to store; `completed=False` forces "not completed"
        (it can never make a short run count as complete)."""
        return self.summary(
            weight_kg=weight_kg, started_at=started_at, ended_at=ended_at
        ).to_session(rpe=rpe, pain=pain, notes=notes, completed=completed)


@dataclass(frozen=True)
class WorkoutSummary:
    """What the finish screen shows and the session stores."""

    routine: Routine
    started_at: datetime
    ended_at: datetime
    active_seconds: float
    backward_seconds: float
    kcal: float
    segments_completed: int
    segments_total: int
    planned_seconds: float
    reached_end: bool
    completed: bool
    segments: tuple[SegmentRecord, ...]

    def to_session(
        self,
        *,
        rpe: int | None = None,
        pain: int | None = None,
        notes: str = "",
        completed: bool | None = None,
    ) -> SessionRecord:
        return SessionRecord(
            started_at=self.started_at,
            ended_at=self.ended_at,
            routine_id=self.routine.id,
            routine_name=self.routine.name,
            routine_snapshot=self.routine.to_json(),
            active_seconds=round(self.active_seconds, 3),
            backward_seconds=round(self.backward_seconds, 3),
            kcal=round(self.kcal, 1),
            completed=self.completed and completed is not False,
            rpe=rpe,
            pain=pain,
            notes=notes,
            segments=self.segments,
            source="app",
        )
