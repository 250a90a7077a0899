"""The editor's segment table: a view of the draft's segments; edits go through the undo stack.

The model holds no segments of its own: it reads and changes the
`RoutineDraft` and emits Qt's row signals around each change.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from walkback_desktop.core.routine import Segment
from walkback_desktop.core.routine_draft import RoutineDraft
from walkback_desktop.i18n import N_, _, formats, ngettext
from walkback_desktop.ui.routine_editor.commands import MoveSegmentCommand, ReplaceSegmentCommand
from walkback_desktop.ui.routine_editor.durations import format_mm_ss, parse_duration
from walkback_desktop.ui.routine_editor.labels import literal_tooltip
from walkback_desktop.ui.routine_editor.texts import kind_name
from walkback_desktop.ui.widgets.segment_strip import KIND_COLOURS

ROW_MIME = "application/x-walkback-segment-row"
COLUMNS = (
    N_("Kind"),
    N_("Label"),
    N_("Duration"),
    N_("MET"),
    N_("Cadence"),
    N_("Incline"),
    N_("Tips"),
)
KIND, LABEL, DURATION, MET, CADENCE, INCLINE, TIPS = range(len(COLUMNS))

Index = QModelIndex | QPersistentModelIndex


def met_text(segment: Segment) -> str:
    if segment.met is None:
        return _("{met} (default)").format(met=f"{segment.effective_met:.1f}")
    return f"{segment.met:.1f}"


class SegmentTableModel(QAbstractTableModel):
    duration_problem_changed = Signal()

    def __init__(self, undo_stack: QUndoStack, draft: RoutineDraft) -> None:
        super().__init__()
        self.undo_stack = undo_stack
        self.draft = draft
        # The row the first problem is in (its RoutineError.segment), shown in red.
        self.problem_row: int | None = None
        self.problem_colour = QColor("#c62828")

    # --- reading ------------------------------------------------------------
    def segments(self) -> tuple[Segment, ...]:
        return tuple(self.draft.segments)

    def segment(self, row: int) -> Segment:
        return self.draft.segment(row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.draft.segments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        segment = self.draft.segments[index.row()]
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
            return kind_name(segment.kind)
        if column == LABEL:
            return segment.label
        if column == DURATION:
            return format_mm_ss(segment.seconds) if edit else formats.duration(segment.seconds)
        if column == MET:
            return met_text(segment)
        if column == CADENCE:
            if segment.cadence_spm is None:
                return ""
            return _("{cadence} spm").format(cadence=segment.cadence_spm)
        if column == INCLINE:
            if segment.incline_pct is None:
                return ""
            return _("{incline} %").format(incline=formats.decimal(segment.incline_pct, 1))
        count = len(segment.tips)
        return ngettext("{n} tip", "{n} tips", count).format(n=count) if count else ""

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
        segment = self.draft.segments[row]
        if column == LABEL:
            new = replace(segment, label=str(value))
            text = _("Change label")
        elif column == DURATION:
            seconds = parse_duration(str(value))
            if seconds is None:
                self.set_unreadable_duration(row)
                return False
            self.set_unreadable_duration(None)
            new = replace(segment, seconds=seconds)
            text = _("Change duration")
        else:
            return False
        if new != segment:
            self.undo_stack.push(ReplaceSegmentCommand(self, row, new, text))
        return True

    def set_problem_row(self, row: int | None) -> None:
        if row == self.problem_row:
            return
        changed = [
            r for r in (self.problem_row, row) if r is not None and r < len(self.draft.segments)
        ]
        self.problem_row = row
        for r in changed:
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(COLUMNS) - 1))

    def set_unreadable_duration(self, row: int | None) -> None:
        """Mark the segment whose typed duration could not be read (None: none)."""
        if row != self.draft.unreadable_duration:
            self.draft.unreadable_duration = row
            self.duration_problem_changed.emit()

    # --- changes made by the undo commands (the draft changes, the view is told) -----
    def replace_segment(self, row: int, segment: Segment) -> None:
        self.draft.replace_segment(row, segment)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def insert_segment(self, row: int, segment: Segment) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.draft.insert_segment(row, segment)
        self.endInsertRows()

    def remove_segment(self, row: int) -> Segment:
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self.draft.remove_segment(row)
        self.endRemoveRows()
        return removed

    def move_segment(self, source: int, target: int) -> None:
        """Move row `source` so it ends up at index `target`."""
        if source == target:
            return
        # Qt's destination is the row *before which* the row goes, counted before removal.
        destination = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self.draft.move_segment(source, target)
        self.endMoveRows()

    # --- drag and drop: a drop becomes one undoable move ------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
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
        if not 0 <= source < len(self.draft.segments):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.draft.segments)
        target = row - 1 if row > source else row
        target = max(0, min(target, len(self.draft.segments) - 1))
        if target != source:
            self.undo_stack.push(MoveSegmentCommand(self, source, target))
        return False


def segment_table(model: SegmentTableModel) -> QTableView:
    """The editor's table of segments: rows move by drag and drop, Tab leaves it."""
    table = QTableView()
    table.setAccessibleName(_("Segments"))
    table.setModel(model)
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setDragEnabled(True)
    table.setAcceptDrops(True)
    table.setDropIndicatorShown(True)
    table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    table.setDefaultDropAction(Qt.DropAction.MoveAction)
    table.setDragDropOverwriteMode(False)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    size_table_to_font(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    table.setToolTip(_("Drag a row to move it; double-click a label or duration to change it"))
    return table


def size_table_to_font(table: QTableView) -> None:
    """One line per row and room for eight rows at the current text size."""
    height = table.fontMetrics().height()
    table.verticalHeader().setDefaultSectionSize(height + 10)
    table.setMinimumHeight((height + 10) * 8)
