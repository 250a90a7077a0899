"""The main window: navigation between pages, menus, status area, geometry.

The window can be shown before any data is read: built without pages it shows
the navigation (from the static `PAGES` list of ids and titles) and a neutral
"Loading…" placeholder per page; `install_pages()` swaps the real pages in once
the store is open and emits `data_ready`. This module imports nothing from
storage or the pages, so showing the window costs only Qt itself. (Over 400
lines: the menus, shortcuts, geometry and placeholder swap are the shell's one
job; the pages' own actions come in through `Page.menu_actions()`.)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from walkback_desktop import APP_NAME, __version__
from walkback_desktop.i18n import N_, _
from walkback_desktop.ui.help_texts import about_html, safety_guide_html, user_guide_html
from walkback_desktop.ui.pages.base import Page

if TYPE_CHECKING:
    from walkback_desktop.storage.store import Store
    from walkback_desktop.ui.context import AppContext

# The pages' stable ids and navigation titles, in order, known before any page is built.
PAGES: tuple[tuple[str, str], ...] = (
    ("today", N_("Today")),
    ("routines", N_("Routines")),
    ("workout", N_("Workout")),
    ("programs", N_("Programs")),
    ("history", N_("History")),
    ("progress", N_("Progress")),
    ("settings", N_("Settings")),
)
MENU_ORDER = ("File", "View", "Help")
# Qt.ItemDataRole.AccessibleTextRole. The `Qt` namespace costs ~50 ms to load in
# PySide6 (all its enums are built on first use), so nothing shown before the
# first paint touches it.
ACCESSIBLE_TEXT_ROLE = 11
# One per page, each with its own mnemonic (Programs and Progress share a P).
GO_LABELS = {
    "today": N_("Go to &Today"),
    "routines": N_("Go to &Routines"),
    "workout": N_("Go to &Workout"),
    "programs": N_("Go to Pro&grams"),
    "history": N_("Go to &History"),
    "progress": N_("Go to &Progress"),
    "settings": N_("Go to &Settings"),
}
MENU_TITLES = {"File": N_("&File"), "View": N_("&View"), "Help": N_("&Help")}
# The navigation's type is the text size's (the app font's) times these, so the
# Text size setting reaches it too; its width follows the longest title.
NAV_SCALE, BRAND_SCALE = 1.2, 1.5
SIDEBAR_STYLE = """
#sidebar { background: palette(base); border-right: 1px solid palette(mid); }
#brand { font-weight: 600; padding: 4px 20px 14px 20px; }
QListWidget#navigation { border: none; background: transparent; outline: 0; }
QListWidget#navigation::item { padding: 8px 14px; margin: 2px 10px; border-radius: 8px; }
QListWidget#navigation::item:selected { background: palette(highlight);
    color: palette(highlighted-text); }
