"""A plausible, reproducible session history for benchmarks, screenshots and tests.

Someone rehabbing a knee: three to five walks a week, backward time growing
over the months, pain easing, effort steady; now and then a skipped week, a
walk cut short, a missing rating or a note.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone

from walkback_desktop.core.history import SessionRecord

ROUTINES = (
    ("knee-friendly-20", "Knee-friendly retro walk"),
    ("balance-15", "Balance and backward steps"),
    ("hallway-10", "Hallway retro walk"),
)
NOTES = (
    "",
    "",
    "",
    "",
    "Knee a bit stiff at the start, fine after the warm-up",
    "Used the treadmill rail",
    "Slept badly, took it easy",
    "Felt strong today",
    "Some ache behind the kneecap afterwards",
    "Walked in the park, uneven grass",
)


def sample_history(
    first: date, days: int, *, seed: int = 6, per_week: float = 4.0
) -> list[SessionRecord]:
    rng = random.Random(seed)
    zone = timezone(timedelta(hours=1))
    records: list[SessionRecord] = []
    chance = per_week / 7
    for n in range(days):
        day = first + timedelta(days=n)
        progress = n / max(days - 1, 1)
        count = int(chance) + (1 if rng.random() < chance - int(chance) else 0)
        if (n // 7) % 11 == 10:  # a rest week now and then
            continue
        for _ in range(count):
            records.append(_session(rng, day, progress, zone))
    return records


def _session(rng: random.Random, day: date, progress: float, zone: timezone) -> SessionRecord:
    routine_id, name = ROUTINES[rng.randrange(len(ROUTINES))]
    active = rng.choice((900, 1200, 1200, 1500, 1800))
    completed = rng.random() > 0.08
    if not completed:
        active = int(active * rng.uniform(0.4, 0.85))
    backward = active * (0.3 + 0.3 * progress) * rng.uniform(0.9, 1.1)
    pain = round(min(10, max(0, 5.5 - 4 * progress + rng.gauss(0, 1))))
    rpe = round(min(10, max(0, 4.5 + rng.gauss(0, 1.2))))
    started = datetime.combine(
        day, time(6 + rng.randrange(14), rng.randrange(60), rng.randrange(60)), zone
    )
    return SessionRecord(
        started_at=started,
        routine_id=routine_id,
        routine_name=name,
        active_seconds=float(active),
        backward_seconds=round(backward, 1),
        completed=completed,
        rpe=None if rng.random() < 0.05 else rpe,
        pain=None if rng.random() < 0.05 else pain,
        notes=rng.choice(NOTES),
        ended_at=started + timedelta(seconds=active),
        source="import",
    )
