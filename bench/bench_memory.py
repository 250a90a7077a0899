"""Resident memory with every page opened (DESIGN.md budget: < 200 MB RSS).

Builds the real main window over a data folder holding 10 years of synthetic
history (20,000 sessions), shows each page in turn (the Progress page loads
pyqtgraph and draws its charts), and reads the process's peak and current RSS.
The last line sums it up in key=value form for scripts, with each page's growth.

Run: .venv/bin/python bench/bench_memory.py
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_storage import N_HISTORY, synthetic_sessions


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from walkback_desktop.app import build_main_window
    from walkback_desktop.storage.store import open_store

    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        store.sessions.import_many(synthetic_sessions(N_HISTORY))
        store.close()
        window = build_main_window(tmp)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        shown = rss_mb()
        print(f"window shown: {shown:.0f} MB RSS")
        growth = []
        before = shown
        for n in range(window.nav.count()):
            window.nav.setCurrentRow(n)
            for _ in range(5):
                app.processEvents()
            now = rss_mb()
            page_id = window.current_page().page_id
            print(f"  after opening {page_id:<9} {now:.0f} MB RSS")
            growth.append(f"{page_id}=+{now - before:.0f}")
            before = now
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"every page opened, {N_HISTORY} sessions: {rss_mb():.0f} MB RSS now, "
            f"peak {peak:.0f} MB (budget < 200 MB)"
        )
        print(
            f"memory sessions={N_HISTORY} shown_mb={shown:.0f} all_pages_mb={rss_mb():.0f} "
            f"peak_mb={peak:.0f} budget_mb=200 growth_mb={','.join(growth)}"
        )
        window.close()


if __name__ == "__main__":
    main()
