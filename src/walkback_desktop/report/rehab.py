"""What the rehab-plan and 3-m Backward Walk Test sections need, as plain values.

The values are assembled from the store by `services.report_extras`
(`report_extras(store, first, last, today=...)`), where they are defined;
`report.data.collect` calls it for every report unless the caller passes its
own `ReportExtras` (`build_report(..., extras=...)`; an empty `ReportExtras()`
leaves both sections out).
"""

from __future__ import annotations

from walkback_desktop.services.report_extras import (
    DONE,
    IN_PROGRESS,
    MISSED,
    PARTIAL,
    UPCOMING,
    BwtReference,
    BwtResult,
    BwtSummary,
    PlanAdherence,
    PlanSummary,
    PlanWeek,
    ReportExtras,
)

__all__ = [
    "DONE",
    "IN_PROGRESS",
    "MISSED",
    "PARTIAL",
    "UPCOMING",
    "BwtReference",
    "BwtResult",
    "BwtSummary",
    "PlanAdherence",
    "PlanSummary",
    "PlanWeek",
    "ReportExtras",
]
