"""Small builders shared by the workout views."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QSizePolicy

from walkback_desktop.ui.fonts import scale_font


def big_button(
    label: str, tip: str, slot: Callable[[], object] | None = None, *, big: bool = False
) -> QPushButton:
    """A button readable from a distance, named for screen readers by its label."""
    button = QPushButton(label)
    button.setAccessibleName(label)
    button.setToolTip(tip)
    if slot is not None:
        button.clicked.connect(slot)
    button.setMinimumHeight(64 if big else 48)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    scale_font(button, (1.8 if big else 1.25), bold=big)
    return button


def relabel(button: QPushButton, label: str, tip: str) -> None:
    button.setText(label)
    button.setAccessibleName(label)
    button.setToolTip(tip)
