"""What the report's rehab-plan and 3-m Backward Walk Test sections show,
assembled from the store (or the plain reader of `walkback report`,
storage/plain.py) for one report period.

The sections (report/sections/plan.py and assessments.py) take the plain
values defined here; `report/rehab.py` re-exports them for the report's own
modules. They live in the services layer because the services read programs
and test results and the report sits above them (import-linter's layers).

The rules (also in docs/report.md):

* **Which program**: the active enrolment if it overlaps the period, else the
  most recent enrolment that overlaps it (its span runs from the start date
  to the day before leaving, or to the end of its last planned week). None:
  no plan section.
* **As of**: for a report up to today the schedule is exactly
  `ProgramService.status()`'s (the Today page, `walkback programs status`):
  one source, `core.program_schedule.program_status`. For a period that
  ended earlier, the same function is given what was walked and tested up to
  the period's last day, as of the next morning (so that day counts as past).
* **A week's status**: done (every planned session done), missed (over and
  none done), partly done (over, some done), in progress (begun by the
  period's last day), upcoming.
* **Pain**: the average of the pain ratings of every session walked in a
  program week (from the start date on), whatever its routine.
* **3MBWT**: the results whose local date is in the period, oldest first, with
  the default screening reference (`core.assessments.DEFAULT_REFERENCE`). The
  section is shown when there is a result in the period or the program plans
  a test; otherwise it is left out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from statistics import fmean
from typing import TYPE_CHECKING

from walkback_desktop.core import assessments, stats
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.program_schedule import ProgramStatus, ProgramWeekPlan, program_status
from walkback_desktop.core.programs import ProgramError

if TYPE_CHECKING:  # `walkback report` on a plain connection never loads the ORM
    from walkback_desktop.services.programs import ProgramReads
    from walkback_desktop.storage.plain import PlainStore
    from walkback_desktop.storage.program_library import EnrolmentRecord
    from walkback_desktop.storage.store import Store

log = logging.getLogger(__name__)

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
    pain: float | None = None  # average pain rating (0-10) of the week's sessions


@dataclass(frozen=True)
class PlanAdherence:
    """Adherence to date as the program schedule counts it (today's open
    session does not count against anyone)."""

    planned_sessions: int
    done_sessions: int
    planned_backward_min: float
    done_backward_min: float


@dataclass(frozen=True)
class PlanSummary:
    program_name: str
    start: date
    weeks: tuple[PlanWeek, ...]
    description: str = ""  # the protocol it follows, as the program states it
    state: str = "active"  # active, paused, left, finished, not_started
    adherence: PlanAdherence | None = None  # None: summed from the weeks begun
    other_sessions: int = 0  # walks in the program's span that were not planned ones

    @property
    def to_date(self) -> tuple[PlanWeek, ...]:
        """Weeks that have begun (the week in progress included)."""
        return tuple(w for w in self.weeks if w.status != UPCOMING)

    @property
    def missed_weeks(self) -> tuple[PlanWeek, ...]:
        return tuple(w for w in self.weeks if w.status == MISSED)

    def totals(self) -> PlanAdherence:
        if self.adherence is not None:
            return self.adherence
        weeks = self.to_date
        return PlanAdherence(
            sum(w.planned_sessions for w in weeks),
            sum(w.done_sessions for w in weeks),
            sum(w.planned_backward_min for w in weeks),
            sum(w.done_backward_min for w in weeks),
        )

    def sessions_share(self) -> float | None:
        t = self.totals()
        return min(1.0, t.done_sessions / t.planned_sessions) if t.planned_sessions else None

    def minutes_share(self) -> float | None:
        t = self.totals()
        if t.planned_backward_min <= 0:
            return None
        return min(1.0, t.done_backward_min / t.planned_backward_min)


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


# --- assembly ------------------------------------------------------------------


def report_extras(
    store: Store | PlainStore,
    first: date,
    last: date,
    *,
    today: date,
    locale_first_weekday: int = 0,
    reference_key: str = assessments.DEFAULT_REFERENCE,
) -> ReportExtras:
    """The plan and 3MBWT values for the report of `first`..`last`."""
    from walkback_desktop.services.programs import ProgramReads

    service = ProgramReads(store, today=lambda: today, locale_first_weekday=locale_first_weekday)
    try:
        followed = program_in_period(service, store, first, last, today)
    except ProgramError as exc:  # an enrolment saved by a newer WalkBack, say
        log.warning("the report leaves out the rehab plan: %s", exc)
        followed = None
    plan = None
    if followed is not None:
        enrolment, status = followed
        plan = plan_summary(enrolment, status, store, _as_of(last, today), min(last, today))
    results = bwt_results(store.assessments.list(assessments.TEST_ID), first, last)
    planned_checks = followed is not None and bool(followed[1].checks)
    bwt = None
    if results or planned_checks:
        ref = assessments.reference(reference_key)
        bwt = BwtSummary(results, BwtReference(ref.seconds, ref.population, ref.source))
    return ReportExtras(plan=plan, bwt=bwt)


def _as_of(last: date, today: date) -> date:
    """The day the schedule is worked out for: today, or the day after a
    period that ended before today (so its last day counts as past)."""
    return today if last >= today else last + timedelta(days=1)


def status_in_period(
    service: ProgramReads,
    store: Store | PlainStore,
    enrolment: EnrolmentRecord,
    last: date,
    today: date,
) -> ProgramStatus:
    """The enrolment's schedule as of the end of the period: for a period up
    to today, `ProgramService.status_of` (what the Today page shows); for one
    that ended earlier, the same rules with what was walked and tested by its
    last day, as the person would have seen it the next morning."""
    if last >= today:
        return service.status_of(enrolment, today)
    since = datetime.combine(enrolment.started_on - timedelta(days=1), time(), timezone.utc)
    records = [r for r in store.sessions.list(since) if stats.local_date(r) <= last]
    checks = [r.taken_at.date() for r in store.assessments.list(assessments.TEST_ID)]
    return program_status(
        enrolment.program,
        enrolment.plan(),
        records,
        today=_as_of(last, today),
        first_weekday=service.first_weekday,
        lookup=store.library.get,
        check_dates=[d for d in checks if d <= last],
    )


def program_in_period(
    service: ProgramReads, store: Store | PlainStore, first: date, last: date, today: date
) -> tuple[EnrolmentRecord, ProgramStatus] | None:
    """The active enrolment if it overlaps the period, else the most recent one that does."""
    candidates = sorted(
        (e for e in service.history() if e.started_on <= last),
        key=lambda e: (e.active, e.started_on, e.id),
        reverse=True,
    )
    for enrolment in candidates:
        status = status_in_period(service, store, enrolment, last, today)
        end = status.end or enrolment.started_on
        if enrolment.left_on is not None:
            end = min(end, enrolment.left_on - timedelta(days=1))
        if end >= first:
            return enrolment, status
    return None


def week_status(week: ProgramWeekPlan, as_of: date, until: date) -> str:
    """Over when its last available day is before `as_of`; begun when its
    first is on or before `until` (the period's last day, at most today)."""
    if week.planned and week.done >= week.planned:
        return DONE
    if week.days[-1] < as_of:
        return MISSED if week.done == 0 else PARTIAL
    return IN_PROGRESS if week.days[0] <= until else UPCOMING


def plan_summary(
    enrolment: EnrolmentRecord,
    status: ProgramStatus,
    store: Store | PlainStore,
    as_of: date,
    until: date,
) -> PlanSummary:
    """`as_of`: the day the schedule was worked out for; `until`: the last day
    whose sessions count (pain ratings)."""
    since = datetime.combine(enrolment.started_on - timedelta(days=1), time(), timezone.utc)
    pains = _pain_by_day(store.sessions.list(since), until)
    weeks = tuple(
        PlanWeek(
            number=w.number,
            start=w.start,
            planned_sessions=w.planned,
            done_sessions=w.done,
            planned_backward_min=sum(s.planned_backward_s for s in w.slots) / 60,
            done_backward_min=sum(s.credited_backward_s for s in w.slots) / 60,
            status=week_status(w, as_of, until),
            pain=_week_pain(pains, max(w.start, enrolment.started_on), w.start),
        )
        for w in status.weeks
    )
    a = status.adherence
    return PlanSummary(
        program_name=enrolment.program.name,
        start=enrolment.started_on,
        weeks=weeks,
        description=enrolment.program.description,
        state=status.state.value,
        adherence=PlanAdherence(
            a.planned_sessions,
            a.done_sessions,
            a.planned_backward_s / 60,
            a.done_backward_s / 60,
        ),
        other_sessions=status.other_sessions,
    )


def _pain_by_day(records: Iterable[SessionRecord], until: date) -> dict[date, list[int]]:
    by_day: dict[date, list[int]] = {}
    for record in records:
        day = stats.local_date(record)
        if record.pain is not None and day <= until:
            by_day.setdefault(day, []).append(record.pain)
    return by_day


def _week_pain(by_day: dict[date, list[int]], first: date, week_start: date) -> float | None:
    end = week_start + timedelta(days=7)
    days = (first + timedelta(days=i) for i in range((end - first).days))
    ratings = [p for d in days for p in by_day.get(d, ())]
    return fmean(ratings) if ratings else None


def bwt_results(
    results: Iterable[assessments.AssessmentResult], first: date, last: date
) -> tuple[BwtResult, ...]:
    """The results taken in the period (by the local date they were taken), oldest first."""
    chosen = [r for r in results if first <= r.taken_at.date() <= last]
    chosen.sort(key=lambda r: r.taken_at)
    return tuple(BwtResult(r.taken_at.date(), r.seconds, r.note) for r in chosen)
