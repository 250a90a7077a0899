"""Undo commands for every edit the routine editor makes.

Each command holds the before and after values and acts on the draft
(`core.routine_draft.RoutineDraft`) through the `Segments` protocol: the
editor passes its table model, which changes the draft and tells the view;
a bare `RoutineDraft` works the same (the tests use one). The draft and the
form only ever change through these, so Ctrl+Z undoes exactly what the
person did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from walkback_desktop.core.routine import Segment
from walkback_desktop.i18n import N_, _

# What the Undo/Redo buttons call a change to each routine field.
FIELD_CHANGES = {
    "name": N_("Change name"),
    "level": N_("Change level"),
    "goal": N_("Change type"),
    "description": N_("Change description"),
    "safety": N_("Change safety note"),
    "safety_checklist": N_("Change safety checklist"),
}


class Segments(Protocol):
    """The draft's segment edits (RoutineDraft, or the table model in front of it)."""

    def segment(self, row: int) -> Segment: ...
    def replace_segment(self, row: int, segment: Segment) -> None: ...
    def insert_segment(self, row: int, segment: Segment) -> None: ...
    def remove_segment(self, row: int) -> Any: ...
    def move_segment(self, source: int, target: int) -> None: ...


class ReplaceSegmentCommand(QUndoCommand):
    def __init__(self, model: Segments, row: int, new: Segment, text: str) -> None:
        super().__init__(text)
        self._model = model
        self._row = row
        self._old = model.segment(row)
        self._new = new

    def redo(self) -> None:
        self._model.replace_segment(self._row, self._new)

    def undo(self) -> None:
        self._model.replace_segment(self._row, self._old)


class InsertSegmentCommand(QUndoCommand):
    def __init__(self, model: Segments, row: int, segment: Segment) -> None:
        super().__init__(_("Add segment"))
        self._model = model
        self._row = row
        self._segment = segment

    def redo(self) -> None:
        self._model.insert_segment(self._row, self._segment)

    def undo(self) -> None:
        self._model.remove_segment(self._row)


class RemoveSegmentCommand(QUndoCommand):
    def __init__(self, model: Segments, row: int) -> None:
        super().__init__(_("Remove segment"))
        self._model = model
        self._row = row
        self._segment = model.segment(row)

    def redo(self) -> None:
        self._model.remove_segment(self._row)

    def undo(self) -> None:
        self._model.insert_segment(self._row, self._segment)


class MoveSegmentCommand(QUndoCommand):
    """Move the segment at `source` so that it ends up at index `target`."""

    def __init__(self, model: Segments, source: int, target: int) -> None:
        super().__init__(_("Move segment"))
        self._model = model
        self._source = source
        self._target = target

    def redo(self) -> None:
        self._model.move_segment(self._source, self._target)

    def undo(self) -> None:
        self._model.move_segment(self._target, self._source)


class SetFieldCommand(QUndoCommand):
    """A routine-level field (name, level, ...); typing in one field merges into one step."""

    def __init__(
        self,
        field: str,
        old: Any,
        new: Any,
        apply: Callable[[str, Any], None],
        merge_id: int,
        text: str = "",
    ) -> None:
        if not text and field in FIELD_CHANGES:
            text = _(FIELD_CHANGES[field])
        super().__init__(text or _("Change {field}").format(field=field.replace("_", " ")))
        self.field = field
        self._old = old
        self._new = new
        self._apply = apply
        self._merge_id = merge_id

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.field != self.field:
            return False
        if self._merge_id < 0:
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._apply(self.field, self._new)

    def undo(self) -> None:
        self._apply(self.field, self._old)
