"""The routine editor dialog: routine fields, a segment table and a segment panel.

Every change is a QUndoCommand on one stack; what is shown is checked with the
file format's own validation (the same messages as an imported file), and Save
is only enabled while the routine is valid.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core import energy
from walkback_desktop.core.routine import (
    CADENCE_RANGE,
    INCLINE_RANGE,
    MAX_LABEL,
    MAX_NAME,
    MAX_TIP,
    MET_RANGE,
    Goal,
    Level,
    Routine,
    RoutineError,
    Segment,
    SegmentKind,
    format_duration,
)
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.routine_editor import dialogs
from walkback_desktop.ui.routine_editor.commands import (
    InsertSegmentCommand,
    MoveSegmentCommand,
    RemoveSegmentCommand,
    ReplaceSegmentCommand,
    SetFieldCommand,
)
from walkback_desktop.ui.routine_editor.durations import format_mm_ss, parse_duration
from walkback_desktop.ui.routine_editor.labels import ScaledLabel
from walkback_desktop.ui.routine_editor.segment_model import LABEL, SegmentTableModel
from walkback_desktop.ui.widgets.segment_strip import KIND_NAMES, SegmentStrip

LEVEL_TITLES = {
    Level.BEGINNER: "Beginner",
    Level.INTERMEDIATE: "Intermediate",
    Level.ADVANCED: "Advanced",
}
_SEGMENT_RE = re.compile(r"^segment (\d+):")
_MERGE_IDS = {"name": 1, "description": 2, "safety": 3}


def slugify(name: str) -> str:
    """A routine id made from its name: "Knee rehab, week 1" -> "knee-rehab-week-1"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    if len(slug) < 3:
        slug = f"routine-{slug}".strip("-") if slug else "my-routine"
    return slug


def met_description(met: float, kind: SegmentKind) -> str:
    """What a MET value stands for, e.g. "6.0 MET — walking, backwards, 3.5 mph, level
    (Compendium 17320)"."""
    entry = energy.met_entry_for(met)
    if entry is None:
        default = energy.DEFAULT_BY_KIND[kind.value]
        return (
            f"{met:.1f} MET — your own value (the usual value for {KIND_NAMES[kind].lower()} "
            f"is {default.met:.1f}: {default.activity})"
        )
    return f"{entry.met:.1f} MET — {entry.activity} (Compendium {entry.code})"


def template_segments(tips: dict[str, tuple[str, ...]]) -> tuple[Segment, ...]:
    """A new routine's starting point: warm-up, a backward bout, a cool-down."""

    def some(kind: SegmentKind) -> tuple[str, ...]:
        return tuple(tips.get(kind.value, ())[:3])

    return (
        Segment(SegmentKind.WARMUP, "Walk forwards, easy", 180, tips=some(SegmentKind.WARMUP)),
        Segment(SegmentKind.BACKWARD, "Walk backwards", 300, tips=some(SegmentKind.BACKWARD)),
        Segment(SegmentKind.COOLDOWN, "Walk forwards, slow", 120, tips=some(SegmentKind.COOLDOWN)),
    )


def weight_text(weight_kg: float, units: str) -> str:
    """The person's weight in the units they chose, e.g. "70 kg" or "154 lb"."""
    if units == "imperial":
        return f"{energy.kg_to_lb(weight_kg):.0f} lb"
    return f"{weight_kg:g} kg"


def routine_kcal(routine_segments: tuple[Segment, ...], weight_kg: float) -> float:
    return sum(energy.kcal(s.effective_met, weight_kg, s.seconds) for s in routine_segments)


