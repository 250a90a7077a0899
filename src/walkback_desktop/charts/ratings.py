"""What the pain and effort chart shows, for the screen (charts/lines.py,
pyqtgraph) and for print (charts/print_charts.py, QPainter) alike: its title,
whether it draws each session or weekly or monthly averages, each line's
points, and the dates it spans. No pyqtgraph here, so the report and the
Progress page's figures can use it without importing it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt

from walkback_desktop.charts.dates import (
    WEEK_S,
    date_timestamp,
    moment_timestamp,
    period_x,
)
from walkback_desktop.charts.palette import ChartPalette
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.stats import PeriodTotals, week_start
from walkback_desktop.i18n import _

# Above this many rated sessions, pain and RPE are drawn as weekly averages:
# a year of daily points is noise, a weekly line shows the trend.
MAX_SESSION_POINTS = 60
# Symbols help on a short line (and in print); on years of weeks they are clutter.
MAX_SYMBOL_POINTS = 60


@dataclass(frozen=True)
class RatingLine:
    name: str  # "Pain", "Effort (RPE)"
    colour: str
    style: Qt.PenStyle
    symbol: str | None  # None on a line too long for symbols
    xs: list[float]
    ys: list[float]


@dataclass(frozen=True)
class RatingChart:
    title: str
    averaged: bool  # weekly or monthly averages rather than sessions
    lines: list[RatingLine]
    span: tuple[date, date] | None  # the dates the lines cover; None without ratings


def series(
    records: Sequence[SessionRecord], attr: str, first_weekday: int, weekly: bool
) -> tuple[list[float], list[float]]:
    """Each rated session's `attr` ("pain", "rpe") at its time, or weekly averages."""
    rated = [r for r in records if getattr(r, attr) is not None]
    if not weekly:
        return (
            [moment_timestamp(r.started_at) for r in rated],
            [float(getattr(r, attr)) for r in rated],
        )
    sums: dict[date, list[float]] = {}
    for r in rated:
        sums.setdefault(week_start(r.started_at.date(), first_weekday), []).append(
            float(getattr(r, attr))
        )
    weeks = sorted(sums)
    return (
        [date_timestamp(w) + WEEK_S / 2 for w in weeks],
        [sum(sums[w]) / len(sums[w]) for w in weeks],
    )


def rating_chart(
    records: Sequence[SessionRecord],
    rated: int,
    palette: ChartPalette,
    *,
    first_weekday: int,
    weeks: Sequence[PeriodTotals] | None,
    months: Sequence[PeriodTotals] | None,
) -> RatingChart:
    """Pain and effort, 0-10: one point per session; weekly averages above
    MAX_SESSION_POINTS rated sessions (from `weeks`' averages when given);
    monthly averages when `months` is given (a long period). `rated`: how many
    sessions have a rating."""
    monthly = bool(months)
    weekly = not monthly and rated > MAX_SESSION_POINTS
    if monthly:
        title = _("Pain and effort (monthly average)")
    elif weekly:
        title = _("Pain and effort (weekly average)")
    else:
        title = _("Pain and effort")
    periods = months if monthly else weeks
    lines: list[RatingLine] = []
    if rated:
        for attr, name, colour, style, symbol in (
            ("pain", _("Pain"), palette.pain, palette.pain_style, palette.pain_symbol),
            ("rpe", _("Effort (RPE)"), palette.rpe, palette.rpe_style, palette.rpe_symbol),
        ):
            if (weekly or monthly) and periods is not None:
                averaged = [(p, getattr(p, f"avg_{attr}")) for p in periods]
                xs = [period_x(p, monthly) for p, v in averaged if v is not None]
                ys = [v for _p, v in averaged if v is not None]
            else:
                xs, ys = series(records, attr, first_weekday, weekly)
            if xs:
                shown = symbol if len(xs) <= MAX_SYMBOL_POINTS else None
                lines.append(RatingLine(name, colour, style, shown, xs, ys))
    span: tuple[date, date] | None = None
    if rated and (weekly or monthly) and periods:
        span = (periods[0].start, periods[-1].start + timedelta(days=6))
    elif rated and records:
        span = (
            min(r.started_at.date() for r in records),
            max(r.started_at.date() for r in records),
        )
    return RatingChart(title, weekly or monthly, lines, span)
