"""Rehab programs: a multi-week plan of routines, and the `*.walkback-program.json` format.

A program says, week by week, how many sessions to walk and which routine
(a library id or a routine embedded in the file), an optional progression
(for example "+1 min backward each week", stored as data) and the weeks at
which the 3-m Backward Walk Test is due. The schedule and adherence that
follow from a program live in `core.program_schedule`.

Validation reports every problem as a `ProgramError` carrying a code, the
week (1-based, or None) and field it concerns, and the values involved; the
English message is rendered from those, so the UI can translate by code and
nothing ever parses the text. (A little over 400 lines: the format, its
validation and its messages belong together.)
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from walkback_desktop.core.file_format import (
    ID_RE,
    JsonFileError,
    has_control_characters,
    has_invalid_characters,
    load_json,
    show,
)
from walkback_desktop.core.routine import Routine, RoutineError

FORMAT = "walkback-program"
VERSION = 1
FILE_SUFFIX = ".walkback-program.json"
MAX_WEEKS = 52
MAX_SESSIONS_PER_WEEK = 7
MAX_NAME = 80
MAX_DESCRIPTION = 2000
MAX_NOTE = 300
MAX_TAG = 32
MAX_TAGS = 12
MAX_FILE_BYTES = 2_000_000
MAX_PROGRESSION_S = 3600
_TAG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_MESSAGES = {
    "too_large": "the file is too large to be a program (over 2 MB)",
    "not_utf8": "the file is not UTF-8 text, so it is not a program",
    "not_json": "the file is not valid JSON ({reason})",
    "not_object": "the file is not a WalkBack program (expected a JSON object)",
    "not_program": 'the file is not a WalkBack program (format must be "{expected}", got {got})',
    "newer_version": (
        "this program was made by a newer WalkBack (format version {got}); this version "
        "reads version {supported}. Please update WalkBack."
    ),
    "bad_version": "version must be {supported}, got {got}",
    "unknown_field": "unknown field {name} (allowed: {allowed})",
    "missing": "{field} is missing",
    "not_text": "{field} must be text, got {got}",
    "empty": "{field} must not be empty",
    "too_long": "{field} is too long ({length} characters; at most {limit})",
    "bad_characters": "{field} contains control or invalid characters",
    "bad_id": (
        "{field} {got} must be 3 to 64 lowercase letters, digits or hyphens "
        "(not starting or ending with a hyphen)"
    ),
    "not_list": "{field} must be a list",
    "not_object_field": "{field} must be an object",
    "no_weeks": "the program has no weeks: add at least one",
    "too_many": "{field} may have at most {limit} entries, this one has {got}",
    "bad_number": "{field} must be a whole number between {low} and {high}, got {got}",
    "bad_tag": "{field} {got} must be a short lowercase word (letters, digits, hyphens)",
    "bad_routine": "routine must be a routine id or an embedded routine, got {got}",
    "embedded_routine": "the embedded routine is not valid: {reason}",
    "unknown_routine": 'routine "{id}" is not in the library',
    "check_out_of_range": "check week {got} is outside the program's {weeks} weeks",
    "duplicate_check": "check week {got} is listed twice",
    "clash_builtin": 'the id "{id}" is already used by a built-in program',
    "clash_custom": 'the id "{id}" is already used by a program in your library',
}


class ProgramError(ValueError):
    """A program file that cannot be accepted.

    `code` names the problem, `week` (1-based) and `field` say where, and
    `params` hold the values; `str(error)` is the English sentence.
    """

    def __init__(
        self, code: str, *, week: int | None = None, field: str | None = None, **params: Any
    ) -> None:
        self.code = code
        self.week = week
        self.field = field
        self.params = dict(params)
        text = _MESSAGES[code].format(field=field, **params)
        super().__init__(f"week {week}: {text}" if week is not None else text)


@dataclass(frozen=True)
class Progression:
    """Extra backward time as the weeks go by: `add_backward_s` every
    `every_weeks` weeks after the first, never more than `max_add_s` in all.

    The extra is spread over a routine's backward segments in proportion to
    their length; the routine keeps its id, so sessions still match.
    """

    add_backward_s: int
    every_weeks: int = 1
    max_add_s: int = MAX_PROGRESSION_S

    def extra_s(self, week: int) -> int:
        steps = (week - 1) // self.every_weeks
        return min(self.max_add_s, max(0, steps) * self.add_backward_s)


@dataclass(frozen=True)
class ProgramWeek:
    sessions: int
    routine_id: str
    embedded: Routine | None = None
    note: str = ""  # what to focus on this week, shown with the week


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    weeks: tuple[ProgramWeek, ...]
    description: str = ""
    audience: tuple[str, ...] = ()
    checks: tuple[int, ...] = ()
    progression: Progression | None = None
    builtin: bool = field(default=False, compare=False)

    @property
    def week_count(self) -> int:
        return len(self.weeks)

    @property
    def total_sessions(self) -> int:
        return sum(w.sessions for w in self.weeks)

    def routine_ids(self) -> set[str]:
        """Ids of the library routines the program uses (not the embedded ones)."""
        return {w.routine_id for w in self.weeks if w.embedded is None}

    def routine_for_week(
        self, week: int, lookup: Callable[[str], Routine | None]
    ) -> Routine | None:
        """The routine to walk in `week` (1-based), progression applied; None if
        the library no longer has it."""
        plan = self.weeks[week - 1]
        base = plan.embedded or lookup(plan.routine_id)
        if base is None:
            return None
        extra = self.progression.extra_s(week) if self.progression else 0
        return with_extra_backward(base, extra) if extra else base

    def check_routines(self, lookup: Callable[[str], Routine | None]) -> None:
        """Raise ProgramError (code unknown_routine) for the first routine id
        `lookup` cannot find."""
        for number, plan in enumerate(self.weeks, start=1):
            if plan.embedded is None and lookup(plan.routine_id) is None:
                raise ProgramError(
                    "unknown_routine", week=number, field="routine", id=plan.routine_id
                )

    def with_changes(self, **changes: Any) -> Program:
        return replace(self, **changes)

    # --- serialisation ----------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "audience": list(self.audience),
            "weeks": [_week_to_dict(w) for w in self.weeks],
            "checks": list(self.checks),
        }
        if self.progression is not None:
            data["progression"] = {
                "add_backward_seconds": self.progression.add_backward_s,
                "every_weeks": self.progression.every_weeks,
                "max_add_seconds": self.progression.max_add_s,
            }
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: Any, *, builtin: bool = False) -> Program:
        return _parse_program(data, builtin=builtin)

    @classmethod
    def from_json(cls, text: str | bytes, *, builtin: bool = False) -> Program:
        """Parse a program file's text; raise ProgramError, never anything else."""
        try:
            data = load_json(text, MAX_FILE_BYTES)
        except JsonFileError as exc:
            raise _json_error(exc) from None
        return _parse_program(data, builtin=builtin)


