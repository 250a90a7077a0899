"""The Workout page."""

from __future__ import annotations

from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.placeholder import PlaceholderPage


class WorkoutPage(PlaceholderPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Workout", "Pick a routine to start a workout.")
        self.ctx = ctx
