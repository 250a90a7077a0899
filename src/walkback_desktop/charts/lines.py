"""Line charts: pain and effort over the weeks, and the 3-m Backward Walk
Test times against their reference. Each populates a given pyqtgraph PlotItem
and returns its hover read-outs."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtCore import Qt

from walkback_desktop.charts.dates import (
    DAY_S,
    WEEK_S,
    Readout,
    date_ticks,
    date_timestamp,
    moment_timestamp,
    period_x,
)
from walkback_desktop.charts.palette import ChartPalette
from walkback_desktop.charts.style import legend_title, max_date_labels, pen, prepare
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.stats import PeriodTotals, week_start
from walkback_desktop.i18n import _, formats

# Above this many rated sessions, pain and RPE are drawn as weekly averages:
# a year of daily points is noise, a weekly line shows the trend.
MAX_SESSION_POINTS = 60
MAX_SYMBOL_POINTS = 60


def _one_decimal(value: float) -> str:
    """A 0-10 rating or average with its decimal kept ("5.0", German "5,0")."""
    shown = f"{formats.round_half_up(value, 1):.1f}"
    return shown.replace(".", ",") if formats.decimal(0.5, 1) == "0,5" else shown


def _series(
    records: Sequence[SessionRecord], attr: str, first_weekday: int, weekly: bool
) -> tuple[list[float], list[float]]:
    rated = [r for r in records if getattr(r, attr) is not None]
    if not weekly:
        return (
            [moment_timestamp(r.started_at) for r in rated],
            [float(getattr(r, attr)) for r in rated],
        )
    sums: dict[date, list[float]] = {}
    for r in rated:
        week = week_start(r.started_at.date(), first_weekday)
        sums.setdefault(week, []).append(float(getattr(r, attr)))
    weeks = sorted(sums)
    return (
        [date_timestamp(w) + WEEK_S / 2 for w in weeks],
        [sum(sums[w]) / len(sums[w]) for w in weeks],
    )


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
    monthly = bool(months)
    weekly = not monthly and rated > MAX_SESSION_POINTS
    if monthly:
        title = _("Pain and effort (monthly average)")
    elif weekly:
        title = _("Pain and effort (weekly average)")
    else:
        title = _("Pain and effort")
    prepare(plot, palette, title, "0 – 10")
    plot.setYRange(-0.6, 10.8, padding=0)
    plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 11, 2)]])
    if not rated:
        return []
    readouts: list[Readout] = []
    entries = []
    periods = months if monthly else weeks
    for attr, name, colour, style, symbol in (
        ("pain", _("Pain"), palette.pain, palette.pain_style, palette.pain_symbol),
        ("rpe", _("Effort (RPE)"), palette.rpe, palette.rpe_style, palette.rpe_symbol),
    ):
        if (weekly or monthly) and periods is not None:
            averaged = [(p, getattr(p, f"avg_{attr}")) for p in periods]
            xs = [period_x(p, monthly) for p, v in averaged if v is not None]
            ys = [v for _p, v in averaged if v is not None]
        else:
            xs, ys = _series(records, attr, first_weekday, weekly)
        if not xs:
            continue
        plot.plot(
            xs,
            ys,
            pen=pen(colour, palette.line_width, style),
            # symbols help on a short line (and in print); on years of weeks they are clutter
            symbol=symbol if len(xs) <= MAX_SYMBOL_POINTS else None,
            symbolSize=9,
            symbolBrush=pg.mkBrush(colour),
            symbolPen=pg.mkPen(palette.background),
        )
        shape = "line" if style == Qt.PenStyle.SolidLine else "dash"
        entries.append((name, colour, shape))
        readouts.extend(
            Readout(x, lambda n=name, y=y: f"{n}: {_one_decimal(y)}")  # type: ignore[misc]
            for x, y in zip(xs, ys, strict=True)
        )
    legend_title(plot, palette, title, entries)
    if (weekly or monthly) and periods:
        first, last = periods[0].start, periods[-1].start + timedelta(days=6)
    elif records:
        first = min(r.started_at.date() for r in records)
        last = max(r.started_at.date() for r in records)
    else:
        return readouts
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
