"""Benchmark: 10 years of history (20,000 sessions) through the CSV import,
then time the History page until its model is ready and a redraw of every
Progress chart. Budgets (DESIGN.md): History page <= 200 ms, redraw < 150 ms.
The last line sums it up in key=value form for scripts.

    .venv/bin/python bench/bench_history.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SESSIONS = 20_000
YEARS = 10
ROUTINES = ("knee-friendly-20", "first-steps-12", "low-back-relief-20", "Park loop")


def synthetic_csv(path: Path, sessions: int = SESSIONS, years: int = YEARS) -> None:
    from walkback_desktop.core.history import format_history_csv

    path.write_text(format_history_csv(synthetic_records(sessions, years)), encoding="utf-8")


def synthetic_records(sessions: int = SESSIONS, years: int = YEARS) -> list:
    """10 years of varied sessions (four routines, notes, missing ratings)."""
    from walkback_desktop.core.history import SessionRecord

    rng = random.Random(5)
    zone = ZoneInfo("Europe/London")
    end = datetime(2025, 11, 1, tzinfo=timezone.utc)
    span_s = years * 365 * 86400
    records = []
    for n in range(sessions):
        moment = (end - timedelta(seconds=span_s * (1 - n / sessions))).astimezone(zone)
        active = rng.choice((900, 1200, 1500, 1800, 2400))
        records.append(
            SessionRecord(
                started_at=moment.replace(microsecond=0),
                routine_name=rng.choice(ROUTINES),
                active_seconds=active,
                backward_seconds=round(active * rng.uniform(0.3, 0.6)),
                completed=rng.random() > 0.1,
                kcal=None if rng.random() < 0.5 else round(rng.uniform(80, 250), 1),
                rpe=rng.choice((None, 3, 4, 5, 6, 7)),
                pain=rng.choice((None, 0, 1, 2, 3, 4)),
                notes=rng.choice(("", "felt good", "knee stiff at first", "windy")),
            )
        )
    return records


def calibration_ms() -> float:
    """A fixed pure-Python loop: ~130 ms on an idle modern core. Quote it with
    the numbers so a loaded machine's figures can be read in context."""
    t0 = time.perf_counter()
    total = 0
    for n in range(3_000_000):
        total += n
    return (time.perf_counter() - t0) * 1000


class Timer:
    """Wall-clock and this process's CPU time (CPU time is less distorted when
    other processes compete for the cores)."""

    def __enter__(self) -> Timer:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = (time.perf_counter() - self.wall0) * 1000
        self.cpu = (time.process_time() - self.cpu0) * 1000


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from walkback_desktop import cli

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        csv_path = Path(tmp) / "history.csv"
        synthetic_csv(csv_path)
        t0 = time.perf_counter()
        code = cli.main(["history", "import", str(csv_path), "--data-dir", str(data_dir)])
        import_ms = (time.perf_counter() - t0) * 1000
        if code != 0:
            print("import failed", file=sys.stderr)
            return 1

        from walkback_desktop.storage.store import open_store
        from walkback_desktop.ui.context import AppContext
        from walkback_desktop.ui.pages.history import HistoryPage
        from walkback_desktop.ui.pages.progress import ProgressPage
        from walkback_desktop.ui.wiring import progress_services

        store = open_store(data_dir, backup=False)
        ctx = AppContext(store=store, data_dir=data_dir)

        ready, ready_cpu = [], []
        for _ in range(5):
            page = HistoryPage(ctx)
            page.resize(1200, 800)
            page.show()
            with Timer() as timer:
                page.page_shown()
                app.processEvents()
            ready.append(timer.wall)
            ready_cpu.append(timer.cpu)
            rows = page.proxy.rowCount()
            page.close()
            page.deleteLater()
        sort_t0 = time.perf_counter()
        page = HistoryPage(ctx)
        page.page_shown()
        page.table.sortByColumn(4, page.table.horizontalHeader().sortIndicatorOrder())
        sort_ms = (time.perf_counter() - sort_t0) * 1000

        progress = ProgressPage(ctx, **progress_services(ctx))
        progress.resize(1200, 900)
        progress.show()
        t0 = time.perf_counter()
        progress.page_shown()  # first show: imports pyqtgraph, reads sessions, draws
        app.processEvents()
        first_ms = (time.perf_counter() - t0) * 1000
        results = {}
        for label, days in (("4 weeks", 28), ("1 year", 365), ("all (10 years)", None)):
            progress.range_days = days
            times, cpu = [], []
            for _ in range(7):
                with Timer() as timer:
                    progress.redraw()
                    progress.charts.view.repaint()
                    app.processEvents()
                times.append(timer.wall)
                cpu.append(timer.cpu)
            results[label] = (statistics.median(times), statistics.median(cpu))
        t0 = time.perf_counter()
        progress.refresh()
        app.processEvents()
        refresh_ms = (time.perf_counter() - t0) * 1000
        store.close()

    calibration = calibration_ms()
    print(f"calibration loop (3M adds; ~130 ms idle): {calibration:.0f} ms")
    print(f"sessions imported via CLI:          {rows} in {import_ms:.0f} ms")
    print(
        f"history page ready (median of 5):   {statistics.median(ready):.0f} ms wall, "
        f"{statistics.median(ready_cpu):.0f} ms CPU  (budget 200)"
    )
    print(f"history sort by kcal (new page):    {sort_ms:.0f} ms")
    print(f"progress first show (pyqtgraph import + read + draw): {first_ms:.0f} ms")
    for label, (wall, cpu_ms) in results.items():
        print(
            f"progress redraw, {label:<15} {wall:.0f} ms wall, {cpu_ms:.0f} ms CPU  (budget 150)"
        )
    print(f"progress refresh (re-read 20k rows + redraw): {refresh_ms:.0f} ms")
    print(
        f"history sessions={rows} page_ms={statistics.median(ready):.0f} "
        f"page_cpu_ms={statistics.median(ready_cpu):.0f} budget_ms=200 "
        f"sort_ms={sort_ms:.0f} progress_first_ms={first_ms:.0f} "
        f"redraw_all_ms={results['all (10 years)'][0]:.0f} import_ms={import_ms:.0f} "
        f"calibration_ms={calibration:.0f} load1={os.getloadavg()[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
