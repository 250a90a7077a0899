"""Program files in and out: import (menu, drop) with the routines' clash
handling, export of a program, and the plan as an iCalendar file.

Files are written atomically (QSaveFile for programs, `write_calendar` for
.ics), so a failed write never leaves half a file where a good one was.
"""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSaveFile
from PySide6.QtWidgets import QWidget

from walkback_desktop.core.programs import FILE_SUFFIX, Program, ProgramError
from walkback_desktop.core.reminders import parse_reminder_time
from walkback_desktop.i18n import _, ngettext
from walkback_desktop.services.calendar import plan_calendar, write_calendar
from walkback_desktop.storage.library import Clash
from walkback_desktop.storage.program_library import ProgramClashError, ProgramLibrary
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.programs import dialogs

if TYPE_CHECKING:
    from walkback_desktop.services.programs import ProgramService
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.settings_repo import SettingsRepository

CALENDAR_AT = time(18, 0)


def program_filter() -> str:
    return _("WalkBack programs (*{suffix})").format(suffix=FILE_SUFFIX)


def is_program_file(path: Path) -> bool:
    return path.name.lower().endswith(FILE_SUFFIX)


def with_program_suffix(path: Path) -> Path:
    if is_program_file(path):
        return path
    return path.with_name(path.name.removesuffix(".json") + FILE_SUFFIX)


def write_atomically(path: Path, data: bytes) -> None:
    """Write through QSaveFile: the old file stays until the new one is complete."""
    out = QSaveFile(str(path))
    if not out.open(QSaveFile.OpenModeFlag.WriteOnly):
        raise OSError(out.errorString())
    if out.write(data) != len(data):
        out.cancelWriting()
        raise OSError(out.errorString())
    if not out.commit():
        raise OSError(out.errorString())


class ProgramFiles:
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget,
        *,
        programs: ProgramLibrary,
        library: RoutineLibrary,
        settings: SettingsRepository,
        plans: ProgramService,
    ) -> None:
        self.ctx = ctx
        self.parent = parent
        self.programs = programs
        self.library = library
        self.settings = settings
        self.plans = plans

    # --- import ------------------------------------------------------------------
    def import_from_dialog(self) -> list[Program]:
        paths = dialogs.choose_open_paths(
            self.parent,
            _("Import program"),
            program_filter() + ";;" + _("All files (*)"),
        )
        return self.import_files(paths)

    def import_files(self, paths: list[Path]) -> list[Program]:
        imported = [p for path in paths if (p := self.import_file(path)) is not None]
        if imported:
            names = ", ".join(f"\u201c{p.name}\u201d" for p in imported)
            self.ctx.events.status_message.emit(_("Imported {names}").format(names=names))
        return imported

    def import_file(self, path: Path) -> Program | None:
        """Import one file, asking what to do on an id clash; None if nothing was added."""
        library = self.programs
        title = _("Import program")
        try:
            data = path.read_bytes()
        except OSError as exc:
            dialogs.show_problem(
                self.parent,
                title,
                _("{file} could not be read: {reason}").format(
                    file=path.name, reason=exc.strerror or exc
                ),
            )
            return None
        try:
            return library.import_program(data, Clash.REFUSE)
        except ProgramClashError as clash:
            choice = dialogs.ask_clash(
                self.parent,
                _("{file}: {problem}").format(file=path.name, problem=clash),
                allow_replace=not clash.builtin,
            )
            if choice is None:
                return None
            try:
                return library.import_program(data, choice)
            except ProgramError as exc:
                self._not_imported(path, exc)
                return None
        except ProgramError as exc:
            self._not_imported(path, exc)
            return None

    def _not_imported(self, path: Path, exc: Exception) -> None:
        dialogs.show_problem(
            self.parent,
            _("Import program"),
            _("{file} was not imported: {reason}").format(file=path.name, reason=exc),
        )

    # --- export ------------------------------------------------------------------
    def export_program(self, program: Program) -> Path | None:
        chosen = dialogs.choose_save_path(
            self.parent,
            _("Export program"),
            Path.home() / f"{program.id}{FILE_SUFFIX}",
            program_filter(),
            FILE_SUFFIX.lstrip("."),
        )
        if chosen is None:
            return None
        path = with_program_suffix(chosen)
        try:
            write_atomically(path, program.to_json().encode("utf-8"))
        except OSError as exc:
            dialogs.show_problem(
                self.parent,
                _("Export program"),
                _("{file} could not be written: {reason}").format(file=path.name, reason=exc),
            )
            return None
        self.ctx.events.status_message.emit(
            _("Exported \u201c{name}\u201d to {path}").format(name=program.name, path=path)
        )
        return path

    def export_calendar(self) -> Path | None:
        """The active plan as an .ics file, one event per planned session."""
        active = self.plans.status()
        if active is None:
            return None
        chosen = dialogs.choose_save_path(
            self.parent,
            _("Export plan to calendar"),
            Path.home() / f"{active.program_id}.ics",
            _("Calendar files (*.ics)"),
            "ics",
        )
        if chosen is None:
            return None
        path = (
            chosen if chosen.suffix.lower() == ".ics" else chosen.with_name(chosen.name + ".ics")
        )
        try:
            at = parse_reminder_time(self.settings.snapshot().reminder_time)
        except ValueError:
            at = None
        calendar = plan_calendar(
            active.enrolment,
            active.status,
            lookup=self.library.get,
            at=at or CALENDAR_AT,
            title=lambda routine, week, _n: _("WalkBack: {routine} (week {week})").format(
                routine=routine, week=week
            ),
        )
        try:
            write_calendar(calendar, path)
        except OSError as exc:
            dialogs.show_problem(
                self.parent,
                _("Export plan to calendar"),
                _("{file} could not be written: {reason}").format(
                    file=path.name, reason=exc.strerror or exc
                ),
            )
            return None
        self.ctx.events.status_message.emit(
            ngettext(
                "Saved {n} planned session to {path}",
                "Saved {n} planned sessions to {path}",
                len(active.status.slots),
            ).format(n=len(active.status.slots), path=path)
        )
        return path
