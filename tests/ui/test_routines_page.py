"""The Routines page: list, filter, start, duplicate, delete, import, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from walkback_desktop.core.routine import Goal, Level, Routine, Segment, SegmentKind
from walkback_desktop.storage.library import Clash
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.routines import COLUMNS, RoutinesPage, sharing
from walkback_desktop.ui.routine_editor import dialogs
from walkback_desktop.ui.wiring import routines_services


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
    page = RoutinesPage(ctx, **routines_services(ctx))
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
    assert set(names(page)) == {"Low-back relief walk", "Low-back retro walk, 15 minutes"}
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
    monkeypatch.setattr(sharing, "ask_export_path", lambda _p, proposed: tmp_path / proposed.name)
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


# --- keyboard (issue 11.7) --------------------------------------------------------------


def focus_table(page, qtbot):
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)


def test_tab_and_shift_tab_leave_the_routine_list(page, qtbot):
    focus_table(page, qtbot)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert not page.table.hasFocus()
    assert page.focusWidget() is page.detail.start_button
    focus_table(page, qtbot)
    qtbot.keyClick(page.table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not page.table.hasFocus()
    assert page.focusWidget() is page.import_button


def test_the_action_buttons_are_in_the_tab_order(page, qtbot):
    page.select_routine("knee-friendly-20")
    focus_table(page, qtbot)
    reached = []
    for _ in range(5):
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
        reached.append(page.focusWidget())
    # Edit and Delete are disabled for a built-in routine, so Tab skips them.
    assert reached[:3] == [
        page.detail.start_button,
        page.detail.duplicate_button,
        page.detail.export_button,
    ]


def test_enter_on_a_routine_starts_it(page, ctx, qtbot):
    page.select_routine("knee-friendly-20")
    focus_table(page, qtbot)
    with qtbot.waitSignal(ctx.events.start_requested) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == ["knee-friendly-20"]


# The offscreen platform warns that it cannot grab the keyboard for a popup menu.
@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
    ],
)
def test_the_context_menu_opens_from_the_keyboard(page, ctx, qtbot, key, modifier):
    ctx.store.library.save(physio_routine())
    page.refresh()
    page.select_routine("knee-physio")
    focus_table(page, qtbot)
    qtbot.keyClick(page.table, key, modifier)
    menu = page.context_menu
    assert menu is not None and menu.isVisible()
    actions = {a.text(): a for a in menu.actions()}
    assert list(actions) == ["Start", "Edit", "Duplicate", "Delete", "Export…"]
    assert all(a.isEnabled() for a in actions.values())
    actions["Edit"].trigger()
    assert page.editor is not None and page.editor.field("name") == "Knee physio"


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_menu_keeps_edit_and_delete_off_for_built_ins(page, qtbot):
    page.select_routine("knee-friendly-20")
    menu = page.show_context_menu(page.table.visualRect(page.table.currentIndex()).center())
    enabled = {a.text(): a.isEnabled() for a in menu.actions()}
    assert enabled == {
        "Start": True,
        "Edit": False,
        "Duplicate": True,
        "Delete": False,
        "Export…": True,
    }


# --- files and storage faults (issue 15.3, 15.10) ---------------------------------------


def test_export_asks_with_the_real_suffix_before_overwriting(page):
    dialog = sharing.export_dialog(page, Path.home() / "knee-friendly-20.walkback.json")
    assert dialog.defaultSuffix() == "walkback.json"
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert not dialog.testOption(QFileDialog.Option.DontConfirmOverwrite)


def test_a_name_without_the_suffix_is_not_changed_after_the_question(page, monkeypatch, tmp_path):
    """The dialog already added the suffix and asked; "knee.json" stays "knee.json"
    and never silently overwrites "knee.walkback.json"."""
    other = tmp_path / "knee.walkback.json"
    other.write_text("keep me", encoding="utf-8")
    page.select_routine("knee-friendly-20")
    monkeypatch.setattr(sharing, "ask_export_path", lambda *_a: tmp_path / "knee.json")
    assert page.export_selected() == tmp_path / "knee.json"
    assert other.read_text(encoding="utf-8") == "keep me"


def test_export_writes_atomically(page, monkeypatch, tmp_path):
    target = tmp_path / "knee.walkback.json"
    target.write_text("the old file", encoding="utf-8")
    page.select_routine("knee-friendly-20")
    monkeypatch.setattr(sharing, "ask_export_path", lambda *_a: target)
    seen = []
    real = sharing.QSaveFile

    class Recording(real):
        def commit(self):
            seen.append(target.read_text(encoding="utf-8"))  # still the old file
            return super().commit()

    monkeypatch.setattr(sharing, "QSaveFile", Recording)
    assert page.export_selected() == target
    assert seen == ["the old file"]
    assert Routine.from_json(target.read_bytes()).id == "knee-friendly-20"


def test_an_export_that_cannot_be_written_says_so(page, answers, monkeypatch, tmp_path):
    page.select_routine("knee-friendly-20")
    monkeypatch.setattr(sharing, "ask_export_path", lambda *_a: tmp_path / "no" / "x.json")
    assert page.export_selected() is None
    assert answers["problems"][-1].startswith("x.json could not be written")


def test_import_survives_a_database_error_and_retries(page, ctx, monkeypatch, tmp_path):
    from sqlalchemy.exc import OperationalError

    path = tmp_path / "knee-physio.walkback.json"
    path.write_text(physio_routine().to_json(), encoding="utf-8")
    repo = ctx.store.library._repo
    real_save = repo.save
    failures = [OperationalError("INSERT", {}, Exception("database is locked"))]

    def flaky_save(routine):
        if failures:
            raise failures.pop()
        real_save(routine)

    asked = []
    monkeypatch.setattr(repo, "save", flaky_save)
    monkeypatch.setattr(dialogs, "ask_retry", lambda _p, _t, text: asked.append(text) or True)
    [imported] = page.import_files([path])
    assert imported == physio_routine()
    assert asked and "could not be added" in asked[0]
    assert ctx.store.library.get("knee-physio") == physio_routine()


def test_import_cancelled_after_a_database_error_changes_nothing(page, ctx, monkeypatch, tmp_path):
    path = tmp_path / "knee-physio.walkback.json"
    path.write_text(physio_routine().to_json(), encoding="utf-8")
    repo = ctx.store.library._repo

    def broken(_routine):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(repo, "save", broken)
    monkeypatch.setattr(dialogs, "ask_retry", lambda *_a: False)
    assert page.import_files([path]) == []
    monkeypatch.undo()
    assert ctx.store.library.get("knee-physio") is None


# --- text size (issue 11.5) -------------------------------------------------------------


def test_backward_minutes_round_halves_up(page, ctx):
    routine = physio_routine().with_changes(
        segments=(Segment(SegmentKind.BACKWARD, "Backwards", 135),)  # 2.25 min
    )
    ctx.store.library.save(routine)
    page.refresh()
    row = page.model.row_of("knee-physio")
    assert page.model.index(row, COLUMNS.index("Backward")).data() == "2.3 min"
    page.select_routine("knee-physio")
    assert "2.3 min backward" in page.detail.facts.text()


@pytest.fixture
def text_at():
    """Set the application font to `percent` of its size (as the Text size setting does)."""
    from PySide6.QtWidgets import QApplication

    original = QApplication.font()

    def set_scale(percent):
        font = QApplication.font()
        font.setPointSizeF(original.pointSizeF() * percent / 100)
        QApplication.setFont(font)

    yield set_scale
    QApplication.setFont(original)


def clipped(root):
    """Visible buttons, combo boxes and labels smaller than their text needs."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel

    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QAbstractButton | QComboBox | QLabel):
            continue
        hint = widget.minimumSizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.height() < widget.heightForWidth(widget.width()):
                found.append(widget.accessibleName() or widget.text())
        elif widget.width() < hint.width() or widget.height() < hint.height():
            found.append(widget.accessibleName() or type(widget).__name__)
    return found


