"""The History page's writes: an edit, a delete or a walk logged by hand is
saved first (a storage error is answered with Retry or Cancel, the input kept)
and then pushed on the undo stack, so what the table shows is what is saved."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.i18n import _, ngettext
from walkback_desktop.ui import confirm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.history_model import SessionTableModel

if TYPE_CHECKING:
    from walkback_desktop.storage.sessions import SessionRepository
from walkback_desktop.ui.history_undo import (
    AddSessionCommand,
    DeleteSessionsCommand,
    EditSessionCommand,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


class HistoryWrites:
    def __init__(
        self,
        ctx: AppContext,
        sessions: SessionRepository,
        model: SessionTableModel,
        undo_stack: QUndoStack,
        parent: QWidget,
        changed: Callable[[], None],
        reload: Callable[[], None],
    ) -> None:
        """`changed`: tell the other pages (this one already shows the change);
        `reload`: read everything again after an undo could not be saved."""
        self.ctx, self.model, self.undo_stack = ctx, model, undo_stack
        self.sessions = sessions
        self._parent, self._changed, self._reload = parent, changed, reload

    def _saved(self, write: Callable[[], T]) -> T | None:
        """Run a history write; on a storage error say what happened and offer
        Retry (the edit is kept until it is saved or the person cancels)."""
        while True:
            try:
                return write()
            except Exception as exc:  # a locked or full database
                log.exception("a history change could not be saved")
                if not confirm.ask(
                    self._parent,
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
        self._reload()

    def edit(self, session_id: int, field: str, value: object) -> None:
        row = self.model.row_of(session_id)
        if row is None:
            return
        old = getattr(self.model.record(row), field)
        sessions = self.sessions
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

    def delete(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        sessions = self.sessions
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

    def add(self, record: SessionRecord) -> bool:
        """Log a walk done without the app; False when it was not saved."""
        sessions = self.sessions
        new_id = self._saved(lambda: sessions.add(record))
        if new_id is None:
            return False
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
        self.ctx.events.status_message.emit(
            _("Logged a walk: {name}.").format(name=record.routine_name)
        )
        return True
