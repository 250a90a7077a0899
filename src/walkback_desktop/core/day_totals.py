"""Progress statistics from per-day totals instead of every session.

Ten years of walks are 20,000 sessions but only 3,650 days. The Progress page
reads one row per local day (storage/progress_queries.py sums them in SQL)
and builds its weeks, months, streaks and bests from those, with the same
rules as `core.stats` (goal, weeks cut by the period, streaks, adherence):
the tests check that both give the same numbers for the same sessions.

A day's energy is its stored kcal plus, for the sessions without one, the
estimate from their backward and other minutes (`SessionRecord.estimated_kcal`
for a session read without its segments); the estimate is linear in the
minutes, so summing the minutes first gives the same kcal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from walkback_desktop.core.energy import BACKWARD_LEVEL, FORWARD_SLOW, kcal
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.stats import (
    GoalAdherence,
    PeriodTotals,
    PersonalBests,
    Summary,
    WeeklyGoal,
    goal_adherence,
    local_date,
    month_start,
    streaks_of_days,
    week_start,
    week_streaks,
)


@dataclass(frozen=True, slots=True)
class DayTotals:
    """The sessions of one local calendar day, summed."""

    day: date
    sessions: int
    completed: int
    active_s: float
    backward_s: float
    kcal_stored: float  # the sum of the kcal stored with sessions that have one
    estimate_backward_s: float  # backward seconds of the sessions without kcal
    estimate_other_s: float  # their other active seconds (never negative per session)
    rpe_sum: float = 0.0
    rpe_n: int = 0
    pain_sum: float = 0.0
    pain_n: int = 0
    rated: int = 0  # sessions with a pain or an effort rating
    longest_s: float = 0.0  # the day's longest session (active seconds)

    def kcal(self, weight_kg: float) -> float:
        return (
            self.kcal_stored
            + kcal(BACKWARD_LEVEL.met, weight_kg, self.estimate_backward_s)
            + kcal(FORWARD_SLOW.met, weight_kg, self.estimate_other_s)
        )


def day_totals(records: Iterable[SessionRecord], tz: tzinfo | None = None) -> list[DayTotals]:
    """The records' days, oldest first (what the SQL query returns, in Python)."""
    groups: dict[date, list[SessionRecord]] = {}
    for record in records:
        groups.setdefault(local_date(record, tz), []).append(record)
    out = []
    for day in sorted(groups):
        rs = groups[day]
        unknown = [r for r in rs if r.kcal is None]
        rpe = [r.rpe for r in rs if r.rpe is not None]
        pain = [r.pain for r in rs if r.pain is not None]
        out.append(
            DayTotals(
                day=day,
                sessions=len(rs),
                completed=sum(1 for r in rs if r.completed),
                active_s=sum(r.active_seconds for r in rs),
                backward_s=sum(r.backward_seconds for r in rs),
                kcal_stored=sum(r.kcal for r in rs if r.kcal is not None),
                estimate_backward_s=sum(r.backward_seconds for r in unknown),
                estimate_other_s=sum(
                    max(r.active_seconds - r.backward_seconds, 0.0) for r in unknown
                ),
                rpe_sum=float(sum(rpe)),
                rpe_n=len(rpe),
                pain_sum=float(sum(pain)),
                pain_n=len(pain),
                rated=sum(1 for r in rs if r.rpe is not None or r.pain is not None),
                longest_s=max(r.active_seconds for r in rs),
            )
        )
    return out


def _sum(start: date, days: Sequence[DayTotals], weight_kg: float) -> PeriodTotals:
    active = backward = energy = rpe_sum = pain_sum = 0.0
    sessions = completed = rpe_n = pain_n = 0
    # DayTotals.kcal, inlined (the same arithmetic as core.energy.kcal): this
    # runs over every day of ten years
    backward_rate = BACKWARD_LEVEL.met * weight_kg
    other_rate = FORWARD_SLOW.met * weight_kg
    for d in days:
        sessions += d.sessions
        completed += d.completed
        active += d.active_s
        backward += d.backward_s
        energy += (
            d.kcal_stored
            + backward_rate * d.estimate_backward_s / 3600.0
            + other_rate * d.estimate_other_s / 3600.0
        )
        rpe_sum += d.rpe_sum
        rpe_n += d.rpe_n
        pain_sum += d.pain_sum
        pain_n += d.pain_n
    return PeriodTotals(
        start=start,
        sessions=sessions,
        active_s=active,
        backward_s=backward,
        kcal=energy,
        avg_rpe=rpe_sum / rpe_n if rpe_n else None,
        avg_pain=pain_sum / pain_n if pain_n else None,
        completed=completed,
    )


