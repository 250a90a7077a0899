"""`walkback report`: the progress report as a PDF, from the command line.

It reads through storage/plain.py when it can (no SQLAlchemy) and draws its
charts with QPainter (no pyqtgraph or numpy), so a 10-year report is written in
about the time the app takes to start. Hooked into `cli.py`'s handlers.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from walkback_desktop.cli_programs import EXIT_OK, usage_error

if TYPE_CHECKING:
    from walkback_desktop.storage.store import Store


def gui_application() -> object:
    """The report draws with Qt (fonts, QPainter charts): it needs a QApplication.
    Without a display (a server, a cron job) Qt's offscreen platform is used.
    The caller keeps the returned application alive while it draws."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["walkback"])


def report(args: argparse.Namespace, store: Store) -> int:
    _app = gui_application()  # alive until the PDF is written
    from walkback_desktop.i18n import _, ngettext
    from walkback_desktop.report.charts import render_print_charts
    from walkback_desktop.report.data import ReportRangeError, ReportRequest
    from walkback_desktop.report.output import ReportOutputError, build_report, write_pdf

    try:
        report = build_report(
            store,
            ReportRequest(first=args.first, last=args.last, full_log=args.full_log),
            charts=render_print_charts,  # QPainter: no pyqtgraph or numpy to import
        )
    except ReportRangeError as exc:
        raise usage_error(str(exc)) from exc
    try:
        pages = write_pdf(report, args.out)
    except ReportOutputError as exc:
        raise usage_error(str(exc)) from exc
    data = report.data
    sessions = len(data.records)
    print(
        _("wrote {path}: {pages}, {sessions} from {first} to {last}").format(
            path=args.out,
            pages=ngettext("{n} page", "{n} pages", pages).format(n=pages),
            sessions=ngettext("{n} session", "{n} sessions", sessions).format(n=sessions),
            first=data.first.isoformat(),
            last=data.last.isoformat(),
        )
    )
    return EXIT_OK
