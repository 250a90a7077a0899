"""Questions and notices, in one place so tests can answer them (monkeypatch
`ask`, or the page's own dialog functions built on these). Every box shows its
text literally: names and file names in it are user text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from walkback_desktop.core.routine import Clash
from walkback_desktop.i18n import _


def message_box(
    parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon
) -> QMessageBox:
    """A message box that shows `text` as plain text."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def show_problem(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, title, text, QMessageBox.Icon.Warning).exec()


def ask_clash(
    parent: QWidget | None, title: str, text: str, *, allow_replace: bool
) -> Clash | None:
    """An imported id is taken: Import as a copy / Replace (only when allowed) /
    Cancel. Returns the choice; None means cancel."""
    box = message_box(parent, title, text, QMessageBox.Icon.Question)
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


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str | None = None) -> bool:
    """Ask a question with plainly named buttons; True when the person picks `yes`."""
    no = _("Cancel") if no is None else no
    box = message_box(parent, title, text, QMessageBox.Icon.Question)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    yes_button.setAccessibleName(yes)
    no_button.setAccessibleName(no)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button
