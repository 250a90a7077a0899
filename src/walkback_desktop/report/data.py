"""What a progress report shows: the sessions in a date range and the figures
computed from them (all from core.stats, so the report and the app agree)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from statistics import fmean
from typing import TYPE_CHECKING

from walkback_desktop import __version__
from walkback_desktop.core import stats
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.i18n import _
from walkback_desktop.report.rehab import ReportExtras
from walkback_desktop.storage.plain import PlainStore

if TYPE_CHECKING:  # the report on a plain connection never imports the ORM
    from walkback_desktop.storage.store import Store

# Sessions keep the UTC offset they were walked at (at most +-14 h), and the
# report groups them by that local date: read a margin either side of the
# range from the database, then keep the sessions whose local date is inside.
_OFFSET_MARGIN = timedelta(hours=15)
# Pain "then and now": the first and the last four weeks of the range.
_COMPARE_DAYS = 28
# Without --full-log (or the dialog's tick box) the log lists this many weeks.
LOG_DAYS = 12 * 7
# A part (segment) counts as done when at least this share of it was walked.
PART_DONE_SHARE = 0.9


class ReportRangeError(ValueError):
    """A date range that cannot be reported (the message says why)."""


@dataclass(frozen=True)
class ReportRequest:
    """What the person asked for. None dates mean: from the first session / up to today."""

    first: date | None = None
    last: date | None = None
    person_name: str | None = None  # None: the person_name setting
    full_log: bool = False  # every session in the log, not only the last 12 weeks


@dataclass(frozen=True)
class PainChange:
    early_avg: float
    late_avg: float


@dataclass(frozen=True)
class ReportData:
    first: date
    last: date
    person_name: str
    records: list[SessionRecord]
    weeks: list[stats.PeriodTotals]
    totals: stats.PeriodTotals
    goal: stats.WeeklyGoal
    goal_weeks: stats.GoalAdherence
    longest_week_streak: int
    longest_day_streak: int
    weight_kg: float
    units: str
    first_weekday: int
    generated_at: datetime
    version: str
    rpe_count: int
    pain_count: int
    pain_change: PainChange | None
    today: date
    months: list[stats.PeriodTotals]  # empty unless the period is long (monthly summary)
    log_records: list[SessionRecord]  # the sessions the log lists (with their segments)
    log_first: date  # the first day the log covers
    full_log: bool = False
    extras: ReportExtras = field(default_factory=ReportExtras)

    @property
    def adherence(self) -> float | None:
        return self.goal_weeks.share

    @property
    def monthly(self) -> bool:
        return bool(self.months)

    @property
    def log_is_partial(self) -> bool:
        return self.log_first > self.first

    @property
    def has_sessions(self) -> bool:
        return bool(self.records)

    @property
    def enough_for_trend(self) -> bool:
        return stats.enough_for_trend(self.records)

    @property
    def cutoff(self) -> datetime:
        """The end of the last day included; later sessions are not in the report."""
        end = datetime.combine(self.last + timedelta(days=1), time())
        return min(end.astimezone(), self.generated_at)

    @property
    def day_count(self) -> int:
        return (self.last - self.first).days + 1


def collect(
    store: Store | PlainStore,
    request: ReportRequest,
    *,
    now: datetime | None = None,
    locale_first_weekday: int = 0,
    extras: ReportExtras | None = None,
) -> ReportData:
    """Read the sessions in the requested range and compute every figure the report shows.
    `extras` None: the rehab plan and 3MBWT results are read from the store
    (services.report_extras) for the period."""
    now = (now or datetime.now(timezone.utc)).astimezone()
    today = now.date()
    last = request.last or today
    end = _utc_start_of(last + timedelta(days=1)) + _OFFSET_MARGIN
    if request.first is not None:
        first = request.first
        if first > last:
            raise ReportRangeError(
                _("the start date {first} is after the end date {last}").format(
                    first=first.isoformat(), last=last.isoformat()
                )
            )
        candidates = store.sessions.list(_utc_start_of(first) - _OFFSET_MARGIN, end)
    else:
        # from the first session: one read of everything up to the end
        candidates = store.sessions.list(end=end)
    # each session's local date, worked out once (20,000 sessions in ten years)
    dated = [(stats.local_date(r), r) for r in candidates]
    if request.first is None:
        first = min(min((day for day, _r in dated), default=last), last)
    dated = [(day, r) for day, r in dated if first <= day <= last]
    records = [r for _day, r in dated]

    settings = store.settings.snapshot()
    weight_kg = float(settings.weight_kg)
    goal = stats.WeeklyGoal.from_settings(settings)
    weekday = stats.first_weekday(str(settings.week_start), locale_first_weekday)
    weeks, months, totals = stats.period_summary(
        dated,
        weight_kg=weight_kg,
        first_weekday=weekday,
        start=first,
        end=last,
        monthly=stats.is_long_period(first, last),
    )
    name = request.person_name
    if name is None:
        name = str(settings.person_name)
    log_first = first if request.full_log else max(first, last - timedelta(days=LOG_DAYS - 1))
    log_records = _with_segments(store, dated, log_first)
    rpes = [r.rpe for r in records if r.rpe is not None]
    pains = [r.pain for r in records if r.pain is not None]
    _current, longest_weeks = stats.week_streaks(weeks, goal)
    _current_days, longest_days = stats.day_streaks(records, today)
    return ReportData(
        first=first,
        last=last,
        person_name=" ".join(name.split()),
        records=records,
        weeks=weeks,
        totals=totals,
        goal=goal,
        goal_weeks=stats.goal_adherence(weeks if records else [], goal, last=last, today=today),
        longest_week_streak=longest_weeks,
        longest_day_streak=longest_days,
        weight_kg=weight_kg,
        units=str(settings.units),
        first_weekday=weekday,
        generated_at=now,
        version=__version__,
        rpe_count=len(rpes),
        pain_count=len(pains),
        pain_change=_pain_change(dated, first, last),
        today=today,
        months=months,
        log_records=log_records,
        log_first=log_first,
        full_log=request.full_log,
        extras=extras
        if extras is not None
        else _extras(store, first, last, today, locale_first_weekday),
    )


def _extras(
    store: Store | PlainStore, first: date, last: date, today: date, first_weekday: int
) -> ReportExtras:
    from walkback_desktop.services.report_extras import report_extras

    return report_extras(store, first, last, today=today, locale_first_weekday=first_weekday)


def _with_segments(
    store: Store | PlainStore, dated: list[tuple[date, SessionRecord]], first: date
) -> list[SessionRecord]:
    """The records from `first` on, read again with their segments (parts done)."""
    shown = [r for day, r in dated if day >= first]
    if not shown:
        return []
    full = store.sessions.list(
        shown[0].started_at, shown[-1].started_at + timedelta(seconds=1), with_segments=True
    )
    by_id = {r.id: r for r in full}
    return [by_id.get(r.id, r) for r in shown]


def parts_done(record: SessionRecord) -> tuple[int, int] | None:
    """(parts walked, parts planned) of a session with segment detail, else None.
    A part is walked when at least PART_DONE_SHARE of its planned time was."""
    if not record.segments:
        return None
    done = sum(
        1 for s in record.segments if s.done_seconds >= PART_DONE_SHARE * s.planned_seconds - 1e-9
    )
    return done, len(record.segments)


def _utc_start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.utc)


def _pain_change(
    dated: list[tuple[date, SessionRecord]], first: date, last: date
) -> PainChange | None:
    """Average reported pain in the first and the last four weeks, when the range
    is long enough for the two windows not to overlap and each has a rating."""
    records = [r for _day, r in dated]
    if not stats.enough_for_trend(records) or (last - first).days + 1 < 2 * _COMPARE_DAYS:
        return None
    early_end = first + timedelta(days=_COMPARE_DAYS)
    late_start = last - timedelta(days=_COMPARE_DAYS - 1)
    early = [r.pain for day, r in dated if r.pain is not None and day < early_end]
    late = [r.pain for day, r in dated if r.pain is not None and day >= late_start]
    if not early or not late:
        return None
    return PainChange(early_avg=fmean(early), late_avg=fmean(late))
