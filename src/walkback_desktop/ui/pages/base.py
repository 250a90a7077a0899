"""What every page of the main window offers the shell."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
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

    # While start-up builds the pages (see `later_at_start_up`): the steps put off.
    _put_off: ClassVar[list[Callable[[], None]] | None] = None

    def later_at_start_up(self, step: Callable[[], None]) -> None:
        """Run `step` (typically the page's first read of its data) now; or, while
        start-up builds the pages, in a turn of the event loop of its own after
        the page's construction, so no single turn keeps the window from
        answering for long. Call it last in `__init__`: the page must be usable
        before the step has run (start-up runs every step before the page is
        shown and before its menus are built)."""
        if Page._put_off is None:
            step()
        else:
            Page._put_off.append(step)

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


@contextmanager
def steps_put_off() -> Iterator[list[Callable[[], None]]]:
    """Within this, pages built put their `later_at_start_up` steps in the list
    yielded instead of running them; the caller runs each in a later turn."""
    steps: list[Callable[[], None]] = []
    Page._put_off = steps
    try:
        yield steps
    finally:
        Page._put_off = None
