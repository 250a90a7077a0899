"""The PDF report, read back with pypdf: totals, sessions, literal user text,
repeated table headers, page numbers, empty and thin ranges, paper size."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale
from PySide6.QtGui import QTextDocument

from tests.helpers import make_session
from tests.report.conftest import NOW
from walkback_desktop.core import stats
from walkback_desktop.report import content
from walkback_desktop.report.charts import render_print_charts
from walkback_desktop.report.render import page_size_for

FIRST = date(2025, 3, 3)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _add_sessions(store, count: int, **changes) -> list:
    records = [
        make_session(day, rpe=day % 11, pain=(day * 3) % 11, notes=f"note {day}", **changes)
        for day in range(count)
    ]
    store.sessions.import_many(records)
    return store.sessions.list()


def test_summary_totals_match_core_stats(store, make_pdf):
    records = _add_sessions(store, 12)
    store.settings.set("weight_kg", 80.0)
    report, pages, _path = make_pdf(FIRST, FIRST + timedelta(days=30))
    totals = stats.totals(records, weight_kg=80.0)
    summary = _squash(pages[0])
    assert f"Sessions {totals.sessions}" in summary
    assert content.fmt_hours(totals.active_min) in summary  # 4 h 00 min
    assert content.fmt_hours(totals.backward_min) in summary
    assert f"{content.fmt_kcal(totals.kcal)} kcal" in summary
    assert content.fmt_scale(totals.avg_rpe) in summary
    assert content.fmt_scale(totals.avg_pain) in summary
    weeks = stats.weekly_totals(
        records, weight_kg=80.0, start=FIRST, end=FIRST + timedelta(days=30)
    )
    goal = stats.WeeklyGoal(3, 30)
    # the week of 31 Mar runs past the end of the period (2 Apr): in progress, not counted
    adherence = stats.goal_adherence(
        weeks, goal, last=FIRST + timedelta(days=30), today=NOW.date()
    )
    assert adherence.counted == len(weeks) - 1 == 4
    assert f"{adherence.met} of 4" in summary
    assert content.fmt_percent(adherence.share) in summary
    assert report.data.totals == totals


def test_first_page_labels_computed_and_reported_and_states_version_and_cutoff(store, make_pdf):
    _add_sessions(store, 5)
    _report, pages, _path = make_pdf(FIRST, FIRST + timedelta(days=6))
    summary = _squash(pages[0])
    assert "COMPUTED BY WALKBACK" in summary
    assert "REPORTED BY THE PERSON" in summary
    assert f"Generated {content.fmt_moment(NOW.astimezone())}" in summary
    assert "Includes sessions up to the end of 9 Mar 2025" in summary
    from walkback_desktop import __version__

    assert f"WalkBack {__version__}" in summary
    # The session log starts on a page of its own.
    assert "Session log" not in summary
    assert "Session log" in pages[1]


def test_every_session_in_range_appears_and_no_other(store, make_pdf):
    records = _add_sessions(store, 20)
    first, last = FIRST + timedelta(days=2), FIRST + timedelta(days=15)
    _report, pages, _path = make_pdf(first, last)
    text = _squash(" ".join(pages[1:]))
    for record in records:
        day = record.started_at.date()
        cells = content.log_row_cells(record)
        if first <= day <= last:
            assert cells[0] in text
            assert f"note {(day - FIRST).days}" in text
        else:
            assert cells[0] not in text


def test_user_text_prints_literally_and_loads_nothing(store, make_pdf):
    tricky_name = "<b>Bold</b> & co"
    tricky_note = '<img src="file:///etc/hostname"> & <i>x</i> &amp; done'
    store.sessions.import_many(
        [make_session(0, routine_id=None, routine_name=tricky_name, notes=tricky_note)]
    )
    report, pages, _path = make_pdf(FIRST, FIRST, name="Ann <script>O'Neil</script>")
    text = _squash(" ".join(pages))
    assert tricky_name in text
    # The notes column wraps the long address; a wrap reads back as a space.
    assert tricky_note.replace(" ", "") in text.replace(" ", "")
    assert "Ann <script>O'Neil</script>" in text
    html = report.doc.toHtml()
    assert "&lt;script&gt;" in html
    assert re.findall(r'src="([^"]*)"', html) == []


def test_a_note_longer_than_a_page_continues_on_the_next(store, make_pdf):
    words = [f"word{n:04d}" for n in range(900)]
    store.sessions.import_many(
        [make_session(0, notes=" ".join(words[:450]) + "\n" + " ".join(words[450:]))]
        + [make_session(day) for day in range(1, 4)]
    )
    _report, pages, _path = make_pdf(FIRST, FIRST + timedelta(days=3))
    log_text = " ".join(pages[1:])
    assert [w for w in words if w not in log_text] == []
    assert "(continued)" in log_text
    assert len(pages) >= 4
    assert "Session log, continued" in pages[2]
    assert "Thu 6 Mar 2025" in log_text


def test_the_document_never_loads_external_resources(qapp):
    from walkback_desktop.report.render import _Document

    doc = _Document()
    doc.setHtml('<img src="file:///etc/hostname"><img src="https://example.invalid/x.png">')
    assert doc.resource(QTextDocument.ResourceType.ImageResource, "file:///etc/hostname") in (
        None,
        b"",
    )


def test_long_log_repeats_its_header_on_every_page(store, make_pdf):
    _add_sessions(store, 90)
    _report, pages, _path = make_pdf(FIRST, FIRST + timedelta(days=89))
    log_pages = [p for p in pages[1:] if "note " in p]
    assert len(log_pages) >= 3
    for page in log_pages:
        flat = _squash(page)
        assert "RECORDED BY THE APP" in flat
        assert "REPORTED BY THE PERSON" in flat
        for header in ("Date", "Routine", "Duration", "Backward", "Done", "RPE", "Pain"):
            assert header in flat
        assert "Notes" in flat


def test_every_page_says_page_n_of_m_and_the_generation_date(store, make_pdf):
    _add_sessions(store, 40)
    _report, pages, _path = make_pdf(FIRST, FIRST + timedelta(days=39))
    total = len(pages)
    assert total >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {total}" in page
        assert f"Generated {content.fmt_moment(NOW.astimezone())}" in page


def test_empty_range_is_one_page_that_says_so(store, make_pdf):
    _add_sessions(store, 3)
    _report, pages, _path = make_pdf(date(2024, 1, 1), date(2024, 1, 31))
    assert len(pages) == 1
    assert "No sessions were logged in this period" in _squash(pages[0])
    assert "Page 1 of 1" in pages[0]


def test_fewer_than_three_sessions_draws_no_trend(store, make_pdf):
    _add_sessions(store, 2)
    report, pages, _path = make_pdf(FIRST, FIRST + timedelta(days=6), charts=render_print_charts)
    assert "too few to show a trend" in _squash(pages[0])
    assert 'src="walkback-chart' not in report.doc.toHtml()


def test_charts_are_embedded_at_print_resolution(store, make_pdf):
    _add_sessions(store, 10)
    report, _pages, path = make_pdf(FIRST, FIRST + timedelta(days=20), charts=render_print_charts)
    html = report.doc.toHtml()
    assert html.count('src="walkback-chart:') == 2
    xobjects = PdfReader(path).pages[0]["/Resources"]["/XObject"]
    widths = [x.get_object()["/Width"] for x in xobjects.values()]
    widths = [w for w in widths if w > 100]
    assert len(widths) == 2
    for width_px in widths:
        # The chart spans the text width (about 6.5 in): at least 250 dpi.
        assert width_px >= 250 * 6.3


def test_range_defaults_to_first_session_through_today(store, make_pdf):
    _add_sessions(store, 4)
    report, _pages, _path = make_pdf()
    assert report.data.first == FIRST
    assert report.data.last == date(2025, 6, 1)
    assert len(report.data.records) == 4


@pytest.mark.parametrize(
    ("language", "country", "width_pt"),
    [
        (QLocale.Language.English, QLocale.Country.UnitedStates, 612),
        (QLocale.Language.French, QLocale.Country.Canada, 612),
        (QLocale.Language.German, QLocale.Country.Germany, 595),
        (QLocale.Language.English, QLocale.Country.UnitedKingdom, 595),
    ],
)
def test_paper_follows_the_locale(store, make_pdf, language, country, width_pt):
    locale = QLocale(language, country)
    assert round(page_size_for(locale).size(page_size_for(locale).Unit.Point).width()) == width_pt
    _report, _pages, path = make_pdf(FIRST, FIRST, locale=locale)
    assert round(float(PdfReader(path).pages[0].mediabox.width)) == width_pt


def test_imperial_units_show_the_weight_in_pounds(store, make_pdf):
    _add_sessions(store, 1)
    store.settings.set("units", "imperial")
    store.settings.set("weight_kg", 80.0)
    _report, pages, _path = make_pdf(FIRST, FIRST)
    assert "176 lb (80 kg)" in _squash(" ".join(pages))


def test_a_short_log_shares_its_page_with_the_notes(store, make_pdf):
    _add_sessions(store, 3)
    _report, pages, _path = make_pdf(FIRST, FIRST + timedelta(days=2))
    assert len(pages) == 2
    assert "Session log" in pages[1]
    assert "About this report" in pages[1]
    assert "Compendium" in pages[1]
    assert "17320" in pages[1]  # the backward-walking MET code
