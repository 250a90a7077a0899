"""Cue timing in real time: play a 2-minute routine and report cue lateness.

Runs offscreen with the real clock (`SystemClock`) and the workout
controller's real QTimer, logs to a walkback.log in a temporary folder, then
reads back the `cue kind=... at=... late_ms=...` lines and prints p50 / p99 /
max lateness. Budget: every cue within 30 ms, no drift.

    .venv/bin/python bench/bench_cue_timing.py              # RecordingCuePlayer
    .venv/bin/python bench/bench_cue_timing.py --real-player  # QtCuePlayer
    .venv/bin/python bench/bench_cue_timing.py --seconds 30   # a shorter run

Not part of the test run: it takes as long as the routine.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.core.clock import SystemClock
from walkback_desktop.core.routine import Routine, Segment, SegmentKind
from walkback_desktop.logging_setup import setup_logging
from walkback_desktop.storage.store import open_store
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.workout_controller import WorkoutController

BUDGET_MS = 30.0
CUE_LINE = re.compile(
    r"walkback_desktop\.cues: cue kind=(?P<kind>\w+) at=(?P<at>-?[\d.]+) "
    r"late_ms=(?P<late>[\d.]+)(?P<dropped> dropped)?$"
)


def two_minute_routine(total_s: int = 120) -> Routine:
    """Warm-up, two backward spells, a forward break, cool-down: `total_s` in all."""
    shares = (
        (SegmentKind.WARMUP, 0.25),
        (SegmentKind.BACKWARD, 0.25),
        (SegmentKind.FORWARD, 0.15),
        (SegmentKind.BACKWARD, 0.2),
        (SegmentKind.COOLDOWN, 0.15),
    )
    segments = [
        Segment(
            kind=kind,
            label=kind.value.title(),
            seconds=max(5, round(total_s * share)),
            cadence_spm=100,
            tips=("Chest up", "Steady trunk", "Short steps"),
        )
        for kind, share in shares
    ]
    return Routine(id="bench-cues", name="Cue timing bench", segments=tuple(segments))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=120, help="routine length (default 120)")
    parser.add_argument("--real-player", action="store_true", help="use QtCuePlayer")
    parser.add_argument("--metronome", action="store_true", help="tick the metronome too")
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="walkback-bench-"))
    log_path = setup_logging(folder)
    store = open_store(folder, backup=False)
    store.settings.set_many(
        {"tip_interval_s": 10, "get_ready_s": 5, "metronome_enabled": args.metronome}
    )
    ctx = AppContext(store=store, data_dir=folder, clock=SystemClock())
    if args.real_player:
        from walkback_desktop.audio.qt_player import QtCuePlayer

        player = QtCuePlayer()
        player.prepare()
        ctx.cue_player_factory = lambda _ctx: player
    else:
        recorder = RecordingCuePlayer()
        ctx.cue_player_factory = lambda _ctx: recorder

    controller = WorkoutController(ctx)
    run = controller.load(two_minute_routine(args.seconds))
    expected = len(run.timeline.cues)
    times: dict[str, float] = {}

    def begin() -> None:
        times["start"] = time.monotonic()
        controller.start()

    def end() -> None:
        times["end"] = time.monotonic()
        app.quit()

    controller.finished.connect(end)
    # Start once the event loop runs (and the real player had a moment to prepare).
    QTimer.singleShot(500, begin)
    app.exec()
    wall_s = times["end"] - times["start"]
    controller.shutdown()
    store.close()

    lines = log_path.read_text(encoding="utf-8").splitlines() if log_path else []
    cues = [m for line in lines if (m := CUE_LINE.search(line))]
    late = [float(m["late"]) for m in cues]
    dropped = sum(1 for m in cues if m["dropped"])
    player_name = "QtCuePlayer" if args.real_player else "RecordingCuePlayer"
    print(
        f"routine {run.timeline.total_s} s + {run.timeline.get_ready_s} s get-ready, {player_name}"
    )
    print(f"cues logged {len(cues)} of {expected} scheduled ({dropped} dropped by the player)")
    if not late:
        print("no cue lines found in", log_path)
        return 1
    print(
        f"lateness ms: p50 {percentile(late, 0.5):.1f}  p99 {percentile(late, 0.99):.1f}  "
        f"max {max(late):.1f}  mean {statistics.fmean(late):.1f}"
    )
    drift = wall_s - (run.timeline.total_s + run.timeline.get_ready_s)
    print(
        f"wall time {wall_s:.3f} s for {run.timeline.total_s + run.timeline.get_ready_s} s "
        f"of workout (drift {drift * 1000:+.0f} ms)"
    )
    within = all(v <= BUDGET_MS for v in late) and len(cues) == expected
    print(f"budget: every cue within {BUDGET_MS:.0f} ms -> {'OK' if within else 'OVER'}")
    print(f"log: {log_path}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
