"""The app icon at every size it ships in, on a light and a dark background.

    .venv/bin/python tools/screenshots/app_icon.py

writes docs/screenshots/app-icon.png from resources/icons/walkback-*.png
(regenerate those first with tools/make_icons.py after editing the SVG).
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
OUT = ROOT / "docs" / "screenshots" / "app-icon.png"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
GAP = 16


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - QImage/QPainter need it
    width = sum(SIZES) + GAP * (len(SIZES) + 1)
    row = max(SIZES) + 2 * GAP
    sheet = QImage(width, 2 * row, QImage.Format.Format_ARGB32)
    painter = QPainter(sheet)
    for band, colour in enumerate(("#f4f4f4", "#2b2b2b")):
        top = band * row
        painter.fillRect(0, top, width, row, QColor(colour))
        x = GAP
        for size in SIZES:
            icon = QImage(str(ICONS / f"walkback-{size}.png"))
            painter.drawImage(x, top + row - GAP - size, icon)
            x += size + GAP
    painter.end()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
