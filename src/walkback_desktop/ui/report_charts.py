"""The report's charts: the Progress page's pyqtgraph charts (charts.plots)
drawn with the PRINT palette into images at print resolution.

This glue lives above both `charts` and `report` (which the layer contract
keeps independent of each other); the report takes it as its chart renderer.
pyqtgraph is imported only when a report with charts is made.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from walkback_desktop.report.data import ReportData
from walkback_desktop.report.render import ChartSize, RenderedCharts

# The charts are drawn as on a screen this many pixels wide, then scaled to the
# printed width: their 11 pt screen fonts come out at about 8 pt on paper.
LOGICAL_WIDTH = 880


def render_report_charts(data: ReportData, size: ChartSize) -> RenderedCharts:
    from walkback_desktop.charts.palette import PRINT
    from walkback_desktop.charts.plots import plot_pain_rpe, plot_weekly_backward

    weekly = _render(
        lambda plot: plot_weekly_backward(plot, data.weeks, data.goal.backward_min, PRINT),
        size,
        PRINT.background,
    )

    def pain_rpe(plot: object) -> None:
        plot_pain_rpe(plot, data.records, PRINT, first_weekday=data.first_weekday)
        _same_dates_as_weeks(plot, data)

    pain = _render(pain_rpe, size, PRINT.background)
    return RenderedCharts(weekly=weekly, pain_rpe=pain)


def _same_dates_as_weeks(plot: object, data: ReportData) -> None:
    """Give the pain chart the weekly chart's time axis, so a week sits at the
    same place on both (the page shows them one above the other)."""
    from walkback_desktop.charts.plots import WEEK_S, date_ticks, date_timestamp

    if not data.weeks:
        return
    first, last = data.weeks[0].start, data.weeks[-1].start
    plot.setXRange(date_timestamp(first) - 0.2 * WEEK_S, date_timestamp(last) + WEEK_S, padding=0)
    plot.getAxis("bottom").setTicks([date_ticks(first, last)])


def _render(draw: Callable[[object], object], size: ChartSize, background: str) -> QImage:
    import pyqtgraph as pg

    logical_h = round(LOGICAL_WIDTH * size.height_pt / size.width_pt)
    widget = pg.GraphicsLayoutWidget()
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.setBackground(background)
    widget.ci.setContentsMargins(2, 2, 10, 2)
    widget.resize(LOGICAL_WIDTH, logical_h)
    plot = widget.addPlot()
    draw(plot)
    widget.show()  # not on screen: makes the resize and layout take effect
    QCoreApplication.sendPostedEvents()
    widget.ci.layout.activate()
    image = QImage(size.width_px, size.height_px, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(size.width_px / LOGICAL_WIDTH)
    image.fill(QColor(background))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        area = QRectF(0, 0, LOGICAL_WIDTH, logical_h)
        widget.scene().render(painter, area, area)
    finally:
        painter.end()
    widget.close()
    widget.deleteLater()
    return image
