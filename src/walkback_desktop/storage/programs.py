"""Programs, enrolments and 3-m Backward Walk Test results in the database.
Every write is one transaction. The program library and the enrolment record
live in `storage.program_library` (no SQLAlchemy there)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from walkback_desktop.core.assessments import AssessmentResult
from walkback_desktop.core.program_schedule import Pause
from walkback_desktop.core.programs import Program
from walkback_desktop.i18n import _
from walkback_desktop.storage import models
from walkback_desktop.storage.database import Database
from walkback_desktop.storage.plain_programs import assessment_result
from walkback_desktop.storage.program_library import (
    EnrolmentError,
    EnrolmentRecord,
    read_stored_program,
)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


# --- custom programs and the library --------------------------------------------


class ProgramRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> list[Program]:
        with self._db.reading() as s:
            rows = s.scalars(select(models.Program).order_by(models.Program.name)).all()
            return [p for p in (read_stored_program(r.id, r.json) for r in rows) if p is not None]

    def get(self, program_id: str) -> Program | None:
        with self._db.reading() as s:
            row = s.get(models.Program, program_id)
            return read_stored_program(row.id, row.json) if row is not None else None

    def save(self, program: Program) -> None:
        now = _utc_now()
        with self._db.transaction() as s:
            row = s.get(models.Program, program.id)
            if row is None:
                s.add(
                    models.Program(
                        id=program.id,
                        name=program.name,
                        json=program.to_json(),
                        created_at=now,
                        updated_at=now,
                    )
                )
            else:
                row.name, row.json, row.updated_at = program.name, program.to_json(), now

    def delete(self, program_id: str) -> bool:
        with self._db.transaction() as s:
            result = s.execute(delete(models.Program).where(models.Program.id == program_id))
            return bool(getattr(result, "rowcount", 0))


# --- enrolments ---------------------------------------------------------------


def _enrolment(row: models.Enrolment) -> EnrolmentRecord:
    return EnrolmentRecord(
        id=row.id,
        program=Program.from_json(row.program_json),
        started_on=row.started_on,
        pauses=tuple(Pause(p.started_on, p.resumed_on) for p in row.pauses),
        left_on=row.left_on,
    )


class EnrolmentRepository:
    """One active enrolment at a time (the database enforces it too); left
    enrolments stay as the history."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _active_row(self, s: Session) -> models.Enrolment | None:
        query = (
            select(models.Enrolment)
            .where(models.Enrolment.active.is_(True))
            .options(selectinload(models.Enrolment.pauses))
        )
        return s.scalars(query).first()

    def active(self) -> EnrolmentRecord | None:
        with self._db.reading() as s:
            row = self._active_row(s)
            return _enrolment(row) if row is not None else None

    def history(self) -> list[EnrolmentRecord]:
        with self._db.reading() as s:
            query = (
                select(models.Enrolment)
                .options(selectinload(models.Enrolment.pauses))
                .order_by(models.Enrolment.started_on, models.Enrolment.id)
            )
            return [_enrolment(r) for r in s.scalars(query).all()]

    def enrol(self, program: Program, start: date) -> EnrolmentRecord:
        try:
            with self._db.transaction() as s:
                current = self._active_row(s)
                if current is not None:
                    name = Program.from_json(current.program_json).name
                    raise EnrolmentError("already_enrolled", name=name)
                row = models.Enrolment(
                    program_id=program.id,
                    program_json=program.to_json(),
                    started_on=start,
                    active=True,
                    created_at=_utc_now(),
                )
                s.add(row)
                s.flush()
                new_id = row.id
        except IntegrityError:  # another process enrolled at the same moment
            raise EnrolmentError("already_enrolled", name=_("another program")) from None
        return EnrolmentRecord(id=new_id, program=program, started_on=start)

    def pause(self, on: date) -> EnrolmentRecord:
        with self._db.transaction() as s:
            row = self._require(s, on)
            if row.pauses and row.pauses[-1].resumed_on is None:
                raise EnrolmentError("already_paused")
            row.pauses.append(models.EnrolmentPause(started_on=on))
            s.flush()
            return _enrolment(row)

    def resume(self, on: date) -> EnrolmentRecord:
        with self._db.transaction() as s:
            row = self._require(s, on)
            if not row.pauses or row.pauses[-1].resumed_on is not None:
                raise EnrolmentError("not_paused")
            last = row.pauses[-1]
            # Resuming on the day of pausing undoes the pause.
            if on <= last.started_on:
                row.pauses.remove(last)
            else:
                last.resumed_on = on
            s.flush()
            return _enrolment(row)

    def leave(self, on: date) -> EnrolmentRecord:
        with self._db.transaction() as s:
            row = self._require(s, on)
            if row.pauses and row.pauses[-1].resumed_on is None:
                row.pauses[-1].resumed_on = max(on, row.pauses[-1].started_on)
            row.left_on = max(on, row.started_on)
            row.active = None
            s.flush()
            return _enrolment(row)

    def _require(self, s: Session, on: date) -> models.Enrolment:
        row = self._active_row(s)
        if row is None:
            raise EnrolmentError("not_enrolled")
        if on < row.started_on:
            raise EnrolmentError("bad_date", day=on.isoformat(), limit=row.started_on.isoformat())
        return row


# --- 3-m Backward Walk Test results ------------------------------------------------


def _offset_min(moment: datetime) -> int:
    return int((moment.utcoffset() or timedelta(0)).total_seconds() // 60)


def _result(row: models.Assessment) -> AssessmentResult:
    return assessment_result(
        row.id, row.test, row.taken_at, row.utc_offset_min, row.seconds, row.trials, row.note
    )


class AssessmentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, result: AssessmentResult) -> AssessmentResult:
        with self._db.transaction() as s:
            row = models.Assessment(
                test=result.test,
                taken_at=result.taken_at,
                utc_offset_min=_offset_min(result.taken_at),
                seconds=result.seconds,
                trials=json.dumps(list(result.trials)),
                note=result.note,
            )
            s.add(row)
            s.flush()
            return _result(row)

    def update(self, result: AssessmentResult) -> None:
        if result.id is None:
            raise ValueError("only a stored result can be updated")
        with self._db.transaction() as s:
            row = s.get(models.Assessment, result.id)
            if row is None:
                raise KeyError(result.id)
            row.taken_at = result.taken_at
            row.utc_offset_min = _offset_min(result.taken_at)
            row.seconds = result.seconds
            row.trials = json.dumps(list(result.trials))
            row.note = result.note

    def delete(self, result_id: int) -> bool:
        with self._db.transaction() as s:
            done = s.execute(delete(models.Assessment).where(models.Assessment.id == result_id))
            return bool(getattr(done, "rowcount", 0))

    def list(self, test: str = "3mbwt") -> list[AssessmentResult]:
        with self._db.reading() as s:
            query = (
                select(models.Assessment)
                .where(models.Assessment.test == test)
                .order_by(models.Assessment.taken_at, models.Assessment.id)
            )
            return [_result(r) for r in s.scalars(query).all()]
