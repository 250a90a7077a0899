"""Resident memory with every page opened (budget: < 200 MB RSS).

Builds the real main window over a data folder holding 10 years of synthetic
history (20,000 sessions), waits for its pages, shows each page in turn and
reads the process's RSS after each step: the bare toolkit (PySide6 and a
QApplication), the app's imports, the window with its data, the idle-time
work the app does next (the chart modules imported, Progress drawn hidden),
then every page, with the modules each page imported first. With --trace, tracemalloc also
reports the Python heap each step added and the files that allocated most of
it (tracemalloc itself costs memory and time: compare RSS from plain runs).
The last line is key=value for scripts.

Run: .venv/bin/python bench/bench_memory.py [--trace]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_storage import N_HISTORY, synthetic_sessions

BIG_PACKAGES = ("pyqtgraph", "numpy", "sqlalchemy", "alembic")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Steps:
    """RSS (and, when tracing, Python heap) growth per named step."""

    def __init__(self, trace: bool) -> None:
        self.trace = trace
        self.rows: list[tuple[str, float, float, str, str]] = []
        self._rss = rss_mb()
        self._modules = set(sys.modules)
        self._snapshot = tracemalloc.take_snapshot() if trace else None

    def mark(self, name: str) -> None:
        now = rss_mb()
        added = sorted(set(sys.modules) - self._modules)
        self._modules = set(sys.modules)
        packages = sorted(
            {m.split(".")[0] for m in added if m.split(".")[0] in BIG_PACKAGES}
            | {m for m in added if m.startswith("PySide6.Qt")}
        )
        modules = f"{len(added)} modules" + (f" ({', '.join(packages)})" if packages else "")
        heap, top = 0.0, ""
        if self._snapshot is not None:
            snapshot = tracemalloc.take_snapshot()
            stats = snapshot.compare_to(self._snapshot, "filename")
            heap = sum(s.size_diff for s in stats) / 2**20
            top = ", ".join(
                f"{_short(s.traceback[0].filename)} {s.size_diff / 2**20:+.1f}"
                for s in stats[:3]
                if s.size_diff > 256 * 1024
            )
            self._snapshot = snapshot
        delta, self._rss = now - self._rss, now
        self.rows.append((name, now, delta, modules, f"{heap:+.1f} MB py {top}"))
        extra = f"; heap {heap:+.1f} MB: {top}" if self.trace else ""
        print(f"  {name:<16} {now:6.0f} MB RSS ({delta:+.0f}) {modules}{extra}", flush=True)


def _short(filename: str) -> str:
    for marker in ("site-packages/", "src/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def wait_until(app: object, ready: Callable[[], bool], seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while not ready() and time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trace", action="store_true", help="tracemalloc per step (slower)")
    parser.add_argument("--make-data", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make_data:  # in a child process, so making the data costs this one nothing
        from walkback_desktop.storage.store import open_store

        store = open_store(Path(args.make_data))
        store.sessions.import_many(synthetic_sessions(N_HISTORY))
        store.close()
        return
    if args.trace:
        tracemalloc.start()
    steps = Steps(args.trace)
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    steps.mark("qt")
    from walkback_desktop.app import build_main_window

    steps.mark("imports")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, __file__, "--make-data", tmp], check=True)
        window = build_main_window(tmp)
        window.resize(1400, 900)
        window.show()
        wait_until(app, lambda: type(window.page("history")).__name__ != "LoadingPage")
        for _ in range(5):
            app.processEvents()
        steps.mark("window")
        # as the app does once it is idle: the chart modules imported, then the
        # Progress page drawn hidden
        from walkback_desktop.ui.loading import warm_up_imports

        warm_up_imports(window)
        progress = window.page("progress")
        wait_until(app, lambda: getattr(progress, "prepared", True))
        steps.mark("idle")
        for n in range(window.nav.count()):
            window.nav.setCurrentRow(n)
            for _ in range(5):
                app.processEvents()
            steps.mark(f"page:{window.current_page().page_id}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        now = rss_mb()
        pages = ",".join(
            f"{name[5:]}=+{growth:.0f}"
            for name, _, growth, *_ in steps.rows
            if name.startswith("page:")
        )
        before = " ".join(f"{name}_mb={rss:.0f}" for name, rss, *_ in steps.rows[:3])
        print(
            f"memory sessions={N_HISTORY} {before} all_pages_mb={now:.0f} peak_mb={peak:.0f} "
            f"budget_mb=200 growth_mb={pages} traced={args.trace}"
        )
        window.close()


if __name__ == "__main__":
    main()
