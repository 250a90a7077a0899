"""Time the PDF progress report over one year and ten years of history.

Budget (DESIGN.md): one year < 2 s. Run by hand:

    .venv/bin/python bench/bench_report.py [--runs 3] [--stress]

Each size gets a fresh data folder filled through `sessions.import_many`
with a synthetic history (about four walks a week); `--stress` adds ten
years at 20,000 sessions (the chart benchmark's size). Times are split into
reading + computing (collect), layout + charts, and writing the PDF; the
first report of the process also pays for importing pyqtgraph, shown apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from walkback_desktop.report.data import ReportRequest
from walkback_desktop.report.output import collect_for_locale, write_pdf
from walkback_desktop.report.render import LaidOutReport, page_layout_for
from walkback_desktop.report.sample import sample_history
from walkback_desktop.storage.store import open_store
from walkback_desktop.ui.report_charts import render_report_charts

LAST = date(2026, 6, 30)
LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _time_report(store, first: date, out: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    data = collect_for_locale(store, ReportRequest(first=first, last=LAST), locale=LOCALE)
    t1 = time.perf_counter()
    report = LaidOutReport(data, page_layout_for(LOCALE), render_report_charts)
    t2 = time.perf_counter()
    pages = write_pdf(report, out)
    t3 = time.perf_counter()
    return {
        "collect": t1 - t0,
        "layout": t2 - t1,
        "pdf": t3 - t2,
        "total": t3 - t0,
        "pages": pages,
        "sessions": len(data.records),
        "bytes": out.stat().st_size,
    }


def _bench(label: str, days: int, per_week: float, runs: int, root: Path) -> None:
    folder = root / label.replace(" ", "-")
    folder.mkdir()
    store = open_store(folder, backup=False)
    try:
        first = LAST - timedelta(days=days - 1)
        started = time.perf_counter()
        result = store.sessions.import_many(sample_history(first, days, per_week=per_week))
        imported_s = time.perf_counter() - started
        print(f"\n{label}: imported {result.added:,} sessions in {imported_s:.2f} s")
        cold = _time_report(store, first, folder / "cold.pdf")
        print(
            f"  first report (includes importing pyqtgraph): {cold['total']:.2f} s, "
            f"{cold['pages']} pages, {cold['bytes'] / 1024:,.0f} KiB"
        )
        samples = [_time_report(store, first, folder / f"r{n}.pdf") for n in range(runs)]
        for key in ("collect", "layout", "pdf", "total"):
            values = [s[key] for s in samples]
            print(
                f"  {key:<8} median {statistics.median(values):6.2f} s   "
                f"min {min(values):6.2f} s   max {max(values):6.2f} s"
            )
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stress", action="store_true", help="also 20,000 sessions")
    args = parser.parse_args()
    _app = QApplication(sys.argv[:1])
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median of {args.runs} runs")
    with tempfile.TemporaryDirectory(prefix="walkback-bench-report-") as tmp:
        root = Path(tmp)
        _bench("one year", 365, 4.0, args.runs, root)
        _bench("ten years", 3652, 4.0, args.runs, root)
        if args.stress:
            _bench("ten years stress", 3652, 42.5, max(1, args.runs // 3), root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
