"""Long histories: monthly summary, a 12-week log unless asked, <= 30 pages for
ten years, parts done in the log, and the same numbers as the Progress page."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from pypdf import PdfReader

from tests.helpers import make_session
from tests.report.conftest import pdf_pages
from walkback_desktop.core import stats
from walkback_desktop.core.history import SegmentRecord
from walkback_desktop.report.data import ReportRequest, collect
from walkback_desktop.report.output import build_report, write_pdf
from walkback_desktop.report.sample import sample_history
from walkback_desktop.ui.wiring import progress_services

LAST = date(2026, 6, 30)


def test_ten_years_fit_in_thirty_pages_and_the_log_is_the_last_12_weeks(store, tmp_path, qapp):
    first = LAST - timedelta(days=3651)
    records = sample_history(first, 3652, per_week=38.5)  # about 20,000 sessions
    store.sessions.import_many(records)
    now = datetime(2026, 7, 1, 9, tzinfo=timezone.utc)
    report = build_report(store, ReportRequest(first=None, last=LAST), now=now)
    path = tmp_path / "ten-years.pdf"
    pages = write_pdf(report, path)
    assert len(PdfReader(path).pages) == pages <= 30
    data = report.data
    assert len(data.records) > 18_000
    assert data.monthly and len(data.months) == 120
    assert data.log_first == LAST - timedelta(days=83)
    assert all(stats.local_date(r) >= data.log_first for r in data.log_records)
    text = " ".join(pdf_pages(path))
    assert "Month by month" in text
    assert "The log lists the last 12 weeks" in text


def test_full_log_lists_every_session(store, make_pdf):
    store.sessions.import_many([make_session(day * 3) for day in range(60)])  # 180 days
    report, _pages, _path = make_pdf(date(2025, 3, 3), date(2025, 8, 29))
    assert len(report.data.log_records) == 28  # the last 84 days
    assert not report.data.monthly  # 180 days: still weekly
    full = collect(
        store,
        ReportRequest(first=date(2025, 3, 3), last=date(2025, 8, 29), full_log=True),
    )
    assert len(full.log_records) == 60


def test_the_log_shows_the_parts_done(store, make_pdf):
    parts = tuple(
        SegmentRecord(n, "backward", f"Part {n}", 60, 60.0 if n <= 3 else 0.0, 6.0)
        for n in range(1, 12)
    )
    store.sessions.add(make_session(0, completed=False, segments=parts, notes="stopped"))
    store.sessions.add(
        make_session(
            1,
            segments=tuple(p.__class__(p.position, p.kind, p.label, 60, 60.0, 6.0) for p in parts),
        )
    )
    _report, pages, _path = make_pdf(date(2025, 3, 3), date(2025, 3, 4))
    log = " ".join(pages[1:])
    assert "Early, 3/11" in log
    assert "Yes, 11/11" in log
    assert "Done" in log and "ackward" in log


@pytest.mark.parametrize("period", stats.PERIODS)
def test_report_and_progress_page_agree_on_weeks_and_percentages(store, data_dir, qtbot, period):
    """The same sessions, the same period: the same weeks on goal and percentage."""
    from walkback_desktop.ui.context import AppContext
    from walkback_desktop.ui.pages.progress import ProgressPage

    store.settings.update(week_start="monday")
    today = date(2025, 6, 2)  # a Monday: the week in progress has just begun
    first = date(2025, 1, 8)
    records = [
        make_session((first - date(2025, 3, 3)).days + n, completed=n % 5 != 0)
        for n in range(0, 145)
        if n % 7 in (0, 2, 4, 5)
    ]
    store.sessions.import_many(records)
    ctx = AppContext(store=store, data_dir=data_dir)
    page = ProgressPage(ctx, **progress_services(ctx))
    qtbot.addWidget(page)
    page.today = lambda: today
    page.page_shown()
    page.set_period(period)
    now = datetime(2025, 6, 2, 12, tzinfo=timezone.utc)
    data = collect(
        store, ReportRequest(first=stats.period_first(period, today), last=today), now=now
    )
    assert data.goal_weeks == page.range_goal_weeks
    assert data.goal_weeks.counted > 0
    assert data.goal_weeks.in_progress is not None
    if period == "all":
        assert page.summary.goal_weeks == data.goal_weeks
        assert page.adherence_tile.detail.text() == page.range_summary.text()


def test_month_table_lists_every_month_with_its_header_on_each_page(store, tmp_path, qapp):
    first = LAST - timedelta(days=3651)
    store.sessions.import_many(sample_history(first, 3652, per_week=3))
    now = datetime(2026, 7, 1, 9, tzinfo=timezone.utc)
    report = build_report(store, ReportRequest(first=None, last=LAST), now=now)
    path = tmp_path / "months.pdf"
    write_pdf(report, path)
    pages = pdf_pages(path)
    table = [p for p in pages if "Weeks on goal" in p]
    assert len(table) >= 2  # 120 months do not fit one page
    assert "Month by month" in table[0]
    text = " ".join(table)
    for month in report.data.months:
        assert f"{month.start:%b} {month.start.year} {month.sessions:,}" in text


def test_month_names_are_in_the_report_language(store, tmp_path, qapp):
    from walkback_desktop import i18n

    store.sessions.import_many(sample_history(LAST - timedelta(days=399), 400, per_week=3))
    now = datetime(2026, 7, 1, 9, tzinfo=timezone.utc)
    i18n.set_language("de")
    try:
        report = build_report(store, ReportRequest(first=None, last=LAST), now=now)
        path = tmp_path / "de.pdf"
        write_pdf(report, path)
    finally:
        i18n.set_language("en")
    text = " ".join(pdf_pages(path))
    assert report.data.monthly
    assert "Okt. 2025" in text and "März 2026" in text  # the month table
    assert "Oct 2025" not in text and "Mar 2026" not in text
