"""First paint of WalkBack's main window against a bare PySide6 QMainWindow.

Budget: first paint <= 1.5x the bare window, and "interactive with
data" (the Today page filled from 10 years / 20,000 sessions) <= 4x, both as
ratios measured side by side in this run, never as absolute times.

Each run is a fresh `python -c` process, offscreen; the kinds alternate
(bare, first paint, interactive, bare, ...). The parent passes its monotonic
clock reading taken just before starting the child; the child stamps the
first Paint event of its main window (an application-wide event filter, the
same code for both) and, for "interactive", the first paint inside the filled
Today page, then exits at once. Both windows are started the same way:
QApplication first, then the bare window (a QMainWindow with one label) or
WalkBack's own `walkback --data-dir DIR` entry point.

The child also reports the CPU time it used up to the stamp (user + system,
getrusage): on a machine shared with other work the wall-clock figures swing,
the CPU figures much less; both ratios are printed.

Prints one line a script can read:
    startup bare_ms=82 first_paint_ms=110 ratio=1.34 ... cpu_ratio=1.30 ... runs=9

Run: .venv/bin/python bench/bench_startup.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 9
SRC = Path(__file__).resolve().parents[1] / "src"

CHILD = r"""
import os, sys, time
T0 = int(sys.argv[1]) / 1e9
MODE = sys.argv[2]
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

def done(label):
    ms = (time.monotonic_ns() / 1e9 - T0) * 1000
    import resource
    use = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (use.ru_utime + use.ru_stime) * 1000
    heavy = [m for m in ("sqlalchemy", "alembic", "pyqtgraph", "numpy", "PySide6.QtMultimedia",
                         "PySide6.QtTextToSpeech") if m in sys.modules]
    print(f"{label} {ms:.1f} {cpu:.1f} {','.join(heavy) or '-'}", flush=True)
    os._exit(0)

class Stamp(QObject):
    # Watches the main window's own events until its first Paint; then, for
    # "interactive", every widget's paint until one inside a real (not Loading...)
    # page. Both kinds of window are stamped by this same code.

    def eventFilter(self, obj, event):
        if event.type() != QEvent.Type.Paint or not obj.isWidgetType():
            return False
        window = obj.window()
        if not isinstance(window, QMainWindow):
            return False
        if MODE != "interactive":
            done(MODE)
        if obj is window and not getattr(self, "wide", False):
            self.wide = True  # first paint seen: now watch the pages too
            app.installEventFilter(self)
        page = getattr(window, "current_page", None)
        if page is not None and type(page()).__name__ != "LoadingPage":
            shown = page()
            if obj is shown or shown.isAncestorOf(obj):
                done(MODE)
        return False

stamp = Stamp()
original_show = QMainWindow.show

def show(self):
    # The same hook for both windows: a filter on the window itself (an
    # application-wide Python filter would tax every event of start-up).
    self.installEventFilter(stamp)
    original_show(self)

QMainWindow.show = show
app = QApplication(sys.argv[:1])
if MODE == "bare":
    w = QMainWindow()
    w.setCentralWidget(QLabel("Hello"))
    w.resize(1100, 720)
    w.show()
    app.exec()
else:
    from walkback_desktop.cli import main
    main(["--data-dir", sys.argv[3]])
"""


def run_child(mode: str, data_dir: str, env: dict[str, str]) -> tuple[float, float, str]:
    t0 = time.monotonic_ns()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(t0), mode, data_dir],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    parts = out.stdout.split()
    if len(parts) != 4 or parts[0] != mode:
        raise SystemExit(f"{mode}: the child failed:\n{out.stdout}\n{out.stderr[-2000:]}")
    return float(parts[1]), float(parts[2]), parts[3]


def make_history(data_dir: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_history import synthetic_records

    from walkback_desktop.storage.store import open_store

    store = open_store(data_dir)
    try:
        store.sessions.import_many(synthetic_records())
    finally:
        store.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed apps have their .pyc files
    results: dict[str, list[float]] = {"bare": [], "first_paint": [], "interactive": []}
    cpu: dict[str, list[float]] = {mode: [] for mode in results}
    heavy = "-"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        make_history(data)
        for mode in results:  # warm the disk cache and the first-start work (migrations)
            run_child(mode, str(data), env)
        for _ in range(runs):
            for mode in results:
                ms, cpu_ms, loaded = run_child(mode, str(data), env)
                results[mode].append(ms)
                cpu[mode].append(cpu_ms)
                if mode == "first_paint":
                    heavy = loaded
    bare = statistics.median(results["bare"])
    first = statistics.median(results["first_paint"])
    inter = statistics.median(results["interactive"])
    pair = [f / b for f, b in zip(results["first_paint"], results["bare"], strict=True)]
    pair_i = [f / b for f, b in zip(results["interactive"], results["bare"], strict=True)]
    spread = {k: f"{min(v):.0f}-{max(v):.0f}" for k, v in results.items()}
    cpu_med = {k: statistics.median(v) for k, v in cpu.items()}
    load = os.getloadavg()[0]
    print(
        f"startup bare_ms={bare:.0f} first_paint_ms={first:.0f} ratio={first / bare:.2f} "
        f"pair_ratio_median={statistics.median(pair):.2f} "
        f"interactive_ms={inter:.0f} interactive_ratio={inter / bare:.2f} "
        f"interactive_pair_ratio_median={statistics.median(pair_i):.2f} "
        f"bare_range={spread['bare']} first_paint_range={spread['first_paint']} "
        f"interactive_range={spread['interactive']} heavy_at_first_paint={heavy} "
        f"cpu_bare_ms={cpu_med['bare']:.0f} cpu_first_paint_ms={cpu_med['first_paint']:.0f} "
        f"cpu_ratio={cpu_med['first_paint'] / cpu_med['bare']:.2f} "
        f"cpu_interactive_ms={cpu_med['interactive']:.0f} "
        f"cpu_interactive_ratio={cpu_med['interactive'] / cpu_med['bare']:.2f} "
        f"runs={runs} load1={load:.2f} budget_ratio=1.5 budget_interactive_ratio=4.0"
    )


if __name__ == "__main__":
    main()
