"""The guided 3-m Backward Walk Test: set-up, "3, 2, 1, go", timing, result.

The rules (trials, false starts, cancel, repeat, the result) live in
`core.assessments.WalkTest`, driven by `ctx.clock`; this dialog renders its
phase and forwards keys. While a trial counts down or runs, the dialog holds
the keyboard focus: Space, Enter or the big button stop the timer, Escape
cancels the trial (it is walked again). The countdown is spoken through the
CuePlayer ("3", "2", "1" as spoken cues, "Go" with the segment beep); with
the voice off, the numbers beep instead.

(Over 400 lines: its four screens, set-up, running, between trials and result,
share the test's state and the key handling; the results list is results.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.assessments import (
    MAX_TIMED_TRIALS,
    AssessmentResult,
    CountdownCue,
    Phase,
    WalkTest,
)
from walkback_desktop.core.timeline import Cue, CueKind
from walkback_desktop.i18n import _
from walkback_desktop.ui import confirm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.fonts import scale_font, wrapped_label
from walkback_desktop.ui.program_texts import compare_text, references_text, seconds_text

if TYPE_CHECKING:
    from walkback_desktop.storage.programs import AssessmentRepository
    from walkback_desktop.storage.settings_repo import SettingsRepository

TICK_MS = 50


def _button(text: str, scale: float = 1.0) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", ""))
    scale_font(button, scale, bold=scale > 1)
    button.setMinimumHeight(int(36 * max(1.0, scale)))
    return button


def local_now() -> datetime:
    return datetime.now().astimezone()


def setup_text() -> str:
    return "\n".join(
        [
            _("Before you start:"),
            "• " + _("Mark 3 metres on the floor (tape at the start and at 3 m)."),
            "• " + _("Clear the space behind you: no rugs, cables or furniture."),
            "• " + _("Have a helper walk beside you, or walk along a wall or a row of chairs."),
            "• " + _("Wear your usual shoes."),
            "",
            _(
                "Stand with your heels at the start line, facing away from the 3-m mark. "
                "At \u201cgo\u201d, walk backwards as quickly as is safe until both feet "
                "are past the 3-m line. Stop the timer with Space, Enter or the big "
                "button (a helper can press it)."
            ),
        ]
    )


class WalkTestDialog(QDialog):
    """One sitting of the test; `saved` carries the stored result."""

    saved = Signal(object)  # AssessmentResult

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        assessments: AssessmentRepository,
        settings: SettingsRepository,
        timed_trials: int = 2,
        practice: bool = True,
        now: Callable[[], datetime] = local_now,
    ) -> None:
        """`assessments` stores the result; `settings` gives the sound options."""
        super().__init__(parent)
        self.ctx = ctx
        self.assessments = assessments
        self.settings = settings
        self.now = now
        self.saved_result: AssessmentResult | None = None
        self.setWindowTitle(_("3-m Backward Walk Test"))
        self.setAccessibleName(_("3-m Backward Walk Test"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.test = WalkTest(ctx.clock, timed_trials=timed_trials, practice=practice)
        self._voice = bool(settings.snapshot().voice_enabled)
        self._seq = 0
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_setup())
        self.pages.addWidget(self._build_running())
        self.pages.addWidget(self._build_between())
        self.pages.addWidget(self._build_result())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.pages)
        self.resize(760, 560)
        self._render()

    # --- screens ------------------------------------------------------------------
    def _build_setup(self) -> QWidget:
        page = QWidget()
        self.setup_title = wrapped_label(_("3-m Backward Walk Test"), 1.6, True)
        self.setup_body = wrapped_label(setup_text(), 1.1)
        self.trials_spin = QSpinBox()
        self.trials_spin.setRange(1, MAX_TIMED_TRIALS)
        self.trials_spin.setValue(self.test.timed_trials)
        self.trials_spin.setAccessibleName(_("Timed trials"))
        self.trials_spin.valueChanged.connect(self._trials_changed)
        self.practice_box = QCheckBox(_("Start with a practice trial (not counted)"))
        self.practice_box.setChecked(self.test.is_practice)
        self.practice_box.toggled.connect(self._practice_changed)
        form = QHBoxLayout()
        trials_label = QLabel(_("&Timed trials:"))
        trials_label.setBuddy(self.trials_spin)
        form.addWidget(trials_label)
        form.addWidget(self.trials_spin)
        form.addSpacing(24)
        form.addWidget(self.practice_box)
        form.addStretch(1)
        self.begin_button = _button("", 1.4)
        self.begin_button.clicked.connect(self.start_trial)
        close = _button(_("Close"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(close)
        row.addStretch(1)
        row.addWidget(self.begin_button)
        box = QVBoxLayout(page)
        box.addWidget(self.setup_title)
        box.addWidget(self.setup_body)
        box.addLayout(form)
        box.addStretch(1)
        box.addLayout(row)
        return page

    def _build_running(self) -> QWidget:
        page = QWidget()
        self.trial_label = wrapped_label("", 1.4, True)
        self.trial_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.big_label = wrapped_label("", 7.0, True)
        self.big_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.big_label.setAccessibleName(_("Timer"))
        self.hint_label = wrapped_label("", 1.1)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stop_button = _button(_("Stop"), 2.2)
        self.stop_button.setMinimumHeight(120)
        self.stop_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.stop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys go to the dialog
        self.stop_button.clicked.connect(self.stop)
        self.cancel_button = _button(_("Cancel trial (Esc)"))
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self.cancel_trial)
        box = QVBoxLayout(page)
        box.addWidget(self.trial_label)
        box.addStretch(1)
        box.addWidget(self.big_label)
        box.addWidget(self.hint_label)
        box.addStretch(1)
        box.addWidget(self.stop_button)
        box.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _build_between(self) -> QWidget:
        page = QWidget()
        self.between_title = wrapped_label("", 1.5, True)
        self.trials_label = wrapped_label("", 1.2)
        self.trials_label.setAccessibleName(_("Trials so far"))
        self.next_button = _button("", 1.4)
        self.next_button.clicked.connect(self.start_trial)
        self.repeat_button = _button(_("&Repeat the last trial"))
        self.repeat_button.clicked.connect(self.repeat_trial)
        close = _button(_("Close"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(close)
        row.addWidget(self.repeat_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        box = QVBoxLayout(page)
        box.addWidget(self.between_title)
        box.addWidget(self.trials_label)
        box.addStretch(1)
        box.addLayout(row)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget()
        self.result_title = wrapped_label(_("Your result"), 1.5, True)
        self.result_label = wrapped_label("", 3.0, True)
        self.result_label.setAccessibleName(_("Result"))
        self.result_trials = wrapped_label("", 1.1)
        self.compare_label = wrapped_label("", 1.1)
        self.reference_label = wrapped_label(references_text(), 1.05)
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setPlaceholderText(_("e.g. knee a bit stiff, helper: Anna"))
        self.note_edit.setMaxLength(500)
        note_row = QFormLayout()
        note_row.addRow(_("&Note:"), self.note_edit)
        self.save_button = _button(_("&Save result"), 1.3)
        self.save_button.clicked.connect(self.save)
        self.result_repeat = _button(_("&Repeat the last trial"))
        self.result_repeat.clicked.connect(self.repeat_trial)
        discard = _button(_("Discard"))
        discard.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(discard)
        row.addWidget(self.result_repeat)
        row.addStretch(1)
        row.addWidget(self.save_button)
        box = QVBoxLayout(page)
        box.addWidget(self.result_title)
        box.addWidget(self.result_label)
        box.addWidget(self.result_trials)
        box.addWidget(self.compare_label)
        box.addWidget(self.reference_label)
        box.addLayout(note_row)
        box.addStretch(1)
        box.addLayout(row)
        return page

    # --- options ------------------------------------------------------------------
    def _trials_changed(self, value: int) -> None:
        if self.test.phase is Phase.SETUP:
            self.test = WalkTest(
                self.ctx.clock, timed_trials=value, practice=self.practice_box.isChecked()
            )
            self._render()

    def _practice_changed(self, checked: bool) -> None:
        self._trials_changed(self.trials_spin.value())

    # --- actions ------------------------------------------------------------------
    def start_trial(self) -> None:
        self.test.start_trial()
        self._prepare_audio()
        self.tick()
        self.timer.start()

    def stop(self) -> None:
        self.test.stop()
        self._after_trial()

    def cancel_trial(self) -> None:
        self.test.cancel_trial()
        self.ctx.cue_player.stop()
        self._after_trial()

    def repeat_trial(self) -> None:
        self.test.repeat_trial()
        if self.test.phase is Phase.COUNTDOWN:
            self._prepare_audio()
            self.tick()
            self.timer.start()
        else:
            self._render()

    def _after_trial(self) -> None:
        if self.test.phase not in (Phase.COUNTDOWN, Phase.TIMING):
            self.timer.stop()
        self._render()

    def tick(self) -> None:
        for cue in self.test.tick():
            self._play(cue)
        if self.test.phase not in (Phase.COUNTDOWN, Phase.TIMING):
            self.timer.stop()
        self._render()

    def save(self) -> AssessmentResult | None:
        best = self.test.result()
        if best is None:
            return None
        result = AssessmentResult(
            taken_at=self.now(),
            seconds=round(best, 2),
            trials=tuple(round(t.seconds, 2) for t in self.test.timed),
            note=self.note_edit.text().strip(),
        )
        self.saved_result = self.assessments.add(result)
        self.ctx.events.status_message.emit(
            _("3-m Backward Walk Test saved: {time}").format(time=seconds_text(result.seconds))
        )
        self.saved.emit(self.saved_result)
        # A result can complete a program's check: the Today card and Progress re-read.
        self.ctx.events.sessions_changed.emit()
        self.accept()
        return self.saved_result

    # --- sound -------------------------------------------------------------------
    def _prepare_audio(self) -> None:
        settings = self.settings.snapshot()
        self._voice = settings.voice_enabled
        player = self.ctx.cue_player
        player.set_options(
            voice_enabled=settings.voice_enabled,
            beeps_enabled=settings.beeps_enabled,
            volume=settings.volume / 100.0,
            voice_name=settings.voice_name,
            voice_rate=settings.voice_rate,
        )
        player.prepare()

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _play(self, cue: CountdownCue) -> None:
        if cue.is_go:
            spoken = Cue(cue.at, CueKind.SEGMENT_START, _("Go"), 0, self._next_seq(), None)
        elif self._voice:
            spoken = Cue(cue.at, CueKind.GET_READY, str(cue.count), 0, self._next_seq(), cue.count)
        else:
            spoken = Cue(cue.at, CueKind.COUNTDOWN, str(cue.count), 0, self._next_seq(), cue.count)
        self.ctx.cue_player.play(spoken, 0.0)

    # --- rendering ---------------------------------------------------------------
    def trial_title(self) -> str:
        if self.test.is_practice:
            return _("Practice trial (not counted)")
        return _("Timed trial {n} of {total}").format(
            n=self.test.trial_number, total=self.test.timed_trials
        )

    def _trial_lines(self) -> str:
        lines = []
        for trial in self.test.trials:
            if trial.practice:
                lines.append(_("Practice: {time}").format(time=seconds_text(trial.seconds)))
            else:
                lines.append(
                    _("Trial {n}: {time}").format(n=trial.number, time=seconds_text(trial.seconds))
                )
        return "\n".join(lines)

    def _render(self) -> None:
        phase = self.test.phase
        if phase is Phase.SETUP:
            self.begin_button.setText(
                _("Start the practice trial")
                if self.test.is_practice
                else _("Start timed trial 1")
            )
            self.pages.setCurrentIndex(0)
            self.begin_button.setDefault(True)
        elif phase in (Phase.COUNTDOWN, Phase.TIMING):
            self.trial_label.setText(self.trial_title())
            if phase is Phase.COUNTDOWN:
                left = self.test.countdown_left()
                self.big_label.setText(str(max(1, int(-(-left // 1)))))
                self.hint_label.setText(_("Get ready\u2026 Space now is a false start."))
                self.stop_button.setText(_("Stop (Space)"))
            else:
                self.big_label.setText(seconds_text(self.test.elapsed()))
                self.hint_label.setText(_("Go! Walk backwards to the 3-m line."))
            self.big_label.setAccessibleDescription(self.big_label.text())
            if self.pages.currentIndex() != 1:
                self.pages.setCurrentIndex(1)
                self.setFocus()
        elif phase is Phase.BETWEEN:
            self.between_title.setText(_("Rest a moment"))
            self.trials_label.setText(self._trial_lines())
            self.next_button.setText(_("Start {trial}").format(trial=self.trial_title().lower()))
            self.repeat_button.setEnabled(bool(self.test.trials))
            self.pages.setCurrentIndex(2)
            self.next_button.setDefault(True)
            self.next_button.setFocus()
        else:
            best = self.test.result()
            assert best is not None
            self.result_label.setText(seconds_text(best))
            self.result_trials.setText(
                _("The faster timed trial counts.") + "\n" + self._trial_lines()
            )
            self.compare_label.setText(compare_text(best))
            self.pages.setCurrentIndex(3)
            self.save_button.setDefault(True)
            self.note_edit.setFocus()

    # --- keys and closing --------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        running = self.test.phase in (Phase.COUNTDOWN, Phase.TIMING)
        key = event.key()
        if running and key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.stop()
            event.accept()
            return
        if running and key == Qt.Key.Key_Escape:
            self.cancel_trial()
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if (
            self.test.trials
            and self.saved_result is None
            and not confirm.ask(
                self,
                _("Discard the test?"),
                _("The trials you walked are not saved."),
                _("Discard"),
                _("Keep testing"),
            )
        ):
            return
        self.timer.stop()
        self.ctx.cue_player.stop()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        super().closeEvent(event)
