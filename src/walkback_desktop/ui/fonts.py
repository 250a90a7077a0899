"""Larger type for headings and across-the-room text, relative to the app's font."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget


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
