"""What the rehab-plan and 3-m Backward Walk Test sections need, as plain values.

The report does not read programs or assessments itself: whoever makes the
report (the CLI, the report dialog) turns the enrolment's schedule and the
stored test results into these small dataclasses and passes them as
`ReportExtras` to `output.build_report(..., extras=...)`. That keeps the report
free of the programs' and assessments' modules (and their changes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# PlanWeek.status values
DONE, PARTIAL, MISSED, IN_PROGRESS, UPCOMING = (
    "done",
    "partial",
    "missed",
    "in_progress",
    "upcoming",
)


@dataclass(frozen=True)
class PlanWeek:
    number: int  # 1-based week of the program
    start: date
    planned_sessions: int
    done_sessions: int  # sessions that counted for this week's planned sessions
    planned_backward_min: float
    done_backward_min: float
    status: str  # DONE, PARTIAL, MISSED, IN_PROGRESS or UPCOMING


@dataclass(frozen=True)
class PlanSummary:
    program_name: str
    start: date
    weeks: tuple[PlanWeek, ...]
    description: str = ""  # the protocol it follows, as the program states it
    state: str = "active"  # active, paused, left, finished

    @property
    def to_date(self) -> tuple[PlanWeek, ...]:
        """Weeks that have begun (the week in progress included)."""
        return tuple(w for w in self.weeks if w.status != UPCOMING)

    @property
    def missed_weeks(self) -> tuple[PlanWeek, ...]:
        return tuple(w for w in self.weeks if w.status == MISSED)

    def sessions_share(self) -> float | None:
        planned = sum(w.planned_sessions for w in self.to_date)
        return min(1.0, sum(w.done_sessions for w in self.to_date) / planned) if planned else None

    def minutes_share(self) -> float | None:
        planned = sum(w.planned_backward_min for w in self.to_date)
        done = sum(w.done_backward_min for w in self.to_date)
        return min(1.0, done / planned) if planned else None


@dataclass(frozen=True)
class BwtResult:
    day: date
    seconds: float  # the faster timed trial
    note: str = ""


@dataclass(frozen=True)
class BwtReference:
    """A screening reference (never a diagnosis): slower than `seconds` is
    associated with a higher fall risk in `population` (`source`)."""

    seconds: float
    population: str
    source: str


@dataclass(frozen=True)
class BwtSummary:
    results: tuple[BwtResult, ...]
    reference: BwtReference | None = None


@dataclass(frozen=True)
class ReportExtras:
    plan: PlanSummary | None = None
    bwt: BwtSummary | None = None
