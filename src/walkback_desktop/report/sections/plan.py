"""The rehab plan: program, start, planned vs done per week, adherence, missed
weeks and the pain trend across the program (fed by `ReportExtras.plan`)."""

from __future__ import annotations

from collections.abc import Mapping

from walkback_desktop.report.content import ChartImage
from walkback_desktop.report.data import ReportData


class PlanSection:
    id = "plan"

    def charts(self, data: ReportData) -> tuple[str, ...]:
        return ()

    def html(self, data: ReportData, images: Mapping[str, ChartImage]) -> str:
        return ""
