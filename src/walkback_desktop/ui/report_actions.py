"""File-menu actions for the progress report: print (through a preview) and
export as PDF, each after asking for the period (ReportDialog).

The report modules, QtPrintSupport and pyqtgraph are imported when a command
runs, not when the menu is built: they stay off the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from walkback_desktop.i18n import N_, _, ngettext
from walkback_desktop.ui.context import AppContext

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from walkback_desktop.report.data import ReportRequest
    from walkback_desktop.report.render import LaidOutReport
    from walkback_desktop.storage.sessions import SessionRepository
    from walkback_desktop.storage.settings_repo import SettingsRepository
    from walkback_desktop.storage.store import Store

# Lays out the report for a request (the report layer reads the whole store).
ReportMaker = Callable[["ReportRequest"], "LaidOutReport"]

PRINT_LABEL = N_("Print report…")
EXPORT_LABEL = N_("Export report as PDF…")


@contextmanager
def _wait_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class ReportCommands:
    """What the two menu actions do; tests call these directly."""

    def __init__(
        self,
        ctx: AppContext,
        today: Callable[[], date] = date.today,
        *,
        settings: SettingsRepository,
        sessions: SessionRepository,
        make_report: ReportMaker,
    ) -> None:
        """`settings` keeps the name printed on the report, `sessions` gives the
        first session's date, `make_report` lays the report out (see `report_maker`)."""
        self.ctx = ctx
        self._today = today
        self.settings = settings
        self.sessions = sessions
        self.make_report = make_report
        self.last_preview: QPrintPreviewDialog | None = None

    def ask(self, parent: QWidget | None, *, printing: bool) -> ReportRequest | None:
        from walkback_desktop.ui.report_dialog import ReportDialog

        title = _("Print report") if printing else _("Export report as PDF")
        dialog = ReportDialog(
            parent,
            title=title,
            accept_label=_("Preview…") if printing else _("Choose file…"),
            person_name=self.settings.snapshot().person_name,
            today=self._today(),
            first_session=self._first_session_day(),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        request = dialog.request()
        name = request.person_name or ""
        if name != self.settings.snapshot().person_name:
            self.settings.update(person_name=name)
            self.ctx.events.settings_changed.emit("person_name")
        return request

    def _first_session_day(self) -> date | None:
        from walkback_desktop.core.stats import local_date

        records = self.sessions.list()
        return local_date(records[0]) if records else None

    def build(self, parent: QWidget | None, request: ReportRequest) -> LaidOutReport | None:
        from walkback_desktop.report.data import ReportRangeError

        try:
            with _wait_cursor():
                return self.make_report(request)
        except ReportRangeError as exc:
            QMessageBox.warning(
                parent,
                _("Progress report"),
                _("Cannot make the report: {reason}.").format(reason=exc),
            )
            return None

    def print_report(self, parent: QWidget | None = None) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from walkback_desktop.report.charts import render_print_charts
        from walkback_desktop.report.output import PrintJob

        request = self.ask(parent, printing=True)
        if request is None:
            return
        report = self.build(parent, request)
        if report is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        job = PrintJob(report, render_print_charts)
        job.configure(printer)
        preview = QPrintPreviewDialog(printer, parent)
        preview.setWindowTitle(_("Print preview – progress report"))
        preview.setAccessibleName(_("Print preview"))
        preview.paintRequested.connect(job.paint)
        preview.resize(900, 1000)
        self.last_preview = preview
        preview.exec()
        self.last_preview = None
        preview.deleteLater()

    def export_pdf(self, parent: QWidget | None = None) -> Path | None:
        from walkback_desktop.report.output import ReportOutputError, write_pdf

        request = self.ask(parent, printing=False)
        if request is None:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        file_name = _("WalkBack report {day}.pdf").format(day=f"{self._today():%Y-%m-%d}")
        suggested = Path(folder or Path.home()) / file_name
        name, _filter = QFileDialog.getSaveFileName(
            parent, _("Export report as PDF"), str(suggested), _("PDF documents (*.pdf)")
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        report = self.build(parent, request)
        if report is None:
            return None
        try:
            with _wait_cursor():
                pages = write_pdf(report, path)
        except ReportOutputError as exc:
            QMessageBox.warning(
                parent,
                _("Export report as PDF"),
                _("The report was not saved.\n{reason}").format(reason=exc),
            )
            return None
        self.ctx.events.status_message.emit(
            ngettext(
                "Saved the progress report ({pages} page) to {path}",
                "Saved the progress report ({pages} pages) to {path}",
                pages,
            ).format(pages=pages, path=path)
        )
        return path


def _window_of(action: QAction) -> QWidget | None:
    for owner in action.associatedObjects():
        if isinstance(owner, QWidget):
            return owner.window()
    active = QApplication.activeWindow()
    return active if isinstance(active, QWidget) else None


def build_report_actions(commands: ReportCommands) -> list[QAction]:
    """The report's File-menu actions: Print report… (Ctrl+P), Export report as PDF… (Ctrl+Shift+E)."""
    print_action = QAction(_(PRINT_LABEL))
    print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    print_action.setToolTip(_("Print a progress report for your physiotherapist (Ctrl+P)"))
    print_action.setStatusTip(print_action.toolTip())
    print_action.triggered.connect(lambda: commands.print_report(_window_of(print_action)))
    export_action = QAction(_(EXPORT_LABEL))
    export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
    export_action.setToolTip(_("Save a progress report as a PDF file (Ctrl+Shift+E)"))
    export_action.setStatusTip(export_action.toolTip())
    export_action.triggered.connect(lambda: commands.export_pdf(_window_of(export_action)))
    # Tests reach the commands through the actions.
    print_action.report_commands = commands  # type: ignore[attr-defined]
    export_action.report_commands = commands  # type: ignore[attr-defined]
    return [print_action, export_action]


def report_button(
    ctx: AppContext, parent: QWidget | None = None, *, commands: ReportCommands
) -> QPushButton:
    """A "Progress report…" button that exports the report as a PDF (after the
    period dialog): one line to put the report on a page (Progress, History).
    A page is handed `commands` (the wiring makes them)."""
    button = QPushButton(_("Progress report…"), parent)
    button.setAccessibleName(_("Progress report…"))
    button.setToolTip(_("Save a progress report for your physiotherapist as a PDF"))
    button.clicked.connect(lambda: commands.export_pdf(button.window()))
    button.report_commands = commands  # type: ignore[attr-defined]
    return button


def report_maker(store: Store) -> ReportMaker:
    """The report built from `store`; the report modules load on first use."""

    def make(request: ReportRequest) -> LaidOutReport:
        from walkback_desktop.report.charts import render_print_charts
        from walkback_desktop.report.output import build_report

        return build_report(store, request, charts=render_print_charts)

    return make
