"""The Routines page's table: every routine as a row, a filter, the shape column,
and the view (Enter starts, the Menu key and Shift+F10 open the menu)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from walkback_desktop.core import energy
from walkback_desktop.core.routine import Goal, Level, Routine, routine_kcal
from walkback_desktop.i18n import N_, _, formats
from walkback_desktop.ui.routine_editor.labels import literal_tooltip
from walkback_desktop.ui.routine_editor.texts import goal_title, level_title, weight_text
from walkback_desktop.ui.widgets.segment_strip import paint_segments

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    N_("Name"),
    N_("Level"),
    N_("Goal"),
    N_("Time"),
    N_("Backward"),
    N_("kcal"),
    N_("Type"),
    N_("Shape"),
)
NAME, LEVEL, GOAL, TIME, BACKWARD, KCAL, TYPE, SHAPE = range(len(COLUMNS))
ROUTINE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SHAPE_WIDTH = 150  # the Shape column's fixed width
# The roles as plain ints (data() is called thousands of times; see there).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROUTINE, _SORT = int(ROUTINE_ROLE), int(SORT_ROLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NUMBERS = (TIME, BACKWARD, KCAL)


class RoutineListModel(QAbstractTableModel):
    """Every routine, built-ins first; a row per routine."""

    def __init__(self) -> None:
        super().__init__()
        self._routines: list[Routine] = []
        self._builtin: set[str] = set()
        self._weight_kg = energy.DEFAULT_WEIGHT_KG
        self._weight_text = weight_text(self._weight_kg, "metric")

    def set_routines(
        self, routines: list[Routine], builtin: set[str], weight_kg: float, units: str = "metric"
    ) -> None:
        self.beginResetModel()
        self._weight_text = weight_text(weight_kg, units)
        self._routines = list(routines)
        self._builtin = builtin
        self._weight_kg = weight_kg
        self.endResetModel()

    def routine(self, row: int) -> Routine:
        return self._routines[row]

    def row_of(self, routine_id: str) -> int:
        for row, routine in enumerate(self._routines):
            if routine.id == routine_id:
                return row
        return -1

    def is_builtin(self, routine_id: str) -> bool:
        return routine_id in self._builtin

    def kcal(self, routine: Routine) -> float:
        return routine_kcal(routine.segments, self._weight_kg)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._routines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section == KCAL:
            return _("Estimated energy for {weight} (set your weight in Settings)").format(
                weight=self._weight_text
            )
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called for every cell and every role (the view asks for ~8 per cell when it
        # measures or paints them): plain int comparisons, the common role first.
        if role == _DISPLAY:
            return self._text(self._routines[index.row()], index.column())
        if role == _ROUTINE:
            return self._routines[index.row()]
        if role == _SORT:
            return self._sort_key(self._routines[index.row()], index.column())
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in _NUMBERS else None
        if role == _TOOLTIP and index.column() == NAME:
            return literal_tooltip(self._routines[index.row()].name)
        return None

    def _text(self, routine: Routine, column: int) -> str:
        if column == NAME:
            return routine.name
        if column == LEVEL:
            return level_title(routine.level)
        if column == GOAL:
            return goal_title(routine.goal)
        if column == TIME:
            return formats.duration(routine.total_seconds)
        if column == BACKWARD:
            return formats.minutes(routine.backward_seconds)
        if column == KCAL:
            return f"{self.kcal(routine):.0f}"
        if column == TYPE:
            return _("Built-in") if self.is_builtin(routine.id) else _("Custom")
        return ""

    def _sort_key(self, routine: Routine, column: int) -> Any:
        if column == TIME:
            return routine.total_seconds
        if column == BACKWARD:
            return routine.backward_seconds
        if column == KCAL:
            return self.kcal(routine)
        if column == LEVEL:
            return list(Level).index(routine.level)
        return self._text(routine, column).casefold()


class RoutineFilter(QSortFilterProxyModel):
    """Search text (name and description) plus level and goal filters."""

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._level: Level | None = None
        self._goal: Goal | None = None
        self.setSortRole(SORT_ROLE)

    def set_filters(self, text: str, level: Level | None, goal: Goal | None) -> None:
        self._text = text.strip().casefold()
        self._level = level
        self._goal = goal
        # Qt 6.9 replaced invalidateFilter() (now deprecated) by begin/endFilterChange().
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        routine: Routine = self.sourceModel().index(source_row, 0).data(ROUTINE_ROLE)
        if self._level is not None and routine.level is not self._level:
            return False
        if self._goal is not None and routine.goal is not self._goal:
            return False
        if self._text:
            haystack = f"{routine.name}\n{routine.description}".casefold()
            return all(word in haystack for word in self._text.split())
        return True


class ShapeDelegate(QStyledItemDelegate):
    """Draws the routine's segment strip inside the Shape cell."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        routine = index.data(ROUTINE_ROLE)
        rect = QRectF(option.rect).adjusted(6, 0, -6, 0)
        height = min(16.0, rect.height() - 8)
        rect = QRectF(rect.left(), rect.center().y() - height / 2, rect.width(), height)
        paint_segments(painter, rect, routine, option.palette)


