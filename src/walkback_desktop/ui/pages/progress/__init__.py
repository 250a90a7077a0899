"""The Progress page: weekly charts, tiles for streaks, this week against the
goal and personal bests, a table as the charts' text alternative, and the
3-m Backward Walk Test.

- page.py: the page (range buttons, chart/table switch, PNG export, report);
- tiles.py: the five tiles and their sentences;
- figures.py: the numbers behind them, from per-day totals;
- preferences.py: goal, week start, theme and text size from the settings;
- walk_test_section.py: the 3-m Backward Walk Test's chart and results;
- preload.py: `preload_charts()`, pyqtgraph imported in idle time.
"""

from walkback_desktop.ui.pages.progress.page import ProgressPage
from walkback_desktop.ui.pages.progress.preferences import (
    RANGES,
    first_weekday_from_settings,
    goal_from_settings,
    local_today,
)
from walkback_desktop.ui.pages.progress.preload import preload_charts

__all__ = [
    "RANGES",
    "ProgressPage",
    "first_weekday_from_settings",
    "goal_from_settings",
    "local_today",
    "preload_charts",
]
