"""The report's text as HTML for QTextDocument.

Everything a person typed (their name, routine names, notes) goes through
`text()` (html.escape) so it prints literally; nothing here ever produces a
link or an external image (the only images are the charts we add as
in-memory resources).

Qt's rich-text lengths (CSS, cellpadding, image sizes) are pixels at 96 per
inch, which Qt scales to the layout device; every size is written through
`u(points)`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from walkback_desktop.core.energy import BACKWARD_LEVEL, DEFAULT_BY_KIND, FORWARD_SLOW, kg_to_lb
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.report.data import ReportData

LAYOUT_DPI = 300
INK = "#1a1a1a"
MUTED = "#555555"
ACCENT = "#1f4e79"
RULE = "#8c8c8c"
SHADE = "#eef1f4"

NOT_REPORTED = "–"


def u(points: float) -> float:
    """Points (1/72 inch) to rich-text pixels (1/96 inch)."""
    return round(points * 96 / 72, 2)


def dots(points: float) -> float:
    """Points to layout-device units (LAYOUT_DPI per inch), for QPainter."""
    return points * LAYOUT_DPI / 72


def text(value: str) -> str:
    """User text, shown literally: escaped, line breaks kept."""
    return html.escape(value, quote=True).replace("\r\n", "\n").replace("\n", "<br>")


@dataclass(frozen=True)
class ChartImage:
    """A chart added to the document as an in-memory image resource."""

    url: str
    width: float  # rich-text pixels
    height: float


# --- formatting --------------------------------------------------------------


def fmt_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def fmt_range(first: date, last: date) -> str:
    return f"{fmt_date(first)} – {fmt_date(last)}"


def fmt_moment(moment: datetime) -> str:
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else ""
    return f"{fmt_date(moment.date())}, {moment:%H:%M} {zone}".rstrip()


def fmt_cutoff(data: ReportData) -> str:
    cutoff = data.cutoff
    if cutoff.time() == time(0) and cutoff.date() == data.last + timedelta(days=1):
        return f"the end of {fmt_date(data.last)}"
    return fmt_moment(cutoff)


def fmt_minutes(minutes: float) -> str:
    """Minutes for tables: whole minutes, one decimal under ten."""
    if minutes < 9.95:
        return f"{minutes:.1f}"
    return f"{minutes:,.0f}"


def fmt_hours(minutes: float) -> str:
    whole = round(minutes)
    hours, mins = divmod(whole, 60)
    if hours == 0:
        return f"{mins} min"
    return f"{hours:,} h {mins:02d} min"


def fmt_scale(value: float | None) -> str:
    return NOT_REPORTED if value is None else f"{value:.1f}"


def fmt_kcal(value: float) -> str:
    return f"{value:,.0f}"


def fmt_percent(share: float | None) -> str:
    return NOT_REPORTED if share is None else f"{share * 100:.0f}%"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


# --- style -------------------------------------------------------------------


def stylesheet() -> str:
    return f"""
    body {{ color: {INK}; }}
    h1 {{ font-size: 20pt; font-weight: 600; color: {ACCENT};
          margin-top: 0px; margin-bottom: {u(2)}px; }}
    h2 {{ font-size: 13pt; font-weight: 600; color: {ACCENT};
          margin-top: {u(14)}px; margin-bottom: {u(5)}px; }}
    h3 {{ font-size: 10.5pt; font-weight: 600; color: {INK};
          margin-top: {u(10)}px; margin-bottom: {u(3)}px; }}
    p {{ margin-top: 0px; margin-bottom: {u(5)}px; }}
    .subtitle {{ font-size: 11pt; color: {INK}; margin-bottom: {u(2)}px; }}
    .meta {{ font-size: 8.5pt; color: {MUTED}; }}
    .label {{ font-size: 8.5pt; color: {MUTED}; }}
    .figure {{ font-size: 15pt; font-weight: 600; color: {INK}; }}
    .detail {{ font-size: 8.5pt; color: {MUTED}; }}
    .section {{ font-size: 9pt; font-weight: 600; color: {ACCENT};
                margin-top: {u(12)}px; margin-bottom: {u(4)}px; }}
    .caption {{ font-size: 9.5pt; font-weight: 600; margin-top: {u(10)}px;
                margin-bottom: {u(2)}px; }}
    .note {{ font-size: 8.5pt; color: {MUTED}; margin-bottom: {u(3)}px; }}
    .small {{ font-size: 9pt; }}
    .box {{ font-size: 10pt; }}
    .time {{ color: {MUTED}; }}
    table.codes {{ border-collapse: collapse; }}
    table.codes th {{ font-size: 8pt; font-weight: 600; text-align: left;
                      border-bottom: {u(0.8)}px solid {INK}; }}
    table.codes td {{ font-size: 8pt; border-bottom: {u(0.4)}px solid {RULE}; }}
    """


# --- the document ------------------------------------------------------------


def front_html(
    data: ReportData, weekly_chart: ChartImage | None, pain_chart: ChartImage | None
) -> str:
    """The first page: title and summary; with no sessions, also the notes."""
    parts = [f"<html><head><title>{text(title(data))}</title></head><body>"]
    parts.append(_title_block(data))
    if not data.has_sessions:
        parts.append(_no_sessions(data))
        parts.append(about_body(data))
    else:
        parts.append(_summary(data))
        parts.append(_charts(data, weekly_chart, pain_chart))
    parts.append("</body></html>")
    return "".join(parts)


def about_html(data: ReportData) -> str:
    """The closing pages after the session log."""
    return f"<html><body>{about_body(data)}</body></html>"


def title(data: ReportData) -> str:
    return "Backward-walking progress report"


def running_header(data: ReportData) -> str:
    """Plain text for the header of pages after the first."""
    who = f" · {data.person_name}" if data.person_name else ""
    return f"{title(data)}{who}"


def _title_block(data: ReportData) -> str:
    name = f'<p class="subtitle"><b>{text(data.person_name)}</b></p>' if data.person_name else ""
    days = data.day_count
    span = plural(days, "day") if days < 28 else plural(round(days / 7), "week")
    return (
        f"<h1>{text(title(data))}</h1>{name}"
        f'<p class="subtitle">{fmt_range(data.first, data.last)} '
        f'<span class="meta">({span})</span></p>'
        f'<p class="meta">Generated {text(fmt_moment(data.generated_at))} by WalkBack '
        f"{text(data.version)}. Includes sessions up to {text(fmt_cutoff(data))}.</p>"
    )


def _no_sessions(data: ReportData) -> str:
    return (
        f'<p class="section">SUMMARY</p>'
        f'<table width="100%" cellspacing="0" cellpadding="{round(u(10))}" bgcolor="{SHADE}">'
        f'<tr><td class="box"><b>No sessions were logged in this period</b> '
        f"({fmt_range(data.first, data.last)}).<br>"
        "There is nothing to summarise or chart. Choose a longer period, or log a "
        "workout with WalkBack and print the report again.</td></tr></table>"
    )


def _card(figure: str, label: str, detail: str = "") -> str:
    extra = f'<br><span class="detail">{detail}</span>' if detail else ""
    return (
        f'<td width="33%" valign="top"><span class="label">{label}</span><br>'
        f'<span class="figure">{figure}</span>{extra}</td>'
    )


def _cards(cards: list[str]) -> str:
    rows = []
    for start in range(0, len(cards), 3):
        chunk = cards[start : start + 3]
        chunk += ['<td width="33%"></td>'] * (3 - len(chunk))
        rows.append("<tr>" + "".join(chunk) + "</tr>")
    return (
        f'<table width="100%" cellspacing="{round(u(3))}" cellpadding="{round(u(4))}" bgcolor="#ffffff">'
        + "".join(rows)
        + "</table>"
    )


def _goal_text(data: ReportData) -> str:
    g = data.goal
    return f"{plural(g.sessions, 'session')} and {g.backward_min} backward min a week"


def _summary(data: ReportData) -> str:
    t = data.totals
    completed = sum(1 for r in data.records if r.completed)
    share = t.backward_s / t.active_s if t.active_s > 0 else None
    weeks = len(data.weeks)
    computed = [
        _card(
            f"{t.sessions:,}",
            "Sessions",
            f"{completed:,} completed as planned",
        ),
        _card(fmt_hours(t.active_min), "Total active time", "all segments of every session"),
        _card(
            fmt_hours(t.backward_min),
            "Walking backwards",
            f"{fmt_percent(share)} of active time",
        ),
        _card(
            f"≈ {fmt_kcal(t.kcal)} kcal",
            "Estimated energy",
            "an estimate, see the last page",
        ),
        _card(
            f"{data.weeks_meeting_goal} of {weeks}",
            "Weeks meeting the goal",
            f"{fmt_percent(data.adherence)} · goal: {_goal_text(data)}",
        ),
        _card(
            plural(data.longest_week_streak, "week"),
            "Longest streak meeting the goal",
            f"longest run of walking days: {plural(data.longest_day_streak, 'day')}",
        ),
    ]
    change = data.pain_change
    reported = [
        _card(
            fmt_scale(t.avg_rpe),
            "Average effort (RPE 0–10)",
            f"from {plural(data.rpe_count, 'rating')}",
        ),
        _card(
            fmt_scale(t.avg_pain),
            "Average pain (0–10)",
            f"from {plural(data.pain_count, 'rating')}",
        ),
        _card(
            f"{change.early_avg:.1f} → {change.late_avg:.1f}" if change else NOT_REPORTED,
            "Pain: first 4 weeks → last 4 weeks",
            _pain_change_detail(data),
        ),
    ]
    return (
        '<p class="section">COMPUTED BY WALKBACK FROM THE LOGGED SESSIONS</p>'
        + _cards(computed)
        + '<p class="section">REPORTED BY THE PERSON AFTER EACH SESSION</p>'
        + _cards(reported)
    )


def _pain_change_detail(data: ReportData) -> str:
    if data.pain_change is not None:
        return "average of the ratings in each"
    if data.day_count < 56:
        return "shown for periods of 8 weeks or more"
    if not data.enough_for_trend:
        return "too few sessions to compare"
    return "no pain ratings in the first or the last 4 weeks"


def _charts(
    data: ReportData, weekly_chart: ChartImage | None, pain_chart: ChartImage | None
) -> str:
    if weekly_chart is None or pain_chart is None:
        if data.enough_for_trend:
            return ""
        count = len(data.records)
        return (
            f'<p class="section">CHARTS</p>'
            f'<table width="100%" cellspacing="0" cellpadding="{round(u(8))}" bgcolor="{SHADE}">'
            f'<tr><td class="box">Only {plural(count, "session")} in this period: too few '
            "to show a trend, so no charts are drawn. Charts appear from 3 sessions on.</td>"
            "</tr></table>"
        )
    goal = data.goal.backward_min
    return (
        '<p class="section">BACKWARD WALKING PER WEEK · COMPUTED</p>'
        f'<p><img src="{weekly_chart.url}" width="{weekly_chart.width}" '
        f'height="{weekly_chart.height}"></p>'
        f'<p class="note">Darker bars: weeks that reached {goal} backward minutes; dashed '
        "line: that goal.</p>"
        '<p class="section">PAIN AND EFFORT · REPORTED BY THE PERSON (0–10)</p>'
        f'<p><img src="{pain_chart.url}" width="{pain_chart.width}" '
        f'height="{pain_chart.height}"></p>'
    )


def log_row_cells(record: SessionRecord) -> list[str]:
    """The visible text of one log row (tests compare against it)."""
    when = record.started_at
    return [
        f"{when:%a} {fmt_date(when.date())}",
        record.routine_name,
        fmt_minutes(record.active_seconds / 60),
        f"{record.backward_seconds / 60:.1f}",
        "Yes" if record.completed else "No",
        NOT_REPORTED if record.rpe is None else str(record.rpe),
        NOT_REPORTED if record.pain is None else str(record.pain),
        record.notes,
    ]


def _weight_text(data: ReportData) -> str:
    if data.units == "imperial":
        return f"{kg_to_lb(data.weight_kg):.0f} lb ({data.weight_kg:.0f} kg)"
    return f"{data.weight_kg:.0f} kg"


def _codes_table() -> str:
    entries = {}
    for kind, entry in DEFAULT_BY_KIND.items():
        entries.setdefault(entry.code, (entry, []))[1].append(kind)
    pad = round(u(2.5))
    rows = "".join(
        f"<tr><td>{', '.join(kinds)}</td><td>{entry.code}</td>"
        f'<td align="right">{entry.met:.1f}</td><td>{text(entry.activity)}</td></tr>'
        for entry, kinds in entries.values()
    )
    return (
        f'<table class="codes" width="100%" cellspacing="0" cellpadding="{pad}">'
        '<thead><tr><th width="20%">Segment kind</th><th width="17%">Compendium code</th>'
        '<th width="8%" align="right">MET</th><th>Compendium activity</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def about_body(data: ReportData) -> str:
    imported = sum(1 for r in data.records if r.source == "import")
    imported_note = (
        f" {plural(imported, 'session was', 'sessions were')} imported from a file "
        "rather than timed by the app."
        if imported
        else ""
    )
    estimate = (
        '<h3>How energy (kcal) is estimated</h3><p class="small">Energy is '
        "<b>estimated, not measured</b>: kcal = MET × body weight (kg) × time (hours), with "
        "MET values from the 2011 Compendium of Physical Activities (Ainsworth et al., "
        f"Med Sci Sports Exerc 2011;43:1575–81). Body weight used: {_weight_text(data)} "
        "(from the app's settings). Sessions recorded by the app add up their segments, "
        "each at its routine's MET value or the default for its kind below; sessions "
        f"without segment detail count backward time at {BACKWARD_LEVEL.met:.1f} MET "
        f"(code {BACKWARD_LEVEL.code}) and the rest at {FORWARD_SLOW.met:.1f} MET "
        f"(code {FORWARD_SLOW.code}). Individual energy use varies widely.</p>" + _codes_table()
    )
    measures = (
        '<h3>What the measures mean</h3><p class="small"><b>Recorded by the app:</b> '
        "date and time, routine, active duration (pauses excluded), minutes spent walking "
        "backwards, and whether the routine was completed as planned."
        f"{imported_note} <b>Reported by the person:</b> effort as RPE on the 0–10 "
        "(Borg CR10) scale, pain on a 0–10 numeric rating scale (0 = no pain, 10 = worst "
        "imaginable), and free-text notes, printed exactly as typed. "
        f"<b>Weekly goal:</b> {_goal_text(data)}; a week counts when both are reached "
        "(weeks cut by the start or end of the period count as they are). Trends are "
        "shown only with 3 sessions or more.</p>"
    )
    cutoff = (
        '<h3>Data included</h3><p class="small">Sessions walked from '
        f"{fmt_date(data.first)} through {fmt_date(data.last)} (each in the local time it "
        f"was walked), as stored on {text(fmt_moment(data.generated_at))}; later changes "
        f"are not included. Produced by WalkBack {text(data.version)}.</p>"
    )
    safety = (
        '<h3>Safety</h3><p class="small">WalkBack is a training aid, not a medical device, '
        "and this report is not a diagnosis. Walking backwards carries a risk of falls: "
        "clear the path, glance over the shoulder, use a rail or wall if balance is unsure, "
        "and stop on sharp or increasing pain, dizziness, chest pain or unusual shortness "
        "of breath. Figures are as logged by the person and the app; please interpret them "
        "with the person's clinician.</p>"
    )
    margin = "0" if data.has_sessions else f"{u(14)}"
    heading = f'<h2 style="margin-top: {margin}px">About this report</h2>'
    return heading + measures + estimate + cutoff + safety
