"""The Progress page's chart panel: four pyqtgraph plots, hover read-outs and
PNG export. Importing this module imports pyqtgraph, so the page imports it
only when it is first shown."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QIODevice, QPointF, QRectF, QSaveFile, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from walkback_desktop.charts.palette import ChartPalette
from walkback_desktop.charts.plots import (
    DAY_S,
    MAX_SESSION_POINTS,
    MONTH_S,
    WEEK_S,
    Readout,
    date_timestamp,
    plot_backward,
    plot_kcal,
    plot_pain_rpe,
    plot_sessions,
)
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.stats import PeriodTotals, WeeklyGoal
from walkback_desktop.i18n import _

EXPORT_WIDTH_PX = 1600


class ProgressCharts(QWidget):
    """Weekly backward minutes (with the goal), sessions, kcal, pain and RPE."""

    readout_changed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        single_column: bool = False,
        stepwise: bool = False,
    ) -> None:
        """With `stepwise`, the four plots (25-35 ms each) are added one per
        `build_step()` call, so that idle time can build them between other
        events; anything that needs them first adds the rest."""
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setAccessibleName(_("Progress charts"))
        self.view.ci.setSpacing(14)
        self.view.ci.setContentsMargins(6, 6, 6, 6)
        self.single_column = single_column
        # (row, col, colspan) of each plot; at large text sizes the sessions and
        # kcal charts get a row each (side by side their titles and legends would
        # not fit)
        self._places = [
            (0, 0, 2),
            (1, 0, 2 if single_column else 1),
            (2, 0, 2) if single_column else (1, 1, 1),
            (3 if single_column else 2, 0, 2),
        ]
        self._plots: list[pg.PlotItem] = []
        self._readouts: dict[object, list[Readout]] = {}
        self._tolerance: dict[object, float] = {}
        self.view.scene().sigMouseMoved.connect(self._on_mouse_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        if not stepwise:
            self.finish_building()

    def build_step(self) -> bool:
        """Add the next plot; False once all four are in."""
        if len(self._plots) == len(self._places):
            return False
        row, col, colspan = self._places[len(self._plots)]
        plot = self.view.addPlot(
            row=row,
            col=col,
            colspan=colspan,
            axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)},
            enableMenu=False,
        )
        for name in ("left", "bottom", "top", "right"):
            # no "(x1e3)" scaling of our small numbers; and without it pyqtgraph
            # does not re-typeset each axis label (HTML) on every range change,
            # the hidden top and right axes included
            plot.getAxis(name).enableAutoSIPrefix(False)
        self._plots.append(plot)
        return True

    def finish_building(self) -> None:
        while self.build_step():
            pass

    @property
    def backward_plot(self) -> pg.PlotItem:
        return self.plots()[0]

    @property
    def sessions_plot(self) -> pg.PlotItem:
        return self.plots()[1]

    @property
    def kcal_plot(self) -> pg.PlotItem:
        return self.plots()[2]

    @property
    def pain_plot(self) -> pg.PlotItem:
        return self.plots()[3]

    def plots(self) -> list[pg.PlotItem]:
        """Backward minutes, sessions, kcal, pain and effort (all built)."""
        self.finish_building()
        return self._plots

    def redraw(
        self,
        weeks: Sequence[PeriodTotals],
        records: Sequence[SessionRecord],
        goal: WeeklyGoal,
        palette: ChartPalette,
        *,
        first_weekday: int = 0,
        months: Sequence[PeriodTotals] = (),
        title: str = "",
        rated: int | None = None,
    ) -> None:
        """Weekly charts, or monthly ones when `months` is given (a long period).
        `rated`: the sessions with a pain or effort rating in the period, when
        known (then `records` need hold only those, see `plot_pain_rpe`)."""
        for _step in self.redraw_steps(
            weeks,
            records,
            goal,
            palette,
            first_weekday=first_weekday,
            months=months,
            title=title,
            rated=rated,
        ):
            pass

    def redraw_steps(
        self,
        weeks: Sequence[PeriodTotals],
        records: Sequence[SessionRecord],
        goal: WeeklyGoal,
        palette: ChartPalette,
        *,
        first_weekday: int = 0,
        months: Sequence[PeriodTotals] = (),
        title: str = "",
        rated: int | None = None,
    ) -> Iterator[None]:
        """`redraw` one plot per step (for idle time, 5-15 ms each)."""
        self.title = title
        self._palette = palette
        monthly = bool(months)
        periods = months if monthly else weeks
        compact = not self.single_column
        self.view.setBackground(palette.background)
        readouts = {
            self.backward_plot: plot_backward(
                self.backward_plot, periods, goal, palette, monthly=monthly
            )
        }
        yield
        readouts[self.sessions_plot] = plot_sessions(
            self.sessions_plot, periods, goal, palette, monthly=monthly, compact=compact
        )
        yield
        readouts[self.kcal_plot] = plot_kcal(
            self.kcal_plot, periods, palette, monthly=monthly, compact=compact
        )
        yield
        readouts[self.pain_plot] = plot_pain_rpe(
            self.pain_plot,
            records,
            palette,
            first_weekday=first_weekday,
            weeks=weeks,
            months=months or None,
            rated=rated,
        )
        self._readouts = readouts
        span = MONTH_S if monthly else WEEK_S
        self._tolerance = {plot: span / 2 for plot in self._readouts}
        if not monthly:
            many = (len(records) if rated is None else rated) > MAX_SESSION_POINTS
            self._tolerance[self.pain_plot] = WEEK_S / 2 if many else 2 * DAY_S
        if periods:
            # keep the pain chart's dates in step with the bar charts
            self.pain_plot.setXRange(
                date_timestamp(periods[0].start) - 0.2 * span,
                date_timestamp(periods[-1].start) + span,
                padding=0,
            )

    # --- hover read-outs ---------------------------------------------------------
    def readout_at(self, plot: pg.PlotItem, x: float) -> str:
        """What the charts say near time `x` on `plot` ('' when nothing is near)."""
        readouts = self._readouts.get(plot) or []
        if not readouts:
            return ""
        best = min(readouts, key=lambda r: abs(r.x - x))
        if abs(best.x - x) > self._tolerance.get(plot, WEEK_S / 2):
            return ""
        same = [r.text for r in readouts if r.x == best.x]
        return "   ".join(same)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        for plot in self.plots():
            if plot.sceneBoundingRect().contains(scene_pos):
                x = plot.vb.mapSceneToView(scene_pos).x()
                self.readout_changed.emit(self.readout_at(plot, x))
                return
        self.readout_changed.emit("")

    # --- export ------------------------------------------------------------------------
    def save_png(self, path: Path | str, width_px: int = EXPORT_WIDTH_PX) -> None:
        """Save every chart as one PNG (pyqtgraph's ImageExporter) under a band
        with the title and date range, written atomically (QSaveFile)."""
        self.finish_building()
        exporter = ImageExporter(self.view.ci)
        exporter.parameters()["width"] = width_px
        charts = exporter.export(toBytes=True)
        band = max(48, width_px // 24)
        image = QImage(charts.width(), charts.height() + band, QImage.Format.Format_RGB32)
        palette = getattr(self, "_palette", None)
        image.fill(QColor(palette.background if palette else "#ffffff"))
        painter = QPainter(image)
        try:
            font = QFont()
            font.setPixelSize(band // 2)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor(palette.foreground if palette else "#000000"))
            painter.drawText(
                QRectF(band / 3, 0, charts.width() - band / 3, band),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                getattr(self, "title", ""),
            )
            painter.drawImage(0, band, charts)
        finally:
            painter.end()
        target = QSaveFile(str(path))
        if not target.open(QIODevice.OpenModeFlag.WriteOnly):
            raise OSError(target.errorString())
        if not image.save(target, "PNG") or not target.commit():  # type: ignore[call-overload]
            target.cancelWriting()
            raise OSError(target.errorString() or f"cannot write {path}")
