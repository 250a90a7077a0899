"""The routine picker: which routine, what it holds, and a big Start button."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.routine import Routine
from walkback_desktop.i18n import _, ngettext
from walkback_desktop.i18n.formats import duration, minutes
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.pages.workout.widgets import big_button
from walkback_desktop.ui.widgets.segment_strip import SegmentStrip


def routine_facts(routine: Routine) -> str:
    """'12:00 in all · 4 min walking backwards · 5 segments'."""
    n = len(routine.segments)
    return _("{total} in all · {backward} walking backwards · {segments}").format(
        total=duration(routine.total_seconds),
        backward=minutes(routine.backward_seconds),
        segments=ngettext("{n} segment", "{n} segments", n).format(n=n),
    )


class PickerView(QWidget):
    start_clicked = Signal()
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        heading = QLabel(_("Start a workout"))
        scale_font(heading, 2.0, bold=True)
        layout.addWidget(heading)
        row = QHBoxLayout()
        caption = QLabel(_("Routine"))
        self.routine_combo = QComboBox()
        self.routine_combo.setAccessibleName(_("Routine"))
        self.routine_combo.setToolTip(_("The routine to play"))
        self.routine_combo.setMinimumHeight(44)
        # As wide as the row, not as the longest name: at 200 % text in German
        # the longest name made the page wider than a 1280-pixel window.
        self.routine_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.routine_combo.setMinimumContentsLength(12)
        caption.setFont(scale_font(self.routine_combo, 1.3))
        caption.setBuddy(self.routine_combo)
        self.routine_combo.currentIndexChanged.connect(lambda _i: self.selection_changed.emit())
        row.addWidget(caption)
        row.addWidget(self.routine_combo, 1)
        layout.addLayout(row)
        self.routine_name = self._label(_("Routine name"), 1.6, bold=True, wrap=True)
        self.routine_facts = self._label(_("Routine length"), 1.3, wrap=True)
        self.routine_strip = SegmentStrip()
        self.routine_strip.setMinimumHeight(22)
        self.routine_description = self._label(_("Routine description"), 1.1, wrap=True)
        for widget in (self.routine_name, self.routine_facts, self.routine_strip):
            layout.addWidget(widget)
        # A long description (large text, German) scrolls in the space left above
        # Start instead of being cut off mid-line.
        self.description_area = QScrollArea()
        self.description_area.setWidget(self.routine_description)
        self.description_area.setWidgetResizable(True)
        self.description_area.setFrameShape(QFrame.Shape.NoFrame)
        self.description_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.description_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.description_area.setAccessibleName(_("Routine description"))
        self.routine_description.setAlignment(
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        )
        layout.addWidget(self.description_area, 1)
        self.start_button = big_button(
            _("Start"), _("Start this routine (Space)"), self.start_clicked.emit, big=True
        )
        self.start_button.setMinimumHeight(80)
        layout.addWidget(self.start_button)

    @staticmethod
    def _label(name: str, scale: float, *, bold: bool = False, wrap: bool = False) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(name)
        label.setWordWrap(wrap)
        scale_font(label, scale, bold=bold)
        return label

    def set_routines(self, routines: Iterable[Routine]) -> None:
        """Fill the list, keeping the current choice when it is still there."""
        current = self.routine_combo.currentData()
        self.routine_combo.blockSignals(True)
        self.routine_combo.clear()
        for routine in routines:
            self.routine_combo.addItem(routine.name, routine.id)
        index = self.routine_combo.findData(current) if current else 0
        self.routine_combo.setCurrentIndex(max(index, 0))
        self.routine_combo.blockSignals(False)

    def selected_id(self) -> str | None:
        routine_id = self.routine_combo.currentData()
        return str(routine_id) if routine_id else None

    def select(self, routine_id: str) -> None:
        index = self.routine_combo.findData(routine_id)
        if index >= 0:
            self.routine_combo.setCurrentIndex(index)

    def show_routine(self, routine: Routine | None) -> None:
        self.routine_strip.set_routine(routine)
        self.start_button.setEnabled(routine is not None)
        if routine is None:
            self.routine_name.setText(_("No routine yet: make one on the Routines page."))
            self.routine_facts.setText("")
            self.routine_description.setText("")
            return
        self.routine_name.setText(routine.name)
        self.routine_facts.setText(routine_facts(routine))
        self.routine_description.setText(routine.description)
