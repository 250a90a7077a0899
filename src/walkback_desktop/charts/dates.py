"""Where things sit on the charts' time axis, and what their dates read.

No pyqtgraph here: the x axis is time, each point at a timestamp of a local
calendar date taken as UTC midnight, so a `DateAxisItem(utcOffset=0)` labels
it with that same date whatever the machine's time zone is. Dates are
written with `walkback_desktop.i18n.formats` ("12 Oct", German "12. Okt.").
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, timedelta

from walkback_desktop.core.stats import PeriodTotals
from walkback_desktop.i18n import formats, ngettext

DAY_S = 86400.0
WEEK_S = 7 * DAY_S
MONTH_S = 30.44 * DAY_S


class Readout:
    """What a hover read-out says at an x position (a timestamp). The text is
    made only when asked for: a 10-year chart has hundreds of bars."""

    __slots__ = ("_make", "_text", "x")

    def __init__(self, x: float, text: str | Callable[[], str]) -> None:
        self.x = x
        self._text = text if isinstance(text, str) else None
        self._make = None if isinstance(text, str) else text

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._make() if self._make is not None else ""
        return self._text

    def __repr__(self) -> str:
        return f"Readout(x={self.x!r}, text={self.text!r})"


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def date_timestamp(day: date) -> float:
    """Seconds since the epoch of `day` at 00:00 UTC (DateAxisItem(utcOffset=0) shows `day`)."""
    return float((day.toordinal() - _EPOCH_ORDINAL) * 86400)


def moment_timestamp(moment: datetime) -> float:
    """A local wall-clock time as if it were UTC, to sit on the date axis."""
    return float(calendar.timegm(moment.replace(tzinfo=None).timetuple()))


def period_x(period: PeriodTotals, monthly: bool) -> float:
    """The centre of a week's (or month's) bar."""
    span = MONTH_S if monthly else WEEK_S
    return date_timestamp(period.start) + span / 2


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def date_ticks(
    first: date, last: date, max_labels: int = 8, *, week_offset_s: float = 0.0
) -> list[tuple[float, str]]:
    """Readable date ticks between two dates: weeks, months or years, at most
    `max_labels` of them (pyqtgraph's own date ticks overlap at large fonts).
    Week ticks sit `week_offset_s` after the labelled day (a bar's centre)."""
    span = max((last - first).days, 1)
    for weeks in (1, 2, 4):
        if span / (7 * weeks) <= max_labels:
            day = first
            ticks = []
            while day <= last:
                ticks.append((date_timestamp(day) + week_offset_s, formats.day_month(day)))
                day += timedelta(days=7 * weeks)
            return ticks
    for months in (1, 2, 3, 6):
        if span / (30.4 * months) <= max_labels:
            day = add_months(first, 1) if first.day > 1 else first
            ticks = []
            previous: date | None = None
            while day <= last:
                # the year on the first two ticks (the first may be clipped at the
                # edge) and wherever it changes
                with_year = len(ticks) < 2 or (previous is not None and previous.year != day.year)
                ticks.append(
                    (
                        date_timestamp(day),
                        formats.month_year(day) if with_year else formats.month_name(day),
                    )
                )
                previous = day
                day = add_months(day, months)
            return ticks
    step = 1
    while (last.year - first.year + 1) / step > max_labels:
        step = {1: 2, 2: 5}.get(step, step * 2)
    return [
        (date_timestamp(date(year, 1, 1)), str(year))
        for year in range(first.year + 1, last.year + 1)
        if year % step == 0
    ]


def week_label(week: PeriodTotals) -> str:
    """ "3 Mar – 9 Mar 2025" (German "3. März – 9. März 2025")."""
    end = week.start + timedelta(days=6)
    return f"{formats.day_month(week.start)} – {formats.day_month_year(end)}"


def period_label(period: PeriodTotals, monthly: bool) -> str:
    return formats.month_year(period.start) if monthly else week_label(period)


def sessions_text(n: int) -> str:
    return ngettext("{n} session", "{n} sessions", n).format(n=n)
