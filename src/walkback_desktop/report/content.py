"""What every report section shares: formats, the style sheet, escaping.

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

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.i18n import _, formats, ngettext
from walkback_desktop.report.data import ReportData, parts_done

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
    """ "12 Oct 2026" (German "12. Okt. 2026"): never strftime's English `%b`."""
    return formats.day_month_year(day)


def fmt_range(first: date, last: date) -> str:
    return f"{fmt_date(first)} – {fmt_date(last)}"


def fmt_moment(moment: datetime) -> str:
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else ""
    return f"{fmt_date(moment.date())}, {moment:%H:%M} {zone}".rstrip()


def fmt_cutoff(data: ReportData) -> str:
    cutoff = data.cutoff
    if cutoff.time() == time(0) and cutoff.date() == data.last + timedelta(days=1):
        return _("the end of {day}").format(day=fmt_date(data.last))
    return fmt_moment(cutoff)


def fmt_hours(minutes: float) -> str:
    """A long total: "45 min", "12 h 05 min"."""
    whole = int(formats.round_half_up(minutes))
    hours, mins = divmod(whole, 60)
    if hours == 0:
        return _("{minutes} min").format(minutes=mins)
    return _("{hours} h {minutes} min").format(hours=f"{hours:,}", minutes=f"{mins:02d}")


def fmt_scale(value: float | None) -> str:
    """A 0-10 average with one decimal kept ("2.0")."""
    if value is None:
        return NOT_REPORTED
    shown = f"{formats.round_half_up(value, 1):.1f}"
    return shown.replace(".", ",") if formats.decimal(0.5, 1) == "0,5" else shown


def fmt_kcal(value: float) -> str:
    return f"{int(formats.round_half_up(value)):,}"


def fmt_percent(share: float | None) -> str:
    if share is None:
        return NOT_REPORTED
    return _("{percent} %").format(percent=formats.decimal(share * 100, 0))


def count(n: int, singular: str, plural_form: str) -> str:
    """`ngettext` with the count as `{n}`: count(1, "{n} session", "{n} sessions")."""
    return ngettext(singular, plural_form, n).format(n=f"{n:,}")


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


# --- shared by the sections ------------------------------------------------------


def title(data: ReportData) -> str:
    return _("Backward-walking progress report")


def running_header(data: ReportData) -> str:
    """Plain text for the header of pages after the first."""
    who = f" · {data.person_name}" if data.person_name else ""
    return f"{title(data)}{who}"


def goal_text(data: ReportData) -> str:
    g = data.goal
    sessions = count(g.sessions, "{n} completed session", "{n} completed sessions")
    return _("{sessions} and {minutes} backward min a week").format(
        sessions=sessions, minutes=g.backward_min
    )


def done_text(record: SessionRecord) -> str:
    """The log's "Done" cell: completed or finished early, and parts walked."""
    state = _("Yes") if record.completed else _("Early")
    parts = parts_done(record)
    if parts is None:
        return state
    return _("{state}, {done}/{planned}").format(state=state, done=parts[0], planned=parts[1])


def log_row_cells(record: SessionRecord) -> list[str]:
    """The visible text of one log row (tests compare against it)."""
    when = record.started_at
    return [
        formats.weekday_date(when.date()),
        record.routine_name,
        formats.duration(record.active_seconds),
        formats.minutes(record.backward_seconds),
        done_text(record),
        NOT_REPORTED if record.rpe is None else str(record.rpe),
        NOT_REPORTED if record.pain is None else str(record.pain),
        record.notes,
    ]
