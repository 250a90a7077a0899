"""One format for durations and one for minutes, halves rounded up."""

from __future__ import annotations

import pytest

from walkback_desktop.i18n import formats


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (59.5, "1:00"), (210, "3:30"), (3725, "1:02:05"), (-4, "0:00")],
)
def test_duration(seconds, text):
    assert formats.duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(210, "3.5 min"), (135, "2.3 min"), (720, "12 min"), (0, "0 min"), (3, "0.1 min")],
)
def test_minutes_round_half_up_and_drop_trailing_zero(seconds, text):
    # 135 s = 2.25 min: half-to-even would say 2.2
    assert formats.minutes(seconds) == text


def test_dates_in_english_and_german():
    from datetime import date

    from walkback_desktop.i18n import set_language

    day = date(2026, 3, 2)
    try:
        set_language("en")
        assert formats.day_month_year(day) == "2 Mar 2026"
        assert formats.month_year(day) == "Mar 2026"
        assert formats.weekday_date(day) == "Mon 2 Mar 2026"
        set_language("de")
        assert formats.day_month_year(day) == "2. März 2026"
        assert formats.day_month(date(2026, 10, 12)) == "12. Okt."
        assert formats.weekday_date(day) == "Mo., 2. März 2026"
    finally:
        set_language("en")
