"""Lay the report out once and paint it page by page onto a PDF or a printer.

QTextDocument paginates (and repeats a table's <thead> on every page) but has
no running headers or footers, so each page is painted here: the document's
slice for that page, then a header and a "Page n of m" footer with QPainter.

The document is laid out on a fixed-resolution image (LAYOUT_DPI) whatever
the target, so a PDF, the print preview and the printed pages break at the
same places; painting then scales to the device's resolution.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)

from walkback_desktop.bundled_fonts import bundled_font
from walkback_desktop.i18n import _
from walkback_desktop.report import content
from walkback_desktop.report.content import LAYOUT_DPI, ChartImage, dots, u
from walkback_desktop.report.data import ReportData
from walkback_desktop.report.log_table import LogTable
from walkback_desktop.report.sections import (
    PagedSection,
    PagedTable,
    ReportSection,
    default_sections,
)

# Territories whose paper is US Letter; everyone else uses A4 (PySide6 names
# the QLocale::Territory enum Country).
LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.CostaRica,
        QLocale.Country.Guatemala,
        QLocale.Country.Panama,
        QLocale.Country.DominicanRepublic,
        QLocale.Country.PuertoRico,
        QLocale.Country.ElSalvador,
        QLocale.Country.Nicaragua,
    }
)
MARGINS_MM = QMarginsF(18, 15, 18, 13)  # left, top, right, bottom: inside any printer's margin
HEADER_PT = 26.0  # band above the body on every page
FOOTER_PT = 24.0
BODY_PT = 10.0
CHART_ASPECT = 0.3  # height / width, at most
MIN_CHART_PT = 110.0
CHART_SLACK_PT = 4.0
ABOUT_GAP_PT = 24.0  # between the end of the log and the notes on the same page
CHART_URL = "walkback-chart:{kind}"

# Draws the named chart kinds (see the sections) for the data at a size;
# kinds it does not know are left out of the answer.
ChartRenderer = Callable[[ReportData, "ChartSize", Sequence[str]], Mapping[str, QImage]]


def page_size_for(locale: QLocale | None = None) -> QPageSize:
    territory = (locale or QLocale()).territory()
    size = (
        QPageSize.PageSizeId.Letter if territory in LETTER_TERRITORIES else QPageSize.PageSizeId.A4
    )
    return QPageSize(size)


def page_layout_for(locale: QLocale | None = None) -> QPageLayout:
    return QPageLayout(
        page_size_for(locale),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


@dataclass(frozen=True)
class ChartSize:
    """Where a chart goes: its size in points and the pixels it should have."""

    width_pt: float
    height_pt: float
    dpi: int = 300

    @property
    def width_px(self) -> int:
        return round(self.width_pt * self.dpi / 72)

    @property
    def height_px(self) -> int:
        return round(self.height_pt * self.dpi / 72)


class _Document(QTextDocument):
    """A QTextDocument that only knows the images we give it: nothing is ever
    read from disk or the network, whatever text ends up in it."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None


