"""Paint a `ChartSpec` (charts/print_charts.py) with QPainter: the title and
legend above the plotted area, the y axis with its grid on the left, dates
along the bottom, bars and lines clipped to the plotted area. Pens are
cosmetic (a width in device pixels), as pyqtgraph's, so the lines are as
thin on paper as in the pyqtgraph charts."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from walkback_desktop.charts.palette import PRINT, ChartPalette
from walkback_desktop.charts.print_charts import TEXT_PT, Bars, ChartSpec, Line

_Scale = Callable[[float], float]  # a data coordinate to a canvas one


def render(
    spec: ChartSpec,
    width_px: int,
    height_px: int,
    logical_width: float,
    palette: ChartPalette = PRINT,
) -> QImage:
    """The chart on an image of `width_px` x `height_px`, laid out as on a
    canvas `logical_width` wide (text sizes in points on that canvas)."""
    scale = width_px / logical_width
    image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
    image.fill(QColor(palette.background))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        paint(painter, QRectF(0, 0, logical_width, height_px / scale), spec, palette)
    finally:
        painter.end()
    return image


def _pen(
    colour: QColor | str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> QPen:
    """A cosmetic pen, as pyqtgraph's: `width` device pixels whatever the scale."""
    pen = QPen(QColor(colour), width, style)
    pen.setCosmetic(True)
    return pen


def _font(pt: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(pt * 96 / 72)))  # a logical pixel is a 96-dpi screen's
    font.setBold(bold)
    return font


def paint(painter: QPainter, area: QRectF, spec: ChartSpec, palette: ChartPalette) -> None:
    """Title and legend on top, the y axis (label, ticks, grid) on the left,
    dates along the bottom, the bars and lines clipped to the plotted area."""
    fg = QColor(palette.foreground)
    area = area.adjusted(2, 2, -10, -2)
    title_font, text_font = _font(TEXT_PT + 2, bold=True), _font(TEXT_PT)
    title_h = QFontMetricsF(title_font).height()
    text_m = QFontMetricsF(text_font)
    painter.setPen(fg)
    painter.setFont(title_font)
    painter.drawText(
        QRectF(area.left(), area.top(), area.width(), title_h),
        Qt.AlignmentFlag.AlignCenter,
        spec.title,
    )
    top = area.top() + title_h
    painter.setFont(text_font)
    if spec.legend:
        _legend(painter, QRectF(area.left(), top, area.width(), text_m.height()), spec, fg)
        top += text_m.height()
    top += 6
    x0, x1 = spec.x_range
    y0, y1 = spec.y_range
    ticks = spec.y_ticks if spec.y_ticks is not None else _nice_ticks(y0, y1)
    # The rotated axis label, then the widest tick label, then the tick: "150"
    # must not run into "minutes".
    tick_w = max((text_m.horizontalAdvance(label) for _v, label in ticks), default=0.0)
    axis_w = text_m.height() + 4 + tick_w + 10
    bottom_h = text_m.height() + 12
    plot = QRectF(area.left() + axis_w, top, area.width() - axis_w, area.bottom() - bottom_h - top)
    if plot.width() <= 0 or plot.height() <= 0:
        return

    def px(x: float) -> float:
        return plot.left() + (x - x0) / (x1 - x0) * plot.width()

    def py(y: float) -> float:
        return plot.bottom() - (y - y0) / (y1 - y0) * plot.height()

    grid = QColor(palette.foreground)
    grid.setAlphaF(palette.grid_alpha)
    for value, label in ticks:
        y = py(value)
        if not plot.top() - 0.5 <= y <= plot.bottom() + 0.5:
            continue
        painter.setPen(_pen(grid))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(_pen(fg))
        painter.drawLine(QPointF(plot.left() - 5, y), QPointF(plot.left(), y))
        painter.drawText(
            QRectF(
                plot.left() - tick_w - 10, y - text_m.height() / 2, tick_w + 2, text_m.height()
            ),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
    painter.save()
    painter.setFont(_font(TEXT_PT * 0.8))
    painter.translate(area.left() + text_m.height() / 2, plot.center().y())
    painter.rotate(-90)
    painter.drawText(
        QRectF(-plot.height() / 2, -text_m.height() / 2, plot.height(), text_m.height()),
        Qt.AlignmentFlag.AlignCenter,
        spec.y_label,
    )
    painter.restore()
    for value, label in spec.x_ticks:
        x = px(value)
        if not plot.left() - 0.5 <= x <= plot.right() + 0.5:
            continue
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 5))
        wide = text_m.horizontalAdvance(label) + 4
        painter.drawText(
            QRectF(x - wide / 2, plot.bottom() + 6, wide, text_m.height()),
            Qt.AlignmentFlag.AlignCenter,
            label,
        )
    painter.setPen(_pen(fg))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    painter.save()
    painter.setClipRect(plot)
    for item in spec.items:
        if isinstance(item, Bars):
            _bars(painter, item, px, py)
        else:
            _line(painter, item, px, py, palette)
    painter.restore()


