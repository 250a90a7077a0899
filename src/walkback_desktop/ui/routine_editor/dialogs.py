"""The questions the routines page and editor ask, as small functions.

Every box shows its text literally (routine and file names are user text) and
tests replace these functions with monkeypatch to give answers.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from walkback_desktop.core.routine import Clash
from walkback_desktop.i18n import _
from walkback_desktop.ui import confirm
from walkback_desktop.ui.confirm import message_box, show_problem

__all__ = ["Unsaved", "ask_clash", "ask_retry", "ask_unsaved", "confirm_delete", "show_problem"]


class Unsaved(str, Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, name: str) -> Unsaved:
    box = message_box(
        parent,
        _("Unsaved changes"),
        _("“{name}” has changes that are not saved. Save them?").format(name=name),
        QMessageBox.Icon.Question,
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return Unsaved.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


def confirm_delete(parent: QWidget | None, name: str) -> bool:
    box = message_box(
        parent,
        _("Delete routine"),
        _(
            "Delete “{name}” from your library?\n\n"
            "Workouts you already did with it stay in your history."
        ).format(name=name),
        QMessageBox.Icon.Warning,
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(_("Delete"))
    box.button(QMessageBox.StandardButton.No).setText(_("Keep"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_clash(parent: QWidget | None, message: str, *, allow_replace: bool) -> Clash | None:
    """Rename / Replace (custom routines only) / Cancel; None means cancel."""
    if allow_replace:
        question = _("Import it under a new id, or replace the routine in your library?")
    else:
        question = _("Import it under a new id, or cancel?")
    text = f"{message}.\n\n{question}"
    return confirm.ask_clash(
        parent, _("Routine already exists"), text, allow_replace=allow_replace
    )


def ask_retry(parent: QWidget | None, title: str, text: str) -> bool:
    """A write failed: Retry (True) or Cancel (False); what was typed is kept either way."""
    box = message_box(parent, title, text, QMessageBox.Icon.Warning)
    box.setStandardButtons(QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Retry)
    return box.exec() == QMessageBox.StandardButton.Retry
