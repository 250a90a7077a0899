"""Keyboard use, readable first screens and user text shown as typed."""

from __future__ import annotations

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QMessageBox, QScrollArea

from tests.helpers import make_session
from walkback_desktop.app import build_main_window, show_notice
from walkback_desktop.ui import history_model as hm
from walkback_desktop.ui.appearance import apply_text_scale

HOSTILE = "<b>red</b><img src=x>"


@pytest.fixture
def window(qtbot, data_dir):
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def text_scale():
    app = QApplication.instance()
    yield lambda percent: apply_text_scale(app, percent)
    apply_text_scale(app, 100)


@pytest.mark.parametrize("percent", [100, 200])
@pytest.mark.parametrize("page_id", ["today", "history"])
def test_first_screen_text_is_not_cut_off(qtbot, data_dir, text_scale, percent, page_id):
    text_scale(percent)
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.show_page(page_id)
    page = win.page(page_id)
    assert page.stack.currentWidget() is page.empty
    labels = [label for label in page.empty.findChildren(QLabel) if label.wordWrap()]
    assert labels
    for label in labels:
        qtbot.waitUntil(lambda label=label: label.width() > 100)
        assert label.height() >= label.heightForWidth(label.width())


def test_tab_leaves_the_history_table(qtbot, window, store):
    for day in range(3):
        window.store.sessions.add(make_session(day))
    window.ctx.events.sessions_changed.emit()
    window.show_page("history")
    table = window.page("history").table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is not table


def test_page_scroll_areas_are_not_unnamed_tab_stops(window):
    for page_id in ("today", "history"):
        for area in window.page(page_id).findChildren(QScrollArea):
            if type(area) is QScrollArea:
                assert not area.focusPolicy() & Qt.FocusPolicy.TabFocus
    # what remains focusable by Tab has a name a screen reader can say
    for page_id in ("today", "history"):
        page = window.page(page_id)
        for widget in page.findChildren(QAbstractScrollArea):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(page):
                assert widget.accessibleName(), widget


def test_f1_opens_help(qtbot, window, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.windowTitle()) or 0)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert shown == ["WalkBack help"]
    assert "F1" in window.help_action.shortcut().toString()


def test_menu_items_have_mnemonics_and_groups_are_separated(window):
    mine = [
        *window.menus["View"].actions(),
        *window.menus["Help"].actions(),
        window.quit_action,
        window.page("history").log_action,
    ]
    for action in mine:
        if not action.isSeparator():
            assert "&" in action.text(), action.text()
    help_actions = window.menus["Help"].actions()
    assert any(a.isSeparator() for a in help_actions)
    file_actions = window.menus["File"].actions()
    assert file_actions[-2].isSeparator() and file_actions[-1] is window.quit_action
    titles = [a.text() for a in window.menus["View"].actions() if not a.isSeparator()]
    letters = [t[t.index("&") + 1].lower() for t in titles]
    assert len(letters) == len(set(letters))  # each mnemonic letter once in the menu


def _rendered(tooltip: str) -> str:
    """What Qt shows for a tooltip (it renders anything that looks like HTML)."""
    if QtGui.Qt.mightBeRichText(tooltip):
        return QTextDocumentFragment.fromHtml(tooltip).toPlainText()
    return tooltip


def test_history_notes_tooltip_shows_the_note_as_typed(window):
    window.store.sessions.add(make_session(0, notes=HOSTILE))
    window.ctx.events.sessions_changed.emit()
    window.show_page("history")
    model = window.page("history").model
    tip = model.data(model.index(0, hm.NOTES), Qt.ItemDataRole.ToolTipRole)
    assert _rendered(tip) == HOSTILE


def test_start_up_notice_shows_a_routine_name_as_typed(qtbot, monkeypatch):
    boxes: list[tuple[str, Qt.TextFormat]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: boxes.append((box.text(), box.textFormat())) or 0
    )
    notice = f'An interrupted workout ("{HOSTILE}", 3:00 done) was saved.'
    show_notice(None, notice)
    assert boxes == [(notice, Qt.TextFormat.PlainText)]
