"""Benchmark: the History page with 10 years of history (20,000 sessions).

Imports a synthetic CSV through the CLI, then, alternating in one process,
times (a) the History page from `page_shown()` until it has painted, filled
(the goal: <= 200 ms) and (b) the toolkit's floor for the same
job: sqlite3 reads the same rows into tuples and a bare QTableView over a
minimal model paints them. Also times building the page and sorting by kcal.
Wall-clock and CPU time (CPU is less distorted when other processes compete
for the cores); medians with min-max spread, the page/floor ratio, a fixed
calibration loop and the load average, in one key=value line for scripts.

    .venv/bin/python bench/bench_history.py [--rounds 9]

It runs against whichever sources are first on PYTHONPATH, so the same script
compares two checkouts in one session (run them alternately).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SESSIONS = 20_000
YEARS = 10
ROUTINES = ("knee-friendly-20", "first-steps-12", "low-back-relief-20", "Park loop")


def synthetic_csv(path: Path, sessions: int = SESSIONS, years: int = YEARS) -> None:
    from walkback_desktop.core.history import format_history_csv

    path.write_text(format_history_csv(synthetic_records(sessions, years)), encoding="utf-8")


def synthetic_records(sessions: int = SESSIONS, years: int = YEARS) -> list[Any]:
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
    """Wall-clock and this process's CPU time, in ms."""

    def __enter__(self) -> Timer:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = (time.perf_counter() - self.wall0) * 1000
        self.cpu = (time.process_time() - self.cpu0) * 1000


def floor_table(db_path: Path) -> Any:
    """The toolkit's floor: read the listed columns with sqlite3, show them in a
    QTableView over the smallest Python table model."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    class Model(QAbstractTableModel):
        def __init__(self, rows: list[tuple[Any, ...]]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
            return 0 if parent.isValid() else 9

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.rows[index.row()][index.column()])
            return None

    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "SELECT started_at, routine_name, active_seconds, backward_seconds, kcal, "
            "rpe, pain, completed, notes FROM sessions ORDER BY started_at DESC"
        ).fetchall()
    view = QTableView()
    view.setModel(Model(rows))
    view.verticalHeader().setVisible(False)
    return view


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from walkback_desktop import cli

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        csv_path = Path(tmp) / "history.csv"
        synthetic_csv(csv_path)
        if cli.main(["history", "import", str(csv_path), "--data-dir", str(data_dir)]) != 0:
            print("import failed", file=sys.stderr)
            return 1

        from walkback_desktop.storage.store import open_store
        from walkback_desktop.ui.context import AppContext
        from walkback_desktop.ui.pages.history import HistoryPage
        from walkback_desktop.ui.wiring import history_services

        store = open_store(data_dir, backup=False)
        ctx = AppContext(store=store, data_dir=data_dir)
        page_wall, page_cpu, floor_wall, floor_cpu, build = [], [], [], [], []
        rows = shown_rows = 0
        for n in range(args.rounds + 1):  # the first round warms caches and imports
            with Timer() as built:
                page = HistoryPage(ctx, **history_services(ctx))
            page.resize(1280, 800)
            page.show()
            with Timer() as shown:
                page.page_shown()
                page.repaint()
                app.processEvents()
            rows = getattr(page.model, "total", page.proxy.rowCount)()
            shown_rows = page.proxy.rowCount()
            page.close()
            page.deleteLater()
            with Timer() as floor:
                view = floor_table(data_dir / "walkback.db")
                view.resize(1280, 800)
                view.show()
                view.repaint()
                app.processEvents()
            view.close()
            view.deleteLater()
            app.processEvents()
            if n:
                build.append(built.wall)
                page_wall.append(shown.wall)
                page_cpu.append(shown.cpu)
                floor_wall.append(floor.wall)
                floor_cpu.append(floor.cpu)
        page = HistoryPage(ctx, **history_services(ctx))
        page.page_shown()
        with Timer() as sort:
            page.table.sortByColumn(4, page.table.horizontalHeader().sortIndicatorOrder())
        store.close()

    calibration = calibration_ms()
    ratios = [p / f for p, f in zip(page_wall, floor_wall, strict=True)]
    cpu_ratios = [p / f for p, f in zip(page_cpu, floor_cpu, strict=True)]
    load = os.getloadavg()[0]
    print(
        f"history sessions={rows} rows_read_first={shown_rows} rounds={args.rounds} "
        f"page_ms={statistics.median(page_wall):.0f} page_min_ms={min(page_wall):.0f} "
        f"page_max_ms={max(page_wall):.0f} page_cpu_ms={statistics.median(page_cpu):.0f} "
        f"floor_ms={statistics.median(floor_wall):.0f} "
        f"floor_cpu_ms={statistics.median(floor_cpu):.0f} "
        f"ratio={statistics.median(ratios):.2f} cpu_ratio={statistics.median(cpu_ratios):.2f} "
        f"build_ms={statistics.median(build):.0f} sort_ms={sort.wall:.0f} budget_ms=200 "
        f"calibration_ms={calibration:.0f} load1={load:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