def _periods(
    days: Sequence[DayTotals],
    first: date,
    last: date,
    following: Callable[[date], date],
    weight_kg: float,
) -> list[PeriodTotals]:
    """Totals for each period from `first` to `last` (period starts, `following`
    gives the next), walking the sorted days once."""
    out = []
    n = 0
    while n < len(days) and days[n].day < first:
        n += 1
    start = first
    while start <= last:
        end = following(start)
        lo = n
        while n < len(days) and days[n].day < end:
            n += 1
        out.append(_sum(start, days[lo:n], weight_kg))
        start = end
    return out


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def weekly_totals(
    days: Sequence[DayTotals],
    *,
    weight_kg: float,
    first_weekday: int = 0,
    start: date | None = None,
    end: date | None = None,
) -> list[PeriodTotals]:
    """As `core.stats.weekly_totals` (one entry per week, empty weeks included),
    from days sorted oldest first."""
    if not days and (start is None or end is None):
        return []
    first = week_start(start if start else days[0].day, first_weekday)
    last = week_start(end if end else days[-1].day, first_weekday)
    return _periods(days, first, last, lambda d: d + timedelta(days=7), weight_kg)


def monthly_totals(
    days: Sequence[DayTotals],
    *,
    weight_kg: float,
    start: date | None = None,
    end: date | None = None,
) -> list[PeriodTotals]:
    """As `core.stats.monthly_totals` (one entry per month, empty months
    included), from days sorted oldest first."""
    if not days and (start is None or end is None):
        return []
    first = month_start(start if start else days[0].day)
    last = month_start(end if end else days[-1].day)
    return _periods(days, first, last, _next_month, weight_kg)


def summarise(
    days: Sequence[DayTotals],
    *,
    today: date,
    goal: WeeklyGoal,
    weight_kg: float,
    first_weekday: int = 0,
    longest_bout_s: float | None = None,
    weeks: Sequence[PeriodTotals] | None = None,
) -> Summary:
    """As `core.stats.summarise`, from days. `weeks`: the days' weekly totals
    from the first day's week to today's, when the caller has them already."""
    if weeks is None:
        weeks = weekly_totals(days, weight_kg=weight_kg, first_weekday=first_weekday, end=today)
    weeks = list(weeks)
    empty_week = _sum(week_start(today, first_weekday), [], weight_kg)
    if not weeks:
        weeks = [empty_week]
    this_week = weeks[-1] if weeks[-1].start == week_start(today, first_weekday) else empty_week
    goal_weeks = (
        goal_adherence(weeks, goal, last=today, today=today) if days else GoalAdherence(0, 0, None)
    )
    current_days, longest_days = streaks_of_days([d.day for d in days], today)
    current_weeks, longest_weeks = week_streaks(weeks, goal)
    best_week = max(weeks, key=lambda w: (w.backward_s, w.start), default=None)
    bests = PersonalBests(
        longest_backward_bout_s=longest_bout_s,
        longest_session_s=max((d.longest_s for d in days), default=None),
        most_backward_week=best_week if best_week and best_week.backward_s > 0 else None,
    )
    return Summary(
        this_week=this_week,
        goal=goal,
        day_streak=current_days,
        longest_day_streak=longest_days,
        week_streak=current_weeks,
        longest_week_streak=longest_weeks,
        adherence=goal_weeks.share,
        goal_weeks=goal_weeks,
        bests=bests,
        total=_sum(days[0].day, days, weight_kg) if days else this_week,
        sessions=sum(d.sessions for d in days),
    )
