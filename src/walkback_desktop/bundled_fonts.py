"""WalkBack's own typeface: Noto Sans (SIL Open Font License, in resources/fonts/).

The report and the workout countdown use it, so a PDF and the across-the-room
numbers look the same on Windows, macOS and Linux, and on a machine with no
fonts installed at all (a bare server that prints reports headless). Other
text keeps the system's UI font.

The fonts are added to QFontDatabase the first time a font is asked for; that
needs a QGuiApplication (the app, the headless report and the tests all make
one before they lay out text).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from walkback_desktop.resources import resource_path

log = logging.getLogger(__name__)

FAMILY = "Noto Sans"
# Noto Sans Math draws what Noto Sans lacks and the report prints: "≈", "→".
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansMath-Regular.ttf")

_families: list[str] | None = None


def register_fonts() -> list[str]:
    """Add the bundled font files to Qt (once per process); return their families.

    A missing or unreadable file is logged and skipped: text then falls back
    to the system's fonts rather than failing.
    """
    global _families
    if _families is None:
        found: list[str] = []
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            if font_id < 0:
                log.warning("could not load the bundled font %s", name)
                continue
            found += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in found]
        _families = found
    return _families


def bundled_font(base: QFont | None = None) -> QFont:
    """A copy of `base` (default: the application font) in WalkBack's typeface.

    The base font's own families stay behind it as fallbacks, for scripts the
    bundled typeface does not cover.
    """
    font = QFont(base) if base is not None else QFont()
    families = register_fonts() or [FAMILY]
    font.setFamilies([*families, *(f for f in font.families() if f not in families)])
    # No "fi"/"ff" ligatures: text copied out of a PDF (or read by a screen
    # reader) then comes back letter for letter, as the person typed it.
    font.setFeature(QFont.Tag("liga"), 0)
    return font
