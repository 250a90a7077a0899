"""Words shared by the Programs page, the Today card and the 3MBWT screens:
session statuses (a symbol and a word, never colour alone), test times and
the reference values worded as a screening reference."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

from walkback_desktop.core.assessments import REFERENCES, ReferenceValue
from walkback_desktop.core.program_schedule import EnrolmentState, SlotStatus
from walkback_desktop.i18n import N_, _, formats, ngettext

STATUS_WORDS = {
    SlotStatus.DONE: N_("done"),
    SlotStatus.MISSED: N_("missed"),
    SlotStatus.TODAY: N_("today"),
    SlotStatus.OVERDUE: N_("overdue, catch up this week"),
    SlotStatus.UPCOMING: N_("upcoming"),
}
# Symbols that read in black and white and to a screen reader (the word is always next to them).
STATUS_SYMBOLS = {
    SlotStatus.DONE: "✔",
    SlotStatus.MISSED: "✘",
    SlotStatus.TODAY: "▶",
    SlotStatus.OVERDUE: "!",
    SlotStatus.UPCOMING: "○",
}
STATE_WORDS = {
    EnrolmentState.NOT_STARTED: N_("starts later"),
    EnrolmentState.ACTIVE: N_("active"),
    EnrolmentState.PAUSED: N_("paused"),
    EnrolmentState.FINISHED: N_("finished"),
    EnrolmentState.LEFT: N_("left"),
}
AUDIENCE_WORDS = {
    "knee": N_("knee"),
    "osteoarthritis": N_("osteoarthritis"),
    "back": N_("back"),
    "low-back-pain": N_("low back pain"),
    "balance": N_("balance"),
    "older-adults": N_("older adults"),
    "falls": N_("falls"),
    "beginner": N_("beginners"),
    "general": N_("everyone"),
}
REFERENCE_POPULATIONS = {
    "carter-2019": N_("community-dwelling older adults"),
    "polo-ferrero-2025": N_("community-dwelling older adults (mean age 76)"),
    "kapan-2025": N_("nursing-home residents"),
}
REFERENCE_SHORT = {
    "carter-2019": "Carter et al. 2019",
    "polo-ferrero-2025": "Polo-Ferrero et al. 2025",
    "kapan-2025": "Kapan et al. 2025",
}


def status_text(status: SlotStatus) -> str:
    return f"{STATUS_SYMBOLS[status]} {_(STATUS_WORDS[status])}"


def audience_text(tags: tuple[str, ...]) -> str:
    return ", ".join(_(AUDIENCE_WORDS[t]) if t in AUDIENCE_WORDS else t for t in tags)


def seconds_text(seconds: float) -> str:
    """A test time: "4.8 s" (one decimal, the language's separator)."""
    return _("{seconds} s").format(seconds=formats.decimal(seconds, 1))


def reference_seconds(ref: ReferenceValue) -> str:
    """A published cut-off as published: "8.15 s", "5.5 s"."""
    return _("{seconds} s").format(seconds=formats.decimal(ref.seconds, 2))


def day_text(day: date, long: bool = False) -> str:
    """A date in the person's language ("Mon 2 Mar")."""
    fmt = "dddd d MMMM yyyy" if long else "ddd d MMM"
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def weeks_text(n: int) -> str:
    return ngettext("{n} week", "{n} weeks", n).format(n=n)


def sessions_per_week_text(n: int) -> str:
    return ngettext("{n} session a week", "{n} sessions a week", n).format(n=n)


def adherence_text(done: int, planned: int, pct: float | None) -> str:
    """ "8 of 9 planned sessions, 89 %" (or "no planned sessions yet")."""
    if not planned or pct is None:
        return _("No planned sessions yet")
    return ngettext(
        "{done} of {planned} planned session, {pct} %",
        "{done} of {planned} planned sessions, {pct} %",
        planned,
    ).format(done=done, planned=planned, pct=int(formats.round_half_up(pct)))


def reference_line(ref: ReferenceValue) -> str:
    population = _(REFERENCE_POPULATIONS.get(ref.key, ref.population))
    return _("{seconds} for {population} ({source})").format(
        seconds=reference_seconds(ref),
        population=population,
        source=REFERENCE_SHORT.get(ref.key, ref.source),
    )


def references_text() -> str:
    """The screening references as a short paragraph (never a diagnosis)."""
    lines = [
        _(
            "Screening references, not a diagnosis: in these studies, times at or above "
            "the value were associated with falls."
        )
    ]
    lines += ["• " + reference_line(ref) for ref in REFERENCES]
    lines.append(_("Talk to your physiotherapist about what your time means for you."))
    return "\n".join(lines)


def compare_text(seconds: float) -> str:
    """How a time sits against the references, neutrally."""
    reached = [ref for ref in REFERENCES if ref.reached_by(seconds)]
    if not reached:
        return _("Your time is below all the screening references listed.")
    lowest = min(reached, key=lambda r: r.seconds)
    return _(
        "Your time is at or above the {seconds} reference for {population}: worth "
        "mentioning to your physiotherapist."
    ).format(
        seconds=reference_seconds(lowest),
        population=_(REFERENCE_POPULATIONS.get(lowest.key, lowest.population)),
    )