class SegmentPanel(QGroupBox):
    """Edits the selected segment; each change is pushed as one undo command."""

    def __init__(self, editor: RoutineEditor) -> None:
        super().__init__("Selected segment")
        self._editor = editor
        self._row = -1
        self._loading = False
        # "Other value" stays chosen while typing, even through a value that has an entry.
        self._other_chosen = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.kind = QComboBox()
        for kind in SegmentKind:
            self.kind.addItem(KIND_NAMES[kind], kind)
        self.label = QLineEdit()
        self.label.setMaxLength(MAX_LABEL + 20)
        self.duration = QLineEdit()
        self.duration.setPlaceholderText("m:ss")
        self.duration.setToolTip("Minutes and seconds, like 2:30")
        self.met_choice = QComboBox()
        self.met_choice.addItem("Default for this kind", "default")
        for entry in energy.ALL_ENTRIES:
            self.met_choice.addItem(f"{entry.met:.1f} — {entry.activity}", entry.met)
        self.met_choice.addItem("Other value", "other")
        self.met_value = QDoubleSpinBox()
        self.met_value.setRange(*MET_RANGE)
        self.met_value.setSingleStep(0.1)
        self.met_value.setDecimals(1)
        self.met_value.setSuffix(" MET")
        self.met_info = QLabel()
        self.met_info.setTextFormat(Qt.TextFormat.PlainText)
        self.met_info.setWordWrap(True)
        self.met_info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.cadence = QSpinBox()
        self.cadence.setRange(CADENCE_RANGE[0] - 1, CADENCE_RANGE[1])
        self.cadence.setSpecialValueText("None")
        self.cadence.setSuffix(" steps/min")
        self.incline = QDoubleSpinBox()
        self.incline.setRange(INCLINE_RANGE[0] - 0.5, INCLINE_RANGE[1])
        self.incline.setSingleStep(0.5)
        self.incline.setDecimals(1)
        self.incline.setSpecialValueText("None")
        self.incline.setSuffix(" %")
        self.tips = QListWidget()
        self.tips.setFixedHeight(self.tips.fontMetrics().lineSpacing() * 6 + 8)
        self.tip_choice = QComboBox()
        self.tip_choice.setEditable(True)
        self.tip_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.tip_choice.lineEdit().setPlaceholderText("Pick a tip or type your own")
        self.tip_choice.lineEdit().setMaxLength(MAX_TIP + 20)
        self.add_tip = QPushButton("Add tip")
        self.remove_tip = QPushButton("Remove tip")

        met_row = QHBoxLayout()
        met_row.addWidget(self.met_choice, 1)
        met_row.addWidget(self.met_value)
        tip_row = QHBoxLayout()
        tip_row.addWidget(self.tip_choice, 1)
        tip_row.addWidget(self.add_tip)
        tip_row.addWidget(self.remove_tip)
        for text, widget in (
            ("Kind", self.kind),
            ("Label", self.label),
            ("Duration", self.duration),
            ("MET", self.met_choice),
            ("MET value", self.met_value),
            ("Cadence", self.cadence),
            ("Incline", self.incline),
            ("Tips", self.tips),
            ("New tip", self.tip_choice),
            ("Add tip", self.add_tip),
            ("Remove tip", self.remove_tip),
        ):
            widget.setAccessibleName(text)
        form.addRow("Kind", self.kind)
        form.addRow("Label", self.label)
        form.addRow("Duration", self.duration)
        form.addRow("MET", met_row)
        form.addRow("", self.met_info)
        form.addRow("Cadence", self.cadence)
        form.addRow("Incline", self.incline)
        form.addRow("Tips", self.tips)
        form.addRow("", tip_row)

        self.kind.activated.connect(self._kind_chosen)
        self.label.editingFinished.connect(self._label_done)
        self.duration.editingFinished.connect(self._duration_done)
        self.met_choice.activated.connect(self._met_chosen)
        self.met_value.valueChanged.connect(self._met_typed)
        self.cadence.valueChanged.connect(self._cadence_changed)
        self.incline.valueChanged.connect(self._incline_changed)
        self.add_tip.clicked.connect(self._add_tip)
        self.tip_choice.lineEdit().returnPressed.connect(self._add_tip)
        self.remove_tip.clicked.connect(self._remove_tip)
        self.tips.currentRowChanged.connect(lambda _r: self._update_tip_buttons())

    # --- showing ------------------------------------------------------------------
    def show_row(self, row: int) -> None:
        if row != self._row:
            self._other_chosen = False
        self._row = row
        model = self._editor.model
        valid = 0 <= row < model.rowCount()
        self.setEnabled(valid)
        self.setTitle(f"Segment {row + 1}" if valid else "Selected segment")
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
            self.tip_choice.setEditText(typed if self.tip_choice.lineEdit().hasFocus() else "")
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
            self._push(replace(segment, kind=SegmentKind(self.kind.currentData())), "Change kind")

    def _label_done(self) -> None:
        if (segment := self._segment()) is not None:
            self._push(replace(segment, label=self.label.text()), "Change label")

    def _duration_done(self) -> None:
        if (segment := self._segment()) is None:
            return
        seconds = parse_duration(self.duration.text())
        model = self._editor.model
        if seconds is None:
            model.set_duration_problem(
                f"segment {self._row + 1}: duration must be minutes:seconds, like 2:30"
            )
            return
        model.set_duration_problem(None)
        self._push(replace(segment, seconds=seconds), "Change duration")

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
        self._push(replace(segment, met=met), "Change MET")

    def _met_typed(self, value: float) -> None:
        segment = self._segment()
        if segment is not None and self.met_choice.currentData() == "other":
            self._push(replace(segment, met=round(value, 1)), "Change MET")

    def _cadence_changed(self, value: int) -> None:
        if (segment := self._segment()) is not None:
            cadence = None if value == self.cadence.minimum() else value
            self._push(replace(segment, cadence_spm=cadence), "Change cadence")

    def _incline_changed(self, value: float) -> None:
        if (segment := self._segment()) is not None:
            incline = None if value <= self.incline.minimum() else round(value, 1)
            self._push(replace(segment, incline_pct=incline), "Change incline")

    def _add_tip(self) -> None:
        segment = self._segment()
        text = " ".join(self.tip_choice.currentText().split())
        if segment is None or not text or text in segment.tips:
            return
        self._push(replace(segment, tips=(*segment.tips, text)), "Add tip")
        self.tip_choice.setEditText("")

    def _remove_tip(self) -> None:
        segment = self._segment()
        row = self.tips.currentRow()
        if segment is None or not 0 <= row < len(segment.tips):
            return
        tips = segment.tips[:row] + segment.tips[row + 1 :]
        self._push(replace(segment, tips=tips), "Remove tip")


