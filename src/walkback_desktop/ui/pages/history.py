"""The History page."""

from __future__ import annotations

from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.placeholder import PlaceholderPage


class HistoryPage(PlaceholderPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("History", "Every session you log will be listed here.")
        self.ctx = ctx
