"""Pure "populate" functions: each fills a given pyqtgraph PlotItem.

The Progress page and the printable report draw the same charts through
these functions, with a `ChartPalette` (LIGHT, DARK or PRINT). The x axis is
time: each point sits at a timestamp of a local calendar date taken as UTC
midnight, so a `DateAxisItem(utcOffset=0)` labels it with that same date
whatever the machine's time zone is.

This module imports pyqtgraph: import it only when a chart is first shown.
It is longer than our usual 400 lines because every chart shares the same
axis, legend-in-the-title and weekly/monthly helpers; splitting it would
scatter one visual language over several files.
"""

from __future__ import annotations

import calendar
import html
import itertools
import math
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from walkback_desktop.charts.palette import DARK, LIGHT, PRINT, ChartPalette
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.stats import PeriodTotals, WeeklyGoal, week_start
from walkback_desktop.i18n import _, formats, ngettext

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
MAX_SYMBOL_POINTS = 60
TICK_POINT_SIZE = 11  # at the default text size, and always in print


def text_pt(palette: ChartPalette) -> float:
    """Chart text size: 11 pt in print; on screen it follows the app's text size
    setting (the application font), never smaller than 11 pt."""
    if palette.name == "print":
        return float(TICK_POINT_SIZE)
    app_pt = QFont().pointSizeF()
    return max(float(TICK_POINT_SIZE), round(app_pt * 1.2, 1)) if app_pt > 0 else 11.0


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
    font.setPointSizeF(text_pt(palette))
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(palette.foreground))
        axis.setTextPen(pg.mkPen(palette.foreground))
        axis.setTickFont(font)
    size = text_pt(palette)
    plot.getAxis("left").setWidth(round(48 * size / TICK_POINT_SIZE))
    if size > TICK_POINT_SIZE:  # room for the date labels' descenders at large text
        plot.getAxis("bottom").setHeight(round(size * 2.2 + 10))
    plot.setLabel("left", y_label, color=palette.foreground, size=f"{text_pt(palette):g}pt")
    _legend_title(plot, palette, title, ())
    plot.showGrid(x=False, y=True, alpha=palette.grid_alpha)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()


def _swatch(colour: str, shape: str, size: float) -> str:
    """A coloured mark for a legend written into the title (HTML)."""
    mark = {"bar": "■", "line": "━", "dash": "╍", "point": "●"}[shape]
    return f'<span style="color:{colour}; font-size:{size + 2:g}pt">{mark}</span>'


def _legend_title(
    plot: pg.PlotItem, palette: ChartPalette, title: str, entries: Sequence[tuple[str, str, str]]
) -> None:
    """The title with the legend on a line under it: outside the plotted area,
    so it never covers a bar or a point. `entries`: (label, colour, shape)."""
    size = text_pt(palette)
    items = "&nbsp;&nbsp;&nbsp;".join(
        f"{_swatch(colour, shape, size)}&nbsp;{html.escape(label)}"
        for label, colour, shape in entries
    )
    head = f'<span style="font-size:{size + 2:g}pt; font-weight:bold">{html.escape(title)}</span>'
    legend = f'<span style="font-size:{size:g}pt">{items}</span>' if items else ""
    plot.setTitle(
        f'<span style="color:{palette.foreground}">{head}<br>{legend}</span>'
        if legend
        else f'<span style="color:{palette.foreground}">{head}</span>'
    )
    # pyqtgraph gives the title row a fixed 30 px: make it as tall as the text
    # (two lines, at any text size), so it is neither cut nor drawn over the plot
    height = math.ceil(plot.titleLabel.item.boundingRect().height()) + 2
    plot.titleLabel.setMaximumHeight(height)
    _no_minimum_width(plot.titleLabel)
    plot.layout.setRowFixedHeight(0, height)


