"""The words of a cue, in the user's language: the core's `Cue` is data.

Every sentence a person hears (and the tip they read) is made here through
`_()`/`ngettext`, so a translation changes what is spoken without touching
the timeline. A cue that carries its own words (`Cue.text`: a tip, or one
built by hand) is said as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from walkback_desktop.core.timeline import Cue, CueKind
from walkback_desktop.i18n import _, ngettext


def spoken_duration(seconds: float) -> str:
    """'2 minutes', '1 minute 30 seconds', '45 seconds': a length of time, for speech."""
    total = round(seconds)
    minutes, secs = divmod(total, 60)
    parts = []
    if minutes:
        parts.append(ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes))
    if secs or not minutes:
        parts.append(ngettext("{n} second", "{n} seconds", secs).format(n=secs))
    return " ".join(parts)


def announce(label: str, seconds: float) -> str:
    """'Walk backwards, 2 minutes.'"""
    return _("{label}, {duration}.").format(label=label, duration=spoken_duration(seconds))


def _get_ready(cue: Cue) -> str:
    return _("Get ready. First: {announcement}").format(
        announcement=announce(cue.label, cue.seconds)
    )


def _countdown(cue: Cue) -> str:
    return str(cue.count) if cue.count is not None else ""


def _segment_start(cue: Cue) -> str:
    return announce(cue.label, cue.seconds)


def _next_up(cue: Cue) -> str:
    left = _("{duration} left.").format(duration=spoken_duration(cue.seconds))
    if cue.next_label is None:
        return _("{left} Last stretch.").format(left=left)
    return _("{left} Next: {label}.").format(left=left, label=cue.next_label)


def _tip(cue: Cue) -> str:
    return cue.text


def _halfway(cue: Cue) -> str:
    return _("Halfway there.")


def _finish(cue: Cue) -> str:
    return _("Workout complete. Well done!")


# One entry per cue kind (a test checks every CueKind has one).
WORDS: dict[CueKind, Callable[[Cue], str]] = {
    CueKind.GET_READY: _get_ready,
    CueKind.COUNTDOWN: _countdown,
    CueKind.SEGMENT_START: _segment_start,
    CueKind.NEXT_UP: _next_up,
    CueKind.TIP: _tip,
    CueKind.HALFWAY: _halfway,
    CueKind.FINISH: _finish,
}


def cue_words(cue: Cue) -> str:
    """The sentence for `cue`, stripped (its own `text` when it carries one)."""
    if cue.text:
        return cue.text.strip()
    return WORDS[cue.kind](cue).strip()
