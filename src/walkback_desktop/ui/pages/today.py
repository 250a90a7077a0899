"""The Today page: this week against the goal, the streak, and the next walk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core import stats
from walkback_desktop.core.routine import format_duration
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.empty_state import EmptyState, suggested_routine_id
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.pages.progress import (
    first_weekday_from_settings,
    goal_from_settings,
    local_today,
)
from walkback_desktop.ui.scrolling import scroll_page
from walkback_desktop.ui.widgets.segment_strip import SegmentStrip


def _label(text: str = "", scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    scale_font(label, scale, bold=bold)
    return label


def _bar(name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setAccessibleName(name)
    bar.setTextVisible(False)
    bar.setMinimumHeight(26)
    return bar


class TodayPage(Page):
    page_id = "today"
    title = "Today"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName(self.title)
        self.today: Callable[[], date] = local_today  # tests pin the date
        self._dirty = True
        self.routine_id: str | None = None

        self.heading = _label("This week", 1.8, True)
        self.heading.setAccessibleName("This week")
        self.week_dates = _label()

        self.sessions_text = _label("", 1.4, True)
        self.sessions_bar = _bar("Sessions this week")
        self.minutes_text = _label("", 1.4, True)
        self.minutes_bar = _bar("Backward minutes this week")
        self.goal_text = _label("", 1.2)
        self.goal_text.setAccessibleName("Goal")
        self.streak_text = _label("", 1.2)
        self.streak_text.setAccessibleName("Streak")
        goal_box = QFrame()
        goal_box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(goal_box)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.sessions_text, 0, 0)
        grid.addWidget(self.sessions_bar, 1, 0)
        grid.addWidget(self.minutes_text, 2, 0)
        grid.addWidget(self.minutes_bar, 3, 0)
        grid.addWidget(self.goal_text, 4, 0)
        grid.addWidget(self.streak_text, 5, 0)

        next_box = QFrame()
        next_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.next_caption = _label("Next walk", 1.0)
        self.routine_name = _label("", 1.6, True)
        self.routine_name.setAccessibleName("Next walk")
        self.routine_detail = _label()
        self.strip: QWidget | None = None
        self.start_button = QPushButton("Start")
        self.start_button.setAccessibleName("Start")
        self.start_button.setToolTip("Start this walk now")
        self.start_button.setMinimumSize(160, 52)
        scale_font(self.start_button, 1.4, bold=True)
        self.start_button.clicked.connect(self.start)
        next_layout = QVBoxLayout(next_box)
        next_layout.setContentsMargins(16, 12, 16, 12)
        next_layout.addWidget(self.next_caption)
        next_layout.addWidget(self.routine_name)
        next_layout.addWidget(self.routine_detail)
        self.strip_holder = QVBoxLayout()
        next_layout.addLayout(self.strip_holder)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        next_layout.addLayout(row)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.heading)
        content_layout.addWidget(self.week_dates)
        content_layout.addWidget(goal_box)
        content_layout.addSpacing(12)
        content_layout.addWidget(next_box)
        content_layout.addStretch(1)

        self.empty = EmptyState(
            ctx,
            "Welcome to WalkBack",
            "Walking backwards is gentle on the knees and good for balance. "
            "Start with a short beginner walk: WalkBack counts down each part, speaks "
            "the cues and keeps track of your week.",
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.stack)
        scroll_page(self, body)

        ctx.events.sessions_changed.connect(self._mark_dirty)
        ctx.events.settings_changed.connect(lambda _key: self._mark_dirty())
        ctx.events.routines_changed.connect(self._mark_dirty)

    def page_shown(self) -> None:
        if self._dirty:
            self.refresh()

    def _mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        sessions = self.ctx.store.sessions
        today = self.today()
        weekday = first_weekday_from_settings(self.ctx)
        start = stats.week_start(today, weekday)
        if sessions.count() == 0:
            self.stack.setCurrentWidget(self.empty)
            self._show_routine()
            return
        self.stack.setCurrentIndex(0)
        # streaks need the history; read plain rows (fast)
        records = sessions.list()
        goal = goal_from_settings(self.ctx)
        summary = stats.summarise(
            records,
            today=today,
            goal=goal,
            weight_kg=float(self.ctx.store.settings.get("weight_kg")),
            first_weekday=weekday,
        )
        self.summary = summary
        week = summary.this_week
        self.week_dates.setText(f"{start:%A %d %B} – {start + timedelta(days=6):%A %d %B %Y}")
        self.sessions_text.setText(f"{week.sessions} of {goal.sessions} sessions")
        self.sessions_bar.setRange(0, max(goal.sessions, 1))
        self.sessions_bar.setValue(min(week.sessions, max(goal.sessions, 1)))
        minutes = round(week.backward_min)
        self.minutes_text.setText(f"{minutes} of {goal.backward_min} backward minutes")
        self.minutes_bar.setRange(0, max(goal.backward_min, 1))
        self.minutes_bar.setValue(min(minutes, max(goal.backward_min, 1)))
        if summary.goal_met_this_week:
            self.goal_text.setText("Goal reached this week. Well done!")
        else:
            left_s = max(goal.sessions - week.sessions, 0)
            left_m = max(goal.backward_min - minutes, 0)
            parts = []
            if left_s:
                parts.append(f"{left_s} more session{'s' if left_s != 1 else ''}")
            if left_m:
                parts.append(f"{left_m} more backward minutes")
            self.goal_text.setText("To reach your goal: " + " and ".join(parts) + ".")
        weeks, days = summary.week_streak, summary.day_streak
        self.streak_text.setText(
            f"Streak: {weeks} week{'s' if weeks != 1 else ''} on goal, "
            f"{days} day{'s' if days != 1 else ''} in a row."
        )
        self._show_routine()

    def _show_routine(self) -> None:
        self.routine_id = suggested_routine_id(self.ctx)
        routine = self.ctx.store.library.get(self.routine_id) if self.routine_id else None
        self.start_button.setEnabled(routine is not None)
        if routine is None:
            self.routine_name.setText("No routine in your library")
            self.routine_detail.setText("")
            return
        self.routine_name.setText(routine.name)
        self.routine_detail.setText(
            f"{format_duration(routine.total_seconds)} in all, "
            f"{format_duration(routine.backward_seconds)} walking backwards"
        )
        self.start_button.setToolTip(f"Start “{routine.name}” now")
        if self.strip is None:
            self.strip = SegmentStrip(routine)
            self.strip.setMinimumHeight(36)
            self.strip_holder.addWidget(self.strip)
        else:
            self.strip.set_routine(routine)

    def start(self) -> None:
        if self.routine_id is not None:
            self.ctx.events.start_requested.emit(self.routine_id)
