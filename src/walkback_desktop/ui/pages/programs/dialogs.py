"""The questions the Programs page asks, in one place so tests can answer
them (monkeypatch these functions)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from walkback_desktop.i18n import _
from walkback_desktop.storage.library import Clash


def _box(parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def ask_clash(parent: QWidget | None, message: str, *, allow_replace: bool) -> Clash | None:
    """Import as a copy / Replace (custom programs only) / Cancel; None is cancel."""
    text = message + "\n\n"
    text += (
        _("Import it as a copy under a new id, or replace the program in your library?")
        if allow_replace
        else _("Import it as a copy under a new id, or cancel?")
    )
    box = _box(parent, _("Program already exists"), text, QMessageBox.Icon.Question)
    rename = box.addButton(_("Import as a copy"), QMessageBox.ButtonRole.AcceptRole)
    replace = (
        box.addButton(_("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        if allow_replace
        else None
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(rename)
    box.exec()
    clicked = box.clickedButton()
    if clicked is rename:
        return Clash.RENAME
    if replace is not None and clicked is replace:
        return Clash.REPLACE
    return None


def show_problem(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, title, text, QMessageBox.Icon.Warning).exec()


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
