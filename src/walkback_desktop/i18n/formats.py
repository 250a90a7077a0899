"""One way to write each kind of number, on every page, in the CLI and the report.

- `duration(s)`: a length of time, `m:ss` or `h:mm:ss` ("3:30", "1:02:05"),
  rounded to the nearest second (halves up). The running countdown is the one
  exception: it counts whole seconds up (`core.routine.format_duration`).
- `minutes(s)`: backward (or active) minutes, one decimal, halves up, no ".0"
  ("3.5 min", "12 min"; German "3,5 Min.").
- `decimal(x, places)`: a number with the language's decimal separator.

Rounding is always half-up (never Python's half-to-even `round`), so 2.25 min
reads "2.3 min" on the Routines page, in History and in the report alike.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from walkback_desktop.i18n import _, current_language

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
