"""The audio boundary: the workout controller talks only to a `CuePlayer`.

`QtCuePlayer` (audio/qt_player.py) plays beeps with QSoundEffect and speaks with
QTextToSpeech; tests inject `RecordingCuePlayer`, whose `.played` list they
assert on. Implementations never block and never raise to the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from walkback_desktop.core.timeline import Cue


class Beep(str, Enum):
    COUNTDOWN = "countdown"  # the 3-2-1 before a segment change
    SEGMENT = "segment"  # a new segment starts
    FINISH = "finish"  # the workout is complete
    TICK = "tick"  # the cadence metronome


@dataclass
class AudioStatus:
    """What the player can do; `notice` is the one line shown when it cannot."""

    beeps_available: bool = True
    speech_available: bool = True
    notice: str = ""


class CuePlayer(Protocol):
    def play(self, cue: Cue, lateness_ms: float) -> bool:
        """Play a cue now (beep and/or speech). False if dropped (e.g. a tip over speech)."""
        ...

    def tick(self) -> None:
        """One metronome tick."""
        ...

    def stop(self) -> None:
        """Silence everything at once (pause, stop)."""
        ...

    def set_options(
        self,
        *,
        voice_enabled: bool,
        beeps_enabled: bool,
        volume: float,
        voice_name: str = "",
        voice_rate: float = 0.0,
    ) -> None: ...

    def status(self) -> AudioStatus: ...

    def is_speaking(self) -> bool: ...

    def voices(self) -> list[str]:
        """Names of the voices the speech engine offers (empty if none)."""
        ...

    def ready(self) -> bool:
        """True once `prepare()` has finished: the speech engine is warm, or known
        to be absent. The workout holds its first spoken cue (within a bound)
        until then, so "Get ready" is heard."""
        ...

    def warm_up(self) -> None:
        """`prepare()` at low priority: the app calls it once it is idle after
        start-up (after `set_options`, so no speech engine starts when voice is
        off); returns at once."""
        ...

    def prepare(self) -> None:
        """Get ready to play soon (e.g. when the workout page opens); returns at once.

        The real player loads its sounds and starts the speech engine (which can
        take seconds) on the event loop after this returns; cues played before
        that still beep but may not be spoken.
        """
        ...


@dataclass
class PlayedCue:
    cue: Cue
    lateness_ms: float


@dataclass
class RecordingCuePlayer:
    """A fake for tests: records what would have been played."""

    played: list[PlayedCue] = field(default_factory=list)
    ticks: int = 0
    stops: int = 0
    prepares: int = 0
    options: dict[str, object] = field(default_factory=dict)
    audio_status: AudioStatus = field(default_factory=AudioStatus)
    speaking: bool = False

    def play(self, cue: Cue, lateness_ms: float) -> bool:
        self.played.append(PlayedCue(cue, lateness_ms))
        return True

    def tick(self) -> None:
        self.ticks += 1

    def stop(self) -> None:
        self.stops += 1

    def set_options(self, **options: object) -> None:
        self.options = dict(options)

    def status(self) -> AudioStatus:
        return self.audio_status

    def is_speaking(self) -> bool:
        return self.speaking

    def voices(self) -> list[str]:
        return ["Test voice"]

    def prepare(self) -> None:
        self.prepares += 1

    def warm_up(self) -> None:
        self.prepares += 1

    def ready(self) -> bool:
        return True

    @property
    def kinds(self) -> list[str]:
        return [p.cue.kind.value for p in self.played]
