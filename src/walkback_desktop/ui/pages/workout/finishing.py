"""The end of a workout on the Workout page: review, save (with Retry), discard.

What to do with a workout that ends is the flow's answer (`core.workout_flow`);
this only carries it out. A save that fails (a locked database, a full disk)
loses nothing: the effort, pain and notes are kept and the finish screen comes
back, Retry is offered, and the workout stays in the checkpoint until it is
saved or discarded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from walkback_desktop.core.workout_flow import Ending
from walkback_desktop.i18n import _
from walkback_desktop.ui import confirm
from walkback_desktop.ui.finish_dialog import FinishDialog

if TYPE_CHECKING:
    from walkback_desktop.ui.context import AppContext
    from walkback_desktop.ui.workout_controller import WorkoutController


class Finishing:
    """Mixed into `WorkoutPage` (a QWidget with `ctx` and `controller`)."""

    ctx: AppContext
    controller: WorkoutController
    finish_dialog: FinishDialog | None = None

    def ask(self, title: str, text: str, yes: str, no: str) -> bool:
        return confirm.ask(self, title, text, yes, no)  # type: ignore[arg-type]

    def end_as(self, ending: Ending | None) -> None:
        """Carry out what the flow says for a workout that has just ended."""
        if ending is Ending.REVIEW:
            self.open_finish()
        elif ending is Ending.DISCARD:
            self.controller.discard()
            self.ctx.events.status_message.emit(_("Nothing was walked: nothing to save."))
            self._show_picker()

    def _on_finished(self) -> None:
        self.ctx.events.page_requested.emit("workout")  # they may have wandered off
        self.end_as(self.controller.ending)

    def open_finish(
        self, *, rpe: int | None = None, pain: int | None = None, notes: str = ""
    ) -> None:
        if self.finish_dialog is not None:
            return
        dialog = FinishDialog(self.controller.summary(), self)  # type: ignore[arg-type]
        dialog.set_values(rpe=rpe, pain=pain, notes=notes)
        self.finish_dialog = dialog
        dialog.finished.connect(self._finish_closed)
        dialog.open()

    def _finish_closed(self, result: int) -> None:
        dialog = self.finish_dialog
        if dialog is None:
            return
        self.finish_dialog = None
        dialog.deleteLater()
        if result != FinishDialog.DialogCode.Accepted:
            self.controller.discard()
            self.ctx.events.status_message.emit(_("Workout discarded."))
            self._show_picker()
            return
        rpe, pain, notes = dialog.rpe(), dialog.pain(), dialog.notes()
        if self.save(rpe=rpe, pain=pain, notes=notes):
            self.ctx.events.status_message.emit(_("Workout saved."))
            self._show_picker()
        else:
            self.ctx.events.status_message.emit(
                _("The workout is not saved yet; it is kept until it is.")
            )
            self.open_finish(rpe=rpe, pain=pain, notes=notes)

    def save(
        self, *, rpe: int | None, pain: int | None, notes: str, completed: bool | None = None
    ) -> bool:
        """Save the session; when that fails, offer Retry until it works or they say not now."""
        while True:
            if (
                self.controller.save_session(rpe=rpe, pain=pain, notes=notes, completed=completed)
                is not None
            ):
                return True
            if not self.ask(
                _("Workout not saved"),
                _(
                    "The workout could not be saved: the database may be busy or the disk "
                    "full. Your ratings and notes are kept, and the workout is kept until "
                    "it is saved. Try again?"
                ),
                _("Retry"),
                _("Not now"),
            ):
                return False

    def save_from_open_dialog(self) -> bool:
        """The window is closing with the finish screen open: save what it holds."""
        dialog = self.finish_dialog
        assert dialog is not None
        if not self.save(rpe=dialog.rpe(), pain=dialog.pain(), notes=dialog.notes()):
            return False  # the finish screen stays open: Save again, or Discard
        self.finish_dialog = None
        dialog.done(FinishDialog.DialogCode.Accepted)
        self.controller.shutdown()
        return True

    def _show_picker(self) -> None:  # provided by the page
        raise NotImplementedError
