"""The session table: one model row per shown session (no widget per row).

It holds light `SessionRow` tuples (storage/session_views.py), sorts them in
Python and filters them itself: a QSortFilterProxyModel would call back into
Python once per row for every reset, and a Python sort is far faster than Qt
calling back for every comparison. Cells are formatted on demand, so only the
rows on screen cost anything; 20,000 sessions stay smooth. (Over 400 lines
because sorting, filtering, lazy fetching and the cell roles act on the same
row list; apart, each would need the others' internals.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.i18n import N_, _, formats
from walkback_desktop.storage.session_views import HistorySummary, SessionRow, row_from_record
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
COMPACT_ROLE = Qt.ItemDataRole.UserRole + 2  # the date for large text (see pages/history/table)
TOOLTIPS = {
    KCAL: N_("Energy used; ≈ marks an estimate from the minutes walked and your weight"),
    RPE: N_("Effort, 0 (rest) to 10 (hardest); double-click to change"),
    PAIN: N_("Pain during the walk, 0 (none) to 10 (worst); double-click to change"),
    NOTES: N_("Your notes; double-click to change"),
}
# SessionRow's fields by position, for itemgetter
STARTED_UTC, LOCAL, ROUTINE_NAME = (
    SessionRow._fields.index(f) for f in ("started_utc", "local", "routine_name")
)
ACTIVE_SECONDS, BACKWARD_SECONDS = (
    SessionRow._fields.index(f) for f in ("active_seconds", "backward_seconds")
)
DEFAULT_SORT = (DATE, Qt.SortOrder.DescendingOrder)
PAGE_ROWS = 2000  # older rows read at a time when the table scrolls to them
MoreRows = Callable[[SessionRow | None, int | None], list[SessionRow]]
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
ALIGNMENT = {DURATION: RIGHT, BACKWARD: RIGHT, KCAL: RIGHT, RPE: RIGHT, PAIN: RIGHT}
ALIGNMENT[COMPLETED] = CENTRE


def _day(local: str) -> date:
    return date(int(local[0:4]), int(local[5:7]), int(local[8:10]))


def long_date(local: str) -> str:
    """ "Wed 05 Mar 2025  08:30" (German "Mi. 05. März 2025  08:30")."""
    day = _day(local)
    return _("{weekday} {day} {month} {year}  {time}").format(
        weekday=formats.weekday_name(day),
        day=f"{day.day:02d}",
        month=formats.month_name(day),
        year=day.year,
        time=local[11:16],
    )


def short_date(local: str) -> str:
    """For large text: the date above the time, no weekday ("5 Mar 2025" / "08:30")."""
    return f"{formats.day_month_year(_day(local))}\n{local[11:16]}"


def _scale(value: int | None) -> str:
    return BLANK if value is None else str(value)


@dataclass(frozen=True)
class Filter:
    """What the filter bar asks for; None means "any"."""

    date_from: date | None = None
    date_to: date | None = None
    routine: str | None = None
    completed: bool | None = None

    def active(self) -> bool:
        return self != Filter()

    def accepts(self, row: SessionRow) -> bool:
        if self.date_from is not None and row.local[:10] < self.date_from.isoformat():
            return False
        if self.date_to is not None and row.local[:10] > self.date_to.isoformat():
            return False
        if self.routine is not None and row.routine_name != self.routine:
            return False
        return self.completed is None or bool(row.completed) == self.completed


class SessionTableModel(QAbstractTableModel):
    """Sessions, newest first, filtered. Rows of the model are the rows shown;
    `total()` counts them all. Edits are not written here: `edit_requested` asks
    the page to save them (through the undo stack)."""

    edit_requested = Signal(int, str, object)  # session id, field, new value

    def __init__(self, weight_kg: float = 70.0, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[SessionRow] = []  # every session, in the sort order
        self._shown: list[SessionRow] = []  # the filtered ones (is _all when unfiltered)
        self._rows_by_id: dict[int, int] | None = None  # built when first asked
        self._routine_names: list[str] = []
        self._more: MoreRows | None = None  # reads older rows; None when all are here
        self._expected = 0
        self._span: tuple[date, date] | None = None
        self._filter = Filter()
        self.weight_kg = weight_kg
        self._sort: tuple[int, Qt.SortOrder] = DEFAULT_SORT

    # --- content ------------------------------------------------------------------
    def set_rows(
        self,
        rows: Iterable[SessionRow],
        *,
        summary: HistorySummary | None = None,
        more: MoreRows | None = None,
    ) -> None:
        """Show these sessions: every one (in any order), or, with `more`, the newest
        ones first and `summary` for the rest, which `more(after, limit)` reads when
        the table scrolls to them, is sorted or filtered."""
        self.beginResetModel()
        self._all = list(rows)
        self._expected = len(self._all) if summary is None else summary.count
        self._more = more if more is not None and len(self._all) < self._expected else None
        if self._more is not None and (self._sort != DEFAULT_SORT or self._filter.active()):
            self._all.extend(self._more(self._all[-1] if self._all else None, None))
            self._more = None
        if self._more is None or summary is None:
            self._summarise()
        else:
            self._routine_names = list(summary.routine_names)
            first, last = summary.first_day, summary.last_day
            self._span = None if first is None or last is None else (first, last)
        if self._more is None:
            self._sort_rows()  # (the newest-first pages are in the order shown)
        self._refilter()
        self.endResetModel()

    def _summarise(self) -> None:
        if self._all:
            local = itemgetter(LOCAL)
            self._span = (_day(min(map(local, self._all))), _day(max(map(local, self._all))))
        else:
            self._span = None
        names = set(map(itemgetter(ROUTINE_NAME), self._all))
        self._routine_names = sorted(names, key=str.casefold)

    def set_records(self, records: Iterable[SessionRecord]) -> None:
        self.set_rows(row_from_record(r) for r in records)

    def rows(self) -> list[SessionRow]:
        """Every session, shown or not, in the sort order."""
        self.load_all()
        return list(self._all)

    def load_all(self) -> None:
        """Read the rows not read yet (before sorting, filtering or changing rows)."""
        if self._more is None:
            return
        rest = self._more(self._all[-1] if self._all else None, None)
        self._more = None
        self._append(rest)
        self._summarise()

    def _append(self, rows: list[SessionRow]) -> None:
        """Older rows at the end (only while unfiltered in the newest-first order)."""
        if not rows:
            return
        first = len(self._all)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._all.extend(rows)  # _shown is _all while unfiltered
        self._rows_by_id = None
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._more is None:
            return
        rows = self._more(self._all[-1] if self._all else None, PAGE_ROWS)
        if len(rows) < PAGE_ROWS:
            self._more = None
        self._append(rows)

    def routine_names(self) -> list[str]:
        """Every routine in the history, A to Z."""
        return list(self._routine_names)

    def total(self) -> int:
        """Every session, shown, not shown or not read yet."""
        return len(self._all) if self._more is None else max(self._expected, len(self._all))

    def record(self, row: int) -> SessionRow:
        """The session shown in `row`."""
        return self._shown[row]

    def row_of(self, session_id: int) -> int | None:
        """The row showing this session (None when it is filtered out or gone)."""
        if self._rows_by_id is None:
            self._rows_by_id = {r.id: n for n, r in enumerate(self._shown)}
        return self._rows_by_id.get(session_id)

    def replace_record(self, record: SessionRecord) -> None:
        """A saved edit: the row changes in place (it keeps its place in the order)."""
        if record.id is None:
            return
        new = row_from_record(record)

        def swapped(rows: list[SessionRow]) -> list[SessionRow]:
            return [new if r.id == record.id else r for r in rows]

        row = self.row_of(record.id)
        filtered = self._shown is not self._all
        self._all = swapped(self._all)
        self._shown = swapped(self._shown) if filtered else self._all
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove_ids(self, ids: Iterable[int]) -> None:
        self.load_all()
        gone = set(ids)
        self.set_rows(r for r in self._all if r.id not in gone)

    def add_records(self, records: Sequence[SessionRecord]) -> None:
        self.load_all()
        self.set_rows([*self._all, *(row_from_record(r) for r in records)])

    def full_range(self) -> tuple[date, date] | None:
        """The first and last local dates in the history (None when empty)."""
        return self._span

    # --- filtering ----------------------------------------------------------------------
    def set_filter(self, wanted: Filter) -> None:
        if wanted == self._filter:
            return
        if wanted.active():
            self.load_all()
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._shown[i.row()].id for i in old]
        self._filter = wanted
        self._refilter()
        self._move_persistent(old, old_ids)
        self.layoutChanged.emit()

    def is_filtered(self) -> bool:
        return self._filter.active()

    def _refilter(self) -> None:
        accepts = self._filter.accepts
        self._shown = [r for r in self._all if accepts(r)] if self._filter.active() else self._all
        self._rows_by_id = None

    def _move_persistent(self, old: list[QModelIndex], old_ids: list[int]) -> None:
        new = []
        for sid, index in zip(old_ids, old, strict=True):
            row = self.row_of(sid)
            new.append(QModelIndex() if row is None else self.index(row, index.column()))
        self.changePersistentIndexList(old, new)

    # --- sorting (on the rows: fast for 20,000) --------------------------------------
    def _sort_key(self, column: int) -> Callable[[SessionRow], Any]:
        weight = self.weight_kg
        keys: dict[int, Callable[[SessionRow], Any]] = {
            DATE: itemgetter(STARTED_UTC),  # C-level keys: no Python call per row
            ROUTINE: lambda r: r.routine_name.casefold(),
            DURATION: itemgetter(ACTIVE_SECONDS),
            BACKWARD: itemgetter(BACKWARD_SECONDS),
            KCAL: lambda r: r.estimated_kcal(weight),
            RPE: lambda r: -1 if r.rpe is None else r.rpe,
            PAIN: lambda r: -1 if r.pain is None else r.pain,
            COMPLETED: lambda r: bool(r.completed),
            NOTES: lambda r: r.notes.casefold(),
        }
        return keys[column]

    def _sort_rows(self) -> None:
        column, order = self._sort
        self._all.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        if (column, order) != self._sort:
            self.load_all()
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._shown[i.row()].id for i in old]
        self._sort = (column, order)
        self._sort_rows()
        self._refilter()
        self._move_persistent(old, old_ids)
        self.layoutChanged.emit()

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    # --- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

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
        r = self._shown[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGNMENT.get(column)
        if role == Qt.ItemDataRole.EditRole:
            return {RPE: r.rpe, PAIN: r.pain, NOTES: r.notes}.get(column, self._display(r, column))
        if role == SORT_ROLE:
            return self._sort_key(column)(r)
        if role == COMPACT_ROLE and column == DATE:
            return short_date(r.local)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, column)
        return None

    def _tooltip(self, r: SessionRow, column: int) -> str | None:
        if column == NOTES and r.notes:
            # Qt renders a tooltip that looks like HTML as HTML: escape the note.
            return plain_tooltip(r.notes)
        if column == KCAL and r.is_estimated_kcal:
            return _("Estimated from the minutes walked and your weight")
        if column == ROUTINE:
            # the whole name, however narrow the column
            name = r.routine_name
            return plain_tooltip(
                f"{name}\n{_('Logged by hand')}" if r.source == "manual" else name
            )
        return None

    def _display(self, r: SessionRow, column: int) -> str:
        if column == DATE:
            return long_date(r.local)
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
        row = self._shown[index.row()]
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
        if getattr(row, field) == value:
            return False
        self.edit_requested.emit(row.id, field, value)
        return True
