"""The Progress page: lazy pyqtgraph, tiles with hand-computed numbers, charts, PNG export."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date

import pytest

from tests.helpers import make_session
from walkback_desktop.charts.palette import DARK, LIGHT
from walkback_desktop.core.history import SegmentRecord
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.progress import ProgressPage
from walkback_desktop.ui.wiring import progress_services


def test_building_the_main_window_does_not_import_pyqtgraph(tmp_path):
    code = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from walkback_desktop.app import build_main_window
        window = build_main_window({str(tmp_path)!r})
        window.show()
        app.processEvents()
        print("pyqtgraph" in sys.modules)
        window.show_page("progress")  # no sessions yet: an empty state, still no charts
        print("pyqtgraph" in sys.modules)
        window.close()
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.split() == ["False", "False"]


@pytest.fixture
def ctx(store, data_dir):
    store.settings.set("week_start", "monday")
    return AppContext(store=store, data_dir=data_dir)


@pytest.fixture
def page(qtbot, ctx):
    widget = ProgressPage(ctx, **progress_services(ctx))
    widget.today = lambda: date(2025, 3, 19)  # a Wednesday
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    return widget


def test_empty_state_for_a_first_time_user(page, qtbot):
    page.page_shown()
    assert page.stack.currentWidget() is page.empty
    assert page.charts is None
    with qtbot.waitSignal(page.ctx.events.start_requested):
        page.empty.start_button.click()


def add_weeks(ctx):
    """Week of 3 Mar: 3 x 10 min (met); 10 Mar: 1 x 25 min; 17 Mar: Mon + Tue x 10 min."""
    bout = (SegmentRecord(1, "backward", "Back", 120, 150.0, 6.0),)
    for day in (0, 2, 4):
        ctx.store.sessions.add(make_session(day, pain=5 - day // 2))
    ctx.store.sessions.add(make_session(7, backward_seconds=1500, active_seconds=1800))
    ctx.store.sessions.add(make_session(14, segments=bout, pain=1))
    ctx.store.sessions.add(make_session(15, pain=1))


def test_tiles_show_hand_computed_numbers(page, ctx):
    add_weeks(ctx)
    page.page_shown()
    assert page.stack.currentWidget() is not page.empty
    assert page.week_tile.value.text() == "20 / 30 min"
    assert page.week_tile.detail.text() == "2 of 3 completed sessions"
    # weeks: 3 Mar met, 10 Mar not; this week not yet -> current week streak 0, best 1
    assert page.streak_tile.value.text() == "0 weeks"
    assert page.streak_tile.detail.text() == "on goal in a row (best 1); 2 days in a row"
    assert page.bout_tile.value.text() == "2:30"
    assert page.bout_tile.detail.text() == "longest session 30:00"
    assert page.best_week_tile.value.text() == "30 min"
    assert page.best_week_tile.detail.text() == "backward, week of 3 Mar 2025"
    assert page.adherence_tile.value.text() == "50 %"
    assert page.adherence_tile.detail.text() == (
        "1 of 2 weeks met your goal (50 %); this week in progress"
    )


def test_charts_cover_the_chosen_range(page, ctx):
    add_weeks(ctx)
    page.page_shown()
    charts = page.charts
    assert charts is not None
    page.set_period("4w")  # 20 Feb .. 19 Mar: weeks of 17 Feb, 24 Feb, 3, 10, 17 Mar
    texts = [r.text for r in charts._readouts[charts.backward_plot]]
    assert len(texts) == 5
    assert texts[2] == "3 Mar – 9 Mar 2025: 30 min backward, 3 sessions"
    assert texts[3] == "10 Mar – 16 Mar 2025: 25 min backward, 1 session"
    page.set_period("all")  # all: from the first session's week
    assert len(charts._readouts[charts.backward_plot]) == 3
    x = charts._readouts[charts.backward_plot][0].x
    assert charts.readout_at(charts.backward_plot, x + 86400).startswith("3 Mar")
    assert charts.readout_at(charts.backward_plot, x + 86400 * 30) == ""
    pain = [r.text for r in charts._readouts[charts.pain_plot] if r.text.startswith("Pain")]
    assert pain[0] == "Pain: 5.0"


def test_charts_follow_the_theme(page, ctx):
    add_weeks(ctx)
    ctx.store.settings.set("theme", "dark")
    page.page_shown()
    assert page.chart_palette() is DARK
    ctx.store.settings.set("theme", "light")
    ctx.events.settings_changed.emit("theme")
    assert page.chart_palette() is LIGHT


def test_save_chart_as_png(page, ctx, tmp_path):
    add_weeks(ctx)
    page.page_shown()
    target = tmp_path / "progress.png"
    page.save_png(target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_refreshes_after_a_new_session(page, ctx):
    page.page_shown()
    ctx.store.sessions.add(make_session(15))
    ctx.events.sessions_changed.emit()
    assert page.stack.currentWidget() is not page.empty
    assert "A trend needs at least 3 walks" in page.note.text()


CSV = """started_at,routine,active_seconds,backward_seconds,kcal,rpe,pain,completed,notes
2025-03-29T10:00:00+00:00,knee-friendly-20,1200,600,,5,4,true,GMT Saturday
2025-03-30T23:30:00+01:00,knee-friendly-20,1500,900,120,6,3,true,BST Sunday late
2025-03-31T00:30:00+01:00,Park loop,1800,1200,150,4,2,false,"BST Monday, 23:30 UTC Sunday"
2025-04-02T08:00:00+01:00,knee-friendly-20,1200,600,100,,1,true,
"""


def test_imported_history_shows_correct_numbers_in_the_main_window(qtbot, tmp_path):
    """CSV -> CLI import -> the real main window: hand-computed weeks across the
    Europe/London spring-forward change (30 March 2025), Monday weeks."""
    from walkback_desktop import cli
    from walkback_desktop.app import build_main_window
    from walkback_desktop.ui import history_model as hm

    data = tmp_path / "data"
    csv_file = tmp_path / "history.csv"
    csv_file.write_text(CSV, encoding="utf-8")
    assert cli.main(["history", "import", str(csv_file), "--data-dir", str(data)]) == 0
    assert cli.main(["settings", "set", "week_start", "monday", "--data-dir", str(data)]) == 0
    window = build_main_window(data)
    qtbot.addWidget(window)
    window.show()

    window.show_page("history")
    history = window.page("history")
    assert history.proxy.rowCount() == 4
    newest = [history.proxy.index(0, c).data() for c in range(len(hm.COLUMNS))]
    assert newest[:7] == [
        "Wed 02 Apr 2025  08:00",
        "Knee-friendly retro walk",
        "20:00",
        "10:00",
        "100",
        hm.BLANK,
        "1",
    ]
    # the Sunday-night walk counts on Sunday 30 March, as walked (not Monday in UTC+1)
    dates = [history.proxy.index(r, hm.DATE).data() for r in range(4)]
    assert dates[2] == "Sun 30 Mar 2025  23:30"
    assert dates[1] == "Mon 31 Mar 2025  00:30"

    progress = window.page("progress")
    progress.today = lambda: date(2025, 4, 3)
    window.show_page("progress")
    # week of 24 Mar: Sat 29 (10 min) + Sun 30 (15 min) = 2 sessions, 25 min
    # week of 31 Mar: Mon 31 (20 min) + Wed 2 Apr (10 min) = 2 sessions, 30 min
    weeks = progress._weeks
    assert [(w.start, w.sessions, w.backward_min) for w in weeks] == [
        (date(2025, 3, 24), 2, 25.0),
        (date(2025, 3, 31), 2, 30.0),
    ]
    assert progress.week_tile.value.text() == "30 / 30 min"
    # the Monday walk was saved as not completed: its minutes count, not the session
    assert progress.week_tile.detail.text() == "1 of 3 completed sessions"
    assert progress.best_week_tile.value.text() == "30 min"
    # 29, 30, 31 March in a row; 2 April breaks it; today 3 April -> current 1, longest 3
    assert progress.streak_tile.detail.text() == "on goal in a row (best 0); 1 day in a row"
    assert progress.summary.longest_day_streak == 3
    # averages: week 1 pain (4+3)/2 = 3.5, RPE 5.5; week 2 pain (2+1)/2 = 1.5, RPE 4
    assert (weeks[0].avg_pain, weeks[0].avg_rpe) == (3.5, 5.5)
    assert (weeks[1].avg_pain, weeks[1].avg_rpe) == (1.5, 4.0)
    window.close()


def test_charts_have_a_text_alternative_and_a_table(page, ctx):
    add_weeks(ctx)
    page.page_shown()
    description = page.charts.view.accessibleDescription()
    assert "6 sessions" in description
    assert "1 of 13 weeks met your goal (8 %)" in description  # 3 months, empty weeks too
    page.table_toggle.click()
    assert page.chart_area.currentWidget() is page.table
    assert page.table_toggle.text() == "Show as chart"
    rows = [
        [page.table.item(r, c).text() for c in range(page.table.columnCount())]
        for r in range(page.table.rowCount())
    ]
    assert rows[0][0] == "17 Mar 2025" and rows[0][4] == "in progress"
    assert ["3 Mar 2025", "3", "3", "30 min", "met"] in [row[:5] for row in rows]


def test_saved_png_carries_the_title_and_dates(page, ctx, tmp_path):
    from PySide6.QtGui import QImage

    add_weeks(ctx)
    page.page_shown()
    target = tmp_path / "progress.png"
    page.save_png(target)
    image = QImage(str(target))
    assert image.width() == 1600
    assert page.charts.title == "WalkBack progress, 20 Dec 2024 – 19 Mar 2025"
    # the band above the charts is not plain background: the title is drawn there
    band = {image.pixel(x, 30) for x in range(0, 800, 2)}
    assert len(band) > 1


def test_the_report_is_reachable_from_progress(page, ctx, monkeypatch):
    from walkback_desktop.ui import report_actions

    called = []
    monkeypatch.setattr(
        report_actions.ReportCommands, "export_pdf", lambda self, parent=None: called.append(1)
    )
    page.report_button.click()
    assert called == [1]


def test_walk_test_section_is_built_after_the_charts(page, ctx, qtbot):
    add_weeks(ctx)
    page.page_shown()
    assert page.charts is not None
    from PySide6.QtWidgets import QApplication

    for _ in range(3):  # the page's first paint: the section below the fold waits
        QApplication.processEvents()
    assert page.walk_chart is None
    qtbot.waitUntil(lambda: page.walk_chart is not None and page.walk_results.isVisibleTo(page))
    assert page.walk_chart.isVisibleTo(page)


def test_the_chosen_range_stands_out_in_the_dark_theme(page):
    """The checked range button is drawn in the selection colour, so it can be
    told from the others in the dark theme as in the light one."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from walkback_desktop.ui.appearance import apply_appearance

    app = QApplication.instance()
    apply_appearance(app, {"theme": "dark", "text_scale": 100})
    try:
        page.set_period("3m")
        checked, unchecked = page.range_buttons["3m"], page.range_buttons["4w"]

        def middle(button):
            image = button.grab().toImage()
            return QColor(image.pixel(image.width() // 2, 3))

        highlight = checked.palette().color(QPalette.ColorRole.Highlight)
        assert middle(checked).name() == highlight.name()
        assert abs(middle(checked).lightness() - middle(unchecked).lightness()) > 40
    finally:
        apply_appearance(app, {"theme": "system", "text_scale": 100})


def test_tile_texts_are_whole_at_150_percent(qtbot, data_dir, store):
    """At 150 % text in a 1280x800 window the tiles sit three to a row and their
    two-line details ("34 of 51 weeks met your goal (67 %); this week in
    progress") lost the last line: every detail gets the height its text needs."""
    from PySide6.QtWidgets import QApplication

    from walkback_desktop.app import build_main_window
    from walkback_desktop.ui.appearance import apply_appearance

    for day in range(0, 120, 3):
        store.sessions.add(make_session(day, backward_seconds=1500, active_seconds=1800))
    store.close()
    app = QApplication.instance()
    apply_appearance(app, {"theme": "system", "text_scale": 150})
    try:
        window = build_main_window(data_dir)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        window.show_page("progress")
        page = window.page("progress")
        qtbot.waitUntil(lambda: page.adherence_tile.detail.text() != "")
        QApplication.processEvents()
        for tile in page.tiles.tiles():
            label = tile.detail
            if label.isVisible():
                assert label.height() >= label.heightForWidth(label.width()), tile.caption.text()
    finally:
        apply_appearance(app, {"theme": "system", "text_scale": 100})
