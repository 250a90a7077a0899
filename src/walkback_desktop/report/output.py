"""Where a laid-out report goes: a PDF file (written atomically) or a printer."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageLayout, QPdfWriter

from walkback_desktop.i18n import _
from walkback_desktop.report.data import ReportData, ReportRequest, collect
from walkback_desktop.report.rehab import ReportExtras
from walkback_desktop.report.render import ChartRenderer, LaidOutReport, page_layout_for

if TYPE_CHECKING:  # the print dialog's printer; `walkback report` never loads QtPrintSupport
    from PySide6.QtPrintSupport import QPrinter

    from walkback_desktop.storage.plain import PlainStore
    from walkback_desktop.storage.store import Store

PDF_DPI = 600

Progress = Callable[[int, int], None]


class ReportOutputError(OSError):
    """The PDF cannot be written; the message names the file and the reason."""


def locale_first_weekday(locale: QLocale) -> int:
    """0 = Monday ... 6 = Sunday, from Qt's 1 = Monday ... 7 = Sunday."""
    return (locale.firstDayOfWeek().value - 1) % 7


def collect_for_locale(
    store: Store | PlainStore,
    request: ReportRequest,
    *,
    locale: QLocale | None = None,
    now: datetime | None = None,
    extras: ReportExtras | None = None,
) -> ReportData:
    locale = locale or QLocale()
    return collect(
        store,
        request,
        now=now,
        locale_first_weekday=locale_first_weekday(locale),
        extras=extras,
    )


def build_report(
    store: Store | PlainStore,
    request: ReportRequest,
    *,
    charts: ChartRenderer | None = None,
    locale: QLocale | None = None,
    now: datetime | None = None,
    extras: ReportExtras | None = None,
) -> LaidOutReport:
    """Read the data and lay the report out on the locale's paper (A4 or Letter).
    `extras`: the rehab plan and 3-m Backward Walk Test results; None reads them
    from the store (services.report_extras), `ReportExtras()` leaves them out."""
    locale = locale or QLocale()
    data = collect_for_locale(store, request, locale=locale, now=now, extras=extras)
    return LaidOutReport(data, page_layout_for(locale), charts)


def write_pdf(report: LaidOutReport, path: Path | str, progress: Progress | None = None) -> int:
    """Write the report to `path` and return its page count.

    The PDF is written beside the target and moved into place when complete,
    so a failure never leaves half a file where a good one was.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".walkback-report-", suffix=".pdf")
    except OSError as exc:
        raise ReportOutputError(_cannot_write(path, exc.strerror)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(report.page_layout)
        writer.setTitle(_pdf_title(report.data))
        writer.setCreator(f"WalkBack {report.data.version}")
        try:
            report.paint(writer, progress)
        except OSError as exc:
            raise ReportOutputError(_cannot_write(path, exc)) from None
        del writer  # flushes and closes the file
        if tmp.stat().st_size == 0:
            raise ReportOutputError(
                _cannot_write(path, _("nothing was written; is the disk full?"))
            )
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, ReportOutputError):
            raise
        raise ReportOutputError(_cannot_write(path, exc.strerror or exc)) from None
    return report.page_count


def _cannot_write(path: Path, reason: object) -> str:
    return _("{path}: cannot write ({reason})").format(path=path, reason=reason)


def _pdf_title(data: ReportData) -> str:
    if data.person_name:
        return _("WalkBack progress report – {name}").format(name=data.person_name)
    return _("WalkBack progress report")


class PrintJob:
    """Paints the report on whatever printer a print (preview) dialog hands it,
    laying it out again only when the printer's page layout differs."""

    def __init__(self, report: LaidOutReport, charts: ChartRenderer | None = None) -> None:
        self.report = report
        self._charts = charts

    def configure(self, printer: QPrinter) -> None:
        data = self.report.data
        printer.setPageLayout(self.report.page_layout)
        printer.setDocName(_pdf_title(data))
        printer.setCreator(f"WalkBack {data.version}")

    def paint(self, printer: QPrinter) -> None:
        layout = printer.pageLayout()
        if not _same_geometry(layout, self.report.page_layout):
            self.report = LaidOutReport(self.report.data, layout, self._charts)
        self.report.paint(printer)


def _same_geometry(a: QPageLayout, b: QPageLayout) -> bool:
    unit = QPageLayout.Unit.Point
    return a.fullRect(unit) == b.fullRect(unit) and a.paintRect(unit) == b.paintRect(unit)
