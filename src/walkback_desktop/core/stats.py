"""Progress statistics from session records (pure Python).

What counts toward the weekly goal (one rule, used by the tiles, streaks,
charts and the report alike -- always through `WeeklyGoal.met_by`):

- the goal's *sessions* count **completed** sessions only (a session saved as
  not completed -- finished early -- does not count as a session);
- the goal's *backward minutes* count every minute walked backwards, in
  completed and unfinished sessions alike (the minutes were walked);
- a week meets the goal when both are reached;
- adherence (`goal_adherence`) counts the weeks that are over: the week that
  holds the end of the period is counted only when it is wholly inside the
  period and already over (its last day is before today); otherwise it is
  reported apart as "in progress" and never as a missed week. A week cut by
  the *start* of the period counts with the days it has (a person's first
  week, a report that starts mid-week).

Sessions are stored in UTC with the UTC offset they were walked at. They are
grouped by local date: by default each session's own offset (so a walk at
00:30 in summer time counts on the day the walker saw), or, when `tz` is
given, by that time zone. Weeks start on `first_weekday` (0 = Monday ...
6 = Sunday), which the UI takes from the user's locale.

Slightly over 400 lines: the goal rule, periods, streaks and summary belong
together; core/day_totals.py computes the same from per-day totals.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.settings import AppSettings


@dataclass(frozen=True)
class WeeklyGoal:
    sessions: int = 3
    backward_min: int = 30

    @classmethod
    def from_settings(cls, settings: AppSettings) -> WeeklyGoal:
        return cls(
            sessions=settings.weekly_goal_sessions,
            backward_min=settings.weekly_goal_backward_min,
        )

    def met_by(self, period: PeriodTotals) -> bool:
        """Completed sessions and backward minutes both reached (see the module doc)."""
        return (
            period.completed_sessions >= self.sessions
            and period.backward_min >= self.backward_min - 1e-9
        )


@dataclass(frozen=True)
class PeriodTotals:
    start: date  # first day of the week or month
    sessions: int
    active_s: float
    backward_s: float
    kcal: float
    avg_rpe: float | None
    avg_pain: float | None
    completed: int | None = None  # completed sessions; None: all of `sessions`

    @property
    def completed_sessions(self) -> int:
        return self.sessions if self.completed is None else self.completed

    @property
    def unfinished_sessions(self) -> int:
        return self.sessions - self.completed_sessions

    @property
    def active_min(self) -> float:
        return self.active_s / 60.0

    @property
    def backward_min(self) -> float:
        return self.backward_s / 60.0


@dataclass(frozen=True)
class PersonalBests:
    longest_backward_bout_s: float | None
    longest_session_s: float | None
    most_backward_week: PeriodTotals | None


def local_date(record: SessionRecord, tz: tzinfo | None = None) -> date:
    moment = record.started_at if tz is None else record.started_at.astimezone(tz)
    return moment.date()


def week_start(day: date, first_weekday: int = 0) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's end (31 Mar - 1 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


# The periods the Progress page charts and the report covers, by id: the
# Progress page's range buttons and the report dialog use the same ones, so
# both show the same weeks and the same adherence.
PERIODS = ("4w", "3m", "12m", "all")


def period_first(period: str, today: date) -> date | None:
    """The first day of a period ending `today` (None for "all": the first session)."""
    if period == "4w":
        return today - timedelta(days=27)
    if period == "3m":
        return add_months(today, -3) + timedelta(days=1)
    if period == "12m":
        return add_months(today, -12) + timedelta(days=1)
    if period == "all":
        return None
    raise ValueError(f"unknown period {period!r}")


# Above this many days a period is summarised by month (bars and tables).
MONTHLY_AFTER_DAYS = 190


def is_long_period(first: date, last: date) -> bool:
    return (last - first).days + 1 > MONTHLY_AFTER_DAYS


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _totals(start: date, records: Sequence[SessionRecord], weight_kg: float) -> PeriodTotals:
    return _summed(start, records, [_energy(r, weight_kg) for r in records])


def _energy(record: SessionRecord, weight_kg: float) -> float:
    return record.kcal if record.kcal is not None else record.estimated_kcal(weight_kg)


def _summed(
    start: date, records: Sequence[SessionRecord], energies: Sequence[float]
) -> PeriodTotals:
    """`records` totalled, each session's energy given (`energies[i]` is
    `records[i]`'s): one pass, this runs over every session of a ten-year history."""
    active = backward = 0.0
    completed = rpe_n = pain_n = 0
    rpe_sum = pain_sum = 0.0
    for r in records:
        active += r.active_seconds
        backward += r.backward_seconds
        completed += r.completed
        if r.rpe is not None:
            rpe_n += 1
            rpe_sum += r.rpe
        if r.pain is not None:
            pain_n += 1
            pain_sum += r.pain
    energy = 0.0
    for e in energies:
        energy += e
    return PeriodTotals(
        start=start,
        sessions=len(records),
        active_s=active,
        backward_s=backward,
        kcal=energy,
        avg_rpe=rpe_sum / rpe_n if rpe_n else None,
        avg_pain=pain_sum / pain_n if pain_n else None,
        completed=completed,
    )


