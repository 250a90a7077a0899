"""The Programs page: browse the built-in and your own programs, preview
their weeks, enrol (today or a chosen date), pause, resume or leave the one
you follow, see your past programs, and move program files in and out.

The rules (one program at a time, schedule, pauses) are in the core and
`ProgramService`; this page shows them and forwards clicks. (Just over 400
lines: the enrolment and file handling already live in their own modules; what
is left is the page's layout and its signal wiring, which read best together.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.program_schedule import EnrolmentState
from walkback_desktop.core.programs import Program
from walkback_desktop.i18n import N_, _
from walkback_desktop.services.programs import ActiveProgram
from walkback_desktop.ui import confirm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.pages.programs.enrolment import Enrolment
from walkback_desktop.ui.pages.programs.files import ProgramFiles, is_program_file
from walkback_desktop.ui.pages.programs.flow import FlowLayout
from walkback_desktop.ui.pages.programs.preview import ProgramPreview, projected_status
from walkback_desktop.ui.program_common import local_today
from walkback_desktop.ui.program_texts import STATE_WORDS, adherence_text, day_text

if TYPE_CHECKING:
    from walkback_desktop.services.programs import ProgramService
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.program_library import ProgramLibrary
    from walkback_desktop.storage.settings_repo import SettingsRepository


def _button(text: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("\u2026"))
    if tip:
        button.setToolTip(tip)
    return button


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ProgramsPage(Enrolment, Page):
    page_id = "programs"
    title = N_("Programs")

    def __init__(
        self,
        ctx: AppContext,
        *,
        programs: ProgramLibrary,
        library: RoutineLibrary,
        settings: SettingsRepository,
        plans: ProgramService,
        today: Callable[[], date] = local_today,
    ) -> None:
        """`programs` lists, deletes and imports programs; `library` looks their
        routines up; `plans` enrols, pauses and reports the active program (every
        change is dated with `today()`); `settings` gives the reminder time."""
        super().__init__()
        self.title = _("Programs")
        self.ctx = ctx
        self.program_library = programs
        self.library = library
        self.plans = plans
        self.today = today
        self.files = ProgramFiles(
            ctx, self, programs=programs, library=library, settings=settings, plans=plans
        )
        self.programs: list[Program] = []
        self.active: ActiveProgram | None = None
        self.setAccessibleName(self.title)
        self._build()
        self._build_actions()
        ctx.events.files_dropped.connect(self._files_dropped)
        ctx.events.sessions_changed.connect(self.refresh)
        ctx.events.routines_changed.connect(self.refresh)
        ctx.events.settings_changed.connect(self._setting_changed)
        self.later_at_start_up(self.refresh)

    # --- building ---------------------------------------------------------------
    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setAccessibleName(_("Programs"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)  # long names wrap at large text sizes
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(lambda _row: self._show_selected())
        self.import_button = _button(
            _("&Import\u2026"), _("Add a program from a file (Ctrl+Shift+I)")
        )
        self.import_button.clicked.connect(self.import_from_dialog)
        self.export_button = _button(_("E&xport\u2026"), _("Save the selected program as a file"))
        self.export_button.clicked.connect(self.export_selected)
        self.delete_button = _button(_("Delete"), _("Delete the selected program of yours"))
        self.delete_button.clicked.connect(self.delete_selected)
        # Rows of buttons wrap (FlowLayout): in German at 200 % text size a row
        # made its pane wider than the window, and the pane scrolled sideways.
        file_row = FlowLayout()
        for button in (self.import_button, self.export_button, self.delete_button):
            file_row.addWidget(button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.list, 1)
        left_box.addLayout(file_row)

        self.preview = ProgramPreview()
        # Enrolment: start today or on a chosen date.
        self.enrol_box = QGroupBox(_("Follow this program"))
        self.start_today = QRadioButton(_("Start &today"))
        self.start_on = QRadioButton(_("Start &on:"))
        self.start_today.setChecked(True)
        self.start_date = QDateEdit()
        self.start_date.setCalendarPopup(True)
        self.start_date.setAccessibleName(_("Start date"))
        self.start_date.setEnabled(False)
        self.start_on.toggled.connect(self.start_date.setEnabled)
        self.start_on.toggled.connect(lambda _on: self._show_selected())
        self.start_date.dateChanged.connect(lambda _d: self._show_selected())
        self.enrol_button = _button(_("&Enrol"))
        self.enrol_button.clicked.connect(self.enrol_selected)
        self.enrol_note = _label()
        enrol_box = QVBoxLayout(self.enrol_box)
        start_on = QWidget()  # "Start on:" and its date stay on one line
        start_on_row = QHBoxLayout(start_on)
        start_on_row.setContentsMargins(0, 0, 0, 0)
        start_on_row.addWidget(self.start_on)
        start_on_row.addWidget(self.start_date)
        enrol_row = FlowLayout()
        enrol_row.addWidget(self.start_today)
        enrol_row.addWidget(start_on)
        enrol_row.addWidget(self.enrol_button)
        enrol_box.addLayout(enrol_row)
        enrol_box.addWidget(self.enrol_note)

        # The program being followed.
        self.active_box = QGroupBox(_("Your program"))
        self.active_label = _label()
        self.active_label.setAccessibleName(_("Your program"))
        self.pause_button = _button(_("&Pause"), _("Paused days are never counted as missed"))
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.leave_button = _button(_("&Leave\u2026"))
        self.leave_button.clicked.connect(self.leave)
        self.calendar_button = _button(
            _("Export plan to &calendar\u2026"),
            _("An .ics file with every planned session, for your own calendar"),
        )
        self.calendar_button.clicked.connect(self.export_calendar)
        active_box = QVBoxLayout(self.active_box)
        active_box.addWidget(self.active_label)
        active_row = FlowLayout()
        active_row.addWidget(self.pause_button)
        active_row.addWidget(self.leave_button)
        active_row.addWidget(self.calendar_button)
        active_box.addLayout(active_row)

        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels([_("Program"), _("Started"), _("Ended"), _("Done")])
        self.history.setAccessibleName(_("Your past programs"))
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setTabKeyNavigation(False)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setMaximumHeight(160)
        self.history_title = _label(_("Your programs so far"))

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.addWidget(self.active_box)
        right_box.addWidget(self.preview.header)
        right_box.addWidget(self.enrol_box)
        right_box.addWidget(self.preview)
        right_box.addWidget(self.history_title)
        right_box.addWidget(self.history)
        right_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(right)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)

    def _build_actions(self) -> None:
        self.import_action = QAction(_("Import &program\u2026"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.triggered.connect(self.import_from_dialog)
        self.export_action = QAction(_("Export p&rogram\u2026"), self)
        self.export_action.triggered.connect(self.export_selected)
        self.calendar_action = QAction(_("Export plan to &calendar\u2026"), self)
        self.calendar_action.triggered.connect(self.export_calendar)

    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"File": [self.import_action, self.export_action, self.calendar_action]}

    # --- reading ----------------------------------------------------------------
    def _setting_changed(self, key: str) -> None:
        if key in ("week_start", "language", "reminder_time"):
            self.refresh()

    def refresh(self) -> None:
        keep = self.selected_program()
        self.active = self.plans.status(self.today())
        self.programs = self.program_library.all()
        self.list.blockSignals(True)
        self.list.clear()
        for program in self.programs:
            text = program.name
            if self.active is not None and self.active.program_id == program.id:
                text = _("{name} (following)").format(name=program.name)
            elif not self.program_library.is_builtin(program.id):
                text = _("{name} (yours)").format(name=program.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, program.id)
            self.list.addItem(item)
        wanted = keep.id if keep else (self.active.program_id if self.active else None)
        self.select_program(wanted or (self.programs[0].id if self.programs else ""))
        day = self.today()
        self.start_date.blockSignals(True)  # shown once, below, not after each change
        self.start_date.setDate(QDate(day.year, day.month, day.day))
        self.start_date.blockSignals(False)
        self.list.blockSignals(False)
        self._show_active()
        self._show_history()
        self._show_selected()

    def select_program(self, program_id: str) -> bool:
        for row, program in enumerate(self.programs):
            if program.id == program_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def selected_program(self) -> Program | None:
        row = self.list.currentRow()
        return self.programs[row] if 0 <= row < len(self.programs) else None

    def chosen_start(self) -> date:
        if self.start_on.isChecked():
            chosen = self.start_date.date().toPython()
            assert isinstance(chosen, date)
            return chosen
        return self.today()

    def _show_selected(self) -> None:
        program = self.selected_program()
        self.export_button.setEnabled(program is not None)
        self.export_action.setEnabled(program is not None)
        builtin = program is not None and self.program_library.is_builtin(program.id)
        self.delete_button.setEnabled(program is not None and not builtin)
        if program is None:
            return
        lookup = self.library.get
        following = self.active is not None and self.active.program_id == program.id
        if following and self.active is not None:
            status = self.active.status
        else:
            weekday = self.plans.first_weekday
            status = projected_status(program, self.chosen_start(), weekday, lookup)
        self.preview.show_program(program, status, lookup, builtin=builtin, following=following)
        self.enrol_button.setEnabled(self.active is None)
        self.enrol_note.setText(
            _("Leave \u201c{name}\u201d first to follow another program.").format(
                name=self.active.name
            )
            if self.active is not None and not following
            else ""
        )
        self.enrol_note.setVisible(bool(self.enrol_note.text()))
        self.enrol_box.setVisible(not following)

    def _show_active(self) -> None:
        active = self.active
        self.active_box.setVisible(active is not None)
        self.calendar_action.setEnabled(active is not None)
        if active is None:
            return
        status = active.status
        lines = [
            _("{name}, since {day}").format(
                name=active.name, day=day_text(active.enrolment.started_on, long=True)
            )
        ]
        state = _(STATE_WORDS[status.state])
        if status.current_week is not None:
            lines.append(
                _("Week {week} of {weeks}, {state}").format(
                    week=status.current_week, weeks=len(status.weeks), state=state
                )
            )
        else:
            lines.append(state[:1].upper() + state[1:])
        a = status.adherence
        lines.append(adherence_text(a.done_sessions, a.planned_sessions, a.sessions_pct))
        self.active_label.setText("\n".join(lines))
        paused = status.state is EnrolmentState.PAUSED
        self.pause_button.setText(_("&Resume") if paused else _("&Pause"))
        self.pause_button.setAccessibleName(_("Resume") if paused else _("Pause"))

    def _show_history(self) -> None:
        past = [e for e in self.plans.history() if not e.active]
        self.history_title.setVisible(bool(past))
        self.history.setVisible(bool(past))
        self.history.setRowCount(len(past))
        for row, enrolment in enumerate(reversed(past)):
            status = self.plans.status_of(enrolment, self.today())
            a = status.adherence
            cells = (
                enrolment.program.name,
                day_text(enrolment.started_on),
                day_text(enrolment.left_on) if enrolment.left_on else "",
                adherence_text(a.done_sessions, a.planned_sessions, a.sessions_pct),
            )
            for column, text in enumerate(cells):
                self.history.setItem(row, column, QTableWidgetItem(text))

    # --- files ----------------------------------------------------------------
    def import_from_dialog(self) -> list[Program]:
        return self._imported(self.files.import_from_dialog())

    def import_files(self, paths: list) -> list[Program]:
        return self._imported(self.files.import_files(paths))

    def _imported(self, programs: list[Program]) -> list[Program]:
        if programs:
            self.refresh()
            self.select_program(programs[-1].id)
        return programs

    def _files_dropped(self, paths: list) -> None:
        from pathlib import Path

        wanted = [Path(p) for p in paths if is_program_file(Path(p))]
        if wanted:
            self.ctx.events.page_requested.emit(self.page_id)
            self.import_files(wanted)

    def export_selected(self) -> object:
        program = self.selected_program()
        return self.files.export_program(program) if program is not None else None

    def export_calendar(self) -> object:
        return self.files.export_calendar()

    def delete_selected(self) -> bool:
        program = self.selected_program()
        if program is None or self.program_library.is_builtin(program.id):
            return False
        if not confirm.ask(
            self,
            _("Delete program?"),
            _(
                "Delete \u201c{name}\u201d from your programs? Your past enrolments keep it."
            ).format(name=program.name),
            _("Delete"),
        ):
            return False
        self.program_library.delete(program.id)
        self.refresh()
        return True

    # --- page hooks ----------------------------------------------------------------
    def page_shown(self) -> None:
        self.refresh()
