"""The 3-m Backward Walk Test trend: one point per stored result, and the
published screening references as dashed horizontal lines named with their
source (legend and tooltip).

pyqtgraph is imported when the first chart is made, so the Progress page can
import this module at start-up for free:

    from walkback_desktop.charts.walk_test_chart import WalkTestChart
    layout.addWidget(WalkTestChart(store.assessments.list))

Lower is better (a faster walk), so the y axis starts at 0 and the reference
lines sit above a good result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from walkback_desktop.charts.palette import LIGHT, ChartPalette
from walkback_desktop.core.assessments import REFERENCES, AssessmentResult, ReferenceValue
from walkback_desktop.i18n import N_, _, formats

_SHORT = {
    "carter-2019": ("Carter 2019", N_("community-dwelling older adults")),
    "polo-ferrero-2025": ("Polo-Ferrero 2025", N_("community-dwelling older adults")),
    "kapan-2025": ("Kapan 2025", N_("nursing-home residents")),
}
# Line styles tell the references apart without colour.
_STYLES = (Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)


def _day_number(moment: datetime) -> float:
    """The walker's local calendar date as a day number (days since 1970-01-01).

    Days, not Unix seconds: Qt draws lines in single precision, and a
    straight line between two timestamps near 1.7e9 comes out bent.
    """
    return float((moment.date() - _EPOCH).days)


_EPOCH = date(1970, 1, 1)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day_axis(pg: Any) -> Any:
    """A bottom axis that labels day numbers as dates."""

    class DayAxis(pg.AxisItem):
        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
            return [
                QLocale().toString(_qdate(_EPOCH + timedelta(days=round(v))), "d MMM yy")
                for v in values
            ]

    return DayAxis(orientation="bottom")


def reference_label(ref: ReferenceValue) -> str:
    short, population = _SHORT.get(ref.key, (ref.key, ref.population))
    return _("{seconds} s: {population} ({source})").format(
        seconds=formats.decimal(ref.seconds, 2), population=_(population), source=short
    )


def reference_tooltip() -> str:
    lines = [_("Screening references, not a diagnosis: times at or above a line were")]
    lines.append(_("associated with falls in that study's group."))
    for ref in REFERENCES:
        lines.append(f"{formats.decimal(ref.seconds, 2)} s: {ref.population}. {ref.source}.")
    return "\n".join(lines)


class WalkTestChart(QWidget):
    """The trend of 3MBWT results; `refresh()` re-reads through `load`."""

    def __init__(
        self,
        load: Callable[[], Sequence[AssessmentResult]],
        parent: QWidget | None = None,
        *,
        palette: ChartPalette = LIGHT,
    ) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        self._load = load
        self.chart_palette = palette
        self.setAccessibleName(_("3-m Backward Walk Test trend"))
        # no context menus (they are built eagerly and cost a tenth of the page)
        self.view = pg.PlotWidget(axisItems={"bottom": _day_axis(pg)}, enableMenu=False)
        self.view.setAccessibleName(_("3-m Backward Walk Test trend"))
        self.view.setToolTip(reference_tooltip())
        self.plot: Any = self.view.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.legend = self.plot.addLegend(offset=(10, -10))  # bottom left: below the data
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self.points: list[tuple[float, float]] = []
        self.reference_lines: list[Any] = []
        self.refresh()

    def set_palette(self, palette: ChartPalette) -> None:
        if palette is not self.chart_palette:
            self.chart_palette = palette
            self.refresh()

    def refresh(self) -> None:
        pg = self._pg
        pal = self.chart_palette
        results = sorted(self._load(), key=lambda r: r.taken_at)
        plot = self.plot
        plot.clear()
        legend = self.legend
        legend.clear()
        self.view.setBackground(pal.background)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(pal.foreground))
            axis.setTextPen(pg.mkPen(pal.foreground))
        # the axis says the unit, the title that lower is better: "seconds (lower
        # is better)" along the axis did not fit its height at large text sizes
        plot.setLabel("left", _("seconds"), color=pal.foreground)
        plot.setTitle(
            _("3-m Backward Walk Test (seconds, lower is better)"),
            color=pal.foreground,
            size=f"{self.font().pointSizeF():.0f}pt",
        )
        plot.showGrid(x=False, y=True, alpha=pal.grid_alpha)
        legend.setLabelTextColor(pal.foreground)
        legend.setLabelTextSize(f"{self.font().pointSizeF():.0f}pt")  # follows the text size
        legend.setBrush(pg.mkBrush(pal.background))
        self.points = [(_day_number(r.taken_at), r.seconds) for r in results]
        if self.points:
            xs = [p[0] for p in self.points]
            ys = [p[1] for p in self.points]
            plot.plot(
                xs,
                ys,
                pen=pg.mkPen(pal.rpe, width=pal.line_width),
                symbol="o",
                symbolSize=11,
                symbolBrush=pg.mkBrush(pal.rpe),
                symbolPen=pg.mkPen(pal.background),
                name=_("Your result"),
            )
        self.reference_lines = []
        for style, ref in zip(_STYLES, REFERENCES, strict=False):
            pen = pg.mkPen(pal.goal, width=2, style=style)
            line = pg.InfiniteLine(pos=ref.seconds, angle=0, pen=pen, movable=False)
            line.setToolTip(f"{reference_label(ref)}\n{ref.source}")
            plot.addItem(line)
            legend.addItem(pg.PlotDataItem([0], [0], pen=pen), reference_label(ref))
            self.reference_lines.append(line)
        top = max([p[1] for p in self.points] + [r.seconds for r in REFERENCES]) * 1.15
        plot.setYRange(0, top, padding=0)
        if self.points:
            first, last = self.points[0][0], self.points[-1][0]
            span = max(last - first, 14.0)
            plot.setXRange(first - span * 0.08, first + span * 1.08, padding=0)
            best = min(results, key=lambda r: r.seconds)
            self.summary.setText(
                _("{n} results; latest {latest} s, fastest {best} s.").format(
                    n=len(results),
                    latest=formats.decimal(results[-1].seconds, 1),
                    best=formats.decimal(best.seconds, 1),
                )
                + " "
                + _("The lines are screening references from published studies, not a diagnosis.")
            )
        else:
            self.summary.setText(
                _("No 3-m Backward Walk Test results yet. Take the test to see your trend here.")
            )
