"""Line charts: pain and effort over the weeks, and the 3-m Backward Walk
Test times against their reference. Each populates a given pyqtgraph PlotItem
and returns its hover read-outs."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Qt

from walkback_desktop.charts.dates import (
    DAY_S,
    Readout,
    date_ticks,
    date_timestamp,
)
from walkback_desktop.charts.palette import ChartPalette
from walkback_desktop.charts.ratings import MAX_SESSION_POINTS, rating_chart
from walkback_desktop.charts.style import legend_title, max_date_labels, pen, prepare
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.stats import PeriodTotals
from walkback_desktop.i18n import _, formats


def _one_decimal(value: float) -> str:
    """A 0-10 rating or average with its decimal kept ("5.0", German "5,0")."""
    shown = f"{formats.round_half_up(value, 1):.1f}"
    return shown.replace(".", ",") if formats.decimal(0.5, 1) == "0,5" else shown


def plot_pain_rpe(
    plot: pg.PlotItem,
    records: Sequence[SessionRecord],
    palette: ChartPalette,
    *,
    first_weekday: int = 0,
    weeks: Sequence[PeriodTotals] | None = None,
    months: Sequence[PeriodTotals] | None = None,
    rated: int | None = None,
) -> list[Readout]:
    """Pain and effort (RPE), 0-10, over dates: one point per session, weekly
    averages when there are more than MAX_SESSION_POINTS rated sessions (taken
    from `weeks`' averages when given, which saves regrouping many sessions),
    or monthly averages when `months` is given (a long period). `rated`: how
    many sessions have a rating, when the caller knows (then `records` need only
    hold the rated sessions, and none for averages)."""
    if rated is None:
        rated_records = (r for r in records if r.pain is not None or r.rpe is not None)
        rated = sum(1 for _r in itertools.islice(rated_records, MAX_SESSION_POINTS + 1))
    chart = rating_chart(
        records, rated, palette, first_weekday=first_weekday, weeks=weeks, months=months
    )
    prepare(plot, palette, chart.title, "0 – 10")
    plot.setYRange(-0.6, 10.8, padding=0)
    plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 11, 2)]])
    if not rated:
        return []
    readouts: list[Readout] = []
    entries = []
    for line in chart.lines:
        plot.plot(
            line.xs,
            line.ys,
            pen=pen(line.colour, palette.line_width, line.style),
            symbol=line.symbol,
            symbolSize=9,
            symbolBrush=pg.mkBrush(line.colour),
            symbolPen=pg.mkPen(palette.background),
        )
        shape = "line" if line.style == Qt.PenStyle.SolidLine else "dash"
        entries.append((line.name, line.colour, shape))
        readouts.extend(
            Readout(x, lambda n=line.name, y=y: f"{n}: {_one_decimal(y)}")  # type: ignore[misc]
            for x, y in zip(line.xs, line.ys, strict=True)
        )
    legend_title(plot, palette, chart.title, entries)
    if chart.span is None:
        return readouts
    first, last = chart.span
    plot.setXRange(date_timestamp(first) - DAY_S, date_timestamp(last) + 2 * DAY_S, padding=0.02)
    plot.getAxis("bottom").setTicks([date_ticks(first, last, max_date_labels(palette))])
    return readouts


def plot_bwt(
    plot: pg.PlotItem,
    results: Sequence[tuple[date, float]],
    palette: ChartPalette,
    *,
    reference_s: float | None = None,
) -> list[Readout]:
    """3-m Backward Walk Test times (seconds, lower is better) over dates, with
    the screening reference as a dashed line."""
    title = _("3-m Backward Walk Test (seconds, lower is better)")
    prepare(plot, palette, title, _("seconds"))
    if not results:
        return []
    xs = [date_timestamp(day) for day, _s in results]
    ys = [seconds for _d, seconds in results]
    plot.plot(
        xs,
        ys,
        pen=pen(palette.rpe, palette.line_width),
        symbol="o",
        symbolSize=9,
        symbolBrush=pg.mkBrush(palette.rpe),
        symbolPen=pg.mkPen(palette.background),
    )
    entries = [(_("Time"), palette.rpe, "line")]
    first, last = results[0][0], results[-1][0]
    if reference_s is not None:
        plot.plot(
            [xs[0] - 7 * DAY_S, xs[-1] + 7 * DAY_S],
            [reference_s, reference_s],
            pen=pen(palette.goal, palette.line_width, palette.goal_style),
        )
        entries.append(
            (
                _("Reference {seconds} s").format(seconds=formats.decimal(reference_s, 2)),
                palette.goal,
                "dash",
            )
        )
    legend_title(plot, palette, title, entries)
    top = max([*ys, reference_s or 0.0, 1.0])
    plot.setYRange(0, top * 1.15, padding=0)
    plot.setXRange(xs[0] - 7 * DAY_S, xs[-1] + 7 * DAY_S, padding=0)
    plot.getAxis("bottom").setTicks([date_ticks(first, last, max_date_labels(palette))])
    return [Readout(x, f"{y:.2f} s") for x, y in zip(xs, ys, strict=True)]
