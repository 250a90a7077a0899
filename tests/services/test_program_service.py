"""ProgramService and the end-to-end plan: enrol, walk through the same code
the workout page uses, and read the schedule and adherence back."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import icalendar
import pytest

from tests.helpers import make_routine
from walkback_desktop.cli import main
from walkback_desktop.core.assessments import AssessmentResult
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.history import SessionRecord, format_history_csv
from walkback_desktop.core.programs import Program, ProgramWeek
from walkback_desktop.core.timeline import Timeline
from walkback_desktop.core.workout import RunState, WorkoutRun
from walkback_desktop.services.calendar import plan_calendar, write_calendar
from walkback_desktop.services.programs import ProgramReads, ProgramService
from walkback_desktop.storage.plain import open_plain
from walkback_desktop.storage.program_library import EnrolmentError

CET = timezone(timedelta(hours=1))
ENROLLED = date(2025, 1, 6)  # a Monday
TODAY = date(2025, 1, 22)  # Wednesday of week 3


# The tests' own plan, shaped like a knee plan: 6 weeks of 3 sessions of a
# 20-minute walk with 10 minutes backward (the numbers below are worked by hand
# from it, not from whatever the shipped library holds).
WALK = make_routine(
    (300, "warmup"),
    *[(120, "backward"), (30, "forward")] * 4,
    (120, "backward"),
    (180, "cooldown"),
    routine_id="test-knee-walk",
)
PLAN = Program(
    id="test-knee-plan",
    name="Test knee plan",
    weeks=(ProgramWeek(sessions=3, routine_id=WALK.id),) * 6,
    checks=(1, 6),
)


@pytest.fixture(autouse=True)
def _own_plan(store):
    store.library.save(WALK)
    store.programs.import_program(PLAN.to_json())


def service_for(store, today=TODAY):
    return ProgramService(store, today=lambda: today)


def walk_session(routine, day: date, *, stop_after_s: float | None = None) -> SessionRecord:
    """Run the routine as the workout page does (WorkoutRun on a clock) and
    build the record the way the workout controller saves it."""
    clock = FakeClock()
    run = WorkoutRun(Timeline(routine, get_ready_s=0), clock)
    run.start()
    limit = routine.total_seconds if stop_after_s is None else stop_after_s
    for _ in range(int(limit)):  # a tick a second, as the page's timer does
        clock.advance(1)
        run.tick()
    if stop_after_s is not None:
        run.stop()
    started = datetime(day.year, day.month, day.day, 8, 0, tzinfo=CET)
    return SessionRecord(
        started_at=started,
        ended_at=started + timedelta(seconds=run.active_seconds),
        routine_id=routine.id,
        routine_name=routine.name,
        routine_snapshot=routine.to_json(),
        active_seconds=round(run.active_seconds, 3),
        backward_seconds=round(run.backward_seconds, 3),
        completed=run.state is RunState.FINISHED,
    )


# Walked on Mon 6, Wed 8, Thu 9 (stopped half-way), Mon 13, Wed 15, Fri 17, Tue 21.
WALKS = [(6, None), (8, None), (9, 600.0), (13, None), (15, None), (17, None), (21, None)]


def _check_hand_worked_numbers(service):
    active = service.status()
    status = active.status
    states = [[s.status.value for s in w.slots] for w in status.weeks[:3]]
    assert states == [
        ["done", "done", "missed"],  # Fri 10 missed: Thu 9 was not completed
        ["done", "done", "done"],
        ["done", "today", "upcoming"],  # Tue 21 counts for Mon 20
    ]
    assert [s.day.day for s in status.weeks[2].slots] == [20, 22, 24]
    a = status.adherence
    assert (a.planned_sessions, a.done_sessions) == (7, 6)  # 3 + 3 + Mon 20
    assert round(a.sessions_pct) == 86
    assert (a.planned_backward_s, a.done_backward_s) == (70 * 60, 60 * 60)
    assert status.other_sessions == 1 and status.current_week == 3
    nxt = service.next_session()
    assert nxt.day == TODAY and nxt.routine.id == WALK.id
    return active


def test_enrol_walk_and_read_back_the_schedule(store):
    service = service_for(store)
    service.enrol(PLAN.id, ENROLLED)
    for day, stop in WALKS:
        routine = service_for(store, date(2025, 1, day)).next_session().routine
        store.sessions.add(walk_session(routine, date(2025, 1, day), stop_after_s=stop))
    _check_hand_worked_numbers(service)


def test_the_plain_reader_gives_the_today_page_the_same_plan(store, data_dir):
    """At start-up the Today page's program card reads through a plain sqlite3
    connection (no SQLAlchemy): the same enrolment, pauses, tests, custom
    routine and program, and so the same schedule and adherence."""
    service = service_for(store)
    service.enrol(PLAN.id, ENROLLED)
    for day, stop in WALKS:
        routine = service_for(store, date(2025, 1, day)).next_session().routine
        store.sessions.add(walk_session(routine, date(2025, 1, day), stop_after_s=stop))
    service.pause(date(2025, 1, 23))
    service.resume(date(2025, 1, 25))
    store.assessments.add(
        AssessmentResult(
            taken_at=datetime(2025, 1, 7, 9, 30, tzinfo=CET), seconds=5.2, trials=(5.6, 5.2)
        )
    )
    plain = open_plain(data_dir, backup=False, any_thread=True)
    assert plain is not None
    try:
        reads = ProgramReads(plain, today=lambda: TODAY)
        assert plain.enrolments.active() == store.enrolments.active()
        assert plain.enrolments.active().pauses  # the pause was read, not just equal-empty
        assert plain.assessments.list() == store.assessments.list()
        assert plain.programs.get(PLAN.id) == store.programs.get(PLAN.id)
        assert plain.library.get(WALK.id) == store.library.get(WALK.id)
        assert plain.sessions.count() == store.sessions.count() == len(WALKS)
        assert plain.sessions.last_routine_id() == store.sessions.last_routine_id() == WALK.id
        assert reads.status() == service.status()
        assert reads.next_session() == service.next_session()
        assert reads.status().status.adherence.done_sessions == 6
    finally:
        plain.close()


def test_history_imported_from_csv_gives_the_same_plan(store, data_dir, tmp_path, capsys):
    routine = store.library.get(WALK.id)
    csv = tmp_path / "history.csv"
    csv.write_text(
        format_history_csv(
            walk_session(routine, date(2025, 1, d), stop_after_s=s) for d, s in WALKS
        ),
        encoding="utf-8",
    )
    service_for(store).enrol(PLAN.id, ENROLLED)
    assert main(["history", "import", str(csv), "--data-dir", str(data_dir)]) == 0
    _check_hand_worked_numbers(service_for(store))


def test_pause_resume_leave_through_the_service(store):
    service = service_for(store)
    with pytest.raises(EnrolmentError) as info:
        service.enrol("no-such-program")
    assert info.value.code == "unknown_program"
    service.enrol(PLAN.id, ENROLLED)
    service.pause(date(2025, 1, 13))
    paused = service.status(date(2025, 1, 20))
    assert paused.status.state.value == "paused"
    assert not any(s.status.value == "missed" for s in paused.status.weeks[1].slots)
    service.resume(date(2025, 1, 27))
    service.leave(date(2025, 2, 1))
    assert service.status() is None and len(service.history()) == 1


def test_week_start_setting_is_used(store):
    store.settings.update(week_start="sunday")
    service = service_for(store)
    service.enrol(PLAN.id, date(2025, 1, 5))  # a Sunday
    slots = service.status(date(2025, 1, 5)).status.weeks[0].slots
    assert [s.day for s in slots] == [date(2025, 1, 5), date(2025, 1, 7), date(2025, 1, 9)]


def test_calendar_has_one_event_per_planned_session(store, tmp_path):
    service = service_for(store)
    enrolment = service.enrol(PLAN.id, ENROLLED)
    status = service.status_of(enrolment)
    path = tmp_path / "plan.ics"
    write_calendar(plan_calendar(enrolment, status, lookup=store.library.get), path)
    parsed = icalendar.Calendar.from_ical(path.read_bytes())
    events = [c for c in parsed.walk() if c.name == "VEVENT"]
    assert len(events) == len(status.slots) == 18
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts[0] == datetime(2025, 1, 6, 18, 0) and starts[-1].date() == date(2025, 2, 14)
    assert len({str(e["uid"]) for e in events}) == 18
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtend") - first.decoded("dtstart") == timedelta(minutes=20)
    assert [c.name for c in first.subcomponents] == ["VALARM"]
    assert not list(tmp_path.glob(".walkback-*"))  # no temporary file left behind
