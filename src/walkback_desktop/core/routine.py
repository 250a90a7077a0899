"""Routines: what a workout is made of, and the `*.walkback.json` file format.

Validation speaks to people, not programmers: every problem is reported as a
`RoutineError` (core/routine_errors.py) that says where (the segment index),
which field and what is allowed, as data; its English message reads
"segment 3: seconds must be between 5 and 3600, got 2". Nothing else escapes
`Routine.from_json`, not even a RecursionError from deeply nested input.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from walkback_desktop.core import energy
from walkback_desktop.core.energy import default_met
from walkback_desktop.core.routine_errors import N_
from walkback_desktop.core.routine_errors import RoutineError as RoutineError

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


class SegmentKind(str, Enum):
    WARMUP = "warmup"
    BACKWARD = "backward"
    FORWARD = "forward"
    REST = "rest"
    BALANCE = "balance"
    COOLDOWN = "cooldown"


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
    def title(self) -> str:  # type: ignore[override]  # str.title() is not used on goals
        """The goal's English title (marked for translation; shown through _())."""
        return _GOAL_TITLES[self]


# English titles, marked for extraction; shown through the translation at the edge.
_GOAL_TITLES = {
    Goal.BEGINNER: N_("First steps"),
    Goal.KNEE: N_("Knee rehab"),
    Goal.BACK: N_("Low back"),
    Goal.BALANCE: N_("Balance"),
    Goal.CARDIO: N_("Cardio"),
    Goal.GENERAL: N_("General fitness"),
}
LEVEL_TITLES = {
    Level.BEGINNER: N_("Beginner"),
    Level.INTERMEDIATE: N_("Intermediate"),
    Level.ADVANCED: N_("Advanced"),
}


class Clash(str, Enum):
    """What to do when an imported routine's id is already taken."""

    REFUSE = "refuse"
    RENAME = "rename"
    REPLACE = "replace"


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
        from walkback_desktop.core.routine_parse import parse_routine

        return parse_routine(data, builtin=builtin)

    @classmethod
    def from_json(cls, text: str | bytes, *, builtin: bool = False) -> Routine:
        """Parse a routine file's text; raise RoutineError with a readable reason."""
        from walkback_desktop.core.file_format import JsonFileError, load_json
        from walkback_desktop.core.routine_parse import parse_routine

        try:
            data = load_json(text, MAX_FILE_BYTES)
        except JsonFileError as exc:
            code = {"syntax": "not_json", "value": "not_json_value"}.get(exc.code, exc.code)
            raise RoutineError(code, **exc.params) from None
        return parse_routine(data, builtin=builtin)


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


def slugify(name: str) -> str:
    """A routine id made from its name: "Knee rehab, week 1" -> "knee-rehab-week-1"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    if len(slug) < 3:
        slug = f"routine-{slug}".strip("-") if slug else "my-routine"
    return slug


def copy_name(name: str, suffix: str = " (copy)") -> str:
    """The name of a duplicate: `name` + `suffix`, shortened to fit MAX_NAME."""
    return name[: MAX_NAME - len(suffix)].rstrip() + suffix


def routine_kcal(segments: Sequence[Segment], weight_kg: float) -> float:
    """Gross kcal of `segments` for a person of `weight_kg` (each at its effective MET)."""
    return sum(energy.kcal(s.effective_met, weight_kg, s.seconds) for s in segments)


def format_duration(seconds: float) -> str:
    """`m:ss` (or `h:mm:ss`) for display; negative values show as 0:00."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
