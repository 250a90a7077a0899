"""Putting the data and the pages into the shown window at start-up.

`load_data_stepwise` is what `walkback` runs once the shell window has painted
(docs/startup.md): Today filled first from a plain sqlite3 read when it can be,
the store opened on a helper thread, then the other pages built and put in a
step per turn of the event loop, each page's module imported on a helper
thread while the GUI thread is idle. `load_data` does the same all at once
(`app.build_main_window`, for tests and scripts). After start-up,
`warm_up_imports` loads the chart modules and has the hidden Progress page
draw itself. `app.run_gui` holds the order around this (notices, `walkback
start ID`, handed-over files).

(A little over 400 lines: the start-up sequence reads best in one file.)
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from walkback_desktop.ui import collector
from walkback_desktop.ui.appearance import apply_appearance
from walkback_desktop.ui.pages.base import steps_put_off
from walkback_desktop.ui.startup_events import OnGuiThread

if TYPE_CHECKING:
    from walkback_desktop.audio.base import CuePlayer
    from walkback_desktop.core.clock import Clock
    from walkback_desktop.storage.plain import PlainStore
    from walkback_desktop.storage.store import Store
    from walkback_desktop.ui.context import AppContext
    from walkback_desktop.ui.main_window import MainWindow
    from walkback_desktop.ui.pages.base import Page

log = logging.getLogger(__name__)

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
        extra_actions={"File": wiring.file_menu_actions(ctx)}
    )  # store: attach_store
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
    """Run `work` on a daemon thread (joined before the app exits: `join_helper_threads`);
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


def join_helper_threads(timeout: float) -> None:
    """Wait for the helper threads (never leave an import running into
    interpreter exit)."""
    for thread in _warm_up:
        thread.join(timeout=timeout)


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
