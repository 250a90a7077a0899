"""Session records and the history CSV format (export -> import round-trips).

Columns, in order: started_at (ISO 8601 with UTC offset), routine (id or name),
active_seconds, backward_seconds, kcal (blank: estimated), rpe (0-10 or blank),
pain (0-10 or blank), completed (true/false), notes.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
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
MAX_CSV_BYTES = 50_000_000


class HistoryCsvError(ValueError):
    """A history file that cannot be imported; the message names the line and field."""


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

    def dedupe_key(self) -> tuple[str, str]:
        utc = self.started_at.astimezone(timezone.utc).replace(microsecond=0)
        return (utc.isoformat(), self.routine_label)


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


def format_history_csv(records: Iterable[SessionRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in records:
        writer.writerow(
            [
                format_started_at(r.started_at),
                r.routine_label,
                format_number(r.active_seconds),
                format_number(r.backward_seconds),
                "" if r.kcal is None else format_number(r.kcal),
                "" if r.rpe is None else str(r.rpe),
                "" if r.pain is None else str(r.pain),
                "true" if r.completed else "false",
                r.notes,
            ]
        )
    return out.getvalue()


RoutineResolver = Callable[[str], "tuple[str | None, str]"]


def _keep_as_name(label: str) -> tuple[str | None, str]:
    return None, label


def parse_history_csv(
    data: str | bytes, resolve_routine: RoutineResolver = _keep_as_name
) -> list[SessionRecord]:
    """Parse a whole history CSV or raise HistoryCsvError naming the first bad line.

    `resolve_routine(label)` maps the routine column to `(routine_id, name)`;
    a routine not in the library is kept by its name.
    """
    if isinstance(data, (bytes, bytearray)):
        if len(data) > MAX_CSV_BYTES:
            raise HistoryCsvError("the file is too large (over 50 MB)")
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise HistoryCsvError(
                f"the file is not UTF-8 text (byte {exc.start} cannot be read)"
            ) from exc
    data = data.removeprefix("\ufeff")
    if "\x00" in data:
        raise HistoryCsvError("the file contains NUL bytes, so it is not a CSV text file")
    if not data.strip():
        raise HistoryCsvError(
            "the file is empty (expected a header row: " + ",".join(COLUMNS) + ")"
        )
    reader = csv.reader(io.StringIO(data, newline=""), strict=True)
    records: list[SessionRecord] = []
    try:
        header = next(reader)
        _check_header(header)
        for row in reader:
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            records.append(_parse_row(row, line, resolve_routine))
    except csv.Error as exc:
        raise HistoryCsvError(f"line {reader.line_num}: the CSV is malformed ({exc})") from exc
    return records


def _check_header(header: list[str]) -> None:
    names = [h.strip().lower() for h in header]
    if names == list(COLUMNS):
        return
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise HistoryCsvError(
            f"line 1: the header lacks column {missing[0]!r} (expected: {','.join(COLUMNS)})"
        )
    extra = [h for h in names if h not in COLUMNS]
    if extra:
        raise HistoryCsvError(
            f"line 1: unknown column {extra[0]!r} (expected: {','.join(COLUMNS)})"
        )
    raise HistoryCsvError(f"line 1: the columns must be in this order: {','.join(COLUMNS)}")


def _parse_row(row: list[str], line: int, resolve: RoutineResolver) -> SessionRecord:
    if len(row) != len(COLUMNS):
        raise HistoryCsvError(f"line {line}: expected {len(COLUMNS)} columns, found {len(row)}")
    cells = dict(zip(COLUMNS, row, strict=True))
    where = f"line {line}: "
    started_at = _parse_moment(cells["started_at"].strip(), where)
    label = cells["routine"].strip()
    if not label:
        raise HistoryCsvError(f"{where}routine must not be empty")
    if len(label) > MAX_ROUTINE_NAME:
        raise HistoryCsvError(
            f"{where}routine is too long (at most {MAX_ROUTINE_NAME} characters)"
        )
    active = _parse_float(cells["active_seconds"], "active_seconds", where, 0, MAX_SESSION_S)
    backward = _parse_float(cells["backward_seconds"], "backward_seconds", where, 0, MAX_SESSION_S)
    if active is None:
        raise HistoryCsvError(f"{where}active_seconds must not be blank")
    if backward is None:
        raise HistoryCsvError(f"{where}backward_seconds must not be blank")
    if backward > active:
        raise HistoryCsvError(
            f"{where}backward_seconds ({format_number(backward)}) is more than "
            f"active_seconds ({format_number(active)})"
        )
    energy = _parse_float(cells["kcal"], "kcal", where, 0, MAX_KCAL)
    rpe = _parse_scale(cells["rpe"], "rpe", where)
    pain = _parse_scale(cells["pain"], "pain", where)
    completed = _parse_bool(cells["completed"], where)
    notes = cells["notes"]
    if len(notes) > MAX_NOTES:
        raise HistoryCsvError(f"{where}notes are too long (at most {MAX_NOTES} characters)")
    routine_id, name = resolve(label)
    return SessionRecord(
        started_at=started_at,
        routine_id=routine_id,
        routine_name=name,
        active_seconds=active,
        backward_seconds=backward,
        kcal=energy,
        rpe=rpe,
        pain=pain,
        completed=completed,
        notes=notes,
        ended_at=started_at + timedelta(seconds=active),
        source="import",
    )


def _parse_moment(text: str, where: str) -> datetime:
    example = "like 2025-03-01T08:30:00+01:00"
    if not text:
        raise HistoryCsvError(f"{where}started_at must not be blank ({example})")
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        raise HistoryCsvError(
            f"{where}started_at {text!r} is not a date and time ({example})"
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise HistoryCsvError(f"{where}started_at {text!r} needs a UTC offset ({example})")
    if not 1970 <= moment.year <= 2200:
        raise HistoryCsvError(f"{where}started_at {text!r} is out of range")
    return moment


def _parse_float(text: str, name: str, where: str, low: float, high: float) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise HistoryCsvError(f"{where}{name} must be a number, got {text[:20]!r}") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise HistoryCsvError(
            f"{where}{name} must be between {format_number(low)} and {format_number(high)}, "
            f"got {text[:20]}"
        )
    return value


def _parse_scale(text: str, name: str, where: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 10:
        raise HistoryCsvError(
            f"{where}{name} must be a whole number from 0 to 10 or blank, got {text[:20]!r}"
        )
    return int(text)


_BOOLS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _parse_bool(text: str, where: str) -> bool:
    try:
        return _BOOLS[text.strip().lower()]
    except KeyError:
        raise HistoryCsvError(
            f"{where}completed must be true or false, got {text[:20]!r}"
        ) from None
