"""The Progress page's controls: the heading with the range buttons, and the
row with the period's adherence and the table, PNG and report buttons, laid
out for the text size (at large text the buttons get rows of their own)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QWidget

from walkback_desktop.i18n import _
from walkback_desktop.ui.fonts import scale_font
from walkback_desktop.ui.pages.progress.preferences import DEFAULT_RANGE, RANGES

CHECKED_RANGE_STYLE = (
    "QPushButton:checked { background-color: palette(highlight);"
    " color: palette(highlighted-text); border: 1px solid palette(highlight);"
    " border-radius: 3px; padding: 3px 8px; font-weight: bold; }"
)


class ProgressControls:
    """`top` (heading, and the range buttons unless `large`), `ranges` (their
    own row when `large`), `actions` (the adherence, and the buttons unless
    `large`) and `buttons` (their row when `large`)."""

    def __init__(
        self,
        owner: QWidget,
        large: bool,
        *,
        choose_period: Callable[[str], None],
        save_png: Callable[[], None],
        export_report: Callable[[], None],
        show_table: Callable[[bool], None],
    ) -> None:
        heading = QLabel(_("Progress"))
        heading.setAccessibleName(_("Progress"))
        scale_font(heading, 1.8, bold=True)
        self.range_group = QButtonGroup(owner)
        self.range_group.setExclusive(True)
        self.top = QHBoxLayout()
        self.top.addWidget(heading)
        self.top.addStretch(1)
        self.ranges = QHBoxLayout()
        self.ranges.addWidget(QLabel(_("Show:")))
        self.range_buttons: dict[str, QPushButton] = {}
        for text, period in RANGES:
            button = QPushButton(_(text))
            button.setCheckable(True)
            button.setAccessibleName(_(text))
            button.setToolTip(
                _("Chart the last {period}").format(period=_(text).lower())
                if period != "all"
                else _("Chart every week")
            )
            button.setChecked(period == DEFAULT_RANGE)
            # The chosen range must show in every theme (Fusion's dark "checked"
            # is barely darker than its unchecked button): the selection colour.
            button.setStyleSheet(CHECKED_RANGE_STYLE)
            button.clicked.connect(lambda _c=False, p=period: choose_period(p))
            self.range_group.addButton(button)
            self.range_buttons[period] = button
            self.ranges.addWidget(button)
        if large:  # the range buttons on a row of their own
            self.ranges.addStretch(1)
        else:
            self.top.addLayout(self.ranges)

        self.save_action = QAction(_("Save chart as PNG…"), owner)
        self.save_action.setToolTip(_("Save the progress charts as a picture"))
        self.save_action.triggered.connect(save_png)
        save = QPushButton(_("Save chart as PNG…"))
        save.setAccessibleName(_("Save chart as PNG…"))
        save.setToolTip(_("Save the progress charts as a picture"))
        save.clicked.connect(save_png)
        self.report_button = QPushButton(_("Progress report…"))
        self.report_button.setAccessibleName(_("Progress report…"))
        self.report_button.setToolTip(
            _("Save a progress report for your physiotherapist as a PDF")
        )
        self.report_button.clicked.connect(export_report)
        self.table_toggle = QPushButton(_("Show as table"))
        self.table_toggle.setCheckable(True)
        self.table_toggle.setAccessibleName(_("Show as table"))
        self.table_toggle.setToolTip(_("Show the charts' numbers as a table"))
        self.table_toggle.toggled.connect(show_table)
        self.actions = QHBoxLayout()
        self.buttons = QHBoxLayout()
        self.range_summary = QLabel(" ")
        self.range_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.range_summary.setWordWrap(True)
        self.range_summary.setAccessibleName(_("Weeks on goal in this period"))
        self.actions.addWidget(self.range_summary, 1)
        if large:
            self.buttons.addStretch(1)
        for button in (self.table_toggle, save, self.report_button):
            (self.buttons if large else self.actions).addWidget(button)