class RoutineEditor(QDialog):
    """Edit one custom routine, or make a new one (`is_new`): saved only on Save."""

    saved = Signal(str)  # the routine id

    def __init__(
        self,
        ctx: AppContext,
        routine: Routine | None = None,
        *,
        is_new: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tip_library = ctx.store.library.tips_by_kind()
        if routine is None:
            is_new = True
            routine = Routine(
                id="new-routine",
                name="My routine",
                segments=template_segments(self.tip_library),
            )
        self._routine_id = routine.id
        self.is_new = is_new
        self._values: dict[str, Any] = {
            "name": routine.name,
            "level": routine.level,
            "goal": routine.goal,
            "description": routine.description,
            "safety": routine.safety,
            "safety_checklist": routine.safety_checklist,
        }
        self._loading = False
        self._closing_confirmed = False
        self.problem: str | None = None

        self.setWindowTitle("New routine" if is_new else f"Edit routine — {routine.name}")
        self.setAccessibleName("Routine editor")
        self.setSizeGripEnabled(True)
        self.resize(1180, 800)
        # No Qt parent: a child stack emits indexChanged while the dialog is being destroyed.
        self.undo_stack = QUndoStack()
        self.model = SegmentTableModel(self.undo_stack, routine.segments)
        self._build()
        self._load_fields()
        self.undo_stack.indexChanged.connect(self._after_change)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.model.dataChanged.connect(lambda *_a: self._refresh_panel())
        self.model.rowsMoved.connect(lambda *_a: self._refresh_panel())
        self.model.rowsInserted.connect(lambda *_a: self._refresh_panel())
        self.model.rowsRemoved.connect(lambda *_a: self._refresh_panel())
        self.model.duration_problem_changed.connect(self.revalidate)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._row_selected(current.row())
        )
        self.select_row(0)
        self.revalidate()

    # --- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setSpacing(10)

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME + 20)
        self.level_combo = QComboBox()
        for level in Level:
            self.level_combo.addItem(LEVEL_TITLES[level], level)
        self.goal_combo = QComboBox()
        for goal in Goal:
            self.goal_combo.addItem(goal.title, goal)
        self.checklist_box = QCheckBox("Show the safety checklist before starting")
        self.checklist_box.setAccessibleName(self.checklist_box.text())
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText("Who it is for and what it does")
        self.safety_edit = QPlainTextEdit()
        self.safety_edit.setTabChangesFocus(True)
        self.safety_edit.setPlaceholderText("What to watch out for")
        for edit in (self.description_edit, self.safety_edit):
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
        left_form = QFormLayout()
        right_form = QFormLayout()
        for form in (left_form, right_form):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for form, text, widget in (
            (left_form, "Name", self.name_edit),
            (left_form, "Level", self.level_combo),
            (left_form, "Goal", self.goal_combo),
            (right_form, "Description", self.description_edit),
            (right_form, "Safety note", self.safety_edit),
        ):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        left_form.addRow("", self.checklist_box)
        fields = QHBoxLayout()
        fields.addLayout(left_form, 2)
        fields.addSpacing(16)
        fields.addLayout(right_form, 3)
        outer.addLayout(fields)

        self.strip = SegmentStrip()
        self.strip.setFixedHeight(20)
        outer.addWidget(self.strip)

        segments_row = QHBoxLayout()
        left = QVBoxLayout()
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add segment")
        self.remove_button = QPushButton("Remove segment")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        for button, tip in (
            (self.add_button, "Add a segment after the selected one (Insert)"),
            (self.remove_button, "Remove the selected segment (Delete)"),
            (self.up_button, "Move the selected segment earlier (Alt+Up)"),
            (self.down_button, "Move the selected segment later (Alt+Down)"),
        ):
            button.setAccessibleName(button.text())
            button.setToolTip(tip)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.add_button.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        self.remove_button.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.add_button.clicked.connect(self.add_segment)
        self.remove_button.clicked.connect(self.remove_segment)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        left.addLayout(buttons)

        self.table = QTableView()
        self.table.setAccessibleName("Segments")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setToolTip(
            "Drag a row to move it; double-click a label or duration to change it"
        )
        left.addWidget(self.table, 1)
        segments_row.addLayout(left, 3)

        self.panel = SegmentPanel(self)
        self.panel.setMaximumWidth(560)
        segments_row.addWidget(self.panel, 2, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(segments_row, 1)

        self.totals_label = ScaledLabel(scale=1.15)
        self.totals_label.setAccessibleName("Totals")
        outer.addWidget(self.totals_label)

        self.problem_label = QLabel()
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        dark = self.palette().window().color().lightness() < 128
        # A red that reads on both themes: deep on light windows, soft on dark ones.
        colour = "#ff8a80" if dark else "#c62828"
        self.problem_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.model.problem_colour = QColor(colour)
        outer.addWidget(self.problem_label)

        bottom = QHBoxLayout()
        # Plain actions rather than createUndoAction(): their visible label stays "Undo"
        # (equal to the accessible name) and what they would undo goes in the tooltip.
        self.undo_action = QAction("Undo", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action = QAction("Redo", self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.undo_stack.redo)
        buttons_made = []
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text())
            button.setMinimumWidth(80)
            bottom.addWidget(button)
            buttons_made.append(button)
        self.undo_button, self.redo_button = buttons_made
        self.undo_stack.canUndoChanged.connect(self._update_undo_actions)
        self.undo_stack.canRedoChanged.connect(self._update_undo_actions)
        self.undo_stack.indexChanged.connect(self._update_undo_actions)
        self._update_undo_actions()
        bottom.addStretch(1)
        self.save_button = QPushButton("Save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save the routine (Ctrl+S)")
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Close the editor (Esc)")
        for button in (self.save_button, self.close_button):
            button.setAccessibleName(button.text())
            bottom.addWidget(button)
        save_action = QAction(self)
        save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_action.triggered.connect(self.save)
        self.addAction(save_action)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        outer.addLayout(bottom)

        self.name_edit.textEdited.connect(lambda text: self._field_edited("name", text))
        self.description_edit.textChanged.connect(
            lambda: self._field_edited("description", self.description_edit.toPlainText())
        )
        self.safety_edit.textChanged.connect(
            lambda: self._field_edited("safety", self.safety_edit.toPlainText())
        )
        self.level_combo.activated.connect(
            lambda _i: self._field_edited("level", Level(self.level_combo.currentData()))
        )
        self.goal_combo.activated.connect(
            lambda _i: self._field_edited("goal", Goal(self.goal_combo.currentData()))
        )
        self.checklist_box.toggled.connect(lambda on: self._field_edited("safety_checklist", on))

    def _update_undo_actions(self, *_args: object) -> None:
        if not shiboken6.isValid(self.undo_stack) or not shiboken6.isValid(self):
            return
        stack = self.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        undo_what = f": {stack.undoText().lower()}" if stack.canUndo() else ""
        redo_what = f": {stack.redoText().lower()}" if stack.canRedo() else ""
        self.undo_action.setToolTip(f"Undo{undo_what} (Ctrl+Z)")
        self.redo_action.setToolTip(f"Redo{redo_what} (Ctrl+Shift+Z or Ctrl+Y)")

    # --- routine fields ---------------------------------------------------------------
    def _load_fields(self) -> None:
        for name, value in self._values.items():
            self._show_field(name, value)

    def _show_field(self, name: str, value: Any) -> None:
        self._loading = True
        try:
            if name == "name":
                if self.name_edit.text() != value:
                    self.name_edit.setText(value)
            elif name == "description":
                if self.description_edit.toPlainText() != value:
                    self.description_edit.setPlainText(value)
            elif name == "safety":
                if self.safety_edit.toPlainText() != value:
                    self.safety_edit.setPlainText(value)
            elif name == "level":
                self.level_combo.setCurrentIndex(self.level_combo.findData(value))
            elif name == "goal":
                self.goal_combo.setCurrentIndex(self.goal_combo.findData(value))
            elif name == "safety_checklist":
                self.checklist_box.setChecked(bool(value))
        finally:
            self._loading = False

    def _apply_field(self, name: str, value: Any) -> None:
        self._values[name] = value
        self._show_field(name, value)

    def _field_edited(self, name: str, value: Any) -> None:
        if self._loading or self._values[name] == value:
            return
        merge_id = _MERGE_IDS.get(name, -1)
        self.undo_stack.push(
            SetFieldCommand(name, self._values[name], value, self._apply_field, merge_id)
        )

    def set_field(self, name: str, value: Any) -> None:
        """Change a routine field as if typed (for scripts and tests)."""
        self._field_edited(name, value)

    def field(self, name: str) -> Any:
        return self._values[name]

    # --- segments ---------------------------------------------------------------------
    def selected_row(self) -> int:
        return self.table.currentIndex().row()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._row_selected(self.selected_row())

    def _row_selected(self, row: int) -> None:
        self.panel.show_row(row)
        self._update_buttons()

    def _refresh_panel(self) -> None:
        self.panel.show_row(self.selected_row())
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected_row()
        count = self.model.rowCount()
        self.remove_button.setEnabled(0 <= row < count and count > 1)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.add_button.setEnabled(count < 100)

    def add_segment(self) -> None:
        row = self.selected_row()
        position = row + 1 if row >= 0 else self.model.rowCount()
        kind = SegmentKind.BACKWARD
        tips = tuple(self.tip_library.get(kind.value, ())[:3])
        segment = Segment(kind, "Walk backwards", 60, tips=tips)
        self.undo_stack.push(InsertSegmentCommand(self.model, position, segment))
        self.select_row(position)

    def remove_segment(self) -> None:
        row = self.selected_row()
        if not 0 <= row < self.model.rowCount() or self.model.rowCount() <= 1:
            return
        self.undo_stack.push(RemoveSegmentCommand(self.model, row))
        self.select_row(min(row, self.model.rowCount() - 1))

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        target = row + step
        if row < 0 or not 0 <= target < self.model.rowCount():
            return
        self.undo_stack.push(MoveSegmentCommand(self.model, row, target))
        self.select_row(target)

    # --- validation and totals --------------------------------------------------------
    def _after_change(self, _index: int = 0) -> None:
        if not shiboken6.isValid(self.undo_stack) or not shiboken6.isValid(self):
            return  # the stack clears itself while it is being destroyed
        self.revalidate()
        self._update_title()

    def draft(self) -> Routine:
        """The routine as shown, not validated (ids of new routines are chosen on save)."""
        return Routine(
            id=self._routine_id,
            name=self._values["name"],
            segments=self.model.segments(),
            level=self._values["level"],
            goal=self._values["goal"],
            description=self._values["description"],
            safety=self._values["safety"],
            safety_checklist=self._values["safety_checklist"],
        )

    def checked_routine(self) -> Routine:
        """The routine as the file format would read it; raises RoutineError."""
        if self.model.duration_problem:
            raise RoutineError(self.model.duration_problem)
        return Routine.from_dict(self.draft().to_dict())

    def revalidate(self) -> None:
        draft = self.draft()
        self.strip.set_routine(draft)
        settings = self.ctx.store.settings
        weight = float(settings.get("weight_kg"))
        shown_weight = weight_text(weight, settings.get("units"))
        self.totals_label.setText(
            f"Total {format_duration(draft.total_seconds)}   ·   "
            f"backward {draft.backward_seconds / 60:.1f} min   ·   "
            f"about {routine_kcal(draft.segments, weight):.0f} kcal at {shown_weight}   ·   "
            f"{len(draft.segments)} segments"
        )
        try:
            self.checked_routine()
        except RoutineError as exc:
            self.problem = str(exc)
        else:
            self.problem = None
        self.problem_label.setText(
            "" if self.problem is None else f"Cannot save yet: {self.problem}"
        )
        self.problem_label.setVisible(self.problem is not None)
        where = _SEGMENT_RE.match(self.problem or "")
        self.model.set_problem_row(int(where.group(1)) - 1 if where else None)
        self.save_button.setEnabled(self.problem is None)

    # --- saving and closing -----------------------------------------------------------
    def is_dirty(self) -> bool:
        return self.is_new or not self.undo_stack.isClean()

    def _update_title(self, _clean: bool = False) -> None:
        if not shiboken6.isValid(self.undo_stack) or not shiboken6.isValid(self):
            return
        base = "New routine" if self.is_new else f"Edit routine — {self._values['name']}"
        self.setWindowTitle(base + (" *" if self.is_dirty() else ""))

    def save(self) -> bool:
        try:
            routine = self.checked_routine()
        except RoutineError as exc:
            dialogs.show_problem(self, "Cannot save", f"The routine cannot be saved: {exc}")
            return False
        library = self.ctx.store.library
        if self.is_new:
            routine = routine.with_changes(id=library.free_id(slugify(routine.name)))
        try:
            library.save(routine)
        except RoutineError as exc:
            dialogs.show_problem(self, "Cannot save", f"The routine cannot be saved: {exc}")
            return False
        self._routine_id = routine.id
        self.is_new = False
        self.undo_stack.setClean()
        self._update_title()
        self.ctx.events.routines_changed.emit()
        self.ctx.events.status_message.emit(f"Saved “{routine.name}”")
        self.saved.emit(routine.id)
        self._closing_confirmed = True
        self.accept()
        return True

    @property
    def routine_id(self) -> str:
        return self._routine_id

    def confirm_close(self) -> bool:
        """Ask about unsaved changes; True if the editor may close."""
        if self._closing_confirmed or not self.is_dirty():
            return True
        answer = dialogs.ask_unsaved(self, self._values["name"] or "This routine")
        if answer is dialogs.Unsaved.SAVE:
            return self.save()
        if answer is dialogs.Unsaved.DISCARD:
            self._closing_confirmed = True
            return True
        return False

    def reject(self) -> None:
        if self.confirm_close():
            self._closing_confirmed = True
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close():
            self._closing_confirmed = True
            event.accept()
            super().closeEvent(event)
        else:
            event.ignore()
