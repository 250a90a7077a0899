"""The Settings page."""

from __future__ import annotations

from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.placeholder import PlaceholderPage


class SettingsPage(PlaceholderPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Settings", "Profile, sound and display settings.")
        self.ctx = ctx
