"""The routine editor dialog: routine fields, a segment table and a segment panel.

The routine being edited is a `core.routine_draft.RoutineDraft`; every change
is a QUndoCommand on one stack that acts on it. What is shown is checked with
the file format's own validation (the draft's `problems()`), the row a problem
is in comes from the error's segment index, and Save is only enabled while the
routine is valid. A failed write keeps everything typed and offers Retry.
Its parts live in fields.py, panel.py, segment_model.py and buttons.py;
what is left (just over 400 lines) is the dialog's save, close and undo wiring.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QGuiApplication,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.routine import Routine, RoutineError, Segment, SegmentKind, slugify
from walkback_desktop.core.routine_draft import FIELDS, RoutineDraft
from walkback_desktop.i18n import _
from walkback_desktop.i18n.errors import routine_problem
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.routine_editor import dialogs
from walkback_desktop.ui.routine_editor.buttons import BottomBar, SegmentButtons
from walkback_desktop.ui.routine_editor.commands import (
    InsertSegmentCommand,
    MoveSegmentCommand,
    RemoveSegmentCommand,
    SetFieldCommand,
)
from walkback_desktop.ui.routine_editor.fields import RoutineFields
from walkback_desktop.ui.routine_editor.labels import ScaledLabel
from walkback_desktop.ui.routine_editor.panel import SegmentPanel
from walkback_desktop.ui.routine_editor.segment_model import (
    SegmentTableModel,
    segment_table,
    size_table_to_font,
)
from walkback_desktop.ui.routine_editor.texts import template_segments, totals_text, weight_text
from walkback_desktop.ui.widgets.segment_strip import SegmentStrip

if TYPE_CHECKING:
    from walkback_desktop.storage.library import RoutineLibrary
    from walkback_desktop.storage.settings_repo import SettingsRepository

log = logging.getLogger(__name__)

_MERGE_IDS = {"name": 1, "description": 2, "safety": 3}
# The editor must fit a 1366x768 screen with room for a title bar and a panel.
_FITS = QSize(1366 - 40, 768 - 80)


class RoutineEditor(QDialog):
    """Edit one custom routine, or make a new one (`is_new`): saved only on Save."""

    saved = Signal(str)  # the routine id

    def __init__(
        self,
        ctx: AppContext,
        routine: Routine | None = None,
        *,
        library: RoutineLibrary,
        settings: SettingsRepository,
        is_new: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`library` gives the tips and takes the saved routine; `settings` the
        body weight and units for the totals."""
        super().__init__(parent)
        self.ctx = ctx
        self.library = library
        self.settings = settings
        self.tip_library = library.tips_by_kind()
        if routine is None:
            is_new = True
            routine = Routine(
                id="new-routine",
                name=_("My routine"),
                segments=template_segments(self.tip_library),
            )
        self.draft_state = RoutineDraft.from_routine(routine)
        self.is_new = is_new
        self._closing_confirmed = False
        self.problem: str | None = None
        self.problems: list[RoutineError] = []

        self.setAccessibleName(_("Routine editor"))
        self.setSizeGripEnabled(True)
        # No Qt parent: a child stack emits indexChanged while the dialog is being destroyed.
        self.undo_stack = QUndoStack()
        self.model = SegmentTableModel(self.undo_stack, self.draft_state)
        self._build()
        self._load_fields()
        self._update_title()
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
        self.resize(self._initial_size())

    # --- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(10)

        self.fields = RoutineFields()
        self.fields.edited.connect(self._field_edited)
        # The routine fields' widgets, for scripts and tests.
        self.name_edit, self.level_combo = self.fields.name_edit, self.fields.level_combo
        self.goal_combo, self.checklist_box = self.fields.goal_combo, self.fields.checklist_box
        self.description_edit = self.fields.description_edit
        self.safety_edit = self.fields.safety_edit
        body_layout.addWidget(self.fields)

        self.strip = SegmentStrip()
        self.strip.setFixedHeight(20)
        body_layout.addWidget(self.strip)

        self.segments_row = segments_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        left = QVBoxLayout()
        row = SegmentButtons(self.add_segment, self.remove_segment, self.move_selected)
        self.add_button, self.remove_button = row.add_button, row.remove_button
        self.up_button, self.down_button = row.up_button, row.down_button
        left.addLayout(row)
        self.table = segment_table(self.model)
        left.addWidget(self.table, 1)
        segments_row.addLayout(left, 3)
        self.panel = SegmentPanel(self)
        segments_row.addWidget(self.panel, 2, Qt.AlignmentFlag.AlignTop)
        body_layout.addLayout(segments_row, 1)

        # Large text on a small screen: the body scrolls, the buttons stay in view.
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.body_scroll, 1)

        self.totals_label = ScaledLabel(scale=1.15)
        self.totals_label.setAccessibleName(_("Totals"))
        self.totals_label.setWordWrap(True)
        outer.addWidget(self.totals_label)

        self.problem_label = QLabel()
        self.problem_label.setAccessibleName(_("Problem"))
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        dark = self.palette().window().color().lightness() < 128
        # A red that reads on both themes: deep on light windows, soft on dark ones.
        colour = "#ff8a80" if dark else "#c62828"
        self.problem_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.model.problem_colour = QColor(colour)
        outer.addWidget(self.problem_label)
        bar = BottomBar(self, self.undo_stack, self.save, self.close)
        self.undo_action, self.redo_action = bar.undo_action, bar.redo_action
        self.undo_button, self.redo_button = bar.undo_button, bar.redo_button
        self.save_button, self.close_button = bar.save_button, bar.close_button
        outer.addLayout(bar)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            size_table_to_font(self.table)
            self._arrange()

    def _arrange(self) -> None:
        """Side by side when there is room for about 130 characters, stacked otherwise
        (large text on a small screen): the body then scrolls down, never sideways."""
        stacked = self.width() < 130 * self.fontMetrics().averageCharWidth()
        self.fields.set_stacked(stacked)
        self.segments_row.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )

    def _initial_size(self) -> QSize:
        """As large as it likes, but never past the screen it opens on."""
        wanted = self.sizeHint().expandedTo(QSize(1180, 760))
        screen = self.screen() or QGuiApplication.primaryScreen()
        limit = screen.availableGeometry().size() if screen is not None else _FITS
        return wanted.boundedTo(limit.boundedTo(_FITS)).expandedTo(self.minimumSizeHint())

    # --- routine fields ---------------------------------------------------------------
    def _load_fields(self) -> None:
        for name in FIELDS:
            self.fields.show_field(name, self.draft_state.field(name))

    def _apply_field(self, name: str, value: Any) -> None:
        self.draft_state.set_field(name, value)
        self.fields.show_field(name, value)

    def _field_edited(self, name: str, value: Any) -> None:
        old = self.draft_state.field(name)
        if old == value:
            return
        merge_id = _MERGE_IDS.get(name, -1)
        self.undo_stack.push(SetFieldCommand(name, old, value, self._apply_field, merge_id))

    def set_field(self, name: str, value: Any) -> None:
        """Change a routine field as if typed (for scripts and tests)."""
        self._field_edited(name, value)

    def field(self, name: str) -> Any:
        return self.draft_state.field(name)

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
        draft = self.draft_state
        self.remove_button.setEnabled(draft.can_remove(row))
        self.up_button.setEnabled(draft.can_move(row, -1))
        self.down_button.setEnabled(draft.can_move(row, 1))
        self.add_button.setEnabled(draft.can_add())

    def add_segment(self) -> None:
        row = self.selected_row()
        position = row + 1 if row >= 0 else self.model.rowCount()
        kind = SegmentKind.BACKWARD
        tips = tuple(self.tip_library.get(kind.value, ())[:3])
        segment = Segment(kind, _("Walk backwards"), 60, tips=tips)
        self.undo_stack.push(InsertSegmentCommand(self.model, position, segment))
        self.select_row(position)

    def remove_segment(self) -> None:
        row = self.selected_row()
        if not self.draft_state.can_remove(row):
            return
        self.undo_stack.push(RemoveSegmentCommand(self.model, row))
        self.select_row(min(row, self.model.rowCount() - 1))

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        if not self.draft_state.can_move(row, step):
            return
        self.undo_stack.push(MoveSegmentCommand(self.model, row, row + step))
        self.select_row(row + step)

    # --- validation and totals --------------------------------------------------------
    def _after_change(self, _index: int = 0) -> None:
        if not shiboken6.isValid(self.undo_stack) or not shiboken6.isValid(self):
            return  # the stack clears itself while it is being destroyed
        self.revalidate()
        self._update_title()

    def draft(self) -> Routine:
        """The routine as shown, not validated (ids of new routines are chosen on save)."""
        return self.draft_state.routine()

    def checked_routine(self) -> Routine:
        """The routine as the file format would read it; raises RoutineError."""
        return self.draft_state.checked()

    def revalidate(self) -> None:
        draft = self.draft_state
        self.strip.set_routine(draft.routine())
        settings = self.settings.snapshot()
        self.totals_label.setText(
            totals_text(
                draft.totals(settings.weight_kg), weight_text(settings.weight_kg, settings.units)
            )
        )
        self.problems = draft.problems()
        first = self.problems[0] if self.problems else None
        self.problem = None if first is None else routine_problem(first)
        self.problem_label.setText(
            ""
            if self.problem is None
            else _("Cannot save yet: {problem}").format(problem=self.problem)
        )
        self.problem_label.setVisible(self.problem is not None)
        self.model.set_problem_row(None if first is None else first.segment)
        self.save_button.setEnabled(self.problem is None)

    # --- saving and closing -----------------------------------------------------------
    def is_dirty(self) -> bool:
        return self.is_new or not self.undo_stack.isClean()

    def _update_title(self, _clean: bool = False) -> None:
        if not shiboken6.isValid(self.undo_stack) or not shiboken6.isValid(self):
            return
        if self.is_new:
            base = _("New routine")
        else:
            base = _("Edit routine — {name}").format(name=self.draft_state.name)
        self.setWindowTitle(base + (" *" if self.is_dirty() else ""))

    def save(self) -> bool:
        """Write the routine; on a storage failure keep everything and offer Retry."""
        title = _("Cannot save")
        try:
            routine = self.checked_routine()
        except RoutineError as exc:
            dialogs.show_problem(
                self,
                title,
                _("The routine cannot be saved: {problem}").format(problem=routine_problem(exc)),
            )
            return False
        library = self.library
        while True:
            try:
                if self.is_new:
                    routine = routine.with_changes(id=library.free_id(slugify(routine.name)))
                library.save(routine)
                break
            except RoutineError as exc:
                dialogs.show_problem(
                    self,
                    title,
                    _("The routine cannot be saved: {problem}").format(
                        problem=routine_problem(exc)
                    ),
                )
                return False
            except Exception:
                log.exception("saving routine %s failed", routine.id)
                if not dialogs.ask_retry(
                    self,
                    title,
                    _(
                        "“{name}” could not be saved: the database could not be written. "
                        "Your changes are still here. Try again?"
                    ).format(name=routine.name),
                ):
                    return False
        self.draft_state.routine_id = routine.id
        self.is_new = False
        self.undo_stack.setClean()
        self._update_title()
        self.ctx.events.routines_changed.emit()
        self.ctx.events.status_message.emit(_("Saved “{name}”").format(name=routine.name))
        self.saved.emit(routine.id)
        self._closing_confirmed = True
        self.accept()
        return True

    @property
    def routine_id(self) -> str:
        return self.draft_state.routine_id

    def confirm_close(self) -> bool:
        """Ask about unsaved changes; True if the editor may close."""
        if self._closing_confirmed or not self.is_dirty():
            return True
        answer = dialogs.ask_unsaved(self, self.draft_state.name or _("This routine"))
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
