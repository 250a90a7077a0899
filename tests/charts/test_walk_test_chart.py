"""The 3MBWT trend chart: one point per result, the references as lines."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from walkback_desktop.charts.walk_test_chart import WalkTestChart, reference_label
from walkback_desktop.core.assessments import REFERENCES, AssessmentResult

ZONE = timezone(timedelta(hours=-5))


def test_points_on_the_walkers_dates_and_reference_lines_with_sources(qtbot) -> None:
    results = [
        AssessmentResult(datetime(2026, 3, 2, 21, 0, tzinfo=ZONE), 6.4),
        AssessmentResult(datetime(2026, 4, 27, 21, 0, tzinfo=ZONE), 5.2),
    ]
    chart = WalkTestChart(lambda: results)
    qtbot.addWidget(chart)
    # 21:00 at UTC-5 is the next day in UTC: the point stays on the walker's date.
    assert chart.points[0] == ((date(2026, 3, 2) - date(1970, 1, 1)).days, 6.4)
    assert [line.value() for line in chart.reference_lines] == [r.seconds for r in REFERENCES]
    assert "Polo-Ferrero" in reference_label(REFERENCES[1])
    assert "J Funct Morphol Kinesiol" in chart.reference_lines[1].toolTip()
    assert "fastest 5.2 s" in chart.summary.text()
    assert "not a diagnosis" in chart.summary.text()


def test_empty_says_how_to_get_a_result(qtbot) -> None:
    chart = WalkTestChart(list)
    qtbot.addWidget(chart)
    assert chart.points == []
    assert "Take the test" in chart.summary.text()
    assert len(chart.reference_lines) == len(REFERENCES)
