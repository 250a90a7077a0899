"""A cue player that makes no sound, for when the real one cannot be built."""

from __future__ import annotations

from walkback_desktop.audio.base import AudioStatus
from walkback_desktop.core.timeline import Cue
from walkback_desktop.i18n import N_, _

# The reason the app gives when its player cannot be built (translated when shown).
NO_PLAYER_REASON = N_("the sound player could not be started")


class SilentCuePlayer:
    """Stands in when the real player cannot be built: the workout runs, visibly."""

    def __init__(self, reason: str) -> None:
        self._status = AudioStatus(
            beeps_available=False,
            speech_available=False,
            notice=_("No sound: {reason}").format(reason=_(reason)),
        )

    def play(self, cue: Cue, lateness_ms: float) -> bool:
        return True  # shown on screen; nothing was dropped

    def tick(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def set_options(self, **options: object) -> None:
        pass

    def status(self) -> AudioStatus:
        return self._status

    def is_speaking(self) -> bool:
        return False

    def voices(self) -> list[str]:
        return []

    def prepare(self) -> None:
        pass

    def warm_up(self) -> None:
        pass

    def ready(self) -> bool:
        return True
