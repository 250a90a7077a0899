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
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption

from walkback_desktop.core.history import SessionRecord
from walkback_desktop.i18n import N_, _
from walkback_desktop.report import content, paint
from walkback_desktop.report.content import dots
from walkback_desktop.report.data import ReportData

# (header, right-aligned); one line each. Columns other than routine and notes
# are as wide as their widest cell or header; routine and notes share the rest.
COLUMNS: tuple[tuple[str, bool], ...] = (
    (N_("Date"), False),
    (N_("Routine"), False),
    (N_("Duration"), True),
    (N_("Backward"), True),
    (N_("Done"), False),
    (N_("RPE"), True),
    (N_("Pain"), True),
    (N_("Notes"), False),
)
APP_COLUMNS = 5  # recorded by the app; the rest were reported by the person
GROUPS = (N_("RECORDED BY THE APP"), N_("REPORTED BY THE PERSON"))
WRAPPING = (1, 7)  # routine and notes may wrap; the other cells are one line
FLEXIBLE = {1: 0.6, 7: 0.4}  # the routine gets at most this share of the width left over


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
    def __init__(self, data: ReportData, width: float, base_font: QFont) -> None:
        records: Sequence[SessionRecord] = data.log_records
        self.width = width
        self.body = paint.font(base_font, 8.5)
        self.header = paint.font(base_font, 8, bold=True)
        self.group = paint.font(base_font, 7.5, bold=True)
        self.heading = paint.font(base_font, 13, bold=True)
        self.note_font = paint.font(base_font, 8.5)
        self.pad_x = dots(3)
        self.pad_y = dots(3)
        metrics = QFontMetricsF(self.body)
        self.line_h = metrics.lineSpacing()
        self.ascent = metrics.ascent()
        self._metrics = metrics
        cells = [content.log_row_cells(r) for r in records]
        times = [f"{r.started_at:%H:%M}" for r in records]
        self._column_widths(cells, times)
        self.group_h = QFontMetricsF(self.group).lineSpacing() + 2 * self.pad_y
        self.header_h = QFontMetricsF(self.header).lineSpacing() + 2 * self.pad_y
        self.rows = [
            self._row(n, row, time) for n, (row, time) in enumerate(zip(cells, times, strict=True))
        ]
        self.heading_text = _("Session log")
        self.note_text = _log_note(data, len(records))
        self.heading_h = QFontMetricsF(self.heading).lineSpacing() + dots(6)
        self.note_h = QFontMetricsF(self.note_font).boundingRect(
            QRectF(0, 0, width, 1e6),
            Qt.TextFlag.TextWordWrap,
            self.note_text,
        ).height() + dots(8)

    def _column_widths(self, cells: list[list[str]], times: list[str]) -> None:
        """Fixed columns as wide as their widest text; routine and notes share the rest."""
        header = QFontMetricsF(self.header)
        body = self._metrics
        time_w = max((body.horizontalAdvance(t) for t in times), default=0.0)
        widths: list[float] = []
        for i, (name, _right) in enumerate(COLUMNS):
            if i in FLEXIBLE:
                widths.append(0.0)
                continue
            widest = max((body.horizontalAdvance(row[i]) for row in cells), default=0.0)
            if i == 0:
                widest += dots(6) + time_w
            widths.append(max(widest, header.horizontalAdvance(_(name))) + 2 * self.pad_x)
        spare = max(self.width - sum(widths), dots(120))
        # the routine as wide as its longest name (so rows stay one line), up to
        # its share; the notes take the rest
        routine = max((body.horizontalAdvance(row[1]) for row in cells), default=0.0)
        widths[1] = min(routine + 2 * self.pad_x + dots(2), spare * FLEXIBLE[1])
        widths[1] = max(widths[1], header.horizontalAdvance(_(COLUMNS[1][0])) + 2 * self.pad_x)
        widths[7] = spare - widths[1]
        self.col_w = widths
        self.col_x = []
        x = 0.0
        for w in widths:
            self.col_x.append(x)
            x += w

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

    def _row(self, n: int, row: list[str], time: str) -> _Row:
        cells = tuple(row)
        wrapped = {}
        for i in WRAPPING:
            layout = self._wrap(cells[i], self.col_w[i])
            if layout is not None:
                wrapped[i] = layout
        counts = {i: (wrapped[i].lineCount() if i in wrapped else 1) for i in WRAPPING}
        return _Row(
            cells,
            time,
            1,
            max(1, *counts.values()),
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
            paint.draw_heading(
                painter,
                (self.heading, self.heading_text, self.heading_h),
                (self.note_font, self.note_text, self.note_h),
                self.width,
            )
        else:
            painter.setFont(self.group)
            painter.setPen(QColor(content.MUTED))
            painter.drawText(
                QPointF(0, QFontMetricsF(self.group).ascent()), _("Session log, continued")
            )
        y = self._draw_header(painter, page.top)
        for piece in page.slices:
            y = self._draw_slice(painter, piece, y)

    def _draw_header(self, painter: QPainter, top: float) -> float:
        split = self.col_x[APP_COLUMNS]
        painter.setFont(self.group)
        painter.setPen(QColor(content.MUTED))
        baseline = top + self.pad_y + QFontMetricsF(self.group).ascent()
        painter.drawText(QPointF(self.pad_x, baseline), _(GROUPS[0]))
        painter.drawText(QPointF(split + self.pad_x, baseline), _(GROUPS[1]))
        y = top + self.group_h
        gap = dots(4)
        paint.rule(painter, content.RULE, 0.6, y, 0, split - gap)
        paint.rule(painter, content.RULE, 0.6, y, split + gap, self.width)
        painter.setFont(self.header)
        painter.setPen(QColor(content.INK))
        for i, (name, right) in enumerate(COLUMNS):
            rect = QRectF(
                self.col_x[i] + self.pad_x,
                y + self.pad_y,
                self.col_w[i] - 2 * self.pad_x,
                self.header_h - 2 * self.pad_y,
            )
            align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            painter.drawText(rect, align | Qt.AlignmentFlag.AlignBottom, _(name))
        y += self.header_h
        paint.rule(painter, content.INK, 1.0, y, 0, self.width)
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
        for i, (_name, right) in enumerate(COLUMNS):
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
        time_x = self.col_x[0] + self.col_w[0] - self.pad_x
        time_x -= self._metrics.horizontalAdvance(row.time)
        painter.drawText(QPointF(time_x, offset + self.ascent), row.time)
        painter.restore()
        if piece.first_line > 0:
            painter.setFont(self.group)
            painter.setPen(QColor(content.MUTED))
            painter.drawText(QPointF(self.pad_x, y + self.pad_y + self.ascent), _("(continued)"))
        bottom = y + height
        paint.rule(painter, content.RULE, 0.4, bottom, 0, self.width)
        return bottom


def _log_note(data: ReportData, shown: int) -> str:
    sessions = content.count(shown, "{n} session", "{n} sessions")
    parts = [
        _(
            "{sessions}, oldest first, in the local time they were walked. Date, routine, "
            "duration, backward minutes and Done are recorded by the app: Done is Yes when "
            "the session was completed as planned and Early when it was finished early, "
            "with the parts walked of the parts planned (3/11) where the app timed them. "
            "RPE (effort, 0–10), pain (0–10) and notes are what the person reported "
            "({blank}: not reported)."
        ).format(sessions=sessions, blank=content.NOT_REPORTED)
    ]
    if data.log_is_partial:
        earlier = len(data.records) - shown
        parts.append(
            _(
                "The log lists the last 12 weeks (from {day}); {earlier} are in the "
                "summary and the table of months. Ask for the full log to list them all."
            ).format(
                day=content.fmt_date(data.log_first),
                earlier=content.count(earlier, "{n} earlier session", "{n} earlier sessions"),
            )
        )
    return " ".join(parts)