def _json_error(problem: JsonFileError) -> ProgramError:
    if problem.code in ("too_large", "not_utf8"):
        return ProgramError(problem.code)
    if problem.code == "too_deep":
        return ProgramError("not_json", reason="nested too deeply")
    params = problem.params
    if problem.code == "syntax":
        reason = "{reason} at line {line}, column {column}".format(**params)
        return ProgramError("not_json", reason=reason)
    return ProgramError("not_json", reason=params["reason"])


def _week_to_dict(week: ProgramWeek) -> dict[str, Any]:
    data: dict[str, Any] = {
        "sessions": week.sessions,
        "routine": week.embedded.to_dict() if week.embedded else week.routine_id,
    }
    if week.note:
        data["note"] = week.note
    return data


def with_extra_backward(routine: Routine, extra_s: int) -> Routine:
    """`routine` with `extra_s` more backward seconds, spread over its backward
    segments in proportion to their length (the last one takes the rounding)."""
    backward = [i for i, s in enumerate(routine.segments) if s.is_backward]
    if not backward or extra_s <= 0:
        return routine
    total = sum(routine.segments[i].seconds for i in backward)
    segments = list(routine.segments)
    given = 0
    for n, i in enumerate(backward):
        seg = segments[i]
        share = extra_s - given if n == len(backward) - 1 else extra_s * seg.seconds // total
        given += share
        segments[i] = replace(seg, seconds=seg.seconds + share)
    return routine.with_changes(segments=tuple(segments))


_TOP_KEYS = frozenset(
    {
        "format",
        "version",
        "id",
        "name",
        "description",
        "audience",
        "weeks",
        "checks",
        "progression",
    }
)
_WEEK_KEYS = frozenset({"sessions", "routine", "note"})
_PROGRESSION_KEYS = frozenset({"add_backward_seconds", "every_weeks", "max_add_seconds"})


def _refuse_unknown(data: Mapping[str, Any], allowed: frozenset[str], week: int | None) -> None:
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        raise ProgramError(
            "unknown_field", week=week, name=show(unknown[0]), allowed=", ".join(sorted(allowed))
        )


def _parse_program(data: Any, *, builtin: bool) -> Program:
    if not isinstance(data, Mapping):
        raise ProgramError("not_object")
    if data.get("format") != FORMAT:
        raise ProgramError("not_program", expected=FORMAT, got=show(data.get("format")))
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProgramError("bad_version", field="version", supported=VERSION, got=show(version))
    if version > VERSION:
        raise ProgramError("newer_version", field="version", got=version, supported=VERSION)
    if version < 1:
        raise ProgramError("bad_version", field="version", supported=VERSION, got=version)
    _refuse_unknown(data, _TOP_KEYS, None)
    program_id = _text(data, "id", MAX_NAME, required=True)
    if not ID_RE.match(program_id):
        raise ProgramError("bad_id", field="id", got=show(program_id))
    name = _text(data, "name", MAX_NAME, required=True)
    description = _text(data, "description", MAX_DESCRIPTION, required=False)
    audience = _audience(data.get("audience", []))
    weeks = _weeks(data.get("weeks"))
    checks = _checks(data.get("checks", []), len(weeks))
    progression = _progression(data.get("progression"))
    return Program(
        id=program_id,
        name=name,
        weeks=weeks,
        description=description,
        audience=audience,
        checks=checks,
        progression=progression,
        builtin=builtin,
    )


