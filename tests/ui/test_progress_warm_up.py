"""The Progress page gets ready in idle time, hidden (`warm_up`), and what it
then shows is what a visit computed from scratch shows: after start-up, after
a session added or a setting changed while it was hidden, on a visit before
the warm-up finished, and on the next day."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from tests.helpers import make_session
from tests.ui.test_progress_page import add_weeks
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.progress import ProgressPage
from walkback_desktop.ui.wiring import progress_services

WEDNESDAY = date(2025, 3, 19)


@pytest.fixture
def ctx(store, data_dir):
    store.settings.set("week_start", "monday")
    return AppContext(store=store, data_dir=data_dir)


@pytest.fixture
def hidden(qtbot, ctx):
    """The page as start-up leaves it: built, never shown."""
    widget = ProgressPage(ctx, **progress_services(ctx))
    widget.today = lambda: WEDNESDAY
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    return widget


def count_reads(page, monkeypatch) -> list[int]:
    reads: list[int] = []
    kind = type(page.queries)
    real = kind.day_totals
    monkeypatch.setattr(kind, "day_totals", lambda self: reads.append(1) or real(self))
    return reads


def backward_readouts(page) -> list[str]:
    charts = page.charts
    return [r.text for r in charts._readouts[charts.backward_plot]]


def test_warm_up_draws_the_page_hidden_and_the_visit_only_shows_it(hidden, ctx, qtbot):
    add_weeks(ctx)
    hidden.warm_up()
    qtbot.waitUntil(lambda: hidden.prepared)
    assert not hidden.isVisible()
    assert hidden.charts is not None and len(hidden.charts.plots()) == 4
    assert hidden.week_tile.value.text() == "20 / 30 min"
    assert hidden.adherence_tile.value.text() == "50 %"
    texts = backward_readouts(hidden)
    assert "3 Mar – 9 Mar 2025: 30 min backward, 3 sessions" in texts

    drawn = hidden.charts._readouts
    hidden.show()
    hidden.page_shown()
    assert hidden.charts._readouts is drawn  # nothing read or drawn again
    assert hidden.week_tile.value.text() == "20 / 30 min"
    assert hidden.streak_tile.detail.text() == "on goal in a row (best 1); 2 days in a row"


def test_a_session_added_while_hidden_is_on_the_charts_at_the_visit(hidden, ctx, qtbot):
    add_weeks(ctx)
    hidden.warm_up()
    qtbot.waitUntil(lambda: hidden.prepared)
    ctx.store.sessions.add(make_session(16, backward_seconds=900))  # Wednesday 19 March
    ctx.events.sessions_changed.emit()
    assert not hidden.prepared
    qtbot.waitUntil(lambda: hidden.prepared)  # read and drawn again, still hidden
    assert not hidden.isVisible()
    assert hidden.week_tile.value.text() == "35 / 30 min"
    assert backward_readouts(hidden)[-1] == "17 Mar – 23 Mar 2025: 35 min backward, 3 sessions"
    hidden.show()
    hidden.page_shown()
    assert hidden.week_tile.value.text() == "35 / 30 min"
    assert hidden.week_tile.detail.text() == "3 of 3 completed sessions — goal reached!"


def test_a_visit_right_after_a_change_does_not_show_the_older_reading(
    hidden, ctx, qtbot, monkeypatch
):
    add_weeks(ctx)
    kind = type(hidden.queries)
    real = kind.day_totals
    read, changed = threading.Event(), threading.Event()

    def read_before_the_change(self):
        days = real(self)
        read.set()
        changed.wait(10)  # the idle-time read ends after the session was added
        return days

    monkeypatch.setattr(kind, "day_totals", read_before_the_change)
    hidden.warm_up()
    assert read.wait(10)
    ctx.store.sessions.add(make_session(16, backward_seconds=900))
    ctx.events.sessions_changed.emit()
    changed.set()
    hidden.show()  # before the page read the sessions again
    hidden.page_shown()
    assert hidden.week_tile.value.text() == "35 / 30 min"
    assert backward_readouts(hidden)[-1] == "17 Mar – 23 Mar 2025: 35 min backward, 3 sessions"
    qtbot.wait(50)  # the older reading arrives: dropped
    assert hidden.week_tile.value.text() == "35 / 30 min"


def test_a_shown_page_does_not_read_again_in_idle_time(hidden, ctx, qtbot, monkeypatch):
    add_weeks(ctx)
    hidden.warm_up()
    qtbot.waitUntil(lambda: hidden.prepared)
    ctx.store.sessions.add(make_session(16, backward_seconds=900))
    ctx.events.sessions_changed.emit()
    hidden.show()
    hidden.page_shown()
    assert hidden.week_tile.value.text() == "35 / 30 min"
    reads = count_reads(hidden, monkeypatch)
    qtbot.wait(400)  # the hidden page's re-read would have come by now
    assert reads == []


def test_a_setting_changed_while_hidden_is_on_the_tiles_at_the_visit(hidden, ctx, qtbot):
    add_weeks(ctx)
    hidden.warm_up()
    qtbot.waitUntil(lambda: hidden.prepared)
    ctx.store.settings.set("weekly_goal_backward_min", 20)
    ctx.events.settings_changed.emit("weekly_goal_backward_min")
    qtbot.waitUntil(lambda: hidden.prepared)
    hidden.show()
    hidden.page_shown()
    assert hidden.week_tile.value.text() == "20 / 20 min"


def test_a_visit_before_the_warm_up_finished_shows_the_same(hidden, ctx, qtbot, monkeypatch):
    add_weeks(ctx)
    reads = count_reads(hidden, monkeypatch)
    hidden.warm_up()  # the read is under way in the worker thread
    hidden.show()
    hidden.page_shown()
    assert hidden.week_tile.value.text() == "20 / 30 min"
    assert len(backward_readouts(hidden)) == 14  # the weeks of 16 Dec .. 17 Mar
    assert hidden.prepared
    qtbot.wait(50)  # the warm-up's own reading arrives: the shown page ignores it
    assert reads == [1]
    assert hidden.week_tile.value.text() == "20 / 30 min"


def test_a_visit_while_the_charts_are_being_built_finishes_them(hidden, ctx, qtbot):
    add_weeks(ctx)
    hidden.warm_up()
    qtbot.waitUntil(lambda: hidden.charts is not None)  # the first plot, in idle time
    hidden.show()
    hidden.page_shown()
    assert len(hidden.charts.plots()) == 4
    assert "3 Mar – 9 Mar 2025: 30 min backward, 3 sessions" in backward_readouts(hidden)
    pain = [r.text for r in hidden.charts._readouts[hidden.charts.pain_plot]]
    assert "Pain: 5.0" in pain


def test_a_visit_on_the_next_day_shows_that_day(hidden, ctx, qtbot):
    add_weeks(ctx)
    hidden.warm_up()
    qtbot.waitUntil(lambda: hidden.prepared)
    hidden.today = lambda: date(2025, 3, 24)  # the next Monday: a new week
    assert not hidden.prepared
    hidden.show()
    hidden.page_shown()
    assert hidden.week_tile.value.text() == "0 / 30 min"
    assert backward_readouts(hidden)[-1].startswith("24 Mar – 30 Mar 2025")


def test_warm_up_without_sessions_leaves_the_charts_unbuilt(hidden, qtbot):
    hidden.warm_up()
    qtbot.waitUntil(lambda: hidden.prepared)
    assert hidden.charts is None
    assert hidden.stack.currentWidget() is hidden.empty


def test_the_app_warms_the_hidden_progress_page_after_its_idle_imports(qtbot, data_dir, store):
    from walkback_desktop import app as app_module

    for day in range(0, 60, 2):
        store.sessions.add(make_session(day))
    store.close()
    window = app_module.build_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    page = window.page("progress")
    assert page.charts is None
    from walkback_desktop.ui.loading import warm_up_imports

    warm_up_imports(window)
    qtbot.waitUntil(lambda: page.prepared and page.charts is not None, timeout=30000)
    assert not page.isVisible()
    window.show_page("progress")
    assert page.stack.currentWidget() is not page.empty
    assert len(page.charts.plots()) == 4
