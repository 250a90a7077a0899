"""What every page is handed: the clock, the audio factory, the data folder,
and a small bus of signals through which pages tell each other what changed.

The repositories are not reached through here: `ui.wiring` hands each page
and dialog the ones it uses as constructor arguments (docs/architecture.md,
"Pages get their services"). `store` is on the context for `ui.wiring` alone
(tests/ui/test_services_wiring.py fails when any other UI module reads it).
At start-up the context exists before the store is open: the Today page is
filled from a plain read first (ui/loading.py), and `attach_store` follows."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from walkback_desktop.audio.base import CuePlayer
from walkback_desktop.core.clock import Clock, SystemClock

if TYPE_CHECKING:
    from walkback_desktop.storage.store import Store

log = logging.getLogger(__name__)


class AppEvents(QObject):
    """Cross-page notifications. Emit after the change is committed to the database."""

    sessions_changed = Signal()
    routines_changed = Signal()
    settings_changed = Signal(str)  # the key that changed
    start_requested = Signal(str)  # a routine id: open the Workout page and start it
    page_requested = Signal(str)  # a page id (Page.page_id) to switch to
    status_message = Signal(str)  # one line for the status bar
    files_dropped = Signal(list)  # list[pathlib.Path] dropped on the main window

    def __init__(self) -> None:
        super().__init__()
        self._holding = False
        self._held_start: str | None = None
        self.started_while_loading = False  # a held Start was delivered by `release`
        self._held_files: list[Path] = []

    def request_start(self, routine_id: str) -> None:
        """What a Start button calls: `start_requested` now, or, while start-up is
        still putting the pages in the window (`hold`), once it is done, so a
        click on the first page shown is never lost (the last click counts)."""
        if self._holding:
            self._held_start = routine_id
        else:
            self.start_requested.emit(routine_id)

    def drop_files(self, paths: list[Path]) -> None:
        """`files_dropped` now, or, as `request_start`, once the pages are in."""
        if self._holding:
            self._held_files.extend(paths)
        else:
            self.files_dropped.emit(paths)

    def hold(self) -> None:
        self._holding = True

    def release(self) -> None:
        """Stop holding: the held Start first, then the held files."""
        self._holding = False
        start, self._held_start = self._held_start, None
        files, self._held_files = self._held_files, []
        if start is not None:
            self.started_while_loading = True
            self.start_requested.emit(start)
        if files:
            self.files_dropped.emit(files)


def _default_cue_player(ctx: AppContext) -> CuePlayer:
    from walkback_desktop.audio.qt_player import QtCuePlayer

    return QtCuePlayer()


class AppContext:
    def __init__(
        self,
        *,
        data_dir: Path,
        store: Store | None = None,
        clock: Clock | None = None,
        events: AppEvents | None = None,
        cue_player_factory: Callable[[AppContext], CuePlayer] = _default_cue_player,
    ) -> None:
        self._store = store
        self.data_dir = data_dir
        self.clock: Clock = clock or SystemClock()
        self.events = events or AppEvents()
        # Tests pass a factory returning a RecordingCuePlayer; the app makes the real one lazily.
        self.cue_player_factory = cue_player_factory
        self._cue_player: CuePlayer | None = None

    @property
    def store(self) -> Store:
        """The open store, for ui.wiring only (see the module's docstring)."""
        if self._store is None:
            raise RuntimeError("the data is not open yet")
        return self._store

    @property
    def store_open(self) -> bool:
        return self._store is not None

    def attach_store(self, store: Store) -> None:
        self._store = store

    @property
    def cue_player(self) -> CuePlayer:
        """The cue player, made on first use; a silent one if the real one fails.

        Audio must never stop a workout: the failure is logged and shown.
        """
        if self._cue_player is None:
            try:
                self._cue_player = self.cue_player_factory(self)
            except Exception as exc:
                from walkback_desktop.audio.silent import SilentCuePlayer

                log.error("the sound player could not be started: %s", exc)
                self._cue_player = SilentCuePlayer("the sound player could not be started")
        return self._cue_player
