"""The one wiring place: QApplication, data folder, store, pages, main window.

Start-up shows the window first. `run_gui` builds the main window as a shell
(navigation from a static list, a "Loading…" placeholder per page: Qt only, no
SQLAlchemy, no pages), shows it, and once its first frame is painted opens the
store (migrations, recovery) on a helper thread and swaps the real pages in,
the one on screen first. Only then are the
start-up notices shown, `walkback start ID` started and handed-over files
opened, in that order. The language and appearance are needed before the first
paint, so those three settings are read directly with the standard library's
sqlite3, read-only (see `read_early_settings`).

`build_main_window(data_dir)` (tests, scripts) does both steps at once and
returns the fully wired window. See docs/startup.md.

Putting the data and the pages in the window step by step is
`ui/loading.py`; this module holds the order around it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

# isort: split
# First after PySide6: every module imported from here on costs PySide6 less to check.
import walkback_desktop.ui.feature_check  # noqa: F401

# isort: split
from walkback_desktop import APP_ID, APP_NAME, __version__
from walkback_desktop.early_settings import read_early_settings
from walkback_desktop.i18n import _, set_language
from walkback_desktop.instance_lock import gui_lock
from walkback_desktop.resources import resource_path
from walkback_desktop.ui import crash
from walkback_desktop.ui.appearance import apply_appearance
from walkback_desktop.ui.loading import (
    join_helper_threads,
    load_data,
    load_data_stepwise,
    warm_up_imports,
)
from walkback_desktop.ui.main_window import MainWindow
from walkback_desktop.ui.startup_events import AfterFirstPaint, FileOpenCatcher

if TYPE_CHECKING:
    from walkback_desktop.audio.base import CuePlayer
    from walkback_desktop.core.clock import Clock
    from walkback_desktop.storage.store import Store
    from walkback_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

STATE_FILENAME = "window-state.ini"


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "walkback.svg")))


def install_language(app: QApplication | None, language_setting: str) -> str:
    """Our catalogue, QLocale's default and Qt's own dialogs (qtbase_<lang>.qm) in
    the language of the `language` setting. Returns the language code."""
    code = set_language(language_setting)
    QLocale.setDefault(QLocale(code))
    if app is not None:
        # Every earlier one: one removed but not yet deleted is still a child and
        # would hide the one installed after it from a single findChild.
        for old in app.findChildren(QTranslator, "walkback-qt-translator"):
            app.removeTranslator(old)
            old.setObjectName("")
            old.deleteLater()
        if code != "en":
            translator = QTranslator(app)
            translator.setObjectName("walkback-qt-translator")
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{code}", folder):
                app.installTranslator(translator)
            else:
                log.info("no Qt translation qtbase_%s in %s", code, folder)
    return code


def build_shell(data_dir: Path, early: dict[str, object] | None = None) -> MainWindow:
    """The main window with navigation and "Loading…" pages: Qt only, no data."""
    qapp = QApplication.instance()
    if early is not None and isinstance(qapp, QApplication):
        apply_appearance(qapp, early)
    return MainWindow(state_file=data_dir / STATE_FILENAME, icon=app_icon())


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
    window = build_shell(data_dir)
    load_data(window, data_dir, store=store, clock=clock, cue_player_factory=cue_player_factory)
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


def show_notice(parent: MainWindow | None, text: str, offer: str | None = None) -> bool:
    """An information box; the text is shown literally (it may quote a routine name).

    With `offer`, a second button so labelled; True when the person picks it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    extra = box.addButton(offer, QMessageBox.ButtonRole.ActionRole) if offer else None
    if extra is not None:
        box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    return extra is not None and box.clickedButton() is extra


def show_startup_error(exc: BaseException) -> None:
    crash.show_error_dialog(
        _("{app} cannot start").format(app=APP_NAME),
        _("{app} could not open: {error}\n\nThe details are in {log}.").format(
            app=APP_NAME, error=exc, log=crash.log_location()
        ),
    )


def run_gui(
    data_dir: Path, start_routine: str | None = None, open_files: Sequence[Path] = ()
) -> int:
    app = _application()
    crash.install()
    try:
        return _run_gui(app, data_dir, start_routine, open_files)
    except Exception as exc:
        log.exception("WalkBack could not start")
        show_startup_error(exc)
        return 1
    finally:
        join_helper_threads(timeout=10)
        crash.uninstall()


def _run_gui(
    app: QApplication, data_dir: Path, start_routine: str | None, open_files: Sequence[Path]
) -> int:
    # Only macOS sends QFileOpenEvent. An application-wide Python event filter sees
    # every event and made the first paint ~100 ms slower, so only there.
    file_opener = FileOpenCatcher(app) if sys.platform == "darwin" else None
    app.setWindowIcon(app_icon())
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        show_startup_error(
            OSError(
                _("cannot create the data folder {path}: {error}").format(path=data_dir, error=exc)
            )
        )
        return 1
    early = read_early_settings(data_dir)
    install_language(app, str(early.get("language", "system")))
    lock = gui_lock(data_dir)
    if not lock.tryLock(200):
        show_notice(
            None,
            _("WalkBack is already open (look for its window or its icon in the task bar)."),
        )
        return 1
    try:
        notices = crash.install(data_dir)
        window = build_shell(data_dir, early)
        window.show()
        failure: list[BaseException] = []

        def failed(exc: BaseException) -> None:
            log.error("cannot open the data", exc_info=exc)
            failure.append(exc)
            show_startup_error(exc)
            app.exit(1)

        def after_paint() -> None:
            load_data_stepwise(
                window,
                data_dir,
                done=lambda: handed_over(window.store.notices if window.store else []),
                failed=failed,
            )

        def handed_over(store_notices: list[str]) -> None:
            """Notices first (modal, so in order), then the workout, then the files."""
            assert window.ctx is not None
            events = window.ctx.events
            text = "\n\n".join([*notices, *store_notices])
            from walkback_desktop.ui.restore_dialog import RESTORE_LABEL
            from walkback_desktop.ui.wiring import open_restore_dialog

            # A damaged database was set aside at this start: offer the last good copy.
            moved = window.store is not None and window.store.db.moved_aside is not None
            offer = _(RESTORE_LABEL) if moved else None
            restoring = bool(text) and show_notice(window, text, offer)
            if restoring and open_restore_dialog(window.ctx, window):
                return  # WalkBack restarts with the restored data
            from walkback_desktop.ui.after_start import (
                run_first_run_setup,
                schedule_speech_warm_up,
            )

            store = window.ctx.store
            if not start_routine and not events.started_while_loading:
                # (a walk asked for is under way: the setup would open over it)
                run_first_run_setup(window, window.ctx, store.settings)
            schedule_speech_warm_up(window.ctx, store.settings, store.library)
            if start_routine:
                events.start_requested.emit(start_routine)
            to_open = [*open_files, *(file_opener.take_early() if file_opener else [])]
            if to_open:
                events.files_dropped.emit(to_open)
            if file_opener is not None:
                file_opener.files_opened.connect(events.files_dropped.emit)
            QTimer.singleShot(200, lambda: warm_up_imports(window))

        AfterFirstPaint(window, after_paint)
        code = app.exec()
        return 1 if failure else code
    finally:
        lock.unlock()
        if app.property("walkbackRestartRequested"):  # File > Restore from backup… restarts
            from walkback_desktop.ui.restore_dialog import relaunch_if_requested

            relaunch_if_requested(app)
