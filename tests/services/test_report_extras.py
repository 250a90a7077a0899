"""services.report_extras: the plan and 3MBWT values a report shows, assembled
from the store (hand-worked numbers in tests/services/rehab_fixture.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.helpers import make_session
from tests.services.rehab_fixture import CET, END, START, TODAY, knee_history, service_for
from walkback_desktop.core.assessments import AssessmentResult
from walkback_desktop.core.programs import ProgramError
from walkback_desktop.services.report_extras import (
    DONE,
    IN_PROGRESS,
    MISSED,
    PARTIAL,
    UPCOMING,
    PlanAdherence,
    report_extras,
)
from walkback_desktop.storage.programs import EnrolmentRepository


def test_plan_weeks_adherence_and_pain_by_hand(store):
    knee_history(store)
    plan = report_extras(store, START, END, today=TODAY).plan
    assert plan is not None
    assert plan.program_name == "Knee osteoarthritis: 6 weeks"
    assert plan.start == START
    assert plan.state == "active"
    assert "Alghadir" in plan.description
    rows = [(w.number, w.start, w.done_sessions, w.planned_sessions, w.status) for w in plan.weeks]
    assert rows == [
        (1, date(2025, 3, 3), 3, 3, DONE),
        (2, date(2025, 3, 10), 0, 3, MISSED),
        (3, date(2025, 3, 17), 2, 3, PARTIAL),
        (4, date(2025, 3, 24), 1, 3, IN_PROGRESS),
        (5, date(2025, 3, 31), 0, 3, UPCOMING),
        (6, date(2025, 4, 7), 0, 3, UPCOMING),
    ]
    # 9 min walked backwards on Wed 5; 11.7 min on Fri 7 is credited as the planned 10
    assert [(w.done_backward_min, w.planned_backward_min) for w in plan.weeks[:4]] == [
        (29.0, 30.0),
        (0.0, 30.0),
        (20.0, 30.0),
        (10.0, 30.0),
    ]
    assert plan.adherence == PlanAdherence(10, 6, 100.0, 59.0)
    assert plan.sessions_share() == pytest.approx(0.6)
    assert plan.minutes_share() == pytest.approx(0.59)
    assert [w.number for w in plan.missed_weeks] == [2]
    assert plan.other_sessions == 2
    pains = [None if w.pain is None else round(w.pain, 2) for w in plan.weeks]
    assert pains == [4.33, 4.0, 2.67, 2.0, None, None]


def test_adherence_is_the_program_status_numbers(store):
    """One source: the report's figures are ProgramService.status()'s."""
    service = knee_history(store)
    adherence = service.status().status.adherence
    plan = report_extras(store, START, END, today=TODAY).plan
    assert plan is not None and plan.adherence is not None
    assert plan.adherence.planned_sessions == adherence.planned_sessions == 10
    assert plan.adherence.done_sessions == adherence.done_sessions == 6
    assert plan.adherence.done_backward_min * 60 == adherence.done_backward_s


def test_a_period_that_ends_earlier_is_worked_out_as_of_its_last_day(store):
    knee_history(store)
    # up to Sun 16 Mar: weeks 1-2 are over; nothing of week 3 counts yet
    plan = report_extras(store, START, date(2025, 3, 16), today=TODAY).plan
    assert plan is not None
    assert plan.adherence == PlanAdherence(6, 3, 60.0, 29.0)
    assert [w.status for w in plan.weeks[:3]] == [DONE, MISSED, UPCOMING]
    assert plan.other_sessions == 1


def test_3mbwt_results_in_the_period_with_the_screening_reference(store):
    knee_history(store)
    bwt = report_extras(store, START, END, today=TODAY).bwt
    assert bwt is not None
    assert [(r.day, r.seconds, r.note) for r in bwt.results] == [
        (date(2025, 3, 3), 6.42, "first test"),
        (date(2025, 3, 24), 5.18, ""),
    ]
    assert bwt.reference is not None
    assert bwt.reference.seconds == 5.5
    assert "Polo-Ferrero" in bwt.reference.source
    later = report_extras(store, date(2025, 3, 10), END, today=TODAY).bwt
    assert later is not None and [r.seconds for r in later.results] == [5.18]


def test_without_a_program_or_results_there_is_nothing(store):
    store.sessions.import_many([make_session(0)])
    extras = report_extras(store, START, END, today=TODAY)
    assert extras.plan is None and extras.bwt is None


def test_a_result_without_a_program_still_shows_the_test(store):
    store.assessments.add(AssessmentResult(datetime(2025, 3, 5, 9, 0, tzinfo=CET), 4.9))
    extras = report_extras(store, START, END, today=TODAY)
    assert extras.plan is None
    assert extras.bwt is not None and [r.seconds for r in extras.bwt.results] == [4.9]


def test_a_program_left_before_the_period_is_not_shown(store):
    service = service_for(store, TODAY)
    service.enrol("knee-oa-6-weeks", START)
    service.leave(date(2025, 3, 12))  # span 3-11 Mar
    assert report_extras(store, date(2025, 3, 12), END, today=TODAY).plan is None
    plan = report_extras(store, date(2025, 3, 11), END, today=TODAY).plan
    assert plan is not None and plan.state == "left"
    assert [w.number for w in plan.weeks] == [1, 2]


def test_the_most_recent_program_in_the_period_is_shown(store):
    service = service_for(store, TODAY)
    service.enrol("low-back-3-weeks", START - timedelta(weeks=8))
    service.leave(START - timedelta(weeks=2))
    service.enrol("knee-oa-6-weeks", START)
    plan = report_extras(store, START - timedelta(weeks=8), END, today=TODAY).plan
    assert plan is not None and plan.program_name == "Knee osteoarthritis: 6 weeks"
    # a period that ends before the knee program started: the earlier program
    earlier = report_extras(
        store, START - timedelta(weeks=8), START - timedelta(days=1), today=TODAY
    ).plan
    assert earlier is not None and earlier.program_name.startswith("Low-back")


def test_an_unreadable_enrolment_leaves_the_plan_out_not_the_report(store, monkeypatch):
    knee_history(store)

    def broken(self):
        raise ProgramError("not_json", reason="truncated")

    monkeypatch.setattr(EnrolmentRepository, "history", broken)
    extras = report_extras(store, START, END, today=TODAY)
    assert extras.plan is None
    assert extras.bwt is not None and len(extras.bwt.results) == 2
