"""What the Programs page, the Today card and the reminders share: the
ProgramService with the locale's first weekday, today's local date, and the
routine a program asks for this week (its progression applied)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

from walkback_desktop.core.routine import Routine
from walkback_desktop.services.programs import ProgramService

if TYPE_CHECKING:
    from walkback_desktop.storage.store import Store


def local_today() -> date:
    return datetime.now().astimezone().date()


def locale_first_weekday() -> int:
    """The locale's first day of the week, 0 = Monday (Qt counts Monday = 1)."""
    return QLocale().firstDayOfWeek().value - 1


def make_service(store: Store, today: Callable[[], date] = local_today) -> ProgramService:
    return ProgramService(store, today=today, locale_first_weekday=locale_first_weekday())


def program_routine(
    store: Store, routine_id: str, today: Callable[[], date] = local_today
) -> Routine | None:
    """The routine to walk when `routine_id` is the active program's next
    session: the week's progression applied (e.g. +2 min backward in week 3).
    None when the id is not the program's next routine: use the library's.

    The Workout page calls this before `library.get(routine_id)`, so the
    Start button on the Today card walks the plan's routine, not the base one.
    """
    return next_program_routine(make_service(store, today), routine_id)


def next_program_routine(plans: ProgramService, routine_id: str) -> Routine | None:
    """`program_routine` for a page handed the ProgramService rather than the store."""
    nxt = plans.next_session()
    if nxt is None or nxt.routine is None or nxt.routine.id != routine_id:
        return None
    return nxt.routine
