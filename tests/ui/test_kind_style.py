"""One table for how each segment kind looks and is named."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from walkback_desktop.core.routine import SegmentKind
from walkback_desktop.ui.kind_style import KIND_STYLE, kind_banner, kind_name
from walkback_desktop.ui.widgets.segment_strip import KIND_COLOURS, KIND_NAMES


@pytest.mark.parametrize("kind", list(SegmentKind))
def test_every_segment_kind_has_a_style(kind):
    # A new SegmentKind needs one row in KIND_STYLE, nothing else in the UI.
    # (Python's Enum cannot be extended at run time, so completeness is tested.)
    style = KIND_STYLE[kind]
    assert QColor(style.strip_colour).isValid() and QColor(style.banner_colour).isValid()
    assert kind_banner(kind) == kind_name(kind).upper()
    assert KIND_NAMES[kind] == style.display_name
    assert KIND_COLOURS[kind] == QColor(style.strip_colour)


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    colour = QColor(hex_colour)
    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


@pytest.mark.parametrize("kind", list(SegmentKind))
def test_banner_colours_carry_white_text(kind):
    contrast = 1.05 / (_luminance(KIND_STYLE[kind].banner_colour) + 0.05)
    assert contrast >= 4.5


def test_warm_up_and_cool_down_are_spelled_the_same_everywhere():
    assert kind_name(SegmentKind.WARMUP) == "Warm-up"
    assert kind_banner(SegmentKind.WARMUP) == "WARM-UP"
    assert kind_banner(SegmentKind.COOLDOWN) == "COOL-DOWN"
    assert KIND_NAMES[SegmentKind.COOLDOWN] == "Cool-down"
