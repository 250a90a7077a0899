"""The 3-m Backward Walk Test: results, trend and the reference used (fed by
`ReportExtras.bwt`)."""

from __future__ import annotations

from collections.abc import Mapping

from walkback_desktop.report.content import ChartImage
from walkback_desktop.report.data import ReportData


class AssessmentSection:
    id = "assessments"

    def charts(self, data: ReportData) -> tuple[str, ...]:
        return ()

    def html(self, data: ReportData, images: Mapping[str, ChartImage]) -> str:
        return ""
