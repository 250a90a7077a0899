"""The Today page's program card: this week's planned sessions (a symbol and
a word for each status, never colour alone), the next session with a big
Start button, adherence so far, and the next 3-m Backward Walk Test.

Without an active program it offers the Programs page. Everything it shows
comes from `ProgramService.status()`; the card only words it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.program_schedule import EnrolmentState, SlotStatus
from walkback_desktop.i18n import _, formats
from walkback_desktop.services.programs import ActiveProgram, NextSession, ProgramReads
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.fonts import scale_font, wrapped_label
from walkback_desktop.ui.program_common import local_today
from walkback_desktop.ui.program_texts import (
    STATE_WORDS,
    adherence_text,
    day_text,
    status_text,
)

if TYPE_CHECKING:
    from walkback_desktop.storage.programs import AssessmentRepository
    from walkback_desktop.storage.settings_repo import SettingsRepository


def next_session_text(nxt: NextSession, today: date) -> str:
    name = nxt.routine.name if nxt.routine else nxt.planned.routine_id
    length = formats.duration(nxt.routine.total_seconds) if nxt.routine else ""
    when = _("today") if nxt.day == today else day_text(nxt.day)
    text = _("Next: {routine} ({length}), {when}").format(routine=name, length=length, when=when)
    if nxt.planned.status is SlotStatus.OVERDUE:
        text += "\n" + _("Planned for {day}: you can still catch up this week.").format(
            day=day_text(nxt.planned.day)
        )
    return text


class ProgramCard(QFrame):
    """`refresh()` re-reads the store; it follows sessions_changed and week_start."""

    test_requested = Signal()
    test_saved = Signal(object)  # the stored AssessmentResult

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        plans: ProgramReads,
        assessments: AssessmentRepository | None,
        settings: SettingsRepository | None,
        today: Callable[[], date] = local_today,
    ) -> None:
        """`plans` gives the active program's status and next session; `assessments`
        and `settings` are for the walk test the card opens. At start-up the card
        is filled from the plain reader first, with None for those two until
        `use_services` hands the open store's."""
        super().__init__(parent)
        self.ctx = ctx
        self.plans = plans
        self.assessments = assessments
        self.settings = settings
        self._test_held = False
        self.today = today
        self.active: ActiveProgram | None = None
        self.next: NextSession | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Your program"))

        self.heading = wrapped_label("", 1.5, True)
        self.state_label = wrapped_label("", 1.1)
        self.week_title = wrapped_label(_("This week's plan"), 1.1, True)
        self.week_grid = QGridLayout()
        self.week_grid.setHorizontalSpacing(16)
        self.week_grid.setVerticalSpacing(4)
        self.week_grid.setColumnStretch(2, 1)  # keep day and status side by side, on the left
        self.slot_labels: list[QLabel] = []
        self.next_label = wrapped_label("", 1.2, True)
        self.start_button = QPushButton(_("Start"))
        scale_font(self.start_button, 1.6, bold=True)
        self.start_button.setMinimumHeight(64)
        self.start_button.setMinimumWidth(200)
        self.start_button.clicked.connect(self.start_next)
        self.adherence_label = wrapped_label("", 1.1)
        self.adherence_label.setAccessibleName(_("Adherence so far"))
        self.check_label = wrapped_label("", 1.0)
        self.test_button = QPushButton(_("Take the &3-m Backward Walk Test\u2026"))
        self.test_button.setAccessibleName(_("Take the 3-m Backward Walk Test"))
        self.test_button.clicked.connect(self.open_test)
        self.browse_button = QPushButton(_("Choose a &program\u2026"))
        self.browse_button.setAccessibleName(_("Choose a program"))
        self.browse_button.clicked.connect(lambda: self.ctx.events.page_requested.emit("programs"))

        next_row = QHBoxLayout()
        next_row.addWidget(self.next_label, 1)
        next_row.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignVCenter)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_label, 1)
        check_row.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.state_label)
        layout.addWidget(self.week_title)
        layout.addLayout(self.week_grid)
        layout.addLayout(next_row)
        layout.addWidget(self.adherence_label)
        layout.addLayout(check_row)
        layout.addWidget(self.browse_button, 0, Qt.AlignmentFlag.AlignLeft)

        ctx.events.sessions_changed.connect(self.refresh)
        ctx.events.settings_changed.connect(self._setting_changed)
        self.refresh()

    def _setting_changed(self, key: str) -> None:
        if key in ("week_start", "language"):
            self.refresh()

    # --- reading ---------------------------------------------------------------
    def refresh(self) -> None:
        day = self.today()
        self.active = self.plans.status(day)
        self.next = self.plans.next_session(day) if self.active else None
        for label in self.slot_labels:
            self.week_grid.removeWidget(label)
            label.deleteLater()
        self.slot_labels = []
        has = self.active is not None
        for widget in (self.week_title, self.adherence_label, self.state_label):
            widget.setVisible(has)
        self.browse_button.setVisible(not has)
        if self.active is None:
            self.heading.setText(_("No program yet"))
            self.next_label.setText(
                _("A program plans your walks week by week, for your knee, back or balance.")
            )
            self.start_button.hide()
            self.check_label.hide()
            self.test_button.hide()
            return
        status = self.active.status
        weeks = len(status.weeks)
        if status.current_week is not None:
            self.heading.setText(
                _("{program}: week {week} of {weeks}").format(
                    program=self.active.name, week=status.current_week, weeks=weeks
                )
            )
        else:
            self.heading.setText(self.active.name)
        state = _(STATE_WORDS[status.state])
        if status.state is EnrolmentState.NOT_STARTED:
            state = _("Starts on {day}").format(day=day_text(self.active.enrolment.started_on))
        self.state_label.setText(_("Program {state}").format(state=state))
        self._show_week(day)
        self._show_next(day)
        a = status.adherence
        text = adherence_text(a.done_sessions, a.planned_sessions, a.sessions_pct)
        if a.backward_pct is not None:
            text += "\n" + _("Backward minutes: {done} of {planned}, {pct} %").format(
                done=formats.minutes(a.done_backward_s),
                planned=formats.minutes(a.planned_backward_s),
                pct=int(formats.round_half_up(a.backward_pct)),
            )
        self.adherence_label.setText(_("So far: {text}").format(text=text))
        self._show_check(day)

    def _show_week(self, day: date) -> None:
        assert self.active is not None
        week = next(
            (w for w in self.active.status.weeks if w.number == self.active.status.current_week),
            None,
        )
        if week is None:
            self.week_title.setText(_("No sessions planned this week"))
            return
        self.week_title.setText(_("This week's plan"))
        for row, slot in enumerate(week.slots):
            when = QLabel(day_text(slot.day))
            what = QLabel(status_text(slot.status))
            what.setAccessibleName(
                _("{day}: {status}").format(day=day_text(slot.day), status=what.text())
            )
            if slot.status in (SlotStatus.TODAY, SlotStatus.OVERDUE):
                scale_font(what, 1.0, bold=True)
                scale_font(when, 1.0, bold=True)
            self.week_grid.addWidget(when, row, 0)
            self.week_grid.addWidget(what, row, 1)
            self.slot_labels += [when, what]

    def _show_next(self, day: date) -> None:
        nxt = self.next
        can_start = nxt is not None and nxt.routine is not None and nxt.day == day
        self.start_button.setVisible(can_start)
        if nxt is None:
            finished = self.active is not None and self.active.status.state in (
                EnrolmentState.FINISHED,
                EnrolmentState.LEFT,
            )
            self.next_label.setText(
                _("Program complete: well done.") if finished else _("Nothing planned for now.")
            )
            return
        self.next_label.setText(next_session_text(nxt, day))
        if nxt.routine is None:
            self.next_label.setText(
                self.next_label.text() + "\n" + _("The routine is no longer in your library.")
            )
        if can_start and nxt.routine is not None:
            name = _("Start {routine}").format(routine=nxt.routine.name)
            self.start_button.setAccessibleName(name)
            self.start_button.setToolTip(name)

    def _show_check(self, day: date) -> None:
        assert self.active is not None
        check = self.active.status.next_check
        self.check_label.setVisible(check is not None)
        self.test_button.setVisible(check is not None and check.due_on <= day)
        if check is None:
            return
        when = _("today") if check.due_on == day else day_text(check.due_on)
        if check.status is SlotStatus.OVERDUE:
            when = _("since {day}").format(day=day_text(check.due_on))
        self.check_label.setText(
            _("3-m Backward Walk Test due: week {week}, {when}").format(week=check.week, when=when)
        )

    # --- actions ---------------------------------------------------------------
    def start_next(self) -> None:
        if self.next is not None and self.next.routine is not None:
            self.ctx.events.request_start(self.next.routine.id)

    def use_services(
        self,
        *,
        plans: ProgramReads,
        assessments: AssessmentRepository,
        settings: SettingsRepository,
    ) -> None:
        self.plans, self.assessments, self.settings = plans, assessments, settings
        if self._test_held:  # clicked while the data was still opening
            self._test_held = False
            self.open_test()

    def open_test(self) -> None:
        from walkback_desktop.ui.walk_test import WalkTestDialog

        assessments, settings = self.assessments, self.settings
        if assessments is None or settings is None:
            self._test_held = True  # the data is still opening: open it once it is
            return
        self.test_requested.emit()
        dialog = WalkTestDialog(
            self.ctx, self.window(), assessments=assessments, settings=settings
        )
        dialog.saved.connect(self._test_saved)
        dialog.open()
        self._dialog = dialog

    def _test_saved(self, result: object) -> None:
        self.refresh()
        self.test_saved.emit(result)
