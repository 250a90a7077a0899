"""Routines: what a workout is made of, and the `*.walkback.json` file format.

Validation speaks to people, not programmers: every problem is reported as a
`RoutineError` whose message says where ("segment 3"), which field and what
is allowed. Nothing else escapes `Routine.from_json`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from walkback_desktop.core.energy import default_met

FORMAT = "walkback-routine"
VERSION = 1
FILE_SUFFIX = ".walkback.json"

MIN_SEGMENT_S = 5
MAX_SEGMENT_S = 3600
MAX_TOTAL_S = 4 * 3600
MAX_SEGMENTS = 100
MAX_NAME = 80
MAX_LABEL = 60
MAX_DESCRIPTION = 1000
MAX_SAFETY = 600
MAX_TIP = 80
MAX_TIPS = 12
MAX_FILE_BYTES = 1_000_000
MET_RANGE = (1.0, 20.0)
CADENCE_RANGE = (40, 200)
INCLINE_RANGE = (0.0, 15.0)
_ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$")


class RoutineError(ValueError):
    """A routine file or edit that cannot be accepted; the message is for people."""


class SegmentKind(str, Enum):
    WARMUP = "warmup"
    BACKWARD = "backward"
    FORWARD = "forward"
    REST = "rest"
    BALANCE = "balance"
    COOLDOWN = "cooldown"

    @property
    def word(self) -> str:
        """The word shown in large type on the workout screen."""
        return self.value.upper()


class Level(str, Enum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Goal(str, Enum):
    BEGINNER = "beginner"
    KNEE = "knee"
    BACK = "back"
    BALANCE = "balance"
    CARDIO = "cardio"
    GENERAL = "general"

    @property
    def title(self) -> str:
        return _GOAL_TITLES[self]


_GOAL_TITLES = {
    Goal.BEGINNER: "First steps",
    Goal.KNEE: "Knee rehab",
    Goal.BACK: "Low back",
    Goal.BALANCE: "Balance",
    Goal.CARDIO: "Cardio",
    Goal.GENERAL: "General fitness",
}


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    label: str
    seconds: int
    met: float | None = None
    cadence_spm: int | None = None
    incline_pct: float | None = None
    tips: tuple[str, ...] = ()

    @property
    def effective_met(self) -> float:
        """The segment's MET: its own value, else the default for its kind."""
        return self.met if self.met is not None else default_met(self.kind.value)

    @property
    def is_backward(self) -> bool:
        return self.kind is SegmentKind.BACKWARD


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    segments: tuple[Segment, ...]
    level: Level = Level.BEGINNER
    goal: Goal = Goal.GENERAL
    description: str = ""
    safety: str = ""
    safety_checklist: bool = False
    builtin: bool = field(default=False, compare=False)

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.segments)

    @property
    def backward_seconds(self) -> int:
        return sum(s.seconds for s in self.segments if s.is_backward)

    def with_changes(self, **changes: Any) -> Routine:
        return replace(self, **changes)

    # --- serialisation -------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "id": self.id,
            "name": self.name,
            "level": self.level.value,
            "goal": self.goal.value,
            "description": self.description,
            "safety": self.safety,
            "safety_checklist": self.safety_checklist,
            "segments": [_segment_to_dict(s) for s in self.segments],
        }
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: Any, *, builtin: bool = False) -> Routine:
        return _parse_routine(data, builtin=builtin)

    @classmethod
    def from_json(cls, text: str | bytes, *, builtin: bool = False) -> Routine:
        """Parse a routine file's text; raise RoutineError with a readable reason."""
        if isinstance(text, (bytes, bytearray)):
            if len(text) > MAX_FILE_BYTES:
                raise RoutineError("the file is too large to be a routine (over 1 MB)")
            try:
                text = bytes(text).decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise RoutineError("the file is not UTF-8 text, so it is not a routine") from exc
        if len(text) > MAX_FILE_BYTES:
            raise RoutineError("the file is too large to be a routine (over 1 MB)")
        text = text.removeprefix("\ufeff")
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError as exc:
            raise RoutineError("the file is not valid JSON (nested too deeply)") from exc
        except ValueError as exc:
            raise RoutineError(f"the file is not valid JSON ({_json_reason(exc)})") from exc
        return _parse_routine(data, builtin=builtin)


