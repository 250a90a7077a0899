"""The charts' shared look (pyqtgraph): text size, axes, the legend written
under the title (outside the plotted area), bars and goal lines.

Importing this module imports pyqtgraph: import it only when a chart is drawn.
"""

from __future__ import annotations

import html
import math
import weakref
from collections.abc import Sequence
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from walkback_desktop.charts.dates import MONTH_S, WEEK_S, date_ticks, date_timestamp
from walkback_desktop.charts.palette import ChartPalette
from walkback_desktop.core.stats import PeriodTotals

BAR_WIDTH = 0.72 * WEEK_S
TICK_POINT_SIZE = 11  # at the default text size, and always in print
DENSE_BARS = 30  # above this many bars, no outlines (they would swamp the bars)


def text_pt(palette: ChartPalette) -> float:
    """Chart text size: 11 pt in print; on screen it follows the app's text size
    setting (the application font), never smaller than 11 pt."""
    if palette.name == "print":
        return float(TICK_POINT_SIZE)
    app_pt = QFont().pointSizeF()
    return max(float(TICK_POINT_SIZE), round(app_pt * 1.2, 1)) if app_pt > 0 else 11.0


def max_date_labels(palette: ChartPalette, compact: bool = False) -> int:
    """How many dates fit along a chart's time axis: 8 (4 on a half-width chart)
    at the default text size, fewer as the text grows, so that German dates
    ("24. Sept.") do not run into one another at 200 %."""
    base = 4 if compact else 8
    return max(2, int(base * 13.2 / max(13.2, text_pt(palette))))


def pen(color: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> object:
    made = pg.mkPen(color=color, width=width)
    made.setStyle(style)
    return made


# What each plot was last styled with (palette, text size, y label): a redraw
# with the same look only clears the plot, since setting a pen, font or label
# again makes pyqtgraph re-typeset and lay out every axis.
_styled: weakref.WeakKeyDictionary[pg.PlotItem, tuple[object, ...]] = weakref.WeakKeyDictionary()
# The title (HTML) each plot shows, so that the same title is not set again.
_titles: weakref.WeakKeyDictionary[pg.PlotItem, str] = weakref.WeakKeyDictionary()


def prepare(plot: pg.PlotItem, palette: ChartPalette, title: str, y_label: str) -> None:
    """Clear the plot and style its axes, grid and title for the palette."""
    plot.clear()
    bottom = plot.getAxis("bottom")
    if not isinstance(bottom, pg.DateAxisItem):
        plot.setAxisItems({"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)})
    size = text_pt(palette)
    look = (palette, size, y_label, plot.getAxis("bottom"))
    if _styled.get(plot) != look:
        _style(plot, palette, size, y_label)
        _styled[plot] = look
    legend_title(plot, palette, title, ())


def _style(plot: pg.PlotItem, palette: ChartPalette, size: float, y_label: str) -> None:
    font = QFont()
    font.setPointSizeF(size)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        # no "(x1e3)" scaling of our small numbers; and without it pyqtgraph does
        # not re-typeset the axis label (HTML) on every range change
        axis.enableAutoSIPrefix(False)
        axis.setPen(pg.mkPen(palette.foreground))
        axis.setTextPen(pg.mkPen(palette.foreground))
        axis.setTickFont(font)
    plot.getAxis("left").setWidth(round(48 * size / TICK_POINT_SIZE))
    if size > TICK_POINT_SIZE:  # room for the date labels' descenders at large text
        plot.getAxis("bottom").setHeight(round(size * 2.2 + 10))
    plot.setLabel("left", y_label, color=palette.foreground, size=f"{size:g}pt")
    plot.showGrid(x=False, y=True, alpha=palette.grid_alpha)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()


def swatch(colour: str, shape: str, size: float) -> str:
    """A coloured mark for a legend written into the title (HTML)."""
    mark = {"bar": "■", "line": "━", "dash": "╍", "point": "●"}[shape]
    return f'<span style="color:{colour}; font-size:{size + 2:g}pt">{mark}</span>'


def legend_title(
    plot: pg.PlotItem, palette: ChartPalette, title: str, entries: Sequence[tuple[str, str, str]]
) -> None:
    """The title with the legend on a line under it: outside the plotted area,
    so it never covers a bar or a point. `entries`: (label, colour, shape)."""
    size = text_pt(palette)
    items = "&nbsp;&nbsp;&nbsp;".join(
        f"{swatch(colour, shape, size)}&nbsp;{html.escape(label)}"
        for label, colour, shape in entries
    )
    head = f'<span style="font-size:{size + 2:g}pt; font-weight:bold">{html.escape(title)}</span>'
    legend = f'<span style="font-size:{size:g}pt">{items}</span>' if items else ""
    text = (
        f'<span style="color:{palette.foreground}">{head}<br>{legend}</span>'
        if legend
        else f'<span style="color:{palette.foreground}">{head}</span>'
    )
    if _titles.get(plot) == text:
        return
    _titles[plot] = text
    plot.setTitle(text)
    # pyqtgraph gives the title row a fixed 30 px: make it as tall as the text
    # (two lines, at any text size), so it is neither cut nor drawn over the plot
    height = math.ceil(plot.titleLabel.item.boundingRect().height()) + 2
    plot.titleLabel.setMaximumHeight(height)
    no_minimum_width(plot.titleLabel)
    plot.layout.setRowFixedHeight(0, height)


def no_minimum_width(label: pg.LabelItem) -> None:
    """A long title or legend must not widen the plot (and the whole view) beyond
    the window: LabelItem sets its minimum width to its text's on every resize."""
    label.updateMin = lambda: label.setMinimumHeight(label.itemRect().height())
    label.setMinimumWidth(0)


def set_week_range(plot: pg.PlotItem, first: date, last: date, max_labels: int = 8) -> None:
    plot.setXRange(date_timestamp(first) - 0.2 * WEEK_S, date_timestamp(last) + WEEK_S, padding=0)
    plot.getAxis("bottom").setTicks(
        [date_ticks(first, last, max_labels, week_offset_s=WEEK_S / 2)]
    )


def bars(
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
    edge = pg.mkPen(palette.bar_edge, width=1) if count <= DENSE_BARS else pg.mkPen(None)
    item = pg.BarGraphItem(
        x=list(xs),
        height=list(heights),
        y0=list(base) if base is not None else 0,
        width=width,
        brush=pg.mkBrush(colour),
        pen=edge,
    )
    plot.addItem(item)


def split(
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


def goal_line(
    plot: pg.PlotItem, value: float, palette: ChartPalette, first: date, last: date
) -> None:
    if value <= 0:
        return
    plot.plot(
        [date_timestamp(first) - WEEK_S, date_timestamp(last) + 2 * WEEK_S],
        [value, value],
        pen=pen(palette.goal, palette.line_width, palette.goal_style),
    )


def x_range(
    plot: pg.PlotItem,
    periods: Sequence[PeriodTotals],
    monthly: bool,
    palette: ChartPalette,
    compact: bool = False,
) -> None:
    """Half-width charts (`compact`) get half as many date labels."""
    max_labels = max_date_labels(palette, compact)
    first, last = periods[0].start, periods[-1].start
    if monthly:
        plot.setXRange(
            date_timestamp(first) - 0.2 * MONTH_S, date_timestamp(last) + MONTH_S, padding=0
        )
        plot.getAxis("bottom").setTicks([date_ticks(first, last, max_labels)])
    else:
        set_week_range(plot, first, last, max_labels)
