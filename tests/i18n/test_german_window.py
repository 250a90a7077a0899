"""The whole window in German: no English text on any page, menu or table header.

Visits every page with the language set to German and reads what a person sees
or hears from a screen reader (text, tooltip, accessible name, window title,
placeholder, combo-box items, menu items, table headers). A string fails when it
is an English catalogue text whose German differs (the window forgot `_()`), or
when it contains common English words (the text was never wrapped at all).
"""

from __future__ import annotations

import pprint
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from walkback_desktop import i18n
from walkback_desktop.app import build_main_window, install_language
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.core.clock import FakeClock
from walkback_desktop.ui.main_window import PAGES

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import i18n as catalogue_tool  # noqa: E402  (tools/i18n.py, not the package)

# Pages other helpers are rewriting right now (issue 13: workout flow, progress
# page and report). Their strings are collected and printed, but do not fail the
# test yet; remove a page from here once its rewrite has landed and is wrapped.
PAGES_NOT_YET_CHECKED: set[str] = set()

# Widgets and menu items owned by those rewrites, shown on other pages: the segment
# strip's tooltip (ui/widgets/segment_strip.py, translated by the workout rewrite's
# KIND_STYLE table) and the report's File-menu actions (ui/report_actions.py).
WIDGETS_NOT_YET_CHECKED: set[str] = set()
MENU_ITEMS_NOT_YET_CHECKED: set[str] = set()

# Proper names and units that are the same in German.
ALLOWED = {"WalkBack", "MET", "kcal", "RPE", "3MBWT", "km/h", "spm", "lb", "kg"}
# Proper names inside German sentences (removed before looking for English words).
PROPER_NAMES = ("Compendium of Physical Activities",)

# Words that are (nearly) never German: a text containing one was not translated.
ENGLISH_WORDS = re.compile(
    r"^Start\b|\b(the|and|your|you|with|of|to|is|this|now|Workout|Workouts|Settings|History|"
    r"Progress|Today|Routines|Session|Sessions|Walk|walks|Backward|minutes|week|"
    r"Save|Cancel|Delete|Edit|Export|Import|Search|Loading|Help|File|View)\b"
)


@pytest.fixture
def german():
    old_locale = QLocale()
    install_language(None, "de")
    yield
    i18n.set_language("en")
    QLocale.setDefault(old_locale)


def _english_texts() -> dict[str, str]:
    """English msgid (without '&') -> German, for every text whose German differs."""
    found: dict[str, str] = {}
    for message in catalogue_tool.read_catalog("de"):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, german in zip(ids, strings, strict=False):
            if english != german and "{" not in english:
                found[english.replace("&", "").strip()] = german
    return found


def _texts_of(widget: QWidget) -> list[str]:
    texts = [widget.toolTip(), widget.accessibleName(), widget.windowTitle()]
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        texts.append(widget.text())
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        texts.append(widget.placeholderText())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QAbstractSpinBox):
        texts.append(widget.specialValueText())
    if isinstance(widget, QComboBox):
        texts.extend(widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        # A list model's columnCount() is private in Qt: a list has one column.
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
        for orientation, count in (
            (Qt.Orientation.Horizontal, columns),
            (Qt.Orientation.Vertical, 0),
        ):
            for section in range(count):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(section, orientation, role)
                    if isinstance(value, str):
                        texts.append(value)
    return texts


def _menu_texts(window) -> list[str]:
    texts: list[str] = []
    for menu in window.menuBar().findChildren(QMenu):
        texts.append(menu.title())
        for action in menu.actions():
            if isinstance(action, QAction) and not action.isSeparator():
                texts.extend([action.text(), action.toolTip()])
    return texts


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)  # rich-text tooltips
    return " ".join(text.replace("&", "").split())


def _english(texts: list[str], catalogue: dict[str, str]) -> set[str]:
    bad = set()
    for raw in texts:
        text = _plain(raw)
        if not text or text in ALLOWED:
            continue
        words = text
        for name in PROPER_NAMES:
            words = words.replace(name, "")
        if text in catalogue or ENGLISH_WORDS.search(words):
            bad.add(text)
    return bad


def test_every_page_and_menu_is_german(qtbot, data_dir, german):
    window = build_main_window(
        data_dir, clock=FakeClock(), cue_player_factory=lambda _ctx: RecordingCuePlayer()
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    catalogue = _english_texts()

    found: dict[str, set[str]] = {}
    for page_id, _title in PAGES:
        window.show_page(page_id)
        qtbot.wait(1)
        page = window.current_page()
        texts = [
            t
            for w in page.findChildren(QWidget)
            if w.isVisible() and type(w).__name__ not in WIDGETS_NOT_YET_CHECKED
            for t in _texts_of(w)
        ]
        texts += _texts_of(page)
        found[page_id] = _english(texts, catalogue)
    shell = [window.windowTitle(), window.status_label.accessibleName()]
    shell += [window.nav.item(i).text() for i in range(window.nav.count())]
    menus = [t for t in _menu_texts(window) if _plain(t) not in MENU_ITEMS_NOT_YET_CHECKED]
    found["menus"] = _english(shell + menus, catalogue)

    for page_id in sorted(PAGES_NOT_YET_CHECKED):
        if found[page_id]:
            print(f"not yet checked, still English on {page_id}: {sorted(found[page_id])}")
    failing = {k: sorted(v) for k, v in found.items() if v and k not in PAGES_NOT_YET_CHECKED}
    assert not failing, pprint.pformat(failing, width=100)


def test_the_check_would_catch_an_english_text(german):
    catalogue = _english_texts()
    assert _english(["&Quit", "Save the routine (Ctrl+S)"], catalogue) == {
        "Quit",
        "Save the routine (Ctrl+S)",
    }
    assert _english(["&Beenden", "WalkBack", "Routine", "3MBWT"], catalogue) == set()
