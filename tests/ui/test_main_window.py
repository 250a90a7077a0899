from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from walkback_desktop.app import build_main_window

PAGES = ["Today", "Routines", "Workout", "Programs", "History", "Progress", "Settings"]


def test_window_has_title_icon_and_every_page(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "WalkBack"
    assert not window.windowIcon().isNull()
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == PAGES
    for i, label in enumerate(PAGES):
        assert window.nav.item(i).data(Qt.ItemDataRole.AccessibleTextRole) == label
        assert window.stack.widget(i).accessibleName() == label


def test_keyboard_moves_between_pages(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_page().page_id == "routines"
    window.show_page("history")
    assert window.stack.currentWidget().page_id == "history"


def test_menus_file_view_help(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    assert list(window.menus) == ["File", "View", "Help"]
    help_texts = [a.text() for a in window.menus["Help"].actions()]
    assert "&Safety guide" in help_texts and "&About WalkBack" in help_texts


def test_geometry_is_remembered(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    window.resize(window.minimumSizeHint().width(), 530)
    window.close()
    window.store.close()
    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    # The offscreen screen is small, so the width may be clamped to it; the height
    # (unlike the 720 px default) shows the saved geometry came back.
    assert again.height() == 530


def test_database_notice_reaches_the_status_area(qtbot, data_dir):
    (data_dir / "walkback.db").write_bytes(b"not a database")
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    assert "moved aside" in window.status_label.text()


def test_full_screen_gives_the_page_the_whole_screen(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    window.fullscreen_action.trigger()
    assert window.fullscreen_action.isChecked()
    assert not window.sidebar.isVisible() and not window.menuBar().isVisible()
    window.fullscreen_action.trigger()
    assert window.sidebar.isVisible() and window.menuBar().isVisible()


def test_pages_are_found_by_stable_id_and_know_their_shortcut(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    ids = [window.stack.widget(i).page_id for i in range(window.stack.count())]
    assert ids == ["today", "routines", "workout", "programs", "history", "progress", "settings"]
    workout = window.page("workout")
    assert workout.nav_shortcut.endswith("3")
    window.show_page("routines")
    window.ctx.events.page_requested.emit("history")
    assert window.current_page() is window.page("history")


def test_navigation_follows_the_text_size_and_fits_its_titles(qtbot, data_dir):
    from PySide6.QtGui import QFontMetrics, QGuiApplication

    from walkback_desktop.ui.main_window import NAV_SCALE

    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    small = window.nav.visualItemRect(window.nav.item(0)).height()
    font = QGuiApplication.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    QGuiApplication.setFont(font)
    try:
        big = window.nav.visualItemRect(window.nav.item(0)).height()
        expected_pt = QGuiApplication.font().pointSizeF() * NAV_SCALE
        assert window.nav.font().pointSizeF() == pytest.approx(expected_pt, rel=0.05)
        assert big > small * 1.3
        metrics = QFontMetrics(window.nav.font())
        for i in range(window.nav.count()):
            title = window.nav.item(i).text()
            assert metrics.horizontalAdvance(title) < window.nav.width() - 40
    finally:
        font.setPointSizeF(font.pointSizeF() / 2)
        QGuiApplication.setFont(font)


def test_the_navigation_follows_a_theme_switch(qtbot, data_dir):
    from PySide6.QtWidgets import QApplication

    from walkback_desktop.ui.appearance import apply_theme

    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def sidebar_lightness() -> int:
        image = window.sidebar.grab().toImage()
        return image.pixelColor(4, image.height() - 4).lightness()

    light = sidebar_lightness()
    apply_theme(QApplication.instance(), "dark")
    try:
        qtbot.waitUntil(lambda: sidebar_lightness() < light - 100)
    finally:
        apply_theme(QApplication.instance(), "system")
    qtbot.waitUntil(lambda: sidebar_lightness() == light)
