"""The shared chart populate functions (used by the Progress page and the report)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import make_session
from walkback_desktop.charts.palette import DARK, LIGHT, PRINT
from walkback_desktop.core.stats import WeeklyGoal, weekly_totals

GOAL = WeeklyGoal(3, 30)

pg = pytest.importorskip("pyqtgraph")
plots = pytest.importorskip("walkback_desktop.charts.plots")


@pytest.fixture
def plot(qtbot):
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    item = widget.addPlot()
    yield item
    widget.close()


@pytest.mark.parametrize("palette", [LIGHT, DARK, PRINT], ids=lambda p: p.name)
def test_every_chart_draws_with_every_palette(plot, palette):
    records = [make_session(d * 2, pain=6 - d // 5, rpe=4 + d % 3) for d in range(20)]
    weeks = weekly_totals(records, weight_kg=70)
    readouts = plots.plot_weekly_backward(plot, weeks, GOAL, palette)
    assert len(readouts) == len(weeks)
    assert isinstance(plot.getAxis("bottom"), pg.DateAxisItem)
    assert plots.plot_weekly_sessions(plot, weeks, GOAL, palette)
    assert plots.plot_weekly_kcal(plot, weeks, palette)
    assert len(plots.plot_pain_rpe(plot, records, palette)) == 40


def test_weekly_bar_sits_on_its_week(plot):
    weeks = weekly_totals([make_session(0)], weight_kg=70)
    (readout,) = plots.plot_weekly_backward(plot, weeks, GOAL, LIGHT)
    assert readout.x == plots.date_timestamp(date(2025, 3, 3)) + 3.5 * 86400
    assert readout.text == "3 Mar – 9 Mar 2025: 10 min backward, 1 session"


def test_empty_input_draws_nothing(plot):
    assert plots.plot_weekly_backward(plot, [], GOAL, LIGHT) == []
    assert plots.plot_pain_rpe(plot, [], LIGHT) == []


def test_pain_becomes_weekly_average_for_many_sessions(plot):
    records = [make_session(d, pain=d % 2 * 4, rpe=None) for d in range(70)]
    readouts = plots.plot_pain_rpe(plot, records, LIGHT)
    assert len(readouts) == 10  # 70 days = 10 weeks, Monday start
    assert {r.text for r in readouts} <= {"Pain: 2.0", "Pain: 1.7", "Pain: 2.3"}


def test_date_ticks_pick_a_readable_step():
    weekly = plots.date_ticks(date(2025, 1, 6), date(2025, 2, 24))
    assert [label for _, label in weekly][:2] == ["6 Jan", "13 Jan"]
    monthly = plots.date_ticks(date(2025, 1, 6), date(2025, 12, 29))
    assert len(monthly) <= 8
    assert monthly[0][1] == "Feb 2025"
    yearly = plots.date_ticks(date(2016, 1, 4), date(2025, 12, 29))
    years = [label for _, label in yearly]
    assert 2 <= len(years) <= 8
    assert all(label.isdigit() and 2016 <= int(label) <= 2025 for label in years), years


def test_fewer_dates_along_the_axis_at_large_text(qapp):
    from PySide6.QtGui import QFont

    from walkback_desktop.charts.style import max_date_labels

    old = qapp.font()
    try:
        assert max_date_labels(PRINT) == 8
        big = QFont(old)
        big.setPointSizeF(20)  # text size 200 %
        qapp.setFont(big)
        assert max_date_labels(LIGHT) <= 4
        assert max_date_labels(LIGHT, compact=True) == 2
        ticks = plots.date_ticks(date(2025, 8, 24), date(2025, 11, 23), max_date_labels(LIGHT))
        assert 2 <= len(ticks) <= 4
    finally:
        qapp.setFont(old)
