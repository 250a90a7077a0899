"""Following a program from the Programs page: enrol (today or on a chosen
date), pause, resume and leave, each dated with the page's `today()`.

The rules (one program at a time, no pause while paused, ...) are
`ProgramService`'s; a refusal comes back as an `EnrolmentError` code and is
shown in the person's words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from walkback_desktop.core.program_schedule import EnrolmentState
from walkback_desktop.core.programs import Program
from walkback_desktop.i18n import N_, _
from walkback_desktop.storage.program_library import EnrolmentError
from walkback_desktop.ui import confirm
from walkback_desktop.ui.pages.programs import dialogs
from walkback_desktop.ui.program_texts import day_text

if TYPE_CHECKING:
    from walkback_desktop.services.programs import ActiveProgram, ProgramService
    from walkback_desktop.ui.context import AppContext

ENROLMENT_PROBLEMS = {
    "already_enrolled": N_("You are already following a program: leave it first."),
    "not_enrolled": N_("You are not following a program."),
    "unknown_program": N_("This program is no longer available."),
    "already_paused": N_("The program is already paused."),
    "not_paused": N_("The program is not paused."),
    "bad_date": N_("That date is before the program's start."),
}


class Enrolment:
    """Mixed into `ProgramsPage` (a QWidget with `ctx`, `plans`, `today`,
    `active` and the selection)."""

    ctx: AppContext
    plans: ProgramService
    today: Callable[[], date]
    active: ActiveProgram | None

    def refresh(self) -> None:
        raise NotImplementedError

    def selected_program(self) -> Program | None:
        raise NotImplementedError

    def chosen_start(self) -> date:
        raise NotImplementedError

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def _change(self, action: Callable[[], object], title: str) -> bool:
        try:
            action()
        except EnrolmentError as exc:
            dialogs.show_problem(
                self._widget(),
                title,
                _(ENROLMENT_PROBLEMS.get(exc.code, str(exc))),
            )
            return False
        self.refresh()
        self.ctx.events.sessions_changed.emit()  # the Today card and the report follow
        return True

    def enrol_selected(self) -> bool:
        program = self.selected_program()
        if program is None:
            return False
        start = self.chosen_start()
        if not self._change(lambda: self.plans.enrol(program.id, start), _("Enrol")):
            return False
        self.ctx.events.status_message.emit(
            _("You are following \u201c{name}\u201d from {day}.").format(
                name=program.name, day=day_text(start, long=True)
            )
        )
        return True

    def pause_or_resume(self) -> bool:
        if self.active is None:
            return False
        today = self.today()
        if self.active.status.state is EnrolmentState.PAUSED:
            return self._change(lambda: self.plans.resume(today), _("Resume"))
        return self._change(lambda: self.plans.pause(today), _("Pause"))

    def leave(self) -> bool:
        if self.active is None:
            return False
        if not confirm.ask(
            self._widget(),
            _("Leave the program?"),
            _(
                "Leave \u201c{name}\u201d? Your sessions stay in your history and the "
                "program stays in the list of your past programs."
            ).format(name=self.active.name),
            _("Leave"),
            _("Cancel"),
        ):
            return False
        today = self.today()
        return self._change(lambda: self.plans.leave(today), _("Leave"))
