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
