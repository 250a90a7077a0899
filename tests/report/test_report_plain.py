"""`walkback report` on a plain sqlite3 connection (storage/plain.py) reads the
same report data as through the full store, and takes the store when the
database holds what only the store assembles (programs, test results)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.helpers import make_session
from tests.services.rehab_fixture import NOW, START, knee_history
from walkback_desktop.core.history import SegmentRecord
from walkback_desktop.report.data import ReportRequest, collect
from walkback_desktop.storage.plain import open_plain

REPORT_NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=1)))
PARTS = (
    SegmentRecord(0, "forward", "Warm up", 120, 120.0, 3.0),
    SegmentRecord(1, "backward", "Backward", 600, 410.0, 4.5),
)


def _history(store) -> None:
    """Sessions walked in many time zones, some near midnight on a week's or
    the period's edge (their local date decides where they count), with and
    without kcal, ratings and segments."""
    zones = (-11, -5, 0, 1, 5.5, 9, 14)
    records = []
    for day in range(0, 90):
        hours = zones[day % len(zones)]
        tz = timezone(timedelta(hours=hours))
        start = datetime(2025, 3, 1, 23 if day % 3 else 0, 45, tzinfo=tz) + timedelta(days=day)
        records.append(
            make_session(
                day,
                started_at=start,
                ended_at=start + timedelta(seconds=1200),
                kcal=None if day % 4 else 55.5,
                rpe=None if day % 5 == 0 else day % 10,
                pain=None if day % 6 == 0 else day % 7,
                completed=day % 9 != 0,
                segments=PARTS if day % 2 else (),
                routine_snapshot='{"v": 1}' if day % 2 else None,
            )
        )
    store.sessions.import_many(records)
    store.settings.update(weight_kg=81.5, week_start="sunday", person_name="Ana  Ruiz")


@pytest.mark.parametrize(
    "request_",
    [
        ReportRequest(),
        ReportRequest(date(2025, 3, 10), date(2025, 5, 20)),
        ReportRequest(date(2025, 4, 2), date(2025, 4, 30), full_log=True),
        ReportRequest(None, date(2025, 4, 6), person_name="X"),
    ],
)
def test_plain_path_reads_the_same_report_data(store, data_dir, request_):
    _history(store)
    expected = collect(store, request_, now=REPORT_NOW, locale_first_weekday=0)
    plain = open_plain(data_dir, backup=False)
    assert plain is not None
    try:
        got = collect(plain, request_, now=REPORT_NOW, locale_first_weekday=0)
    finally:
        plain.close()
    assert got == expected
    assert got.records and any(r.segments for r in got.log_records)


def test_programs_and_test_results_are_read_on_the_plain_path_too(store, data_dir):
    """The rehab plan and 3MBWT sections: the same values from the plain reader
    (storage/plain_programs.py) as from the store, for a period up to today and
    for one that ended earlier."""
    knee_history(store)
    plain = open_plain(data_dir, backup=False)
    assert plain is not None
    try:
        got = collect(plain, ReportRequest(START, NOW.date()), now=NOW)
        assert got == collect(store, ReportRequest(START, NOW.date()), now=NOW)
        assert got.extras.plan is not None and got.extras.plan.weeks
        assert got.extras.bwt is not None and got.extras.bwt.results
        earlier = ReportRequest(START, date(2025, 3, 19))
        got = collect(plain, earlier, now=NOW)
        assert got == collect(store, earlier, now=NOW)
        assert got.extras.plan is not None
    finally:
        plain.close()


def _run_report(data_dir, out, *extra: str) -> str:
    """`walkback report` in a fresh process; prints the heavy modules it loaded
    (the ORM, and pyqtgraph/numpy: its charts are drawn with QPainter)."""
    code = (
        "import sys\n"
        "from walkback_desktop.cli import main\n"
        f"code = main(['report', '--out', {str(out)!r}, '--data-dir', {str(data_dir)!r},"
        f" *{list(extra)!r}])\n"
        "heavy = ('sqlalchemy', 'alembic', 'pyqtgraph', 'numpy')\n"
        "print('loaded', sorted(m for m in heavy if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_report_command_leaves_sqlalchemy_out_and_keeps_the_plan(store, data_dir, tmp_path):
    store.sessions.import_many([make_session(d) for d in range(5)])
    out = _run_report(data_dir, tmp_path / "plain.pdf", "--to", "2025-03-31")
    assert "5 sessions" in out and "loaded []" in out
    knee_history(store)  # now with a program and test results: still no ORM
    out = _run_report(data_dir, tmp_path / "plan.pdf", "--to", "2025-03-26")
    assert "loaded []" in out
    from tests.report.conftest import pdf_pages

    assert "Rehab plan" in " ".join(pdf_pages(tmp_path / "plan.pdf"))
