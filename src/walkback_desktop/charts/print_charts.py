"""The report's charts drawn with QPainter alone, for print.

`walkback report` printed its charts through pyqtgraph (charts/bars.py,
charts/lines.py), whose import with numpy costs about 0.5 s of CPU, a third
of the one-year report. Print needs none of its interaction, so this module
draws the same charts -- backward minutes per week or month with the goal,
pain and effort, the 3-m Backward Walk Test -- with the same data rules,
palette (PRINT), date ticks (charts/dates.py), title and legend above the
plotted area. This module says what a chart shows (a `ChartSpec`);
charts/print_paint.py paints it on a logical canvas as wide as the pyqtgraph
one, so the pages look as before. The Progress page keeps pyqtgraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt

from walkback_desktop.charts.dates import (
    DAY_S,
    MONTH_S,
    WEEK_S,
    date_ticks,
    date_timestamp,
    period_x,
)
from walkback_desktop.charts.palette import PRINT, ChartPalette
from walkback_desktop.charts.ratings import rating_chart
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.stats import PeriodTotals, WeeklyGoal
from walkback_desktop.i18n import _, formats

TEXT_PT = 11.0  # the pyqtgraph charts' print text size (charts/style.py)
MAX_LABELS = 8  # date labels along the time axis (style.max_date_labels in print)
DENSE_BARS = 30  # above this many bars, no outlines
BAR_SHARE = 0.72  # of a week's or month's width


@dataclass
class Bars:
    xs: Sequence[float]
    heights: Sequence[float]
    colour: str
    width: float
    edge: str | None


@dataclass
class Line:
    xs: Sequence[float]
    ys: Sequence[float]
    colour: str
    style: Qt.PenStyle
    symbol: str | None = None  # "o" or "s"


@dataclass
class ChartSpec:
    """Everything one chart shows, in data coordinates (x: seconds since the epoch)."""

    title: str
    y_label: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]] | None = None  # None: evenly spaced round numbers
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # label, colour, shape
    items: list[Bars | Line] = field(default_factory=list)


def _week_range(first: date, last: date) -> tuple[tuple[float, float], list[tuple[float, str]]]:
    return (
        (date_timestamp(first) - 0.2 * WEEK_S, date_timestamp(last) + WEEK_S),
        date_ticks(first, last, MAX_LABELS, week_offset_s=WEEK_S / 2),
    )


def _period_range(
    periods: Sequence[PeriodTotals], monthly: bool
) -> tuple[tuple[float, float], list[tuple[float, str]]]:
    first, last = periods[0].start, periods[-1].start
    if monthly:
        return (
            (date_timestamp(first) - 0.2 * MONTH_S, date_timestamp(last) + MONTH_S),
            date_ticks(first, last, MAX_LABELS),
        )
    return _week_range(first, last)


def backward_spec(
    periods: Sequence[PeriodTotals],
    goal: WeeklyGoal,
    palette: ChartPalette = PRINT,
    *,
    monthly: bool = False,
) -> ChartSpec:
    """As charts.bars.plot_backward: weeks that met the goal in the 'met'
    colour with the minutes goal dashed, or months in one colour."""
    title = _("Backward minutes per month") if monthly else _("Backward minutes per week")
    if not periods:
        return ChartSpec(title, _("minutes"), (0.0, 1.0), (0.0, 1.0), [])
    values = [p.backward_min for p in periods]
    xs = [period_x(p, monthly) for p in periods]
    edge = palette.bar_edge if len(xs) <= DENSE_BARS else None
    width = BAR_SHARE * (MONTH_S if monthly else WEEK_S)
    x_range, x_ticks = _period_range(periods, monthly)
    spec = ChartSpec(title, _("minutes"), x_range, (0.0, 1.0), x_ticks)
    if monthly:
        spec.legend = [(_("Backward minutes"), palette.bar, "bar")]
        spec.items.append(Bars(xs, values, palette.bar, width, edge))
        top = max([*values, 1.0])
    else:
        met = [goal.met_by(p) for p in periods]
        for wanted, colour in ((True, palette.bar_met), (False, palette.bar)):
            chosen = [i for i, m in enumerate(met) if m is wanted]
            spec.items.append(
                Bars([xs[i] for i in chosen], [values[i] for i in chosen], colour, width, edge)
            )
        spec.legend = [
            (_("Goal reached"), palette.bar_met, "bar"),
            (_("Below goal"), palette.bar, "bar"),
        ]
        if goal.backward_min > 0:
            spec.legend.append(
                (_("Goal {minutes} min").format(minutes=goal.backward_min), palette.goal, "dash")
            )
            ends = [
                date_timestamp(periods[0].start) - WEEK_S,
                date_timestamp(periods[-1].start) + 2 * WEEK_S,
            ]
            value = float(goal.backward_min)
            spec.items.append(Line(ends, [value, value], palette.goal, palette.goal_style))
        top = max([*values, float(goal.backward_min), 1.0])
    spec.y_range = (0.0, top * 1.08)
    return spec


def pain_rpe_spec(
    records: Sequence[SessionRecord],
    palette: ChartPalette = PRINT,
    *,
    first_weekday: int = 0,
    weeks: Sequence[PeriodTotals] | None = None,
    months: Sequence[PeriodTotals] | None = None,
    axis_of: Sequence[PeriodTotals] | None = None,
    axis_monthly: bool = False,
) -> ChartSpec:
    """As charts.lines.plot_pain_rpe (session points, weekly or monthly averages).
    `axis_of`: periods whose time axis the chart takes (the backward chart's,
    so both put a week at the same place on the page)."""
    rated = sum(1 for r in records if r.pain is not None or r.rpe is not None)
    chart = rating_chart(
        records, rated, palette, first_weekday=first_weekday, weeks=weeks, months=months
    )
    ticks = [(float(v), str(v)) for v in range(0, 11, 2)]
    spec = ChartSpec(chart.title, "0 – 10", (0.0, 1.0), (-0.6, 10.8), [], ticks)
    for line in chart.lines:
        spec.items.append(Line(line.xs, line.ys, line.colour, line.style, line.symbol))
        shape = "line" if line.style == Qt.PenStyle.SolidLine else "dash"
        spec.legend.append((line.name, line.colour, shape))
    if axis_of:
        spec.x_range, spec.x_ticks = _period_range(axis_of, axis_monthly)
    elif chart.span is not None:
        first, last = chart.span
        lo, hi = date_timestamp(first) - DAY_S, date_timestamp(last) + 2 * DAY_S
        pad = (hi - lo) * 0.02
        spec.x_range = (lo - pad, hi + pad)
        spec.x_ticks = date_ticks(first, last, MAX_LABELS)
    return spec


def bwt_spec(
    results: Sequence[tuple[date, float]],
    palette: ChartPalette = PRINT,
    *,
    reference_s: float | None = None,
) -> ChartSpec:
    """As charts.lines.plot_bwt: the times with the reference dashed."""
    title = _("3-m Backward Walk Test (seconds, lower is better)")
    if not results:
        return ChartSpec(title, _("seconds"), (0.0, 1.0), (0.0, 1.0), [])
    xs = [date_timestamp(day) for day, _s in results]
    ys = [seconds for _d, seconds in results]
    spec = ChartSpec(
        title,
        _("seconds"),
        (xs[0] - 7 * DAY_S, xs[-1] + 7 * DAY_S),
        (0.0, max([*ys, reference_s or 0.0, 1.0]) * 1.15),
        date_ticks(results[0][0], results[-1][0], MAX_LABELS),
    )
    spec.items.append(Line(xs, ys, palette.rpe, Qt.PenStyle.SolidLine, "o"))
    spec.legend.append((_("Time"), palette.rpe, "line"))
    if reference_s is not None:
        spec.items.append(
            Line(list(spec.x_range), [reference_s, reference_s], palette.goal, palette.goal_style)
        )
        spec.legend.append(
            (
                _("Reference {seconds} s").format(seconds=formats.decimal(reference_s, 2)),
                palette.goal,
                "dash",
            )
        )
    return spec
