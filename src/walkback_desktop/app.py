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

(Longer than the ~400 lines of most modules: this is the one place where the
start-up order is written, and it reads best top to bottom in one file.)
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
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
from walkback_desktop.ui import collector, crash
from walkback_desktop.ui.appearance import apply_appearance
from walkback_desktop.ui.main_window import MainWindow
from walkback_desktop.ui.pages.base import steps_put_off
from walkback_desktop.ui.startup_events import AfterFirstPaint, FileOpenCatcher, OnGuiThread

if TYPE_CHECKING:
    from walkback_desktop.audio.base import CuePlayer
    from walkback_desktop.core.clock import Clock
    from walkback_desktop.storage.plain import PlainStore
    from walkback_desktop.storage.store import Store
    from walkback_desktop.ui.context import AppContext
    from walkback_desktop.ui.pages.base import Page

log = logging.getLogger(__name__)

STATE_FILENAME = "window-state.ini"
# Loaded in idle time after start-up so the first visit to Progress does not wait for it.
IDLE_IMPORTS = (
    "numpy",
    "pyqtgraph",
    "pyqtgraph.exporters",
    "walkback_desktop.charts.progress_charts",
    "walkback_desktop.charts.walk_test_chart",
    "walkback_desktop.ui.pages.progress",
)
# What filling the Today page from a plain read needs (no SQLAlchemy), imported on
# a helper thread after the first paint.
PREVIEW_MODULES = (
    "walkback_desktop.storage.plain",
    "walkback_desktop.storage.plain_programs",
    "walkback_desktop.ui.context",
    "walkback_desktop.ui.wiring",
    "walkback_desktop.ui.pages.today",
)
# What opening the data needs, imported on a helper thread after the first paint
# (with the page on screen's own module).
PRELOAD_MODULES = (
    "walkback_desktop.storage.store",
    "walkback_desktop.ui.context",
    "walkback_desktop.ui.wiring",
)


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


# Where each page lives, by page id; imported when the page is built, so start-up
# imports the page on screen first and the others after it has painted.
PAGE_CLASSES = {
    "today": ("walkback_desktop.ui.pages.today", "TodayPage"),
    "routines": ("walkback_desktop.ui.pages.routines", "RoutinesPage"),
    "workout": ("walkback_desktop.ui.pages.workout", "WorkoutPage"),
    "programs": ("walkback_desktop.ui.pages.programs", "ProgramsPage"),
    "history": ("walkback_desktop.ui.pages.history", "HistoryPage"),
    "progress": ("walkback_desktop.ui.pages.progress", "ProgressPage"),
    "settings": ("walkback_desktop.ui.pages.settings", "SettingsPage"),
}


# Imported on the helper thread with a page's module, for what that page (or the
# idle time after start-up) imports later on the GUI thread: the cue player's
# module was 15-45 ms of the GUI thread when the speech engine was warmed.
PAGE_EXTRA_MODULES = {
    "workout": ("walkback_desktop.audio.qt_player",),
    "settings": ("walkback_desktop.ui.reminders",),
}


def build_page(page_id: str, ctx: AppContext) -> Page:
    import importlib

    from walkback_desktop.ui.wiring import page_services

    module, name = PAGE_CLASSES[page_id]
    page: Page = getattr(importlib.import_module(module), name)(ctx, **page_services(page_id, ctx))
    return page


def build_pages(ctx: AppContext) -> list[Page]:
    return [build_page(page_id, ctx) for page_id in PAGE_CLASSES]


