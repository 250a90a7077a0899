"""The sessions table: in-place editors for effort, pain and notes, and columns
that fit the window at every text size without a sideways scroll bar.

The columns are measured in the table's own font. When the designed layout
does not fit (large text on a 1280 px window) the table turns compact: the
date goes above the time without the weekday (it stays in the tooltip), rows
are two lines tall so the routine and the notes wrap, and the headers of the
narrow number columns are set a little smaller. The routine gets the width of
its longest name when there is room; the notes take what is left.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from walkback_desktop.core.history import MAX_NOTES
from walkback_desktop.i18n import _
from walkback_desktop.ui import history_model as hm
from walkback_desktop.ui.manual_entry_dialog import scale_spin

Index = QModelIndex | QPersistentModelIndex

# The widest value each number column shows, so large text does not elide it.
CELL_SAMPLES = {
    hm.DURATION: "1:88:88",
    hm.BACKWARD: "1:88:88",
    hm.KCAL: "≈ 888",
    hm.RPE: "10",
    hm.PAIN: "10",
}
LONG_DATE_SAMPLE = "2026-09-30 23:59"  # a Wednesday in September: long names
ROUTINE_MIN_CHARS = 12
NOTES_MIN_CHARS = 8
HEADER_SCALES = (1.0, 0.9, 0.8)  # compact headers shrink only as far as needed


class ScaleDelegate(QStyledItemDelegate):
    """Edits a 0-10 rating; the lowest step clears it."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spin = scale_spin(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)))
        spin.setParent(parent)
        return spin

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setValue(-1 if value is None else int(value))  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        value = editor.value()  # type: ignore[attr-defined]
        model.setData(index, None if value < 0 else value, Qt.ItemDataRole.EditRole)


class NotesDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        edit = QLineEdit(parent)
        edit.setMaxLength(MAX_NOTES)
        edit.setAccessibleName(_("Notes"))
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        model.setData(index, editor.text().strip(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]


class DateDelegate(QStyledItemDelegate):
    """Paints the date compact (above the time, no weekday) when the text is large;
    the cell's text and its tooltip stay the whole date, for screen readers too."""

    compact = False

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if self.compact:
            option.text = str(index.data(hm.COMPACT_ROLE) or "")

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if self.compact and event.type() == QEvent.Type.ToolTip:
            QToolTip.showText(event.globalPos(), str(index.data() or ""), view)
            return True
        return super().helpEvent(event, view, option, index)


class SessionTable(QTableView):
    def __init__(self, model: hm.SessionTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions = model
        self._fitted: tuple[Any, ...] | None = None
        self.setAccessibleName(_("Sessions"))
        self.setModel(model)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(hm.DATE, Qt.SortOrder.DescendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Tab and Shift+Tab leave the table (arrow keys move between cells).
        self.setTabKeyNavigation(False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)  # the notes take what is left
        header.setMinimumSectionSize(24)
        header.sortIndicatorChanged.connect(lambda *_: self.fit_columns(force=True))
        self._scale_delegate = ScaleDelegate(self)
        self._notes_delegate = NotesDelegate(self)
        self._date_delegate = DateDelegate(self)
        self.setItemDelegateForColumn(hm.DATE, self._date_delegate)
        self.setItemDelegateForColumn(hm.RPE, self._scale_delegate)
        self.setItemDelegateForColumn(hm.PAIN, self._scale_delegate)
        self.setItemDelegateForColumn(hm.NOTES, self._notes_delegate)
        model.modelReset.connect(lambda: self.fit_columns(force=True))
        self.fit_columns()

    # --- fitting -------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns(force=True)

    def available_width(self) -> int:
        """The width the columns may use (leaving room for the vertical scroll bar)."""
        return self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_columns()

    def fit_columns(self, *, force: bool = False) -> None:
        """Choose the layout (normal or compact) and the column widths.

        Only while the table is on screen (then at each resize): before that its
        width means nothing, and fitting the table of a page built hidden at
        start-up cost 20-25 ms of the GUI thread."""
        if not self.isVisible():
            self._fitted = None  # fitted when shown
            return
        width = self.available_width()
        key = (width, self.font().key(), self.sessions.total())
        if self._fitted == key and not force:
            return
        self._fitted = key
        minimum = self._chars(ROUTINE_MIN_CHARS + NOTES_MIN_CHARS)
        widths = self._fixed_widths(False, 1.0)
        compact = sum(widths.values()) + minimum > width
        scale = 1.0
        if compact:
            for scale in HEADER_SCALES:
                widths = self._fixed_widths(True, scale)
                if sum(widths.values()) + minimum <= width:
                    break
        self._apply(compact, scale, widths, width)

    def _apply(self, compact: bool, scale: float, widths: dict[int, int], width: int) -> None:
        header = self.horizontalHeader()
        header_font = QFont(self.font())
        # always an explicit size: under the window's style sheet a font without one
        # is resolved from an older font (the text size before the last change)
        header_font.setPointSizeF(self.font().pointSizeF() * scale)
        if (
            header_font != header.font()
            or header_font.resolveMask() != header.font().resolveMask()
        ):
            header.setFont(header_font)
            header.style().unpolish(header)  # the style sheet's cached font, renewed
            header.style().polish(header)
        if compact != self._date_delegate.compact:
            self._date_delegate.compact = compact
            self.viewport().update()
        self.setWordWrap(compact)
        lines = 2 if compact else 1
        self.verticalHeader().setDefaultSectionSize(
            max(30, self.fontMetrics().lineSpacing() * lines + 14)
        )
        for column, size in widths.items():
            header.resizeSection(column, size)
        left = width - sum(widths.values())
        notes_min, routine_min = self._chars(NOTES_MIN_CHARS), self._chars(ROUTINE_MIN_CHARS)
        names = self.sessions.routine_names() or [""]
        longest = max(self._text_width(name) for name in names) + self._padding()
        if compact:
            longest = longest // 2 + self._padding()  # two lines
        routine = max(routine_min, min(longest, left - notes_min))
        header.resizeSection(hm.ROUTINE, routine)
        # the notes stretch over the rest; Qt keeps a stretched last section at least
        # this wide, so it must not be more than what is left
        header.setDefaultSectionSize(max(header.minimumSectionSize(), notes_min // 2))
        header.resizeSection(hm.NOTES, max(notes_min // 2, left - routine))

    def _padding(self) -> int:
        return 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 12

    def _chars(self, n: int) -> int:
        return self.fontMetrics().averageCharWidth() * n

    def _text_width(self, text: str) -> int:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(line) for line in text.split("\n"))

    def _fixed_widths(self, compact: bool, header_scale: float) -> dict[int, int]:
        """Each column but the routine and the notes: its header or its widest value."""
        header_font = QFont(self.font())
        header_font.setPointSizeF(header_font.pointSizeF() * header_scale)
        header_metrics = QFontMetrics(header_font)
        pad = self._padding()
        arrow = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize)
        sorted_column = self.horizontalHeader().sortIndicatorSection()
        widths = {}
        for column in (hm.DATE, *CELL_SAMPLES, hm.COMPLETED):
            title = str(self.sessions.headerData(column, Qt.Orientation.Horizontal) or "")
            wanted = (
                header_metrics.horizontalAdvance(title)
                + pad
                + (arrow if column == sorted_column else 0)
            )
            if column == hm.DATE:
                sample = (hm.short_date if compact else hm.long_date)(LONG_DATE_SAMPLE)
                wanted = max(wanted, self._text_width(sample) + pad)
            elif column == hm.COMPLETED:
                wanted = max(wanted, self._text_width(f"{_('Yes')}\n{_('No')}") + pad)
            else:
                wanted = max(wanted, self._text_width(CELL_SAMPLES[column]) + pad)
            widths[column] = wanted
        return widths
