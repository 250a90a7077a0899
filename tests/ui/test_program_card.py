"""The Today page's program card on fixed dates, against hand-worked numbers.

Knee OA program (3 a week, knee-friendly-20: 10 min backward), weeks start on
Monday, enrolled Monday 2 March 2026. Walked Mon 2, Wed 4 and Tue 10; today
is Thursday 12 March (week 2):
  week 1: Mon 2 done, Wed 4 done, Fri 6 missed
  week 2: Mon 9 done (by Tuesday's walk), Wed 11 overdue, Fri 13 upcoming
  adherence: planned to date = 3 + 2 (Mon 9, Wed 11) = 5, done 3 -> 60 %;
  backward 30 of 50 min, 60 %. The check of week 1 was missed; week 6's is
  due Mon 6 April.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.program_card import ProgramCard
from walkback_desktop.ui.program_common import make_service, program_routine

CET = timezone(timedelta(hours=1))
START = date(2026, 3, 2)
TODAY = date(2026, 3, 12)


def walked(store, day: date, routine_id: str = "knee-friendly-20") -> None:
    routine = store.library.get(routine_id)
    started = datetime(day.year, day.month, day.day, 18, 0, tzinfo=CET)
    store.sessions.add(
        SessionRecord(
            started_at=started,
            ended_at=started + timedelta(seconds=routine.total_seconds),
            routine_id=routine.id,
            routine_name=routine.name,
            routine_snapshot=routine.to_json(),
            active_seconds=routine.total_seconds,
            backward_seconds=routine.backward_seconds,
            completed=True,
        )
    )


@pytest.fixture
def ctx(store, data_dir):
    store.settings.update(week_start="monday")
    return AppContext(store=store, data_dir=data_dir)


def card_for(qtbot, ctx, today: date) -> ProgramCard:
    card = ProgramCard(
        ctx,
        plans=make_service(ctx.store),
        assessments=ctx.store.assessments,
        settings=ctx.store.settings,
        today=lambda: today,
    )
    qtbot.addWidget(card)
    card.show()
    return card


def test_week_statuses_adherence_and_next_check(qtbot, ctx, store) -> None:
    make_service(store, lambda: START).enrol("knee-oa-6-weeks", START)
    for day in (2, 4, 10):
        walked(store, date(2026, 3, day))
    card = card_for(qtbot, ctx, TODAY)
    assert "week 2 of 6" in card.heading.text()
    statuses = [label.text() for label in card.slot_labels[1::2]]
    assert statuses == ["✔ done", "! overdue, catch up this week", "○ upcoming"]
    assert card.adherence_label.text().startswith("So far: 3 of 5 planned sessions, 60 %")
    assert "Backward minutes: 30 min of 50 min, 60 %" in card.adherence_label.text()
    # The overdue Wednesday can be walked today.
    assert "today" in card.next_label.text() and "catch up" in card.next_label.text()
    assert card.start_button.isVisible()
    assert "week 6" in card.check_label.text()
    assert not card.test_button.isVisible()  # not due until April


def test_start_emits_the_routine_and_a_new_session_refreshes(qtbot, ctx, store) -> None:
    make_service(store, lambda: START).enrol("knee-oa-6-weeks", START)
    card = card_for(qtbot, ctx, START)
    assert card.slot_labels[1].text() == "▶ today"
    with qtbot.waitSignal(ctx.events.start_requested) as started:
        card.start_button.click()
    assert started.args == ["knee-friendly-20"]
    walked(store, START)
    ctx.events.sessions_changed.emit()
    assert card.slot_labels[1].text() == "✔ done"
    assert card.adherence_label.text().startswith("So far: 1 of 1 planned session, 100 %")
    # The first week's test is due today.
    assert card.test_button.isVisible() and "today" in card.check_label.text()


def test_progression_gives_the_workout_the_weeks_routine(store) -> None:
    start = date(2026, 3, 2)
    make_service(store, lambda: start).enrol("getting-started-4-weeks", start)
    week3 = date(2026, 3, 16)
    base = store.library.get("first-steps-12")
    progressed = program_routine(store, "first-steps-12", lambda: week3)
    assert progressed is not None
    assert progressed.backward_seconds == base.backward_seconds + 60  # +30 s a week
    assert program_routine(store, "knee-friendly-20", lambda: week3) is None


def test_without_a_program_offers_the_programs_page(qtbot, ctx) -> None:
    card = card_for(qtbot, ctx, TODAY)
    assert card.heading.text() == "No program yet"
    assert not card.start_button.isVisible()
    with qtbot.waitSignal(ctx.events.page_requested) as asked:
        card.browse_button.click()
    assert asked.args == ["programs"]


def test_the_walk_test_asked_for_while_the_data_opens_follows_once_it_is_open(
    qtbot, ctx, store, data_dir
) -> None:
    """At start-up the card is filled from the plain reader, which cannot save a
    test: a click on "Take the test" then is kept, and the dialog opens as soon
    as the store's repositories arrive."""
    from walkback_desktop.services.programs import ProgramReads
    from walkback_desktop.storage.plain import open_plain

    make_service(store, lambda: START).enrol("knee-oa-6-weeks", START)
    plain = open_plain(data_dir, backup=False)
    assert plain is not None
    card = ProgramCard(
        ctx,
        plans=ProgramReads(plain, today=lambda: START),
        assessments=None,
        settings=None,
        today=lambda: START,
    )
    qtbot.addWidget(card)
    card.show()
    assert card.test_button.isVisible()  # the first week's test is due today
    card.test_button.click()
    assert getattr(card, "_dialog", None) is None
    with qtbot.waitSignal(card.test_requested):
        card.use_services(
            plans=make_service(store, lambda: START),
            assessments=store.assessments,
            settings=store.settings,
        )
    assert card._dialog.isVisible()
    card._dialog.reject()
    plain.close()
