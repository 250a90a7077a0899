"""The History page's light rows (storage/session_views.py) and its lazy model:
the same dates, order and numbers as the full records, read a page at a time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from tests.helpers import make_session
from walkback_desktop.storage.session_views import (
    history_summary,
    newest_rows,
    row_from_record,
)
from walkback_desktop.ui import history_model as hm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.history import HistoryPage
from walkback_desktop.ui.pages.history import page as page_module
from walkback_desktop.ui.wiring import history_services

BERLIN_SUMMER = timezone(timedelta(hours=2))
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def test_rows_show_the_wall_clock_time_where_the_walk_happened(store):
    # 23:30 in New York is 04:30 the next day in UTC; 00:30 in Berlin is 22:30 the day before
    late = make_session(
        0, started_at=datetime(2025, 1, 10, 23, 30, tzinfo=NEW_YORK_WINTER), kcal=None
    )
    early = make_session(0, started_at=datetime(2025, 6, 1, 0, 30, tzinfo=BERLIN_SUMMER))
    store.sessions.add(late)
    store.sessions.import_many([early])
    rows = newest_rows(store.db)
    assert [r.local for r in rows] == ["2025-06-01 00:30", "2025-01-10 23:30"]
    # exactly what the repository's full records say, column by column
    assert rows == [row_from_record(r) for r in reversed(store.sessions.list())]
    # an estimate from the minutes, the same as a record without its segments
    (record,) = [r for r in store.sessions.list() if r.started_at.month == 1]
    assert rows[1].kcal is None
    assert rows[1].estimated_kcal(70) == pytest.approx(record.estimated_kcal(70))
    summary = history_summary(store.db)
    assert summary.count == 2
    assert (summary.first_day, summary.last_day) == (date(2025, 1, 10), date(2025, 6, 1))


def test_rows_come_a_page_at_a_time_newest_first(store):
    store.sessions.import_many([make_session(day) for day in range(5)])
    first = newest_rows(store.db, 2)
    rest = newest_rows(store.db, None, after=first[-1])
    assert [r.local[:10] for r in first + rest] == [
        "2025-03-07",
        "2025-03-06",
        "2025-03-05",
        "2025-03-04",
        "2025-03-03",
    ]


def test_a_session_whose_date_cannot_be_read_is_left_out_with_a_notice(store):
    good = store.sessions.add(make_session(0))
    bad = store.sessions.add(make_session(1))
    with store.db.transaction() as s:
        s.connection().exec_driver_sql(
            "UPDATE sessions SET started_at = 'not a date' WHERE id = ?", (bad,)
        )
    assert [r.id for r in newest_rows(store.db)] == [good]
    assert any(f"Session #{bad}" in notice for notice in store.db.notices)


@pytest.fixture
def page(qtbot, store, data_dir, monkeypatch):
    monkeypatch.setattr(page_module, "FIRST_ROWS", 3)
    monkeypatch.setattr(hm, "PAGE_ROWS", 2)
    store.sessions.import_many([make_session(day, notes=f"walk {day}") for day in range(8)])
    ctx = AppContext(store=store, data_dir=data_dir)
    widget = HistoryPage(ctx, **history_services(ctx))
    qtbot.addWidget(widget)
    widget.page_shown()
    return widget


def test_the_page_opens_with_the_newest_rows_and_counts_them_all(page):
    assert page.model.rowCount() < 8  # 3, and a page more if the view has room
    assert page.count_label.text() == "8 sessions"
    assert page.model.index(0, hm.NOTES).data() == "walk 7"
    # the routine filter and the date span already cover the whole history
    assert page.date_from.date().toPython() == date(2025, 3, 3)
    # scrolling down reads the older ones, a page at a time
    assert page.model.canFetchMore()
    before = page.model.rowCount()
    page.model.fetchMore()
    assert page.model.rowCount() == before + 2
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert [page.model.index(r, hm.NOTES).data() for r in range(8)] == [
        f"walk {day}" for day in reversed(range(8))
    ]


def test_sorting_filtering_and_deleting_see_every_session(page, qtbot):
    page.table.sortByColumn(hm.DATE, Qt.SortOrder.AscendingOrder)
    assert page.model.rowCount() == 8
    assert page.model.index(0, hm.NOTES).data() == "walk 0"
    page.completed_filter.setCurrentIndex(1)  # completed: all of them
    assert page.count_label.text() == "8 sessions"
    page.table.selectRow(0)
    page.delete_selected()
    assert page.ctx.store.sessions.count() == 7
    assert page.count_label.text() == "7 sessions"
    page.undo_stack.undo()
    assert page.count_label.text() == "8 sessions"
    assert page.model.index(0, hm.NOTES).data() == "walk 0"


def test_deleting_before_the_rest_is_read_keeps_the_rest(page):
    page.table.selectRow(0)
    page.delete_selected()
    assert page.count_label.text() == "7 sessions"
    assert page.model.rowCount() == 7  # all read now: nothing unread was lost
    page.undo_stack.undo()
    assert page.model.rowCount() == 8
