"""The Programs page: browse, preview, enrol, pause, leave, import, export, .ics."""

from __future__ import annotations

import json
from datetime import date

import icalendar
import pytest
from PySide6.QtCore import QDate

from walkback_desktop.storage.library import Clash
from walkback_desktop.ui import confirm
from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.pages.programs import ProgramsPage, dialogs
from walkback_desktop.ui.wiring import programs_services

TODAY = date(2026, 3, 4)  # a Wednesday


@pytest.fixture
def answers(monkeypatch, tmp_path):
    state = {"clash": Clash.RENAME, "problems": [], "clashes": [], "save": None, "open": []}

    def clash(_parent, message, *, allow_replace):
        state["clashes"].append((message, allow_replace))
        return state["clash"]

    monkeypatch.setattr(dialogs, "ask_clash", clash)
    monkeypatch.setattr(
        dialogs, "show_problem", lambda _p, _t, text: state["problems"].append(text)
    )
    monkeypatch.setattr(dialogs, "choose_save_path", lambda *_a: state["save"])
    monkeypatch.setattr(dialogs, "choose_open_paths", lambda *_a: state["open"])
    return state


@pytest.fixture
def ctx(store, data_dir):
    store.settings.update(week_start="monday")
    return AppContext(store=store, data_dir=data_dir)


@pytest.fixture
def page(qtbot, ctx, answers):
    page = ProgramsPage(ctx, **programs_services(ctx, today=lambda: TODAY))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def test_lists_built_in_programs_and_previews_the_weeks(page) -> None:
    names = [page.list.item(i).text() for i in range(page.list.count())]
    assert len(names) >= 4
    assert page.select_program("knee-oa-6-weeks")
    preview = page.preview
    assert "6 weeks" in preview.meta_label.text()
    assert "3 sessions a week" in preview.meta_label.text()
    assert preview.table.rowCount() == 6
    # Starting today (Wednesday 4 March): week 1 keeps Wed-Sun, ceil(3 x 5 / 7) = 3 sessions.
    assert preview.table.item(0, 1).text() == "3 sessions"
    assert "20:00" in preview.table.item(0, 2).text()
    assert "3MBWT" in preview.table.item(0, 0).text()  # checks at weeks 1 and 6
    assert "3MBWT" in preview.table.item(5, 0).text()
    assert "3MBWT" not in preview.table.item(2, 0).text()
    # A chosen start date re-plans the preview: a Monday start keeps Mon, Wed, Fri.
    page.start_on.setChecked(True)
    page.start_date.setDate(QDate(2026, 3, 9))
    assert page.preview.table.item(0, 3).text().count(",") == 2


def test_enrol_on_a_chosen_date_pause_resume_and_leave(page, store, qtbot, answer_yes) -> None:
    page.select_program("low-back-3-weeks")
    page.start_on.setChecked(True)
    page.start_date.setDate(QDate(2026, 3, 2))
    with qtbot.waitSignal(page.ctx.events.sessions_changed):
        page.enrol_button.click()
    active = store.enrolments.active()
    assert active.program.id == "low-back-3-weeks" and active.started_on == date(2026, 3, 2)
    assert page.active_box.isVisible() and "Week 1 of 3" in page.active_label.text()
    assert "(following)" in page.list.currentItem().text()
    # Another program cannot be started while one is followed.
    page.select_program("knee-oa-6-weeks")
    assert not page.enrol_button.isEnabled()
    assert "Leave" in page.enrol_note.text()

    page.pause_button.click()
    assert store.enrolments.active().paused
    assert page.pause_button.text() == "&Resume"
    page.pause_button.click()  # resumed the same day: the pause is undone
    assert not store.enrolments.active().paused

    page.leave_button.click()  # answer_yes: "Leave the program?" yes
    assert store.enrolments.active() is None
    assert page.history.rowCount() == 1
    assert page.history.item(0, 0).text() == "Low-back pain: 3 weeks"
    # Left on Wednesday: Mon-Tue were available, ceil(3 x 2 / 7) = 1 session (Monday), missed.
    assert page.history.item(0, 3).text() == "0 of 1 planned session, 0 %"


def test_leave_can_be_cancelled(page, store, monkeypatch) -> None:
    page.select_program("low-back-3-weeks")
    page.enrol_button.click()
    monkeypatch.setattr(confirm, "ask", lambda *_a, **_k: False)
    page.leave_button.click()
    assert store.enrolments.active() is not None


def test_export_then_import_asks_on_the_clash(page, answers, tmp_path, store) -> None:
    page.select_program("knee-oa-6-weeks")
    answers["save"] = tmp_path / "knee plan"  # no suffix typed: the program's is added
    written = page.export_selected()
    assert written == tmp_path / "knee plan.walkback-program.json"
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["id"] == "knee-oa-6-weeks"

    answers["open"] = [written]
    [imported] = page.import_from_dialog()
    assert answers["clashes"] and answers["clashes"][0][1] is False  # a built-in: no replace
    assert imported.id == "knee-oa-6-weeks-2"
    assert "(yours)" in page.list.currentItem().text()

    bad = tmp_path / "broken.walkback-program.json"
    bad.write_text('{"format": "walkback-program", "version": 1, "id": "x"}', encoding="utf-8")
    assert page.import_files([bad]) == []
    assert "broken.walkback-program.json was not imported" in answers["problems"][0]


def test_dropped_program_files_are_imported(page, ctx, tmp_path, store, qtbot) -> None:
    program = store.programs.get("low-back-3-weeks").with_changes(id="my-back", name="My back")
    path = tmp_path / "my-back.walkback-program.json"
    path.write_text(program.to_json(), encoding="utf-8")
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    with qtbot.waitSignal(ctx.events.page_requested):
        ctx.events.files_dropped.emit([path, other])
    assert store.programs.get("my-back") is not None
    assert page.selected_program().id == "my-back"


def test_calendar_export_has_one_event_per_planned_session(page, answers, tmp_path, store):
    page.select_program("knee-oa-6-weeks")
    page.start_on.setChecked(True)
    page.start_date.setDate(QDate(2026, 3, 2))
    page.enrol_button.click()
    store.settings.update(reminder_time="07:30")
    answers["save"] = tmp_path / "plan"
    written = page.export_calendar()
    assert written == tmp_path / "plan.ics"
    calendar = icalendar.Calendar.from_ical(written.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 18  # 6 weeks x 3 sessions, from a Monday
    first = min(e.decoded("dtstart") for e in events)
    assert first.isoformat() == "2026-03-02T07:30:00"
    assert "week 1" in str(events[0]["summary"])


def test_menu_offers_import_export_and_calendar(page) -> None:
    actions = page.menu_actions()["File"]
    assert [a.text() for a in actions] == [
        "Import &program…",
        "Export p&rogram…",
        "Export plan to &calendar…",
    ]
    assert not page.calendar_action.isEnabled()  # no program followed yet


def test_tab_leaves_the_lists(page, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    page.activateWindow()
    for widget in (page.list, page.preview.table):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not widget
