"""Session records and the history CSV format (export -> import round-trips).

Columns, in order: started_at (ISO 8601 with UTC offset), routine (id or name),
active_seconds, backward_seconds, kcal (blank: estimated), rpe (0-10 or blank),
pain (0-10 or blank), completed (true/false), notes. This module holds the
records and writes the CSV; core/history_csv.py reads it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from walkback_desktop.core.energy import BACKWARD_LEVEL, FORWARD_SLOW, kcal

COLUMNS = (
    "started_at",
    "routine",
    "active_seconds",
    "backward_seconds",
    "kcal",
    "rpe",
    "pain",
    "completed",
    "notes",
)
MAX_SESSION_S = 24 * 3600
MAX_NOTES = 2000
MAX_ROUTINE_NAME = 80
MAX_KCAL = 20000
MIN_YEAR = 1970
MAX_YEAR = 2200


@dataclass(frozen=True)
class SegmentRecord:
    position: int
    kind: str
    label: str
    planned_seconds: int
    done_seconds: float
    met: float


@dataclass(frozen=True)
class SessionRecord:
    started_at: datetime
    routine_name: str
    active_seconds: float
    backward_seconds: float
    completed: bool
    routine_id: str | None = None
    kcal: float | None = None
    rpe: int | None = None
    pain: int | None = None
    notes: str = ""
    ended_at: datetime | None = None
    source: str = "app"
    segments: tuple[SegmentRecord, ...] = field(default=(), compare=False)
    routine_snapshot: str | None = field(default=None, compare=False)
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None:
            raise ValueError("started_at must be timezone-aware")

    @property
    def routine_label(self) -> str:
        """What the CSV's routine column holds: the id when known, else the name."""
        return self.routine_id or self.routine_name

    def estimated_kcal(self, weight_kg: float) -> float:
        """The stored kcal, or an estimate from the segments (or backward/other time)."""
        if self.kcal is not None:
            return self.kcal
        if self.segments:
            return sum(kcal(s.met, weight_kg, s.done_seconds) for s in self.segments)
        other = max(self.active_seconds - self.backward_seconds, 0.0)
        return kcal(BACKWARD_LEVEL.met, weight_kg, self.backward_seconds) + kcal(
            FORWARD_SLOW.met, weight_kg, other
        )

    @property
    def is_estimated_kcal(self) -> bool:
        return self.kcal is None

    def with_changes(self, **changes: Any) -> SessionRecord:
        return replace(self, **changes)

    def dedupe_key(self) -> tuple[Any, ...]:
        """Every field a CSV row holds: two sessions are the same only if all agree
        (two different walks started in the same second are both kept)."""
        return (
            self.started_at,
            self.routine_label,
            self.active_seconds,
            self.backward_seconds,
            self.kcal,
            self.rpe,
            self.pain,
            self.completed,
            self.notes,
        )


@dataclass(frozen=True)
class CheckpointRecord:
    """The workout in progress, saved every few seconds (see CheckpointRepository)."""

    routine_id: str | None
    routine_name: str
    routine_snapshot: str
    started_at: datetime
    active_seconds: float
    backward_seconds: float
    segments_done: tuple[SegmentRecord, ...]
    updated_at: datetime


def format_number(value: float) -> str:
    """Shortest faithful text for a CSV number (no trailing zeros)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def format_started_at(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds" if moment.microsecond == 0 else "microseconds")


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text safe for a spreadsheet cell: a leading apostrophe before a formula
    character (and before apostrophes already in front of one), so that
    `restore(neutralise(t)) == t` for every text."""
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def restore(cell: str) -> str:
    """The text `neutralise` was given."""
    return (
        cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_START) else cell
    )


def _cell(text: str) -> str:
    """A CSV field, quoted when it holds a comma, a quote, CR or LF."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def format_history_csv(
    records: Iterable[SessionRecord], known_ids: Container[str] | None = None
) -> str:
    """The history as CSV text. With `known_ids` (the built-in routines, which
    every WalkBack has), other routines are written by name, so a custom
    routine comes back by its name in a data folder that lacks it."""
    lines = [",".join(COLUMNS)]
    for r in records:
        if known_ids is None or (r.routine_id is not None and r.routine_id in known_ids):
            label = r.routine_label
        else:
            label = r.routine_name
        # Only the two text columns can hold a comma, a quote or a line break.
        lines.append(
            f"{format_started_at(r.started_at)},{_cell(neutralise(label))},"
            f"{format_number(r.active_seconds)},{format_number(r.backward_seconds)},"
            f"{'' if r.kcal is None else format_number(r.kcal)},"
            f"{'' if r.rpe is None else r.rpe},{'' if r.pain is None else r.pain},"
            f"{'true' if r.completed else 'false'},{_cell(neutralise(r.notes))}"
        )
    lines.append("")
    return "\n".join(lines)


_new_object = object.__new__


def trusted_record(values: dict[str, Any]) -> SessionRecord:
    """A SessionRecord from `values` (every field, by name) that are already
    checked: a parsed CSV row, a row read back from the database. Five times
    faster than the frozen dataclass's __init__, which sets the 15 fields one
    by one through object.__setattr__ (with 20,000 sessions that is a tenth of
    an import or an export). Tests compare the result with the constructor's."""
    record: SessionRecord = _new_object(SessionRecord)
    record.__dict__.update(values)
    return record
