"""What runs once the window is up and its data is in: the first-run set-up, and
warming the speech engine in idle time so the first workout's first words are heard.

Both are here, not in app.py, so start-up wiring stays one line per step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from walkback_desktop.i18n import _

if TYPE_CHECKING:  # the context pulls in the store: not before the first paint
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.settings_repo import SettingsRepository
    from walkback_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

# After start-up has settled (the other idle work, pyqtgraph's import, starts at 200 ms).
WARM_SPEECH_AFTER_MS = 1500


def warm_speech(ctx: AppContext, settings: SettingsRepository) -> None:
    """Start the speech engine (in its own process) with the stored sound options.

    The player starts no engine before it knows voice is on, so the options go first.
    """
    from walkback_desktop.ui.workout_audio import audio_options, call_player

    player = ctx.cue_player
    call_player(player, "set_options", **audio_options(settings.snapshot()))
    call_player(player, "warm_up")


def warm_workout_start(library: RoutineLibrary, settings: SettingsRepository) -> None:
    """Read once, in idle time, what the first workout start reads: the tip
    library (parsed on first use) and the settings (the first query compiles
    its row loader). Measured: 20-30 ms less on the GUI thread at that start."""
    QTimer.singleShot(0, lambda: _quietly(library.tips_by_kind))
    QTimer.singleShot(0, lambda: _quietly(settings.snapshot))


def _quietly(read: Callable[[], object]) -> None:
    try:
        read()
    except Exception:  # only a warm-up: the workout start reads it again and reports
        log.exception("warming up for the first workout failed")


def schedule_speech_warm_up(
    ctx: AppContext, settings: SettingsRepository, library: RoutineLibrary
) -> None:
    """Warm the speech engine and what the first workout start reads, each in its
    own turn of the event loop once start-up has settled."""
    QTimer.singleShot(WARM_SPEECH_AFTER_MS, lambda: warm_speech(ctx, settings))
    QTimer.singleShot(WARM_SPEECH_AFTER_MS + 100, lambda: warm_workout_start(library, settings))


def run_first_run_setup(parent: QWidget, ctx: AppContext, settings: SettingsRepository) -> bool:
    """Show the first-run set-up if it was never shown; True if it was shown.

    Finishing stores the answers; closing it keeps the defaults. Either way it is
    not shown again (everything it asks is in Settings).
    """
    current = settings.snapshot()
    if current.setup_done:
        return False
    from walkback_desktop.audio.sound_check import SoundCheck
    from walkback_desktop.ui.first_run import FirstRunWizard

    checks: list[SoundCheck] = []

    def test_cue() -> None:
        warm_speech(ctx, settings)
        for check in checks:
            check.cancel()
        check = SoundCheck(ctx.cue_player, parent)
        checks[:] = [check]
        check.start()

    wizard = FirstRunWizard(current, test_cue=test_cue, parent=parent)
    finished = wizard.exec() == FirstRunWizard.DialogCode.Accepted
    changes = wizard.answers() if finished else {"setup_done": True}
    try:
        settings.update(**changes)
    except Exception:  # a locked or full database: the app still opens
        log.exception("could not store the first-run answers")
        ctx.events.status_message.emit(
            _("Your answers could not be saved; you can enter them in Settings.")
        )
        return True
    for key in changes:
        ctx.events.settings_changed.emit(key)
    return True
