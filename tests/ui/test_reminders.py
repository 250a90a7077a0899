"""Tray reminders at the chosen time on a planned day; closing to the tray."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QWidget

from walkback_desktop.ui.context import AppContext
from walkback_desktop.ui.program_common import make_service
from walkback_desktop.ui.reminders import ReminderSettings, TrayReminders
from walkback_desktop.ui.wiring import tray_reminders

MONDAY = date(2026, 3, 2)  # knee program planned days: Mon, Wed, Fri


@pytest.fixture
def ctx(store, data_dir):
    store.settings.update(week_start="monday", reminder_time="18:00")
    make_service(store, lambda: MONDAY).enrol("knee-oa-6-weeks", MONDAY)
    return AppContext(store=store, data_dir=data_dir)


def reminders_at(qtbot, ctx, clock: list[datetime], *, tray: bool = False) -> TrayReminders:
    window = QWidget()
    qtbot.addWidget(window)
    return tray_reminders(ctx, window, now=lambda: clock[0], tray_available=tray)


def test_reminds_once_at_the_time_on_planned_days_only(qtbot, ctx) -> None:
    clock = [datetime.combine(MONDAY, time(17, 59))]
    reminders = reminders_at(qtbot, ctx, clock)
    assert not reminders.check()
    clock[0] = datetime.combine(MONDAY, time(18, 0))
    with qtbot.waitSignal(ctx.events.status_message) as shown:  # no tray offscreen
        assert reminders.check()
    assert "Knee" in shown.args[0]
    assert not reminders.check()  # once a day
    clock[0] = datetime.combine(MONDAY + timedelta(days=1), time(18, 0))  # Tuesday: none planned
    assert not reminders.check()
    clock[0] = datetime.combine(MONDAY + timedelta(days=2), time(19, 0))  # Wednesday
    assert reminders.check()
    assert len(reminders.shown) == 2


def test_reminder_off(qtbot, ctx, store) -> None:
    store.settings.update(reminder_time="")
    reminders = reminders_at(qtbot, ctx, [datetime.combine(MONDAY, time(20, 0))])
    assert not reminders.check()


def test_without_a_tray_closing_quits_as_usual(qtbot, ctx, store) -> None:
    store.settings.update(keep_in_tray=True)
    reminders = reminders_at(qtbot, ctx, [datetime.combine(MONDAY, time(9, 0))])
    reminders.window.show()
    assert not reminders.keeps_running()
    reminders.window.close()
    assert not reminders.window.isVisible()


def test_settings_group_writes_the_time_and_the_tray_option(qtbot, ctx, store) -> None:
    group = ReminderSettings(ctx, settings=store.settings)
    qtbot.addWidget(group)
    assert group.remind.isChecked() and group.time_edit.time().toString("HH:mm") == "18:00"
    with qtbot.waitSignal(ctx.events.settings_changed) as changed:
        group.remind.setChecked(False)
    assert changed.args == ["reminder_time"]
    assert store.settings.snapshot().reminder_time == ""
    group.remind.setChecked(True)
    group.time_edit.setTime(group.time_edit.time().addSecs(-3600))
    group.keep.setChecked(True)
    assert store.settings.snapshot().reminder_time == "17:00"
    assert store.settings.snapshot().keep_in_tray is True


@pytest.mark.qt_log_ignore("systemTrayWindowChanged")  # offscreen has no tray to watch
def test_with_a_tray_closing_hides_to_the_tray_and_quit_really_closes(
    qtbot, ctx, store, monkeypatch
) -> None:
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(QApplication, "quit", lambda *_a: None)  # keep pytest's app alive
    store.settings.update(keep_in_tray=True)
    reminders = reminders_at(qtbot, ctx, [datetime.combine(MONDAY, time(9, 0))], tray=True)
    window = reminders.window
    window.show()
    assert reminders.keeps_running()
    assert not window.close()  # the close is refused: WalkBack stays in the tray
    assert not window.isVisible()
    assert "tray" in reminders.shown[-1]
    window.show()
    reminders.quit()
    assert not window.isVisible()
    assert len(reminders.shown) == 1
