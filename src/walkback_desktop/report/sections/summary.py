"""The first page: title, the figures computed by WalkBack and those the
person reported, and the two charts (weekly bars, or monthly bars for a long
period; pain and effort)."""

from __future__ import annotations

from collections.abc import Mapping

from walkback_desktop.i18n import _
from walkback_desktop.report.content import (
    NOT_REPORTED,
    SHADE,
    ChartImage,
    count,
    fmt_cutoff,
    fmt_date,
    fmt_hours,
    fmt_kcal,
    fmt_moment,
    fmt_percent,
    fmt_range,
    fmt_scale,
    goal_text,
    text,
    title,
    u,
)
from walkback_desktop.report.data import ReportData

BACKWARD = "backward"  # weekly, or monthly for a long period
PAIN_RPE = "pain-rpe"


class SummarySection:
    id = "summary"

    def charts(self, data: ReportData) -> tuple[str, ...]:
        return (BACKWARD, PAIN_RPE) if data.has_sessions and data.enough_for_trend else ()

    def html(self, data: ReportData, images: Mapping[str, ChartImage]) -> str:
        parts = [title_block(data)]
        if not data.has_sessions:
            parts.append(_no_sessions(data))
        else:
            parts.append(_summary(data))
            parts.append(_charts(data, images.get(BACKWARD), images.get(PAIN_RPE)))
        return "".join(parts)


def title_block(data: ReportData) -> str:
    name = f'<p class="subtitle"><b>{text(data.person_name)}</b></p>' if data.person_name else ""
    days = data.day_count
    if days < 28:
        span = count(days, "{n} day", "{n} days")
    else:
        span = count(round(days / 7), "{n} week", "{n} weeks")
    generated = _("Generated {moment} by WalkBack {version}.").format(
        moment=text(fmt_moment(data.generated_at)), version=text(data.version)
    )
    cutoff = _("Includes sessions up to {cutoff}.").format(cutoff=text(fmt_cutoff(data)))
    return (
        f"<h1>{text(title(data))}</h1>{name}"
        f'<p class="subtitle">{fmt_range(data.first, data.last)} '
        f'<span class="meta">({span})</span></p>'
        f'<p class="meta">{generated} {cutoff}</p>'
    )


def _no_sessions(data: ReportData) -> str:
    heading = _("SUMMARY")
    none = _("No sessions were logged in this period")
    return (
        f'<p class="section">{heading}</p>'
        f'<table width="100%" cellspacing="0" cellpadding="{round(u(10))}" bgcolor="{SHADE}">'
        f'<tr><td class="box"><b>{none}</b> '
        f"({fmt_range(data.first, data.last)}).<br>"
        + _(
            "There is nothing to summarise or chart. Choose a longer period, or log a "
            "workout with WalkBack and print the report again."
        )
        + "</td></tr></table>"
    )


def card(figure: str, label: str, detail: str = "") -> str:
    extra = f'<br><span class="detail">{detail}</span>' if detail else ""
    return (
        f'<td width="33%" valign="top"><span class="label">{label}</span><br>'
        f'<span class="figure">{figure}</span>{extra}</td>'
    )


def cards(items: list[str]) -> str:
    rows = []
    for start in range(0, len(items), 3):
        chunk = items[start : start + 3]
        chunk += ['<td width="33%"></td>'] * (3 - len(chunk))
        rows.append("<tr>" + "".join(chunk) + "</tr>")
    return (
        f'<table width="100%" cellspacing="{round(u(3))}" cellpadding="{round(u(4))}" '
        'bgcolor="#ffffff">' + "".join(rows) + "</table>"
    )


def weeks_on_goal(data: ReportData) -> tuple[str, str]:
    """The adherence card's figure and detail (the Progress page says the same)."""
    g = data.goal_weeks
    figure = (
        _("{met} of {weeks}").format(met=g.met, weeks=g.counted) if g.counted else NOT_REPORTED
    )
    detail = [fmt_percent(g.share)] if g.counted else [_("no whole week yet")]
    if g.in_progress is not None:
        state = _("goal reached") if data.goal.met_by(g.in_progress) else _("not counted yet")
        detail.append(
            _("week of {day} in progress ({state})").format(
                day=fmt_date(g.in_progress.start), state=state
            )
        )
    detail.append(_("goal: {goal}").format(goal=goal_text(data)))
    return figure, " · ".join(detail)