class LaidOutReport:
    """The report laid out for one page layout; paint it on any paged device.

    Pages: the summary (a QTextDocument, normally one page), the session log
    (drawn by LogTable) and the notes (a QTextDocument again).
    """

    def __init__(
        self,
        data: ReportData,
        layout: QPageLayout,
        charts: ChartRenderer | None = None,
        sections: Sequence[ReportSection | PagedSection] | None = None,
    ) -> None:
        self.data = data
        self.page_layout = layout
        self.sections = list(sections) if sections is not None else default_sections()
        paint = layout.paintRect(QPageLayout.Unit.Point)
        self.width = dots(paint.width())
        self.height = dots(paint.height())
        self.header_h = dots(HEADER_PT)
        self.footer_h = dots(FOOTER_PT)
        self.body_h = self.height - self.header_h - self.footer_h
        self._device = QImage(8, 8, QImage.Format.Format_RGB32)
        dots_per_metre = round(LAYOUT_DPI / 0.0254)
        self._device.setDotsPerMeterX(dots_per_metre)
        self._device.setDotsPerMeterY(dots_per_metre)
        font = bundled_font()
        font.setPointSizeF(BODY_PT)
        # no "fi"/"fl" ligatures: text copied or searched in the PDF reads "first"
        font.setFeature(QFont.Tag("liga"), 0)
        self._font = font
        self.docs: list[QTextDocument] = []
        self.log: LogTable | None = None
        self._pages: list[Callable[[QPainter], None]] = []
        images = self._charts(charts, paint.width())
        flowing: list[str] = []
        for section in self.sections:
            if isinstance(section, ReportSection):
                flowing.append(section.html(data, images))
                continue
            table = section.table(data, self.width, font)
            if table is None:
                continue
            self._flush(flowing)
            flowing = []
            if isinstance(table, LogTable):
                self.log = table
            self._add_table(table)
        self._flush(flowing)
        self.doc = self.docs[0]
        self.page_count = len(self._pages)

    def _charts(self, charts: ChartRenderer | None, chart_w: float) -> dict[str, ChartImage]:
        """Draw the charts the flowing sections ask for, sized so that the first
        section (the summary and its charts) fits its page."""
        kinds = [
            kind
            for section in self.sections
            if isinstance(section, ReportSection)
            for kind in section.charts(self.data)
        ]
        if charts is None or not kinds:
            return {}
        self.doc = self._document()
        first = self.sections[0]
        first_kinds = first.charts(self.data) if isinstance(first, ReportSection) else ()
        height = self._chart_height_pt(chart_w, first, len(first_kinds))
        rendered = charts(self.data, ChartSize(chart_w, height), kinds)
        self._images = dict(rendered)
        return {
            kind: self._image_of(kind, image, chart_w)
            for kind, image in rendered.items()
            if kind in kinds
        }

    def _image_of(self, kind: str, image: QImage, width_pt: float) -> ChartImage:
        height_pt = width_pt * image.height() / max(image.width(), 1)
        return ChartImage(CHART_URL.format(kind=kind), u(width_pt), u(height_pt))

    def _flush(self, flowing: list[str]) -> None:
        """Lay out the flowing HTML gathered so far as one document and page it."""
        body = "".join(part for part in flowing if part)
        if not body:
            return
        doc = self._document()
        for kind, image in getattr(self, "_images", {}).items():
            doc.addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(CHART_URL.format(kind=kind)),
                image,
            )
        # (the page size was set before the text: setting it again lays it all out again)
        doc.setHtml(
            f"<html><head><title>{content.text(content.title(self.data))}</title></head>"
            f"<body>{body}</body></html>"
        )
        self.docs.append(doc)
        if self._pages and self._pages[-1].func == self._table_page_end:  # type: ignore[attr-defined]
            # The notes fit under the end of the last table: no page of their own.
            table, page = self._pages[-1].args  # type: ignore[attr-defined]
            doc.setTextWidth(self.width)
            top = page.bottom + dots(ABOUT_GAP_PT)
            if top + doc.size().height() <= self.body_h:
                self._pages[-1] = partial(self._log_and_about, table, page, doc, top)
                return
            doc.setPageSize(QSizeF(self.width, self.body_h))
        self._pages += [partial(self._paint_doc_page, doc, n) for n in range(doc.pageCount())]

    def _add_table(self, table: PagedTable) -> None:
        pages = table.paginate(self.body_h)
        self._pages += [partial(self._table_page, table, page) for page in pages[:-1]]
        self._pages.append(partial(self._table_page_end, table, pages[-1]))

    def _table_page(self, table: PagedTable, page: Any, painter: QPainter) -> None:
        table.draw(painter, page)

    def _table_page_end(self, table: PagedTable, page: Any, painter: QPainter) -> None:
        table.draw(painter, page)

    def _chart_height_pt(self, chart_w: float, first: object, charts: int) -> float:
        """As tall as CHART_ASPECT allows while the first section's charts still
        fit on the first page (Letter is shorter than A4): lay the page out once
        with placeholder charts of a known height and see what room is left."""
        if not isinstance(first, ReportSection) or charts == 0:
            return CHART_ASPECT * chart_w
        probe_pt = 100.0
        probe = ChartImage("walkback-chart:probe", u(chart_w), u(probe_pt))
        self.doc.setTextWidth(self.width)
        images = {kind: probe for kind in first.charts(self.data)}
        self.doc.setHtml(f"<html><body>{first.html(self.data, images)}</body></html>")
        fixed = self.doc.size().height() - charts * dots(probe_pt)
        free_pt = (self.body_h - fixed) * 72 / LAYOUT_DPI - CHART_SLACK_PT
        return max(MIN_CHART_PT, min(CHART_ASPECT * chart_w, free_pt / charts))

    def _document(self) -> QTextDocument:
        doc = _Document()
        doc.documentLayout().setPaintDevice(self._device)
        doc.setDefaultFont(self._font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(content.stylesheet())
        doc.setPageSize(QSizeF(self.width, self.body_h))
        return doc

    def paint(
        self, device: QPagedPaintDevice, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """Paint every page; `device` must already have this report's page layout."""
        painter = QPainter(device)
        if not painter.isActive():
            raise OSError(_("cannot draw on the output (is the file or printer writable?)"))
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            scale = device.logicalDpiX() / LAYOUT_DPI
            for index in range(self.page_count):
                if index:
                    device.newPage()
                painter.save()
                painter.scale(scale, scale)
                self._paint_page(painter, index)
                painter.restore()
                if progress is not None:
                    progress(index + 1, self.page_count)
        finally:
            painter.end()

    def _paint_page(self, painter: QPainter, index: int) -> None:
        self._paint_header(painter, index)
        painter.save()
        painter.translate(0, self.header_h)
        self._pages[index](painter)
        painter.restore()
        self._paint_footer(painter, index)

    def _log_and_about(
        self, table: PagedTable, page: Any, about: QTextDocument, top: float, painter: QPainter
    ) -> None:
        table.draw(painter, page)
        painter.translate(0, top)
        about.drawContents(painter, QRectF(0, 0, self.width, self.body_h - top))

    def _paint_doc_page(self, doc: QTextDocument, index: int, painter: QPainter) -> None:
        painter.translate(0, -index * self.body_h)
        doc.drawContents(painter, QRectF(0, index * self.body_h, self.width, self.body_h))

    def _small_font(self) -> QFont:
        """8 pt, as a pixel size in layout units: the painter is scaled from layout
        units to the device, and a point size would be resolved for the device."""
        font = QFont(self._font)
        font.setPixelSize(round(dots(8)))
        return font

    def _paint_header(self, painter: QPainter, index: int) -> None:
        if index == 0:
            return
        font = self._small_font()
        painter.setFont(font)
        painter.setPen(QColor(content.MUTED))
        metrics = QFontMetricsF(font)
        baseline = self.header_h - dots(9)
        data = self.data
        painter.drawText(QPointF(0, baseline), content.running_header(data))
        right = content.fmt_range(data.first, data.last)
        painter.drawText(QPointF(self.width - metrics.horizontalAdvance(right), baseline), right)
        painter.setPen(QPen(QColor(content.RULE), dots(0.5)))
        line_y = self.header_h - dots(5)
        painter.drawLine(QPointF(0, line_y), QPointF(self.width, line_y))

    def _paint_footer(self, painter: QPainter, index: int) -> None:
        font = self._small_font()
        metrics = QFontMetricsF(font)
        top = self.height - self.footer_h
        painter.setPen(QPen(QColor(content.RULE), dots(0.5)))
        line_y = top + dots(7)
        painter.drawLine(QPointF(0, line_y), QPointF(self.width, line_y))
        painter.setFont(font)
        painter.setPen(QColor(content.MUTED))
        baseline = line_y + dots(4) + metrics.ascent()
        data = self.data
        left = _("Generated {moment} · WalkBack {version} · Not a medical device").format(
            moment=content.fmt_moment(data.generated_at), version=data.version
        )
        painter.drawText(QPointF(0, baseline), left)
        right = _("Page {page} of {pages}").format(page=index + 1, pages=self.page_count)
        painter.setPen(QColor(content.INK))
        painter.drawText(QPointF(self.width - metrics.horizontalAdvance(right), baseline), right)
