"""Larger type for headings and across-the-room text, relative to the app's font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def scale_font(widget: QWidget, factor: float, *, bold: bool | None = None) -> QFont:
    """Give `widget` its font scaled by `factor` (and bold or not); return that font.

    Scaling the widget's own font keeps the text-size setting, which sets the
    application font, in effect.
    """
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    if bold is not None:
        font.setBold(bold)
    widget.setFont(font)
    return font


def wrapped_label(text: str = "", scale: float = 1.0, bold: bool = False) -> QLabel:
    """A plain-text (user text stays literal), word-wrapping label, `scale` times
    the app font."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    scale_font(label, scale, bold=bold)
    return label
