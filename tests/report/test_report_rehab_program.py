"""The report a person prints while following a program: the plan pages and the
3-m Backward Walk Test table, read back from the PDF (pypdf), made by the
report builder, `walkback report` and File > Export report as PDF….
Hand-worked numbers: tests/services/rehab_fixture.py."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog

from tests.helpers import make_session
from tests.report.conftest import pdf_pages
from tests.services.rehab_fixture import CET, END, NOW, START, knee_history
from walkback_desktop.cli import main
from walkback_desktop.core.assessments import AssessmentResult
from walkback_desktop.report.charts import render_print_charts
from walkback_desktop.report.data import ReportRequest
from walkback_desktop.report.output import build_report, write_pdf
from walkback_desktop.report.sample import sample_history
from walkback_desktop.services.programs import ProgramService
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.wiring import report_commands

UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _assert_plan_and_test(text: str) -> None:
    assert "Rehab plan: Knee osteoarthritis: 6 weeks" in text
    assert "Started 3 Mar 2025; 6 weeks; now active." in text
    # 10 planned sessions to date (3 + 3 + 3 + Mon 24), 6 done; 59 of 100 min
    assert "Planned sessions done 60 % 6 of 10 to date" in text
    assert "Planned backward minutes walked 59 % 59 of 100 min to date" in text
    assert "Missed weeks 1 weeks: 2" in text
    assert "1 3 Mar 2025 3 / 3 29 / 30 done 4.3" in text
    assert "2 10 Mar 2025 0 / 3 0 / 30 missed 4.0" in text
    assert "3 17 Mar 2025 2 / 3 20 / 30 partly done 2.7" in text
    assert "4 24 Mar 2025 1 / 3 10 / 30 in progress 2.0" in text
    assert "5 31 Mar 2025 0 / 3 0 / 30 upcoming –" in text
    assert "2 other walks in the program's weeks" in text
    assert "Pain (0-10) across the program: 4.3 in week 1, 2.0 in week 4." in text
    # the 3MBWT table, its trend and the screening reference
    assert "From 6.42 s (3 Mar 2025) to 5.18 s (24 Mar 2025), 2 tests" in text
    assert "3 Mar 2025 6.42 s – first test" in text
    # the minus sign comes from the maths font: the PDF reads it back as "− "
    assert "24 Mar 2025 5.18 s −1.24 s" in text.replace("− ", "−")
    assert "Reference used: 5.50 s for community-dwelling older adults" in text
    assert "Polo-Ferrero" in text
    assert "A screening reference, not a diagnosis" in text


def test_builder_report_has_the_plan_and_the_walk_test(store, tmp_path, qapp):
    knee_history(store)
    report = build_report(
        store, ReportRequest(START, END), charts=render_print_charts, locale=UK, now=NOW
    )
    path = tmp_path / "plan.pdf"
    write_pdf(report, path)
    pages = pdf_pages(path)
    _assert_plan_and_test(" ".join(pages))
    plan_pages = [n for n, page in enumerate(pages) if "Rehab plan:" in page]
    assert len(plan_pages) == 1 and plan_pages[0] >= 1  # on a page of its own, after the summary


def test_walkback_report_prints_the_plan(store, data_dir, tmp_path, capsys):
    knee_history(store)
    out = tmp_path / "cli.pdf"
    # a period ending before today is worked out as of its last day: deterministic
    args = ["--out", str(out), "--from", "2025-03-03", "--to", "2025-03-25"]
    code = main(["report", *args, "--data-dir", str(data_dir)])
    assert code == 0, capsys.readouterr().err
    text = " ".join(pdf_pages(out))
    assert "Rehab plan: Knee osteoarthritis: 6 weeks" in text
    # as of the end of Tue 25 Mar: the Monday 24 slot counts, Wednesday's not yet
    assert "Planned sessions done 60 % 6 of 10 to date" in text
    # the minus sign comes from the maths font: the PDF reads it back as "− "
    assert "24 Mar 2025 5.18 s −1.24 s" in text.replace("− ", "−")


def test_export_pdf_from_the_menu_has_the_plan(store, data_dir, qtbot, tmp_path, monkeypatch):
    knee_history(store)
    commands = report_commands(AppContext(store=store, data_dir=data_dir), today=lambda: END)
    monkeypatch.setattr(commands, "ask", lambda parent, printing: ReportRequest(START, END))
    target = tmp_path / "menu.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert commands.export_pdf(None) == target
    text = " ".join(pdf_pages(target))
    assert "Rehab plan: Knee osteoarthritis: 6 weeks" in text
    assert "From 6.42 s (3 Mar 2025) to 5.18 s (24 Mar 2025), 2 tests" in text


def test_no_program_no_plan_section(store, make_pdf):
    store.sessions.import_many([make_session(d) for d in range(10)])
    _report, pages, _path = make_pdf(START, date(2025, 3, 12))
    text = " ".join(pages)
    assert "Rehab plan" not in text
    assert "Backward Walk Test" not in text


def test_ten_years_and_a_program_still_fit_in_thirty_pages(store, tmp_path, qapp):
    last = date(2026, 6, 30)
    first = last - timedelta(days=3651)
    store.sessions.import_many(sample_history(first, 3652, per_week=38.5))  # ~20,000 sessions
    enrolled = date(2026, 5, 25)  # a Monday: week 6 ends on 5 Jul
    ProgramService(store, today=lambda: last).enrol("knee-oa-6-weeks", enrolled)
    for day, seconds in ((enrolled, 6.1), (last, 5.4)):
        store.assessments.add(AssessmentResult(datetime.combine(day, time(9), CET), seconds))
    now = datetime(2026, 7, 1, 9, tzinfo=timezone.utc)
    report = build_report(store, ReportRequest(first=None, last=last), locale=UK, now=now)
    path = tmp_path / "ten-years.pdf"
    assert write_pdf(report, path) <= 30
    text = " ".join(pdf_pages(path))
    assert "Rehab plan: Knee osteoarthritis: 6 weeks" in text
    assert "From 6.10 s (25 May 2026) to 5.40 s (30 Jun 2026), 2 tests" in text
