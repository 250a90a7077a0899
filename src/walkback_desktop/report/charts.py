"""The report's charts without pyqtgraph: charts/print_charts.py drawn for
the report's data. The one chart renderer of the report, for `walkback report`
and for the app's print and export alike.

The kinds: "backward" (weekly, or monthly for a long period), "pain-rpe" on
the backward chart's time axis, and "bwt" (the 3-m Backward Walk Test).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QImage

from walkback_desktop.charts import print_charts, print_paint
from walkback_desktop.report.data import ReportData
from walkback_desktop.report.render import ChartSize

# Laid out as on a screen this wide, then scaled to the printed width: 11 pt
# chart text comes out at about 8 pt.
LOGICAL_WIDTH = 880


def render_print_charts(
    data: ReportData, size: ChartSize, kinds: Sequence[str] = ("backward", "pain-rpe")
) -> dict[str, QImage]:
    out: dict[str, QImage] = {}
    periods = data.months if data.monthly else data.weeks
    if "backward" in kinds:
        spec = print_charts.backward_spec(periods, data.goal, monthly=data.monthly)
        out["backward"] = _render(spec, size)
    if "pain-rpe" in kinds:
        spec = print_charts.pain_rpe_spec(
            data.records,
            first_weekday=data.first_weekday,
            weeks=data.weeks,
            months=data.months or None,
            axis_of=periods or None,
            axis_monthly=data.monthly,
        )
        out["pain-rpe"] = _render(spec, size)
    bwt = data.extras.bwt
    if "bwt" in kinds and bwt is not None and bwt.results:
        spec = print_charts.bwt_spec(
            [(r.day, r.seconds) for r in bwt.results],
            reference_s=bwt.reference.seconds if bwt.reference else None,
        )
        out["bwt"] = _render(spec, ChartSize(size.width_pt, size.height_pt * 0.8, size.dpi))
    return out


def _render(spec: print_charts.ChartSpec, size: ChartSize) -> QImage:
    image = print_paint.render(spec, size.width_px, size.height_px, LOGICAL_WIDTH)
    image.setDevicePixelRatio(size.width_px / LOGICAL_WIDTH)
    return image
