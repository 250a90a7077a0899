"""The rehab-plan and 3-m Backward Walk Test sections, fed plain values
(report/rehab.py), read back from the PDF."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import QLocale

from tests.helpers import make_session
from tests.report.conftest import pdf_pages
from walkback_desktop.report.charts import render_print_charts
from walkback_desktop.report.data import ReportRequest
from walkback_desktop.report.output import build_report, write_pdf
from walkback_desktop.report.rehab import (
    BwtReference,
    BwtResult,
    BwtSummary,
    PlanSummary,
    PlanWeek,
    ReportExtras,
)

START = date(2025, 3, 3)


def _plan() -> PlanSummary:
    statuses = ("done", "missed", "partial", "in_progress", "upcoming", "upcoming")
    weeks = tuple(
        PlanWeek(
            number=n + 1,
            start=START + timedelta(weeks=n),
            planned_sessions=3,
            done_sessions={"done": 3, "partial": 1, "in_progress": 1}.get(status, 0),
            planned_backward_min=30.0,
            done_backward_min={"done": 33.0, "partial": 10.0, "in_progress": 9.0}.get(status, 0),
            status=status,
            pain={"done": 6.0, "partial": 2.0}.get(status),
        )
        for n, status in enumerate(statuses)
    )
    return PlanSummary("Knee osteoarthritis, 6 weeks", START, weeks, "10 min backward, 3x a week")


def test_plan_and_3mbwt_sections(store, tmp_path, qapp):
    store.sessions.import_many([make_session(d) for d in (0, 2, 4, 14)])
    bwt = BwtSummary(
        (BwtResult(START, 6.4, "first"), BwtResult(START + timedelta(weeks=3), 5.1)),
        BwtReference(5.5, "community-dwelling older adults", "Polo-Ferrero 2025"),
    )
    report = build_report(
        store,
        ReportRequest(START, START + timedelta(days=24)),
        charts=render_print_charts,
        locale=QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
        now=datetime(2025, 3, 27, 12, tzinfo=timezone.utc),
        extras=ReportExtras(plan=_plan(), bwt=bwt),
    )
    path = tmp_path / "plan.pdf"
    write_pdf(report, path)
    text = " ".join(pdf_pages(path))
    assert "Rehab plan: Knee osteoarthritis, 6 weeks" in text
    # to date (weeks 1-4): sessions 3+0+1+1 of 12 = 42 %; minutes 33+0+10+9 of 120 = 43 %
    assert "Planned sessions done 42 % 5 of 12 to date" in text
    assert "Planned backward minutes walked 43 % 52 of 120 min to date" in text
    assert "Missed weeks 1 weeks: 2" in text
    assert "1 3 Mar 2025 3 / 3 33 / 30 done 6.0" in text
    assert "3 17 Mar 2025 1 / 3 10 / 30 partly done 2.0" in text
    assert "Pain (0-10) across the program: 6.0 in week 1, 2.0 in week 3." in text
    assert "3-m Backward Walk Test" in text
    assert "From 6.40 s (3 Mar 2025) to 5.10 s (24 Mar 2025), 2 tests" in text
    assert "−1.30 s" in text.replace("− ", "−")  # the minus sign may come from the maths font
    assert "Reference used: 5.50 s for community-dwelling older adults (Polo-Ferrero 2025)" in text
    assert 'src="walkback-chart:bwt"' in report.docs[0].toHtml()


def test_without_a_program_or_test_result_there_is_no_plan_section(store, make_pdf):
    store.sessions.import_many([make_session(0)])
    _report, pages, _path = make_pdf(START, START)
    assert "Rehab plan" not in " ".join(pages)
    assert "Backward Walk Test" not in " ".join(pages)
