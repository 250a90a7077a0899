"""Time the whole `walkback history import` (and `export`) command on 20,000 rows (10 years).

Run: .venv/bin/python bench/bench_import.py [--rows N] [--repeats N] [--compare SRC]

Each timed run is a fresh process, from process start to exit: Python start-up,
imports, opening the database, parsing, duplicate detection and the one
transaction. The import goes into a data folder that exists (made by an
untimed `walkback settings list`, as after installing); `fresh_s` is the same
into a folder that does not exist yet (the schema is made by Alembic first);
`export_s` writes those 20,000 sessions back to a CSV. Half the rows name
routines by id, half by a name that is not in the library.

Baselines, measured in the same run and alternated with the command, so the
ratios mean something on a shared, noisy machine:
- `python_s`: `python -c pass`, the interpreter's own start-up;
- `floor_s`: a fresh process that reads the same CSV with the csv module and
  inserts the same rows with one sqlite3 executemany into a copy of the same
  database (no checks, no WalkBack): what any importer pays.
`cpu_s` is the import's CPU time (user + system): on a loaded machine the wall
time is mostly waiting for a core, so quote the load with it. With
`--compare SRC` (another checkout's src/, e.g. another clone's src) that code's
import is timed too, alternated, and `before_s`, `before_cpu_s` and
`speedup` (before_s / median_s) are printed.

Children run as an installed WalkBack does, with bytecode cached (in a
temporary PYTHONPYCACHEPREFIX, filled by untimed warm-up runs), even when the
shell sets PYTHONDONTWRITEBYTECODE: otherwise every run compiles the sources.

Budget: <= 1.5 s for the whole command. One line, for scripts:

    import rows=20000 median_s=0.93 min_s=0.90 max_s=0.97 spread_s=0.07 cpu_s=0.90 fresh_s=1.10 export_s=0.80 python_s=0.02 floor_s=0.25 ratio_floor=3.7 goal_s=1.5 met=yes load=1.20
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from walkback_desktop.core.history import COLUMNS  # noqa: E402

GOAL_S = 1.5

# The floor: the same rows into the same table, with nothing but csv and sqlite3.
FLOOR = """
import csv, sqlite3, sys
rows = []
with open(sys.argv[1], newline="", encoding="utf-8") as fh:
    reader = csv.reader(fh)
    next(reader)
    for r in reader:
        rows.append((r[0], 60, r[0], None, r[1], None, float(r[2]), float(r[3]),
                     None, r[7] == "true", int(r[5]), int(r[6]), r[8], "import"))
db = sqlite3.connect(sys.argv[2], isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("BEGIN")
db.executemany(
    "INSERT INTO sessions (started_at, utc_offset_min, ended_at, routine_id, routine_name,"
    " routine_snapshot, active_seconds, backward_seconds, kcal, completed, rpe, pain, notes,"
    " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.execute("COMMIT")
"""


def synthetic_csv(rows: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    lines = [",".join(COLUMNS)]
    for i in range(rows):
        active = rng.randint(600, 2400)
        backward = round(active * rng.uniform(0.3, 0.6), 1)
        routine = "knee-friendly-20" if i % 2 else f"Park loop {i % 40}"
        notes = "" if i % 3 else f'"felt fine, {i}"'
        lines.append(
            f"{(start + timedelta(hours=4.38 * i)).isoformat(timespec='seconds')},{routine},"
            f"{active},{backward},,{rng.randint(2, 7)},{rng.randint(0, 5)},true,{notes}"
        )
    return "\n".join(lines) + "\n"


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {done.stderr.strip()}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--compare", type=Path, help="another checkout's src/ to time too")
    args = parser.parse_args()
    base_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # As installed: pip compiles the bytecode once, so every child reads it from
    # a cache (here a temporary one) instead of compiling WalkBack's sources.
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    env = dict(base_env, PYTHONPATH=str(ROOT / "src"))
    other_env = dict(base_env, PYTHONPATH=str(args.compare)) if args.compare else None
    command = [sys.executable, "-m", "walkback_desktop"]
    runs: list[float] = []
    cpu: list[float] = []
    fresh: list[float] = []
    exports: list[float] = []
    pythons: list[float] = []
    floors: list[float] = []
    before: list[float] = []
    before_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        if other_env is not None:
            other_env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        csv_file = folder / "history.csv"
        csv_file.write_text(synthetic_csv(args.rows), encoding="utf-8")
        floor_script = folder / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        empty = folder / "empty"
        timed([*command, "settings", "list", "--data-dir", str(empty)], env)
        warm = folder / "warm"  # fills the bytecode cache for both code bases
        timed([*command, "history", "import", str(csv_file), "--data-dir", str(warm)], env)
        timed([*command, "history", "export", "-", "--data-dir", str(warm)], env)
        if other_env is not None:
            warm = folder / "warm-other"
            timed(
                [*command, "history", "import", str(csv_file), "--data-dir", str(warm)], other_env
            )
            timed([*command, "history", "export", "-", "--data-dir", str(warm)], other_env)
        for n in range(args.repeats):
            pythons.append(timed([sys.executable, "-c", "pass"], env)[0])
            floor_db = folder / f"floor-{n}.db"
            shutil.copy(empty / "walkback.db", floor_db)
            floors.append(
                timed([sys.executable, str(floor_script), str(csv_file), str(floor_db)], env)[0]
            )
            data_dir = str(folder / f"data-{n}")
            timed([*command, "settings", "list", "--data-dir", data_dir], env)
            wall, used = timed(
                [*command, "history", "import", str(csv_file), "--data-dir", data_dir], env
            )
            runs.append(wall)
            cpu.append(used)
            out = str(folder / f"export-{n}.csv")
            exports.append(
                timed([*command, "history", "export", out, "--data-dir", data_dir], env)[0]
            )
            new_dir = str(folder / f"fresh-{n}")
            fresh.append(
                timed([*command, "history", "import", str(csv_file), "--data-dir", new_dir], env)[
                    0
                ]
            )
            if other_env is not None:
                other_dir = str(folder / f"other-{n}")
                timed([*command, "settings", "list", "--data-dir", other_dir], other_env)
                wall, used = timed(
                    [*command, "history", "import", str(csv_file), "--data-dir", other_dir],
                    other_env,
                )
                before.append(wall)
                before_cpu.append(used)
    median = statistics.median(runs)
    floor = statistics.median(floors)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    line = (
        f"import rows={args.rows} median_s={median:.3f} min_s={min(runs):.3f} "
        f"max_s={max(runs):.3f} spread_s={max(runs) - min(runs):.3f} "
        f"cpu_s={statistics.median(cpu):.3f} fresh_s={statistics.median(fresh):.3f} "
        f"export_s={statistics.median(exports):.3f} python_s={statistics.median(pythons):.3f} "
        f"floor_s={floor:.3f} ratio_floor={median / floor:.1f} goal_s={GOAL_S} "
        f"met={'yes' if median <= GOAL_S else 'no'}"
    )
    if before:
        line += (
            f" before_s={statistics.median(before):.3f}"
            f" before_cpu_s={statistics.median(before_cpu):.3f}"
            f" speedup={statistics.median(before) / median:.2f}"
        )
    print(f"{line} load={load:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
