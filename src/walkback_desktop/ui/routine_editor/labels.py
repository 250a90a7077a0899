"""Plain-text labels whose larger type follows the app's text-size setting."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget


class ScaledLabel(QLabel):
    """A bold label `scale` times the application font, re-sized when that font changes.

    A font set once with setPointSizeF would stay at the start-up size, and child
    widgets with their own font get no ApplicationFontChange event, so this
    listens to QGuiApplication.fontChanged.
    """

    def __init__(self, text: str = "", scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._scale = scale
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._apply_font()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.fontChanged.connect(self._apply_font)

    def _apply_font(self, _font: QFont | None = None) -> None:
        font = QApplication.font(self)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(True)
        self.setFont(font)


def literal_tooltip(*lines: str) -> str:
    """Tooltip markup that shows user text literally: Qt guesses whether a tooltip
    is rich text, so "<b>x</b>" in a routine name would otherwise turn bold."""
    return "<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>"