_OPTIONAL_COLUMNS = (SHAPE, TYPE)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class RoutineTable(QTableView):
    """The list: Enter asks to start, the Menu key and Shift+F10 ask for the menu."""

    start_pressed = Signal()
    menu_requested = Signal(QPoint)  # where, in viewport coordinates

    def __init__(self) -> None:
        super().__init__()
        self.setTabKeyNavigation(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self._fit_pending = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER_KEYS and self.currentIndex().isValid():
            self.start_pressed.emit()
            return
        shift_f10 = event.key() == Qt.Key.Key_F10 and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if event.key() == Qt.Key.Key_Menu or shift_f10:
            self.menu_requested.emit(self._menu_point())
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.menu_requested.emit(self._menu_point())
        else:
            index = self.indexAt(event.pos())
            if index.isValid():
                self.selectRow(index.row())
            self.menu_requested.emit(event.pos())
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Give names room first: with large text in a narrow window the Shape and
        Type columns (both shown under the list too) step aside.

        Only while the list is on screen: before that its width means nothing, and
        measuring the columns of a page built hidden at start-up, and showing and
        hiding columns over and over (each re-measures every column), took 30-70 ms
        of the GUI thread. The list is fitted when it is first shown instead."""
        if not self.isVisible():
            self._fit_pending = True
            return
        self._fit_pending = False
        model = self.model()
        metrics = self.fontMetrics()
        names = [str(model.index(r, NAME).data()) for r in range(model.rowCount())]
        wanted = max((metrics.horizontalAdvance(n) for n in names), default=0)
        wanted = min(wanted + 2 * metrics.averageCharWidth(), 34 * metrics.averageCharWidth())
        widths = self._column_widths()
        room = self._viewport_width() - sum(widths.values())
        hide: set[int] = set()
        for column in _OPTIONAL_COLUMNS:  # decided first, then shown or hidden once each
            if room >= wanted:
                break
            hide.add(column)
            room += widths[column]
        for column in _OPTIONAL_COLUMNS:
            if self.isColumnHidden(column) != (column in hide):
                self.setColumnHidden(column, column in hide)

    def _viewport_width(self) -> int:
        """viewport().width() without calling viewport(): PySide's first call of it
        made its wrapper types for much of QtWidgets (30-170 ms, on the first visit)."""
        bar = self.verticalScrollBar()
        return self.maximumViewportSize().width() - (bar.width() if bar.isVisible() else 0)

    def _column_widths(self) -> dict[int, int]:
        """How wide each column but the name's is when shown."""
        header = self.horizontalHeader()
        low, high = header.minimumSectionSize(), header.maximumSectionSize()
        widths = {}
        for column in range(self.model().columnCount()):
            if column == NAME:
                continue
            if column == SHAPE:
                widths[column] = SHAPE_WIDTH
            else:  # what sectionSizeHint() says, but also for a hidden column
                title = min(max(low, header.sectionSizeFromContents(column).width()), high)
                widths[column] = max(title, self.sizeHintForColumn(column))
        return widths

    def select_row(self, row: int) -> None:
        """Select the row and make it current, as selectRow() does, without laying
        the columns out first: selectRow() asks the header where the first column
        is, which measures every cell (7-10 ms), wasted on a list not yet shown."""
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().setCurrentIndex(
            self.model().index(row, 0), flags.ClearAndSelect | flags.Rows
        )

    def _menu_point(self) -> QPoint:
        rect = self.visualRect(self.currentIndex())
        return rect.center() if rect.isValid() else QPoint(8, 8)
