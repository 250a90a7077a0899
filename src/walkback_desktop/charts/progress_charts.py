"""The Progress page's chart panel: four pyqtgraph plots, hover read-outs and
PNG export. Importing this module imports pyqtgraph, so the page imports it
only when it is first shown."""

from __future__ import annotations

from collections.abc import Sequence
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

    def __init__(self, parent: QWidget | None = None, *, single_column: bool = False) -> None:
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setAccessibleName(_("Progress charts"))
        self.view.ci.setSpacing(14)
        self.view.ci.setContentsMargins(6, 6, 6, 6)
        date_axis = {"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)}
        self.backward_plot = self.view.addPlot(
            row=0, col=0, colspan=2, axisItems=date_axis, enableMenu=False
        )
        # at large text sizes the sessions and kcal charts get a row each (side by
        # side their titles and legends would not fit)
        kcal_at = (2, 0, 2) if single_column else (1, 1, 1)
        self.sessions_plot = self.view.addPlot(
            row=1,
            col=0,
            colspan=2 if single_column else 1,
            axisItems={"bottom": pg.DateAxisItem(utcOffset=0)},
            enableMenu=False,
        )
        self.kcal_plot = self.view.addPlot(
            row=kcal_at[0],
            col=kcal_at[1],
            colspan=kcal_at[2],
            axisItems={"bottom": pg.DateAxisItem(utcOffset=0)},
            enableMenu=False,
        )
        self.pain_plot = self.view.addPlot(
            row=3 if single_column else 2,
            col=0,
            colspan=2,
            axisItems={"bottom": pg.DateAxisItem(utcOffset=0)},
            enableMenu=False,
        )
        self.single_column = single_column
        self._readouts: dict[object, list[Readout]] = {}
        self._tolerance: dict[object, float] = {}
        self.view.scene().sigMouseMoved.connect(self._on_mouse_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def plots(self) -> list[pg.PlotItem]:
        return [self.backward_plot, self.sessions_plot, self.kcal_plot, self.pain_plot]

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
        self.title = title
        self._palette = palette
        monthly = bool(months)
        periods = months if monthly else weeks
        self.view.setBackground(palette.background)
        self._readouts = {
            self.backward_plot: plot_backward(
                self.backward_plot, periods, goal, palette, monthly=monthly
            ),
            self.sessions_plot: plot_sessions(
                self.sessions_plot,
                periods,
                goal,
                palette,
                monthly=monthly,
                compact=not self.single_column,
            ),
            self.kcal_plot: plot_kcal(
                self.kcal_plot, periods, palette, monthly=monthly, compact=not self.single_column
            ),
            self.pain_plot: plot_pain_rpe(
                self.pain_plot,
                records,
                palette,
                first_weekday=first_weekday,
                weeks=weeks,
                months=months or None,
                rated=rated,
            ),
        }
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
