"""The closing notes: what the measures mean, how energy is estimated, what
data is included, safety. Each paragraph is one message, so a translator sees
the clinical prose whole."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from walkback_desktop.core.energy import BACKWARD_LEVEL, DEFAULT_BY_KIND, FORWARD_SLOW, kg_to_lb
from walkback_desktop.i18n import _, ngettext
from walkback_desktop.i18n.formats import decimal
from walkback_desktop.i18n.kinds import kind_name
from walkback_desktop.report.content import (
    ChartImage,
    fmt_date,
    fmt_moment,
    goal_text,
    text,
    u,
)
from walkback_desktop.report.data import ReportData


class AboutSection:
    id = "about"

    def charts(self, data: ReportData) -> tuple[str, ...]:
        return ()

    def html(self, data: ReportData, images: Mapping[str, ChartImage]) -> str:
        return about_body(data)


def _weight_text(data: ReportData) -> str:
    if data.units == "imperial":
        return f"{kg_to_lb(data.weight_kg):.0f} lb ({data.weight_kg:.0f} kg)"
    return f"{data.weight_kg:.0f} kg"


def _codes_table() -> str:
    entries: dict[str, tuple[Any, list[Any]]] = {}
    for kind, entry in DEFAULT_BY_KIND.items():
        entries.setdefault(entry.code, (entry, []))[1].append(kind)
    pad = round(u(2.5))
    rows = "".join(
        f"<tr><td>{text(', '.join(kind_name(k) for k in kinds))}</td><td>{entry.code}</td>"
        f'<td align="right">{entry.met:.1f}</td><td>{text(entry.activity)}</td></tr>'
        for entry, kinds in entries.values()
    )
    kind = _("Segment kind")
    code = _("Compendium code")
    activity = _("Compendium activity")
    return (
        f'<table class="codes" width="100%" cellspacing="0" cellpadding="{pad}">'
        f'<thead><tr><th width="20%">{kind}</th><th width="17%">{code}</th>'
        f'<th width="8%" align="right">MET</th><th>{activity}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def about_body(data: ReportData) -> str:
    imported = sum(1 for r in data.records if r.source == "import")
    imported_note = (
        " "
        + ngettext(
            "{n} session was imported from a file rather than timed by the app.",
            "{n} sessions were imported from a file rather than timed by the app.",
            imported,
        ).format(n=imported)
        if imported
        else ""
    )
    estimate_heading = _("How energy (kcal) is estimated")
    estimate_text = _(
        "Energy is <b>estimated, not measured</b>: kcal = MET × body weight (kg) × "
        "time (hours), with MET values from the 2011 Compendium of Physical Activities "
        "(Ainsworth et al., Med Sci Sports Exerc 2011;43:1575–81). Body weight used: "
        "{weight} (from the app's settings). Sessions recorded by the app add up their "
        "segments, each at its routine's MET value or the default for its kind below; "
        "sessions without segment detail count backward time at {backward_met} MET "
        "(code {backward_code}) and the rest at {forward_met} MET (code {forward_code}). "
        "Individual energy use varies widely."
    ).format(
        weight=_weight_text(data),
        backward_met=decimal(BACKWARD_LEVEL.met, 1),
        backward_code=BACKWARD_LEVEL.code,
        forward_met=decimal(FORWARD_SLOW.met, 1),
        forward_code=FORWARD_SLOW.code,
    )
    estimate = f'<h3>{estimate_heading}</h3><p class="small">{estimate_text}</p>' + _codes_table()
    measures_heading = _("What the measures mean")
    recorded = _(
        "<b>Recorded by the app:</b> date and time, routine, active duration (pauses "
        "excluded), minutes spent walking backwards, and whether the routine was "
        "completed as planned."
    )
    reported = _(
        "<b>Reported by the person:</b> effort as RPE on the 0–10 (Borg CR10) scale, "
        "pain on a 0–10 numeric rating scale (0 = no pain, 10 = worst imaginable), and "
        "free-text notes, printed exactly as typed."
    )
    goal = _(
        "<b>Weekly goal:</b> {goal}; a week counts when both are reached. Only sessions "
        "completed as planned count as sessions (a session finished early still counts "
        "its backward minutes). A week cut by the start of the period counts with the "
        "days it has; the week still in progress is shown apart and never counted as "
        "missed. Periods longer than about six months are summarised by month; the "
        "session log lists the last 12 weeks unless the full log was asked for. Trends "
        "are shown only with 3 sessions or more."
    ).format(goal=goal_text(data))
    measures = (
        f'<h3>{measures_heading}</h3><p class="small">{recorded}{imported_note} '
        f"{reported} {goal}</p>"
    )
    cutoff_heading = _("Data included")
    cutoff_text = _(
        "Sessions walked from {first} through {last} (each in the local time it was "
        "walked), as stored on {stored}; later changes are not included. Produced by "
        "WalkBack {version}."
    ).format(
        first=fmt_date(data.first),
        last=fmt_date(data.last),
        stored=text(fmt_moment(data.generated_at)),
        version=text(data.version),
    )
    cutoff = f'<h3>{cutoff_heading}</h3><p class="small">{cutoff_text}</p>'
    safety_heading = _("Safety")
    safety_text = _(
        "WalkBack is a training aid, not a medical device, and this report is not a "
        "diagnosis. Walking backwards carries a risk of falls: clear the path, glance "
        "over the shoulder, use a rail or wall if balance is unsure, and stop on sharp "
        "or increasing pain, dizziness, chest pain or unusual shortness of breath. "
        "Figures are as logged by the person and the app; please interpret them with "
        "the person's clinician."
    )
    safety = f'<h3>{safety_heading}</h3><p class="small">{safety_text}</p>'
    margin = "0" if data.has_sessions else f"{u(14)}"
    about = _("About this report")
    heading = f'<h2 style="margin-top: {margin}px">{about}</h2>'
    return heading + measures + estimate + cutoff + safety
