"""The 3-m Backward Walk Test (3MBWT): its reference values and the guided test.

The test: walk backwards 3 m as fast as is safe, timed from "go" until both
feet are past the 3-m line. The guided flow is a small state machine driven
by an injected clock (`core.clock.Clock`), so it is tested without waiting:

    SETUP -> COUNTDOWN ("3, 2, 1, go") -> TIMING -> BETWEEN -> ... -> RESULT

A practice trial (not counted) comes first, then `timed_trials` timed ones
(2 by default). A trial can be cancelled while counting down or timing (it is
run again) and the last trial can be repeated from BETWEEN or RESULT. The
result is the fastest timed trial.

Reference values are for screening: a time at or above one says "a
physiotherapist may want to look at balance and fall risk", never a
diagnosis. Each was checked against the paper's abstract (see REFERENCES).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from walkback_desktop.core.clock import Clock

TEST_ID = "3mbwt"
DISTANCE_M = 3.0
MIN_SECONDS = 0.5
MAX_SECONDS = 300.0
COUNTDOWN_S = 3
MAX_TIMED_TRIALS = 5


@dataclass(frozen=True)
class ReferenceValue:
    """A published cut-off: times at or above `seconds` were associated with falls."""

    key: str
    seconds: float
    population: str
    outcome: str
    source: str
    doi: str

    def reached_by(self, seconds: float) -> bool:
        return seconds >= self.seconds - 1e-9


# Verified against each paper's abstract (or, for Carter 2019, against the
# cut-offs as quoted by the same group's 2020 follow-up, Carter et al., Top
# Geriatr Rehabil 36(3):140-145, doi:10.1097/TGR.0000000000000272); the 2019
# paper's own full text was not available to check.
REFERENCES: tuple[ReferenceValue, ...] = (
    ReferenceValue(
        key="carter-2019",
        seconds=4.5,
        population="community-dwelling older adults walking without an aid",
        outcome="falls in the past year (retrospective); 3.0 s or less: low risk",
        source=(
            "Carter V, Jain T, James J, Cornwall M, Aldrich A, de Heer HD. The 3-m Backwards "
            "Walk and Retrospective Falls: Diagnostic Accuracy of a Novel Clinical Measure. "
            "J Geriatr Phys Ther. 2019;42(4):249-255"
        ),
        doi="10.1519/JPT.0000000000000149",
    ),
    ReferenceValue(
        key="polo-ferrero-2025",
        seconds=5.5,
        population="community-dwelling older adults (n=483, mean age 76)",
        outcome="falls in the past 12 months (sensitivity 59.5 %, specificity 68.6 %)",
        source=(
            "Polo-Ferrero L, Torres-Alonso J, Sanchez-Sanchez MC, et al. The Predictive Capacity "
            "of the 3-Meter Backward Walk Test for Falls in Older Adults: A Case-Control "
            "Analysis. J Funct Morphol Kinesiol. 2025;10(2):154"
        ),
        doi="10.3390/jfmk10020154",
    ),
    ReferenceValue(
        key="kapan-2025",
        seconds=8.15,
        population="nursing-home residents (n=217, median age 80)",
        outcome="falls in the following 4 months (prospective); 9.31 s for past falls",
        source=(
            "Kapan A, Ristic M, Felsinger R, Konrad A, Waldhoer T. Predictive Accuracy of the "
            "3-m Backward Walk Test for Fall Risk in Older Adults. J Am Med Dir Assoc. 2025"
        ),
        doi="10.1016/j.jamda.2025.105580",
    ),
)
DEFAULT_REFERENCE = "polo-ferrero-2025"


def reference(key: str = DEFAULT_REFERENCE) -> ReferenceValue:
    for ref in REFERENCES:
        if ref.key == key:
            return ref
    raise KeyError(key)


def valid_seconds(seconds: float) -> bool:
    return math.isfinite(seconds) and MIN_SECONDS <= seconds <= MAX_SECONDS


@dataclass(frozen=True)
class AssessmentResult:
    """A stored test result: when (aware, with the walker's UTC offset), the
    fastest timed trial, every timed trial, and a note."""

    taken_at: datetime
    seconds: float
    trials: tuple[float, ...] = ()
    note: str = ""
    test: str = TEST_ID
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.taken_at.tzinfo is None:
            raise ValueError("taken_at must be timezone-aware")


class Phase(str, Enum):
    SETUP = "setup"
    COUNTDOWN = "countdown"
    TIMING = "timing"
    BETWEEN = "between"
    RESULT = "result"


@dataclass(frozen=True)
class Trial:
    number: int  # 0 = practice, then 1, 2, ...
    seconds: float

    @property
    def practice(self) -> bool:
        return self.number == 0


@dataclass(frozen=True)
class CountdownCue:
    """`count` 3, 2, 1, then 0 for "go"; `at` is its time in seconds from the countdown start."""

    count: int
    at: float

    @property
    def is_go(self) -> bool:
        return self.count == 0


class WalkTest:
    """The guided test. The widget calls start/stop/cancel/repeat on key
    presses and `tick()` on a timer; it renders `phase`, `countdown_left()`,
    `elapsed()` and `trials`."""

    def __init__(
        self,
        clock: Clock,
        *,
        timed_trials: int = 2,
        practice: bool = True,
        countdown_s: int = COUNTDOWN_S,
    ) -> None:
        if not 1 <= timed_trials <= MAX_TIMED_TRIALS:
            raise ValueError(f"timed_trials must be 1 to {MAX_TIMED_TRIALS}")
        self._clock = clock
        self.timed_trials = timed_trials
        self.countdown_s = countdown_s
        self.phase = Phase.SETUP
        self.trials: list[Trial] = []
        self._first = 0 if practice else 1
        self._anchor = 0.0
        self._cued = 0  # countdown cues already returned by tick()

    # --- what to show --------------------------------------------------------
    @property
    def trial_number(self) -> int:
        """The trial being (or about to be) walked: 0 practice, 1.. timed."""
        return self._first + len(self.trials)

    @property
    def is_practice(self) -> bool:
        return self.trial_number == 0

    def countdown_left(self) -> float:
        if self.phase is not Phase.COUNTDOWN:
            return 0.0
        return max(0.0, self.countdown_s - (self._clock.monotonic() - self._anchor))

    def elapsed(self) -> float:
        """Seconds since "go" while timing (0 before)."""
        if self.phase is not Phase.TIMING:
            return 0.0
        return max(0.0, self._clock.monotonic() - self._go_at)

    @property
    def timed(self) -> list[Trial]:
        return [t for t in self.trials if not t.practice]

    def result(self) -> float | None:
        """The fastest timed trial, once every timed trial is walked."""
        if self.phase is not Phase.RESULT:
            return None
        return min(t.seconds for t in self.timed)

    # --- actions ----------------------------------------------------------
    def start_trial(self) -> None:
        """SETUP or BETWEEN -> COUNTDOWN."""
        if self.phase not in (Phase.SETUP, Phase.BETWEEN):
            return
        self._anchor = self._clock.monotonic()
        self._cued = 0
        self.phase = Phase.COUNTDOWN

    def tick(self) -> list[CountdownCue]:
        """The countdown cues due since the last tick (none lost to a late
        tick); moves COUNTDOWN -> TIMING at "go"."""
        if self.phase is not Phase.COUNTDOWN:
            return []
        now = self._clock.monotonic() - self._anchor
        cues = []
        for i in range(self._cued, self.countdown_s + 1):
            at = float(i)
            if at > now + 1e-9:
                break
            cues.append(CountdownCue(self.countdown_s - i, at))
            self._cued = i + 1
        if now >= self.countdown_s:
            self.phase = Phase.TIMING
        return cues

    @property
    def _go_at(self) -> float:
        return self._anchor + self.countdown_s

    def stop(self) -> Trial | None:
        """Space, Enter, the big button or a helper: record the trial.
        Stopping during the countdown is a false start: the trial is cancelled."""
        if self.phase is Phase.COUNTDOWN:
            self.tick()
        if self.phase is Phase.COUNTDOWN:
            self.cancel_trial()
            return None
        if self.phase is not Phase.TIMING:
            return None
        trial = Trial(self.trial_number, self._clock.monotonic() - self._go_at)
        self.trials.append(trial)
        done = len(self.timed) >= self.timed_trials
        self.phase = Phase.RESULT if done else Phase.BETWEEN
        return trial

    def cancel_trial(self) -> None:
        """Abandon the trial under way; it is walked again."""
        if self.phase in (Phase.COUNTDOWN, Phase.TIMING):
            self.phase = Phase.BETWEEN if self.trials else Phase.SETUP

    def repeat_trial(self) -> None:
        """Drop the last recorded trial and walk it again (from BETWEEN or RESULT)."""
        if self.phase in (Phase.BETWEEN, Phase.RESULT) and self.trials:
            self.trials.pop()
            self.phase = Phase.BETWEEN if self.trials else Phase.SETUP
            self.start_trial()
