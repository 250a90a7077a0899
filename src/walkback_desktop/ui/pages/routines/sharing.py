"""Routine files in and out of the Routines page.

Export asks for a name with the save dialog's own default suffix, so the
dialog asks about overwriting the file that will really be written ("knee"
becomes "knee.walkback.json" before the question, not after), and writes
through QSaveFile: the old file stays whole until the new one is complete.
Import and export catch every failure, keep what the person chose, say what
happened and offer Retry for storage errors.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile
from PySide6.QtWidgets import QFileDialog, QWidget

from walkback_desktop.core.routine import FILE_SUFFIX, Clash, Routine, RoutineError
from walkback_desktop.i18n import _
from walkback_desktop.i18n.errors import routine_problem
from walkback_desktop.storage.library import RoutineClashError, RoutineLibrary
from walkback_desktop.ui.routine_editor import dialogs

log = logging.getLogger(__name__)


def export_dialog(parent: QWidget | None, suggested: Path) -> QFileDialog:
    """The save dialog for a routine file (built apart so tests can inspect it)."""
    dialog = QFileDialog(parent, _("Export routine"), str(suggested.parent))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(_("WalkBack routines (*{suffix})").format(suffix=FILE_SUFFIX))
    dialog.setDefaultSuffix(FILE_SUFFIX.lstrip("."))
    dialog.selectFile(suggested.name)
    return dialog


def ask_export_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """The file to write, already asked about if it exists; None when cancelled."""
    dialog = export_dialog(parent, suggested)
    if not dialog.exec():
        return None
    chosen = dialog.selectedFiles()
    return Path(chosen[0]) if chosen else None


def write_atomically(path: Path, text: str) -> None:
    """Write `text` as UTF-8 to `path` all at once; raise OSError on failure."""
    saved = QSaveFile(str(path))
    if not saved.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(saved.errorString())
    data = text.encode("utf-8")
    if saved.write(data) != len(data):
        message = saved.errorString()
        saved.cancelWriting()
        raise OSError(message)
    if not saved.commit():
        raise OSError(saved.errorString())


def export_routine(parent: QWidget, routine: Routine) -> Path | None:
    path = ask_export_path(parent, Path.home() / f"{routine.id}{FILE_SUFFIX}")
    if path is None:
        return None
    try:
        write_atomically(path, routine.to_json())
    except OSError as exc:
        log.warning("exporting %s to %s failed: %s", routine.id, path, exc)
        dialogs.show_problem(
            parent,
            _("Export routine"),
            _("{file} could not be written: {reason}").format(file=path.name, reason=exc),
        )
        return None
    return path


def import_file(parent: QWidget, library: RoutineLibrary, path: Path) -> Routine | None:
    """Import one file, asking what to do on an id clash; None if nothing was added."""
    title = _("Import routine")
    try:
        data = path.read_bytes()
    except OSError as exc:
        dialogs.show_problem(
            parent,
            title,
            _("{file} could not be read: {reason}").format(
                file=path.name, reason=exc.strerror or exc
            ),
        )
        return None
    clash = Clash.REFUSE
    while True:
        try:
            return library.import_routine(data, clash)
        except RoutineClashError as taken:
            if clash is not Clash.REFUSE:
                dialogs.show_problem(
                    parent,
                    title,
                    _("{file} was not imported: {problem}").format(
                        file=path.name, problem=routine_problem(taken)
                    ),
                )
                return None
            choice = dialogs.ask_clash(
                parent,
                _("{file}: {problem}").format(file=path.name, problem=routine_problem(taken)),
                allow_replace=not taken.builtin,
            )
            if choice is None:
                return None
            clash = choice
        except RoutineError as exc:
            dialogs.show_problem(
                parent,
                title,
                _("{file} was not imported: {problem}").format(
                    file=path.name, problem=routine_problem(exc)
                ),
            )
            return None
        except Exception:
            log.exception("importing %s failed", path)
            if not dialogs.ask_retry(
                parent,
                title,
                _(
                    "{file} could not be added: the database could not be written. Try again?"
                ).format(file=path.name),
            ):
                return None
