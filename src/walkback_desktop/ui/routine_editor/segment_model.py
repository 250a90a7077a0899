"""The editor's segment table: one row per segment, edits go through the undo stack."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QUndoStack

from walkback_desktop.core.routine import Segment, format_duration
from walkback_desktop.ui.routine_editor.commands import MoveSegmentCommand, ReplaceSegmentCommand
from walkback_desktop.ui.routine_editor.durations import format_mm_ss, parse_duration
from walkback_desktop.ui.routine_editor.labels import literal_tooltip
from walkback_desktop.ui.widgets.segment_strip import KIND_COLOURS, KIND_NAMES

ROW_MIME = "application/x-walkback-segment-row"
COLUMNS = ("Kind", "Label", "Duration", "MET", "Cadence", "Incline", "Tips")
KIND, LABEL, DURATION, MET, CADENCE, INCLINE, TIPS = range(len(COLUMNS))

Index = QModelIndex | QPersistentModelIndex


def met_text(segment: Segment) -> str:
    if segment.met is None:
        return f"{segment.effective_met:.1f} (default)"
    return f"{segment.met:.1f}"


class SegmentTableModel(QAbstractTableModel):
    duration_problem_changed = Signal()

    def __init__(self, undo_stack: QUndoStack, segments: tuple[Segment, ...] = ()) -> None:
        super().__init__()
        self.undo_stack = undo_stack
        self._segments: list[Segment] = list(segments)
        # Set when a segment's duration text could not be read (kept out of the data).
        self.duration_problem: str | None = None
        # The row a validation message points at ("segment 3: ..."), shown in red.
        self.problem_row: int | None = None
        self.problem_colour = QColor("#c62828")

    # --- reading ------------------------------------------------------------
    def segments(self) -> tuple[Segment, ...]:
        return tuple(self._segments)

    def segment(self, row: int) -> Segment:
        return self._segments[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._segments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        segment = self._segments[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(segment, column, edit=role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ForegroundRole and index.row() == self.problem_row:
            return self.problem_colour
        if role == Qt.ItemDataRole.DecorationRole and column == KIND:
            return KIND_COLOURS[segment.kind]
        if role == Qt.ItemDataRole.ToolTipRole and column == TIPS and segment.tips:
            return literal_tooltip(*segment.tips)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            DURATION,
            MET,
            CADENCE,
            INCLINE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(segment: Segment, column: int, *, edit: bool) -> str:
        if column == KIND:
            return KIND_NAMES[segment.kind]
        if column == LABEL:
            return segment.label
        if column == DURATION:
            return format_mm_ss(segment.seconds) if edit else format_duration(segment.seconds)
        if column == MET:
            return met_text(segment)
        if column == CADENCE:
            return "" if segment.cadence_spm is None else f"{segment.cadence_spm} spm"
        if column == INCLINE:
            return "" if segment.incline_pct is None else f"{segment.incline_pct:g} %"
        count = len(segment.tips)
        return "" if not count else ("1 tip" if count == 1 else f"{count} tips")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        if index.column() in (LABEL, DURATION):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- editing in the table (label and duration) ---------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        segment = self._segments[row]
        if column == LABEL:
            new = replace(segment, label=str(value))
            text = "Change label"
        elif column == DURATION:
            seconds = parse_duration(str(value))
            if seconds is None:
                self.set_duration_problem(
                    f"segment {row + 1}: duration must be minutes:seconds, like 2:30"
                )
                return False
            self.set_duration_problem(None)
            new = replace(segment, seconds=seconds)
            text = "Change duration"
        else:
            return False
        if new != segment:
            self.undo_stack.push(ReplaceSegmentCommand(self, row, new, text))
        return True

    def set_problem_row(self, row: int | None) -> None:
        if row == self.problem_row:
            return
        changed = [r for r in (self.problem_row, row) if r is not None and r < len(self._segments)]
        self.problem_row = row
        for r in changed:
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(COLUMNS) - 1))

    def set_duration_problem(self, problem: str | None) -> None:
        if problem != self.duration_problem:
            self.duration_problem = problem
            self.duration_problem_changed.emit()

    # --- changes made by the undo commands ------------------------------------
    def replace_segment(self, row: int, segment: Segment) -> None:
        self._segments[row] = segment
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def insert_segment(self, row: int, segment: Segment) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._segments.insert(row, segment)
        self.endInsertRows()

    def remove_segment(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._segments[row]
        self.endRemoveRows()

    def move_segment(self, source: int, target: int) -> None:
        """Move row `source` so it ends up at index `target`."""
        if source == target:
            return
        # Qt's destination is the row *before which* the row goes, counted before removal.
        destination = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self._segments.insert(target, self._segments.pop(source))
        self.endMoveRows()

    # --- drag and drop: a drop becomes one undoable move ------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(ROW_MIME, QByteArray(str(rows[0]).encode("ascii")))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(ROW_MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Push a move command; return False so the view does not also remove the source row."""
        if not data.hasFormat(ROW_MIME):
            return False
        try:
            source = int(bytes(data.data(ROW_MIME).data()).decode("ascii"))
        except ValueError:
            return False
        if not 0 <= source < len(self._segments):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._segments)
        target = row - 1 if row > source else row
        target = max(0, min(target, len(self._segments) - 1))
        if target != source:
            self.undo_stack.push(MoveSegmentCommand(self, source, target))
        return False
