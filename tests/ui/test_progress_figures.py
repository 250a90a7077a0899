"""The Progress page's SQL day totals give the same days as the sessions do,
across time zones and midnight, and the page's numbers follow from them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from tests.helpers import make_session
from walkback_desktop.core import day_totals
from walkback_desktop.storage.progress_queries import day_totals as read_days
from walkback_desktop.storage.progress_queries import rated_sessions


def at(y: int, m: int, d: int, hour: int, minute: int, offset_min: int) -> datetime:
    return datetime(y, m, d, hour, minute, tzinfo=timezone(timedelta(minutes=offset_min)))


def test_sql_days_are_the_days_walked(store):
    records = [
        # 23:30 on Sunday in UTC+1 is 22:30 UTC: Sunday
        make_session(0, started_at=at(2025, 3, 30, 23, 30, 60)),
        # 00:30 on Monday in UTC+1 is 23:30 UTC on Sunday: Monday
        make_session(0, started_at=at(2025, 3, 31, 0, 30, 60), kcal=120.0),
        # 20:00 in UTC-5 is 01:00 UTC the next day: still the 31st
        make_session(0, started_at=at(2025, 3, 31, 20, 0, -300), completed=False),
        # India, UTC+5:30: 05:00 local is 23:30 UTC the day before
        make_session(0, started_at=at(2025, 4, 2, 5, 0, 330), rpe=None, pain=None),
        make_session(0, started_at=at(2025, 4, 2, 18, 0, 330), active_seconds=2400.0),
    ]
    store.sessions.import_many(records)
    from_sql = read_days(store.db)
    from_records = day_totals.day_totals(records)
    assert [d.day for d in from_sql] == [date(2025, 3, 30), date(2025, 3, 31), date(2025, 4, 2)]
    assert from_sql == from_records
    monday = from_sql[1]
    assert (monday.sessions, monday.completed, monday.kcal_stored) == (2, 1, 120.0)
    assert from_sql[2].longest_s == 2400.0 and from_sql[2].rated == 1


def test_rated_sessions_are_those_of_the_range(store):
    store.sessions.import_many(
        [
            make_session(day, pain=None, rpe=None) if day == 2 else make_session(day)
            for day in range(5)
        ]
        + [make_session(3, pain=None)]  # an effort rating only
    )
    rated = rated_sessions(store.db, date(2025, 3, 4), date(2025, 3, 6))
    assert [r.started_at.date() for r in rated] == [
        date(2025, 3, 4),
        date(2025, 3, 6),
        date(2025, 3, 6),
    ]
    assert {r.started_at.utcoffset() for r in rated} == {timedelta(hours=1)}
    assert [d.rated for d in read_days(store.db)] == [1, 1, 0, 2, 1]
