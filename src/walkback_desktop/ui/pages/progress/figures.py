"""The numbers behind the Progress page, from per-day totals (no Qt).

The page reads one row per local day (storage/progress_queries.py), not every
session: ten years are 3,650 rows instead of 20,000 records. The weeks from
the first day to today and the tiles' summary are computed once per refresh;
each range's weeks (and months, for a long range) once per range.
"""

from __future__ import annotations

import bisect
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from walkback_desktop.charts.ratings import MAX_SESSION_POINTS
from walkback_desktop.core import day_totals, stats
from walkback_desktop.core.day_totals import DayTotals
from walkback_desktop.core.history import SessionRecord

if TYPE_CHECKING:  # storage (and SQLAlchemy) is imported when the page first reads
    from walkback_desktop.storage.progress_queries import ProgressQueries

_reader: ThreadPoolExecutor | None = None


@dataclass(frozen=True)
class Preparation:
    """What the page will draw, so that the worker can compute it ahead: the
    weeks and tiles (`ProgressFigures.compute`) and the range's figures."""

    today: date
    goal: stats.WeeklyGoal
    first_weekday: int
    weight_kg: float
    period: str


def read_in_background(
    queries: ProgressQueries, prepare: Preparation | None = None
) -> Future[ProgressFigures]:
    """`ProgressFigures.read(queries, prepare)` in a worker thread (one, reused):
    plain SQL and Python, no Qt. The caller waits on the result."""
    global _reader
    if _reader is None:
        _reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="walkback-progress")
    return _reader.submit(ProgressFigures.read, queries, prepare)


@dataclass(frozen=True)
class RangeFigures:
    """One range of the page: its weeks (months for a long range), adherence,
    and what the pain chart needs."""

    first: date
    weeks: list[stats.PeriodTotals]
    months: list[stats.PeriodTotals]
    goal_weeks: stats.GoalAdherence
    rated: int  # sessions with a pain or effort rating in the range
    sessions: int


class ProgressFigures:
    def __init__(self, days: list[DayTotals], longest_bout_s: float | None) -> None:
        self.days = days
        self._dates = [d.day for d in days]
        self.longest_bout_s = longest_bout_s
        self.weeks: list[stats.PeriodTotals] = []
        self.summary: stats.Summary | None = None
        self._ranges: dict[tuple[str, date], RangeFigures] = {}
        self._rated: dict[tuple[date, date], list[SessionRecord]] = {}
        self._key: tuple[object, ...] | None = None

    @classmethod
    def read(cls, queries: ProgressQueries, prepare: Preparation | None = None) -> ProgressFigures:
        """The day totals; with `prepare`, also what the page will draw from them
        (the same calls the page makes, then answered from the cache)."""
        figures = cls(queries.day_totals(), queries.longest_backward_bout())
        if prepare is not None and figures.days:
            p = prepare
            figures.compute(p.today, p.goal, p.first_weekday, p.weight_kg)
            figures.rated_records(queries, figures.range(p.period))
        return figures

    @property
    def sessions(self) -> int:
        return sum(d.sessions for d in self.days)

    def compute(
        self, today: date, goal: stats.WeeklyGoal, first_weekday: int, weight_kg: float
    ) -> None:
        """Weeks from the first day to today and the tiles' summary (once per key)."""
        key = (today, goal, first_weekday, weight_kg)
        if key == self._key or not self.days:
            return
        self._key = key
        self.today, self.goal, self.first_weekday, self.weight_kg = key
        self._ranges = {}
        self._rated = {}
        self.weeks = day_totals.weekly_totals(
            self.days,
            weight_kg=weight_kg,
            first_weekday=first_weekday,
            start=min(self.days[0].day, today),
            end=today,
        )
        self.summary = day_totals.summarise(
            self.days,
            today=today,
            goal=goal,
            weight_kg=weight_kg,
            first_weekday=first_weekday,
            longest_bout_s=self.longest_bout_s,
            weeks=self.weeks,
        )

    def range(self, period: str) -> RangeFigures:
        """The weeks (and months, for a long period) from the period's first day to
        today, as the report computes them for the same period."""
        today = self.today
        first = stats.period_first(period, today) or min(self.days[0].day, today)
        key = (period, first)
        if key not in self._ranges:
            shown = self._shown(first, today)
            weeks = (
                self.weeks
                if first == self.days[0].day
                else day_totals.weekly_totals(
                    shown,
                    weight_kg=self.weight_kg,
                    first_weekday=self.first_weekday,
                    start=first,
                    end=today,
                )
            )
            months = (
                day_totals.monthly_totals(shown, weight_kg=self.weight_kg, start=first, end=today)
                if stats.is_long_period(first, today)
                else []
            )
            self._ranges[key] = RangeFigures(
                first=first,
                weeks=weeks,
                months=months,
                goal_weeks=stats.goal_adherence(weeks, self.goal, last=today, today=today),
                rated=sum(d.rated for d in shown),
                sessions=sum(d.sessions for d in shown),
            )
        return self._ranges[key]

    def _shown(self, first: date, last: date) -> list[DayTotals]:
        lo = bisect.bisect_left(self._dates, first)
        hi = bisect.bisect_right(self._dates, last)
        return self.days[lo:hi]

    def rated_records(
        self, queries: ProgressQueries, figures: RangeFigures
    ) -> list[SessionRecord]:
        """The rated sessions of a range when the pain chart draws them one by one
        (weekly or monthly averages need none)."""
        if figures.months or not 0 < figures.rated <= MAX_SESSION_POINTS:
            return []
        key = (figures.first, self.today)
        if key not in self._rated:
            self._rated[key] = queries.rated_sessions(figures.first, self.today)
        return self._rated[key]
