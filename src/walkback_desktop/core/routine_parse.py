"""Reading a routine file's data: every field checked, every problem a RoutineError.

Split from core/routine.py (the records) so each stays short; `Routine.from_dict`
and `Routine.from_json` call `parse_routine`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import Enum
from typing import Any

from walkback_desktop.core.file_format import (
    ID_RE,
    has_control_characters,
    has_invalid_characters,
    show,
)
from walkback_desktop.core.routine import (
    CADENCE_RANGE,
    FORMAT,
    INCLINE_RANGE,
    MAX_DESCRIPTION,
    MAX_LABEL,
    MAX_NAME,
    MAX_SAFETY,
    MAX_SEGMENT_S,
    MAX_SEGMENTS,
    MAX_TIP,
    MAX_TIPS,
    MAX_TOTAL_S,
    MET_RANGE,
    MIN_SEGMENT_S,
    VERSION,
    Goal,
    Level,
    Routine,
    Segment,
    SegmentKind,
)
from walkback_desktop.core.routine_errors import RoutineError

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
    return ", ".join(str(m.value) for m in enum)


def parse_routine(data: Any, *, builtin: bool) -> Routine:
    """Check every field; deeply nested values (a RecursionError) are refused too."""
    try:
        return _parse_checked(data, builtin=builtin)
    except RecursionError as exc:
        raise RoutineError("too_deep") from exc


def _parse_checked(data: Any, *, builtin: bool) -> Routine:
    if not isinstance(data, Mapping):
        raise RoutineError("not_object")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise RoutineError("wrong_format", field="format", expected=FORMAT, got=show(fmt))
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise RoutineError("version_type", field="version", got=show(version))
    if version > VERSION:
        raise RoutineError("version_newer", field="version", version=version, supported=VERSION)
    if version < 1:
        raise RoutineError("version_older", field="version", version=version)
    _no_unknown_keys(data, _TOP_KEYS, None)

    routine_id = _required_text(data, "id", None, max_len=64)
    if not ID_RE.match(routine_id):
        raise RoutineError("bad_id", field="id", got=show(routine_id))
    name = _required_text(data, "name", None, max_len=MAX_NAME)
    level = _enum_field(data, "level", None, Level, default=Level.BEGINNER)
    goal = _enum_field(data, "goal", None, Goal, default=Goal.GENERAL)
    description = _optional_text(data, "description", None, max_len=MAX_DESCRIPTION)
    safety = _optional_text(data, "safety", None, max_len=MAX_SAFETY)
    checklist = data.get("safety_checklist", False)
    if not isinstance(checklist, bool):
        raise RoutineError("not_bool", field="safety_checklist", got=show(checklist))

    raw_segments = data.get("segments")
    if raw_segments is None:
        raise RoutineError("no_segments", field="segments")
    if not isinstance(raw_segments, list):
        raise RoutineError("segments_type", field="segments")
    if not raw_segments:
        raise RoutineError("empty", field="segments")
    if len(raw_segments) > MAX_SEGMENTS:
        raise RoutineError(
            "too_many_segments", field="segments", max=MAX_SEGMENTS, count=len(raw_segments)
        )
    segments = tuple(_parse_segment(raw, i) for i, raw in enumerate(raw_segments))
    total = sum(s.seconds for s in segments)
    if total > MAX_TOTAL_S:
        raise RoutineError(
            "too_long_total", field="segments", minutes=total // 60, hours=MAX_TOTAL_S // 3600
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


def _no_unknown_keys(data: Mapping[str, Any], known: set[str], where: int | None) -> None:
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise RoutineError(
            "unknown_field",
            segment=where,
            field=unknown[0],
            got=show(unknown[0]),
            allowed=", ".join(sorted(known)),
        )


def _parse_segment(raw: Any, where: int) -> Segment:
    if not isinstance(raw, Mapping):
        raise RoutineError("segment_type", segment=where)
    _no_unknown_keys(raw, _SEGMENT_KEYS, where)
    if "kind" not in raw:
        raise RoutineError(
            "missing_choice", segment=where, field="kind", choices=_choices(SegmentKind)
        )
    kind = _enum_field(raw, "kind", where, SegmentKind, default=None)
    label = _required_text(raw, "label", where, max_len=MAX_LABEL)
    seconds = _number(raw, "seconds", where, MIN_SEGMENT_S, MAX_SEGMENT_S, integer=True)
    if seconds is None:
        raise RoutineError(
            "missing_range", segment=where, field="seconds", low=MIN_SEGMENT_S, high=MAX_SEGMENT_S
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


def _required_text(data: Mapping[str, Any], key: str, where: int | None, *, max_len: int) -> str:
    if key not in data:
        raise RoutineError("missing", segment=where, field=key)
    value = data[key]
    if not isinstance(value, str):
        raise RoutineError("not_text", segment=where, field=key, got=show(value))
    value = value.strip()
    if not value:
        raise RoutineError("empty_text", segment=where, field=key)
    _check_text(value, key, where, max_len)
    return value


def _optional_text(data: Mapping[str, Any], key: str, where: int | None, *, max_len: int) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RoutineError("not_text", segment=where, field=key, got=show(value))
    value = value.strip()
    _check_text(value, key, where, max_len)
    return value


def _check_text(
    value: str, key: str, where: int | None, max_len: int, *, tip: int | None = None
) -> None:
    """Length and characters; `tip` (1-based) when the text is one of a segment's tips."""
    prefix = "" if tip is None else "tip_"
    extra: dict[str, Any] = {} if tip is None else {"tip": tip}
    if len(value) > max_len:
        raise RoutineError(
            prefix + "too_long", segment=where, field=key, length=len(value), max=max_len, **extra
        )
    if has_control_characters(value):
        raise RoutineError(prefix + "control_characters", segment=where, field=key, **extra)
    if has_invalid_characters(value):
        raise RoutineError(prefix + "invalid_characters", segment=where, field=key, **extra)


