"""The one wiring place: QApplication, data folder, store, pages, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from walkback_desktop import APP_ID, APP_NAME, __version__
from walkback_desktop.resources import resource_path
from walkback_desktop.storage.database import DatabaseError
from walkback_desktop.storage.store import Store, open_store
from walkback_desktop.ui.main_window import MainWindow
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.pages.placeholder import PlaceholderPage

log = logging.getLogger(__name__)

STATE_FILENAME = "window-state.ini"
LOCK_FILENAME = "walkback.lock"


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "walkback.svg")))


def build_pages(store: Store) -> list[Page]:
    return [
        PlaceholderPage("Today", "Your week at a glance will appear here."),
        PlaceholderPage("Routines", "Browse and edit routines here."),
        PlaceholderPage("Workout", "Pick a routine to start a workout."),
        PlaceholderPage("History", "Every session you log will be listed here."),
        PlaceholderPage("Progress", "Charts of your progress will appear here."),
        PlaceholderPage("Settings", "Profile, sound and display settings."),
    ]


def build_main_window(data_dir: Path | str, *, store: Store | None = None) -> MainWindow:
    """The fully wired main window that `walkback` shows (tests call this too)."""
    data_dir = Path(data_dir)
    store = store or open_store(data_dir)
    window = MainWindow(
        build_pages(store), state_file=data_dir / STATE_FILENAME, icon=app_icon(), store=store
    )
    window.destroyed.connect(store.close)
    if store.notices:
        window.show_status(store.notices[-1])
    return window


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QGuiApplication.setApplicationName(APP_NAME)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    return QApplication(sys.argv[:1])


def run_gui(data_dir: Path, start_routine: str | None = None) -> int:
    app = _application()
    app.setWindowIcon(app_icon())
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.critical(None, APP_NAME, f"Cannot create the data folder {data_dir}:\n{exc}")
        return 1
    lock = QLockFile(str(data_dir / LOCK_FILENAME))
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        QMessageBox.information(
            None,
            APP_NAME,
            "WalkBack is already open (look for its window or its icon in the task bar).",
        )
        return 1
    try:
        window = build_main_window(data_dir)
    except DatabaseError as exc:
        log.error("cannot open the database: %s", exc)
        QMessageBox.critical(None, APP_NAME, f"WalkBack cannot open its data:\n{exc}")
        return 1
    window.show()
    notices = list(store.notices) if (store := window.store) else []
    if notices:
        QTimer.singleShot(
            0, lambda: QMessageBox.information(window, APP_NAME, "\n\n".join(notices))
        )
    if start_routine:
        starter = getattr(window, "start_routine", None)
        if starter is not None:
            QTimer.singleShot(0, lambda: starter(start_routine))
    code = app.exec()
    lock.unlock()
    return code