@pytest.mark.parametrize("percent", [150, 200])
def test_nothing_clips_at_large_text_on_1280_by_800(qtbot, ctx, answers, text_at, percent):
    text_at(percent)
    page = RoutinesPage(ctx, **routines_services(ctx))
    qtbot.addWidget(page)
    page.resize(1280 - 200, 800 - 60)  # the window less its navigation and status bar
    page.show()
    page.select_routine("knee-friendly-20")
    qtbot.waitExposed(page)
    # Layouts settle in posted events after the font change; then nothing is cut.
    qtbot.waitUntil(lambda: clipped(page) == [], timeout=2000)
    assert page.detail.start_button.font().pointSizeF() == pytest.approx(page.font().pointSizeF())
    metrics = page.table.fontMetrics()
    name_column = page.table.columnWidth(COLUMNS.index("Name"))
    assert name_column >= metrics.horizontalAdvance("Knee-friendly retro walk")
    row_height = page.table.verticalHeader().defaultSectionSize()
    assert row_height >= page.table.fontMetrics().height()


def test_a_delete_that_cannot_be_written_keeps_the_routine_and_offers_retry(
    page, ctx, monkeypatch
):
    ctx.store.library.save(physio_routine())
    page.refresh()
    page.select_routine("knee-physio")
    repo = ctx.store.library._repo

    def locked(_routine_id):
        raise OSError(5, "Input/output error")

    asked = []
    monkeypatch.setattr(repo, "delete", locked)
    monkeypatch.setattr(dialogs, "ask_retry", lambda _p, _t, text: asked.append(text) or False)
    assert not page.delete_selected()
    assert asked and "could not be deleted" in asked[0]
    monkeypatch.undo()
    assert ctx.store.library.get("knee-physio") is not None


