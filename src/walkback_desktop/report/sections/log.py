"""The session log: the last 12 weeks by default, every session on request."""

from __future__ import annotations

from PySide6.QtGui import QFont

from walkback_desktop.report.data import ReportData
from walkback_desktop.report.log_table import LogTable


class LogSection:
    id = "log"

    def table(self, data: ReportData, width: float, font: QFont) -> LogTable | None:
        if not data.has_sessions:
            return None
        return LogTable(data, width, font)
