"""Screenshots of the Routines page and the routine editor with a physio's
custom knee routine.

    .venv/bin/python tools/screenshots/routines.py

writes docs/screenshots/routines-page.png, routines-page-dark.png and
routine-editor.png (offscreen, in a throw-away data folder).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def physio_knee_routine():
    """Six segments a physiotherapist might prescribe after knee surgery, week 3."""
    from walkback_desktop.core.routine import Goal, Level, Routine, Segment, SegmentKind

    return Routine(
        id="knee-rehab-week-3",
        name="Knee rehab, week 3 (Dr Patel)",
        level=Level.BEGINNER,
        goal=Goal.KNEE,
        description=(
            "Prescribed for the third week after arthroscopy: two short backward bouts "
            "at an easy pace with a standing balance hold between them. Do it on three "
            "days this week, not on consecutive days."
        ),
        safety=(
            "Walk beside the kitchen counter so you can hold on. Stop if the knee swells "
            "or the pain is above 4 out of 10, and tell your physiotherapist."
        ),
        safety_checklist=True,
        segments=(
            Segment(
                SegmentKind.WARMUP,
                "Walk forwards, easy",
                240,
                met=2.8,
                cadence_spm=90,
                tips=("Relax your shoulders", "Land softly on your heels"),
            ),
            Segment(
                SegmentKind.BACKWARD,
                "Backwards along the counter",
                90,
                met=4.0,
                cadence_spm=80,
                tips=(
                    "Reach back with the toe, roll to the heel",
                    "Soft knees",
                    "Hand on the counter",
                ),
            ),
            Segment(
                SegmentKind.BALANCE,
                "Stand on the operated leg",
                45,
                tips=("Look at a fixed point ahead", "Soft standing knee"),
            ),
            Segment(
                SegmentKind.BACKWARD,
                "Backwards along the counter",
                90,
                met=4.0,
                cadence_spm=80,
                tips=("Short steps", "Glance over your shoulder", "Straighten the knee fully"),
            ),
            Segment(SegmentKind.REST, "Sit and rest", 60, tips=("Have a sip of water",)),
            Segment(
                SegmentKind.COOLDOWN,
                "Walk forwards, slow",
                180,
                tips=("Let your breathing settle", "Notice how your knee feels"),
            ),
        ),
    )


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from walkback_desktop.app import build_main_window

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        window = build_main_window(Path(folder))
        store = window.store
        routine = physio_knee_routine()
        store.library.save(routine)
        store.settings.set("weight_kg", 68.0)
        window.ctx.events.routines_changed.emit()
        window.resize(1280, 800)
        window.show()
        window.show_page("routines")
        page = window.page("routines")
        page.select_routine(routine.id)
        app.processEvents()
        window.grab().save(str(OUT / "routines-page.png"))

        editor = page.edit_selected()
        editor.resize(1240, 720)
        editor.select_row(1)
        app.processEvents()
        editor.grab().save(str(OUT / "routine-editor.png"))
        editor.undo_stack.setClean()
        editor.close()
        window.close()
        store.close()

    from walkback_desktop.ui.appearance import apply_theme

    # The app applies the theme before it builds the window; do the same here.
    apply_theme(app, "dark")
    with tempfile.TemporaryDirectory() as folder:
        window = build_main_window(Path(folder))
        window.store.library.save(physio_knee_routine())
        window.ctx.events.routines_changed.emit()
        window.resize(1280, 800)
        window.show()
        window.show_page("routines")
        window.page("routines").select_routine(routine.id)
        app.processEvents()
        window.grab().save(str(OUT / "routines-page-dark.png"))
        window.close()
        window.store.close()
    print(f"wrote routines-page.png, routines-page-dark.png and routine-editor.png in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
