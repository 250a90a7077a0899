"""What every page of the main window offers the shell."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    """A page in the main window's navigation.

    `page_id` is the stable name used for navigation, events and shortcuts
    ("workout"); it never changes with the language or the page order.
    `title` is the navigation label (and the accessible name). A page may add
    actions to the shell's menus through `menu_actions()`, keyed by menu title
    ("File", "View", "Help"), so pages never edit the main window's code.
    """

    page_id: ClassVar[str] = "page"
    title = "Page"
    # Set by the main window: the shortcut that shows this page (for hints in text).
    nav_shortcut: str = ""

    def menu_actions(self) -> dict[str, list[QAction]]:
        return {}

    def page_shown(self) -> None:
        """Called each time the page becomes the visible one (refresh cheap views here)."""

    def can_leave(self) -> bool:
        """False keeps the user on the page (e.g. unsaved edits they chose to keep)."""
        return True

    def can_close(self) -> bool:
        """The window is closing; False keeps it open. Defaults to can_leave()."""
        return self.can_leave()
