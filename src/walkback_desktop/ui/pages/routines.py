"""The Routines page: browse, filter, start, edit, duplicate, delete, import and export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core import energy
from walkback_desktop.core.routine import (
    FILE_SUFFIX,
    MAX_NAME,
    Goal,
    Level,
    Routine,
    RoutineError,
    format_duration,
)
from walkback_desktop.storage.library import Clash, RoutineClashError
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.routine_editor import dialogs
from walkback_desktop.ui.routine_editor.editor import (
    LEVEL_TITLES,
    RoutineEditor,
    routine_kcal,
    slugify,
    weight_text,
)
from walkback_desktop.ui.routine_editor.labels import ScaledLabel, literal_tooltip
from walkback_desktop.ui.widgets.segment_strip import SegmentStrip, paint_segments

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Level", "Goal", "Time", "Backward", "kcal", "Type", "Shape")
NAME, LEVEL, GOAL, TIME, BACKWARD, KCAL, TYPE, SHAPE = range(len(COLUMNS))
ROUTINE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


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
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == KCAL:
            return f"Estimated energy for {self._weight_text} (set your weight in Settings)"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        routine = self._routines[index.row()]
        column = index.column()
        if role == ROUTINE_ROLE:
            return routine
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(routine, column)
        if role == SORT_ROLE:
            return self._sort_key(routine, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return literal_tooltip(routine.name)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TIME, BACKWARD, KCAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, routine: Routine, column: int) -> str:
        if column == NAME:
            return routine.name
        if column == LEVEL:
            return LEVEL_TITLES[routine.level]
        if column == GOAL:
            return routine.goal.title
        if column == TIME:
            return format_duration(routine.total_seconds)
        if column == BACKWARD:
            return f"{routine.backward_seconds / 60:.0f} min"
        if column == KCAL:
            return f"{self.kcal(routine):.0f}"
        if column == TYPE:
            return "Built-in" if self.is_builtin(routine.id) else "Custom"
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


def _plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RoutineDetail(QWidget):
    """The selected routine: name, badge, numbers, shape, description, safety, buttons."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        self.name_label = ScaledLabel(scale=1.6)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setAccessibleName("Routine name")
        self.badge = QLabel()
        self.badge.setAccessibleName("Routine type")
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.badge.setStyleSheet(
            "QLabel { border: 1px solid palette(mid); border-radius: 9px; padding: 2px 10px; }"
        )
        self.facts = _plain_label()
        self.facts.setAccessibleName("Routine facts")
        self.strip = SegmentStrip()
        self.strip.setFixedHeight(22)
        self.description = _plain_label()
        self.description.setAccessibleName("Description")
        self.safety_heading = QLabel("Safety")
        self.safety_heading.setStyleSheet("font-weight: bold;")
        self.safety = _plain_label()
        self.safety.setAccessibleName("Safety note")

        buttons = QHBoxLayout()
        self.start_button = QPushButton("Start")
        self.edit_button = QPushButton("Edit")
        self.duplicate_button = QPushButton("Duplicate")
        self.delete_button = QPushButton("Delete")
        self.export_button = QPushButton("Export…")
        for button, tip in (
            (self.start_button, "Start this routine now"),
            (self.edit_button, "Change this routine (your own routines only)"),
            (self.duplicate_button, "Make your own copy to change"),
            (self.delete_button, "Delete this routine from your library"),
            (self.export_button, "Save this routine to a file to share it"),
        ):
            button.setAccessibleName(button.text())
            button.setToolTip(tip)
            button.setMinimumHeight(36)
            buttons.addWidget(button)
        buttons.addStretch(1)
        start_font = self.start_button.font()
        start_font.setBold(True)
        self.start_button.setFont(start_font)

        heading = QHBoxLayout()
        heading.addWidget(self.name_label, 1)
        heading.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.strip)
        layout.addLayout(buttons)
        text = QWidget()
        text_layout = QVBoxLayout(text)
        text_layout.setContentsMargins(0, 0, 8, 0)
        text_layout.addWidget(self.description)
        text_layout.addSpacing(6)
        text_layout.addWidget(self.safety_heading)
        text_layout.addWidget(self.safety)
        text_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(scroll, 1)
        self.show_routine(None, builtin=True, kcal=0.0, weight="")

    def show_routine(
        self, routine: Routine | None, *, builtin: bool, kcal: float, weight: str
    ) -> None:
        has = routine is not None
        for button in (self.start_button, self.duplicate_button, self.export_button):
            button.setEnabled(has)
        self.edit_button.setEnabled(has and not builtin)
        self.delete_button.setEnabled(has and not builtin)
        self.strip.set_routine(routine)
        self.badge.setVisible(has)
        self.safety_heading.setVisible(bool(routine and routine.safety))
        if routine is None:
            self.name_label.setText("No routine selected")
            self.facts.setText("Pick a routine on the left, or make a new one (Ctrl+N).")
            self.description.setText("")
            self.safety.setText("")
            return
        self.name_label.setText(routine.name)
        self.badge.setText("Built-in" if builtin else "Custom")
        self.facts.setText(
            f"{LEVEL_TITLES[routine.level]} · {routine.goal.title} · "
            f"{format_duration(routine.total_seconds)} in all · "
            f"{routine.backward_seconds / 60:.0f} min backward · "
            f"about {kcal:.0f} kcal at {weight} · {len(routine.segments)} segments"
        )
        self.description.setText(routine.description or "No description.")
        self.safety.setText(routine.safety)


