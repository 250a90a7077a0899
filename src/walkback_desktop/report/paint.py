"""What the report's QPainter tables (the month table, month_table.py, and the
session log, log_table.py) draw alike: fonts sized in print points, a ruled
line, and the section heading with its note on the table's first page."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from walkback_desktop.report import content
from walkback_desktop.report.content import dots


def font(base: QFont, points: float, *, bold: bool = False) -> QFont:
    """`base` at `points` on the page (the layout's dots)."""
    made = QFont(base)
    made.setPixelSize(round(dots(points)))
    made.setBold(bold)
    return made


def rule(painter: QPainter, colour: str, points: float, y: float, x0: float, x1: float) -> None:
    painter.setPen(QPen(QColor(colour), dots(points)))
    painter.drawLine(QPointF(x0, y), QPointF(x1, y))


def draw_heading(
    painter: QPainter,
    heading: tuple[QFont, str, float],
    note: tuple[QFont, str, float],
    width: float,
) -> None:
    """The section's heading (font, text, height) and, under it, its note,
    wrapped to `width`."""
    heading_font, heading_text, heading_h = heading
    note_font, note_text, note_h = note
    painter.setFont(heading_font)
    painter.setPen(QColor(content.ACCENT))
    painter.drawText(QPointF(0, QFontMetricsF(heading_font).ascent()), heading_text)
    painter.setFont(note_font)
    painter.setPen(QColor(content.MUTED))
    painter.drawText(QRectF(0, heading_h, width, note_h), Qt.TextFlag.TextWordWrap, note_text)