def _no_minimum_width(label: pg.LabelItem) -> None:
    """A long title or legend must not widen the plot (and the whole view) beyond
    the window: LabelItem sets its minimum width to its text's on every resize."""
    label.updateMin = lambda: label.setMinimumHeight(label.itemRect().height())
    label.setMinimumWidth(0)


def _set_x_range(plot: pg.PlotItem, first: date, last: date, max_labels: int = 8) -> None:
    plot.setXRange(date_timestamp(first) - 0.2 * WEEK_S, date_timestamp(last) + WEEK_S, padding=0)
    plot.getAxis("bottom").setTicks(
        [date_ticks(first, last, max_labels, week_offset_s=WEEK_S / 2)]
    )


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


MONTH_S = 30.44 * DAY_S
DENSE_BARS = 30  # above this many bars, no outlines (they would swamp the bars)


def _period_x(period: PeriodTotals, monthly: bool) -> float:
    span = MONTH_S if monthly else WEEK_S
    return date_timestamp(period.start) + span / 2


def _bars(
    plot: pg.PlotItem,
    xs: Sequence[float],
    heights: Sequence[float],
    colour: str,
    palette: ChartPalette,
    *,
    monthly: bool,
    count: int,
    base: Sequence[float] | None = None,
) -> None:
    if not xs:
        return
    width = (0.72 * MONTH_S) if monthly else BAR_WIDTH
    pen = pg.mkPen(palette.bar_edge, width=1) if count <= DENSE_BARS else pg.mkPen(None)
    bars = pg.BarGraphItem(
        x=list(xs),
        height=list(heights),
        y0=list(base) if base is not None else 0,
        width=width,
        brush=pg.mkBrush(colour),
        pen=pen,
    )
    plot.addItem(bars)


def _split(
    xs: Sequence[float], values: Sequence[float], met: Sequence[bool]
) -> tuple[tuple[list[float], list[float]], tuple[list[float], list[float]]]:
    yes = (
        [x for x, m in zip(xs, met, strict=True) if m],
        [v for v, m in zip(values, met, strict=True) if m],
    )
    no = (
        [x for x, m in zip(xs, met, strict=True) if not m],
        [v for v, m in zip(values, met, strict=True) if not m],
    )
    return yes, no


def _goal_line(
    plot: pg.PlotItem, value: float, palette: ChartPalette, first: date, last: date
) -> None:
    if value <= 0:
        return
    plot.plot(
        [date_timestamp(first) - WEEK_S, date_timestamp(last) + 2 * WEEK_S],
        [value, value],
        pen=_pen(palette.goal, palette.line_width, palette.goal_style),
    )


def _week_label(week: PeriodTotals) -> str:
    end = week.start + timedelta(days=6)
    return f"{week.start:%d %b} – {end:%d %b %Y}"


def period_label(period: PeriodTotals, monthly: bool) -> str:
    return f"{period.start:%b %Y}" if monthly else _week_label(period)


def sessions_text(n: int) -> str:
    return ngettext("{n} session", "{n} sessions", n).format(n=n)


def _x_range(
    plot: pg.PlotItem, periods: Sequence[PeriodTotals], monthly: bool, compact: bool = False
) -> None:
    """Half-width charts (`compact`) get half as many date labels."""
    max_labels = 4 if compact else 8
    first, last = periods[0].start, periods[-1].start
    if monthly:
        plot.setXRange(
            date_timestamp(first) - 0.2 * MONTH_S, date_timestamp(last) + MONTH_S, padding=0
        )
        plot.getAxis("bottom").setTicks([date_ticks(first, last, max_labels)])
    else:
        _set_x_range(plot, first, last, max_labels)


