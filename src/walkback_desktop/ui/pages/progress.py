"""The Progress page."""

from __future__ import annotations

from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.placeholder import PlaceholderPage


class ProgressPage(PlaceholderPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Progress", "Charts of your progress will appear here.")
        self.ctx = ctx
