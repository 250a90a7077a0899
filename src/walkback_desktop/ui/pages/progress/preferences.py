"""What the Progress page takes from the settings and the desktop: the weekly
goal, the first day of the week, the theme and the text size, and today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QGuiApplication

from walkback_desktop.core import stats
from walkback_desktop.i18n import N_

if TYPE_CHECKING:
    from walkback_desktop.core.settings import AppSettings
    from walkback_desktop.storage.settings_repo import SettingsRepository

# (label, period id): the same periods as the report dialog (core.stats.PERIODS),
# so the page and the report give the same weeks and percentages.
RANGES = (
    (N_("4 weeks"), "4w"),
    (N_("3 months"), "3m"),
    (N_("12 months"), "12m"),
    (N_("All"), "all"),
)
DEFAULT_RANGE = "3m"

# settings that change what the page shows
WATCHED_SETTINGS = (
    "weekly_goal_sessions",
    "weekly_goal_backward_min",
    "week_start",
    "theme",
    "weight_kg",
)


@dataclass(frozen=True)
class PageSettings:
    """What the page draws with, from one read of the settings."""

    goal: stats.WeeklyGoal
    first_weekday: int
    weight_kg: float
    dark: bool

    @classmethod
    def read(cls, settings: SettingsRepository) -> PageSettings:
        snapshot = settings.snapshot()
        return cls(
            goal=stats.WeeklyGoal.from_settings(snapshot),
            first_weekday=_first_weekday(snapshot),
            weight_kg=float(snapshot.weight_kg),
            dark=_dark(snapshot),
        )


def goal_from_settings(settings: SettingsRepository) -> stats.WeeklyGoal:
    return stats.WeeklyGoal.from_settings(settings.snapshot())


def first_weekday_from_settings(settings: SettingsRepository) -> int:
    return _first_weekday(settings.snapshot())


def _first_weekday(snapshot: AppSettings) -> int:
    locale_day = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1 ... Sunday = 7
    return stats.first_weekday(str(snapshot.week_start), locale_day)


def large_text() -> bool:
    """Text size 150 % or more: tiles in three columns, buttons on rows of their own."""
    return QFont().pointSizeF() >= 13.5


def is_dark(settings: SettingsRepository) -> bool:
    return _dark(settings.snapshot())


def _dark(snapshot: AppSettings) -> bool:
    theme = snapshot.theme
    if theme in ("light", "dark"):
        return theme == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def local_today() -> date:
    return datetime.now().astimezone().date()
