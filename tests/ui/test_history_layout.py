"""Issue 11: the History table fits a 1280x800 window at 100, 150 and 200 % text,
in English and German, without a sideways scroll bar and without cutting off a
date, a number or a column heading."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from tests.helpers import make_session
from walkback_desktop import cli
from walkback_desktop.app import build_main_window, install_language
from walkback_desktop.ui import history_model as hm
from walkback_desktop.ui.appearance import apply_text_scale


@pytest.fixture
def language(qapp, monkeypatch):
    import walkback_desktop.app as app_module

    def use(code: str) -> None:
        monkeypatch.setattr(app_module, "set_language", lambda setting: code)
        install_language(qapp, code)

    yield use
    monkeypatch.setattr(app_module, "set_language", lambda setting: "en")
    install_language(qapp, "en")


@pytest.fixture
def text_scale(qapp, data_dir):
    """The Text size setting (the window applies it when it opens)."""

    def use(percent: int) -> None:
        assert (
            cli.main(["settings", "set", "text_scale", str(percent), "--data-dir", str(data_dir)])
            == 0
        )

    yield use
    apply_text_scale(qapp, 100)


def history_window(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.ctx.store.sessions.import_many(
        [
            make_session(
                day,
                routine_name="Knee-friendly retro walk with a long name",
                routine_id=None,
                notes="Knee a bit stiff at the start, better after ten minutes",
                backward_seconds=3725.0,
                active_seconds=4500.0,
            )
            for day in range(30)
        ]
    )
    window.ctx.events.sessions_changed.emit()
    window.resize(1280, 800)
    window.show()
    window.show_page("history")
    page = window.page("history")
    qtbot.waitUntil(lambda: page.table.model().rowCount() == 30)
    qtbot.waitUntil(lambda: page.table.width() > 600)
    QApplication.processEvents()
    return window, page


def painted_text(table, row, column):
    """What the cell shows (the date delegate paints a compact form at large text)."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    return option.text


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("percent", [100, 150, 200])
def test_history_columns_fit_1280_px_at_every_text_size(
    qtbot, data_dir, language, text_scale, lang, percent
):
    language(lang)
    text_scale(percent)
    window, page = history_window(qtbot, data_dir)
    table, header = page.table, page.table.horizontalHeader()
    assert window.width() <= 1280 or lang == "de"  # (another page may widen it in German)
    # no sideways scrolling, neither of the table nor of the page
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    assert not page.scroll_area.horizontalScrollBar().isVisible()
    cells = QFontMetrics(table.font())
    headings = QFontMetrics(header.font())
    for column in range(len(hm.COLUMNS)):
        width = header.sectionSize(column)
        if column not in (hm.ROUTINE, hm.NOTES):  # these two wrap or elide, with a tooltip
            title = table.model().headerData(column, Qt.Orientation.Horizontal)
            assert headings.horizontalAdvance(title) < width, (column, title, width)
            for line in painted_text(table, 0, column).split("\n"):
                assert cells.horizontalAdvance(line) < width, (column, line, width)
    # the routine keeps room for a readable part of its name
    assert header.sectionSize(hm.ROUTINE) >= 10 * cells.averageCharWidth()
    routine_tip = table.model().index(0, hm.ROUTINE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Knee-friendly retro walk with a long name" in routine_tip


def test_large_text_shows_the_date_above_the_time_and_keeps_it_whole_for_readers(
    qtbot, data_dir, text_scale
):
    text_scale(200)
    _window, page = history_window(qtbot, data_dir)
    assert painted_text(page.table, 0, hm.DATE) == "1 Apr 2025\n08:30"
    # the model (screen readers, copy) still has the whole date with its weekday
    assert page.table.model().index(0, hm.DATE).data() == "Tue 01 Apr 2025  08:30"
    # rows are two lines tall, so a long routine name wraps instead of vanishing
    assert (
        page.table.verticalHeader().defaultSectionSize()
        >= 2 * QFontMetrics(page.table.font()).lineSpacing()
    )