def _segment_to_dict(segment: Segment) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": segment.kind.value,
        "label": segment.label,
        "seconds": segment.seconds,
    }
    if segment.met is not None:
        data["met"] = segment.met
    if segment.cadence_spm is not None:
        data["cadence_spm"] = segment.cadence_spm
    if segment.incline_pct is not None:
        data["incline_pct"] = segment.incline_pct
    if segment.tips:
        data["tips"] = list(segment.tips)
    return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _json_reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    return str(exc)


_TOP_KEYS = {
    "format",
    "version",
    "id",
    "name",
    "level",
    "goal",
    "description",
    "safety",
    "safety_checklist",
    "segments",
}
_SEGMENT_KEYS = {"kind", "label", "seconds", "met", "cadence_spm", "incline_pct", "tips"}


def _choices(enum: type[Enum]) -> str:
    return ", ".join(str(m.value) for m in enum)  # type: ignore[attr-defined]


def _parse_routine(data: Any, *, builtin: bool) -> Routine:
    if not isinstance(data, Mapping):
        raise RoutineError("the file is not a WalkBack routine (expected a JSON object)")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise RoutineError(
            f'the file is not a WalkBack routine (format must be "{FORMAT}", got {_show(fmt)})'
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise RoutineError(f"version must be a whole number, got {_show(version)}")
    if version > VERSION:
        raise RoutineError(
            f"this routine was made by a newer WalkBack (format version {version}); "
            f"this version reads version {VERSION}. Please update WalkBack."
        )
    if version < 1:
        raise RoutineError(f"version must be 1, got {version}")
    unknown = sorted(str(k) for k in data if k not in _TOP_KEYS)
    if unknown:
        raise RoutineError(
            f"unknown field {_show(unknown[0])} (allowed: {', '.join(sorted(_TOP_KEYS))})"
        )

    routine_id = _required_text(data, "id", "", max_len=64)
    if not _ID_RE.match(routine_id):
        raise RoutineError(
            f"id {_show(routine_id)} must be 3 to 64 lowercase letters, digits or hyphens "
            "(not starting or ending with a hyphen)"
        )
    name = _required_text(data, "name", "", max_len=MAX_NAME)
    level = _enum_field(data, "level", "", Level, default=Level.BEGINNER)
    goal = _enum_field(data, "goal", "", Goal, default=Goal.GENERAL)
    description = _optional_text(data, "description", "", max_len=MAX_DESCRIPTION)
    safety = _optional_text(data, "safety", "", max_len=MAX_SAFETY)
    checklist = data.get("safety_checklist", False)
    if not isinstance(checklist, bool):
        raise RoutineError(f"safety_checklist must be true or false, got {_show(checklist)}")

    raw_segments = data.get("segments")
    if raw_segments is None:
        raise RoutineError("the routine has no segments (add at least one)")
    if not isinstance(raw_segments, list):
        raise RoutineError("segments must be a list")
    if not raw_segments:
        raise RoutineError("the routine is empty: add at least one segment")
    if len(raw_segments) > MAX_SEGMENTS:
        raise RoutineError(
            f"a routine may have at most {MAX_SEGMENTS} segments, this one has {len(raw_segments)}"
        )
    segments = tuple(_parse_segment(raw, i + 1) for i, raw in enumerate(raw_segments))
    total = sum(s.seconds for s in segments)
    if total > MAX_TOTAL_S:
        raise RoutineError(
            f"the routine lasts {total // 60} minutes; at most {MAX_TOTAL_S // 3600} hours are allowed"
        )
    return Routine(
        id=routine_id,
        name=name,
        segments=segments,
        level=level,
        goal=goal,
        description=description,
        safety=safety,
        safety_checklist=checklist,
        builtin=builtin,
    )


def _parse_segment(raw: Any, number: int) -> Segment:
    where = f"segment {number}: "
    if not isinstance(raw, Mapping):
        raise RoutineError(f"{where}expected an object with kind, label and seconds")
    unknown = sorted(str(k) for k in raw if k not in _SEGMENT_KEYS)
    if unknown:
        raise RoutineError(
            f"{where}unknown field {_show(unknown[0])} (allowed: {', '.join(sorted(_SEGMENT_KEYS))})"
        )
    if "kind" not in raw:
        raise RoutineError(f"{where}kind is missing (one of {_choices(SegmentKind)})")
    kind = _enum_field(raw, "kind", where, SegmentKind, default=None)
    label = _required_text(raw, "label", where, max_len=MAX_LABEL)
    seconds = _number(raw, "seconds", where, MIN_SEGMENT_S, MAX_SEGMENT_S, integer=True)
    if seconds is None:
        raise RoutineError(
            f"{where}seconds is missing (between {MIN_SEGMENT_S} and {MAX_SEGMENT_S})"
        )
    met = _number(raw, "met", where, *MET_RANGE)
    cadence = _number(raw, "cadence_spm", where, *CADENCE_RANGE, integer=True)
    incline = _number(raw, "incline_pct", where, *INCLINE_RANGE)
    tips = _tips(raw.get("tips", []), where)
    return Segment(
        kind=kind,
        label=label,
        seconds=int(seconds),
        met=float(met) if met is not None else None,
        cadence_spm=int(cadence) if cadence is not None else None,
        incline_pct=float(incline) if incline is not None else None,
        tips=tips,
    )


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."


def _required_text(data: Mapping[str, Any], key: str, where: str, *, max_len: int) -> str:
    if key not in data:
        raise RoutineError(f"{where}{key} is missing")
    value = data[key]
    if not isinstance(value, str):
        raise RoutineError(f"{where}{key} must be text, got {_show(value)}")
    value = value.strip()
    if not value:
        raise RoutineError(f"{where}{key} must not be empty")
    _check_text(value, key, where, max_len)
    return value


def _optional_text(data: Mapping[str, Any], key: str, where: str, *, max_len: int) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RoutineError(f"{where}{key} must be text, got {_show(value)}")
    value = value.strip()
    _check_text(value, key, where, max_len)
    return value


def _check_text(value: str, key: str, where: str, max_len: int) -> None:
    if len(value) > max_len:
        raise RoutineError(
            f"{where}{key} is too long ({len(value)} characters; at most {max_len})"
        )
    if any(ord(c) < 32 and c not in "\n\t" for c in value) or "\x7f" in value:
        raise RoutineError(f"{where}{key} contains control characters")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise RoutineError(f"{where}{key} contains invalid characters")


def _enum_field(
    data: Mapping[str, Any], key: str, where: str, enum: type[Enum], default: Any
) -> Any:
    if key not in data:
        if default is None:
            raise RoutineError(f"{where}{key} is missing (one of {_choices(enum)})")
        return default
    value = data[key]
    try:
        return enum(value) if isinstance(value, str) else enum(None)
    except ValueError:
        raise RoutineError(
            f"{where}{key} must be one of {_choices(enum)}, got {_show(value)}"
        ) from None


def _number(
    data: Mapping[str, Any],
    key: str,
    where: str,
    low: float,
    high: float,
    *,
    integer: bool = False,
) -> float | int | None:
    if key not in data or data[key] is None:
        return None
    value = data[key]
    kind = "a whole number" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RoutineError(
            f"{where}{key} must be {kind} between {_fmt(low)} and {_fmt(high)}, got {_show(value)}"
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise RoutineError(f"{where}{key} must be {kind} between {_fmt(low)} and {_fmt(high)}")
    if integer and isinstance(value, float) and not value.is_integer():
        raise RoutineError(
            f"{where}{key} must be {kind} between {_fmt(low)} and {_fmt(high)}, got {value}"
        )
    if not low <= value <= high:
        raise RoutineError(
            f"{where}{key} must be between {_fmt(low)} and {_fmt(high)}, got {_show(value)}"
        )
    return int(value) if integer else float(value)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _tips(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RoutineError(f"{where}tips must be a list of short phrases")
    if len(value) > MAX_TIPS:
        raise RoutineError(f"{where}at most {MAX_TIPS} tips are allowed, got {len(value)}")
    tips = []
    for n, tip in enumerate(value, start=1):
        if not isinstance(tip, str) or not tip.strip():
            raise RoutineError(f"{where}tip {n} must be a short phrase")
        tip = tip.strip()
        _check_text(tip, f"tip {n}", where, MAX_TIP)
        tips.append(tip)
    return tuple(tips)


def validate_segments(segments: Sequence[Segment]) -> None:
    """Check edited segments with the same rules and messages as the file format."""
    Routine.from_dict(
        {
            "format": FORMAT,
            "version": VERSION,
            "id": "check",
            "name": "check",
            "segments": [_segment_to_dict(s) for s in segments],
        }
    )


def format_duration(seconds: float) -> str:
    """`m:ss` (or `h:mm:ss`) for display; negative values show as 0:00."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
