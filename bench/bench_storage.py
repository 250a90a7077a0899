"""Time saving one session and loading 20,000 (budget: save < 10 ms).

Run: .venv/bin/python bench/bench_storage.py
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from walkback_desktop.core.history import SegmentRecord, SessionRecord
from walkback_desktop.storage.store import open_store

N_HISTORY = 20_000


def synthetic_sessions(n: int, seed: int = 7) -> list[SessionRecord]:
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    out = []
    for i in range(n):
        active = rng.randint(600, 2400)
        backward = active * rng.uniform(0.3, 0.6)
        out.append(
            SessionRecord(
                started_at=start + timedelta(hours=4.38 * i),
                routine_id="knee-friendly-20",
                routine_name="Knee-friendly retro walk",
                active_seconds=float(active),
                backward_seconds=round(backward, 1),
                completed=rng.random() > 0.1,
                rpe=rng.randint(2, 7),
                pain=rng.randint(0, 5),
                notes="synthetic",
                source="import",
            )
        )
    return out


def one_app_session() -> SessionRecord:
    now = datetime.now(timezone.utc)
    segments = tuple(
        SegmentRecord(i, "backward" if i % 2 else "forward", f"Segment {i}", 60, 60.0, 6.0)
        for i in range(12)
    )
    return SessionRecord(
        started_at=now,
        routine_id="knee-friendly-20",
        routine_name="Knee-friendly retro walk",
        active_seconds=720.0,
        backward_seconds=360.0,
        completed=True,
        rpe=4,
        pain=1,
        segments=segments,
        routine_snapshot="{}" * 500,
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        t0 = time.perf_counter()
        store.sessions.import_many(synthetic_sessions(N_HISTORY))
        import_s = time.perf_counter() - t0

        saves = []
        for _ in range(50):
            record = one_app_session()
            t0 = time.perf_counter()
            store.sessions.add(record)
            saves.append((time.perf_counter() - t0) * 1000)

        loads = []
        for _ in range(5):
            t0 = time.perf_counter()
            rows = store.sessions.list()
            loads.append((time.perf_counter() - t0) * 1000)
        store.close()

    print(f"import {N_HISTORY} sessions (one transaction): {import_s * 1000:.0f} ms")
    print(
        f"save one session with 12 segments: median {statistics.median(saves):.2f} ms, "
        f"max {max(saves):.2f} ms (budget < 10 ms)"
    )
    print(
        f"load {len(rows)} sessions: median {statistics.median(loads):.0f} ms, max {max(loads):.0f} ms"
    )


if __name__ == "__main__":
    main()