def period_summary(
    dated: Sequence[tuple[date, SessionRecord]],
    *,
    weight_kg: float,
    first_weekday: int,
    start: date,
    end: date,
    monthly: bool,
) -> tuple[list[PeriodTotals], list[PeriodTotals], PeriodTotals]:
    """`weekly_totals`, `monthly_totals` (empty unless `monthly`) and `totals`
    of the same sessions, given with their local dates: each session's energy
    is worked out once, not once per summary (the report over 20,000 sessions).
    The numbers are the same as the three functions give."""
    energies = [_energy(r, weight_kg) for _day, r in dated]
    records = [r for _day, r in dated]

    def grouped(
        key_of: Callable[[date], date],
    ) -> dict[date, tuple[list[SessionRecord], list[float]]]:
        groups: dict[date, tuple[list[SessionRecord], list[float]]] = {}
        for (day, record), energy in zip(dated, energies, strict=True):
            rs, es = groups.setdefault(key_of(day), ([], []))
            rs.append(record)
            es.append(energy)
        return groups

    empty: tuple[list[SessionRecord], list[float]] = ([], [])
    by_week = grouped(lambda d: week_start(d, first_weekday))
    weeks = []
    week, last_week = week_start(start, first_weekday), week_start(end, first_weekday)
    while week <= last_week:
        weeks.append(_summed(week, *by_week.get(week, empty)))
        week += timedelta(days=7)
    months = []
    if monthly:
        by_month = grouped(month_start)
        month, last_month = month_start(start), month_start(end)
        while month <= last_month:
            months.append(_summed(month, *by_month.get(month, empty)))
            month = _next_month(month)
    first = min((day for day, _r in dated), default=date.today())
    return weeks, months, _summed(first, records, energies)


def _group(
    records: Iterable[SessionRecord], key_of: object, tz: tzinfo | None
) -> dict[date, list[SessionRecord]]:
    groups: dict[date, list[SessionRecord]] = {}
    for record in records:
        key = key_of(local_date(record, tz))  # type: ignore[operator]
        groups.setdefault(key, []).append(record)
    return groups


