"""Time the Progress page with 20,000 sessions (ten years), each run in a fresh
process: from importing the page to the page ready (built, shown, its sessions
read, tiles, weeks, charts and table filled and painted), then a change to the
"All" range. Three start states: "cold" (the first visit pays for importing
pyqtgraph and numpy), "preloaded" (`preload_charts()` ran in idle time after
start-up, as the app does; the page is still built and its table filled in
the timed span), "early" (the page was built, hidden, at start-up and the
charts imported, but the visit comes before the page's own idle-time warm-up;
timed from showing it to painted, with its sessions read, tiles and charts
drawn; the table stays hidden, as it is until asked for), and "visit" (what a
person waits for in the app: as "early", after `ProgressPage.warm_up()` has
read and drawn the page, hidden, in idle time; code without `warm_up` is
timed as "early"). Budget: ready <= 300 ms.

With `--against SRC` (another checkout's `src`, e.g. another clone's src) the same
runs alternate with that code on the same data, and the line gives the ratio
of the medians (this tree / that one): a figure that holds on a busy machine.

    .venv/bin/python bench/bench_progress.py [--runs 7] [--against OTHER_CHECKOUT/src]

Prints one line: sessions, runs, load, and per state the median ready time in
ms with its min-max spread and the median CPU time of the process over the same
span (less sensitive to a busy machine than the wall clock), and with
--against the baseline's figures and the ratio of the wall-clock medians.
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
state = sys.argv[2]
if state in ("preloaded", "early", "visit"):
    from walkback_desktop.ui.pages.progress import preload_charts
    preload_charts()
    app.processEvents()
if state in ("early", "visit"):  # as in the app: the page was built, hidden, at start-up
    from walkback_desktop.ui.pages.progress import ProgressPage
    from walkback_desktop.ui.wiring import progress_services
    ctx = AppContext(store=store, data_dir=Path(sys.argv[1]))
    page = ProgressPage(ctx, **progress_services(ctx))
    page.resize(1280, 800)
    app.processEvents()
    if state == "visit" and hasattr(page, "warm_up"):  # then warmed up in idle time
        page.warm_up()
        end = time.perf_counter() + 30
        while not page.prepared and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)
        assert page.prepared, "the page did not warm up"
t0, c0 = time.perf_counter(), time.process_time()
if state not in ("early", "visit"):
    from walkback_desktop.ui.pages.progress import ProgressPage
    from walkback_desktop.ui.wiring import progress_services
    ctx = AppContext(store=store, data_dir=Path(sys.argv[1]))
    page = ProgressPage(ctx, **progress_services(ctx))
    page.resize(1280, 800)
page.show()
page.page_shown()
if state not in ("early", "visit"):
    page.table_toggle.setChecked(True)  # the table filled too
    page.table_toggle.setChecked(False)
app.processEvents()  # laid out and painted (the offscreen platform paints too)
t1, c1 = time.perf_counter(), time.process_time()
page.set_period("all")
app.processEvents()
t2 = time.perf_counter()
print(json.dumps({"ready": t1 - t0, "ready_cpu": c1 - c0, "all": t2 - t1}))
"""

STATES = ("cold", "preloaded", "early", "visit")


def run_child(src: Path, folder: Path, state: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(src), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), state],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def summary(samples: list[float]) -> tuple[float, float, float]:
    ms = [s * 1000 for s in samples]
    return statistics.median(ms), min(ms), max(ms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout's src to compare with")
    args = parser.parse_args()
    from walkback_desktop.report.sample import sample_history
    from walkback_desktop.storage.store import open_store

    ours = Path(__file__).resolve().parents[1] / "src"
    trees = {"this": ours} | ({"base": args.against.resolve()} if args.against else {})
    with tempfile.TemporaryDirectory(prefix="walkback-bench-progress-") as tmp:
        folder = Path(tmp)
        store = open_store(folder, backup=False)
        last = date.today()
        added = store.sessions.import_many(
            sample_history(last - timedelta(days=3651), 3652, per_week=38.5)
        ).added
        store.close()
        samples: dict[tuple[str, str], list[dict[str, float]]] = {}
        for _ in range(args.runs):  # alternate trees and states in every round
            for state in STATES:
                for name, src in trees.items():
                    samples.setdefault((name, state), []).append(run_child(src, folder, state))
    parts = [f"bench_progress sessions={added} runs={args.runs} load={os.getloadavg()[0]:.2f}"]
    for state in STATES:
        med, lo, hi = summary([s["ready"] for s in samples["this", state]])
        parts.append(f"{state}_ready_ms={med:.0f} ({lo:.0f}-{hi:.0f})")
        cpu = summary([s["ready_cpu"] for s in samples["this", state]])[0]
        parts.append(f"{state}_cpu_ms={cpu:.0f}")
        if args.against:
            bmed, blo, bhi = summary([s["ready"] for s in samples["base", state]])
            bcpu = summary([s["ready_cpu"] for s in samples["base", state]])[0]
            parts.append(f"base_{state}_ready_ms={bmed:.0f} ({blo:.0f}-{bhi:.0f})")
            parts.append(f"base_{state}_cpu_ms={bcpu:.0f}")
            parts.append(f"{state}_ratio={med / bmed:.2f}")
    med, lo, hi = summary([s["all"] for s in samples["this", "preloaded"]])
    parts.append(f"all_range_ms={med:.0f} ({lo:.0f}-{hi:.0f}) budget_ms=300")
    print(" ".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
