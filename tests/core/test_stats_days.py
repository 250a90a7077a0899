"""Progress figures from per-day totals (core.day_totals) give the same weeks,
months, streaks and bests as core.stats gives from every session."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tests.helpers import make_session
from walkback_desktop.core import day_totals, stats

GOAL = stats.WeeklyGoal(sessions=3, backward_min=30)
TODAY = date(2025, 3, 19)  # a Wednesday


def at(day: date, hour: int, minute: int = 0, offset_h: int = 1) -> datetime:
    zone = timezone(timedelta(hours=offset_h))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def walks():
    """Week of 3 Mar: Mon, Wed, Fri x 10 min backward (met); 10 Mar: one 25-min
    walk with 150 kcal stored; 17 Mar: Mon (two walks, one finished early, no
    ratings on the second) and Tue."""
    return [
        make_session(0),
        make_session(2, pain=4),
        make_session(4, rpe=6),
        make_session(7, backward_seconds=1500, active_seconds=1800, kcal=150.0),
        make_session(14),
        make_session(14, completed=False, rpe=None, pain=None, active_seconds=600.0),
        make_session(15, pain=1),
    ]


def test_a_day_sums_its_walks():
    days = day_totals.day_totals(walks())
    assert [d.day for d in days] == [date(2025, 3, n) for n in (3, 5, 7, 10, 17, 18)]
    monday = days[4]
    assert (monday.sessions, monday.completed, monday.rated) == (2, 1, 1)
    assert (monday.active_s, monday.backward_s, monday.longest_s) == (1800.0, 1200.0, 1200.0)
    # the early walk's 600 s active are all backward: no other time to estimate
    assert (monday.estimate_backward_s, monday.estimate_other_s) == (1200.0, 600.0)
    assert days[3].kcal(70) == 150.0  # stored kcal, no estimate


def test_weeks_and_months_match_the_sessions():
    records = walks()
    days = day_totals.day_totals(records)
    by_days = day_totals.weekly_totals(days, weight_kg=70, start=date(2025, 2, 20), end=TODAY)
    by_sessions = stats.weekly_totals(records, weight_kg=70, start=date(2025, 2, 20), end=TODAY)
    assert [w.start for w in by_days] == [date(2025, 2, 17) + timedelta(weeks=n) for n in range(5)]
    assert [(w.sessions, w.completed_sessions, w.backward_min) for w in by_days] == [
        (0, 0, 0.0),
        (0, 0, 0.0),
        (3, 3, 30.0),
        (1, 1, 25.0),
        (3, 2, 30.0),
    ]
    for mine, theirs in zip(by_days, by_sessions, strict=True):
        assert mine.kcal == pytest.approx(theirs.kcal)
        assert (mine.avg_pain, mine.avg_rpe) == (theirs.avg_pain, theirs.avg_rpe)
        assert mine.backward_s == theirs.backward_s and mine.sessions == theirs.sessions
    months = day_totals.monthly_totals(days, weight_kg=70, start=date(2025, 1, 20), end=TODAY)
    assert [(m.start, m.sessions) for m in months] == [
        (date(2025, 1, 1), 0),
        (date(2025, 2, 1), 0),
        (date(2025, 3, 1), 7),
    ]


def test_summary_matches_the_sessions():
    records = walks()
    days = day_totals.day_totals(records)
    mine = day_totals.summarise(days, today=TODAY, goal=GOAL, weight_kg=70, longest_bout_s=150.0)
    theirs = stats.summarise(records, today=TODAY, goal=GOAL, weight_kg=70, longest_bout_s=150.0)
    assert (mine.day_streak, mine.longest_day_streak) == (theirs.day_streak, 2) == (2, 2)
    assert (mine.week_streak, mine.longest_week_streak) == (0, 1)
    assert mine.goal_weeks == theirs.goal_weeks == stats.GoalAdherence(1, 2, mine.this_week)
    assert mine.this_week.completed_sessions == 2
    assert mine.bests == theirs.bests
    assert mine.sessions == theirs.sessions == 7


def test_a_walk_after_midnight_counts_on_the_day_walked():
    late = make_session(0, started_at=at(date(2025, 3, 9), 23, 30))  # Sunday, UTC+1
    early = make_session(0, started_at=at(date(2025, 3, 10), 0, 30))  # Monday
    weeks = day_totals.weekly_totals(day_totals.day_totals([late, early]), weight_kg=70)
    assert [(w.start, w.sessions) for w in weeks] == [
        (date(2025, 3, 3), 1),
        (date(2025, 3, 10), 1),
    ]


def test_no_walks():
    summary = day_totals.summarise([], today=TODAY, goal=GOAL, weight_kg=70)
    assert summary.sessions == 0
    assert summary.goal_weeks == stats.GoalAdherence(0, 0, None)
    assert day_totals.weekly_totals([], weight_kg=70) == []
