"""The Progress page in German: dates in its table, tiles, chart titles and
read-outs use German month names ("3. März 2025", never "03 Mar 2025")."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale

from tests.helpers import make_session
from walkback_desktop import i18n
from walkback_desktop.app import install_language
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.progress import ProgressPage
from walkback_desktop.ui.wiring import progress_services


@pytest.fixture
def german():
    old_locale = QLocale()
    install_language(None, "de")
    yield
    i18n.set_language("en")
    QLocale.setDefault(old_locale)


@pytest.fixture
def page(qtbot, store, data_dir, german):
    store.settings.set("week_start", "monday")
    for day in (0, 2, 4, 7, 14, 15):  # 3 Mar 2025 onwards
        store.sessions.add(make_session(day))
    ctx = AppContext(store=store, data_dir=data_dir)
    widget = ProgressPage(ctx, **progress_services(ctx))
    widget.today = lambda: date(2025, 3, 19)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    widget.page_shown()
    return widget


def test_table_and_tiles_show_german_months(page):
    page.table_toggle.click()
    first_column = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert first_column[:3] == ["17. März 2025", "10. März 2025", "3. März 2025"]
    assert "Dez. 2024" in page.charts.title  # the range starts 20 Dec 2024
    assert "3. März 2025" in page.best_week_tile.detail.text()
    assert "Mar" not in page.charts.view.accessibleDescription()


def test_chart_read_outs_and_long_ranges_in_german(page):
    charts = page.charts
    page.set_period("4w")
    texts = [r.text for r in charts._readouts[charts.backward_plot]]
    assert texts[2].startswith("3. März – 9. März 2025")
    page.set_period("12m")  # a long range: monthly bars and a monthly table
    page.table_toggle.click()
    months = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert months[:2] == ["März 2025", "Feb. 2025"]


def test_table_fits_its_width_without_a_scroll_bar(page, qtbot):
    """German at a large text size is wider than the page: the columns narrow
    and their cells wrap, rather than hide behind a horizontal scroll bar."""
    from walkback_desktop.ui.progress_table import PeriodTable

    table = PeriodTable()
    qtbot.addWidget(table)
    table.resize(420, 300)
    table.show()
    shown = page.figures.range("3m")
    table.fill(shown.weeks, page._goal, monthly=False, in_progress=None)
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    assert sum(widths) <= table.viewport().width()
    assert table.item(0, 0).text() == "17. März 2025"
