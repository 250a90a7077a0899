"""Programs, enrolments and 3-m Backward Walk Test results in the database,
and the program library (read-only built-ins from resources/programs plus
custom programs). Every write is one transaction."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import ClassVar

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from walkback_desktop.core.assessments import AssessmentResult
from walkback_desktop.core.program_schedule import EnrolmentPlan, Pause
from walkback_desktop.core.programs import FILE_SUFFIX, Program, ProgramError
from walkback_desktop.i18n import N_, _
from walkback_desktop.resources import resource_path
from walkback_desktop.storage import models
from walkback_desktop.storage.database import Database
from walkback_desktop.storage.library import (
    Clash,
    PerLanguage,
    RoutineLibrary,
    free_id,
    load_builtin_files,
    translated_routine,
)

log = logging.getLogger(__name__)


class EnrolmentError(ValueError):
    """An enrolment change that cannot be made; `code` says which:
    already_enrolled, not_enrolled, already_paused, not_paused, bad_date."""

    _MESSAGES: ClassVar[dict[str, str]] = {
        "already_enrolled": N_('you are already following "{name}"; leave it first'),
        "not_enrolled": N_("you are not following a program"),
        "unknown_program": N_('no program with id "{id}"'),
        "already_paused": N_("the program is already paused"),
        "not_paused": N_("the program is not paused"),
        "bad_date": N_("{day} is before the program's start ({limit})"),
    }

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(_(self._MESSAGES[code]).format(**params))


class ProgramClashError(ProgramError):
    def __init__(self, program: Program, builtin: bool) -> None:
        self.program = program
        self.builtin = builtin
        super().__init__("clash_builtin" if builtin else "clash_custom", field="id", id=program.id)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


# --- custom programs and the library --------------------------------------------


class ProgramRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> list[Program]:
        with self._db.reading() as s:
            rows = s.scalars(select(models.Program).order_by(models.Program.name)).all()
            return [p for p in (self._parse(r) for r in rows) if p is not None]

    def get(self, program_id: str) -> Program | None:
        with self._db.reading() as s:
            row = s.get(models.Program, program_id)
            return self._parse(row) if row is not None else None

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

    @staticmethod
    def _parse(row: models.Program) -> Program | None:
        try:
            return Program.from_json(row.json)
        except ProgramError as exc:
            log.error("custom program %s cannot be read: %s", row.id, exc)
            return None


def translated_program(program: Program) -> Program:
    """A built-in program with its name, description, week notes and embedded
    routines in the current language; ids and numbers unchanged."""
    weeks = tuple(
        replace(
            week,
            note=_(week.note) if week.note else week.note,
            embedded=translated_routine(week.embedded) if week.embedded else None,
        )
        for week in program.weeks
    )
    return program.with_changes(
        name=_(program.name) if program.name else program.name,
        description=_(program.description) if program.description else program.description,
        weeks=weeks,
    )


def load_builtin_programs(folder: Path | None = None) -> list[Program]:
    return load_builtin_files(
        folder or resource_path("programs"),
        FILE_SUFFIX,
        lambda data: Program.from_json(data, builtin=True),
        "program",
    )


class ProgramLibrary:
    """Built-in and custom programs; imports check that every routine exists."""

    def __init__(
        self,
        repo: ProgramRepository,
        routines: RoutineLibrary,
        builtins: list[Program] | None = None,
    ) -> None:
        self._repo = repo
        self.routines = routines
        self._builtin_list = builtins
        # Read from resources on first use, not at start-up; shown in the current
        # language (custom programs are never translated).
        self._translated = PerLanguage(
            lambda language: {
                p.id: translated_program(p) if language != "en" else p
                for p in self._source_builtins()
            }
        )

    def _source_builtins(self) -> list[Program]:
        if self._builtin_list is None:
            self._builtin_list = load_builtin_programs()
        return self._builtin_list

    @property
    def _builtins(self) -> dict[str, Program]:
        return self._translated.get()

    @property
    def builtins(self) -> list[Program]:
        return list(self._builtins.values())

    def all(self) -> list[Program]:
        return self.builtins + self._repo.list()

    def get(self, program_id: str) -> Program | None:
        return self._builtins.get(program_id) or self._repo.get(program_id)

    def is_builtin(self, program_id: str) -> bool:
        return program_id in self._builtins

    def free_id(self, base: str) -> str:
        """An unused id made from `base` (base-2, base-3, ...)."""
        return free_id(base, lambda candidate: self.get(candidate) is not None)

    def import_program(self, data: str | bytes, clash: Clash = Clash.REFUSE) -> Program:
        """Validate and store a program file; nothing changes on error."""
        program = Program.from_json(data)
        program.check_routines(self.routines.get)
        if self.get(program.id) is not None:
            builtin = self.is_builtin(program.id)
            if clash is Clash.REFUSE or (clash is Clash.REPLACE and builtin):
                raise ProgramClashError(program, builtin)
            if clash is Clash.RENAME:
                program = program.with_changes(id=self.free_id(program.id))
        self._repo.save(program)
        return program

    def delete(self, program_id: str) -> bool:
        if self.is_builtin(program_id):
            raise ValueError(_("built-in programs cannot be deleted"))
        return self._repo.delete(program_id)


# --- enrolments ---------------------------------------------------------------


@dataclass(frozen=True)
class EnrolmentRecord:
    id: int
    program: Program  # as it was when the person enrolled
    started_on: date
    pauses: tuple[Pause, ...] = ()
    left_on: date | None = None

    @property
    def active(self) -> bool:
        return self.left_on is None

    @property
    def paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].resumed_on is None

    def plan(self) -> EnrolmentPlan:
        return EnrolmentPlan(start=self.started_on, pauses=self.pauses, left_on=self.left_on)


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
    zone = timezone(timedelta(minutes=row.utc_offset_min))
    return AssessmentResult(
        id=row.id,
        test=row.test,
        taken_at=row.taken_at.astimezone(zone),
        seconds=row.seconds,
        trials=tuple(float(t) for t in json.loads(row.trials or "[]")),
        note=row.note,
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