"""


class LoadingPage(Page):
    """Stands in for a page until the data is read: a calm "Loading…", never a
    blank area and never a flash of the empty state."""

    def __init__(self, page_id: str, title: str) -> None:
        super().__init__()
        self.page_id = page_id  # type: ignore[misc]  # one class stands in for every page
        self.title = title
        self.setAccessibleName(title)
        label = QLabel(_("Loading…"))
        label.setObjectName("loading")
        label.setAccessibleName(_("Loading…"))
        label.setEnabled(False)  # the muted text colour
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(label)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    page_changed = Signal(str)  # the page id
    files_dropped = Signal(list)  # list[Path]: files dropped anywhere on the window
    data_ready = Signal()  # the real pages are in place (see install_pages)

    def __init__(
        self,
        pages: Sequence[Page] | None = None,
        *,
        state_file: Path,
        icon: QIcon | None = None,
        store: Store | None = None,
        extra_actions: dict[str, list[QAction]] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.ctx: AppContext | None = None
        self.reminders: QObject | None = None  # set once the data is in (ui/reminders.py)
        self.ready = False
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        if icon is not None:
            self.setWindowIcon(icon)
        self._state = QSettings(str(state_file), QSettings.Format.IniFormat)
        self._pages: list[Page] = [LoadingPage(pid, _(title)) for pid, title in PAGES]
        self._extra_actions: dict[str, list[QAction]] = {}
        self._page_actions: list[QAction] = []
        self.setAcceptDrops(True)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(_("Navigation"))
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()
        for page in self._pages:
            item = QListWidgetItem(page.title)
            item.setData(ACCESSIBLE_TEXT_ROLE, page.title)
            item.setSizeHint(QSize(160, 44))
            self.nav.addItem(item)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._on_row_changed)

        side = QWidget()
        self.sidebar = side
        side.setObjectName("sidebar")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 12, 0, 12)
        brand = QLabel(APP_NAME)
        brand.setObjectName("brand")
        self.brand = brand
        side_layout.addWidget(brand)
        side_layout.addWidget(self.nav, 1)
        self.stack.setContentsMargins(16, 8, 16, 8)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        # On the sidebar, not the window: a style sheet on the window puts every page
        # under Qt's style-sheet style, and polishing a page as it is put in the window
        # then took 30-60 ms of the GUI thread (Routines) at start-up.
        side.setStyleSheet(SIDEBAR_STYLE)
        self._fit_sidebar()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.fontChanged.connect(self._fit_sidebar)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.status_label.setAccessibleName(_("Status"))
        self.statusBar().addWidget(self.status_label, 1)

        self._build_window_actions()
        self._build_menus()
        self.nav.setCurrentRow(0)
        self._restore_geometry()
        if pages is not None:
            self.install_pages(pages, store=store, extra_actions=extra_actions)

    def _fit_sidebar(self, _font: object = None) -> None:
        """Navigation type follows the text size; the list is as wide as its
        longest title (German titles are longer) and never narrower than 200 px."""
        base = QGuiApplication.font().pointSizeF()
        base = base if base > 0 else 10.0
        # Fonts, not style-sheet sizes: the sidebar's style sheet is set once.
        brand_font = QGuiApplication.font()
        brand_font.setPointSizeF(base * BRAND_SCALE)
        self.brand.setFont(brand_font)
        font = QGuiApplication.font()
        font.setPointSizeF(base * NAV_SCALE)
        self.nav.setFont(font)
        metrics = QFontMetrics(font)
        titles = [self.nav.item(i).text() for i in range(self.nav.count())]
        widest = max((metrics.horizontalAdvance(t) for t in titles), default=0)
        self.nav.setFixedWidth(max(200, widest + 60))
        height = metrics.height() + 24
        for i in range(self.nav.count()):
            self.nav.item(i).setSizeHint(QSize(widest + 40, height))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # The sheet's palette() colours are fixed when it is polished: a theme
            # switch re-polishes top-level windows' sheets only (ui/appearance.py).
            self.sidebar.setStyleSheet(SIDEBAR_STYLE)

    # --- pages ----------------------------------------------------------------
    def install_pages(
        self,
        pages: Sequence[Page],
        *,
        store: Store | None = None,
        extra_actions: dict[str, list[QAction]] | None = None,
    ) -> None:
        """Swap the real pages in for the placeholders, keeping the page shown."""
        ids = [page.page_id for page in pages]
        if sorted(ids) != sorted(pid for pid, _title in PAGES):
            raise ValueError(f"pages must be {[pid for pid, _t in PAGES]}, got {ids}")
        for page in pages:
            self.install_page(page)
        self.finish_install(store=store, extra_actions=extra_actions)

    def install_page(self, page: Page) -> None:
        """Put one real page in place of its placeholder (start-up builds them one
        at a time, the page on screen first, so the window stays responsive)."""
        row = [pid for pid, _title in PAGES].index(page.page_id)
        old = self._pages[row]
        self._pages[row] = page
        was_current = self.stack.currentWidget() is old
        self.stack.insertWidget(row, page)
        if was_current:
            self.stack.setCurrentWidget(page)
        self.stack.removeWidget(old)
        old.deleteLater()
        item = self.nav.item(row)
        item.setText(_(page.title))
        item.setData(ACCESSIBLE_TEXT_ROLE, _(page.title))
        if was_current:
            page.page_shown()

    def finish_install(
        self,
        *,
        store: Store | None = None,
        extra_actions: dict[str, list[QAction]] | None = None,
    ) -> None:
        """Every page is in: add their menu entries and say the data is ready."""
        if store is not None:
            self.store = store
        self._extra_actions = dict(extra_actions or {})
        self.apply_shortcuts()
        self._build_menus()
        self.ready = True
        self.data_ready.emit()

    def page(self, page_id: str) -> Page:
        for page in self._pages:
            if page.page_id == page_id:
                return page
        raise KeyError(page_id)

    def current_page(self) -> Page:
        return self._pages[self.stack.currentIndex()]

    def show_page(self, page_id: str) -> None:
        self.nav.setCurrentRow(self._pages.index(self.page(page_id)))

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        current = self.stack.currentIndex()
        if row != current and not self._pages[current].can_leave():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(current)
            self.nav.blockSignals(False)
            return
        self.stack.setCurrentIndex(row)
        page = self._pages[row]
        page.page_shown()
        self.page_changed.emit(page.page_id)

    # --- menus ----------------------------------------------------------------
    def _build_window_actions(self) -> None:
        """The window's own actions: made once, kept when the pages arrive."""
        # Shortcuts are set once the pages are in (apply_shortcuts): the first
        # setShortcut() makes PySide6 build the Qt.Key enum (~100 ms), and before the
        # data is there no shortcut has anything to do.
        self._shortcuts: list[tuple[QAction, str]] = []
        self.quit_action = QAction(_("&Quit"), self)
        self._shortcuts.append((self.quit_action, "Quit"))
        self.quit_action.triggered.connect(self.close)
        self.go_actions: list[QAction] = []
        for n, (page_id, _title) in enumerate(PAGES, start=1):
            go = QAction(_(GO_LABELS[page_id]), self)
            self._shortcuts.append((go, f"Ctrl+{n}"))
            go.triggered.connect(lambda _=False, p=page_id: self.show_page(p))
            self.go_actions.append(go)
        self.fullscreen_action = QAction(_("&Full screen"), self)
        self.fullscreen_action.setCheckable(True)
        self._shortcuts.append((self.fullscreen_action, "F11"))
        self.fullscreen_action.toggled.connect(self.set_full_screen)
        self.help_action = QAction(_("WalkBack &help"), self)
        self._shortcuts.append((self.help_action, "HelpContents"))
        self.help_action.triggered.connect(self.show_help)
        self.safety_action = QAction(_("&Safety guide"), self)
        self.safety_action.triggered.connect(self.show_safety_guide)
        self.about_action = QAction(_("&About {app}").format(app=APP_NAME), self)
        self.about_action.triggered.connect(self.show_about)
        for action in (self.quit_action, *self.go_actions, self.fullscreen_action):
            self.addAction(action)
        self.addAction(self.help_action)

    def apply_shortcuts(self) -> None:
        for action, keys in self._shortcuts:
            if keys in ("Quit", "HelpContents"):
                standard = getattr(QKeySequence.StandardKey, keys)
                bound = QKeySequence.keyBindings(standard)
                if keys == "HelpContents" and QKeySequence("F1") not in bound:
                    bound = [QKeySequence("F1"), *bound]  # F1 everywhere, as the menu says
                action.setShortcuts(bound)
            else:
                action.setShortcut(QKeySequence(keys))
        self._shortcuts = []

    def _build_menus(self) -> None:
        # Each page's (and the extra) actions form a group; groups are separated.
        contributed: dict[str, list[list[QAction]]] = {name: [] for name in MENU_ORDER}
        sources = [page.menu_actions() for page in self._pages] + [self._extra_actions]
        for source in sources:
            for menu_name, actions in source.items():
                if actions:
                    contributed.setdefault(menu_name, []).append(list(actions))
        for action in self._page_actions:
            self.removeAction(action)
        self._page_actions = []
        self.menuBar().clear()
        self.menus = {}
        for name in contributed:
            menu = self.menuBar().addMenu(_(MENU_TITLES[name]) if name in MENU_TITLES else name)
            menu.setAccessibleName(menu.title().replace("&", ""))
            self.menus[name] = menu
            for n, group in enumerate(contributed[name]):
                if n:
                    menu.addSeparator()
                for action in group:
                    menu.addAction(action)
                    self.addAction(action)
                    self._page_actions.append(action)

        file_menu = self.menus["File"]
        if contributed["File"]:
            file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        view = self.menus["View"]
        if contributed["View"]:
            view.addSeparator()
        for page, go in zip(self._pages, self.go_actions, strict=True):
            page.nav_shortcut = go.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            view.addAction(go)
        view.addSeparator()
        view.addAction(self.fullscreen_action)

        help_menu = self.menus["Help"]
        if contributed["Help"]:
            help_menu.addSeparator()
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.safety_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def set_full_screen(self, on: bool) -> None:
        """Full screen is for reading across the room: the page takes the whole screen
        (navigation and menus hide; their shortcuts keep working)."""
        self.sidebar.setVisible(not on)
        self.menuBar().setVisible(not on)
        if on:
            self.showFullScreen()
        else:
            self.showNormal()
        if self.fullscreen_action.isChecked() != on:
            self.fullscreen_action.setChecked(on)

    def _rich_box(self, title: str, html: str) -> QMessageBox:
        from PySide6.QtCore import Qt

        box = QMessageBox(self)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(html)
        return box

    def show_help(self) -> None:
        self._rich_box(_("WalkBack help"), user_guide_html()).exec()

    def show_safety_guide(self) -> None:
        self._rich_box(_("Safety guide"), safety_guide_html()).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, _("About {app}").format(app=APP_NAME), about_html(__version__))

    # --- status -----------------------------------------------------------------
    def show_status(self, text: str) -> None:
        """One line in the status area; user text is shown literally."""
        from PySide6.QtCore import Qt

        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setText(" ".join(text.split()))

    # --- drag and drop -----------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)

    # --- geometry ---------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self._state.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self._pages:
            if not page.can_close():
                event.ignore()
                return
        self._state.setValue("window/geometry", self.saveGeometry())
        self._state.sync()
        super().closeEvent(event)
