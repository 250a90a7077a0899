"""The Today page."""

from __future__ import annotations

from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.placeholder import PlaceholderPage


class TodayPage(PlaceholderPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Today", "Your week at a glance will appear here.")
        self.ctx = ctx
