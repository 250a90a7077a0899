"""File-menu actions for the progress report (print preview, export as PDF)."""

from __future__ import annotations

from PySide6.QtGui import QAction

from walkback_desktop.ui.context import AppContext


def build_report_actions(ctx: AppContext) -> list[QAction]:
    """The report's menu actions; empty until the report module exists."""
    return []
