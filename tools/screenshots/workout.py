"""Screenshots of the Workout page, its dialogs and the Settings page.

    .venv/bin/python tools/screenshots/workout.py [OUT_DIR]

Writes into docs/screenshots/ (or OUT_DIR): the workout mid-segment with a form
tip at 1280x720 and at 1920x1080 (full screen on a 1080p display) and in the dark theme, the
get-ready count, the routine picker, the finish dialog, the safety checklist and the Settings page.
Time is driven by a FakeClock, so the pictures are the same on every run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from walkback_desktop.app import build_main_window
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.core.timeline import CueKind
from walkback_desktop.ui.appearance import apply_appearance

ROUTINE_ID = "knee-friendly-20"
ROOT = Path(__file__).resolve().parents[2]


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / name
    widget.grab().save(str(path))
    print(path)


def advance(page, clock: FakeClock, seconds: float, step: float = 0.25) -> None:
    for _ in range(round(seconds / step)):
        clock.advance(step)
        page.controller.tick()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    data_dir = Path(tempfile.mkdtemp(prefix="walkback-shots-"))
    clock = FakeClock()
    player = RecordingCuePlayer()
    window = build_main_window(data_dir, clock=clock, cue_player_factory=lambda _ctx: player)
    window.resize(1280, 720)
    window.show()
    page = window.page("workout")

    # The routine picker.
    window.show_page("workout")
    page.routine_combo.setCurrentIndex(page.routine_combo.findData(ROUTINE_ID))
    settle(app)
    save(window, out, "workout-picker.png")

    # The safety checklist, as the very first workout shows it.
    window.ctx.events.start_requested.emit(ROUTINE_ID)
    settle(app)
    dialog = page.safety_dialog
    dialog.checks[0].setChecked(True)
    settle(app)
    save(dialog, out, "safety-checklist.png")
    dialog.tick_all()
    dialog.accept()
    settle(app)

    # Get ready: 3.
    advance(page, clock, 2.0)
    settle(app)
    save(window, out, "workout-get-ready.png")

    # Mid-segment with a form tip showing, in a backward segment.
    run = page.controller.run
    tip = next(
        c
        for c in run.timeline.cues
        if c.kind is CueKind.TIP and run.timeline.segments[c.segment_index].is_backward
    )
    advance(page, clock, tip.at - run.t + 6.0)
    settle(app)
    save(window, out, "workout-1280x720.png")
    window.set_full_screen(True)
    window.resize(1920, 1080)
    settle(app)
    save(window, out, "workout-1920x1080.png")
    window.set_full_screen(False)
    window.resize(1280, 720)
    apply_appearance(app, {"theme": "dark", "text_scale": 100})
    settle(app)
    save(window, out, "workout-dark.png")
    apply_appearance(app, {"theme": "system", "text_scale": 100})
    settle(app)

    # The finish dialog, after stopping a little early.
    page.stop()
    settle(app)
    finish = page.finish_dialog
    finish.set_values(rpe=4, pain=1, notes="Knee felt fine; slower on the last backward spell.")
    settle(app)
    save(finish, out, "workout-finish-dialog.png")
    finish.done(0)

    window.show_page("settings")
    settle(app)
    save(window, out, "settings.png")
    window.close()
    window.ctx.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
