"""Render a report for someone following the knee program and keep its plan and
3-m Backward Walk Test pages as screenshots.

    .venv/bin/python tools/screenshots/report_plan.py [--keep DIR]

Fills a temporary data folder (two months of walks, then the 6-week knee
program from Mon 4 May 2026 with a missed week and a walk cut short, and two
test results), runs `walkback report` (the command-line path) for 6 April to
10 June 2026 (program week 6), and turns every page into
/tmp/walkback-report-pages/report-plan-<page>.png with `pdftoppm -r 60`
(poppler-utils): look at every page. docs/screenshots gets report-plan.png
(the plan page) and report-walk-test.png (the test section, from its heading
to the foot of its page), both at 80 dpi.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
PAGES_DIR = Path(tempfile.gettempdir()) / "walkback-report-pages"
ZONE = timezone(timedelta(hours=2))
FIRST = date(2026, 4, 6)
ENROLLED = date(2026, 5, 4)  # a Monday
LAST = date(2026, 6, 10)  # Wednesday of program week 6
# (day offset from ENROLLED, backward seconds, completed, pain, note)
WALKS = [
    (0, 600, True, 5, "First session of the plan"),
    (2, 560, True, 5, ""),
    (4, 600, True, 4, ""),
    (7, 600, True, 4, ""),
    (9, 610, True, 4, "Knee a bit stiff at the start"),
    (12, 600, True, 3, ""),
    # week 3 (18-24 May): away, no walks
    (21, 600, True, 3, ""),
    (23, 250, False, 4, "Stopped early, knee ached"),
    (24, 600, True, 3, ""),
    (28, 600, True, 2, ""),
    (30, 600, True, 2, ""),
    (32, 600, True, 2, "Felt strong"),
    (35, 600, True, 2, ""),
]
TESTS = [(0, 6.4, (7.1, 6.4), "Before the first session"), (36, 5.3, (5.6, 5.3), "")]


def _fill(data_dir: Path) -> None:
    from walkback_desktop.core.assessments import AssessmentResult
    from walkback_desktop.core.history import SessionRecord
    from walkback_desktop.report.sample import sample_history
    from walkback_desktop.services.programs import ProgramService
    from walkback_desktop.storage.store import open_store

    store = open_store(data_dir, backup=False)
    try:
        store.settings.set("person_name", "Alex Morgan")
        store.settings.set("week_start", "monday")
        before = sample_history(FIRST, (ENROLLED - FIRST).days, per_week=2.5)
        walks = []
        for offset, backward, completed, pain, note in WALKS:
            start = datetime.combine(ENROLLED + timedelta(days=offset), time(9, 30), ZONE)
            active = 1500.0 if completed else 700.0
            walks.append(
                SessionRecord(
                    started_at=start,
                    ended_at=start + timedelta(seconds=active),
                    routine_id="knee-friendly-20",
                    routine_name="Knee-friendly retro walk",
                    active_seconds=active,
                    backward_seconds=float(backward),
                    completed=completed,
                    rpe=4,
                    pain=pain,
                    notes=note,
                )
            )
        store.sessions.import_many(before + walks)
        ProgramService(store, today=lambda: LAST).enrol("knee-oa-6-weeks", ENROLLED)
        for offset, seconds, trials, note in TESTS:
            taken = datetime.combine(ENROLLED + timedelta(days=offset), time(9, 0), ZONE)
            store.assessments.add(AssessmentResult(taken, seconds, trials, note))
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="also keep the PDF in this folder")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm not found: install poppler-utils")
    PAGES_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="walkback-plan-shots-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        _fill(data_dir)
        pdf = Path(tmp) / "report-plan.pdf"
        done = subprocess.run(
            [
                *(sys.executable, "-m", "walkback_desktop", "report", "--data-dir", str(data_dir)),
                *("--out", str(pdf), "--from", FIRST.isoformat(), "--to", LAST.isoformat()),
            ],
            capture_output=True,
            text=True,
            env=dict(os.environ, LANG="en_GB.UTF-8", LC_ALL="en_GB.UTF-8"),
        )
        if done.returncode != 0:
            raise SystemExit(f"walkback report failed: {done.stderr.strip()}")
        print(done.stdout.strip())
        for old in PAGES_DIR.glob("report-plan-*.png"):
            old.unlink()
        prefix = PAGES_DIR / "report-plan"
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(prefix)], check=True)
        pngs = sorted(PAGES_DIR.glob("report-plan-*.png"))
        texts = _page_texts(pdf)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(pdf, args.keep / pdf.name)
        plan = next(n for n, t in enumerate(texts) if "Rehab plan:" in t)
        test = next(n for n, t in enumerate(texts) if "3-m Backward Walk Test" in t)
        _render(pdf, plan + 1, OUT / "report-plan.png")
        _render(pdf, test + 1, OUT / "report-walk-test.png", from_y=_heading_y(pdf, test + 1))
        print(f"{len(pngs)} pages in {PAGES_DIR}; plan on page {plan + 1}, test on {test + 1}")
    return 0


def _render(pdf: Path, page: int, target: Path, from_y: float = 0.0, dpi: int = 80) -> None:
    """One page (from `from_y` points down) as a PNG."""
    crop = []
    if from_y:
        top = round(from_y * dpi / 72)
        crop = ["-y", str(top), "-H", "100000", "-W", "100000"]
    stem = target.with_suffix("")
    subprocess.run(
        [
            *("pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page)),
            *crop,
            *(str(pdf), str(stem)),
        ],
        check=True,
    )


def _heading_y(pdf: Path, page: int) -> float:
    """Where the "3-m Backward Walk Test" heading starts on the page (points), less a margin."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(
        r'<word xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">([^<]*)<', bbox
    )
    for (y0, y1, word), (_a, _b, after) in itertools.pairwise(words):
        if word == "3-m" and after == "Backward" and float(y1) - float(y0) > 14:
            return max(0.0, float(y0) - 12)
    return 0.0


def _page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


if __name__ == "__main__":
    raise SystemExit(main())
