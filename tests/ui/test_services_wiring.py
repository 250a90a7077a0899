"""Issue 13: pages and dialogs get the services they need, not the whole store.

Only `ui/wiring.py` reads `.store`; every other UI module is handed the
repositories it uses as constructor arguments (docs/architecture.md, "Pages
get their services"). The scan below fails when a UI module reads `.store`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from walkback_desktop.app import build_main_window

UI = Path(__file__).resolve().parents[2] / "src" / "walkback_desktop" / "ui"

# The one place that reads the store.
WIRING = "wiring.py"


def _store_reads(tree: ast.AST) -> list[tuple[str, int]]:
    """(enclosing function name, line) of every `<something>.store` read."""
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = function
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = child.name
            if (
                isinstance(child, ast.Attribute)
                and child.attr == "store"
                and isinstance(child.ctx, ast.Load)
            ):
                found.append((name, child.lineno))
            visit(child, name)

    visit(tree, "")
    return found


def _ui_modules() -> list[tuple[str, ast.AST]]:
    return [
        (path.relative_to(UI).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(UI.rglob("*.py"))
    ]


def test_only_the_wiring_reads_the_store() -> None:
    offending = []
    for module, tree in _ui_modules():
        if module == WIRING:
            continue
        for function, line in _store_reads(tree):
            offending.append(f"ui/{module}:{line} in {function or 'module'}()")
    assert offending == [], (
        "these read the store; take the repositories as constructor arguments "
        "and add them in ui/wiring.py instead"
    )


def test_the_scan_sees_a_store_read() -> None:
    """The scan itself: `self.ctx.store.library` and `ctx.store` are reads, an
    assignment to `.store` is not."""
    tree = ast.parse(
        "def page(ctx):\n    lib = ctx.store.library\n    x.store = 1\n    return self.ctx.store\n"
    )
    assert _store_reads(tree) == [("page", 2), ("page", 4)]


@pytest.fixture
def window(qtbot, data_dir):
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    return win


def test_the_app_hands_each_page_the_open_stores_repositories(window) -> None:
    store = window.store
    routines, workout = window.page("routines"), window.page("workout")
    programs, settings = window.page("programs"), window.page("settings")
    assert routines.library is store.library and routines.settings is store.settings
    assert workout.library is store.library and workout.settings is store.settings
    assert workout.controller.sessions is store.sessions
    assert workout.controller.checkpoints is store.checkpoints
    assert programs.program_library is store.programs and programs.library is store.library
    assert settings.settings is store.settings
    assert settings.reminder_settings.settings is store.settings
    assert window.reminders.settings is store.settings
    today, history, progress = (
        window.page("today"),
        window.page("history"),
        window.page("progress"),
    )
    assert today.sessions is store.sessions and today.library is store.library
    assert today.program_card.assessments is store.assessments
    assert history.settings is store.settings and history.writes.sessions is store.sessions
    assert history.rows.db is store.db and progress.queries.db is store.db
    assert progress.settings is store.settings


def test_a_page_is_not_handed_the_store(window) -> None:
    """The converted pages keep what they were given, never the store itself."""
    for page_id in ("today", "routines", "workout", "programs", "history", "progress", "settings"):
        page = window.page(page_id)
        held = [value for value in vars(page).values() if value is window.store]
        assert held == [], page_id
