"""Nothing vanishes silently: uncaught exceptions, Qt's warnings and hard crashes
end up in the log, and the person sees a short message saying where.

The Windows build has no console, so without this an exception raised in a Qt
slot or a Qt warning is simply lost. `install()` sets `sys.excepthook` (log the
traceback, then offer a friendly dialog; never recursive, never from a worker
thread), a Qt message handler that routes Qt's own messages to the log, and
`faulthandler` writing to `crash.log` in the data folder, whose content is
reported (and moved aside) at the next start.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from walkback_desktop import APP_NAME
from walkback_desktop.i18n import _

log = logging.getLogger("walkback_desktop.crash")
qt_log = logging.getLogger("qt")

CRASH_FILENAME = "crash.log"
PREVIOUS_CRASH_FILENAME = "crash-previous.log"
_LOG_HANDLER_NAME = "walkback-file"
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

_showing = False
_fault_file: IO[str] | None = None
# What was there before install(), put back by uninstall().
_previous_hook: Callable[..., Any] | None = None
_fault_was_enabled = False


def log_location() -> str:
    """Where the log is written (for messages), or a description if nowhere."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == _LOG_HANDLER_NAME and isinstance(handler, logging.FileHandler):
            return handler.baseFilename
    return _("the log (not written: the log folder is not writable)")


def show_error_dialog(title: str, text: str) -> None:
    """The friendly dialog (tests patch this). Plain text: messages may hold user text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook: log the traceback, then tell the person once."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("uncaught exception", exc_info=(exc_type, exc, tb))
    if (
        _showing
        or QApplication.instance() is None
        or threading.current_thread() is not threading.main_thread()
    ):
        return
    _showing = True
    try:
        show_error_dialog(
            _("{app}: something went wrong").format(app=APP_NAME),
            _(
                "Something went wrong inside {app} ({error}).\n\n"
                "Your saved walks are safe. If something looks wrong, close {app} and "
                "open it again. The details are in {log}."
            ).format(app=APP_NAME, error=exc_type.__name__, log=log_location()),
        )
    except Exception:
        log.exception("the error dialog could not be shown")
    finally:
        _showing = False


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's warnings and errors go to our log instead of a console nobody sees."""
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


def previous_crash(data_dir: Path) -> str | None:
    """A notice if the last run crashed hard (crash.log not empty); the file is moved
    to crash-previous.log so it is reported once."""
    path = data_dir / CRASH_FILENAME
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    if not text:
        return None
    log.error("the previous run crashed:\n%s", text[-8000:])
    kept = data_dir / PREVIOUS_CRASH_FILENAME
    try:
        path.replace(kept)
    except OSError as exc:
        log.warning("could not move %s aside: %s", path, exc)
        kept = path
    return _(
        "{app} closed unexpectedly the last time it ran. What was known about it is "
        "saved in {path}."
    ).format(app=APP_NAME, path=kept)


def install(data_dir: Path | None = None) -> list[str]:
    """Install the hooks; with a data folder also faulthandler. Returns notices for
    the person (a crash in the previous run)."""
    global _fault_file, _previous_hook, _fault_was_enabled
    if sys.excepthook is not handle_exception:
        _previous_hook = sys.excepthook
    sys.excepthook = handle_exception
    qInstallMessageHandler(qt_message_handler)
    notices: list[str] = []
    if data_dir is None:
        return notices
    notice = previous_crash(data_dir)
    if notice:
        notices.append(notice)
    try:
        if _fault_file is None:
            _fault_was_enabled = faulthandler.is_enabled()
        _fault_file = open(data_dir / CRASH_FILENAME, "w", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(file=_fault_file, all_threads=True)
    except OSError as exc:
        log.warning("crash reports cannot be written to %s: %s", data_dir, exc)
    return notices


def uninstall() -> None:
    """Back to Python's and Qt's defaults (tests; the end of run_gui)."""
    global _fault_file, _previous_hook
    sys.excepthook = _previous_hook or sys.__excepthook__
    _previous_hook = None
    qInstallMessageHandler(None)
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None
        if _fault_was_enabled and sys.__stderr__ is not None:
            faulthandler.enable(file=sys.__stderr__)
