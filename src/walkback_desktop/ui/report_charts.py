"""The report's charts: the Progress page's pyqtgraph charts (charts.plots)
drawn with the PRINT palette into images at print resolution.

This glue lives above both `charts` and `report` (which the layer contract
keeps independent of each other); the report takes it as its chart renderer.
pyqtgraph is imported only when a report with charts is made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from walkback_desktop.report.data import ReportData
from walkback_desktop.report.render import ChartSize

# The charts are drawn as on a screen this many pixels wide, then scaled to the
# printed width: their 11 pt screen fonts come out at about 8 pt on paper.
LOGICAL_WIDTH = 880


def render_report_charts(
    data: ReportData, size: ChartSize, kinds: Sequence[str] = ("backward", "pain-rpe")
) -> dict[str, QImage]:
    """Draw the chart kinds the report's sections ask for (unknown kinds are
    left out): "backward" (weekly, or monthly for a long period) and "pain-rpe"."""
    from walkback_desktop.charts.palette import PRINT
    from walkback_desktop.charts.plots import plot_backward, plot_pain_rpe

    out: dict[str, QImage] = {}
    if "backward" in kinds:
        periods = data.months if data.monthly else data.weeks
        out["backward"] = _render(
            lambda plot: plot_backward(plot, periods, data.goal, PRINT, monthly=data.monthly),
            size,
            PRINT.background,
        )
    if "pain-rpe" in kinds:

        def pain_rpe(plot: object) -> None:
            plot_pain_rpe(
                plot,
                data.records,
                PRINT,
                first_weekday=data.first_weekday,
                weeks=data.weeks,
                months=data.months or None,
            )
            _same_dates_as_backward(plot, data)

        out["pain-rpe"] = _render(pain_rpe, size, PRINT.background)
    bwt = data.extras.bwt
    if "bwt" in kinds and bwt is not None and bwt.results:
        from walkback_desktop.charts.plots import plot_bwt

        points = [(r.day, r.seconds) for r in bwt.results]
        reference = bwt.reference.seconds if bwt.reference else None
        smaller = ChartSize(size.width_pt, size.height_pt * 0.8, size.dpi)
        out["bwt"] = _render(
            lambda plot: plot_bwt(plot, points, PRINT, reference_s=reference),
            smaller,
            PRINT.background,
        )
    return out


def _same_dates_as_backward(plot: Any, data: ReportData) -> None:
    """Give the pain chart the backward chart's time axis, so a week (or month)
    sits at the same place on both (the page shows them one above the other)."""
    from walkback_desktop.charts.plots import MONTH_S, WEEK_S, date_ticks, date_timestamp

    periods = data.months if data.monthly else data.weeks
    if not periods:
        return
    span = MONTH_S if data.monthly else WEEK_S
    first, last = periods[0].start, periods[-1].start
    plot.setXRange(date_timestamp(first) - 0.2 * span, date_timestamp(last) + span, padding=0)
    if data.monthly:
        plot.getAxis("bottom").setTicks([date_ticks(first, last)])
    else:
        plot.getAxis("bottom").setTicks([date_ticks(first, last, week_offset_s=WEEK_S / 2)])


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