def _summary(data: ReportData) -> str:
    t = data.totals
    share = t.backward_s / t.active_s if t.active_s > 0 else None
    goal_figure, goal_detail = weeks_on_goal(data)
    computed = [
        card(
            f"{t.sessions:,}",
            _("Sessions"),
            _("{completed} completed, {early} finished early").format(
                completed=f"{t.completed_sessions:,}", early=f"{t.unfinished_sessions:,}"
            ),
        ),
        card(fmt_hours(t.active_min), _("Total active time"), _("pauses not counted")),
        card(
            fmt_hours(t.backward_min),
            _("Walking backwards"),
            _("{percent} of active time").format(percent=fmt_percent(share)),
        ),
        card(
            _("≈ {kcal} kcal").format(kcal=fmt_kcal(t.kcal)),
            _("Estimated energy"),
            _("an estimate, see the notes"),
        ),
        card(goal_figure, _("Weeks meeting the goal"), goal_detail),
        card(
            count(data.longest_week_streak, "{n} week", "{n} weeks"),
            _("Longest streak meeting the goal"),
            _("longest run of walking days: {days}").format(
                days=count(data.longest_day_streak, "{n} day", "{n} days")
            ),
        ),
    ]
    change = data.pain_change
    reported = [
        card(
            fmt_scale(t.avg_rpe),
            _("Average effort (RPE 0–10)"),
            count(data.rpe_count, "from {n} rating", "from {n} ratings"),
        ),
        card(
            fmt_scale(t.avg_pain),
            _("Average pain (0–10)"),
            count(data.pain_count, "from {n} rating", "from {n} ratings"),
        ),
        card(
            f"{fmt_scale(change.early_avg)} → {fmt_scale(change.late_avg)}"
            if change
            else NOT_REPORTED,
            _("Pain: first 4 weeks → last 4 weeks"),
            _pain_change_detail(data),
        ),
    ]
    computed_heading = _("COMPUTED BY WALKBACK FROM THE LOGGED SESSIONS")
    reported_heading = _("REPORTED BY THE PERSON AFTER EACH SESSION")
    return (
        f'<p class="section">{computed_heading}</p>'
        + cards(computed)
        + f'<p class="section">{reported_heading}</p>'
        + cards(reported)
    )


def _pain_change_detail(data: ReportData) -> str:
    if data.pain_change is not None:
        return _("average of the ratings in each")
    if data.day_count < 56:
        return _("shown for periods of 8 weeks or more")
    if not data.enough_for_trend:
        return _("too few sessions to compare")
    return _("no pain ratings in the first or the last 4 weeks")


def _charts(data: ReportData, backward: ChartImage | None, pain: ChartImage | None) -> str:
    if backward is None or pain is None:
        if data.enough_for_trend:
            return ""
        sessions = count(len(data.records), "{n} session", "{n} sessions")
        heading = _("CHARTS")
        return (
            f'<p class="section">{heading}</p>'
            f'<table width="100%" cellspacing="0" cellpadding="{round(u(8))}" bgcolor="{SHADE}">'
            '<tr><td class="box">'
            + _(
                "Only {sessions} in this period: too few to show a trend, so no charts are "
                "drawn. Charts appear from 3 sessions on."
            ).format(sessions=sessions)
            + "</td></tr></table>"
        )
    if data.monthly:
        heading = _("BACKWARD WALKING PER MONTH · COMPUTED")
        note = _("Long periods are shown by month; the table of months follows the summary.")
    else:
        heading = _("BACKWARD WALKING PER WEEK · COMPUTED")
        note = _(
            "Darker bars: weeks that met the goal ({goal}); dashed line: the backward minutes."
        ).format(goal=goal_text(data))
    pain_heading = _("PAIN AND EFFORT · REPORTED BY THE PERSON (0–10)")
    return (
        f'<p class="section">{heading}</p>'
        f'<p><img src="{backward.url}" width="{backward.width}" height="{backward.height}"></p>'
        f'<p class="note">{note}</p>'
        f'<p class="section">{pain_heading}</p>'
        f'<p><img src="{pain.url}" width="{pain.width}" height="{pain.height}"></p>'
    )
