"""The report as a list of sections, each in its own module.

A section is either *flowing* (`ReportSection`: HTML for QTextDocument, which
paginates it; it may ask for charts by kind) or *paged* (`PagedSection`: the
session log, measured and drawn with QPainter because QTextDocument is far
too slow for thousands of rows). `render.LaidOutReport` walks the list in
order: consecutive flowing sections share one document, a paged section
(the month table, the log) starts on a page of its own, and the notes follow
the last one.

To add a section (the rehab plan, the 3-m Backward Walk Test, ...) write one
module with a class like the ones here and put it in `default_sections()`.
A section returns "" when it has nothing to show, so the list can stay fixed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from walkback_desktop.report.content import ChartImage
from walkback_desktop.report.data import ReportData

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QPainter


@runtime_checkable
class ReportSection(Protocol):
    """Flowing HTML; `charts()` names the chart kinds it shows (the renderer
    in report/charts.py draws them), `html()` gets them as images."""

    id: str

    def charts(self, data: ReportData) -> tuple[str, ...]: ...

    def html(self, data: ReportData, images: Mapping[str, ChartImage]) -> str: ...


class PagedTable(Protocol):
    """Measured once, split into pages, each page drawn with QPainter; a page
    has a `bottom` (where its last row ends: the notes may follow there)."""

    def paginate(self, page_height: float) -> Sequence[Any]: ...

    def draw(self, painter: QPainter, page: Any) -> None: ...


@runtime_checkable
class PagedSection(Protocol):
    """A section drawn page by page (the month table, the session log); None:
    nothing to show. It starts on a page of its own."""

    id: str

    def table(self, data: ReportData, width: float, font: QFont) -> PagedTable | None: ...


def default_sections() -> list[ReportSection | PagedSection]:
    from walkback_desktop.report.sections.about import AboutSection
    from walkback_desktop.report.sections.assessments import AssessmentSection
    from walkback_desktop.report.sections.log import LogSection
    from walkback_desktop.report.sections.monthly import MonthlySection
    from walkback_desktop.report.sections.plan import PlanSection
    from walkback_desktop.report.sections.summary import SummarySection

    return [
        SummarySection(),
        PlanSection(),
        AssessmentSection(),
        MonthlySection(),
        LogSection(),
        AboutSection(),
    ]


def page_break(html: str) -> str:
    """`html` starting on a new page."""
    return f'<div style="page-break-before: always">{html}</div>'
