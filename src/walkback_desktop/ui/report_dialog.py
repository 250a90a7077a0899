"""Choose what the progress report covers: a period and the name printed on it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core import stats
from walkback_desktop.i18n import N_, _
from walkback_desktop.report.data import ReportRequest
from walkback_desktop.ui.qt_dates import to_date

# The same periods as the Progress page's range buttons (core.stats.PERIODS).
PERIODS = (
    N_("Last 4 weeks"),
    N_("Last 3 months"),
    N_("Last 12 months"),
    N_("All sessions"),
    N_("Custom dates"),
)
PERIOD_IDS = stats.PERIODS
CUSTOM = len(PERIODS) - 1
NAME_MAX = 80


def period_range(index: int, today: date) -> tuple[date | None, date]:
    """(first, last) for one of PERIODS; first None means from the first session."""
    return stats.period_first(PERIOD_IDS[index], today), today


class ReportDialog(QDialog):
    """Asks for the period and the name; `request()` is the answer."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        accept_label: str,
        person_name: str,
        today: date | None = None,
        first_session: date | None = None,
        full_log: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._today = today or date.today()
        self._first_session = first_session

        intro = QLabel(
            _(
                "A summary page with charts, then the sessions of the last 12 weeks of the "
                "period (long periods are summarised by month), for you or your "
                "physiotherapist."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.period = QComboBox()
        self.period.addItems([_(p) for p in PERIODS])
        self.period.setAccessibleName(_("Period"))
        self.period.setToolTip(_("Which sessions the report covers"))
        self.period.setCurrentIndex(1)

        self.first = self._date_edit("From", "First day included")
        self.last = self._date_edit("To", "Last day included")
        dates = QHBoxLayout()
        from_label = QLabel("From")
        from_label.setBuddy(self.first)
        to_label = QLabel("To")
        to_label.setBuddy(self.last)
        dates.addWidget(from_label)
        dates.addWidget(self.first, 1)
        dates.addSpacing(12)
        dates.addWidget(to_label)
        dates.addWidget(self.last, 1)

        self.name = QLineEdit(person_name)
        self.name.setMaxLength(NAME_MAX)
        self.name.setAccessibleName("Name on the report")
        self.name.setPlaceholderText("optional")
        self.name.setToolTip("Printed under the title; leave empty for no name")

        self.full_log = QCheckBox(_("List &every session in the log"))
        self.full_log.setChecked(full_log)
        self.full_log.setAccessibleName(_("List every session in the log"))
        self.full_log.setToolTip(
            _("Without this, the session log lists the last 12 weeks of the period")
        )

        form = QFormLayout()
        period_label = QLabel("&Period")
        period_label.setBuddy(self.period)
        form.addRow(period_label, self.period)
        form.addRow("", dates)
        name_label = QLabel("&Name on the report")
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        form.addRow("", self.full_log)

        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName("Problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(accept_label)
        self.ok_button.setAccessibleName(accept_label.replace("&", ""))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(cancel.text().replace("&", ""))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.first.dateChanged.connect(self._check)
        self.last.dateChanged.connect(self._check)
        self._period_changed(self.period.currentIndex())

    def _date_edit(self, name: str, tip: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMaximumDate(QDate(2200, 12, 31))
        edit.setMinimumDate(QDate(1970, 1, 1))
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        return edit

    def _period_changed(self, index: int) -> None:
        custom = index == CUSTOM
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)
        if not custom:
            first, last = period_range(index, self._today)
            # "All sessions": the real first session (and today), not today twice
            shown_first = first or min(self._first_session or last, last)
            self.first.setDate(QDate(shown_first.year, shown_first.month, shown_first.day))
            self.last.setDate(QDate(last.year, last.month, last.day))
        self._check()

    def _check(self) -> None:
        bad = self.period.currentIndex() == CUSTOM and self.first.date() > self.last.date()
        self.problem.setText(_("The “From” date is after the “To” date.") if bad else "")
        self.problem.setVisible(bad)
        self.ok_button.setEnabled(not bad)

    def request(self) -> ReportRequest:
        index = self.period.currentIndex()
        if index == CUSTOM:
            first: date | None = to_date(self.first.date())
            last: date | None = to_date(self.last.date())
        else:
            first, last = period_range(index, self._today)
        return ReportRequest(
            first=first,
            last=last,
            person_name=self.person_name(),
            full_log=self.full_log.isChecked(),
        )

    def person_name(self) -> str:
        return " ".join(self.name.text().split())