def plot_backward(
    plot: pg.PlotItem,
    periods: Sequence[PeriodTotals],
    goal: WeeklyGoal,
    palette: ChartPalette,
    *,
    monthly: bool = False,
) -> list[Readout]:
    """Backward minutes per week -- a week that met the goal (`WeeklyGoal.met_by`:
    completed sessions and minutes) in the 'met' colour, the minutes goal as a
    dashed line -- or, for a long period, per month in one colour."""
    title = _("Backward minutes per month") if monthly else _("Backward minutes per week")
    _prepare(plot, palette, title, _("minutes"))
    if not periods:
        return []
    values = [p.backward_min for p in periods]
    xs = [_period_x(p, monthly) for p in periods]
    if monthly:
        _legend_title(plot, palette, title, ((_("Backward minutes"), palette.bar, "bar"),))
        _bars(plot, xs, values, palette.bar, palette, monthly=True, count=len(xs))
        top = max([*values, 1.0])
    else:
        met = [goal.met_by(p) for p in periods]
        (mx, mv), (bx, bv) = _split(xs, values, met)
        _bars(plot, mx, mv, palette.bar_met, palette, monthly=False, count=len(xs))
        _bars(plot, bx, bv, palette.bar, palette, monthly=False, count=len(xs))
        entries = [
            (_("Goal reached"), palette.bar_met, "bar"),
            (_("Below goal"), palette.bar, "bar"),
        ]
        if goal.backward_min > 0:
            entries.append(
                (_("Goal {minutes} min").format(minutes=goal.backward_min), palette.goal, "dash")
            )
            _goal_line(plot, goal.backward_min, palette, periods[0].start, periods[-1].start)
        _legend_title(plot, palette, title, entries)
        top = max([*values, float(goal.backward_min), 1.0])
    plot.setYRange(0, top * 1.08, padding=0)
    _x_range(plot, periods, monthly)
    return [
        Readout(
            x,
            lambda p=p: _("{period}: {minutes} backward, {sessions}").format(  # type: ignore[misc]
                period=period_label(p, monthly),
                minutes=formats.minutes(p.backward_s),
                sessions=sessions_text(p.sessions),
            ),
        )
        for x, p in zip(xs, periods, strict=True)
    ]


def plot_sessions(
    plot: pg.PlotItem,
    periods: Sequence[PeriodTotals],
    goal: WeeklyGoal,
    palette: ChartPalette,
    *,
    monthly: bool = False,
    compact: bool = False,
) -> list[Readout]:
    """Completed sessions per week (coloured by `WeeklyGoal.met_by`, the session
    goal as a line) with sessions finished early stacked on top in grey."""
    title = _("Sessions per month") if monthly else _("Sessions per week")
    _prepare(plot, palette, title, _("sessions"))
    if not periods:
        return []
    xs = [_period_x(p, monthly) for p in periods]
    done = [float(p.completed_sessions) for p in periods]
    early = [float(p.unfinished_sessions) for p in periods]
    if monthly:
        _bars(plot, xs, done, palette.sessions, palette, monthly=True, count=len(xs))
        entries = [(_("Completed"), palette.sessions, "bar")]
    else:
        met = [goal.met_by(p) for p in periods]
        (mx, mv), (bx, bv) = _split(xs, done, met)
        _bars(plot, mx, mv, palette.bar_met, palette, monthly=False, count=len(xs))
        _bars(plot, bx, bv, palette.bar, palette, monthly=False, count=len(xs))
        entries = [
            (_("Goal reached"), palette.bar_met, "bar"),
            (_("Below goal"), palette.bar, "bar"),
        ]
    stacked = [(x, e, d) for x, e, d in zip(xs, early, done, strict=True) if e > 0]
    if stacked:
        _bars(
            plot,
            [x for x, _e, _d in stacked],
            [e for _x, e, _d in stacked],
            palette.early,
            palette,
            monthly=monthly,
            count=len(xs),
            base=[d for _x, _e, d in stacked],
        )
        entries.append((_("Finished early"), palette.early, "bar"))
    if not monthly and goal.sessions > 0:
        _goal_line(plot, goal.sessions, palette, periods[0].start, periods[-1].start)
        entries.append((_("Goal {n}").format(n=goal.sessions), palette.goal, "dash"))
    _legend_title(plot, palette, title, entries)
    totals = [d + e for d, e in zip(done, early, strict=True)]
    plot.setYRange(0, max([*totals, 0.0 if monthly else goal.sessions, 1.0]) * 1.1, padding=0)
    _x_range(plot, periods, monthly, compact)
    return [
        Readout(
            x,
            lambda p=p: _("{period}: {sessions}, {completed} completed").format(  # type: ignore[misc]
                period=period_label(p, monthly),
                sessions=sessions_text(p.sessions),
                completed=p.completed_sessions,
            ),
        )
        for x, p in zip(xs, periods, strict=True)
    ]


