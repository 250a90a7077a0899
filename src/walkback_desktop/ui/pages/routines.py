"""The Routines page."""

from __future__ import annotations

from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.placeholder import PlaceholderPage


class RoutinesPage(PlaceholderPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Routines", "Browse and edit routines here.")
        self.ctx = ctx
