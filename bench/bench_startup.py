"""Time from process start to an interactive main window (budget < 1.0 s).

Runs `python -c` in fresh processes, offscreen, and prints the median of N runs
and the import-time breakdown of the heaviest modules.

Run: .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile

RUNS = 7
SCRIPT = r"""
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from walkback_desktop.app import build_main_window
w = build_main_window(sys.argv[1])
w.show()
app.processEvents()
t1 = time.perf_counter()
heavy = [m for m in ("pyqtgraph", "numpy", "alembic", "PySide6.QtMultimedia", "PySide6.QtTextToSpeech") if m in sys.modules]
print(f"{(t1 - t0) * 1000:.0f} {','.join(heavy) or '-'}")
"""


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    heavy = ""
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(RUNS):
            t0 = __import__("time").perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", SCRIPT, tmp], capture_output=True, text=True, env=env
            )
            wall = (__import__("time").perf_counter() - t0) * 1000
            if done.returncode != 0:
                print(done.stderr)
                raise SystemExit(1)
            inner, heavy = done.stdout.split()
            times.append((wall, float(inner)))
    walls = [w for w, _ in times]
    inners = [i for _, i in times]
    print(
        f"process start -> window shown: median {statistics.median(walls):.0f} ms "
        f"(min {min(walls):.0f}, max {max(walls):.0f}) over {RUNS} runs; budget < 1000 ms"
    )
    print(f"  of which imports + window build: median {statistics.median(inners):.0f} ms")
    print(f"  heavy modules loaded at start-up: {heavy}")


if __name__ == "__main__":
    main()
