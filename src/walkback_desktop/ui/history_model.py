"""The session table: one model row per session (no widget per row), sorted
in Python on the records and filtered by a proxy, so 20,000 rows stay smooth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
    Signal,
)

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.i18n import N_, _, current_language, formats
from walkback_desktop.ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    N_("Date"),
    N_("Routine"),
    N_("Duration"),
    N_("Backward"),
    N_("kcal"),
    N_("RPE"),
    N_("Pain"),
    N_("Completed"),
    N_("Notes"),
)
DATE, ROUTINE, DURATION, BACKWARD, KCAL, RPE, PAIN, COMPLETED, NOTES = range(len(COLUMNS))
EDITABLE = {RPE: "rpe", PAIN: "pain", NOTES: "notes"}
BLANK = "–"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TOOLTIPS = {
    KCAL: N_("Energy used; ≈ marks an estimate from the minutes walked and your weight"),
    RPE: N_("Effort, 0 (rest) to 10 (hardest); double-click to change"),
    PAIN: N_("Pain during the walk, 0 (none) to 10 (worst); double-click to change"),
    NOTES: N_("Your notes; double-click to change"),
}


def _localised_time(moment: datetime) -> str:
    """ "Mo. 03 März 2025  10:30" in the current language (QLocale's names)."""
    stamp = QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )
    return QLocale().toString(stamp, "ddd dd MMM yyyy  HH:mm")


def _one_decimal(value: float) -> str:
    """ "3.0" (always one decimal, so the column lines up), "3,0" in German."""
    text = f"{value:.1f}"
    return text if current_language() == "en" else text.replace(".", formats.decimal(0.5)[1])


def _scale(value: int | None) -> str:
    return BLANK if value is None else str(value)


