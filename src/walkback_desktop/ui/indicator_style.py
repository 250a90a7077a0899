"""Check boxes and radio buttons that grow with the text size and show in the
dark theme.

A style draws their indicators at a fixed pixel size (13 px in Fusion), so at
200 % text a check box was a speck beside its label; and Fusion outlines the
box in a shade darker than the window, which vanishes on a dark window. This
proxy around the platform's own style scales the indicator metrics with the
application font and, on a dark palette, draws a light outline round the box.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

# The application's font size at start-up (ui/appearance.py keeps it in this
# property): the style's own indicator size is right for it.
BASE_POINT_SIZE_PROPERTY = "walkback_base_point_size"
_SCALED = {
    QStyle.PixelMetric.PM_IndicatorWidth,
    QStyle.PixelMetric.PM_IndicatorHeight,
    QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
    QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
}
_OUTLINED = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
}


def scale_for_text() -> float:
    """The text size setting as a factor (1.0 at 100 %; never below 1)."""
    app = QGuiApplication.instance()
    base = app.property(BASE_POINT_SIZE_PROPERTY) if app is not None else None
    size = QGuiApplication.font().pointSizeF()
    if not base or size <= 0:
        return 1.0
    return max(1.0, size / float(base))


class IndicatorStyle(QProxyStyle):
    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric in _SCALED:
            return round(value * scale_for_text())
        return value

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if (
            element in _OUTLINED
            and option.palette.color(QPalette.ColorRole.Window).lightness() < 128
        ):
            outline = QColor(option.palette.color(QPalette.ColorRole.WindowText))
            outline.setAlpha(170)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(outline)
            painter.setBrush(QColor(0, 0, 0, 0))
            rect = option.rect.adjusted(0, 0, -1, -1)
            if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                painter.drawEllipse(rect)
            else:
                painter.drawRoundedRect(rect, 2, 2)
            painter.restore()


def install(app: QGuiApplication) -> None:
    """Wrap the application's style once (widgets only; a no-op for a bare GUI app)."""
    if not isinstance(app, QApplication) or isinstance(app.style(), IndicatorStyle):
        return
    app.setStyle(IndicatorStyle(app.style().name()))
