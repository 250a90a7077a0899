"""Undoable history changes (QUndoStack commands): edit, delete, log a walk.

Each command writes to the database first and only then updates the table,
so what is shown is always what is saved. The page makes the first write
itself (so a storage error can be answered with Retry, the input kept) and
hands the result over (`applied`); undo and redo write again, and a failure
there is logged and reported through `failed`, never raised into Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.i18n import N_, _, ngettext
from walkback_desktop.storage.sessions import SessionRepository
from walkback_desktop.ui.history_model import SessionTableModel

log = logging.getLogger(__name__)


def _guarded(write: Callable[[], None], failed: Callable[[Exception], None] | None) -> None:
    try:
        write()
    except Exception as exc:  # a locked or full database: say so, show what is saved
        log.exception("an undo/redo of a history change could not be saved")
        if failed is not None:
            failed(exc)


# What the Undo/Redo menu items name ("&Undo change effort").
CHANGE_TEXTS = {
    "rpe": N_("change effort"),
    "pain": N_("change pain"),
    "notes": N_("change notes"),
    "completed": N_("change completed"),
}


class EditSessionCommand(QUndoCommand):
    def __init__(
        self,
        sessions: SessionRepository,
        model: SessionTableModel,
        session_id: int,
        field: str,
        old: Any,
        new: Any,
        changed: Callable[[], None],
        *,
        applied: SessionRecord | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        text = CHANGE_TEXTS.get(field)
        super().__init__(_(text) if text else _("change {field}").format(field=field))
        self._sessions, self._model, self._changed = sessions, model, changed
        self._id, self._field, self._old, self._new = session_id, field, old, new
        self._applied, self._failed = applied, failed

    def _apply(self, value: Any) -> None:
        record = self._sessions.update(self._id, **{self._field: value})
        self._model.replace_record(record)
        self._changed()

    def redo(self) -> None:
        if self._applied is not None:  # the page already saved it
            record, self._applied = self._applied, None
            self._model.replace_record(record)
            self._changed()
            return
        _guarded(lambda: self._apply(self._new), self._failed)

    def undo(self) -> None:
        _guarded(lambda: self._apply(self._old), self._failed)


class DeleteSessionsCommand(QUndoCommand):
    def __init__(
        self,
        sessions: SessionRepository,
        model: SessionTableModel,
        ids: Sequence[int],
        changed: Callable[[], None],
        *,
        applied: list[SessionRecord] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        n = len(ids)
        super().__init__(ngettext("delete {n} session", "delete {n} sessions", n).format(n=n))
        self._sessions, self._model, self._changed = sessions, model, changed
        self._ids = list(ids)
        self._deleted: list[SessionRecord] = list(applied or [])
        self._done_first = applied is not None
        self._failed = failed

    def redo(self) -> None:
        if self._done_first:  # the page already deleted them
            self._done_first = False
            self._model.remove_ids(self._ids)
            self._changed()
            return

        def write() -> None:
            self._deleted = self._sessions.delete(self._ids)
            self._model.remove_ids(self._ids)
            self._changed()

        _guarded(write, self._failed)

    def undo(self) -> None:
        def write() -> None:
            self._sessions.restore(self._deleted)
            self._model.add_records(self._deleted)
            self._changed()

        _guarded(write, self._failed)


class AddSessionCommand(QUndoCommand):
    """Log a walk done without the app (undo removes it again)."""

    def __init__(
        self,
        sessions: SessionRepository,
        model: SessionTableModel,
        record: SessionRecord,
        changed: Callable[[], None],
        *,
        applied: bool = False,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """`applied`: `record` (with its id) is already saved by the page."""
        super().__init__(_("log a walk"))
        self._sessions, self._model, self._changed = sessions, model, changed
        self._record = record
        self._done_first = applied
        self._failed = failed

    def redo(self) -> None:
        if self._done_first:
            self._done_first = False
            self._model.add_records([self._record])
            self._changed()
            return

        def write() -> None:
            if self._record.id is None:
                self._record = self._record.with_changes(id=self._sessions.add(self._record))
            else:
                self._sessions.restore([self._record])
            self._model.add_records([self._record])
            self._changed()

        _guarded(write, self._failed)

    def undo(self) -> None:
        def write() -> None:
            if self._record.id is not None:
                self._sessions.delete([self._record.id])
                self._model.remove_ids([self._record.id])
            self._changed()

        _guarded(write, self._failed)
