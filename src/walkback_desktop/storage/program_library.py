"""The program library and enrolment records, without the ORM.

Built-in programs (read-only, from resources/programs) and custom ones (from a
repository with `list`, `get`, `save`, `delete`), shown in the current
language; the record of one enrolment; the errors their changes raise. Kept
apart from `storage.programs` (the SQLAlchemy repositories) so that a plain
sqlite3 reader (`storage.plain_programs`, the Today page at start-up) can use
them without importing SQLAlchemy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from walkback_desktop.core.program_schedule import EnrolmentPlan, Pause
from walkback_desktop.core.programs import FILE_SUFFIX, Program, ProgramError
from walkback_desktop.i18n import N_, _
from walkback_desktop.resources import resource_path
from walkback_desktop.storage.library import (
    Clash,
    PerLanguage,
    free_id,
    load_builtin_files,
    translated_routine,
)

if TYPE_CHECKING:
    from walkback_desktop.storage.library import RoutineLibrary

log = logging.getLogger(__name__)


def read_stored_program(program_id: str, text: str) -> Program | None:
    """A stored custom program, or None (logged) when it cannot be read; shared by
    `storage.programs.ProgramRepository` and the plain reader."""
    try:
        return Program.from_json(text)
    except ProgramError as exc:
        log.error("custom program %s cannot be read: %s", program_id, exc)
        return None


class ProgramRows(Protocol):
    """Where custom programs are kept (`storage.programs.ProgramRepository`)."""

    def list(self) -> list[Program]: ...

    def get(self, program_id: str) -> Program | None: ...

    def save(self, program: Program) -> None: ...

    def delete(self, program_id: str) -> bool: ...


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
        repo: ProgramRows,
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
