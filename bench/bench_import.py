"""Time the whole `walkback history import` command on 20,000 rows (10 years).

Run: .venv/bin/python bench/bench_import.py [ROWS] [REPEATS]

Each run is a fresh process importing into a data folder that exists (made by
an untimed `walkback settings list`, as after installing), so it includes
Python start-up, imports, opening the database, parsing, duplicate detection
and the one transaction; `fresh_s` is the same into a folder that does not
exist yet (the schema is created by Alembic first). Half the rows name routines by
id, half by a name that is not in the library (the slow case of old). The
baseline is `python -c pass` started the same way in the same run, alternated.
`cpu_s` is the import's CPU time (user + system): on a loaded machine the
wall time is mostly waiting for a core, so quote the load with it.
Budget (DESIGN.md): <= 1.5 s for the whole command. One line, for scripts:

    import rows=20000 median_s=0.93 min_s=0.90 max_s=0.97 cpu_s=0.90 fresh_s=1.10 baseline_s=0.02 ratio=46.5 load=1.20
"""

from __future__ import annotations

import os
import random
import resource
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


CPU: list[float] = []  # CPU seconds (user + system) of each timed child


def timed(argv: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
    runs: list[float] = []
    fresh: list[float] = []
    cpu: list[float] = []
    bases: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        csv_file = Path(tmp) / "history.csv"
        csv_file.write_text(synthetic_csv(rows), encoding="utf-8")
        for n in range(repeats):
            bases.append(timed([sys.executable, "-c", "pass"], env))
            command = [sys.executable, "-m", "walkback_desktop"]
            data_dir = str(Path(tmp) / f"data-{n}")
            timed([*command, "settings", "list", "--data-dir", data_dir], env)
            runs.append(
                timed([*command, "history", "import", str(csv_file), "--data-dir", data_dir], env)
            )
            cpu.append(CPU[-1])
            new_dir = str(Path(tmp) / f"fresh-{n}")
            fresh.append(
                timed([*command, "history", "import", str(csv_file), "--data-dir", new_dir], env)
            )
    median = statistics.median(runs)
    base = statistics.median(bases)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"import rows={rows} median_s={median:.3f} min_s={min(runs):.3f} max_s={max(runs):.3f} "
        f"cpu_s={statistics.median(cpu):.3f} fresh_s={statistics.median(fresh):.3f} baseline_s={base:.3f} ratio={median / base:.1f} load={load:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
