"""What a first-time user sees instead of an empty table or empty axes, and
the routine we suggest next."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from walkback_desktop.i18n import _
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.fonts import scale_font

if TYPE_CHECKING:
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.plain import PlainSessions
    from walkback_desktop.storage.sessions import SessionRepository

BEGINNER_ROUTINES = ("knee-friendly-20", "first-steps-12", "steady-senior-15")


def suggested_routine_id(
    library: RoutineLibrary, sessions: SessionRepository | PlainSessions
) -> str | None:
    """The routine last walked (if it is still in the library), else a gentle beginner one."""
    last = sessions.last_routine_id()
    if last and library.get(last) is not None:
        return last
    for routine_id in BEGINNER_ROUTINES:
        if library.get(routine_id) is not None:
            return routine_id
    routines = library.all()
    return routines[0].id if routines else None


class EmptyState(QWidget):
    """A friendly explanation and a 'Start your first walk' button."""

    def __init__(
        self, ctx: AppContext, heading: str, text: str, *, suggest: Callable[[], str | None]
    ) -> None:
        """`suggest` names the routine "Start your first walk" opens
        (`suggested_routine_id` with the page's library and sessions)."""
        super().__init__()
        self._ctx = ctx
        self._suggest = suggest
        self.setAccessibleName(heading)
        title = QLabel(heading)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scale_font(title, 1.8, bold=True)
        body = QLabel(text)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setMaximumWidth(560)
        scale_font(body, 1.2)
        self.start_button = QPushButton(_("Start your first walk"))
        self.start_button.setAccessibleName(_("Start your first walk"))
        self.start_button.setToolTip(_("Open a gentle beginner routine and start it"))
        self.start_button.setMinimumHeight(48)
        self.start_button.setDefault(True)
        scale_font(self.start_button, 1.3, bold=True)
        self.start_button.clicked.connect(self.start)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.start_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addSpacing(12)
        # Centred by stretches, not by an alignment flag: a widget placed with an
        # alignment gets its sizeHint() height, and a word-wrapped label's hint is
        # for a different width, so the text was cut off (34 px of the 85 needed).
        body_row = QHBoxLayout()
        body_row.addStretch(1)
        body_row.addWidget(body, 100)
        body_row.addStretch(1)
        layout.addLayout(body_row)
        layout.addSpacing(20)
        layout.addLayout(self.buttons)
        layout.addStretch(2)

    def add_button(self, button: QPushButton) -> None:
        button.setMinimumHeight(48)
        self.buttons.insertWidget(self.buttons.count() - 1, button)

    def start(self) -> None:
        routine_id = self._suggest()
        if routine_id is not None:
            self._ctx.events.request_start(routine_id)
