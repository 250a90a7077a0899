"""Choose what the progress report covers: a period and the name printed on it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
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

from walkback_desktop.report.data import ReportRequest

PERIODS = ("Last 4 weeks", "Last 3 months", "Last 12 months", "All sessions", "Custom dates")
CUSTOM = len(PERIODS) - 1
NAME_MAX = 80


def period_range(index: int, today: date) -> tuple[date | None, date]:
    """(first, last) for one of PERIODS; first None means from the first session."""
    day = QDate(today.year, today.month, today.day)
    if index == 0:
        first = day.addDays(-27)
    elif index == 1:
        first = day.addMonths(-3).addDays(1)
    elif index == 2:
        first = day.addYears(-1).addDays(1)
    else:
        return None, today
    return first.toPython(), today


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
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._today = today or date.today()

        intro = QLabel(
            "A summary page with charts, then every session in the period, for you or "
            "your physiotherapist."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.period = QComboBox()
        self.period.addItems(PERIODS)
        self.period.setAccessibleName("Period")
        self.period.setToolTip("Which sessions the report covers")
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

        form = QFormLayout()
        period_label = QLabel("&Period")
        period_label.setBuddy(self.period)
        form.addRow(period_label, self.period)
        form.addRow("", dates)
        name_label = QLabel("&Name on the report")
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)

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
            shown_first = first or last
            self.first.setDate(QDate(shown_first.year, shown_first.month, shown_first.day))
            self.last.setDate(QDate(last.year, last.month, last.day))
        self._check()

    def _check(self) -> None:
        bad = self.period.currentIndex() == CUSTOM and self.first.date() > self.last.date()
        self.problem.setText("The “From” date is after the “To” date." if bad else "")
        self.problem.setVisible(bad)
        self.ok_button.setEnabled(not bad)

    def request(self) -> ReportRequest:
        index = self.period.currentIndex()
        if index == CUSTOM:
            first: date | None = self.first.date().toPython()
            last = self.last.date().toPython()
        else:
            first, last = period_range(index, self._today)
        return ReportRequest(first=first, last=last, person_name=self.person_name())

    def person_name(self) -> str:
        return " ".join(self.name.text().split())