def _text(
    data: Mapping[str, Any], key: str, limit: int, *, required: bool, week: int | None = None
) -> str:
    if key not in data or data[key] is None:
        if required:
            raise ProgramError("missing", week=week, field=key)
        return ""
    value = data[key]
    if not isinstance(value, str):
        raise ProgramError("not_text", week=week, field=key, got=show(value))
    value = value.strip()
    if required and not value:
        raise ProgramError("empty", week=week, field=key)
    if len(value) > limit:
        raise ProgramError("too_long", week=week, field=key, length=len(value), limit=limit)
    if has_control_characters(value) or has_invalid_characters(value):
        raise ProgramError("bad_characters", week=week, field=key)
    return value


def _audience(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ProgramError("not_list", field="audience")
    if len(value) > MAX_TAGS:
        raise ProgramError("too_many", field="audience", limit=MAX_TAGS, got=len(value))
    tags = []
    for tag in value:
        if not isinstance(tag, str) or len(tag) > MAX_TAG or not _TAG_RE.match(tag):
            raise ProgramError("bad_tag", field="audience", got=show(tag))
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _whole(value: Any, field: str, low: int, high: int, week: int | None = None) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (isinstance(value, float) and not (math.isfinite(value) and value.is_integer()))
        or not low <= value <= high
    ):
        raise ProgramError(
            "bad_number", week=week, field=field, low=low, high=high, got=show(value)
        )
    return int(value)


def _weeks(value: Any) -> tuple[ProgramWeek, ...]:
    if value is None:
        raise ProgramError("no_weeks", field="weeks")
    if not isinstance(value, list):
        raise ProgramError("not_list", field="weeks")
    if not value:
        raise ProgramError("no_weeks", field="weeks")
    if len(value) > MAX_WEEKS:
        raise ProgramError("too_many", field="weeks", limit=MAX_WEEKS, got=len(value))
    return tuple(_week(raw, n) for n, raw in enumerate(value, start=1))


def _week(raw: Any, number: int) -> ProgramWeek:
    if not isinstance(raw, Mapping):
        raise ProgramError("not_object_field", week=number, field="week")
    _refuse_unknown(raw, _WEEK_KEYS, number)
    if "sessions" not in raw:
        raise ProgramError("missing", week=number, field="sessions")
    sessions = _whole(raw["sessions"], "sessions", 1, MAX_SESSIONS_PER_WEEK, number)
    if "routine" not in raw:
        raise ProgramError("missing", week=number, field="routine")
    note = _text(raw, "note", MAX_NOTE, required=False, week=number)
    routine = raw["routine"]
    if isinstance(routine, str):
        if not ID_RE.match(routine):
            raise ProgramError("bad_id", week=number, field="routine", got=show(routine))
        return ProgramWeek(sessions=sessions, routine_id=routine, note=note)
    if isinstance(routine, Mapping):
        try:
            embedded = Routine.from_dict(routine)
        except RoutineError as exc:
            raise ProgramError(
                "embedded_routine", week=number, field="routine", reason=str(exc)
            ) from None
        return ProgramWeek(sessions=sessions, routine_id=embedded.id, embedded=embedded, note=note)
    raise ProgramError("bad_routine", week=number, field="routine", got=show(routine))


def _checks(value: Any, weeks: int) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise ProgramError("not_list", field="checks")
    found: list[int] = []
    for raw in value:
        week = _whole(raw, "checks", 1, MAX_WEEKS)
        if week > weeks:
            raise ProgramError("check_out_of_range", field="checks", got=week, weeks=weeks)
        if week in found:
            raise ProgramError("duplicate_check", field="checks", got=week)
        found.append(week)
    return tuple(sorted(found))


def _progression(value: Any) -> Progression | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ProgramError("not_object_field", field="progression")
    _refuse_unknown(value, _PROGRESSION_KEYS, None)
    if "add_backward_seconds" not in value:
        raise ProgramError("missing", field="add_backward_seconds")
    add = _whole(value["add_backward_seconds"], "add_backward_seconds", 0, 600)
    every = _whole(value.get("every_weeks", 1), "every_weeks", 1, MAX_WEEKS)
    limit = _whole(
        value.get("max_add_seconds", MAX_PROGRESSION_S), "max_add_seconds", 0, MAX_PROGRESSION_S
    )
    return Progression(add_backward_s=add, every_weeks=every, max_add_s=limit)
