"""A routine's shape at a glance: one horizontal strip, a block per segment,
coloured by kind and as wide as its share of the routine's time."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from walkback_desktop.core.routine import Routine, SegmentKind, format_duration

# Mid-tone colours chosen to stand out on both a light and a dark window
# background; backward walking (the point of the app) gets the strongest blue.
KIND_COLOURS: dict[SegmentKind, QColor] = {
    SegmentKind.WARMUP: QColor("#e8a33d"),
    SegmentKind.BACKWARD: QColor("#2f7fd8"),
    SegmentKind.FORWARD: QColor("#3fa865"),
    SegmentKind.REST: QColor("#9098a3"),
    SegmentKind.BALANCE: QColor("#a467c7"),
    SegmentKind.COOLDOWN: QColor("#3cb7c4"),
}

KIND_NAMES: dict[SegmentKind, str] = {
    SegmentKind.WARMUP: "Warm-up",
    SegmentKind.BACKWARD: "Backward",
    SegmentKind.FORWARD: "Forward",
    SegmentKind.REST: "Rest",
    SegmentKind.BALANCE: "Balance",
    SegmentKind.COOLDOWN: "Cool-down",
}


def describe_shape(routine: Routine | None) -> str:
    """A plain-text summary of the strip, for tooltips and screen readers."""
    if routine is None or not routine.segments:
        return "No segments"
    parts = [f"{KIND_NAMES[s.kind]} {format_duration(s.seconds)}" for s in routine.segments]
    return ", ".join(parts)


class SegmentStrip(QWidget):
    """Paints `routine`'s segments left to right; empty when there is none."""

    def __init__(self, routine: Routine | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._routine: Routine | None = None
        self.setAccessibleName("Routine shape")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(12)
        self.set_routine(routine)

    def routine(self) -> Routine | None:
        return self._routine

    def set_routine(self, routine: Routine | None) -> None:
        self._routine = routine
        summary = describe_shape(routine)
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 18)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 12)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_segments(painter, QRectF(self.rect()), self._routine, self.palette())


def paint_segments(
    painter: QPainter, rect: QRectF, routine: Routine | None, palette: QPalette
) -> None:
    """Paint the strip into `rect` (shared with item delegates that draw it in a cell)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bounds = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    radius = min(4.0, bounds.height() / 3)
    clip = QPainterPath()
    clip.addRoundedRect(bounds, radius, radius)
    painter.setClipPath(clip)
    total = routine.total_seconds if routine is not None else 0
    if routine is None or total <= 0:
        empty = palette.mid().color()
        empty.setAlpha(90)
        painter.fillRect(bounds, empty)
        painter.restore()
        return
    gap_colour = palette.window().color()
    x = bounds.left()
    for n, segment in enumerate(routine.segments):
        width = bounds.width() * segment.seconds / total
        painter.fillRect(
            QRectF(x, bounds.top(), width, bounds.height()), KIND_COLOURS[segment.kind]
        )
        if n and width > 3:
            painter.fillRect(QRectF(x, bounds.top(), 1.0, bounds.height()), gap_colour)
        x += width
    painter.restore()
