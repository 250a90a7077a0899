"""The Today page: this week against the goal, the streak, and the next walk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core import stats
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.i18n import N_, _, formats, ngettext
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.empty_state import EmptyState, suggested_routine_id
from walkback_desktop.ui.fonts import scale_font, wrapped_label
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.program_card import ProgramCard
from walkback_desktop.ui.program_common import local_today, locale_first_weekday
from walkback_desktop.ui.scrolling import scroll_page
from walkback_desktop.ui.text import plain_tooltip
from walkback_desktop.ui.widgets.segment_strip import SegmentStrip

if TYPE_CHECKING:
    from walkback_desktop.services.programs import ProgramReads
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.plain import PlainSessions, PlainSettings
    from walkback_desktop.storage.programs import AssessmentRepository
    from walkback_desktop.storage.sessions import SessionRepository
    from walkback_desktop.storage.settings_repo import SettingsRepository

# The Today page reads this many weeks back first, and further only while the
# current streak reaches the start of what was read (so 10 years of history
# cost a few weeks' reading, and a long streak is still counted in full).
FIRST_WINDOW_WEEKS = 12


def recent_summary(
    read: Callable[[datetime | None], Sequence[SessionRecord]],
    *,
    today: date,
    goal: stats.WeeklyGoal,
    weight_kg: float,
    weekday: int,
) -> stats.Summary:
    """This week's totals and the current streaks, from as little history as they need.

    `read(start)` returns the sessions from `start` on (everything for None).
    The summary's all-time fields (bests, adherence, totals) cover only what
    was read: the Today page does not show them.
    """
    weeks = FIRST_WINDOW_WEEKS
    while True:
        first_day = stats.week_start(today, weekday) - timedelta(weeks=weeks, days=1)
        start = datetime.combine(first_day, time.min).astimezone() if weeks < 1024 else None
        records = read(start)
        summary = stats.summarise(
            records, today=today, goal=goal, weight_kg=weight_kg, first_weekday=weekday
        )
        cut_short = summary.week_streak >= weeks - 1 or summary.day_streak >= 7 * weeks - 2
        if start is None or not cut_short:
            return summary
        weeks *= 4


def _long_date(day: date, *, year: bool = False) -> str:
    """ "Monday 3 March" in the user's language (QLocale), with the year if asked."""
    fmt = "dddd d MMMM yyyy" if year else "dddd d MMMM"
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def _writable(
    settings: SettingsRepository | PlainSettings, assessments: AssessmentRepository | None
) -> SettingsRepository | None:
    """The settings for the card's walk test: the store's, or None with the plain reader."""
    return None if assessments is None else cast("SettingsRepository", settings)


