"""Month by month: for periods longer than about six months (see
`core.stats.is_long_period`) the summary's bars are monthly and this table
follows, one row per month, so ten years fit on a few pages."""

from __future__ import annotations

from collections.abc import Mapping

from walkback_desktop.core import stats
from walkback_desktop.i18n import _, formats
from walkback_desktop.report.content import ChartImage, fmt_hours, fmt_scale, u
from walkback_desktop.report.data import ReportData
from walkback_desktop.report.sections import page_break


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
    id = "monthly"

    def charts(self, data: ReportData) -> tuple[str, ...]:
        return ()

    def html(self, data: ReportData, images: Mapping[str, ChartImage]) -> str:
        if not data.monthly or not data.has_sessions:
            return ""
        by_month = weeks_on_goal_by_month(data)
        pad = round(u(2.5))
        heads = (
            (_("Month"), "left"),
            (_("Sessions"), "right"),
            (_("Completed"), "right"),
            (_("Active time"), "right"),
            (_("Backward"), "right"),
            (_("Weeks on goal"), "right"),
            (_("Effort"), "right"),
            (_("Pain"), "right"),
        )
        head = "".join(f'<th align="{align}">{name}</th>' for name, align in heads)
        rows = []
        for month in data.months:
            met, total = by_month.get(month.start, (0, 0))
            on_goal = _("{met} of {weeks}").format(met=met, weeks=total) if total else "–"
            cells = (
                formats.month_year(month.start),
                f"{month.sessions:,}",
                f"{month.completed_sessions:,}",
                fmt_hours(month.active_min),
                formats.minutes(month.backward_s),
                on_goal,
                fmt_scale(month.avg_rpe),
                fmt_scale(month.avg_pain),
            )
            rows.append(
                "<tr>"
                + "".join(
                    f'<td align="{align}">{cell}</td>'
                    for cell, (_name, align) in zip(cells, heads, strict=True)
                )
                + "</tr>"
            )
        note = _(
            "One row per month. A week counts in the month it starts in; the week in "
            "progress is not counted. Effort (RPE) and pain are averages of the ratings."
        )
        heading = _("Month by month")
        return page_break(
            f'<h2>{heading}</h2><p class="note">{note}</p>'
            f'<table class="codes" width="100%" cellspacing="0" cellpadding="{pad}">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
