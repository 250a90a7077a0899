"""Reading a history CSV (see core/history.py for the format and the writer):
the whole file is parsed, or a HistoryCsvError names the first bad line.

20,000 rows take a fraction of a second: each well-formed cell takes a fast
path (a dict lookup, one float() call), and anything else goes through the
checking helpers, which accept the same text and raise the same errors."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from walkback_desktop.core.history import (
    COLUMNS,
    MAX_KCAL,
    MAX_NOTES,
    MAX_ROUTINE_NAME,
    MAX_SESSION_S,
    MAX_YEAR,
    MIN_YEAR,
    SessionRecord,
    format_number,
    restore,
    trusted_record,
)

MAX_CSV_BYTES = 50_000_000


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
