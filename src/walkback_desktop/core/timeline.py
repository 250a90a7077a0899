"""The workout timeline: a pure function of elapsed workout seconds.

`Timeline(routine).at(t)` says where a workout is at `t`; `cues_between(t0, t1)`
lists every cue scheduled in `(t0, t1]`, in order; `next_cue_after(t)` is the
first one after `t`. A player keeps only `t`
(monotonic clock minus paused time) and plays `cues_between(last_t, t)` on each
tick, so nothing drifts, a late tick loses no cue, and skip/back are arithmetic.

Time runs from `start_t` (negative: the get-ready count before the first
segment) to `total_s`. A run starts with `last_t = -math.inf`.

A `Cue` carries data (what is announced, how long, what comes next), never a
sentence: the words are made at the edge, in the user's language
(`audio/cue_words.py`). How each kind of cue is played (its priority, its beep,
whether the screen flashes) is the one table `CUE_SPECS`; adding a cue kind
means a member of `CueKind`, a row there and its words in `cue_words`.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from walkback_desktop.core.routine import Routine, Segment, SegmentKind

DEFAULT_TIP_INTERVAL_S = 30.0
DEFAULT_GET_READY_S = 5
COUNTDOWN_FROM = 3
NEXT_UP_LEAD_S = 10
# A tip needs this much quiet before the next important cue, so it is never cut off.
TIP_CLEARANCE_S = 7.0
# "Back" within this many seconds of a segment's start goes to the previous segment.
BACK_GRACE_S = 3.0


class CueKind(str, Enum):
    GET_READY = "get_ready"
    COUNTDOWN = "countdown"
    SEGMENT_START = "segment_start"
    NEXT_UP = "next_up"
    TIP = "tip"
    HALFWAY = "halfway"
    FINISH = "finish"


class CueBeep(str, Enum):
    """Which beep a cue plays; the audio layer maps each to its sound."""

    COUNTDOWN = "countdown"  # the 3-2-1 before a segment change
    SEGMENT = "segment"  # a new segment starts
    FINISH = "finish"  # the workout is complete


@dataclass(frozen=True)
class CueSpec:
    """How a kind of cue is played.

    `priority`: higher wins when cues would overlap (countdowns and segment
    changes beat tips). `beep`: the beep it plays, if any. `flashes`: the
    countdown area flashes for it when sound is off or cannot be heard.
    """

    priority: int
    beep: CueBeep | None = None
    flashes: bool = False


CUE_SPECS: dict[CueKind, CueSpec] = {
    CueKind.GET_READY: CueSpec(priority=3, flashes=True),
    CueKind.COUNTDOWN: CueSpec(priority=3, beep=CueBeep.COUNTDOWN, flashes=True),
    CueKind.SEGMENT_START: CueSpec(priority=3, beep=CueBeep.SEGMENT, flashes=True),
    CueKind.FINISH: CueSpec(priority=3, beep=CueBeep.FINISH, flashes=True),
    CueKind.NEXT_UP: CueSpec(priority=2),
    CueKind.HALFWAY: CueSpec(priority=2),
    CueKind.TIP: CueSpec(priority=1),
}

# Derived from CUE_SPECS, for the speech arbiter (audio/priority.py).
PRIORITY: dict[CueKind, int] = {kind: spec.priority for kind, spec in CUE_SPECS.items()}


@dataclass(frozen=True)
class Cue:
    """One cue, as data; `audio.cue_words.cue_words(cue)` makes its sentence.

    - `label`, `seconds`: the segment announced (GET_READY: the first one;
      SEGMENT_START: the one starting) and its length; for NEXT_UP the
      seconds left in this segment.
    - `next_label`: NEXT_UP's next segment (None: this is the last one).
    - `count`: the number of a COUNTDOWN beep.
    - `text`: words said as they are: a TIP's text (the routine's or the tips
      file's own words), or words given by hand (tests, benches). The
      timeline leaves it empty for every other kind.
    """

    at: float
    kind: CueKind
    text: str = ""
    segment_index: int = 0
    seq: int = 0
    count: int | None = None
    label: str = ""
    seconds: float = 0.0
    next_label: str | None = None

    @property
    def spec(self) -> CueSpec:
        return CUE_SPECS[self.kind]

    @property
    def priority(self) -> int:
        return self.spec.priority


@dataclass(frozen=True)
class Position:
    t: float
    index: int
    segment: Segment
    into_s: float
    left_s: float
    elapsed_s: float
    remaining_s: float
    total_s: float
    getting_ready: bool
    finished: bool
    next_segment: Segment | None

    @property
    def fraction_done(self) -> float:
        return self.elapsed_s / self.total_s if self.total_s else 1.0


class Timeline:
    def __init__(
        self,
        routine: Routine,
        *,
        tip_interval_s: float | None = DEFAULT_TIP_INTERVAL_S,
        get_ready_s: int = DEFAULT_GET_READY_S,
        tips_by_kind: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        if get_ready_s and get_ready_s <= COUNTDOWN_FROM:
            raise ValueError(f"get_ready_s must be 0 or more than {COUNTDOWN_FROM}")
        self.routine = routine
        self.segments: tuple[Segment, ...] = routine.segments
        self.get_ready_s = get_ready_s
        self.tip_interval_s = tip_interval_s if tip_interval_s and tip_interval_s > 0 else None
        self._tips_by_kind = tips_by_kind or {}
        starts = []
        acc = 0
        for seg in self.segments:
            starts.append(acc)
            acc += seg.seconds
        self.starts: tuple[int, ...] = tuple(starts)
        self.total_s: int = acc
        self.start_t: float = -float(get_ready_s)
        self.cues: tuple[Cue, ...] = self._build_cues()
        self._cue_times = [c.at for c in self.cues]

    # --- where are we -------------------------------------------------
    def segment_index_at(self, t: float) -> int:
        if t <= 0:
            return 0
        if t >= self.total_s:
            return len(self.segments) - 1
        return bisect.bisect_right(self.starts, t) - 1

    def at(self, t: float) -> Position:
        t = min(max(t, self.start_t), float(self.total_s))
        i = self.segment_index_at(t)
        seg = self.segments[i]
        start = self.starts[i]
        elapsed = max(t, 0.0)
        into = max(elapsed - start, 0.0)
        nxt = self.segments[i + 1] if i + 1 < len(self.segments) else None
        return Position(
            t=t,
            index=i,
            segment=seg,
            into_s=into,
            left_s=seg.seconds - into,
            elapsed_s=elapsed,
            remaining_s=self.total_s - elapsed,
            total_s=float(self.total_s),
            getting_ready=t < 0,
            finished=t >= self.total_s,
            next_segment=nxt,
        )

    def segment_start(self, index: int) -> float:
        return float(self.starts[index])

    def skip_target(self, t: float) -> float:
        """Workout time after 'skip segment': the start of the next one (or the end)."""
        if t < 0:
            return 0.0
        i = self.segment_index_at(t)
        if t >= self.total_s:
            return float(self.total_s)
        return float(self.starts[i + 1]) if i + 1 < len(self.segments) else float(self.total_s)

    def back_target(self, t: float) -> float:
        """Workout time after 'back': this segment's start, or the previous one's."""
        if t <= 0:
            return 0.0
        i = self.segment_index_at(t)
        if t >= self.total_s:
            return float(self.starts[-1])
        if t - self.starts[i] > BACK_GRACE_S or i == 0:
            return float(self.starts[i])
        return float(self.starts[i - 1])

    # --- cues -----------------------------------------------------------
    def next_cue_after(self, t: float) -> Cue | None:
        """The first cue scheduled strictly after `t` (None when none is left)."""
        i = bisect.bisect_right(self._cue_times, t)
        return self.cues[i] if i < len(self.cues) else None

    def cues_between(self, t0: float, t1: float) -> list[Cue]:
        """Every cue scheduled in (t0, t1], in order."""
        if t1 <= t0:
            return []
        lo = bisect.bisect_right(self._cue_times, t0)
        hi = bisect.bisect_right(self._cue_times, t1)
        return list(self.cues[lo:hi])

    def _build_cues(self) -> tuple[Cue, ...]:
        # (at, order added, the cue without its time order): sorted by time, then order.
        raw: list[tuple[float, int, Cue]] = []

        def add(cue: Cue) -> None:
            raw.append((cue.at, len(raw), cue))

        first = self.segments[0]
        if self.get_ready_s:
            add(
                Cue(
                    self.start_t,
                    CueKind.GET_READY,
                    label=first.label,
                    seconds=float(first.seconds),
                )
            )
            for n in range(COUNTDOWN_FROM, 0, -1):
                add(Cue(-float(n), CueKind.COUNTDOWN, count=n))

        important: list[float] = []
        tip_counters: dict[SegmentKind, int] = {}
        for i, seg in enumerate(self.segments):
            start = float(self.starts[i])
            end = start + seg.seconds
            add(
                Cue(
                    start,
                    CueKind.SEGMENT_START,
                    segment_index=i,
                    label=seg.label,
                    seconds=float(seg.seconds),
                )
            )
            important.append(start)
            nxt = self.segments[i + 1] if i + 1 < len(self.segments) else None
            next_up_at = self._next_up_time(start, seg.seconds)
            if next_up_at is not None:
                add(
                    Cue(
                        next_up_at,
                        CueKind.NEXT_UP,
                        segment_index=i,
                        label=seg.label,
                        seconds=end - next_up_at,
                        next_label=nxt.label if nxt is not None else None,
                    )
                )
                important.append(next_up_at)
            countdown_at = end - COUNTDOWN_FROM
            for n in range(COUNTDOWN_FROM, 0, -1):
                add(Cue(end - n, CueKind.COUNTDOWN, segment_index=i, count=n))
            important.append(countdown_at)
            quiet_until = min(t for t in (next_up_at, countdown_at) if t is not None)
            for at, text in self._tips_for(seg, start, quiet_until, tip_counters):
                add(Cue(at, CueKind.TIP, text=text, segment_index=i, label=seg.label))

        halfway = self._halfway_time(important)
        if halfway is not None:
            add(Cue(halfway, CueKind.HALFWAY, segment_index=self.segment_index_at(halfway)))
        add(Cue(float(self.total_s), CueKind.FINISH, segment_index=len(self.segments) - 1))

        # Tips that would collide with the halfway cue are dropped, not moved.
        if halfway is not None:
            raw = [
                r
                for r in raw
                if not (r[2].kind is CueKind.TIP and abs(r[0] - halfway) < TIP_CLEARANCE_S)
            ]
        raw.sort(key=lambda r: (r[0], r[1]))
        return tuple(replace(cue, seq=n) for n, (_at, _order, cue) in enumerate(raw))

    @staticmethod
    def _next_up_time(start: float, seconds: int) -> float | None:
        if seconds >= 3 * NEXT_UP_LEAD_S:
            return start + seconds - NEXT_UP_LEAD_S
        if seconds >= 2 * NEXT_UP_LEAD_S - 2:
            return start + seconds / 2
        return None

    def _tips_for(
        self,
        seg: Segment,
        start: float,
        quiet_until: float,
        counters: dict[SegmentKind, int],
    ) -> list[tuple[float, str]]:
        if self.tip_interval_s is None:
            return []
        tips = list(seg.tips) or list(self._tips_by_kind.get(seg.kind.value, ()))
        if not tips:
            return []
        out = []
        k = 1
        while True:
            at = start + k * self.tip_interval_s
            if at > quiet_until - TIP_CLEARANCE_S:
                break
            n = counters.get(seg.kind, 0)
            counters[seg.kind] = n + 1
            out.append((at, tips[n % len(tips)]))
            k += 1
        return out

    def _halfway_time(self, important: list[float]) -> float | None:
        if self.total_s < 120:
            return None
        half = self.total_s / 2
        for candidate in (half, half + 4.0):
            if all(
                not (-1.0 < candidate - t < 4.0) and not (0 <= t - candidate < 2.0)
                for t in important
            ):
                return candidate
        return None
