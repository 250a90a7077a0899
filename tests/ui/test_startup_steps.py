"""Start-up puts the real pages in the window a short step at a time: the window
answers (paints, takes input) between every two steps, and once loading is done
every page is complete, with its data and its menu entries. (How long each
step takes is measured by bench/bench_stall.py, never timed here.)"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QTimer

from walkback_desktop import app as app_module
from walkback_desktop.audio.base import RecordingCuePlayer
from walkback_desktop.ui import loading
from walkback_desktop.ui.main_window import PAGES, LoadingPage, MainWindow
from walkback_desktop.ui.pages.programs import ProgramsPage
from walkback_desktop.ui.pages.routines import RoutinesPage
from walkback_desktop.ui.pages.settings import SettingsPage


def load_stepwise(qtbot, data_dir) -> MainWindow:
    window = app_module.build_shell(data_dir)
    qtbot.addWidget(window)
    window.show()
    ready: list[bool] = []
    loading.load_data_stepwise(
        window,
        data_dir,
        done=lambda: ready.append(True),
        failed=pytest.fail,
        cue_player_factory=lambda _ctx: RecordingCuePlayer(),
    )
    qtbot.waitUntil(lambda: bool(ready), timeout=60_000)
    return window


def test_every_page_its_data_and_its_menu_entries_are_in_once_loaded(qtbot, data_dir, store):
    store.settings.update(weekly_goal_sessions=5)
    window = load_stepwise(qtbot, data_dir)
    assert window.ready
    for page_id, _title in PAGES:
        page = window.page(page_id)
        assert not isinstance(page, LoadingPage), page_id
        for menu, actions in page.menu_actions().items():
            assert set(actions) <= set(window.menus[menu].actions()), (page_id, menu)
    routines = window.page("routines")
    assert isinstance(routines, RoutinesPage)
    assert routines.visible_routines() and routines.selected_routine() is not None
    programs = window.page("programs")
    assert isinstance(programs, ProgramsPage)
    assert programs.list.count() == len(programs.programs) > 0
    settings = window.page("settings")
    assert isinstance(settings, SettingsPage)
    assert settings.goal_sessions_spin.value() == 5  # built and filled in a later step
    window.show_page("settings")
    assert window.current_page() is settings and settings.isVisible()


def test_the_window_answers_between_every_two_steps_of_loading(qtbot, data_dir, monkeypatch):
    """Each page's build, what it put off (its data) and putting it in the window
    are separate turns of the event loop, and so are the menus."""
    log: list[str] = []

    def logged(name, real):
        def run(*args, **kwargs):
            log.append(name)
            return real(*args, **kwargs)

        return run

    def installed(window, page):
        log.append(f"install {page.page_id}")
        real_install(window, page)

    real_install = MainWindow.install_page
    monkeypatch.setattr(loading, "build_page", logged("build", loading.build_page))
    monkeypatch.setattr(loading, "finish_loading", logged("menus", loading.finish_loading))
    monkeypatch.setattr(MainWindow, "install_page", installed)
    monkeypatch.setattr(RoutinesPage, "refresh", logged("routines data", RoutinesPage.refresh))
    monkeypatch.setattr(ProgramsPage, "refresh", logged("programs data", ProgramsPage.refresh))
    monkeypatch.setattr(
        SettingsPage, "_build_rest", logged("settings rest", SettingsPage._build_rest)
    )
    ticks = QTimer()
    ticks.setInterval(0)
    ticks.timeout.connect(lambda: log.append("tick"))
    ticks.start()
    load_stepwise(qtbot, data_dir)
    ticks.stop()
    steps = [entry for entry in log if entry != "tick"]
    assert {f"install {page_id}" for page_id, _title in PAGES} <= set(steps)
    assert {"routines data", "programs data", "settings rest"} <= set(steps)
    assert steps[-1] == "menus"
    work = log[log.index("build") :]
    for first, second in itertools.pairwise(work):
        assert "tick" in (first, second), f"{first} and {second} in one turn"


def test_pages_are_put_in_the_window_without_the_style_sheet_style(qtbot, data_dir):
    """Under a style sheet set on the window, every page was re-styled as it was
    put in (30-60 ms for Routines at start-up); the sheet is the sidebar's only."""
    window = load_stepwise(qtbot, data_dir)
    for page_id, _title in PAGES:
        style = window.page(page_id).style()
        assert style.metaObject().className() != "QStyleSheetStyle", page_id
