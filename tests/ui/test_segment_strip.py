from __future__ import annotations

from tests.helpers import make_routine
from walkback_desktop.core.routine import SegmentKind
from walkback_desktop.ui.widgets.segment_strip import KIND_COLOURS, SegmentStrip


def test_every_kind_has_a_colour_and_the_strip_describes_the_shape(qtbot):
    assert set(KIND_COLOURS) == set(SegmentKind)
    strip = SegmentStrip()
    qtbot.addWidget(strip)
    assert strip.toolTip() == "No segments"
    strip.set_routine(make_routine((60, "warmup"), (120, "backward")))
    assert strip.accessibleDescription() == "Warm-up 1:00, Backward 2:00"
    strip.resize(300, 18)
    image = strip.grab().toImage()
    assert image.pixelColor(50, 9) == KIND_COLOURS[SegmentKind.WARMUP]
    assert image.pixelColor(250, 9) == KIND_COLOURS[SegmentKind.BACKWARD]
