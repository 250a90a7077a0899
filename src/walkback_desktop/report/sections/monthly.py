"""Month by month: for periods longer than about six months (see
`core.stats.is_long_period`) the summary's bars are monthly and this table
follows, one row per month, so ten years fit on a few pages."""

from __future__ import annotations

from PySide6.QtGui import QFont

from walkback_desktop.core import stats
from walkback_desktop.i18n import _, formats
from walkback_desktop.report.content import fmt_hours, fmt_scale
from walkback_desktop.report.data import ReportData
from walkback_desktop.report.month_table import LineTable


def weeks_on_goal_by_month(data: ReportData) -> dict[object, tuple[int, int]]:
    """(met, counted) weeks per month, a week belonging to the month it starts in;
    the week in progress is not counted (the same rule as the summary)."""
    counted_weeks = list(data.weeks)
    if data.goal_weeks.in_progress is not None and counted_weeks:
        counted_weeks.pop()
    out: dict[object, tuple[int, int]] = {}
    for week in counted_weeks:
        key = stats.month_start(week.start)
        met, total = out.get(key, (0, 0))
        out[key] = (met + data.goal.met_by(week), total + 1)
    return out


class MonthlySection:
    """A paged section: 120 rows for ten years are drawn by month_table.LineTable
    (QTextDocument spent most of a long report's layout time on them)."""

    id = "monthly"

    def table(self, data: ReportData, width: float, font: QFont) -> LineTable | None:
        if not data.monthly or not data.has_sessions:
            return None
        note = _(
            "One row per month. A week counts in the month it starts in; the week in "
            "progress is not counted. Effort (RPE) and pain are averages of the ratings."
        )
        return LineTable(_("Month by month"), note, _columns(), month_rows(data), width, font)


def _columns() -> tuple[tuple[str, bool], ...]:
    """(header, right-aligned) for each column."""
    return (
        (_("Month"), False),
        (_("Sessions"), True),
        (_("Completed"), True),
        (_("Active time"), True),
        (_("Backward"), True),
        (_("Weeks on goal"), True),
        (_("Effort"), True),
        (_("Pain"), True),
    )


def month_rows(data: ReportData) -> list[tuple[str, ...]]:
    """The text of each month's row, oldest first."""
    by_month = weeks_on_goal_by_month(data)
    rows: list[tuple[str, ...]] = []
    for month in data.months:
        met, total = by_month.get(month.start, (0, 0))
        on_goal = _("{met} of {weeks}").format(met=met, weeks=total) if total else "–"
        rows.append(
            (
                formats.month_year(month.start),
                f"{month.sessions:,}",
                f"{month.completed_sessions:,}",
                fmt_hours(month.active_min),
                formats.minutes(month.backward_s),
                on_goal,
                fmt_scale(month.avg_rpe),
                fmt_scale(month.avg_pain),
            )
        )
    return rows
