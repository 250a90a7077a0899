"""The main window: navigation between pages, menus, status area, geometry."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QKeySequence
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
from walkback_desktop.storage.store import Store
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.help_texts import ABOUT_HTML, SAFETY_GUIDE_HTML
from walkback_desktop.ui.pages.base import Page

MENU_ORDER = ("File", "View", "Help")
SIDEBAR_STYLE = """
#sidebar { background: palette(base); border-right: 1px solid palette(mid); }
#brand { font-size: 20px; font-weight: 600; padding: 4px 20px 14px 20px; }
QListWidget#navigation { border: none; background: transparent; font-size: 16px; outline: 0; }
QListWidget#navigation::item { padding: 8px 14px; margin: 2px 10px; border-radius: 8px; }
QListWidget#navigation::item:selected { background: palette(highlight);
    color: palette(highlighted-text); }
"""


class MainWindow(QMainWindow):
    page_changed = Signal(str)  # the page id
    files_dropped = Signal(list)  # list[Path]: files dropped anywhere on the window

    def __init__(
        self,
        pages: Sequence[Page],
        *,
        state_file: Path,
        icon: QIcon | None = None,
        store: Store | None = None,
        extra_actions: dict[str, list[QAction]] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.ctx: AppContext | None = None
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        if icon is not None:
            self.setWindowIcon(icon)
        self._state = QSettings(str(state_file), QSettings.Format.IniFormat)
        self._pages = list(pages)
        self._extra_actions = extra_actions or {}
        self.setAcceptDrops(True)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Navigation")
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()
        for page in self._pages:
            item = QListWidgetItem(page.title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page.title)
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
        side_layout.addWidget(brand)
        side_layout.addWidget(self.nav, 1)
        self.stack.setContentsMargins(16, 8, 16, 8)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.setStyleSheet(SIDEBAR_STYLE)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.status_label.setAccessibleName("Status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status_label, 1)

        self._build_menus()
        self.nav.setCurrentRow(0)
        self._restore_geometry()

    # --- navigation ---------------------------------------------------------
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
    def _build_menus(self) -> None:
        contributed: dict[str, list[QAction]] = {name: [] for name in MENU_ORDER}
        sources = [page.menu_actions() for page in self._pages] + [self._extra_actions]
        for source in sources:
            for menu_name, actions in source.items():
                contributed.setdefault(menu_name, []).extend(actions)
        self.menus = {}
        for name in contributed:
            menu = self.menuBar().addMenu(f"&{name}")
            menu.setAccessibleName(name)
            self.menus[name] = menu
            for action in contributed[name]:
                menu.addAction(action)
                self.addAction(action)

        file_menu = self.menus["File"]
        if contributed["File"]:
            file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view = self.menus["View"]
        if contributed["View"]:
            view.addSeparator()
        for n, page in enumerate(self._pages, start=1):
            go = QAction(f"Go to {page.title}", self)
            keys = QKeySequence(f"Ctrl+{n}")
            go.setShortcut(keys)
            page.nav_shortcut = keys.toString(QKeySequence.SequenceFormat.NativeText)
            go.triggered.connect(lambda _=False, p=page.page_id: self.show_page(p))
            view.addAction(go)
            self.addAction(go)
        self.fullscreen_action = QAction("&Full screen", self)
        self.fullscreen_action.setCheckable(True)
        self.fullscreen_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.fullscreen_action.toggled.connect(self.set_full_screen)
        view.addSeparator()
        view.addAction(self.fullscreen_action)
        self.addAction(self.fullscreen_action)

        help_menu = self.menus["Help"]
        safety = QAction("&Safety guide", self)
        safety.triggered.connect(self.show_safety_guide)
        about = QAction(f"&About {APP_NAME}", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(safety)
        help_menu.addAction(about)

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

    def show_safety_guide(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("Safety guide")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(SAFETY_GUIDE_HTML)
        box.exec()

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", ABOUT_HTML.format(version=__version__))

    # --- status -----------------------------------------------------------------
    def show_status(self, text: str) -> None:
        """One line in the status area; user text is shown literally."""
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
