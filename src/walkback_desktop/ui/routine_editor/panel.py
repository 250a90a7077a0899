"""The routine editor's panel for the selected segment: kind, label, duration,
MET, cadence, incline and tips; every change is one undo command."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSpinBox,
)

from walkback_desktop.core import energy
from walkback_desktop.core.routine import (
    CADENCE_RANGE,
    INCLINE_RANGE,
    MAX_LABEL,
    MAX_TIP,
    MET_RANGE,
    Segment,
    SegmentKind,
)
from walkback_desktop.i18n import _
from walkback_desktop.ui.routine_editor.commands import ReplaceSegmentCommand
from walkback_desktop.ui.routine_editor.durations import format_mm_ss, parse_duration
from walkback_desktop.ui.routine_editor.texts import kind_name, met_description

if TYPE_CHECKING:
    from walkback_desktop.ui.routine_editor.dialog import RoutineEditor


class SegmentPanel(QGroupBox):
    """Edits the selected segment; each change is pushed as one undo command."""

    def __init__(self, editor: RoutineEditor) -> None:
        super().__init__(_("Selected segment"))
        self._editor = editor
        self._row = -1
        self._loading = False
        # "Other value" stays chosen while typing, even through a value that has an entry.
        self._other_chosen = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.kind = QComboBox()
        for kind in SegmentKind:
            self.kind.addItem(kind_name(kind), kind)
        self.label = QLineEdit()
        self.label.setMaxLength(MAX_LABEL + 20)
        self.duration = QLineEdit()
        self.duration.setPlaceholderText(_("m:ss"))
        self.duration.setToolTip(_("Minutes and seconds, like 2:30"))
        self.met_choice = QComboBox()
        self.met_choice.addItem(_("Default for this kind"), "default")
        for entry in energy.ALL_ENTRIES:
            self.met_choice.addItem(f"{entry.met:.1f} — {entry.activity}", entry.met)
        self.met_choice.addItem(_("Other value"), "other")
        self.met_value = QDoubleSpinBox()
        self.met_value.setRange(*MET_RANGE)
        self.met_value.setSingleStep(0.1)
        self.met_value.setDecimals(1)
        self.met_value.setSuffix(_(" MET"))
        self.met_info = QLabel()
        self.met_info.setTextFormat(Qt.TextFormat.PlainText)
        self.met_info.setWordWrap(True)
        self.met_info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.cadence = QSpinBox()
        self.cadence.setRange(CADENCE_RANGE[0] - 1, CADENCE_RANGE[1])
        self.cadence.setSpecialValueText(_("None"))
        self.cadence.setSuffix(_(" steps/min"))
        self.incline = QDoubleSpinBox()
        self.incline.setRange(INCLINE_RANGE[0] - 0.5, INCLINE_RANGE[1])
        self.incline.setSingleStep(0.5)
        self.incline.setDecimals(1)
        self.incline.setSpecialValueText(_("None"))
        self.incline.setSuffix(" %")
        self.tips = QListWidget()
        self._size_to_font()
        self.tip_choice = QComboBox()
        self.tip_choice.setEditable(True)
        self.tip_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        tip_line = self.tip_choice.lineEdit()
        assert tip_line is not None  # an editable combo box has one
        self.tip_line = tip_line
        tip_line.setPlaceholderText(_("Pick a tip or type your own"))
        tip_line.setMaxLength(MAX_TIP + 20)
        self.add_tip = QPushButton(_("Add tip"))
        self.remove_tip = QPushButton(_("Remove tip"))

        for combo in (self.kind, self.met_choice, self.tip_choice):
            # Long Compendium activities and tips must not widen the editor past the screen.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        met_row = QHBoxLayout()
        met_row.addWidget(self.met_choice, 1)
        met_row.addWidget(self.met_value)
        tip_row = QHBoxLayout()
        tip_row.addWidget(self.tip_choice, 1)
        tip_row.addWidget(self.add_tip)
        tip_row.addWidget(self.remove_tip)
        for text, widget in (
            (_("Kind"), self.kind),
            (_("Label"), self.label),
            (_("Duration"), self.duration),
            (_("MET"), self.met_choice),
            (_("MET value"), self.met_value),
            (_("Cadence"), self.cadence),
            (_("Incline"), self.incline),
            (_("Tips"), self.tips),
            (_("New tip"), self.tip_choice),
            (self.add_tip.text(), self.add_tip),
            (self.remove_tip.text(), self.remove_tip),
        ):
            widget.setAccessibleName(text)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Label"), self.label)
        form.addRow(_("Duration"), self.duration)
        form.addRow(_("MET"), met_row)
        form.addRow("", self.met_info)
        form.addRow(_("Cadence"), self.cadence)
        form.addRow(_("Incline"), self.incline)
        form.addRow(_("Tips"), self.tips)
        form.addRow("", tip_row)

        self.kind.activated.connect(self._kind_chosen)
        self.label.editingFinished.connect(self._label_done)
        self.duration.editingFinished.connect(self._duration_done)
        self.met_choice.activated.connect(self._met_chosen)
        self.met_value.valueChanged.connect(self._met_typed)
        self.cadence.valueChanged.connect(self._cadence_changed)
        self.incline.valueChanged.connect(self._incline_changed)
        self.add_tip.clicked.connect(self._add_tip)
        self.tip_line.returnPressed.connect(self._add_tip)
        self.remove_tip.clicked.connect(self._remove_tip)
        self.tips.currentRowChanged.connect(lambda _r: self._update_tip_buttons())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_to_font()

    def _size_to_font(self) -> None:
        """Four lines of tips at the current text size (it follows the app's font)."""
        self.tips.setFixedHeight(self.tips.fontMetrics().lineSpacing() * 4 + 10)

    # --- showing ------------------------------------------------------------------
    def show_row(self, row: int) -> None:
        if row != self._row:
            self._other_chosen = False
        self._row = row
        model = self._editor.model
        valid = 0 <= row < model.rowCount()
        self.setEnabled(valid)
        self.setTitle(
            _("Segment {number}").format(number=row + 1) if valid else _("Selected segment")
        )
        if not valid:
            return
        segment = model.segment(row)
        self._loading = True
        try:
            self.kind.setCurrentIndex(self.kind.findData(segment.kind))
            if not self.label.hasFocus():
                self.label.setText(segment.label)
            if not self.duration.hasFocus():
                self.duration.setText(format_mm_ss(segment.seconds))
            if segment.met is None:
                self.met_choice.setCurrentIndex(0)
            else:
                entry = energy.met_entry_for(segment.met)
                index = self.met_choice.findData(entry.met) if entry else -1
                if self._other_chosen:
                    index = -1
                self.met_choice.setCurrentIndex(
                    index if index >= 0 else self.met_choice.count() - 1
                )
            self.met_value.setValue(segment.effective_met)
            self.met_value.setEnabled(self.met_choice.currentData() == "other")
            self.met_info.setText(met_description(segment.effective_met, segment.kind))
            self.cadence.setValue(segment.cadence_spm or self.cadence.minimum())
            self.incline.setValue(
                self.incline.minimum() if segment.incline_pct is None else segment.incline_pct
            )
            current_tip = self.tips.currentRow()
            self.tips.clear()
            self.tips.addItems(list(segment.tips))
            if 0 <= current_tip < self.tips.count():
                self.tips.setCurrentRow(current_tip)
            typed = self.tip_choice.currentText()
            self.tip_choice.clear()
            self.tip_choice.addItems(
                [
                    t
                    for t in self._editor.tip_library.get(segment.kind.value, ())
                    if t not in segment.tips
                ]
            )
            self.tip_choice.setCurrentIndex(-1)
            self.tip_choice.setEditText(typed if self.tip_line.hasFocus() else "")
        finally:
            self._loading = False
        self._update_tip_buttons()

    def _update_tip_buttons(self) -> None:
        self.remove_tip.setEnabled(self.tips.currentRow() >= 0)

    # --- editing ------------------------------------------------------------------
    def _segment(self) -> Segment | None:
        if self._loading or not 0 <= self._row < self._editor.model.rowCount():
            return None
        return self._editor.model.segment(self._row)

    def _push(self, new: Segment, text: str) -> None:
        old = self._editor.model.segment(self._row)
        if new != old:
            self._editor.undo_stack.push(
                ReplaceSegmentCommand(self._editor.model, self._row, new, text)
            )

    def _kind_chosen(self, _index: int) -> None:
        if (segment := self._segment()) is not None:
            self._push(
                replace(segment, kind=SegmentKind(self.kind.currentData())), _("Change kind")
            )

    def _label_done(self) -> None:
        if (segment := self._segment()) is not None:
            self._push(replace(segment, label=self.label.text()), _("Change label"))

    def _duration_done(self) -> None:
        if (segment := self._segment()) is None:
            return
        seconds = parse_duration(self.duration.text())
        model = self._editor.model
        if seconds is None:
            model.set_unreadable_duration(self._row)
            return
        model.set_unreadable_duration(None)
        self._push(replace(segment, seconds=seconds), _("Change duration"))

    def _met_chosen(self, _index: int) -> None:
        if (segment := self._segment()) is None:
            return
        choice = self.met_choice.currentData()
        if choice == "default":
            met = None
        elif choice == "other":
            met = round(self.met_value.value(), 1)
        else:
            met = float(choice)
        self.met_value.setEnabled(choice == "other")
        self._other_chosen = choice == "other"
        self._push(replace(segment, met=met), _("Change MET"))

    def _met_typed(self, value: float) -> None:
        segment = self._segment()
        if segment is not None and self.met_choice.currentData() == "other":
            self._push(replace(segment, met=round(value, 1)), _("Change MET"))

    def _cadence_changed(self, value: int) -> None:
        if (segment := self._segment()) is not None:
            cadence = None if value == self.cadence.minimum() else value
            self._push(replace(segment, cadence_spm=cadence), _("Change cadence"))

    def _incline_changed(self, value: float) -> None:
        if (segment := self._segment()) is not None:
            incline = None if value <= self.incline.minimum() else round(value, 1)
            self._push(replace(segment, incline_pct=incline), _("Change incline"))

    def _add_tip(self) -> None:
        segment = self._segment()
        text = " ".join(self.tip_choice.currentText().split())
        if segment is None or not text or text in segment.tips:
            return
        self._push(replace(segment, tips=(*segment.tips, text)), _("Add tip"))
        self.tip_choice.setEditText("")

    def _remove_tip(self) -> None:
        segment = self._segment()
        row = self.tips.currentRow()
        if segment is None or not 0 <= row < len(segment.tips):
            return
        tips = segment.tips[:row] + segment.tips[row + 1 :]
        self._push(replace(segment, tips=tips), _("Remove tip"))
