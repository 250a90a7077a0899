"""A table of one-line rows (the month-by-month summary), measured and drawn
with QPainter and split into pages by hand, the header row repeated on each.

QTextDocument took most of a ten-year report's layout time on this table
(120 rows: about half a second to parse, lay out and paginate, then a tenth
of a second to paint each page); every row here is one line of known height,
so pagination is arithmetic. It looks like the rich-text tables of the other
sections (`table.codes` in content.stylesheet): 8 pt text, a bold header with
a dark rule, a light rule under each row.

All lengths are layout units (LAYOUT_DPI per inch); fonts are pixel-sized in
those units because the painter is scaled from them to the device.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from walkback_desktop.report import content, paint
from walkback_desktop.report.content import dots

PAD_PT = 2.5
HEADING_PT = 13.0
TEXT_PT = 8.0
NOTE_PT = 8.5


@dataclass(frozen=True)
class TablePage:
    top: float  # where the header row starts on this page
    first_row: int
    end_row: int  # rows [first_row, end_row) are on this page
    first: bool  # the first page carries the heading and the note
    bottom: float  # where the last row ends


class LineTable:
    """A heading, a note, then rows of single-line cells under a header row.
    `columns`: (header, right-aligned) pairs; every row has one cell per column."""

    def __init__(
        self,
        heading: str,
        note: str,
        columns: Sequence[tuple[str, bool]],
        rows: Sequence[Sequence[str]],
        width: float,
        base_font: QFont,
    ) -> None:
        self.heading_text = heading
        self.note_text = note
        self.columns = tuple(columns)
        self.rows = [tuple(row) for row in rows]
        self.width = width
        self.heading = paint.font(base_font, HEADING_PT, bold=True)
        self.note_font = paint.font(base_font, NOTE_PT)
        self.header = paint.font(base_font, TEXT_PT, bold=True)
        self.body = paint.font(base_font, TEXT_PT)
        self.pad = dots(PAD_PT)
        self._metrics = QFontMetricsF(self.body)
        self._header_metrics = QFontMetricsF(self.header)
        self.row_h = self._metrics.lineSpacing() + 2 * self.pad
        self.header_h = self._header_metrics.lineSpacing() + 2 * self.pad
        self.heading_h = QFontMetricsF(self.heading).lineSpacing() + dots(5)
        self.note_h = QFontMetricsF(self.note_font).boundingRect(
            QRectF(0, 0, width, 1e6), Qt.TextFlag.TextWordWrap, note
        ).height() + dots(6)
        self._column_widths()

    def _column_widths(self) -> None:
        """Each column as wide as its widest text; the room left is shared evenly."""
        natural = []
        for i, (name, _right) in enumerate(self.columns):
            widest = max((self._metrics.horizontalAdvance(row[i]) for row in self.rows), default=0)
            natural.append(max(widest, self._header_metrics.horizontalAdvance(name)))
        spare = max(0.0, self.width - sum(natural) - 2 * self.pad * len(natural))
        self.col_w = [w + 2 * self.pad + spare / len(natural) for w in natural]
        self.col_x = [sum(self.col_w[:i]) for i in range(len(self.col_w))]

    def paginate(self, page_height: float) -> list[TablePage]:
        pages: list[TablePage] = []
        index = 0
        first = True
        while index < len(self.rows) or first:
            top = self.heading_h + self.note_h if first else 0.0
            fit = int((page_height - top - self.header_h) // self.row_h)
            if fit < 1:
                raise ValueError("the page is too small for the table")
            end = min(len(self.rows), index + fit)
            bottom = top + self.header_h + (end - index) * self.row_h
            pages.append(TablePage(top, index, end, first, bottom))
            index, first = end, False
        return pages

    def draw(self, painter: QPainter, page: TablePage) -> None:
        if page.first:
            paint.draw_heading(
                painter,
                (self.heading, self.heading_text, self.heading_h),
                (self.note_font, self.note_text, self.note_h),
                self.width,
            )
        painter.setFont(self.header)
        painter.setPen(QColor(content.INK))
        y = page.top
        self._draw_cells(painter, [name for name, _right in self.columns], y, self._header_metrics)
        y += self.header_h
        paint.rule(painter, content.INK, 0.6, y, 0, self.width)
        painter.setFont(self.body)
        for row in self.rows[page.first_row : page.end_row]:
            painter.setPen(QColor(content.INK))
            self._draw_cells(painter, row, y, self._metrics)
            y += self.row_h
            paint.rule(painter, content.RULE, 0.3, y, 0, self.width)

    def _draw_cells(
        self, painter: QPainter, cells: Sequence[str], y: float, metrics: QFontMetricsF
    ) -> None:
        baseline = y + self.pad + metrics.ascent()
        for i, (cell, (_name, right)) in enumerate(zip(cells, self.columns, strict=True)):
            x = self.col_x[i] + self.pad
            if right:
                x = self.col_x[i] + self.col_w[i] - self.pad - metrics.horizontalAdvance(cell)
            painter.drawText(QPointF(x, baseline), cell)
