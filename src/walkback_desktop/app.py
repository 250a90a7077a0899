"""The one wiring place: QApplication, data folder, store, pages, main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from walkback_desktop import APP_ID, APP_NAME, __version__
from walkback_desktop.audio.base import CuePlayer
from walkback_desktop.core.clock import Clock
from walkback_desktop.instance_lock import gui_lock
from walkback_desktop.resources import resource_path
from walkback_desktop.storage.database import DatabaseError
from walkback_desktop.storage.store import Store, open_store
from walkback_desktop.ui.appearance import apply_appearance
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.main_window import MainWindow
from walkback_desktop.ui.pages.base import Page
from walkback_desktop.ui.pages.history import HistoryPage
from walkback_desktop.ui.pages.progress import ProgressPage
from walkback_desktop.ui.pages.routines import RoutinesPage
from walkback_desktop.ui.pages.settings import SettingsPage
from walkback_desktop.ui.pages.today import TodayPage
from walkback_desktop.ui.pages.workout import WorkoutPage
from walkback_desktop.ui.report_actions import build_report_actions

log = logging.getLogger(__name__)

STATE_FILENAME = "window-state.ini"


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "walkback.svg")))


def build_pages(ctx: AppContext) -> list[Page]:
    return [
        TodayPage(ctx),
        RoutinesPage(ctx),
        WorkoutPage(ctx),
        HistoryPage(ctx),
        ProgressPage(ctx),
        SettingsPage(ctx),
    ]


def build_main_window(
    data_dir: Path | str,
    *,
    store: Store | None = None,
    clock: Clock | None = None,
    cue_player_factory: Callable[[AppContext], CuePlayer] | None = None,
) -> MainWindow:
    """The fully wired main window that `walkback` shows (tests call this too).

    Tests pass a FakeClock and a factory returning a RecordingCuePlayer.
    """
    data_dir = Path(data_dir)
    store = store or open_store(data_dir)
    qapp = QApplication.instance()
    if isinstance(qapp, QApplication):
        # Before the pages are built, so the sizes they set follow the text size.
        apply_appearance(qapp, store.settings.all())
    ctx = AppContext(store=store, data_dir=data_dir)
    if clock is not None:
        ctx.clock = clock
    if cue_player_factory is not None:
        ctx.cue_player_factory = cue_player_factory
    window = MainWindow(
        build_pages(ctx),
        state_file=data_dir / STATE_FILENAME,
        icon=app_icon(),
        store=store,
        extra_actions={"File": build_report_actions(ctx)},
    )
    window.ctx = ctx
    events = ctx.events
    window.files_dropped.connect(events.files_dropped.emit)
    events.page_requested.connect(window.show_page)
    events.status_message.connect(window.show_status)
    events.start_requested.connect(lambda _rid: window.show_page("workout"))
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


class FileOpenCatcher(QObject):
    """macOS hands a double-clicked routine file over as a QFileOpenEvent, not as
    an argument: keep the ones that arrive before the window, pass on the rest."""

    files_opened = Signal(list)  # list[Path]

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._early: list[Path] | None = []
        app.installEventFilter(self)

    def take_early(self) -> list[Path]:
        early, self._early = self._early or [], None
        return early

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.FileOpen:
            return False
        path = Path(event.file())  # type: ignore[attr-defined]
        if self._early is not None:
            self._early.append(path)
        else:
            self.files_opened.emit([path])
        return True


def run_gui(
    data_dir: Path, start_routine: str | None = None, open_files: Sequence[Path] = ()
) -> int:
    app = _application()
    file_opener = FileOpenCatcher(app)
    app.setWindowIcon(app_icon())
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.critical(None, APP_NAME, f"Cannot create the data folder {data_dir}:\n{exc}")
        return 1
    lock = gui_lock(data_dir)
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
        QTimer.singleShot(0, lambda: window.ctx.events.start_requested.emit(start_routine))
    events = window.ctx.events
    to_open = [*open_files, *file_opener.take_early()]
    if to_open:
        QTimer.singleShot(0, lambda: events.files_dropped.emit(to_open))
    file_opener.files_opened.connect(events.files_dropped.emit)
    code = app.exec()
    lock.unlock()
    return code