class SessionTableModel(QAbstractTableModel):
    """Sessions, newest first. Edits are not written here: `edit_requested`
    asks the page to save them (through the undo stack)."""

    edit_requested = Signal(int, str, object)  # session id, field, new value

    def __init__(self, weight_kg: float = 70.0, parent: Any = None) -> None:
        super().__init__(parent)
        self._records: list[SessionRecord] = []
        self._days: list[date] = []
        self._rows_by_id: dict[int, int] = {}
        self._span: tuple[date, date] | None = None
        self.weight_kg = weight_kg
        self._sort: tuple[int, Qt.SortOrder] = (DATE, Qt.SortOrder.DescendingOrder)

    # --- content ------------------------------------------------------------------
    def set_records(self, records: Iterable[SessionRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._sort_records()
        self._reindex()
        self.endResetModel()

    def records(self) -> list[SessionRecord]:
        return list(self._records)

    def record(self, row: int) -> SessionRecord:
        return self._records[row]

    def local_day(self, row: int) -> date:
        return self._days[row]

    def row_of(self, session_id: int) -> int | None:
        return self._rows_by_id.get(session_id)

    def replace_record(self, record: SessionRecord) -> None:
        row = self.row_of(record.id) if record.id is not None else None
        if row is None:
            return
        self._records[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove_ids(self, ids: Iterable[int]) -> None:
        gone = set(ids)
        self.set_records(r for r in self._records if r.id not in gone)

    def add_records(self, records: Sequence[SessionRecord]) -> None:
        self.set_records([*self._records, *records])

    def full_range(self) -> tuple[date, date] | None:
        """The first and last local dates in the history (None when empty)."""
        return self._span

    def _reindex(self) -> None:
        self._days = [r.started_at.date() for r in self._records]
        self._span = (min(self._days), max(self._days)) if self._days else None
        self._rows_by_id = {r.id: n for n, r in enumerate(self._records) if r.id is not None}

    # --- sorting (on the records: fast for 20,000 rows) ------------------------------
    def _sort_key(self, column: int) -> Callable[[SessionRecord], Any]:
        keys: dict[int, Callable[[SessionRecord], Any]] = {
            DATE: lambda r: r.started_at,
            ROUTINE: lambda r: r.routine_name.casefold(),
            DURATION: lambda r: r.active_seconds,
            BACKWARD: lambda r: r.backward_seconds,
            KCAL: lambda r: r.estimated_kcal(self.weight_kg),
            RPE: lambda r: -1 if r.rpe is None else r.rpe,
            PAIN: lambda r: -1 if r.pain is None else r.pain,
            COMPLETED: lambda r: r.completed,
            NOTES: lambda r: r.notes.casefold(),
        }
        return keys[column]

    def _sort_records(self) -> None:
        column, order = self._sort
        self._records.sort(
            key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._records[i.row()].id for i in old]
        self._sort = (column, order)
        self._sort_records()
        self._reindex()
        new = [
            self.index(self._rows_by_id[sid], i.column())
            if sid in self._rows_by_id
            else QModelIndex()
            for sid, i in zip(old_ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    # --- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = TOOLTIPS.get(section)
            return _(tip) if tip else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.EditRole:
            return {RPE: r.rpe, PAIN: r.pain, NOTES: r.notes}.get(column, self._display(r, column))
        if role == SORT_ROLE:
            return self._sort_key(column)(r)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (DURATION, BACKWARD, KCAL, RPE, PAIN):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == COMPLETED:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NOTES and r.notes:
                # Qt renders a tooltip that looks like HTML as HTML: escape the note.
                return plain_tooltip(r.notes)
            if column == KCAL and r.is_estimated_kcal:
                return _("Estimated from the minutes walked and your weight")
            if column == ROUTINE and r.source == "manual":
                return _("Logged by hand")
        return None

    def _display(self, r: SessionRecord, column: int) -> str:
        if column == DATE:
            if current_language() == "en":
                return f"{r.started_at:%a %d %b %Y  %H:%M}"
            return _localised_time(r.started_at)
        if column == ROUTINE:
            return r.routine_name
        if column == DURATION:
            return formats.duration(r.active_seconds)
        if column == BACKWARD:
            # The same unit as Duration, so the two read side by side.
            return formats.duration(r.backward_seconds)
        if column == KCAL:
            value = f"{r.estimated_kcal(self.weight_kg):.0f}"
            return f"≈ {value}" if r.is_estimated_kcal else value
        if column == RPE:
            return _scale(r.rpe)
        if column == PAIN:
            return _scale(r.pain)
        if column == COMPLETED:
            return _("Yes") if r.completed else _("No")
        return " ".join(r.notes.split())

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        record = self._records[index.row()]
        field = EDITABLE[index.column()]
        if field in ("rpe", "pain"):
            if value in (None, "", -1):
                value = None
            else:
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    return False
                if not 0 <= value <= 10:
                    return False
        else:
            value = str(value)
        if getattr(record, field) == value or record.id is None:
            return False
        self.edit_requested.emit(record.id, field, value)
        return True


class SessionFilterProxy(QSortFilterProxyModel):
    """Filters by local date range, routine name and completed; sorting is
    handed to the source model (a Python sort is far faster than Qt calling
    back into Python for every comparison)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._from: date | None = None
        self._to: date | None = None
        self._routine: str | None = None
        self._completed: bool | None = None
        self._active = False

    def set_filter(
        self,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        routine: str | None = None,
        completed: bool | None = None,
    ) -> None:
        wanted = (date_from, date_to, routine, completed)
        if wanted == (self._from, self._to, self._routine, self._completed):
            return
        self.beginFilterChange()
        self._from, self._to, self._routine, self._completed = wanted
        self._active = self.is_filtered()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtered(self) -> bool:
        return any(v is not None for v in (self._from, self._to, self._routine, self._completed))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._active:
            return True
        model = self.sourceModel()
        if not isinstance(model, SessionTableModel):
            return True
        if self._from is not None or self._to is not None:
            day = model.local_day(source_row)
            if (self._from is not None and day < self._from) or (
                self._to is not None and day > self._to
            ):
                return False
        if self._routine is None and self._completed is None:
            return True
        record = model.record(source_row)
        if self._routine is not None and record.routine_name != self._routine:
            return False
        return self._completed is None or record.completed == self._completed

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)
