"""The chart "populate" functions, in one place: each fills a given pyqtgraph
PlotItem and returns its hover read-outs.

The Progress page and the printable report draw the same charts through
these functions, with a `ChartPalette` (LIGHT, DARK or PRINT). The time axis
and date labels are in charts/dates.py (no pyqtgraph), the shared look in
charts/style.py, the bar charts in charts/bars.py and the line charts in
charts/lines.py. Importing this module imports pyqtgraph.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg

from walkback_desktop.charts.bars import plot_backward, plot_kcal, plot_sessions
from walkback_desktop.charts.dates import (
    DAY_S,
    MONTH_S,
    WEEK_S,
    Readout,
    date_ticks,
    date_timestamp,
    period_label,
    sessions_text,
)
from walkback_desktop.charts.lines import plot_bwt, plot_pain_rpe
from walkback_desktop.charts.palette import DARK, LIGHT, PRINT, ChartPalette
from walkback_desktop.charts.ratings import MAX_SESSION_POINTS
from walkback_desktop.charts.style import text_pt
from walkback_desktop.core.stats import PeriodTotals, WeeklyGoal

__all__ = [
    "DARK",
    "DAY_S",
    "LIGHT",
    "MAX_SESSION_POINTS",
    "MONTH_S",
    "PRINT",
    "WEEK_S",
    "ChartPalette",
    "Readout",
    "date_ticks",
    "date_timestamp",
    "period_label",
    "plot_backward",
    "plot_bwt",
    "plot_kcal",
    "plot_pain_rpe",
    "plot_sessions",
    "plot_weekly_backward",
    "plot_weekly_kcal",
    "plot_weekly_sessions",
    "sessions_text",
    "text_pt",
]


# The names the Progress page and older callers used.
def plot_weekly_backward(
    plot: pg.PlotItem, weeks: Sequence[PeriodTotals], goal: WeeklyGoal, palette: ChartPalette
) -> list[Readout]:
    return plot_backward(plot, weeks, goal, palette)


def plot_weekly_sessions(
    plot: pg.PlotItem, weeks: Sequence[PeriodTotals], goal: WeeklyGoal, palette: ChartPalette
) -> list[Readout]:
    return plot_sessions(plot, weeks, goal, palette)


def plot_weekly_kcal(
    plot: pg.PlotItem, weeks: Sequence[PeriodTotals], palette: ChartPalette
) -> list[Readout]:
    return plot_kcal(plot, weeks, palette)
