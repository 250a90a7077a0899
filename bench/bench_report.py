"""Time the whole `walkback report` command (a fresh process each run, start to
exit) over one year and ten years of history, and print the figures on one line.

Goals (issue 12): the ten-year report (about 20,000 sessions; monthly summary
and the recent log by default) < 3 s, the one-year report < 1.5 s, for the
whole command. On a machine shared with other work the wall-clock times swing,
so every round also starts a bare process that only creates a QApplication
(the floor under any report: Python, PySide6.QtGui/QtWidgets and the platform
plugin) and the line gives each report as a ratio to that floor too, and the
CPU time the child used (user + system), which swings much less.

    .venv/bin/python bench/bench_report.py [--runs 7] [--compare OTHER/src]

Every report takes the plain sqlite3 path (storage/plain.py, no SQLAlchemy);
`10y_plan` is the ten-year history with a program followed for its last six
weeks and three 3-m Backward Walk Test results, so the rehab plan and test
sections are read and drawn too (goal as the ten-year report's).

`--compare` runs a second source tree (e.g. the main branch's `src`) in the
same rounds, alternating with this one, so a before/after pair comes from one
run on one load. The children may write byte code into a private temporary
cache (as an installed app has its .pyc files), and the first, cold run of
each kind is not counted.

One line, e.g.:
    bench_report runs=7 load=1.20 floor_s=0.21 | 1y sessions=197 median_s=0.90
    spread_s=0.85-1.02 cpu_s=0.88 ratio=4.3 goal_s=1.5 ok=yes pages=5 | 10y ...
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from pypdf import PdfReader  # noqa: E402

from walkback_desktop.report.sample import sample_history  # noqa: E402
from walkback_desktop.storage.store import open_store  # noqa: E402

LAST = date(2026, 6, 30)
# label, days, sessions a week, goal (s): 10 y is about 20,000 sessions
SIZES = (("1y", 365, 4.0, 1.5), ("10y", 3652, 38.5, 3.0), ("10y_plan", 3652, 38.5, 3.0))
FLOOR = "from PySide6.QtWidgets import QApplication; QApplication([])"


def _fill(folder: Path, days: int, per_week: float, plan: bool) -> int:
    store = open_store(folder, backup=False)
    try:
        result = store.sessions.import_many(
            sample_history(LAST - timedelta(days=days - 1), days, per_week=per_week)
        )
        if plan:
            from walkback_desktop.core.assessments import AssessmentResult
            from walkback_desktop.services.programs import ProgramService

            started = LAST - timedelta(weeks=6)
            ProgramService(store, today=lambda: LAST).enrol("knee-oa-6-weeks", started)
            for week, seconds in ((0, 6.1), (3, 5.4), (6, 4.9)):
                day = started + timedelta(weeks=week)
                taken = datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc)
                store.assessments.add(AssessmentResult(taken_at=taken, seconds=seconds))
        return result.added
    finally:
        store.close()


def _env(src: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(src))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _report_argv(folder: Path, out: Path) -> list[str]:
    return [
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
    ]


def _figures(samples: list[tuple[float, float]], floor: float) -> str:
    walls = [w for w, _c in samples]
    median = statistics.median(walls)
    cpu = statistics.median(c for _w, c in samples)
    return (
        f"median_s={median:.2f} spread_s={min(walls):.2f}-{max(walls):.2f} "
        f"cpu_s={cpu:.2f} ratio={median / floor:.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", type=Path, help="another tree's src, run alternately")
    args = parser.parse_args()
    trees = {"": SRC} if args.compare is None else {"": SRC, "compare_": args.compare}
    with tempfile.TemporaryDirectory(prefix="walkback-bench-report-") as tmp:
        root = Path(tmp)
        envs = {key: _env(src, root / f"pycache{key}") for key, src in trees.items()}
        sessions: dict[str, int] = {}
        for label, days, per_week, _goal in SIZES:
            sessions[label] = _fill(root / label, days, per_week, label.endswith("_plan"))
        floor_argv = [sys.executable, "-c", FLOOR]
        samples: dict[str, list[tuple[float, float]]] = {"floor": []}
        for run in range(args.runs + 1):  # run 0 warms the byte-code caches
            for key, env in envs.items():
                for label, *_rest in SIZES:
                    folder = root / label
                    timing = _timed(_report_argv(folder, folder / f"{key}report.pdf"), env)
                    if run:
                        samples.setdefault(key + label, []).append(timing)
            timing = _timed(floor_argv, envs[""])
            if run:
                samples["floor"].append(timing)
        floor = statistics.median(w for w, _c in samples["floor"])
        parts = []
        for key in envs:
            for label, _days, _per_week, goal in SIZES:
                pages = len(PdfReader(root / label / f"{key}report.pdf").pages)
                median = statistics.median(w for w, _c in samples[key + label])
                parts.append(
                    f"{key}{label} sessions={sessions[label]} "
                    f"{_figures(samples[key + label], floor)} goal_s={goal} "
                    f"ok={'yes' if median < goal else 'no'} pages={pages}"
                )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    floors = [w for w, _c in samples["floor"]]
    floor_cpu = statistics.median(c for _w, c in samples["floor"])
    print(
        f"bench_report runs={args.runs} load={load:.2f} floor_s={floor:.2f} "
        f"floor_spread_s={min(floors):.2f}-{max(floors):.2f} floor_cpu_s={floor_cpu:.2f} | "
        + " | ".join(parts)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
