"""Programs, enrolments and walk-test results on a plain sqlite3 connection,
read only: what the Today page's program card shows at start-up, before the
full store (SQLAlchemy) is open, and what `walkback report` puts in its rehab
sections. They read the rows `storage.programs` writes, and give the same
records (tests compare them)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta, timezone
from typing import Any

from walkback_desktop.core.assessments import AssessmentResult
from walkback_desktop.core.program_schedule import Pause
from walkback_desktop.core.programs import Program
from walkback_desktop.storage.program_library import EnrolmentRecord, read_stored_program
from walkback_desktop.storage.session_rows import stored_utc

Connect = Callable[[], AbstractContextManager[sqlite3.Connection]]


class PlainPrograms:
    """Custom programs, as `ProgramRepository` reads them (a row that cannot be
    read is logged and left out)."""

    def __init__(self, connect: Connect) -> None:
        self._connect = connect

    def list(self) -> list[Program]:
        with self._connect() as conn:
            rows = conn.execute("SELECT id, json FROM programs ORDER BY name").fetchall()
        return [p for p in (read_stored_program(pid, text) for pid, text in rows) if p is not None]

    def get(self, program_id: str) -> Program | None:
        with self._connect() as conn:
            row = conn.execute("SELECT id, json FROM programs WHERE id = ?", (program_id,))
            found = row.fetchone()
        return None if found is None else read_stored_program(found[0], found[1])

    def save(self, program: Program) -> None:
        raise NotImplementedError("the plain reader does not write")

    def delete(self, program_id: str) -> bool:
        raise NotImplementedError("the plain reader does not write")


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


class PlainEnrolments:
    """Enrolments, as `EnrolmentRepository.active` and `history` read them."""

    def __init__(self, connect: Connect) -> None:
        self._connect = connect

    def active(self) -> EnrolmentRecord | None:
        found = self._read(" WHERE active = 1 LIMIT 1")
        return found[0] if found else None

    def history(self) -> list[EnrolmentRecord]:
        return self._read(" ORDER BY started_on, id")

    def _read(self, where_order: str) -> list[EnrolmentRecord]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, program_json, started_on, left_on FROM enrolments" + where_order
            ).fetchall()
            pauses: dict[int, list[Pause]] = {}
            for owner, start, resumed in conn.execute(
                "SELECT enrolment_id, started_on, resumed_on FROM enrolment_pauses"
                " ORDER BY started_on"
            ):
                pauses.setdefault(owner, []).append(
                    Pause(date.fromisoformat(start), _day(resumed))
                )
        return [
            EnrolmentRecord(
                id=rid,
                program=Program.from_json(text),
                started_on=date.fromisoformat(started),
                pauses=tuple(pauses.get(rid, ())),
                left_on=_day(left),
            )
            for rid, text, started, left in rows
        ]


class PlainAssessments:
    """Walk-test results, as `AssessmentRepository.list` reads them."""

    def __init__(self, connect: Connect) -> None:
        self._connect = connect

    def list(self, test: str = "3mbwt") -> list[AssessmentResult]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, test, taken_at, utc_offset_min, seconds, trials, note"
                " FROM assessments WHERE test = ? ORDER BY taken_at, id",
                (test,),
            ).fetchall()
        return list(_results(rows))


def _results(rows: list[Any]) -> Iterator[AssessmentResult]:
    for rid, test, taken_at, offset, seconds, trials, note in rows:
        yield assessment_result(rid, test, stored_utc(taken_at), offset, seconds, trials, note)


def assessment_result(
    rid: int,
    test: str,
    taken_at: datetime,
    offset_min: int,
    seconds: float,
    trials: str,
    note: str,
) -> AssessmentResult:
    """A stored result (`taken_at` aware UTC) in the zone it was taken in; shared
    with `storage.programs.AssessmentRepository`."""
    return AssessmentResult(
        id=rid,
        test=test,
        taken_at=taken_at.astimezone(timezone(timedelta(minutes=offset_min))),
        seconds=seconds,
        trials=tuple(float(t) for t in json.loads(trials or "[]")),
        note=note or "",
    )