def weekly_totals(
    records: Iterable[SessionRecord],
    *,
    weight_kg: float,
    first_weekday: int = 0,
    tz: tzinfo | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[PeriodTotals]:
    """One entry per week, empty weeks included, from `start` (or the first
    session's week) to `end` (or the last session's week), oldest first."""
    groups = _group(records, lambda d: week_start(d, first_weekday), tz)
    if not groups and (start is None or end is None):
        return []
    first = week_start(start, first_weekday) if start else min(groups)
    last = week_start(end, first_weekday) if end else max(groups)
    out = []
    week = first
    while week <= last:
        out.append(_totals(week, groups.get(week, []), weight_kg))
        week += timedelta(days=7)
    return out


def monthly_totals(
    records: Iterable[SessionRecord],
    *,
    weight_kg: float,
    tz: tzinfo | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[PeriodTotals]:
    groups = _group(records, month_start, tz)
    if not groups and (start is None or end is None):
        return []
    first = month_start(start) if start else min(groups)
    last = month_start(end) if end else max(groups)
    out = []
    month = first
    while month <= last:
        out.append(_totals(month, groups.get(month, []), weight_kg))
        month = _next_month(month)
    return out


def totals(records: Sequence[SessionRecord], *, weight_kg: float) -> PeriodTotals:
    """Totals over all the given records (start is the first local date, or today)."""
    first = min((local_date(r) for r in records), default=date.today())
    return _totals(first, records, weight_kg)


def day_streaks(
    records: Iterable[SessionRecord], today: date, tz: tzinfo | None = None
) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with a session.

    The current streak is alive if the last walk was today or yesterday.
    """
    return streaks_of_days([local_date(r, tz) for r in records], today)


def streaks_of_days(walked: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days among the dates walked (see
    `day_streaks`)."""
    days = sorted(set(walked))
    if not days:
        return 0, 0
    longest = run = 1
    for prev, cur in itertools.pairwise(days):
        run = run + 1 if (cur - prev).days == 1 else 1
        longest = max(longest, run)
    current = 0
    if (today - days[-1]).days <= 1:
        current = 1
        for prev, cur in itertools.pairwise(reversed(days)):
            if (prev - cur).days != 1:
                break
            current += 1
    return current, longest


def week_streaks(weeks: Sequence[PeriodTotals], goal: WeeklyGoal) -> tuple[int, int]:
    """(current, longest) runs of consecutive weeks meeting the goal.

    `weeks` is contiguous and ends with the current week; a current week that
    has not met the goal yet does not break the streak.
    """
    longest = run = 0
    for week in weeks:
        run = run + 1 if goal.met_by(week) else 0
        longest = max(longest, run)
    current = 0
    ordered = list(weeks)
    if ordered and not goal.met_by(ordered[-1]):
        ordered = ordered[:-1]
    for week in reversed(ordered):
        if not goal.met_by(week):
            break
        current += 1
    return current, longest


def adherence(weeks: Sequence[PeriodTotals], goal: WeeklyGoal) -> float | None:
    """Share of weeks (0..1) that met the weekly goal; None with no weeks."""
    if not weeks:
        return None
    return sum(1 for w in weeks if goal.met_by(w)) / len(weeks)


@dataclass(frozen=True)
class GoalAdherence:
    """Weeks on goal over a period: `met` of `counted` weeks that are over, and
    the week still in progress (or cut by the end of the period), apart."""

    met: int
    counted: int
    in_progress: PeriodTotals | None

    @property
    def share(self) -> float | None:
        return self.met / self.counted if self.counted else None


def goal_adherence(
    weeks: Sequence[PeriodTotals], goal: WeeklyGoal, *, last: date, today: date
) -> GoalAdherence:
    """Adherence over the contiguous `weeks` of a period ending on `last`.

    The final week counts only when it ends on or before `last` and before
    `today`; otherwise it is `in_progress` (see the module doc)."""
    counted = list(weeks)
    in_progress = None
    if counted:
        end = counted[-1].start + timedelta(days=6)
        if end > last or end >= today:
            in_progress = counted.pop()
    met = sum(1 for w in counted if goal.met_by(w))
    return GoalAdherence(met=met, counted=len(counted), in_progress=in_progress)


def personal_bests(
    records: Sequence[SessionRecord],
    *,
    weight_kg: float,
    first_weekday: int = 0,
    tz: tzinfo | None = None,
    weeks: Sequence[PeriodTotals] | None = None,
) -> PersonalBests:
    """`weeks`: the records' weekly totals when the caller has them already."""
    bouts = [s.done_seconds for r in records for s in r.segments if s.kind == "backward"]
    if weeks is None:
        weeks = weekly_totals(records, weight_kg=weight_kg, first_weekday=first_weekday, tz=tz)
    best_week = max(weeks, key=lambda w: (w.backward_s, w.start), default=None)
    return PersonalBests(
        longest_backward_bout_s=max(bouts) if bouts else None,
        longest_session_s=max((r.active_seconds for r in records), default=None),
        most_backward_week=best_week if best_week and best_week.backward_s > 0 else None,
    )


def enough_for_trend(records: Sequence[SessionRecord]) -> bool:
    """A trend needs at least 3 sessions; fewer and charts/reports say so."""
    return len(records) >= 3


WEEK_START_SETTINGS = {"monday": 0, "sunday": 6, "saturday": 5}


def first_weekday(week_start_setting: str, locale_first_weekday: int = 0) -> int:
    """0 = Monday ... 6 = Sunday from the `week_start` setting; "locale" (or
    anything unknown) takes the locale's first day (Qt: firstDayOfWeek() - 1)."""
    return WEEK_START_SETTINGS.get(week_start_setting, locale_first_weekday % 7)


@dataclass(frozen=True)
class Summary:
    """What the Today and Progress pages (and the report) show at a glance."""

    this_week: PeriodTotals
    goal: WeeklyGoal
    day_streak: int
    longest_day_streak: int
    week_streak: int
    longest_week_streak: int
    adherence: float | None  # share of weeks, first session's week .. last full week
    goal_weeks: GoalAdherence
    bests: PersonalBests
    total: PeriodTotals
    sessions: int

    @property
    def goal_met_this_week(self) -> bool:
        return self.goal.met_by(self.this_week)


def summarise(
    records: Sequence[SessionRecord],
    *,
    today: date,
    goal: WeeklyGoal,
    weight_kg: float,
    first_weekday: int = 0,
    tz: tzinfo | None = None,
    longest_bout_s: float | None = None,
    weeks: Sequence[PeriodTotals] | None = None,
) -> Summary:
    """Totals, streaks, adherence and bests up to `today`.

    `longest_bout_s` lets a caller that reads records without their segments
    pass the longest backward segment it found another way (one SQL query);
    `weeks`, the weekly totals of `records` from the first session's week to
    today's, when the caller has computed them already.
    """
    if weeks is None:
        weeks = weekly_totals(
            records, weight_kg=weight_kg, first_weekday=first_weekday, tz=tz, end=today
        )
    weeks = list(weeks)
    if not weeks:
        weeks = [_totals(week_start(today, first_weekday), [], weight_kg)]
    this_week = weeks[-1]
    if this_week.start != week_start(today, first_weekday):
        # every session is in the future of `today` (a clock set back): show an empty week
        this_week = _totals(week_start(today, first_weekday), [], weight_kg)
    goal_weeks = goal_adherence(weeks if records else [], goal, last=today, today=today)
    current_days, longest_days = day_streaks(records, today, tz)
    current_weeks, longest_weeks = week_streaks(weeks, goal)
    bests = personal_bests(
        records, weight_kg=weight_kg, first_weekday=first_weekday, tz=tz, weeks=weeks
    )
    if longest_bout_s is not None:
        known = bests.longest_backward_bout_s or 0.0
        bests = PersonalBests(
            longest_backward_bout_s=max(known, longest_bout_s),
            longest_session_s=bests.longest_session_s,
            most_backward_week=bests.most_backward_week,
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
        total=totals(records, weight_kg=weight_kg) if records else this_week,
        sessions=len(records),
    )