def _legend(painter: QPainter, row: QRectF, spec: ChartSpec, fg: QColor) -> None:
    metrics = painter.fontMetrics()
    gap, mark_w = 24.0, 18.0
    widths = [mark_w + 4 + metrics.horizontalAdvance(label) for label, _c, _s in spec.legend]
    x = row.center().x() - (sum(widths) + gap * (len(widths) - 1)) / 2
    mid = row.center().y()
    for (label, colour, shape), wide in zip(spec.legend, widths, strict=True):
        if shape == "bar":
            painter.fillRect(QRectF(x + 3, mid - 6, 12, 12), QColor(colour))
        else:
            style = Qt.PenStyle.SolidLine if shape == "line" else Qt.PenStyle.DashLine
            painter.setPen(QPen(QColor(colour), 2.2, style))
            painter.drawLine(QPointF(x, mid), QPointF(x + mark_w, mid))
        painter.setPen(fg)
        painter.drawText(
            QRectF(x + mark_w + 4, row.top(), wide - mark_w - 4, row.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        x += wide + gap


def _bars(painter: QPainter, item: Bars, px: _Scale, py: _Scale) -> None:
    painter.setBrush(QColor(item.colour))
    painter.setPen(_pen(item.edge) if item.edge else Qt.PenStyle.NoPen)
    for x, h in zip(item.xs, item.heights, strict=True):
        left, right = px(x - item.width / 2), px(x + item.width / 2)
        painter.drawRect(QRectF(QPointF(left, py(h)), QPointF(right, py(0.0))))


def _line(painter: QPainter, item: Line, px: _Scale, py: _Scale, palette: ChartPalette) -> None:
    points = [QPointF(px(x), py(y)) for x, y in zip(item.xs, item.ys, strict=True)]
    pen = _pen(item.colour, palette.line_width, item.style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline(points)
    if item.symbol is None:
        return
    painter.setPen(_pen(palette.background))
    painter.setBrush(QColor(item.colour))
    for p in points:
        mark = QRectF(p.x() - 4.5, p.y() - 4.5, 9, 9)
        if item.symbol == "s":
            painter.drawRect(mark)
        else:
            painter.drawEllipse(mark)


def _nice_ticks(lo: float, hi: float, most: int = 6) -> list[tuple[float, str]]:
    """Round values between `lo` and `hi` (1, 2 or 5 times a power of ten apart)."""
    span = max(hi - lo, 1e-9)
    power = 10 ** math.floor(math.log10(span / most))
    step = next(power * f for f in (1, 2, 5, 10) if span / (power * f) <= most)
    first = math.ceil(lo / step) * step
    count = int((hi - first) / step + 1e-9) + 1
    return [(first + i * step, f"{first + i * step:g}") for i in range(count)]
