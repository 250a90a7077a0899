""" "Play a test cue": a beep, a spoken cue and a tip, so a person can check the
sound before walking away from the screen. Uses only the `CuePlayer` protocol."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from walkback_desktop.audio.base import CuePlayer
from walkback_desktop.core.timeline import Cue, CueKind
from walkback_desktop.i18n import _

GAP_MS = 700  # between the beep and the spoken cue
POLL_MS = 100  # while the spoken cue is being said
MAX_WAIT_POLLS = 100  # then the tip comes anyway (10 s)


def check_cues() -> list[Cue]:
    """The three cues, in the app's language."""
    return [
        Cue(at=0.0, kind=CueKind.COUNTDOWN, text="3", segment_index=0, seq=0, count=3),
        Cue(
            at=0.0,
            kind=CueKind.SEGMENT_START,
            text=_("Walk backwards, 1 minute."),
            segment_index=0,
            seq=1,
        ),
        Cue(at=0.0, kind=CueKind.TIP, text=_("Chest up, small steps."), segment_index=0, seq=2),
    ]


class SoundCheck(QObject):
    """Plays the test cues one after another; `finished` when the tip was played."""

    finished = Signal()

    def __init__(self, player: CuePlayer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._cues = check_cues()
        self._polls = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        self._next = 0

    @property
    def running(self) -> bool:
        return 0 < self._next <= len(self._cues)

    def start(self) -> None:
        self._player.stop()
        self._next = 0
        self._polls = 0
        self._step()

    def cancel(self) -> None:
        self._timer.stop()
        self._next = len(self._cues) + 1

    def _step(self) -> None:
        if self._next >= len(self._cues):
            return
        cue = self._cues[self._next]
        if cue.kind is CueKind.TIP and self._player.is_speaking() and self._polls < MAX_WAIT_POLLS:
            self._polls += 1  # the tip would be dropped over the spoken cue: wait for it
            self._timer.start(POLL_MS)
            return
        self._player.play(cue, 0.0)
        self._next += 1
        if self._next < len(self._cues):
            self._timer.start(GAP_MS if self._next == 1 else POLL_MS)
        else:
            self._next += 1
            self.finished.emit()
