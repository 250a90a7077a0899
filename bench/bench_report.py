"""Time the whole `walkback report` command (fresh process each run) over one
year and ten years of history, and print the figures on one line.

Budgets (DESIGN.md): one year < 1.5 s, ten years (20,000 sessions) < 3 s and
<= 30 pages by default. Run by hand:

    .venv/bin/python bench/bench_report.py [--runs 3]

Each size gets a fresh data folder filled through `sessions.import_many`;
each run is `python -m walkback_desktop report --out ... --data-dir ...` in a
new process, so the times include start-up, imports (Qt, pyqtgraph) and the PDF.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from walkback_desktop.report.sample import sample_history
from walkback_desktop.storage.store import open_store

LAST = date(2026, 6, 30)
SIZES = (("1y", 365, 4.0), ("10y", 3652, 38.5))  # 10 y: about 20,000 sessions


def _fill(folder: Path, days: int, per_week: float) -> int:
    store = open_store(folder, backup=False)
    try:
        result = store.sessions.import_many(
            sample_history(LAST - timedelta(days=days - 1), days, per_week=per_week)
        )
        return result.added
    finally:
        store.close()


def _run(folder: Path, out: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "walkback_desktop",
            "report",
            "--out",
            str(out),
            "--to",
            LAST.isoformat(),
            "--data-dir",
            str(folder),
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - started


def _floor() -> float:
    """A fresh process that only starts a QApplication: the floor under any
    report, printed beside the figures so a loaded machine can be read."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication([])"],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory(prefix="walkback-bench-report-") as tmp:
        for label, days, per_week in SIZES:
            folder = Path(tmp) / label
            sessions = _fill(folder, days, per_week)
            out = folder / "report.pdf"
            times = [_run(folder, out) for _ in range(args.runs)]
            pages = len(PdfReader(out).pages)
            figures.append(
                f"{label}: sessions={sessions} median_s={statistics.median(times):.2f} "
                f"min_s={min(times):.2f} max_s={max(times):.2f} pages={pages}"
            )
    floor = statistics.median(_floor() for _ in range(args.runs))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"bench_report runs={args.runs} load={load:.2f} qapp_floor_s={floor:.2f} | "
        + " | ".join(figures)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
