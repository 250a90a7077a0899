"""Yes/no questions, in one place so tests can answer them (monkeypatch `ask`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from walkback_desktop.i18n import _


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str | None = None) -> bool:
    """Ask a question with plainly named buttons; True when the person picks `yes`."""
    no = _("Cancel") if no is None else no
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    yes_button.setAccessibleName(yes)
    no_button.setAccessibleName(no)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button
