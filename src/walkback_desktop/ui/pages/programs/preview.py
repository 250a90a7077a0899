"""A program's details and its weeks, as planned from a start date.

For a program you are not following, the weeks are projected from the
chosen start date (the same schedule rules, no sessions yet); for the one
you follow, each planned day shows its status (done, missed, today...).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.program_schedule import (
    EnrolmentPlan,
    ProgramStatus,
    SlotStatus,
    program_status,
)
from walkback_desktop.core.programs import Program
from walkback_desktop.core.routine import Routine
from walkback_desktop.i18n import _, formats, ngettext
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.program_texts import (
    STATUS_SYMBOLS,
    audience_text,
    day_text,
    sessions_per_week_text,
    status_text,
    weeks_text,
)

COLUMNS = 5


def _label(text: str = "", scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    scale_font(label, scale, bold=bold)
    return label


def sessions_summary(program: Program) -> str:
    counts = sorted({w.sessions for w in program.weeks})
    if len(counts) == 1:
        return sessions_per_week_text(counts[0])
    return _("{low} to {high} sessions a week").format(low=counts[0], high=counts[-1])


def projected_status(
    program: Program,
    start: date,
    first_weekday: int,
    lookup: Callable[[str], Routine | None],
) -> ProgramStatus:
    """The plan as it would be laid out if you started on `start`."""
    return program_status(
        program,
        EnrolmentPlan(start=start),
        [],
        today=start,
        first_weekday=first_weekday,
        lookup=lookup,
    )


class ProgramPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label = _label("", 1.6, True)
        self.meta_label = _label("", 1.05)
        self.description = _label()
        self.description.setAccessibleName(_("Description and evidence"))
        self.weeks_title = _label(_("Weeks"), 1.2, True)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [_("Week"), _("Sessions"), _("Routine"), _("Planned days"), _("Focus")]
        )
        self.table.setAccessibleName(_("Weeks of the program"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        # The page scrolls, not the table: it is as tall as its rows, and cells wrap.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        columns = self.table.horizontalHeader()
        for column in range(COLUMNS):
            mode = (
                QHeaderView.ResizeMode.ResizeToContents
                if column < 2
                else QHeaderView.ResizeMode.Stretch
            )
            columns.setSectionResizeMode(column, mode)
        # The name, facts and description: the page shows them above the enrol box.
        self.header = QWidget()
        head = QVBoxLayout(self.header)
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.name_label)
        head.addWidget(self.meta_label)
        head.addWidget(self.description)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.weeks_title)
        layout.addWidget(self.table)
        self.legend = _label()
        self.legend.setAccessibleName(_("Symbols"))
        layout.addWidget(self.legend)

    def show_program(
        self,
        program: Program,
        status: ProgramStatus,
        lookup: Callable[[str], Routine | None],
        *,
        builtin: bool,
        following: bool,
    ) -> None:
        self.name_label.setText(program.name)
        parts = [weeks_text(program.week_count), sessions_summary(program)]
        if program.audience:
            parts.append(_("for {audience}").format(audience=audience_text(program.audience)))
        if program.checks:
            parts.append(
                ngettext(
                    "{n} 3-m Backward Walk Test",
                    "{n} 3-m Backward Walk Tests",
                    len(program.checks),
                ).format(n=len(program.checks))
            )
        parts.append(_("built-in") if builtin else _("your program"))
        self.meta_label.setText(" \u00b7 ".join(parts))
        self.description.setText(program.description or _("No description."))
        self.weeks_title.setText(
            _("Weeks (your plan)") if following else _("Weeks, if you start on the chosen date")
        )
        self.table.setRowCount(len(status.weeks))
        for row, week in enumerate(status.weeks):
            routine = program.routine_for_week(week.number, lookup)
            if routine is None:
                routine_text = _("{id} (not in your library)").format(id=week.routine_id)
            else:
                routine_text = _("{name}, {length} ({backward} backward)").format(
                    name=routine.name,
                    length=formats.duration(routine.total_seconds),
                    backward=formats.minutes(routine.backward_seconds),
                )
            days = ", ".join(
                day_text(s.day) + (f" {STATUS_SYMBOLS[s.status]}" if following else "")
                for s in week.slots
            )
            week_text = str(week.number)
            if week.check_due:
                week_text += " \u00b7 " + _("3MBWT")
            sessions = ngettext("{n} session", "{n} sessions", week.planned).format(n=week.planned)
            focus = program.weeks[week.number - 1].note
            cells = (week_text, sessions, routine_text, days, focus)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0 and week.check_due:
                    item.setToolTip(_("The 3-m Backward Walk Test is due this week."))
                if column == 3 and following:
                    item.setToolTip(
                        "\n".join(
                            f"{day_text(s.day)}: {status_text(s.status)}" for s in week.slots
                        )
                    )
                self.table.setItem(row, column, item)
        self.legend.setVisible(following)
        self.legend.setText("   ".join(status_text(s) for s in SlotStatus))
        self.table.setColumnHidden(COLUMNS - 1, not any(w.note for w in program.weeks))
        self._fit_height()

    def _fit_height(self) -> None:
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # wrapped cells change height with the width
