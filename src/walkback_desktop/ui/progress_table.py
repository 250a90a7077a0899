"""The Progress page's text alternative to its charts (a table of weeks or
months, and a paragraph for screen readers) and the sentences it shares with
the tiles."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from walkback_desktop.core import stats
from walkback_desktop.i18n import _, formats, ngettext


def weeks_text(n: int) -> str:
    return ngettext("{n} week", "{n} weeks", n).format(n=n)


def days_text(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def adherence_text(goal_weeks: stats.GoalAdherence, goal: stats.WeeklyGoal) -> str:
    """ "5 of 8 weeks met your goal (63 %); this week in progress" (the report's card
    shows the same numbers from the same core.stats.goal_adherence)."""
    if goal_weeks.counted:
        share = formats.decimal((goal_weeks.share or 0.0) * 100, 0)
        text = ngettext(
            "{met} of {n} week met your goal ({percent} %)",
            "{met} of {n} weeks met your goal ({percent} %)",
            goal_weeks.counted,
        ).format(met=goal_weeks.met, n=goal_weeks.counted, percent=share)
    else:
        text = _("No whole week yet")
    if goal_weeks.in_progress is not None:
        if goal.met_by(goal_weeks.in_progress):
            text += _("; this week: goal reached")
        else:
            text += _("; this week in progress")
    return text


def describe_charts(
    first: date,
    last: date,
    weeks: Sequence[stats.PeriodTotals],
    goal_weeks: stats.GoalAdherence,
    goal: stats.WeeklyGoal,
) -> str:
    """The charts in one paragraph, for screen readers."""
    backward = sum(w.backward_s for w in weeks)
    sessions = sum(w.sessions for w in weeks)
    return _(
        "Charts from {first} to {last}: {sessions}, {minutes} backward in all. {adherence}. "
        "Choose Show as table to read every week."
    ).format(
        first=formats.day_month_year(first),
        last=formats.day_month_year(last),
        sessions=ngettext("{n} session", "{n} sessions", sessions).format(n=sessions),
        minutes=formats.minutes(backward),
        adherence=adherence_text(goal_weeks, goal),
    )


class PeriodTable(QTableWidget):
    """The charts' numbers as a table (their text alternative). Its columns fit
    the width without a horizontal scroll bar: when their contents are wider
    (German at 200 % text), the columns narrow and the cells wrap."""

    def __init__(self) -> None:
        super().__init__(0, 7)
        self.setAccessibleName(_("Progress table"))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self._natural: list[int] = []

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The columns at their contents' widths, narrowed in proportion when
        those do not fit; rows as tall as their wrapped cells."""
        if not self._natural:
            return
        room = self.viewport().width()
        total = sum(self._natural)
        scale = min(1.0, room / total) if total and room > 0 else 1.0
        for col, width in enumerate(self._natural):
            self.setColumnWidth(col, int(width * scale))
        self.resizeRowsToContents()

    def fill(
        self,
        periods: list[stats.PeriodTotals],
        goal: stats.WeeklyGoal,
        *,
        monthly: bool,
        in_progress: stats.PeriodTotals | None,
    ) -> None:
        heads = [
            _("Month") if monthly else _("Week of"),
            _("Sessions"),
            _("Completed"),
            _("Backward"),
            _("Goal"),
            _("Pain"),
            _("Effort"),
        ]
        self.setHorizontalHeaderLabels(heads)
        self.setRowCount(len(periods))
        for row, p in enumerate(reversed(periods)):
            if monthly:
                label, met = formats.month_year(p.start), "–"
            else:
                label = formats.day_month_year(p.start)
                if in_progress is not None and p.start == in_progress.start:
                    met = _("in progress")
                else:
                    met = _("met") if goal.met_by(p) else _("below goal")
            cells = (
                label,
                str(p.sessions),
                str(p.completed_sessions),
                formats.minutes(p.backward_s),
                met,
                "–" if p.avg_pain is None else formats.decimal(p.avg_pain, 1),
                "–" if p.avg_rpe is None else formats.decimal(p.avg_rpe, 1),
            )
            for col, text in enumerate(cells):
                self.setItem(row, col, QTableWidgetItem(text))
        self.resizeColumnsToContents()
        self._natural = [self.columnWidth(col) for col in range(self.columnCount())]
        self._fit_columns()
