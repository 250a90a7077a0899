"""When the tray reminder is due: hand-worked days and times."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from walkback_desktop.core.reminders import parse_reminder_time, reminder_due
from walkback_desktop.core.settings import SettingError, setting

MON = date(2026, 3, 2)  # a Monday with a planned session
TUE = date(2026, 3, 3)  # no session planned


def at(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm, ss))


def test_due_at_the_chosen_minute_on_a_planned_day() -> None:
    assert not reminder_due(at(MON, 17, 59, 59), "18:00", [MON], None)
    assert reminder_due(at(MON, 18, 0), "18:00", [MON], None)


def test_started_after_the_time_reminds_at_once_but_only_that_day() -> None:
    assert reminder_due(at(MON, 21, 15), "18:00", [MON], None)
    # Tuesday has nothing planned; Monday's open session is not reminded late.
    assert not reminder_due(at(TUE, 18, 30), "18:00", [MON], None)


def test_once_a_day() -> None:
    assert not reminder_due(at(MON, 18, 5), "18:00", [MON], last_shown=MON)
    assert reminder_due(at(TUE, 18, 5), "18:00", [TUE], last_shown=MON)


def test_off_or_no_session_is_never_due() -> None:
    assert not reminder_due(at(MON, 18, 0), "", [MON], None)
    assert not reminder_due(at(TUE, 18, 0), "18:00", [MON], None)
    assert not reminder_due(at(MON, 18, 0), "garbage", [MON], None)


def test_parse_and_the_setting_refuses_bad_times() -> None:
    assert parse_reminder_time("07:05") == time(7, 5)
    assert parse_reminder_time("") is None
    with pytest.raises(ValueError, match="HH:MM"):
        parse_reminder_time("24:00")
    assert setting("reminder_time").parse("18:30") == "18:30"
    assert setting("reminder_time").parse("") == ""
    with pytest.raises(SettingError, match="HH:MM"):
        setting("reminder_time").parse("6pm")
    assert setting("keep_in_tray").parse("yes") is True
