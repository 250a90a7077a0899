"""An uncaught exception in a slot or a Qt warning is written to the log and the
person is told where, instead of the app vanishing or the message being lost."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal, qWarning

from walkback_desktop.app import run_gui
from walkback_desktop.logging_setup import setup_logging
from walkback_desktop.ui import crash


@pytest.fixture
def log_file(tmp_path: Path):
    path = setup_logging(tmp_path / "logs")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == "walkback-file":
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        crash, "show_error_dialog", lambda title, text: shown.append((title, text))
    )
    return shown


class Emitter(QObject):
    fired = Signal()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_explained(qtbot, log_file, dialogs):
    crash.install()
    try:
        emitter = Emitter()

        def broken_slot() -> None:
            raise ZeroDivisionError("a slot went wrong")

        emitter.fired.connect(broken_slot)
        QTimer.singleShot(0, emitter.fired.emit)
        qtbot.waitUntil(lambda: len(dialogs) == 1)
    finally:
        crash.uninstall()
    text = log_file.read_text(encoding="utf-8")
    assert "uncaught exception" in text
    assert "ZeroDivisionError: a slot went wrong" in text
    title, message = dialogs[0]
    assert "went wrong" in title
    assert str(log_file) in message


@pytest.mark.qt_no_exception_capture
def test_an_error_while_explaining_is_logged_not_repeated(qtbot, log_file, monkeypatch):
    calls: list[str] = []

    def failing_dialog(title: str, text: str) -> None:
        calls.append(title)
        raise RuntimeError("the dialog itself failed")

    monkeypatch.setattr(crash, "show_error_dialog", failing_dialog)
    crash.install()
    try:
        crash.handle_exception(ValueError, ValueError("first"), None)
    finally:
        crash.uninstall()
    assert len(calls) == 1
    text = log_file.read_text(encoding="utf-8")
    assert "ValueError: first" in text and "the dialog itself failed" in text


def test_qt_warning_lands_in_the_log(log_file):
    crash.install()
    try:
        qWarning("a warning from Qt that nobody would see")
    finally:
        crash.uninstall()
    assert "a warning from Qt that nobody would see" in log_file.read_text(encoding="utf-8")


def test_a_hard_crash_is_reported_at_the_next_start(tmp_path: Path, log_file):
    (tmp_path / crash.CRASH_FILENAME).write_text(
        "Fatal Python error: Segmentation fault\n", encoding="utf-8"
    )
    notice = crash.previous_crash(tmp_path)
    assert notice is not None and crash.PREVIOUS_CRASH_FILENAME in notice
    assert "Segmentation fault" in log_file.read_text(encoding="utf-8")
    assert crash.previous_crash(tmp_path) is None  # reported once


def test_start_up_error_gives_a_readable_dialog(qtbot, data_dir, dialogs, monkeypatch):
    import walkback_desktop.app as app_module

    def broken_shell(*args, **kwargs):
        raise RuntimeError("the window could not be made")

    monkeypatch.setattr(app_module, "build_shell", broken_shell)
    assert run_gui(data_dir) == 1
    assert len(dialogs) == 1
    assert "the window could not be made" in dialogs[0][1]


def test_unreadable_data_after_the_first_paint_gives_a_readable_dialog(
    qtbot, data_dir, dialogs, monkeypatch
):
    from walkback_desktop.ui import loading

    def broken_context(*args, **kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(loading, "attach_store", broken_context)
    assert run_gui(data_dir) == 1
    assert "disk I/O error" in dialogs[0][1]
