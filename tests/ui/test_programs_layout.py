"""Issue 11: the Programs page fits a 1280x800 window at every text size, in
English and German: nothing on it scrolls sideways (German at 200 % pushed the
detail pane's buttons past its edge, and the pane scrolled), and no page makes
the window wider than 1280 px."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractScrollArea, QApplication

from walkback_desktop import i18n
from walkback_desktop.app import build_main_window, install_language
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.services.programs import ProgramService
from walkback_desktop.ui.appearance import apply_text_scale


@pytest.fixture
def language():
    old_locale = QLocale()
    yield lambda code: install_language(None, code)
    i18n.set_language("en")
    QLocale.setDefault(old_locale)
    apply_text_scale(QApplication.instance(), 100)


def _sideways(page) -> list[str]:
    """The scroll areas on the page that can scroll sideways, by accessible name."""
    return [
        area.accessibleName() or area.objectName() or type(area).__name__
        for area in page.findChildren(QAbstractScrollArea)
        if area.isVisibleTo(page) and area.horizontalScrollBar().maximum() > 0
    ]


@pytest.mark.parametrize("code", ["en", "de"])
@pytest.mark.parametrize("percent", [100, 150, 200])
def test_programs_page_never_scrolls_sideways(qtbot, store, data_dir, language, code, percent):
    language(code)
    store.settings.update(text_scale=percent)
    # Following a program shows the widest rows: Pause, Leave, Export plan to calendar.
    ProgramService(store).enrol("knee-oa-6-weeks", date.today())
    window = build_main_window(
        data_dir, store=store, cue_player_factory=lambda _ctx: RecordingCuePlayer()
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    # Every page fits the window (the stack is as wide as its widest page): at
    # 200 % in German the Workout page's controls made the window 1289 px wide.
    assert window.width() <= 1280
    window.show_page("programs")
    page = window.page("programs")
    for n in range(page.list.count()):
        page.list.setCurrentRow(n)
        QApplication.processEvents()
        assert _sideways(page) == [], (code, percent, page.list.item(n).text())
