"""The Today page: this week against the goal, the streak and the next walk."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import make_session
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.today import TodayPage
from walkback_desktop.ui.wiring import today_services


@pytest.fixture
def ctx(store, data_dir):
    store.settings.set("week_start", "monday")
    return AppContext(store=store, data_dir=data_dir)


@pytest.fixture
def page(qtbot, ctx):
    widget = TodayPage(ctx, **today_services(ctx))
    widget.today = lambda: date(2025, 3, 12)  # a Wednesday
    qtbot.addWidget(widget)
    return widget


def test_new_user_gets_a_welcome_and_a_beginner_walk(page, qtbot):
    page.page_shown()
    assert page.stack.currentWidget() is page.empty
    with qtbot.waitSignal(page.ctx.events.start_requested) as blocker:
        page.empty.start_button.click()
    assert blocker.args == ["knee-friendly-20"]


def test_week_progress_against_the_goal(page, ctx, qtbot):
    # last week (3-9 Mar): 3 sessions x 10 min -> goal met; this week: Mon 10 + Tue 11
    for day in (0, 2, 4, 7, 8):
        ctx.store.sessions.add(make_session(day, routine_id="first-steps-12"))
    page.page_shown()
    assert page.stack.currentWidget() is not page.empty
    assert page.week_dates.text() == "Monday 10 March – Sunday 16 March 2025"
    assert page.sessions_text.text() == "2 of 3 sessions"
    assert (page.sessions_bar.value(), page.sessions_bar.maximum()) == (2, 3)
    assert page.minutes_text.text() == "20 of 30 backward minutes"
    assert (page.minutes_bar.value(), page.minutes_bar.maximum()) == (20, 30)
    assert page.goal_text.text() == (
        "To reach your goal: 1 more session and 10 more backward minutes."
    )
    # Tue 11 Mar was yesterday: 10 and 11 March in a row
    assert page.streak_text.text() == "Streak: 1 week on goal, 2 days in a row."
    assert page.routine_id == "first-steps-12"  # the routine last used
    with qtbot.waitSignal(ctx.events.start_requested) as blocker:
        page.start_button.click()
    assert blocker.args == ["first-steps-12"]


def test_goal_follows_the_settings(page, ctx):
    ctx.store.sessions.add(make_session(8))
    ctx.store.settings.set("weekly_goal_sessions", 1)
    ctx.store.settings.set("weekly_goal_backward_min", 10)
    ctx.events.settings_changed.emit("weekly_goal_sessions")
    page.page_shown()
    assert page.sessions_text.text() == "1 of 1 session"
    assert page.goal_text.text() == "Goal reached this week. Well done!"


def test_sunday_weeks(page, ctx):
    ctx.store.settings.set("week_start", "sunday")
    ctx.store.sessions.add(make_session(6))  # Sunday 9 March
    page.page_shown()
    assert page.week_dates.text() == "Sunday 9 March – Saturday 15 March 2025"
    assert page.sessions_text.text() == "1 of 3 sessions"
