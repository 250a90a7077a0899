"""What every page is handed: the clock, the audio factory, the data folder,
and a small bus of signals through which pages tell each other what changed.

The repositories are not reached through here: `ui.wiring` hands each page
and dialog the ones it uses as constructor arguments (docs/architecture.md,
"Pages get their services"). `store` stays on the context only for the pages
not converted yet; tests/ui/test_services_wiring.py names them and fails when
any other UI module reads it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from walkback_desktop.audio.base import CuePlayer
from walkback_desktop.core.clock import Clock, SystemClock
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


def _default_cue_player(ctx: AppContext) -> CuePlayer:
    from walkback_desktop.audio.qt_player import QtCuePlayer

    return QtCuePlayer()


@dataclass
class AppContext:
    store: Store  # for ui.wiring only: see the docstring
    data_dir: Path
    clock: Clock = field(default_factory=SystemClock)
    events: AppEvents = field(default_factory=AppEvents)
    # Tests pass a factory returning a RecordingCuePlayer; the app makes the real one lazily.
    cue_player_factory: Callable[[AppContext], CuePlayer] = _default_cue_player
    _cue_player: CuePlayer | None = None

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
