"""How each kind of segment looks and is named: one table, `KIND_STYLE`.

Adding a segment kind means a member of `core.routine.SegmentKind` and one
row here (a test checks every kind has one). The banner colour is strong
enough behind white text (contrast at least 4.5:1), so the workout banner
reads the same on a light and a dark window; the strip colour is a mid tone
that stands out on both. Names are marked with `N_` and shown with `name()`
/ `banner()`, so "Warm-up" is spelled the same on the banner and in the editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from walkback_desktop.core.routine import SegmentKind
from walkback_desktop.i18n import N_, _


@dataclass(frozen=True)
class KindStyle:
    strip_colour: str  # the routine strip and the editor's swatch
    banner_colour: str  # behind the big white word on the workout screen
    display_name: str  # marked with N_; shown through _()

    def name(self) -> str:
        """The kind's name in the user's language ("Warm-up")."""
        return _(self.display_name)

    def banner(self) -> str:
        """The big word on the workout screen ("WARM-UP")."""
        return self.name().upper()

    def colour(self) -> QColor:
        return QColor(self.strip_colour)


KIND_STYLE: dict[SegmentKind, KindStyle] = {
    SegmentKind.WARMUP: KindStyle("#e8a33d", "#a4520a", N_("Warm-up")),
    SegmentKind.BACKWARD: KindStyle("#2f7fd8", "#1b5eb8", N_("Backward")),
    SegmentKind.FORWARD: KindStyle("#3fa865", "#1e7a3c", N_("Forward")),
    SegmentKind.REST: KindStyle("#9098a3", "#56606b", N_("Rest")),
    SegmentKind.BALANCE: KindStyle("#a467c7", "#7a3ea0", N_("Balance")),
    SegmentKind.COOLDOWN: KindStyle("#3cb7c4", "#0f6f7a", N_("Cool-down")),
}


def kind_name(kind: SegmentKind) -> str:
    return KIND_STYLE[kind].name()


def kind_banner(kind: SegmentKind) -> str:
    return KIND_STYLE[kind].banner()
