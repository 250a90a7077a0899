"""The History page: every session in a sortable, filterable table; edit
effort, pain and notes in place; delete with undo; log a walk by hand.

The table reads light rows (storage/session_views.py) and formats only the
cells on screen, so 20,000 sessions are ready in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from walkback_desktop.i18n import N_, _, ngettext
from walkback_desktop.ui import history_model as hm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.empty_state import EmptyState
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.manual_entry_dialog import ManualEntryDialog
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.pages.history.actions import HistoryActions, log_walk_button
from walkback_desktop.ui.pages.history.filters import FilterBar
from walkback_desktop.ui.pages.history.folding_row import FoldingRow
from walkback_desktop.ui.pages.history.table import SessionTable
from walkback_desktop.ui.pages.history.writes import HistoryWrites
from walkback_desktop.ui.scrolling import scroll_page

if TYPE_CHECKING:
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.session_views import HistoryRows
    from walkback_desktop.storage.sessions import SessionRepository
    from walkback_desktop.storage.settings_repo import SettingsRepository
    from walkback_desktop.ui.report_actions import ReportCommands

Index = QModelIndex | QPersistentModelIndex
FIRST_ROWS = 200  # more than a screenful at any text size


class HistoryPage(Page):
    page_id = "history"
    title = N_("History")

    def __init__(
        self,
        ctx: AppContext,
        *,
        rows: HistoryRows,
        sessions: SessionRepository,
        settings: SettingsRepository,
        library: RoutineLibrary,
        suggest: Callable[[], str | None],
        report_commands: ReportCommands,
    ) -> None:
        """`rows` reads the listed columns page by page; `sessions` writes edits,
        deletions and hand-logged walks; `library` names routines for a logged walk."""
        super().__init__()
        self.ctx = ctx
        self.rows = rows
        self.settings = settings
        self.library = library
        self.setAccessibleName(_(self.title))
        self._loaded = False
        self._saving = False
        self.undo_stack = QUndoStack(self)

        self.model = hm.SessionTableModel(parent=self)
        self.model.edit_requested.connect(self._on_edit_requested)
        self.table = SessionTable(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self._notes_delegate = self.table._notes_delegate
        self.writes = HistoryWrites(
            ctx, sessions, self.model, self.undo_stack, self, self._changed, self.reload
        )

        actions = HistoryActions(self, self.undo_stack)
        self.log_action, self.delete_action = actions.log_action, actions.delete_action
        self.undo_action, self.redo_action = actions.undo_action, actions.redo_action
        self.log_action.triggered.connect(self.log_walk)
        self.delete_action.triggered.connect(self.delete_selected)

        heading = QLabel(_("History"))
        heading.setAccessibleName(_("History"))
        scale_font(heading, 1.8, bold=True)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Sessions shown"))
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        title_row = QHBoxLayout()
        title_row.addWidget(heading)
        title_row.addSpacing(16)
        title_row.addWidget(self.count_label, 1)
        edits, others, self.report_button = actions.button_groups(ctx, report_commands)
        # The buttons beside the heading; below it when that would not fit.
        self.top_row = FoldingRow([title_row, edits, others], stretch_first=True)

        self.filters = FilterBar()
        self.date_from, self.date_to = self.filters.date_from, self.filters.date_to
        self.routine_filter = self.filters.routine_filter
        self.completed_filter = self.filters.completed_filter
        self.filters.changed.connect(self._apply_filter)

        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.filters)
        table_layout.addWidget(self.table, 1)
        hint = QLabel(
            _(
                "Double-click effort, pain or notes (or press F2) to change them. "
                "Delete removes the selected sessions; Ctrl+Z brings them back."
            )
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        table_layout.addWidget(hint)

        self.empty = EmptyState(
            ctx,
            _("No walks yet"),
            _(
                "Every walk you finish is listed here, with its minutes, effort and pain, "
                "so you and your physiotherapist can see how it is going. "
                "Walked without the app? Log it by hand."
            ),
            suggest=suggest,
        )
        self.empty.add_button(log_walk_button(self.log_action))

        self.stack = QStackedWidget()
        self._table_page = table_page
        self.stack.addWidget(table_page)
        self.stack.addWidget(self.empty)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.top_row)
        layout.addWidget(self.stack, 1)
        self.scroll_area = scroll_page(self, body)

        ctx.events.sessions_changed.connect(self._on_sessions_changed)
        ctx.events.settings_changed.connect(self._on_setting_changed)
        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
            self.model.layoutChanged,
        ):
            signal.connect(self._update_count)
        self._update_actions()

    @property
    def proxy(self) -> hm.SessionTableModel:
        """What the table shows (sorted and filtered); the model does both itself."""
        return self.model

    # --- Page hooks ---------------------------------------------------------------
    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"File": [self.log_action]}

    def page_shown(self) -> None:
        if not self._loaded:
            self.reload()

    # --- loading --------------------------------------------------------------------
    def reload(self) -> None:
        """Show the newest sessions (light rows of the listed columns) and how many
        there are; the model reads the older ones when it needs them."""
        self.model.weight_kg = self.settings.snapshot().weight_kg
        rows = self.rows
        self.model.set_rows(
            rows.newest(FIRST_ROWS),
            summary=rows.summary(),
            more=lambda after, limit: rows.newest(limit, after),
        )
        self._loaded = True
        self._refresh_filters()
        self._show_table_or_empty()

    def _refresh_filters(self) -> None:
        self.filters.set_history(self.model.routine_names(), self.model.full_range())
        self._apply_filter()

    def _show_table_or_empty(self) -> None:
        empty = self.model.total() == 0
        self.stack.setCurrentWidget(self.empty if empty else self._table_page)
        self._update_count()

    def _on_sessions_changed(self) -> None:
        if self._saving:
            return
        if self.isVisible():
            self.reload()
        else:
            self._loaded = False

    def _on_setting_changed(self, key: str) -> None:
        if key == "weight_kg":
            self._loaded = False
            if self.isVisible():
                self.reload()

    # --- filters --------------------------------------------------------------------
    def _apply_filter(self) -> None:
        self.model.set_filter(self.filters.wanted())
        self._update_count()

    def clear_filters(self) -> None:
        self.filters.clear()

    def _update_count(self, *_: Any) -> None:
        total = self.model.total()
        # rows not read yet are not filtered out: only a filter hides sessions
        shown = self.model.rowCount() if self.model.is_filtered() else total
        self.count_label.setText(
            ngettext("{n} session", "{n} sessions", total).format(n=total)
            if shown == total
            else ngettext(
                "{shown} of {n} session shown", "{shown} of {n} sessions shown", total
            ).format(shown=shown, n=total)
        )

    # --- editing ------------------------------------------------------------------------
    def _changed(self) -> None:
        """Tell the other pages; this page already shows the change."""
        self._saving = True
        try:
            self.ctx.events.sessions_changed.emit()
        finally:
            self._saving = False
        self._show_table_or_empty()

    def _on_edit_requested(self, session_id: int, field: str, value: object) -> None:
        self.writes.edit(session_id, field, value)

    def selected_ids(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.record(row).id for row in sorted(rows)]

    def delete_selected(self) -> None:
        self.writes.delete(self.selected_ids())

    def _update_actions(self, *_: Any) -> None:
        self.delete_action.setEnabled(self.table.selectionModel().hasSelection())

    def log_walk(self) -> None:
        now = datetime.now().astimezone()
        dialog = ManualEntryDialog(self.library, now, self)
        if dialog.exec() != ManualEntryDialog.DialogCode.Accepted:
            return
        self.add_manual(dialog)

    def add_manual(self, dialog: ManualEntryDialog) -> None:
        if not self._loaded:
            self.reload()
        if self.writes.add(dialog.record()):
            self._refresh_filters()
