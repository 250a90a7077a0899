"""The Routines page: list, filter, start, duplicate, delete, import, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from walkback_desktop.core.routine import Goal, Level, Routine, Segment, SegmentKind
from walkback_desktop.storage.library import Clash
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.routines import COLUMNS, RoutinesPage, sharing
from walkback_desktop.ui.routine_editor import dialogs


@pytest.fixture
def answers(monkeypatch):
    """Scripted answers for every question the page asks; records what it showed."""
    state = {"confirm": True, "clash": Clash.RENAME, "problems": [], "clashes": []}

    def clash(_parent, message, *, allow_replace):
        state["clashes"].append((message, allow_replace))
        return state["clash"]

    monkeypatch.setattr(dialogs, "confirm_delete", lambda _p, _name: state["confirm"])
    monkeypatch.setattr(dialogs, "ask_clash", clash)
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *_a: dialogs.Unsaved.DISCARD)
    monkeypatch.setattr(
        dialogs, "show_problem", lambda _p, _title, text: state["problems"].append(text)
    )
    return state


@pytest.fixture
def ctx(store, data_dir):
    return AppContext(store=store, data_dir=data_dir)


@pytest.fixture
def page(qtbot, ctx, answers):
    page = RoutinesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    return page


def physio_routine() -> Routine:
    return Routine(
        id="knee-physio",
        name="Knee physio",
        level=Level.BEGINNER,
        goal=Goal.KNEE,
        segments=(
            Segment(SegmentKind.WARMUP, "Easy forwards", 120, tips=("Relax",)),
            Segment(SegmentKind.BACKWARD, "Backwards", 90, met=5.0),
        ),
    )


def names(page):
    return [r.name for r in page.visible_routines()]


def test_lists_every_routine_with_its_numbers(page, ctx):
    library = ctx.store.library
    library.save(physio_routine())
    page.refresh()
    assert len(page.visible_routines()) == len(library.builtins) + 1
    model = page.model
    row = model.row_of("knee-friendly-20")
    cells = [model.index(row, c).data() for c in range(len(COLUMNS) - 1)]
    assert cells == [
        "Knee-friendly retro walk",
        "Beginner",
        "Knee rehab",
        "20:00",
        "10 min",
        "90",
        "Built-in",
    ]
    custom = model.row_of("knee-physio")
    assert model.index(custom, COLUMNS.index("Type")).data() == "Custom"


def test_kcal_follow_the_weight_setting(page, ctx):
    row = page.model.row_of("knee-friendly-20")
    kcal = page.model.index(row, COLUMNS.index("kcal"))
    assert kcal.data() == "90"
    ctx.store.settings.set("weight_kg", 140.0)
    ctx.events.settings_changed.emit("weight_kg")
    assert page.model.index(row, COLUMNS.index("kcal")).data() == "180"


def test_search_and_filters(page, qtbot):
    everything = len(names(page))
    qtbot.keyClicks(page.search, "knee")
    assert "Knee-friendly retro walk" in names(page)
    assert all("knee" in (r.name + r.description).lower() for r in page.visible_routines())
    page.search.clear()
    page.level_filter.setCurrentIndex(page.level_filter.findText("Advanced"))
    assert names(page) and all(r.level is Level.ADVANCED for r in page.visible_routines())
    page.level_filter.setCurrentIndex(0)
    page.goal_filter.setCurrentIndex(page.goal_filter.findText("Low back"))
    assert names(page) == ["Low-back relief walk"]
    qtbot.keyClicks(page.search, "zzz-nothing")
    assert names(page) == [] and page.empty_label.isVisible()
    assert page.detail.name_label.text() == "No routine selected"
    page.search.clear()
    page.goal_filter.setCurrentIndex(0)
    assert len(names(page)) == everything


def test_detail_shows_text_literally_and_builtins_are_read_only(page, ctx):
    ctx.store.library.save(
        physio_routine().with_changes(name="<b>Mine</b>", description="<i>x</i>")
    )
    page.refresh()
    assert page.select_routine("knee-physio")
    assert page.detail.name_label.text() == "<b>Mine</b>"
    assert page.detail.description.text() == "<i>x</i>"
    assert page.detail.badge.text() == "Custom"
    row = page.model.row_of("knee-physio")
    tooltip = page.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "<p>&lt;b&gt;Mine&lt;/b&gt;</p>"
    assert page.detail.edit_button.isEnabled() and page.detail.delete_button.isEnabled()
    page.select_routine("knee-friendly-20")
    assert page.detail.badge.text() == "Built-in"
    assert not page.detail.edit_button.isEnabled()
    assert not page.detail.delete_button.isEnabled()
    assert "Stop straight away" in page.detail.safety.text()


def test_start_asks_the_shell_to_start_the_routine(page, ctx, qtbot):
    page.select_routine("knee-friendly-20")
    with qtbot.waitSignal(ctx.events.start_requested) as blocker:
        page.detail.start_button.click()
    assert blocker.args == ["knee-friendly-20"]


def test_menu_actions_for_the_file_menu(page):
    actions = page.menu_actions()["File"]
    assert [a.text() for a in actions] == [
        "&New routine…",
        "&Import routine…",
        "&Export routine…",
    ]
    assert actions[0].shortcut().toString() == "Ctrl+N"
    assert actions[1].shortcut().toString() == "Ctrl+I"


def test_duplicate_a_builtin_opens_an_editor_on_a_copy(page, ctx):
    page.select_routine("knee-friendly-20")
    editor = page.duplicate_selected()
    assert editor is not None and editor.isVisible()
    assert editor.field("name") == "Knee-friendly retro walk (copy)"
    assert editor.is_new
    assert editor.save()
    library = ctx.store.library
    copy = library.get("knee-friendly-retro-walk-copy")
    assert copy is not None and not library.is_builtin(copy.id)
    assert copy.segments == library.get("knee-friendly-20").segments
    assert page.selected_routine().id == copy.id


def test_delete_asks_first_and_keeps_sessions(page, ctx, answers):
    library = ctx.store.library
    library.save(physio_routine())
    page.refresh()
    page.select_routine("knee-physio")
    answers["confirm"] = False
    assert not page.delete_selected()
    assert library.get("knee-physio") is not None
    answers["confirm"] = True
    assert page.delete_selected()
    assert library.get("knee-physio") is None
    assert "knee-physio" not in [r.id for r in page.visible_routines()]


def test_a_bad_file_says_what_and_where_and_changes_nothing(page, ctx, answers, tmp_path):
    library = ctx.store.library
    library.save(physio_routine())
    before = library.custom()
    data = physio_routine().to_dict()
    data["id"] = "other"
    data["segments"][1]["seconds"] = 2
    bad = tmp_path / "broken.walkback.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    not_json = tmp_path / "garbage.walkback.json"
    not_json.write_bytes(b"\xff\xfe nonsense")
    missing = tmp_path / "missing.walkback.json"
    assert page.import_files([bad, not_json, missing]) == []
    assert answers["problems"][0] == (
        "broken.walkback.json was not imported: segment 2: seconds must be between 5 and 3600, got 2"
    )
    assert answers["problems"][1] == (
        "garbage.walkback.json was not imported: the file is not UTF-8 text, so it is not a routine"
    )
    assert answers["problems"][2].startswith("missing.walkback.json could not be read")
    assert library.custom() == before


def test_clash_offers_rename_and_replace_only_for_custom(page, ctx, answers, tmp_path):
    library = ctx.store.library
    library.save(physio_routine())
    changed = physio_routine().with_changes(name="Knee physio v2")
    path = tmp_path / "knee-physio.walkback.json"
    path.write_text(changed.to_json(), encoding="utf-8")

    answers["clash"] = Clash.RENAME
    [imported] = page.import_files([path])
    assert imported.id == "knee-physio-2"
    assert answers["clashes"][-1] == (
        'knee-physio.walkback.json: the id "knee-physio" is already used by a routine in your library',
        True,
    )
    assert library.get("knee-physio").name == "Knee physio"

    answers["clash"] = Clash.REPLACE
    page.import_files([path])
    assert library.get("knee-physio").name == "Knee physio v2"

    answers["clash"] = None
    before = library.custom()
    assert page.import_files([path]) == []
    assert library.custom() == before

    builtin = tmp_path / "builtin.walkback.json"
    builtin.write_text(library.get("knee-friendly-20").to_json(), encoding="utf-8")
    answers["clash"] = Clash.RENAME
    [copy] = page.import_files([builtin])
    assert answers["clashes"][-1][1] is False  # a built-in cannot be replaced
    assert copy.id == "knee-friendly-20-2"


def test_dropped_routine_files_are_imported_and_others_ignored(page, ctx, tmp_path):
    path = tmp_path / "knee-physio.walkback.json"
    path.write_text(physio_routine().to_json(), encoding="utf-8")
    other = tmp_path / "history.csv"
    other.write_text("started_at\n", encoding="utf-8")
    ctx.events.files_dropped.emit([path, other])
    assert ctx.store.library.get("knee-physio") == physio_routine()
    assert page.selected_routine().id == "knee-physio"


def test_export_suggests_the_id_as_file_name(page, monkeypatch, tmp_path):
    page.select_routine("knee-friendly-20")
    suggested = []

    def save_name(_parent, proposed):
        suggested.append(proposed.name)
        return tmp_path / "shared.walkback.json"

    monkeypatch.setattr(sharing, "ask_export_path", save_name)
    path = page.export_selected()
    assert suggested == ["knee-friendly-20.walkback.json"]
    assert path == tmp_path / "shared.walkback.json"
    assert Routine.from_json(path.read_bytes()) == page.selected_routine()


def test_made_in_the_editor_exported_deleted_and_imported_again_is_identical(
    page, ctx, qtbot, monkeypatch, tmp_path
):
    library = ctx.store.library
    editor = page.new_routine()
    editor.set_field("name", "Knee rehab week 1")
    editor.set_field("goal", Goal.KNEE)
    editor.set_field("description", "From your physiotherapist")
    panel = editor.panel
    editor.select_row(1)
    panel.met_choice.setCurrentIndex(panel.met_choice.count() - 1)
    panel.met_choice.activated.emit(panel.met_choice.currentIndex())
    panel.met_value.setValue(4.5)
    panel.cadence.setValue(90)
    panel.tip_choice.setEditText("Heel down slowly")
    panel.add_tip.click()
    editor.add_segment()
    panel.incline.setValue(2.5)
    editor.select_row(0)
    editor.move_selected(1)
    made = editor.checked_routine()
    assert editor.save()
    saved = library.get("knee-rehab-week-1")
    assert saved.segments == made.segments
    assert saved.segments[0].tips[-1] == "Heel down slowly"
    assert saved.segments[0].met == 4.5 and saved.segments[0].cadence_spm == 90
    assert saved.segments[2].incline_pct == 2.5

    page.select_routine(saved.id)
    monkeypatch.setattr(
        sharing, "ask_export_path", lambda _p, proposed: tmp_path / proposed.name
    )
    exported = page.export_selected()
    assert exported.name == "knee-rehab-week-1.walkback.json"
    assert page.delete_selected()
    assert library.get(saved.id) is None

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a: ([str(exported)], ""))
    [imported] = page.import_from_dialog()
    again = library.get(saved.id)
    assert imported == again == saved
    assert [
        (s.kind, s.label, s.seconds, s.met, s.cadence_spm, s.incline_pct, s.tips)
        for s in again.segments
    ] == [
        (s.kind, s.label, s.seconds, s.met, s.cadence_spm, s.incline_pct, s.tips)
        for s in made.segments
    ]


def test_leaving_the_page_with_an_unsaved_editor_asks(page, monkeypatch):
    editor = page.new_routine()
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *_a: dialogs.Unsaved.CANCEL)
    assert not page.can_leave()
    assert editor.isVisible()
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *_a: dialogs.Unsaved.DISCARD)
    assert page.can_leave()
    assert not editor.isVisible()


def test_sessions_keep_their_snapshot_when_a_routine_is_deleted(page, ctx):
    from tests.helpers import make_session

    routine = physio_routine()
    ctx.store.library.save(routine)
    ctx.store.sessions.add(
        make_session(
            routine_id=routine.id, routine_name=routine.name, routine_snapshot=routine.to_json()
        )
    )
    page.refresh()
    page.select_routine(routine.id)
    assert page.delete_selected()
    [listed] = ctx.store.sessions.list()
    session = ctx.store.sessions.get(listed.id)
    assert session.routine_name == "Knee physio"
    assert Routine.from_json(session.routine_snapshot) == routine


def test_headings_follow_the_text_size_setting(page, qtbot):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = page.detail.name_label.font().pointSizeF()
    font = app.font()
    original = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    app.setFont(font)
    try:
        qtbot.waitUntil(lambda: page.detail.name_label.font().pointSizeF() > before * 1.4)
    finally:
        app.setFont(original)


def test_wired_into_the_main_window(qtbot, data_dir, answers, tmp_path):
    from walkback_desktop.app import build_main_window
    from walkback_desktop.audio.base import RecordingCuePlayer

    recorder = RecordingCuePlayer()
    window = build_main_window(data_dir, cue_player_factory=lambda _ctx: recorder)
    qtbot.addWidget(window)
    window.show()
    file_menu = [a.text() for a in window.menus["File"].actions()]
    assert {"&New routine…", "&Import routine…", "&Export routine…"} <= set(file_menu)
    page = window.page("routines")

    path = tmp_path / "knee-physio.walkback.json"
    path.write_text(physio_routine().to_json(), encoding="utf-8")
    window.files_dropped.emit([path])
    assert window.current_page() is page
    assert window.store.library.get("knee-physio") == physio_routine()

    window.show_page("today")
    page.new_action.trigger()
    assert window.current_page() is page
    assert page.editor is not None and page.editor.isVisible()
    page.editor.undo_stack.setClean()
    page.editor.is_new = False
    page.editor.close()

    page.select_routine("knee-physio")
    page.detail.start_button.click()
    assert window.current_page().page_id == "workout"
