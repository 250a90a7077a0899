"""Time the Progress page with 20,000 sessions (ten years), from a fresh
process: building the page, the first show (reading the sessions, computing
the weeks and tiles, importing pyqtgraph and drawing the charts), and a
range change. Prints one line. Budget (DESIGN.md): ready <= 300 ms.

    .venv/bin/python bench/bench_progress.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

CHILD = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from walkback_desktop.storage.store import open_store
from walkback_desktop.ui.context import AppContext
from pathlib import Path
store = open_store(Path(sys.argv[1]), backup=False)
t0 = time.perf_counter()
from walkback_desktop.ui.pages.progress import ProgressPage
page = ProgressPage(AppContext(store=store, data_dir=Path(sys.argv[1])))
page.resize(1280, 800)
page.show()
t1 = time.perf_counter()
page.page_shown()
app.processEvents()
t2 = time.perf_counter()
page.set_period("all")
app.processEvents()
t3 = time.perf_counter()
print(json.dumps({"build": t1 - t0, "first_show": t2 - t1, "ready": t2 - t0, "all": t3 - t2}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from walkback_desktop.report.sample import sample_history
    from walkback_desktop.storage.store import open_store

    with tempfile.TemporaryDirectory(prefix="walkback-bench-progress-") as tmp:
        folder = Path(tmp)
        store = open_store(folder, backup=False)
        last = date.today()
        added = store.sessions.import_many(
            sample_history(last - timedelta(days=3651), 3652, per_week=38.5)
        ).added
        store.close()
        samples = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(folder)],
                check=True,
                capture_output=True,
                text=True,
            )
            samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(s[k] for s in samples) * 1000 for k in samples[0]}
    spread = [s["ready"] * 1000 for s in samples]
    load = os.getloadavg()[0]
    print(
        f"bench_progress sessions={added} runs={args.runs} load={load:.2f} "
        f"ready_ms={med['ready']:.0f} (min {min(spread):.0f} max {max(spread):.0f}) "
        f"build_ms={med['build']:.0f} first_show_ms={med['first_show']:.0f} "
        f"all_range_ms={med['all']:.0f} budget_ms=300"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
