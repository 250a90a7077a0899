"""Progress statistics against hand-computed values.

Every expected number below was worked out by hand from the sessions in the
test (dates, offsets, minutes), not by running the code.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import make_session
from walkback_desktop.core import stats
from walkback_desktop.core.history import SegmentRecord

LONDON = ZoneInfo("Europe/London")
CET = timezone(timedelta(hours=1))


def at(y, mo, d, h=8, mi=30, tz=CET, **changes):
    return make_session(0, started_at=datetime(y, mo, d, h, mi, tzinfo=tz), **changes)


# --- weeks and their first day ------------------------------------------------


def test_week_start_for_monday_sunday_and_saturday_weeks():
    sunday = date(2025, 3, 9)
    assert stats.week_start(sunday, 0) == date(2025, 3, 3)  # Monday weeks
    assert stats.week_start(sunday, 6) == date(2025, 3, 9)  # Sunday weeks
    assert stats.week_start(sunday, 5) == date(2025, 3, 8)  # Saturday weeks
    assert stats.week_start(date(2025, 3, 10), 6) == date(2025, 3, 9)


def test_first_weekday_from_the_setting_or_the_locale():
    assert stats.first_weekday("monday", 6) == 0
    assert stats.first_weekday("sunday", 0) == 6
    assert stats.first_weekday("saturday", 0) == 5
    assert stats.first_weekday("locale", 6) == 6
    assert stats.first_weekday("locale", 0) == 0


def test_sunday_and_monday_sessions_split_or_share_a_week():
    sunday = at(2025, 3, 9, backward_seconds=600)
    monday = at(2025, 3, 10, backward_seconds=900)
    by_monday = stats.weekly_totals([sunday, monday], weight_kg=70, first_weekday=0)
    assert [(w.start, w.sessions, w.backward_min) for w in by_monday] == [
        (date(2025, 3, 3), 1, 10.0),
        (date(2025, 3, 10), 1, 15.0),
    ]
    by_sunday = stats.weekly_totals([sunday, monday], weight_kg=70, first_weekday=6)
    assert [(w.start, w.sessions, w.backward_min) for w in by_sunday] == [
        (date(2025, 3, 9), 2, 25.0)
    ]


def test_a_session_counts_on_the_local_date_it_was_walked():
    # 23:30 on Sunday in New York (UTC-5) is 04:30 on Monday in UTC.
    late = at(2025, 3, 9, 23, 30, tz=timezone(timedelta(hours=-5)))
    assert late.started_at.astimezone(timezone.utc).date() == date(2025, 3, 10)
    assert stats.local_date(late) == date(2025, 3, 9)
    (week,) = stats.weekly_totals([late], weight_kg=70, first_weekday=0)
    assert week.start == date(2025, 3, 3)


def test_empty_weeks_are_included_between_sessions():
    weeks = stats.weekly_totals([at(2025, 3, 3), at(2025, 3, 24)], weight_kg=70, first_weekday=0)
    assert [(w.start, w.sessions) for w in weeks] == [
        (date(2025, 3, 3), 1),
        (date(2025, 3, 10), 0),
        (date(2025, 3, 17), 0),
        (date(2025, 3, 24), 1),
    ]


# --- daylight saving (Europe/London: +0 -> +1 on 2025-03-30, back on 2025-10-26) ------


def utc(y, mo, d, h, mi):
    return datetime(y, mo, d, h, mi, tzinfo=timezone.utc)


def test_spring_forward_groups_by_london_date():
    # 00:30 UTC on 30 Mar is 00:30 GMT (Sunday); 23:30 UTC that day is 00:30 BST on Monday 31st.
    before = make_session(0, started_at=utc(2025, 3, 30, 0, 30))
    after = make_session(0, started_at=utc(2025, 3, 30, 23, 30))
    assert stats.local_date(before, LONDON) == date(2025, 3, 30)
    assert stats.local_date(after, LONDON) == date(2025, 3, 31)
    weeks = stats.weekly_totals([before, after], weight_kg=70, first_weekday=0, tz=LONDON)
    assert [(w.start, w.sessions) for w in weeks] == [
        (date(2025, 3, 24), 1),
        (date(2025, 3, 31), 1),
    ]
    # Grouped by UTC instead, both would fall in the week of 24 March.
    naive = stats.weekly_totals([before, after], weight_kg=70, first_weekday=0)
    assert [(w.start, w.sessions) for w in naive] == [(date(2025, 3, 24), 2)]


def test_fall_back_groups_by_london_date_for_sunday_and_monday_weeks():
    # 23:30 UTC on Sat 25 Oct is 00:30 BST on Sun 26 Oct; 23:30 UTC on Sun 26 Oct is
    # 23:30 GMT the same Sunday (clocks went back at 01:00 UTC).
    early = make_session(0, started_at=utc(2025, 10, 25, 23, 30), backward_seconds=300)
    late = make_session(0, started_at=utc(2025, 10, 26, 23, 30), backward_seconds=420)
    monday_weeks = stats.weekly_totals([early, late], weight_kg=70, first_weekday=0, tz=LONDON)
    assert [(w.start, w.sessions, w.backward_min) for w in monday_weeks] == [
        (date(2025, 10, 20), 2, 12.0)
    ]
    sunday_weeks = stats.weekly_totals([early, late], weight_kg=70, first_weekday=6, tz=LONDON)
    assert [(w.start, w.sessions, w.backward_min) for w in sunday_weeks] == [
        (date(2025, 10, 26), 2, 12.0)
    ]
    assert stats.day_streaks([early, late], date(2025, 10, 26), LONDON) == (1, 1)


def test_sessions_saved_with_their_own_offset_keep_their_local_date(store):
    # Walked at 00:30 London time on either side of both changes; stored as UTC + offset.
    walked = [
        datetime(2025, 3, 30, 0, 30, tzinfo=LONDON),  # GMT, Sunday
        datetime(2025, 3, 31, 0, 30, tzinfo=LONDON),  # BST, Monday (23:30 UTC Sunday)
        datetime(2025, 10, 26, 0, 30, tzinfo=LONDON),  # BST, Sunday (23:30 UTC Saturday)
        datetime(2025, 10, 27, 0, 30, tzinfo=LONDON),  # GMT, Monday
    ]
    for moment in walked:
        store.sessions.add(make_session(0, started_at=moment))
    records = store.sessions.list()
    assert [stats.local_date(r) for r in records] == [
        date(2025, 3, 30),
        date(2025, 3, 31),
        date(2025, 10, 26),
        date(2025, 10, 27),
    ]
    weeks = stats.weekly_totals(records, weight_kg=70, first_weekday=0)
    counts = {w.start: w.sessions for w in weeks if w.sessions}
    assert counts == {
        date(2025, 3, 24): 1,
        date(2025, 3, 31): 1,
        date(2025, 10, 20): 1,
        date(2025, 10, 27): 1,
    }


# --- totals -------------------------------------------------------------------------


def test_weekly_totals_sum_minutes_kcal_and_average_ratings():
    week = [
        at(2025, 3, 3, active_seconds=1200, backward_seconds=600, kcal=100.0, rpe=4, pain=3),
        at(2025, 3, 5, active_seconds=1800, backward_seconds=900, kcal=150.0, rpe=6, pain=None),
        # kcal blank: estimated as 6.0 MET x 70 kg x 600 s + 2.8 MET x 70 kg x 600 s
        # = 70 + 32.667 = 102.667
        at(2025, 3, 9, active_seconds=1200, backward_seconds=600, kcal=None, rpe=None, pain=1),
    ]
    (totals,) = stats.weekly_totals(week, weight_kg=70, first_weekday=0)
    assert totals.sessions == 3
    assert totals.active_min == 70.0
    assert totals.backward_min == 35.0
    assert totals.kcal == pytest.approx(352.667, abs=1e-3)
    assert totals.avg_rpe == 5.0
    assert totals.avg_pain == 2.0


def test_monthly_totals_cover_empty_months():
    months = stats.monthly_totals(
        [at(2025, 1, 31, backward_seconds=600), at(2025, 3, 1, backward_seconds=1200)],
        weight_kg=70,
    )
    assert [(m.start, m.sessions, m.backward_min) for m in months] == [
        (date(2025, 1, 1), 1, 10.0),
        (date(2025, 2, 1), 0, 0.0),
        (date(2025, 3, 1), 1, 20.0),
    ]


# --- streaks, adherence, bests --------------------------------------------------------------


def test_day_streaks_current_and_longest():
    days = [date(2025, 3, d) for d in (1, 2, 3, 5, 6, 8, 9, 10, 11)]
    records = [at(d.year, d.month, d.day) for d in days]
    assert stats.day_streaks(records, date(2025, 3, 11)) == (4, 4)
    assert stats.day_streaks(records, date(2025, 3, 12)) == (4, 4)  # yesterday still counts
    assert stats.day_streaks(records, date(2025, 3, 13)) == (0, 4)
    # two walks on one day are one day
    assert stats.day_streaks([at(2025, 3, 1), at(2025, 3, 1, 18)], date(2025, 3, 1)) == (1, 1)


def goal_weeks(*pattern: tuple[int, float]) -> list[stats.PeriodTotals]:
    start = date(2025, 3, 3)
    return [
        stats.PeriodTotals(start + timedelta(weeks=n), s, 0.0, m * 60, 0.0, None, None)
        for n, (s, m) in enumerate(pattern)
    ]


def test_week_streaks_need_both_sessions_and_minutes():
    goal = stats.WeeklyGoal(sessions=3, backward_min=30)
    weeks = goal_weeks((3, 30), (4, 45), (2, 60), (3, 31), (3, 30), (3, 40), (1, 5))
    # met: yes yes no yes yes yes (this week, not yet)
    assert stats.week_streaks(weeks, goal) == (3, 3)
    assert stats.adherence(weeks[:-1], goal) == pytest.approx(5 / 6)
    assert stats.week_streaks(goal_weeks((3, 30), (1, 0), (1, 0)), goal) == (0, 1)


def test_personal_bests():
    segs = (
        SegmentRecord(1, "backward", "Back", 60, 60.0, 6.0),
        SegmentRecord(2, "forward", "Fwd", 300, 300.0, 3.5),
        SegmentRecord(3, "backward", "Back", 120, 95.5, 6.0),
    )
    records = [
        at(2025, 3, 3, active_seconds=1500, backward_seconds=600, segments=segs),
        at(2025, 3, 5, active_seconds=1800, backward_seconds=700),
        at(2025, 3, 12, active_seconds=900, backward_seconds=1200.0, kcal=1.0),
    ]
    bests = stats.personal_bests(records, weight_kg=70, first_weekday=0)
    assert bests.longest_backward_bout_s == 95.5
    assert bests.longest_session_s == 1800
    assert bests.most_backward_week.start == date(2025, 3, 3)
    assert bests.most_backward_week.backward_min == pytest.approx(1300 / 60)


def test_summary_for_this_week():
    goal = stats.WeeklyGoal(sessions=2, backward_min=20)
    records = [
        at(2025, 3, 4, backward_seconds=600),
        at(2025, 3, 6, backward_seconds=900),  # week of 3 Mar: 2 sessions, 25 min -> met
        at(2025, 3, 10, backward_seconds=600),  # this week so far: 1 session, 10 min
    ]
    summary = stats.summarise(
        records, today=date(2025, 3, 11), goal=goal, weight_kg=70, longest_bout_s=240.0
    )
    assert summary.this_week.start == date(2025, 3, 10)
    assert (summary.this_week.sessions, summary.this_week.backward_min) == (1, 10.0)
    assert not summary.goal_met_this_week
    assert (summary.week_streak, summary.longest_week_streak) == (1, 1)
    assert (summary.day_streak, summary.longest_day_streak) == (1, 1)
    assert summary.adherence == 1.0
    assert summary.bests.longest_backward_bout_s == 240.0
    assert summary.total.backward_min == 35.0
    assert summary.sessions == 3


def test_summary_for_a_new_user():
    summary = stats.summarise(
        [], today=date(2025, 3, 9), goal=stats.WeeklyGoal(), weight_kg=70, first_weekday=6
    )
    assert summary.this_week.start == date(2025, 3, 9)
    assert summary.this_week.sessions == 0
    assert summary.day_streak == 0
    assert summary.adherence is None
    assert summary.bests.most_backward_week is None
    assert not stats.enough_for_trend([])


def test_repository_finds_the_longest_bout_and_last_routine(store):
    assert store.sessions.longest_backward_bout() is None
    assert store.sessions.last_routine_id() is None
    segs = (
        SegmentRecord(1, "backward", "Back", 60, 75.0, 6.0),
        SegmentRecord(2, "forward", "Fwd", 300, 300.0, 3.5),
    )
    store.sessions.add(at(2025, 3, 3, segments=segs, routine_id="first-steps-12"))
    store.sessions.add(at(2025, 3, 5, routine_id=None, routine_name="Park loop"))
    assert store.sessions.longest_backward_bout() == 75.0
    assert store.sessions.last_routine_id() == "first-steps-12"


def test_the_week_in_progress_is_never_a_missed_week():
    """A report made on a Monday said "0 of 1 weeks, 0 %": the week has just begun."""
    goal = stats.WeeklyGoal(sessions=3, backward_min=30)
    monday = date(2025, 3, 10)
    weeks = goal_weeks((3, 30), (0, 0))  # weeks of 3 and 10 March
    counted = stats.goal_adherence(weeks, goal, last=monday, today=monday)
    assert (counted.met, counted.counted, counted.share) == (1, 1, 1.0)
    assert counted.in_progress is weeks[-1]
    only_this_week = stats.goal_adherence(weeks[-1:], goal, last=monday, today=monday)
    assert (only_this_week.counted, only_this_week.share) == (0, None)
    # a past period that ends on a Sunday counts its last week
    sunday = date(2025, 3, 16)
    past = stats.goal_adherence(weeks, goal, last=sunday, today=date(2025, 4, 1))
    assert (past.met, past.counted, past.in_progress) == (1, 2, None)


def test_only_completed_sessions_count_as_sessions_but_their_minutes_count():
    goal = stats.WeeklyGoal(sessions=2, backward_min=20)
    records = [
        at(2025, 3, 3, backward_seconds=900),
        at(2025, 3, 4, backward_seconds=900, completed=False),  # finished early
    ]
    (week,) = stats.weekly_totals(records, weight_kg=70)
    assert (week.sessions, week.completed_sessions, week.backward_min) == (2, 1, 30.0)
    assert not goal.met_by(week)
    records.append(at(2025, 3, 5, backward_seconds=60))
    (week,) = stats.weekly_totals(records, weight_kg=70)
    assert goal.met_by(week)


def test_periods_match_the_report_dialog():
    today = date(2025, 3, 31)
    assert stats.period_first("4w", today) == date(2025, 3, 4)
    assert stats.period_first("3m", today) == date(2025, 1, 1)
    assert stats.period_first("12m", today) == date(2024, 4, 1)
    assert stats.period_first("3m", date(2025, 5, 31)) == date(2025, 3, 1)
    assert stats.period_first("all", today) is None
