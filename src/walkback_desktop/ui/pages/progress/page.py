"""The Progress page: range buttons, tiles, the charts (pyqtgraph, imported
on first show unless `preload_charts()` ran) or their table, PNG export and
the report button. The numbers come from figures.py, the tiles' sentences
from tiles.py. (Just over 400 lines: layout and the refresh/redraw cycle; every
computation is in figures.py, so splitting further would split one widget.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QGuiApplication
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
from walkback_desktop.i18n import N_, _, formats, ngettext
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.empty_state import EmptyState
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.pages.progress.figures import (
    ProgressFigures,
    RangeFigures,
    read_in_background,
)
from walkback_desktop.ui.pages.progress.preferences import (
    DEFAULT_RANGE,
    RANGES,
    WATCHED_SETTINGS,
    first_weekday_from_settings,
    goal_from_settings,
    is_dark,
    large_text,
    local_today,
)
from walkback_desktop.ui.pages.progress.tiles import ProgressTiles
from walkback_desktop.ui.pages.progress.walk_test_section import WalkTestSection
from walkback_desktop.ui.progress_table import PeriodTable, adherence_text
from walkback_desktop.ui.scrolling import scroll_page

if TYPE_CHECKING:
    from walkback_desktop.charts.progress_charts import ProgressCharts
    from walkback_desktop.charts.walk_test_chart import WalkTestChart
    from walkback_desktop.storage.programs import AssessmentRepository
    from walkback_desktop.storage.progress_queries import ProgressQueries
    from walkback_desktop.storage.settings_repo import SettingsRepository
    from walkback_desktop.ui.report_actions import ReportCommands
    from walkback_desktop.ui.walk_test.results import WalkTestResults


CHECKED_RANGE_STYLE = (
    "QPushButton:checked { background-color: palette(highlight);"
    " color: palette(highlighted-text); border: 1px solid palette(highlight);"
    " border-radius: 3px; padding: 3px 8px; font-weight: bold; }"
)


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
            # The chosen range must show in every theme (Fusion's dark "checked"
            # is barely darker than its unchecked button): the selection colour.
            button.setStyleSheet(CHECKED_RANGE_STYLE)
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
        content_layout.addLayout(actions)
        content_layout.addLayout(buttons)
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
        layout.addLayout(top)
        if large:
            layout.addLayout(ranges)
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
        if self._dirty or self.figures is None:
            self.refresh()

    # --- data ---------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _on_setting_changed(self, key: str) -> None:
        if key in WATCHED_SETTINGS:
            self._mark_dirty()

    def _on_scheme_changed(self, *_: Any) -> None:
        if self.charts is not None and self.isVisible():
            self.redraw()

    def chart_palette(self) -> ChartPalette:
        return palette_for_scheme(is_dark(self.settings))

    def set_period(self, period: str) -> None:
        self.period = period
        for _text, p in RANGES:
            self.range_buttons[p].setChecked(p == period)
        if self.figures is not None:
            self.redraw()

    def refresh(self) -> None:
        """Read the sessions (summed per day) and redraw tiles and charts."""
        # SQLite sums the days in a worker thread (it lets go of the GIL) while
        # this thread builds the charts, on the first visit, when there are sessions
        reading = read_in_background(self.queries)
        if self.charts is None and self.queries.has_sessions():
            self._ensure_charts()
        self.figures = reading.result()
        self._dirty = False
        if not self.figures.days:
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
            self.walk_test_box.schedule(self.chart_palette())
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
        figures = self.figures
        if figures is None or not figures.days:
            return
        charts = self._ensure_charts()
        today = self.today()
        self._compute(figures, today)
        shown = figures.range(self.period)
        first = shown.first
        self.range_first = first
        self.range_weeks, self.range_months = shown.weeks, shown.months
        self.range_goal_weeks = shown.goal_weeks
        self.range_summary.setText(adherence_text(self.range_goal_weeks, self._goal))
        charts.redraw(
            shown.weeks,
            figures.rated_records(self.queries, shown),
            self._goal,
            self.chart_palette(),
            first_weekday=figures.first_weekday,
            months=shown.months,
            title=_("WalkBack progress, {first} – {last}").format(
                first=formats.day_month_year(first), last=formats.day_month_year(today)
            ),
            rated=shown.rated,
        )
        charts.view.setAccessibleDescription(self._describe(first, today))
        self.walk_test_box.set_palette(self.chart_palette())
        if self.table_toggle.isChecked():
            self._fill_table(shown)

    def _fill_table(self, shown: RangeFigures) -> None:
        self.table.fill(
            shown.months or shown.weeks,
            self._goal,
            monthly=bool(shown.months),
            in_progress=shown.goal_weeks.in_progress,
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
            first=formats.day_month_year(first),
            last=formats.day_month_year(today),
            sessions=ngettext("{n} session", "{n} sessions", sessions).format(n=sessions),
            minutes=formats.minutes(backward),
            adherence=adherence_text(self.range_goal_weeks, self._goal),
        )

    def _show_table(self, on: bool) -> None:
        self.chart_area.setCurrentIndex(1 if on else 0)
        self.table_toggle.setText(_("Show as chart") if on else _("Show as table"))
        self.table_toggle.setAccessibleName(self.table_toggle.text())
        if on and self.figures is not None and self.figures.days:
            self._fill_table(self.figures.range(self.period))

    def _compute(self, figures: ProgressFigures, today: date) -> None:
        """Weeks and tiles, which do not depend on the range (once per refresh,
        day and settings)."""
        self._goal = goal_from_settings(self.settings)
        figures.compute(
            today,
            self._goal,
            first_weekday_from_settings(self.settings),
            float(self.settings.snapshot().weight_kg),
        )
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
