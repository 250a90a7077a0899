"""What a cue sounds like: which beep, which words. Pure, so it is tested without Qt."""

from __future__ import annotations

from dataclasses import dataclass

from walkback_desktop.audio.base import Beep
from walkback_desktop.core.timeline import Cue, CueKind

_BEEP_FOR: dict[CueKind, Beep] = {
    CueKind.COUNTDOWN: Beep.COUNTDOWN,
    CueKind.SEGMENT_START: Beep.SEGMENT,
    CueKind.FINISH: Beep.FINISH,
}


@dataclass(frozen=True)
class CuePlan:
    beep: Beep | None
    speech: str


def plan_cue(cue: Cue, *, beeps: bool, voice: bool) -> CuePlan:
    """The beep and the words for `cue`, given what can be heard.

    `beeps`/`voice` mean "enabled and available". A countdown is a beep; only
    when beeps cannot be heard is its number spoken instead.
    """
    beep = _BEEP_FOR.get(cue.kind) if beeps else None
    if cue.kind is CueKind.COUNTDOWN:
        spoken = "" if beeps else (str(cue.count) if cue.count is not None else cue.text)
    else:
        spoken = cue.text
    return CuePlan(beep=beep, speech=spoken.strip() if voice else "")
