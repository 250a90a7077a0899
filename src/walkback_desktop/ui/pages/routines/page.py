"""The Routines page: the list with its filters, the selected routine, and the actions.

Keyboard: Tab and Shift+Tab leave the list (no tabbing between cells), Enter
starts the selected routine, and Start, Edit, Duplicate, Delete and Export
are buttons in the tab order and a context menu (Menu key or Shift+F10).

(Over 400 lines: the model, the detail pane and the files are already apart,
in model.py, detail.py and sharing.py; what is left is the page's actions.)
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.routine import (
    FILE_SUFFIX,
    Goal,
    Level,
    Routine,
    RoutineError,
    copy_name,
    slugify,
)
from walkback_desktop.i18n import N_, _
from walkback_desktop.i18n.errors import routine_problem
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.pages.routines import sharing
from walkback_desktop.ui.pages.routines.detail import RoutineDetail, _plain_label
from walkback_desktop.ui.pages.routines.model import (
    NAME,
    ROUTINE_ROLE,
    SHAPE,
    SHAPE_WIDTH,
    RoutineFilter,
    RoutineListModel,
    RoutineTable,
    ShapeDelegate,
)
from walkback_desktop.ui.routine_editor import dialogs
from walkback_desktop.ui.routine_editor.dialog import RoutineEditor
from walkback_desktop.ui.routine_editor.labels import ScaledLabel
from walkback_desktop.ui.routine_editor.texts import goal_title, level_title, weight_text

if TYPE_CHECKING:
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.settings_repo import SettingsRepository

log = logging.getLogger(__name__)


class RoutinesPage(Page):
    page_id = "routines"
    title = N_("Routines")

    def __init__(
        self, ctx: AppContext, *, library: RoutineLibrary, settings: SettingsRepository
    ) -> None:
        """`library` lists, saves, imports and deletes routines; `settings` gives
        the weight and units for the totals (and the editor gets both)."""
        super().__init__()
        self.ctx = ctx
        self.library = library
        self.settings = settings
        self.setAccessibleName(_(self.title))
        self.editor: RoutineEditor | None = None
        self.context_menu: QMenu | None = None
        self._build()
        self._build_actions()
        ctx.events.routines_changed.connect(self.refresh)
        ctx.events.settings_changed.connect(self._setting_changed)
        ctx.events.files_dropped.connect(self._files_dropped)
        self.later_at_start_up(self.refresh)

    # --- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(ScaledLabel(_("Routines"), scale=1.8))
        layout.addLayout(self._filters())

        self.model = RoutineListModel()
        self.proxy = RoutineFilter()
        self.proxy.setSourceModel(self.model)
        self.table = RoutineTable()
        self.table.setAccessibleName(_("Routine list"))
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
        self.table.setItemDelegateForColumn(SHAPE, ShapeDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SHAPE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(SHAPE, SHAPE_WIDTH)
        self._size_to_font()
        self.table.doubleClicked.connect(lambda _i: self.start_selected())
        self.table.start_pressed.connect(self.start_selected)
        self.table.menu_requested.connect(self.show_context_menu)

        self.detail = RoutineDetail()
        self.empty_label = _plain_label(_("No routine matches the search and filters."))
        self.empty_label.setAccessibleName(_("No matches"))
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
        # Tab order: filters, the list, then the selected routine's buttons.
        chain = [self.search, self.level_filter, self.goal_filter, self.new_button]
        chain += [self.import_button, self.table, *self.detail.buttons]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _filters(self) -> QHBoxLayout:
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search names and descriptions"))
        self.search.setToolTip(self.search.placeholderText())
        self.search.setAccessibleName(_("Search"))
        self.search.setClearButtonEnabled(True)
        self.level_filter = QComboBox()
        self.level_filter.setAccessibleName(_("Level"))
        self.level_filter.addItem(_("All levels"), None)
        for level in Level:
            self.level_filter.addItem(level_title(level), level)
        self.goal_filter = QComboBox()
        self.goal_filter.setAccessibleName(_("Goal"))
        self.goal_filter.addItem(_("All goals"), None)
        for goal in Goal:
            self.goal_filter.addItem(goal_title(goal), goal)
        self.new_button = QPushButton(_("New routine…"))
        self.new_button.setAccessibleName(self.new_button.text())
        self.new_button.setToolTip(_("Make a new routine (Ctrl+N)"))
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setAccessibleName(self.import_button.text())
        self.import_button.setToolTip(_("Add a routine from a .walkback.json file (Ctrl+I)"))
        # Longer languages and large text: the filters may shrink (their lists show
        # every name in full) so the row never forces the window wider than 1280 px.
        for combo in (self.level_filter, self.goal_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.level_filter, 1)
        filters.addWidget(self.goal_filter, 1)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        filters.addWidget(self.import_button)
        return filters

    def _build_actions(self) -> None:
        self.new_action = QAction(_("&New routine…"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setToolTip(_("Make a new routine (Ctrl+N)"))
        self.new_action.triggered.connect(self.new_routine)
        self.import_action = QAction(_("&Import routine…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setToolTip(_("Add a routine from a .walkback.json file (Ctrl+I)"))
        self.import_action.triggered.connect(self.import_from_dialog)
        self.export_action = QAction(_("&Export routine…"), self)
        self.export_action.setToolTip(_("Save the selected routine to a file to share it"))
        self.export_action.triggered.connect(self.export_selected)

    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"File": [self.new_action, self.import_action, self.export_action]}

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_to_font()

    def _size_to_font(self) -> None:
        """Rows as tall as the text needs at the current text size."""
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 18)
        # Narrow enough that the filter row fits 1280 px at 200 % text in German; the
        # tooltip says in full what an elided placeholder cuts off.
        self.search.setMinimumWidth(14 * self.search.fontMetrics().averageCharWidth())
        self.table.fit_columns()

    # --- the context menu --------------------------------------------------------------
    def show_context_menu(self, where: QPoint) -> QMenu | None:
        """Start, Edit, Duplicate, Delete and Export for the selected routine."""
        if self.selected_routine() is None:
            return None
        if self.context_menu is not None and self.context_menu.isVisible():
            return self.context_menu
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button in self.detail.buttons:
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        self.context_menu = menu
        menu.destroyed.connect(lambda _o=None: setattr(self, "context_menu", None))
        menu.popup(self.table.viewport().mapToGlobal(where))
        return menu

    # --- data -----------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_routine()
        library = self.library
        routines = library.all()
        builtin = {r.id for r in routines if library.is_builtin(r.id)}
        settings = self.settings.snapshot()
        self.model.set_routines(routines, builtin, settings.weight_kg, settings.units)
        self.table.fit_columns()
        if selected is not None:
            self.select_routine(selected.id)
        elif self.proxy.rowCount():
            self.table.select_row(0)
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
            self.table.select_row(0)
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
        self.table.select_row(index.row())
        self.table.scrollTo(index)
        return True

    def _show_selected(self) -> None:
        routine = self.selected_routine()
        builtin = routine is not None and self.model.is_builtin(routine.id)
        self.export_action.setEnabled(routine is not None)
        settings = self.settings.snapshot()
        self.detail.show_routine(
            routine,
            builtin=builtin,
            kcal=self.model.kcal(routine) if routine else 0.0,
            weight=weight_text(settings.weight_kg, settings.units),
        )

    # --- actions --------------------------------------------------------------------
    def start_selected(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self.ctx.events.request_start(routine.id)

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
        name = copy_name(routine.name, _(" (copy)"))
        copy = routine.with_changes(
            id=self.library.free_id(slugify(name)), name=name, builtin=False
        )
        return self.open_editor(copy, is_new=True)

    def open_editor(self, routine: Routine | None, *, is_new: bool) -> RoutineEditor | None:
        if self.editor is not None and self.editor.isVisible() and not self.editor.close():
            self.editor.raise_()
            return None
        editor = RoutineEditor(
            self.ctx,
            routine,
            library=self.library,
            settings=self.settings,
            is_new=is_new,
            parent=self,
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._editor_saved)
        editor.destroyed.connect(lambda _o=None: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def _editor_saved(self, routine_id: str) -> None:
        self.refresh()
        self._clear_filters()
        self.select_routine(routine_id)

    def _clear_filters(self) -> None:
        self.search.clear()
        self.level_filter.setCurrentIndex(0)
        self.goal_filter.setCurrentIndex(0)

    def delete_selected(self) -> bool:
        routine = self.selected_routine()
        if routine is None or self.model.is_builtin(routine.id):
            return False
        if not dialogs.confirm_delete(self, routine.name):
            return False
        while True:
            try:
                self.library.delete(routine.id)
                break
            except RoutineError as exc:
                dialogs.show_problem(self, _("Delete routine"), routine_problem(exc))
                return False
            except Exception:
                log.exception("deleting routine %s failed", routine.id)
                text = _("“{name}” could not be deleted: the database could not be written.")
                if not dialogs.ask_retry(
                    self,
                    _("Delete routine"),
                    text.format(name=routine.name) + " " + _("Try again?"),
                ):
                    return False
        self.ctx.events.routines_changed.emit()
        self.ctx.events.status_message.emit(_("Deleted “{name}”").format(name=routine.name))
        return True

    # --- sharing --------------------------------------------------------------------
    def export_selected(self) -> Path | None:
        routine = self.selected_routine()
        if routine is None:
            return None
        path = sharing.export_routine(self, routine)
        if path is not None:
            self.ctx.events.status_message.emit(
                _("Exported “{name}” to {path}").format(name=routine.name, path=path)
            )
        return path

    def import_from_dialog(self) -> list[Routine]:
        chosen, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import routine"),
            str(Path.home()),
            _("WalkBack routines (*{suffix});;All files (*)").format(suffix=FILE_SUFFIX),
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
            self._clear_filters()
            self.select_routine(imported[-1].id)
            names = ", ".join(f"“{r.name}”" for r in imported)
            self.ctx.events.status_message.emit(_("Imported {names}").format(names=names))
        return imported

    def import_file(self, path: Path) -> Routine | None:
        """Import one file, asking what to do on an id clash; None if nothing was added."""
        return sharing.import_file(self, self.library, path)

    # --- page hooks -----------------------------------------------------------------
    def page_shown(self) -> None:
        self._show_selected()

    def can_leave(self) -> bool:
        if self.editor is not None and self.editor.isVisible():
            return self.editor.close()
        return True