def _put_pages_in(
    window: MainWindow,
    ctx: AppContext,
    order: list[str],
    done: Callable[[], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Build the pages in `order` (their context wired to the open store) and put
    them in the window, then the menus, then `done()`: each step in a turn of
    the event loop of its own, with a timer's turn (painting, input) between
    two. Per page: building it, the steps it put off (`Page.later_at_start_up`,
    e.g. its first read of data), putting it in the window; then the next
    page's module is imported on a helper thread (a page's first build was
    mostly that import: 100-200 ms of CPU for Routines, Programs or Progress).
    The first page's module is imported by the caller. Every page and its menu
    entries are in place before `done()`."""
    stopped: list[bool] = []

    def turn(step: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if stopped:
                return
            try:
                step()
            except Exception as exc:
                stopped.append(True)
                failed(exc)

        return run

    def later(step: Callable[[], None]) -> None:
        # A 1 ms timer, not 0 (a posted event would come before the timers), so
        # timers and painting get their turn in between; nothing runs once the
        # window is gone.
        QTimer.singleShot(1, window, turn(step))

    def build_next() -> None:
        with steps_put_off() as steps:
            page = build_page(order.pop(0), ctx)
        steps.append(lambda: install(page))
        later(lambda: run_next(steps))

    def run_next(steps: list[Callable[[], None]]) -> None:
        steps.pop(0)()
        if steps:
            later(lambda: run_next(steps))

    def install(page: Page) -> None:
        window.install_page(page)
        if not order:
            later(finish)
            return
        # The next page's module on a helper thread, while this thread is idle: not
        # while it builds a page, where each would slow the other down (the GIL).
        modules = (PAGE_CLASSES[order[0]][0], *PAGE_EXTRA_MODULES.get(order[0], ()))
        _on_helper_thread(
            lambda: _import_quietly(modules),
            "import-page",
            then=(window, lambda: later(build_next)),
        )

    def finish() -> None:
        finish_loading(window, ctx)
        QTimer.singleShot(1, window, done)  # its own turn; its errors are not start-up errors

    later(build_next if order else finish)


def build_shell(data_dir: Path, early: dict[str, object] | None = None) -> MainWindow:
    """The main window with navigation and "Loading…" pages: Qt only, no data."""
    qapp = QApplication.instance()
    if early is not None and isinstance(qapp, QApplication):
        apply_appearance(qapp, early)
    return MainWindow(state_file=data_dir / STATE_FILENAME, icon=app_icon())


def new_context(
    window: MainWindow,
    data_dir: Path,
    *,
    clock: Clock | None = None,
    cue_player_factory: Callable[[AppContext], CuePlayer] | None = None,
) -> AppContext:
    """The pages' context, wired to the window, before the store is open; Start
    clicks and dropped files are held until the pages are in (`finish_loading`)."""
    from walkback_desktop.ui.context import AppContext

    ctx = AppContext(data_dir=data_dir, clock=clock)
    if cue_player_factory is not None:
        ctx.cue_player_factory = cue_player_factory
    window.ctx = ctx
    events = ctx.events
    events.hold()
    window.files_dropped.connect(events.drop_files)
    events.page_requested.connect(window.show_page)
    events.status_message.connect(window.show_status)
    return ctx


def attach_store(
    window: MainWindow, ctx: AppContext, store: Store, *, appearance: bool = True
) -> None:
    """Hand the open store to the context and the window. `appearance`: apply its
    theme and text size (before the pages are built, so the sizes they set
    follow the text size); not when they were applied from the same file before
    the first paint (doing it again would re-polish every widget shown)."""
    window.store = store
    qapp = QApplication.instance()
    if appearance and isinstance(qapp, QApplication):
        apply_appearance(qapp, store.settings.snapshot())
    ctx.attach_store(store)
    window.destroyed.connect(store.close)
    if store.notices:
        window.show_status(store.notices[-1])


def open_context(
    window: MainWindow,
    data_dir: Path,
    *,
    store: Store | None = None,
    clock: Clock | None = None,
    cue_player_factory: Callable[[AppContext], CuePlayer] | None = None,
) -> AppContext:
    """Open the store (migrations, recovery) and wire the window to its events."""
    from walkback_desktop.storage.store import open_store

    store = store or open_store(data_dir)
    ctx = new_context(window, data_dir, clock=clock, cue_player_factory=cue_player_factory)
    attach_store(window, ctx, store)
    return ctx


def finish_loading(window: MainWindow, ctx: AppContext) -> None:
    from walkback_desktop.ui import wiring

    # After the pages: the Workout page starts the routine before it is shown.
    ctx.events.start_requested.connect(lambda _rid: window.show_page("workout"))
    window.finish_install(
        store=ctx.store,
        extra_actions={"File": wiring.file_menu_actions(ctx)},
    )
    # Reminders on planned days; with "keep running in the tray", closing hides the
    # window and File > Quit really quits.
    reminders = wiring.tray_reminders(ctx, window)
    window.reminders = reminders
    window.quit_action.triggered.disconnect()
    window.quit_action.triggered.connect(reminders.quit)
    ctx.events.release()  # a Start clicked or files dropped while the pages were coming in


def load_data(
    window: MainWindow,
    data_dir: Path,
    *,
    store: Store | None = None,
    clock: Clock | None = None,
    cue_player_factory: Callable[[AppContext], CuePlayer] | None = None,
) -> None:
    """Open the store and put every real page in the window, all at once."""
    ctx = open_context(
        window, data_dir, store=store, clock=clock, cue_player_factory=cue_player_factory
    )
    for page in build_pages(ctx):
        window.install_page(page)
    finish_loading(window, ctx)


def load_data_stepwise(
    window: MainWindow,
    data_dir: Path,
    done: Callable[[], None],
    failed: Callable[[BaseException], None],
    cue_player_factory: Callable[[AppContext], CuePlayer] | None = None,
) -> None:
    """As `load_data`, in steps that keep the window answering. When the page on
    screen is Today and the database is ready as it is (`storage.plain`), Today
    is filled first from a plain sqlite3 read on a helper thread (no
    SQLAlchemy: its import and the models are most of a second of CPU); then,
    on a helper thread, the store's code is imported and the store opened
    (the helper hands the GIL back every few ms); Today is handed the store's
    repositories, and the other pages are built one per turn of the event
    loop; then `done()`. Otherwise the store is opened first and the page on
    screen built from it. The store's connections may be used from the GUI
    thread afterwards (SQLAlchemy's pool for a SQLite file allows it)."""
    shown = window.current_page().page_id
    ctx = new_context(window, data_dir, cue_player_factory=cue_player_factory)
    previewed: list[PlainStore | None] = []

    def preview() -> None:
        plain = previewed[0] if previewed else None
        if plain is None:
            open_then_load(None)
            return
        try:
            from walkback_desktop.ui import wiring
            from walkback_desktop.ui.pages.today import TodayPage

            window.install_page(TodayPage(ctx, **wiring.today_preview_services(plain)))
        except Exception as exc:  # the full store will say what is wrong, if anything
            log.info("the Today page could not be read ahead: %s", exc)
            plain.close()
            open_then_load(None)
            return
        QTimer.singleShot(0, lambda: open_then_load(plain))

    def open_then_load(plain: PlainStore | None) -> None:
        opened: list[Store | BaseException] = []

        first = shown if plain is None else next(pid for pid in PAGE_CLASSES if pid != shown)

        def run() -> None:
            _import_quietly((*PRELOAD_MODULES, PAGE_CLASSES[first][0]))
            try:
                from walkback_desktop.storage.store import open_store

                opened.append(open_store(data_dir))
            except BaseException as exc:  # reported on the GUI thread, as a start-up error
                opened.append(exc)

        def then() -> None:
            if plain is not None:
                plain.close()
            store = opened[0] if opened else RuntimeError("the data could not be opened")
            if isinstance(store, BaseException):
                failed(store)
                return
            try:
                attach_store(window, ctx, store, appearance=plain is None)
                order = [pid for pid in PAGE_CLASSES if pid != shown]
                if plain is None:
                    order.insert(0, shown)
                else:
                    from walkback_desktop.ui import wiring
                    from walkback_desktop.ui.pages.today import TodayPage

                    today = window.current_page()
                    assert isinstance(today, TodayPage)
                    today.use_services(**wiring.page_services("today", ctx))
            except Exception as exc:
                store.close()
                failed(exc)
                return
            _put_pages_in(window, ctx, order, done, failed)

        _on_helper_thread(run, "open-store", then=(window, then))

    if shown != "today":
        open_then_load(None)
        return

    def read_ahead() -> None:
        _import_quietly(PREVIEW_MODULES)
        try:
            from walkback_desktop.storage.plain import open_plain

            previewed.append(open_plain(data_dir, backup=False, any_thread=True))
        except Exception as exc:  # the full store opens it and says what is wrong
            log.info("no plain read of the data: %s", exc)

    _on_helper_thread(read_ahead, "read-ahead", then=(window, preview))


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


_warm_up: list[threading.Thread] = []


def _import_quietly(names: Sequence[str]) -> None:
    import importlib

    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # a broken optional module must not stop the app
            log.info("idle import of %s failed: %s", name, exc)


def _on_helper_thread(
    work: Callable[[], None],
    name: str,
    *,
    then: tuple[MainWindow, Callable[[], None]] | None = None,
) -> None:
    """Run `work` on a daemon thread (joined before the app exits, see run_gui);
    with `then` (window, callback), call the callback on the GUI thread after it."""
    signal = OnGuiThread(then[0], then[1]) if then is not None else None

    def run() -> None:
        with collector.paused():  # a full collection here would hold the GIL 50-70 ms
            work()
        if signal is not None:
            with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
                signal.finished.emit()

    thread = threading.Thread(target=run, name=name, daemon=True)
    _warm_up.append(thread)
    thread.start()


def warm_up_imports(window: MainWindow | None = None) -> None:
    """After start-up, import what the first visit to Progress would wait for
    (numpy and pyqtgraph: seconds on a slow machine). In a worker thread, so the
    window keeps answering; a page that needs the module meanwhile just waits
    for the import to finish. Then, with `window`, its Progress page draws its
    charts hidden, in idle time (`ProgressPage.warm_up`)."""
    then = (window, lambda: _warm_up_page(window, "progress")) if window is not None else None
    _on_helper_thread(lambda: _import_quietly(IDLE_IMPORTS), "warm-up-imports", then=then)


def _warm_up_page(window: MainWindow, page_id: str) -> None:
    warm_up = getattr(window.page(page_id), "warm_up", None)  # not on a placeholder
    if warm_up is not None:
        warm_up()


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
        for thread in _warm_up:  # never leave an import running into interpreter exit
            thread.join(timeout=10)
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
