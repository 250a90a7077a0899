"""The report's charts drawn with QPainter (charts/print_charts.py,
charts/print_paint.py, report/charts.py): the same data rules as the
pyqtgraph charts, and images the report can place."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtGui import QColor

from tests.helpers import make_session
from walkback_desktop.charts.dates import WEEK_S, date_timestamp
from walkback_desktop.charts.palette import PRINT
from walkback_desktop.charts.print_charts import Bars, Line, backward_spec, pain_rpe_spec
from walkback_desktop.charts.print_paint import render
from walkback_desktop.core import stats
from walkback_desktop.report.charts import render_print_charts
from walkback_desktop.report.data import ReportRequest, collect
from walkback_desktop.report.render import ChartSize

GOAL = stats.WeeklyGoal(sessions=3, backward_min=30)


def _week(start: date, sessions: int, minutes: float) -> stats.PeriodTotals:
    return stats.PeriodTotals(
        start=start,
        sessions=sessions,
        active_s=minutes * 120,
        backward_s=minutes * 60,
        kcal=0.0,
        avg_rpe=None,
        avg_pain=None,
        completed=sessions,
    )


def test_weeks_that_met_the_goal_are_dark_and_the_goal_is_a_dashed_line():
    weeks = [_week(date(2025, 3, 3), 3, 40), _week(date(2025, 3, 10), 1, 12)]
    spec = backward_spec(weeks, GOAL)
    met, below, goal = spec.items
    assert isinstance(met, Bars) and met.colour == PRINT.bar_met and list(met.heights) == [40]
    assert isinstance(below, Bars) and below.colour == PRINT.bar and list(below.heights) == [12]
    assert isinstance(goal, Line) and list(goal.ys) == [30, 30]
    assert [label for label, _c, _s in spec.legend] == [
        "Goal reached",
        "Below goal",
        "Goal 30 min",
    ]
    assert spec.y_range == (0.0, 40 * 1.08)
    # a bar sits on its week's centre, and the first week's date is on the axis
    assert met.xs[0] == date_timestamp(date(2025, 3, 3)) + WEEK_S / 2
    assert spec.x_ticks[0][1] == "3 Mar"


def test_many_rated_sessions_are_drawn_as_weekly_averages():
    start = datetime(2025, 1, 6, 9, tzinfo=timezone.utc)
    records = [
        make_session(0, started_at=start + timedelta(days=d), pain=d % 5, rpe=4) for d in range(90)
    ]
    few = pain_rpe_spec(records[:10])
    many = pain_rpe_spec(records)
    assert few.title == "Pain and effort" and all(
        isinstance(i, Line) and i.symbol for i in few.items
    )
    assert many.title == "Pain and effort (weekly average)"
    pain = many.items[0]
    assert isinstance(pain, Line) and len(pain.xs) == 13
    assert pain.ys[0] == (0 + 1 + 2 + 3 + 4 + 0 + 1) / 7  # Mon 6 Jan .. Sun 12 Jan


def test_a_rendered_chart_has_the_size_asked_and_shows_its_bars(qapp):
    weeks = [_week(date(2025, 3, 3) + timedelta(weeks=n), 3, 40) for n in range(4)]
    image = render(backward_spec(weeks, GOAL), 1200, 400, 880)
    assert (image.width(), image.height()) == (1200, 400)
    colours = {image.pixelColor(x, 300).name() for x in range(0, 1200, 3)}
    assert QColor(PRINT.bar_met).name() in colours


def test_the_report_gets_the_chart_kinds_its_sections_ask_for(store, qapp):
    store.sessions.import_many([make_session(d) for d in range(40)])
    data = collect(store, ReportRequest(), now=datetime(2025, 5, 1, tzinfo=timezone.utc))
    size = ChartSize(500, 150, 150)
    kinds = ("backward", "pain-rpe", "bwt", "unknown")
    painted = render_print_charts(data, size, kinds)
    assert painted.keys() == {"backward", "pain-rpe"}  # no test results: no bwt chart
    for image in painted.values():
        assert image.devicePixelRatio() > 1  # drawn at print resolution


def test_the_axis_label_does_not_run_into_three_digit_ticks(qapp):
    """Left of the plot, the rotated "minutes" stands apart from the tick labels
    by clear paper ("150" once ran into it: 3 px apart, now 16)."""
    weeks = [_week(date(2025, 3, 3) + timedelta(weeks=n), 3, 180) for n in range(4)]
    image = render(backward_spec(weeks, GOAL), 1200, 400, 880)
    paper = QColor(PRINT.background)
    bar = QColor(PRINT.bar_met).name()

    def inked(x: int) -> bool:
        return any(
            abs(QColor(image.pixel(x, y)).lightness() - paper.lightness()) > 60
            for y in range(60, image.height() - 40)
        )

    first_bar = next(x for x in range(image.width()) if QColor(image.pixel(x, 300)).name() == bar)
    columns = [inked(x) for x in range(first_bar)]
    label_starts = columns.index(True)
    label_ends = columns.index(False, label_starts)
    next_ink = columns.index(True, label_ends)
    assert next_ink - label_ends >= 8
