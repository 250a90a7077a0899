"""The one place in the UI that reads the store (issue 13).

Pages, dialogs and controllers are handed the repositories and services they
use as keyword arguments (`RoutinesPage(ctx, library=..., settings=...)`), so
a constructor's signature says what it touches and nothing else of the store
is within its reach; `AppContext` brings only the clock, the events, the cue
player and the data folder. This module builds those arguments from the open
store, for the start-up code (ui/loading.py) and for tests that want a page wired as
the app wires it. tests/ui/test_services_wiring.py fails when another UI
module reads `.store`. It sits in the window's layer (import-linter), so no
page or dialog can import it to reach the store the long way round.

docs/architecture.md ("Pages get their services") says how to add one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from walkback_desktop.ui.program_common import local_today, locale_first_weekday, make_service

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from walkback_desktop.storage.plain import PlainStore
    from walkback_desktop.storage.store import Store
    from walkback_desktop.ui.context import AppContext
    from walkback_desktop.ui.reminders import TrayReminders
    from walkback_desktop.ui.report_actions import ReportCommands


def routines_services(ctx: AppContext) -> dict[str, Any]:
    return {"library": ctx.store.library, "settings": ctx.store.settings}


def workout_services(ctx: AppContext) -> dict[str, Any]:
    store = ctx.store
    return {
        "library": store.library,
        "settings": store.settings,
        "plans": make_service(store),
        "sessions": store.sessions,
        "checkpoints": store.checkpoints,
    }


def programs_services(
    ctx: AppContext, *, today: Callable[[], date] = local_today
) -> dict[str, Any]:
    store = ctx.store
    return {
        "programs": store.programs,
        "library": store.library,
        "settings": store.settings,
        "plans": make_service(store, today),
        "today": today,
    }


def today_services(ctx: AppContext) -> dict[str, Any]:
    store = ctx.store
    return {
        "sessions": store.sessions,
        "settings": store.settings,
        "library": store.library,
        "plans": make_service(store),
        "assessments": store.assessments,
    }


def today_preview_services(plain: PlainStore) -> dict[str, Any]:
    """The Today page's readers on the plain sqlite3 connection that fills it at
    start-up, before the store is open (ui/loading.py, `load_data_stepwise`); no walk test
    can be saved through them (`assessments` None) until `TodayPage.use_services`."""
    from walkback_desktop.services.programs import ProgramReads

    return {
        "sessions": plain.sessions,
        "settings": plain.settings,
        "library": plain.library,
        "plans": ProgramReads(
            plain, today=local_today, locale_first_weekday=locale_first_weekday()
        ),
        "assessments": None,
    }


def _suggestion(store: Store) -> Callable[[], str | None]:
    """What an empty page's "Start your first walk" opens."""
    from walkback_desktop.ui.empty_state import suggested_routine_id

    return lambda: suggested_routine_id(store.library, store.sessions)


def progress_services(ctx: AppContext) -> dict[str, Any]:
    from walkback_desktop.storage.progress_queries import ProgressQueries

    store = ctx.store
    return {
        "queries": ProgressQueries(store.db),
        "settings": store.settings,
        "assessments": store.assessments,
        "suggest": _suggestion(store),
        "report_commands": lambda today: report_commands(ctx, today),
    }


def history_services(ctx: AppContext) -> dict[str, Any]:
    from walkback_desktop.storage.session_views import HistoryRows

    store = ctx.store
    return {
        "rows": HistoryRows(store.db),
        "sessions": store.sessions,
        "settings": store.settings,
        "library": store.library,
        "suggest": _suggestion(store),
        "report_commands": report_commands(ctx),
    }


def settings_services(ctx: AppContext) -> dict[str, Any]:
    return {"settings": ctx.store.settings}


# Each page's constructor keywords, by page id.
PAGE_SERVICES: dict[str, Callable[[AppContext], dict[str, Any]]] = {
    "today": today_services,
    "routines": routines_services,
    "workout": workout_services,
    "programs": programs_services,
    "history": history_services,
    "progress": progress_services,
    "settings": settings_services,
}


def page_services(page_id: str, ctx: AppContext) -> dict[str, Any]:
    """The keyword arguments of page `page_id`'s constructor after `ctx`."""
    return PAGE_SERVICES[page_id](ctx)


# --- what the window holds besides its pages -------------------------------------------
def report_commands(ctx: AppContext, today: Callable[[], date] = date.today) -> ReportCommands:
    from walkback_desktop.ui.report_actions import ReportCommands, report_maker

    store = ctx.store
    return ReportCommands(
        ctx,
        today,
        settings=store.settings,
        sessions=store.sessions,
        make_report=report_maker(store),
    )


def open_restore_dialog(ctx: AppContext, parent: QWidget | None) -> bool:
    from walkback_desktop.ui import restore_dialog

    return restore_dialog.open_restore_dialog(
        ctx, parent, checkpoints=ctx.store.checkpoints, close_data=ctx.store.close
    )


def file_menu_actions(ctx: AppContext) -> list[QAction]:
    """Print report…, Export report as PDF…, Restore from backup…."""
    from walkback_desktop.ui.report_actions import build_report_actions
    from walkback_desktop.ui.restore_dialog import build_restore_action

    return [
        *build_report_actions(report_commands(ctx)),
        build_restore_action(lambda parent: open_restore_dialog(ctx, parent)),
    ]


def tray_reminders(ctx: AppContext, window: QWidget, **options: Any) -> TrayReminders:
    from walkback_desktop.ui.reminders import TrayReminders

    return TrayReminders(
        ctx, window, settings=ctx.store.settings, plans=make_service(ctx.store), **options
    )
