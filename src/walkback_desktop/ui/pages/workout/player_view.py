"""The player view: a huge countdown, the segment's kind in colour and in words,
what comes next, the whole routine's progress and the current form tip.

Pause and mute show from across the room: paused, the banner says PAUSED on
grey and the countdown dims; muted, a badge in the banner says so. Both only
change text and colours, never which widgets are laid out, so nothing jumps.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop.core.routine import format_duration
from walkback_desktop.core.timeline import Position
from walkback_desktop.core.workout import WorkoutSummary
from walkback_desktop.i18n import _
from walkback_desktop.i18n.formats import duration
from walkback_desktop.ui.finish_dialog import headline
from walkback_desktop.ui.kind_style import KIND_STYLE
from walkback_desktop.ui.pages.workout.widgets import big_button, relabel
from walkback_desktop.ui.widgets.big_text import FitLabel, WrapLabel

GET_READY_BANNER = "#3b3b3b"
PAUSED_BANNER = "#56606b"
DONE_BANNER = "#1e7a3c"
EARLY_BANNER = "#8a4b0f"
FLASH_COLOUR = "#ffd54a"
FLASH_MS = 220
# Paused, the countdown is drawn at this opacity: still readable, plainly not running.
DIMMED_ALPHA = 90


class PlayerView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flash_count = 0
        self.paused = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)

        self.banner = QFrame()
        self.banner.setObjectName("kindBanner")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(20, 6, 20, 6)
        self.kind_label = FitLabel(_("BACKWARD"), fill=0.8, sample=_("GET READY"))
        self.kind_label.setAccessibleName(_("Segment kind"))
        self.kind_label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.muted_badge = FitLabel(_("MUTED"), fill=0.5, sample=_("MUTED"))
        self.muted_badge.setAccessibleName(_("Sound muted"))
        policy = self.muted_badge.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # hiding it moves nothing
        self.muted_badge.setSizePolicy(policy)
        self.muted_badge.hide()
        self.segment_label = FitLabel("", fill=0.62, bold=False)
        self.segment_label.setAccessibleName(_("Segment"))
        self.segment_label.setAlignment(
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
        )
        banner_layout.addWidget(self.kind_label, 2)
        banner_layout.addWidget(self.muted_badge, 1)
        banner_layout.addWidget(self.segment_label, 3)
        layout.addWidget(self.banner, 14)

        self.countdown_frame = QFrame()
        self.countdown_frame.setAutoFillBackground(True)
        countdown_layout = QVBoxLayout(self.countdown_frame)
        countdown_layout.setContentsMargins(0, 0, 0, 0)
        self.countdown = FitLabel("0:00", fill=0.95)
        self.countdown.setAccessibleName(_("Time left in this segment"))
        countdown_layout.addWidget(self.countdown)
        layout.addWidget(self.countdown_frame, 40)

        self.tip_label = WrapLabel(bold=True)
        self.tip_label.setAccessibleName(_("Form tip"))
        layout.addWidget(self.tip_label, 12)
        self.next_label = WrapLabel()
        self.next_label.setAccessibleName(_("Next"))
        layout.addWidget(self.next_label, 7)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Workout progress"))
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.progress_text = WrapLabel()
        self.progress_text.setAccessibleName(_("Elapsed and remaining"))
        progress_row.addWidget(self.progress, 3)
        progress_row.addWidget(self.progress_text, 2)
        layout.addLayout(progress_row, 5)

        self.notice_label = self._line(_("Notice"))
        self.notice_label.hide()
        layout.addWidget(self.notice_label)
        self.status_line = self._line(_("Workout status"))
        layout.addWidget(self.status_line)

        controls = QHBoxLayout()
        controls.setSpacing(8)
        layout.addLayout(controls)
        self.back_button = big_button(
            _("Back"), _("Back to the start of this segment, or the one before (Left arrow)")
        )
        self.pause_button = big_button(_("Pause"), _("Pause (Space)"))
        self.skip_button = big_button(_("Skip"), _("Skip to the next segment (Right arrow)"))
        self.stop_button = big_button(_("Stop"), _("Stop the workout (Esc)"))
        self.mute_button = big_button(_("Mute"), _("Mute sound (M)"))
        for button in (
            self.back_button,
            self.pause_button,
            self.skip_button,
            self.stop_button,
            self.mute_button,
        ):
            controls.addWidget(button, 2)
        self.volume_caption = QLabel(_("Volume"))
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setAccessibleName(_("Volume"))
        self.volume_slider.setToolTip(_("Cue volume"))
        self.volume_slider.setMinimumWidth(80)  # the row fits 1280 px at 200 % in German
        self.volume_caption.setBuddy(self.volume_slider)
        controls.addWidget(self.volume_caption)
        controls.addWidget(self.volume_slider, 2)

        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(lambda: self._set_flash(False))
        self._banner_word = ""

    @staticmethod
    def _line(name: str) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def reset(self) -> None:
        self.tip_label.setText("")
        self.notice_label.hide()
        self.status_line.setText("")
        self.set_paused(False)

    # --- what is shown --------------------------------------------------------------
    def show_position(self, pos: Position) -> None:
        if pos.getting_ready:
            self._set_banner(
                _("GET READY"),
                _("First: {label}").format(label=pos.segment.label),
                GET_READY_BANNER,
            )
            self.countdown.setText(str(max(1, math.ceil(-pos.t - 1e-9))))
            self.next_label.setText(
                _("{label} for {duration}").format(
                    label=pos.segment.label, duration=duration(pos.segment.seconds)
                )
            )
        elif not pos.finished:
            seg = pos.segment
            style = KIND_STYLE[seg.kind]
            self._set_banner(style.banner(), seg.label, style.banner_colour)
            self.countdown.setText(format_duration(pos.left_s))
            nxt = pos.next_segment
            left = format_duration(pos.left_s)
            if nxt is None:
                self.next_label.setText(_("Last one: finish in {left}").format(left=left))
            else:
                self.next_label.setText(
                    _("Next: {label} ({duration}) in {left}").format(
                        label=nxt.label, duration=duration(nxt.seconds), left=left
                    )
                )
        self.progress.setValue(round(pos.fraction_done * 1000))
        self.progress_text.setText(
            _("{done} done · {left} left").format(
                done=duration(pos.elapsed_s), left=duration(pos.remaining_s)
            )
        )

    def show_done(self, summary: WorkoutSummary) -> None:
        """The end: what was really walked, and whether that counts as complete."""
        if summary.completed:
            self._set_banner(_("DONE"), _("Workout complete"), DONE_BANNER)
            self.next_label.setText(_("Well done!"))
        else:
            self._set_banner(_("DONE"), _("Finished early"), EARLY_BANNER)
            self.next_label.setText(headline(summary)[1])
        self.countdown.setText("0:00")
        self.progress.setValue(1000)
        self.progress_text.setText(
            _("Walked {walked} of {planned}").format(
                walked=duration(summary.active_seconds), planned=duration(summary.planned_seconds)
            )
        )

    def set_paused(self, paused: bool) -> None:
        """PAUSED on the banner and a dimmed countdown; the layout does not move."""
        self.paused = paused
        if paused:
            palette = self.countdown.palette()
            colour = palette.color(QPalette.ColorRole.WindowText)
            colour.setAlpha(DIMMED_ALPHA)
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.countdown.setPalette(palette)
            self.kind_label.setText(_("PAUSED"))
            self._paint_banner(PAUSED_BANNER)
            self.banner.setAccessibleDescription(_("Paused"))
        else:
            self.countdown.setPalette(QPalette())  # nothing set: inherit (and follow the theme)
            self.kind_label.setText(self._banner_word)
            self._paint_banner(self.banner.property("kind_colour") or GET_READY_BANNER)
            self.banner.setAccessibleDescription(self._banner_word)

    def set_muted(self, muted: bool) -> None:
        self.muted_badge.setVisible(muted)
        if muted:
            relabel(self.mute_button, _("Unmute"), _("Unmute sound (M)"))
        else:
            relabel(self.mute_button, _("Mute"), _("Mute sound (M)"))

    def set_running(self, running: bool, *, paused: bool) -> None:
        """Controls for a run under way; Pause reads Resume while paused."""
        if paused:
            relabel(self.pause_button, _("Resume"), _("Resume (Space)"))
        else:
            relabel(self.pause_button, _("Pause"), _("Pause (Space)"))
        for button in (self.pause_button, self.back_button, self.skip_button, self.stop_button):
            button.setEnabled(running)

    def _set_banner(self, word: str, label: str, colour: str) -> None:
        self._banner_word = word
        self.segment_label.setText(label)
        self.banner.setProperty("kind_colour", colour)
        if self.paused:
            return
        self.kind_label.setText(word)
        self._paint_banner(colour)
        self.banner.setAccessibleDescription(word)

    def _paint_banner(self, colour: str) -> None:
        if self.banner.property("colour") != colour:
            self.banner.setProperty("colour", colour)
            self.banner.setStyleSheet(
                f"QFrame#kindBanner {{ background-color: {colour}; border-radius: 6px; }}"
                "QFrame#kindBanner QLabel { color: #ffffff; background: transparent; }"
            )

    def flash(self) -> None:
        self.flash_count += 1
        self._set_flash(True)
        self._flash_timer.start()

    def _set_flash(self, on: bool) -> None:
        palette = self.countdown_frame.palette()
        if on:
            palette.setColor(self.countdown_frame.backgroundRole(), QColor(FLASH_COLOUR))
            palette.setColor(self.countdown.foregroundRole(), QColor("#000000"))
        else:
            palette = QPalette()  # nothing set: inherit again (and follow theme changes)
        self.countdown_frame.setPalette(palette)

    # --- size -------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resize_text()

    def resize_text(self) -> None:
        """Wrapped text follows the view's size; FitLabels fit themselves."""
        h, w = max(self.height(), 200), max(self.width(), 300)
        unit = min(h / 690, w / 1070)
        self.tip_label.set_pixel_size(round(44 * unit))
        self.next_label.set_pixel_size(round(30 * unit))
        self.progress_text.set_pixel_size(round(24 * unit))
        for label in (self.notice_label, self.status_line):
            font = label.font()
            font.setPixelSize(max(14, round(22 * unit)))
            label.setFont(font)
        # Room for two lines whether or not it says anything, so "Paused" moves nothing.
        self.status_line.setMinimumHeight(2 * self.status_line.fontMetrics().lineSpacing())
