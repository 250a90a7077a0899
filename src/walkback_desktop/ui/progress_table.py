"""The Progress page's text alternative to its charts (a table of weeks or
months) and the sentences it shares with the tiles."""

from __future__ import annotations

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


class PeriodTable(QTableWidget):
    """The charts' numbers as a table (their text alternative)."""

    def __init__(self) -> None:
        super().__init__(0, 7)
        self.setAccessibleName(_("Progress table"))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)

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
