"""The Progress page: weekly charts (pyqtgraph, imported on first show),
tiles for streaks, this week against the goal and personal bests."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.charts.palette import ChartPalette, palette_for_scheme
from walkback_desktop.core import stats
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.empty_state import EmptyState
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.scrolling import scroll_page
from walkback_desktop.ui.tiles import Tile, format_minutes

if TYPE_CHECKING:
    from walkback_desktop.charts.progress_charts import ProgressCharts

RANGES = (("4 weeks", 28), ("3 months", 91), ("1 year", 365), ("All", None))
DEFAULT_RANGE = "3 months"


def goal_from_settings(ctx: AppContext) -> stats.WeeklyGoal:
    settings = ctx.store.settings
    return stats.WeeklyGoal(
        sessions=int(settings.get("weekly_goal_sessions")),
        backward_min=int(settings.get("weekly_goal_backward_min")),
    )


def first_weekday_from_settings(ctx: AppContext) -> int:
    from PySide6.QtCore import QLocale

    locale_day = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1 ... Sunday = 7
    return stats.first_weekday(str(ctx.store.settings.get("week_start")), locale_day)


def is_dark(ctx: AppContext) -> bool:
    theme = ctx.store.settings.get("theme")
    if theme in ("light", "dark"):
        return theme == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def local_today() -> date:
    return datetime.now().astimezone().date()


class ProgressPage(Page):
    page_id = "progress"
    title = "Progress"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName(self.title)
        self.charts: ProgressCharts | None = None
        self.today: Callable[[], date] = local_today  # tests pin the date
        self._records: list[SessionRecord] | None = None
        self._dirty = True
        self._computed_for: date | None = None
        self._days: list[date] = []
        self._records_by_day: list[SessionRecord] = []
        self._weeks: list[stats.PeriodTotals] = []
        self._goal = stats.WeeklyGoal()
        self._weekday = 0
        self.range_days: int | None = dict(RANGES)[DEFAULT_RANGE]

        heading = QLabel("Progress")
        heading.setAccessibleName("Progress")
        scale_font(heading, 1.8, bold=True)
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        show = QLabel("Show:")
        top.addWidget(show)
        self.range_buttons: dict[str, QPushButton] = {}
        for text, days in RANGES:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setAccessibleName(text)
            button.setToolTip(f"Chart the last {text.lower()}" if days else "Chart every week")
            button.setMinimumHeight(34)
            button.setChecked(text == DEFAULT_RANGE)
            button.clicked.connect(lambda _=False, d=days: self.set_range(d))
            self.range_group.addButton(button)
            self.range_buttons[text] = button
            top.addWidget(button)
        self.save_action = QAction("Save chart as PNG…", self)
        self.save_action.setToolTip("Save the progress charts as a picture")
        self.save_action.triggered.connect(self.save_png_dialog)
        save = QPushButton("Save chart as PNG…")
        save.setAccessibleName("Save chart as PNG…")
        save.setToolTip("Save the progress charts as a picture")
        save.setMinimumHeight(34)
        save.clicked.connect(self.save_png_dialog)
        top.addSpacing(12)
        top.addWidget(save)

        self.streak_tile = Tile("Streak")
        self.week_tile = Tile("This week")
        self.bout_tile = Tile("Longest backward bout")
        self.best_week_tile = Tile("Best week")
        self.adherence_tile = Tile("Weeks on goal")
        tiles = QHBoxLayout()
        for tile in (
            self.streak_tile,
            self.week_tile,
            self.bout_tile,
            self.best_week_tile,
            self.adherence_tile,
        ):
            tiles.addWidget(tile, 1)

        self.readout = QLabel(" ")
        self.readout.setAccessibleName("Chart read-out")
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setToolTip("Point at a bar or a point to read its numbers")
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.hide()

        self.chart_holder = QVBoxLayout()
        self.chart_holder.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(tiles)
        content_layout.addWidget(self.note)
        content_layout.addLayout(self.chart_holder, 1)
        content_layout.addWidget(self.readout)

        self.empty = EmptyState(
            ctx,
            "Your progress will grow here",
            "After a few walks you will see your backward minutes each week against your "
            "goal, your streak, and how pain and effort change over the weeks.",
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        scroll_page(self, body)

        ctx.events.sessions_changed.connect(self._mark_dirty)
        ctx.events.settings_changed.connect(self._on_setting_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    # --- Page hooks -------------------------------------------------------------------
    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"File": [self.save_action]}

    def page_shown(self) -> None:
        if self._dirty or self._records is None:
            self.refresh()

    # --- data ---------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _on_setting_changed(self, key: str) -> None:
        if key in (
            "weekly_goal_sessions",
            "weekly_goal_backward_min",
            "week_start",
            "theme",
            "weight_kg",
        ):
            self._mark_dirty()

    def _on_scheme_changed(self, *_: Any) -> None:
        if self.charts is not None and self.isVisible():
            self.redraw()

    def chart_palette(self) -> ChartPalette:
        return palette_for_scheme(is_dark(self.ctx))

    def set_range(self, days: int | None) -> None:
        self.range_days = days
        for text, d in RANGES:
            self.range_buttons[text].setChecked(d == days)
        if self._records is not None:
            self.redraw()

    def refresh(self) -> None:
        """Read the sessions (plain rows) and redraw tiles and charts."""
        self._records = self.ctx.store.sessions.list()
        self._bout = self.ctx.store.sessions.longest_backward_bout()
        self._dirty = False
        self._computed_for = None
        if not self._records:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentIndex(0)
        self._ensure_charts()
        self.redraw()

    def _ensure_charts(self) -> ProgressCharts:
        if self.charts is None:
            from walkback_desktop.charts.progress_charts import ProgressCharts

            self.charts = ProgressCharts()
            self.charts.readout_changed.connect(lambda text: self.readout.setText(text or " "))
            self.chart_holder.addWidget(self.charts)
        return self.charts

    def redraw(self) -> None:
        """Redraw the charts for the chosen range from the weeks computed on refresh."""
        records = self._records or []
        if not records:
            return
        charts = self._ensure_charts()
        today = self.today()
        if self._computed_for != today:
            self._compute(today)
        start = (
            today - timedelta(days=self.range_days - 1)
            if self.range_days is not None
            else self._days[0]
        )
        first_week = stats.week_start(start, self._weekday)
        weeks = [w for w in self._weeks if w.start >= first_week]
        if self._weeks and first_week < self._weeks[0].start:
            before = stats.weekly_totals(
                [],
                weight_kg=0.0,
                first_weekday=self._weekday,
                start=first_week,
                end=self._weeks[0].start - timedelta(days=1),
            )
            weeks = before + weeks
        lo = bisect.bisect_left(self._days, start)
        hi = bisect.bisect_right(self._days, today)
        shown = self._records_by_day[lo:hi]
        charts.redraw(weeks, shown, self._goal, self.chart_palette(), first_weekday=self._weekday)

    def _compute(self, today: date) -> None:
        """Everything that does not depend on the range: weeks, tiles (once per refresh)."""
        records = self._records or []
        self._goal = goal_from_settings(self.ctx)
        self._weekday = first_weekday_from_settings(self.ctx)
        weight = float(self.ctx.store.settings.get("weight_kg"))
        dated = sorted(((stats.local_date(r), n) for n, r in enumerate(records)))
        self._days = [d for d, _ in dated]
        self._records_by_day = [records[n] for _, n in dated]
        self._weeks = stats.weekly_totals(
            records,
            weight_kg=weight,
            first_weekday=self._weekday,
            start=min(self._days[0], today),
            end=today,
        )
        self._update_tiles(records, today, self._goal, weight, self._weekday)
        self._computed_for = today
        if not stats.enough_for_trend(records):
            self.note.setText(
                "A trend needs at least 3 walks. Keep going: the charts fill in as you walk."
            )
            self.note.show()
        else:
            self.note.hide()

    def _update_tiles(
        self,
        records: list[SessionRecord],
        today: date,
        goal: stats.WeeklyGoal,
        weight: float,
        weekday: int,
    ) -> None:
        summary = stats.summarise(
            records,
            today=today,
            goal=goal,
            weight_kg=weight,
            first_weekday=weekday,
            longest_bout_s=self._bout,
        )
        self.summary = summary
        days = summary.day_streak
        self.streak_tile.set(
            f"{summary.week_streak} week{'s' if summary.week_streak != 1 else ''}",
            f"on goal in a row (best {summary.longest_week_streak}); "
            f"{days} day{'s' if days != 1 else ''} in a row",
        )
        week = summary.this_week
        self.week_tile.set(
            f"{week.backward_min:.0f} / {goal.backward_min} min",
            f"{week.sessions} of {goal.sessions} sessions"
            + (" — goal reached!" if summary.goal_met_this_week else ""),
        )
        bests = summary.bests
        if bests.longest_backward_bout_s is not None:
            self.bout_tile.caption.setText("Longest backward bout")
            self.bout_tile.set(
                format_minutes(bests.longest_backward_bout_s),
                f"longest session {format_minutes(bests.longest_session_s)}",
            )
        else:  # imported or hand-logged walks have no segments to measure bouts in
            self.bout_tile.caption.setText("Longest session")
            self.bout_tile.set(format_minutes(bests.longest_session_s))
        best = bests.most_backward_week
        self.best_week_tile.set(
            f"{best.backward_min:.0f} min" if best else "–",
            f"backward, week of {best.start:%d %b %Y}" if best else "",
        )
        share = summary.adherence
        self.adherence_tile.set(
            "–" if share is None else f"{share * 100:.0f}%",
            "of past weeks met your goal" if share is not None else "after your first week",
        )

    # --- export ---------------------------------------------------------------------------
    def save_png(self, path: Path | str) -> None:
        self._ensure_charts().save_png(path)

    def save_png_dialog(self) -> None:
        if not self._records:
            self.ctx.events.status_message.emit("There is no chart to save yet.")
            return
        if self.charts is None:
            self.refresh()
        name, _ = QFileDialog.getSaveFileName(
            self, "Save chart as PNG", str(Path.home() / "walkback-progress.png"), "PNG (*.png)"
        )
        if not name:
            return
        if not name.lower().endswith(".png"):
            name += ".png"
        try:
            self.save_png(name)
        except OSError as exc:
            self.ctx.events.status_message.emit(f"The chart could not be saved: {exc}")
            return
        self.ctx.events.status_message.emit(f"Saved the charts to {name}")
