"""The Progress page: range buttons, tiles, the charts (pyqtgraph, imported
on first show unless `preload_charts()` ran) or their table, PNG export and
the report button. The numbers come from figures.py, the tiles' sentences
from tiles.py. (Just over 400 lines: layout and the refresh/redraw cycle; every
computation is in figures.py, so splitting further would split one widget.)"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.charts.palette import ChartPalette, palette_for_scheme
from walkback_desktop.core import stats
from walkback_desktop.i18n import N_, _, formats
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.empty_state import EmptyState
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.pages.progress.controls import ProgressControls
from walkback_desktop.ui.pages.progress.figures import (
    Preparation,
    ProgressFigures,
    RangeFigures,
)
from walkback_desktop.ui.pages.progress.loader import FiguresLoader
from walkback_desktop.ui.pages.progress.preferences import (
    DEFAULT_RANGE,
    RANGES,
    WATCHED_SETTINGS,
    PageSettings,
    is_dark,
    large_text,
    local_today,
)
from walkback_desktop.ui.pages.progress.tiles import ProgressTiles
from walkback_desktop.ui.pages.progress.walk_test_section import WalkTestSection
from walkback_desktop.ui.progress_table import PeriodTable, adherence_text, describe_charts
from walkback_desktop.ui.scrolling import scroll_page

if TYPE_CHECKING:
    from walkback_desktop.charts.progress_charts import ProgressCharts
    from walkback_desktop.charts.walk_test_chart import WalkTestChart
    from walkback_desktop.storage.programs import AssessmentRepository
    from walkback_desktop.storage.progress_queries import ProgressQueries
    from walkback_desktop.storage.settings_repo import SettingsRepository
    from walkback_desktop.ui.report_actions import ReportCommands
    from walkback_desktop.ui.walk_test.results import WalkTestResults


# After the sessions or settings change while the page is hidden (and warmed
# up), it reads them again this much later: one read for a burst of changes.
REREAD_AFTER_MS = 300
# Between two idle-time steps (each 5-25 ms): 1 ms, not 0, so that other timers
# and painting get their turn in between.
STEP_GAP_MS = 1


class ProgressPage(Page):
    page_id = "progress"
    title = N_("Progress")

    def __init__(
        self,
        ctx: AppContext,
        *,
        queries: ProgressQueries,
        settings: SettingsRepository,
        assessments: AssessmentRepository,
        suggest: Callable[[], str | None],
        report_commands: Callable[[Callable[[], date]], ReportCommands],
    ) -> None:
        """`queries` reads the figures; `suggest` names the routine the empty
        page offers; `report_commands(today)` makes the report export."""
        super().__init__()
        self.ctx = ctx
        self.queries = queries
        self.settings = settings
        self._report_commands = report_commands
        self.setAccessibleName(_(self.title))
        self.charts: ProgressCharts | None = None
        self.today: Callable[[], date] = local_today  # tests pin the date
        self.figures: ProgressFigures | None = None
        self._dirty = True
        self.summary: stats.Summary | None = None
        self._weeks: list[stats.PeriodTotals] = []
        self._goal = stats.WeeklyGoal()
        self.period = DEFAULT_RANGE
        self.range_first: date | None = None
        self.range_weeks: list[stats.PeriodTotals] = []
        self.range_months: list[stats.PeriodTotals] = []
        self.range_goal_weeks = stats.GoalAdherence(0, 0, None)
        self._loader = FiguresLoader(queries, self)
        self._loader.ready.connect(self._on_read_in_idle_time)
        self._warmed_up = False  # warm_up() was called: keep ready while hidden
        self._steps: Iterator[None] | None = None  # idle-time work left
        self._drawn: tuple[object, ...] | None = None  # what tiles and charts show
        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.setInterval(REREAD_AFTER_MS)
        self._reread.timeout.connect(self._read_in_idle_time)

        large = large_text()
        controls = ProgressControls(
            self,
            large,
            choose_period=self.set_period,
            save_png=self.save_png_dialog,
            export_report=self.export_report,
            show_table=self._show_table,
        )
        self.range_group = controls.range_group
        self.range_buttons = controls.range_buttons
        self.save_action = controls.save_action
        self.report_button = controls.report_button
        self.table_toggle = controls.table_toggle
        self.range_summary = controls.range_summary

        tiles = ProgressTiles(3 if large else 5)
        self.tiles = tiles
        self.streak_tile, self.week_tile, self.bout_tile = tiles.tiles()[:3]
        self.best_week_tile, self.adherence_tile = tiles.tiles()[3:]

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
        content_layout.addLayout(controls.actions)
        content_layout.addLayout(controls.buttons)
        content_layout.addWidget(self.chart_area, 1)
        content_layout.addWidget(self.readout)
        # The 3-m Backward Walk Test: its trend against the reference values and the
        # results, editable with undo; filled when the charts are first drawn.
        self.walk_test_box = WalkTestSection(ctx, assessments=assessments, settings=settings)
        content_layout.addWidget(self.walk_test_box)

        self.empty = EmptyState(
            ctx,
            _("Your progress will grow here"),
            _(
                "After a few walks you will see your backward minutes each week against your "
                "goal, your streak, and how pain and effort change over the weeks."
            ),
            suggest=suggest,
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(controls.top)
        if large:
            layout.addLayout(controls.ranges)
        layout.addWidget(self.stack, 1)
        self.scroll_area = scroll_page(self, body)
        self.walk_test_box.attach(self.scroll_area)

        ctx.events.sessions_changed.connect(self._mark_dirty)
        ctx.events.settings_changed.connect(self._on_setting_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    # --- Page hooks -------------------------------------------------------------------
    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"File": [self.save_action]}

    def page_shown(self) -> None:
        self._steps = None  # what idle time had left to do is done now
        if self._dirty or self.figures is None:
            self.refresh()
        elif self.figures.days and self._drawn != self._draw_key():
            self.redraw()  # a new day or colour scheme, or an idle-time drawing unfinished
        self._schedule_walk_test()

    def _schedule_walk_test(self) -> None:
        """The walk test section below the charts, once they are on screen."""
        if self.charts is not None and self.walk_chart is None:
            self.walk_test_box.schedule(self.chart_palette())

    # --- idle time ------------------------------------------------------------------
    def warm_up(self) -> None:
        """Get ready for a visit in idle time (the app calls this after start-up,
        once the chart modules are imported): read the sessions in a worker
        thread, then build and draw tiles and charts, hidden, one plot per turn
        of the event loop, so that the visit only paints. From then on, the
        page reads and draws again, hidden, when sessions or settings change.
        A visit meanwhile does at once whatever is left."""
        self._warmed_up = True
        self._read_in_idle_time()

    @property
    def prepared(self) -> bool:
        """The page shows the latest figures: a visit now only paints."""
        return (
            not self._dirty
            and self.figures is not None
            and (not self.figures.days or self._drawn == self._draw_key())
        )

    def _read_in_idle_time(self) -> None:
        if not self.isVisible() and (self._dirty or self.figures is None):
            self._loader.start(self._preparation())

    def _on_read_in_idle_time(self) -> None:
        if self.isVisible() or not self._loader.pending:
            return  # the page is shown: it read the figures itself
        self._take_figures()
        if self.figures is not None and self.figures.days:
            self._steps = self._draw_steps()
            QTimer.singleShot(STEP_GAP_MS, self._next_step)

    def _next_step(self) -> None:
        if self._steps is None:
            return
        if next(self._steps, "done") == "done":
            self._steps = None
            return
        QTimer.singleShot(STEP_GAP_MS, self._next_step)

    def _draw_steps(self) -> Iterator[None]:
        charts = self._ensure_charts(stepwise=True)
        while charts.build_step():
            yield
        yield from self._redraw_steps()

    # --- data ---------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self._dirty = True
        self._loader.invalidate()
        self._steps = None
        if self.isVisible():
            self.refresh()
            self._schedule_walk_test()
        elif self._warmed_up:
            self._reread.start()

    def _on_setting_changed(self, key: str) -> None:
        if key in WATCHED_SETTINGS:
            self._mark_dirty()

    def _on_scheme_changed(self, *_: Any) -> None:
        if self.charts is not None and self.isVisible():
            self.redraw()

    def chart_palette(self, prefs: PageSettings | None = None) -> ChartPalette:
        return palette_for_scheme(prefs.dark if prefs else is_dark(self.settings))

    def set_period(self, period: str) -> None:
        self.period = period
        for _text, p in RANGES:
            self.range_buttons[p].setChecked(p == period)
        if self.figures is not None:
            self.redraw()

    def _preparation(self) -> Preparation:
        prefs = PageSettings.read(self.settings)
        return Preparation(
            self.today(), prefs.goal, prefs.first_weekday, prefs.weight_kg, self.period
        )

    def _draw_key(self, prefs: PageSettings | None = None) -> tuple[object, ...]:
        """What the drawing depends on beyond the figures and settings (whose
        changes make the page read again): the day, the range and the colours."""
        return (self.today(), self.period, self.chart_palette(prefs))

    def refresh(self) -> None:
        """Read the sessions (summed per day) and redraw tiles and charts."""
        # SQLite sums the days in a worker thread (it lets go of the GIL) while
        # this thread builds the charts, on the first visit, when there are sessions
        self._steps = None
        if not self._loader.pending:
            self._loader.start(self._preparation())
        if self.charts is None and self.queries.has_sessions():
            self._ensure_charts()
        self._take_figures()
        if self.figures is not None and self.figures.days:
            self.redraw()

    def _take_figures(self) -> None:
        self.figures = self._loader.take()
        self._dirty = False
        self._drawn = None
        if not self.figures.days:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentIndex(0)

    def _ensure_charts(self, *, stepwise: bool = False) -> ProgressCharts:
        """The charts; with `stepwise`, their plots are left for `build_step()`."""
        if self.charts is None:
            from walkback_desktop.charts.progress_charts import ProgressCharts

            large = large_text()
            self.charts = ProgressCharts(single_column=large, stepwise=stepwise)
            # three rows of charts, each tall enough for its title, legend and
            # dates at the chosen text size: the page scrolls rather than squash them
            rows = 4 if large else 3
            self.charts.view.setMinimumHeight(
                round(rows * 175 * max(1.0, QFont().pointSizeF() / 10))
            )
            self.charts.readout_changed.connect(lambda text: self.readout.setText(text or " "))
            self.chart_holder.addWidget(self.charts)
        return self.charts

    @property
    def walk_chart(self) -> WalkTestChart | None:
        return self.walk_test_box.chart

    @property
    def walk_results(self) -> WalkTestResults | None:
        return self.walk_test_box.results

    def redraw(self) -> None:
        """Redraw the tiles (when the day or settings changed), the charts, the
        table and the period's adherence for the chosen range."""
        for _step in self._redraw_steps():
            pass

    def _redraw_steps(self) -> Iterator[None]:
        """`redraw` in two steps for idle time: tiles, then charts."""
        figures = self.figures
        if figures is None or not figures.days:
            return
        charts = self._ensure_charts()
        today = self.today()
        prefs = PageSettings.read(self.settings)
        palette = self.chart_palette(prefs)
        self._compute(figures, today, prefs)
        shown = figures.range(self.period)
        first = shown.first
        self.range_first = first
        self.range_weeks, self.range_months = shown.weeks, shown.months
        self.range_goal_weeks = shown.goal_weeks
        self.range_summary.setText(adherence_text(self.range_goal_weeks, self._goal))
        yield
        yield from charts.redraw_steps(
            shown.weeks,
            figures.rated_records(self.queries, shown),
            self._goal,
            palette,
            first_weekday=figures.first_weekday,
            months=shown.months,
            title=_("WalkBack progress, {first} – {last}").format(
                first=formats.day_month_year(first), last=formats.day_month_year(today)
            ),
            rated=shown.rated,
        )
        charts.view.setAccessibleDescription(
            describe_charts(first, today, self.range_weeks, self.range_goal_weeks, self._goal)
        )
        self.walk_test_box.set_palette(palette)
        if self.table_toggle.isChecked():
            self._fill_table(shown)
        self._drawn = self._draw_key(prefs)

    def _fill_table(self, shown: RangeFigures) -> None:
        self.table.fill(
            shown.months or shown.weeks,
            self._goal,
            monthly=bool(shown.months),
            in_progress=shown.goal_weeks.in_progress,
        )

    def _show_table(self, on: bool) -> None:
        self.chart_area.setCurrentIndex(1 if on else 0)
        self.table_toggle.setText(_("Show as chart") if on else _("Show as table"))
        self.table_toggle.setAccessibleName(self.table_toggle.text())
        if on and self.figures is not None and self.figures.days:
            self._fill_table(self.figures.range(self.period))

    def _compute(self, figures: ProgressFigures, today: date, prefs: PageSettings) -> None:
        """Weeks and tiles, which do not depend on the range (once per refresh,
        day and settings)."""
        self._goal = prefs.goal
        figures.compute(today, self._goal, prefs.first_weekday, prefs.weight_kg)
        if figures.summary is self.summary:
            return
        self.summary = figures.summary
        self._weeks = figures.weeks
        if self.summary is not None:
            self.tiles.show_summary(self.summary, self._goal)
        if figures.sessions < 3:  # core.stats.enough_for_trend
            self.note.setText(
                _("A trend needs at least 3 walks. Keep going: the charts fill in as you walk.")
            )
            self.note.show()
        else:
            self.note.hide()

    # --- report and export -----------------------------------------------------------
    def export_report(self) -> None:
        self._report_commands(self.today).export_pdf(self.window())

    def save_png(self, path: Path | str) -> None:
        self._ensure_charts().save_png(path)

    def save_png_dialog(self) -> None:
        if self.figures is None or not self.figures.days:
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
