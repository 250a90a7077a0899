"""How each kind of segment looks and is named: one table, `KIND_STYLE`.

Adding a segment kind means a member of `core.routine.SegmentKind` and one
row here (a test checks every kind has one). The banner colour is strong
enough behind white text (contrast at least 4.5:1), so the workout banner
reads the same on a light and a dark window; the strip colour is a mid tone
that stands out on both. Names come from `i18n.kinds` (the report shows them
too) and are shown with `name()` / `banner()`, so "Warm-up" is spelled the
same on the banner, in the editor and in the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from walkback_desktop.core.routine import SegmentKind
from walkback_desktop.i18n import _
from walkback_desktop.i18n.kinds import KIND_NAMES


@dataclass(frozen=True)
class KindStyle:
    strip_colour: str  # the routine strip and the editor's swatch
    banner_colour: str  # behind the big white word on the workout screen
    display_name: str  # a msgid from i18n.kinds; shown through _()

    def name(self) -> str:
        """The kind's name in the user's language ("Warm-up")."""
        return _(self.display_name)

    def banner(self) -> str:
        """The big word on the workout screen ("WARM-UP")."""
        return self.name().upper()

    def colour(self) -> QColor:
        return QColor(self.strip_colour)


KIND_STYLE: dict[SegmentKind, KindStyle] = {
    SegmentKind.WARMUP: KindStyle("#e8a33d", "#a4520a", KIND_NAMES[SegmentKind.WARMUP]),
    SegmentKind.BACKWARD: KindStyle("#2f7fd8", "#1b5eb8", KIND_NAMES[SegmentKind.BACKWARD]),
    SegmentKind.FORWARD: KindStyle("#3fa865", "#1e7a3c", KIND_NAMES[SegmentKind.FORWARD]),
    SegmentKind.REST: KindStyle("#9098a3", "#56606b", KIND_NAMES[SegmentKind.REST]),
    SegmentKind.BALANCE: KindStyle("#a467c7", "#7a3ea0", KIND_NAMES[SegmentKind.BALANCE]),
    SegmentKind.COOLDOWN: KindStyle("#3cb7c4", "#0f6f7a", KIND_NAMES[SegmentKind.COOLDOWN]),
}


def kind_name(kind: SegmentKind) -> str:
    return KIND_STYLE[kind].name()


def kind_banner(kind: SegmentKind) -> str:
    return KIND_STYLE[kind].banner()
