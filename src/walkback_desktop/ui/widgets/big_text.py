"""Labels whose type grows with the window, for reading from across the room.

`FitLabel` sizes its font so one line fills its own rectangle (width and
height), measured against a sample of the same shape ("0:00") or a fixed one
(the longest word it will show), so the type does not jump in size as the
digits count down or the words change. `WrapLabel` takes a pixel size from
its owner and wraps; both report small size hints so the layout, not the
text, decides how much room they get.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from walkback_desktop.bundled_fonts import bundled_font

MIN_PIXEL_SIZE = 12


def _sample_for(text: str) -> str:
    """The widest text of the same shape: every digit becomes '0'."""
    return "".join("0" if ch.isdigit() else ch for ch in text) or "0"


class FitLabel(QLabel):
    """One line of text, as large as its rectangle allows."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        fill: float = 0.92,
        bold: bool = True,
        sample: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._fill = fill
        self._sample = sample
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        font = bundled_font(self.font())
        font.setBold(bold)
        self.setFont(font)
        self.setText(text)

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        refit = self._sample is None and _sample_for(text) != _sample_for(self.text())
        super().setText(text)
        if refit:
            self._fit()

    def sizeHint(self) -> QSize:
        return QSize(120, 48)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 20)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        rect = self.contentsRect()
        if rect.width() <= 0 or rect.height() <= 0:
            return
        font = QFont(self.font())
        sample = self._sample or _sample_for(self.text())
        # Cap height: a digit's cap height is about 0.73 of the pixel size (DejaVu/Segoe).
        size = rect.height() * self._fill
        font.setPixelSize(max(MIN_PIXEL_SIZE, int(size)))
        width = QFontMetricsF(font).horizontalAdvance(sample)
        if width > rect.width() * self._fill:
            size = size * rect.width() * self._fill / width
        font.setPixelSize(max(MIN_PIXEL_SIZE, int(size)))
        if font != self.font():
            self.setFont(font)


class WrapLabel(QLabel):
    """Plain, wrapping text: as large as its owner asks, smaller if it would not fit."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, bold: bool = False):
        super().__init__(text, parent)
        self._max_pixels = 0
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        if bold:
            font = self.font()
            font.setBold(True)
            self.setFont(font)

    def set_pixel_size(self, pixels: int) -> None:
        """The size to use when the text fits; long text shrinks to stay whole."""
        self._max_pixels = max(MIN_PIXEL_SIZE, pixels)
        self._fit()

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._max_pixels:
            return
        rect = self.contentsRect()
        font = QFont(self.font())
        size = self._max_pixels
        while size > MIN_PIXEL_SIZE and rect.width() > 0 and rect.height() > 0:
            font.setPixelSize(size)
            needed = QFontMetricsF(font).boundingRect(
                QRectF(rect), int(Qt.TextFlag.TextWordWrap), self.text()
            )
            if needed.height() <= rect.height() and needed.width() <= rect.width():
                break
            size = max(MIN_PIXEL_SIZE, int(size * 0.9))
        font.setPixelSize(size)
        if font != self.font():
            self.setFont(font)

    def sizeHint(self) -> QSize:
        return QSize(120, 32)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 16)
