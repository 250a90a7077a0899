"""Read-only queries for the Progress page: the sessions summed per local day
(`core.day_totals.DayTotals`) and the few rated sessions a short chart draws
one by one.

Ten years of history are 20,000 sessions; reading each as a record took most
of the page's first second. SQLite sums them into about 3,650 day rows instead.
A session's local day is the date of its stored UTC time moved by the offset it
was walked at (`utc_offset_min`, at most 14 h, so one day either way), the same
day `core.stats.local_date` gives its record. Rows whose date cannot be read
are left out, as `SessionRepository.list` leaves them out.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from sqlalchemy import text

from walkback_desktop.core.day_totals import DayTotals
from walkback_desktop.core.history import SessionRecord
from walkback_desktop.storage.database import Database

# minutes into the UTC day plus the offset: < 0 is the day before, >= 1440 the day after
_SHIFT = (
    "((CAST(substr(started_at, 12, 2) AS INTEGER) * 60"
    " + CAST(substr(started_at, 15, 2) AS INTEGER) + utc_offset_min) >= 1440)"
    " - ((CAST(substr(started_at, 12, 2) AS INTEGER) * 60"
    " + CAST(substr(started_at, 15, 2) AS INTEGER) + utc_offset_min) < 0)"
)
_DAYS = text(
    f"""
    SELECT substr(started_at, 1, 10) AS utc_day, {_SHIFT} AS shift,
        count(*), sum(completed), sum(active_seconds), sum(backward_seconds),
        total(kcal),
        total(CASE WHEN kcal IS NULL THEN backward_seconds END),
        total(CASE WHEN kcal IS NULL THEN max(active_seconds - backward_seconds, 0.0) END),
        total(rpe), count(rpe), total(pain), count(pain),
        sum(rpe IS NOT NULL OR pain IS NOT NULL), max(active_seconds)
    FROM sessions
    GROUP BY utc_day, shift
    """
)
_RATED = text(
    """
    SELECT started_at, utc_offset_min, routine_name, active_seconds, backward_seconds,
        completed, rpe, pain
    FROM sessions
    WHERE (rpe IS NOT NULL OR pain IS NOT NULL) AND started_at >= :lo AND started_at < :hi
    ORDER BY started_at, id
    """
)


@lru_cache(maxsize=64)
def _zone(offset_min: int) -> timezone:
    return timezone(timedelta(minutes=offset_min))


def day_totals(db: Database) -> list[DayTotals]:
    """Every local day with a session, oldest first."""
    days: dict[date, DayTotals] = {}
    with db.reading() as s:
        rows = s.connection().execute(_DAYS).all()
    for utc_day, shift, *sums in rows:
        try:
            day = date.fromisoformat(utc_day) + timedelta(days=int(shift or 0))
        except (TypeError, ValueError):
            continue
        (
            sessions,
            completed,
            active,
            backward,
            stored,
            est_backward,
            est_other,
            rpe_sum,
            rpe_n,
            pain_sum,
            pain_n,
            rated,
            longest,
        ) = sums
        add = DayTotals(
            day=day,
            sessions=int(sessions),
            completed=int(completed or 0),
            active_s=float(active or 0.0),
            backward_s=float(backward or 0.0),
            kcal_stored=float(stored),
            estimate_backward_s=float(est_backward),
            estimate_other_s=float(est_other),
            rpe_sum=float(rpe_sum),
            rpe_n=int(rpe_n),
            pain_sum=float(pain_sum),
            pain_n=int(pain_n),
            rated=int(rated or 0),
            longest_s=float(longest or 0.0),
        )
        known = days.get(day)
        days[day] = add if known is None else _merge(known, add)
    return [days[d] for d in sorted(days)]


def _merge(a: DayTotals, b: DayTotals) -> DayTotals:
    """One local day made of two UTC days (walks either side of UTC midnight)."""
    return DayTotals(
        day=a.day,
        sessions=a.sessions + b.sessions,
        completed=a.completed + b.completed,
        active_s=a.active_s + b.active_s,
        backward_s=a.backward_s + b.backward_s,
        kcal_stored=a.kcal_stored + b.kcal_stored,
        estimate_backward_s=a.estimate_backward_s + b.estimate_backward_s,
        estimate_other_s=a.estimate_other_s + b.estimate_other_s,
        rpe_sum=a.rpe_sum + b.rpe_sum,
        rpe_n=a.rpe_n + b.rpe_n,
        pain_sum=a.pain_sum + b.pain_sum,
        pain_n=a.pain_n + b.pain_n,
        rated=a.rated + b.rated,
        longest_s=max(a.longest_s, b.longest_s),
    )


def rated_sessions(db: Database, first: date, last: date) -> list[SessionRecord]:
    """The sessions with a pain or effort rating walked (local date) from `first`
    to `last`, oldest first, without notes or segments: what the pain and effort
    chart draws point by point."""
    lo = (first - timedelta(days=1)).isoformat()
    hi = (last + timedelta(days=2)).isoformat()
    out = []
    with db.reading() as s:
        rows = s.connection().execute(_RATED, {"lo": lo, "hi": hi}).all()
    for started, offset, name, active, backward, done, rpe, pain in rows:
        try:
            moment = datetime.fromisoformat(started).replace(tzinfo=timezone.utc)
        except (TypeError, ValueError):
            continue
        local = moment.astimezone(_zone(int(offset)))
        if not first <= local.date() <= last:
            continue
        out.append(
            SessionRecord(
                started_at=local,
                routine_name=name,
                active_seconds=active,
                backward_seconds=backward,
                completed=bool(done),
                rpe=rpe,
                pain=pain,
            )
        )
    return out
