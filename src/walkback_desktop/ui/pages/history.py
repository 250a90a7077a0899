"""The History page: every session in a sortable, filterable table; edit
effort, pain and notes in place; delete with undo; log a walk by hand."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.history import MAX_NOTES
from walkback_desktop.i18n import N_, _, ngettext
from walkback_desktop.ui import confirm
from walkback_desktop.ui import history_model as hm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.empty_state import EmptyState
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.history_undo import (
    AddSessionCommand,
    DeleteSessionsCommand,
    EditSessionCommand,
)
from walkback_desktop.ui.manual_entry_dialog import ManualEntryDialog, scale_spin
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.qt_dates import to_date
from walkback_desktop.ui.report_actions import report_button
from walkback_desktop.ui.scrolling import scroll_page

log = logging.getLogger(__name__)
T = TypeVar("T")

ALL_ROUTINES = N_("All routines")
SHOW_CHOICES = ((N_("All sessions"), None), (N_("Completed"), True), (N_("Not completed"), False))
# The widest value each number column shows, so large text does not elide it.
CELL_SAMPLES = {hm.DURATION: "1:88:88", hm.BACKWARD: "1:88:88", hm.KCAL: "≈ 8888"}
FILTER_ROW_WIDTH = 1000  # px the page has for one row of filters in a 1280 px window
COLUMN_WIDTHS = {
    hm.DATE: 190,
    hm.DURATION: 90,
    hm.BACKWARD: 90,
    hm.KCAL: 80,
    hm.RPE: 60,
    hm.PAIN: 60,
    hm.COMPLETED: 100,
}
# Routine and Notes share the width left: at 1280 px (100 % and 150 % text) every
# column fits without a sideways scroll bar; only at 200 % does the table scroll.
STRETCHED = (hm.ROUTINE, hm.NOTES)
STRETCHED_MIN_WIDTH = 120


class ScaleDelegate(QStyledItemDelegate):
    """Edits a 0-10 rating; the lowest step clears it."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Any) -> QWidget:
        spin = scale_spin(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)))
        spin.setParent(parent)
        return spin

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setValue(-1 if value is None else int(value))  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        value = editor.value()  # type: ignore[attr-defined]
        model.setData(index, None if value < 0 else value, Qt.ItemDataRole.EditRole)


class NotesDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Any) -> QWidget:
        edit = QLineEdit(parent)
        edit.setMaxLength(MAX_NOTES)
        edit.setAccessibleName(_("Notes"))
        return edit

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        model.setData(index, editor.text().strip(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]


def _action(parent: QWidget, text: str, tip: str, shortcut: QKeySequence | None = None) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(shortcut)
        action.setToolTip(f"{tip} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
    else:
        action.setToolTip(tip)
    return action


def _button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAccessibleName(action.text().replace("&", ""))
    button.setMinimumHeight(36)
    return button


class HistoryPage(Page):
    page_id = "history"
    title = N_("History")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName(_(self.title))
        self._loaded = False
        self._saving = False
        self._auto_span: tuple[date, date] | None = None
        self.undo_stack = QUndoStack(self)

        self.model = hm.SessionTableModel(parent=self)
        self.model.edit_requested.connect(self._on_edit_requested)
        self.proxy = hm.SessionFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView()
        self.table.setAccessibleName(_("Sessions"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(hm.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Tab and Shift+Tab leave the table (arrow keys move between cells).
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(max(30, self.fontMetrics().height() + 14))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        for column in STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self._fit_columns()
        self._scale_delegate = ScaleDelegate(self.table)
        self._notes_delegate = NotesDelegate(self.table)
        self.table.setItemDelegateForColumn(hm.RPE, self._scale_delegate)
        self.table.setItemDelegateForColumn(hm.PAIN, self._scale_delegate)
        self.table.setItemDelegateForColumn(hm.NOTES, self._notes_delegate)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)

        # actions: page-local shortcuts so other pages may have their own undo
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.log_action = _action(
            self,
            _("&Log a walk…"),
            _("Record a walk you did without the app"),
            QKeySequence("Ctrl+L"),
        )
        self.log_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.log_action.triggered.connect(self.log_walk)
        self.delete_action = _action(
            self,
            _("&Delete"),
            _("Delete the selected sessions"),
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.delete_action.setShortcutContext(local)
        self.delete_action.triggered.connect(self.delete_selected)
        self.undo_action = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setToolTip(_("Undo the last change (Ctrl+Z)"))
        self.redo_action = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setToolTip(_("Redo what was undone (Ctrl+Shift+Z)"))
        for action in (self.delete_action, self.undo_action, self.redo_action):
            action.setShortcutContext(local)
            self.addAction(action)

        heading = QLabel(_("History"))
        heading.setAccessibleName(_("History"))
        scale_font(heading, 1.8, bold=True)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Sessions shown"))
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        heading_row = QHBoxLayout()
        heading_row.addWidget(heading)
        heading_row.addSpacing(16)
        heading_row.addWidget(self.count_label, 1)
        buttons: list[QAbstractButton] = [
            _button(action) for action in (self.undo_action, self.redo_action)
        ]
        buttons.append(_button(self.delete_action))
        log_button = QPushButton(_("Log a walk…"))
        log_button.setAccessibleName(_("Log a walk…"))
        log_button.setToolTip(self.log_action.toolTip())
        log_button.setMinimumHeight(36)
        log_button.clicked.connect(self.log_walk)
        buttons.append(log_button)
        # The report for the physiotherapist, from where the sessions are.
        self.report_button = report_button(ctx)
        self.report_button.setMinimumHeight(36)
        buttons.append(self.report_button)
        # The buttons beside the heading; on a row of their own when that would not
        # fit (large text, longer languages), so none is cut off.
        longest_count = ngettext(
            "{shown} of {n} session shown", "{shown} of {n} sessions shown", 2000
        ).format(shown=1000, n=2000)
        count_width = self.count_label.fontMetrics().horizontalAdvance(longest_count)
        wanted = heading.sizeHint().width() + count_width + 16
        wanted += sum(b.sizeHint().width() + 6 for b in buttons)
        top = QVBoxLayout()
        button_row = heading_row if wanted <= FILTER_ROW_WIDTH else QHBoxLayout()
        for button in buttons:
            button_row.addWidget(button)
        top.addLayout(heading_row)
        if button_row is not heading_row:
            button_row.addStretch(1)
            top.addLayout(button_row)

        self.date_from = self._date_edit(_("From"))
        self.date_to = self._date_edit(_("To"))
        self.routine_filter = QComboBox()
        self.routine_filter.setAccessibleName(_("Routine"))
        self.routine_filter.setToolTip(_("Show only one routine"))
        self.routine_filter.setMinimumWidth(160)
        self.completed_filter = QComboBox()
        self.completed_filter.setAccessibleName(_("Show"))
        self.completed_filter.setToolTip(_("Show completed walks, unfinished ones, or all"))
        for text, value in SHOW_CHOICES:
            self.completed_filter.addItem(_(text), value)
        clear = QPushButton(_("Clear filters"))
        clear.setAccessibleName(_("Clear filters"))
        clear.setToolTip(_("Show every session again"))
        clear.clicked.connect(self.clear_filters)
        # One row of filters; two (dates, then routine and show) when one row
        # would not fit the page at 1280 px (large text, longer languages).
        dates, others = QHBoxLayout(), QHBoxLayout()
        widths = 0
        for row, label, widget in (
            (dates, _("&From"), self.date_from),
            (dates, _("&To"), self.date_to),
            (others, _("Rou&tine"), self.routine_filter),
            (others, _("&Show"), self.completed_filter),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
            row.addSpacing(8)
            widths += caption.sizeHint().width() + widget.sizeHint().width() + 20
        others.addWidget(clear)
        others.addStretch(1)
        filters = QVBoxLayout()
        if widths + clear.sizeHint().width() <= FILTER_ROW_WIDTH:
            dates.addLayout(others, 1)
            filters.addLayout(dates)
        else:
            dates.addStretch(1)
            filters.addLayout(dates)
            filters.addLayout(others)
        self.date_from.dateChanged.connect(self._apply_filter)
        self.date_to.dateChanged.connect(self._apply_filter)
        self.routine_filter.currentIndexChanged.connect(self._apply_filter)
        self.completed_filter.currentIndexChanged.connect(self._apply_filter)

        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(filters)
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
        )
        empty_log = QPushButton(_("Log a walk…"))
        empty_log.setAccessibleName(_("Log a walk…"))
        empty_log.setToolTip(self.log_action.toolTip())
        empty_log.clicked.connect(self.log_walk)
        self.empty.add_button(empty_log)

        self.stack = QStackedWidget()
        self._table_page = table_page
        self.stack.addWidget(table_page)
        self.stack.addWidget(self.empty)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        scroll_page(self, body)

        ctx.events.sessions_changed.connect(self._on_sessions_changed)
        ctx.events.settings_changed.connect(self._on_setting_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._update_actions()

    def _fit_columns(self) -> None:
        """The designed widths, widened where a header (German is longer) or the
        date (large text) would otherwise be cut off; the table scrolls sideways
        rather than clip a heading."""
        header = self.table.horizontalHeader()
        date_text = self.table.fontMetrics().horizontalAdvance("Wed 30 Sep 2026  23:59" + "MM")
        for column, width in COLUMN_WIDTHS.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            wanted = max(width, header.fontMetrics().horizontalAdvance(title) + 16)
            if column == hm.DATE:
                wanted = max(wanted, date_text)
            elif column in CELL_SAMPLES:
                sample = self.table.fontMetrics().horizontalAdvance(CELL_SAMPLES[column])
                wanted = max(wanted, sample + 16)
            header.resizeSection(column, wanted)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setToolTip(_("{which} this date (inclusive)").format(which=name))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMinimumWidth(max(120, edit.sizeHint().width()))
        return edit

    # --- Page hooks ---------------------------------------------------------------
    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"File": [self.log_action]}

    def page_shown(self) -> None:
        if not self._loaded:
            self.reload()

    # --- loading --------------------------------------------------------------------
    def reload(self) -> None:
        """Read every session (plain rows: fast) and show them."""
        self.model.weight_kg = self.ctx.store.settings.snapshot().weight_kg
        records = self.ctx.store.sessions.list()
        self.model.set_records(records)
        self._loaded = True
        self._refresh_filters()
        self._show_table_or_empty()

    def _refresh_filters(self) -> None:
        records = self.model.records()
        names = sorted({r.routine_name for r in records}, key=str.casefold)
        current = self.routine_filter.currentText()
        self.routine_filter.blockSignals(True)
        self.routine_filter.clear()
        self.routine_filter.addItem(_(ALL_ROUTINES), ALL_ROUTINES)
        self.routine_filter.addItems(names)
        index = self.routine_filter.findText(current)
        self.routine_filter.setCurrentIndex(max(index, 0))
        self.routine_filter.blockSignals(False)
        full = self._full_range()
        shown = (to_date(self.date_from.date()), to_date(self.date_to.date()))
        if full is not None and (self._auto_span is None or shown == self._auto_span):
            # the dates were not chosen by the person: follow the history's span
            for edit, day in ((self.date_from, full[0]), (self.date_to, full[1])):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
            self._auto_span = full
        self._apply_filter()

    def _show_table_or_empty(self) -> None:
        empty = self.model.rowCount() == 0
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
    def _full_range(self) -> tuple[date, date] | None:
        return self.model.full_range()

    def _apply_filter(self) -> None:
        full = self._full_range()
        shown_from, shown_to = to_date(self.date_from.date()), to_date(self.date_to.date())
        # The whole range shown means no date filter (sessions added later still show).
        date_from = None if full is not None and shown_from <= full[0] else shown_from
        date_to = None if full is not None and shown_to >= full[1] else shown_to
        routine = (
            None if self.routine_filter.currentIndex() <= 0 else self.routine_filter.currentText()
        )
        self.proxy.set_filter(
            date_from=date_from,
            date_to=date_to,
            routine=routine,
            completed=self.completed_filter.currentData(),
        )
        self._update_count()

    def clear_filters(self) -> None:
        self.routine_filter.setCurrentIndex(0)
        self.completed_filter.setCurrentIndex(0)
        full = self._full_range()
        if full is not None:
            for edit, day in ((self.date_from, full[0]), (self.date_to, full[1])):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
            self._auto_span = full
        self._apply_filter()

    def _update_count(self, *_: Any) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
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

    def _saved(self, write: Callable[[], T]) -> T | None:
        """Run a history write; on a storage error say what happened and offer
        Retry (the edit is kept until it is saved or the person cancels)."""
        while True:
            try:
                return write()
            except Exception as exc:  # a locked or full database
                log.exception("a history change could not be saved")
                if not confirm.ask(
                    self,
                    _("Not saved"),
                    _("The change could not be saved: {reason}").format(reason=exc),
                    _("Retry"),
                    _("Cancel"),
                ):
                    return None

    def _undo_failed(self, exc: Exception) -> None:
        self.ctx.events.status_message.emit(
            _("The change could not be saved: {reason}").format(reason=exc)
        )
        self.reload()

    def _on_edit_requested(self, session_id: int, field: str, value: object) -> None:
        row = self.model.row_of(session_id)
        if row is None:
            return
        old = getattr(self.model.record(row), field)
        sessions = self.ctx.store.sessions
        record = self._saved(lambda: sessions.update(session_id, **{field: value}))
        if record is None:
            return
        self.undo_stack.push(
            EditSessionCommand(
                sessions,
                self.model,
                session_id,
                field,
                old,
                value,
                self._changed,
                applied=record,
                failed=self._undo_failed,
            )
        )

    def selected_ids(self) -> list[int]:
        rows = {
            self.proxy.mapToSource(index).row()
            for index in self.table.selectionModel().selectedRows()
        }
        return [sid for row in sorted(rows) if (sid := self.model.record(row).id) is not None]

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        sessions = self.ctx.store.sessions
        deleted = self._saved(lambda: sessions.delete(ids))
        if deleted is None:
            return
        self.undo_stack.push(
            DeleteSessionsCommand(
                sessions, self.model, ids, self._changed, applied=deleted, failed=self._undo_failed
            )
        )
        n = len(ids)
        self.ctx.events.status_message.emit(
            ngettext(
                "Deleted {n} session. Press Ctrl+Z to bring it back.",
                "Deleted {n} sessions. Press Ctrl+Z to bring them back.",
                n,
            ).format(n=n)
        )

    def _update_actions(self, *_: Any) -> None:
        self.delete_action.setEnabled(self.table.selectionModel().hasSelection())

    def log_walk(self) -> None:
        now = datetime.now().astimezone()
        dialog = ManualEntryDialog(self.ctx.store.library, now, self)
        if dialog.exec() != ManualEntryDialog.DialogCode.Accepted:
            return
        self.add_manual(dialog)

    def add_manual(self, dialog: ManualEntryDialog) -> None:
        record = dialog.record()
        if not self._loaded:
            self.reload()
        sessions = self.ctx.store.sessions
        new_id = self._saved(lambda: sessions.add(record))
        if new_id is None:
            return
        self.undo_stack.push(
            AddSessionCommand(
                sessions,
                self.model,
                record.with_changes(id=new_id),
                self._changed,
                applied=True,
                failed=self._undo_failed,
            )
        )
        self._refresh_filters()
        self.ctx.events.status_message.emit(
            _("Logged a walk: {name}.").format(name=record.routine_name)
        )

    def select_session(self, session_id: int) -> QModelIndex | QPersistentModelIndex | None:
        row = self.model.row_of(session_id)
        if row is None:
            return None
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        return index
