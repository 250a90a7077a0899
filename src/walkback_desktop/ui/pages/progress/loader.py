"""The Progress page's figures, read off the GUI thread.

One read at a time is the page's: a read started before the sessions changed
is dropped (`invalidate`), never shown. `ready` says, on the GUI thread, that
the current read has finished; `take()` hands its figures over (waiting for
them if need be, or reading now if no read was started).
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from walkback_desktop.ui.pages.progress.figures import (
    Preparation,
    ProgressFigures,
    read_in_background,
)

if TYPE_CHECKING:
    from walkback_desktop.storage.progress_queries import ProgressQueries


class FiguresLoader(QObject):
    # emitted on the worker thread, delivered (queued) on the GUI thread
    _finished = Signal(object)
    ready = Signal()  # the current read has finished: take() will not wait

    def __init__(self, queries: ProgressQueries, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queries = queries
        self._future: Future[ProgressFigures] | None = None
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> bool:
        """A read was started and not taken yet."""
        return self._future is not None

    def start(self, prepare: Preparation | None = None) -> None:
        """Read (again) in the worker thread, computing ahead what `prepare` says."""
        future = read_in_background(self.queries, prepare)
        self._future = future
        future.add_done_callback(self._done)

    def invalidate(self) -> None:
        """The sessions or settings changed: a read under way is out of date."""
        self._future = None

    def take(self) -> ProgressFigures:
        """The figures of the current read, or of a read made now."""
        future = self._future or read_in_background(self.queries)
        self._future = None
        return future.result()

    def _done(self, future: Future[ProgressFigures]) -> None:
        with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
            self._finished.emit(future)

    def _on_finished(self, future: Future[ProgressFigures]) -> None:
        if future is self._future:
            self.ready.emit()
