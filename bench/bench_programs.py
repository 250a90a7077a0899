"""Benchmark: schedule and adherence of an active program over a 10-year
history (20,000 sessions). Budget: < 50 ms.

Two figures, each the median of several runs, printed on one line with a
ratio to a baseline measured in the same run (one pass of `stats.weekly_totals`
over the same 20,000 records, a cost every Progress page pays):

* core: `program_status` given all 20,000 records (the worst case: nothing
  filtered by date first);
* service: `ProgramService.status()` on a real database, which reads only the
  sessions since the enrolment.

    .venv/bin/python bench/bench_programs.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

SESSIONS = 20_000
YEARS = 10
TODAY = date(2025, 10, 29)
START = TODAY - timedelta(days=5 * 7 + 2)  # week 6 of the 8-week program


def synthetic_records(sessions: int = SESSIONS, years: int = YEARS) -> list:
    from walkback_desktop.core.history import SessionRecord

    rng = random.Random(7)
    zone = ZoneInfo("Europe/Berlin")
    end = datetime.combine(TODAY, datetime.min.time(), timezone.utc)
    span_s = years * 365 * 86400
    routines = ("balance-awareness-15", "steady-senior-15", "knee-friendly-20", "Park loop")
    records = []
    for n in range(sessions):
        moment = (end - timedelta(seconds=span_s * (1 - n / sessions))).astimezone(zone)
        active = rng.choice((900, 1200, 1500))
        label = rng.choice(routines)
        records.append(
            SessionRecord(
                started_at=moment.replace(microsecond=0),
                routine_name=label,
                routine_id=None if " " in label else label,
                active_seconds=active,
                backward_seconds=round(active * rng.uniform(0.2, 0.6)),
                completed=rng.random() > 0.1,
            )
        )
    return records


def median_ms(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    from walkback_desktop.core import stats
    from walkback_desktop.core.program_schedule import EnrolmentPlan, program_status
    from walkback_desktop.services.programs import ProgramService
    from walkback_desktop.storage.library import load_builtin_routines
    from walkback_desktop.storage.store import open_store

    records = synthetic_records()
    routines = {r.id: r for r in load_builtin_routines()}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp), backup=False)
        try:
            store.sessions.import_many(records)
            program = store.programs.get("balance-older-adults-8-weeks")
            store.enrolments.enrol(program, START)
            service = ProgramService(store, today=lambda: TODAY)
            plan = EnrolmentPlan(START)

            def core() -> None:
                program_status(program, plan, records, today=TODAY, lookup=routines.get)

            baseline = median_ms(lambda: stats.weekly_totals(records, weight_kg=70.0))
            core_ms = median_ms(core)
            service_ms = median_ms(service.status)
            status = service.status().status
        finally:
            store.close()
    worst = max(core_ms, service_ms)
    print(
        f"programs: {SESSIONS} sessions/{YEARS} years, week {status.current_week}, "
        f"adherence {status.adherence.done_sessions}/{status.adherence.planned_sessions}: "
        f"core {core_ms:.1f} ms ({core_ms / baseline:.2f}x weekly_totals {baseline:.1f} ms), "
        f"service+DB {service_ms:.1f} ms ({service_ms / baseline:.2f}x); "
        f"budget 50 ms {'OK' if worst < 50 else 'OVER'}"
    )
    return 0 if worst < 50 else 1


if __name__ == "__main__":
    sys.exit(main())
