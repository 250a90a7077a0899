"""The Progress page's five tiles: streak, this week, longest bout, best week
and weeks on goal, and the sentences under their numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

from walkback_desktop.core import stats
from walkback_desktop.i18n import _, formats, ngettext
from walkback_desktop.ui.progress_table import adherence_text, days_text, weeks_text
from walkback_desktop.ui.tiles import Tile


class ProgressTiles(QGridLayout):
    def __init__(self, columns: int) -> None:
        super().__init__()
        self.streak_tile = Tile(_("Streak"))
        self.week_tile = Tile(_("This week"))
        self.bout_tile = Tile(_("Longest backward bout"))
        self.best_week_tile = Tile(_("Best week"))
        self.adherence_tile = Tile(_("Weeks on goal"))
        for n, tile in enumerate(self.tiles()):
            self.addWidget(tile, n // columns, n % columns)
        for column in range(columns):
            self.setColumnStretch(column, 1)

    def tiles(self) -> tuple[Tile, ...]:
        return (
            self.streak_tile,
            self.week_tile,
            self.bout_tile,
            self.best_week_tile,
            self.adherence_tile,
        )

    def show_summary(self, summary: stats.Summary, goal: stats.WeeklyGoal) -> None:
        self.streak_tile.set(
            weeks_text(summary.week_streak),
            _("on goal in a row (best {best}); {days} in a row").format(
                best=summary.longest_week_streak, days=days_text(summary.day_streak)
            ),
        )
        week = summary.this_week
        detail = ngettext(
            "{done} of {n} completed session", "{done} of {n} completed sessions", goal.sessions
        ).format(done=week.completed_sessions, n=goal.sessions)
        if summary.goal_met_this_week:
            detail += _(" — goal reached!")
        self.week_tile.set(
            _("{done} / {goal} min").format(
                done=formats.decimal(week.backward_min, 0), goal=goal.backward_min
            ),
            detail,
        )
        bests = summary.bests
        if bests.longest_backward_bout_s is not None:
            self.bout_tile.caption.setText(_("Longest backward bout"))
            self.bout_tile.set(
                formats.duration(bests.longest_backward_bout_s),
                _("longest session {duration}").format(
                    duration=formats.duration(bests.longest_session_s or 0.0)
                ),
            )
        else:  # imported or hand-logged walks have no segments to measure bouts in
            self.bout_tile.caption.setText(_("Longest session"))
            self.bout_tile.set(formats.duration(bests.longest_session_s or 0.0))
        best = bests.most_backward_week
        self.best_week_tile.set(
            formats.minutes(best.backward_s) if best else "–",
            _("backward, week of {day}").format(day=formats.day_month_year(best.start))
            if best
            else "",
        )
        goal_weeks = summary.goal_weeks
        self.adherence_tile.set(
            "–"
            if goal_weeks.share is None
            else _("{percent} %").format(percent=formats.decimal(goal_weeks.share * 100, 0)),
            adherence_text(goal_weeks, goal),
        )
