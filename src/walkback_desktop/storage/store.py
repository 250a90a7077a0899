"""One object holding the open database and its repositories, built in one place."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.core.routine import format_duration
from walkback_desktop.i18n import _
from walkback_desktop.storage.checkpoints import CheckpointRepository
from walkback_desktop.storage.database import Database, open_database
from walkback_desktop.storage.library import RoutineLibrary
from walkback_desktop.storage.routines_repo import RoutineRepository
from walkback_desktop.storage.sessions import SessionRepository
from walkback_desktop.storage.settings_repo import SettingsRepository

if TYPE_CHECKING:
    from walkback_desktop.storage.program_library import ProgramLibrary
    from walkback_desktop.storage.programs import AssessmentRepository, EnrolmentRepository

log = logging.getLogger(__name__)


@dataclass
class Store:
    data_dir: Path
    db: Database
    sessions: SessionRepository
    settings: SettingsRepository
    library: RoutineLibrary
    checkpoints: CheckpointRepository
    recovered: SessionRecord | None = None
    notices: list[str] = field(default_factory=list)

    # Programs, enrolments and walk tests are made on first use: the history
    # import and export commands never touch them and skip their imports.
    @cached_property
    def programs(self) -> ProgramLibrary:
        from walkback_desktop.storage.program_library import ProgramLibrary
        from walkback_desktop.storage.programs import ProgramRepository

        return ProgramLibrary(ProgramRepository(self.db), self.library)

    @cached_property
    def enrolments(self) -> EnrolmentRepository:
        from walkback_desktop.storage.programs import EnrolmentRepository

        return EnrolmentRepository(self.db)

    @cached_property
    def assessments(self) -> AssessmentRepository:
        from walkback_desktop.storage.programs import AssessmentRepository

        return AssessmentRepository(self.db)

    def close(self) -> None:
        self.db.close()


def open_store(data_dir: Path, *, backup: bool = True, recover: bool = True) -> Store:
    """Open the data folder; save any interrupted workout as an incomplete session.

    `recover=False` leaves the checkpoint alone (a running window owns it).
    """
    db = open_database(data_dir, backup=backup)
    checkpoints = CheckpointRepository(db)
    store = Store(
        data_dir=data_dir,
        db=db,
        sessions=SessionRepository(db),
        settings=SettingsRepository(db),
        library=RoutineLibrary(RoutineRepository(db)),
        checkpoints=checkpoints,
        notices=db.notices,  # one list: rows set aside later are told too
    )
    recovered = checkpoints.recover() if recover else None
    if recovered is not None:
        store.recovered = recovered
        notice = _(
            'An interrupted workout ("{name}", {done} done) was saved as an incomplete session.'
        ).format(name=recovered.routine_name, done=format_duration(recovered.active_seconds))
        db.notice(notice)
    return store
