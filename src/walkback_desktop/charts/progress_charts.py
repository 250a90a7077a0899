"""The Progress page's chart panel: four pyqtgraph plots, hover read-outs and
PNG export. Importing this module imports pyqtgraph, so the page imports it
only when it is first shown."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from walkback_desktop.charts.palette import ChartPalette
from walkback_desktop.charts.plots import (
    DAY_S,
    WEEK_S,
    Readout,
    date_timestamp,
    plot_pain_rpe,
    plot_weekly_backward,
    plot_weekly_kcal,
    plot_weekly_sessions,
)
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.stats import PeriodTotals, WeeklyGoal

EXPORT_WIDTH_PX = 1600


class ProgressCharts(QWidget):
    """Weekly backward minutes (with the goal), sessions, kcal, pain and RPE."""

    readout_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setAccessibleName("Progress charts")
        self.view.ci.setSpacing(14)
        self.view.ci.setContentsMargins(6, 6, 6, 6)
        date_axis = {"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)}
        self.backward_plot = self.view.addPlot(row=0, col=0, colspan=2, axisItems=date_axis)
        self.sessions_plot = self.view.addPlot(
            row=1, col=0, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)}
        )
        self.kcal_plot = self.view.addPlot(
            row=1, col=1, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)}
        )
        self.pain_plot = self.view.addPlot(
            row=2, col=0, colspan=2, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)}
        )
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
    ) -> None:
        self.view.setBackground(palette.background)
        self._readouts = {
            self.backward_plot: plot_weekly_backward(
                self.backward_plot, weeks, goal.backward_min, palette
            ),
            self.sessions_plot: plot_weekly_sessions(
                self.sessions_plot, weeks, goal.sessions, palette
            ),
            self.kcal_plot: plot_weekly_kcal(self.kcal_plot, weeks, palette),
            self.pain_plot: plot_pain_rpe(
                self.pain_plot, records, palette, first_weekday=first_weekday, weeks=weeks
            ),
        }
        self._tolerance = {plot: WEEK_S / 2 for plot in self._readouts}
        self._tolerance[self.pain_plot] = WEEK_S / 2 if len(records) > 60 else 2 * DAY_S
        if weeks:
            # keep the pain chart's dates in step with the weekly charts
            self.pain_plot.setXRange(
                date_timestamp(weeks[0].start) - 0.2 * WEEK_S,
                date_timestamp(weeks[-1].start) + WEEK_S,
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
        """Save every chart as one PNG through pyqtgraph's ImageExporter."""
        exporter = ImageExporter(self.view.ci)
        exporter.parameters()["width"] = width_px
        exporter.export(str(path))


def is_dark_scheme() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
