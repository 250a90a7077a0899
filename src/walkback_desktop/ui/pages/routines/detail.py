"""The selected routine on the Routines page: name, badge, numbers, shape, text, buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.routine import Routine
from walkback_desktop.i18n import _, formats
from walkback_desktop.ui.routine_editor.labels import ScaledLabel
from walkback_desktop.ui.routine_editor.texts import goal_title, level_title, segment_count
from walkback_desktop.ui.widgets.segment_strip import SegmentStrip


def _plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RoutineDetail(QWidget):
    """The selected routine: name, badge, numbers, shape, description, safety, buttons.

    Every font here is the application's (bold where it says so), so the text
    size setting reaches it; the buttons are in the tab order after the table.
    """

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        self.name_label = ScaledLabel(scale=1.6)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setAccessibleName(_("Routine name"))
        self.badge = QLabel()
        self.badge.setAccessibleName(_("Routine type"))
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.badge.setStyleSheet(
            "QLabel { border: 1px solid palette(mid); border-radius: 9px; padding: 2px 10px; }"
        )
        self.facts = _plain_label()
        self.facts.setAccessibleName(_("Routine facts"))
        self.strip = SegmentStrip()
        self.strip.setFixedHeight(22)
        self.description = _plain_label()
        self.description.setAccessibleName(_("Description"))
        self.safety_heading = QLabel(_("Safety"))
        self.safety_heading.setFont(_bold())
        self.safety = _plain_label()
        self.safety.setAccessibleName(_("Safety note"))

        buttons = QHBoxLayout()
        self.start_button = QPushButton(_("Start"))
        self.edit_button = QPushButton(_("Edit"))
        self.duplicate_button = QPushButton(_("Duplicate"))
        self.delete_button = QPushButton(_("Delete"))
        self.export_button = QPushButton(_("Export…"))
        self.buttons = (
            self.start_button,
            self.edit_button,
            self.duplicate_button,
            self.delete_button,
            self.export_button,
        )
        for button, tip in zip(
            self.buttons,
            (
                _("Start this routine now (Enter in the list)"),
                _("Change this routine (your own routines only)"),
                _("Make your own copy to change"),
                _("Delete this routine from your library"),
                _("Save this routine to a file to share it"),
            ),
            strict=True,
        ):
            button.setAccessibleName(button.text())
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.start_button.setFont(_bold())
        self._size_to_font()

        heading = QHBoxLayout()
        heading.addWidget(self.name_label, 1)
        heading.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.strip)
        layout.addLayout(buttons)
        text = QWidget()
        text_layout = QVBoxLayout(text)
        text_layout.setContentsMargins(0, 0, 8, 0)
        text_layout.addWidget(self.description)
        text_layout.addSpacing(6)
        text_layout.addWidget(self.safety_heading)
        text_layout.addWidget(self.safety)
        text_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(scroll, 1)
        self.show_routine(None, builtin=True, kcal=0.0, weight="")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_to_font()

    def _size_to_font(self) -> None:
        """Buttons a comfortable target at any text size."""
        height = max(36, self.fontMetrics().height() + 16)
        for button in self.buttons:
            button.setMinimumHeight(height)

    def show_routine(
        self, routine: Routine | None, *, builtin: bool, kcal: float, weight: str
    ) -> None:
        has = routine is not None
        for button in (self.start_button, self.duplicate_button, self.export_button):
            button.setEnabled(has)
        self.edit_button.setEnabled(has and not builtin)
        self.delete_button.setEnabled(has and not builtin)
        self.strip.set_routine(routine)
        self.badge.setVisible(has)
        self.safety_heading.setVisible(bool(routine and routine.safety))
        if routine is None:
            self.name_label.setText(_("No routine selected"))
            self.facts.setText(_("Pick a routine in the list, or make a new one (Ctrl+N)."))
            self.description.setText("")
            self.safety.setText("")
            return
        self.name_label.setText(routine.name)
        self.badge.setText(_("Built-in") if builtin else _("Custom"))
        self.facts.setText(
            _(
                "{level} · {goal} · {total} in all · {backward} backward · "
                "about {kcal} kcal at {weight} · {segments}"
            ).format(
                level=level_title(routine.level),
                goal=goal_title(routine.goal),
                total=formats.duration(routine.total_seconds),
                backward=formats.minutes(routine.backward_seconds),
                kcal=f"{kcal:.0f}",
                weight=weight,
                segments=segment_count(len(routine.segments)),
            )
        )
        self.description.setText(routine.description or _("No description."))
        self.safety.setText(routine.safety)


def _bold() -> QFont:
    """A font that only says "bold": its size still follows the application's."""
    font = QFont()
    font.setBold(True)
    return font
