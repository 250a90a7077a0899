"""Let a page's content scroll when the window is smaller than it, instead of
forcing a large minimum window size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scroll_page(page: QWidget, content: QWidget) -> QScrollArea:
    """Put `content` in a frameless scroll area filling `page`."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Not a tab stop of its own: a keyboard user would land on an unnamed, invisible
    # control. Tabbing to a control inside still scrolls it into view.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(area)
    return area
