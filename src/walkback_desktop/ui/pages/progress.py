"""The Progress page: weekly charts (pyqtgraph, imported on first show),
tiles for streaks, this week against the goal and personal bests.

Longer than 400 lines: the page owns the range buttons, tiles, chart/table
switch, PNG export and report button, which share its computed weeks; the
table and its sentences live in ui/progress_table.py."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QGroupBox,
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
from walkback_desktop.i18n import N_, _, formats, ngettext
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.empty_state import EmptyState
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.progress_table import PeriodTable, adherence_text, days_text, weeks_text
from walkback_desktop.ui.scrolling import scroll_page
from walkback_desktop.ui.tiles import Tile

if TYPE_CHECKING:
    from walkback_desktop.charts.progress_charts import ProgressCharts
    from walkback_desktop.charts.walk_test_chart import WalkTestChart

# (label, period id): the same periods as the report dialog (core.stats.PERIODS),
# so the page and the report give the same weeks and percentages.
RANGES = (
    (N_("4 weeks"), "4w"),
    (N_("3 months"), "3m"),
    (N_("12 months"), "12m"),
    (N_("All"), "all"),
)
DEFAULT_RANGE = "3m"


def goal_from_settings(ctx: AppContext) -> stats.WeeklyGoal:
    return stats.WeeklyGoal.from_settings(ctx.store.settings.snapshot())


def first_weekday_from_settings(ctx: AppContext) -> int:
    from PySide6.QtCore import QLocale

    locale_day = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1 ... Sunday = 7
    return stats.first_weekday(str(ctx.store.settings.snapshot().week_start), locale_day)


def large_text() -> bool:
    """Text size 150 % or more: tiles in three columns, buttons on rows of their own."""
    return QFont().pointSizeF() >= 13.5


def is_dark(ctx: AppContext) -> bool:
    theme = ctx.store.settings.snapshot().theme
    if theme in ("light", "dark"):
        return theme == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def preload_charts() -> None:
    """Import pyqtgraph and the chart panel now, so the first visit to Progress
    does not pay for it. For the start-up code to call once the window is
    painted and idle (it takes a few hundred ms on the GUI thread)."""
    import walkback_desktop.charts.progress_charts  # noqa: F401


def local_today() -> date:
    return datetime.now().astimezone().date()


class ProgressPage(Page):
    page_id = "progress"
    title = N_("Progress")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName(_(self.title))
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
        self._weight = 0.0
        self._cache: dict[str, tuple[list[stats.PeriodTotals], list[stats.PeriodTotals]]] = {}
        self.period = DEFAULT_RANGE
        self.range_first: date | None = None
        self.range_weeks: list[stats.PeriodTotals] = []
        self.range_months: list[stats.PeriodTotals] = []
        self.range_goal_weeks = stats.GoalAdherence(0, 0, None)

        heading = QLabel(_("Progress"))
        heading.setAccessibleName(_("Progress"))
        scale_font(heading, 1.8, bold=True)
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        large = large_text()
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        ranges = QHBoxLayout()
        ranges.addWidget(QLabel(_("Show:")))
        self.range_buttons: dict[str, QPushButton] = {}
        for text, period in RANGES:
            button = QPushButton(_(text))
            button.setCheckable(True)
            button.setAccessibleName(_(text))
            button.setToolTip(
                _("Chart the last {period}").format(period=_(text).lower())
                if period != "all"
                else _("Chart every week")
            )
            button.setChecked(period == DEFAULT_RANGE)
            button.clicked.connect(lambda _c=False, p=period: self.set_period(p))
            self.range_group.addButton(button)
            self.range_buttons[period] = button
            ranges.addWidget(button)
        if large:  # the range buttons on a row of their own
            ranges.addStretch(1)
        else:
            top.addLayout(ranges)

        self.save_action = QAction(_("Save chart as PNG…"), self)
        self.save_action.setToolTip(_("Save the progress charts as a picture"))
        self.save_action.triggered.connect(self.save_png_dialog)
        save = QPushButton(_("Save chart as PNG…"))
        save.setAccessibleName(_("Save chart as PNG…"))
        save.setToolTip(_("Save the progress charts as a picture"))
        save.clicked.connect(self.save_png_dialog)
        self.report_button = QPushButton(_("Progress report…"))
        self.report_button.setAccessibleName(_("Progress report…"))
        self.report_button.setToolTip(
            _("Save a progress report for your physiotherapist as a PDF")
        )
        self.report_button.clicked.connect(self.export_report)
        self.table_toggle = QPushButton(_("Show as table"))
        self.table_toggle.setCheckable(True)
        self.table_toggle.setAccessibleName(_("Show as table"))
        self.table_toggle.setToolTip(_("Show the charts' numbers as a table"))
        self.table_toggle.toggled.connect(self._show_table)
        actions = QHBoxLayout()
        buttons = QHBoxLayout()
        self.range_summary = QLabel(" ")
        self.range_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.range_summary.setWordWrap(True)
        self.range_summary.setAccessibleName(_("Weeks on goal in this period"))
        actions.addWidget(self.range_summary, 1)
        if large:
            buttons.addStretch(1)
        for button in (self.table_toggle, save, self.report_button):
            (buttons if large else actions).addWidget(button)

        self.streak_tile = Tile(_("Streak"))
        self.week_tile = Tile(_("This week"))
        self.bout_tile = Tile(_("Longest backward bout"))
        self.best_week_tile = Tile(_("Best week"))
        self.adherence_tile = Tile(_("Weeks on goal"))
        tiles = QGridLayout()
        columns = 3 if large else 5
        for n, tile in enumerate(
            (
                self.streak_tile,
                self.week_tile,
                self.bout_tile,
                self.best_week_tile,
                self.adherence_tile,
            )
        ):
            tiles.addWidget(tile, n // columns, n % columns)
        for column in range(columns):
            tiles.setColumnStretch(column, 1)

        self.readout = QLabel(" ")
        self.readout.setAccessibleName(_("Chart read-out"))
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setToolTip(_("Point at a bar or a point to read its numbers"))
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.hide()

        self.table = PeriodTable()
        self.chart_area = QStackedWidget()
        self.chart_holder = QVBoxLayout()
        self.chart_holder.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        holder.setLayout(self.chart_holder)
        self.chart_area.addWidget(holder)
        self.chart_area.addWidget(self.table)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(tiles)
        content_layout.addWidget(self.note)
        content_layout.addLayout(actions)
        content_layout.addLayout(buttons)
        content_layout.addWidget(self.chart_area, 1)
        content_layout.addWidget(self.readout)
        # The 3-m Backward Walk Test: its trend against the reference values and the
        # results, editable with undo; filled when the charts are first drawn.
        self.walk_test_box = QGroupBox(_("3-m Backward Walk Test"))
        self.walk_test_layout = QVBoxLayout(self.walk_test_box)
        self.walk_chart: WalkTestChart | None = None
        content_layout.addWidget(self.walk_test_box)

        self.empty = EmptyState(
            ctx,
            _("Your progress will grow here"),
            _(
                "After a few walks you will see your backward minutes each week against your "
                "goal, your streak, and how pain and effort change over the weeks."
            ),
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        if large:
            layout.addLayout(ranges)
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

    def set_period(self, period: str) -> None:
        self.period = period
        for _text, p in RANGES:
            self.range_buttons[p].setChecked(p == period)
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

            large = large_text()
            self.charts = ProgressCharts(single_column=large)
            # three rows of charts, each tall enough for its title, legend and
            # dates at the chosen text size: the page scrolls rather than squash them
            rows = 4 if large else 3
            self.charts.view.setMinimumHeight(
                round(rows * 175 * max(1.0, QFont().pointSizeF() / 10))
            )
            self.charts.readout_changed.connect(lambda text: self.readout.setText(text or " "))
            self.chart_holder.addWidget(self.charts)
            self._build_walk_test()
        return self.charts

    def _build_walk_test(self) -> None:
        from walkback_desktop.charts.walk_test_chart import WalkTestChart
        from walkback_desktop.ui.walk_test.results import WalkTestResults

        self.walk_chart = WalkTestChart(
            self.ctx.store.assessments.list, palette=self.chart_palette()
        )
        self.walk_chart.setMinimumHeight(round(220 * max(1.0, QFont().pointSizeF() / 10)))
        self.walk_results = WalkTestResults(self.ctx)
        self.walk_results.changed.connect(self.walk_chart.refresh)
        self.walk_test_layout.addWidget(self.walk_chart)
        self.walk_test_layout.addWidget(self.walk_results)

    def _period_totals(
        self, first: date, today: date
    ) -> tuple[list[stats.PeriodTotals], list[stats.PeriodTotals]]:
        """Weeks (and months, for a long period) of the sessions from `first` to
        `today`, as the report computes them for the same period."""
        key = f"{self.period}:{first}"
        if key not in self._cache:
            lo = bisect.bisect_left(self._days, first)
            hi = bisect.bisect_right(self._days, today)
            shown = self._records_by_day[lo:hi]
            if first == self._days[0]:
                weeks = self._weeks
            else:
                weeks = stats.weekly_totals(
                    shown,
                    weight_kg=self._weight,
                    first_weekday=self._weekday,
                    start=first,
                    end=today,
                )
            months = (
                stats.monthly_totals(shown, weight_kg=self._weight, start=first, end=today)
                if stats.is_long_period(first, today)
                else []
            )
            self._cache[key] = (weeks, months)
        return self._cache[key]

    def redraw(self) -> None:
        """Redraw the charts, the table and the period's adherence for the chosen range."""
        records = self._records or []
        if not records:
            return
        charts = self._ensure_charts()
        today = self.today()
        if self._computed_for != today:
            self._compute(today)
        first = stats.period_first(self.period, today) or min(self._days[0], today)
        weeks, months = self._period_totals(first, today)
        self.range_first = first
        self.range_weeks, self.range_months = weeks, months
        self.range_goal_weeks = stats.goal_adherence(weeks, self._goal, last=today, today=today)
        self.range_summary.setText(adherence_text(self.range_goal_weeks, self._goal))
        lo = bisect.bisect_left(self._days, first)
        hi = bisect.bisect_right(self._days, today)
        shown = self._records_by_day[lo:hi]
        charts.redraw(
            weeks,
            shown,
            self._goal,
            self.chart_palette(),
            first_weekday=self._weekday,
            months=months,
            title=_("WalkBack progress, {first} – {last}").format(
                first=f"{first:%d %b %Y}", last=f"{today:%d %b %Y}"
            ),
        )
        charts.view.setAccessibleDescription(self._describe(first, today))
        if self.walk_chart is not None:
            self.walk_chart.set_palette(self.chart_palette())
        if self.table_toggle.isChecked():
            self.table.fill(
                months or weeks,
                self._goal,
                monthly=bool(months),
                in_progress=self.range_goal_weeks.in_progress,
            )

    def _describe(self, first: date, today: date) -> str:
        """The charts in one paragraph, for screen readers."""
        weeks = self.range_weeks
        backward = sum(w.backward_s for w in weeks)
        sessions = sum(w.sessions for w in weeks)
        return _(
            "Charts from {first} to {last}: {sessions}, {minutes} backward in all. {adherence}. "
            "Choose Show as table to read every week."
        ).format(
            first=f"{first:%d %b %Y}",
            last=f"{today:%d %b %Y}",
            sessions=ngettext("{n} session", "{n} sessions", sessions).format(n=sessions),
            minutes=formats.minutes(backward),
            adherence=adherence_text(self.range_goal_weeks, self._goal),
        )

    def _show_table(self, on: bool) -> None:
        self.chart_area.setCurrentIndex(1 if on else 0)
        self.table_toggle.setText(_("Show as chart") if on else _("Show as table"))
        self.table_toggle.setAccessibleName(self.table_toggle.text())
        if on and self._records:
            self.table.fill(
                self.range_months or self.range_weeks,
                self._goal,
                monthly=bool(self.range_months),
                in_progress=self.range_goal_weeks.in_progress,
            )

    def _compute(self, today: date) -> None:
        """Everything that does not depend on the range: weeks, tiles (once per refresh)."""
        records = self._records or []
        self._goal = goal_from_settings(self.ctx)
        self._weekday = first_weekday_from_settings(self.ctx)
        self._weight = float(self.ctx.store.settings.snapshot().weight_kg)
        self._cache = {}
        dated = sorted((stats.local_date(r), n) for n, r in enumerate(records))
        self._days = [d for d, _n in dated]
        self._records_by_day = [records[n] for _d, n in dated]
        self._weeks = stats.weekly_totals(
            records,
            weight_kg=self._weight,
            first_weekday=self._weekday,
            start=min(self._days[0], today),
            end=today,
        )
        self._update_tiles(records, today, self._goal, self._weight, self._weekday)
        self._computed_for = today
        if not stats.enough_for_trend(records):
            self.note.setText(
                _("A trend needs at least 3 walks. Keep going: the charts fill in as you walk.")
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
            weeks=self._weeks,
        )
        self.summary = summary
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
            _("backward, week of {day}").format(day=f"{best.start:%d %b %Y}") if best else "",
        )
        goal_weeks = summary.goal_weeks
        self.adherence_tile.set(
            "–"
            if goal_weeks.share is None
            else _("{percent} %").format(percent=formats.decimal(goal_weeks.share * 100, 0)),
            adherence_text(goal_weeks, goal),
        )

    # --- report and export -----------------------------------------------------------
    def export_report(self) -> None:
        from walkback_desktop.ui.report_actions import ReportCommands

        ReportCommands(self.ctx, today=self.today).export_pdf(self.window())

    def save_png(self, path: Path | str) -> None:
        self._ensure_charts().save_png(path)

    def save_png_dialog(self) -> None:
        if not self._records:
            self.ctx.events.status_message.emit(_("There is no chart to save yet."))
            return
        if self.charts is None:
            self.refresh()
        dialog = QFileDialog(self, _("Save chart as PNG"), str(Path.home()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(_("PNG images (*.png)"))
        dialog.setDefaultSuffix("png")
        dialog.selectFile(f"walkback-progress-{self.today():%Y-%m-%d}.png")
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return
        name = dialog.selectedFiles()[0]
        try:
            self.save_png(name)
        except OSError as exc:
            self.ctx.events.status_message.emit(
                _("The chart could not be saved: {reason}").format(reason=exc)
            )
            return
        self.ctx.events.status_message.emit(_("Saved the charts to {path}").format(path=name))
