"""Every page at 1280x800, in each language, theme and text size, for looking at.

    .venv/bin/python tools/screenshots/tour.py [OUT] [--lang en,de] [--theme light,dark]
                                               [--scale 100,150,200] [--pages today,...]

writes OUT/<lang>-<theme>-<scale>-<page>.png (OUT defaults to screenshots/tmp/tour,
which git ignores) from a year of synthetic history. Open the PNGs and look:
clipped, cramped or untranslated text is a bug.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

PAGES = ("today", "routines", "workout", "programs", "history", "progress", "settings")


def _csv_list(text: str) -> list[str]:
    return [part for part in text.split(",") if part]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "screenshots" / "tmp" / "tour"))
    parser.add_argument("--lang", default="en,de")
    parser.add_argument("--theme", default="light,dark")
    parser.add_argument("--scale", default="100,150,200")
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args(argv)

    from history import dark_palette, year_of_history  # tools/screenshots/history.py
    from PySide6.QtWidgets import QApplication

    from walkback_desktop import cli
    from walkback_desktop.audio.base import RecordingCuePlayer
    from walkback_desktop.core.history import format_history_csv

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    light = app.palette()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    today = datetime.now().astimezone().date()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        csv_path = Path(tmp) / "year.csv"
        csv_path.write_text(format_history_csv(year_of_history(today)), encoding="utf-8")
        if cli.main(["history", "import", str(csv_path), "--data-dir", str(data_dir)]) != 0:
            return 1
        from walkback_desktop.app import build_main_window, install_language

        for lang in _csv_list(args.lang):
            for theme in _csv_list(args.theme):
                for scale in _csv_list(args.scale):
                    for key, value in (
                        ("theme", theme),
                        ("text_scale", scale),
                        ("language", lang),
                        ("setup_done", "true"),
                        ("safety_acknowledged", "true"),
                    ):
                        cli.main(["settings", "set", key, value, "--data-dir", str(data_dir)])
                    install_language(app, lang)  # the catalogue and QLocale, as the app does
                    app.setPalette(dark_palette() if theme == "dark" else light)
                    window = build_main_window(
                        data_dir, cue_player_factory=lambda _ctx: RecordingCuePlayer()
                    )
                    window.resize(1280, 800)
                    window.show()
                    for page in _csv_list(args.pages):
                        window.show_page(page)
                        for _settle in range(3):  # word-wrapped labels take a second layout pass
                            app.processEvents()
                        name = f"{lang}-{theme}-{scale}-{page}.png"
                        window.grab().save(str(out / name))
                    window.close()
                    window.deleteLater()
                    app.processEvents()
    install_language(app, "en")
    print(f"saved screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
