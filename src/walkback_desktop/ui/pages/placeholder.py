"""A page whose content has not been built yet: it says so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from walkback_desktop.ui.pages.base import Page


class PlaceholderPage(Page):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title = title
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h1>{title}</h1>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        body = QLabel(text)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
