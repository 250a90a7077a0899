"""One way to write each kind of number, on every page, in the CLI and the report.

- `duration(s)`: a length of time, `m:ss` or `h:mm:ss` ("3:30", "1:02:05"),
  rounded to the nearest second (halves up). The running countdown is the one
  exception: it counts whole seconds up (`core.routine.format_duration`).
- `minutes(s)`: backward (or active) minutes, one decimal, halves up, no ".0"
  ("3.5 min", "12 min"; German "3,5 Min.").
- `decimal(x, places)`: a number with the language's decimal separator.
- `day_month_year(d)` ("12 Oct 2026", German "12. Okt. 2026"), `day_month(d)`,
  `month_year(d)` and `weekday_date(d)`: dates for the report, the charts and
  the CLI, which must not depend on a QApplication or the C locale (strftime's
  `%b` is English whatever the language). Month and weekday names come from the
  gettext catalogue like every other word.

Rounding is always half-up (never Python's half-to-even `round`), so 2.25 min
reads "2.3 min" on the Routines page, in History and in the report alike.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from walkback_desktop.i18n import N_, _, current_language

_DECIMAL_COMMA = {"de"}


def round_half_up(value: float, places: int = 0) -> float:
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def decimal(value: float, places: int = 1) -> str:
    """`value` with at most `places` decimals (trailing zeros dropped), localised."""
    if not math.isfinite(value):
        return "–"
    text = f"{round_half_up(value, places):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    if current_language() in _DECIMAL_COMMA:
        text = text.replace(".", ",")
    return text


def duration(seconds: float) -> str:
    """`m:ss` (or `h:mm:ss`), rounded to the nearest second; negatives show 0:00."""
    total = int(round_half_up(max(0.0, seconds))) if math.isfinite(seconds) else 0
    hours, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{mins:02d}:{secs:02d}"
    return f"{mins}:{secs:02d}"


def minutes(seconds: float) -> str:
    """Minutes with one decimal, e.g. "3.5 min" (the unit for backward minutes)."""
    return _("{minutes} min").format(minutes=decimal(seconds / 60.0, 1))


_MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
_WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def month_name(day: date) -> str:
    """The month's short name ("Oct", German "Okt.")."""
    return _(_MONTHS[day.month - 1])


def weekday_name(day: date) -> str:
    """The weekday's short name ("Mon", German "Mo.")."""
    return _(_WEEKDAYS[day.weekday()])


def day_month_year(day: date) -> str:
    """ "12 Oct 2026" (German "12. Okt. 2026")."""
    return _("{day} {month} {year}").format(day=day.day, month=month_name(day), year=day.year)


def day_month(day: date) -> str:
    """ "12 Oct" (German "12. Okt.")."""
    return _("{day} {month}").format(day=day.day, month=month_name(day))


def month_year(day: date) -> str:
    """ "Oct 2026" (German "Okt. 2026")."""
    return _("{month} {year}").format(month=month_name(day), year=day.year)


def weekday_date(day: date) -> str:
    """ "Mon 12 Oct 2026" (German "Mo., 12. Okt. 2026")."""
    return _("{weekday} {date}").format(weekday=weekday_name(day), date=day_month_year(day))