def plot_kcal(
    plot: pg.PlotItem,
    periods: Sequence[PeriodTotals],
    palette: ChartPalette,
    *,
    monthly: bool = False,
    compact: bool = False,
) -> list[Readout]:
    """Bars of kilocalories per week or month (estimated where a session had none)."""
    title = _("Energy per month (kcal)") if monthly else _("Energy per week (kcal)")
    _prepare(plot, palette, title, _("kcal"))
    if not periods:
        return []
    values = [p.kcal for p in periods]
    xs = [_period_x(p, monthly) for p in periods]
    _bars(plot, xs, values, palette.kcal, palette, monthly=monthly, count=len(xs))
    plot.setYRange(0, max([*values, 1.0]) * 1.1, padding=0)
    _x_range(plot, periods, monthly, compact)
    return [
        Readout(
            x,
            lambda p=p: _("{period}: about {kcal} kcal").format(  # type: ignore[misc]
                period=period_label(p, monthly), kcal=f"{formats.round_half_up(p.kcal):.0f}"
            ),
        )
        for x, p in zip(xs, periods, strict=True)
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
    months: Sequence[PeriodTotals] | None = None,
) -> list[Readout]:
    """Pain and effort (RPE), 0-10, over dates: one point per session, weekly
    averages when there are more than MAX_SESSION_POINTS rated sessions (taken
    from `weeks`' averages when given, which saves regrouping many sessions),
    or monthly averages when `months` is given (a long period)."""
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
    _prepare(plot, palette, title, "0 – 10")
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
            xs = [_period_x(p, monthly) for p, v in averaged if v is not None]
            ys = [v for _p, v in averaged if v is not None]
        else:
            xs, ys = _series(records, attr, first_weekday, weekly)
        if not xs:
            continue
        plot.plot(
            xs,
            ys,
            pen=_pen(colour, palette.line_width, style),
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
    _legend_title(plot, palette, title, entries)
    if (weekly or monthly) and periods:
        first, last = periods[0].start, periods[-1].start + timedelta(days=6)
    else:
        first = min(r.started_at.date() for r in records)
        last = max(r.started_at.date() for r in records)
    plot.setXRange(date_timestamp(first) - DAY_S, date_timestamp(last) + 2 * DAY_S, padding=0.02)
    plot.getAxis("bottom").setTicks([date_ticks(first, last)])
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
    _prepare(plot, palette, title, _("seconds"))
    if not results:
        return []
    xs = [date_timestamp(day) for day, _s in results]
    ys = [seconds for _d, seconds in results]
    plot.plot(
        xs,
        ys,
        pen=_pen(palette.rpe, palette.line_width),
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
            pen=_pen(palette.goal, palette.line_width, palette.goal_style),
        )
        entries.append(
            (
                _("Reference {seconds} s").format(seconds=formats.decimal(reference_s, 2)),
                palette.goal,
                "dash",
            )
        )
    _legend_title(plot, palette, title, entries)
    top = max([*ys, reference_s or 0.0, 1.0])
    plot.setYRange(0, top * 1.15, padding=0)
    plot.setXRange(xs[0] - 7 * DAY_S, xs[-1] + 7 * DAY_S, padding=0)
    plot.getAxis("bottom").setTicks([date_ticks(first, last)])
    return [Readout(x, f"{y:.2f} s") for x, y in zip(xs, ys, strict=True)]
