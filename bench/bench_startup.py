"""Time from process start to an interactive main window (budget < 1.0 s).

Starts `python -c` in fresh processes, offscreen, and stamps the moment the
child reports its window shown and its event loop idle (process exit and
teardown are not counted). Prints the median of N runs, the part spent inside
the child, and which heavy modules were loaded by then (none should be).

Run: .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 9
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
heavy = [m for m in ("pyqtgraph", "numpy", "alembic", "PySide6.QtMultimedia",
                     "PySide6.QtTextToSpeech", "walkback_desktop.report.render") if m in sys.modules]
print(f"{(t1 - t0) * 1000:.0f} {','.join(heavy) or '-'}", flush=True)
"""


def one_run(data_dir: str, env: dict[str, str]) -> tuple[float, float, str]:
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, data_dir],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    shown = (time.perf_counter() - start) * 1000
    child.wait()
    if not line:
        raise SystemExit("the child did not start; run the SCRIPT by hand to see why")
    inner, heavy = line.split()
    return shown, float(inner), heavy


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        one_run(tmp, env)  # creates and migrates the database, as a first launch does
        runs = [one_run(tmp, env) for _ in range(RUNS)]
    shown = [r[0] for r in runs]
    inner = [r[1] for r in runs]
    print(
        f"process start -> window shown: median {statistics.median(shown):.0f} ms "
        f"(min {min(shown):.0f}, max {max(shown):.0f}) over {RUNS} runs; budget < 1000 ms"
    )
    print(
        f"  of which imports + window build inside the process: median {statistics.median(inner):.0f} ms"
    )
    print(f"  heavy modules loaded by then: {runs[-1][2]}")


if __name__ == "__main__":
    main()