class RoutinesPage(Page):
    page_id = "routines"
    title = "Routines"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName(self.title)
        self.editor: RoutineEditor | None = None
        self._build()
        self._build_actions()
        ctx.events.routines_changed.connect(self.refresh)
        ctx.events.settings_changed.connect(self._setting_changed)
        ctx.events.files_dropped.connect(self._files_dropped)
        self.refresh()

    # --- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        heading = ScaledLabel("Routines", scale=1.8)
        layout.addWidget(heading)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names and descriptions")
        self.search.setAccessibleName("Search")
        self.search.setClearButtonEnabled(True)
        self.level_filter = QComboBox()
        self.level_filter.setAccessibleName("Level")
        self.level_filter.addItem("All levels", None)
        for level in Level:
            self.level_filter.addItem(LEVEL_TITLES[level], level)
        self.goal_filter = QComboBox()
        self.goal_filter.setAccessibleName("Goal")
        self.goal_filter.addItem("All goals", None)
        for goal in Goal:
            self.goal_filter.addItem(goal.title, goal)
        self.new_button = QPushButton("New routine…")
        self.new_button.setAccessibleName("New routine…")
        self.new_button.setToolTip("Make a new routine (Ctrl+N)")
        self.import_button = QPushButton("Import…")
        self.import_button.setAccessibleName("Import…")
        self.import_button.setToolTip("Add a routine from a .walkback.json file (Ctrl+I)")
        filters.addWidget(self.search, 2)
        filters.addWidget(self.level_filter)
        filters.addWidget(self.goal_filter)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        filters.addWidget(self.import_button)
        layout.addLayout(filters)

        self.model = RoutineListModel()
        self.proxy = RoutineFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Routine list")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 18)
        self.table.setItemDelegateForColumn(SHAPE, ShapeDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SHAPE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(SHAPE, 150)
        self.table.doubleClicked.connect(lambda _i: self.start_selected())

        self.detail = RoutineDetail()
        self.empty_label = _plain_label("No routine matches the search and filters.")
        self.empty_label.setAccessibleName("No matches")
        self.empty_label.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self._filters_changed)
        self.level_filter.currentIndexChanged.connect(self._filters_changed)
        self.goal_filter.currentIndexChanged.connect(self._filters_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.detail.start_button.clicked.connect(self.start_selected)
        self.detail.edit_button.clicked.connect(self.edit_selected)
        self.detail.duplicate_button.clicked.connect(self.duplicate_selected)
        self.detail.delete_button.clicked.connect(self.delete_selected)
        self.detail.export_button.clicked.connect(self.export_selected)
        self.new_button.clicked.connect(self.new_routine)
        self.import_button.clicked.connect(self.import_from_dialog)

    def _build_actions(self) -> None:
        self.new_action = QAction("&New routine…", self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setToolTip("Make a new routine (Ctrl+N)")
        self.new_action.triggered.connect(self.new_routine)
        self.import_action = QAction("&Import routine…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setToolTip("Add a routine from a .walkback.json file (Ctrl+I)")
        self.import_action.triggered.connect(self.import_from_dialog)
        self.export_action = QAction("&Export routine…", self)
        self.export_action.setToolTip("Save the selected routine to a file to share it")
        self.export_action.triggered.connect(self.export_selected)

    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"File": [self.new_action, self.import_action, self.export_action]}

    # --- data -----------------------------------------------------------------------
    def weight_kg(self) -> float:
        return float(self.ctx.store.settings.get("weight_kg"))

    def refresh(self) -> None:
        selected = self.selected_routine()
        library = self.ctx.store.library
        routines = library.all()
        builtin = {r.id for r in routines if library.is_builtin(r.id)}
        self.model.set_routines(
            routines, builtin, self.weight_kg(), self.ctx.store.settings.get("units")
        )
        if selected is not None:
            self.select_routine(selected.id)
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        self._show_selected()

    def _setting_changed(self, key: str) -> None:
        if key in ("weight_kg", "units"):
            self.refresh()

    def _filters_changed(self) -> None:
        level = self.level_filter.currentData()
        goal = self.goal_filter.currentData()
        self.proxy.set_filters(
            self.search.text(),
            None if level is None else Level(level),
            None if goal is None else Goal(goal),
        )
        empty = self.proxy.rowCount() == 0
        self.empty_label.setVisible(empty)
        if not empty and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._show_selected()

    def visible_routines(self) -> list[Routine]:
        return [
            self.proxy.index(row, 0).data(ROUTINE_ROLE) for row in range(self.proxy.rowCount())
        ]

    def selected_routine(self) -> Routine | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ROUTINE_ROLE)

    def select_routine(self, routine_id: str) -> bool:
        source_row = self.model.row_of(routine_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _show_selected(self) -> None:
        routine = self.selected_routine()
        builtin = routine is not None and self.model.is_builtin(routine.id)
        self.export_action.setEnabled(routine is not None)
        self.detail.show_routine(
            routine,
            builtin=builtin,
            kcal=self.model.kcal(routine) if routine else 0.0,
            weight=weight_text(self.weight_kg(), self.ctx.store.settings.get("units")),
        )

    # --- actions --------------------------------------------------------------------
    def start_selected(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self.ctx.events.start_requested.emit(routine.id)

    def new_routine(self) -> RoutineEditor | None:
        self.ctx.events.page_requested.emit(self.page_id)
        return self.open_editor(None, is_new=True)

    def edit_selected(self) -> RoutineEditor | None:
        routine = self.selected_routine()
        if routine is None or self.model.is_builtin(routine.id):
            return None
        return self.open_editor(routine, is_new=False)

    def duplicate_selected(self) -> RoutineEditor | None:
        routine = self.selected_routine()
        if routine is None:
            return None
        name = routine.name[: MAX_NAME - len(" (copy)")].rstrip() + " (copy)"
        copy = routine.with_changes(
            id=self.ctx.store.library.free_id(slugify(name)), name=name, builtin=False
        )
        return self.open_editor(copy, is_new=True)

    def open_editor(self, routine: Routine | None, *, is_new: bool) -> RoutineEditor | None:
        if self.editor is not None and self.editor.isVisible() and not self.editor.close():
            self.editor.raise_()
            return None
        editor = RoutineEditor(self.ctx, routine, is_new=is_new, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._editor_saved)
        editor.destroyed.connect(lambda _o=None: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def _editor_saved(self, routine_id: str) -> None:
        self.refresh()
        self.search.clear()
        self.level_filter.setCurrentIndex(0)
        self.goal_filter.setCurrentIndex(0)
        self.select_routine(routine_id)

    def delete_selected(self) -> bool:
        routine = self.selected_routine()
        if routine is None or self.model.is_builtin(routine.id):
            return False
        if not dialogs.confirm_delete(self, routine.name):
            return False
        try:
            self.ctx.store.library.delete(routine.id)
        except RoutineError as exc:
            dialogs.show_problem(self, "Delete routine", str(exc))
            return False
        self.ctx.events.routines_changed.emit()
        self.ctx.events.status_message.emit(f"Deleted “{routine.name}”")
        return True

    # --- sharing --------------------------------------------------------------------
    def export_selected(self) -> Path | None:
        routine = self.selected_routine()
        if routine is None:
            return None
        suggested = str(Path.home() / f"{routine.id}{FILE_SUFFIX}")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export routine", suggested, f"WalkBack routines (*{FILE_SUFFIX})"
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not path.name.endswith(FILE_SUFFIX):
            path = path.with_name(path.name.removesuffix(".json") + FILE_SUFFIX)
        try:
            path.write_text(routine.to_json(), encoding="utf-8")
        except OSError as exc:
            dialogs.show_problem(
                self, "Export routine", f"{path.name} could not be written: {exc.strerror or exc}"
            )
            return None
        self.ctx.events.status_message.emit(f"Exported “{routine.name}” to {path}")
        return path

    def import_from_dialog(self) -> list[Routine]:
        chosen, _filter = QFileDialog.getOpenFileNames(
            self,
            "Import routine",
            str(Path.home()),
            f"WalkBack routines (*{FILE_SUFFIX});;All files (*)",
        )
        return self.import_files([Path(p) for p in chosen])

    def _files_dropped(self, paths: list[Path]) -> None:
        routines = [Path(p) for p in paths if Path(p).name.lower().endswith(FILE_SUFFIX)]
        if routines:
            self.ctx.events.page_requested.emit(self.page_id)
            self.import_files(routines)

    def import_files(self, paths: list[Path]) -> list[Routine]:
        imported = [r for path in paths if (r := self.import_file(path)) is not None]
        if imported:
            self.ctx.events.routines_changed.emit()
            self.search.clear()
            self.level_filter.setCurrentIndex(0)
            self.goal_filter.setCurrentIndex(0)
            self.select_routine(imported[-1].id)
            names = ", ".join(f"“{r.name}”" for r in imported)
            self.ctx.events.status_message.emit(f"Imported {names}")
        return imported

    def import_file(self, path: Path) -> Routine | None:
        """Import one file, asking what to do on an id clash; None if nothing was added."""
        library = self.ctx.store.library
        try:
            data = path.read_bytes()
        except OSError as exc:
            dialogs.show_problem(
                self, "Import routine", f"{path.name} could not be read: {exc.strerror or exc}"
            )
            return None
        try:
            return library.import_routine(data, Clash.REFUSE)
        except RoutineClashError as clash:
            choice = dialogs.ask_clash(
                self, f"{path.name}: {clash}", allow_replace=not clash.builtin
            )
            if choice is None:
                return None
            try:
                return library.import_routine(data, choice)
            except RoutineError as exc:
                dialogs.show_problem(
                    self, "Import routine", f"{path.name} was not imported: {exc}"
                )
                return None
        except RoutineError as exc:
            dialogs.show_problem(self, "Import routine", f"{path.name} was not imported: {exc}")
            return None

    # --- page hooks -----------------------------------------------------------------
    def page_shown(self) -> None:
        self._show_selected()

    def can_leave(self) -> bool:
        if self.editor is not None and self.editor.isVisible():
            return self.editor.close()
        return True
