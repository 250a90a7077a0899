"""The rehab plan: program, start, planned vs done per week, adherence
(sessions and backward minutes, as the program schedule counts them), missed
weeks and the pain reported in each program week (fed by `ReportExtras.plan`,
see services/report_extras.py)."""

from __future__ import annotations

from collections.abc import Mapping

from walkback_desktop.i18n import N_, _, formats, ngettext
from walkback_desktop.report.content import (
    NOT_REPORTED,
    ChartImage,
    fmt_date,
    fmt_percent,
    fmt_scale,
    text,
    u,
)
from walkback_desktop.report.data import ReportData
from walkback_desktop.report.rehab import PlanSummary
from walkback_desktop.report.sections import page_break
from walkback_desktop.report.sections.summary import card, cards

STATUS = {
    "done": N_("done"),
    "partial": N_("partly done"),
    "missed": N_("missed"),
    "in_progress": N_("in progress"),
    "upcoming": N_("upcoming"),
}
STATE = {
    "active": N_("active"),
    "paused": N_("paused"),
    "left": N_("left"),
    "finished": N_("finished"),
    "not_started": N_("not started yet"),
}


class PlanSection:
    id = "plan"

    def charts(self, data: ReportData) -> tuple[str, ...]:
        return ()

    def html(self, data: ReportData, images: Mapping[str, ChartImage]) -> str:
        plan = data.extras.plan
        if plan is None:
            return ""
        return page_break(_heading(plan) + _figures(plan) + _weeks_table(plan) + _pain_trend(plan))


def _heading(plan: PlanSummary) -> str:
    about = f'<p class="note">{text(plan.description)}</p>' if plan.description else ""
    started = _("Started {day}; {weeks} weeks; now {state}.").format(
        day=fmt_date(plan.start), weeks=len(plan.weeks), state=_(STATE.get(plan.state, plan.state))
    )
    heading = _("Rehab plan: {name}").format(name=text(plan.program_name))
    return f"<h2>{heading}</h2><p>{started}</p>{about}"


def _figures(plan: PlanSummary) -> str:
    totals = plan.totals()
    planned, done = totals.planned_sessions, totals.done_sessions
    planned_min, done_min = totals.planned_backward_min, totals.done_backward_min
    missed = plan.missed_weeks
    missed_text = ", ".join(str(w.number) for w in missed) if missed else _("none")
    return cards(
        [
            card(
                fmt_percent(plan.sessions_share()),
                _("Planned sessions done"),
                _("{done} of {planned} to date").format(done=done, planned=planned),
            ),
            card(
                fmt_percent(plan.minutes_share()),
                _("Planned backward minutes walked"),
                _("{done} of {planned} min to date").format(
                    done=formats.decimal(done_min, 0), planned=formats.decimal(planned_min, 0)
                ),
            ),
            card(
                str(len(missed)), _("Missed weeks"), _("weeks: {weeks}").format(weeks=missed_text)
            ),
        ]
    )


def _weeks_table(plan: PlanSummary) -> str:
    pad = round(u(2.5))
    heads = (
        (_("Week"), "left"),
        (_("From"), "left"),
        (_("Sessions done / planned"), "center"),
        (_("Backward min done / planned"), "center"),
        (_("Status"), "left"),
        (_("Pain (avg)"), "right"),
    )
    head = "".join(f'<th align="{a}">{h}</th>' for h, a in heads)
    rows = []
    for week in plan.weeks:
        pain = week.pain
        cells = (
            str(week.number),
            fmt_date(week.start),
            f"{week.done_sessions} / {week.planned_sessions}",
            f"{formats.decimal(week.done_backward_min, 0)} / "
            f"{formats.decimal(week.planned_backward_min, 0)}",
            _(STATUS.get(week.status, week.status)),
            NOT_REPORTED if pain is None else fmt_scale(pain),
        )
        rows.append(
            "<tr>"
            + "".join(f'<td align="{a}">{c}</td>' for c, (_h, a) in zip(cells, heads, strict=True))
            + "</tr>"
        )
    note = _(
        "Sessions count for the planned sessions of their own week; extra sessions do not "
        "make up a missed week. Pain is the average of the ratings given in that week."
    )
    if plan.other_sessions:
        note += " " + ngettext(
            "{n} other walk in the program's weeks (another routine, finished early or "
            "beyond the plan) is not counted above.",
            "{n} other walks in the program's weeks (another routine, finished early or "
            "beyond the plan) are not counted above.",
            plan.other_sessions,
        ).format(n=plan.other_sessions)
    caption = _("Planned and done, week by week")
    return (
        f'<p class="caption">{caption}</p>'
        f'<table class="codes" width="100%" cellspacing="0" cellpadding="{pad}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p class="note">{note}</p>'
    )


def _pain_trend(plan: PlanSummary) -> str:
    """The first and the last program week with a pain rating, in one sentence."""
    rated = [w for w in plan.weeks if w.pain is not None]
    if not rated:
        none = _("No pain ratings were given during the program.")
        return f'<p class="note">{none}</p>'
    first, last = rated[0], rated[-1]
    if first is last:
        sentence = _("Pain (0-10) across the program: {pain} in week {week}.").format(
            pain=fmt_scale(first.pain), week=first.number
        )
    else:
        sentence = _(
            "Pain (0-10) across the program: {first} in week {first_week}, "
            "{last} in week {last_week}."
        ).format(
            first=fmt_scale(first.pain),
            first_week=first.number,
            last=fmt_scale(last.pain),
            last_week=last.number,
        )
    return f"<p>{sentence}</p>"
