"""The routine editor's model: a routine being edited, not yet valid.

`RoutineDraft` holds the routine's fields and segments as the person left
them, may be invalid at any moment, and says what is wrong with `problems()`
(the file format's own checks, as `RoutineError`s with the segment index).
The editor's undo commands change it only through its methods, so every edit
is testable without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from walkback_desktop.core.routine import (
    MAX_SEGMENTS,
    Goal,
    Level,
    Routine,
    RoutineError,
    Segment,
    routine_kcal,
)

FIELDS = ("name", "level", "goal", "description", "safety", "safety_checklist")


@dataclass(frozen=True)
class DraftTotals:
    """What the editor shows under the table."""

    total_s: int
    backward_s: int
    kcal: float
    segment_count: int


@dataclass
class RoutineDraft:
    routine_id: str
    name: str
    segments: list[Segment]
    level: Level = Level.BEGINNER
    goal: Goal = Goal.GENERAL
    description: str = ""
    safety: str = ""
    safety_checklist: bool = False
    # The segment whose typed duration could not be read (kept out of the data).
    unreadable_duration: int | None = field(default=None)

    @classmethod
    def from_routine(cls, routine: Routine) -> RoutineDraft:
        return cls(
            routine_id=routine.id,
            name=routine.name,
            segments=list(routine.segments),
            level=routine.level,
            goal=routine.goal,
            description=routine.description,
            safety=routine.safety,
            safety_checklist=routine.safety_checklist,
        )

    # --- routine fields ------------------------------------------------------------
    def field(self, name: str) -> Any:
        if name not in FIELDS:
            raise KeyError(name)
        return getattr(self, name)

    def set_field(self, name: str, value: Any) -> None:
        if name not in FIELDS:
            raise KeyError(name)
        setattr(self, name, value)

    # --- segments -----------------------------------------------------------------
    def segment(self, row: int) -> Segment:
        return self.segments[row]

    def replace_segment(self, row: int, segment: Segment) -> None:
        self.segments[row] = segment

    def insert_segment(self, row: int, segment: Segment) -> None:
        self.segments.insert(row, segment)

    def remove_segment(self, row: int) -> Segment:
        return self.segments.pop(row)

    def move_segment(self, source: int, target: int) -> None:
        """Move the segment at `source` so that it ends up at index `target`."""
        self.segments.insert(target, self.segments.pop(source))

    def can_add(self) -> bool:
        return len(self.segments) < MAX_SEGMENTS

    def can_remove(self, row: int) -> bool:
        """The last segment stays: a routine needs at least one."""
        return 0 <= row < len(self.segments) and len(self.segments) > 1

    def can_move(self, row: int, step: int) -> bool:
        return 0 <= row < len(self.segments) and 0 <= row + step < len(self.segments)

    # --- reading ------------------------------------------------------------------
    def routine(self) -> Routine:
        """The routine as shown, not validated."""
        return Routine(
            id=self.routine_id,
            name=self.name,
            segments=tuple(self.segments),
            level=self.level,
            goal=self.goal,
            description=self.description,
            safety=self.safety,
            safety_checklist=self.safety_checklist,
        )

    def problems(self) -> list[RoutineError]:
        """What stops the routine being saved, first problem first ([] when valid).

        The file format stops at its first problem, so there is at most one of
        those, after an unreadable duration if there is one.
        """
        found = []
        if self.unreadable_duration is not None:
            found.append(RoutineError("duration_unreadable", segment=self.unreadable_duration))
        try:
            Routine.from_dict(self.routine().to_dict())
        except RoutineError as exc:
            found.append(exc)
        return found

    def checked(self) -> Routine:
        """The routine as the file format reads it; raises the first problem."""
        problems = self.problems()
        if problems:
            raise problems[0]
        return Routine.from_dict(self.routine().to_dict())

    def totals(self, weight_kg: float) -> DraftTotals:
        routine = self.routine()
        return DraftTotals(
            total_s=routine.total_seconds,
            backward_s=routine.backward_seconds,
            kcal=routine_kcal(routine.segments, weight_kg),
            segment_count=len(routine.segments),
        )
