"""A routine's shape at a glance: one horizontal strip, a block per segment,
coloured by kind and as wide as its share of the routine's time."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from walkback_desktop.core.routine import Routine, SegmentKind
from walkback_desktop.i18n import _
from walkback_desktop.i18n.formats import duration
from walkback_desktop.ui.kind_style import KIND_STYLE, kind_name

# Derived from the one table (ui/kind_style.py); kept by these names for the
# routine editor. KIND_NAMES holds the English names: show them with _().
KIND_COLOURS: dict[SegmentKind, QColor] = {k: s.colour() for k, s in KIND_STYLE.items()}
KIND_NAMES: dict[SegmentKind, str] = {k: s.display_name for k, s in KIND_STYLE.items()}


def describe_shape(routine: Routine | None) -> str:
    """A plain-text summary of the strip, for tooltips and screen readers."""
    if routine is None or not routine.segments:
        return _("No segments")
    parts = [
        _("{kind} {duration}").format(kind=kind_name(s.kind), duration=duration(s.seconds))
        for s in routine.segments
    ]
    return ", ".join(parts)


class SegmentStrip(QWidget):
    """Paints `routine`'s segments left to right; empty when there is none."""

    def __init__(self, routine: Routine | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._routine: Routine | None = None
        self.setAccessibleName(_("Routine shape"))
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
