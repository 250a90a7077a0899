"""`stats.period_summary`: the report's weeks, months and totals in one pass,
each session's energy worked out once, with the numbers the three separate
functions give."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from walkback_desktop.core import stats
from walkback_desktop.core.history import SessionRecord


def _session(day: int, hours: float, **changes: object) -> SessionRecord:
    tz = timezone(timedelta(hours=hours))
    start = datetime(2025, 1, 1, 23, 30, tzinfo=tz) + timedelta(days=day)
    record = SessionRecord(
        started_at=start,
        routine_name="Walk",
        active_seconds=1000.0 + day,
        backward_seconds=400.0 + 3 * day,
        completed=day % 4 != 0,
        rpe=day % 10 or None,
        pain=day % 7 or None,
    )
    return record.with_changes(**changes)


def test_weeks_months_and_totals_match_the_separate_functions():
    records = [
        _session(d, (-11, 0, 5.5, 14)[d % 4], kcal=None if d % 3 else 40.25)
        for d in range(0, 260, 2)
    ]
    first, last = date(2025, 1, 3), date(2025, 9, 10)
    dated = [(stats.local_date(r), r) for r in records]
    dated = [(d, r) for d, r in dated if first <= d <= last]
    kept = [r for _d, r in dated]
    weeks, months, total = stats.period_summary(
        dated, weight_kg=72.0, first_weekday=6, start=first, end=last, monthly=True
    )
    assert weeks == stats.weekly_totals(
        kept, weight_kg=72.0, first_weekday=6, start=first, end=last
    )
    assert months == stats.monthly_totals(kept, weight_kg=72.0, start=first, end=last)
    assert total == stats.totals(kept, weight_kg=72.0)
    assert len(months) == 9 and total.sessions == len(kept)


def test_each_session_energy_is_worked_out_once(monkeypatch):
    calls = []
    original = SessionRecord.estimated_kcal

    def counted(self: SessionRecord, weight_kg: float) -> float:
        calls.append(self)
        return original(self, weight_kg)

    monkeypatch.setattr(SessionRecord, "estimated_kcal", counted)
    records = [_session(d, 1) for d in range(30)]
    dated = [(stats.local_date(r), r) for r in records]
    stats.period_summary(
        dated,
        weight_kg=70.0,
        first_weekday=0,
        start=dated[0][0],
        end=dated[-1][0],
        monthly=True,
    )
    assert len(calls) == len(records)


def test_no_sessions_gives_empty_periods_in_the_range():
    weeks, months, total = stats.period_summary(
        [],
        weight_kg=70.0,
        first_weekday=0,
        start=date(2025, 3, 3),
        end=date(2025, 3, 16),
        monthly=False,
    )
    assert [w.start for w in weeks] == [date(2025, 3, 3), date(2025, 3, 10)]
    assert months == [] and total.sessions == 0
