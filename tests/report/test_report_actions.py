"""The GUI paths: File > Export report as PDF… and File > Print report… (preview),
with the period dialog; modal dialogs are monkeypatched so nothing blocks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from tests.helpers import make_session
from tests.report.conftest import pdf_pages
from walkback_desktop.app import build_main_window
from walkback_desktop.report.charts import render_print_charts
from walkback_desktop.report.data import ReportRequest
from walkback_desktop.report.output import build_report, write_pdf
from walkback_desktop.ui import report_dialog
from walkback_desktop.ui.report_actions import EXPORT_LABEL, PRINT_LABEL
from walkback_desktop.ui.report_dialog import PERIODS, ReportDialog, period_range


@pytest.fixture
def window(qtbot, data_dir):
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.ctx.store.sessions.import_many([make_session(day) for day in range(30)])
    return win


def _action(window, label):
    for action in window.menus["File"].actions():
        if action.text() == label:
            return action
    raise AssertionError(f"no {label!r} in the File menu")


@pytest.fixture
def accept_all_sessions(monkeypatch):
    """The period dialog answers 'All sessions' and a name at once."""
    seen = []

    def fake_exec(self):
        seen.append(self)
        self.period.setCurrentIndex(PERIODS.index("All sessions"))
        self.name.setText("  Pat   <b>Smith</b> ")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReportDialog, "exec", fake_exec)
    return seen


def test_file_menu_has_both_actions_with_shortcuts_and_tooltips(window):
    printing = _action(window, PRINT_LABEL)
    export = _action(window, EXPORT_LABEL)
    assert printing.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert export.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert "Ctrl+P" in printing.toolTip()
    assert "Ctrl+Shift+E" in export.toolTip()


def test_export_writes_the_pdf_chosen_in_the_file_dialog(
    window, qtbot, tmp_path, monkeypatch, accept_all_sessions
):
    target = tmp_path / "for my physio"  # no suffix: .pdf is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF documents (*.pdf)")
    )
    with qtbot.waitSignal(window.ctx.events.status_message) as saved:
        _action(window, EXPORT_LABEL).trigger()
    written = tmp_path / "for my physio.pdf"
    assert written.exists()
    pages = pdf_pages(written)
    assert "Pat <b>Smith</b>" in pages[0]
    assert "Sessions 30" in pages[0]
    assert str(written) in saved.args[0]
    assert f"({len(pages)} pages)" in saved.args[0]
    # The name typed in the dialog is remembered for next time.
    assert window.ctx.store.settings.get("person_name") == "Pat <b>Smith</b>"


def test_export_cancelled_in_the_file_dialog_writes_nothing(
    window, tmp_path, monkeypatch, accept_all_sessions
):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    commands = _action(window, EXPORT_LABEL).report_commands
    assert commands.export_pdf(window) is None
    assert not list(tmp_path.glob("*.pdf"))


def test_export_to_an_unwritable_place_explains_and_keeps_going(
    window, tmp_path, monkeypatch, accept_all_sessions
):
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(tmp_path / "missing" / "r.pdf"), ""),
    )
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    commands = _action(window, EXPORT_LABEL).report_commands
    assert commands.export_pdf(window) is None
    assert warnings and "cannot write" in warnings[0]


def test_print_preview_opens_and_shows_the_same_pages_as_the_pdf(
    window, tmp_path, monkeypatch, accept_all_sessions
):
    shown = {}

    def fake_exec(self):
        preview = self.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        shown["pages"] = preview.pageCount()
        shown["title"] = self.windowTitle()
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    _action(window, PRINT_LABEL).trigger()
    assert accept_all_sessions, "the period dialog was shown first"
    report = build_report(
        window.ctx.store,
        ReportRequest(person_name="Pat <b>Smith</b>"),
        charts=render_print_charts,
    )
    expected = write_pdf(report, tmp_path / "same.pdf")
    assert shown["pages"] == expected
    assert "Print preview" in shown["title"]


def test_cancelling_the_period_dialog_does_nothing(window, monkeypatch):
    monkeypatch.setattr(ReportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    opened = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: opened.append(self))
    _action(window, PRINT_LABEL).trigger()
    assert opened == []


# --- the period dialog ----------------------------------------------------------


TODAY = date(2025, 5, 31)


def test_periods_end_today(qapp):
    assert period_range(0, TODAY) == (TODAY - timedelta(days=27), TODAY)
    assert period_range(1, TODAY) == (date(2025, 3, 1), TODAY)
    assert period_range(2, TODAY) == (date(2024, 6, 1), TODAY)
    assert period_range(3, TODAY) == (None, TODAY)


def test_dialog_custom_dates_and_name(qtbot):
    dialog = ReportDialog(
        None, title="Print report", accept_label="Preview…", person_name="Ann", today=TODAY
    )
    qtbot.addWidget(dialog)
    assert not dialog.first.isEnabled()
    dialog.period.setCurrentIndex(report_dialog.CUSTOM)
    assert dialog.first.isEnabled() and dialog.last.isEnabled()
    dialog.first.setDate(dialog.first.date().fromString("2025-01-05", "yyyy-MM-dd"))
    dialog.last.setDate(dialog.last.date().fromString("2025-02-10", "yyyy-MM-dd"))
    assert dialog.ok_button.isEnabled()
    assert dialog.request() == ReportRequest(
        first=date(2025, 1, 5), last=date(2025, 2, 10), person_name="Ann"
    )
    dialog.last.setDate(dialog.last.date().fromString("2025-01-01", "yyyy-MM-dd"))
    assert not dialog.ok_button.isEnabled()
    assert "after" in dialog.problem.text()


def test_dialog_controls_have_accessible_names_and_tooltips(qtbot):
    dialog = ReportDialog(
        None,
        title="Export report as PDF",
        accept_label="Choose file…",
        person_name="",
        today=TODAY,
    )
    qtbot.addWidget(dialog)
    for widget, name in (
        (dialog.period, "Period"),
        (dialog.first, "From"),
        (dialog.last, "To"),
        (dialog.name, "Name on the report"),
        (dialog.ok_button, "Choose file…"),
    ):
        assert widget.accessibleName() == name
    for widget in (dialog.period, dialog.first, dialog.last, dialog.name):
        assert widget.toolTip()
    assert dialog.windowTitle() == "Export report as PDF"


def test_all_sessions_shows_the_real_first_and_last_dates(qtbot):
    from datetime import date

    from walkback_desktop.ui.report_dialog import PERIODS, ReportDialog

    dialog = ReportDialog(
        None,
        title="Export report as PDF",
        accept_label="Choose file…",
        person_name="",
        today=date(2025, 6, 1),
        first_session=date(2024, 2, 3),
    )
    qtbot.addWidget(dialog)
    dialog.period.setCurrentIndex(PERIODS.index("All sessions"))
    assert dialog.first.date().toPython() == date(2024, 2, 3)
    assert dialog.last.date().toPython() == date(2025, 6, 1)
    assert not dialog.request().full_log
    dialog.full_log.setChecked(True)
    assert dialog.request().full_log
