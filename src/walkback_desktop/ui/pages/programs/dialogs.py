"""The questions the Programs page asks, in one place so tests can answer
them (monkeypatch these functions)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from walkback_desktop.core.routine import Clash
from walkback_desktop.i18n import _
from walkback_desktop.ui import confirm
from walkback_desktop.ui.confirm import show_problem

__all__ = ["ask_clash", "choose_open_paths", "choose_save_path", "show_problem"]


def ask_clash(parent: QWidget | None, message: str, *, allow_replace: bool) -> Clash | None:
    """Import as a copy / Replace (custom programs only) / Cancel; None is cancel."""
    text = message + "\n\n"
    text += (
        _("Import it as a copy under a new id, or replace the program in your library?")
        if allow_replace
        else _("Import it as a copy under a new id, or cancel?")
    )
    return confirm.ask_clash(
        parent, _("Program already exists"), text, allow_replace=allow_replace
    )


def choose_save_path(
    parent: QWidget | None, title: str, suggested: Path, name_filter: str, suffix: str
) -> Path | None:
    """A save dialog that adds `suffix` (without its dot) when the name has none."""
    dialog = QFileDialog(parent, title, str(suggested.parent), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested.name)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def choose_open_paths(parent: QWidget | None, title: str, name_filter: str) -> list[Path]:
    chosen, _filter = QFileDialog.getOpenFileNames(parent, title, str(Path.home()), name_filter)
    return [Path(p) for p in chosen]