def _enum_field(
    data: Mapping[str, Any], key: str, where: int | None, enum: type[Enum], default: Any
) -> Any:
    if key not in data:
        if default is None:
            raise RoutineError("missing_choice", segment=where, field=key, choices=_choices(enum))
        return default
    value = data[key]
    try:
        return enum(value) if isinstance(value, str) else enum(None)
    except ValueError:
        raise RoutineError(
            "not_choice", segment=where, field=key, choices=_choices(enum), got=show(value)
        ) from None


def _number(
    data: Mapping[str, Any],
    key: str,
    where: int | None,
    low: float,
    high: float,
    *,
    integer: bool = False,
) -> float | int | None:
    if key not in data or data[key] is None:
        return None
    value = data[key]
    bounds: dict[str, Any] = {"segment": where, "field": key, "low": _fmt(low), "high": _fmt(high)}
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        code = "not_whole_number" if integer else "not_number"
        raise RoutineError(code, got=show(value), **bounds)
    if isinstance(value, float) and not math.isfinite(value):
        raise RoutineError("not_finite_whole" if integer else "not_finite", **bounds)
    if integer and isinstance(value, float) and not value.is_integer():
        raise RoutineError("not_whole_number", got=str(value), **bounds)
    if not low <= value <= high:
        raise RoutineError("out_of_range", got=show(value), **bounds)
    return int(value) if integer else float(value)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _tips(value: Any, where: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RoutineError("tips_type", segment=where, field="tips")
    if len(value) > MAX_TIPS:
        raise RoutineError(
            "too_many_tips", segment=where, field="tips", max=MAX_TIPS, count=len(value)
        )
    tips = []
    for n, tip in enumerate(value, start=1):
        if not isinstance(tip, str) or not tip.strip():
            raise RoutineError("tip_type", segment=where, field="tips", tip=n)
        tip = tip.strip()
        _check_text(tip, "tips", where, MAX_TIP, tip=n)
        tips.append(tip)
    return tuple(tips)