def _bar(name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setAccessibleName(name)
    bar.setTextVisible(False)
    bar.setMinimumHeight(26)
    return bar


class TodayPage(Page):
    page_id = "today"
    title = N_("Today")

    def __init__(
        self,
        ctx: AppContext,
        *,
        sessions: SessionRepository | PlainSessions,
        settings: SettingsRepository | PlainSettings,
        library: RoutineLibrary,
        plans: ProgramReads,
        assessments: AssessmentRepository | None,
    ) -> None:
        """At start-up the page is first filled from the plain sqlite3 reader
        (`wiring.today_preview_services`, `assessments` None), before the store
        is open; `use_services` then hands it the store's repositories."""
        super().__init__()
        self.ctx = ctx
        self.sessions = sessions
        self.settings = settings
        self.library = library
        self.setAccessibleName(_(self.title))
        self.today: Callable[[], date] = local_today  # tests pin the date
        self._dirty = True
        self.routine_id: str | None = None

        self.heading = wrapped_label(_("This week"), 1.8, True)
        self.heading.setAccessibleName(_("This week"))
        self.week_dates = wrapped_label()

        self.sessions_text = wrapped_label("", 1.4, True)
        self.sessions_bar = _bar(_("Sessions this week"))
        self.minutes_text = wrapped_label("", 1.4, True)
        self.minutes_bar = _bar(_("Backward minutes this week"))
        self.goal_text = wrapped_label("", 1.2)
        self.goal_text.setAccessibleName(_("Goal"))
        self.streak_text = wrapped_label("", 1.2)
        self.streak_text.setAccessibleName(_("Streak"))
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
        self.next_caption = wrapped_label(_("Next walk"), 1.0)
        self.routine_name = wrapped_label("", 1.6, True)
        self.routine_name.setAccessibleName(_("Next walk"))
        self.routine_detail = wrapped_label()
        self.strip: SegmentStrip | None = None
        self.start_button = QPushButton(_("Start"))
        self.start_button.setAccessibleName(_("Start"))
        self.start_button.setToolTip(_("Start this walk now"))
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
        # The prescribed plan, when the person follows one: this week's sessions,
        # the next one with Start, adherence and the next 3-m Backward Walk Test.
        self.program_card = ProgramCard(
            ctx,
            plans=plans,
            assessments=assessments,
            settings=_writable(settings, assessments),
            today=lambda: self.today(),
        )
        content_layout.addWidget(self.program_card)
        content_layout.addSpacing(12)
        content_layout.addWidget(next_box)
        content_layout.addStretch(1)

        self.empty = EmptyState(
            ctx,
            _("Welcome to WalkBack"),
            _(
                "Walking backwards is gentle on the knees and good for balance. "
                "Start with a short beginner walk: WalkBack counts down each part, speaks "
                "the cues and keeps track of your week."
            ),
            suggest=lambda: suggested_routine_id(self.library, self.sessions),
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

    def use_services(
        self,
        *,
        sessions: SessionRepository,
        settings: SettingsRepository,
        library: RoutineLibrary,
        plans: ProgramReads,
        assessments: AssessmentRepository,
    ) -> None:
        """Read from the open store from now on (see `__init__`); what is shown
        was read from the same database a moment ago and stays."""
        self.sessions, self.settings, self.library = sessions, settings, library
        self.program_card.use_services(plans=plans, assessments=assessments, settings=settings)

    def page_shown(self) -> None:
        if self._dirty:
            self.refresh()

    def _mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        # Nothing is painted half-filled: QProgressBar.setValue repaints at once.
        self.setUpdatesEnabled(False)
        try:
            self._fill()
        finally:
            self.setUpdatesEnabled(True)

    def _fill(self) -> None:
        self._dirty = False
        sessions = self.sessions
        today = self.today()
        settings = self.settings.snapshot()
        weekday = stats.first_weekday(str(settings.week_start), locale_first_weekday())
        start = stats.week_start(today, weekday)
        self.program_card.refresh()
        if sessions.count() == 0 and self.program_card.active is None:
            self.stack.setCurrentWidget(self.empty)
            self._show_routine()
            return
        self.stack.setCurrentIndex(0)
        goal = stats.WeeklyGoal(
            sessions=settings.weekly_goal_sessions,
            backward_min=settings.weekly_goal_backward_min,
        )
        summary = recent_summary(
            sessions.list, today=today, goal=goal, weight_kg=settings.weight_kg, weekday=weekday
        )
        self.summary = summary
        week = summary.this_week
        self.week_dates.setText(
            _("{first} – {last}").format(
                first=_long_date(start), last=_long_date(start + timedelta(days=6), year=True)
            )
        )
        self.sessions_text.setText(
            ngettext("{n} of {goal} session", "{n} of {goal} sessions", goal.sessions).format(
                n=week.sessions, goal=goal.sessions
            )
        )
        self.sessions_bar.setRange(0, max(goal.sessions, 1))
        self.sessions_bar.setValue(min(week.sessions, max(goal.sessions, 1)))
        minutes = round(week.backward_min)
        self.minutes_text.setText(
            ngettext(
                "{n} of {goal} backward minute",
                "{n} of {goal} backward minutes",
                goal.backward_min,
            ).format(n=minutes, goal=goal.backward_min)
        )
        self.minutes_bar.setRange(0, max(goal.backward_min, 1))
        self.minutes_bar.setValue(min(minutes, max(goal.backward_min, 1)))
        if summary.goal_met_this_week:
            self.goal_text.setText(_("Goal reached this week. Well done!"))
        else:
            left_s = max(goal.sessions - week.sessions, 0)
            left_m = max(goal.backward_min - minutes, 0)
            parts = []
            if left_s:
                parts.append(
                    ngettext("{n} more session", "{n} more sessions", left_s).format(n=left_s)
                )
            if left_m:
                parts.append(
                    ngettext(
                        "{n} more backward minute", "{n} more backward minutes", left_m
                    ).format(n=left_m)
                )
            self.goal_text.setText(
                _("To reach your goal: {what}.").format(what=_(" and ").join(parts))
            )
        weeks, days = summary.week_streak, summary.day_streak
        self.streak_text.setText(
            _("Streak: {weeks}, {days}.").format(
                weeks=ngettext("{n} week on goal", "{n} weeks on goal", weeks).format(n=weeks),
                days=ngettext("{n} day in a row", "{n} days in a row", days).format(n=days),
            )
        )
        self._show_routine()

    def _show_routine(self) -> None:
        self.routine_id = suggested_routine_id(self.library, self.sessions)
        routine = self.library.get(self.routine_id) if self.routine_id else None
        self.start_button.setEnabled(routine is not None)
        if routine is None:
            self.routine_name.setText(_("No routine in your library"))
            self.routine_detail.setText("")
            return
        self.routine_name.setText(routine.name)
        self.routine_detail.setText(
            _("{total} in all, {backward} walking backwards").format(
                total=formats.duration(routine.total_seconds),
                backward=formats.duration(routine.backward_seconds),
            )
        )
        self.start_button.setToolTip(
            plain_tooltip(_("Start “{name}” now").format(name=routine.name))
        )
        if self.strip is None:
            self.strip = SegmentStrip(routine)
            self.strip.setMinimumHeight(36)
            self.strip_holder.addWidget(self.strip)
        else:
            self.strip.set_routine(routine)

    def start(self) -> None:
        if self.routine_id is not None:
            self.ctx.events.request_start(self.routine_id)
