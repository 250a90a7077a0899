"""Schedule and adherence of an enrolment, against hand-worked numbers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.program_schedule import (
    EnrolmentPlan,
    EnrolmentState,
    Pause,
    SlotStatus,
    planned_count,
    program_status,
)
from walkback_desktop.core.programs import Program, ProgramWeek
from walkback_desktop.core.routine import Routine, Segment, SegmentKind

KNEE = Routine(
    id="knee",
    name="Knee",
    segments=(
        Segment(SegmentKind.WARMUP, "Warm up", 300),
        Segment(SegmentKind.BACKWARD, "Back", 600),
    ),
)
OTHER = KNEE.with_changes(id="other", name="Other")
ROUTINES = {"knee": KNEE, "other": OTHER}
CET = timezone(timedelta(hours=1))


def program(weeks: int = 3, sessions: int = 3, checks: tuple[int, ...] = ()) -> Program:
    return Program(
        id="plan",
        name="Plan",
        weeks=tuple(ProgramWeek(sessions, "knee") for _ in range(weeks)),
        checks=checks,
    )


def walk(day: date, routine: str = "knee", *, backward: float = 600, done: bool = True, hour=9):
    return SessionRecord(
        started_at=datetime(day.year, day.month, day.day, hour, tzinfo=CET),
        routine_name=routine,
        routine_id=routine,
        active_seconds=900,
        backward_seconds=backward,
        completed=done,
    )


def status(prog, plan, records, today, first_weekday=0, **kw):
    return program_status(
        prog, plan, records, today=today, first_weekday=first_weekday, lookup=ROUTINES.get, **kw
    )


def days_and_states(week):
    return [(s.day.day, s.status.value) for s in week.slots]


def test_hand_worked_three_weeks():
    # Mon 3 March 2025; 3 a week -> Mon, Wed, Fri.
    records = [
        walk(date(2025, 3, 3)),  # slot 1 of week 1
        walk(date(2025, 3, 4)),  # early, fills slot 2 (planned Wed 5)
        walk(date(2025, 3, 6), "other"),  # another routine: other walking
        walk(date(2025, 3, 8), done=False),  # not completed: other walking
        walk(date(2025, 3, 10), backward=300),  # half the backward time
        walk(date(2025, 3, 11)),
        walk(date(2025, 3, 12)),
        walk(date(2025, 3, 13)),  # a 4th in week 2: extra, other walking
    ]
    result = status(program(), EnrolmentPlan(date(2025, 3, 3)), records, date(2025, 3, 18))
    w1, w2, w3 = result.weeks
    assert days_and_states(w1) == [(3, "done"), (5, "done"), (7, "missed")]
    assert days_and_states(w2) == [(10, "done"), (12, "done"), (14, "done")]
    assert days_and_states(w3) == [(17, "overdue"), (19, "upcoming"), (21, "upcoming")]
    a = result.adherence
    # Planned to date: 3 + 3 + Mon 17 (its day has passed) = 7; done 5.
    assert (a.planned_sessions, a.done_sessions) == (7, 5)
    assert round(a.sessions_pct, 2) == 71.43
    # Minutes: 7 x 10 planned = 70; credited 10 + 10 + 5 + 10 + 10 = 45.
    assert (a.planned_backward_s, a.done_backward_s) == (4200, 2700)
    assert round(a.backward_pct, 2) == 64.29
    assert result.other_sessions == 3
    assert result.current_week == 3
    assert result.next_session.day == date(2025, 3, 17)
    assert result.state is EnrolmentState.ACTIVE


def test_todays_open_session_does_not_count_against_adherence_until_done():
    plan = EnrolmentPlan(date(2025, 3, 3))
    before = status(program(1), plan, [walk(date(2025, 3, 3))], date(2025, 3, 5))
    assert days_and_states(before.weeks[0]) == [(3, "done"), (5, "today"), (7, "upcoming")]
    assert (before.adherence.planned_sessions, before.adherence.done_sessions) == (1, 1)
    after = status(
        program(1), plan, [walk(date(2025, 3, 3)), walk(date(2025, 3, 5))], date(2025, 3, 5)
    )
    assert (after.adherence.planned_sessions, after.adherence.done_sessions) == (2, 2)


def test_walking_ahead_counts_and_stays_within_100_percent():
    plan = EnrolmentPlan(date(2025, 3, 3))
    records = [walk(date(2025, 3, 3), hour=8), walk(date(2025, 3, 3), hour=18)]
    result = status(program(1), plan, records, date(2025, 3, 3))
    assert days_and_states(result.weeks[0]) == [(3, "done"), (5, "done"), (7, "upcoming")]
    assert result.adherence.sessions_pct == 100.0


def test_a_mid_week_start_gets_a_pro_rated_first_week():
    # Thursday start, weeks from Monday: 4 days left -> ceil(3 x 4 / 7) = 2 sessions.
    result = status(program(2), EnrolmentPlan(date(2025, 3, 6)), [], date(2025, 3, 6))
    assert days_and_states(result.weeks[0]) == [(6, "today"), (8, "upcoming")]
    assert result.weeks[1].start == date(2025, 3, 10)
    assert planned_count(3, 1) == 1 and planned_count(3, 7) == 3 and planned_count(7, 2) == 2


def test_weeks_follow_the_week_start_setting():
    # Sunday-first weeks: Sunday 2 March starts a whole week: Sun, Tue, Thu.
    result = status(program(1), EnrolmentPlan(date(2025, 3, 2)), [], date(2025, 3, 2), 6)
    assert days_and_states(result.weeks[0]) == [(2, "today"), (4, "upcoming"), (6, "upcoming")]


def test_whole_paused_weeks_move_the_plan_on_and_are_never_missed():
    plan = EnrolmentPlan(date(2025, 3, 3), pauses=(Pause(date(2025, 3, 10), date(2025, 3, 24)),))
    records = [walk(date(2025, 3, 12))]  # walked while paused: other walking
    result = status(program(2), plan, records, date(2025, 3, 25))
    assert [w.start for w in result.weeks] == [date(2025, 3, 3), date(2025, 3, 24)]
    assert not any(s.day.month == 3 and 10 <= s.day.day < 24 for s in result.slots)
    assert result.other_sessions == 1
    assert result.current_week == 2


def test_a_partly_paused_week_plans_on_its_free_days_only():
    plan = EnrolmentPlan(date(2025, 3, 3), pauses=(Pause(date(2025, 3, 5), date(2025, 3, 7)),))
    result = status(program(1), plan, [], date(2025, 3, 3))
    # Free: Mon 3, Tue 4, Fri 7, Sat 8, Sun 9 (5 days) -> 3 sessions at 0, 1, 3.
    assert [s.day.day for s in result.weeks[0].slots] == [3, 4, 8]


def test_an_open_pause_projects_the_rest_from_tomorrow():
    plan = EnrolmentPlan(date(2025, 3, 3), pauses=(Pause(date(2025, 3, 12)),))
    result = status(program(3), plan, [], date(2025, 3, 20))
    assert result.state is EnrolmentState.PAUSED
    assert [s.day.day for s in result.weeks[1].slots] == [10]  # Mon 10, Tue 11 free
    assert [s.day.day for s in result.weeks[2].slots] == [21, 22]  # Fri-Sun after today
    assert all(s.status is not SlotStatus.MISSED for s in result.weeks[2].slots)


def test_leaving_ends_the_plan():
    plan = EnrolmentPlan(date(2025, 3, 3), left_on=date(2025, 3, 12))
    result = status(program(3), plan, [], date(2025, 3, 20))
    assert result.state is EnrolmentState.LEFT
    assert len(result.weeks) == 2 and [s.day.day for s in result.weeks[1].slots] == [10]


def test_finished_and_not_started():
    plan = EnrolmentPlan(date(2025, 3, 3))
    assert status(program(1), plan, [], date(2025, 3, 10)).state is EnrolmentState.FINISHED
    early = status(program(1), plan, [], date(2025, 3, 1))
    assert early.state is EnrolmentState.NOT_STARTED
    assert early.adherence.sessions_pct is None and early.next_session.day == date(2025, 3, 3)


def test_sessions_count_by_their_own_local_date_across_daylight_saving():
    # Europe/Berlin goes to summer time on Sunday 30 March 2025.
    berlin = ZoneInfo("Europe/Berlin")
    prog = program(2, 1)
    # 00:30 on Monday 31 March local is still Sunday 30 March in UTC.
    monday = SessionRecord(
        started_at=datetime(2025, 3, 31, 0, 30, tzinfo=berlin),
        routine_name="Knee",
        routine_id="knee",
        active_seconds=900,
        backward_seconds=600,
        completed=True,
    )
    assert monday.started_at.astimezone(timezone.utc).date() == date(2025, 3, 30)
    result = status(prog, EnrolmentPlan(date(2025, 3, 24)), [monday], date(2025, 4, 2))
    assert [s.status.value for s in result.slots] == ["missed", "done"]
    # and 23:30 on Sunday 30 March (summer time) is still week 1
    sunday = monday.with_changes(started_at=datetime(2025, 3, 30, 23, 30, tzinfo=berlin))
    result = status(prog, EnrolmentPlan(date(2025, 3, 24)), [sunday], date(2025, 4, 2))
    assert [s.status.value for s in result.slots] == ["done", "overdue"]  # week 2 runs on


def test_checks_due_and_done():
    prog = program(3, 3, checks=(1, 3))
    plan = EnrolmentPlan(date(2025, 3, 3))
    result = status(prog, plan, [], date(2025, 3, 11), check_dates=[date(2025, 3, 4)])
    assert [(c.week, c.status.value) for c in result.checks] == [(1, "done"), (3, "upcoming")]
    assert result.next_check.due_on == date(2025, 3, 17)


def test_progression_raises_the_planned_backward_minutes():
    from walkback_desktop.core.programs import Progression

    prog = program(3, 1).with_changes(progression=Progression(add_backward_s=60))
    result = status(prog, EnrolmentPlan(date(2025, 3, 3)), [], date(2025, 3, 3))
    assert [s.planned_backward_s for s in result.slots] == [600, 660, 720]


_DAY0 = date(2025, 1, 6)


@st.composite
def scenarios(draw):
    weeks = draw(st.integers(1, 6))
    prog = Program(
        id="plan",
        name="Plan",
        weeks=tuple(
            ProgramWeek(draw(st.integers(1, 7)), draw(st.sampled_from(["knee", "other"])))
            for _ in range(weeks)
        ),
    )
    start = _DAY0 + timedelta(days=draw(st.integers(0, 13)))
    pauses = ()
    if draw(st.booleans()):
        p0 = start + timedelta(days=draw(st.integers(0, 30)))
        resumed = draw(st.none() | st.integers(1, 20).map(lambda n: p0 + timedelta(days=n)))
        pauses = (Pause(p0, resumed),)
    records = [
        SessionRecord(
            started_at=datetime.combine(
                _DAY0 + timedelta(days=draw(st.integers(-5, 70))),
                datetime.min.time(),
                timezone(timedelta(minutes=draw(st.sampled_from([-300, 0, 60, 120, 330])))),
            )
            + timedelta(minutes=draw(st.integers(0, 1439))),
            routine_name="x",
            routine_id=draw(st.sampled_from(["knee", "other", "gone"])),
            active_seconds=1500,
            backward_seconds=draw(st.floats(0, 1500)),
            completed=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 40)))
    ]
    today = _DAY0 + timedelta(days=draw(st.integers(-3, 80)))
    return prog, EnrolmentPlan(start, pauses), records, today, draw(st.integers(0, 6))


@given(scenarios())
def test_adherence_stays_within_0_and_100_and_no_session_counts_twice(case):
    prog, plan, records, today, weekday = case
    result = status(prog, plan, records, today, weekday)
    a = result.adherence
    for pct in (a.sessions_pct, a.backward_pct):
        assert pct is None or 0.0 <= pct <= 100.0
    matched = [s.session for s in result.slots if s.session is not None]
    assert len({id(m) for m in matched}) == len(matched)
    for slot in result.slots:
        if slot.session is not None:
            assert slot.session.completed and slot.session.routine_id == slot.routine_id
            week = result.weeks[slot.week - 1]
            assert slot.session.started_at.date() in week.days
            assert slot.session.started_at.date() <= today
        assert not any(p.covers(slot.day, today) for p in plan.pauses)
    for week in result.weeks:
        assert week.planned <= prog.weeks[week.number - 1].sessions
        assert len({s.day for s in week.slots}) == week.planned  # at most one a day
    assert len(matched) + result.other_sessions <= len(records)
