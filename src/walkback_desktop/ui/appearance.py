"""Theme (system / light / dark) and text size for the whole application.

`apply_appearance(app, settings)` (an `AppSettings` snapshot, or a mapping of
setting values) is called by app.py at start-up and by the Settings page when `theme` or `text_scale` change. The colour scheme is asked
of the platform through `QStyleHints.setColorScheme` (Qt 6.8+); where the
platform cannot switch (the offscreen platform, some Linux desktops), the
Fusion style's standard light or dark palette is set instead. Text size scales
the application font from the size it had at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from walkback_desktop.core.settings import AppSettings

log = logging.getLogger(__name__)

_BASE_POINT_SIZE = "walkback_base_point_size"  # also read by ui/indicator_style.py
_applied_theme: str | None = None


def dark_palette() -> QPalette:
    """A dark palette with readable contrast, for platforms that cannot switch scheme."""
    p = QPalette()
    window, base, text = QColor("#1f2023"), QColor("#26282c"), QColor("#e8e8e8")
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor("#2d2f34")),
        (QPalette.ColorRole.ToolTipBase, QColor("#2d2f34")),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#9a9a9a")),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#303236")),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#ff6b6b")),
        (QPalette.ColorRole.Highlight, QColor("#3d8fd6")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#7cb8ff")),
        (QPalette.ColorRole.Light, QColor("#45484e")),
        (QPalette.ColorRole.Midlight, QColor("#3a3d42")),
        (QPalette.ColorRole.Mid, QColor("#2b2d31")),
        (QPalette.ColorRole.Dark, QColor("#151618")),
        (QPalette.ColorRole.Shadow, QColor("#000000")),
    ):
        p.setColor(role, colour)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d7d7d"))
    return p


def apply_theme(app: QGuiApplication, theme: str) -> None:
    global _applied_theme
    if theme not in ("light", "dark") and _applied_theme in (None, "system"):
        # The platform's own scheme, and nothing else was ever set: nothing to do
        # (this also keeps the `Qt` namespace, ~50 ms, off the first paint).
        _applied_theme = "system"
        return
    from PySide6.QtCore import Qt

    _applied_theme = theme
    schemes = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
    scheme = schemes.get(theme, Qt.ColorScheme.Unknown)
    hints = QGuiApplication.styleHints()
    try:
        if scheme is Qt.ColorScheme.Unknown:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(scheme)
    except AttributeError:  # Qt older than 6.8
        log.info("this Qt cannot switch colour scheme; using a palette")
    if scheme is Qt.ColorScheme.Unknown or hints.colorScheme() == scheme:
        app.setPalette(QPalette())  # nothing resolved: back to the platform's own palette
    elif scheme is Qt.ColorScheme.Dark:
        app.setPalette(dark_palette())  # the platform did not follow: paint it ourselves
    else:
        style = app.style() if hasattr(app, "style") else None
        app.setPalette(style.standardPalette() if style is not None else QPalette())
    _repolish_style_sheets(app)


def _repolish_style_sheets(app: QGuiApplication) -> None:
    """Widgets under a style sheet keep the palette they were polished with: redo it."""
    if not isinstance(app, QApplication):
        return
    for widget in app.topLevelWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def apply_text_scale(app: QGuiApplication, percent: int) -> None:
    base = app.property(_BASE_POINT_SIZE)
    if base is None:
        base = app.font().pointSizeF()
        if base <= 0:
            base = 10.0
        app.setProperty(_BASE_POINT_SIZE, base)
    font = app.font()
    font.setPointSizeF(float(base) * max(50, min(int(percent), 300)) / 100.0)
    app.setFont(font)


def apply_appearance(app: QGuiApplication, settings: AppSettings | Mapping[str, Any]) -> None:
    """Apply the `theme` and `text_scale` settings; never raises."""
    try:
        if isinstance(settings, Mapping):
            theme, scale = settings.get("theme", "system"), settings.get("text_scale", 100)
        else:
            theme, scale = settings.theme, settings.text_scale
        apply_theme(app, str(theme))
        apply_text_scale(app, int(scale))
        if int(scale) > 100 or str(theme) == "dark":
            # imported only then: the default start-up path stays as it was
            from walkback_desktop.ui import indicator_style

            indicator_style.install(app)
    except Exception:
        log.exception("could not apply the appearance settings")
