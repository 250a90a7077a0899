"""The session log: a table drawn with QPainter, split into pages by hand.

QTextDocument lays out a table of a few thousand rows in tens of seconds
(its pagination is far from linear), so the log is measured and drawn here:
each row's height comes from its wrapped text, rows fill a page, and the
two header rows are drawn again at the top of every page. A row taller than
a page (a very long note) continues on the next page, cut between lines.

All lengths are layout units (LAYOUT_DPI per inch); fonts are pixel-sized in
those units because the painter is scaled from them to the device.
User text is drawn with QPainter.drawText: it is never interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextLayout, QTextOption

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.report import content
from walkback_desktop.report.content import dots

# (header, share of the width, right-aligned)
COLUMNS: tuple[tuple[str, float, bool], ...] = (
    ("Date", 0.155, False),
    ("Routine", 0.185, False),
    ("Duration\nmin", 0.085, True),
    ("Backward\nmin", 0.09, True),
    ("Completed", 0.095, False),
    ("RPE\n0–10", 0.06, True),
    ("Pain\n0–10", 0.06, True),
    ("Notes", 0.27, False),
)
APP_COLUMNS = 5  # recorded by the app; the rest were reported by the person
GROUPS = ("RECORDED BY THE APP", "REPORTED BY THE PERSON")
WRAPPING = (0, 1, 7)  # date, routine and notes may wrap; the other cells are one line


def _font(base: QFont, points: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(round(dots(points)))
    font.setBold(bold)
    return font


@dataclass(frozen=True)
class _Row:
    cells: tuple[str, ...]
    time: str
    date_lines: int
    lines: int
    shaded: bool
    # Cells too long for one line, laid out once: measured and drawn alike.
    wrapped: dict[int, QTextLayout]


@dataclass(frozen=True)
class RowSlice:
    """Lines [first_line, last_line) of row `index` on one page."""

    index: int
    first_line: int
    last_line: int


@dataclass(frozen=True)
class LogPage:
    top: float  # where the table header starts on this page
    slices: tuple[RowSlice, ...]
    first: bool  # the first page carries the heading and the note
    bottom: float  # where the last row ends


class LogTable:
    def __init__(self, records: Sequence[SessionRecord], width: float, base_font: QFont) -> None:
        self.width = width
        self.body = _font(base_font, 8.5)
        self.header = _font(base_font, 8, bold=True)
        self.group = _font(base_font, 7.5, bold=True)
        self.heading = _font(base_font, 13, bold=True)
        self.note_font = _font(base_font, 8.5)
        self.pad_x = dots(3)
        self.pad_y = dots(3)
        metrics = QFontMetricsF(self.body)
        self.line_h = metrics.lineSpacing()
        self.ascent = metrics.ascent()
        self._metrics = metrics
        self.col_x: list[float] = []
        self.col_w: list[float] = []
        x = 0.0
        for _name, share, _right in COLUMNS:
            self.col_x.append(x)
            self.col_w.append(share * width)
            x += share * width
        self.group_h = QFontMetricsF(self.group).lineSpacing() + 2 * self.pad_y
        self.header_h = 2 * QFontMetricsF(self.header).lineSpacing() + 2 * self.pad_y
        self.rows = [self._row(n, r) for n, r in enumerate(records)]
        count = len(records)
        self.heading_text = "Session log"
        self.note_text = (
            f"{content.plural(count, 'session')}, oldest first, in the local time they were "
            "walked. Date, routine, duration, backward minutes and completion are recorded by "
            "the app; RPE (effort), pain and notes are what the person reported after the "
            f"session ({content.NOT_REPORTED}: not reported)."
        )
        self.heading_h = QFontMetricsF(self.heading).lineSpacing() + dots(6)
        self.note_h = QFontMetricsF(self.note_font).boundingRect(
            QRectF(0, 0, width, 1e6),
            Qt.TextFlag.TextWordWrap,
            self.note_text,
        ).height() + dots(8)

    def _wrap(self, text: str, width: float) -> QTextLayout | None:
        """None when the text fits on one line, else its wrapped layout
        (laid out once, so it is measured and drawn alike)."""
        inner = width - 2 * self.pad_x
        if "\n" not in text and self._metrics.horizontalAdvance(text) <= inner:
            return None
        layout = QTextLayout(text.replace("\r\n", "\n").replace("\n", "\u2028"), self.body)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(inner)
            line.setPosition(QPointF(0, y))
            y += self.line_h
        layout.endLayout()
        return layout

    def _row(self, n: int, record: SessionRecord) -> _Row:
        cells = tuple(content.log_row_cells(record))
        wrapped = {}
        for i in WRAPPING:
            layout = self._wrap(cells[i], self.col_w[i])
            if layout is not None:
                wrapped[i] = layout
        counts = {i: (wrapped[i].lineCount() if i in wrapped else 1) for i in WRAPPING}
        date_lines = counts[0]
        return _Row(
            cells,
            f"{record.started_at:%H:%M}",
            date_lines,
            max(date_lines + 1, counts[1], counts[7]),
            shaded=n % 2 == 1,
            wrapped=wrapped,
        )

    def row_height(self, lines: int) -> float:
        return lines * self.line_h + 2 * self.pad_y

    # --- pagination ---------------------------------------------------------------

    def _room(self, page_height: float, top: float) -> int:
        """Whole lines that fit below a header drawn at `top`."""
        free = page_height - top - self.group_h - self.header_h - 2 * self.pad_y
        return int(free // self.line_h)

    def paginate(self, page_height: float) -> list[LogPage]:
        pages: list[LogPage] = []
        first = True
        index, line = 0, 0
        while index < len(self.rows) or first:
            top = self.heading_h + self.note_h if first else dots(14)
            y = top + self.group_h + self.header_h
            slices: list[RowSlice] = []
            while index < len(self.rows):
                row = self.rows[index]
                remaining = row.lines - line
                room = self._room(page_height, y - self.group_h - self.header_h)
                if remaining <= room:
                    slices.append(RowSlice(index, line, row.lines))
                    y += self.row_height(remaining)
                    index, line = index + 1, 0
                    continue
                # Split only rows that would not fit an empty page, and only
                # when a fair part of the row fits here.
                fits_fresh = row.lines <= self._room(page_height, dots(14))
                if (line == 0 and fits_fresh) or room < 3:
                    break
                slices.append(RowSlice(index, line, line + room))
                line += room
                break
            pages.append(LogPage(top=top, slices=tuple(slices), first=first, bottom=y))
            first = False
            if not slices and index < len(self.rows):  # cannot happen with sane page sizes
                raise ValueError("the page is too small for the session log")
        return pages

    # --- drawing ------------------------------------------------------------------

    def draw(self, painter: QPainter, page: LogPage) -> None:
        if page.first:
            painter.setFont(self.heading)
            painter.setPen(QColor(content.ACCENT))
            painter.drawText(QPointF(0, QFontMetricsF(self.heading).ascent()), self.heading_text)
            painter.setFont(self.note_font)
            painter.setPen(QColor(content.MUTED))
            painter.drawText(
                QRectF(0, self.heading_h, self.width, self.note_h),
                Qt.TextFlag.TextWordWrap,
                self.note_text,
            )
        else:
            painter.setFont(self.group)
            painter.setPen(QColor(content.MUTED))
            painter.drawText(
                QPointF(0, QFontMetricsF(self.group).ascent()), "Session log, continued"
            )
        y = self._draw_header(painter, page.top)
        for piece in page.slices:
            y = self._draw_slice(painter, piece, y)

    def _rule(self, painter: QPainter, colour: str, points: float, y: float, x0: float, x1: float):
        painter.setPen(QPen(QColor(colour), dots(points)))
        painter.drawLine(QPointF(x0, y), QPointF(x1, y))

    def _draw_header(self, painter: QPainter, top: float) -> float:
        split = self.col_x[APP_COLUMNS]
        painter.setFont(self.group)
        painter.setPen(QColor(content.MUTED))
        baseline = top + self.pad_y + QFontMetricsF(self.group).ascent()
        painter.drawText(QPointF(self.pad_x, baseline), GROUPS[0])
        painter.drawText(QPointF(split + self.pad_x, baseline), GROUPS[1])
        y = top + self.group_h
        gap = dots(4)
        self._rule(painter, content.RULE, 0.6, y, 0, split - gap)
        self._rule(painter, content.RULE, 0.6, y, split + gap, self.width)
        painter.setFont(self.header)
        painter.setPen(QColor(content.INK))
        for i, (name, _share, right) in enumerate(COLUMNS):
            rect = QRectF(
                self.col_x[i] + self.pad_x,
                y + self.pad_y,
                self.col_w[i] - 2 * self.pad_x,
                self.header_h - 2 * self.pad_y,
            )
            align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            painter.drawText(rect, align | Qt.AlignmentFlag.AlignBottom, name)
        y += self.header_h
        self._rule(painter, content.INK, 1.0, y, 0, self.width)
        return y

    def _draw_slice(self, painter: QPainter, piece: RowSlice, y: float) -> float:
        row = self.rows[piece.index]
        height = self.row_height(piece.last_line - piece.first_line)
        if row.shaded:
            painter.fillRect(QRectF(0, y, self.width, height), QColor(content.SHADE))
        painter.save()
        painter.setClipRect(QRectF(0, y, self.width, height))
        offset = y + self.pad_y - piece.first_line * self.line_h
        painter.setFont(self.body)
        painter.setPen(QColor(content.INK))
        for i, (_name, _share, right) in enumerate(COLUMNS):
            left = self.col_x[i] + self.pad_x
            layout = row.wrapped.get(i)
            if layout is not None:
                layout.draw(painter, QPointF(left, offset))
            elif right:
                inner = self.col_w[i] - 2 * self.pad_x
                advance = self._metrics.horizontalAdvance(row.cells[i])
                painter.drawText(
                    QPointF(left + inner - advance, offset + self.ascent), row.cells[i]
                )
            else:
                painter.drawText(QPointF(left, offset + self.ascent), row.cells[i])
        painter.setPen(QColor(content.MUTED))
        painter.drawText(
            QPointF(
                self.col_x[0] + self.pad_x, offset + row.date_lines * self.line_h + self.ascent
            ),
            row.time,
        )
        painter.restore()
        if piece.first_line > 0:
            painter.setFont(self.group)
            painter.setPen(QColor(content.MUTED))
            painter.drawText(QPointF(self.pad_x, y + self.pad_y + self.ascent), "(continued)")
        bottom = y + height
        self._rule(painter, content.RULE, 0.4, bottom, 0, self.width)
        return bottom
