"""Pure "populate" functions: each fills a given pyqtgraph PlotItem.

The Progress page and the printable report draw the same charts through
these functions, with a `ChartPalette` (LIGHT, DARK or PRINT). The x axis is
time: each point sits at a timestamp of a local calendar date taken as UTC
midnight, so a `DateAxisItem(utcOffset=0)` labels it with that same date
whatever the machine's time zone is.

This module imports pyqtgraph: import it only when a chart is first shown.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from walkback_desktop.charts.palette import DARK, LIGHT, PRINT, ChartPalette
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.stats import PeriodTotals, week_start

__all__ = [
    "DARK",
    "LIGHT",
    "PRINT",
    "ChartPalette",
    "Readout",
    "date_timestamp",
    "plot_pain_rpe",
    "plot_weekly_backward",
    "plot_weekly_kcal",
    "plot_weekly_sessions",
]

DAY_S = 86400.0
WEEK_S = 7 * DAY_S
BAR_WIDTH = 0.72 * WEEK_S
# Above this many rated sessions, pain and RPE are drawn as weekly averages:
# a year of daily points is noise, a weekly line shows the trend.
MAX_SESSION_POINTS = 60
MAX_SYMBOL_POINTS = 120
TICK_POINT_SIZE = 11


class Readout:
    """What a hover read-out says at an x position (a timestamp). The text is
    made only when asked for: a 10-year chart has hundreds of bars."""

    __slots__ = ("_make", "_text", "x")

    def __init__(self, x: float, text: str | Callable[[], str]) -> None:
        self.x = x
        self._text = text if isinstance(text, str) else None
        self._make = None if isinstance(text, str) else text

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._make() if self._make is not None else ""
        return self._text

    def __repr__(self) -> str:
        return f"Readout(x={self.x!r}, text={self.text!r})"


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def date_timestamp(day: date) -> float:
    """Seconds since the epoch of `day` at 00:00 UTC (DateAxisItem(utcOffset=0) shows `day`)."""
    return float((day.toordinal() - _EPOCH_ORDINAL) * 86400)


def _moment_timestamp(moment: datetime) -> float:
    """A local wall-clock time as if it were UTC, to sit on the date axis."""
    return float(calendar.timegm(moment.replace(tzinfo=None).timetuple()))


def _pen(color: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> object:
    pen = pg.mkPen(color=color, width=width)
    pen.setStyle(style)
    return pen


def _prepare(plot: pg.PlotItem, palette: ChartPalette, title: str, y_label: str) -> None:
    """Clear the plot and style its axes, grid and title for the palette."""
    plot.clear()
    bottom = plot.getAxis("bottom")
    if not isinstance(bottom, pg.DateAxisItem):
        plot.setAxisItems({"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)})
    font = QFont()
    font.setPointSize(TICK_POINT_SIZE)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(palette.foreground))
        axis.setTextPen(pg.mkPen(palette.foreground))
        axis.setTickFont(font)
    plot.getAxis("left").setWidth(48)
    plot.setLabel("left", y_label, color=palette.foreground, size=f"{TICK_POINT_SIZE}pt")
    plot.setTitle(title, color=palette.foreground, size="13pt", bold=True)
    plot.showGrid(x=False, y=True, alpha=palette.grid_alpha)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()


def _legend(plot: pg.PlotItem, palette: ChartPalette, offset: tuple[int, int] = (10, 5)) -> None:
    if plot.legend is None:
        plot.addLegend(offset=offset, labelTextSize=f"{TICK_POINT_SIZE}pt")
    legend = plot.legend
    legend.setLabelTextColor(palette.foreground)
    background = QColor(palette.background)
    background.setAlpha(220)
    legend.setBrush(pg.mkBrush(background))
    legend.setPen(pg.mkPen(palette.grid))


def _set_x_range(plot: pg.PlotItem, first: date, last: date) -> None:
    plot.setXRange(date_timestamp(first) - 0.2 * WEEK_S, date_timestamp(last) + WEEK_S, padding=0)
    plot.getAxis("bottom").setTicks([date_ticks(first, last, week_offset_s=WEEK_S / 2)])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def date_ticks(
    first: date, last: date, max_labels: int = 8, *, week_offset_s: float = 0.0
) -> list[tuple[float, str]]:
    """Readable date ticks between two dates: weeks, months or years, at most
    `max_labels` of them (pyqtgraph's own date ticks overlap at large fonts).
    Week ticks sit `week_offset_s` after the labelled day (a bar's centre)."""
    span = max((last - first).days, 1)
    for weeks in (1, 2, 4):
        if span / (7 * weeks) <= max_labels:
            day = first
            ticks = []
            while day <= last:
                ticks.append((date_timestamp(day) + week_offset_s, f"{day.day} {day:%b}"))
                day += timedelta(days=7 * weeks)
            return ticks
    for months in (1, 2, 3, 6):
        if span / (30.4 * months) <= max_labels:
            day = _add_months(first, 1) if first.day > 1 else first
            ticks = []
            previous: date | None = None
            while day <= last:
                # the year on the first two ticks (the first may be clipped at the
                # edge) and wherever it changes
                with_year = len(ticks) < 2 or (previous is not None and previous.year != day.year)
                ticks.append((date_timestamp(day), f"{day:%b %Y}" if with_year else f"{day:%b}"))
                previous = day
                day = _add_months(day, months)
            return ticks
    step = 1
    while (last.year - first.year + 1) / step > max_labels:
        step = {1: 2, 2: 5}.get(step, step * 2)
    return [
        (date_timestamp(date(year, 1, 1)), str(year))
        for year in range(first.year + 1, last.year + 1)
        if year % step == 0
    ]


def _weekly_bars(
    plot: pg.PlotItem,
    weeks: Sequence[PeriodTotals],
    values: Sequence[float],
    met: Sequence[bool],
    names: tuple[str, str],
    colours: tuple[str, str],
    palette: ChartPalette,
) -> list[float]:
    """Bars per week, in two items (met / not met) so the legend names both."""
    xs = [date_timestamp(w.start) + WEEK_S / 2 for w in weeks]
    for wanted, name, colour in zip((True, False), names, colours, strict=True):
        chosen = [(x, v) for x, v, m in zip(xs, values, met, strict=True) if m is wanted]
        if not chosen:
            continue
        bars = pg.BarGraphItem(
            x=[x for x, _ in chosen],
            height=[v for _, v in chosen],
            width=BAR_WIDTH,
            brush=pg.mkBrush(colour),
            pen=pg.mkPen(palette.bar_edge, width=1),
        )
        plot.addItem(bars)
        if name and plot.legend is not None:
            plot.legend.addItem(bars, name)
    return xs


def _goal_line(
    plot: pg.PlotItem, value: float, text: str, palette: ChartPalette, first: date, last: date
) -> None:
    if value <= 0:
        return
    plot.plot(
        [date_timestamp(first) - WEEK_S, date_timestamp(last) + 2 * WEEK_S],
        [value, value],
        pen=_pen(palette.goal, palette.line_width, palette.goal_style),
        name=text,
    )


def _label_font() -> QFont:
    font = QFont()
    font.setPointSize(TICK_POINT_SIZE)
    font.setBold(True)
    return font


def _week_label(week: PeriodTotals) -> str:
    end = week.start + timedelta(days=6)
    return f"{week.start:%d %b} – {end:%d %b %Y}"


def _headroom_legend(plot: pg.PlotItem, palette: ChartPalette) -> None:
    _legend(plot, palette)
    plot.legend.setColumnCount(3)


def plot_weekly_backward(
    plot: pg.PlotItem,
    weeks: Sequence[PeriodTotals],
    goal_min: float,
    palette: ChartPalette,
) -> list[Readout]:
    """Bars of backward minutes per week (weeks reaching `goal_min` in the
    'met' colour) and the goal as a horizontal line."""
    _prepare(plot, palette, "Backward minutes per week", "minutes")
    if not weeks:
        return []
    _headroom_legend(plot, palette)
    values = [w.backward_min for w in weeks]
    met = [goal_min > 0 and v >= goal_min - 1e-9 for v in values]
    xs = _weekly_bars(
        plot,
        weeks,
        values,
        met,
        ("Goal reached", "Below goal"),
        (palette.bar_met, palette.bar),
        palette,
    )
    _goal_line(plot, goal_min, f"Goal {goal_min:g} min", palette, weeks[0].start, weeks[-1].start)
    plot.setYRange(0, max([*values, goal_min, 1.0]) * 1.45, padding=0)
    _set_x_range(plot, weeks[0].start, weeks[-1].start)
    return [
        Readout(
            x,
            lambda w=w: (
                f"{_week_label(w)}: {w.backward_min:.0f} backward min, {w.sessions} sessions"
            ),
        )
        for x, w in zip(xs, weeks, strict=True)
    ]


def plot_weekly_sessions(
    plot: pg.PlotItem,
    weeks: Sequence[PeriodTotals],
    goal_sessions: float,
    palette: ChartPalette,
) -> list[Readout]:
    """Bars of sessions per week with the weekly session goal as a line."""
    _prepare(plot, palette, "Sessions per week", "sessions")
    if not weeks:
        return []
    _headroom_legend(plot, palette)
    values = [float(w.sessions) for w in weeks]
    met = [goal_sessions > 0 and v >= goal_sessions for v in values]
    xs = _weekly_bars(
        plot,
        weeks,
        values,
        met,
        ("Goal reached", "Below goal"),
        (palette.bar_met, palette.sessions),
        palette,
    )
    _goal_line(
        plot, goal_sessions, f"Goal {goal_sessions:g}", palette, weeks[0].start, weeks[-1].start
    )
    plot.setYRange(0, max([*values, goal_sessions, 1.0]) * 1.5, padding=0)
    _set_x_range(plot, weeks[0].start, weeks[-1].start)
    return [
        Readout(x, lambda w=w: f"{_week_label(w)}: {w.sessions} sessions")
        for x, w in zip(xs, weeks, strict=True)
    ]


def plot_weekly_kcal(
    plot: pg.PlotItem, weeks: Sequence[PeriodTotals], palette: ChartPalette
) -> list[Readout]:
    """Bars of kilocalories per week (estimated where a session had none)."""
    _prepare(plot, palette, "Energy per week (kcal)", "kcal")
    if not weeks:
        return []
    values = [w.kcal for w in weeks]
    xs = _weekly_bars(
        plot,
        weeks,
        values,
        [True] * len(values),
        ("", ""),
        (palette.kcal, palette.kcal),
        palette,
    )
    plot.setYRange(0, max([*values, 1.0]) * 1.15, padding=0)
    _set_x_range(plot, weeks[0].start, weeks[-1].start)
    return [
        Readout(x, lambda w=w: f"{_week_label(w)}: about {w.kcal:.0f} kcal")
        for x, w in zip(xs, weeks, strict=True)
    ]


def _series(
    records: Sequence[SessionRecord], attr: str, first_weekday: int, weekly: bool
) -> tuple[list[float], list[float]]:
    rated = [r for r in records if getattr(r, attr) is not None]
    if not weekly:
        return (
            [_moment_timestamp(r.started_at) for r in rated],
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
) -> list[Readout]:
    """Pain and effort (RPE), 0-10, over dates: one point per session, or weekly
    averages when there are more than MAX_SESSION_POINTS rated sessions (taken
    from `weeks`' averages when given, which saves regrouping many sessions)."""
    rated_records = (r for r in records if r.pain is not None or r.rpe is not None)
    rated = sum(1 for _ in itertools.islice(rated_records, MAX_SESSION_POINTS + 1))
    weekly = rated > MAX_SESSION_POINTS
    title = "Pain and effort (weekly average)" if weekly else "Pain and effort"
    _prepare(plot, palette, title, "0 – 10")
    _legend(plot, palette, offset=(-10, 5))  # top right: pain usually falls over time
    plot.setYRange(-0.6, 10.8, padding=0)
    plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 11, 2)]])
    if not rated:
        return []
    readouts: list[Readout] = []
    for attr, name, colour, style, symbol in (
        ("pain", "Pain", palette.pain, palette.pain_style, palette.pain_symbol),
        ("rpe", "Effort (RPE)", palette.rpe, palette.rpe_style, palette.rpe_symbol),
    ):
        if weekly and weeks is not None:
            averaged = [(w, getattr(w, f"avg_{attr}")) for w in weeks]
            xs = [date_timestamp(w.start) + WEEK_S / 2 for w, v in averaged if v is not None]
            ys = [v for _, v in averaged if v is not None]
        else:
            xs, ys = _series(records, attr, first_weekday, weekly)
        if not xs:
            continue
        plot.plot(
            xs,
            ys,
            name=name,
            pen=_pen(colour, palette.line_width, style),
            # symbols help on a short line (and in print); on years of weeks they are clutter
            symbol=symbol if len(xs) <= MAX_SYMBOL_POINTS else None,
            symbolSize=9,
            symbolBrush=pg.mkBrush(colour),
            symbolPen=pg.mkPen(palette.background),
        )
        readouts.extend(
            Readout(x, lambda n=name, y=y: f"{n}: {y:.1f}") for x, y in zip(xs, ys, strict=True)
        )
    if weekly and weeks:
        first, last = weeks[0].start, weeks[-1].start + timedelta(days=6)
    else:
        first = min(r.started_at.date() for r in records)
        last = max(r.started_at.date() for r in records)
    plot.setXRange(date_timestamp(first) - DAY_S, date_timestamp(last) + 2 * DAY_S, padding=0.02)
    plot.getAxis("bottom").setTicks([date_ticks(first, last)])
    return readouts
