"""Session records and the history CSV format (export -> import round-trips).

Columns, in order: started_at (ISO 8601 with UTC offset), routine (id or name),
active_seconds, backward_seconds, kcal (blank: estimated), rpe (0-10 or blank),
pain (0-10 or blank), completed (true/false), notes.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
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
MIN_YEAR = 1970
MAX_YEAR = 2200


def N_(message: str) -> str:  # noqa: N802 (marks text for the translators' catalogue)
    return message


CSV_MESSAGES = {
    "too_large": N_("the file is too large (over {limit_mb} MB)"),
    "not_utf8": N_("the file is not UTF-8 text (byte {byte} cannot be read)"),
    "nul": N_("the file contains NUL bytes, so it is not a CSV text file"),
    "empty": N_("the file is empty (expected a header row: {expected})"),
    "header_missing": N_("the header lacks column {column!r} (expected: {expected})"),
    "header_unknown": N_("unknown column {column!r} (expected: {expected})"),
    "header_order": N_("the columns must be in this order: {expected}"),
    "malformed": N_("the CSV is malformed ({detail})"),
    "columns": N_("expected {expected} columns, found {found}"),
    "blank": N_("{field} must not be blank"),
    "moment_blank": N_("{field} must not be blank (like 2025-03-01T08:30:00+01:00)"),
    "moment_bad": N_("{field} {text!r} is not a date and time (like 2025-03-01T08:30:00+01:00)"),
    "moment_naive": N_("{field} {text!r} needs a UTC offset (like 2025-03-01T08:30:00+01:00)"),
    "moment_range": N_("{field} {text!r} is out of range (years {low} to {high})"),
    "routine_empty": N_("{field} must not be empty"),
    "too_long": N_("{field} is too long (at most {limit} characters)"),
    "not_number": N_("{field} must be a number, got {text!r}"),
    "number_range": N_("{field} must be between {low} and {high}, got {text}"),
    "backward_over_active": N_(
        "backward_seconds ({backward}) is more than active_seconds ({active})"
    ),
    "scale": N_("{field} must be a whole number from 0 to 10 or blank, got {text!r}"),
    "bool": N_("{field} must be true or false, got {text!r}"),
}
CSV_LINE = N_("line {line}: {problem}")


class HistoryCsvError(ValueError):
    """A history file that cannot be imported: a code, the (first) line of the
    row, the column, and parameters. `render(translate)` makes the sentence, so
    nothing needs to parse the message; `str()` is the English sentence."""

    def __init__(
        self, code: str, line: int | None = None, field: str | None = None, **params: Any
    ) -> None:
        self.code = code
        self.line = line
        self.field = field
        self.params = params
        super().__init__(code, line, field, params)

    def render(self, translate: Callable[[str], str] = str) -> str:
        problem = translate(CSV_MESSAGES[self.code]).format(field=self.field, **self.params)
        if self.line is None:
            return problem
        return translate(CSV_LINE).format(line=self.line, problem=problem)

    def __str__(self) -> str:
        return self.render()


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


RoutineResolver = Callable[[str], "tuple[str | None, str]"]


def _keep_as_name(label: str) -> tuple[str | None, str]:
    return None, label


def parse_history_csv(
    data: str | bytes, resolve_routine: RoutineResolver = _keep_as_name
) -> list[SessionRecord]:
    """Parse a whole history CSV or raise HistoryCsvError naming the first bad line.

    `resolve_routine(label)` maps the routine column to `(routine_id, name)`;
    a routine not in the library is kept by its name. Each distinct label is
    resolved once. A multi-line row (a quoted note) is named by its first line.
    """
    if isinstance(data, (bytes, bytearray)):
        if len(data) > MAX_CSV_BYTES:
            raise HistoryCsvError("too_large", limit_mb=MAX_CSV_BYTES // 1_000_000)
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise HistoryCsvError("not_utf8", byte=exc.start) from exc
    data = data.removeprefix("\ufeff")
    if "\x00" in data:
        raise HistoryCsvError("nul")
    if not data.strip():
        raise HistoryCsvError("empty", expected=",".join(COLUMNS))
    reader = csv.reader(io.StringIO(data, newline=""), strict=True)
    records: list[SessionRecord] = []
    # raw routine cell -> (routine_id, name): each distinct cell is checked and
    # resolved once (a history names a handful of routines in 20,000 rows)
    routines: dict[str, tuple[str | None, str]] = {}
    first = 1
    try:
        header = next(reader)
        _check_header(header)
        while True:
            first = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                break
            if not (row and row[0].strip()) and all(not cell.strip() for cell in row):
                continue
            records.append(_parse_row(row, first, routines, resolve_routine))
    except csv.Error as exc:
        raise HistoryCsvError("malformed", first, detail=str(exc)) from exc
    return records


def _check_header(header: list[str]) -> None:
    names = [h.strip().lower() for h in header]
    if names == list(COLUMNS):
        return
    expected = ",".join(COLUMNS)
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise HistoryCsvError("header_missing", 1, column=missing[0], expected=expected)
    extra = [h for h in names if h not in COLUMNS]
    if extra:
        raise HistoryCsvError("header_unknown", 1, column=extra[0], expected=expected)
    raise HistoryCsvError("header_order", 1, expected=expected)


_SCALES: dict[str, int | None] = {"": None, **{str(n): n for n in range(11)}}


def _parse_row(
    row: list[str],
    line: int,
    routines: dict[str, tuple[str | None, str]],
    resolve: RoutineResolver,
) -> SessionRecord:
    """One data row. The common, well-formed cell takes a fast path (a dict
    lookup, one float() call); anything else goes through the checking
    helpers, which accept the same text and raise the same errors, in the
    same order, as the cells are read left to right."""
    if len(row) != len(COLUMNS):
        raise HistoryCsvError("columns", line, expected=len(COLUMNS), found=len(row))
    (moment, label, active_text, backward_text, kcal_text, rpe_text, pain_text, done, notes) = row
    started_at = _parse_moment(moment, line)
    routine = routines.get(label)
    if routine is None:
        routine = routines[label] = resolve(_parse_label(label, line))
    active = _parse_float(active_text, "active_seconds", line, 0, MAX_SESSION_S)
    backward = _parse_float(backward_text, "backward_seconds", line, 0, MAX_SESSION_S)
    if active is None:
        raise HistoryCsvError("blank", line, "active_seconds")
    if backward is None:
        raise HistoryCsvError("blank", line, "backward_seconds")
    if backward > active:
        raise HistoryCsvError(
            "backward_over_active",
            line,
            "backward_seconds",
            backward=format_number(backward),
            active=format_number(active),
        )
    energy = _parse_float(kcal_text, "kcal", line, 0, MAX_KCAL) if kcal_text else None
    try:
        rpe = _SCALES[rpe_text]
    except KeyError:
        rpe = _parse_scale(rpe_text, "rpe", line)
    try:
        pain = _SCALES[pain_text]
    except KeyError:
        pain = _parse_scale(pain_text, "pain", line)
    try:
        completed = _BOOLS[done]
    except KeyError:
        completed = _parse_bool(done, line)
    if notes.startswith("'"):
        notes = restore(notes)
    if len(notes) > MAX_NOTES:
        raise HistoryCsvError("too_long", line, "notes", limit=MAX_NOTES)
    return _imported_record(
        started_at, routine, active, backward, energy, rpe, pain, completed, notes
    )


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


def _imported_record(
    started_at: datetime,
    routine: tuple[str | None, str],
    active: float,
    backward: float,
    energy: float | None,
    rpe: int | None,
    pain: int | None,
    completed: bool,
    notes: str,
) -> SessionRecord:
    return trusted_record(
        {
            "started_at": started_at,
            "routine_name": routine[1],
            "active_seconds": active,
            "backward_seconds": backward,
            "completed": completed,
            "routine_id": routine[0],
            "kcal": energy,
            "rpe": rpe,
            "pain": pain,
            "notes": notes,
            "ended_at": started_at + timedelta(seconds=active),
            "source": "import",
            "segments": (),
            "routine_snapshot": None,
            "id": None,
        }
    )


def _parse_label(text: str, line: int) -> str:
    label = restore(text.strip())
    if not label:
        raise HistoryCsvError("routine_empty", line, "routine")
    if len(label) > MAX_ROUTINE_NAME:
        raise HistoryCsvError("too_long", line, "routine", limit=MAX_ROUTINE_NAME)
    return label


def _parse_moment(cell: str, line: int) -> datetime:
    try:  # the common case: an exported time, no spaces
        moment = datetime.fromisoformat(cell)
    except ValueError:
        pass
    else:
        if moment.tzinfo is not None and MIN_YEAR <= moment.year <= MAX_YEAR:
            return moment
    text = cell.strip()
    field = "started_at"
    if not text:
        raise HistoryCsvError("moment_blank", line, field)
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        raise HistoryCsvError("moment_bad", line, field, text=text[:40]) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise HistoryCsvError("moment_naive", line, field, text=text[:40])
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise HistoryCsvError(
            "moment_range", line, field, text=text[:40], low=MIN_YEAR, high=MAX_YEAR
        )
    return moment


def _parse_float(cell: str, name: str, line: int, low: float, high: float) -> float | None:
    try:  # float() ignores the same surrounding whitespace as strip()
        value = float(cell)
    except ValueError:
        pass
    else:
        if low <= value <= high:  # False for nan and infinities too
            return value
    text = cell.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise HistoryCsvError("not_number", line, name, text=text[:20]) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise HistoryCsvError(
            "number_range",
            line,
            name,
            low=format_number(low),
            high=format_number(high),
            text=text[:20],
        )
    return value


def _parse_scale(text: str, name: str, line: int) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 10:
        raise HistoryCsvError("scale", line, name, text=text[:20])
    return int(text)


_BOOLS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _parse_bool(text: str, line: int) -> bool:
    try:
        return _BOOLS[text.strip().lower()]
    except KeyError:
        raise HistoryCsvError("bool", line, "completed", text=text[:20]) from None
