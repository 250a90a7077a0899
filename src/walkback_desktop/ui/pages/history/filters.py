"""The History page's filter bar: from and to dates, routine, completed or not,
and Clear filters. It says what is asked for as a `Filter`; the dates count
as no filter while they span the whole history (sessions added later show)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from walkback_desktop.i18n import N_, _
from walkback_desktop.ui.history_model import Filter
from walkback_desktop.ui.pages.history.folding_row import FoldingRow
from walkback_desktop.ui.qt_dates import to_date

ALL_ROUTINES = N_("All routines")
SHOW_CHOICES = ((N_("All sessions"), None), (N_("Completed"), True), (N_("Not completed"), False))


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setAccessibleName(name)
    edit.setToolTip(_("{which} this date (inclusive)").format(which=name))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumWidth(max(120, edit.sizeHint().width()))
    return edit


class FilterBar(FoldingRow):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        self._span: tuple[date, date] | None = None
        self._auto_span: tuple[date, date] | None = None
        self.date_from = _date_edit(_("From"))
        self.date_to = _date_edit(_("To"))
        self.routine_filter = QComboBox()
        self.routine_filter.setAccessibleName(_("Routine"))
        self.routine_filter.setToolTip(_("Show only one routine"))
        self.routine_filter.setMinimumWidth(160)
        self.completed_filter = QComboBox()
        self.completed_filter.setAccessibleName(_("Show"))
        self.completed_filter.setToolTip(_("Show completed walks, unfinished ones, or all"))
        for text, value in SHOW_CHOICES:
            self.completed_filter.addItem(_(text), value)
        self.clear_button = QPushButton(_("Clear filters"))
        self.clear_button.setAccessibleName(_("Clear filters"))
        self.clear_button.setToolTip(_("Show every session again"))
        # dates in one group, routine and show in the other: one row, or two
        dates, others = QHBoxLayout(), QHBoxLayout()
        self._captions: list[QLabel] = []
        for row, label, widget in (
            (dates, _("&From"), self.date_from),
            (dates, _("&To"), self.date_to),
            (others, _("Rou&tine"), self.routine_filter),
            (others, _("&Show"), self.completed_filter),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            self._captions.append(caption)
            row.addWidget(caption)
            row.addWidget(widget)
        others.addWidget(self.clear_button)
        super().__init__([dates, others], spacing=16)
        if parent is not None:
            self.setParent(parent)
        self.clear_button.clicked.connect(self.clear)
        self.date_from.dateChanged.connect(self.changed)
        self.date_to.dateChanged.connect(self.changed)
        self.routine_filter.currentIndexChanged.connect(self.changed)
        self.completed_filter.currentIndexChanged.connect(self.changed)

    def set_history(self, routines: list[str], span: tuple[date, date] | None) -> None:
        """The routines and the first and last day of the history (None: empty). The
        dates follow the history's span until the person picks their own."""
        current = self.routine_filter.currentText()
        self.routine_filter.blockSignals(True)
        self.routine_filter.clear()
        self.routine_filter.addItem(_(ALL_ROUTINES), ALL_ROUTINES)
        self.routine_filter.addItems(routines)
        self.routine_filter.setCurrentIndex(max(self.routine_filter.findText(current), 0))
        self.routine_filter.blockSignals(False)
        self._span = span
        shown = (to_date(self.date_from.date()), to_date(self.date_to.date()))
        if span is not None and (self._auto_span is None or shown == self._auto_span):
            self._show_span(span)

    def _show_span(self, span: tuple[date, date]) -> None:
        for edit, day in ((self.date_from, span[0]), (self.date_to, span[1])):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._auto_span = span

    def clear(self) -> None:
        for combo in (self.routine_filter, self.completed_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        if self._span is not None:
            self._show_span(self._span)
        self.changed.emit()

    def wanted(self) -> Filter:
        shown_from, shown_to = to_date(self.date_from.date()), to_date(self.date_to.date())
        full = self._span
        # The whole range shown means no date filter (sessions added later still show).
        return Filter(
            date_from=None if full is not None and shown_from <= full[0] else shown_from,
            date_to=None if full is not None and shown_to >= full[1] else shown_to,
            routine=(
                None
                if self.routine_filter.currentIndex() <= 0
                else self.routine_filter.currentText()
            ),
            completed=self.completed_filter.currentData(),
        )