def test_problems_are_rendered_in_the_users_language(page, answers, monkeypatch, tmp_path):
    """The core's error is data; the page renders its template through _()."""
    import gettext

    from walkback_desktop import i18n

    german = {
        "{file} was not imported: {problem}": "{file} wurde nicht importiert: {problem}",
        "segment {number}: {problem}": "Abschnitt {number}: {problem}",
        "{field} must be between {low} and {high}, got {got}": (
            "{field} muss zwischen {low} und {high} liegen, nicht {got}"
        ),
    }

    class German(gettext.NullTranslations):
        def gettext(self, message):
            return german.get(message, message)

    monkeypatch.setattr(i18n, "_translation", German())
    data = physio_routine().to_dict()
    data["segments"][1]["seconds"] = 2
    bad = tmp_path / "broken.walkback.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert page.import_files([bad]) == []
    assert answers["problems"] == [
        "broken.walkback.json wurde nicht importiert: "
        "Abschnitt 2: seconds muss zwischen 5 und 3600 liegen, nicht 2"
    ]


def test_the_list_fits_its_columns_to_the_window_when_first_visited(qtbot, data_dir):
    """The page is built hidden; its columns are fitted when it is shown."""
    from walkback_desktop.app import build_main_window
    from walkback_desktop.audio.base import RecordingCuePlayer
    from walkback_desktop.ui.pages.routines.model import SHAPE

    window = build_main_window(data_dir, cue_player_factory=lambda _ctx: RecordingCuePlayer())
    qtbot.addWidget(window)
    window.resize(800, 700)
    window.show()
    page = window.page("routines")
    window.show_page("routines")
    qtbot.waitUntil(lambda: page.table.isColumnHidden(SHAPE))  # names first in a narrow window
    window.show_page("today")
    window.resize(1700, 900)
    window.show_page("routines")
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(SHAPE))
