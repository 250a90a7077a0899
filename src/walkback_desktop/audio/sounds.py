"""The cue sounds shipped in resources/sounds/ (made by tools/make_sounds.py)."""

from __future__ import annotations

from pathlib import Path

from walkback_desktop.audio.base import Beep
from walkback_desktop.resources import resource_path

SOUND_FILES: dict[Beep, str] = {
    Beep.COUNTDOWN: "countdown.wav",
    Beep.SEGMENT: "segment.wav",
    Beep.FINISH: "finish.wav",
    Beep.TICK: "tick.wav",
}


def sound_path(beep: Beep) -> Path:
    return resource_path("sounds", SOUND_FILES[beep])
