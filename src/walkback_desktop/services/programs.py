"""ProgramService: enrol, pause, resume, leave, and the active program's status.

`ProgramReads` is the reading half, which also runs on the plain sqlite3
reader (`storage.plain.PlainStore`) that fills the Today page at start-up.

The UI and the CLI call this; the rules live in `core.program_schedule`.
`today` is injected so tests (and a day change while the app runs) are
deterministic; the week start comes from the `week_start` setting, with the
locale's first weekday (Qt: `QLocale().firstDayOfWeek().value - 1`) passed
in by the caller for "locale".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from walkback_desktop.core import stats
from walkback_desktop.core.program_schedule import PlannedSession, ProgramStatus, program_status
from walkback_desktop.core.routine import Routine
from walkback_desktop.storage.program_library import EnrolmentError, EnrolmentRecord

if TYPE_CHECKING:
    from walkback_desktop.storage.plain import PlainStore
    from walkback_desktop.storage.store import Store


@dataclass(frozen=True)
class ActiveProgram:
    enrolment: EnrolmentRecord
    status: ProgramStatus

    @property
    def program_id(self) -> str:
        return self.enrolment.program.id

    @property
    def name(self) -> str:
        return self.enrolment.program.name


@dataclass(frozen=True)
class NextSession:
    day: date  # today if the planned day has passed but its week has not
    planned: PlannedSession
    routine: Routine | None  # None: the routine is no longer in the library


class ProgramReads:
    """The active program's status and next session, from the full store or
    from the plain reader."""

    def __init__(
        self,
        store: Store | PlainStore,
        *,
        today: Callable[[], date] = date.today,
        locale_first_weekday: int = 0,
    ) -> None:
        self._store = store
        self._today = today
        self._locale_first_weekday = locale_first_weekday

    @property
    def first_weekday(self) -> int:
        setting = self._store.settings.snapshot().week_start
        return stats.first_weekday(setting, self._locale_first_weekday)

    # --- reading -------------------------------------------------------------
    def status(self, today: date | None = None) -> ActiveProgram | None:
        """The active enrolment and its schedule/adherence, or None."""
        enrolment = self._store.enrolments.active()
        if enrolment is None:
            return None
        return ActiveProgram(enrolment, self.status_of(enrolment, today))

    def status_of(self, enrolment: EnrolmentRecord, today: date | None = None) -> ProgramStatus:
        """Schedule and adherence of any enrolment (a past one too, for the report)."""
        day = today or self._today()
        # Sessions carry their own UTC offset; a day's margin covers every zone.
        since = datetime.combine(enrolment.started_on - timedelta(days=1), time(), timezone.utc)
        records = self._store.sessions.list(since)
        checks = [r.taken_at.date() for r in self._store.assessments.list()]
        return program_status(
            enrolment.program,
            enrolment.plan(),
            records,
            today=day,
            first_weekday=self.first_weekday,
            lookup=self._store.library.get,
            check_dates=checks,
        )

    def next_session(self, today: date | None = None) -> NextSession | None:
        """What the Start button on the Today page starts."""
        day = today or self._today()
        active = self.status(day)
        if active is None or active.status.next_session is None:
            return None
        planned = active.status.next_session
        routine = active.enrolment.program.routine_for_week(planned.week, self._store.library.get)
        return NextSession(max(planned.day, day), planned, routine)

    def history(self) -> list[EnrolmentRecord]:
        """Every enrolment, the left ones too, oldest first."""
        return self._store.enrolments.history()


class ProgramService(ProgramReads):
    """`ProgramReads` plus the changes, on the full store."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        locale_first_weekday: int = 0,
    ) -> None:
        super().__init__(store, today=today, locale_first_weekday=locale_first_weekday)
        self._writable = store

    # --- changes ------------------------------------------------------------
    def enrol(self, program_id: str, start: date | None = None) -> EnrolmentRecord:
        program = self._writable.programs.get(program_id)
        if program is None:
            raise EnrolmentError("unknown_program", id=program_id)
        return self._writable.enrolments.enrol(program, start or self._today())

    def pause(self, on: date | None = None) -> EnrolmentRecord:
        return self._writable.enrolments.pause(on or self._today())

    def resume(self, on: date | None = None) -> EnrolmentRecord:
        return self._writable.enrolments.resume(on or self._today())

    def leave(self, on: date | None = None) -> EnrolmentRecord:
        return self._writable.enrolments.leave(on or self._today())
