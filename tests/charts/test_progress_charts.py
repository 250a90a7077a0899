"""The Progress page's chart panel: built a plot at a time for idle time, and
redrawn in another theme or text size with the new look."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from tests.helpers import make_session
from walkback_desktop.charts.palette import DARK, LIGHT
from walkback_desktop.core.stats import WeeklyGoal, weekly_totals

pg = pytest.importorskip("pyqtgraph")
progress_charts = pytest.importorskip("walkback_desktop.charts.progress_charts")

GOAL = WeeklyGoal(3, 30)
RECORDS = [make_session(d * 2, pain=6 - d // 5, rpe=4 + d % 3) for d in range(20)]
WEEKS = weekly_totals(RECORDS, weight_kg=70)


def readouts(charts) -> list[list[str]]:
    return [[r.text for r in charts._readouts[plot]] for plot in charts.plots()]


def test_built_a_plot_at_a_time_the_charts_say_the_same(qtbot):
    whole = progress_charts.ProgressCharts()
    qtbot.addWidget(whole)
    whole.redraw(WEEKS, RECORDS, GOAL, LIGHT)
    stepwise = progress_charts.ProgressCharts(stepwise=True)
    qtbot.addWidget(stepwise)
    built = 0
    while stepwise.build_step():
        built += 1
        assert len(stepwise.view.ci.items) == built
    assert built == 4
    for _step in stepwise.redraw_steps(WEEKS, RECORDS, GOAL, LIGHT):
        pass
    assert readouts(stepwise) == readouts(whole)
    assert len(readouts(whole)[0]) == len(WEEKS)


def test_a_redraw_in_the_dark_theme_restyles_axes_and_titles(qtbot):
    charts = progress_charts.ProgressCharts()
    qtbot.addWidget(charts)
    charts.redraw(WEEKS, RECORDS, GOAL, LIGHT)
    charts.redraw(WEEKS, RECORDS, GOAL, LIGHT)  # the same look: nothing restyled
    charts.redraw(WEEKS, RECORDS, GOAL, DARK)
    dark = QColor(DARK.foreground).name()
    for plot in charts.plots():
        for name in ("left", "bottom"):
            assert plot.getAxis(name).textPen().color().name() == dark
        assert DARK.foreground in plot.titleLabel.text
    charts.redraw(WEEKS, RECORDS, GOAL, LIGHT)
    light = QColor(LIGHT.foreground).name()
    assert charts.backward_plot.getAxis("left").textPen().color().name() == light
