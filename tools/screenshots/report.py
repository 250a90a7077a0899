"""Render sample progress reports and turn their pages into PNGs.

    .venv/bin/python tools/screenshots/report.py [--keep DIR]

Imports a year of synthetic history into a temporary data folder, runs
`walkback report` (the command-line path) for A4 and US Letter, plus a thin
(one-session) and an empty period, then `pdftoppm -r 80` (poppler-utils)
turns every page into PAGES_DIR/report-<variant>-<page>.png (default
/tmp/walkback-report-pages; look at every page after a layout change).
docs/screenshots gets a few of them (report-a4-summary.png, report-a4-log.png,
report-a4-notes.png, report-letter-summary.png, report-thin-summary.png,
report-empty.png), the GUI's print preview (report-print-preview.png) and
the period dialog (report-dialog.png).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
PAGES_DIR = Path(tempfile.gettempdir()) / "walkback-report-pages"
# (variant, page: 1-based, -1 for the last) -> name in docs/screenshots
KEEP = {
    ("a4", 1): "report-a4-summary.png",
    ("a4", 3): "report-a4-log.png",
    ("a4", -1): "report-a4-notes.png",
    ("letter", 1): "report-letter-summary.png",
    ("thin", 1): "report-thin-summary.png",
    ("empty", 1): "report-empty.png",
}
LAST = date(2026, 6, 30)
FIRST = LAST - timedelta(days=364)


def _fill(data_dir: Path) -> None:
    from walkback_desktop.report.sample import sample_history
    from walkback_desktop.storage.store import open_store

    store = open_store(data_dir, backup=False)
    try:
        records = sample_history(FIRST, 365, per_week=3.6)
        # One walk with typed markup and a long note: both must print as typed.
        odd = records[40].with_changes(
            routine_id=None,
            routine_name="Hall <b>laps</b> & stairs",
            notes="Tried <img src=https://example.invalid/x.png> & <i>this</i>. "
            "Right knee clicked twice on the turn but no pain afterwards; "
            "physio wants me to keep the steps short and look over my shoulder.",
        )
        records[40] = odd
        store.sessions.import_many(records)
        store.settings.set("person_name", "Alex Morgan")
        store.settings.set("weight_kg", 78.0)
    finally:
        store.close()


def _report(data_dir: Path, out: Path, *args: str, lang: str) -> None:
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "walkback_desktop",
            "report",
            "--data-dir",
            str(data_dir),
            "--out",
            str(out),
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode != 0:
        raise SystemExit(f"walkback report failed: {done.stderr.strip()}")
    print(done.stdout.strip())


def _pages_to_png(pdf: Path, variant: str, pages_dir: Path) -> list[Path]:
    for old in pages_dir.glob(f"report-{variant}-*.png"):
        old.unlink()
    prefix = pages_dir / f"report-{variant}"
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(prefix)], check=True)
    pngs = sorted(pages_dir.glob(f"report-{variant}-*.png"))
    for (kept_variant, page), name in KEEP.items():
        if kept_variant == variant:
            shutil.copy(pngs[page - 1 if page > 0 else page], OUT / name)
    return pngs


def _print_preview(data_dir: Path) -> Path:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication

    from walkback_desktop.report.charts import render_print_charts
    from walkback_desktop.report.data import ReportRequest
    from walkback_desktop.report.output import PrintJob, build_report
    from walkback_desktop.storage.store import open_store

    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = open_store(data_dir, backup=False)
    try:
        report = build_report(
            store, ReportRequest(first=FIRST, last=LAST), charts=render_print_charts
        )
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        job = PrintJob(report, render_print_charts)
        job.configure(printer)
        dialog = QPrintPreviewDialog(printer)
        dialog.setWindowTitle("Print preview – progress report")
        dialog.paintRequested.connect(job.paint)
        dialog.resize(1100, 900)
        dialog.show()
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        app.processEvents()
        path = OUT / "report-print-preview.png"
        dialog.grab().save(str(path))
        print(f"print preview: {preview.pageCount()} pages (PDF: {report.page_count})")
        dialog.close()
        return path
    finally:
        store.close()


def _dialog() -> Path:
    from PySide6.QtWidgets import QApplication

    from walkback_desktop.ui.report_dialog import ReportDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    dialog = ReportDialog(
        None,
        title="Export report as PDF",
        accept_label="Choose file…",
        person_name="Alex Morgan",
        today=LAST,
    )
    dialog.show()
    app.processEvents()
    path = OUT / "report-dialog.png"
    dialog.grab().save(str(path))
    dialog.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="also keep the PDFs in this folder")
    parser.add_argument("--pages-dir", type=Path, default=PAGES_DIR, help="where every page goes")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm not found: install poppler-utils")
    OUT.mkdir(parents=True, exist_ok=True)
    args.pages_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="walkback-report-shots-") as tmp:
        root = Path(tmp)
        data_dir = root / "data"
        data_dir.mkdir()
        _fill(data_dir)
        thin_first = FIRST + timedelta(days=40)
        variants = {
            "a4": (("--to", LAST.isoformat()), "en_GB.UTF-8"),  # the sample ends on LAST
            "letter": (("--from", FIRST.isoformat(), "--to", LAST.isoformat()), "en_US.UTF-8"),
            "thin": (("--from", thin_first.isoformat(), "--to", thin_first.isoformat()), "C"),
            "empty": (("--from", "2020-01-01", "--to", "2020-01-31"), "en_GB.UTF-8"),
        }
        for variant, (extra, lang) in variants.items():
            pdf = root / f"report-{variant}.pdf"
            _report(data_dir, pdf, *extra, lang=lang)
            pngs = _pages_to_png(pdf, variant, args.pages_dir)
            print(f"{variant}: {len(pngs)} pages -> {pngs[0].name} ... {pngs[-1].name}")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(pdf, args.keep / pdf.name)
        print(f"saved {_print_preview(data_dir)}")
        print(f"saved {_dialog()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
