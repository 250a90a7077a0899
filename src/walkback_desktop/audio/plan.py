"""What a cue sounds like: which beep, which words. Pure, so it is tested without Qt."""

from __future__ import annotations

from dataclasses import dataclass

from walkback_desktop.audio.base import Beep
from walkback_desktop.audio.cue_words import cue_words
from walkback_desktop.core.timeline import Cue, CueBeep, CueKind

# The sound for each of the core's beeps (CUE_SPECS says which cue beeps how).
BEEP_SOUND: dict[CueBeep, Beep] = {beep: Beep(beep.value) for beep in CueBeep}


@dataclass(frozen=True)
class CuePlan:
    beep: Beep | None
    speech: str


def plan_cue(cue: Cue, *, beeps: bool, voice: bool) -> CuePlan:
    """The beep and the words for `cue`, given what can be heard.

    `beeps`/`voice` mean "enabled and available". A countdown is a beep; only
    when beeps cannot be heard is its number spoken instead.
    """
    spec_beep = cue.spec.beep
    beep = BEEP_SOUND[spec_beep] if beeps and spec_beep is not None else None
    beep_only = cue.kind is CueKind.COUNTDOWN and beeps
    spoken = "" if beep_only or not voice else cue_words(cue)
    return CuePlan(beep=beep, speech=spoken)
