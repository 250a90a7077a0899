"""The segment kinds' names in the user's language ("Warm-up", "Aufwärmen"),
for the window (ui/kind_style.py adds colours) and for the report, which
cannot import the UI."""

from __future__ import annotations

from walkback_desktop.core.routine import SegmentKind
from walkback_desktop.i18n import N_, _

KIND_NAMES: dict[SegmentKind, str] = {
    SegmentKind.WARMUP: N_("Warm-up"),
    SegmentKind.BACKWARD: N_("Backward"),
    SegmentKind.FORWARD: N_("Forward"),
    SegmentKind.REST: N_("Rest"),
    SegmentKind.BALANCE: N_("Balance"),
    SegmentKind.COOLDOWN: N_("Cool-down"),
}


def kind_name(kind: SegmentKind | str) -> str:
    return _(KIND_NAMES[SegmentKind(kind)])
