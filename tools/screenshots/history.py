"""Screenshots of the History, Progress and Today pages with a year of
realistic history, in light and dark.

    .venv/bin/python tools/screenshots/history.py

writes docs/screenshots/history-light.png, progress-light.png,
history-dark.png, progress-dark.png and today.png.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
NOTES = (
    "",
    "",
    "",
    "Knee a bit stiff at the start",
    "Felt steady, looked over my shoulder less",
    "Windy in the park",
    "Physio said to add a minute",
    "Easy today",
)


def year_of_history(today: date) -> list:
    """About three walks a week for a year: backward minutes grow, knee pain falls."""
    from walkback_desktop.core.history import SessionRecord

    rng = random.Random(2025)
    records = []
    day = today - timedelta(days=364)
    n = 0
    while day < today:
        progress = n / 150
        if rng.random() < 0.44 + 0.08 * progress:
            routine = rng.choice(
                ("knee-friendly-20", "knee-friendly-20", "first-steps-12")
                if progress < 0.4
                else ("knee-friendly-20", "retro-cardio-intervals-30", "low-back-relief-20")
            )
            backward_min = 6 + 10 * progress + rng.uniform(-2, 3)
            active_min = backward_min * 2 + rng.uniform(4, 8)
            start = datetime.combine(day, time(rng.choice((7, 8, 12, 17, 18)), 30)).astimezone()
            records.append(
                SessionRecord(
                    started_at=start,
                    routine_name=routine,
                    routine_id=routine,
                    active_seconds=round(active_min * 60),
                    backward_seconds=round(backward_min * 60),
                    completed=rng.random() > 0.07,
                    kcal=None if rng.random() < 0.6 else round(active_min * 4.2),
                    rpe=max(1, min(10, round(5 - 1.5 * progress + rng.uniform(-1.4, 1.4)))),
                    pain=max(0, min(10, round(6 - 4.5 * progress + rng.uniform(-1.2, 1.2)))),
                    notes=rng.choice(NOTES),
                    source="import",
                )
            )
            n += 1
        day += timedelta(days=1)
    return records


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, "#2b2d31"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1e1f22"),
        (role.AlternateBase, "#26282c"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#3a3d42"),
        (role.ButtonText, "#e6e6e6"),
        (role.Highlight, "#2f7fd0"),
        (role.HighlightedText, "#ffffff"),
        (role.ToolTipBase, "#1e1f22"),
        (role.ToolTipText, "#e6e6e6"),
        (role.PlaceholderText, "#9a9a9a"),
    ):
        palette.setColor(r, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor("#7a7a7a"))
    return palette


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from walkback_desktop import cli
    from walkback_desktop.core.history import format_history_csv

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    OUT.mkdir(parents=True, exist_ok=True)
    today = datetime.now().astimezone().date()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        csv_path = Path(tmp) / "year.csv"
        csv_path.write_text(format_history_csv(year_of_history(today)), encoding="utf-8")
        if cli.main(["history", "import", str(csv_path), "--data-dir", str(data_dir)]) != 0:
            return 1
        from walkback_desktop.app import build_main_window

        light_palette = app.palette()
        for suffix in ("light", "dark"):
            # offscreen Qt has no system colour scheme: pick the theme setting and palette
            cli.main(["settings", "set", "theme", suffix, "--data-dir", str(data_dir)])
            app.setPalette(dark_palette() if suffix == "dark" else light_palette)
            window = build_main_window(data_dir)
            window.resize(1400, 900)
            window.show()
            window.show_page("history")
            app.processEvents()
            window.grab().save(str(OUT / f"history-{suffix}.png"))
            window.show_page("progress")
            window.page("progress").set_period("12m")
            app.processEvents()
            window.grab().save(str(OUT / f"progress-{suffix}.png"))
            if suffix == "light":
                window.show_page("today")
                app.processEvents()
                window.grab().save(str(OUT / "today.png"))
            window.close()
            window.deleteLater()
            app.processEvents()
    print(f"saved screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
